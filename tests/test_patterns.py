"""Compiled patterns from the cache file: the same patterns re.compile makes, and never an error."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from factcheck import patterns
from factcheck.patterns import longest_first, regex

TEXTS = [
    "截至今年3月，高新区(滨江)累计主导参与制定国际标准48项，同比增长百分之五十八。",
    "「我們把社區的發展列為集團目標。」人權觀察中國部主任索菲・理查森（Sophie Richardson）說。",
    "國家統計局表示，2023年本地生產總值約為二千四百一十八億元，较上年下降1.5%。",
]


def _sources() -> list[tuple[str, int]]:
    """The patterns of figures, speakers, quotations and layout: the costly ones (CJK classes, long alternations)."""
    from factcheck import figures, layout, quotes, sentences, speakers

    found = {(v.pattern, v.flags & ~re.UNICODE) for m in (figures, layout, quotes, sentences, speakers)
             for v in vars(m).values() if isinstance(v, re.Pattern) and isinstance(v.pattern, str)}
    return sorted(found)


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """This module's state as in a new process, with its cache file in ``tmp_path``."""
    monkeypatch.setenv(patterns.ENV_CACHE, str(tmp_path))
    monkeypatch.setattr(patterns, "_made", {})
    monkeypatch.setattr(patterns, "_new", {})
    monkeypatch.setattr(patterns, "_stored", None)
    return tmp_path


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
        assert [m.groupdict() for m in a.finditer(text)] == [m.groupdict() for m in b.finditer(text)]


def test_a_pattern_from_the_file_is_the_pattern_re_makes(fresh, monkeypatch):
    sources = _sources()
    assert len(sources) >= 10
    for source, flags in sources:
        _same(regex(source, flags), re.compile(source, flags))
    patterns.save()
    assert list(fresh.glob("patterns-*.marshal"))
    # A new process: nothing compiled yet, and re's compiler broken, so every pattern must come from the file.
    monkeypatch.setattr(patterns, "_made", {})
    monkeypatch.setattr(patterns, "_stored", None)
    monkeypatch.setattr(re._parser, "parse", lambda *a, **k: pytest.fail("compiled, not read from the cache"))
    for source, flags in sources:
        assert regex(source, flags).pattern == source
    monkeypatch.undo()
    for source, flags in sources:
        _same(regex(source, flags), re.compile(source, flags))


def test_a_damaged_cache_file_is_compiled_around_and_written_again(fresh):
    source = r"(?P<n>[一-鿿]{2,4})(?:说|說|表示)"
    regex(source)
    patterns.save()
    (path,) = fresh.glob("patterns-*.marshal")
    path.write_bytes(b"\x00garbage")
    patterns._made.clear()
    patterns._stored = None
    _same(regex(source), re.compile(source))
    patterns.save()
    import marshal

    assert (source, 0) in marshal.loads(path.read_bytes())


def test_off_writes_nothing_and_an_unwritable_place_is_no_error(fresh, monkeypatch, tmp_path):
    monkeypatch.setenv(patterns.ENV_CACHE, "off")
    _same(regex(r"[，。！？]+"), re.compile(r"[，。！？]+"))
    patterns.save()
    assert not list(fresh.glob("patterns-*"))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(patterns.ENV_CACHE, str(blocker / "cache"))
    patterns._made.clear()
    _same(regex(r"[，。]+(?=说)"), re.compile(r"[，。]+(?=说)"))
    patterns.save()  # cannot make the directory: no error, nothing written


def test_word_lists_make_the_same_pattern_in_every_process(tmp_path):
    """A set's order changes with the process's hash seed; the patterns made from word lists must not."""
    code = ("from factcheck.speakers import lexicon; import hashlib; l = lexicon(); "
            "print(hashlib.md5((l.verb_re + '|'.join(l.roles)).encode()).hexdigest())")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "FACTCHECK_CACHE": str(tmp_path)}).stdout
            for seed in ("1", "2", "3")}
    assert len(seen) == 1
    assert sorted(["说", "告诉", "表示", "告诉记者", "称"], key=longest_first) == ["告诉记者", "告诉", "表示", "称", "说"]


def test_no_pattern_is_made_from_the_words_of_a_claim(seed_store):
    """Only the code's and the word lists' patterns are cached: a claim's words would fill the file."""
    from factcheck.check import Checker

    checker = Checker(seed_store)
    claims = ["截至今年3月，高新区(滨江)累计没有主导参与制定国际标准48项",
              "滨江从未主导参与制定国际标准", "高新区并非累计主导参与制定国际标准48项"]
    for claim in claims:
        checker.check(claim)
    made = [source for source, _ in patterns._made if len(source) >= 2 and any(source in c for c in claims)]
    assert made == []


def test_a_command_writes_the_cache_when_it_ends(seed_index, tmp_path):
    """The console script ends with os._exit (no interpreter teardown), after the exit functions:
    the cache file must still be written, and the output and exit status be whole."""
    import os

    cache = tmp_path / "cache"
    env = dict(os.environ, FACTCHECK_CACHE=str(cache))
    done = subprocess.run([sys.executable, "-m", "factcheck", "check", "--jsonl", "--index", str(seed_index),
                           "滨江累计主导参与制定国际标准48项", "滨江累计主导参与制定国际标准50项"],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, env=env)
    assert done.returncode == 1, done.stderr
    assert [line[:30] for line in done.stdout.splitlines()] and len(done.stdout.splitlines()) == 2
    assert list(cache.glob("patterns-*.marshal"))
