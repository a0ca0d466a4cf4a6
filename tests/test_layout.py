"""Reading the seed page: articles, titles, bylines, sections, captions, layout breaks."""

from __future__ import annotations

import pytest

from factcheck.layout import parse_byline, parse_dateline, read_page, sentence_spans

from .conftest import SEED

TEXT = SEED.read_text(encoding="utf-8")

# The twelve places where the page layout broke a paragraph in mid-sentence:
# (end of the first line, start of the line that continues it).
BREAKS = [
    ("深入实施标准", "强区和质量强区战略"),
    ("能力扩项等", "核准周期由平均6个月"),
    ("“一件", "事”改革的缩影"),
    ("增加至", "2022年的319件"),
    ("40多万家网店，", "以及谦寻"),
    ("源于助", "企服务员"),
    ("会看到一个现", "代潮流"),
    ("这是上城区党建示范点为民服务", "的缩影。"),
    ("集团的成立", "不是结束"),
    ("辖区待", "业居民"),
    ("享", "受更便捷的城市配套设施服务"),
    ("首位战略，特别", "是2018年以来"),
]

CAPTIONS = {
    "4月23日，杭州高新区(滨江)召开2023年知识产权和质量发展大会暨知识产权宣传周启动仪式": 0,
    "杭州高新区(滨江)知识产权大厦": 0,
    "知识产权大厦的一站式办理大厅(图片由杭州高新区(滨江)市场监管局提供)": 0,
    "八卦田党群服务驿站 (图片由上城区南星街道提供)": 1,
    "(图片由东阳市委组织部提供)": 3,
}


@pytest.fixture(scope="module")
def articles():
    return read_page(TEXT)


@pytest.fixture(scope="module")
def sentences(articles):
    return [s for a in articles for s in sentence_spans(a)]


def test_four_articles_with_titles_and_bylines(articles):
    assert len(articles) == 4
    expected = [
        ("“国际滨”，打造创新“双引擎”", ["王心慧", "陈杰"]),
        ("老旧候车厅变身新驿站", ["张梦月", "吴子刚", "金陆燕"]),
        ("湖州首家社区服务集团成立", ["李雪萍"]),
        ("百日攻坚行动启动", ["吴磊"]),
    ]
    for art, (title, byline) in zip(articles, expected):
        assert title in art.title
        assert art.byline == byline


def test_subtitle_on_the_next_line(articles):
    assert articles[3].title == "“才聚东阳、智汇赋能” 百日攻坚行动启动"
    assert articles[3].subtitle == "百校千博万岗首场洽谈对接会同步举行"


def test_section_headings(articles):
    sections = [p.section for p in articles[0].paragraphs]
    assert sections[0] is None
    assert [s for k, s in enumerate(sections) if s and s != sections[k - 1]] == [
        "滨江标准正在领跑世界", "涵养知识产权最优生态", "聚焦数字经济发起冲刺",
    ]
    # A heading is never also body text.
    body = [p.text for a in articles for p in a.paragraphs]
    assert "滨江标准正在领跑世界" not in body


@pytest.mark.parametrize("left,right", BREAKS)
def test_layout_breaks_are_rejoined_into_one_sentence(sentences, left, right):
    assert any(left + right in s.text for s in sentences), (left, right)


def test_all_twelve_breaks_are_joined(articles):
    joined = [p for a in articles for p in a.paragraphs if len(p.pieces) > 1]
    assert len(joined) == 12


def test_captions_stored_with_their_articles(articles):
    found = {c.text: k for k, a in enumerate(articles) for c in a.captions}
    assert found == CAPTIONS


def test_no_caption_text_inside_body(sentences):
    for s in sentences:
        for caption in CAPTIONS:
            assert caption not in s.text
    assert not any("图片由" in s.text for s in sentences)
    # The caption that repeats the conference of 4月23日 stays out of the broken paragraph.
    s = next(s for s in sentences if "能力扩项等核准周期" in s.text)
    assert "召开2023年" not in s.text


def test_sentence_offsets_point_into_the_file(sentences):
    for s in sentences:
        assert TEXT[s.start] == s.text[0]
        assert TEXT[s.end - 1] == s.text[-1]
        assert TEXT.count("\n", 0, s.start) + 1 == s.line


def test_broken_sentence_starts_on_its_first_line(sentences):
    s = next(s for s in sentences if "能力扩项等核准周期" in s.text)
    assert s.line == 23
    assert TEXT.count("\n", 0, s.end) + 1 == 33


@pytest.mark.parametrize(
    "line,names,roles",
    [
        ("张梦月 吴子刚 金陆燕", ["张梦月", "吴子刚", "金陆燕"], [None] * 3),
        ("记者孙哲", ["孙哲"], ["记者"]),
        ("本报记者 周效政、胡友松", ["周效政", "胡友松"], ["本报记者"] * 2),
        ("記者林勵", ["林勵"], ["記者"]),
        ("台灣特派員鄭智仁", ["鄭智仁"], ["台灣特派員"]),
        ("记者 王观 通讯员 李明", ["王观", "李明"], ["记者", "通讯员"]),
        # Forms met in People's Daily pages:
        ("本报记者  李  刚", ["李刚"], ["本报记者"]),
        ("执笔：王 鹏", ["王鹏"], ["执笔"]),
        ("综合本报记者韩俊杰、王明峰报道", ["韩俊杰", "王明峰"], ["本报记者", "本报记者"]),
        ("本报记者陆娅楠采访整理", ["陆娅楠"], ["本报记者"]),
        ("记者刘欢、安蓓 参与采写：王攀", ["刘欢", "安蓓", "王攀"], ["记者", "记者", "参与采写"]),
        ("本报记者" + "、".join(["李晓宏", "殷淼", "杨俊", "强薇", "丁雪真", "刘军国", "丁子", "赵益普", "于洋", "朱东君"]),
         ["李晓宏", "殷淼", "杨俊", "强薇", "丁雪真", "刘军国", "丁子", "赵益普", "于洋", "朱东君"], ["本报记者"] * 10),
    ],
)
def test_bylines(line, names, roles):
    credits = parse_byline(line)
    assert [c.name for c in credits] == names
    assert [c.role for c in credits] == roles


@pytest.mark.parametrize("line", ["滨江标准正在领跑世界", "涵养知识产权最优生态", "这是上城区党建示范点为民服务", "国际标准48项"])
def test_headings_are_not_bylines(line):
    assert parse_byline(line) is None


def test_dateline_gives_the_byline():
    credits = parse_dateline("本报北京1月13日电（记者丁怡婷）国家能源局13日发布数据。")
    assert [(c.name, c.role) for c in credits] == [("丁怡婷", "记者")]
    credits = parse_dateline("本报北京5月11日电  （记者葛孟超、王观）一季度")
    assert [c.name for c in credits] == ["葛孟超", "王观"]


def test_single_article_file_with_dateline():
    page = "煤电装机稳步增长\n\n本报北京1月13日电（记者丁怡婷）国家能源局13日发布数据。全国发电装机容量约29.2亿千瓦。\n\n数据显示，同比增长7.9%。\n"
    (art,) = read_page(page)
    assert art.title == "煤电装机稳步增长"
    assert art.byline == ["丁怡婷"]
    assert [s.text for s in sentence_spans(art)][1] == "全国发电装机容量约29.2亿千瓦。"


def test_headlines_that_exclaim_and_three_line_headlines():
    page = "首破万亿元！春节消费亮眼\n\n记者王珂、郑海鸥\n\n春节假期，全国零售和餐饮企业实现销售额约1.005万亿元。\n"
    (art,) = read_page(page)
    assert art.title == "首破万亿元！春节消费亮眼" and art.byline == ["王珂", "郑海鸥"]
    page = "新春走基层\n\n在粤务工人员乘坐扶贫专列返乡\n\n大凉山生长新梦想\n\n本报记者  李  刚\n\n1月27日9时43分，专列从广州站出发。\n"
    (art,) = read_page(page)
    assert (art.title, art.subtitle, art.byline) == ("新春走基层 在粤务工人员乘坐扶贫专列返乡", "大凉山生长新梦想", ["李刚"])


def test_a_dateline_in_brackets_and_a_chart_credit_do_not_start_an_article():
    page = ("航空合作，中尼共建一带一路新亮点\n\n记者在尼泊尔采访，最大的感受是合作前景广阔。\n\n"
            "（本报加德满都1月31日电）\n\n制图：蔡华伟\n")
    arts = read_page(page)
    assert len(arts) == 1
    assert [c.text for c in arts[0].captions] == ["制图：蔡华伟"]
    assert [p.text for p in arts[0].paragraphs][-1] == "（本报加德满都1月31日电）"


def test_a_long_first_line_before_a_byline_is_the_headline():
    page = "【空污追兇】馬路NO₂水平比世衞標準高逾兩倍　戶外工作者健康受威脅，專家促政府立即行動改善路邊空氣質素\n\n記者吳婉英\n\n環保團體今日公布調查結果。\n"
    (art,) = read_page(page)
    assert art.title.startswith("【空污追兇】") and art.byline == ["吳婉英"]
