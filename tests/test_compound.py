"""Claims joining facts of several sources are checked part by part (issue 12, point 1)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from factcheck.check import Checker, claim_parts
from factcheck.cli import cli

from .test_check import SCHEMA

A = "八卦田驿占地面积约100平方米"  # 老旧候车厅变身新驿站
B = "雉城街道18个社区之间存在发展不平衡的现象"  # 湖州首家社区服务集团成立
C = "高新区(滨江)推动6家银行发布“滨质授信”金融产品"  # “国际滨”
D = "东阳仅去年新引进青年博士37人"  # 百日攻坚行动启动
NOWHERE = "特斯拉在上海建设了新的超级工厂"


@pytest.fixture(scope="module")
def checker(seed_index_master):
    from factcheck.store import Store

    with Store.open(seed_index_master) as store:
        yield Checker(store)


@pytest.mark.parametrize(
    "parts,verdict,part_verdicts",
    [
        ([A, B], "supported", ["supported", "supported"]),
        ([A, B, C], "supported", ["supported"] * 3),
        ([A, B, C, D], "supported", ["supported"] * 4),
        ([A.replace("100", "200"), B], "contradicted", ["contradicted", "supported"]),
        ([A, B, C.replace("6家", "8家")], "contradicted", ["supported", "supported", "contradicted"]),
        ([A, B.replace("不平衡", "平衡"), C, D], "contradicted", ["supported", "contradicted", "supported", "supported"]),
        ([A, NOWHERE], "unverified", ["supported", "not_found"]),
    ],
    ids=["two", "three", "four", "two, one changed", "three, one changed", "four, one negated", "one with no source"],
)
def test_each_part_finds_its_own_source(checker, parts, verdict, part_verdicts):
    claim = "，".join(parts)
    result = checker.check(claim)
    assert result.verdict == verdict
    assert [p.verdict for p in result.parts] == part_verdicts
    for p, text in zip(result.parts, parts):
        assert p.text == text and claim[p.span[0] : p.span[1]] == text
    sourced = [p for p in result.parts if p.matches]
    assert len({p.matches[0].id for p in sourced}) == len(sourced)  # every part cites its own source
    assert [m.id for m in result.matches] == [p.matches[0].id for p in sourced]


def test_a_claim_one_passage_settles_is_not_split(checker):
    # 58% belongs to another item of the same sentence: the whole claim is contradicted by it,
    # and no other sentence's "同比增长58%" may support a part instead.
    result = checker.check("东阳去年新引进青年博士37人，同比增长58%")
    assert result.verdict == "contradicted" and result.parts == []
    text = "东阳去年新引进青年博士37人，同比增长48%"
    assert [text[a:b] for a, b in claim_parts(text)] == ["东阳去年新引进青年博士37人", "同比增长48%"]


def test_short_clauses_stay_with_their_neighbour():
    text = "据悉，八卦田驿占地面积约100平方米，对吧"
    assert [text[a:b] for a, b in claim_parts(text)] == ["据悉，八卦田驿占地面积约100平方米，对吧"]


def test_parts_in_json_and_on_the_terminal(runner, seed_index):
    claim = f"{A.replace('100', '200')}，{B}"
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "--jsonl", claim])
    record = json.loads(result.stdout)
    jsonschema.validate(record, SCHEMA)
    assert [p["verdict"] for p in record["parts"]] == ["contradicted", "supported"]
    assert record["parts"][0]["matches"][0]["figures"][0]["status"] == "mismatch"
    shown = runner.invoke(cli, ["check", "--index", str(seed_index), claim]).stdout
    assert "part 1: CONTRADICTED" in shown and "part 2: SUPPORTED" in shown and "约200平方米 ≠ 约100平方米" in shown


def test_a_draft_marks_a_compound_sentence_by_its_worst_part(runner, seed_index, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(f"{A.replace('100', '200')}，{B}。\n", encoding="utf-8")
    result = runner.invoke(cli, ["draft", "--index", str(seed_index), "--json", str(draft)])
    report = json.loads(result.stdout)
    (sentence,) = report["sentences"]
    assert sentence["verdict"] == "contradicted" and len(sentence["matches"]) == 2
    assert result.exit_code == 1


def test_a_strong_whole_stops_at_the_first_part_that_does_not_settle(checker, monkeypatch):
    """A passage that covers the whole claim but does not establish it (海外 is nowhere in it) is
    the answer unless every part settles on its own: the part that differs is looked up first,
    it does not settle and ends the lookups, and the answer is the one all the parts' lookups
    would give."""
    looked_up: list[str] = []
    real = Checker._check_text

    def counted(self, text, base):
        looked_up.append(text)
        return real(self, text, base)

    monkeypatch.setattr(Checker, "_check_text", counted)
    first = "东阳仅去年新引进海外青年博士37人，招引青年大学生1.39万人，培养高技能人才6700多人"
    last = "东阳仅去年新引进青年博士37人，招引青年大学生1.39万人，培养海外高技能人才6700多人"
    answers = []
    for claim in (first, last):
        looked_up.clear()
        result = checker.check(claim)
        answers.append((result.verdict, [d.claim for d in result.matches[0].differences], result.parts,
                        [m.id for m in result.matches]))
        assert result.verdict == "unverified" and result.parts == []
        assert [d.claim for d in result.matches[0].differences] == ["海外"]
        # The part the whole's passage differs from (海外) is looked up first, wherever it is.
        if claim == first:
            assert looked_up == [claim, "东阳仅去年新引进海外青年博士37人"]
        else:
            assert looked_up == [claim, "培养海外高技能人才6700多人"]
    assert answers[0][0] == answers[1][0] and answers[0][3] == answers[1][3]
