"""Decide what a source says about a claim: pair the figures, then give a verdict.

Pairing (``assign_figures``): each figure of the claim is compared with the
source figure of the same item, by role, not by nearest words: the same kind
of thing (a date with a date, a quantity in the same unit), the item's own
label (国家标准 | 344项; the 分别 item; the words after it: 52个 | 贫困县), and
where the match's alignment puts the claim figure; one assignment over the
whole claim, so two claim figures never share a source figure.

Agreement (``agreement``): the same form must state the same numbers; across
forms the source's interval must lie inside the claim's; overlap alone is
``imprecise``.  A claim's count or sum in 万 or 亿 without its measure word
(1234.5万) is comparable with the source's with one (1234.5万人); a fraction
agrees with its percentage rounded as printed (三分之一, 33.3%).

Verdict of a match:

* ``supported``: the text matches strongly, every figure of the claim agrees
  and no word of the claim lacks a counterpart (``differences``);
* ``contradicted``: the text matches strongly (this is the claim's source) and
  a figure disagrees, or the source names another place, person or
  organisation, says the other direction, or negates what the claim says.
  ``check`` also passes a partial match as strong when the claim says the
  other direction and the rest of it matches (``check.TURNED``), and tells
  whether a match that differs by a negation is surely the source
  (``check.NEGATED``; if not, it is unverified);
* ``unverified``: a figure or a word of the claim has no counterpart, a figure
  is less precise in the source, or the match is partial;
* ``not_found``: no match reaches ``PARTIAL``.

Thresholds were calibrated on the seeds and on People's Daily claims (see
tests/benchmarks/README.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from .figures import Figure
from .normalize import is_cjk
from .patterns import regex

STRONG = 70.0
PARTIAL = 50.0
TOLERANCE = 1e-9


@dataclass
class FigureCheck:
    """One claim figure against the source figure it was paired with."""

    claim: str
    claim_value: object
    source: str | None
    source_value: object
    unit: str | None
    status: str  # match | mismatch | imprecise | missing | unread
    note: str | None = None  # why, where the status alone does not say it


def _is_date(f: Figure) -> bool:
    return f.date is not None


def comparable(c: Figure, s: Figure) -> bool:
    if c.kind == "unread" or s.kind == "unread":
        return False
    if (c.kind == "ordinal") != (s.kind == "ordinal"):
        return False  # 第3名 is not 3名
    if _is_date(c) != _is_date(s):
        return False
    if _is_date(c):
        if c.kind == "range" or s.kind == "range":
            return _year_of(c) is not None and _year_of(s) is not None
        return any(a is not None and b is not None for a, b in zip(c.date, s.date))
    if c.unit == s.unit:
        return True
    # A claim's count or sum in 万 or 亿 printed without its measure word (常住人口达1234.5万,
    # 生产总值8500亿) stands for the source's 1234.5万人, 8500亿元: headlines and reporters drop
    # it.  Not the other way round, and not small numbers: a source's bare numbers are list
    # numbers (①, 2.), parts of ranges and codes far more often than counts.
    return c.unit is None and c.kind == "number" and s.kind in _COUNTS and any(ch in c.text for ch in "万萬亿億")


_COUNTS = ("number", "money")  # kinds whose unit a writer may leave out (not %, 倍, 岁, durations)


def _year_of(f: Figure) -> tuple[float, float] | None:
    if f.kind == "range":
        return f.low, f.high
    y = f.date[0] if f.date else None
    return (y, y) if y else None


def agreement(c: Figure, s: Figure) -> str:
    """Does source figure ``s`` make claim figure ``c`` true?  match | mismatch | imprecise.

    * Dates agree when every part both state is equal (a year range holds a year).
    * The same form on both sides (both exact, both 多 at the same place, both
      近, both ranges…): the numbers as stated must be equal after units
      (420多 ≠ 400多, 120至180 ≠ 120至150, 近42年 ≠ 近40年; 1.39万 = 13900).
    * Different forms: ``match`` when the source's interval lies inside the
      claim's (source 420多, claim 超过400 or 400多), ``mismatch`` when they do
      not overlap, ``imprecise`` when they only overlap (the source says less
      than the claim: source 40余项, claim 45项).
    """
    if _is_date(c):
        if c.kind == "range" or s.kind == "range":
            a, b = _year_of(c), _year_of(s)
            if a is None or b is None or not (a[0] <= b[1] and b[0] <= a[1]):
                return "mismatch"
            return "match" if b[0] >= a[0] and b[1] <= a[1] else "imprecise"
        ok = all(a == b for a, b in zip(c.date, s.date) if a is not None and b is not None)
        return "match" if ok else "mismatch"
    if c.form == s.form:
        if _close(c.stated[0], s.stated[0]) and _close(c.stated[1], s.stated[1]):
            return "match"
        return "match" if _rounded_fraction(c, s) or _rounded_fraction(s, c) else "mismatch"
    if _inside(s, c):
        return "match"
    if not _overlap(c, s):
        return "mismatch"
    return "imprecise"


_DECIMALS = regex(r"\d+(?:\.(\d+))?")
_CN_DECIMALS = regex(r"[点點]([零〇一二三四五六七八九]+)")  # 百分之三十三点三
_FRACTION_TEXT = regex(r"(?<!百)分之|/")  # 五分之一, 1/5; 百分之五 is a percentage


def _is_fraction(f: Figure) -> bool:
    return bool(_FRACTION_TEXT.search(f.text))


def _rounded_fraction(frac: Figure, dec: Figure) -> bool:
    """``dec`` is the fraction ``frac`` rounded as printed: 三分之一 and 33.3% (or 33%) say the same.

    A fraction's percentage (33.333…) never equals a printed one; compared at the printed number's
    last digit, it does.  Only a fraction against a figure that is not one, both exact points.
    """
    if not _is_fraction(frac) or _is_fraction(dec):
        return False
    if frac.form != "exact" or frac.unit != dec.unit or frac.low != frac.high or dec.low != dec.high:
        return False
    m = _DECIMALS.search(dec.text.replace(",", "")) or _CN_DECIMALS.search(dec.text)
    step = 10.0 ** -len(m.group(1) or "") if m else 1.0  # 百分之三十三: a whole number
    return abs(frac.low - dec.low) <= step / 2 + TOLERANCE


def _inside(s: Figure, c: Figure) -> bool:
    """Interval of ``s`` within that of ``c`` (open upper ends respected)."""
    if s.low < c.low and not _close(s.low, c.low):
        return False
    if c.open_high:
        return s.high < c.high or (_close(s.high, c.high) and s.open_high)
    return s.high <= c.high or _close(s.high, c.high)


def _overlap(c: Figure, s: Figure) -> bool:
    lo, hi = max(c.low, s.low), min(c.high, s.high)
    if _close(lo, hi):
        # Touching intervals: 30多 = [30, 40) does not overlap 20多 = [20, 30).
        return not (c.open_high and _close(c.high, lo)) and not (s.open_high and _close(s.high, lo))
    return lo <= hi


def _close(a: float, b: float) -> bool:
    if a == b:
        return True
    if math.isinf(a) or math.isinf(b):
        return False  # the tolerance of an open end is itself infinite: 超过100项 is not close to 50项
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


# ---------------------------------------------------------------- labels

# A figure's label stops at clause punctuation, and a list item's at 、 or at a
# joining word right after the previous figure (国际标准48项、国家标准344项;
# 52个贫困县和1113个贫困村).
_JOINERS = ("和", "及", "与", "以及", "或")
_FENBIE = "分别"
_LIST_SPLIT = regex(r"[、,]|以及|和|及|与")
_ITEM_SEP = ",|和|及|与|或"  # between two items of one list (、 is normalised to ',')
LABEL_CHARS = 14


@dataclass
class Labels:
    """The words that say what a figure counts (its item), before and after it."""

    before: str  # the item's own words before the figure
    window: str  # the wider text before the figure (claim side)
    item: bool = False  # ``before`` is a list item named elsewhere (分别)
    before_words: list[str] = field(default_factory=list)
    after_words: list[str] = field(default_factory=list)
    window_words: list[tuple[int, str]] = field(default_factory=list)  # ``window``'s words (start, word), none of a figure


def _words_between(spans: list[tuple[int, int, str]], a: int, b: int) -> list[str]:
    """The words of a segmented text inside [a, b), clipped at the edges."""
    return [w[max(0, a - x) : len(w) - max(0, y - b)] for x, y, w in spans if x < b and y > a]


def figure_labels(norm: str, figs: list[Figure], words: list[str] | None = None) -> list[Labels]:
    """The label of each figure of a normalised text (see the module docstring).

    ``words`` is the text cut into words (jieba's, as ``match`` has them); each
    label keeps its words, so that a label is compared word by word.  Without
    it every character is a word.
    """
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for w in words if words is not None and sum(map(len, words)) == len(norm) else list(norm):
        spans.append((pos, pos + len(w), w))
        pos += len(w)
    figure_at = [False] * (len(norm) + 1)  # the words of figures are no item's words (走上10遍、20遍)
    for f in figs:
        figure_at[f.nstart : f.nend] = [True] * (f.nend - f.nstart)
    out = []
    for k, f in enumerate(figs):
        # A date labels the figures after it (2016年的15件), so only another kind of
        # figure ends a figure's label; a date's own label ends at any figure.
        lo = 0
        for g in figs[:k]:
            if (_is_date(f) or not _is_date(g)) and g.kind != "ordinal" and g.nend <= f.nstart:
                lo = max(lo, g.nend)  # an ordinal is part of a label (第一批300人、第二批500人)
        # 自闭症谱系障碍：9300人: a colon right before a figure introduces it.
        head = norm[lo : f.nstart].rstrip(":")
        if head.endswith("(") and _bracketed_alone(norm, f.nend):
            head = head[:-1]  # 修改法例(85%)、…: the figure in brackets is the share of 修改法例
        end = lo + len(head)  # where the label ends: the colon or bracket before the figure is not in it
        quoted = _quoted_tail(head)
        if quoted is not None:
            # "一带一路"23次、"一国"12次; "争取公民提名"(74.3%): the term in quotes is the item.
            before, end = quoted[-LABEL_CHARS:], end - 1
        else:
            before = _strip_joiner_head(_tail_until_stop(head)[-LABEL_CHARS:])
        hi = len(norm)
        for g in figs[k + 1 :]:
            if (_is_date(f) or not _is_date(g)) and g.kind != "ordinal" and g.nstart >= f.nend:
                hi = min(hi, g.nstart)
                break
        after = _head_until_stop(norm[f.nend : hi])[:12]
        for j in _JOINERS:
            if after.endswith(j):
                after = after[: -len(j)]
        wstart = max(0, f.nstart - 24)
        window = norm[wstart : f.nstart]
        at = _sentence_start(window)
        label = Labels(before, window[at:])
        label.window_words = [(x, w) for x, y, w in spans if x < f.nstart and y > wstart + at and not figure_at[x]
                              and w not in _JOINERS]
        label.before_words = _words_between(spans, end - len(before), end)
        prev = figs[k - 1] if k else None
        if (not _content(before) and prev is not None and prev.unit == f.unit and out
                and regex(f"(?:{_ITEM_SEP})$").search(norm[prev.nend : f.nstart])):
            # 走上10遍、20遍; 三个钟头、四个钟头: an item with no words of its own
            # shares the one before.
            label.before, label.before_words = out[-1].before, out[-1].before_words
        label.after_words = _words_between(spans, f.nend, f.nend + len(after))
        out.append(label)
    for k in range(len(figs) - 2, -1, -1):
        f, g = figs[k], figs[k + 1]
        if (not any(_content(w) for w in out[k].after_words) and f.unit == g.unit
                and regex(_ITEM_SEP).fullmatch(norm[f.nend : g.nstart])):
            # 较2014年及2009年分别下跌: list items share the words after the list.
            out[k].after_words = out[k + 1].after_words
    _fenbie_items(norm, figs, out, spans)
    _parallel_items(norm, figs, out, spans)
    _second_lists(norm, figs, out)
    return out


def _chains(norm: str, figs: list[Figure]) -> list[list[int]]:
    """Runs of two or more figures of one unit joined as a list (34个、19个、21个), none led by a date.

    A run led by a date is passed over whole: the figures after it are no list of their own.
    """
    out: list[list[int]] = []
    k = 0
    while k < len(figs):
        chain = [k]
        while chain[-1] + 1 < len(figs):
            f, g = figs[chain[-1]], figs[chain[-1] + 1]
            if _is_date(g) or g.unit != figs[k].unit or not _LIST_SPLIT.fullmatch(norm[f.nend : g.nstart]):
                break
            chain.append(chain[-1] + 1)
        if len(chain) >= 2 and not _is_date(figs[k]):
            out.append(chain)
        k = chain[-1] + 1
    return out


def _second_lists(norm: str, figs: list[Figure], labels: list[Labels]) -> None:
    """A second list of as many figures, later in the sentence, is the items' too, in order.

    新签约、新开工、新投产…项目分别为34个、19个、21个，是2018年同期的1.8倍、2.7倍、10.5倍: the
    ratios had one label for all three (是2018年同期的), so a claim that 新开工 was 10.5倍 took the
    figure it states and was supported.  Each now adds its item's words to the label it shares.
    """
    chains = _chains(norm, figs)
    for first, second in zip(chains, chains[1:]):
        if len(first) != len(second) or not all(labels[j].item for j in first):
            continue
        if regex(r"[.;!?]").search(norm[figs[first[-1]].nend : figs[second[0]].nstart]):
            continue  # another sentence
        if any(labels[j].item for j in second):
            continue
        shared = labels[second[0]]
        for i, j in zip(first, second):
            labels[j].before = labels[i].before + shared.before
            labels[j].before_words = labels[i].before_words + shared.before_words
            labels[j].item = True


def _quoted_tail(head: str) -> str | None:
    """The words in quotes that end ``head``, or None: a closing quote right before a figure
    ends no clause, it closes the figure's label (出现"一国"12次)."""
    if not head.endswith('"'):
        return None
    k = head.rfind('"', 0, len(head) - 1)
    if k < 0:
        return None
    inner = head[k + 1 : -1]
    return inner if inner and not _CLAUSE_STOP.search(inner) else None


def _bracketed_alone(norm: str, end: int) -> bool:
    """Whether the bracket a figure opens closes right after it and ends a phrase there:
    修改法例(85%)、 gives the figure of the words before it, where (1)细菌过滤效率 numbers
    the item after it."""
    if norm[end : end + 1] != ")":
        return False
    return end + 1 >= len(norm) or bool(_CLAUSE_STOP.match(norm, end + 1))


# A sentence ends at . ; ! ? (normalised 。 is '.'), but a '.' between digits is a decimal point.
_SENTENCE_STOP = regex(r"[;!?]|(?<!\d)\.|\.(?!\d)")


def _sentence_start(text: str) -> int:
    """Where the last sentence of ``text`` starts."""
    return max((m.end() for m in _SENTENCE_STOP.finditer(text)), default=0)


_CLAUSE_STOP = regex(r"[,;:!?、\"()\[\]]|(?<!\d)\.|\.(?!\d)")


def _tail_until_stop(text: str) -> str:
    """The last clause of ``text``."""
    return text[max((m.end() for m in _CLAUSE_STOP.finditer(text)), default=0) :]


def _head_until_stop(text: str) -> str:
    m = _CLAUSE_STOP.search(text)
    return text[: m.start()] if m else text


def _strip_joiner_head(text: str) -> str:
    for j in _JOINERS:
        if text.startswith(j):
            return text[len(j) :]
    return text


def _fenbie_items(norm: str, figs: list[Figure], labels: list[Labels], spans: list[tuple[int, int, str]]) -> None:
    """With 分别, each value of the list after it takes its own item's label, in order.

    The items are, in this order of preference: a list between 分别 and the
    values (分别比上月和上年同期多…), a list in the clause before 分别
    (贵阳站、贵阳东站…增幅分别达到; 较2014年及2009年分别下跌), or the figures
    before 分别 in the sentence (…37人，…1.39万人，…6700多人，分别同比增长…).
    """
    for m in regex(_FENBIE).finditer(norm):
        chain: list[int] = []
        for k, f in enumerate(figs):
            if f.nstart < m.end() or _is_date(f):
                continue
            gap = norm[figs[chain[-1]].nend : f.nstart] if chain else norm[m.end() : f.nstart]
            if chain and (not _LIST_SPLIT.fullmatch(gap) or f.unit != figs[chain[0]].unit):
                break
            if not chain and regex(r"[.;!?,]").search(gap):
                break
            chain.append(k)
        if len(chain) < 2:
            continue
        n = len(chain)
        parts = _split_spans(norm, m.end(), figs[chain[0]].nstart)
        items: list[tuple[int, int]] | None = parts if len(parts) == n else None
        head_start = _sentence_start(norm[: m.start()])
        head = norm[head_start : m.start()]
        if items is None and head and not head.endswith(","):
            # 、 is normalised to ',', so a list of names runs over commas: take its last n items.
            parts = _split_spans(norm, head_start, m.start())
            if len(parts) >= n:
                items = parts[-n:]
        if items is None:
            before = [k for k, f in enumerate(figs) if f.nend <= m.start() and f.nstart >= head_start and not _is_date(f)]
            if len(before) >= n:
                items = [(figs[k].nstart - len(labels[k].before), figs[k].nstart) for k in before[-n:]]
        if items is None:
            continue
        for k, (a, b) in zip(chain, items):
            a = max(a, b - LABEL_CHARS)
            labels[k].before = norm[a:b]
            labels[k].before_words = _words_between(spans, a, b)
            labels[k].item = True


PARALLEL_ITEM = 6  # characters: the items of a list whose figures follow it are names, not clauses


def _parallel_items(norm: str, figs: list[Figure], labels: list[Labels], spans: list[tuple[int, int, str]]) -> None:
    """A list of items, then as many bare figures joined as a list, without 分别: each figure
    is its own item's, in order (进口、出口整体通关时间比上年压缩56.36%和61.19%).

    Each figure after the first has no words of its own, so all took the words before the
    first (出口整体通关时间…), and a claim that 出口 was cut by 56.36% was supported.  The
    items before the last are the list's short parts; the last is cut to as many words as
    the shortest of them (出口, not the words the items share).
    """
    for chain in _chains(norm, figs):
        n = len(chain)
        first = figs[chain[0]]
        if any(labels[j].item for j in chain):
            continue
        # A date before the list belongs to the sentence (比上年压缩), not to one item.
        lo = max([f.nend for f in figs if f.nend <= first.nstart and not _is_date(f)] + [_sentence_start(norm[: first.nstart])])
        parts = _split_spans(norm, lo, first.nstart)
        if len(parts) < n:
            continue
        items = parts[-n:]
        if not all(0 < b - a <= PARALLEL_ITEM and _content(norm[a:b]) for a, b in items[:-1]):
            continue
        size = min(len(_words_between(spans, a, b)) for a, b in items[:-1])
        last = _words_between(spans, *items[-1])[:size]
        items[-1] = (items[-1][0], items[-1][0] + sum(map(len, last)))
        for j, (a, b) in zip(chain, items):
            labels[j].before = norm[a:b]
            labels[j].before_words = _words_between(spans, a, b)
            labels[j].item = True


def _split_spans(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """The spans of the list items in norm[a:b], split at commas and joining words."""
    out = []
    start = a
    for m in _LIST_SPLIT.finditer(norm, a, b):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if b > start:
        out.append((start, b))
    return out


def _coverage(words: list[str], where: str, df: dict[str, int]) -> float:
    """The share of a label's words that the claim's text holds.

    Each word weighs its length over the number of competing labels that have
    it (企业 in 国家级专精特新企业86家、省级企业412家 tells the items apart
    less than 省级); a one-character word counts only next to a neighbouring
    word of the label (宁波站 is not found in 宁波东站).
    """
    content = [w for w in (_content(x) for x in words) if w]
    total = found = 0.0
    for k, w in enumerate(content):
        weight = len(w) / df.get(w, 1)
        total += weight
        if len(w) == 1:
            prev = content[k - 1] if k else ""
            nxt = content[k + 1] if k + 1 < len(content) else ""
            last = k == len(content) - 1
            # 长288米、宽33米: a one-character label is found right before the claim's figure.
            ok = bool((prev and prev + w in where) or (nxt and w + nxt in where) or (last and where.endswith(w)))
        else:
            ok = w in where
        found += weight if ok else 0.0
    return found / total if total else 0.0


def _label_score(c: Labels, s: Labels, df_before: dict[str, int], df_after: dict[str, int]) -> float:
    """How surely claim and source figure belong to the same item (0 = no sign).

    The mean, over both sides of the figure, of the share of the source
    figure's label words found around the claim's figure (a side with no
    words on either text counts as 0.5): before it (国家标准 | 344项
    is all found in 制定国家标准344项, 累计主导参与制定国际标准 | 48项 lacks
    国际标准; a 分别 item may stand anywhere before the claim's figure) and
    right after it (52个 | 贫困县; 2021年6月 | 完成主体结构).
    """
    unknown = 0.5  # a side where either text has no words: no sign either way
    before = after = unknown
    if any(_content(w) for w in s.before_words):
        where = _content(c.before + c.window if s.item or c.item else c.before)
        before = _coverage(s.before_words, where, df_before)
    first = _after_words(s)
    mine = _after_words(c)
    if first and mine:
        # Both ways: 7人初步确诊 is not 3人确诊, though 确诊 is in 初步确诊.
        after = (_coverage(first, "".join(mine), df_after) + _coverage(mine, "".join(first), {})) / 2
    return (before + after) / 2


AFTER_WORDS = 4  # 有10年处于法例实施前、5年处于法例实施后: the fourth word tells them apart


def _after_words(label: Labels) -> list[str]:
    return [w for w in (_content(x) for x in label.after_words) if w][:AFTER_WORDS]


_FILLER = regex(r"[\s\"'()]|的|了|分别|其中|此外|另外|同时")  # words that tell no item (其中 starts many)


def _content(text: str) -> str:
    """A label without spaces, brackets and words that tell nothing (的, 分别)."""
    return _FILLER.sub("", text)


def assign_figures(
    claim_figs: list[Figure],
    source_figs: list[Figure],
    *,
    claim_norm: str,
    source_norm: str,
    source_at: Callable[[int], int | None] | None = None,
    claim_words: list[str] | None = None,
    source_words: list[str] | None = None,
) -> dict[int, int]:
    """Which source figure (index) is each claim figure's (index) counterpart: one assignment.

    A pair's strength is, in order: how well the source figure's own label (the
    words right before it, the item of a 分别 list, the words right after it)
    is found around the claim figure; among figures the source labels alike,
    the figure the claim states; then where the alignment of claim and source
    puts the claim figure (``source_at`` maps a claim position to a source
    position).  The strongest pairs are
    taken first and a source figure serves one claim figure.
    """
    if not claim_figs or not source_figs:
        return {}
    cl = figure_labels(claim_norm, claim_figs, claim_words)
    sl = figure_labels(source_norm, source_figs, source_words)
    options: list[tuple[tuple, int, int]] = []
    for i, c in enumerate(claim_figs):
        # Where the alignment puts the figure's first and last characters: a
        # figure whose digits align with two different source figures (2.55 with
        # 2.4 and .55) is placed by each end for half.
        ends = [source_at(c.nstart), source_at(c.nend - 1)] if source_at else []
        ends = [e for e in ends if e is not None]
        rivals = [j for j, s in enumerate(source_figs) if comparable(c, s)]
        df_before = _label_df([sl[j].before_words for j in rivals])
        df_after = _label_df([_after_words(sl[j]) for j in rivals])
        around = _content(cl[i].window)
        for j in rivals:
            s = source_figs[j]
            label = _label_score(cl[i], sl[j], df_before, df_after)
            position = sum(_nearness(e, s) for e in ends) / len(ends) if ends else 0.0
            # The label decides.  Where the source gives items the very same label
            # (走上10遍、20遍; 较2014年及2009年), it says each of them, so the figure the
            # claim states is the one; otherwise the alignment places the figure.  A range is
            # the counterpart of a range (价格上涨8.2%—20.5% against 猪肉价格上涨97.0%。
            # 牛肉…价格涨幅在7.3%—20.4%之间), where the source has one.
            alike = [k for k in rivals if _same_label(sl[k], sl[j])]  # j itself among them
            twin = len(alike) > 1
            # Items the source labels alike (服务类投诉402件，占投诉总量的65.7%；商品类投诉210件，占投诉
            # 总量的34.3%) are told apart by the clause before the label.
            context = 0
            if twin and any(_content(w) for w in sl[j].before_words):
                context = _told_apart(j, alike, sl, around, source_norm, source_figs)
            key = ((c.form == "range") == (s.form == "range"), round(label, 2), context, twin and agreement(c, s) == "match",
                   round(position, 6), len(sl[j].before), -abs(i - j))
            options.append((key, i, j))
    options.sort(key=lambda o: o[0], reverse=True)
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in options:
        if i in chosen or j in used:
            continue
        chosen[i] = j
        used.add(j)
    _twins_by_neighbour(claim_figs, source_figs, sl, chosen, claim_norm)
    # A sum in another currency is the same item's figure said otherwise (港币20元 / 20美元):
    # paired, and it disagrees.
    for i, c in enumerate(claim_figs):
        if i in chosen or c.kind != "money":
            continue
        others = [j for j, s in enumerate(source_figs) if j not in used and s.kind == "money" and s.unit != c.unit]
        if others:
            df_b = _label_df([sl[j].before_words for j in others])
            df_a = _label_df([_after_words(sl[j]) for j in others])
            j = max(others, key=lambda j: _label_score(cl[i], sl[j], df_b, df_a))
            chosen[i] = j
            used.add(j)
    return chosen


POSITION_WEIGHT = 0.4


def _told_apart(j: int, twins: list[int], sl: list[Labels], around: str, norm: str, figs: list[Figure]) -> int:
    """How much of what only source figure ``j``'s clause says (among figures labelled alike:
    服务类 | 占投诉总量的65.7%, 商品类 | 占投诉总量的34.3%) the claim has before its figure.

    0 for the items of one list (走上10遍、20遍; 聆听100万、200万市民): the words before the
    first are the whole list's, and the claim repeats them whichever item it gives."""
    twins = sorted(twins, key=lambda k: figs[k].nstart)
    for a, b in zip(twins, twins[1:]):
        if not any(is_cjk(ch) for ch in regex(_ITEM_SEP).sub("", norm[figs[a].nend : figs[b].nstart])):
            return 0
    # Each twin's own stretch: from the twin before it; the first one's as long as the second's, so
    # that it does not gain the words of a head the items share (集中开工，其中100亿元以上项目2个，
    # 10亿元以上项目6个).
    starts = {b: figs[a].nend for a, b in zip(twins, twins[1:])}
    starts[twins[0]] = figs[twins[0]].nstart - (figs[twins[1]].nstart - figs[twins[0]].nend)

    def own(k: int) -> set[str]:
        return {_content(w) for x, w in sl[k].window_words if x >= starts[k]}

    others = set().union(*(own(k) for k in twins if k != j))
    return sum(len(w) for w in own(j) - others if len(w) > 1 and w in around)


def _label_df(labels: list[list[str]]) -> dict[str, int]:
    """In how many of the competing labels each word stands."""
    df: dict[str, int] = {}
    for words in labels:
        for w in {_content(x) for x in words}:
            if w:
                df[w] = df.get(w, 0) + 1
    return df


def _same_label(a: Labels, b: Labels) -> bool:
    return [w for w in map(_content, a.before_words) if w] == [w for w in map(_content, b.before_words) if w] and (
        _after_words(a) == _after_words(b))


def _twins_by_neighbour(claim_figs: list[Figure], source_figs: list[Figure], sl: list[Labels],
                        chosen: dict[int, int], claim_norm: str) -> None:
    """Between source figures with the very same label, the one beside the counterpart of the
    claim's neighbouring figure (in place).

    使用GPU需要40块，延时300ms；而使用含光800仅需4块，延时150ms: a claim that the GPU needed 40块
    at 延时150ms took the 150ms it states, the twin of 300ms, and was supported.  Where the claim's
    figure before or after it is paired, the twin nearest that pair's source figure is the one.
    """
    for i in sorted(chosen):
        j = chosen[i]
        if _is_date(claim_figs[i]) or sl[j].item:
            continue  # a list's items (较2014年及2009年分别下跌12.5%和30.2%) are paired in order already
        owner = {v: x for x, v in chosen.items()}
        # A twin another claim figure took may be traded for this one's (items the claim gives in
        # another order: 10亿元以上项目6个、100亿元以上项目2个).
        twins = [k for k, s in enumerate(source_figs) if k != j and not sl[k].item
                 and comparable(claim_figs[i], s) and _same_label(sl[k], sl[j])
                 and (k not in owner or comparable(claim_figs[owner[k]], source_figs[j]))]
        c = claim_figs[i]
        anchors = []
        for x in (i - 1, i + 1):
            if x not in chosen or claim_figs[x].kind == "ordinal":
                continue  # an ordinal is part of a label (首架…专机5:38 / 5:38，首架…专机), no item's figure
            a, b = (claim_figs[x].nend, c.nstart) if x < i else (c.nend, claim_figs[x].nstart)
            # 40块，延时150ms: close, with words of the item between; not across clauses of words, nor
            # from one item of a list to the next (项目6个、100亿元以上).
            if b - a <= NEIGHBOUR_GAP and any(is_cjk(ch) for ch in claim_norm[a:b]):
                anchors.append((b - a, x > i, chosen[x]))
        anchors.sort()
        if not twins or not anchors:
            continue
        _, after, at = anchors[0]
        anchor = source_figs[at]

        def distance(k: int) -> tuple[bool, int]:
            # On the side of the anchor the claim puts it (10亿元以上项目6个: after its threshold),
            # then the nearest.
            wrong_side = (source_figs[k].nstart > anchor.nstart) == after
            return wrong_side, abs(source_figs[k].nstart - anchor.nstart)

        best = min(twins, key=distance)
        if distance(best) < distance(j):
            if best in owner:
                chosen[owner[best]] = j
            chosen[i] = best


NEIGHBOUR_GAP = 8  # characters between two claim figures that belong together (40块，延时150ms)


def _nearness(at: int, s: Figure) -> float:
    if s.nstart <= at < s.nend:
        return POSITION_WEIGHT
    return POSITION_WEIGHT / (1 + min(abs(at - s.nstart), abs(at - s.nend)) / 2)


def figure_checks(claim_figs: list[Figure], source_figs: list[Figure], chosen: dict[int, int]) -> list[FigureCheck]:
    """One check per claim figure, against its assigned source figure."""
    checks = []
    for i, c in enumerate(claim_figs):
        if c.kind == "unread":
            checks.append(FigureCheck(c.text, None, None, None, None, "unread", "could not read this figure"))
            continue
        j = chosen.get(i)
        if j is None:
            checks.append(FigureCheck(c.text, c.value, None, None, c.unit, "missing"))
            continue
        s = source_figs[j]
        if c.unit != s.unit and c.kind == s.kind == "money":
            checks.append(FigureCheck(c.text, c.value, s.text, s.value, c.unit, "mismatch",
                                      f"another currency: {c.unit} / {s.unit}"))
            continue
        status = agreement(c, s)
        note = "less precise in the source" if status == "imprecise" else None
        if s.resolved:
            note = f"{s.text} = {s.resolved}" + (f"; {note}" if note else "")
        checks.append(FigureCheck(c.text, c.value, s.text, s.value, c.unit or s.unit, status, note))
    return checks


def pair_figures(
    claim_figs: list[Figure],
    source_figs: list[Figure],
    *,
    claim_norm: str,
    source_norm: str,
    source_at: Callable[[int], int | None] | None = None,
) -> list[FigureCheck]:
    """``assign_figures`` then ``figure_checks``."""
    chosen = assign_figures(claim_figs, source_figs, claim_norm=claim_norm, source_norm=source_norm, source_at=source_at)
    return figure_checks(claim_figs, source_figs, chosen)


def decide(score: float, checks: list[FigureCheck], differences: list | None = None, *,
           negated_source: bool = True) -> str:
    """The verdict of one match (see the module docstring).

    ``negated_source``: whether a match that differs by a negation is surely the claim's
    source (``check`` decides it from the alignment); if not, the negation establishes nothing.
    """
    if score < PARTIAL:
        return "not_found"
    if score < STRONG:
        return "unverified"
    statuses = {c.status for c in checks}
    kinds = {d.kind for d in differences or []}
    if _only_dates_differ(checks):
        # 较3月6日增加13.44万人 against 9月，人民币贷款增加1.69万亿元: the passage states nothing of
        # the claim's own figure, so another date in it is no sign that it says otherwise.
        statuses = statuses - {"mismatch"}
    if "mismatch" in statuses or kinds & {"entity", "direction", "count"}:
        return "contradicted"
    if "negation" in kinds:
        return "contradicted" if negated_source else "unverified"
    if statuses - {"match"} or "word" in kinds:
        return "unverified"  # missing, imprecise, unread figures; words with no counterpart
    return "supported"


def _only_dates_differ(checks: list[FigureCheck]) -> bool:
    """Whether the figures that disagree are all dates while a figure of another kind has no counterpart."""
    dated = [isinstance(c.claim_value, str) for c in checks]  # a date's value is its ISO string
    mismatched = [d for c, d in zip(checks, dated) if c.status == "mismatch"]
    return bool(mismatched) and all(mismatched) and any(c.status == "missing" and not d for c, d in zip(checks, dated))
