"""Read a PDF with a text layer (e-paper pages, reports) into the same article records as a text page.

pypdfium2 (the PDFium engine of Chrome: kept up to date, fast, and it gives
every character with its box, which pdfplumber also does but five times slower)
gives the characters of each page.  From them:

* **lines**: characters on one baseline, cut where a gap wider than a column's
  gutter opens; spaces that justification put between Chinese characters are
  not kept; a digit set in another font stays in its line;
* **running headers and footers** go: in the page's top and bottom margins, the
  masthead, date and 版 lines, 责任编辑 lines and page numbers, and any line
  printed at the same place on several pages (a report's title and page
  numbers); a front page's masthead block (出版物号, 邮发代号, 星期…) goes too;
* **reading order** by recursive XY cuts: a band across the whole region wherever
  an empty horizontal strip at least a line high crosses it (the space between
  stacked articles, or between a headline and its columns), else columns
  wherever an empty vertical strip (a gutter) runs from top to bottom;
* **headlines** by their size: a line set 1.45 times larger than the body text
  starts an article; the largest of adjacent headline lines is the title, the
  others (引题 above it, 副题 below) its subtitle;
* **paragraphs**: a line indented by about two characters, or a short line that
  ends a sentence, ends one; a line that fills its column continues on the next
  line, in the next column, or on the next page;
* **captions** are lines set smaller than the body; jump lines (下转第二版) go.

A document is read as a newspaper (every headline starts an article) when half
of its pages or more carry two or more headlines and its text is set in columns narrower
than half the page; otherwise as a report: one article,
titled by the largest text of its first page, whose other headings are the
sections of its paragraphs.  A sentence's location is its page.  A PDF with no
text layer (a scan) is skipped with a warning: no OCR is done.  pypdfium2 is
imported only when a PDF is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from .layout import Article, Caption, Paragraph, Piece, is_caption_credit, parse_byline, parse_dateline
from .sentences import ends_sentence

_MARGIN = 0.07  # of the page height: where running headers and footers are printed
_MASTHEAD = 0.25  # of a page's height: where a front page's masthead block may be
HEADLINE = 1.45  # times the body's size: a headline (a report's headings are smaller)
SUBHEAD = 1.12  # times the body's size: a report's section heading
SMALL = 0.88  # times the body's size: a caption or a note

_RUNNING = re.compile(
    r"^(?:第?\s*\d{1,3}\s*(?:版|页|頁)?|[-—]\s*\d{1,3}\s*[-—]|\d{1,3}\s*/\s*\d{1,3}|"
    r"(?:本版)?(?:责任编辑|責任編輯|责编|責編|版式设计|版式設計|美术编辑|美術編輯|校对|校對|图片编辑|圖片編輯)[:：].*|"
    r".{0,12}(?:日报|日報|晚报|晚報|时报|時報)\s*\d{4}\s*年.*|.*第\s*\d{1,3}\s*版.*)$"
)
_MASTHEAD_LINE = re.compile(
    r"国内统一连续出版物号|國內統一連續出版物號|邮发代号|郵發代號|^代号|^代號|CN\s*\d{2}\s*[-—]\s*\d{4}|今日\s*\d+\s*版|"
    r"星期[一二三四五六日天]|农历|農曆|第\s*\d+\s*期|总第\s*\d+|總第\s*\d+|https?://|www\.|^[A-Z][A-Z .'’]{6,}$|"
    r"^.{1,6}(?:日报|日報|晚报|晚報|时报|時報|商报|商報|早报|早報|青年报|青年報|法治报|法治報)$"
)
_EDITOR = re.compile(r"^(?:本版)?(?:责任编辑|責任編輯|责编|責編|版式设计|版式設計|美术编辑|美術編輯|图片编辑|圖片編輯)[:：]")
_JUMP = re.compile(r"[（(]?(?:下转|下轉|上接|转第|轉第|接第|详见|詳見|见第|見第)第?\s*[\d一二三四五六七八九十]{1,3}\s*版[）)]?")


class NotPDF(Exception):
    """A PDF that cannot be read, or has no text to read."""


@dataclass
class Line:
    left: float
    bottom: float
    right: float
    top: float
    size: float  # the height of its characters' loose boxes: the font size as printed
    text: str

    @property
    def width(self) -> float:
        return self.right - self.left


@dataclass
class _Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float


def _is_latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def page_lines(page) -> list[Line]:
    """The lines of text on a page, each with its box and size."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    chars: list[_Char] = []
    for i in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        if raw.FPDFText_IsGenerated(textpage.raw, i) == 1 or code in (0, 0xFFFE, 0xFFFF):
            continue
        c = chr(code)
        if c in "\r\n":
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        chars.append(_Char(c, left, bottom, right, top))
    textpage.close()
    return _lines(chars)


def _vertical(chars: list[_Char]) -> bool:
    return len(chars) >= 2 and abs(chars[-1].left - chars[-2].left) < 1 and chars[-1].top < chars[-2].bottom + 1


def _lines(chars: list[_Char]) -> list[Line]:
    out: list[Line] = []
    cur: list[_Char] = []  # the inked characters of the line being read (spaces are never kept)

    def flush() -> None:
        if cur:
            text = ""
            prev = None
            for c in cur:
                # Latin words keep one space between them; Chinese characters never get one.
                if prev is not None and _is_latin(prev.text[-1]) and _is_latin(c.text[0]) \
                        and not (prev.text[-1].isdigit() and c.text[0].isdigit()) \
                        and c.left - prev.right > 0.3 * (c.top - c.bottom):
                    text += " "
                text += c.text
                prev = c
            size = median(c.top - c.bottom for c in cur)
            out.append(Line(min(c.left for c in cur), min(c.bottom for c in cur), max(c.right for c in cur),
                            max(c.top for c in cur), size, text))
        cur.clear()

    for c in chars:
        if c.text.isspace():
            continue  # justification's spaces: the gap they leave is measured between inked characters
        if cur:
            last = cur[-1]
            height = max(last.top - last.bottom, c.top - c.bottom, 1.0)
            # A headline set vertically (竖排): each character under the one before.
            below = abs(c.left - last.left) < 0.3 * height and -0.2 * height <= last.bottom - c.top < 0.6 * height
            vertical = below and not c.text.isascii() and (len(cur) == 1 or _vertical(cur))
            same_row = abs((c.top + c.bottom) / 2 - (last.top + last.bottom) / 2) < 0.35 * height
            gap = c.left - last.right
            # A gutter between columns can be under one character wide (4 mm at 9.5 pt): a gap over
            # 0.6 of a character's box cuts the row; justified Chinese never spaces that wide, and a
            # row cut by mistake is joined again by _rows, where no gutter runs through the block.
            if not vertical and (not same_row or gap > 0.6 * height or gap < -0.5 * height):
                flush()
        cur.append(c)
    flush()
    return out


def _running(lines_by_page: list[list[Line]], heights: list[float]) -> set[tuple[int, int]]:
    """(page, line index) of running headers and footers, masthead lines and editors' lines."""
    drop: set[tuple[int, int]] = set()
    seen: dict[str, set[int]] = {}
    for p, (lines, height) in enumerate(zip(lines_by_page, heights)):
        for k, ln in enumerate(lines):
            in_margin = ln.top > height * (1 - _MARGIN) or ln.bottom < height * _MARGIN
            if in_margin and _RUNNING.match(ln.text):
                drop.add((p, k))
            elif _EDITOR.match(ln.text):
                drop.add((p, k))
            elif ln.bottom > height * (1 - _MASTHEAD) and _MASTHEAD_LINE.search(ln.text) and len(ln.text) <= 40:
                drop.add((p, k))
            if in_margin:
                key = re.sub(r"\d+", "#", ln.text)
                seen.setdefault(f"{round(ln.top / 10)}|{key}", set()).add(p)
    for p, (lines, height) in enumerate(zip(lines_by_page, heights)):
        for k, ln in enumerate(lines):
            in_margin = ln.top > height * (1 - _MARGIN) or ln.bottom < height * _MARGIN
            if in_margin and len(ln.text) >= 4 and sum(x.text == ln.text for x in lines) == 1 \
                    and _printed_elsewhere(lines_by_page, p, ln.text):
                drop.add((p, k))  # a report's title repeated as the header of its pages
    if len(lines_by_page) >= 2:  # the same words at the same height on several pages
        for p, lines in enumerate(lines_by_page):
            for k, ln in enumerate(lines):
                key = f"{round(ln.top / 10)}|{re.sub(r'[0-9]+', '#', ln.text)}"
                if len(seen.get(key, ())) >= 2:
                    drop.add((p, k))
    return drop


def _printed_elsewhere(lines_by_page: list[list[Line]], page: int, text: str) -> bool:
    """Whether another page prints ``text`` as a line (in its margins or not)."""
    return any(ln.text == text for q, lines in enumerate(lines_by_page) if q != page for ln in lines)


_HANGING = "，。、；：？！”’）』」》,.;:?!)"


def _inked_right(ln: Line) -> float:
    """A line's right edge without punctuation hung into the gutter (悬挂标点)."""
    return ln.right - 0.9 * ln.size if ln.text and ln.text[-1] in _HANGING and len(ln.text) > 1 else ln.right


def _gaps(spans: list[tuple[float, float]], min_gap: float) -> list[tuple[float, float]]:
    """(cut point, width) of each empty stretch at least ``min_gap`` wide between spans."""
    cuts = []
    spans = sorted(spans)
    reach = spans[0][1]
    for a, b in spans[1:]:
        if a - reach >= min_gap:
            cuts.append(((reach + a) / 2, a - reach))
        reach = max(reach, b)
    return cuts


def xy_blocks(lines: list[Line], body: float) -> list[list[Line]]:
    """The lines of a region as blocks in reading order (recursive XY cuts).

    Where the region can be cut both ways, the wider empty strip decides: two articles
    side by side are parted by their gutter before their aligned rows are, and a
    headline over its columns is parted from them by the strip below it.
    """
    if len(lines) <= 1:
        return [lines] if lines else []
    # PDF y grows upwards: bands are cut on -top, -bottom.
    rows = _gaps([(-ln.top, -ln.bottom) for ln in lines], 0.9 * body)
    cols = _gaps([(ln.left, _inked_right(ln)) for ln in lines], 0.7 * body)
    if rows and (not cols or max(w for _, w in rows) >= max(w for _, w in cols)):
        cuts = [c for c, _ in rows]
        parts: list[list[Line]] = [[] for _ in range(len(cuts) + 1)]
        for ln in lines:
            parts[sum(1 for c in cuts if -ln.top > c)].append(ln)
    elif cols:
        cuts = [c for c, _ in cols]
        parts = [[] for _ in range(len(cuts) + 1)]
        for ln in lines:
            parts[sum(1 for c in cuts if ln.left > c)].append(ln)
    else:
        cuts = _size_cuts(lines, body)
        if not cuts:
            return [_rows(lines)]
        parts = [[] for _ in range(len(cuts) + 1)]
        for ln in lines:
            parts[sum(1 for c in cuts if -ln.top > c)].append(ln)
    return [b for part in parts for b in xy_blocks(part, body)]


def _size_cuts(lines: list[Line], body: float) -> list[float]:
    """Narrow horizontal strips where the size of type changes (a headline set close above its
    columns, a kicker over a headline): cut there, so the columns below can be told apart."""
    cuts = []
    for at, _ in _gaps([(-ln.top, -ln.bottom) for ln in lines], 0.2 * body):
        above = [ln for ln in lines if -ln.bottom <= at]
        below = [ln for ln in lines if -ln.top >= at]
        if above and below:
            last = max(above, key=lambda ln: -ln.top)  # the lowest line above
            first = min(below, key=lambda ln: -ln.top)  # the highest line below
            if _size_class(last.size, body) != _size_class(first.size, body) \
                    or abs(last.size - first.size) > 0.15 * max(last.size, first.size):
                cuts.append(at)
    return cuts


def _rows(lines: list[Line]) -> list[Line]:
    """A block's lines top to bottom; pieces of one row (drawn out of order) joined left to right."""
    out: list[Line] = []
    for ln in sorted(lines, key=lambda ln: -ln.top):
        last = out[-1] if out else None
        if last is not None and abs((ln.top + ln.bottom) / 2 - (last.top + last.bottom) / 2) < 0.4 * min(ln.size, last.size):
            a, b = sorted((last, ln), key=lambda x: x.left)
            out[-1] = Line(a.left, min(a.bottom, b.bottom), max(a.right, b.right), max(a.top, b.top),
                           max(a.size, b.size), a.text + b.text)
        else:
            out.append(ln)
    return out


@dataclass
class _Para:
    text: str
    page: int
    section: str | None
    ended: bool  # the paragraph cannot go on in the next line


@dataclass
class _Story:
    title: str = ""
    subtitle: list[str] = field(default_factory=list)
    page: int = 1
    paras: list[_Para] = field(default_factory=list)
    captions: list[tuple[int, str]] = field(default_factory=list)


def _add_block(story: _Story, block: list[Line], page: int, body: float, section: str | None, *,
               alone: bool = False) -> None:
    """The lines of one block (one column's stretch) into the story's paragraphs.

    A line continues the paragraph before it (even from the previous column or page)
    unless it is indented, follows a wide gap, or that paragraph's last line stopped
    short of its column's edge.  ``alone``: the block is a paragraph of its own (a subhead).
    """
    right = max(ln.right for ln in block)
    steps = sorted(a.top - b.top for a, b in zip(block, block[1:]) if a.top - b.top > 1)
    pitch = steps[0] if steps else 1.5 * body
    left = min(ln.left for ln in block)
    prev: Line | None = None
    for ln in block:
        text = _JUMP.sub("", ln.text).strip()
        if not text:
            continue
        indented = ln.left > left + 1.2 * body
        gap = prev is not None and prev.top - ln.top > 1.6 * pitch
        last = story.paras[-1] if story.paras else None
        if last is not None and not last.ended and not indented and not gap and not (alone and prev is None):
            last.text += (" " if last.text[-1].isascii() and last.text[-1].isalpha() and text[0].isascii()
                          and text[0].isalpha() else "") + text  # a number broken by the width gets no space
        else:
            story.paras.append(_Para(text, page, section, False))
            last = story.paras[-1]
        last.ended = ln.right < right - 1.5 * body
        prev = ln
    if story.paras and (alone or len(block) == 1 and (len(block[0].text) <= 20 or ends_sentence(block[0].text))):
        # a subhead, or a short one-line block (a byline, a note), stands alone; a long one
        # (the last line of a page, alone under a heading) may go on on the next page
        story.paras[-1].ended = True


def _heads(block: list[Line], body: float, level: float) -> bool:
    return all(ln.size >= level * body for ln in block)


def read_pdf(data: bytes) -> list[tuple[int, Article]]:
    """(first page, article) for each article of a PDF with a text layer."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise NotPDF(f"not a readable PDF (damaged, or protected by a password): {e}") from None
    try:
        try:
            meta_title = (pdf.get_metadata_dict().get("Title") or "").strip()
        except Exception:  # a broken info dictionary: the pages may still be read
            meta_title = ""
        pages = [pdf[k] for k in range(len(pdf))]
        heights = [p.get_size()[1] for p in pages]
        page_widths = [p.get_size()[0] for p in pages]
        lines_by_page = [page_lines(p) for p in pages]
    finally:
        pdf.close()
    if not any(lines_by_page):
        raise NotPDF("no text layer (a scanned page?): factcheck does no OCR")
    drop = _running(lines_by_page, heights)
    kept = [[ln for k, ln in enumerate(lines) if (p, k) not in drop] for p, lines in enumerate(lines_by_page)]
    sizes = [ln.size for lines in kept for ln in lines for _ in ln.text]
    if not sizes:
        raise NotPDF("no text on its pages but running headers")
    body = median(sizes)
    blocks_by_page = [_split_by_size(xy_blocks(lines, body), body) for lines in kept]
    newspaper = _is_newspaper(blocks_by_page, body) and _columns(kept, page_widths, body)
    stories = _stories(blocks_by_page, body, newspaper)
    if stories and not stories[0].title and not newspaper and meta_title and not meta_title.lower().startswith(
            ("untitled", "microsoft word", "document")):
        stories[0].title = meta_title  # the title the document's properties give, when its pages show none
    return [(s.page, _article(s)) for s in stories if s.paras or s.title]


def _split_by_size(blocks: list[list[Line]], body: float) -> list[list[Line]]:
    """A block whose lines change size (a headline over its first lines) in runs of one size."""
    out: list[list[Line]] = []
    for block in blocks:
        run: list[Line] = []
        for ln in block:
            if run and (_size_class(ln.size, body) != _size_class(run[-1].size, body)
                        or abs(ln.size - run[-1].size) > 0.15 * run[-1].size):
                out.append(run)
                run = []
            run.append(ln)
        if run:
            out.append(run)
    return out


def _size_class(size: float, body: float) -> int:
    if size >= HEADLINE * body:
        return 2
    if size >= SUBHEAD * body:
        return 1
    return 0 if size >= SMALL * body else -1


def _columns(lines_by_page: list[list[Line]], widths: list[float], body: float) -> bool:
    """The text is set in columns narrower than half the page (a newspaper), not across it (a report)."""
    text = [ln.width / w for lines, w in zip(lines_by_page, widths) for ln in lines
            if abs(ln.size - body) < 0.1 * body and len(ln.text) >= 6]
    return bool(text) and median(text) < 0.45


def _is_newspaper(blocks_by_page: list[list[list[Line]]], body: float) -> bool:
    """At least half the pages carry two or more headline groups (separated by body text)."""
    many = 0
    for blocks in blocks_by_page:
        groups = 0
        inside = False
        for b in blocks:
            head = _heads(b, body, HEADLINE)
            groups += head and not inside
            inside = head
        many += groups >= 2
    return many * 2 >= len(blocks_by_page)  # half the pages: a front page whose last story runs over


def _overlap(a: list[Line], b: list[Line]) -> float:
    """How much two blocks overlap horizontally, as a share of the narrower."""
    al, ar = min(ln.left for ln in a), max(ln.right for ln in a)
    bl, br = min(ln.left for ln in b), max(ln.right for ln in b)
    return max(0.0, min(ar, br) - max(al, bl)) / max(1.0, min(ar - al, br - bl))


def _top(block: list[Line]) -> float:
    return max(ln.top for ln in block)


def _bottom(block: list[Line]) -> float:
    return min(ln.bottom for ln in block)


def _headline_groups(blocks: list[list[Line]], body: float) -> list[list[list[Line]]]:
    """Headlines with their 引题 and 副题: large blocks stacked one under another, overlapping."""
    large = [b for b in blocks if _heads(b, body, SUBHEAD)]
    groups: list[list[list[Line]]] = []
    for b in large:
        for g in groups:
            near = min(abs(_bottom(x) - _top(b)) for x in g + [b] if x is not b) if g else 0
            # Two headlines of headline size join only when set in clearly different sizes
            # (主题 and a 副题 set large); two of one size are two stories' headlines.
            same_size = any(_heads(x, body, HEADLINE) and abs(_size(x) - _size(b)) <= 0.15 * max(_size(x), _size(b))
                            for x in g)
            if any(_overlap(x, b) > 0.5 for x in g) and near < 2.5 * body and not (_heads(b, body, HEADLINE) and same_size):
                g.append(b)
                break
        else:
            groups.append([b])
    return [g for g in groups if any(_heads(x, body, HEADLINE) for x in g)]


def _stories(blocks_by_page: list[list[list[Line]]], body: float, newspaper: bool) -> list[_Story]:
    """Articles: in a newspaper, each block goes to the nearest headline above it that covers it
    (two stories side by side share rows, so order alone cannot tell); in a report, to the one story."""
    stories: list[_Story] = []
    section: str | None = None
    for page, blocks in enumerate(blocks_by_page, start=1):
        groups = _headline_groups(blocks, body) if newspaper or not stories else []
        if not newspaper and not stories and not groups:
            # a report whose title is set only a little larger than its text
            large = [b for b in blocks if _heads(b, body, SUBHEAD)]
            groups = [[max(large, key=_size)]] if large else []
        if not newspaper and groups:
            groups = groups[:1]  # a report's cover title; its other headings are sections
        heads = {id(x): g for g in groups for x in g}
        page_stories: list[tuple[list[list[Line]], _Story]] = []
        for g in groups:
            main = max(g, key=_size)
            story = _Story(title=_text(main), page=page, subtitle=[_text(x) for x in g if x is not main])
            page_stories.append((g, story))
            stories.append(story)
        carry = stories[-len(groups) - 1] if len(stories) > len(groups) else None  # the story before this page's
        previous: _Story | None = carry  # the story of the block before, in reading order
        for block in blocks:
            if id(block) in heads:
                continue
            story = _owner(block, page_stories, body) if page_stories else None
            if story is None:
                # no headline above covers it (a headline narrower than its columns): the
                # block goes on with the story before it in reading order
                story = previous if previous is not None else (stories[-1] if stories else None)
            if story is None:
                story = _Story(page=page)
                stories.append(story)
                carry = story
            if all(ln.size < SMALL * body for ln in block):
                story.captions.append((page, _text(block)))
            elif _heads(block, body, SUBHEAD):
                if newspaper:  # a subhead inside an article: a paragraph of its own
                    _add_block(story, block, page, body, section, alone=True)
                else:  # a report's heading: the section of what follows
                    section = _text(block)
                    if story.paras:
                        story.paras[-1].ended = True
            else:
                _add_block(story, block, page, body, section)
            previous = story
        # A headline with nothing under it is the 引题 of the story that follows (set as large as it).
        for k, (_, story) in enumerate(page_stories[:-1]):
            if not story.paras and not story.captions:
                nxt = page_stories[k + 1][1]
                nxt.subtitle.insert(0, story.title)
                stories.remove(story)
    return stories


def _gap_across(group: list[list[Line]], block: list[Line]) -> float:
    """The horizontal distance between a headline group and a block (0 where they overlap)."""
    gl, gr = min(ln.left for x in group for ln in x), max(ln.right for x in group for ln in x)
    bl, br = min(ln.left for ln in block), max(ln.right for ln in block)
    return max(0.0, bl - gr, gl - br)


def _owner(block: list[Line], page_stories: list[tuple[list[list[Line]], _Story]], body: float) -> _Story | None:
    """The story whose headline is the nearest above the block and covers it, unless another
    headline stands between them (then the block is under that one's story, beside its headline)."""
    best, best_bottom = None, None
    top = _top(block)
    for group, story in page_stories:  # above it, over some of it (a centred headline over its first column)
        bottom = min(_bottom(x) for x in group)
        if bottom >= top - body and any(_overlap(x, block) > 0.05 for x in group):
            if best_bottom is None or bottom < best_bottom:
                best, best_bottom = story, bottom
    between = best is not None and any(
        story is not best and min(_bottom(x) for x in group) >= top - body and max(_top(x) for x in group) <= best_bottom
        for group, story in page_stories)
    if best is None or between:
        # No headline above reaches over it, or another stands between: the block is the first
        # column of a story whose headline is centred over its other columns.  The headline just
        # above it (within three lines), nearest across, is its story's; else the block goes on
        # with the story before it in reading order.
        near = [(_gap_across(group, block), story) for group, story in page_stories
                if top - body <= min(_bottom(x) for x in group) <= top + 3 * body]
        return min(near, key=lambda x: x[0])[1] if near else None
    return best


def _size(block: list[Line]) -> float:
    return max(ln.size for ln in block)


def _text(block: list[Line]) -> str:
    text = ""
    for ln in block:
        text += (" " if text and _is_latin(text[-1]) and _is_latin(ln.text[0]) else "") + ln.text
    return text


def _article(story: _Story) -> Article:
    paras = [p for p in story.paras if p.text.strip()]
    credits = []
    # The byline printed above the text (本报记者 张三), or the dateline of the first paragraph.
    while paras and len(paras[0].text) <= 30 and not ends_sentence(paras[0].text):
        parsed = parse_byline(paras[0].text)
        if not parsed:
            break
        credits.extend(c for c in parsed if c.name)
        paras.pop(0)
    if not credits and paras:
        credits = parse_dateline(paras[0].text) or []
    art = Article(title=story.title or (paras[0].text[:40] if paras else ""), line=story.page,
                  subtitle="；".join(story.subtitle) or None, credits=credits)
    for p in paras:
        if is_caption_credit(p.text) and len(p.text) <= 60:
            art.captions.append(Caption(p.page, None, p.text))  # type: ignore[arg-type]
            continue
        art.paragraphs.append(Paragraph(pieces=[Piece(line=p.page, start=-1, text=p.text)], section=p.section))
    for page, text in story.captions:
        art.captions.append(Caption(page, None, text))  # type: ignore[arg-type]
    return art


__all__ = ["HEADLINE", "Line", "NotPDF", "page_lines", "read_pdf", "xy_blocks"]
