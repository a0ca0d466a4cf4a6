"""Figures decide the verdict: changed figures contradict, figures written another way support."""

from __future__ import annotations

import json

import pytest

from factcheck.check import Checker
from factcheck.cli import cli
from factcheck.figures import read_figures
from factcheck.normalize import normalize
from factcheck.verdict import agreement, pair_figures

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
    "claim,source,expected",
    [
        # the same form: the stated numbers must be equal after units
        ("超5900件", "超过5900件", "match"),
        ("1.39万人", "13900人", "match"),
        ("四十八项", "48项", "match"),
        ("30多所", "20多所", "mismatch"),
        ("超9500件", "超5900件", "mismatch"),
        ("420多个", "400多个", "imprecise"),
        ("400多个", "420多个", "match"),  # the source is more precise and inside the claim
        ("超过400个", "420多个", "match"),
        ("370多亿元", "300多亿元", "imprecise"),
        ("近42年", "近40年", "mismatch"),
        ("120至180元", "120至150元", "mismatch"),
        ("120至150元", "120至150元", "match"),
        ("约200平方米", "约100平方米", "mismatch"),
        ("100平方米左右", "约100平方米", "match"),
        ("不到5%", "不足5%", "match"),
        ("40多万家", "40万余家", "match"),  # [400000, 410000) lies inside [400000, 500000)
        ("40万余家", "40多万家", "imprecise"),
        ("40多万家", "400多万家", "mismatch"),
        # different forms: inside, disjoint or only overlapping
        ("约100平方米", "100平方米", "match"),
        ("45项", "40余项", "imprecise"),
        ("50项", "40余项", "mismatch"),
        ("25年", "二三十年", "imprecise"),
        ("九成", "90%", "match"),
        ("五成以上", "50%以上", "match"),
        ("三成左右", "约30%", "match"),
        ("五分之一", "20%", "match"),
        # a fraction and its percentage rounded as printed
        ("三分之一", "33.3%", "match"),
        ("33%", "三分之一", "match"),
        ("三分之二", "66.7%", "match"),
        ("三分之二", "66.6%", "mismatch"),
        ("三分之一", "33.4%", "mismatch"),
        ("三分之一", "百分之三十三点三", "match"),
        ("三分之一", "百分之三十三点五", "mismatch"),
        ("七分之一", "14.29%", "match"),
        ("数十万人", "40多万人", "match"),
        ("上百个", "120个", "match"),
        ("上百个", "80个", "mismatch"),
        # an open end is not close to anything: 50 is not in 超过100
        ("50项", "超过100项", "mismatch"),
        ("400个", "超过400个", "imprecise"),
        # dates
        ("2022年", "2022年3月", "match"),
        ("2021年", "2022年3月", "mismatch"),
        ("4月25日", "4月22日", "mismatch"),
        ("1月二十四日", "1月24日", "match"),
        ("17月27日", "1月27日", "mismatch"),
        ("2021年", "2020—2022年", "imprecise"),
        ("2019年", "2020—2022年", "mismatch"),
    ],
)
def test_agreement(claim, source, expected):
    assert agreement(one(claim), one(source)) == expected


def pair_texts(claim: str, source: str):
    return pair_figures(read_figures(claim), read_figures(source), claim_norm=normalize(claim), source_norm=normalize(source))


def test_list_with_fenbie_pairs_each_value_with_its_item():
    source = "仅去年新引进青年博士37人，招引青年大学生1.39万人，培养高技能人才6700多人，分别同比增长48%、58%、118%"
    for claim, expected in [
        ("去年新引进青年博士37人，同比增长48%", "48%"),
        ("招引青年大学生1.39万人，同比增长58%", "58%"),
        ("培养高技能人才6700多人，同比增长118%", "118%"),
        ("招引青年大学生1.39万人，同比增长48%", "58%"),
    ]:
        checks = pair_texts(claim, source)
        assert checks[-1].source == expected, claim


def test_pairing_prefers_the_figure_in_the_same_role():
    (check,) = pair_texts("制定国家标准48项", "累计主导参与制定国际标准48项、国家标准344项、行业标准341项")
    assert (check.source, check.status) == ("344项", "mismatch")


@pytest.mark.parametrize("claim,source,pair", [
    # A range's counterpart is the source's range, though the words before a single figure fit better.
    ("价格上涨7.2%—18.9%", "猪肉价格上涨85.0%，涨幅回落11.2个百分点。牛肉、羊肉、鸡肉和鸭肉价格涨幅在6.1%—18.9%之间。",
     ("6.1%—18.9%", "mismatch")),
])
def test_a_range_pairs_with_a_range(claim, source, pair):
    (check,) = pair_texts(claim, source)
    assert (check.source, check.status) == pair


def test_figures_in_json_output(runner, seed_index):
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "--jsonl", "质押金额由269万元增加至16亿元"])
    record = json.loads(result.stdout)
    assert record["verdict"] == "contradicted"
    figures = record["matches"][0]["figures"]
    assert {"claim": "16亿元", "claim_value": 1600000000, "source": "61亿元", "source_value": 6100000000,
            "unit": "元", "status": "mismatch", "note": None} in figures
    assert result.exit_code == 1


def test_intervals_in_json(runner, seed_index):
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "--jsonl", "高新区(滨江)拥有40万余家网店"])
    record = json.loads(result.stdout)
    (fig,) = record["matches"][0]["figures"]
    assert fig["claim_value"] == [400000, 410000] and fig["source_value"] == [400000, 500000]
    # 40多万 says less than 40万余: the source does not establish the claim.
    assert fig["status"] == "imprecise" and fig["note"] == "less precise in the source"
    assert record["verdict"] == "unverified"


def test_terminal_shows_both_figures_side_by_side(runner, seed_index, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "滨江累计主导参与制定国际标准50项"])
    assert "50项 ≠ 48项" in result.stdout
    assert "\x1b[1;31m50项 ≠ 48项" in result.stdout  # red
