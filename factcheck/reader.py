"""Find news files and decode them into text.

Encodings a Chinese newsroom meets: UTF-8 (with or without BOM), UTF-16 with a
BOM, GB18030 (a superset of GBK and GB2312) and Big5.  Strict UTF-8 is tried
first because it almost never decodes anything else by accident; otherwise
charset-normalizer chooses among the Chinese encodings.  A file with NUL bytes
(and no UTF-16 BOM), or one that no candidate decodes, is not text: the caller
skips it with a warning naming it.

Line ends are kept as they are (CRLF included), so character offsets count every
character of the decoded file.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
ARCHIVE_SUFFIXES = {".jsonl", ".json", ".ndjson"}
WEB_SUFFIXES = {".html", ".htm", ".xhtml"}
WORD_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
SUFFIXES = TEXT_SUFFIXES | ARCHIVE_SUFFIXES | WEB_SUFFIXES | WORD_SUFFIXES | PDF_SUFFIXES

_CANDIDATES = ["gb18030", "big5", "big5hkscs", "utf_16"]


class NotText(Exception):
    """A file that cannot be read as text; the message says why."""


@dataclass
class Decoded:
    text: str
    encoding: str


def decode(data: bytes) -> Decoded:
    """Decode bytes of a news file, or raise NotText."""
    if not data.strip():
        raise NotText("empty file")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as e:
                raise NotText(f"not valid {enc}: {e.reason}") from None
    if b"\x00" in data:
        raise NotText("binary file (NUL bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for enc in _best_guesses(data):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return Decoded(text, enc)
    raise NotText("cannot decode as UTF-8, GB18030 or Big5")


def _best_guesses(data: bytes) -> list[str]:
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 files need it

    guesses: list[str] = []
    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is not None:
        guesses.append(best.encoding)
    # GB18030 decodes almost any byte string, so it is the last resort.
    for enc in ("big5hkscs", "gb18030"):
        if enc not in guesses:
            guesses.append(enc)
    return guesses


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\r\n\t\f") or 0xE000 <= ord(c) <= 0xF8FF)
    return bad / len(text) < 0.01


def shown_name(path: str | os.PathLike) -> str:
    """A path as it can be printed and stored: bytes that are not UTF-8 written as escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def find_files(paths: list[str | os.PathLike], *, ignore: set[str] | None = None
               ) -> tuple[list[Path], list[tuple[str, str]], list[str]]:
    """Files to index under ``paths`` (directories recursively), what was skipped, with why, and
    the files inside the directories of a type factcheck does not read (a saved page's .css and
    .png, a .xlsx): counted in the summary, never silently passed over, but not a failure.

    Skipped, each with its reason, never silently and never ending the run: a path that does
    not exist, a directory that cannot be read, a name that is not UTF-8, a symlink loop, and
    anything that is not a regular file (a FIFO named *.txt would block the run forever).
    """
    found: list[Path] = []
    skipped: list[tuple[str, str]] = []
    unknown: list[str] = []

    def unreadable(e: OSError) -> None:
        skipped.append((shown_name(e.filename or ""), f"cannot read the directory: {e.strerror or e}"))

    def consider(f: Path, *, named: bool) -> None:
        try:
            os.fsencode(f).decode("utf-8")
        except UnicodeDecodeError:
            skipped.append((shown_name(f), "the file name is not valid UTF-8; rename the file"))
            return
        try:
            st = f.stat()
        except RuntimeError:
            skipped.append((str(f), "symlink loop"))
            return
        except OSError as e:
            if e.errno == errno.ELOOP:
                skipped.append((str(f), "symlink loop"))
            else:
                skipped.append((str(f), e.strerror or str(e)))
            return
        if not stat.S_ISREG(st.st_mode):
            if named or f.suffix.lower() in SUFFIXES:
                skipped.append((str(f), "not a regular file (a pipe, device or socket)"))
            return
        found.append(f)

    for p in paths:
        path = Path(p)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            for root, dirs, files in os.walk(path, onerror=unreadable, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
                for name in sorted(files):
                    f = Path(root, name)
                    if ignore and os.path.realpath(f) in ignore:
                        continue  # the index itself, its journal and lock, kept beside the sources
                    if f.suffix.lower() in SUFFIXES and not name.startswith("."):
                        consider(f, named=False)
                    elif not name.startswith("."):
                        unknown.append(str(f))  # counted in the summary, never silently passed over
        elif os.path.lexists(path):
            consider(path, named=True)  # named explicitly: indexed whatever its suffix
        else:
            skipped.append((shown_name(path), "no such file or directory"))
    seen: set[Path] = set()
    unique = []
    for f in found:
        try:
            r = f.resolve()
        except (RuntimeError, OSError):
            skipped.append((str(f), "symlink loop"))
            continue
        if r not in seen:
            seen.add(r)
            unique.append(r)
    return unique, skipped, unknown
