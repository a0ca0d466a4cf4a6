"""Read a PDF with a text layer (e-paper pages, reports) into the same article records as a text page.

pypdfium2 (the PDFium engine of Chrome, kept up to date and fast) gives each
line of text on a page with its box.  We put them in reading order and hand
them to the page layout, which already knows titles, bylines and lines broken
by a column's width:

* **columns**: lines whose horizontal extents overlap belong to one column;
  columns are read left to right, each top to bottom; a headline spanning
  several columns is read first, with the column it starts in;
* **running headers and footers** (masthead, date and 版 lines, 责任编辑 lines,
  page numbers) in the top and bottom margins are dropped;
* spaces that justification put between Chinese characters are removed;
* a step between lines wider than one and a half times the column's line pitch
  is a paragraph break (a blank line for the layout).

Each page is read on its own; a sentence's location is its page number.  A PDF
with no text layer (a scan) is skipped with a warning: no OCR is done.
pypdfium2 is imported only when a PDF is read.
"""

from __future__ import annotations

import re

from .layout import Article, read_page
from .sentences import ends_sentence

_MARGIN = 0.07  # of the page height: where running headers and footers are printed
_RUNNING = re.compile(
    r"^(?:第?\s*\d{1,3}\s*(?:版|页|頁)?|\d{1,3}\s*/\s*\d{1,3}|责任编辑[:：].*|責任編輯[:：].*|版式设计[:：].*|"
    r".{0,12}(?:日报|日報|晚报|晚報|时报|時報)\s*\d{4}\s*年.*|.*第\s*\d{1,3}\s*版.*)$"
)
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])\s+(?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])")


class NotPDF(Exception):
    """A PDF that cannot be read, or has no text to read."""


def page_lines(page) -> list[tuple[float, float, float, float, str]]:
    """(left, bottom, right, top, text) of each line of text on a page."""
    textpage = page.get_textpage()
    out = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top).strip()
        if text:
            out.append((left, bottom, right, top, _CJK_GAP.sub("", " ".join(text.split()))))
    return out


def reading_order(lines: list[tuple[float, float, float, float, str]], height: float) -> list[str]:
    """The lines of a page as a text page: columns left to right, paragraphs split by blank lines."""
    body = [ln for ln in lines if not ((ln[3] > height * (1 - _MARGIN) or ln[1] < height * _MARGIN)
                                       and _RUNNING.match(ln[4]))]
    columns: list[list[tuple[float, float, float, float, str]]] = []
    for ln in sorted(body, key=lambda ln: (ln[0], -ln[3])):
        for col in columns:
            c_left = min(x[0] for x in col)
            c_right = max(x[2] for x in col)
            overlap = min(c_right, ln[2]) - max(c_left, ln[0])
            if overlap > 0.5 * min(ln[2] - ln[0], c_right - c_left):
                col.append(ln)
                break
        else:
            columns.append([ln])
    text: list[str] = []
    for col in sorted(columns, key=lambda c: min(x[0] for x in c)):
        col.sort(key=lambda ln: -ln[3])
        # The line pitch of the column's running text: the smallest step between lines (a box's
        # own height is unreliable: PDFium gives some lines a height of 0).
        steps = sorted(a[3] - b[3] for a, b in zip(col, col[1:]) if a[3] - b[3] > 1)
        pitch = steps[0] if steps else 12.0
        # The column's edge: where most of its long lines end (a headline may run wider).
        rights = sorted(ln[2] for ln in col)
        right = rights[min(len(rights) - 1, (3 * len(rights)) // 4)]
        prev_top = None
        joined = False  # the line before ran to the column's edge: this one continues it
        if text:
            text.append("")
        for ln in col:
            if prev_top is not None and prev_top - ln[3] > 1.5 * pitch:
                text.append("")
                joined = False
            if joined:
                text[-1] += ln[4]
            else:
                text.append(ln[4])
            prev_top = ln[3]
            # A line that fills the column's width and ends no sentence was broken by the width.
            joined = ln[2] >= right - pitch and not ends_sentence(ln[4])
    return text


def read_pdf(data: bytes) -> list[tuple[int, Article]]:
    """(page number, article) for each article on each page of a PDF with a text layer."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise NotPDF(f"not a readable PDF (damaged, or protected by a password): {e}") from None
    out: list[tuple[int, Article]] = []
    any_text = False
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            _, height = page.get_size()
            lines = page_lines(page)
            any_text = any_text or bool(lines)
            for art in read_page("\n".join(reading_order(lines, height))):
                out.append((number + 1, art))
    finally:
        pdf.close()
    if not any_text:
        raise NotPDF("no text layer (a scanned page?): factcheck does no OCR")
    return out


__all__ = ["NotPDF", "page_lines", "read_pdf", "reading_order"]
