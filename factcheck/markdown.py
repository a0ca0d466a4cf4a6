"""Reduce a line of Markdown to its text, keeping where each character came from.

A reporter's draft is often Markdown: ``# headings``, ``- bullets``, ``**bold**``,
``> quotes``, ``[links](…)`` and ``code``.  Checking the marks as words would
spoil matching, and dropping lines would hide sentences from the check, so each
line is reduced to the text a reader sees, and ``cols[i]`` gives the column in
the original line of the reduced text's character ``i``: positions in reports
still point into the draft as written.

Lines that hold only syntax (fences, rules, table rules) reduce to nothing and
are reported by the caller, never dropped silently.  Pure functions on strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import regex

Reduced = tuple[str, list[int]]

# Line starts: block quotes, headings, list bullets and numbers, task boxes.
_QUOTE = regex(r"^\s{0,3}>\s?")
_HEADING = regex(r"^\s{0,3}#{1,6}(?:\s+|$)")
_CLOSING_HASHES = regex(r"\s+#+\s*$")
_BULLET = regex(r"^\s*(?:[-*+•●○▪■◆·]\s+|\d{1,3}[.)]\s+|\d{1,3}、\s*|[（(]\d{1,3}[）)]\s*)")
_TASK = regex(r"^\[[ xX]\]\s+")
# Lines that are only syntax.
_FENCE = regex(r"^\s{0,3}(```|~~~)")
_RULE = regex(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_TABLE_RULE = regex(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML_COMMENT = regex(r"^\s*<!--.*-->\s*$")

# Inline marks, as (pattern, groups kept).  Applied in order on the reduced text.
_INLINE: list[tuple[re.Pattern[str], tuple[int, ...]]] = [
    (regex(r"!\[([^\]]*)\]\([^)]*\)"), (1,)),  # image: its alt text
    (regex(r"\[([^\]]+)\]\([^)]*\)"), (1,)),  # link: its text
    (regex(r"\[([^\]]+)\]\[[^\]]*\]"), (1,)),  # reference link
    (regex(r"<(https?://[^>\s]+)>"), (1,)),  # autolink: the address
    (regex(r"`+([^`]+?)`+"), (1,)),  # code: its text
    (regex(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), (2,)),  # strong
    (regex(r"~~(?=\S)(.+?)(?<=\S)~~"), (1,)),  # strike-through: the text stays, it was written
    (regex(r"(?<![*A-Za-z0-9])\*(?=\S)([^*]+?)(?<=\S)\*(?!\*)"), (1,)),  # emphasis
    # _x_ only between non-ASCII-word characters: snake_case_names stay as written.
    (regex(r"(?<![_A-Za-z0-9])_(?=\S)([^_]+?)(?<=\S)_(?![_A-Za-z0-9])"), (1,)),
    (regex(r"</?[A-Za-z][^<>]*>"), ()),  # inline HTML tags
]


@dataclass
class Line:
    """One line of a draft reduced to its text; ``note`` says why a line came out empty."""

    number: int  # 1-based
    offset: int  # character offset of the line in the file
    text: str
    cols: list[int]
    note: str | None = None


def _cut(text: str, cols: list[int], a: int, b: int) -> Reduced:
    """``text`` without its characters [a, b)."""
    return text[:a] + text[b:], cols[:a] + cols[b:]


def _keep_groups(text: str, cols: list[int], pattern: re.Pattern[str], groups: tuple[int, ...]) -> Reduced:
    out: list[str] = []
    out_cols: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(text[pos : m.start()])
        out_cols.extend(cols[pos : m.start()])
        for g in groups:
            a, b = m.span(g)
            out.append(text[a:b])
            out_cols.extend(cols[a:b])
        pos = m.end()
    out.append(text[pos:])
    out_cols.extend(cols[pos:])
    return "".join(out), out_cols


def reduce_line(line: str, *, markdown: bool = True) -> Reduced:
    """The text of one Markdown line and the original column of each character.

    Without ``markdown`` only list bullets are taken off (a plain-text draft
    has them too: "- 东阳去年新引进…", "1. …").
    """
    text, cols = line, list(range(len(line)))
    if markdown:
        while True:
            m = _QUOTE.match(text)
            if not m:
                break
            text, cols = _cut(text, cols, 0, m.end())
        m = _HEADING.match(text)
        if m:
            text, cols = _cut(text, cols, 0, m.end())
            m = _CLOSING_HASHES.search(text)
            if m:
                text, cols = _cut(text, cols, m.start(), len(text))
    m = _BULLET.match(text)
    if m:
        text, cols = _cut(text, cols, 0, m.end())
        m = _TASK.match(text)
        if m and markdown:
            text, cols = _cut(text, cols, 0, m.end())
    if markdown:
        for pattern, groups in _INLINE:
            if pattern.search(text):
                text, cols = _keep_groups(text, cols, pattern, groups)
        if text.lstrip().startswith("|") or text.rstrip().endswith("|"):
            # A table row: its cells, separated by a space.
            text = text.replace("|", " ")
    # White space at the ends is not part of the text.
    a, b = 0, len(text)
    while a < b and (text[a].isspace() or text[a] == "\ufeff"):
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return text[a:b], cols[a:b]


def read_lines(text: str, *, markdown: bool = False) -> list[Line]:
    """Every non-empty line of a draft, reduced; syntax-only lines come with a note and no text."""
    lines: list[Line] = []
    offset = 0
    in_fence = False
    front_matter = False
    raw_lines = text.split("\n")
    for number, raw in enumerate(raw_lines, start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        here = offset
        offset += len(raw) + 1
        if not line.strip():
            continue
        note = None
        if markdown:
            stripped = line.strip()
            if number == 1 and stripped == "---":
                front_matter, note = True, "front matter"
            elif front_matter:
                if stripped == "---":
                    front_matter = False
                note = "front matter"
            elif _FENCE.match(line):
                in_fence, note = not in_fence, "code fence"
            elif in_fence:
                lines.append(Line(number, here, line.rstrip(), list(range(len(line.rstrip())))))
                continue
            elif _RULE.match(line):
                note = "horizontal rule"
            elif _TABLE_RULE.match(line) and "|" in line:
                note = "table rule"
            elif _HTML_COMMENT.match(line):
                note = "comment"
        if note:
            lines.append(Line(number, here, "", [], note))
            continue
        reduced, cols = reduce_line(line, markdown=markdown)
        lines.append(Line(number, here, reduced, cols, None if reduced else "no text"))
    return lines


__all__ = ["Line", "read_lines", "reduce_line"]
