"""Drafts as reporters write them (issue 12, point 3): every line checked, Markdown read as text."""

from __future__ import annotations

import json
import re

import pytest

from factcheck.cli import cli
from factcheck.draft import read_draft
from factcheck.markdown import reduce_line

from .conftest import FIXTURES
from .test_compound import A, B, C, D, NOWHERE

STORY = FIXTURES / "drafts" / "story.md"


@pytest.mark.parametrize(
    "line,text",
    [
        ("## 东阳**人才**新政 ##", "东阳人才新政"),
        ("> - [x] 见[人民网](http://x.cn)报道：`1.39万`人", "见人民网报道：1.39万人"),
        ("1. 北京冬奥会共有2900多名运动员参赛", "北京冬奥会共有2900多名运动员参赛"),
        ("3、东阳仅去年新引进青年博士37人", "东阳仅去年新引进青年博士37人"),
        ("*强调*和_下划_，~~删去~~", "强调和下划，删去"),
        ("![现场图片](a.png) 1.39万人", "现场图片 1.39万人"),
        ("snake_case_name 与 3*4", "snake_case_name 与 3*4"),
    ],
)
def test_a_markdown_line_is_reduced_to_its_text_with_its_columns(line, text):
    reduced, cols = reduce_line(line)
    assert reduced == text
    assert "".join(line[c] for c in cols) == text


def test_plain_drafts_lose_only_their_bullets():
    assert reduce_line("- **50项**", markdown=False)[0] == "**50项**"


def test_every_line_with_text_is_a_sentence_and_positions_point_into_the_file():
    raw = STORY.read_text(encoding="utf-8")
    draft = read_draft(raw, markdown=True)
    lines = {s.position.line for s in draft.sentences}
    for number, line in enumerate(raw.split("\n"), start=1):
        stripped = line.strip()
        syntax = number <= 4 or stripped in ("---", "```") or not stripped
        assert (number in lines) == (not syntax), (number, line)
    for s in draft.sentences:
        span = raw[s.position.start : s.position.end]
        # The sentence's characters, in order, within its span of the file (marks in between).
        assert re.fullmatch(".*?".join(map(re.escape, s.text)), span, re.S), (s.text, span)
    # Nothing dropped silently: each syntax-only line is named in a note.
    assert draft.notes == ["lines 1-4: front matter, not checked", "line 18: horizontal rule, not checked",
                           "line 23: code fence, not checked", "line 25: code fence, not checked"]


def test_lines_without_end_punctuation_stay_apart():
    draft = read_draft("滨江观察\n截至今年3月，高新区(滨江)累计主导参与制定国际标准50项\n东阳仅去年新引进青年博士37人\n")
    assert [s.text for s in draft.sentences] == [
        "滨江观察", "截至今年3月，高新区(滨江)累计主导参与制定国际标准50项", "东阳仅去年新引进青年博士37人"]


# (line, kind, label) of the fixture draft, as checked against the seed page.
EXPECTED = [
    (6, "unchecked", "unchecked"),  # the headline
    (8, "unchecked", "unchecked"),  # the byline
    (10, "unchecked", "unchecked"),  # "一、标准": too short to prove anything
    (12, "claim", "contradicted"),  # 50项 for 48项
    (13, "claim", "supported"),
    (14, "claim", "supported"),
    (16, "claim", "contradicted"),  # compound: 约200平方米 for 约100, then a true part
    (20, "claim", "supported"),
    (21, "claim", "contradicted"),  # 1830万元 for 1380万元
    (24, "claim", "not_found"),  # inside a code fence: still text, and no source
    (27, "quote", "misattributed"),  # the source names 汪琳琳
    (28, "unchecked", "unchecked"),
]


@pytest.fixture(scope="module")
def story_report(seed_index_master):
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["draft", str(STORY), "--index", str(seed_index_master), "--json"])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def test_a_markdown_draft_gets_the_right_marks(story_report):
    got = [(s["position"]["line"], s["kind"], s["misattributed"] and "misattributed" or s["verdict"] or "unchecked")
           for s in story_report["sentences"]]
    assert got == EXPECTED
    compound = story_report["sentences"][6]
    assert [p["verdict"] for p in compound["parts"]] == ["contradicted", "supported"]


def test_the_summary_counts_one_verdict_per_sentence(story_report):
    summary = story_report["summary"]
    assert sum(summary["counts"].values()) == summary["sentences"] == len(EXPECTED)
    assert summary["counts"]["misattributed"] == 1 and "exact" not in summary["counts"]
    assert summary["problems"] == 4 and summary["review"] == 1


def test_a_sentence_with_no_source_has_none(story_report):
    unsourced = story_report["sentences"][9]
    assert unsourced["verdict"] == "not_found" and unsourced["matches"] == []


def test_problems_first_then_what_no_source_establishes(runner, seed_index):
    out = runner.invoke(cli, ["draft", str(STORY), "--index", str(seed_index)]).stdout
    head, _, body = out.partition("DRAFT TEXT")
    assert "4 problem(s)  1 without a source" in head
    order = [head.index(f"line {n} ") for n in (12, 16, 21, 27, 24)]
    assert order == sorted(order)
    assert "NOT FOUND  北京冬奥会共有2900多名运动员参赛\n      no source found" in head
    assert "part 1: CONTRADICTED  八卦田驿占地面积约200平方米" in head
    assert len(body.strip().splitlines()) == len(EXPECTED)


@pytest.mark.parametrize(
    "parts,verdict",
    [
        ([A, B], "supported"),
        ([A, B, C, D], "supported"),
        ([A, B, C.replace("6家", "8家")], "contradicted"),
        ([A, NOWHERE], "unverified"),
    ],
    ids=["two", "four", "three, one changed", "one with no source"],
)
def test_compound_sentences_of_a_draft(runner, seed_index, tmp_path, parts, verdict):
    draft = tmp_path / "d.txt"
    draft.write_text("- " + "，".join(parts) + "\n", encoding="utf-8")
    report = json.loads(runner.invoke(cli, ["draft", "--index", str(seed_index), "--json", str(draft)]).stdout)
    (sentence,) = report["sentences"]
    assert sentence["verdict"] == verdict and len(sentence["parts"]) == len(parts)
    sourced = [p for p in sentence["parts"] if p["matches"]]
    assert len(sentence["matches"]) == len(sourced)


def test_a_too_short_claim_is_an_error_not_a_verdict(runner, seed_index):
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "--jsonl", "一、标准"])
    record = json.loads(result.stdout)
    assert record["error"].startswith("claim too short") and record["matches"] == []


def _cells(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_an_80_column_terminal_keeps_the_matched_sentence_and_figure_pairs_whole(runner, seed_index):
    env = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "80"}
    out = runner.invoke(cli, ["check", "--index", str(seed_index), "--top", "1", "上城区已建成25个“之江红驿”"], env=env).stdout
    lines = out.splitlines()
    assert lines and all(_cells(line) <= 80 for line in lines), [line for line in lines if _cells(line) > 80]
    marked = [line for line in lines if line.lstrip().startswith("> ")]
    assert len(marked) == 1 and len(marked[0].strip()) > 10  # the marker starts the sentence's first line
    at = lines.index(marked[0])
    # The sentence's continuation lines are indented under its text, not under the marker.
    indent = len(marked[0]) - len(marked[0].lstrip()) + 2
    assert lines[at + 1].startswith(" " * indent) and not lines[at + 1].strip().startswith(">")
    assert any("figures: 25个 ≠ 15个" in line for line in lines)  # a figure pair is never broken
    assert not any(line.strip() and line.strip()[0] in "，。、）”" for line in lines)  # no line starts with closing marks


def test_labels_follow_a_chinese_locale(runner, seed_index):
    out = runner.invoke(cli, ["draft", str(STORY), "--index", str(seed_index)], env={"LANG": "zh_CN.UTF-8", "LC_ALL": ""}).stdout
    assert "问题 4 处" in out and "第 12 行 与来源不符" in out and "未找到来源" in out and "稿件全文" in out
    english = runner.invoke(cli, ["draft", str(STORY), "--index", str(seed_index), "--lang", "en"],
                            env={"LANG": "zh_CN.UTF-8"}).stdout
    assert "4 problem(s)" in english
    as_json = runner.invoke(cli, ["draft", str(STORY), "--index", str(seed_index), "--json", "--lang", "zh"]).stdout
    assert json.loads(as_json)["sentences"][3]["verdict"] == "contradicted"  # machine formats never change
