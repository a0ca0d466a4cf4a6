"""Figures decide the verdict: changed figures contradict, figures written another way support."""

from __future__ import annotations

import json

import pytest

from factcheck.check import Checker
from factcheck.cli import cli
from factcheck.figures import read_figures
from factcheck.verdict import agrees, pair_figures

from .figure_claims import CHANGED, REWRITTEN


@pytest.fixture(scope="module")
def checker(seed_index_master):
    from factcheck.store import Store

    with Store.open(seed_index_master) as store:
        yield Checker(store)


def test_enough_changed_claims():
    assert len(CHANGED) >= 25


@pytest.mark.parametrize("claim,claim_fig,source_fig,piece", CHANGED, ids=[c[1] + "≠" + c[2] for c in CHANGED])
def test_changed_figure_is_contradicted_with_its_source_first(checker, claim, claim_fig, source_fig, piece):
    result = checker.check(claim)
    assert result.verdict == "contradicted"
    best = result.matches[0]
    assert piece in best.text
    mismatches = [(f.claim, f.source) for f in best.figures if f.status == "mismatch"]
    assert (claim_fig, source_fig) in mismatches
    assert len(mismatches) == 1


@pytest.mark.parametrize("claim,piece", REWRITTEN, ids=[c for c, _ in REWRITTEN])
def test_true_figure_written_another_way_is_supported(checker, claim, piece):
    result = checker.check(claim)
    assert result.verdict == "supported", [(f.claim, f.source, f.status) for f in result.matches[0].figures]
    assert piece in result.matches[0].text
    assert all(f.status == "match" for f in result.matches[0].figures)


def test_figure_with_no_counterpart_leaves_the_claim_unverified(checker):
    result = checker.check("截至今年3月，高新区(滨江)累计主导参与制定国际标准48项，投入资金5亿元")
    assert result.verdict == "unverified"
    statuses = {f.claim: f.status for f in result.matches[0].figures}
    assert statuses["48项"] == "match" and statuses["5亿元"] == "missing"


def one(text: str):
    (f,) = read_figures(text)
    return f


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("超5900件", "超过5900件", True),
        ("40多万家", "40万余家", True),
        ("40多万家", "400多万家", False),
        ("1.39万人", "13900人", True),
        ("30多所", "20多所", False),
        ("超9500件", "超5900件", False),
        ("45项", "40余项", True),
        ("50项", "40余项", False),
        ("2022年", "2022年3月", True),
        ("2021年", "2022年3月", False),
        ("4月25日", "4月22日", False),
        ("2021年", "2020—2022年", True),
        ("2019年", "2020—2022年", False),
        ("25年", "二三十年", True),
        ("不到5%", "不足5%", True),
        ("约100平方米", "100平方米", True),
        ("约200平方米", "约100平方米", False),
    ],
)
def test_agreement(a, b, same):
    assert agrees(one(a), one(b)) is same


def test_list_with_fenbie_pairs_each_value_with_its_item():
    source = read_figures("仅去年新引进青年博士37人，招引青年大学生1.39万人，培养高技能人才6700多人，分别同比增长48%、58%、118%")
    for claim, expected in [
        ("去年新引进青年博士37人，同比增长48%", "48%"),
        ("招引青年大学生1.39万人，同比增长58%", "58%"),
        ("培养高技能人才6700多人，同比增长118%", "118%"),
        ("招引青年大学生1.39万人，同比增长48%", "58%"),
    ]:
        checks = pair_figures(read_figures(claim), source)
        assert checks[-1].source == expected, claim


def test_pairing_prefers_the_figure_in_the_same_role():
    source = read_figures("累计主导参与制定国际标准48项、国家标准344项、行业标准341项")
    (check,) = pair_figures(read_figures("制定国家标准48项"), source)
    assert (check.source, check.status) == ("344项", "mismatch")


def test_figures_in_json_output(runner, seed_index):
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "--jsonl", "质押金额由269万元增加至16亿元"])
    record = json.loads(result.stdout)
    assert record["verdict"] == "contradicted"
    figures = record["matches"][0]["figures"]
    assert {"claim": "16亿元", "claim_value": 1600000000, "source": "61亿元", "source_value": 6100000000,
            "unit": "元", "status": "mismatch"} in figures
    assert result.exit_code == 1


def test_intervals_in_json(runner, seed_index):
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "--jsonl", "高新区(滨江)拥有40万余家网店"])
    record = json.loads(result.stdout)
    (fig,) = record["matches"][0]["figures"]
    assert fig["claim_value"] == [400000, 410000] and fig["source_value"] == [400000, 500000]
    assert fig["status"] == "match"


def test_terminal_shows_both_figures_side_by_side(runner, seed_index, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "滨江累计主导参与制定国际标准50项"])
    assert "50项 ≠ 48项" in result.stdout
    assert "\x1b[1;31m50项 ≠ 48项" in result.stdout  # red
