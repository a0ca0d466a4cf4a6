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
            con.print("\t".join([s.id, s.title, _byline(s.byline), f"{s.path}:{s.line}", str(s.sentences), str(len(s.captions))]))
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
