"""One alignment of a claim and a source passage, computed once per match.

Ranking computes it (``align``) to score a candidate; the same object then
gives the highlights, the position of each claim figure in the source (for
figure pairing) and the claim's words with no counterpart (for word
differences), so these never disagree about what matched what.

Each clause of the claim (split at punctuation, so swapped clauses still
match) is aligned with the whole source on its own: rapidfuzz's
``Indel.opcodes`` gives the characters they share in order, and the window of
the source that ``partial_ratio_alignment`` finds for the clause is tried too,
because it resists chance matches scattered over a long sentence; the one
covering more of the clause is kept.  A clause's runs are those lying closest
together (``_compact``), and a clause does not take again the source an earlier
one took where another stretch holds it as well (``REUSED``).  Runs of one
character are ignored as chance.  A *block* is ``(claim start, source start,
length)``; offsets are in the normalised texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .patterns import regex

MIN_BLOCK = 2

# A point between digits is a decimal point (3.2%), not the end of a clause.
_CLAUSE = regex(r'(?:[,;:!?"()\[\]<>{}~—…·/\\|，。；：！？、]|(?<![0-9])\.|\.(?![0-9]))+')


# A claim's clauses: quotation and title marks (all '"' once normalised) stand inside a clause:
# 限制台湾《壹周刊》不得跨境传输 is one statement, and 壹周刊 aligned on its own found the source's
# later 壹周刊 while the source says 苹果日报 right there.
_CLAIM_CLAUSE = regex(r'(?:[,;:!?()\[\]<>{}~—…·/\\|，。；：！？、]|(?<![0-9])\.|\.(?![0-9]))+')


def clauses(norm: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a normalised claim, split at punctuation (not at quotes)."""
    spans = []
    start = 0
    for m in _CLAIM_CLAUSE.finditer(norm):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(norm):
        spans.append((start, len(norm)))
    return spans


@dataclass
class Gap:
    """A stretch of the claim between two aligned blocks, and the source stretch opposite it."""

    claim: tuple[int, int]
    source: tuple[int, int] | None  # None at a clause's edge, where nothing is opposite


@dataclass
class Alignment:
    """The claim and a source, aligned: the blocks they share, by claim clause."""

    claim: str
    source: str
    blocks: list[tuple[int, int, int]] = field(default_factory=list)  # by claim clause, in order
    clause_spans: list[tuple[int, int]] = field(default_factory=list)
    # Runs of the claim found elsewhere in the source, out of order (八卦田驿占地面积 /
    # 占地面积约100平方米的“八卦田驿”): they count for coverage and highlights, not for placing.
    moved: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def placed(self) -> list[tuple[int, int, int]]:
        """The blocks that place claim words opposite source words: ``blocks`` without strays.

        A short block far from its neighbours in the source counts for the
        score (东阳 named early in the source sentence is still the claim's
        东阳) but says nothing about what stands opposite what.
        """
        if self._placed is None:
            self._by_clause = {(a, b): drop_strays([blk for blk in self.blocks if a <= blk[0] < b])
                               for a, b in self.clause_spans}
            self._placed = [blk for blocks in self._by_clause.values() for blk in blocks]
        return self._placed

    _placed: list[tuple[int, int, int]] | None = field(default=None, init=False, repr=False)
    # The placed blocks of each clause span: figure pairing and word differences ask for them
    # position by position, dozens of times per match.
    _by_clause: dict[tuple[int, int], list[tuple[int, int, int]]] = field(default_factory=dict, init=False, repr=False)
    _gaps: tuple[Gap, ...] | None = field(default=None, init=False, repr=False)

    def placed_in(self, a: int, b: int) -> list[tuple[int, int, int]]:
        """The placed blocks of the claim clause [a, b)."""
        placed = self.placed
        blocks = self._by_clause.get((a, b))
        return list(blocks) if blocks is not None else [blk for blk in placed if a <= blk[0] < b]

    def claim_covered(self, *, placed: bool = False) -> list[bool]:
        flags = [False] * len(self.claim)
        for c, _, n in self.placed if placed else self.blocks + self.moved:
            flags[c : c + n] = [True] * n
        return flags

    def source_covered(self) -> list[bool]:
        flags = [False] * len(self.source)
        for _, s, n in self.blocks + self.moved:
            flags[s : s + n] = [True] * n
        return flags

    def source_spans(self) -> list[tuple[int, int]]:
        return runs(self.source_covered())

    def _clause_blocks(self, pos: int) -> list[tuple[int, int, int]]:
        for a, b in self.clause_spans:
            if a <= pos < b or (pos == b and a < b):
                return self.placed_in(a, b)
        return []

    def source_at(self, pos: int) -> int | None:
        """Where claim position ``pos`` falls in the source, by the blocks of its clause."""
        blocks = self._clause_blocks(pos)
        for c, s, n in blocks:
            if c <= pos < c + n:
                return s + pos - c
        before = [blk for blk in blocks if blk[0] + blk[2] <= pos]
        if before:
            c, s, n = before[-1]
            return min(len(self.source), s + n + (pos - c - n))
        after = [blk for blk in blocks if blk[0] > pos]
        if after:
            c, s, _ = after[0]
            return max(0, s - (c - pos))
        return None

    def gaps(self) -> tuple[Gap, ...]:
        """Every stretch of the claim not aligned, with the source stretch opposite it.

        Between two blocks of one clause the opposite stretch is the source
        between them (possibly empty: the claim adds words there); before the
        first block and after the last, it is the source up to the clause
        punctuation on that side.  Stretches of the source skipped between two
        blocks where the claim has nothing are gaps with an empty claim side.
        Worked out once (word differences ask for them word by word); a tuple, so no caller changes them.
        """
        if self._gaps is not None:
            return self._gaps
        out: list[Gap] = []
        for a, b in self.clause_spans:
            blocks = self.placed_in(a, b)
            if not blocks:
                out.append(Gap((a, b), None))
                continue
            c0, s0, _ = blocks[0]
            if c0 > a:
                out.append(Gap((a, c0), (self._clause_start(s0), s0)))
            for (c1, s1, n1), (c2, s2, _) in zip(blocks, blocks[1:]):
                if c2 > c1 + n1 or s2 > s1 + n1:
                    out.append(Gap((c1 + n1, c2), (s1 + n1, max(s1 + n1, s2))))
            c, s, n = blocks[-1]
            if c + n < b:
                out.append(Gap((c + n, b), (s + n, self._clause_end(s + n))))
        self._gaps = tuple(out)
        return self._gaps

    def _clause_start(self, pos: int) -> int:
        i = pos
        while i > 0 and not _CLAUSE.match(self.source, i - 1):
            i -= 1
        return i

    def _clause_end(self, pos: int) -> int:
        i = pos
        while i < len(self.source) and not _CLAUSE.match(self.source, i):
            i += 1
        return i


def runs(flags: list[bool]) -> list[tuple[int, int]]:
    spans = []
    start = None
    for i, f in enumerate(flags + [False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            spans.append((start, i))
            start = None
    return spans


@lru_cache(maxsize=1)
def _rapidfuzz():
    """rapidfuzz's pieces, imported on first use (not at start-up) and once."""
    from rapidfuzz.distance import Indel
    from rapidfuzz.fuzz import partial_ratio_alignment

    return Indel, partial_ratio_alignment


def _clause_blocks(clause: str, source: str) -> list[tuple[int, int, int]]:
    """(clause start, source start, length) of the runs a clause shares with a source, in order."""
    Indel, partial_ratio_alignment = _rapidfuzz()

    def blocks(target: str, window: str, offset: int) -> list[tuple[int, int, int]]:
        equal = [
            (s1, offset + s2, e1 - s1)
            for tag, s1, e1, s2, _ in Indel.opcodes(target, window).as_list()  # tuples: cheaper than Opcode objects
            if tag == "equal"
        ]
        # Runs of one character are chance, once the runs are as long as the texts allow.
        return [b for b in _tighten(target, source, equal) if b[2] >= MIN_BLOCK]

    best = _compact(blocks(clause, source, 0), len(clause))
    if len(clause) < len(source) and sum(n for _, _, n in best) < len(clause):
        al = partial_ratio_alignment(clause, source)
        if al is not None and al.score > 0:
            pad = max(2, len(clause) // 4)
            s0, s1 = max(0, al.dest_start - pad), min(len(source), al.dest_end + pad)
            windowed = blocks(clause, source[s0:s1], s0)
            if sum(n for _, _, n in windowed) > sum(n for _, _, n in best):
                best = windowed
    return best


def _tighten(clause: str, source: str, blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The blocks as runs as long as the texts allow: a block next to the following one in the clause
    moves next to it in the source where the source holds it there too, and every block grows over
    equal characters on either side.

    The longest common subsequence is one of many of the same length, and the one rapidfuzz returns
    breaks runs the texts share: in 2019年1月CPI同比上涨1.7% against 发布2019年1月全国居民消费价格指数
    (CPI)和…数据：CPI同比上涨1.7%, it took the 2 of 2月17日 and the CPI in brackets, so 2019 and
    CPI同比上涨 were each cut in two, and CPI同比上涨 stood opposite 全国居民 as a word with no
    counterpart; in 鲜果价格 against 鲜菜、鲜果和水产品价格 it took 鲜 from 鲜菜 and 果 from 鲜果, and
    both, one character each, were dropped.  Blocks are given with offsets in the texts themselves.
    """
    if not blocks:
        return blocks
    out = [list(b) for b in blocks]
    k = 0
    while k + 1 < len(out):
        c1, s1, n1 = out[k]
        c2, s2, n2 = out[k + 1]
        if c1 + n1 == c2 and s1 + n1 != s2:
            low = out[k - 1][1] + out[k - 1][2] if k else 0
            high = out[k + 2][1] if k + 2 < len(out) else len(source)
            # The shorter block moves to the longer one, where the source holds it there.
            left = s2 - n1 >= low and source[s2 - n1 : s2] == clause[c1 : c1 + n1]
            right = s1 + n1 + n2 <= high and source[s1 + n1 : s1 + n1 + n2] == clause[c2 : c2 + n2]
            if left and (n1 <= n2 or not right):
                out[k : k + 2] = [[c1, s2 - n1, n1 + n2]]
                continue
            if right:
                out[k : k + 2] = [[c1, s1, n1 + n2]]
                continue
        k += 1
    for k, b in enumerate(out):
        c, s, n = b
        c_low = out[k - 1][0] + out[k - 1][2] if k else 0
        s_low = out[k - 1][1] + out[k - 1][2] if k else 0
        while c > c_low and s > s_low and clause[c - 1] == source[s - 1]:
            c, s, n = c - 1, s - 1, n + 1
        c_high = out[k + 1][0] if k + 1 < len(out) else len(clause)
        s_high = out[k + 1][1] if k + 1 < len(out) else len(source)
        while c + n < c_high and s + n < s_high and clause[c + n] == source[s + n]:
            n += 1
        out[k] = [c, s, n]
    merged: list[tuple[int, int, int]] = []
    for c, s, n in out:
        if merged and merged[-1][0] + merged[-1][2] == c and merged[-1][1] + merged[-1][2] == s:
            pc, ps, pn = merged.pop()
            merged.append((pc, ps, pn + n))
        else:
            merged.append((c, s, n))
    return merged


SPREAD = 3  # a clause's blocks lie within this many times its length of source,
SPREAD_SLACK = 12  # plus this many characters


def _compact(blocks: list[tuple[int, int, int]], size: int) -> list[tuple[int, int, int]]:
    """The blocks of one clause that lie closest together: the most characters within
    ``SPREAD`` times the clause's length (plus ``SPREAD_SLACK``) of source.

    The longest common subsequence takes a clause's words from anywhere in a long passage:
    持续降低我国核电的安全水平 found its 持续降低, 我国核电 and 水平 in three sentences of a
    paragraph that says 持续提高 of safety, and scored 98.7.  Words left out here still count
    where the passage holds most of the claim (``_moved``), but a clause pieced together from
    scattered words is no longer its source.
    """
    if len(blocks) < 2:
        return blocks
    limit = SPREAD * size + SPREAD_SLACK
    if blocks[-1][1] + blocks[-1][2] - blocks[0][1] <= limit:
        return blocks
    best = (0, 0, 0)  # (characters, first, last + 1)
    first = total = 0
    for last, (_, s, n) in enumerate(blocks):
        total += n
        while s + n - blocks[first][1] > limit:
            total -= blocks[first][2]
            first += 1
        if total > best[0]:
            best = (total, first, last + 1)
    return blocks[best[1] : best[2]]


STRAY_BLOCK = 2  # blocks this short
STRAY_GAP = 6  # whose source lies this much further from their neighbours than in the claim


def drop_strays(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Without the short blocks that the longest common subsequence fetched from far away.

    In 减少对大学的依赖，增加谈判筹码 the clause 减少谈判筹码 shares 减少 with
    the first clause and 谈判筹码 with the second: its 减少 stands opposite
    增加, not opposite the other 减少.
    """
    out = []
    for k, (c, s, n) in enumerate(blocks):
        if n <= STRAY_BLOCK and len(blocks) > 1:
            near = []
            if k > 0:
                pc, ps, pn = blocks[k - 1]
                near.append((s - (ps + pn)) - (c - (pc + pn)) <= STRAY_GAP)
            if k + 1 < len(blocks):
                nc, ns, _ = blocks[k + 1]
                near.append((ns - (s + n)) - (nc - (c + n)) <= STRAY_GAP)
            if not any(near):
                continue
        out.append((c, s, n))
    return out


def align(claim: str, source: str) -> Alignment:
    """Align each clause of ``claim`` (normalised) with ``source`` (normalised)."""
    spans = clauses(claim)
    placed: dict[tuple[int, int], list[tuple[int, int, int]]] = {}  # each clause's blocks, relative to it
    used = bytearray(len(source))  # source characters an earlier clause stands opposite
    for a, b in spans:
        if b - a < MIN_BLOCK:
            continue
        found = _clause_blocks(claim[a:b], source)
        if placed and _taken(found, used) >= REUSED:
            # 有的能说、有的能说 against 有的能说、有的不能说: each clause is aligned on its own, so
            # both took the first 有的能说, and the 不 the claim dropped stood opposite nothing.
            # Where another stretch of the source holds the clause as well, it is that one.
            again = _clause_blocks(claim[a:b], _masked(source, used))
            if sum(n for *_, n in again) >= sum(n for *_, n in found):
                found = again
            else:
                _yield_to(claim, source, placed, found)
                used = _marks(len(source), [blk for blocks in placed.values() for blk in blocks])
        placed[a, b] = found
        used = _marks(len(source), found, used)
    out = [(a + c0, s0, n) for (a, _), blocks in placed.items() for c0, s0, n in blocks]
    covered = sum(n for _, _, n in out)
    words = sum(1 for c in claim if c.isalnum())
    # Words found out of order count only for a source that already holds most of the claim in
    # order: elsewhere they are chance, and would lift unrelated sentences towards a match.
    moved = _moved(claim, source, out, spans) if words and covered >= MOVED_SHARE * words else []
    return Alignment(claim, source, out, spans, moved)


def _marks(size: int, blocks: list[tuple[int, int, int]], marks: bytearray | None = None) -> bytearray:
    """``marks`` (or a new mask of ``size``) with the source characters under ``blocks`` marked."""
    out = marks if marks is not None else bytearray(size)
    for _, s0, n in blocks:
        out[s0 : s0 + n] = b"\1" * n
    return out


def _taken(blocks: list[tuple[int, int, int]], used: bytearray) -> int:
    """Characters of source under ``blocks`` that ``used`` marks."""
    return sum(sum(used[s : s + n]) for _, s, n in blocks)


def _masked(source: str, used: bytearray) -> str:
    """``source`` with the characters ``used`` marks blanked out (NUL matches no claim character)."""
    return "".join("\0" if u else ch for ch, u in zip(source, used))


def _yield_to(claim: str, source: str, placed: dict[tuple[int, int], list[tuple[int, int, int]]],
              found: list[tuple[int, int, int]]) -> None:
    """Earlier clauses give up the source ``found`` (the current clause's blocks) holds in a
    longer run than theirs, where another stretch serves them nearly as well.

    该学生就业信息为已就业，8月变为已就业 against 该学生就业信息为未就业，8月变为已就业: the first
    clause took 已就业 from the second clause of the source, where the second clause holds it
    within 8月变为已就业, and its 已 stood opposite nothing instead of opposite 未.  Given back,
    the first clause finds 就业 right after 未, and the changed word shows.
    """
    mine = _marks(len(source), found)
    for (x, y), blocks in placed.items():
        contested = [blk for blk in blocks if any(mine[blk[1] : blk[1] + blk[2]])]
        if not contested:
            continue
        theirs = max(n for *_, n in contested)
        ours = max((n for _, s0, n in found if any(s0 < s + m and s < s0 + n for _, s, m in contested)), default=0)
        if ours <= theirs:
            continue
        again = _clause_blocks(claim[x:y], _masked(source, mine))
        if sum(n for *_, n in blocks) - sum(n for *_, n in again) <= _taken(blocks, mine):
            placed[x, y] = again


REUSED = 3  # characters of source an earlier clause took: a later clause that takes as many again looks elsewhere first
MOVED_MIN = 2  # characters: a single character found out of order is chance
MOVED_SHARE = 0.5


def _moved(claim: str, source: str, blocks: list[tuple[int, int, int]], spans: list[tuple[int, int]]):
    """Runs of the claim no block covers that the source holds elsewhere, longest first."""
    covered = [False] * len(claim)
    for c, _, n in blocks:
        covered[c : c + n] = [True] * n
    used = [False] * len(source)
    for _, s, n in blocks:
        used[s : s + n] = [True] * n
    out: list[tuple[int, int, int]] = []
    for a, b in spans:
        for r0, r1 in runs([not f for f in covered[a:b]]):
            pending = [(a + r0, a + r1)]
            while pending:
                x, y = pending.pop()
                found = None
                for size in range(y - x, MOVED_MIN - 1, -1):
                    for k in range(x, y - size + 1):
                        at = source.find(claim[k : k + size])
                        while at >= 0 and any(used[at : at + size]):
                            at = source.find(claim[k : k + size], at + 1)
                        if at >= 0:
                            found = (k, at, size)
                            break
                    if found:
                        break
                if not found:
                    continue
                k, at, size = found
                out.append(found)
                used[at : at + size] = [True] * size
                pending += [(x, k), (k + size, y)]
    return out
