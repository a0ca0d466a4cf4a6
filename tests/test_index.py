"""Indexing files: encodings, bad files, incremental re-indexing, interruption, commands."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.cli import cli
from factcheck.indexer import index_paths
from factcheck.store import Store

from .conftest import SEED

TRAD = """港鐵新線通車

記者林勵

港鐵公司今日宣布，新線將於下月通車，全長十二公里，設有六個車站。
預計每日載客量達十五萬人次，較原先估計增加三成。港鐵表示：「我們會全力做好準備。」
"""


def sentences_of(path, store_path):
    with Store.open(store_path, create=True) as store:
        report = index_paths(store, [path])
        rows = [(s.text, s.norm, s.paragraph, s.sentence, s.line) for s in store.all_sentences() if s.kind is None]
    return report, rows


def test_gb18030_and_big5_index_to_the_same_sentences(tmp_path):
    gb = tmp_path / "gb.txt"
    big5 = tmp_path / "big5.txt"
    gb.write_bytes(TRAD.encode("gb18030"))
    big5.write_bytes(TRAD.encode("big5"))
    r1, a = sentences_of(gb, tmp_path / "a.sqlite")
    r2, b = sentences_of(big5, tmp_path / "b.sqlite")
    assert r1.skipped == [] and r2.skipped == []
    assert a == b
    assert a[0][0] == "港鐵公司今日宣布，新線將於下月通車，全長十二公里，設有六個車站。"
    # The matching form is Simplified, without the printed form changing.
    assert a[0][1].startswith("港铁公司今日宣布,新线将于下月通车")


def test_utf8_bom_and_utf16_and_crlf(tmp_path):
    (tmp_path / "bom.txt").write_bytes(TRAD.encode("utf-8-sig"))
    (tmp_path / "crlf.txt").write_bytes(TRAD.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(TRAD.encode("utf-16"))
    with Store.open(tmp_path / "i.sqlite", create=True) as store:
        report = index_paths(store, [tmp_path])
        assert len(report.indexed) == 3
        rows = store.conn.execute(
            "SELECT f.path, s.text, s.line, s.start, s.\"end\" FROM sentences s JOIN articles a ON a.id = s.article_id"
            " JOIN files f ON f.id = a.file_id ORDER BY f.path, s.id"
        ).fetchall()
    by_file: dict[str, list] = {}
    for path, text, line, start, end in rows:
        by_file.setdefault(os.path.basename(path), []).append((text, line))
        # Offsets are characters of the decoded file, CRLF counted as two.
        decoded = {"bom.txt": TRAD, "crlf.txt": TRAD.replace("\n", "\r\n"), "u16.txt": TRAD}[os.path.basename(path)]
        assert decoded[start:end] == text
    assert by_file["bom.txt"] == by_file["crlf.txt"] == by_file["u16.txt"]
    assert not any("\r" in t for t, _ in by_file["crlf.txt"])


def test_binary_and_empty_files_are_skipped_beside_good_ones(tmp_path, runner):
    (tmp_path / "good.txt").write_text(TRAD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 20)
    idx = tmp_path / "i.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(tmp_path)])
    assert result.exit_code == 1
    assert "skipped" in result.stderr and "empty.txt" in result.stderr and "photo.txt" in result.stderr
    assert "Traceback" not in result.stderr
    with Store.open(idx) as store:
        assert [os.path.basename(p) for p in store.paths()] == ["good.txt"]
        assert store.sentence_count() == 3 + 1  # and the headline


def test_reindex_is_incremental_and_ids_are_stable(tmp_path):
    page = tmp_path / "page.txt"
    other = tmp_path / "other.txt"
    page.write_text(TRAD, encoding="utf-8")
    other.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    idx = tmp_path / "i.sqlite"
    with Store.open(idx, create=True) as store:
        first = index_paths(store, [tmp_path])
        assert len(first.indexed) == 2
        ids_before = {s.text: s.cid for s in store.all_sentences()}
        again = index_paths(store, [tmp_path])
        assert again.indexed == [] and len(again.unchanged) == 2
        # Touched but identical: hashed, not parsed again.
        os.utime(page, (time.time() + 5, time.time() + 5))
        touched = index_paths(store, [tmp_path])
        assert touched.indexed == [] and len(touched.unchanged) == 2
        # Changed: replaced; sentences whose text stayed keep their ids.
        page.write_text(TRAD.replace("十五萬人次", "二十萬人次"), encoding="utf-8")
        changed = index_paths(store, [tmp_path])
        assert changed.indexed == [str(page.resolve())]
        ids_after = {s.text: s.cid for s in store.all_sentences()}
    kept = [t for t in ids_before if t in ids_after]
    assert len(kept) == len(ids_before) - 1
    assert all(ids_before[t] == ids_after[t] for t in kept)
    assert any("二十萬人次" in t for t in ids_after)
    assert not any("十五萬人次" in t for t in ids_after)


def test_changed_file_leaves_no_stale_search_entries(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(TRAD, encoding="utf-8")
    with Store.open(tmp_path / "i.sqlite", create=True) as store:
        index_paths(store, [page])
        page.write_text("另一篇\n\n記者王明\n\n今日天氣晴朗，氣溫二十度。\n", encoding="utf-8")
        index_paths(store, [page])
        assert store.search_grams([("港铁", 1.0)], limit=10) == []
        assert len(store.search_grams([("天气", 1.0)], limit=10)) == 1
        store.conn.execute("INSERT INTO grams(grams) VALUES ('integrity-check')")


def _summed(store: Store, grams: list[tuple[str, float]], limit: int) -> list[int]:
    """The weighted-sum ranking the candidate query promises, computed here row by row."""
    weight: dict[int, float] = {}
    for g, w in grams:
        for (r,) in store.conn.execute("SELECT rowid FROM grams WHERE grams MATCH ?", (f'"{g}"',)):
            weight[r] = weight.get(r, 0.0) + w
    return sorted(weight, key=lambda r: (-weight[r], r))[:limit]


@pytest.mark.parametrize("limit", [3, 8, 40])
def test_candidates_are_the_heaviest_sentences_however_the_query_runs(tmp_path, limit):
    """Many sentences share every bigram (the intersection answers) or few do (the sum answers):
    either way the rowids are those of the weighted sum, ties to the lower rowid."""
    lines = [f"第{k}季度该市进出口总额同比增长{k % 7}.{k % 5}%。" for k in range(1, 30)]
    lines += [f"全市进出口总额{k}亿元，比上年增长。" for k in range(1, 10)] + ["同比增长的季度数据。"] * 3
    (tmp_path / "a.txt").write_text("标题\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "i.sqlite", create=True) as store:
        index_paths(store, [tmp_path / "a.txt"])
        for grams in ([("进出", 2.0), ("总额", 1.5), ("同比", 1.0)], [("季度", 3.0), ("增长", 0.5)],
                      [("亿元", 2.5), ("同比", 1.0), ("出口", 0.7)], [("增长", 1.0)]):
            assert store.search_grams(grams, limit=limit) == _summed(store, grams, limit)
            # Told the postings are few, it skips the intersection: the same answer.
            assert store.search_grams(grams, limit=limit, postings=10) == _summed(store, grams, limit)


def test_prune_drops_deleted_files(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(TRAD, encoding="utf-8")
    b.write_text(TRAD.replace("港鐵", "巴士"), encoding="utf-8")
    with Store.open(tmp_path / "i.sqlite", create=True) as store:
        index_paths(store, [tmp_path])
        b.unlink()
        kept = index_paths(store, [tmp_path])
        assert len(store.paths()) == 2 and kept.removed == []
        pruned = index_paths(store, [tmp_path], prune=True)
        assert pruned.removed == [str(b.resolve())]
        assert len(store.paths()) == 1


def _processes_naming(text: str) -> list[int]:
    """Pids of live processes whose command line holds ``text``."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = next((ln for ln in (entry / "status").read_text().splitlines() if ln.startswith("State:")), "")
        except OSError:
            continue
        if text in cmdline and "Z" not in state.split(":", 1)[-1][:3]:
            out.append(int(entry.name))
    return out


def test_killed_index_run_leaves_the_old_index_readable(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "first.txt").write_text(TRAD, encoding="utf-8")
    idx = tmp_path / "i.sqlite"
    with Store.open(idx, create=True) as store:
        index_paths(store, [src])
        before = [(s.cid, s.text) for s in store.all_sentences()]
    page = SEED.read_text(encoding="utf-8")
    for k in range(400):
        (src / f"more{k:03}.txt").write_text(page.replace("48项", f"{k}项"), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "index", "--index", str(idx), str(src)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # Wait until it has committed part of the work, then kill it without warning.
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with sqlite3.connect(idx) as conn:
                if conn.execute("SELECT count(*) FROM files").fetchone()[0] > 3:
                    break
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Its worker processes die with it: none is left behind holding the index.
    deadline = time.time() + 10
    while _processes_naming(str(idx)) and time.time() < deadline:
        time.sleep(0.05)
    assert _processes_naming(str(idx)) == []
    with Store.open(idx) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        now = {s.cid: s.text for s in store.all_sentences()}
        assert all(now.get(cid) == text for cid, text in before)
        # Every file in the index is complete: all of its sentences or none.
        counts = store.conn.execute(
            "SELECT count(*) FROM sentences s JOIN articles a ON a.id = s.article_id GROUP BY a.file_id"
        ).fetchall()
        assert {c for (c,) in counts} <= {3 + 1, 78 + 5 + 5}  # with their headlines, subtitle and photo captions
        # ...and the interrupted run can simply be run again.
        report = index_paths(store, [src])
        assert len(store.paths()) == 401
        assert report.skipped == []


def test_two_indexers_at_once_do_not_corrupt(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    page = SEED.read_text(encoding="utf-8")
    for k in range(60):
        (src / f"p{k:02}.txt").write_text(page.replace("48项", f"{k}项"), encoding="utf-8")
    idx = tmp_path / "i.sqlite"
    cmd = [sys.executable, "-m", "factcheck", "index", "--index", str(idx), str(src)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with Store.open(idx) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(store.paths()) == 60
        assert store.sentence_count() == 60 * (78 + 5 + 5)  # the seed page: sentences, 5 headline lines, 5 captions


def test_corrupt_index_is_reported_and_not_overwritten(tmp_path, runner):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database, it is a reporter's notes" * 100)
    before = bad.read_bytes()
    for args in (["sources", "--index", str(bad)], ["index", "--index", str(bad), str(SEED)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2
        assert "not a factcheck index" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert bad.read_bytes() == before


def test_foreign_sqlite_file_is_not_touched(tmp_path, runner):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes(x)")
    result = runner.invoke(cli, ["index", "--index", str(other), str(SEED)])
    assert result.exit_code == 2
    assert "not a factcheck index" in result.stderr


def test_missing_index_says_how_to_build_one(tmp_path, runner):
    result = runner.invoke(cli, ["sources", "--index", str(tmp_path / "nope.sqlite")])
    assert result.exit_code == 2
    assert "factcheck index --index" in result.stderr
    assert not (tmp_path / "nope.sqlite").exists()


def test_default_index_is_built_from_the_bundled_seeds(runner, isolated_state):
    result = runner.invoke(cli, ["sources", "--jsonl"])
    assert result.exit_code == 0, result.stderr
    assert "bundled seed" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4
    assert (isolated_state / "factcheck" / "index.sqlite").exists()
    again = runner.invoke(cli, ["sources", "--jsonl"])
    assert "bundled seed" not in again.stderr


def test_env_variable_names_the_index(runner, tmp_path, monkeypatch, seed_index):
    monkeypatch.setenv("FACTCHECK_INDEX", str(seed_index))
    result = runner.invoke(cli, ["sources", "--json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 4


@pytest.mark.parametrize("fmt", ["--json", "--jsonl", "--csv", None])
def test_sources_formats(runner, seed_index, fmt):
    args = ["sources", "--index", str(seed_index)] + ([fmt] if fmt else [])
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\\u" not in out
    if fmt == "--json":
        rows = json.loads(out)
    elif fmt == "--jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    else:
        rows = None
    if rows is not None:
        assert [r["byline"] for r in rows] == [["王心慧", "陈杰"], ["张梦月", "吴子刚", "金陆燕"], ["李雪萍"], ["吴磊"]]
        assert [len(r["captions"]) for r in rows] == [3, 1, 0, 1]
        assert sum(r["sentences"] for r in rows) == 78
        assert set(rows[0]) >= {"id", "title", "byline", "path", "sentences", "captions"}
    elif fmt == "--csv":
        assert out.splitlines()[0].startswith("id,title,byline,path")
        assert "王心慧" in out
    else:
        assert "湖州首家社区服务集团成立" in out and "\x1b[" not in out


def test_show_cites_a_sentence_in_its_paragraph(runner, seed_store, seed_index):
    s = next(s for s in seed_store.all_sentences() if "国际标准48项" in s.text)
    result = runner.invoke(cli, ["show", s.cid, "--index", str(seed_index), "--json"])
    assert result.exit_code == 0
    (cited,) = json.loads(result.stdout)
    assert cited["article"]["byline"] == ["王心慧", "陈杰"]
    assert cited["article"]["section"] == "滨江标准正在领跑世界"
    assert cited["location"]["line"] == 39
    assert cited["location"]["path"].endswith("000_7cf7dd8ce3de5c74.txt")
    plain = runner.invoke(cli, ["show", s.cid, "--index", str(seed_index)])
    assert "截至今年3月" in plain.stdout and ":39" in plain.stdout
    missing = runner.invoke(cli, ["show", "nosuchid", "--index", str(seed_index)])
    assert missing.exit_code == 1 and "no sentence" in missing.stderr


def test_every_command_has_help_with_an_example(runner):
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.stdout, name


def test_unexpected_errors_are_one_line(runner, seed_index, monkeypatch):
    import factcheck.check

    def boom(self, claim):
        raise RuntimeError("something broke")

    monkeypatch.setattr(factcheck.check.Checker, "check", boom)
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "x"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "factcheck: 1 of 1 claim(s) failed with an internal error, each answered with it (set FACTCHECK_DEBUG=1 for the traceback)"
    assert "internal error: RuntimeError: something broke" in result.stdout
    monkeypatch.setattr(factcheck.check.Store, "open", boom)  # anything else still ends in one line
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "x"])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("colliding", [False, True])
def test_an_index_of_the_first_schema_is_migrated_in_place(tmp_path, monkeypatch, colliding):
    from factcheck.check import Checker
    from factcheck.store import APP_ID, MIGRATIONS, gram_doc

    if colliding:
        # Every id the migrations make is the body sentence's: the headline and the caption
        # they add must still be written (with ids hashed on), not dropped.
        import factcheck.indexer as indexer

        monkeypatch.setattr(indexer, "short_hash", lambda *parts, size=6: "c1".ljust(2 * size, "0")[: 2 * size])

    path = tmp_path / "v1.sqlite"
    with sqlite3.connect(path) as conn:
        for stmt in MIGRATIONS[0].split(";"):
            if stmt.strip():
                conn.execute(stmt)
        conn.execute(f"PRAGMA application_id = {APP_ID}")
        conn.execute("PRAGMA user_version = 1")
        conn.execute("INSERT INTO files VALUES (1, '/x/page.txt', 'h', 1, 1, 'utf-8', 'page', 0)")
        conn.execute("INSERT INTO articles VALUES (1, 'a1', 1, 1, '港铁新线通车', NULL, '[]', NULL, NULL, 1, "
                     "'[{\"line\": 3, \"text\": \"新线列车驶过大桥（资料图片）\"}]')")
        norm = "港铁公司今日宣布,新线将于下月通车,全长十二公里."
        body_cid = "c1".ljust(12, "0") if colliding else "c1"
        conn.execute("INSERT INTO sentences VALUES (1, ?, 1, 1, 1, NULL, 5, 0, 30, '港鐵公司今日宣布，新線將於下月通車，全長十二公里。', ?)",
                     (body_cid, norm))
        conn.execute("INSERT INTO grams(rowid, g) VALUES (1, ?)", (gram_doc(norm),))
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        # The migration to schema 7 made the headline a sentence too, and counted it.
        assert store.df_fresh() and store.gram_frequencies(["港铁"]) == {"港铁": 2}
        (title,) = [s for s in store.all_sentences() if s.kind == "title"]
        assert (title.text, title.paragraph, title.line) == ("港铁新线通车", 0, 1)
        # ...and migration 8 its photo caption.
        (caption,) = [s for s in store.all_sentences() if s.kind == "caption"]
        assert (caption.text, caption.line) == ("新线列车驶过大桥（资料图片）", 3)
        assert len({s.cid for s in store.all_sentences()}) == 3
        result = Checker(store).check("港鐵新線將於下月通車")
        assert result.matches and result.matches[0].id == body_cid


def test_colliding_citation_and_article_ids_are_hashed_on_and_every_sentence_is_kept(runner, tmp_path, monkeypatch):
    """Ids are short hashes: among ten million sentences two collide (the 10 M benchmark hit one)."""
    import factcheck.indexer as indexer

    monkeypatch.setattr(indexer, "short_hash", lambda *parts, size=6: "0" * (2 * size))  # every id the same
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("杭州一季度GDP增长6%\n\n杭州一季度地区生产总值增长6%。消费同比增长8%。\n", encoding="utf-8")
    (src / "b.txt").write_text("宁波港口吞吐量创新高\n\n宁波舟山港一季度货物吞吐量3.2亿吨。\n", encoding="utf-8")
    idx = tmp_path / "c.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(src)])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(x) for x in runner.invoke(cli, ["sources", "--index", str(idx), "--jsonl"]).stdout.splitlines()]
    assert len({r["id"] for r in rows}) == 2 and all(len(r["id"]) == 11 and r["id"].startswith("a") for r in rows)
    with Store.open(idx) as store:
        cids = [s.cid for s in store.all_sentences()]
    assert len(cids) == len(set(cids)) == 5 and all(len(c) == 12 for c in cids)
    shown = runner.invoke(cli, ["show", "--index", str(idx), cids[-1]])
    assert shown.exit_code == 0 and "宁波舟山港一季度货物吞吐量3.2亿吨。" in shown.stdout


def test_index_writes_the_bytecode_python_would_not(tmp_path, monkeypatch):
    """With PYTHONDONTWRITEBYTECODE on an editable install every process compiled every module
    again (a cold lookup 3 to 5 times ``import click, rich``); indexing writes it once."""
    import sys

    from factcheck.config import precompile

    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "mod.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    precompile(pkg)
    assert not (pkg / "__pycache__").exists()  # Python writes it itself on import
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    precompile(pkg)
    assert [p.name.split(".")[0] for p in (pkg / "__pycache__").iterdir()] == ["mod"]


def test_index_command_precompiles(runner, tmp_path, monkeypatch):
    import factcheck.cli as cli_module

    called = []
    monkeypatch.setattr(cli_module, "precompile", lambda *a: called.append(a))
    src = tmp_path / "a.txt"
    src.write_text("标题\n\n杭州一季度地区生产总值增长6%。\n", encoding="utf-8")
    result = runner.invoke(cli, ["index", "--index", str(tmp_path / "i.sqlite"), str(src)])
    assert result.exit_code == 0, result.stderr
    assert called == [()]


def test_a_run_that_writes_much_of_the_index_merges_the_bigram_index(tmp_path, monkeypatch):
    """One FTS5 segment after a big run (optimize); a small run into a big index leaves it to FTS5."""
    from factcheck.store import Store

    calls = []
    real = Store.optimize
    monkeypatch.setattr(Store, "optimize", lambda self: (calls.append(1), real(self)))
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("标题\n\n" + "".join(f"第{k}家企业今年营收增长{k}%。" for k in range(1, 40)) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "i.sqlite", create=True) as store:
        index_paths(store, [src])
        assert calls == [1]
        # The bigram counts were recounted after the run: they count the index.
        assert store.df_fresh()
        assert dict(store.conn.execute("SELECT term, df FROM gram_df")) == dict(
            store.conn.execute("SELECT term, doc FROM grams_vocab"))
        assert int(store.meta("sentences")) == store.conn.execute("SELECT count(*) FROM sentences").fetchone()[0] > 39
        segments = store.conn.execute("SELECT count(*) FROM grams_data").fetchone()[0]
        (src / "b.txt").write_text("另一篇\n\n宁波舟山港货物吞吐量增长。\n", encoding="utf-8")
        index_paths(store, [src])
        assert calls == [1]  # 2 sentences more: under a tenth of the index
        assert store.conn.execute("SELECT count(*) FROM grams_data").fetchone()[0] >= segments
        from factcheck.check import Checker

        assert Checker(store).check("第7家企业今年营收增长7%").verdict == "supported"
