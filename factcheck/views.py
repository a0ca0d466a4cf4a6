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
import sys
from typing import IO, Any

Segment = tuple[str, str | None]

VERDICT_STYLE = {
    "supported": "bold green",
    "contradicted": "bold red",
    "unverified": "bold yellow",
    "not_found": "bold magenta",
    "exact": "bold green",
    "altered": "bold red",
}


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

    def line(self, segments: list[Segment], indent: int = 0) -> None:
        if not self.rich:
            self.stream.write(" " * indent + "".join(t for t, _ in segments) + "\n")
            return
        from rich.padding import Padding
        from rich.text import Text

        text = Text()
        for t, style in segments:
            text.append(t, style=style)
        self._console.print(Padding(text, (0, 0, 0, indent)) if indent else text)

    def row(self, fields: list[str]) -> None:
        """A tab-separated record (plain) or a spaced line (terminal)."""
        if self.rich:
            self.line([(fields[0], "bold"), ("  " + "  ".join(fields[1:]), None)])
        else:
            self.stream.write("\t".join(fields) + "\n")

    def blank(self) -> None:
        self.line([])


def _byline(names: list[str]) -> str:
    return "、".join(names) if names else "(no byline)"


def attribution(article: Any, loc: Any, cid: str) -> str:
    """The line that lets a reader cite a passage."""
    parts = [f"《{article.title}》" if article.title else "(untitled)", _byline(article.byline)]
    if article.section:
        parts.append(f"§ {article.section}")
    parts.append(f"{loc.path}:{loc.line}")
    parts.append(f"¶{loc.paragraph}")
    parts.append(f"[{cid}]")
    return " · ".join(parts)


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
        out.row([s.id, s.title, _byline(s.byline), f"{s.path}:{s.line}", str(s.sentences), str(len(s.captions))])


def show_cited(out: Out, cited: Any) -> None:
    out.line([(s["text"], "bold" if s["cited"] else "dim") for s in cited.paragraph_text])
    out.line([(attribution(cited.article, cited.location, cited.id), "cyan")])


# ---------------------------------------------------------------- check


def _figure_line(checks: list[Any]) -> list[Segment]:
    segs: list[Segment] = [("figures: ", "dim")]
    for k, f in enumerate(checks):
        if k:
            segs.append(("  ", None))
        if f.status == "match":
            segs.append((f"{f.claim} = {f.source}", "green"))
        elif f.status == "mismatch":
            segs.append((f"{f.claim} ≠ {f.source}", "bold red"))
        elif f.status == "imprecise":
            segs.append((f"{f.claim} ≈ {f.source} (less precise in the source)", "yellow"))
        elif f.status == "unread":
            segs.append((f"{f.claim} (could not read)", "yellow"))
        else:
            segs.append((f"{f.claim} (not in source)", "yellow"))
        if f.note and f.status != "imprecise":
            segs.append((f" ({f.note})", "dim"))
    return segs


DIFFERENCE_LABEL = {"entity": "another name", "direction": "other direction", "negation": "negation",
                    "word": "not in source"}


def _difference_line(diffs: list[Any]) -> list[Segment]:
    """The claim's words that differ from the source: "≠ 湖州 / 东阳", kind in brackets."""
    segs: list[Segment] = [("words: ", "dim")]
    for k, d in enumerate(diffs):
        if k:
            segs.append(("  ", None))
        style = "yellow" if d.kind == "word" else "bold red"
        text = f"≠ {d.claim} / {d.source}" if d.source else f"≠ {d.claim}"
        segs.append((text, style))
        segs.append((f" ({DIFFERENCE_LABEL.get(d.kind, d.kind)})", "dim"))
    return segs


def _head(result: Any, extra: list[Segment] | None = None) -> list[Segment]:
    return [
        (result.verdict.upper().replace("_", " "), VERDICT_STYLE.get(result.verdict, "bold")),
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
        for k, p in enumerate(result.parts, start=1):
            out.line([(f"part {k}: ", "dim"), (p.verdict.upper().replace("_", " "), VERDICT_STYLE.get(p.verdict, "bold")),
                      ("  " + p.text, None)], 2)
            if p.matches:
                show_match(out, k, p.matches[0])
            else:
                out.line([("no source found", "yellow")], 4)
        out.blank()
        return
    for k, m in enumerate(result.matches, start=1):
        show_match(out, k, m)
    out.blank()


def show_match(out: Out, k: int, m: Any, extra: list[list[Segment]] | None = None) -> None:
    """A match: score, the passage (context dimmed, the match marked '>'), figures, attribution."""
    out.line([(f"[{k}] {m.score:.1f}" + (" weak" if m.weak else ""), "dim" if m.weak else "bold")], 2)
    for s in m.context.before:
        out.line([("  " + s, "dim")], 4)
    out.line([("> ", "bold")] + _highlighted(m.text, m.highlights), 4)
    for s in m.context.after:
        out.line([("  " + s, "dim")], 4)
    for segs in extra or []:
        out.line(segs, 6)
    if m.figures:
        out.line(_figure_line(m.figures), 6)
    if getattr(m, "differences", None):
        out.line(_difference_line(m.differences), 6)
    out.line([(attribution(m.article, m.location, m.id), "cyan")], 6)


# ---------------------------------------------------------------- quotes


def _diff(ops: list[Any]) -> list[Segment]:
    """A word diff: kept text plain, [-left out-] red, {+added+} green (markers survive a pipe)."""
    segs: list[Segment] = [("diff: ", "dim")]
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
        return "speaker not named"
    return f"{role}{name}" if role and role != name else name


def show_quote(out: Out, result: Any) -> None:
    who = [("  — " + _speaker(result.speaker, result.speaker_role), "bold")] if result.matches else []
    out.line(_head(result, who))
    if result.error:
        out.line([(result.error, "yellow")], 2)
    for k, m in enumerate(result.matches, start=1):
        extra = []
        if m.verdict == "altered":
            extra.append(_diff(m.diff))
        extra += [[("note: " + n, "yellow")] for n in m.notes]
        extra.append([("speaker: " + _speaker(m.speaker, m.speaker_role), "dim")])
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
    """Problems first, with their sources; then the draft, every sentence marked."""
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(summary.counts.items()))
    out.line([("DRAFT ", "bold"), (f"{name}: {summary.sentences} sentences, {summary.checked} checked: {counts}", None)])
    out.line([(f"{summary.problems} problem(s)", "bold red" if summary.problems else "bold green")])
    for r in results:
        if not r.problem:
            continue
        out.line([(_draft_label(r) + " ", _mark_style(r)), (f"line {r.position.line} ", "dim"),
                  (r.problem.upper(), "bold red"), ("  " + r.sentence, None)], 2)
        if r.misattributed:
            out.line([(f"the draft names {r.draft_speaker}; the source names {_speaker(r.speaker, r.speaker_role)}", "bold red")], 6)
        if r.matches:
            m = r.matches[0]
            if r.kind == "quote" and r.verdict == "altered":
                out.line(_diff(m.diff), 6)
            if m.figures:
                out.line(_figure_line(m.figures), 6)
            if getattr(m, "differences", None):
                out.line(_difference_line(m.differences), 6)
            out.line([("source: ", "dim"), (m.text, None)], 6)
            out.line([(attribution(m.article, m.location, m.id), "cyan")], 6)
    out.blank()
    out.line([("DRAFT TEXT", "bold")])
    for r in results:
        out.line([(_draft_label(r) + " ", _mark_style(r)), (r.sentence, None if r.kind != "unchecked" else "dim")], 2)
