"""Read a Word document (.docx) into the same article records as a text page.

python-docx gives the document's paragraphs with their styles, and its tables;
we keep what a reader reads: the title (a paragraph in the Title style, else
the first heading), headings as the sections of the paragraphs below them,
list items and table cells as paragraphs of their own, and every other
non-empty paragraph as body text.  A byline paragraph right after the title
(记者 张三) becomes the byline, as on a text page.  Only imported for .docx files.
"""

from __future__ import annotations

from .layout import Article, Paragraph, Piece, parse_byline, parse_dateline


class NotWord(Exception):
    """A .docx that is not a Word document (not a zip, damaged, encrypted)."""


def docx_blocks(data: bytes) -> list[tuple[str, str]]:
    """(style kind, text) of each non-empty paragraph and table cell, in reading order.

    Kinds: ``title``, ``heading``, ``item`` (a list paragraph or a table cell), ``body``.
    """
    import io
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise NotWord(f"python-docx is not installed ({e})") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise NotWord(f"not a readable Word document ({type(e).__name__})") from None
    out: list[tuple[str, str]] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = docx.text.paragraph.Paragraph(child, document)
            text = para.text.strip()
            if not text:
                continue
            style = (para.style.name if para.style is not None else "") or ""
            if style == "Title":
                out.append(("title", text))
            elif style.startswith("Heading"):
                out.append(("heading", text))
            elif "List" in style or child.find(".//{*}numPr") is not None:
                out.append(("item", text))
            else:
                out.append(("body", text))
        elif tag == "tbl":
            table = docx.table.Table(child, document)
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    t = cell.text.strip()
                    if t and t not in cells:
                        cells.append(t)
                if cells:
                    out.append(("item", " ".join(cells)))
    return out


def read_docx(data: bytes) -> list[Article]:
    """The article of a Word document."""
    blocks = docx_blocks(data)
    if not any(kind in ("body", "item") for kind, _ in blocks):
        raise NotWord("no text found in the document")
    title = next((t for kind, t in blocks if kind == "title"), None)
    if title is None:
        title = next((t for kind, t in blocks if kind == "heading"), "")
    art = Article(title=title, line=1)
    section: str | None = None
    k = 0
    for kind, text in blocks:
        if text == title and kind in ("title", "heading"):
            continue
        if kind in ("title", "heading"):
            section = text
            continue
        if not art.paragraphs and not art.credits:
            credits = parse_byline(text)
            if credits:
                art.credits = credits
                continue
        k += 1
        art.paragraphs.append(Paragraph(pieces=[Piece(line=k, start=-1, text=text)], section=section))
    if not art.byline and art.paragraphs:
        art.credits = parse_dateline(art.paragraphs[0].text) or art.credits
    return [art]


__all__ = ["NotWord", "docx_blocks", "read_docx"]
