"""Checking a whole draft: marks in the terminal, JSON and HTML reports, exit status."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser

import jsonschema
import pytest

from factcheck.cli import cli

from .conftest import FIXTURES
from .test_check import SCHEMA

DRAFT = FIXTURES / "draft.txt"

# (start of the sentence, kind, verdict, misattributed, mark)
EXPECTED = [
    # The headline and the byline are lines of the draft: sentences too, unchecked.
    ("滨江东阳湖州三地创新观察", "unchecked", None, False, "·"),
    ("记者 王测试", "unchecked", None, False, "·"),
    ("截至今年3月", "claim", "contradicted", False, "✗"),
    ("知识产权质押从2016年", "claim", "contradicted", False, "✗"),
    ("2022年我国共享经济", "claim", "supported", False, "✓"),
    ("“我们把社区的发展", "quote", "exact", False, "✓"),
    ("“通过改造提升了服务", "quote", "altered", False, "✗"),
    ("“我们将以国有资本", "quote", "exact", True, "✗"),
    ("东阳去年新引进青年博士三十七人", "claim", "supported", False, "✓"),
    ("40多家企业单位", "claim", "supported", False, "✓"),
    ("以上奖励总金额达1830万元", "claim", "contradicted", False, "✗"),
    ("这个候车厅有二三十年的历史了", "claim", "supported", False, "✓"),
    ("北京冬奥会共有2900多名运动员参赛", "claim", "not_found", False, "?"),
    ("大家都觉得这是一件好事", "unchecked", None, False, "·"),
]


def test_the_draft_has_every_kind_of_sentence():
    assert len(EXPECTED) >= 12
    verdicts = {v for _, _, v, _, _ in EXPECTED}
    assert {"supported", "contradicted", "exact", "altered", "not_found"} <= verdicts
    assert any(m for *_, m, _ in EXPECTED)


def test_json_report(runner, seed_index):
    result = runner.invoke(cli, ["draft", str(DRAFT), "--index", str(seed_index), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    got = [(s["sentence"][: len(e[0])], s["kind"], s["verdict"], s["misattributed"], s["mark"]) for s, e in zip(report["sentences"], EXPECTED)]
    assert got == EXPECTED
    assert len(report["sentences"]) == len(EXPECTED)
    assert report["summary"]["problems"] == 5
    assert report["summary"]["counts"]["contradicted"] == 3
    for s in report["sentences"]:
        if s["kind"] != "unchecked":
            jsonschema.validate({k: s[k] for k in ("claim", "verdict", "matches", "speaker", "speaker_role", "error")}, SCHEMA)
        pos = s["position"]
        text = DRAFT.read_text(encoding="utf-8")
        assert text[pos["start"] : pos["end"]] == s["sentence"]
        assert text.count("\n", 0, pos["start"]) + 1 == pos["line"]
    changed = report["sentences"][3]["matches"][0]["figures"]
    assert {"claim": "16亿元", "claim_value": 1600000000, "source": "61亿元", "source_value": 6100000000,
            "unit": "元", "status": "mismatch", "note": None} in changed
    mis = report["sentences"][7]
    assert (mis["draft_speaker"], mis["speaker"], mis["speaker_role"]) == ("赵新宇", "汪琳琳", "雉城街道纪委书记")
    assert mis["matches"][0]["location"]["line"] == 129


def test_jsonl_streams_one_sentence_per_line(runner, seed_index):
    result = runner.invoke(cli, ["draft", str(DRAFT), "--index", str(seed_index), "--jsonl"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(s["verdict"], s["misattributed"]) for s in lines] == [(e[2], e[3]) for e in EXPECTED]


def test_terminal_report_marks_and_problems_first(runner, seed_index):
    result = runner.invoke(cli, ["draft", str(DRAFT), "--index", str(seed_index)])
    out = result.stdout
    assert "\x1b[" not in out
    head, _, body = out.partition("DRAFT TEXT")
    assert "5 problem(s)" in head
    assert head.index("CONTRADICTED") < head.index("ALTERED") < head.index("MISATTRIBUTED")
    assert "50项 ≠ 48项" in head and "16亿元 ≠ 61亿元" in head and "1830万元 ≠ 1380万元" in head
    assert "the draft names 赵新宇; the source names 雉城街道纪委书记汪琳琳" in head
    assert "[-管理-]{+服务+}" in head
    marks = [line.strip()[:2].strip() for line in body.strip().splitlines()]
    assert marks == [("“" if k == "quote" else "") + m for _, k, _, _, m in EXPECTED]


class _Report(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sentences: list[dict] = []
        self.sources: set[str] = set()
        self.links: list[str] = []
        self._in = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "span" and self._in is not None:
            self._depth += 1
        elif tag == "span" and "data-verdict" in a:
            self.sentences.append({"verdict": a["data-verdict"], "kind": a["data-kind"], "text": ""})
            self._in = self.sentences[-1]
            self._depth = 1
        elif tag == "li" and a.get("id", "").startswith("src"):
            self.sources.add(a["id"])
        elif tag == "a" and a.get("href", "").startswith("#src"):
            self.links.append(a["href"][1:])

    def handle_endtag(self, tag):
        if tag == "span" and self._in is not None:
            self._depth -= 1
            if self._depth == 0:
                self._in = None

    def handle_data(self, data):
        if self._in is not None:
            self._in["text"] += data


def test_html_report_renders_with_marks_and_citations(runner, seed_index, tmp_path):
    html_path = tmp_path / "report.html"
    result = runner.invoke(cli, ["draft", str(DRAFT), "--index", str(seed_index), "--json", "--html", str(html_path)])
    assert result.exit_code == 1 and "HTML report written" in result.stderr
    html = html_path.read_text(encoding="utf-8")
    parser = _Report()
    parser.feed(html)
    expected = [("misattributed" if mis else (v or "unchecked")) for _, _, v, mis, _ in EXPECTED]
    assert [s["verdict"] for s in parser.sentences] == expected
    assert all(s["text"].startswith(m + e[0]) for s, (*e, m) in zip(parser.sentences, [(x[0], x[4]) for x in EXPECTED]))
    # Every checked sentence cites a source that is in the list.
    assert len(parser.links) == sum(1 for e in EXPECTED if e[1] != "unchecked" and e[2] != "not_found")
    assert set(parser.links) <= parser.sources
    assert "000_7cf7dd8ce3de5c74.txt:39" in html and "王心慧、陈杰" in html
    assert "<del>管理</del><ins>服务</ins>" in html
    assert "<script" not in html and "http" not in html.split("<body>")[1]


def test_draft_from_stdin_and_a_clean_draft(runner, seed_index):
    clean = "截至今年3月，高新区(滨江)累计主导参与制定国际标准48项。\n"
    result = runner.invoke(cli, ["draft", "-", "--index", str(seed_index), "--jsonl"], input=clean)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["verdict"] == "supported"


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_draft_in_other_encodings(runner, seed_index, tmp_path, encoding):
    path = tmp_path / "draft.txt"
    path.write_bytes(DRAFT.read_text(encoding="utf-8").encode(encoding))
    result = runner.invoke(cli, ["draft", str(path), "--index", str(seed_index), "--jsonl"])
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == [e[2] for e in EXPECTED]


def test_unreadable_draft_is_a_clear_error(runner, seed_index, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(bytes(range(256)) * 4)
    result = runner.invoke(cli, ["draft", str(path), "--index", str(seed_index)])
    assert result.exit_code == 2 and "cannot read the draft" in result.stderr
    missing = runner.invoke(cli, ["draft", str(tmp_path / "none.txt"), "--index", str(seed_index)])
    assert missing.exit_code == 2 and "Traceback" not in missing.stderr


def _forked_pids(monkeypatch) -> list[int]:
    """The pids of the processes the draft forks (``forks.Fork``), recorded as they start."""
    from factcheck import draft, forks

    pids: list[int] = []

    class Recorded(forks.Fork):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pids.append(self.pid)

    monkeypatch.setattr(draft, "Fork", Recorded)
    return pids


def test_a_long_draft_is_checked_by_two_processes_with_the_same_results(seed_index, monkeypatch):
    """From PARALLEL_FROM sentences on, a draft is checked by forked workers; the answers, and
    their order, are those of one process, and no worker is left behind."""
    from factcheck.draft import PARALLEL_FROM, check_draft, read_draft
    from factcheck.render import plain
    from factcheck.store import Store

    pids = _forked_pids(monkeypatch)
    text = DRAFT.read_text(encoding="utf-8")
    draft = read_draft(text + "\n" + text)
    assert len(draft.sentences) >= PARALLEL_FROM
    answers = []
    for jobs in (1, 2):
        with Store.open(seed_index) as store:
            answers.append([plain(r) for r in check_draft(store, draft, jobs=jobs)])
    assert answers[0] == answers[1]
    got = [(r["sentence"][: len(e[0])], r["kind"], r["verdict"]) for r, e in zip(answers[1], EXPECTED + EXPECTED)]
    assert got == [(e[0], e[1], e[2]) for e in EXPECTED + EXPECTED]
    assert len(pids) == 1  # jobs=2: one forked process
    with pytest.raises(ChildProcessError):  # and it has been waited for: nothing left behind
        os.waitpid(pids[0], os.WNOHANG)


def test_a_draft_whose_forked_process_dies_is_checked_here(seed_index, monkeypatch):
    """A forked share that never answers (the process killed, out of memory) is checked by
    this process: the same answers as one process, nothing lost."""
    from factcheck import draft as draft_module
    from factcheck.draft import check_draft, read_draft
    from factcheck.render import plain
    from factcheck.store import Store

    pids = _forked_pids(monkeypatch)
    text = DRAFT.read_text(encoding="utf-8")
    draft = read_draft(text + "\n" + text)
    with Store.open(seed_index) as store:
        alone = [plain(r) for r in check_draft(store, draft, jobs=1)]
    real_help = draft_module._help

    def dies_at_once(store, sentences, tickets, out):
        os._exit(9)

    def dies_holding_a_sentence(store, sentences, tickets, out):
        # Answers two sentences, then takes one and dies before answering it.
        class Two:
            def __init__(self):
                self.left = 2

            def take(self):
                self.left -= 1
                return tickets.take() if self.left >= 0 else None

        real_help(store, sentences, Two(), out)
        tickets.take()
        os._exit(9)

    for helper in (dies_at_once, dies_holding_a_sentence):
        monkeypatch.setattr(draft_module, "_help", helper)
        with Store.open(seed_index) as store:
            helped = [plain(r) for r in check_draft(store, draft, jobs=2)]
        assert helped == alone
    assert len(pids) == 2


def test_an_error_in_a_forked_process_is_raised_here(seed_index, monkeypatch):
    from factcheck import draft as draft_module
    from factcheck.draft import check_draft, read_draft
    from factcheck.errors import FactcheckError
    from factcheck.store import Store

    pids = _forked_pids(monkeypatch)

    def fails(store, sentences, tickets, out):
        raise FactcheckError("index is damaged: run factcheck index again")

    monkeypatch.setattr(draft_module, "_help", fails)
    text = DRAFT.read_text(encoding="utf-8")
    with Store.open(seed_index) as store, pytest.raises(FactcheckError, match="index is damaged"):
        list(check_draft(store, read_draft(text + "\n" + text), jobs=2))
    assert len(pids) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(pids[0], os.WNOHANG)
