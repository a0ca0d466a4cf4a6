"""Web pages as newsrooms save them (issue 14, first part): the article only, with its title and byline."""

from __future__ import annotations

import json

import pytest

from factcheck.cli import cli
from factcheck.store import Store

from .conftest import FIXTURES

PAGE = FIXTURES / "web" / "hz-ip.html"
BOILERPLATE = ["首页", "您所在的位置", "分享到", "相关阅读", "杭州地铁新线今日开通运营", "网友评论", "风一样的男子",
               "点赞支持", "版权所有", "浙ICP备", "责任编辑"]


def test_a_saved_page_gives_its_article_only(runner, tmp_path):
    idx = tmp_path / "w.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(PAGE)])
    assert result.exit_code == 0, result.stderr
    assert "1 articles, 4 sentences" in result.stderr
    (row,) = [json.loads(x) for x in runner.invoke(cli, ["sources", "--index", str(idx), "--jsonl"]).stdout.splitlines()]
    # The headline as printed (not "…_杭州新闻网"), the reporters (not a commenter), the date and source.
    assert row["title"] == "滨江知识产权质押融资突破16亿元"
    assert row["byline"] == ["王心慧", "陈杰"]
    with Store.open(idx) as store:
        (art,) = list(store.articles())
        assert (art.date, art.source) == ("2023-04-25", "杭州日报")
        texts = [s.text for s in store.all_sentences() if s.kind is None]
    assert texts[0] == "知识产权质押从2016年的15件增加至2022年的319件，质押金额由269万元增加至16亿元。"
    assert not [b for b in BOILERPLATE if any(b in t for t in texts)]


def test_a_page_declaring_gb2312_but_written_in_utf8_reads_right(runner, tmp_path):
    assert b'charset=gb2312' in PAGE.read_bytes()
    idx = tmp_path / "w.sqlite"
    runner.invoke(cli, ["index", "--index", str(idx), str(PAGE)])
    record = json.loads(runner.invoke(cli, ["check", "--index", str(idx), "--jsonl", "--top", "1",
                                            "滨江知识产权质押金额由269万元增加至61亿元"]).stdout)
    assert record["verdict"] == "contradicted"
    assert [(f["claim"], f["source"]) for f in record["matches"][0]["figures"] if f["status"] == "mismatch"] == [("61亿元", "16亿元")]


def test_a_page_with_no_article_is_skipped_and_unknown_types_are_counted(runner, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.html").write_bytes(PAGE.read_bytes())
    (src / "login.html").write_text("<html><body><form><input name=user><input name=pass></form></body></html>",
                                    encoding="utf-8")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not read")
    (src / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    idx = tmp_path / "w.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(src)])
    assert result.exit_code == 1  # login.html could not be read
    assert "login.html: no article" in result.stderr
    assert "not read: 2 file(s) of a type factcheck does not read: .jpg, .xlsx" in result.stderr
    assert "1 file(s) indexed" in result.stderr and "1 skipped, 2 of other types not read" in result.stderr
    # files of other types alone are reported, not a failure: a saved page's folder holds .css and .png
    (src / "login.html").unlink()
    again = runner.invoke(cli, ["index", "--index", str(idx), str(src)])
    assert again.exit_code == 0 and "2 of other types not read" in again.stderr


WECHAT_LIKE = FIXTURES / "web" / "wechat-like.html"
COMMENTS = ["房价涨得更快", "工资三年没涨", "乡村振兴大有可为", "花钱的意愿", "推荐新闻", "举报电话", "举报邮箱", "首页"]


def test_an_article_in_one_element_without_paragraphs_is_found_without_its_comments():
    """A WeChat-style page: the article is spans and <br>s in one element, comments below it,
    the site's section before the headline in <title>, the byline in brackets."""
    from factcheck.web import read_web_page

    (art,) = read_web_page(WECHAT_LIKE.read_text("utf-8"), url="https://mp.weixin.qq.com/s/old")
    texts = [p.text for p in art.paragraphs]
    assert art.title == "国家统计局：前三季度全国居民人均可支配收入增长5.9%"  # not 明日大盘
    assert [(c.name, c.role) for c in art.credits] == [("林晓峰", "本站特约作者")]  # not the photographer
    assert art.site == "微信公众号"  # from the host: the page does not name its site
    assert art.url == "https://mp.weixin.qq.com/s/aB3xYz"  # the canonical link, made absolute
    assert texts[0].startswith("国家统计局10月18日发布数据")
    # one phrase per <br>, the first ending in a comma: one paragraph
    assert "国家统计局新闻发言人表示，居民收入增长与经济增长基本同步，消费支出持续恢复。" in texts
    assert not [c for c in COMMENTS if any(c in t for t in texts)]


def test_bylines_in_the_shapes_chinese_pages_print_them():
    from factcheck.layout import parse_dateline
    from factcheck.web import byline_of

    assert [c.name for c in parse_dateline("新京报讯（记者 陆一夫）11月25日，新京报记者登录拼多多全球购页面")] == ["陆一夫"]
    assert [c.name for c in parse_dateline("长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半")] == ["陈智"]
    assert [c.name for c in byline_of(["采写：南都见习记者 林子沛"], None)] == ["林子沛"]
    assert [c.name for c in byline_of(["证券时报网 作者：李在山 2019-09-26"], None)] == ["李在山"]
    assert byline_of(["资料图：市民在寒冷天气中出行。中新社记者 贾天勇 摄"], None) == []  # a photo credit
    assert byline_of(["作者最近文章"], None) == []


def test_the_edges_of_an_extracted_body_are_cleaned():
    from factcheck.web import clean_body

    lines = ["首页", "快讯 >", "字号", "| 中华人民共和国监察法 | 《监察法》是为了深化国家监察体制改革而制定的法律。 |",
             "下周一，", "京沪高速施工就将进入第二阶段。", "（实习生王金茹对此文亦有贡献）", "编辑|张三",
             "关键词 >> 高速,施工", "推荐新闻", "新浪金融研究院", "76,760", "视频|网友纷纷祝袁隆平长命超百岁！",
             "商界女强人伍淑清与何超琼将在联合国揭乱港真相", "证券时报APP"]
    # the related headlines and counters after the text go; the newsroom's note in brackets stays
    assert clean_body(lines, "高速封闭") == [
        "中华人民共和国监察法 《监察法》是为了深化国家监察体制改革而制定的法律。", "下周一，京沪高速施工就将进入第二阶段。",
        "（实习生王金茹对此文亦有贡献）"]


@pytest.mark.parametrize("printed, meta, expected", [
    ("<span>2023-04-25 09:30</span>", "", "2023-04-25"),
    ("<span>2023年04月25日 09:30</span>", "", "2023-04-25"),
    ("<span>发布时间：2023年4月25日</span>", "", "2023-04-25"),
    ("<span>2023/04/25 09:30</span>", "", "2023-04-25"),
    ("<span>2023.4.25</span>", "", "2023-04-25"),
    ("<span>发布时间：23-04-25</span>", "", "2023-04-25"),  # 百家号's two-digit year
    ("", '<meta property="article:published_time" content="2023-04-25T09:30:00+08:00">', "2023-04-25"),
    ("", '<script>var ct = "1682386200";</script>', "2023-04-25"),  # WeChat: seconds, China time
    # no date on the page: trafilatura alone guesses 2016-01-01 from 从2016年的15件 in the text
    ("", "", None),
])
def test_the_publication_date_in_the_forms_pages_print_it(printed, meta, expected):
    from factcheck.web import read_web_page

    html = PAGE.read_text("utf-8").replace("<span>2023-04-25 09:30</span>", printed).replace("</head>", meta + "</head>")
    assert read_web_page(html)[0].date == expected


def test_a_photographers_credit_is_not_the_byline():
    from factcheck.web import byline_of

    assert byline_of(["▲广州日报全媒体图片记者黎旭阳、李妍摄"], None) == []
    assert [c.name for c in byline_of(["《棱镜》作者 周纯"], None)] == ["周纯"]


SECTION_TITLED = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/news">新闻动态</a> <a href="/join">申请入会</a></div>
<div class="crumb">首页 - 新闻动态</div>
<div class="main"><div class="t">{headline}</div>
<div class="info">发布时间：2019-05-18 来源：{source}</div>
<div class="text"><p>5月10日至12日，2019年人文地理学术年会在重庆举行，来自全国高校的600余位代表参会。</p>
<p>本次年会共设立18个分会场，收到论文摘要420篇，评选出青年优秀论文10篇。</p>
<p>下届年会将由浙江大学承办。</p></div></div>
<div class="foot">版权所有 某学会 联系我们</div></body></html>"""


@pytest.mark.parametrize("title, headline, source, expected", [
    # the <title> names only the section: the headline is the line above the dateline
    ("新闻动态--中国地理学会官网", "2019年人文地理学术年会在重庆成功举行！", "中国地理学会", "2019年人文地理学术年会在重庆成功举行！"),
    # the <title> adds the source after the headline
    ("人文地理学术年会在重庆举行 东区办事处_中山网", "人文地理学术年会在重庆举行", "东区办事处", "人文地理学术年会在重庆举行"),
    # the <title> goes on past the headline the page prints (the institution's name after a space)
    ("【不忘初心】年会在重庆举行并评出青年优秀论文 湖南省中医药研究院附属医院", "【不忘初心】年会在重庆举行并评出青年优秀论文",
     "本站原创", "【不忘初心】年会在重庆举行并评出青年优秀论文"),
])
def test_the_headline_when_the_title_tag_names_the_section_or_adds_the_source(title, headline, source, expected):
    from factcheck.web import read_web_page

    (art,) = read_web_page(SECTION_TITLED.format(title=title, headline=headline, source=source))
    assert (art.title, art.date, art.source) == (expected, "2019-05-18", source)
    assert art.paragraphs[0].text.startswith("5月10日至12日")
