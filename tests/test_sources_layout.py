"""Sources as printed (issue 12, point 4): list lines, headings and headlines."""

from __future__ import annotations

import json

import pytest

from factcheck.cli import cli
from factcheck.layout import read_page, sentence_spans

from .conftest import FIXTURES

REPORT = FIXTURES / "verdicts" / "report.txt"


def _sentences():
    text = REPORT.read_text(encoding="utf-8")
    (art,) = read_page(text)
    return text, art, sentence_spans(art)


def test_a_bullet_list_is_split_into_its_items():
    text, _, sents = _sentences()
    got = [s.text for s in sents]
    assert got[:4] == ["会议提出今年主要目标：", "地区生产总值增长6%左右", "城镇新增就业1.2万人以上", "居民人均可支配收入增长7%"]
    assert ["（一）新建改建农村公路120公里；", "（二）新增城镇停车位3000个；", "（三）改造老旧小区42个。"] == got[-3:]
    assert max(len(s) for s in got) < 40
    for s in sents:
        assert text[s.start : s.end] == s.text  # the bullet mark is left out, offsets still exact


def test_a_heading_is_never_glued_to_the_paragraph_below():
    _, art, sents = _sentences()
    (gdp,) = [s for s in sents if "512亿元" in s.text]
    assert gdp.text == "去年全县地区生产总值达到512亿元，同比增长6.8%。"
    assert gdp.section == "一、坚持稳中求进，推动高质量发展"
    assert art.title == "县政府工作报告要点发布" and art.subtitle == "今年经济增长目标定为6%左右"


def test_a_page_broken_by_its_columns_is_still_rejoined():
    page = "标题一行\n\n记者 王明\n\n走近“八卦田驿”，会看到一个现\n\n代潮流与南宋风雅共存的优雅公共空间。\n\n这是上城区党建示范点为民服务\n的缩影。\n"
    (art,) = read_page(page)
    assert [s.text for s in sentence_spans(art)] == [
        "走近“八卦田驿”，会看到一个现代潮流与南宋风雅共存的优雅公共空间。", "这是上城区党建示范点为民服务的缩影。"]


@pytest.fixture
def report_index(tmp_path, runner):
    idx = tmp_path / "r.sqlite"
    assert runner.invoke(cli, ["index", "--index", str(idx), str(REPORT)]).exit_code == 0
    return idx


@pytest.mark.parametrize(
    "claim,verdict,figure",
    [
        ("县政府工作报告要点发布", "supported", None),
        ("今年经济增长目标定为8%左右", "contradicted", ("8%左右", "6%左右")),
        ("城镇新增就业1.5万人以上", "contradicted", ("1.5万人以上", "1.2万人以上")),
        ("今年将新增城镇停车位3000个", "supported", ("3000个", "3000个")),
    ],
)
def test_headlines_and_list_items_are_found_and_cited_as_what_they_are(runner, report_index, claim, verdict, figure):
    result = runner.invoke(cli, ["check", "--index", str(report_index), "--jsonl", "--top", "1", claim])
    record = json.loads(result.stdout)
    assert record["verdict"] == verdict
    m = record["matches"][0]
    is_title = "目标定为" in claim or "报告要点" in claim
    assert m["location"]["kind"] == ("title" if is_title else "body")
    assert (m["location"]["paragraph"] == 0) == is_title
    assert len(m["text"]) < 40  # the item or the headline, not the whole list
    if figure:
        assert [(f["claim"], f["source"]) for f in m["figures"]] == [figure]


def test_a_headline_is_cited_as_the_title_on_the_terminal(runner, report_index):
    out = runner.invoke(cli, ["check", "--index", str(report_index), "--top", "1", "县政府工作报告要点发布"]).stdout
    assert "report.txt:1 · title ·" in out


def test_sources_count_body_sentences_and_quotes_skip_headlines(runner, report_index):
    (row,) = [json.loads(x) for x in runner.invoke(cli, ["sources", "--index", str(report_index), "--jsonl"]).stdout.splitlines()]
    assert row["sentences"] == 9
