"""PDF pages with a text layer (issue 14, first part): columns, running headers and footers."""

from __future__ import annotations

import json
import re

import pytest

from factcheck.cli import cli
from factcheck.store import Store

pytest.importorskip("pypdfium2")
canvas_mod = pytest.importorskip("reportlab.pdfgen.canvas")


def _newspaper(path):
    """A two-column page: masthead and page number, two articles, lines broken by the column width."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas_mod.Canvas(str(path), pagesize=(595, 842))
    c.setFont("STSong-Light", 9)
    c.drawString(40, 815, "杭州日报 2023年4月25日 星期二 第5版")  # running header
    c.drawString(290, 20, "5")  # page number
    c.drawString(40, 20, "责任编辑：张三")
    c.setFont("STSong-Light", 16)
    c.drawString(40, 760, "滨江知识产权质押融资突破16亿元")
    c.setFont("STSong-Light", 10)
    c.drawString(40, 735, "记者 王心慧")
    col1 = ["知识产权质押从2016年的15件增加至2022", "年的319件，质押金额由269万元增加至16", "亿元。",
            "", "截至今年3月，高新区(滨江)累计主导参与", "制定国际标准48项、国家标准344项。"]
    y = 710
    for line in col1:
        if line:
            c.drawString(40, y, line)
        y -= 16
    c.setFont("STSong-Light", 16)
    c.drawString(310, 760, "东阳人才新政发布")
    c.setFont("STSong-Light", 10)
    c.drawString(310, 735, "记者 吴磊")
    col2 = ["东阳去年新引进青年博士37人，招引青年", "大学生1.39万人。", "", "以上奖励总金额达1380万元。"]
    y = 710
    for line in col2:
        if line:
            c.drawString(310, y, line)
        y -= 16
    c.showPage()
    c.save()
    return path


def test_a_newspaper_page_is_read_column_by_column(runner, tmp_path):
    pdf = _newspaper(tmp_path / "page.pdf")
    idx = tmp_path / "p.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(pdf)])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(x) for x in runner.invoke(cli, ["sources", "--index", str(idx), "--jsonl"]).stdout.splitlines()]
    assert [(r["title"], r["byline"]) for r in rows] == [("滨江知识产权质押融资突破16亿元", ["王心慧"]), ("东阳人才新政发布", ["吴磊"])]
    with Store.open(idx) as store:
        texts = [s.text for s in store.all_sentences() if s.kind is None]
        lines = {s.line for s in store.all_sentences()}
    assert texts == [
        "知识产权质押从2016年的15件增加至2022年的319件，质押金额由269万元增加至16亿元。",
        "截至今年3月，高新区(滨江)累计主导参与制定国际标准48项、国家标准344项。",
        "东阳去年新引进青年博士37人，招引青年大学生1.39万人。",
        "以上奖励总金额达1380万元。",
    ]
    assert lines == {1}  # the location is the page
    assert not any("责任编辑" in t or "第5版" in t for t in texts)
    record = json.loads(runner.invoke(cli, ["check", "--index", str(idx), "--jsonl", "--top", "1",
                                            "滨江知识产权质押金额增加至61亿元"]).stdout)
    assert record["verdict"] == "contradicted"


def test_a_pdf_without_text_and_a_damaged_one_are_skipped(runner, tmp_path):
    scan = tmp_path / "scan.pdf"
    c = canvas_mod.Canvas(str(scan), pagesize=(595, 842))
    c.rect(50, 50, 400, 600, fill=1)  # a page with only a picture on it
    c.showPage()
    c.save()
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    locked = canvas_mod.Canvas(str(tmp_path / "locked.pdf"), encrypt="s3cret")  # a password to open it
    locked.drawString(50, 700, "Quarterly figures")
    locked.showPage()
    locked.save()
    _newspaper(tmp_path / "good.pdf")
    idx = tmp_path / "s.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(tmp_path)])
    assert result.exit_code == 1
    assert "scan.pdf: no text layer" in result.stderr and "OCR" in result.stderr
    assert "broken.pdf: not a readable PDF" in result.stderr
    assert "locked.pdf: not a readable PDF (damaged, or protected by a password)" in result.stderr
    assert "1 file(s) indexed" in result.stderr and "3 skipped" in result.stderr


def _index_pdf(runner, tmp_path, make):
    pdf = make(tmp_path / "doc.pdf")
    idx = tmp_path / "p.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(pdf)])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(x) for x in runner.invoke(cli, ["sources", "--index", str(idx), "--jsonl"]).stdout.splitlines()]
    with Store.open(idx) as store:
        sentences = list(store.all_sentences())
    return idx, rows, sentences


def test_a_front_page_gives_six_articles_each_with_its_own_title_byline_and_columns(runner, tmp_path):
    from . import pdfs

    idx, rows, sentences = _index_pdf(runner, tmp_path, pdfs.front_page)
    titles = [pdfs.LEAD_TITLE, pdfs.SECOND_TITLE, pdfs.THIRD_TITLE, pdfs.FOURTH_TITLE, pdfs.FIFTH_TITLE, pdfs.SIXTH_TITLE]
    # not the masthead 浙江日报; stories side by side with headlines on one row stay apart
    assert [r["title"] for r in rows] == titles
    assert rows[0]["subtitle"] == f"{pdfs.LEAD_KICKER}；{pdfs.LEAD_SUBTITLE}"
    assert [r["byline"] for r in rows] == [["王心慧"], ["吴磊"], ["沈晶晶"], ["陈醉"], ["徐子渊"], ["黄宏"]]
    body = [s.text for s in sentences if s.kind is None]
    expected = [s for story in (pdfs.LEAD, pdfs.SECOND[1:], pdfs.THIRD, pdfs.FOURTH, pdfs.FIFTH, pdfs.SIXTH)
                for para in story for s in re.findall(r"[^。]+。", pdfs.JUMP.sub("", para).replace(" ", ""))]
    assert body == expected  # every sentence whole: lines broken by the columns' width rejoined, 10634 unbroken
    for junk in ("浙江日报", "出版物号", "星期二", "今日", "责任编辑", "版式设计", "下转第二版"):
        assert not any(junk in s.text for s in sentences), junk
    assert [s.text for s in sentences if s.kind == "caption"] == ["图为杭州湾跨海大桥。本报记者李明摄"]
    assert {s.line for s in sentences} == {1}
    record = json.loads(runner.invoke(cli, ["check", "--index", str(idx), "--jsonl", "--top", "1",
                                            "杭州湾跨海大桥一季度日均车流量达6.8万辆次"]).stdout)
    assert record["verdict"] == "contradicted"
    assert record["matches"][0]["article"]["title"] == pdfs.FOURTH_TITLE
    assert record["matches"][0]["location"]["page"] == 1


def test_a_report_is_one_article_with_sections_and_paragraphs_running_over_pages(runner, tmp_path):
    from . import pdfs

    idx, rows, sentences = _index_pdf(runner, tmp_path, pdfs.report)
    assert [r["title"] for r in rows] == [pdfs.REPORT_TITLE]  # section headings are not articles
    body = [s for s in sentences if s.kind is None]
    texts = [s.text for s in body]
    for heading, paragraphs in pdfs.REPORT:
        for para in paragraphs:
            for sentence in re.findall(r"[^。]+。", para):
                assert sentence in texts  # whole, even where the paragraph runs over a page break
                assert next(s.section for s in body if s.text == sentence) == heading
    # the title repeated as the pages' header and the page numbers are not text
    assert not [s for s in sentences if s.kind != "title" and (pdfs.REPORT_TITLE in s.text or "—" in s.text)]
    pages = {s.text: s.line for s in body}
    assert pages[texts[1]] == 1 and pages[texts[-1]] == 3
    shown = runner.invoke(cli, ["check", "--index", str(idx), "--top", "1", "预计到2025年全市数字经济人才缺口将超过10万人"]).stdout
    assert "doc.pdf p. 3" in shown and "§ 三、存在的问题" in shown


def test_a_headline_set_vertically_is_one_line_and_pieces_of_a_row_are_joined_in_order():
    from factcheck.pdf import Line, _Char, _lines, _rows

    # 竖排: each character of 春耕正忙 under the one before, 20 points high
    chars = [_Char(ch, 500, 700 - 22 * k, 520, 720 - 22 * k) for k, ch in enumerate("春耕正忙")]
    (line,) = _lines(chars)
    assert line.text == "春耕正忙"
    # a row drawn right half first (a digit in another font, say) reads left to right
    right = Line(150, 600, 240, 610, 10, "万元，同比增长")
    left = Line(40, 600, 148, 610, 10, "实现营业收入5675")
    below = Line(40, 585, 240, 595, 10, "比上年提高0.4个百分点。")
    assert [ln.text for ln in _rows([below, right, left])] == ["实现营业收入5675万元，同比增长", "比上年提高0.4个百分点。"]


def test_a_report_without_a_large_title_takes_the_title_its_properties_give(runner, tmp_path):
    from . import pdfs

    path = tmp_path / "memo.pdf"
    c = pdfs._canvas(path)
    c.setTitle("2023年营商环境评估报告")
    pdfs.column_text(c, [p for _, paras in pdfs.REPORT[:1] for p in paras], 70, 760, 455, size=10.5, leading=16)
    c.showPage()
    c.save()
    idx = tmp_path / "m.sqlite"
    assert runner.invoke(cli, ["index", "--index", str(idx), str(path)]).exit_code == 0
    rows = [json.loads(x) for x in runner.invoke(cli, ["sources", "--index", str(idx), "--jsonl"]).stdout.splitlines()]
    assert [(r["title"], r["sentences"]) for r in rows] == [("2023年营商环境评估报告", 3)]


def test_columns_with_narrow_gutters_under_centred_headlines_stay_with_their_story(runner, tmp_path):
    from . import pdfs

    idx, rows, sentences = _index_pdf(runner, tmp_path, pdfs.tight_page)
    assert [r["title"] for r in rows] == pdfs.TIGHT_TITLES
    with Store.open(idx) as store:
        by_story = {}
        for s in store.all_sentences():
            if s.kind is None:
                by_story.setdefault(store.article(s.article_id).title, []).append(s.text)
    first = [s for p in pdfs.LEAD[:3] for s in re.findall(r"[^。]+。", p)]
    second = [s for p in (pdfs.FOURTH[0], pdfs.THIRD[0]) for s in re.findall(r"[^。]+。", p)]
    assert by_story == {pdfs.TIGHT_TITLES[0]: first, pdfs.TIGHT_TITLES[1]: second}
