"""The indexed corpus as the commands see it: opening the index, listing the
articles, and citing a sentence with its attribution.

This is the library layer under ``cli``: it returns dataclasses, and never prints
(notes go through a callback, so the CLI can put them on stderr).
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .config import IndexLocation, precompile, seeds_dir
from .errors import ExitStatus, FactcheckError
from .store import IndexError_, StoredArticle, StoredSentence, Store

Note = Callable[[str], None]


# File descriptors of the writer locks this process holds: a forked index worker closes its
# copies (``close_inherited_locks``), so the lock dies with the indexer, not with its workers.
HELD_LOCKS: set[int] = set()


@contextmanager
def writer_lock(path: Path, note: Note | None = None) -> Iterator[None]:
    """One indexing process at a time per index file; a second one waits its turn.

    The lock belongs to the index file itself: two names of it (a symlink, a relative
    path) share one lock.  It is an ``flock``, so the kernel releases it when its holder
    dies; the holder's pid is written in the lock file, and a lock still held after its
    holder died (by leftover worker processes of an older factcheck) is taken over.
    """
    path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    try:
        fh = open(lock_path, "a+")
    except OSError as e:
        if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise IndexError_(f"read-only: cannot write the index {path} ({e.strerror})") from None
        raise
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fh)
            if holder and not _alive(holder) and _take_over(lock_path):
                if note:
                    note(f"the factcheck that was writing {path} (pid {holder}) is gone: taking over its lock")
            elif note:
                note(f"another factcheck is writing {path}; waiting for it to finish")
            fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        HELD_LOCKS.add(fh.fileno())
        try:
            yield
        finally:
            HELD_LOCKS.discard(fh.fileno())
            fcntl.flock(fh, fcntl.LOCK_UN)


def close_inherited_locks() -> None:
    """In a forked worker: let go of the parent's writer locks (the parent still holds them)."""
    for fd in list(HELD_LOCKS):
        try:
            os.close(fd)
        except OSError:
            pass
    HELD_LOCKS.clear()


def _holder(fh) -> int | None:
    fh.seek(0)
    text = fh.read().strip()
    return int(text) if text.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _take_over(lock_path: Path) -> bool:
    """Stop leftover factcheck processes that still hold the lock of a dead indexer (Linux)."""
    import signal

    stopped = False
    target = str(lock_path)
    for entry in Path("/proc").glob("[0-9]*"):
        pid = int(entry.name)
        if pid == os.getpid():
            continue
        try:
            if "factcheck" not in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                continue
            holds = any(os.readlink(fd) == target for fd in (entry / "fd").iterdir())
        except OSError:
            continue
        if holds:
            try:
                os.kill(pid, signal.SIGKILL)
                stopped = True
            except OSError:
                pass
    return stopped


def open_index(loc: IndexLocation, *, note: Note | None = None) -> Store:
    """Open the index for reading; build the default one from the bundled seeds."""
    try:
        if not loc.path.exists() and loc.is_default:
            from .indexer import index_paths

            if note:
                note(f"no index yet: building {loc.path} from the bundled seed articles")
            with writer_lock(loc.path):
                store = Store.open(loc.path, create=True)
                if store.sentence_count() == 0:
                    index_paths(store, [seeds_dir()])
                precompile()
                return store
        return Store.open(loc.path)
    except IndexError_ as e:
        msg = str(e)
        if msg.startswith("no index at"):
            msg += f"; build one with: factcheck index --index {loc.path} PATH..."
        raise FactcheckError(msg, ExitStatus.ERROR) from None


def display_path(path: str) -> str:
    """A path as a reader can open it: relative to the working directory when inside it."""
    if path.startswith(("http://", "https://")):
        return path  # a page fetched by URL is cited by its address
    return _relative(path, os.getcwd())


@lru_cache(maxsize=1024)
def _relative(path: str, cwd: str) -> str:
    # Remembered: every match of a batch cites a path, and relpath normalises both each time.
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:
        return path
    return rel if not rel.startswith("..") else path


@dataclass
class ArticleRef:
    """What a match record says about its article."""

    id: str
    title: str
    byline: list[str]
    section: str | None
    subtitle: str | None = None
    roles: list[str | None] = field(default_factory=list)
    date: str | None = None
    source: str | None = None
    site: str | None = None  # the web site that published it (新华网)
    url: str | None = None  # the page's canonical address
    fetched: str | None = None  # when factcheck fetched the page (ISO 8601, UTC), for a URL source


@dataclass
class Location:
    """Where a sentence is printed: file, line, paragraph, sentence, page."""

    path: str
    line: int
    paragraph: int
    sentence: int
    start: int | None
    end: int | None
    kind: str = "body"  # body | title (the headline or subtitle) | caption
    page: int | None = None  # a PDF's page (then also the line)


def article_ref(art: StoredArticle, section: str | None) -> ArticleRef:
    named = [c for c in art.credits if c.get("name")]
    return ArticleRef(
        id=art.aid, title=art.title, byline=[c["name"] for c in named], section=section,
        subtitle=art.subtitle, roles=[c.get("role") for c in named], date=art.date, source=art.source,
        site=art.site, url=art.url, fetched=art.fetched_at,
    )


def location(art: StoredArticle, s: StoredSentence) -> Location:
    return Location(path=display_path(art.path), line=s.line, paragraph=s.paragraph, sentence=s.sentence, start=s.start, end=s.end,
                    kind=s.kind or "body", page=s.line if art.kind == "pdf" else None)


@dataclass
class Source:
    """One indexed article as the sources command lists it."""

    id: str
    title: str
    byline: list[str]
    path: str
    line: int
    sentences: int
    captions: list[dict]
    subtitle: str | None = None
    date: str | None = None
    source: str | None = None
    site: str | None = None
    url: str | None = None
    fetched: str | None = None
    kind: str | None = None  # the file's kind: page, archive, web, word, pdf


def sources(store: Store) -> Iterator[Source]:
    for art in store.articles():
        yield Source(
            id=art.aid, title=art.title, byline=art.byline, path=display_path(art.path), line=art.line,
            sentences=art.sentences, captions=art.captions, subtitle=art.subtitle, date=art.date,
            source=art.source, site=art.site, url=art.url, fetched=art.fetched_at, kind=art.kind,
        )


@dataclass
class Cited:
    """A sentence shown in its paragraph, for ``factcheck show``."""

    id: str
    text: str
    paragraph_text: list[dict]  # [{"id", "text", "cited": bool}]
    article: ArticleRef
    location: Location


def cite(store: Store, cid: str) -> Cited:
    s = store.sentence_by_cid(cid.strip())
    if s is None:
        raise FactcheckError(f"no sentence with id {cid!r} in {store.path}", ExitStatus.NOT_ALL)
    art = store.article(s.article_id)
    para = store.paragraph(s.article_id, s.paragraph)
    return Cited(
        id=s.cid, text=s.text,
        paragraph_text=[{"id": p.cid, "text": p.text, "cited": p.cid == s.cid} for p in para],
        article=article_ref(art, s.section), location=location(art, s),
    )


@dataclass
class FigureRecord:
    """A figure as ``factcheck figures`` lists it."""

    text: str
    value: object
    unit: str | None
    qualifier: str | None
    kind: str
    id: str | None = None
    sentence: str | None = None
    article: ArticleRef | None = None
    location: Location | None = None
    start: int | None = None  # characters into the sentence (or the --text)
    end: int | None = None


def figures_of_text(text: str) -> Iterator[FigureRecord]:
    from .figures import read_figures

    for f in read_figures(text):
        yield FigureRecord(f.text, f.value, f.unit, f.qualifier, f.kind, start=f.start, end=f.end)


def figures_of_sentences(store: Store, sentences: Iterator[StoredSentence]) -> Iterator[FigureRecord]:
    from .figures import read_figures

    for s in sentences:
        art = store.article(s.article_id)
        figs = read_figures(s.text, today=art.date)  # 今年3月 read against the article's date
        if not figs:
            continue
        ref, loc = article_ref(art, s.section), location(art, s)
        for f in figs:
            yield FigureRecord(f.text, f.value, f.unit, f.qualifier, f.kind, s.cid, s.text, ref, loc, f.start, f.end)
