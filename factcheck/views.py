"""Views for people: styled lines, drawn by rich on a terminal, plain text in a pipe.

A view is written as lines of (text, style) segments with an indent.  On a
terminal (or with ``FORCE_COLOR``) rich draws them: colour unless ``NO_COLOR``
is set, CJK-aware wrapping with a hanging indent.  In a pipe the same lines are
written as plain text, one line each, without escape codes or wrapping, and
rich is never imported (it costs 50 ms, a quarter of a cold lookup).
Machine formats (JSON, CSV) are in ``render``.
"""

from __future__ import annotations

import os
import re
import sys
from typing import IO, Any, Union

from .labels import DIFFERENCE_LABEL, citation, t, verdict_label

# (text, style), or (text, style, True) for a piece that must not be broken
# across lines (a figure pair, a word difference).
Segment = Union[tuple[str, str | None], tuple[str, str | None, bool]]


def keep(text: str, style: str | None) -> Segment:
    return (text, style, True)


# Pieces a line may break between: Latin words and numbers stay whole, CJK
# characters stand alone.  A line never starts with closing punctuation.
_ATOM = r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’…·]+|\s+|."  # compiled when wrapping (re caches it)
_NO_START = set("，。、；：？！）」』”’》〉%％…,.;:?!)]")
_NO_END = set("“‘「『（《〈【([")


def wrap(segments: list[Segment], width: int, indent: int = 0, hang: int = 2) -> list[list[tuple[str, str | None]]]:
    """Lines of (text, style) pieces that fit ``width`` cells; continuation lines ``hang`` further in."""
    from rich.cells import cell_len

    atoms: list[tuple[str, str | None]] = []
    for seg in segments:
        if len(seg) > 2 and seg[2]:  # type: ignore[misc]
            atoms.append((seg[0], seg[1]))
        else:
            atoms.extend((m.group(), seg[1]) for m in re.finditer(_ATOM, seg[0], re.S))
    lines: list[list[tuple[str, str | None]]] = [[]]
    used = indent
    room = max(10, width)
    for atom, style in atoms:
        w = cell_len(atom)
        if atom.isspace() and not lines[-1] and len(lines) > 1:
            continue  # no space at the start of a continuation line
        if used + w > room and lines[-1]:
            carried: list[tuple[str, str | None]] = []
            if atom[0] in _NO_START and len(lines[-1]) > 1 and not lines[-1][-1][0].isspace():
                carried = [lines[-1].pop()]  # the character before goes down with its punctuation
            while len(lines[-1]) > 1 and lines[-1][-1][0][-1] in _NO_END:
                carried.insert(0, lines[-1].pop())  # an opening mark goes down with what it opens
            while lines[-1] and lines[-1][-1][0].isspace():
                lines[-1].pop()
            lines.append(carried)
            used = indent + hang + sum(cell_len(a) for a, _ in carried)
            if atom.isspace():
                continue
        if used + w > room and not lines[-1] and len(atom) > 1:
            # A word longer than the line: cut it where it must be cut.
            for ch in atom:
                cw = cell_len(ch)
                if used + cw > room and lines[-1]:
                    lines.append([])
                    used = indent + hang
                lines[-1].append((ch, style))
                used += cw
            continue
        lines[-1].append((atom, style))
        used += w
    return lines

VERDICT_STYLE = {
    "supported": "bold green",
    "contradicted": "bold red",
    "unverified": "bold yellow",
    "not_found": "bold magenta",
    "exact": "bold green",
    "altered": "bold red",
}


# Text from sources and claims is data: a control character in it (ESC starting a terminal
# sequence that sets the title, clears the screen or makes a link; a newline inside a title or a
# path; a bidirectional override) is shown escaped, never sent to the terminal as it is.
_ESCAPES = {cp: f"\\x{cp:02x}" for cp in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}
_ESCAPES.update({cp: f"\\u{cp:04x}" for cp in [0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]})


def shown(text: str) -> str:
    """``text`` with its control characters escaped (\\x1b, \\x0a, \\u202e)."""
    return text.translate(_ESCAPES)


class Out:
    """Where a view is written: rich on a terminal, plain text elsewhere."""

    def __init__(self, stream: IO[str] | None = None):
        self.stream = stream or sys.stdout
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        self.rich = tty or bool(os.environ.get("FORCE_COLOR"))
        self._console = None
        if self.rich:
            from .render import console

            self._console = console(self.stream)

    def line(self, segments: list[Segment], indent: int = 0, hang: int = 2) -> None:
        """One logical line; on a terminal it is wrapped at the width, continuation lines ``hang`` in."""
        segments = [(shown(seg[0]),) + tuple(seg[1:]) for seg in segments]  # type: ignore[misc]
        if not self.rich:
            self.stream.write(" " * indent + "".join(seg[0] for seg in segments) + "\n")
            return
        from rich.text import Text

        for k, pieces in enumerate(wrap(segments, self._console.width, indent, hang)):
            text = Text(" " * (indent + (hang if k else 0)))
            for piece, style in pieces:
                text.append(piece, style=style)
            self._console.print(text, no_wrap=True, overflow="ignore", crop=False)

    def row(self, fields: list[str]) -> None:
        """A tab-separated record (plain) or a spaced line (terminal)."""
        fields = [shown(f) for f in fields]  # a tab or newline inside a field would split the record
        if self.rich:
            self.line([(fields[0], "bold"), ("  " + "  ".join(fields[1:]), None)])
        else:
            self.stream.write("\t".join(fields) + "\n")

    def blank(self) -> None:
        self.line([])


def _byline(names: list[str]) -> str:
    return "、".join(names) if names else t("(no byline)")


def attribution(article: Any, loc: Any, cid: str) -> str:
    """The line that lets a reader cite a passage (labels.citation): a headline is cited as the title."""
    return " · ".join(citation(article, loc, cid))


def _highlighted(text: str, spans: list[list[int]]) -> list[Segment]:
    """The text cut into plain and highlighted segments."""
    out: list[Segment] = []
    pos = 0
    for a, b in sorted(spans):
        if a > pos:
            out.append((text[pos:a], None))
        out.append((text[max(a, pos) : b], "bold yellow"))
        pos = max(pos, b)
    if pos < len(text):
        out.append((text[pos:], None))
    return out


# ---------------------------------------------------------------- sources, show


def show_sources(out: Out, items: list[Any]) -> None:
    for s in items:
        where = f"{s.path} {t('p. {n}', n=s.line)}" if s.kind == "pdf" else (
            s.path if s.kind in ("web", "word") else f"{s.path}:{s.line}")
        out.row([s.id, s.title, _byline(s.byline), where, str(s.sentences), str(len(s.captions))])


def show_cited(out: Out, cited: Any) -> None:
    out.line([(s["text"], "bold" if s["cited"] else "dim") for s in cited.paragraph_text])
    out.line([(attribution(cited.article, cited.location, cited.id), "cyan")])


# ---------------------------------------------------------------- check


def _figure_line(checks: list[Any]) -> list[Segment]:
    segs: list[Segment] = [(t("figures") + ": ", "dim")]
    for k, f in enumerate(checks):
        if k:
            segs.append(("  ", None))
        if f.status == "match":
            segs.append(keep(f"{f.claim} = {f.source}", "green"))
        elif f.status == "mismatch":
            segs.append(keep(f"{f.claim} ≠ {f.source}", "bold red"))
        elif f.status == "imprecise":
            segs.append(keep(f"{f.claim} ≈ {f.source}", "yellow"))
            segs.append(keep(f" ({t('less precise in the source')})", "dim"))
        elif f.status == "unread":
            segs.append(keep(f"{f.claim} ({t('could not read')})", "yellow"))
        else:
            segs.append(keep(f"{f.claim} ({t('not in source')})", "yellow"))
        if f.note and f.status != "imprecise":
            segs.append(keep(f" ({f.note})", "dim"))
    return segs




def _difference_line(diffs: list[Any]) -> list[Segment]:
    """The claim's words that differ from the source: "≠ 湖州 / 东阳", kind in brackets."""
    segs: list[Segment] = [(t("words") + ": ", "dim")]
    for k, d in enumerate(diffs):
        if k:
            segs.append(("  ", None))
        style = "yellow" if d.kind == "word" else "bold red"
        text = f"≠ {d.claim} / {d.source}" if d.source else f"≠ {d.claim}"
        segs.append(keep(text, style))
        segs.append(keep(f" ({t(DIFFERENCE_LABEL.get(d.kind, d.kind))})", "dim"))
    return segs


def _head(result: Any, extra: list[Segment] | None = None) -> list[Segment]:
    return [
        (verdict_label(result.verdict), VERDICT_STYLE.get(result.verdict, "bold")),
        ("  " + result.claim, None),
    ] + (extra or [])


def show_claim(out: Out, result: Any) -> None:
    """One claim: its verdict as a coloured word, then each match with context and attribution.

    A compound claim shows each part with its verdict and its own best source.
    """
    out.line(_head(result))
    if result.error:
        out.line([(result.error, "yellow")], 2)
    if getattr(result, "parts", None):
        show_parts(out, result.parts)
        out.blank()
        return
    for k, m in enumerate(result.matches, start=1):
        show_match(out, k, m)
    out.blank()


def show_parts(out: Out, parts: list[Any], indent: int = 2) -> None:
    for k, p in enumerate(parts, start=1):
        out.line([(t("part {n}", n=k) + ": ", "dim"), (verdict_label(p.verdict), VERDICT_STYLE.get(p.verdict, "bold")),
                  ("  " + p.text, None)], indent)
        if p.matches:
            show_match(out, k, p.matches[0], indent=indent + 2)
        else:
            out.line([(t("no source found"), "yellow")], indent + 2)


def show_match(out: Out, k: int, m: Any, extra: list[list[Segment]] | None = None, *, indent: int = 2) -> None:
    """A match: score, the passage (context dimmed, the matched sentence marked '>'), figures, attribution.

    On a terminal the matched sentence starts on its marker's line and its
    continuation lines are indented under its text, so it stands apart from
    the dimmed context around it.
    """
    out.line([(f"[{k}] {m.score:.1f}" + (" " + t("weak") if m.weak else ""), "dim" if m.weak else "bold")], indent)
    for s in m.context.before:
        out.line([("  " + s, "dim")], indent + 2, hang=2)
    out.line([("> ", "bold")] + _highlighted(m.text, m.highlights), indent + 2, hang=2)
    for s in m.context.after:
        out.line([("  " + s, "dim")], indent + 2, hang=2)
    for segs in extra or []:
        out.line(segs, indent + 4)
    if m.figures:
        out.line(_figure_line(m.figures), indent + 4)
    if getattr(m, "differences", None):
        out.line(_difference_line(m.differences), indent + 4)
    out.line([(attribution(m.article, m.location, m.id), "cyan")], indent + 4)


# ---------------------------------------------------------------- quotes


def _diff(ops: list[Any]) -> list[Segment]:
    """A word diff: kept text plain, [-left out-] red, {+added+} green (markers survive a pipe)."""
    segs: list[Segment] = [(t("diff") + ": ", "dim")]
    for op in ops:
        if op.op == "equal":
            segs.append((op.quote, None))
        if op.op in ("delete", "replace"):
            segs.append(("[-" + op.source + "-]", "bold red"))
        if op.op in ("insert", "replace"):
            segs.append(("{+" + op.quote + "+}", "bold green"))
    return segs


def _speaker(name: str | None, role: str | None) -> str:
    if not name:
        return t("speaker not named")
    return f"{role}{name}" if role and role != name else name


def show_quote(out: Out, result: Any) -> None:
    who = [("  — " + _speaker(result.speaker, result.speaker_role), "bold")] if result.matches else []
    out.line(_head(result, who))
    if result.error:
        out.line([(result.error, "yellow")], 2)
    if getattr(result, "misattributed", False):
        out.line([(verdict_label("misattributed") + "  ", "bold red"),
                  (t("the quote names {a}; the source names {b}", a=result.draft_speaker,
                     b=_speaker(result.speaker, result.speaker_role)), "bold red")], 2)
    for k, m in enumerate(result.matches, start=1):
        extra = []
        if m.verdict == "altered":
            extra.append(_diff(m.diff))
        extra += [[(t("note") + ": " + n, "yellow")] for n in m.notes]
        extra.append([(t("speaker") + ": " + _speaker(m.speaker, m.speaker_role), "dim")])
        show_match(out, k, m, extra)
    out.blank()


def show_quotations(out: Out, items: Any) -> None:
    for q in items:
        if not out.rich:
            out.row([_speaker(q.speaker, q.speaker_role), q.text, f"{q.location.path}:{q.location.line}", f"[{q.id}]"])
            continue
        out.line([(_speaker(q.speaker, q.speaker_role), "bold"), ("：“" + q.text + "”", None)])
        out.line([(attribution(q.article, q.location, q.id), "cyan")], 4)


# ---------------------------------------------------------------- figures


def show_figures(out: Out, items: Any) -> None:
    """One line per figure: the figure, its reading, and where it stands (tab-separated in a pipe)."""
    for f in items:
        value = f.value if not isinstance(f.value, list) else "[" + ", ".join("∞" if v is None else str(v) for v in f.value) + "]"
        fields = [f.text, str(value), f.unit or "", f.qualifier or "", f.kind]
        where = [f"{f.location.path}:{f.location.line}", f"[{f.id}]", f.sentence] if f.sentence is not None else []
        if not out.rich:
            out.row(fields + where)
            continue
        segs: list[Segment] = [(f.text, "bold"), ("  " + "  ".join(fields[1:]), "green")]
        if where:
            segs += [("  " + "  ".join(where[:2]), "cyan"), ("  " + where[2], "dim")]
        out.line(segs)


# ---------------------------------------------------------------- draft


def _draft_label(r: Any) -> str:
    """The mark of a draft sentence: ✓ ✗ ? or · , after a quotation mark for quotes."""
    return ("“" if r.kind == "quote" else " ") + r.mark


def _mark_style(r: Any) -> str:
    verdict = "misattributed" if r.misattributed else r.verdict
    return {"✓": "bold green", "✗": "bold red", "?": "bold yellow"}.get(r.mark, "dim") if verdict else "dim"


def show_draft(out: Out, name: str, results: list[Any], summary: Any) -> None:
    """Problems first, then what no source establishes, each with what was found; then the draft, marked."""
    from .draft import ordered_problems

    counts = ", ".join(f"{n} {t(k).replace('_', ' ')}" for k, n in sorted(summary.counts.items()))
    out.line([(t("DRAFT") + " ", "bold"),
              (f"{name}: " + t("{n} sentences, {m} checked", n=summary.sentences, m=summary.checked) + f": {counts}", None)])
    out.line([(t("{n} problem(s)", n=summary.problems), "bold red" if summary.problems else "bold green"),
              ("  " + t("{n} without a source", n=summary.review), "bold yellow" if summary.review else "dim")])
    for line in summary.notes:
        out.line([(t("note") + ": " + line, "dim")], 2)
    for _, r in ordered_problems(results):
        label = r.label
        out.line([(_draft_label(r) + " ", _mark_style(r)), (t("line {n}", n=r.position.line) + " ", "dim"),
                  (verdict_label(label), "bold red" if r.problem else "bold yellow"), ("  " + r.sentence, None)], 2)
        if r.misattributed:
            out.line([(t("the draft names {a}; the source names {b}", a=r.draft_speaker,
                         b=_speaker(r.speaker, r.speaker_role)), "bold red")], 6)
        if getattr(r, "parts", None):
            show_parts(out, r.parts, indent=6)
            continue
        if not r.matches:
            out.line([(t("no source found"), "yellow")], 6)
            continue
        m = r.matches[0]
        if r.kind == "quote" and r.verdict == "altered":
            out.line(_diff(m.diff), 6)
        if m.figures:
            out.line(_figure_line(m.figures), 6)
        if getattr(m, "differences", None):
            out.line(_difference_line(m.differences), 6)
        out.line([(t("source") + ": ", "dim"), (m.text, None)], 6)
        out.line([(attribution(m.article, m.location, m.id), "cyan")], 6)
    out.blank()
    out.line([(t("DRAFT TEXT"), "bold")])
    for r in results:
        out.line([(_draft_label(r) + " ", _mark_style(r)), (r.sentence, None if r.kind != "unchecked" else "dim")], 2, hang=3)
