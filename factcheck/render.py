"""Writing results: JSON, JSON Lines and CSV for scripts, rich views for people.

Machine formats stream: JSON Lines are flushed after each record, a JSON array
is written item by item.  Chinese is written as characters (``ensure_ascii=False``).

``console`` makes the rich Console that ``views`` draws with on a terminal:
colour unless ``NO_COLOR`` is set.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

_LINE_BREAKS = {0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\u0085"}


def dumps(obj: Any) -> str:
    """JSON with Chinese as characters; the characters some readers take for line breaks
    (U+2028, U+2029, NEL) escaped, so one record stays one line of JSON Lines."""
    text = json.dumps(obj, ensure_ascii=False)
    # translate() walks every character through a Python mapping (a quarter of a millisecond a
    # record); the three characters are rare, so look first.
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        return text.translate(_LINE_BREAKS)
    return text


def emit(records: Iterable[dict], fmt: str, out: IO[str] | None = None) -> int:
    """Write records as JSON (array), JSON Lines or CSV; returns how many were written."""
    out = out or sys.stdout
    n = 0
    if fmt == "jsonl":
        for r in records:
            out.write(dumps(r) + "\n")
            out.flush()
            n += 1
    elif fmt == "json":
        out.write("[")
        for r in records:
            out.write((",\n " if n else "\n ") + dumps(r))
            n += 1
        out.write("\n]\n" if n else "]\n")
        out.flush()
    elif fmt == "csv":
        writer = None
        for r in records:
            flat = _flatten(r)
            if writer is None:
                import csv  # only for CSV output

                writer = csv.DictWriter(out, fieldnames=list(flat))
                writer.writeheader()
            writer.writerow(flat)
            n += 1
        out.flush()
    else:  # pragma: no cover - click restricts the choices
        raise ValueError(fmt)
    return n


def _flatten(record: dict, prefix: str = "") -> dict:
    """One CSV column per field: nested objects become dotted columns, lists JSON text."""
    out: dict = {}
    for k, v in record.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        elif isinstance(v, list):
            out[key] = dumps(v)
        else:
            out[key] = v
    return out


def color_wanted(stream: IO[str]) -> bool:
    if "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def console(stream: IO[str]):
    """A rich Console for a terminal: colour unless NO_COLOR, wrapping at its width."""
    from rich.console import Console

    color = color_wanted(stream)
    return Console(
        file=stream,
        force_terminal=True,
        color_system="auto" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
    )


def records(items: Iterable[Any]) -> Iterator[dict]:
    """Dataclasses (or dicts) as dicts."""
    for item in items:
        yield plain(item)


_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` for our results, without its deep copies (which cost a batch lookup
    half a millisecond a claim): dataclasses become dicts of their fields, lists and tuples lists;
    everything else is used as it is (the results are not kept after they are written)."""
    cls = type(value)
    if cls in (str, int, float, bool) or value is None:
        return value
    names = _FIELDS.get(cls)
    if names is None and hasattr(cls, "__dataclass_fields__"):
        from dataclasses import fields

        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))
    if names is not None:
        return {n: plain(getattr(value, n)) for n in names}
    if isinstance(value, (list, tuple)):
        return [plain(x) for x in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
