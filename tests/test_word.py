"""Word documents (issue 14, first part): as sources and as drafts."""

from __future__ import annotations

import json

import pytest

from factcheck.cli import cli
from factcheck.store import Store


def _docx(path, *, title="滨江知识产权观察", byline="记者 王心慧", body=None, heading="一、知识产权质押", items=None, table=None):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph(title, style="Title")
    document.add_paragraph(byline)
    document.add_paragraph(heading, style="Heading 1")
    for text in body or ["知识产权质押从2016年的15件增加至2022年的319件，质押金额由269万元增加至16亿元。"]:
        document.add_paragraph(text)
    for text in items or ["国际标准48项", "国家标准344项"]:
        document.add_paragraph(text, style="List Bullet")
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    document.save(path)
    return path


def test_a_word_document_is_indexed_with_its_title_byline_headings_lists_and_tables(runner, tmp_path):
    doc = _docx(tmp_path / "report.docx", table=[["年份", "质押件数"], ["2022年", "319件"]])
    idx = tmp_path / "w.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(doc)])
    assert result.exit_code == 0, result.stderr
    (row,) = [json.loads(x) for x in runner.invoke(cli, ["sources", "--index", str(idx), "--jsonl"]).stdout.splitlines()]
    assert (row["title"], row["byline"]) == ("滨江知识产权观察", ["王心慧"])
    with Store.open(idx) as store:
        body = [(s.text, s.section) for s in store.all_sentences() if s.kind is None]
    assert body[0] == ("知识产权质押从2016年的15件增加至2022年的319件，质押金额由269万元增加至16亿元。", "一、知识产权质押")
    assert ("国际标准48项", "一、知识产权质押") in body and ("2022年 319件", "一、知识产权质押") in body
    record = json.loads(runner.invoke(cli, ["check", "--index", str(idx), "--jsonl", "--top", "1", "国家标准344项"]).stdout)
    assert record["verdict"] == "supported"


def test_a_damaged_word_file_is_skipped_beside_good_ones(runner, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    _docx(src / "good.docx")
    (src / "bad.docx").write_bytes(b"this is not a zip file")
    idx = tmp_path / "w.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(src)])
    assert result.exit_code == 1 and "bad.docx: not a readable Word document" in result.stderr
    assert "1 file(s) indexed" in result.stderr


def test_a_word_draft_is_checked_line_by_line(runner, seed_index, tmp_path):
    draft = _docx(tmp_path / "draft.docx", body=["截至今年3月，高新区(滨江)累计主导参与制定国际标准50项。"], items=["东阳仅去年新引进青年博士37人"])
    report = json.loads(runner.invoke(cli, ["draft", "--index", str(seed_index), "--json", str(draft)]).stdout)
    got = {s["sentence"]: s["verdict"] for s in report["sentences"]}
    assert got["截至今年3月，高新区(滨江)累计主导参与制定国际标准50项。"] == "contradicted"
    assert got["东阳仅去年新引进青年博士37人"] == "supported"
