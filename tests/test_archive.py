"""JSON Lines archives: one article per record, attribution from the record's fields."""

from __future__ import annotations

import json

import pytest

from factcheck.cli import cli
from factcheck.indexer import index_paths
from factcheck.store import Store

from .conftest import FIXTURES

ARCHIVE = FIXTURES / "archive.jsonl"


def test_records_become_articles_with_their_fields(runner, tmp_path):
    idx = tmp_path / "a.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(ARCHIVE)])
    # The record with an empty text is skipped, said and counted, never silently.
    assert result.exit_code == 1, result.stderr
    assert "skipped 1 record(s) or field(s): line 4 has no text (field 'text')" in result.stderr
    assert "1 bad record(s) or field(s) skipped" in result.stderr
    rows = [json.loads(line) for line in runner.invoke(cli, ["sources", "--index", str(idx), "--jsonl"]).stdout.splitlines()]
    assert [(r["title"], r["byline"], r["date"], r["line"]) for r in rows] == [
        ("新能源汽车产销两旺", ["李华", "王芳"], "2025-03-01", 1),
        ("春运客流创新高", ["张强"], "2025-02-20", 2),
        ("一座新桥通车", ["陈静"], "2025-02-22", 5),  # byline from the dateline; the empty record is skipped
    ]


def test_location_is_file_record_line_and_paragraph(runner, tmp_path):
    idx = tmp_path / "a.sqlite"
    runner.invoke(cli, ["index", "--index", str(idx), str(ARCHIVE)])
    result = runner.invoke(cli, ["check", "--index", str(idx), "--jsonl", "出口12万辆，比去年同期增加4万辆"])
    m = json.loads(result.stdout)["matches"][0]
    assert m["text"] == "其中出口12万辆，比去年同期增加4万辆。"
    assert m["location"]["path"].endswith("archive.jsonl")
    assert (m["location"]["line"], m["location"]["paragraph"], m["location"]["start"]) == (1, 2, None)
    assert m["article"]["source"] == "测试日报" and m["article"]["byline"] == ["李华", "王芳"]


def test_quotes_and_figures_in_archives(runner, tmp_path):
    idx = tmp_path / "a.sqlite"
    runner.invoke(cli, ["index", "--index", str(idx), str(ARCHIVE)])
    quotes = [json.loads(line) for line in runner.invoke(cli, ["quotes", "--index", str(idx), "--jsonl"]).stdout.splitlines()]
    assert [(q["speaker"], q["text"]) for q in quotes] == [("铁路部门负责人", "今年春运客流高峰比往年来得更早。")]
    check = runner.invoke(cli, ["check", "--index", str(idx), "--jsonl", "全国铁路累计发送旅客15亿人次"])
    assert json.loads(check.stdout)["verdict"] == "contradicted"


def test_other_field_names_are_mapped(runner, tmp_path):
    src = tmp_path / "export.jsonl"
    src.write_text(json.dumps({"headline": "地铁新线开通", "author": "记者周明", "body": "地铁19号线今天开通，全长45公里。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    idx = tmp_path / "b.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), "--field", "title=headline", "--field", "byline=author",
                                 "--field", "text=body", str(src)])
    assert result.exit_code == 0
    (row,) = [json.loads(line) for line in runner.invoke(cli, ["sources", "--index", str(idx), "--jsonl"]).stdout.splitlines()]
    assert (row["title"], row["byline"], row["sentences"]) == ("地铁新线开通", ["周明"], 1)
    bad = runner.invoke(cli, ["index", "--index", str(idx), "--field", "headline", str(src)])
    assert bad.exit_code == 2 and "NAME=KEY" in bad.stderr


def test_a_broken_line_skips_its_record_not_the_archive(runner, tmp_path):
    idx = tmp_path / "c.sqlite"
    runner.invoke(cli, ["index", "--index", str(idx), str(ARCHIVE)])
    broken = tmp_path / "broken.jsonl"
    lines = [
        '{"title": "好", "text": "第一条新闻说地铁新线今天开通。"}',
        '{"title": ',  # cut off
        "[" * 50000 + "]" * 50000,  # nested too deep for the reader
        '["a list", "not an object"]',
        '{"title": 2025, "date": NaN, "text": "第二条新闻说港铁新线下月通车。"}',
        '{"title": "正文是数字", "text": 42}',
        '{"title": "第三条", "text": "第三条新闻说新桥今天通车。"}',
    ]
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["index", "--index", str(idx), str(broken)])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "broken.jsonl: skipped 6 record(s) or field(s): line 2 is not valid JSON" in result.stderr
    assert "6 bad record(s) or field(s) skipped" in result.stderr
    rows = [json.loads(x) for x in runner.invoke(cli, ["sources", "--index", str(idx), "--jsonl"]).stdout.splitlines()]
    got = [(r["title"], r["date"], r["line"]) for r in rows if r["path"].endswith("broken.jsonl")]
    # The good records are indexed; a number title is written out, a NaN date left out.
    assert got == [("好", None, 1), ("2025", None, 5), ("第三条", None, 7)]


def test_large_archive_in_chunks_matches_a_single_pass(tmp_path, monkeypatch):
    """Chunked work units (as for a big archive) give the same rows and ids as one unit."""
    import factcheck.indexer as indexer

    lines = [json.dumps({"title": f"第{k}条", "text": f"今年第{k}季度营收{k + 10}亿元。重复的句子。"}, ensure_ascii=False) for k in range(1, 60)]
    src = tmp_path / "big.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = []
    for chunk, jobs in ((10**9, 1), (300, 2)):
        monkeypatch.setattr(indexer, "CHUNK_CHARS", chunk)
        with Store.open(tmp_path / f"i{chunk}.sqlite", create=True) as store:
            index_paths(store, [src], jobs=jobs)
            results.append([(s.cid, s.text, s.line, s.paragraph) for s in store.all_sentences()])
    assert results[0] == results[1]
    assert len({cid for cid, *_ in results[0]}) == len(results[0])  # the repeated sentence has distinct ids


@pytest.mark.parametrize("colliding", [False, True])
def test_units_packed_by_workers_keep_every_sentence_and_id(tmp_path, monkeypatch, colliding):
    """Workers hand the writer each unit as a serialized database (indexer.Packed); repeated texts
    across units and colliding ids are settled as for rows sent one by one."""
    import factcheck.indexer as indexer
    import factcheck.store as store_module

    if not indexer.CAN_PACK:
        pytest.skip("this Python cannot serialize a database")
    lines = [json.dumps({"title": f"第{k}条", "text": f"今年第{k}季度营收{k + 10}亿元。重复的句子。"}, ensure_ascii=False)
             for k in range(1, 60)]
    src = tmp_path / "big.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(indexer, "CHUNK_CHARS", 300)
    with Store.open(tmp_path / "one.sqlite", create=True) as store:
        index_paths(store, [src], jobs=1)  # rows, not packed
        expected = [(s.cid, s.text, s.kind, s.line, s.paragraph, s.article_id) for s in store.all_sentences()]
    if colliding:
        monkeypatch.setattr(indexer, "short_hash", lambda *parts, size=6: "0" * (2 * size))  # every id the same
    packed = []
    add_packed = store_module.FileWriter.add_packed
    monkeypatch.setattr(store_module.FileWriter, "add_packed", lambda self, unit, ids: (packed.append(unit.size),
                                                                                         add_packed(self, unit, ids)))
    with Store.open(tmp_path / "two.sqlite", create=True) as store:
        report = index_paths(store, [src], jobs=2)
        got = [(s.cid, s.text, s.kind, s.line, s.paragraph, s.article_id) for s in store.all_sentences()]
        articles = list(store.articles())
    assert len(packed) > 3 and sum(packed) == len(got)
    assert len({g[0] for g in got}) == len(got)  # every id distinct
    if colliding:
        assert [g[1:] for g in got] == [e[1:] for e in expected] and len(articles) == 59
    else:
        assert got == expected
    assert report.sentences == sum(1 for g in got if g[2] is None)
