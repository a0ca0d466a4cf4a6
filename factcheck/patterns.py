"""Regular expressions compiled once per Python build, not once per process.

Python compiles a pattern in Python code (``re._parser``, ``re._compiler``), and slowly where a
character class holds a character past U+00FF: half a millisecond for ``[，。！？]``, one and a
half for the CJK block.  The patterns of figures, quotations, speakers and layout hold hundreds
of such classes, so compiling them cost a cold ``check`` 19 ms of its 130 and a ``draft`` 96 ms.

So ``regex`` keeps what ``re.compile`` hands to the matching engine (``_sre.compile``'s code,
flags and groups) in a cache file, one per Python build, and makes the pattern object from it
directly: the very object ``re.compile`` returns, in microseconds.  A pattern not in the file
is compiled as ``re`` would, and the file is rewritten when the process exits.

The cache only ever saves time.  Anything unexpected (a Python without these internals, a
damaged or unreadable file, a directory that cannot be written) falls back to ``re.compile``.
The engine checks any code it is given, and the file is named after the exact Python build
(``sys.version``, the engine's ``MAGIC``), so code from one build never reaches another.
Patterns made here are not in ``re``'s own cache: ``regex`` remembers them instead.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ENV_CACHE = "FACTCHECK_CACHE"  # the cache directory; "off" compiles every pattern (as re does)

MAX_PATTERNS = 4096  # kept in memory and in the file: factcheck's own patterns are a few hundred

_made: dict[tuple[str, int], re.Pattern[str]] = {}
_stored: dict[tuple[str, int], tuple] | None = None  # read from the file on first use
_new: dict[tuple[str, int], tuple] = {}


def regex(source: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the cache when it holds the pattern.

    Only for patterns made by the code and the word lists: a pattern made from a claim or a
    source text would fill the cache file with patterns never asked for again."""
    key = (source, int(flags))
    made = _made.get(key)
    if made is None:
        if len(_made) >= MAX_PATTERNS:
            _made.clear()
        made = _made[key] = _make(*key)
    return made


def _make(source: str, flags: int) -> re.Pattern[str]:
    try:
        import _sre
    except ImportError:
        return re.compile(source, flags)
    form = _read().get((source, flags))
    if form is not None:
        try:
            final, code, groups, groupindex, indexgroup = form
            return _sre.compile(source, final, _code(code), groups, dict(groupindex), tuple(indexgroup))
        except Exception:  # noqa: BLE001 - a stale or damaged entry: compiled again below
            pass
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        # What re._compiler.compile does, keeping its pieces.
        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, k in groupindex.items():
            indexgroup[k] = name
        form = (flags | parsed.state.flags, _packed(code), parsed.state.groups - 1, groupindex, tuple(indexgroup))
        made = _sre.compile(source, form[0], code, form[2], groupindex, form[4])
    except Exception:  # noqa: BLE001 - another Python's internals: re's own way
        return re.compile(source, flags)
    if not _new and _cache_file() is not None:
        import atexit

        atexit.register(save)
    _new[(source, flags)] = form
    return made


def _packed(code: list[int]) -> bytes | list[int]:
    from array import array

    packed = array("I")
    if packed.itemsize != 4:
        return code
    packed.fromlist(code)
    return packed.tobytes()


def _code(stored: bytes | list[int]) -> list[int]:
    if isinstance(stored, list):
        return stored
    from array import array

    code = array("I")
    code.frombytes(stored)
    return code.tolist()


def _cache_file() -> Path | None:
    where = os.environ.get(ENV_CACHE)
    if where == "off":
        return None
    try:
        import _sre
        import marshal

        base = Path(where) if where else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factcheck"
        # The exact build (its version string holds the compiler and the build date); no hashlib,
        # whose import alone costs a cold lookup 4 ms.
        build = "".join(c if c.isalnum() or c == "." else "-" for c in f"{sys.version}-{_sre.MAGIC}-{marshal.version}")
        return base / f"patterns-{sys.implementation.cache_tag}-{build}.marshal"
    except (ImportError, RuntimeError, OSError):
        return None  # no home directory, or no engine internals


def _read() -> dict[tuple[str, int], tuple]:
    global _stored
    if _stored is None:
        path = _cache_file()
        _stored = _load(path) if path is not None else {}
    return _stored


def _load(path: Path) -> dict:
    """The patterns in the cache file; none when it is missing or damaged (it is written anew at exit)."""
    import marshal

    try:
        loaded = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def save() -> None:
    """Add this process's new patterns to the cache file (written whole, then renamed into place).

    Run at exit; a worker process (which ends without running ``atexit``) calls it itself."""
    path = _cache_file()
    if path is None or not _new:
        return
    try:
        import marshal
        import tempfile

        merged = _load(path)  # as it is now: another process may have added to it since this one read it
        if len(merged) + len(_new) > MAX_PATTERNS:
            merged.clear()  # patterns of old versions of factcheck pile up: start again
        merged.update(_new)
        _new.clear()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(merged))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass  # a read-only home: every run compiles, as before


def longest_first(word: str) -> tuple[int, str]:
    """Sort key for a word list made into an alternation: longer words first (a pattern takes the
    first alternative that matches, so 告诉记者 must come before 告诉), and words of one length in
    a fixed order, so that the pattern is the same string in every process (a set's order is not)."""
    return -len(word), word
