"""Decide what a source says about a claim: pair the figures, then give a verdict.

Pairing: each figure of the claim is compared with the source figure that
plays the same role: the same kind of thing (a date with a date, a quantity
with a quantity in the same unit or measure word) and the most similar words
before it (shared character bigrams), value agreement breaking ties.  In lists
with 分别 each value carries its own item's words (see ``figures``).

Agreement: intervals overlap (超5900件 agrees with 超过5900件, 40多万家 with
40万余家, 1.39万人 with 13900人); dates agree on every part both state.

Verdict of a match:

* ``supported``: the text matches strongly and every figure of the claim agrees;
* ``contradicted``: the text matches strongly (this is the claim's source) and
  at least one figure disagrees;
* ``unverified``: a figure of the claim has no counterpart, or the match is partial;
* ``not_found``: no match reaches ``PARTIAL``.

Thresholds were calibrated on the seeds and on People's Daily claims (see
tests/benchmarks/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .figures import Figure

STRONG = 70.0
PARTIAL = 50.0
TOLERANCE = 1e-9


@dataclass
class FigureCheck:
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
    if _is_date(c) != _is_date(s):
        return False
    if _is_date(c):
        if c.kind == "range" or s.kind == "range":
            return _year_of(c) is not None and _year_of(s) is not None
        return any(a is not None and b is not None for a, b in zip(c.date, s.date))
    return c.unit == s.unit


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
        return "match" if _close(c.stated[0], s.stated[0]) and _close(c.stated[1], s.stated[1]) else "mismatch"
    if _inside(s, c):
        return "match"
    if not _overlap(c, s):
        return "mismatch"
    return "imprecise"


def agrees(c: Figure, s: Figure) -> bool:
    return agreement(c, s) == "match"


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
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


# ---------------------------------------------------------------- labels

# A figure's label stops at clause punctuation, and a list item's at 、 or at a
# joining word right after the previous figure (国际标准48项、国家标准344项;
# 52个贫困县和1113个贫困村).
_JOINERS = ("和", "及", "与", "以及", "或")
_FENBIE = "分别"
_LIST_SPLIT = re.compile(r"[、,]|以及|和|及|与")
LABEL_CHARS = 14


@dataclass
class Labels:
    before: str  # the item's own words before the figure
    after: str  # and after it
    window: str  # the wider text before the figure (claim side)
    item: bool = False  # ``before`` is a list item named elsewhere (分别)


def figure_labels(norm: str, figs: list[Figure]) -> list[Labels]:
    """The label of each figure of a normalised text (see the module docstring)."""
    out = []
    for k, f in enumerate(figs):
        lo = 0
        for g in figs[:k]:
            if not _is_date(g) and g.nend <= f.nstart:
                lo = max(lo, g.nend)
        before = _tail_until_stop(norm[lo : f.nstart])[-LABEL_CHARS:]
        before = _strip_joiner_head(before)
        hi = len(norm)
        for g in figs[k + 1 :]:
            if not _is_date(g) and g.nstart >= f.nend:
                hi = min(hi, g.nstart)
                break
        after = _head_until_stop(norm[f.nend : hi])[:8]
        for j in _JOINERS:
            if after.endswith(j):
                after = after[: -len(j)]
        wstart = max(0, f.nstart - 24)
        window = norm[wstart : f.nstart]
        out.append(Labels(before, after, window[_sentence_start(window) :]))
    _fenbie_items(norm, figs, out)
    return out


# A sentence ends at . ; ! ? (normalised 。 is '.'), but a '.' between digits is a decimal point.
_SENTENCE_STOP = re.compile(r"[;!?]|(?<!\d)\.|\.(?!\d)")


def _sentence_start(text: str) -> int:
    """Where the last sentence of ``text`` starts."""
    return max((m.end() for m in _SENTENCE_STOP.finditer(text)), default=0)


_CLAUSE_STOP = re.compile(r"[,;:!?、\"()\[\]]|(?<!\d)\.|\.(?!\d)")


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


def _fenbie_items(norm: str, figs: list[Figure], labels: list[Labels]) -> None:
    """With 分别, each value of the list after it takes its own item's label, in order.

    The items are, in this order of preference: a list between 分别 and the
    values (分别比上月和上年同期多…), a list in the clause before 分别
    (贵阳站、贵阳东站…增幅分别达到; 较2014年及2009年分别下跌), or the figures
    before 分别 in the sentence (…37人，…1.39万人，…6700多人，分别同比增长…).
    """
    for m in re.finditer(_FENBIE, norm):
        chain: list[int] = []
        for k, f in enumerate(figs):
            if f.nstart < m.end() or _is_date(f):
                continue
            gap = norm[figs[chain[-1]].nend : f.nstart] if chain else norm[m.end() : f.nstart]
            if chain and not re.fullmatch(r"[,、]|和|及|与|以及", gap):
                break
            if not chain and re.search(r"[.;!?,]", gap):
                break
            chain.append(k)
        if len(chain) < 2:
            continue
        n = len(chain)
        between = norm[m.end() : figs[chain[0]].nstart]
        parts = [p for p in _LIST_SPLIT.split(between) if p]
        items: list[str] | None = parts if len(parts) == n else None
        if items is None:
            clause = _tail_until_stop(norm[: m.start()].rstrip(",")) if not norm[: m.start()].endswith(",") else ""
            parts = [p for p in _LIST_SPLIT.split(clause) if p]
            if len(parts) == n:
                items = parts
        if items is None:
            sent_start = _sentence_start(norm[: m.start()])
            before = [k for k, f in enumerate(figs) if sent_start <= f.nstart and f.nend <= m.start() and not _is_date(f)]
            if len(before) >= n:
                items = [labels[k].before for k in before[-n:]]
        if items is None:
            continue
        for k, item in zip(chain, items):
            labels[k].before = item[-LABEL_CHARS:]
            labels[k].item = True


def _suffix_found(label: str, text: str) -> int:
    """Length of the longest suffix of ``label`` that occurs in ``text``."""
    best = 0
    for k in range(1, len(label) + 1):
        if label[-k:] in text:
            best = k
        else:
            break
    return best


def _prefix_found(label: str, text: str) -> int:
    best = 0
    for k in range(1, len(label) + 1):
        if label[:k] in text:
            best = k
        else:
            break
    return best


def _label_score(c: Labels, s: Labels) -> float:
    """How surely claim and source figure belong to the same item (0 = no sign)."""
    score = 0.0
    src = _content(s.before)
    if src:
        # A list item named elsewhere (分别) may stand anywhere before the claim's figure.
        where = c.before + c.window if s.item or c.item else c.before
        found = _suffix_found(src, _content(where))
        score += found / len(src) if found >= min(2, len(src)) else 0.0
    after = _content(s.after)
    if after and c.after:
        found = _prefix_found(after, _content(c.after)[:12])
        score += 0.5 * found / len(after) if found >= min(2, len(after)) else 0.0
    return score


_FILLER = re.compile(r"[\s\"'()]|的")


def _content(text: str) -> str:
    return _FILLER.sub("", text)


def pair_figures(
    claim_figs: list[Figure],
    source_figs: list[Figure],
    *,
    claim_norm: str,
    source_norm: str,
    source_at: Callable[[int], int | None] | None = None,
) -> list[FigureCheck]:
    """Pair each claim figure with the source figure of the same item, as one assignment.

    A pair's strength is, in order: how well the source figure's own label (the
    words right before it, the item of a 分别 list, the words right after it)
    is found around the claim figure; where the alignment of claim and source
    puts the claim figure (``source_at`` maps a claim position to a source
    position); value agreement only breaks exact ties.  The strongest pairs are
    taken first and a source figure serves one claim figure.
    """
    cl = figure_labels(claim_norm, claim_figs)
    sl = figure_labels(source_norm, source_figs)
    options: list[tuple[tuple, int, int]] = []
    for i, c in enumerate(claim_figs):
        at = source_at(c.nstart) if source_at else None
        for j, s in enumerate(source_figs):
            if not comparable(c, s):
                continue
            label = _label_score(cl[i], sl[j])
            if at is None:
                position = 0.0
            elif s.nstart <= at < s.nend:
                position = 0.5
            else:
                dist = min(abs(at - s.nstart), abs(at - s.nend))
                position = 0.5 / (1 + dist / 2)
            status = agreement(c, s)
            options.append(((round(label + position, 6), status == "match", -abs(i - j)), i, j))
    options.sort(key=lambda o: o[0], reverse=True)
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in options:
        if i in chosen or j in used:
            continue
        chosen[i] = j
        used.add(j)
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
        status = agreement(c, s)
        note = None
        if status == "imprecise":
            note = "less precise in the source"
        if s.resolved:
            note = f"{s.text} = {s.resolved}" + (f"; {note}" if note else "")
        checks.append(FigureCheck(c.text, c.value, s.text, s.value, c.unit or s.unit, status, note))
    return checks


def decide(score: float, checks: list[FigureCheck]) -> str:
    if score < PARTIAL:
        return "not_found"
    if score < STRONG:
        return "unverified"
    statuses = {c.status for c in checks}
    if "mismatch" in statuses:
        return "contradicted"
    if statuses - {"match"}:
        return "unverified"  # missing, imprecise, unread
    return "supported"
