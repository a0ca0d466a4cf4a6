"""Turn files into index rows: file -> articles -> sentences -> store.

Plain-text pages (.txt, .md) go through ``layout``; JSON Lines archives (one
article per record, as newsroom exports are) give their articles directly, with
attribution from the record's fields.

Citation ids are hashes of (path, sentence text, how many times the same text
occurred before it in the file), so they survive re-indexing and edits elsewhere
in the file.  A file whose size and mtime are unchanged is not read again; one
whose bytes hash the same is not parsed again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .layout import Article, Credit, parse_byline, parse_dateline, read_page, sentence_spans
from .normalize import normalize
from .reader import ARCHIVE_SUFFIXES, NotText, decode, find_files
from .sentences import split_sentences
from .store import Store

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


def short_hash(*parts: str, size: int = 6) -> str:
    return hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=size).hexdigest()


def _credits_json(credits: list[Credit]) -> list[dict]:
    return [{"name": c.name, "role": c.role} for c in credits]


def rows_for(path: str, articles: list[tuple[Article, list[dict]]]) -> list[tuple[dict, list[dict]]]:
    """Add citation ids and normalised text to parsed articles, ready for ``Store.replace_file``."""
    seen: Counter[str] = Counter()
    out = []
    for ordinal, (art, sents) in enumerate(articles, start=1):
        art_row = {
            "aid": "a" + short_hash(path, str(ordinal), art.title, size=5),
            "ordinal": ordinal,
            "title": art.title,
            "subtitle": art.subtitle,
            "credits": _credits_json(art.credits),
            "date": art.date,
            "source": art.source,
            "line": art.line,
            "captions": [{"line": c.line, "text": c.text} for c in art.captions],
        }
        for s in sents:
            seen[s["text"]] += 1
            s["cid"] = short_hash(path, s["text"], str(seen[s["text"]]))
            s["norm"] = normalize(s["text"])
        out.append((art_row, sents))
    return out


def page_articles(text: str, *, markdown: bool = False) -> list[tuple[Article, list[dict]]]:
    """Articles of a text page with their sentence rows (no ids yet)."""
    out = []
    for art in read_page(text, markdown=markdown):
        sents = [
            {"text": s.text, "paragraph": s.paragraph, "sentence": s.sentence, "section": s.section,
             "line": s.line, "start": s.start, "end": s.end}
            for s in sentence_spans(art)
        ]
        out.append((art, sents))
    return out


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


def archive_articles(text: str, fields: dict[str, str] | None = None) -> list[tuple[Article, list[dict]]]:
    """Articles of a JSON Lines (or JSON array) archive: one article per record."""
    fields = {**DEFAULT_FIELDS, **(fields or {})}
    records: list[tuple[int, dict]] = []
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ArchiveError(f"not valid JSON: {e.msg} at line {e.lineno}") from None
        records = [(1, r) for r in data if isinstance(r, dict)]
    else:
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise ArchiveError(f"line {number} is not valid JSON ({e.msg})") from None
            if isinstance(record, dict):
                records.append((number, record))
    out = []
    for number, rec in records:
        body = rec.get(fields["text"])
        if not isinstance(body, str) or not body.strip():
            continue
        title = rec.get(fields["title"])
        art = Article(
            title=str(title).strip() if title else "",
            line=number,
            credits=_credits_from(rec.get(fields["byline"])),
            date=str(rec[fields["date"]]) if rec.get(fields["date"]) else None,
            source=str(rec[fields["source"]]) if rec.get(fields["source"]) else None,
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


def parse_file(path: Path, data: bytes, fields: dict[str, str] | None = None) -> tuple[str, str, list[tuple[Article, list[dict]]]]:
    """(encoding, kind, articles) of a file's bytes; raises NotText or ArchiveError."""
    decoded = decode(data)
    suffix = path.suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        return decoded.encoding, "archive", archive_articles(decoded.text, fields)
    arts = page_articles(decoded.text, markdown=suffix in (".md", ".markdown"))
    if arts and not any(a.title for a, _ in arts[:1]):
        arts[0][0].title = path.stem
    return decoded.encoding, "page", arts


def index_paths(
    store: Store,
    paths: list[str | os.PathLike],
    *,
    prune: bool = False,
    fields: dict[str, str] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Report:
    """Index files and directories into ``store``; each file is its own transaction."""
    report = Report()
    files, missing = find_files(paths)
    for m in missing:
        report.skipped.append((str(m), "no such file or directory"))
    for k, f in enumerate(files):
        key = str(f)
        if progress:
            progress(k, len(files), key)
        try:
            st = f.stat()
            state = store.file_state(key)
            if state and state.size == st.st_size and state.mtime_ns == st.st_mtime_ns:
                report.unchanged.append(key)
                continue
            data = f.read_bytes()
        except OSError as e:
            report.skipped.append((key, e.strerror or str(e)))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if state and state.sha256 == digest:
            store.touch_file(key, st.st_size, st.st_mtime_ns)
            report.unchanged.append(key)
            continue
        try:
            encoding, kind, arts = parse_file(f, data, fields)
        except (NotText, ArchiveError) as e:
            report.skipped.append((key, str(e)))
            continue
        if not arts:
            report.skipped.append((key, "no text found"))
            continue
        rows = rows_for(key, arts)
        report.sentences += store.replace_file(
            path=key, sha256=digest, size=st.st_size, mtime_ns=st.st_mtime_ns, encoding=encoding, kind=kind, articles=rows
        )
        report.articles += len(rows)
        report.indexed.append(key)
    if progress:
        progress(len(files), len(files), "")
    if prune:
        for p in store.paths():
            if not os.path.exists(p):
                store.remove_file(p)
                report.removed.append(p)
    return report
