"""A claim whose words say something else than its source is not supported (issue 11).

Claims are written from the fixtures in tests/fixtures/verdicts (modelled on real
People's Daily and Hong Kong sentences) and from the seed page.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from factcheck.check import Checker
from factcheck.cli import cli

from .articles import check_in
from .test_check import SCHEMA

# (claim, verdict, (kind, claim words, source words)); every claim's source is first.
CHANGED = [
    # another place, person or organisation
    ("温州累计培育国家级专精特新企业86家", "contradicted", ("entity", "温州", "宁波")),
    ("由复旦大学牵头组建的宁波先进制造研究院，已吸引40多家企业入驻", "contradicted", ("entity", "复旦大学", "浙江大学")),
    ("市经信局局长王建华表示，这并不是一次普通的技术改造", "contradicted", ("entity", "王建华", "陈国强")),
    # the other direction
    ("全年实现地区生产总值1.86万亿元，同比下降6.8%", "contradicted", ("direction", "下降", "增长")),
    ("一般公共预算收入同比增长5.2%，税收收入同比增长1.3%", "contradicted", ("direction", "增长", "下降")),
    ("城市公交月票价格由每月80元升至每月60元", "contradicted", ("direction", "升", "降")),
    ("去年第四季本港失業率為3.4%，較上一季上升0.3個百分點", "contradicted", ("direction", "上升", "下降")),
    # a negation on one side only
    ("目前，全市各区县之间发展平衡", "contradicted", ("negation", "平衡", "不平衡")),
    ("市经信局局长陈国强表示，这是一次普通的技术改造", "contradicted", ("negation", "是", None)),
    ("新建成的科技馆已对外开放", "contradicted", ("negation", "已", "未")),
    ("该市尚未实现全域5G网络覆盖", "contradicted", ("negation", "尚未", None)),
    ("運輸及物流局局長林世雄表示，新安排是權宜之計", "contradicted", ("negation", "是", None)),
    # a short claim negated word for word: its source, though no run of 6 characters matches
    ("在車站未見火光熊熊", "contradicted", ("negation", "未見", None)),
    # 不 dropped where the negator is the word (都不是), and in a clause the claim repeats
    ("有議員批評前幾任局長「連專業人士都是", "contradicted", ("negation", "是", "不是")),
    ("有的路线能加班、有的路线能加班，司机都清楚", "contradicted", ("negation", "能加班", "不能加班")),
    # a short claim, the reversed word much of it: its source only a partial match, and still its source
    ("PPI同比下降0.1%", "contradicted", ("direction", "下降", "上涨")),
    ("各地将再有序缩小复工复产的范围", "contradicted", ("direction", "缩小", "扩大")),
    # …and one that negates it, beside a figure that agrees
    ("全市常住人口没有达到1234.5万人", "contradicted", ("negation", "没有", None)),
    # a word with no counterpart
    ("仅去年就新开通国际航空航线12条", "unverified", ("word", "航空", None)),
    ("由浙江大学牵头组建的宁波先进制造研究院，已吸引40多家银行入驻", "unverified", ("word", "银行", "企业")),
    # a direction the passage does not give at all: a word with no counterpart, not agreement
    ("截至去年底，宁波累计培育的国家级专精特新企业减少到86家", "unverified", ("word", "减少", None)),
    # …nor where only the title says that way (床位使用率增长), nor only far off in the passage (数量增多)
    ("市卫健委组织定点医院增加采购医用防护物资", "unverified", ("word", "增加", None)),
    ("要求治愈出院患者到指定场所隔离观察14天，进一步提高治疗效果", "unverified", ("word", "提高", None)),
    # a negated verb the passage has nowhere (碰): one character, but what the claim says is not done
    ("專題小組當年的報告指出，香港政治體制原則上不碰三權分立", "unverified", ("word", "不碰", None)),
    # a negation whose verb (补) is one character, against 不断补足: the passage does not negate it
    ("全县不是补现代化教育的短板", "unverified", ("word", "不是补", "补")),
    # a negator opposite the 不 of 不只 (not only), which negates nothing
    ("照顾留守老人从来不是为自己的", "unverified", ("word", "不是", "不只")),
    # a word matched in part (比 aligns): the source word opposite is shown
    ("全年实现地区生产总值1.86万亿元，环比增长6.8%", "unverified", ("word", "环比", "同比")),
    # a word in place of another between two aligned stretches, though the passage has it elsewhere (核安全处)
    ("持续降低我省电厂的安全水平", "unverified", ("word", "安全", "运行管理")),
]

# Said another way: every one is supported, with no difference.
PARAPHRASES = [
    "宁波累计培育国家级专精特新企业86家",  # a clause run, unchanged
    "全年地区生产总值1.86万亿元，同比增加6.8%",  # 增加 / 增长
    "航线总数达300多条",  # 达 / 达到
    "航线总数逾300条",  # 逾 / 300多 (inside)
    "当前全市各区县之间仍存在发展不平衡的问题",  # 当前 / 目前
    "市经信局局长陈国强称，这并不是一次普通的技术改造",  # 称 / 表示
    "宁波累計培育國家級專精特新企業八十六家",  # Traditional, Chinese numerals
    "山区县的产业基础相对薄弱，全市各区县之间仍存在发展不平衡的问题",  # clauses reordered
    "全市各区县之间存在发展不平衡的问题",  # words left out
    "该市已实现全域5G网络覆盖",  # 已 / 已经
    "据了解，新建成的科技馆尚未对外开放",  # a reporting phrase added
    "宁波去年新开通国际集装箱航线12条",  # the subject named in the title and the article
    "随着治愈出院患者数量增加，速度加快",  # 增加 / 增多, where the clause stands
]


@pytest.fixture(scope="module")
def checker(verdicts_checker):
    return verdicts_checker


@pytest.mark.parametrize("claim,verdict,difference", CHANGED, ids=[c for c, *_ in CHANGED])
def test_a_changed_word_is_caught_and_shown(checker, claim, verdict, difference):
    result = checker.check(claim)
    assert result.verdict == verdict
    best = result.matches[0]
    kind, words, source = difference
    found = [(d.kind, d.claim, d.source) for d in best.differences]
    match = [d for d in best.differences if d.kind == kind and words in d.claim and (source is None or source in (d.source or ""))]
    assert match, found
    d = match[0]
    assert claim[d.claim_span[0] : d.claim_span[1]] == d.claim
    if d.source_span:
        assert best.text[d.source_span[0] : d.source_span[1]] == d.source


# Short clauses that reverse or negate a few words of an unrelated sentence: no source says otherwise.
UNRELATED = [
    "增加了疾病传播风险",  # a few words of a sentence that says 减少 of something else
    "居民消费价格不得上涨",  # a rule (不得), not a fact, beside prices that rose
    "不得出任公司董事",  # a rule, against a sentence about one person (她出任…有限公司董事局成员)
]


@pytest.mark.parametrize("claim", UNRELATED)
def test_a_short_reversed_clause_is_not_contradicted_by_pieces_of_a_sentence(checker, claim):
    result = checker.check(claim)
    assert result.verdict != "contradicted", [(m.score, m.text, m.differences) for m in result.matches]


@pytest.mark.parametrize("claim", PARAPHRASES)
def test_paraphrase_is_not_a_difference(checker, claim):
    result = checker.check(claim)
    best = result.matches[0]
    assert result.verdict == "supported", ([(d.kind, d.claim, d.source) for d in best.differences],
                                           [(f.claim, f.source, f.status) for f in best.figures])
    assert best.differences == []


SEED = [
    ("湖州去年新引进青年博士37人", "contradicted", ("entity", "湖州", "东阳")),
    ("东阳去年新引进青年博士37人，同比下降48%", "contradicted", ("direction", "下降", "增长")),
    ("雉城街道18个社区之间发展平衡", "contradicted", ("negation", "平衡", "不平衡")),
    ("滨江拥有40多万家直播机构", "unverified", ("word", "直播机构", "网店")),
    ("知识产权质押从2016年的15件减少至2022年的319件", "contradicted", ("direction", "减少", "增加")),
]


@pytest.fixture(scope="module")
def seed_checker(seed_index_master):
    from factcheck.store import Store

    with Store.open(seed_index_master) as store:
        yield Checker(store)


@pytest.mark.parametrize("claim,verdict,difference", SEED, ids=[c for c, *_ in SEED])
def test_seed_claims_from_the_issue(seed_checker, claim, verdict, difference):
    result = seed_checker.check(claim)
    assert result.verdict == verdict
    assert difference in [(d.kind, d.claim, d.source) for d in result.matches[0].differences]


def test_differences_in_json_and_on_the_terminal(runner, seed_index, monkeypatch):
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "--jsonl", "湖州去年新引进青年博士37人"])
    record = json.loads(result.stdout)
    jsonschema.validate(record, SCHEMA)
    (d,) = record["matches"][0]["differences"]
    assert d["kind"] == "entity" and d["claim"] == "湖州" and d["source"] == "东阳" and d["claim_span"] == [0, 2]
    assert record["matches"][0]["text"][slice(*d["source_span"])] == "东阳"
    assert result.exit_code == 1
    monkeypatch.setenv("FORCE_COLOR", "1")
    shown = runner.invoke(cli, ["check", "--index", str(seed_index), "湖州去年新引进青年博士37人"]).stdout
    assert "≠ 湖州 / 东阳" in shown and "another name" in shown


def test_the_word_lists_are_data_a_newsroom_can_read():
    from factcheck.differences import lexicon

    lex = lexicon()
    assert lex.directions["增长"][0] == lex.directions["下降"][0] and lex.directions["增长"][1] != lex.directions["下降"][1]
    assert lex.directions["增加"] == lex.directions["增长"]  # one direction: found for each other
    assert "逾" in lex.synonyms["超过"] and "当前" in lex.synonyms["目前"]
    assert "不" in lex.negators and "不断" in lex.not_negations and ("已", "未") in lex.negation_pairs
    assert "的" in lex.stopwords and "市" in lex.place_endings and "王" in lex.surnames


def test_draft_and_its_html_report_show_the_differences(runner, seed_index, tmp_path):
    from html.parser import HTMLParser

    draft = tmp_path / "draft.txt"
    draft.write_text("湖州去年新引进青年博士37人。雉城街道18个社区之间发展平衡。滨江累计主导参与制定国家标准344项。\n",
                     encoding="utf-8")
    report = tmp_path / "report.html"
    result = runner.invoke(cli, ["draft", "--index", str(seed_index), str(draft), "--html", str(report)])
    assert result.exit_code == 1
    shown = runner.invoke(cli, ["draft", "--index", str(seed_index), str(draft)]).stdout
    assert "≠ 湖州 / 东阳 (another name)" in shown and "≠ 平衡 / 不平衡 (negation)" in shown

    class Differences(HTMLParser):
        def __init__(self):
            super().__init__()
            self.kinds: list[str] = []
            self.text: list[str] = []
            self.depth = 0

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if a.get("class") == "difference":
                self.kinds.append(a["data-kind"])
                self.depth = 1
            elif self.depth:
                self.depth += 1

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth:
                self.text.append(data)

    parser = Differences()
    parser.feed(report.read_text(encoding="utf-8"))
    assert set(parser.kinds) == {"entity", "negation"}
    assert "湖州" in "".join(parser.text) and "东阳" in "".join(parser.text)


def assert_verdict(result, verdict: str, difference: tuple | None) -> None:
    """The verdict of the best match, and (where given) one of the differences it shows."""
    shown = [(d.kind, d.claim, d.source) for d in result.matches[0].differences]
    assert result.verdict == verdict, shown
    if difference:
        assert difference in shown


ROLES = (
    "新总理宣誓就任\n\n本报记者 周岚\n\n"
    "国民团结党主席艾哈迈德（Ahmad Zaki）周一宣誓就任总理，学者陈立新接受访问时指出，这一结果将影响政局稳定。"
    "而前总理哈桑则在周一上午举行记者会，直言自己遭到背叛。\n\n"
    "法官李明在判词指出，被告有意误导投资者，应负全部责任。此前，辩方律师王强在庭上称被告并无恶意，王强表示将考虑上诉。\n\n"
    "代表团抵达后，国家主席陈刚会见了新任外长苏莱曼，双方就合作交换了意见。\n\n"
    "张明记得，协会会长刘建国当天下午5时左右，表明不赞成暂停计划，隔了20多分钟，张明回复同意。\n\n"
    "广播处处长梁家荣早前回应批评。\n\n商务局局长邱腾华又称，本地电台虽然享有高度编辑自主，但非无人监管。\n\n"
)


@pytest.mark.parametrize("claim,verdict,difference", [
    # Every word is in the passage, the name in another role: not what the passage says.
    ("王强在判词指出被告有意误导投资者", "contradicted", ("entity", "王强", "李明")),
    ("哈桑周一宣誓就任总理", "contradicted", ("entity", "哈桑", "艾哈迈德")),  # across a bracketed aside
    # The same roles, the words in another order or the name's apposition moved: as the passage says.
    ("艾哈迈德周一宣誓就任总理", "supported", None),
    ("法官李明在判词指出被告有意误导投资者", "supported", None),
    ("苏莱曼被国家主席陈刚会见", "supported", None),
    # The name in the clause before the matched words; in a clause of attribution that matched nothing.
    ("张明表明不赞成暂停计划", "contradicted", ("entity", "张明", "刘建国")),
    ("梁家荣称，本地电台虽然享有高度编辑自主，但非无人监管", "contradicted", ("entity", "梁家荣", "邱腾华")),
    ("邱腾华称，本地电台虽然享有高度编辑自主，但非无人监管", "supported", None),
])
def test_a_name_in_another_role_of_the_passage_is_not_supported(tmp_path, claim, verdict, difference):
    result = check_in(tmp_path, ROLES, claim)
    assert_verdict(result, verdict, difference)


OFFICES = (
    "物资调度提速\n\n本报记者 周岚\n\n"
    "为应对口罩紧缺，省委副书记、省长、省指挥部指挥长王建华督办物资调度工作，要求提高调配效率。\n\n"
    "商务局局长邱腾华表示，企业复工率已超过九成。\n\n"
    "民主党周二举行晚宴，市长周明答应捐款5万元给民主党。事件引起批评，民建联也认为捐款观感上有问题。\n\n"
    "文化部限制《晨光日报》不得跨境传输资料，记者协会要求将《星期周刊》也列入禁止范围。\n\n"
    "保安局今天冻结《立场》6100万元资金。局长对结果表示“非常满意”。快递公司表示“春节快递不打烊”。\n\n"
    "5月19日，红军派出以周海为司令员、陈林为政治委员的先遣队，准备抢渡大河。\n\n"
    "《示儿》是陆游临终前写给儿子的一首诗。\n\n"
    "区委书记陈立平表示，全区将把耽误的时间抢回来。\n\n"
    "补贴标准由省级人社部门确定。这是全省首个数据知识产权团体标准。\n\n"
    "每名港岛东联网居民所得的拨款，都是各联网之中最低。张明、李强及王刚今认罪，赵亮及孙伟则不认罪。\n\n"
    "事实是，仅从1月3日到2月3日，中方向美方通报疫情信息和防控措施就多达30次。会议要求提高质量和效率。\n\n"
    "关注组联络人陈淑华指，方案将于11月提交立法会。刚被裁定丧失议员资格的王国雄发言时表示，希望收集到30万名市民的联署。\n"
)


@pytest.mark.parametrize("claim,verdict,difference", [
    # A deputy is not the office itself, either way round.
    ("省委书记王建华督办物资调度工作", "contradicted", ("entity", "书记", "副书记")),
    ("省委副书记王建华督办物资调度工作", "supported", None),
    # A title of the chain left out: the claim's 省长 is the passage's, one title along.
    ("省委副书记、省长王建华督办物资调度工作", "supported", None),
    ("商务局副局长邱腾华表示，企业复工率已超过九成", "contradicted", ("entity", "副局长", "局长")),
    # The party the passage names there, though the claim's is named further on (民 aligns with 民).
    ("市长周明答应捐款5万元给民建联", "contradicted", ("entity", "民建联", "民主党")),
    ("市长周明答应捐款5万元给民主党", "supported", None),
    # A title in quotation marks stands in its clause (not aligned on its own with the later one),
    # and another title there is another name.
    ("文化部限制《星期周刊》不得跨境传输资料", "contradicted", ("entity", "星期周刊", "晨光日报")),
    ("文化部限制《晨光日报》不得跨境传输资料", "supported", None),
    # One character of a short title is another title; a word of a quotation is its wording.
    ("保安局今天冻结《主场》6100万元资金", "contradicted", ("entity", "主场", "立场")),
    ("保安局今天冻结《立场》6100万元资金", "supported", None),
    # Two names swapped between two offices (the alignment may place either the names or the offices).
    ("红军派出以陈林为司令员、周海为政治委员的先遣队", "contradicted", ("entity", "陈林", "周海")),
    ("红军派出以周海为司令员、陈林为政治委员的先遣队", "supported", None),
    # The name the passage gives the act, cut by the dictionary into a word and a character (王国 | 雄).
    ("陈淑华发言时表示，希望收集到30万名市民的联署", "contradicted", ("entity", "陈淑华", "王国雄")),
    ("王国雄发言时表示，希望收集到30万名市民的联署", "supported", None),
    # One office in place of another that shares a character with it (区长 / 区委书记).
    ("区长陈立平表示，全区将把耽误的时间抢回来", "contradicted", ("entity", "区长", "书记")),
    # Another part of a place (one character each).
    ("每名港岛西联网居民所得的拨款，都是各联网之中最低", "contradicted", ("entity", "港岛西", "港岛东")),
    # Another level of government.
    ("补贴标准由市级人社部门确定", "contradicted", ("entity", "由市级", "由省级")),
    ("这是全国首个数据知识产权团体标准", "contradicted", ("entity", "全国首", "全省首")),
    ("这是全省首个数据知识产权团体标准", "supported", None),
    # The claim's 不认罪 aligned with the other people's, further on: these three 认罪.
    ("张明、李强及王刚今不认罪", "contradicted", ("negation", "不认罪", "认罪")),
    ("张明、李强及王刚今认罪", "supported", None),
    ("赵亮及孙伟则不认罪", "supported", None),
    # Two parties swapped (each a one-character gap); not two items of a coordination.
    ("从1月3日到2月3日，美方向中方通报疫情信息和防控措施就多达30次", "contradicted", ("entity", "美", "中")),
    ("从1月3日到2月3日，中方向美方通报疫情信息和防控措施就多达30次", "supported", None),
    ("会议要求提高效率和质量", "supported", None),
    # A person's name in the place of one the dictionary tags a common noun (陆游).
    ("《示儿》是杜甫临终前写给儿子的一首诗", "contradicted", ("entity", "杜甫", "陆游")),
    ("《示儿》是陆游临终前写给儿子的一首诗", "supported", None),
])
def test_another_office_or_body_in_the_same_place(tmp_path, claim, verdict, difference):
    result = check_in(tmp_path, OFFICES, claim)
    assert_verdict(result, verdict, difference)


@pytest.mark.parametrize("claim", [
    "局长对结果表示“很满意”",  # a quotation's wording
    "“便民服务不打烊”",  # a slogan standing alone: no words around it say this is its source
])
def test_a_quotation_worded_otherwise_is_no_other_name(tmp_path, claim):
    result = check_in(tmp_path, OFFICES, claim)
    assert result.verdict != "contradicted", result.matches[0].differences


@pytest.mark.parametrize("claim,verdict,difference", [
    ("习近平同保加利亚、罗马尼亚、捷克、斯洛伐克、匈牙利和波兰五国元首互致贺电", "contradicted", ("count", "五", "六")),
    ("去年该县经济总量进入全省第二梯队", "contradicted", ("count", "二", "一")),
    ("习近平同保加利亚、罗马尼亚、捷克、斯洛伐克、匈牙利和波兰六国元首互致贺电", "supported", None),
    # 十分 / 万分: no digit in words, an adverb
    ("这部影片让观众十分感动", "supported", None),
])
def test_a_count_in_words_that_differs(tmp_path, claim, verdict, difference):
    result = check_in(tmp_path, "六国元首互致贺电\n\n新华社北京10月7日电\n\n10月4日至7日，国家主席习近平分别同保加利亚、"
                      "罗马尼亚、捷克、斯洛伐克、匈牙利和波兰六国元首互致贺电，庆祝建交70周年。\n\n"
                      "去年该县经济总量进入全省第一梯队。这部影片让观众十分感动。\n", claim)
    assert_verdict(result, verdict, difference)


@pytest.mark.parametrize("claim", ["2018年该省外贸进出口总额增长36.4%", "2018年本省外贸进出口总额增长36.4%"])
def test_the_province_a_passage_names_is_the_claims(tmp_path, claim):
    # 该省 / 本省: the province the passage speaks of (全省), not a word it leaves out.
    result = check_in(tmp_path, "外贸增长较快\n\n本报记者 林晓\n\n2018年，全省外贸进出口总额增长36.4%，口岸货运量增长37.1%。\n", claim)
    assert result.verdict == "supported", result.matches[0].differences


VOTES = (
    "报告获高票通过\n\n本报记者 周岚\n\n"
    "外事委员会2月20日以47票赞成、7票反对的高票通过报告，呼吁暂停入盟谈判。\n\n"
    "委员会主席表示，有关谈判事实上已经停止。\n"
)


@pytest.mark.parametrize("claim,verdict,difference", [
    # Opposite outcomes and stances (data/directions.txt).
    ("外事委员会2月20日以47票赞成、7票反对的高票否决报告", "contradicted", ("direction", "否决", "通过")),
    ("委员会主席表示，有关谈判事实上已经恢复", "contradicted", ("direction", "恢复", "停止")),
    ("外事委员会2月20日以47票赞成、7票反对的高票通过报告", "supported", None),
    # Words left out before the claim's 反对: its own 反对 is further on in the source than the
    # claim is long, and the source's 赞成 is no reversal.
    ("外事委员会2月20日7票反对", "supported", None),
])
def test_opposite_outcomes_and_stances(tmp_path, claim, verdict, difference):
    result = check_in(tmp_path, VOTES, claim)
    assert_verdict(result, verdict, difference)


MUSEUM = (
    "馆藏珍品介绍\n\n本报记者 林晓\n\n人面纹铜方鼎\n\n现存商代青铜器中唯一一件以鸟纹为饰的酒器。\n\n"
    "器盖内壁铸“子父”两字铭文，因此也被称为子父觥。\n"
)


@pytest.mark.parametrize("claim", [
    # The object named in the heading above, the run of its characters taking the 是 after it.
    "人面纹铜方鼎是现存商代青铜器中唯一一件以鸟纹为饰的酒器",
    # 又称 / 也被称为 (data/synonyms.txt).
    "器盖内壁铸“子父”两字铭文，因此又称子父觥",
])
def test_an_object_named_in_its_heading_and_called_otherwise(tmp_path, claim):
    result = check_in(tmp_path, MUSEUM, claim)
    assert result.verdict == "supported", result.matches[0].differences
