"""Turn files into index rows: file -> articles -> sentences -> store.

Plain-text pages (.txt, .md) go through ``layout``; JSON Lines archives (one
article per record, as newsroom exports are) give their articles directly, with
attribution from the record's fields.

Citation ids are hashes of (path, sentence text, how many times the same text
occurred before it in the file), so they survive re-indexing and edits elsewhere
in the file.  A file whose size and mtime are unchanged is not read again; one
whose bytes hash the same is not parsed again.

Work is split in two, so both cores help: worker processes parse, split,
normalise and build the rows, citation ids included (pages whole, archives in
chunks of records, so memory does not grow with the size of a file); this
process, the single writer, settles what a unit cannot know alone (article
ordinals, the ids of a text an earlier unit of the file held too) and writes,
in file order, each file in one transaction.  Workers run a bounded number of
units ahead of the writer, and hand over an archive's units as small SQLite
databases (``Packed``) that the writer copies in SQLite's own code.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .layout import Article, Credit, parse_byline, parse_dateline, read_page, sentence_spans
from .normalize import normalize_many
from .reader import ARCHIVE_SUFFIXES, PDF_SUFFIXES, WEB_SUFFIXES, WORD_SUFFIXES, NotText, decode, find_files
from .sentences import split_sentences
from .store import MMAP_SIZE, Store, caption_rows, gram_doc, title_rows

DEFAULT_FIELDS = {"title": "title", "byline": "byline", "date": "date", "source": "source", "text": "text"}


class ArchiveError(Exception):
    pass


@dataclass
class Report:
    indexed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    removed: list[str] = field(default_factory=list)
    sentences: int = 0
    articles: int = 0
    captions: int = 0
    bad_records: dict[str, list[str]] = field(default_factory=dict)  # archive path -> records skipped, and why
    unknown: list[str] = field(default_factory=list)  # files in the directories of a type not read


def short_hash(*parts: str, size: int = 6) -> str:
    return hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=size).hexdigest()


def _credits_json(credits: list[Credit]) -> list[dict]:
    return [{"name": c.name, "role": c.role} for c in credits]


def finish(articles: list[tuple[Article, list[dict]]]) -> list[tuple[Article, list[dict]]]:
    """Add the headline rows, and the normalised form and bigrams of every sentence (the costly, parallel part)."""
    for art, sents in articles:
        if not any(s.get("kind") == "title" for s in sents):
            sents[:0] = title_rows(art.title, art.subtitle, art.line, subtitle_line=art.subtitle_line,
                                   spans=(art.title_span, art.subtitle_span)) + caption_rows(art.captions)
    flat = [s for _, sents in articles for s in sents]
    for s, norm in zip(flat, normalize_many([s["text"] for s in flat])):
        s["norm"] = norm
        s["grams"] = gram_doc(norm)
    return articles


def _key(text: str, kind: str | None) -> str:
    """What citation ids count occurrences of: the text, headlines and captions apart from the body
    (as migrations 7 and 8 name them), so indexing them left every body sentence's id as it was."""
    return text if kind is None else f"\0{kind}\0" + text


def _text_of(key: str) -> str:
    """The text a ``_key`` was made of."""
    return key.split("\0", 2)[2] if key[:1] == "\0" else key


def _cid(path: str, text: str, kind: str | None, n: int) -> str:
    """A sentence's citation id: its file, its text and how often that text came before (``n``-th)."""
    if kind is not None:
        return short_hash(path, text, kind, str(n))
    return short_hash(path, text, str(n))


@dataclass
class Rows:
    """One unit of work as the writer inserts it, built in a worker: the writer only adds its
    own offsets (rowids, article ids, ordinals) and fixes the few ids a unit cannot know.

    ``sentences`` rows are ``(k, cid, article k, paragraph, sentence, section, line, start,
    end, text, norm, kind)`` with ``k`` counted from 0 in the unit; ``grams`` rows are
    ``(k, bigram document)``.  ``cid`` counts a text's occurrences within this unit only;
    ``counts`` (occurrences of each text) lets the writer correct the ids of texts that earlier units of
    the same file held too.
    """

    articles: list[dict] = field(default_factory=list)
    sentences: list[tuple] = field(default_factory=list)
    grams: list[tuple[int, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    body: int = 0  # sentences of the body (headlines and captions are counted apart)
    captions: int = 0


def unit_rows(path: str, articles: list[tuple[Article, list[dict]]]) -> Rows:
    """The rows of finished articles (see ``finish``), ids counted within this unit."""
    out = Rows()
    counts: Counter[str] = Counter()
    k = 0
    for a, (art, sents) in enumerate(articles):
        out.articles.append({
            "title": art.title, "subtitle": art.subtitle,
            "credits": json.dumps(_credits_json(art.credits), ensure_ascii=False), "date": art.date,
            "source": art.source, "site": art.site, "url": art.url, "line": art.line,
            "captions": json.dumps([{"line": c.line, "text": c.text} for c in art.captions], ensure_ascii=False),
        })
        for s in sents:
            kind = s.get("kind")
            key = _key(s["text"], kind)
            counts[key] += 1
            out.sentences.append((k, _cid(path, s["text"], kind, counts[key]), a, s["paragraph"], s["sentence"],
                                  s["section"], s["line"], s["start"], s["end"], s["text"], s["norm"], kind))
            out.grams.append((k, s["grams"]))
            k += 1
            if kind is None:
                out.body += 1
            elif kind == "caption":
                out.captions += 1
    out.counts = dict(counts)
    return out


@dataclass
class Packed:
    """A unit's rows as a worker hands them to the writer: its sentences as a serialized SQLite
    database (``UNIT_TABLE``), which the writer copies with ``INSERT … SELECT`` in SQLite's own
    code, and what the writer settles in Python (articles, occurrences of each text).

    Sent as Python rows, the writer unpickled a tuple per sentence and bound its twelve values
    one by one: 40 % of the writer's time, and the writer is what an index build waits for.
    """

    articles: list[dict]
    db: bytes
    counts: dict[str, int]  # occurrences of each text (``_key``) in the unit
    size: int  # rows in ``db``
    body: int
    captions: int


# k, cid and article k as in ``Rows.sentences``; then the sentence's columns, and its bigram document.
UNIT_TABLE = ('u (k INTEGER PRIMARY KEY, cid TEXT, a INTEGER, paragraph INTEGER, sentence INTEGER, section TEXT,'
              ' line INTEGER, start INTEGER, "end" INTEGER, text TEXT, norm TEXT, kind TEXT, grams TEXT)')
CAN_PACK = hasattr(sqlite3.Connection, "serialize")  # Python 3.11 and later


def pack(rows: Rows) -> Packed:
    """``rows`` for a writer in another process (see ``Packed``)."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db.execute(f"CREATE TABLE {UNIT_TABLE}")
        db.execute("BEGIN")
        db.executemany("INSERT INTO u VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       [r + (g,) for r, (_, g) in zip(rows.sentences, rows.grams)])
        db.execute("COMMIT")
        data = db.serialize()
    finally:
        db.close()
    return Packed(rows.articles, data, rows.counts, len(rows.sentences), rows.body, rows.captions)


class Ids:
    """A file's article ordinals and ids, and the citation ids its units could not count alone."""

    def __init__(self, path: str):
        self.path = path
        self.seen: dict[str, int] = {}  # occurrences of each text in the units before
        self.ordinal = 0

    def settle(self, rows: Rows) -> Rows:
        """``rows`` with article ids, ordinals and every citation id counted over the whole file."""
        self.settle_articles(rows.articles)
        fixes = self.recount(rows.counts, lambda texts: [(r[0], r[9], r[11]) for r in rows.sentences if r[9] in texts])
        for cid, k in fixes:  # texts an earlier unit held: rare (repeated stories)
            r = rows.sentences[k]
            rows.sentences[k] = r[:1] + (cid,) + r[2:]
        return rows

    def settle_articles(self, articles: list[dict]) -> None:
        for art in articles:
            self.ordinal += 1
            art["ordinal"] = self.ordinal
            art["aid"] = "a" + short_hash(self.path, str(self.ordinal), art["title"], size=5)

    def recount(self, counts: dict[str, int], rows: Callable[[set[str]], Iterable[tuple[int, str, str | None]]]
                ) -> list[tuple[str, int]]:
        """A unit's new citation ids, ``(cid, k)``, for its texts that earlier units held too;
        ``rows(texts)`` gives ``(k, text, kind)`` of the unit's rows holding those texts, in order."""
        seen = self.seen
        again = counts.keys() & seen.keys()
        fixes: list[tuple[str, int]] = []
        if again:
            local: Counter[str] = Counter()
            for k, text, kind in rows({_text_of(key) for key in again}):
                key = _key(text, kind)
                if key in again:
                    local[key] += 1
                    fixes.append((_cid(self.path, text, kind, seen[key] + local[key]), k))
        for key, n in counts.items():
            seen[key] = seen.get(key, 0) + n
        return fixes


def sentence_rows(art: Article) -> list[dict]:
    """Sentence rows of an article read by the page layout (no ids yet)."""
    return [
        {"text": s.text, "paragraph": s.paragraph, "sentence": s.sentence, "section": s.section,
         "line": s.line, "start": s.start, "end": s.end}
        for s in sentence_spans(art)
    ]


def page_articles(text: str, *, markdown: bool = False) -> list[tuple[Article, list[dict]]]:
    """Articles of a text page with their sentence rows (no ids yet)."""
    return [(art, sentence_rows(art)) for art in read_page(text, markdown=markdown)]


def unlined_rows(art: Article, line: int | None = None) -> list[dict]:
    """Sentence rows of an article read from a file with no text lines to cite (a web page, a Word
    document): no file offsets, and the paragraph (or ``line``) as the line."""
    return [dict(r, line=r["paragraph"] if line is None else line, start=None, end=None) for r in sentence_rows(art)]


def _credits_from(value: object) -> list[Credit]:
    if value is None or value == "":
        return []
    names = value if isinstance(value, list) else [value]
    credits: list[Credit] = []
    for name in names:
        if not isinstance(name, str) or not name.strip():
            continue
        credits.extend(parse_byline(name) or [Credit(name=name.strip())])
    return credits


def archive_records(lines: list[tuple[int, str]], problems: list[str] | None = None) -> list[tuple[int, dict]]:
    """JSON Lines, numbered, as records; a JSON array is one 'line' holding a list.

    A line that is not valid JSON, nested too deep or not an object is one bad record: it is
    named in ``problems`` and the rest of the archive is read.  Without ``problems`` it raises.
    """
    records: list[tuple[int, dict]] = []
    for number, line in lines:
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as e:
            where = f"line {number + e.lineno - 1}" if line.lstrip().startswith("[") else f"line {number}"
            _problem(problems, f"{where} is not valid JSON ({e.msg})")
            continue
        except RecursionError:
            _problem(problems, f"line {number} is nested too deep to read")
            continue
        for rec in value if isinstance(value, list) else [value]:
            if isinstance(rec, dict):
                records.append((number, rec))
            else:
                _problem(problems, f"line {number} is not a JSON object")
    return records


def _problem(problems: list[str] | None, message: str) -> None:
    if problems is None:
        raise ArchiveError(message)
    problems.append(message)


def _field_text(value: object) -> str | None:
    """A record's title, date or source as text: strings as they are, finite numbers written out."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)) and math.isfinite(value):
        return str(value)
    return None


def record_articles(records: list[tuple[int, dict]], fields: dict[str, str] | None = None,
                    problems: list[str] | None = None) -> list[tuple[Article, list[dict]]]:
    """One article per record, attributed from the record's fields (a record with no text is a problem)."""
    fields = {**DEFAULT_FIELDS, **(fields or {})}
    out = []
    for number, rec in records:
        body = rec.get(fields["text"])
        if not isinstance(body, str) or not body.strip():
            what = "no text" if body is None or body == "" else "a text that is not a string"
            if problems is not None:
                problems.append(f"line {number} has {what} (field {fields['text']!r})")
            continue
        for key in ("title", "date", "source"):
            value = rec.get(fields[key])
            if value not in (None, "") and _field_text(value) is None and problems is not None:
                problems.append(f"line {number}: its {key} is not text, left out")
        art = Article(
            title=_field_text(rec.get(fields["title"])) or "",
            line=number,
            credits=_credits_from(rec.get(fields["byline"])),
            date=_field_text(rec.get(fields["date"])),
            source=_field_text(rec.get(fields["source"])),
        )
        paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
        if not art.credits and paragraphs:
            art.credits = parse_dateline(paragraphs[0]) or []
        sents = []
        for p_no, para in enumerate(paragraphs, start=1):
            for s_no, (a, b) in enumerate(split_sentences(para), start=1):
                sents.append({"text": para[a:b], "paragraph": p_no, "sentence": s_no, "section": None,
                              "line": number, "start": None, "end": None})
        out.append((art, sents))
    return out


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    if text.lstrip().startswith("["):
        return [(1, text)]  # a JSON array: one unit
    return list(enumerate(text.split("\n"), start=1))


def archive_articles(text: str, fields: dict[str, str] | None = None) -> list[tuple[Article, list[dict]]]:
    """Articles of a JSON Lines (or JSON array) archive: one article per record."""
    return record_articles(archive_records(_numbered_lines(text)), fields)


def parse_file(path: Path, data: bytes, fields: dict[str, str] | None = None, *,
               url: str | None = None) -> tuple[str, str, list[tuple[Article, list[dict]]]]:
    """(encoding, kind, articles) of a file's bytes (``url``: where a fetched page came from);
    raises NotText or ArchiveError."""
    if path.suffix.lower() in PDF_SUFFIXES:
        from .pdf import NotPDF, read_pdf  # pypdfium2 loads only for PDF files

        try:
            pages = read_pdf(data)
        except NotPDF as e:
            raise NotText(str(e)) from None
        # Each sentence is located by its page (an article may run over several): no offsets.
        arts = [(art, [dict(r, start=None, end=None) for r in sentence_rows(art)]) for _, art in pages]
        return "pdf", "pdf", arts
    if path.suffix.lower() in WORD_SUFFIXES:
        from .word import NotWord, read_docx  # python-docx loads only for Word files

        try:
            arts = read_docx(data)
        except NotWord as e:
            raise NotText(str(e)) from None
        return "docx", "word", [(a, unlined_rows(a)) for a in arts]
    decoded = decode(data)
    if path.suffix.lower() in ARCHIVE_SUFFIXES:
        return decoded.encoding, "archive", archive_articles(decoded.text, fields)
    if path.suffix.lower() in WEB_SUFFIXES:
        from .web import NoArticle, read_web_page  # trafilatura loads only for web pages

        try:
            arts = read_web_page(decoded.text, url=url)
        except NoArticle as e:
            raise NotText(str(e)) from None
        return decoded.encoding, "web", [(a, unlined_rows(a)) for a in arts]
    arts = page_articles(decoded.text, markdown=path.suffix.lower() in (".md", ".markdown"))
    if arts and not arts[0][0].title:
        arts[0][0].title = path.stem
    return decoded.encoding, "page", arts


# ---------------------------------------------------------------- work units (run in workers)


def work_page(path: str, fields: dict[str, str] | None) -> tuple[str, str, str, list]:
    """A whole page file: ("ok", encoding, kind, articles) or ("skip", reason, "", [])."""
    try:
        data = Path(path).read_bytes()
        encoding, kind, arts = parse_file(Path(path), data, fields)
    except OSError as e:
        return "skip", e.strerror or str(e), "", []
    except (NotText, ArchiveError) as e:
        return "skip", str(e), "", []
    if not arts:
        return "skip", "no text found", "", []
    return "ok", encoding, kind, unit_rows(path, finish(arts))


def work_records(path: str, lines: list[tuple[int, str]], fields: dict[str, str] | None, *,
                 packed: bool = False) -> tuple[Rows | Packed, list[str]]:
    """A chunk of an archive's lines: its rows (``packed`` for a writer in another process),
    and the records it had to skip."""
    problems: list[str] = []
    articles = record_articles(archive_records(lines, problems), fields, problems)
    rows = unit_rows(path, finish(articles))
    return (pack(rows) if packed else rows), problems


CHUNK_CHARS = 2_000_000  # about 15,000 sentences of Chinese news per unit


def _chunks(lines: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    size = 0
    for item in lines:
        chunk.append(item)
        size += len(item[1])
        if size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _index_url(store: Store, url: str, fields: dict[str, str] | None, report: Report, *,
               timeout: float | None = None) -> None:
    """Fetch one URL and index what it holds under the URL, with the time it was fetched.

    Fetched again on every run (a page has no mtime to trust); when its bytes are what
    was indexed before, the index is left as it is.
    """
    from .fetch import FetchError, fetch

    try:
        page = fetch(url, timeout=timeout)
    except FetchError as e:
        report.skipped.append((url, str(e)))
        return
    digest = hashlib.sha256(page.data).hexdigest()
    state = store.file_state(url)
    if state and state.sha256 == digest:
        report.unchanged.append(url)
        return
    try:
        encoding, kind, arts = parse_file(Path("fetched" + page.suffix), page.data, fields, url=page.final_url)
    except (NotText, ArchiveError) as e:
        report.skipped.append((url, str(e)))
        return
    if not arts:
        report.skipped.append((url, "no text found"))
        return
    for art, _ in arts:
        art.url = art.url or page.final_url
    writer = store.file_writer(path=url, sha256=digest, size=len(page.data), mtime_ns=0, encoding=encoding,
                               kind=kind, fetched_at=page.fetched_at)
    try:
        writer.add(Ids(url).settle(unit_rows(url, finish(arts))))
    except BaseException:
        writer.abort()
        raise
    _close(writer, report, url)


def _close(writer, report: Report, path: str) -> None:
    """Commit a file's rows and count them, or, when it gave no sentence, leave the index as it was."""
    if writer.sentences == 0:
        writer.abort()
        report.skipped.append((path, "no text found"))
        return
    writer.commit()
    report.sentences += writer.sentences
    report.articles += writer.articles
    report.captions += writer.captions
    report.indexed.append(path)


class _Runner:
    """Runs units in worker processes, at most ``window`` ahead, results in submission order."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pool = None
        if jobs > 1:
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_context

            from .forks import worker_start

            self.pool = ProcessPoolExecutor(jobs, mp_context=get_context("fork"), initializer=worker_start,
                                            initargs=(os.getpid(),))

    def submit(self, fn: Callable, *args: object, **kwargs: object):
        if self.pool is None:
            return _Done(fn, args, kwargs)
        return self.pool.submit(fn, *args, **kwargs)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


class _Done:
    """A unit run in this process (one job): computed when its result is asked for."""

    def __init__(self, fn: Callable, args: tuple, kwargs: dict):
        self.fn, self.args, self.kwargs = fn, args, kwargs

    def result(self):
        return self.fn(*self.args, **self.kwargs)


@dataclass
class _File:
    path: str
    sha256: str = ""
    size: int = 0
    mtime_ns: int = 0
    encoding: str | None = None
    kind: str = ""
    units: int = 0


def _plan(tasks: list[tuple[str, str | None]], fields: dict[str, str] | None, runner: _Runner) -> Iterator[tuple]:
    """Read and hash each file (here), and yield its units of work, submitted to ``runner``."""
    packed = CAN_PACK and runner.pool is not None  # rows made in a worker go to the writer packed
    for path, known in tasks:
        f = Path(path)
        try:
            st = f.stat()
            data = f.read_bytes()
        except OSError as e:
            yield ("skip", path, e.strerror or str(e))
            continue
        digest = hashlib.sha256(data).hexdigest()
        meta = _File(path, digest, st.st_size, st.st_mtime_ns)
        if digest == known:
            yield ("unchanged", meta)
            continue
        if f.suffix.lower() in ARCHIVE_SUFFIXES:
            try:
                decoded = decode(data)
            except NotText as e:
                yield ("skip", path, str(e))
                continue
            del data
            meta.encoding, meta.kind = decoded.encoding, "archive"
            chunks = list(_chunks(_numbered_lines(decoded.text)))
            del decoded
            meta.units = len(chunks)
            for k, chunk in enumerate(chunks):
                yield ("unit", meta, k, lambda c=chunk: runner.submit(work_records, path, c, fields, packed=packed))
        else:
            meta.units = 1
            yield ("unit", meta, 0, lambda p=path: runner.submit(work_page, p, fields))


def _ordered(plan: Iterator[tuple], window: int) -> Iterator[tuple]:
    """The plan's items in order, with up to ``window`` units submitted ahead."""
    queue: deque = deque()
    plan = iter(plan)
    exhausted = False

    def fill() -> None:
        nonlocal exhausted
        while not exhausted and sum(1 for q in queue if q[0] == "unit") < window:
            item = next(plan, None)
            if item is None:
                exhausted = True
                return
            if item[0] == "unit":
                item = (item[0], item[1], item[2], item[3]())
            queue.append(item)

    fill()
    while queue:
        item = queue.popleft()
        if item[0] == "unit":
            try:
                result = item[3].result()
                item = ("unit", item[1], item[2], result, None)
            except ArchiveError as e:
                item = ("unit", item[1], item[2], None, e)
        fill()
        yield item


def index_paths(
    store: Store,
    paths: list[str | os.PathLike],
    *,
    prune: bool = False,
    fields: dict[str, str] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    jobs: int | None = None,
    timeout: float | None = None,
) -> Report:
    """Index files and directories into ``store``; each file is its own transaction."""
    report = Report()
    # Writing reads few pages and rereads none: memory-mapping the file (for lookups) would only
    # make the pages FTS5 merges count as this process's memory.
    store.conn.execute("PRAGMA mmap_size = 0")
    from .fetch import is_url

    urls = [str(p) for p in paths if is_url(str(p))]
    own = os.path.realpath(str(store.path))
    files, skipped, report.unknown = find_files([p for p in paths if not is_url(str(p))],
                                ignore={own + x for x in ("", "-wal", "-shm", "-journal", ".lock")})
    report.skipped.extend(skipped)
    tasks: list[tuple[str, str | None]] = []
    big = False  # one file large enough to be split into chunks for the workers
    for f in files:
        key = str(f)
        try:
            st = f.stat()
        except OSError as e:
            report.skipped.append((key, e.strerror or str(e)))
            continue
        state = store.file_state(key)
        if state and state.size == st.st_size and state.mtime_ns == st.st_mtime_ns:
            report.unchanged.append(key)
        else:
            tasks.append((key, state.sha256 if state else None))
            big = big or st.st_size > CHUNK_CHARS
    for url in dict.fromkeys(urls):
        _index_url(store, url, fields, report, timeout=timeout)
        if progress:
            progress(0, len(tasks), url)
    jobs = jobs or os.cpu_count() or 1
    runner = _Runner(jobs if len(tasks) > 1 or big else 1)
    done = 0
    writer = None
    ids: Ids | None = None
    failed: str | None = None
    try:
        for item in _ordered(_plan(tasks, fields, runner), window=jobs + 1):
            kind = item[0]
            if kind == "skip":
                report.skipped.append((item[1], item[2]))
                done += 1
            elif kind == "unchanged":
                meta = item[1]
                store.touch_file(meta.path, meta.size, meta.mtime_ns)
                report.unchanged.append(meta.path)
                done += 1
            else:
                _, meta, k, result, error = item
                if k == 0:
                    failed = None
                    if meta.kind != "archive":
                        status, encoding, page_kind, result = result
                        if status == "skip":
                            report.skipped.append((meta.path, encoding))
                            done += 1
                            continue
                        meta.encoding, meta.kind = encoding, page_kind
                    writer = store.file_writer(
                        path=meta.path, sha256=meta.sha256, size=meta.size, mtime_ns=meta.mtime_ns,
                        encoding=meta.encoding, kind=meta.kind,
                    )
                    ids = Ids(meta.path)
                if meta.kind == "archive" and result is not None:
                    result, problems = result
                    if problems:
                        report.bad_records.setdefault(meta.path, []).extend(problems)
                if failed is None and error is not None:
                    failed = str(error)
                    writer.abort()
                elif failed is None and isinstance(result, Packed):
                    writer.add_packed(result, ids)
                elif failed is None:
                    writer.add(ids.settle(result))
                if k == meta.units - 1:
                    done += 1
                    if failed is not None:
                        report.skipped.append((meta.path, failed))
                    else:
                        _close(writer, report, meta.path)
                    writer = None
            if progress:
                progress(done, len(tasks), item[1] if isinstance(item[1], str) else item[1].path)
    finally:
        if writer is not None:
            writer.abort()  # interrupted inside a file: that file stays as it was
        runner.close()
    if prune:
        for p in store.paths():
            if not is_url(p) and not os.path.exists(p):  # a fetched page has no file to miss
                store.remove_file(p)
                report.removed.append(p)
    store.refresh_frequencies()
    if report.sentences and report.sentences >= OPTIMIZE_SHARE * store.sentence_count():
        store.optimize()
    store.conn.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")  # lookups may follow on this connection
    return report


# A run that wrote this share of the index merges the bigram index into one segment after it
# (3.5 s at a million sentences): the candidate query is then about a quarter faster.  Smaller
# runs leave it to FTS5's own merging.
OPTIMIZE_SHARE = 0.1
