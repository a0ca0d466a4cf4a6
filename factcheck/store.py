"""The SQLite sentence index: the only module that writes SQL.

Tables:

* ``files``: one row per indexed file, with its content hash (re-indexing skips a
  file whose size and mtime, or failing that whose hash, are unchanged);
* ``articles``: title, subtitle, byline (JSON list of {name, role}), date, source,
  captions (JSON list of {line, text});
* ``sentences``: the printed text (after layout repair) and its normalised form,
  with article, paragraph, sentence number, section, line and character offsets;
  ``cid`` is the stable citation id;
* ``grams``: a contentless FTS5 table over the character bigrams of the
  normalised form (``detail=none``: we only need to know which sentences hold a
  bigram), and ``grams_vocab`` to read how many sentences hold each bigram.

Bigrams, not FTS5's trigram tokenizer: most Chinese words are two characters,
and a paraphrase ("增加至" for "增至") keeps more bigrams than trigrams.

Each file is replaced in one transaction, so an interrupted run leaves every
file either as it was or as it is now.  Schema changes are numbered migrations
(``PRAGMA user_version``).
"""

from __future__ import annotations

import json
import operator
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .patterns import regex

APP_ID = 0x46434B31  # "FCK1": marks a factcheck index file
MMAP_SIZE = 1 << 30  # lookups read the index through memory-mapped pages


class IndexError_(Exception):
    """An index that is missing, unreadable, corrupt or not ours."""


def _read_only_place(path: Path) -> bool:
    """Whether the index's directory (or the index itself) cannot be written to."""
    return not os.access(path.parent, os.W_OK) or not os.access(path, os.W_OK) or _read_only_mount(path)


def _read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _open_immutable(path: Path) -> tuple[sqlite3.Connection, int, int, int]:
    from urllib.parse import quote

    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?immutable=1", uri=True, isolation_level=None,
                               check_same_thread=False)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise IndexError_(f"{path} is not a factcheck index or is corrupt ({e})") from None
    return conn, app_id, version, tables


MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        encoding TEXT,
        kind TEXT NOT NULL,
        indexed_at REAL NOT NULL
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        aid TEXT NOT NULL UNIQUE,
        file_id INTEGER NOT NULL REFERENCES files(id),
        ordinal INTEGER NOT NULL,
        title TEXT NOT NULL,
        subtitle TEXT,
        byline TEXT NOT NULL,
        date TEXT,
        source TEXT,
        line INTEGER NOT NULL,
        captions TEXT NOT NULL
    );
    CREATE INDEX articles_file ON articles(file_id);
    CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        cid TEXT NOT NULL UNIQUE,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        paragraph INTEGER NOT NULL,
        sentence INTEGER NOT NULL,
        section TEXT,
        line INTEGER NOT NULL,
        start INTEGER,
        "end" INTEGER,
        text TEXT NOT NULL,
        norm TEXT NOT NULL
    );
    CREATE INDEX sentences_article ON sentences(article_id, paragraph, sentence);
    CREATE VIRTUAL TABLE grams USING fts5(g, content='', detail='none', tokenize='unicode61 remove_diacritics 0');
    CREATE VIRTUAL TABLE grams_vocab USING fts5vocab(grams, 'row');
    """,
    # 2: jieba's dictionary, so a lookup can cut words without loading jieba
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE lexicon (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID;
    """,
    "fill_lexicon",
    # 3: the ascii tokenizer indexes the same bigrams a third faster than unicode61
    "regram",
    # 4: bigram document frequencies in a plain table: fts5vocab counts a posting
    # list on every lookup (1.5 ms a bigram at a million sentences)
    """
    CREATE TABLE gram_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO gram_df SELECT term, doc FROM grams_vocab;
    INSERT OR REPLACE INTO meta(key, value) VALUES ('generation', '0'), ('df_generation', '0');
    """,
    # 5: jieba's tags for names of places, people and organisations, so word
    # differences can tell another place (湖州 for 东阳) from another word
    "tag_lexicon",
    # 7: headlines and subtitles are searchable sentences of their article
    # (paragraph 0, kind 'title'); the articles already indexed get theirs now
    "title_sentences",
    # 8: photo captions are searchable too (paragraph 0, kind 'caption')
    "caption_sentences",
    # 9: where a web page or PDF came from: the site's name and the page's canonical URL,
    # and when a page fetched by URL was fetched
    """
    ALTER TABLE articles ADD COLUMN site TEXT;
    ALTER TABLE articles ADD COLUMN url TEXT;
    ALTER TABLE files ADD COLUMN fetched_at TEXT;
    """,
    # 10: the dictionary's few long words (5 characters or more: 2 % of them) in one row, read
    # once, so cutting a claim asks the lexicon table only about its substrings of 1 to 4
    # characters (half as many)
    "long_words",
]


def _fill_lexicon(conn: sqlite3.Connection) -> None:
    from .words import jieba_dictionary, read_dictionary

    path = jieba_dictionary()
    if path is None:
        return  # without jieba's dictionary, claims are weighed character by character
    rows, total = read_dictionary(path)
    conn.executemany("INSERT OR REPLACE INTO lexicon(word, freq) VALUES (?, ?)", rows)
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('lexicon_total', ?)", (str(total),))


NAME_TAGS = ("ns", "nr", "nrt", "nrfg", "nt", "nz")


def _tag_lexicon(conn: sqlite3.Connection) -> None:
    from .words import jieba_dictionary, read_tags

    conn.execute("CREATE TABLE IF NOT EXISTS lexicon_tags (word TEXT PRIMARY KEY, tag TEXT NOT NULL) WITHOUT ROWID")
    path = jieba_dictionary()
    if path is None:
        return
    conn.executemany("INSERT OR REPLACE INTO lexicon_tags(word, tag) VALUES (?, ?)", read_tags(path, NAME_TAGS))


LONG_WORD = 5


def _long_words(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT word, freq FROM lexicon WHERE length(word) >= ?", (LONG_WORD,)).fetchall()
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('long_words', ?)",
                 ("\n".join(f"{w}\t{f}" for w, f in rows),))


def title_rows(title: str, subtitle: str | None, line: int, *, subtitle_line: int | None = None,
               spans: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None)) -> list[dict]:
    """The headline and subtitle of an article as sentence rows (paragraph 0, kind 'title')."""
    rows = []
    lines = (line, subtitle_line or line)
    for k, (text, span, at) in enumerate(zip((title, subtitle), spans, lines), start=1):
        if text and text.strip():
            start, end = span if span and span[1] - span[0] == len(text) else (None, None)
            rows.append({"text": text, "paragraph": 0, "sentence": k, "section": None,
                         "line": at, "start": start, "end": end, "kind": "title"})
    return rows


def caption_rows(captions: list, first: int = 10) -> list[dict]:
    """Photo captions as searchable rows of their article (paragraph 0, kind 'caption')."""
    rows = []
    for k, c in enumerate(captions):
        text = c.text.strip()
        if text:
            rows.append({"text": text, "paragraph": 0, "sentence": first + k, "section": None, "line": c.line,
                         "start": c.start, "end": None if c.start is None else c.start + len(c.text), "kind": "caption"})
    return rows


def _title_sentences(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE sentences ADD COLUMN kind TEXT")
    articles = conn.execute(
        "SELECT a.id, f.path, a.title, a.subtitle, a.line FROM articles a JOIN files f ON f.id = a.file_id"
        " ORDER BY f.path, a.ordinal"
    ).fetchall()
    _add_rows(conn, [(aid, path, r) for aid, path, title, subtitle, line in articles
                     for r in title_rows(title, subtitle, line)], "title")


def _caption_sentences(conn: sqlite3.Connection) -> None:
    from types import SimpleNamespace

    articles = conn.execute(
        "SELECT a.id, f.path, a.captions FROM articles a JOIN files f ON f.id = a.file_id ORDER BY f.path, a.ordinal"
    ).fetchall()
    rows = []
    for aid, path, captions in articles:
        caps = [SimpleNamespace(line=c.get("line", 0), start=None, text=c.get("text", "")) for c in json.loads(captions or "[]")]
        rows.extend((aid, path, r) for r in caption_rows(caps))
    _add_rows(conn, rows, "caption")


def _add_rows(conn: sqlite3.Connection, rows: list[tuple[int, str, dict]], kind: str) -> None:
    """Inside a migration: sentences of already indexed articles, with the ids the indexer gives them."""
    from collections import Counter

    from .indexer import _cid
    from .normalize import normalize_many

    if not rows:
        return
    norms = normalize_many([r["text"] for _, _, r in rows])
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sentences").fetchone()[0]
    seen: Counter[tuple[str, str]] = Counter()
    insert = ('INSERT {}INTO sentences(id, cid, article_id, paragraph, sentence, section, line, start, "end",'
              " text, norm, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
    for (aid, path, r), norm in zip(rows, norms):
        seen[path, r["text"]] += 1  # as the indexer counts them (headlines and captions apart from the body)
        cid = _cid(path, r["text"], kind, seen[path, r["text"]])
        row = (next_id, cid, aid, 0, r["sentence"], None, r["line"], None, None, r["text"], norm, kind)
        if not conn.execute(insert.format("OR IGNORE "), row).rowcount:
            # The citation id is taken (a 48-bit hash collision): hashed on until free, as the
            # indexer does, so that no headline or caption is left out.
            conn.execute(insert.format(""), _free(conn, [row], 1, "sentences", "cid")[0])
        conn.execute("INSERT INTO grams(rowid, g) VALUES (?, ?)", (next_id, gram_doc(norm)))
        next_id += 1
    # Count the bigrams again now, once, rather than leave every lookup to the slow path.
    conn.execute("DELETE FROM gram_df")
    conn.execute("INSERT INTO gram_df SELECT term, doc FROM grams_vocab")
    conn.execute("INSERT OR REPLACE INTO meta(key, value) SELECT 'sentences', count(*) FROM sentences")


def _regram(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE IF EXISTS grams_vocab")
    conn.execute("DROP TABLE IF EXISTS grams")
    conn.execute(f"CREATE VIRTUAL TABLE grams USING fts5(g, {GRAMS_OPTIONS})")
    conn.execute("CREATE VIRTUAL TABLE grams_vocab USING fts5vocab(grams, 'row')")
    rows = conn.execute("SELECT id, norm FROM sentences").fetchall()
    conn.executemany("INSERT INTO grams(rowid, g) VALUES (?, ?)", ((r, gram_doc(n)) for r, n in rows))


GRAMS_OPTIONS = "content='', detail='none', tokenize='ascii', columnsize=0"
GRAMS_HASHSIZE = 32 * 2**20
_STEPS = {"fill_lexicon": _fill_lexicon, "regram": _regram, "tag_lexicon": _tag_lexicon,
          "title_sentences": _title_sentences, "caption_sentences": _caption_sentences,
          "long_words": _long_words}


_RUNS = regex(r"[^\W_]{2,}")


def bigrams(norm: str) -> list[str]:
    """Character bigrams of a normalised text, skipping any that hold punctuation."""
    return [r[i : i + 2] for r in _RUNS.findall(norm) for i in range(len(r) - 1)]


def gram_doc(norm: str) -> str:
    """What the FTS table indexes for a sentence: its bigrams, space-separated."""
    out: list[str] = []
    for r in _RUNS.findall(norm):
        out.extend(map(operator.add, r, r[1:]))  # the pairs made in compiled code
    return " ".join(out)


@dataclass
class FileState:
    """What the index knows of a file, to tell whether it changed."""

    id: int
    sha256: str
    size: int
    mtime_ns: int


@dataclass
class StoredSentence:
    """One indexed sentence (or headline or caption), as printed and as matched."""

    rowid: int
    cid: str
    article_id: int
    paragraph: int
    sentence: int
    section: str | None
    line: int
    start: int | None
    end: int | None
    text: str
    norm: str
    kind: str | None = None  # None for body text, 'title' for the headline and subtitle


@dataclass
class StoredArticle:
    """One indexed article: its attribution and where it came from."""

    id: int
    aid: str
    path: str
    ordinal: int
    title: str
    subtitle: str | None
    credits: list[dict]
    date: str | None
    source: str | None
    line: int
    captions: list[dict]
    sentences: int = 0
    site: str | None = None
    url: str | None = None
    kind: str | None = None  # the file's kind: page, archive, web, pdf, word
    fetched_at: str | None = None  # for a page fetched by URL (ISO 8601, UTC)

    @property
    def byline(self) -> list[str]:
        return [c["name"] for c in self.credits if c.get("name")]


_ARTICLE_COLS = ("a.id, a.aid, f.path, a.ordinal, a.title, a.subtitle, a.byline, a.date, a.source, a.line, a.captions,"
                 " a.site, a.url, f.kind, f.fetched_at")
WINDOW = 3  # paragraphs either side of a match read with it (context, spans, the lead)
_SENTENCE_COLS = 'id, cid, article_id, paragraph, sentence, section, line, start, "end", text, norm, kind'
_ARTICLE_ROW = "id, aid, file_id, ordinal, title, subtitle, byline, date, source, line, captions, site, url"  # as inserted


class _Known:
    """What one keyed table says of the keys read so far on a connection: the values found, and
    the keys it does not hold (a batch of lookups asks for the same words again and again).

    The keys wanted are sent as one JSON array joined to the table: one prepared statement
    whatever their number, where ``IN (?, ?, …)`` was prepared again for every count.
    """

    __slots__ = ("query", "limit", "found", "missing")

    def __init__(self, table: str, key: str, value: str, *, limit: int = 200_000):
        self.query = f"SELECT t.{key}, t.{value} FROM json_each(?) j JOIN {table} t ON t.{key} = j.value"
        self.limit = limit
        self.found: dict[str, object] = {}
        self.missing: set[str] = set()

    def read(self, conn: sqlite3.Connection, keys: set[str]) -> dict:
        """The value of each of ``keys`` the table holds."""
        # set.difference looks each key up in a dict or set; ``keys - found.keys()`` would go
        # through the whole cache, 0.3 ms a call once it holds a batch's words.
        wanted = keys.difference(self.found).difference(self.missing)
        if wanted:
            if len(self.found) + len(self.missing) + len(wanted) > self.limit:
                self.clear()  # a long batch: start again, with every key of this call read anew
                wanted = set(keys)
            # Sorted: neighbouring keys are read from neighbouring pages of the table.
            rows = conn.execute(self.query, (json.dumps(sorted(wanted), ensure_ascii=False),)).fetchall()
            self.found.update(rows)
            self.missing.update(wanted.difference(self.found))
        found = self.found
        return {k: found[k] for k in keys.difference(self.missing)}

    def clear(self) -> None:
        self.found.clear()
        self.missing.clear()

    def __len__(self) -> int:
        return len(self.found) + len(self.missing)


class Store:
    """An open index.  Use ``Store.open`` (existing) or ``Store.create``."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self.readonly = False  # opened from a read-only place: every read works, no write
        self._articles: dict[int, StoredArticle] = {}
        self._lexicon_total: int | None = None
        self._df_fresh: bool | None = None
        # What a batch of lookups asks for again and again (the same words, bigrams, articles),
        # kept for the life of this connection; dropped whenever this process writes.
        self._lexicon = _Known("lexicon", "word", "freq")
        self._long: dict[str, int] | None = None  # the dictionary's words of LONG_WORD characters or more
        self._tags = _Known("lexicon_tags", "word", "tag")
        self._df = _Known("gram_df", "term", "df", limit=500_000)
        self._windows: dict[tuple[int, int], list[StoredSentence]] = {}
        self._leads: dict[int, list[StoredSentence]] = {}  # an article's headline and lead, from any of its windows
        self._unit_schema = False  # ``unit`` attached (FileWriter.add_packed)

    def reopen(self) -> "Store":
        """This index on a new connection that keeps what this one has read (for a forked process,
        which must not use its parent's connection)."""
        other = Store.open(self.path)
        for name in ("_articles", "_lexicon", "_long", "_lexicon_total", "_tags", "_df", "_df_fresh"):
            setattr(other, name, getattr(self, name))
        return other

    def forget(self) -> None:
        """Drop what was cached from the index (after a write)."""
        for cache in (self._articles, self._lexicon, self._tags, self._df, self._windows, self._leads):
            cache.clear()

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = False) -> "Store":
        path = Path(path)
        if not path.exists():
            if not create:
                raise IndexError_(f"no index at {path}")
            path.parent.mkdir(parents=True, exist_ok=True)
        elif path.is_dir():
            raise IndexError_(f"{path} is a directory, not an index file")
        fresh = not path.exists() or path.stat().st_size == 0
        readonly = False
        try:
            conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 30000")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.OperationalError as e:
            if create or fresh or not _read_only_place(path):
                raise IndexError_(f"{path} is not a factcheck index or is corrupt ({e})") from None
            # A read-only directory or mount: SQLite cannot make the write-ahead log beside the
            # file, but nobody can be writing it either, so it is read as an immutable file.
            conn, app_id, version, tables = _open_immutable(path)
            readonly = True
        except sqlite3.DatabaseError as e:
            raise IndexError_(f"{path} is not a factcheck index or is corrupt ({e})") from None
        if not fresh and (app_id != APP_ID and tables):
            conn.close()
            raise IndexError_(f"{path} is an SQLite file but not a factcheck index; refusing to touch it")
        if version > len(MIGRATIONS):
            conn.close()
            raise IndexError_(f"{path} was made by a newer factcheck (schema {version}); upgrade factcheck")
        store = cls(conn, path)
        store.readonly = readonly
        if version == 0 and not create:
            conn.close()
            raise IndexError_(f"{path} is an empty index")
        if version < len(MIGRATIONS) and readonly:
            conn.close()
            raise IndexError_(f"{path} is read-only and was made by an older factcheck: open it once where it can be "
                              "written, to bring it up to date")
        if version < len(MIGRATIONS):
            store._migrate(version)  # a new index, or an older schema brought up to date
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            # WAL with synchronous=NORMAL never corrupts on a crash; it may only lose
            # the last transaction on power loss, which re-indexing restores.
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError:
            pass  # a read-only location keeps its journal mode
        conn.execute("PRAGMA cache_size = -65536")
        # Reads through memory-mapped pages: the candidate query reads thousands of postings
        # (about 10 % faster at a million sentences than through read() calls).
        conn.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
        return store

    def _migrate(self, version: int) -> None:
        with self.transaction():
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                if script in _STEPS:
                    _STEPS[script](self.conn)
                    self.conn.execute(f"PRAGMA user_version = {number}")
                    continue
                for stmt in script.split(";"):
                    if stmt.strip():
                        self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA user_version = {number}")
            self.conn.execute(f"PRAGMA application_id = {APP_ID}")

    def quick_check(self, seconds: float = 2.0) -> str | None:
        """SQLite's quick_check within a time budget: its first complaint, "ok", or None when out of time.

        A large index takes longer than the budget; a damaged small one is caught before
        an ``index`` run reports its files as unchanged.
        """
        deadline = time.monotonic() + seconds
        self.conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10000)
        try:
            row = self.conn.execute("PRAGMA quick_check(1)").fetchone()
        except sqlite3.OperationalError as e:
            return None if "interrupt" in str(e) else str(e)
        except sqlite3.DatabaseError as e:
            return str(e)
        finally:
            self.conn.set_progress_handler(None, 0)
        return row[0] if row else None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    class _Tx:
        def __init__(self, conn: sqlite3.Connection):
            self.conn = conn

        def __enter__(self) -> None:
            self.conn.execute("BEGIN IMMEDIATE")

        def __exit__(self, exc_type, exc, tb) -> None:
            if exc_type is None:
                self.conn.execute("COMMIT")
            elif self.conn.in_transaction:
                # SQLite has already rolled back after a full disk: rolling back again would
                # hide the real error behind "no transaction is active".
                self.conn.execute("ROLLBACK")

    def transaction(self) -> "_Tx":
        """All or nothing: a crash or Ctrl-C inside leaves the index as it was."""
        return Store._Tx(self.conn)

    # ------------------------------------------------------------ files

    def file_state(self, path: str) -> FileState | None:
        row = self.conn.execute("SELECT id, sha256, size, mtime_ns FROM files WHERE path = ?", (path,)).fetchone()
        return FileState(*row) if row else None

    def touch_file(self, path: str, size: int, mtime_ns: int) -> None:
        with self.transaction():
            self.conn.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path))

    def paths(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT path FROM files ORDER BY path")]

    def _delete_file_rows(self, file_id: int) -> None:
        self._changed()
        rows = self.conn.execute(
            "SELECT s.id, s.norm FROM sentences s JOIN articles a ON a.id = s.article_id WHERE a.file_id = ?",
            (file_id,),
        ).fetchall()
        # A contentless FTS5 table forgets a row only when told its exact tokens.
        self.conn.executemany(
            "INSERT INTO grams(grams, rowid, g) VALUES ('delete', ?, ?)", ((r[0], gram_doc(r[1])) for r in rows)
        )
        self.conn.execute("DELETE FROM sentences WHERE article_id IN (SELECT id FROM articles WHERE file_id = ?)", (file_id,))
        self.conn.execute("DELETE FROM articles WHERE file_id = ?", (file_id,))
        self.conn.execute("DELETE FROM files WHERE id = ?", (file_id,))

    def remove_file(self, path: str) -> None:
        with self.transaction():
            state = self.file_state(path)
            if state:
                self._delete_file_rows(state.id)

    def file_writer(self, *, path: str, sha256: str, size: int, mtime_ns: int, encoding: str | None, kind: str,
                    fetched_at: str | None = None) -> "FileWriter":
        """Replace what is indexed from ``path``: add batches of articles, then commit (or abort)."""
        return FileWriter(self, path, sha256, size, mtime_ns, encoding, kind, fetched_at)

    # ------------------------------------------------------------ reading

    def article(self, article_id: int) -> StoredArticle:
        cached = self._articles.get(article_id)
        if cached:
            return cached
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLS}"
            " FROM articles a JOIN files f ON f.id = a.file_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        art = _article(row)
        self._articles[article_id] = art
        return art

    def prefetch(self, sentences: list[StoredSentence]) -> None:
        """Read the articles and paragraph windows (``_window``) of several matches in two
        statements, instead of two for each match as they are built."""
        # set.difference, not ``- dict.keys()``: that goes through every article read so far.
        ids = sorted({s.article_id for s in sentences}.difference(self._articles))
        if ids:
            rows = self.conn.execute(
                f"SELECT {_ARTICLE_COLS} FROM articles a JOIN files f ON f.id = a.file_id"
                f" WHERE a.id IN ({','.join('?' * len(ids))})", ids).fetchall()
            for row in rows:
                self._articles[row[0]] = _article(row)
        keys = sorted({(s.article_id, s.paragraph) for s in sentences}.difference(self._windows))
        if keys:
            self._load_windows(keys)

    def _load_windows(self, keys: list[tuple[int, int]]) -> None:
        """Read the windows (``_window``) of (article, paragraph) ``keys`` in one statement."""
        where = " OR ".join("(article_id = ? AND (paragraph BETWEEN ? AND ? OR paragraph <= 1))" for _ in keys)
        params = [x for a, p in keys for x in (a, p - WINDOW, p + WINDOW)]
        got: dict[int, list[StoredSentence]] = {}
        for r in self.conn.execute(f"SELECT {_SENTENCE_COLS} FROM sentences WHERE {where}"
                                   " ORDER BY article_id, paragraph, sentence", params):
            got.setdefault(r[2], []).append(StoredSentence(*r))
        if len(self._windows) + len(keys) >= 512:
            self._windows.clear()
            self._leads.clear()
        for a, p in keys:
            self._windows[(a, p)] = [x for x in got.get(a, []) if abs(x.paragraph - p) <= WINDOW or x.paragraph <= 1]
            self._leads[a] = [x for x in got.get(a, []) if x.paragraph <= 1]

    def articles(self) -> Iterator[StoredArticle]:
        for row in self.conn.execute(
            f"SELECT {_ARTICLE_COLS},"
            " (SELECT count(*) FROM sentences s WHERE s.article_id = a.id AND s.kind IS NULL)"
            " FROM articles a JOIN files f ON f.id = a.file_id ORDER BY f.path, a.ordinal"
        ):
            art = _article(row[:-1])
            art.sentences = row[-1]
            yield art

    def sentence_by_cid(self, cid: str) -> StoredSentence | None:
        row = self.conn.execute(f"SELECT {_SENTENCE_COLS} FROM sentences WHERE cid = ?", (cid,)).fetchone()
        return StoredSentence(*row) if row else None

    def sentences_by_rowid(self, rowids: Iterable[int]) -> dict[int, StoredSentence]:
        ids = list(rowids)
        out: dict[int, StoredSentence] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            q = f"SELECT {_SENTENCE_COLS} FROM sentences WHERE id IN ({','.join('?' * len(chunk))})"
            for row in self.conn.execute(q, chunk):
                out[row[0]] = StoredSentence(*row)
        return out

    def article_sentences(self, article_id: int) -> list[StoredSentence]:
        rows = self.conn.execute(
            f"SELECT {_SENTENCE_COLS} FROM sentences WHERE article_id = ? ORDER BY paragraph, sentence", (article_id,)
        )
        return [StoredSentence(*r) for r in rows]

    def article_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute(
            "SELECT a.id FROM articles a JOIN files f ON f.id = a.file_id ORDER BY f.path, a.ordinal"
        )]

    def paragraph(self, article_id: int, paragraph: int) -> list[StoredSentence]:
        lead = self._leads.get(article_id) if paragraph <= 1 else None  # every window holds them
        return [x for x in (lead if lead is not None else self._window(article_id, paragraph)) if x.paragraph == paragraph]

    def _window(self, article_id: int, paragraph: int) -> list[StoredSentence]:
        """The sentences of paragraphs ``paragraph`` ± WINDOW and of the headline and lead (0, 1), in order:
        one statement gives a match its context, its paragraph and its article's lead."""
        key = (article_id, paragraph)
        if key not in self._windows:
            self._load_windows([key])
        return self._windows[key]

    def neighbours(self, s: StoredSentence, before: int, after: int) -> tuple[list[StoredSentence], list[StoredSentence]]:
        """Sentences of the same article just before and after ``s`` (across paragraphs)."""
        if before <= WINDOW and after <= WINDOW:
            # every paragraph holds a sentence, so WINDOW paragraphs either side hold enough
            window = self._window(s.article_id, s.paragraph)
            at = next((k for k, x in enumerate(window) if x.rowid == s.rowid), None)
            if at is not None:
                return window[max(0, at - before) : at], window[at + 1 : at + 1 + after]
        prev = self.conn.execute(
            f"SELECT {_SENTENCE_COLS} FROM sentences WHERE article_id = ? AND (paragraph < ? OR (paragraph = ? AND sentence < ?))"
            " ORDER BY paragraph DESC, sentence DESC LIMIT ?",
            (s.article_id, s.paragraph, s.paragraph, s.sentence, before),
        ).fetchall() if before > 0 else []
        nxt = self.conn.execute(
            f"SELECT {_SENTENCE_COLS} FROM sentences WHERE article_id = ? AND (paragraph > ? OR (paragraph = ? AND sentence > ?))"
            " ORDER BY paragraph, sentence LIMIT ?",
            (s.article_id, s.paragraph, s.paragraph, s.sentence, after),
        ).fetchall() if after > 0 else []
        return [StoredSentence(*r) for r in reversed(prev)], [StoredSentence(*r) for r in nxt]

    def all_sentences(self) -> Iterator[StoredSentence]:
        for row in self.conn.execute(f"SELECT {_SENTENCE_COLS} FROM sentences ORDER BY id"):
            yield StoredSentence(*row)

    def sentence_count(self) -> int:
        """How many sentences the index holds (kept in meta: count(*) scans a million rows)."""
        if self.df_fresh():
            stored = self.meta("sentences")
            if stored is not None:
                return int(stored)
        return self.conn.execute("SELECT count(*) FROM sentences").fetchone()[0]

    def gram_frequencies(self, grams: Iterable[str]) -> dict[str, int]:
        """How many sentences hold each bigram (0 for unknown bigrams)."""
        wanted = set(grams)
        if self.df_fresh():
            found = self._df.read(self.conn, wanted)
        else:  # grams_vocab counts as it goes: nothing to keep
            found = _Known("grams_vocab", "term", "doc").read(self.conn, wanted)
        return {g: found.get(g, 0) for g in sorted(wanted)}

    def df_fresh(self) -> bool:
        """Whether ``gram_df`` counts the index as it is (a run may have been interrupted)."""
        if self._df_fresh is None:
            gen, df_gen = self.meta("generation"), self.meta("df_generation")
            self._df_fresh = gen is not None and gen == df_gen
        return self._df_fresh

    def refresh_frequencies(self) -> None:
        """Recount the bigram frequencies after files changed (2 s at a million sentences)."""
        if self.df_fresh():
            return
        with self.transaction():
            self.conn.execute("DELETE FROM gram_df")
            self.conn.execute("INSERT INTO gram_df SELECT term, doc FROM grams_vocab")
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) SELECT 'sentences', count(*) FROM sentences")
            self.conn.execute("UPDATE meta SET value = (SELECT value FROM meta WHERE key = 'generation') WHERE key = 'df_generation'")
        self._df_fresh = True

    def optimize(self) -> None:
        """Merge the bigram index into one segment (FTS5 'optimize'): fewer b-trees per lookup."""
        with self.transaction():
            self.conn.execute("INSERT INTO grams(grams) VALUES ('optimize')")

    def _changed(self) -> None:
        """Inside a writing transaction: the frequencies no longer count the index."""
        self.forget()
        self.conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
        self._df_fresh = False

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def lexicon_lookup(self, words: set[str]) -> tuple[dict[str, int], int]:
        """Dictionary frequencies of those of ``words`` that are in the lexicon, and the total."""
        if self._long is None:
            stored = self.meta("long_words")
            it = iter(stored.replace("\t", "\n").split("\n") if stored else ())
            self._long = dict(zip(it, map(int, it)))
        short = {w for w in words if len(w) < LONG_WORD}
        found = self._lexicon.read(self.conn, short)
        if self._lexicon_total is None:
            self._lexicon_total = int(self.meta("lexicon_total") or 0)
        if len(short) < len(words):
            found.update((w, f) for w in words - short if (f := self._long.get(w)) is not None)
        return found, self._lexicon_total

    def name_tags(self, words: set[str]) -> dict[str, str]:
        """jieba's tag (ns, nr, nt, …) of those of ``words`` that are names in its dictionary."""
        return self._tags.read(self.conn, {w for w in words if len(w) > 1})

    def word_tags(self, words: set[str]) -> dict[str, str]:
        """jieba's name tag of each of ``words`` that is a name, "" for its other dictionary words.

        Words jieba does not know are left out: a person's name usually is one of them.
        """
        from .normalize import to_simplified

        # jieba's dictionary is in Simplified characters: 報道 is looked up as 报道.
        simple = {w: to_simplified(w) for w in words if len(w) > 1}
        freq, _ = self.lexicon_lookup(set(simple.values()))
        tags = self.name_tags(set(freq))
        return {w: tags.get(s, "") for w, s in simple.items() if s in freq}

    def search_grams(self, grams: list[tuple[str, float]], *, limit: int, postings: int | None = None) -> list[int]:
        """Rowids of the sentences whose bigrams weigh most, best first.

        FTS5 gives the sentences holding each bigram (``detail=none`` stores no
        more than that, so bm25 cannot rank them); SQLite sums the weights.
        """
        if not grams:
            return []
        if len(grams) > 1 and (postings is None or postings >= INTERSECT_FROM):
            # The sentences holding every bigram weigh most (the sum of all the weights), and
            # ties go to the lower rowid: when at least ``limit`` of them exist, they are the
            # answer, and FTS5 intersects posting lists in its own code at a fraction of the
            # cost of summing them row by row (20 rows from 44,000 postings: 1 ms, not 35).
            every = " AND ".join(f'"{g}"' for g, _ in grams)
            rows = [r for (r,) in self.conn.execute(
                "SELECT rowid FROM grams WHERE grams MATCH ? ORDER BY rowid LIMIT ?", (every, limit))]
            if len(rows) == limit:
                return rows
            # Fewer: the sum below finds them again.  (Rare bigrams seldom share 20 sentences, so
            # under INTERSECT_FROM postings, where the sum costs a few milliseconds at most, the
            # intersection is not tried.)
        # Weights are bound, not written into the statement, so that SQLite prepares one
        # statement per number of bigrams and reuses it (preparing cost more than running).
        parts = " UNION ALL ".join("SELECT rowid AS r, ? AS w FROM grams WHERE grams MATCH ?" for _ in grams)
        query = f"SELECT r FROM ({parts}) GROUP BY r ORDER BY sum(w) DESC, r LIMIT ?"
        params: list[object] = [x for g, w in grams for x in (float(w), f'"{g}"')]
        return [r for (r,) in self.conn.execute(query, params + [limit])]


INTERSECT_FROM = 8_000  # postings of the chosen bigrams, when ``search_grams`` is told them


def _free(conn: sqlite3.Connection, rows: list[tuple], col: int, table: str, key: str, *, prefix: str = "") -> list[tuple]:
    """``rows`` with each id (at ``col``) that the table or an earlier row holds hashed on until free."""
    import hashlib  # called only when ids collide
    ids = [r[col] for r in rows]
    taken: set[str] = set()
    for k in range(0, len(ids), 900):
        chunk = ids[k : k + 900]
        taken.update(x for (x,) in conn.execute(f"SELECT {key} FROM {table} WHERE {key} IN ({','.join('?' * len(chunk))})", chunk))
    out = []
    for r in rows:
        value, n = r[col], 0
        while value in taken or (n and conn.execute(f"SELECT 1 FROM {table} WHERE {key} = ?", (value,)).fetchone()):
            taken.add(value)
            n += 1
            digest = hashlib.blake2b(f"{r[col]}\0{n}".encode(), digest_size=8).hexdigest()
            value = prefix + digest[: len(r[col]) - len(prefix)]
        taken.add(value)
        out.append(r[:col] + (value,) + r[col + 1 :])
    return out


class FileWriter:
    """One file's replacement, in one transaction: nothing of it is visible until ``commit``."""

    def __init__(self, store: Store, path: str, sha256: str, size: int, mtime_ns: int, encoding: str | None, kind: str,
                 fetched_at: str | None = None):
        self.store = store
        self.conn = store.conn
        self.sentences = 0
        self.articles = 0
        self.captions = 0
        if not store._unit_schema:
            # Where packed units are loaded (add_packed): attached outside any transaction, as SQLite requires.
            self.conn.execute("ATTACH ':memory:' AS unit")
            store._unit_schema = True
        self.conn.execute("BEGIN IMMEDIATE")
        self.open = True
        try:
            old = store.file_state(path)
            if old:
                store._delete_file_rows(old.id)
            cur = self.conn.execute(
                "INSERT INTO files(path, sha256, size, mtime_ns, encoding, kind, indexed_at, fetched_at)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (path, sha256, size, mtime_ns, encoding, kind, time.time(), fetched_at),
            )
            self.file_id = cur.lastrowid
            store._changed()
            # FTS5 writes its pending postings out as a new segment each time they pass
            # 'hashsize' (1 MB by default), and merges those segments as it goes: with a larger
            # buffer (GRAMS_HASHSIZE), FTS5 spent about 40 % less time on 400,000 sentences
            # (profiled). The setting is stored with the table and costs memory only while writing.
            self.conn.execute("INSERT INTO grams(grams, rank) VALUES ('hashsize', ?)", (GRAMS_HASHSIZE,))
            self.next_article = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
            self.next_sentence = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sentences").fetchone()[0]
        except BaseException:
            self.abort()
            raise

    def add(self, rows) -> None:
        """Insert one unit's rows (``indexer.Rows``, ids settled), offset to this index's next ids.

        The rows come from a worker ready to insert: this process only adds the offsets, inside
        the statements, so the single writer does as little as it can per sentence.
        """
        base_s, n_sent = self.next_sentence, len(rows.sentences)
        base_a = self._add_articles(rows.articles)
        before = self.conn.total_changes
        self.conn.executemany(
            f"INSERT OR IGNORE INTO sentences({_SENTENCE_COLS})"
            f" VALUES ({base_s} + ?, ?, {base_a} + ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows.sentences,
        )
        if self.conn.total_changes - before < n_sent:
            self._retry([(base_s + r[0], r[1], base_a + r[2]) + r[3:] for r in rows.sentences], "sentences", "cid")
        self.conn.executemany(f"INSERT INTO grams(rowid, g) VALUES ({base_s} + ?, ?)", rows.grams)
        self.next_sentence += n_sent
        self.sentences += rows.body  # the body's: headlines are counted as titles
        self.captions += rows.captions

    def add_packed(self, unit, ids) -> None:
        """Insert a packed unit (``indexer.Packed``), its ids settled with ``ids`` (``indexer.Ids``).

        The unit's database is loaded into the schema ``unit`` (attached to this connection
        once, before any transaction) and copied with ``INSERT … SELECT``: no Python object per
        sentence.  Ids that earlier units of the file make different, and ids taken (a hash
        collision), are fixed as ``add`` fixes them.
        """
        base_s = self.next_sentence
        ids.settle_articles(unit.articles)
        base_a = self._add_articles(unit.articles)
        self.conn.deserialize(unit.db, name="unit")
        fixes = ids.recount(unit.counts, lambda texts: self.conn.execute(
            "SELECT k, text, kind FROM unit.u WHERE text IN (SELECT value FROM json_each(?)) ORDER BY k",
            (json.dumps(sorted(texts), ensure_ascii=False),)).fetchall())
        if fixes:
            self.conn.executemany("UPDATE unit.u SET cid = ? WHERE k = ?", fixes)
        cols = f'{base_s} + k, cid, {base_a} + a, paragraph, sentence, section, line, start, "end", text, norm, kind'
        before = self.conn.total_changes
        self.conn.execute(f"INSERT OR IGNORE INTO sentences({_SENTENCE_COLS}) SELECT {cols} FROM unit.u ORDER BY k")
        if self.conn.total_changes - before < unit.size:
            self._retry(self.conn.execute(f"SELECT {cols} FROM unit.u ORDER BY k").fetchall(), "sentences", "cid")
        self.conn.execute(f"INSERT INTO grams(rowid, g) SELECT {base_s} + k, grams FROM unit.u ORDER BY k")
        self.conn.deserialize(_empty_database(), name="unit")  # the unit's memory goes back now, not with the next
        self.next_sentence += unit.size
        self.sentences += unit.body
        self.captions += unit.captions

    def _add_articles(self, articles: list[dict]) -> int:
        """Insert a unit's articles (ids settled) at this index's next article ids; returns the first."""
        base_a = self.next_article
        art_rows = [(base_a + k, a["aid"], self.file_id, a["ordinal"], a["title"], a.get("subtitle"), a["credits"],
                     a.get("date"), a.get("source"), a["line"], a["captions"], a.get("site"), a.get("url"))
                    for k, a in enumerate(articles)]
        # Citation and article ids are short hashes (48 and 40 bits): among ten million
        # sentences two may collide.  Rows go in with OR IGNORE, so a taken id costs nothing
        # until it happens; then the rows left out are found and written with their ids hashed
        # on until free (``_retry``; sentences likewise).  (A savepoint per batch did the same,
        # but made FTS5 write out its pending postings at every batch.)
        before = self.conn.total_changes
        self.conn.executemany(
            f"INSERT OR IGNORE INTO articles({_ARTICLE_ROW}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            art_rows,
        )
        if self.conn.total_changes - before < len(art_rows):
            self._retry(art_rows, "articles", "aid", prefix="a")
        self.next_article += len(art_rows)
        self.articles += len(art_rows)
        return base_a

    _COLUMNS = {"articles": _ARTICLE_ROW, "sentences": _SENTENCE_COLS}

    def _retry(self, rows: list[tuple], table: str, key: str, *, prefix: str = "") -> None:
        """Write those of ``rows`` (their id first) that OR IGNORE left out, their ``key`` made free."""
        present = {r for (r,) in self.conn.execute(f"SELECT id FROM {table} WHERE id BETWEEN ? AND ?",
                                                   (rows[0][0], rows[-1][0]))}
        missing = _free(self.conn, [r for r in rows if r[0] not in present], 1, table, key, prefix=prefix)
        self.conn.executemany(f"INSERT INTO {table}({self._COLUMNS[table]}) VALUES ({','.join('?' * len(rows[0]))})",
                              missing)

    def commit(self) -> None:
        if self.open:
            self.conn.execute("COMMIT")
            self.open = False
            self.store.forget()

    def abort(self) -> None:
        if self.open:
            self.open = False
            if self.conn.in_transaction:  # not after SQLite rolled back itself (a full disk)
                self.conn.execute("ROLLBACK")


@lru_cache(maxsize=1)
def _empty_database() -> bytes:
    """A serialized database with nothing in it (``deserialize`` refuses zero bytes)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE x (y)")
        conn.execute("DROP TABLE x")
        conn.execute("VACUUM")
        return conn.serialize()
    finally:
        conn.close()


def _article(row: tuple) -> StoredArticle:
    return StoredArticle(
        id=row[0], aid=row[1], path=row[2], ordinal=row[3], title=row[4], subtitle=row[5],
        credits=json.loads(row[6]), date=row[7], source=row[8], line=row[9], captions=json.loads(row[10]),
        site=row[11], url=row[12], kind=row[13], fetched_at=row[14],
    )
