"""Speakers a reporter can cite (issue 13): names, roles, attribution structure, one person across scripts."""

from __future__ import annotations

import json

import pytest

from factcheck.cli import cli
from factcheck.speakers import attribution_after, parse_who, same_person

from .conftest import FIXTURES

SPEAKERS = FIXTURES / "speakers"


@pytest.mark.parametrize(
    "who,name,role",
    [
        ("习近平同志", "习近平", None),  # an honorific after the name is not part of it
        ("习近平总书记", "习近平", "总书记"),  # a title after the name is the role
        ("河南省政协副秘书长张广东委员", "张广东", "河南省政协副秘书长"),
        ("叙利亚驻华大使拉米娅·拉马丹", "拉米娅·拉马丹", "叙利亚驻华大使"),
        ("人權觀察中國部主任索菲・理查森（Sophie Richardson）", "索菲·理查森", "人權觀察中國部主任"),
        ("社区党委书记余静雄心勃勃地", "余静", "社区党委书记"),  # adverbials are not part of the name
        ("余静深情地", "余静", None),
        ("何式凝向記者", "何式凝", None),
        ("缅甸仰光省议会议员吴丹申对本报记者", "吴丹申", "缅甸仰光省议会议员"),
        ("陳茂波 ", "陳茂波", None),
        ("教育局局長楊潤雄", "楊潤雄", "教育局局長"),
        ("行政長官林鄭月娥", "林鄭月娥", "行政長官"),
        ("雉城街道组织委员赵新宇进一步", "赵新宇", "雉城街道组织委员"),
        ("省“万人计划”科技创新领军人才李玉平交流在东阳的发展经历时", "李玉平", "省“万人计划”科技创新领军人才"),
        ("中国航天科工集团三院111厂总工艺师白俊炜", "白俊炜", "中国航天科工集团三院111厂总工艺师"),
        ("库马尔", "库马尔", None),  # a transliterated name without a Chinese surname
        ("南星街道相关负责人", "南星街道相关负责人", None),  # no name: the description is the speaker
        ("全国人大代表", "全国人大代表", None),
        # Not speakers: junk is left out rather than named.
        ("分红金后", None, None),
        ("當中", None, None),
        ("他憶述父母曾", None, None),
        ("萊蒂澤在聲明中", "萊蒂澤", None),  # a transliterated name; 在聲明中 is how
    ],
)
def test_the_name_and_role_of_an_attribution(who, name, role):
    got, got_role, _ = parse_who(who)
    assert (got, got_role) == (name, role)


@pytest.mark.parametrize("who", ["他續", "她笑", "並", "又", "但他", "他回應", "他對《美國之音》", "她重提當日之事時"])
def test_pronouns_and_bare_verbs_stand_for_someone_named_before(who):
    assert parse_who(who)[2] == "pronoun"


def test_a_name_before_a_colon_introduces_the_next_quotation():
    assert attribution_after("教育局局長楊潤雄表示：「學校須在下學期提交報告。」") is None
    assert attribution_after("楊潤雄補充說。")[0] == "楊潤雄"
    assert attribution_after("社区党委书记余静雄心勃勃地说，“明年……”")[0] == "社区党委书记余静雄心勃勃地"


# Every quotation of the two fixture articles, in order: (speaker, role, start of the words).
EXPECTED = [
    ("林鄭月娥", "行政長官", "政府會全面檢討"),  # 她說 after 行政長官林鄭月娥
    ("林鄭月娥", "行政長官", "我們明白家長的憂慮"),  # 林鄭又指: the short form the article gives
    ("楊潤雄", "教育局局長", "學校須在下學期"),  # the name before the colon introduces this one
    ("楊潤雄", "教育局局長", "我們會加強對學校的支援，包括增撥資源"),  # over two paragraphs, 『雙負責』 inside
    ("陳茂波", "財政司司長", "今年的財政預算"),  # a space between name and verb
    ("陳茂波", "財政司司長", "資源會按學校的需要"),  # 他續指
    ("索菲·理查森", "人權觀察中國部主任", "當局應立即撤回"),
    ("何式凝", None, "這是一個錯誤的決定"),
    (None, None, "做人要有骨氣"),  # his parents said it: nobody the article names
    ("习近平", None, "人民对美好生活的向往"),
    ("拉米娅·拉马丹", "叙利亚驻华大使", "中国的发展经验"),
    ("余静", "社区党委书记", "这是我们社区第一次"),  # one speaker for both halves of a split quotation
    ("余静", "社区党委书记", "明年我们还要"),
    ("赵大明", "皇家湾社区居民", "改造以后"),  # 他说: the person just named, not the last speaker
    (None, None, "每户居民年底都能拿到分红"),  # 分红金后说道: no name there
    ("李克强", "国务院总理", "要坚定不移推进改革开放"),
]


@pytest.fixture(scope="module")
def speakers_index(tmp_path_factory):
    from click.testing import CliRunner

    idx = tmp_path_factory.mktemp("speakers") / "s.sqlite"
    assert CliRunner().invoke(cli, ["index", "--index", str(idx), str(SPEAKERS)]).exit_code == 0
    return idx


def _quotes(runner, idx, *args):
    out = runner.invoke(cli, ["quotes", "--index", str(idx), "--jsonl", *args]).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_every_quotation_with_its_speaker(runner, speakers_index):
    got = [(q["speaker"], q["speaker_role"], q["text"]) for q in _quotes(runner, speakers_index)]
    assert len(got) == len(EXPECTED)
    for (speaker, role, text), (want, want_role, start) in zip(got, EXPECTED):
        assert (speaker, role) == (want, want_role), text
        assert text.startswith(start)


def test_nested_marks_do_not_end_a_quotation(runner, speakers_index):
    (q,) = [q for q in _quotes(runner, speakers_index) if "雙負責" in q["text"]]
    assert q["text"].endswith("令『雙負責』的安排可以順利推行。") and "「" not in q["text"]


@pytest.mark.parametrize("asked", ["林郑月娥", "林鄭月娥", "林鄭", "索菲・理查森（Sophie Richardson）", "索菲·理查森", "局长"])
def test_quotes_by_speaker_across_scripts_and_short_forms(runner, speakers_index, asked):
    found = _quotes(runner, speakers_index, "--speaker", asked)
    want = {"林郑月娥": 2, "林鄭月娥": 2, "林鄭": 2, "索菲·理查森": 1, "局长": 2}.get(asked, 1)
    assert len(found) == want


def test_one_person_across_scripts_dots_and_short_forms():
    assert same_person("林郑月娥", "林鄭月娥") and same_person("林鄭", "林鄭月娥")
    assert same_person("索菲·理查森", "索菲・理查森（Sophie Richardson）")
    assert not same_person("王伟", "王伟东") and not same_person("赵新宇", "汪琳琳")


@pytest.mark.parametrize(
    "typed,verdict,misattributed,speaker",
    [
        ("汪琳琳说：“我们把社区的发展……3项原则列为集团目标。”", "exact", True, "汪琳琳"),
        ("赵新宇说：“我们把社区的发展……3项原则列为集团目标。”", "exact", False, "赵新宇"),
        ("“我们把社区的发展、社区资源的开发增值、服务民生5项原则列为集团目标。”赵新宇说。", "altered", False, "赵新宇"),
        ("「我们把社区的发展、社区资源的开发增值」", "exact", False, None),  # no attribution: words only
    ],
)
def test_a_quote_with_its_attribution(runner, seed_index, typed, verdict, misattributed, speaker):
    result = runner.invoke(cli, ["quote", "--index", str(seed_index), "--jsonl", typed])
    record = json.loads(result.stdout)
    assert record["verdict"] == verdict and record["misattributed"] is misattributed
    assert record["draft_speaker"] == speaker
    assert record["speaker"] == "赵新宇"
    # Only the words inside the marks are compared: the attribution is no insertion.
    assert not any(op["op"] == "insert" and "说" in op["quote"] for op in record["matches"][0]["diff"])
    assert result.exit_code == (0 if verdict == "exact" and not misattributed else 1)
    if misattributed:
        shown = runner.invoke(cli, ["quote", "--index", str(seed_index), typed]).stdout
        assert "MISATTRIBUTED  the quote names 汪琳琳; the source names 雉城街道组织委员赵新宇" in shown


def test_a_partial_quote_is_no_change(runner, seed_index):
    for typed in ("社区资源的开发增值、服务民生3项原则", "我们把社区的发展……3项原则列为集团目标，通过人才引育"):
        record = json.loads(runner.invoke(cli, ["quote", "--index", str(seed_index), "--jsonl", typed]).stdout)
        assert record["verdict"] == "exact", record["matches"][0]["diff"]


def test_a_draft_names_a_person_in_the_other_script(runner, speakers_index, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("林郑月娥说：“政府会全面检讨校本课程的安排，并在年底前公布结果。”\n"
                     "杨润雄说：“我们明白家长的忧虑，亦会听取各方意见。”\n", encoding="utf-8")
    report = json.loads(runner.invoke(cli, ["draft", "--index", str(speakers_index), "--json", str(draft)]).stdout)
    right, wrong = report["sentences"]
    assert right["verdict"] == "exact" and right["misattributed"] is False
    assert wrong["misattributed"] is True and wrong["speaker"] == "林鄭月娥"


@pytest.mark.parametrize(
    "before,after,name",
    [
        # verbs of saying the Hong Kong and People's Daily samples use (data/speech_verbs.txt)
        ("律政司司長鄭若驊聲稱：", None, "鄭若驊"),
        ("法團主席李志輝反指：", None, "李志輝"),
        ("前行政總監李立偉曾說過：", None, "李立偉"),
        ("杜官聞言怒斥：", None, "杜官"),
        (None, "」張華峰笑道。", "張華峰"),
        (None, "」屈文提及。", "屈文"),
        (None, "」昔日廉署出身的林卓廷明言。", "林卓廷"),
    ],
)
def test_more_verbs_of_saying(before, after, name):
    from factcheck.speakers import attribution_before

    found = attribution_before(before) if before else attribution_after(after)
    assert found is not None and parse_who(found[0])[0] == name


def test_a_verb_of_saying_alone_before_a_colon_names_nobody():
    from factcheck.speakers import attribution_before

    # ……，明言：「……」: the subject is left out; 明 is a surname, but 明言 is no one's name.
    found = attribution_before("她批評政府的做法，明言：")
    assert found is None or parse_who(found[0])[0] != "明言"


@pytest.mark.parametrize("before,name,role", [
    # A colon after how the speaker felt, with no verb of saying (倍感自豪：“……”).
    ("对过去一年发展成就的概括，令现场聆听讲话的国家科学技术进步奖获得者、中国科学院院士周海涛倍感自豪：", "周海涛",
     "国家科学技术进步奖获得者、中国科学院院士"),
    ("回忆起当年修路的情景，72岁的老党员张桂兰十分激动：", "张桂兰", "老党员"),
    ("說起屋邨的變化，區議員李大山格外高興：", "李大山", "區議員"),
])
def test_a_colon_after_how_the_speaker_felt(before, name, role):
    from factcheck.speakers import attribution_before

    found = attribution_before(before)
    assert found is not None
    assert parse_who(found[0])[:2] == (name, role)


@pytest.mark.parametrize("text,name,role", [
    # A title after the name ends it: 贺龙, not 贺龙元 (元帅); 陈宝余, not 陈宝余上 (上将).
    ("南昌起义总指挥贺龙元帅的女儿热泪盈眶", "贺龙", "南昌起义总指挥"),
    ("军方参谋本部副总长执行官陈宝余上将回应说", "陈宝余", "军方参谋本部副总长执行官"),
    # Command titles are titles: 总指挥王珏, 司令部司令戴维森.
    ("运载火箭总指挥王珏说，发射取得圆满成功", "王珏", "运载火箭总指挥"),
])
def test_people_named_after_a_title_in_running_text(text, name, role):
    from factcheck.speakers import mentions

    assert (name, role) in [(n, r) for _, n, r in mentions(text)]
