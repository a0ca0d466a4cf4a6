"""Each claim figure is compared with its own item's figure (issue 10).

The fixtures (tests/fixtures/verdicts) are written for these tests in the shapes
of real People's Daily and Hong Kong sentences: 、 lists, 分别 lists (named items,
figures before, two labels), before/after pairs, a percentage beside an absolute
figure, several dates in one sentence, dates that label the items.
"""

from __future__ import annotations

import pytest

from factcheck.check import Checker

from .articles import check_in


# (claim, verdict, (claim figure, source figure) that must be shown)
ITEMS = [
    # 、 list whose first item carries the head noun the others leave out
    ("宁波累计培育省级专精特新企业412家", "supported", ("412家", "412家")),
    ("宁波累计培育省级专精特新企业86家", "contradicted", ("86家", "412家")),
    ("宁波累计培育国家级专精特新企业86家", "supported", ("86家", "86家")),
    ("宁波累计培育市级专精特新企业412家", "contradicted", ("412家", "1035家")),
    # 分别 with named items before it
    ("宁波东站节前累计发送旅客增幅达到81.5%", "supported", ("81.5%", "81.5%")),
    ("宁波东站节前累计发送旅客增幅达到7.4%", "contradicted", ("7.4%", "81.5%")),
    ("宁波站节前累计发送旅客增幅达到7.4%", "supported", ("7.4%", "7.4%")),
    # 分别 with two labels after it
    ("1月末全市本外币存款余额比上年同期多1383亿元", "supported", ("1383亿元", "1383亿元")),
    ("1月末全市本外币存款余额比上年同期多2550亿元", "contradicted", ("2550亿元", "1383亿元")),
    ("1月末全市本外币存款余额比上月多2550亿元", "supported", ("2550亿元", "2550亿元")),
    # 分别 with the figures before it as items
    ("去年全市新引进大学生8.3万人，同比增长15%", "supported", ("15%", "15%")),
    ("去年全市新引进大学生8.3万人，同比增长6%", "contradicted", ("6%", "15%")),
    ("去年全市新增城镇就业21.5万人，同比增长6%", "supported", ("6%", "6%")),
    # items listed, then their figures, without 分别 (进口、出口…压缩42.15%和37.62%)
    ("宁波口岸进口整体通关时间比上年同期压缩42.15%", "supported", ("42.15%", "42.15%")),
    ("宁波口岸出口整体通关时间比上年同期压缩42.15%", "contradicted", ("42.15%", "37.62%")),
    ("宁波口岸出口整体通关时间比上年同期压缩37.62%", "supported", ("37.62%", "37.62%")),
    # 较上月末 against 同比: a label that is better found decides, even by a little (较上月 / 较上月末)
    ("全市国有企业平均资产负债率较上月下降1.2个百分点", "contradicted", ("1.2个百分点", "0.3个百分点")),
    ("国有企业平均资产负债率较上月下降0.3个百分点", "supported", ("0.3个百分点", "0.3个百分点")),
    ("带息负债比率同比下降1.2个百分点", "supported", ("1.2个百分点", "1.2个百分点")),
    # before / after (由 X 至 Y)
    ("地铁起步价由2元加至3元", "supported", ("3元", "3元")),
    ("地铁起步价加至2元", "contradicted", ("2元", "3元")),
    ("城市公交月票价格降至每月60元", "supported", ("60元", "60元")),
    ("城市公交月票价格降至每月80元", "contradicted", ("80元", "60元")),
    ("東隧私家車收費由25元加至40元", "supported", ("40元", "40元")),
    ("西隧收費由60元減至40元", "supported", ("40元", "40元")),
    # a percentage beside an absolute figure
    ("全年地区生产总值1.86万亿元，同比增长6.8%", "supported", ("6.8%", "6.8%")),
    ("全年地区生产总值6.8万亿元", "contradicted", ("6.8万亿元", "1.86万亿元")),
    ("全年地区生产总值同比增长5.2%", "contradicted", ("5.2%", "6.8%")),
    # several dates in one sentence
    ("该项目于2021年6月完成主体结构", "supported", ("2021年6月", "2021年6月")),
    ("该项目于2022年6月完成主体结构", "contradicted", ("2022年6月", "2021年6月")),
    ("该项目2022年12月正式通车", "supported", ("2022年12月", "2022年12月")),
    ("该项目2019年3月正式通车", "contradicted", ("2019年3月", "2022年12月")),
    # dates that label the items (较2014年及2009年分别下跌…)
    ("恒生指數較2009年下跌30.2%", "supported", ("30.2%", "30.2%")),
    ("恒生指數較2009年下跌12.5%", "contradicted", ("12.5%", "30.2%")),
    ("恒生指数较2014年下跌12.5%", "supported", ("12.5%", "12.5%")),
    # labels after the figure
    ("中央对未摘帽的52个贫困县和1113个贫困村挂牌督战", "supported", ("1113个", "1113个")),
    ("中央对未摘帽的1113个贫困县挂牌督战", "contradicted", ("1113个", "52个")),
    # intervals: the same form must state the same numbers
    ("政府預計措施每年可帶來約130至140萬港元額外收入", "supported", ("約130至140萬港元", "約130至140萬港元")),
    ("政府预计措施每年可带来约130至150万港元额外收入", "contradicted", ("约130至150万港元", "約130至140萬港元")),
    ("仅去年就新开通国际集装箱航线12条，航线总数达到300多条", "supported", ("300多条", "300多条")),
    ("航线总数达到350多条", "unverified", ("350多条", "300多条")),
    ("航线总数超过300条", "supported", ("超过300条", "300多条")),
    ("市民每次過海最多節省港幣20元", "supported", ("港幣20元", "港幣20元")),
    ("市民每次过海最多节省20美元", "contradicted", ("20美元", "港幣20元")),
    # a figure in brackets after its item (修订法例…（85%）、): the words before the bracket
    ("大部分受访者认为政府应修订法例让公众合法使用新兴的创科服务（85%）", "supported", ("85%", "85%")),
    ("大部分受访者认为政府应修订法例让公众合法使用新兴的创科服务（93%）", "contradicted", ("93%", "85%")),
    ("大部分受访者认为政府应就过时的法例进行公众谘询（85%）", "contradicted", ("85%", "93%")),
    # a term in quotes right before its figure is the item ("人才"19次; "医疗轮候"(66.5%))
    ("施政报告中“人才”19次、“安居”11次", "supported", ("19次", "19次")),
    ("施政报告中“人才”11次", "contradicted", ("11次", "19次")),
    ("施政报告中“安居”11次", "supported", ("11次", "11次")),
    ("受访者最关注“医疗轮候”（66.5%）", "supported", ("66.5%", "66.5%")),
    ("受访者最关注“医疗轮候”（78.2%）", "contradicted", ("78.2%", "66.5%")),
    # …but a bracketed number before its item numbers it: (3)阻挡血液穿透能力
    ("防护等级根据外科口罩的(3)阻挡血液穿透能力评定", "supported", ("3", "3")),
    # a Chinese numeral with a measure word (data/units.txt) is the Arabic figure with it
    ("村民老万争取年出栏量达到五百头", "supported", ("五百头", "500头")),
    ("村民老万争取年出栏量达到六百头", "contradicted", ("六百头", "500头")),
    ("县城东北部发生四点五级地震", "supported", ("四点五级", "4.5级")),
    ("县城东北部发生5.5级地震", "contradicted", ("5.5级", "4.5级")),
    ("县气象台十九时38分发布消息", "supported", ("十九时", "19时")),
    # a count or sum without its measure word (headlines drop it) is the source's with it
    ("全市常住人口达1234.5万", "supported", ("1234.5万", "1234.5万人")),
    ("全市常住人口达1334.5万", "contradicted", ("1334.5万", "1234.5万人")),
    ("全年全市实现地区生产总值8500亿", "supported", ("8500亿", "8500亿元")),
    # …not a small bare number: 10、8月份 is the source's 7、8月份, not its 10个标间
    ("10、8月份游客最多", "contradicted", ("10", "7")),
]


@pytest.fixture(scope="module")
def checker(verdicts_checker):
    return verdicts_checker


@pytest.mark.parametrize("claim,verdict,pair", ITEMS, ids=[c for c, *_ in ITEMS])
def test_each_figure_is_compared_with_its_own_item(checker, claim, verdict, pair):
    result = checker.check(claim)
    best = result.matches[0]
    shown = [(f.claim, f.source) for f in best.figures]
    assert result.verdict == verdict, (shown, [(f.status, f.note) for f in best.figures])
    if pair:
        assert pair in shown


def test_two_claim_figures_never_share_one_source_figure(checker):
    best = checker.check("地铁起步价由3元加至3元").matches[0]
    assert [(f.claim, f.source, f.status) for f in best.figures] == [("3元", "2元", "mismatch"), ("3元", "3元", "match")]


def test_relative_dates_are_resolved_against_the_article_date(tmp_path):
    from factcheck.indexer import index_paths
    from factcheck.store import Store

    archive = tmp_path / "a.jsonl"
    archive.write_text(
        '{"id": "x1", "title": "港口航线再扩容", "date": "2023-02-03", "text": "截至今年1月底，宁波舟山港集装箱航线总数达到300条。"}\n',
        encoding="utf-8",
    )
    path = tmp_path / "i.sqlite"
    with Store.open(path, create=True) as store:
        index_paths(store, [archive])
        checker = Checker(store)
        right = checker.check("截至2023年1月底，宁波舟山港集装箱航线总数达到300条")
        wrong = checker.check("截至2022年1月底，宁波舟山港集装箱航线总数达到300条")
    assert right.verdict == "supported"
    (date,) = [f for f in right.matches[0].figures if f.claim == "2023年1月"]
    assert date.note == "今年1月 = 2023-01"
    assert wrong.verdict == "contradicted"


def test_a_figure_that_cannot_be_read_is_reported_as_unread():
    from factcheck.figures import read_figures
    from factcheck.normalize import normalize
    from factcheck.verdict import decide, pair_figures

    claim = "签约金额达八十八九万元"
    checks = pair_figures(read_figures(claim), read_figures("签约金额达88万元"), claim_norm=normalize(claim),
                          source_norm=normalize("签约金额达88万元"))
    assert [(c.claim, c.status) for c in checks] == [("八十八九万元", "unread")]
    assert decide(100.0, checks) == "unverified"


CPI_ARTICLE = (
    "2月CPI同比上涨2.1%\n\n本报北京3月10日电 （记者孙悦）\n\n"
    "国家统计局今天发布2021年2月全国居民消费价格指数（CPI）和工业生产者出厂价格指数（PPI）数据："
    "CPI同比上涨2.1%，PPI同比下降0.3%。\n\n"
    "从环比看，CPI上涨0.6%，主要受到了春节因素影响。\n\n"
    "在食品中，受天气和节日因素影响，鲜菜、鲜果和水产品价格分别环比上涨8.4%、3.2%和2.6%。\n"
)


@pytest.mark.parametrize("claim,verdict,date", [
    # The report says 2月 once, in its headline and lead; the sentences after it do not repeat it.
    ("2月鲜果价格环比上涨3.2%", "supported", ("2月", "2021年2月", "match")),
    ("2021年2月鲜果价格环比上涨3.2%", "supported", ("2021年2月", "2021年2月", "match")),
    # Another month is in none of them: the figure has no counterpart.
    ("3月鲜果价格环比上涨3.2%", "unverified", ("3月", None, "missing")),
    # 2月CPI is a date before an abbreviation, not a code like C919; CPI同比上涨 is one run
    # of the source, not CPI in brackets and 同比上涨 thirty characters later.
    ("2021年2月CPI同比上涨2.1%", "supported", ("2021年2月", "2021年2月", "match")),
])
def test_a_date_the_article_gives_once_holds_for_its_sentences(tmp_path, claim, verdict, date):
    result = check_in(tmp_path, CPI_ARTICLE, claim)
    best = result.matches[0]
    assert result.verdict == verdict, ([(f.claim, f.source, f.status) for f in best.figures], best.differences)
    assert date in [(f.claim, f.source, f.status) for f in best.figures]
    assert best.differences == []


EMISSIONS = (
    "主要污染物排放量继续下降\n\n本报北京6月2日电 （记者方敏）\n\n"
    "核查结果显示，去年全国二氧化硫、氮氧化物排放量分别下降4.6%和3.7%，化学需氧量、氨氮排放量分别下降3.1%和3.4%。\n\n"
    "猪肉价格上涨85.0%，涨幅回落11.2个百分点。牛肉、羊肉、鸡肉和鸭肉价格涨幅在6.1%—18.9%之间，均有不同程度回落。\n\n"
    "3月9日，市人民银行公布，一季度全市人民币贷款增加1.69万亿元。\n"
)


PROJECTS = (
    "重大项目建设提速\n\n本报记者 林晓\n\n"
    "2020年以来，全区新签约、新开工、新投产亿元以上产业项目分别为27个、15个、18个，"
    "是2019年同期的1.6倍、2.3倍、9.5倍。\n"
)


CHIPS = (
    "新芯片性能领先\n\n本报记者 林晓\n\n"
    "在城市数据中心，视频实时处理使用GPU需要40块，延时300ms；而使用新芯片仅需4块，延时150ms，有效节约了硬件成本。\n"
)

COMPLAINTS = (
    "节日消费投诉下降\n\n本报记者 林晓\n\n"
    "“五一”期间，全市消保委系统共受理消费投诉612件，同比下降23.5%，其中服务类投诉402件，占投诉总量的65.7%；"
    "商品类投诉210件，占投诉总量的34.3%。\n"
)


GROUNDBREAKING = ("重点项目集中开工\n\n本报记者 林晓\n\n"
                  "全区总投资215亿元的31个重点项目日前集中开工，其中50亿元以上项目3个，10亿元以上项目8个。\n")

LANTERNS = ("南湖灯会开幕\n\n本报记者 林晓\n\n2021南湖元宵灯会昨晚开幕，今年已是第十七届；沿湖街道挂上了红灯笼。"
            "三日间共有逾2万人接种了科兴第一剂疫苗，首批入选的图书共30种。\n\n"
            "2月6日凌晨1:03，开启装机作业；5:38，首架物资专机从广州起飞；6:08，第二架专机起飞。\n")

FIGURE_PAIRS = [
    # The same label (占投诉总量的) before two shares: the clause before it names the item.
    (COMPLAINTS, None, "商品类投诉210件，占投诉总量的65.7%", "contradicted", ("65.7%", "34.3%", "mismatch")),
    (COMPLAINTS, None, "商品类投诉占投诉总量的34.3%", "supported", ("34.3%", "34.3%", "match")),
    (COMPLAINTS, None, "服务类投诉占投诉总量的34.3%", "contradicted", ("34.3%", "65.7%", "mismatch")),
    # Items given in another order (其中 tells no item; a threshold is the item's own words).
    (GROUNDBREAKING, None, "全区31个重点项目集中开工，其中10亿元以上项目8个、50亿元以上项目3个", "supported",
     ("8个", "8个", "match")),
    (GROUNDBREAKING, None, "其中10亿元以上项目8个", "supported", ("8个", "8个", "match")),
    (GROUNDBREAKING, None, "其中10亿元以上项目3个", "contradicted", ("10亿元以上", "50亿元以上", "mismatch")),
    # An ordinal is compared with the ordinal: the 17th is not the 7th.
    (LANTERNS, None, "南湖元宵灯会今年已是第七届", "contradicted", ("第七届", "第十七届", "mismatch")),
    (LANTERNS, None, "南湖元宵灯会今年已是第十七届", "supported", ("第十七届", "第十七届", "match")),
    # 第一 is an ordinal too, and 首 says the same.
    (LANTERNS, None, "三日间共有逾2万人接种了第二剂疫苗", "contradicted", ("第二剂", "第一剂", "mismatch")),
    (LANTERNS, None, "第一批入选的图书共30种", "supported", ("第一批", "首批", "match")),
    # An ordinal is a label, not a neighbouring item's figure: the time the claim moves after it is
    # still the time of the first flight.
    (LANTERNS, None, "首架物资专机5:38从广州起飞", "supported", ("5", "5", "match")),
    # The word after the claim's figure stands before the source's, in its clause: the same item.
    (LANTERNS, None, "三日间共有逾2万人接种了第一剂科兴疫苗", "supported", ("第一剂", "第一剂", "match")),
    # The claim's words fit the second list: its figure is that list's.
    (EMISSIONS, None, "氨氮排放量下降3.4%", "supported", ("3.4%", "3.4%", "match")),
    # A range against the source's range, not the single figure whose words are closer.
    (EMISSIONS, None, "牛肉、羊肉、鸡肉和鸭肉价格上涨7.2%—18.9%", "contradicted", ("7.2%—18.9%", "6.1%—18.9%", "mismatch")),
    # Only a date differs, and the claim's own figure is nowhere: no sign the passage says otherwise.
    (EMISSIONS, None, "3月6日，全市人民币贷款增加13.44万户", "unverified", ("3月6日", "3月9日", "mismatch")),
    # The ratios follow the items in order, as the counts do.
    (PROJECTS, "2020-06-02", "新开工亿元以上产业项目15个，是2019年同期的2.3倍", "supported", ("2.3倍", "2.3倍", "match")),
    (PROJECTS, "2020-06-02", "新开工亿元以上产业项目15个，是2019年同期的9.5倍", "contradicted", ("9.5倍", "2.3倍", "mismatch")),
    # The same words before two figures (延时): the one beside the claim's other figure's counterpart.
    (CHIPS, None, "使用GPU需要40块，延时150ms", "contradicted", ("150ms", "300ms", "mismatch")),
    (CHIPS, None, "使用新芯片仅需4块，延时150ms", "supported", ("150ms", "150ms", "match")),
    # 去年 in an article of 2020 is the passage's 2019年.
    (PROJECTS, "2020-06-02", "新投产亿元以上产业项目18个，是去年同期的9.5倍", "supported", ("9.5倍", "9.5倍", "match")),
]


@pytest.mark.parametrize("article,date,claim,verdict,pair", FIGURE_PAIRS, ids=[c for _, _, c, *_ in FIGURE_PAIRS])
def test_the_figure_the_claim_states_is_its_counterpart(tmp_path, article, date, claim, verdict, pair):
    result = check_in(tmp_path, article, claim, date=date)
    shown = [(f.claim, f.source, f.status) for f in result.matches[0].figures]
    assert result.verdict == verdict, (shown, result.matches[0].differences)
    assert pair in shown
