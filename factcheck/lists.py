"""The word lists a newsroom may extend, read one way.

They are text files in ``factcheck/data`` (installed with the package, ``setup.cfg``
package_data): one or more entries a line, separated by spaces; ``#`` starts a comment,
on its own line or after the entries; a line ``[name]`` starts a section.  Synonyms,
directions, negations, name endings, stopwords, units, verbs of saying and titles are
all read here, so a newsroom writes every list the same way.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def lines(name: str | Path) -> list[str]:
    """The lines of a list that hold entries (``name`` in the package's data, or a path)."""
    path = name if isinstance(name, Path) else DATA / name
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def sections(name: str | Path) -> dict[str, list[str]]:
    """The lines of each ``[section]`` of a list (those before the first under "")."""
    out: dict[str, list[str]] = {}
    current = ""
    for line in lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        out.setdefault(current, []).append(line)
    return out
