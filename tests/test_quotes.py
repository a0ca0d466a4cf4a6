"""Quotations: listing them with their speakers, and checking a quote's wording."""

from __future__ import annotations

import json

import jsonschema
import pytest

from factcheck.check import QuoteChecker, all_quotations
from factcheck.cli import cli
from factcheck.indexer import index_paths
from factcheck.quotes import _words_with_map, compare, split_speaker, strip_marks
from factcheck.store import Store

from .articles import one_article
from .conftest import FIXTURES
from .test_check import SCHEMA

SEED_QUOTES = [
    ("南星街道相关负责人", None, "山南红驿·八卦田驿”是今年沿江党建示范带的亮点工程之一"),
    ("赵新宇", "雉城街道组织委员", "单个社区在资源力量、规模空间上有限，我们鼓励各社区‘抱团’"),
    ("赵新宇", "雉城街道组织委员", "我们把社区的发展、社区资源的开发增值、服务民生3项原则列为集团目标"),
    ("邹存英", "皇家湾社区党委书记", "通过改造提升了管理，让周围居民拥有更舒适的居住环境，享受更便捷的城市配套设施服务。"),
    ("汪琳琳", "雉城街道纪委书记", "我们将以国有资本入股的股东身份"),
    ("李玉平", "省“万人计划”科技创新领军人才", "在东阳工作的十年里，让我感触最深的就是这里良好的人文环境"),
]


@pytest.fixture(scope="module")
def qc(seed_index_master):
    with Store.open(seed_index_master) as store:
        yield QuoteChecker(store)


@pytest.fixture
def forum(tmp_path):
    store = Store.open(tmp_path / "forum.sqlite", create=True)
    index_paths(store, [FIXTURES / "forum.txt"])
    yield store
    store.close()


def test_every_quotation_of_the_seed_page_with_its_speaker(seed_store):
    found = list(all_quotations(seed_store))
    assert len(found) == len(SEED_QUOTES)
    for q, (name, role, words) in zip(found, SEED_QUOTES):
        assert (q.speaker, q.speaker_role) == (name, role)
        assert words in q.text
    # Nested marks stay inside: ‘抱团’ does not end the quotation.
    assert found[1].text.endswith("最终目的是为了进一步保障社区现代治理的经费来源。")
    # The quotation across the layout break is one quotation.
    assert "享受更便捷" in found[3].text and found[3].location.line == 125


def test_quotations_by_speaker(runner, seed_index):
    result = runner.invoke(cli, ["quotes", "--index", str(seed_index), "--speaker", "赵新宇", "--jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["speaker"] for r in rows] == ["赵新宇", "赵新宇"]
    assert rows[0]["attribution"] == "雉城街道组织委员赵新宇进一步倡议"
    assert rows[0]["article"]["byline"] == ["李雪萍"]
    plain = runner.invoke(cli, ["quotes", "--index", str(seed_index)])
    assert plain.stdout.splitlines()[3].startswith("皇家湾社区党委书记邹存英\t通过改造提升了管理")


def test_speakers_before_the_quote_across_paragraphs_and_by_pronoun(forum):
    found = list(all_quotations(forum))
    got = [(q.speaker, q.speaker_role, q.text[:12]) for q in found]
    assert got == [
        ("张华", "省科技厅厅长", "今年全省研发投入将超过2"),
        ("李强", "省发展改革委副主任", "我们已经在全省建成了12"),
        ("陈静", "省统计局负责人", "目前全省共有高新技术企业"),
        ("陈静", "省统计局负责人", "我们的目标是到2025年"),
        ("刘洋", "浙江大学教授", "这次论坛汇聚了来自全国各"),
    ]
    # Three sentences inside one pair of marks are one quotation.
    assert found[0].text.count("。") == 3
    # A quotation over two paragraphs keeps the speaker named after its closing mark.
    assert "未来三年还将新建8个" in found[1].text and len(found[1].ids) == 2


@pytest.mark.parametrize(
    "who,name,role",
    [
        ("赵新宇", "赵新宇", None),
        ("雉城街道组织委员赵新宇", "赵新宇", "雉城街道组织委员"),
        ("南星街道相关负责人", "南星街道相关负责人", None),
        ("省“万人计划”科技创新领军人才李玉平交流在东阳的发展经历时", "李玉平", "省“万人计划”科技创新领军人才"),
        ("外交部发言人赵立坚", "赵立坚", "外交部发言人"),
        ("河南省政协副秘书长张广东委员", "张广东", "河南省政协副秘书长"),
        ("全国人大代表", "全国人大代表", None),
        ("他", None, None),
    ],
)
def test_split_speaker(who, name, role):
    assert split_speaker(who) == (name, role)


EXACT = [
    ("“我们把社区的发展、社区资源的开发增值、服务民生3项原则列为集团目标”", "赵新宇", []),
    ("「通过改造提升了管理，让周围居民拥有更舒适的居住环境，享受更便捷的城市配套设施服务。」", "邹存英", ["typed with 「」; the source prints “”"]),
    ("「通過改造提升了管理，讓周圍居民擁有更舒適的居住環境」", "邹存英",
     ["typed with 「」; the source prints “”", "written in Traditional characters; the source is in Simplified"]),
    ("在东阳工作的十年里 让我感触最深的就是这里良好的人文环境", "李玉平", ["punctuation differs", "spacing differs"]),
]


@pytest.mark.parametrize("typed,speaker,notes", EXACT)
def test_exact_quotes(qc, typed, speaker, notes):
    r = qc.check(typed)
    assert r.verdict == "exact"
    assert r.speaker == speaker
    assert r.matches[0].notes == notes
    assert all(op.op == "equal" for op in r.matches[0].diff)


ALTERED = [
    ("我们把社区的发展、社区资源的开发增值、服务民生5项原则列为集团目标", [("replace", "5", "3")]),
    ("单个社区在资源力量、规模空间上很有限，我们鼓励各社区抱团", [("insert", "很", "")]),
    ("通过改造提升了服务，让周围居民拥有更舒适的居住环境", [("replace", "服务", "管理")]),
    ("我们将以国有资本入股的股东身份，指导建立健全集团的财务内控与审计制度", [("delete", "", "在‘三资’管理、收支审批、资产核查等方面")]),
]


@pytest.mark.parametrize("typed,changes", ALTERED)
def test_altered_quotes_show_the_diff(qc, typed, changes):
    r = qc.check(typed)
    assert r.verdict == "altered"
    got = [(op.op, op.quote, op.source) for op in r.matches[0].diff if op.op != "equal"]
    assert got == changes
    # Kept text reads the same on both sides, and comes from the typed quote.
    for op in r.matches[0].diff:
        if op.op == "equal":
            assert _words_with_map(op.quote)[0] == _words_with_map(op.source)[0]
            assert op.quote in strip_marks(typed)


def test_quote_not_found(qc):
    r = qc.check("这件事我从来没有说过，完全是捏造")
    assert r.verdict == "not_found" and r.speaker is None


def test_quote_across_a_layout_break_and_sentences(forum):
    qc = QuoteChecker(forum)
    r = qc.check("“这次论坛汇聚了来自全国各地的专家学者，大家围绕人工智能、生物医药等领域展开了深入交流。”")
    assert r.verdict == "exact" and r.speaker == "刘洋"
    r = qc.check("今年全省研发投入将超过2000亿元。我们会继续加大对企业的支持力度。科技创新是发展的第一动力。")
    assert r.verdict == "exact" and r.speaker == "张华"
    r = qc.check("今年全省研发投入将超过3000亿元。我们会继续加大对企业的支持力度。")
    assert r.verdict == "altered"
    assert [(o.op, o.quote, o.source) for o in r.matches[0].diff if o.op != "equal"] == [("replace", "3", "2")]


def test_compare_is_about_words_only():
    ops, spans = compare("他说，好的", "“他说：好的。”")
    assert [o.op for o in ops] == ["equal"]
    assert spans and "他说" in "“他说：好的。”"[spans[0][0] : spans[-1][1]]


def test_quote_json_and_exit_status(runner, seed_index):
    result = runner.invoke(cli, ["quote", "--index", str(seed_index), "--jsonl",
                                 "我们把社区的发展、社区资源的开发增值、服务民生5项原则列为集团目标"])
    record = json.loads(result.stdout)
    jsonschema.validate(record, SCHEMA)
    assert record["verdict"] == "altered" and record["speaker"] == "赵新宇" and record["speaker_role"] == "雉城街道组织委员"
    m = record["matches"][0]
    assert {"op": "replace", "quote": "5", "source": "3"} in m["diff"]
    assert m["speaker"] == "赵新宇"
    assert result.exit_code == 1
    ok = runner.invoke(cli, ["quote", "--index", str(seed_index), "“我们把社区的发展、社区资源的开发增值、服务民生3项原则列为集团目标”"])
    assert ok.exit_code == 0 and ok.stdout.startswith("EXACT")
    assert "雉城街道组织委员赵新宇" in ok.stdout


def test_plain_diff_markers(runner, seed_index):
    result = runner.invoke(cli, ["quote", "--index", str(seed_index), "单个社区在资源力量、规模空间上很有限"])
    assert "diff: 单个社区在资源力量、规模空间上{+很+}有限" in result.stdout


def test_a_partial_quote_is_compared_with_the_words_it_reproduces(tmp_path):
    # The quote's last words (得很) stand twice in the source; the stretch it reproduces ends at
    # the first, so what follows (，返贫快得很) is not quoted, not left out of the middle.
    with one_article(tmp_path, "独龙江乡的产业之路\n\n本报记者 李明\n\n“产业问题不解决，脱贫难得很，返贫快得很。”"
                                "老县长高德荣说。这些年，乡里发展草果种植，群众收入逐年增加。\n") as store:
        r = QuoteChecker(store).check("“产业问题解决了，脱贫难得很”")
    assert r.verdict == "altered"
    assert [(op.op, op.quote, op.source) for op in r.matches[0].diff if op.op != "equal"] == [
        ("delete", "", "不"), ("insert", "了", "")]


def test_words_from_the_second_quotation_of_a_sentence(tmp_path):
    # “……”X说，“……”: one sentence holds two quotations; typed words from the second are
    # compared with the second, not with the first.
    with one_article(tmp_path, "民营企业融资渐顺\n\n本报记者 周岚\n\n“跟银行谈贷款利率？过去想都不敢想！”"
                                "沈阳一家电子公司董事长王立新说，“这两年，特别是去年座谈会开过以后，企业真能跟银行坐下来谈谈利率了。”\n") as store:
        qc = QuoteChecker(store)
        second = qc.check("“去年座谈会开过以后，企业真能跟银行坐下来谈谈利率了”")
        changed = qc.check("“去年座谈会开过以后，企业才能跟银行坐下来谈谈利率了”")
    assert second.verdict == "exact" and second.speaker == "王立新"
    assert changed.verdict == "altered"
    assert [(op.op, op.quote, op.source) for op in changed.matches[0].diff if op.op != "equal"] == [("replace", "才", "真")]
