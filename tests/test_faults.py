"""Faults and hostile input (issue 15): each class answered in one line, the rest of the work done."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from factcheck.cli import cli
from factcheck.store import Store

from .conftest import SEED

SEPARATORS = ["\u2028", "\u2029", "\u0085", "\u1680", "\x1c", "\x1f"]


def test_one_odd_claim_does_not_end_a_batch(runner, seed_index):
    claims = [f"滨江累计主导参与制定{sep}国际标准48项" for sep in SEPARATORS] + ["\x00\x01binary\xff", "北京冬奥会共有2900多名运动员参赛"]
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "--jsonl"], input="\n".join(claims) + "\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(claims) and "internal error" not in result.output
    assert [a["verdict"] for a in answers[: len(SEPARATORS)]] == ["supported"] * len(SEPARATORS)
    quoted = runner.invoke(cli, ["quote", "--index", str(seed_index), "--jsonl"],
                           input="“我们把社区的发展\u2028社区资源的开发增值”\n“我们将以国有资本入股的股东身份\u0085”\n")
    assert [json.loads(x)["verdict"] for x in quoted.stdout.splitlines()] == ["exact", "exact"]
    figures = runner.invoke(cli, ["figures", "--index", str(seed_index), "--jsonl", "知识\x1c产权质押"])
    assert figures.exit_code == 0 and "61亿元" in figures.stdout


def test_a_claim_that_fails_gets_its_own_error_and_the_rest_their_answers(runner, seed_index, monkeypatch):
    import factcheck.check

    real = factcheck.check.Checker.check

    def flaky(self, claim):
        if "坏" in claim:
            raise ValueError("broken on purpose")
        return real(self, claim)

    monkeypatch.setattr(factcheck.check.Checker, "check", flaky)
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "--jsonl"],
                           input="滨江累计主导参与制定国际标准48项\n坏的声明\n滨江累计主导参与制定国际标准50项\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["verdict"] for a in answers] == ["supported", "not_found", "contradicted"]
    assert answers[1]["error"] == "internal error: ValueError: broken on purpose"
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_a_batch_keeps_no_results(seed_index):
    """The exit status needs a tally, not every result: results are freed as they are written."""
    from factcheck import cli as cli_module

    from dataclasses import dataclass

    @dataclass
    class Result:
        verdict: str = "supported"
        error: str | None = None

    alive = []

    def results():
        for _ in range(200):
            r = Result()
            alive.append(weakref.ref(r))
            yield r

    class Sink:
        def write(self, _):
            pass

        def flush(self):
            pass

    old = sys.stdout
    sys.stdout = Sink()
    try:
        tally = cli_module._stream(results(), "jsonl", lambda out, r: None)
    finally:
        sys.stdout = old
    gc.collect()
    assert tally.count == 200 and tally.all_ok
    assert sum(1 for ref in alive if ref() is not None) <= 1


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_non_finite_scores_are_refused(runner, seed_index, value):
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "--min-score", value, "滨江累计主导参与制定国际标准48项"])
    assert result.exit_code == 2 and "--min-score" in result.output


@pytest.mark.parametrize("claim,why", [("1234567890", "only figures"), ("投资", "too short"), ("12345", "only figures")])
def test_claims_too_short_or_of_figures_only_get_a_note_not_a_verdict(runner, seed_index, claim, why):
    record = json.loads(runner.invoke(cli, ["check", "--index", str(seed_index), "--jsonl", claim]).stdout)
    assert record["verdict"] == "not_found" and record["matches"] == [] and why in record["error"]


def test_captions_by_their_shape_and_searchable(runner, tmp_path):
    page = tmp_path / "p.txt"
    page.write_text(
        "东阳人才新政发布\n\n记者 王明\n\n"
        "东阳市今天发布人才新政，据介绍，文中配发的资料图片和各单位供图均已核实，今年计划引进博士120人。\n\n"
        "东阳市人才市场招聘会现场（资料图片）\n\n"
        "新政还提出，为每名引进的博士提供安家补贴50万元。\n",
        encoding="utf-8",
    )
    idx = tmp_path / "c.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(page)])
    assert "2 sentences, 1 photo captions" in result.stderr
    para = json.loads(runner.invoke(cli, ["check", "--index", str(idx), "--jsonl", "--top", "1",
                                          "东阳今年计划引进博士120人"]).stdout)
    assert para["verdict"] == "supported" and para["matches"][0]["location"]["kind"] == "body"
    cap = json.loads(runner.invoke(cli, ["check", "--index", str(idx), "--jsonl", "--top", "1",
                                         "东阳市人才市场招聘会现场"]).stdout)
    assert cap["matches"][0]["location"]["kind"] == "caption"
    assert "· caption ·" in runner.invoke(cli, ["check", "--index", str(idx), "--top", "1", "东阳市人才市场招聘会现场"]).stdout


def test_control_characters_from_sources_are_shown_escaped(runner, tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("标题\x1b]0;pwned\x07新闻\n\n记者 王明\n\n港铁公司今日宣布\x1b[2J新线将于下月通车，全长十二公里。\n", encoding="utf-8")
    idx = tmp_path / "e.sqlite"
    runner.invoke(cli, ["index", "--index", str(idx), str(page)])
    for args in (["sources"], ["check", "港铁公司今日宣布新线将于下月通车"], ["show", "x"]):
        out = runner.invoke(cli, [*args[:1], "--index", str(idx), *args[1:]])
        assert "\x1b" not in out.output and "\x07" not in out.output
    shown = runner.invoke(cli, ["check", "--index", str(idx), "港铁公司今日宣布新线将于下月通车"]).stdout
    assert "\\x1b[2J" in shown
    listed = runner.invoke(cli, ["sources", "--index", str(idx)]).stdout
    assert len(listed.strip().splitlines()) == 1 and "\\x1b]0;pwned\\x07" in listed
    colour = runner.invoke(cli, ["check", "--index", str(idx), "港铁公司今日宣布新线将于下月通车"], env={"FORCE_COLOR": "1"})
    assert "\x1b[2J" not in colour.stdout and "\x1b]0" not in colour.stdout


def test_bad_files_beside_good_ones(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(src / "pipe.txt")
    (src / "loop1.txt").symlink_to(src / "loop2.txt")
    (src / "loop2.txt").symlink_to(src / "loop1.txt")
    with open(os.path.join(os.fsencode(src), b"\xff\xfe.txt"), "wb") as fh:
        fh.write("港铁新线通车。".encode())
    idx = tmp_path / "i.sqlite"
    proc = subprocess.run([sys.executable, "-m", "factcheck", "index", "--index", str(idx), str(src)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "pipe.txt: not a regular file" in proc.stderr
    assert "loop1.txt: symlink loop" in proc.stderr and "loop2.txt: symlink loop" in proc.stderr
    assert "\\xff\\xfe.txt: the file name is not valid UTF-8" in proc.stderr
    assert "1 file(s) indexed" in proc.stderr and "4 skipped" in proc.stderr
    with Store.open(idx) as store:
        assert [Path(p).name for p in store.paths()] == ["good.txt"]


def test_a_full_disk_says_so_and_keeps_the_index(runner, tmp_path, monkeypatch):
    idx = tmp_path / "f.sqlite"
    assert runner.invoke(cli, ["index", "--index", str(idx), str(SEED)]).exit_code == 0
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(f"第{k}段：港铁公司今日宣布新线将于下月通车，全长{k}公里，设有{k % 9}个车站。" for k in range(3000)),
                   encoding="utf-8")
    real_open = Store.open.__func__

    def small_disk(cls, path, **kw):
        store = real_open(cls, path, **kw)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 20}")  # as if the disk filled up
        return store

    monkeypatch.setattr(Store, "open", classmethod(small_disk))
    result = runner.invoke(cli, ["index", "--index", str(idx), str(big)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith("factcheck: error: the disk is full")
    monkeypatch.undo()
    with Store.open(idx) as store:
        assert [Path(p).name for p in store.paths()] == [SEED.name]
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_names_of_one_index_share_its_lock(tmp_path):
    import fcntl

    from factcheck.corpus import writer_lock

    idx = tmp_path / "i.sqlite"
    link = tmp_path / "link.sqlite"
    idx.touch()
    link.symlink_to(idx)
    with writer_lock(idx):
        with open(tmp_path / "link.sqlite.lock", "a+") if (tmp_path / "link.sqlite.lock").exists() else open(
                tmp_path / "i.sqlite.lock", "a+") as other:
            with pytest.raises(BlockingIOError):
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert not (tmp_path / "link.sqlite.lock").exists()  # one lock file, the index file's own
    proc = subprocess.run([sys.executable, "-c", (
        "import fcntl,sys; from factcheck.corpus import writer_lock; from pathlib import Path\n"
        f"with writer_lock(Path({str(link)!r})):\n"
        f"    fh=open({str(tmp_path / 'i.sqlite.lock')!r}); print(open({str(tmp_path / 'i.sqlite.lock')!r}).read())")],
        capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip().isdigit()  # the holder's pid is recorded


def test_the_report_never_overwrites_the_draft(runner, seed_index, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("截至今年3月，高新区(滨江)累计主导参与制定国际标准50项。\n", encoding="utf-8")
    result = runner.invoke(cli, ["draft", "--index", str(seed_index), str(draft), "--html", str(draft)])
    assert result.exit_code == 2 and "is the draft itself" in result.stderr
    assert draft.read_text(encoding="utf-8").startswith("截至今年3月")


def _can_mount_read_only(tmp_path: Path) -> Path | None:
    if os.geteuid() != 0:
        return None
    target = tmp_path / "ro"
    target.mkdir()
    try:
        subprocess.run(["mount", "--bind", str(tmp_path / "rw"), str(target)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        subprocess.run(["umount", str(target)], capture_output=True)
        return None
    return target


def test_an_index_on_a_read_only_mount_is_read_and_not_written(runner, tmp_path):
    (tmp_path / "rw").mkdir()
    idx = tmp_path / "rw" / "i.sqlite"
    assert runner.invoke(cli, ["index", "--index", str(idx), str(SEED)]).exit_code == 0
    target = _can_mount_read_only(tmp_path)
    if target is None:
        pytest.skip("a read-only mount needs root and a kernel that allows bind mounts here")
    try:
        ro = target / "i.sqlite"
        for args in (["check", "滨江累计主导参与制定国际标准48项"], ["sources"], ["quotes"], ["figures"]):
            result = runner.invoke(cli, [args[0], "--index", str(ro), *args[1:]])
            assert result.exit_code == 0, result.output
        result = runner.invoke(cli, ["index", "--index", str(ro), str(SEED)])
        assert result.exit_code == 2 and "read-only" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    finally:
        gc.collect()  # close any connection still open on the mount
        subprocess.run(["umount", "-l", str(target)], capture_output=True)
        assert not any(str(target) in line for line in Path("/proc/mounts").read_text().splitlines())


def test_ctrl_c_during_index_is_one_line_and_leaves_no_process(tmp_path):
    import signal
    import time

    archive = tmp_path / "big.jsonl"
    with archive.open("w", encoding="utf-8") as fh:
        for k in range(60000):
            fh.write(json.dumps({"title": f"第{k}条", "text": f"港铁公司今日宣布第{k}条新线将于下月通车，全长{k % 97}公里。"
                                 f"预计每日载客量达{k % 31}万人次，较原先估计增加三成。"}, ensure_ascii=False) + "\n")
    idx = tmp_path / "i.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "index", "--index", str(idx), str(archive)],
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(2.5)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group, workers too
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run ended before Ctrl-C")
    assert (proc.returncode, err) == (130, "factcheck: interrupted\n")
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", str(idx)], capture_output=True, text=True).stdout.split()
    assert left == []
    with Store.open(idx) as store:  # and the index is whole: all of the file or none of it
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_lock_left_by_a_dead_indexer_is_taken_over(tmp_path):
    import time

    from factcheck.corpus import writer_lock

    idx = tmp_path / "i.sqlite"
    lock = tmp_path / "i.sqlite.lock"
    dead = subprocess.Popen(["true"])
    dead.wait()
    lock.write_text(str(dead.pid))  # the indexer that wrote this is gone
    # A leftover worker of that indexer (it has "factcheck" in its command line) still holds the lock.
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, time, sys  # factcheck worker\n"
        f"fh = open({str(lock)!r}, 'a'); fcntl.flock(fh, fcntl.LOCK_EX); print('held', flush=True); time.sleep(120)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        notes: list[str] = []
        started = time.time()
        with writer_lock(idx, notes.append):
            assert lock.read_text().strip() == str(os.getpid())
        assert time.time() - started < 30
        assert notes == [f"the factcheck that was writing {idx} (pid {dead.pid}) is gone: taking over its lock"]
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_index_on_a_corrupted_index_reports_it(runner, tmp_path):
    idx = tmp_path / "c.sqlite"
    assert runner.invoke(cli, ["index", "--index", str(idx), str(SEED)]).exit_code == 0
    size = idx.stat().st_size
    with open(idx, "r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xa5" * 20000)  # a damaged stretch in the middle of the file
    result = runner.invoke(cli, ["index", "--index", str(idx), str(SEED)])
    assert result.exit_code == 2 and "unchanged" not in result.stderr
    assert "is corrupt" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_long_one_line_file_that_mentions_a_photo_credit_is_text(runner, tmp_path):
    page = tmp_path / "one.txt"
    sentence = "港铁公司今日宣布新线将于下月通车，文中配发资料图片，全长十二公里。"
    page.write_text(sentence * 5000 + "\n", encoding="utf-8")  # 165,000 characters on one line
    idx = tmp_path / "o.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(page)])
    assert result.exit_code == 0 and "5000 sentences" in result.stderr


def test_a_newline_in_a_file_name_does_not_split_a_line_of_output(runner, tmp_path):
    page = tmp_path / "first\nsecond.txt"
    page.write_text("港铁新线通车\n\n记者 林勵\n\n港铁公司今日宣布新线将于下月通车，全长十二公里。\n", encoding="utf-8")
    idx = tmp_path / "n.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), str(page)])
    assert result.exit_code == 0 and len(result.stderr.strip().splitlines()) == 1
    listed = runner.invoke(cli, ["sources", "--index", str(idx)]).stdout
    assert len(listed.strip().splitlines()) == 1 and "first\\x0asecond.txt" in listed
