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
    status: str  # match | mismatch | missing


def _is_date(f: Figure) -> bool:
    return f.date is not None


def comparable(c: Figure, s: Figure) -> bool:
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


def agrees(c: Figure, s: Figure) -> bool:
    if _is_date(c):
        if c.kind == "range" or s.kind == "range":
            a, b = _year_of(c), _year_of(s)
            return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]
        return all(a == b for a, b in zip(c.date, s.date) if a is not None and b is not None)
    inf = float("inf")
    if c.high == s.high == inf or (c.low == s.low == 0 and c.high != c.low and s.high != s.low):
        # Both open on the same side (超9500 / 超过5900, 不到5% / 不足6%): the stated bounds must agree.
        return _close(c.low, s.low) and _close(c.high, s.high)
    lo = max(c.low, s.low)
    hi = min(c.high, s.high)
    if _close(lo, hi):
        # Touching intervals: 30多 = [30, 40) does not agree with 20多 = [20, 30).
        return not (c.open_high and _close(c.high, lo)) and not (s.open_high and _close(s.high, lo))
    return lo <= hi


def _close(a: float, b: float) -> bool:
    if a == b:
        return True
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def _context_similarity(a: str, b: str) -> int:
    ga = {a[i : i + 2] for i in range(len(a) - 1)}
    gb = {b[i : i + 2] for i in range(len(b) - 1)}
    return len(ga & gb)


def pair_figures(claim_figs: list[Figure], source_figs: list[Figure]) -> list[FigureCheck]:
    checks = []
    for c in claim_figs:
        candidates = [s for s in source_figs if comparable(c, s)]
        if not candidates:
            checks.append(FigureCheck(c.text, c.value, None, None, c.unit, "missing"))
            continue
        best = max(
            enumerate(candidates),
            key=lambda ks: (_context_similarity(c.context, ks[1].context), agrees(c, ks[1]), -ks[0]),
        )[1]
        status = "match" if agrees(c, best) else "mismatch"
        checks.append(FigureCheck(c.text, c.value, best.text, best.value, c.unit or best.unit, status))
    return checks


def decide(score: float, checks: list[FigureCheck]) -> str:
    if score < PARTIAL:
        return "not_found"
    if score < STRONG:
        return "unverified"
    statuses = {c.status for c in checks}
    if "mismatch" in statuses:
        return "contradicted"
    if "missing" in statuses:
        return "unverified"
    return "supported"
