"""PDFs in the shapes newsrooms get, drawn with reportlab for the tests (the text is ours).

* ``front_page``: a newspaper front page: masthead block, six articles in five
  columns (a lead story with 引题/主题/副题 over three columns, stories side by
  side with aligned headlines, one with a headline over three columns), justified
  lines broken by the column width, paragraphs indented two characters, digits set
  in another font, a photo caption, a jump line, running header and footer;
* ``report``: a three-page report: a cover title, section headings, a paragraph
  running over a page break, the report's title and page numbers repeated as a
  running header and footer.
"""

from __future__ import annotations

import re
from pathlib import Path

W, H = 595, 842
CJK = "STSong-Light"


def _canvas(path: Path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(CJK))
    return canvas.Canvas(str(path), pagesize=(W, H))


def _font(ch: str) -> str:
    return "Helvetica" if ch.isascii() else CJK  # digits and Latin in another font, as papers set them


def _width(text: str, size: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    return sum(pdfmetrics.stringWidth(r, f, size) for f, r in _runs(text))


def _runs(text: str) -> list[tuple[str, str]]:
    """(font, text) runs: Latin and digits in Helvetica, Chinese in the CID font.

    reportlab writes a one-character string of a CID font so that PDFium cannot read it back,
    so digits next to a lone Chinese character are set in the Chinese font with it.
    """
    runs: list[list[str]] = []
    for ch in text:
        font = _font(ch)
        if runs and runs[-1][0] == font:
            runs[-1][1] += ch
        else:
            runs.append([font, ch])
    merged: list[list[str]] = []
    for font, run in runs:
        if merged and (merged[-1][0] == CJK and len(merged[-1][1]) == 1 or font == CJK and len(run) == 1):
            merged[-1] = [CJK, merged[-1][1] + run]
        else:
            merged.append([font, run])
    if len(merged) > 1 and merged[0][0] == CJK and len(merged[0][1]) == 1:
        merged[:2] = [[CJK, merged[0][1] + merged[1][1]]]
    return [(f, r) for f, r in merged]


def draw(c, x: float, y: float, text: str, size: float, *, width: float | None = None) -> None:
    """Draw a line; with ``width``, justified to fill it (space between characters)."""
    from reportlab.pdfbase import pdfmetrics

    runs = _runs(text)
    natural = sum(pdfmetrics.stringWidth(r, f, size) for f, r in runs)
    extra = max(0.0, (width - natural) / (len(text) - 1)) if width is not None and len(text) > 1 else 0.0
    t = c.beginText(x, y)
    t.setCharSpace(extra)
    for font, run in runs:
        t.setFont(font, size)
        t.textOut(run)
    c.drawText(t)


def wrap(paragraph: str, size: float, width: float, indent: float) -> list[tuple[str, bool, bool]]:
    """(line, first of its paragraph, last of its paragraph) for a paragraph set in ``width``."""
    lines: list[tuple[str, bool, bool]] = []
    cur = ""
    avail = width - indent
    for ch in paragraph:
        # a line never starts with closing punctuation (避头点): it stays at the end of the line before
        if cur and _width(cur + ch, size) > avail and ch not in "，。、；：？！”）》":
            lines.append((cur, not lines, False))
            cur, avail = "", width
        cur += ch
    lines.append((cur, not lines, True))
    return lines


def column_text(c, paragraphs: list[str], x: float, top: float, width: float, size: float = 9.0,
                leading: float = 12.5, bottom: float = 40) -> float:
    """Set paragraphs in one column from ``top`` down; returns the y below the last line."""
    y = top
    for para in paragraphs:
        for line, first, last in wrap(para, size, width, 2 * size):
            lx = x + (2 * size if first else 0)
            draw(c, lx, y, line, size, width=None if last else width - (lx - x))
            y -= leading
            if y < bottom:
                raise ValueError("column overflows")
    return y


def columns(c, paragraphs: list[str], xs: list[float], top: float, width: float, lines_per_column: int,
            size: float = 9.0, leading: float = 12.5) -> None:
    """Set paragraphs over several columns, ``lines_per_column`` lines each, continuing across them."""
    all_lines = [(ln, first, last) for para in paragraphs for ln, first, last in wrap(para, size, width, 2 * size)]
    for k, (line, first, last) in enumerate(all_lines):
        col, row = divmod(k, lines_per_column)
        x = xs[col] + (2 * size if first else 0)
        draw(c, x, top - row * leading, line, size, width=None if last else width - (x - xs[col]))


JUMP = re.compile(r"（下转第二版）")
LEAD_TITLE = "一季度浙江经济实现良好开局"
LEAD_KICKER = "聚焦高质量发展"
LEAD_SUBTITLE = "地区生产总值同比增长百分之六"
LEAD = [
    "本报杭州4月24日电（记者王心慧）今年一季度，浙江全省实现地区生产总值18537亿元，按不变价格计算，同比增长6.0%，高于全国平均水平1.5个百分点。",
    "从产业看，第一产业增加值438亿元，增长4.3%；第二产业增加值7465亿元，增长5.1%；第三产业增加值10634亿元，增长6.6%。",
    "全省规模以上工业增加值4922亿元，同比增长5.1%，其中数字经济核心产业制造业增加值增长8.3%，高技术制造业增加值增长9.6%。",
    "一季度，全省固定资产投资同比增长9.8%，其中交通投资增长12.9%，生态环保、城市更新和水利设施投资增长7.4%。（下转第二版）",
]
SECOND_TITLE = "东阳人才新政发布"
SECOND = [
    "记者吴磊",
    "东阳市日前发布人才新政十条，对新引进的青年博士给予每人最高50万元安家补贴。",
    "东阳去年新引进青年博士37人，招引青年大学生1.39万人，以上奖励总金额达1380万元。",
]
THIRD_TITLE = "湖州南太湖新区签约项目38个"
THIRD = [
    "本报湖州4月24日电（记者沈晶晶）南太湖新区日前举行重大项目集中签约活动，共签约项目38个，总投资326亿元。",
    "签约项目涵盖新能源汽车、生物医药和数字经济等产业，其中超过10亿元的项目有12个。",
]
FOURTH_TITLE = "杭州湾跨海大桥车流量创新高"
FOURTH = [
    "本报宁波4月24日电（记者陈醉）记者从杭州湾跨海大桥管理局获悉，一季度大桥日均车流量达6.2万辆次，同比增长21.5%，创通车以来同期新高。",
    "管理局有关负责人表示，将在节假日期间增派巡逻力量，保障大桥安全畅通。",
]
FOURTH_CAPTION = "图为杭州湾跨海大桥。本报记者 李明摄"
FIFTH_TITLE = "绍兴开展文明出行月活动"
FIFTH = ["本报讯（记者 徐子渊）绍兴市日前启动文明出行月活动，全市设立文明劝导岗210个，组织志愿者1.2万人次上岗服务。"]
SIXTH_TITLE = "温州新增国家级专精特新企业"
SIXTH = ["本报讯（记者 黄宏）工业和信息化部日前公布新一批专精特新“小巨人”企业名单，温州新增29家，累计达到112家。"]


def front_page(path: Path) -> Path:
    c = _canvas(path)
    # running header and masthead block
    draw(c, 40, 815, "浙江日报 2023年4月25日 星期二 第1版", 8)
    draw(c, 40, 760, "浙江日报", 40)
    draw(c, 230, 790, "国内统一连续出版物号 CN 33-0001", 8)
    draw(c, 230, 778, "2023年4月25日 星期二", 8)
    draw(c, 230, 766, "今日 16 版", 8)
    cols = [40, 146, 252, 358, 464]
    width = 96
    # lead story: kicker, headline over all five columns, subtitle, body in columns 1-3
    draw(c, 40, 728, LEAD_KICKER, 13)
    draw(c, 40, 700, LEAD_TITLE, 26)
    draw(c, 40, 680, LEAD_SUBTITLE, 13)
    columns(c, LEAD, cols[:3], 655, width, 16)
    # second story beside it (columns 4-5), headline over both
    draw(c, 358, 655, SECOND_TITLE, 18)
    columns(c, SECOND, cols[3:], 630, width, 14)
    # a band below: third story (columns 1-2), fourth (columns 3-5) with a caption
    draw(c, 40, 440, THIRD_TITLE, 15)
    columns(c, THIRD, cols[:2], 415, width, 10)
    draw(c, 252, 440, FOURTH_TITLE, 15)
    columns(c, FOURTH, cols[2:], 415, width, 8)
    draw(c, 252, 305, FOURTH_CAPTION, 7)
    # the bottom band: fifth and sixth stories side by side, headlines on one row
    draw(c, 40, 250, FIFTH_TITLE, 15)
    columns(c, FIFTH, cols[:2], 225, width, 6)
    draw(c, 252, 250, SIXTH_TITLE, 15)
    columns(c, SIXTH, cols[2:], 225, width, 6)
    # footer
    draw(c, 40, 20, "责任编辑：张三 版式设计：李四", 8)
    draw(c, 290, 20, "1", 8)
    c.showPage()
    c.save()
    return path


REPORT_TITLE = "2023年杭州市数字经济发展报告"
REPORT = [
    ("一、总体情况", [
        "2023年，全市数字经济核心产业实现增加值5675亿元，同比增长8.5%，占全市地区生产总值的比重为28.3%，比上年提高0.4个百分点。",
        "数字经济核心产业营业收入突破2万亿元，规模以上数字经济核心产业企业达到3210家，其中营业收入超过百亿元的企业有18家。",
        "全年新增数字经济领域高新技术企业1562家，新认定省级以上企业研发机构236家，全市数字经济核心产业研发投入强度达到7.9%。",
    ]),
    ("二、产业发展", [
        "软件和信息技术服务业营业收入9120亿元，同比增长11.2%。电子信息制造业增加值同比增长6.8%，其中集成电路产业营业收入达到567亿元，同比增长18.6%。",
        "人工智能产业营业收入达到2430亿元，同比增长15.3%，全市已建成省级以上人工智能创新平台42个，人工智能相关企业超过1600家。",
        "全市累计建成5G基站3.9万个，每万人拥有5G基站32个，千兆光网覆盖所有乡镇，数据中心标准机架达到12.6万架。",
    ]),
    ("三、存在的问题", [
        "一是核心技术攻关仍需加强，关键零部件和基础软件对外依存度较高；二是产业链协同不足，中小企业数字化转型意愿强但能力弱。",
        "三是数字人才供给与需求存在结构性矛盾，高端复合型人才缺口较大，预计到2025年全市数字经济人才缺口将超过10万人。",
    ]),
]


def report(path: Path) -> Path:
    c = _canvas(path)
    size, leading, x, width = 10.5, 16.0, 70, 455
    pages = [[]]
    y = 640
    # page 1: the cover part: title, author line
    def new_page() -> None:
        nonlocal y
        c.showPage()
        y = 770
        pages.append([])
        draw(c, 70, 805, REPORT_TITLE, 8)  # running header
        draw(c, 290, 30, f"— {len(pages)} —", 8)  # page number

    draw(c, 130, 720, REPORT_TITLE, 22)
    draw(c, 220, 690, "杭州市统计局 2024年3月", 11)
    draw(c, 290, 30, "— 1 —", 8)
    count = 0
    for heading, paragraphs in REPORT:
        y -= 10
        draw(c, x, y, heading, 14)
        y -= 26
        for para in paragraphs:
            for line, first, last in wrap(para, size, width, 2 * size):
                count += 1
                if count % 7 == 0:  # seven lines a page, so that paragraphs run over page breaks
                    new_page()
                lx = x + (2 * size if first else 0)
                draw(c, lx, y, line, size, width=None if last else width - (lx - x))
                y -= leading
    c.showPage()
    c.save()
    return path


TIGHT_TITLES = ["全省规上工业增加值增长百分之五", "港口货物吞吐量创新高"]


def tight_page(path: Path) -> Path:
    """Two stories as a browser lays them out: gutters under one character wide, headlines
    centred over their columns (not over the first one) and set close above them."""
    c = _canvas(path)
    size, width, gutter = 9.0, 150.0, 8.0  # the gutter is 0.9 of a character
    xs = [40 + k * (width + gutter) for k in range(3)]
    # the first headline is centred over columns 2 and 3 only; the text starts 4 points below it
    draw(c, xs[1] + 20, 760, TIGHT_TITLES[0], 18)
    columns(c, [LEAD[0], LEAD[1], LEAD[2]], xs, 742, width, 6, size=size)
    draw(c, xs[1] + 40, 640, TIGHT_TITLES[1], 18)
    columns(c, [FOURTH[0], THIRD[0]], xs, 622, width, 3, size=size)
    c.showPage()
    c.save()
    return path
