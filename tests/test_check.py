"""Looking up claims on the seed page: matching, attribution, output formats, exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files

import jsonschema
import pytest

from factcheck.check import Checker, clean_claim
from factcheck.cli import cli

from .claims import FOUND, NOT_FOUND

SCHEMA = json.loads(files("factcheck").joinpath("check.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def checker(seed_index_master):
    from factcheck.store import Store

    with Store.open(seed_index_master) as store:
        yield Checker(store)


def test_enough_claims_of_every_kind():
    kinds = {k for k, *_ in FOUND}
    assert {"fragment", "paraphrase", "traditional", "fullwidth", "span", "layout break", "longer", "reordered"} <= kinds
    assert len(FOUND) >= 25 and len(NOT_FOUND) >= 5


@pytest.mark.parametrize("kind,claim,piece,article", FOUND, ids=[f"{k}:{c[:12]}" for k, c, *_ in FOUND])
def test_claim_finds_its_source_first(checker, kind, claim, piece, article):
    result = checker.check(claim)
    assert result.matches, claim
    best = result.matches[0]
    title, byline = article
    assert piece in best.text
    assert title in best.article.title
    assert best.article.byline == byline
    assert not best.weak or kind == "longer"
    assert result.verdict in ("supported", "unverified")


@pytest.mark.parametrize("claim", NOT_FOUND)
def test_claims_the_seeds_never_mention(checker, claim):
    result = checker.check(claim)
    assert result.verdict == "not_found"
    assert all(m.weak for m in result.matches)


def test_two_sentence_span_is_one_match(checker):
    result = checker.check("这个候车厅有二三十年的历史了，此次改造升级源于助企服务员")
    best = result.matches[0]
    assert len(best.ids) == 2
    assert best.text.startswith("这个候车厅有二三十年的历史了") and "源于助企服务员" in best.text


def test_match_carries_attribution_and_context(checker):
    best = checker.check("知识产权质押从2016年的15件增加至2022年的319件").matches[0]
    assert best.article.section == "涵养知识产权最优生态"
    assert best.location.line == 51 and best.location.paragraph >= 1
    assert best.context.before[-1].endswith("这也是全国首单基于区块链存证的知识产权质押。")
    assert best.context.after == ["2022年3月，高新区(滨江)还联合浙江省知识产权服务中心等7家单位，发布了全国首个数据知识产权质押相关团体标准《数据知识产权质押服务规程》，滨江经验为全国提供范例。"]


def test_highlights_point_at_the_matching_text(checker):
    best = checker.check("濱江累計主導參與制定國際標準48項").matches[0]
    marked = "".join(best.text[a:b] for a, b in best.highlights)
    assert "累计主导参与制定国际标准48项" in marked
    assert "国家标准344项" not in marked


@pytest.mark.parametrize(
    "raw,error",
    [("", "empty"), ("   \t ", "empty"), ("😀😀", "no words"), ("x" * 2001, "too long"), ("滨江\x00累计\x07主导参与制定国际标准48项", None)],
)
def test_bad_claims_get_a_clear_result(raw, error):
    _, err = clean_claim(raw)
    assert (err is None) if error is None else (error in err)


def test_control_characters_are_ignored(checker):
    result = checker.check("滨江\x00累计\x07主导参与制定国际标准48项")
    assert result.verdict == "supported"


def test_mixed_scripts_and_emoji(checker):
    result = checker.check("🎉 PCT国际专利申请量 leads 全省!!")
    assert result.matches and "PCT国际专利申请量" in result.matches[0].text
    assert checker.check("The quick brown fox").verdict == "not_found"


def _run(runner, args, stdin=None):
    return runner.invoke(cli, args, input=stdin)


@pytest.mark.parametrize("source", ["args", "stdin", "dash"])
def test_jsonl_pipeline_validates_against_the_schema(runner, seed_index, source):
    claims = ["滨江累计主导参与制定国际标准48项", "", "杭州明天会下雨吗", "東陽去年新引進青年博士37人"]
    if source == "args":
        result = _run(runner, ["check", "--index", str(seed_index), "--jsonl", *claims])
    else:
        extra = ["-"] if source == "dash" else []
        result = _run(runner, ["check", "--index", str(seed_index), "--jsonl", *extra], "\n".join(claims) + "\n")
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    records = [json.loads(line) for line in lines]
    for r in records:
        jsonschema.validate(r, SCHEMA)
    assert [r["verdict"] for r in records] == ["supported", "not_found", "not_found", "supported"]
    assert records[1]["error"].startswith("empty claim")
    assert "累计" in lines[0]  # Chinese as characters, not \\u escapes
    assert result.exit_code == 1


def test_json_array_output(runner, seed_index):
    result = _run(runner, ["check", "--index", str(seed_index), "--json", "质押金额由269万元增至61亿元"])
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    jsonschema.validate(data[0], SCHEMA)
    assert data[0]["matches"][0]["article"]["byline"] == ["王心慧", "陈杰"]
    assert result.exit_code == 0


def test_exit_statuses(runner, seed_index, tmp_path):
    ok = _run(runner, ["check", "--index", str(seed_index), "滨江累计主导参与制定国际标准48项"])
    assert ok.exit_code == 0
    not_all = _run(runner, ["check", "--index", str(seed_index), "滨江累计主导参与制定国际标准48项", "杭州明天会下雨吗"])
    assert not_all.exit_code == 1
    missing = _run(runner, ["check", "--index", str(tmp_path / "none.sqlite"), "x"])
    assert missing.exit_code == 2 and "factcheck index" in missing.stderr
    bad_option = _run(runner, ["check", "--index", str(seed_index), "--top", "0", "x"])
    assert bad_option.exit_code == 2


def test_plain_output_when_not_a_terminal(runner, seed_index):
    result = _run(runner, ["check", "--index", str(seed_index), "滨江累计主导参与制定国际标准48项"])
    out = result.stdout
    assert "\x1b[" not in out
    assert out.startswith("SUPPORTED  滨江累计主导参与制定国际标准48项")
    assert "> 截至今年3月" in out
    assert "王心慧、陈杰" in out and "000_7cf7dd8ce3de5c74.txt:39" in out


def test_colour_when_forced_and_never_with_no_color(runner, seed_index, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = _run(runner, ["check", "--index", str(seed_index), "滨江累计主导参与制定国际标准48项"])
    assert "\x1b[" in coloured.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _run(runner, ["check", "--index", str(seed_index), "滨江累计主导参与制定国际标准48项"])
    assert "\x1b[" not in plain.stdout


def test_one_process_answers_a_stream_of_claims(seed_index):
    """Each answer is written before the next claim arrives (a real pipe, not CliRunner)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "check", "--index", str(seed_index), "--jsonl"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    proc.stdin.write("滨江累计主导参与制定国际标准48项\n")
    proc.stdin.flush()
    first = json.loads(proc.stdout.readline())
    assert first["verdict"] == "supported"
    proc.stdin.write("杭州明天会下雨吗\n")
    proc.stdin.close()
    second = json.loads(proc.stdout.readline())
    assert second["verdict"] == "not_found"
    assert proc.wait(timeout=30) == 1


def test_broken_pipe_is_quiet(seed_index):
    cmd = f'"{sys.executable}" -m factcheck check --index "{seed_index}" --jsonl - | head -c 1'
    claims = "\n".join(["滨江累计主导参与制定国际标准48项"] * 200)
    proc = subprocess.run(["bash", "-c", cmd], input=claims, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_a_supported_first_match_keeps_its_place(checker):
    """Regression: an equally strong supported match must not jump ahead of a supported best match."""
    result = checker.check("截至今年3月，高新区(滨江)累计主导参与制定国际标准48项")
    assert result.matches[0].text.startswith("截至今年3月")
    from factcheck.check import _supported_first

    first, second = result.matches[0], result.matches[0]
    assert _supported_first([first, second])[0] is first


def test_cjk_wraps_at_the_terminal_width_with_a_hanging_indent(runner, seed_index, monkeypatch):
    """On a terminal, wide characters wrap by display width and continuation lines keep the indent."""
    import re

    from rich.cells import cell_len

    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "40")
    result = runner.invoke(cli, ["check", "--index", str(seed_index), "--top", "1", "--context", "0",
                                 "知识产权质押从2016年的15件增加至2022年的319件"])
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()]
    assert all(cell_len(line) <= 40 for line in lines)
    start = next(k for k, line in enumerate(lines) if line.startswith("    > "))
    # The matched sentence is longer than one line: it continues, indented, below.
    assert lines[start + 1].startswith("    ") and not lines[start + 1].startswith("    >")
    joined = "".join(line.strip() for line in lines[start : start + 4])
    assert "知识产权质押从2016年的15件增加至2022年的319件" in joined


def test_records_are_asdict_without_the_copies(seed_store):
    """render.plain writes what dataclasses.asdict would (the JSON contract), field for field."""
    from dataclasses import asdict

    from factcheck.render import plain

    checker = Checker(seed_store)
    for claim in ("滨江累计主导参与制定国际标准50项", "截至今年3月高新区滨江累计主导参与制定国际标准48项、国家标准344项",
                  "杭州市上城区今年接待游客一千万人次"):
        result = checker.check(claim)
        assert json.dumps(plain(result), ensure_ascii=False) == json.dumps(asdict(result), ensure_ascii=False)


def test_matches_read_together_are_the_matches_read_one_by_one(seed_index):
    """Store.prefetch reads the articles and paragraph windows of all matches at once; the
    results must be those of reading them match by match."""
    from factcheck.render import plain
    from factcheck.store import Store

    claims = ["滨江累计主导参与制定国际标准50项", "高新区滨江推动6家银行发布滨质授信金融产品", "知识产权大厦是深化改革的缩影"]
    answers = []
    for prefetch in (True, False):
        with Store.open(seed_index) as store:
            if not prefetch:
                store.prefetch = lambda sentences: None
            checker = Checker(store)
            answers.append([json.dumps(plain(checker.check(c)), ensure_ascii=False) for c in claims])
    assert answers[0] == answers[1]
    assert all('"matches": [{' in a for a in answers[0])
