"""The characters that let indexing skip OpenCC (``factcheck/data/opencc_triggers.txt``).

OpenCC changes a text only where one of its dictionaries' entries matches with a value
other than its key, so a text holding no character of any such key converts to itself.
The list keeps one character of each such key (a key's own changing character where it
has one, else its rarest).  These tests read the installed dictionaries with OpenCC's own
``opencc_dict`` tool and fail when the list no longer covers them; to write it again for
a new OpenCC: ``python tests/test_opencc_triggers.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from factcheck import normalize
from factcheck.normalize import TRIGGERS_FILE, normalize_many, to_simplified


def _opencc_dir() -> Path:
    import opencc

    return Path(opencc.__file__).parent / "clib"


def _entries() -> list[tuple[str, str]]:
    """(key, first value) of every dictionary that hk2s and tw2s use."""
    clib = _opencc_dir()
    tool = clib / "bin" / "opencc_dict"
    if not tool.exists():
        pytest.skip("this OpenCC build has no opencc_dict to read its dictionaries with")
    share = clib / "share" / "opencc"
    names: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                names.add(node["file"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for config in ("hk2s.json", "tw2s.json"):
        walk(json.loads((share / config).read_text(encoding="utf-8")))
    out: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(names):
            txt = Path(tmp) / (name + ".txt")
            subprocess.run([str(tool), "-i", str(share / name), "-o", str(txt), "-f", "ocd2", "-t", "text"],
                           check=True, capture_output=True)
            for line in txt.read_text(encoding="utf-8").splitlines():
                key, values = line.split("\t")
                out.append((key, values.split(" ")[0]))
    return out


def _char_weights() -> dict[str, int]:
    """How common each character is in Simplified text, from jieba's dictionary."""
    import jieba

    weights: dict[str, int] = {}
    dict_path = Path(jieba.__file__).parent / "dict.txt"
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        word, freq = line.split(" ")[:2]
        for ch in set(word):
            weights[ch] = weights.get(ch, 0) + int(freq)
    return weights


def make_triggers() -> str:
    changing = [(k, v) for k, v in _entries() if k != v]
    own = {k for k, _ in changing if len(k) == 1}
    weights = _char_weights()
    chars = set(own)
    for key, _ in changing:
        if not own & set(key):
            chars.add(min(key, key=lambda c: (weights.get(c, 0), c)))
    return "".join(sorted(chars))


def _file() -> tuple[str, str]:
    lines = TRIGGERS_FILE.read_text(encoding="utf-8").splitlines()
    return lines[0].split()[2], "".join(line for line in lines if not line.startswith("#"))


def _current() -> bool:
    import opencc

    return _file()[0] == opencc.__version__


def test_the_list_is_used_only_with_the_opencc_it_was_made_for(monkeypatch):
    import opencc

    normalize._triggers.cache_clear()
    assert (normalize._triggers() is not None) == _current()
    monkeypatch.setattr(opencc, "__version__", "0.0.1")
    normalize._triggers.cache_clear()
    try:
        assert normalize._triggers() is None  # another OpenCC: every text is converted
        assert to_simplified("反覆思量") == "反复思量"
    finally:
        monkeypatch.undo()
        normalize._triggers.cache_clear()


def test_every_changing_entry_holds_a_trigger():
    if not _current():
        pytest.skip("the list was made for another OpenCC (not used): python tests/test_opencc_triggers.py")
    _, chars = _file()
    triggers = set(chars)
    missed = [k for k, v in _entries() if k != v and not triggers & set(k)]
    assert not missed, f"entries OpenCC would change unseen: {missed[:10]}"


def test_a_text_without_triggers_converts_to_itself():
    if not _current():
        pytest.skip("the list was made for another OpenCC (not used): python tests/test_opencc_triggers.py")
    _, chars = _file()
    triggers = set(chars)
    # Every character of the unified block that is no trigger, in runs that phrase rules could match.
    plain = "".join(chr(c) for c in range(0x4E00, 0xA000) if chr(c) not in triggers)
    assert _full(plain) == plain


def _full(text: str) -> str:
    """OpenCC's own conversion, every character given to it."""
    hk, tw = normalize._converters()
    return tw.convert(hk.convert(text))


def test_skipping_opencc_changes_nothing():
    texts = ["反覆思量，沈浮之間", "香港特區政府發言人表示", "一目瞭然的數據", "滨江区累计主导制定国际标准48项",
             "藉助科技", "台灣的軟體產業", "无需转换的简体句子。", "著名的乾隆年间", ""]
    assert [to_simplified(t) for t in texts] == [_full(t) for t in texts]


def test_indexing_converts_what_full_conversion_converts():
    texts = ["反覆思量，沈浮之間", "香港特區政府發言人表示", "一目瞭然的數據", "滨江区累计主导制定国际标准48项",
             "藉助科技", "台灣的軟體產業", "无需转换的简体句子。", ""]
    assert normalize_many(texts) == [normalize.normalize(t) for t in texts]
    assert (normalize._triggers() is not None) == _current()  # the list in use, where it applies
    assert normalize_many(texts)[0].startswith("反复思量")


if __name__ == "__main__":
    import opencc

    TRIGGERS_FILE.write_text(f"# opencc {opencc.__version__}\n# one character of every dictionary entry that changes a text (tests/test_opencc_triggers.py)\n"
                             + make_triggers() + "\n", encoding="utf-8")
    print(f"wrote {TRIGGERS_FILE}", file=sys.stderr)
