"""jieba's words, without loading jieba on a lookup.

Loading jieba costs about a second in a fresh process (0.3 s to import, because
it imports pkg_resources, and 0.8 s to load its dictionary), which a lookup in a
pipeline cannot pay.  So the index keeps jieba's own dictionary (word and
frequency, copied from the installed jieba's ``dict.txt`` when the index is
created), and a claim is cut with jieba's own algorithm (a DAG of dictionary
words, then the most probable route, no HMM) over just the rows for the claim's
substrings, fetched in one query.  Tests (test_words.py) check the result against
``jieba.lcut(text, HMM=False)``.

Runs of digits and Latin letters (with ``.``, ``,`` and ``%`` inside numbers)
are one word each, as jieba's no-HMM cut merges them.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections.abc import Callable
from pathlib import Path

from .patterns import regex

MAX_WORD = 8  # longer dictionary entries are idioms that add nothing to matching

_RUN = regex(r"[0-9a-zA-Z]+(?:[.,:%][0-9a-zA-Z]+)*%?|[\u3400-\u9fff\uf900-\ufaff]+|\S")
_ALNUM = regex(r"[0-9a-zA-Z]")


def jieba_dictionary() -> Path | None:
    """The dictionary file of the installed jieba, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "dict.txt"
    return path if path.exists() else None


def read_dictionary(path: Path) -> tuple[list[tuple[str, int]], int]:
    """(word, frequency) rows of a jieba dictionary file, and jieba's total frequency.

    One pattern over the whole file (lines of ``word freq [tag]``): a new index reads jieba's
    350,000 lines while its build waits (with ``read_tags``, 0.61 s instead of 0.71 s).
    """
    found = re.findall(r"^([^ \n]*) ([0-9]+)(?=[ \r\n]|$)", path.read_text(encoding="utf-8"), re.M)
    pairs = [(w, int(f)) for w, f in found]
    total = sum(f for _, f in pairs)  # jieba's total counts every entry, long idioms included
    return [(w, f) for w, f in pairs if len(w) <= MAX_WORD], total


def read_tags(path: Path, tags: tuple[str, ...]) -> list[tuple[str, str]]:
    """(word, tag) rows of a jieba dictionary file for the words tagged with one of ``tags``."""
    tagged = regex(r"^(\S+)[^\S\n]+\S+[^\S\n]+(" + "|".join(map(re.escape, tags)) + r")(?=\s|$)", re.M)
    return [(w, t) for w, t in tagged.findall(path.read_text(encoding="utf-8")) if 1 < len(w) <= MAX_WORD]


def substrings(text: str, max_len: int = MAX_WORD) -> set[str]:
    """Every substring of the CJK runs of ``text`` that could be a dictionary word."""
    out: set[str] = set()
    for m in _RUN.finditer(text):
        run = m.group()
        if not ("\u3400" <= run[0] <= "\u9fff" or "\uf900" <= run[0] <= "\ufaff"):
            continue
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + max_len) + 1):
                out.add(run[i:j])
    return out


def cut(text: str, freq: dict[str, int], total: int) -> list[str]:
    """jieba's no-HMM cut of ``text`` given the dictionary rows for its substrings."""
    words: list[str] = []
    logtotal = math.log(total) if total > 0 else 0.0
    # jieba's DAG: where each dictionary word of the text starts, and where it ends.  Found
    # word by word with str.find (compiled code), not by trying every slice of up to
    # MAX_WORD characters at every position.  The words hold only Chinese characters, so
    # none runs over the end of a run.
    starts: dict[int, list[tuple[int, float]]] = {}
    for w, f in freq.items():
        if not f or len(w) > MAX_WORD:
            continue
        lp = math.log(f) - logtotal
        at = text.find(w)
        while at >= 0:
            starts.setdefault(at, []).append((at + len(w) - 1, lp))
            at = text.find(w, at + 1)
    for m in _RUN.finditer(text):
        run = m.group()
        if not ("\u3400" <= run[0] <= "\u9fff" or "\uf900" <= run[0] <= "\ufaff"):
            words.append(run)
            continue
        n, first = len(run), m.start()
        # The route in one pass from the end: each position takes the most probable dictionary
        # word starting there (a character outside the dictionary counts as frequency 1); of two
        # equally probable, the longer, as jieba's max over (probability, end) takes.
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for idx in range(n - 1, -1, -1):
            best: tuple[float, int] | None = None
            for end, lp in starts.get(first + idx, ()):
                x = end - first
                if x >= n:
                    continue  # not a word of this run (a caller's word with other characters)
                if best is None or (lp + route[x + 1][0], x) > best:
                    best = (lp + route[x + 1][0], x)
            route[idx] = best if best is not None else (route[idx + 1][0] - logtotal, idx)
        x = 0
        while x < n:
            y = route[x][1] + 1
            words.append(run[x:y])
            x = y
    return words


Lookup = Callable[[set[str]], tuple[dict[str, int], int]]


def segment(text: str, lookup: Lookup) -> list[str]:
    """Cut ``text`` into jieba words; ``lookup`` returns (frequencies, total) for substrings."""
    freq, total = lookup(substrings(text))
    return cut(text, freq, total)


_CN_NUMERAL = set("零〇一二两三四五六七八九十百千万亿点")


def is_number(word: str) -> bool:
    """Arabic figures (50, 1.39) and Chinese numerals of two or more characters (四十八)."""
    if _ALNUM.match(word):
        return any(c.isdigit() for c in word)
    return len(word) > 1 and all(c in _CN_NUMERAL for c in word)
