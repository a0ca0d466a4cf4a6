"""One alignment of claim and source (``factcheck.alignment``): what counts as matched.

Sentences are modelled on real People's Daily and Hong Kong reports.
"""

from __future__ import annotations

from factcheck.alignment import align
from factcheck.normalize import normalize

# 持续降低, 我省电厂 and 水平 are all here, in order, but in three clauses far apart.
SCATTERED = normalize(
    "从全省电厂运行事件发生的总体趋势看，平均运行事件数量持续降低，2021年、2022年和2023年每台机组的"
    "平均运行事件数量分别为0.87、0.89和0.64起，低于全国的2.6、2.1和1.7起，也低于许多兄弟省份，"
    "说明我省电厂的运行管理水平在持续提高。"
)


def _covered(claim: str, source: str) -> float:
    al = align(normalize(claim), source)
    flags = al.claim_covered()
    return sum(flags) / len(flags)


def test_a_clause_is_placed_where_its_words_lie_close_together():
    claim = normalize("持续降低我省电厂的安全水平")
    al = align(claim, SCATTERED)
    placed = al.claim_covered(placed=True)
    # 我省电厂的…水平 lie together near the end; 持续降低, eighty characters before, is not
    # what this clause stands opposite (it says 持续提高 there), only found elsewhere.
    assert "".join(c for c, f in zip(claim, placed) if f) == "我省电厂的水平"
    assert all(al.claim_covered()[:4])  # still counted as found (moved), since most of the clause is placed


def test_a_clause_whose_words_lie_close_together_is_matched():
    assert _covered("平均运行事件数量持续降低", SCATTERED) == 1.0
    # a claim that joins a figure to its item across a list keeps both (分别为…0.87)
    assert _covered("2021年每台机组的平均运行事件数量为0.87起", SCATTERED) > 0.8


def test_an_earlier_clause_gives_up_source_a_later_one_holds_in_a_longer_run():
    # The first clause found 已就业 only in the second clause of the source, where the second
    # clause of the claim holds it within 7月变为已就业; the first clause's 已 belongs opposite 未.
    source = normalize("平台显示：6月底前，这名毕业生的就业状态为未就业，7月变为已就业，并登记了就业单位。")
    claim = normalize("这名毕业生的就业状态为已就业，7月变为已就业")
    al = align(claim, source)
    first = claim.index("已")
    assert not al.claim_covered()[first]
    assert source[al.source_at(first)] == "未"
    # the second clause keeps its run whole
    later = claim.index("7月变为已就业")
    assert all(al.claim_covered()[later : later + 7])


def test_a_clause_keeps_source_that_a_later_clause_holds_no_better():
    # Both clauses say 能说; the later one's run is no longer than the earlier one's, so the
    # earlier clause keeps its source (and the later one looks elsewhere).
    source = normalize("会上，有的代表能说，有的代表不能说。")
    al = align(normalize("有的代表能说，有的代表能说"), source)
    assert al.blocks[0][1] == source.index("有的代表能说")


def test_runs_the_texts_share_are_not_cut_by_the_choice_of_equal_characters():
    # Of the equally long common subsequences, rapidfuzz's took 鲜 from 鲜菜 and 果 from 鲜果 (one
    # character each, so both were dropped), and CPI from the brackets, 30 characters before
    # CPI同比上涨.  And a decimal point is not a clause's end: 3.2% is one run.
    source = normalize("在食品中，受天气和节日因素影响，鲜菜、鲜果和水产品价格分别环比上涨8.4%、3.2%和2.6%。")
    claim = normalize("2月鲜果价格环比上涨3.2%")
    al = align(claim, source)
    assert [claim[c : c + n] for c, _, n in al.blocks] == ["鲜果", "价格", "环比上涨", "3.2%"]
    assert source[al.source_at(claim.index("3.2%")) :].startswith("3.2%")
    source = normalize("国家统计局今天发布2021年2月全国居民消费价格指数（CPI）和工业生产者出厂价格指数（PPI）数据："
                       "CPI同比上涨2.1%，PPI同比下降0.3%。")
    claim = normalize("2021年2月CPI同比上涨2.1%")
    al = align(claim, source)
    assert [(claim[c : c + n], s) for c, s, n in al.blocks] == [
        ("2021年2月", source.index("2021")), ("cpi同比上涨2.1%", source.index("cpi同比"))]
