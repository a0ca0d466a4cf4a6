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
import os
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
ARCHIVE_SUFFIXES = {".jsonl", ".json", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | ARCHIVE_SUFFIXES

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


def find_files(paths: list[str | os.PathLike]) -> tuple[list[Path], list[Path]]:
    """Files to index under ``paths`` (directories recursively), and the paths that don't exist."""
    found: list[Path] = []
    missing: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root, name)
                    if f.suffix.lower() in SUFFIXES and not name.startswith("."):
                        found.append(f)
        elif path.is_file():
            found.append(path)  # named explicitly: indexed whatever its suffix
        else:
            missing.append(path)
    seen: set[Path] = set()
    unique = []
    for f in found:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(r)
    return unique, missing
