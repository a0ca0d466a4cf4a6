"""PDF pages with a text layer (issue 14, first part): columns, running headers and footers."""

from __future__ import annotations

import json

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
    _newspaper(tmp_path / "good.pdf")
    idx = tmp_path / "s.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(tmp_path)])
    assert result.exit_code == 1
    assert "scan.pdf: no text layer" in result.stderr and "OCR" in result.stderr
    assert "broken.pdf: not a readable PDF" in result.stderr
    assert "1 file(s) indexed" in result.stderr
