"""Terminal views (rich) for people; machine formats are in ``render``."""

from __future__ import annotations

from typing import Any

from .render import console


def _byline(names: list[str]) -> str:
    return "、".join(names) if names else "(no byline)"


def show_sources(items: list[Any]) -> None:
    from rich.table import Table

    con = console()
    if not con.is_terminal:
        # Plain: one tab-separated line per article, easy to grep and cut.
        for s in items:
            _plain_row([s.id, s.title, _byline(s.byline), f"{s.path}:{s.line}", str(s.sentences), str(len(s.captions))])
        return
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("id", "title", "byline", "path", "sentences", "captions"):
        table.add_column(col, overflow="fold")
    for s in items:
        table.add_row(s.id, s.title, _byline(s.byline), f"{s.path}:{s.line}", str(s.sentences), str(len(s.captions)))
    con.print(table)


def attribution(article: Any, loc: Any, cid: str) -> str:
    """The line that lets a reader cite a passage."""
    parts = [f"《{article.title}》" if article.title else "(untitled)", _byline(article.byline)]
    if article.section:
        parts.append(f"§ {article.section}")
    parts.append(f"{loc.path}:{loc.line}")
    parts.append(f"¶{loc.paragraph}")
    parts.append(f"[{cid}]")
    return " · ".join(parts)


def show_cited(cited: Any) -> None:
    from rich.text import Text

    con = console()
    para = Text()
    for k, s in enumerate(cited.paragraph_text):
        para.append(s["text"], style="bold" if s["cited"] else "dim")
    con.print(para)
    con.print(Text(attribution(cited.article, cited.location, cited.id), style="cyan"))


VERDICT_STYLE = {
    "supported": "bold green",
    "contradicted": "bold red",
    "unverified": "bold yellow",
    "not_found": "bold magenta",
    "exact": "bold green",
    "altered": "bold red",
}


def _highlighted(text: str, spans: list[list[int]], base: str = ""):
    from rich.text import Text

    t = Text(text, style=base)
    for a, b in spans:
        t.stylize("bold yellow", a, b)
    return t


def _indented(con: Any, text: Any, indent: int = 4) -> None:
    """Indented text: wrapped with a hanging indent on a terminal, one long line in a pipe."""
    from rich.padding import Padding
    from rich.text import Text

    if con.soft_wrap:
        con.print(Text(" " * indent) + text)
    else:
        con.print(Padding(text, (0, 0, 0, indent)))


def _figure_line(checks: list[Any]):
    from rich.text import Text

    t = Text()
    t.append("figures: ", style="dim")
    for k, f in enumerate(checks):
        if k:
            t.append("  ")
        if f.status == "match":
            t.append(f"{f.claim} = {f.source}", style="green")
        elif f.status == "mismatch":
            t.append(f"{f.claim} ≠ {f.source}", style="bold red")
        else:
            t.append(f"{f.claim} (not in source)", style="yellow")
    return t


def show_claim(con: Any, result: Any) -> None:
    """One claim: its verdict as a coloured word, then each match with context and attribution."""
    from rich.text import Text

    head = Text()
    head.append(result.verdict.upper().replace("_", " "), style=VERDICT_STYLE.get(result.verdict, "bold"))
    head.append("  ")
    head.append(result.claim)
    con.print(head)
    if result.error:
        _indented(con, Text(result.error, style="yellow"), 2)
    for k, m in enumerate(result.matches, start=1):
        show_match(con, k, m)
    con.print()


def show_match(con: Any, k: int, m: Any, extra: list | None = None) -> None:
    """A match: score, the passage (context dimmed, the match marked '>'), figures, attribution."""
    from rich.text import Text

    _indented(con, Text(f"[{k}] {m.score:.1f}" + (" weak" if m.weak else ""), style="dim" if m.weak else "bold"), 2)
    for s in m.context.before:
        _indented(con, Text("  " + s, style="dim"), 4)
    _indented(con, Text("> ", style="bold") + _highlighted(m.text, m.highlights), 4)
    for s in m.context.after:
        _indented(con, Text("  " + s, style="dim"), 4)
    for line in extra or []:
        _indented(con, line, 6)
    if m.figures:
        _indented(con, _figure_line(m.figures), 6)
    _indented(con, Text(attribution(m.article, m.location, m.id), style="cyan"), 6)


def _plain_row(fields: list[str]) -> None:
    import sys

    sys.stdout.write("\t".join(fields) + "\n")


def show_figures(items: Any) -> None:
    """One line per figure: the figure, its reading, and where it stands (tab-separated in a pipe)."""
    from rich.text import Text

    con = console()
    for f in items:
        value = f.value if not isinstance(f.value, list) else "[" + ", ".join("∞" if v is None else str(v) for v in f.value) + "]"
        fields = [f.text, str(value), f.unit or "", f.qualifier or "", f.kind]
        where = [f"{f.location.path}:{f.location.line}", f"[{f.id}]", f.sentence] if f.sentence is not None else []
        if not con.is_terminal:
            _plain_row(fields + where)
            continue
        line = Text()
        line.append(f.text, style="bold")
        line.append("  " + "  ".join(fields[1:]), style="green")
        if where:
            line.append("  " + "  ".join(where[:2]), style="cyan")
            line.append("  " + where[2], style="dim")
        con.print(line)


def _diff_text(ops: list[Any]):
    """A word diff: kept text plain, [-left out-] red, {+added+} green (markers survive a pipe)."""
    from rich.text import Text

    t = Text()
    for op in ops:
        if op.op == "equal":
            t.append(op.quote)
        if op.op in ("delete", "replace"):
            t.append("[-" + op.source + "-]", style="bold red")
        if op.op in ("insert", "replace"):
            t.append("{+" + op.quote + "+}", style="bold green")
    return t


def _speaker(name: str | None, role: str | None) -> str:
    if not name:
        return "speaker not named"
    return f"{role}{name}" if role and role != name else name


def show_quote(con: Any, result: Any) -> None:
    from rich.text import Text

    head = Text()
    head.append(result.verdict.upper().replace("_", " "), style=VERDICT_STYLE.get(result.verdict, "bold"))
    head.append("  ")
    head.append(result.claim)
    if result.matches:
        head.append("  — " + _speaker(result.speaker, result.speaker_role), style="bold")
    con.print(head)
    if result.error:
        _indented(con, Text(result.error, style="yellow"), 2)
    for k, m in enumerate(result.matches, start=1):
        extra = []
        if m.verdict == "altered":
            extra.append(Text("diff: ", style="dim") + _diff_text(m.diff))
        for n in m.notes:
            extra.append(Text("note: " + n, style="yellow"))
        extra.append(Text("speaker: " + _speaker(m.speaker, m.speaker_role), style="dim"))
        show_match(con, k, m, extra)
    con.print()


def show_quotations(items: Any) -> None:
    from rich.text import Text

    con = console()
    for q in items:
        if not con.is_terminal:
            _plain_row([_speaker(q.speaker, q.speaker_role), q.text, f"{q.location.path}:{q.location.line}", f"[{q.id}]"])
            continue
        line = Text()
        line.append(_speaker(q.speaker, q.speaker_role), style="bold")
        line.append("：“" + q.text + "”")
        con.print(line)
        _indented(con, Text(attribution(q.article, q.location, q.id), style="cyan"), 4)
