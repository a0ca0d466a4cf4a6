"""Web pages as newsrooms save them (issue 14, first part): the article only, with its title and byline."""

from __future__ import annotations

import json

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
    assert result.exit_code == 1
    assert "login.html: no article" in result.stderr
    assert "2 file(s) of a type factcheck does not read: .jpg, .xlsx" in result.stderr
    assert "1 file(s) indexed" in result.stderr
