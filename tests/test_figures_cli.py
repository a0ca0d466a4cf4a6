"""`factcheck figures`: the figures of a text, of the corpus, or of the sentences matching a query."""

from __future__ import annotations

import csv
import io
import json

import pytest

from factcheck.cli import cli


@pytest.mark.parametrize("fmt", ["--json", "--jsonl", "--csv", None])
def test_figures_of_a_text_need_no_index(runner, fmt, tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_INDEX", str(tmp_path / "does-not-exist.sqlite"))
    args = ["figures", "--text", "质押金额由269万元增加至61亿元，网店40多万家"] + ([fmt] if fmt else [])
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "--json":
        rows = json.loads(out)
    elif fmt == "--jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    elif fmt == "--csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [r["text"] for r in rows] == ["269万元", "61亿元", "40多万家"]
        return
    else:
        assert out.splitlines()[1].startswith("61亿元\t6100000000\t元")
        return
    assert [(r["text"], r["value"], r["unit"], r["qualifier"], r["kind"]) for r in rows] == [
        ("269万元", 2690000, "元", None, "money"),
        ("61亿元", 6100000000, "元", None, "money"),
        ("40多万家", [400000, 500000], "家", "多", "number"),
    ]
    assert not (tmp_path / "does-not-exist.sqlite").exists()


def test_every_figure_of_the_corpus(runner, seed_index):
    result = runner.invoke(cli, ["figures", "--index", str(seed_index), "--jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 80  # 76 in the body, 2 in a photo caption (4月23日, 2023年), 2 in titles (首家, 首场)
    r = next(r for r in rows if r["text"] == "61亿元")
    assert r["value"] == 6100000000 and r["kind"] == "money"
    assert r["sentence"][r["start"] : r["end"]] == "61亿元"
    assert r["article"]["byline"] == ["王心慧", "陈杰"]
    assert r["location"]["line"] == 51 and r["id"]


def test_figures_of_matching_sentences(runner, seed_index):
    result = runner.invoke(cli, ["figures", "青年博士 大学生 高技能人才", "--index", str(seed_index), "--json"])
    rows = json.loads(result.stdout)
    texts = [r["text"] for r in rows]
    assert texts[:6] == ["37人", "1.39万人", "6700多人", "48%", "58%", "118%"]
    assert all(r["article"]["byline"] == ["吴磊"] for r in rows[:6])


def test_csv_has_one_column_per_field(runner, seed_index):
    result = runner.invoke(cli, ["figures", "--index", str(seed_index), "--csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"text", "value", "unit", "article.title", "article.byline", "location.line"} <= set(rows[0])


def test_query_and_text_together_is_a_usage_error(runner):
    result = runner.invoke(cli, ["figures", "x", "--text", "y"])
    assert result.exit_code == 2
