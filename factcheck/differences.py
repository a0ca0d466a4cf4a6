"""What a claim says that its source does not: another name, the other direction, a negation, a count, a word.

Figures are compared by ``verdict``; this module compares the words around
them, using the match's one ``Alignment`` of claim and source:

* **negation**: an aligned stretch with a negating word (不, 未, 没有, 无, 非 …)
  right before it on one side only (发展平衡 / 发展不平衡), or 已 facing 未, or a negated
  stretch the alignment fetched from further on where the source has the same words here
  not negated (今不认罪 / 今认罪，…则不认罪);
* **direction**: a claim word of one direction (增长, 上升, 盈利 …) where the
  source, at the aligned position or else anywhere in the passage, has only
  words of the other (下降, 亏损 …); lists in ``data/directions.txt``;
* **entity**: a claim word that is a name (a place, person or organisation:
  jieba's tags kept in the index, name endings such as 市 or 集团, surnames)
  not found in the source, where the source has another name opposite it or,
  for the subject left out of the passage, before it (湖州 / 东阳); a deputy on one side only
  (省委书记 / 省委副书记); another office where the passage gives the name one (区长 / 区委书记);
  a short term in quotation or title marks put in place of another (《壹周刊》 / 《苹果日报》,
  《主场》 / 《立场》); another part of a place or level of government (九龙中 / 九龙东, 市级 /
  省级); two parties swapped (美方向中方 / 中方向美方);
* **count**: a number written in words that stands where the source has another before the
  same words (五国元首 / 六国元首, 第二部 / 第一部): a figure no unit marks (``units.txt``
  leaves out 国, which is a word as often as a measure);
* **word**: any other content word of the claim not found in the passage, its
  article's title, byline or dateline, or the sentences just before it; and a
  figure's own measure word or item that differs from its source figure's
  (40多万家直播机构 / 40多万家网店).  Also a word put in place of another between
  two aligned stretches, found elsewhere or not (安全水平 / 运行管理水平); a
  direction word with none of its side where its clause stands (提高治疗效果 /
  巩固治疗效果); a negated verb the passage has nowhere (不碰政治).

A word counts as found when it, or a word of its synonym group
(``data/synonyms.txt``), occurs in the passage or that context.  Words that
carry no fact (``data/stopwords.txt``), figures, punctuation and single
characters never count against a claim.  The lists are data files so that a
newsroom can extend them.

Offsets here are in the normalised texts; ``check`` maps them to the texts as
printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .alignment import Alignment
from .lists import lines, sections
from .normalize import is_cjk
from .numerals import cn_number
from .patterns import longest_first, regex

KINDS = ("entity", "direction", "negation", "count", "word")


@dataclass
class Difference:
    kind: str  # entity | direction | negation | count | word
    claim: str
    source: str | None
    claim_span: list[int]  # [start, end) in the claim
    source_span: list[int] | None  # [start, end) in the match's text


@dataclass(eq=False)  # hashable by identity: one per process, cached
class Lexicon:
    directions: dict[str, tuple[int, int]]  # word -> (line, side)
    negators: list[str]  # longest first
    negation_pairs: set[tuple[str, str]]
    not_negations: set[str]
    synonyms: dict[str, frozenset[str]]
    stopwords: set[str]
    place_endings: tuple[str, ...]
    org_endings: tuple[str, ...]
    surnames: set[str]
    # Derived once: the last character of every negator, and one pattern that finds where
    # any negator starts (trying every negator at every character was a tenth of a lookup).
    negator_ends: frozenset[str] = field(init=False)
    negator_starts: re.Pattern = field(init=False)

    def __post_init__(self) -> None:
        self.negator_ends = frozenset(n[-1] for n in self.negators if n)
        self.negator_starts = regex("(?=" + "|".join(map(re.escape, self.negators)) + ")")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    directions: dict[str, tuple[int, int]] = {}
    synonyms: dict[str, frozenset[str]] = {}
    for k, ln in enumerate(lines("directions.txt")):
        sides = ln.split("|")
        for side, words in enumerate(sides[:2]):
            group = frozenset(words.split())
            for w in group:
                directions.setdefault(w, (k, side))
    for ln in lines("synonyms.txt"):
        group = frozenset(ln.split())
        for w in group:
            synonyms[w] = synonyms.get(w, frozenset()) | group
    neg = sections("negations.txt")
    ent = sections("entities.txt")
    return Lexicon(
        directions=directions,
        negators=sorted({w for ln in neg.get("negators", []) for w in ln.split()}, key=longest_first),
        negation_pairs={tuple(ln.split()[:2]) for ln in neg.get("pairs", []) if len(ln.split()) >= 2},  # type: ignore[misc]
        not_negations={w for ln in neg.get("not negations", []) for w in ln.split()},
        synonyms=synonyms,
        stopwords={w for ln in lines("stopwords.txt") for w in ln.split()},
        place_endings=tuple(w for ln in ent.get("place endings", []) for w in ln.split()),
        org_endings=tuple(w for ln in ent.get("organisation endings", []) for w in ln.split()),
        surnames={w for ln in ent.get("surnames", []) for w in ln.split()},
    )


# ---------------------------------------------------------------- helpers

class _Content:
    """Has a word a Chinese character or a Latin letter?  (A character class of the
    CJK ranges costs several milliseconds to compile on a cold lookup.)"""

    @staticmethod
    def search(word: str) -> bool:
        return any(is_cjk(c) or ("a" <= c.lower() <= "z") for c in word)


_CONTENT = _Content()


def _mask(n: int, spans: list[tuple[int, int]]) -> list[bool]:
    flags = [False] * n
    for a, b in spans:
        flags[max(0, a) : max(0, b)] = [True] * (max(0, b) - max(0, a))
    return flags


_COUNT_DIGITS = set("一二两三四五六七八九")
_COUNT_CHARS = _COUNT_DIGITS | set("十百千零〇")


def _is_count(text: str) -> bool:
    """Whether ``text`` is a number in words with a digit in it (五, 二十三; not 十 or 万 alone: 十分, 万分)."""
    return 0 < len(text) <= 4 and set(text) <= _COUNT_CHARS and not _COUNT_DIGITS.isdisjoint(text)


def _word_spans(words: list[str]) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for w in words:
        out.append((pos, pos + len(w), w))
        pos += len(w)
    return out


def _negator_before(text: str, pos: int, lex: Lexicon) -> str | None:
    """The negating word that ends at ``pos`` in ``text`` and negates what follows."""
    if pos <= 0 or text[pos - 1] not in lex.negator_ends:
        return None  # most positions: no negator ends there
    for neg in lex.negators:
        start = pos - len(neg)
        if start < 0 or text[start:pos] != neg:
            continue
        # 不断, 未来, 非常, 无论: the negating character starts another word.
        if any(text.startswith(w, start) for w in lex.not_negations):
            return None
        if any(text.startswith(w, start - 1) for w in lex.not_negations if start >= 1):
            return None  # 是否, 能否 …
        return neg
    return None


def _cjk_run(text: str, pos: int, limit: int = 0) -> str:
    """The run of Chinese characters of ``text`` from ``pos`` (at most ``limit`` if given)."""
    end = pos
    while end < len(text) and is_cjk(text[end]) and (not limit or end - pos < limit):
        end += 1
    return text[pos:end]


def _negators_in(text: str, lex: Lexicon) -> list[tuple[int, str]]:
    """Negating words of ``text`` (not 不断, 未来, 是否 …), with their positions."""
    out = []
    i = 0
    for m in lex.negator_starts.finditer(text):  # only where some negator starts
        if m.start() < i:
            continue
        for neg in lex.negators:
            if text.startswith(neg, m.start()) and _negator_before(text, m.start() + len(neg), lex) == neg:
                out.append((m.start(), neg))
                i = m.start() + len(neg)
                break
    return out


def _leading_negator(text: str, lex: Lexicon) -> str | None:
    if not lex.negator_starts.match(text):
        return None  # most stretches: no negator starts them
    for neg in lex.negators:
        if text.startswith(neg) and _negator_before(text, len(neg), lex) == neg:
            return neg
    return None


_PLACE_UNITS = set("省市县縣区區州镇鎮乡鄉村")  # 本站, 该台 name no place: a station or channel is a name


def _found(word: str, haystacks: tuple[str, ...], lex: Lexicon) -> bool:
    if len(word) == 2 and word[0] in "该該本" and word[1] in _PLACE_UNITS and any(word[1] in h for h in haystacks):
        return True  # 该省, 本市: the province or city the passage names (全省, 全市, 浙江省)
    options = lex.synonyms.get(word, frozenset()) | {word}
    line = lex.directions.get(word)
    if line is not None:  # 增加 counts as found where the source says 增长
        options |= {w for w, ls in lex.directions.items() if ls == line}
    if any(o in h for o in options for h in haystacks):
        return True
    if len(word) >= 4 and any(
        _found(word[:k], haystacks, lex) and _found(word[k:], haystacks, lex) for k in range(2, len(word) - 1)
    ):
        return True  # 同比增加: 同比 and 增加 (增长) are each found
    arabic = _NUMERAL.sub(_to_arabic, word)  # 十二时 / 12时, 九十后 / 90后
    if arabic != word and any(arabic in h for h in haystacks):
        return True
    return len(word) >= 2 and any(_abbreviates(word, h) for h in haystacks)


_NUMERAL = regex(r"[零〇一二两三四五六七八九十百千万亿]+")


def _to_arabic(m: re.Match) -> str:
    from .numerals import cn_number

    v = cn_number(m.group())
    return str(int(v)) if v is not None and v == int(v) else m.group()


def _abbreviates(word: str, text: str) -> bool:
    """``word`` is a shortening of words in ``text``: its characters in order within a short stretch (增至 / 增加至)."""
    span = 2 * len(word) + 1
    start = text.find(word[0])
    while start >= 0:
        pos = start + 1
        for ch in word[1:]:
            pos = text.find(ch, pos, start + span)
            if pos < 0:
                break
            pos += 1
        else:
            return True
        start = text.find(word[0], start + 1)
    return False


def name_kind(word: str, tag: str | None, lex: Lexicon) -> str | None:
    """place | person | organisation | None, from jieba's tag or the shape of the word.

    ``tag`` is jieba's tag for a name, "" for a word jieba knows that is not a
    name, None for a word it does not know (most personal names).
    """
    if tag == "ns" or (len(word) >= 3 and word.endswith(lex.place_endings)):
        return "place"
    if tag == "nt" or (len(word) >= 4 and word.endswith(lex.org_endings)):
        return "organisation"
    if tag in ("nr", "nrfg", "nrt"):
        return "person"
    if tag is None and 2 <= len(word) <= 4 and (word[0] in lex.surnames or word[:2] in lex.surnames):
        return "person"  # an unknown word made of a surname and a given name
    return None


# ---------------------------------------------------------------- the finder


def find_differences(
    al: Alignment,
    claim_words: list[str],
    *,
    claim_figures: list[tuple[int, int]],
    source_figures: list[tuple[int, int]],
    figure_pairs: list[tuple[tuple[int, int], tuple[int, int]]],
    context: str,
    tags: Callable[[set[str]], dict[str, str]],
    source_words: Callable[[], list[str]] | None = None,
) -> list[Difference]:
    """The differences of claim and source (normalised offsets), in claim order."""
    lex = lexicon()
    claim, source = al.claim, al.source
    cfig = _mask(len(claim), claim_figures)
    sfig = _mask(len(source), source_figures)
    covered = al.claim_covered(placed=True)
    out: list[Difference] = []
    flagged = [False] * len(claim)

    def add(kind: str, c: tuple[int, int], s_text: str | None, s: tuple[int, int] | None) -> None:
        c = (max(0, c[0]), min(len(claim), c[1]))
        if c[0] >= c[1] or any(flagged[c[0] : c[1]]):
            return
        flagged[c[0] : c[1]] = [True] * (c[1] - c[0])
        out.append(Difference(kind, claim[c[0] : c[1]], s_text, list(c), list(s) if s else None))

    # 1. Negations: an aligned stretch negated on one side only.
    for c, s, n in sorted(al.placed):
        if cfig[c] or sfig[s]:
            continue
        neg_c = _negator_before(claim, c, lex)
        neg_s = _negator_before(source, s, lex)
        if bool(neg_c) == bool(neg_s):
            continue
        word_end = c + min(n, 4)
        if neg_c:
            add("negation", (c - len(neg_c), word_end), source[s : s + min(n, 4)], (s, s + min(n, 4)))
        else:
            add("negation", (c, word_end), source[s - len(neg_s) : s + min(n, 4)], (s - len(neg_s), s + min(n, 4)))  # type: ignore[arg-type]
    # …and a negated stretch the alignment fetched from further on, where the source goes on from
    # the words before it with the same words not negated: 胡志伟今不认罪 against 胡志伟今认罪，
    # 何桂蓝…则不认罪 (the claim's 不认罪 aligned with the other people's).
    for (c1, s1, n1), (c, s, n) in zip(sorted(al.placed), sorted(al.placed)[1:]):
        neg = _leading_negator(claim[c : c + n], lex)
        word = claim[c + len(neg) : c + min(n, len(neg) + 4)] if neg else ""
        if (len(word) >= 2 and c1 + n1 == c and s > s1 + n1 and not cfig[c]
                and source.startswith(word, s1 + n1) and not _negator_before(source, s1 + n1, lex)):
            add("negation", (c, c + len(neg) + len(word)), word, (s1 + n1, s1 + n1 + len(word)))
    for start, neg in _negators_in(claim, lex):
        end = start + len(neg)
        if cfig[start]:
            continue
        if any(covered[start:end]):
            p = al.source_at(start) if covered[start] else None
            if p is not None and not _leading_negator(source[p : p + 8], lex):
                # 从来不是为自己的 against 從來不只是學校的責任: the claim's 不 stands opposite the 不
                # of 不只 (or 不断), which negates nothing.  The claim negates what the passage
                # does not; not said otherwise either, so a word, not a negation (unverified).
                shown = next((w for w in lex.not_negations if source.startswith(w, p)), source[p : p + len(neg)])
                add("word", (start, end), shown, (p, p + len(shown)))
            continue
        core = _cjk_run(claim, end, 2)
        # 不是 / 不能: the negated word may be the negator's own second character.
        word = core or neg[1:]
        if not word:
            continue
        span_end = end + len(word) if core else end
        places = [m.start() for m in re.finditer(re.escape(word), source)]  # a word of the claim: not for the cache
        kind = "negation"
        if not places and len(core) == 2 and not covered[end]:
            # 不是补现代化的短板 against 不断补足…的短板: the negated verb may be one character (补).
            # One character is found by chance too, so what differs is a word, not a negation.
            word, span_end, kind = core[0], end + 1, "word"
            places = [m.start() for m in re.finditer(re.escape(word), source)]
        at = al.source_at(end)
        if len(word) >= 2 and any(_negator_before(source, p, lex) for p in places):
            continue  # the source negates the same words somewhere
        if at is not None and places:
            places = [min(places, key=lambda x: abs(x - at))]  # the occurrence the claim's stands for
        if places and not any(_negator_before(source, p, lex) for p in places):
            p = places[0]
            add(kind, (start, span_end), source[p : p + len(word)], (p, p + len(word)))
        elif core and not covered[end] and core[0] not in source and core[0] not in context:
            # 原则上不碰政治 against 原则上采用三权分立: what the claim says is not done is
            # nowhere in the passage (碰), a single character that would otherwise never count.
            add("word", (start, end + 1), None, None)
    for gap in al.gaps():
        if gap.source is None:
            continue
        gc, gs = claim[gap.claim[0] : gap.claim[1]], source[gap.source[0] : gap.source[1]]
        nc, ns = _leading_negator(gc, lex), _leading_negator(gs, lex)
        if bool(nc) != bool(ns):
            # 都是 / 都不是: the negated word may be the negator's own second character.
            core_c = gc[len(nc or "") :] or (nc or "")[1:]
            core_s = gs[len(ns or "") :] or (ns or "")[1:]
            if core_c == core_s or (core_c and core_s and (core_c.startswith(core_s) or core_s.startswith(core_c))):
                add("negation", gap.claim, gs or None, gap.source if gs else None)
                continue
        for a, b in lex.negation_pairs:
            for x, y in ((a, b), (b, a)):
                if gc.endswith(x) and gs.endswith(y) and gc != gs:
                    add("negation", (gap.claim[1] - len(x), gap.claim[1]), y,
                        (gap.source[1] - len(y), gap.source[1]))
        # 1b. A count in words before the same words: 五国元首 against 六国元首.
        (c0, c1), (s0, s1) = gap.claim, gap.source
        # 1c. 以聂荣臻为司令员 against 以刘伯承为司令员、聂荣臻为政治委员, 溧水区长 against 溧水区委书记:
        # one office (``data/titles.txt``) where the passage gives its name another.
        rc = _role_over(claim, c0, c1) if gc and gs else None
        rs = _role_over(source, s0, s1) if rc and rc[2].endswith(_OFFICES) else None
        rs = rs if rs and rs[2].endswith(_OFFICES) else None
        if (rc and rs and rc[2] != rs[2] and not _found(rc[2], (rs[2],), lex) and not _found(rs[2], (rc[2],), lex)
                and not _in_title_chain(source, rc[2], s0, s1)):
            add("entity", (rc[0], rc[1]), rs[2], (rs[0], rs[1]))
        # 1d. 限制《壹周刊》 against 限制《苹果日报》, 冻结《主场》 against 冻结《立场》: a short term in
        # quotation or title marks put in place of another is another name (a paper, a law, a campaign).
        titled = (_titled(claim, c0, c1), _titled(source, s0, s1)) if gc.strip('"') and gs.strip('"') else (None, None)
        if titled[0] and titled[1]:
            (q0, q1), (p0, p1) = titled
            # Most of the term on each side (not 很满意 / 非常满意: a quotation's wording).
            bulk = 2 * len(gc.strip('"')) >= q1 - q0 and 2 * len(gs.strip('"')) >= p1 - p0
            # …between words the two share (限制 | 《…》 | 不得): not a slogan standing alone, whose
            # own source may be elsewhere (“便民服务不打烊” / “春节快递不打烊”).
            anchored = ((q0 >= 2 and covered[q0 - 2] and al.source_at(q0 - 2) == p0 - 2)
                        or (q1 + 1 < len(claim) and covered[q1 + 1] and al.source_at(q1 + 1) == p1 + 1))
            # 《刑事检控二千零一十九》 is 《刑事检控2019》, “九十后” is “90后”.
            term_c, term_s = (_NUMERAL.sub(_to_arabic, t) for t in (claim[q0:q1], source[p0:p1]))
            if bulk and anchored and term_c not in term_s and term_s not in term_c:
                add("entity", (q0, q1), source[p0:p1], (p0, p1))
        # 1e. A deputy on one side only: 省委书记 against 省委副书记 (one character, which would
        # otherwise never count).
        if gc in _DEPUTY and not gs or gs in _DEPUTY and not gc:
            role = _role_at(claim, c1) if c1 < len(claim) and covered[c1] and al.source_at(c1) == s1 else None
            if role:
                add("entity", (c0, c1 + len(role)), gs + role, (s0, s1 + len(role)))
        if (_is_count(gc) and _is_count(gs) and c1 < len(claim) and covered[c1] and al.source_at(c1) == s1
                and not any(cfig[c0:c1]) and not any(sfig[s0:s1]) and cn_number(gc) != cn_number(gs)):
            add("count", (c0, c1), gs, (s0, s1))

    # 1f. Another part of a place or another level of government: 九龙中 against 九龙东, 东部 against
    # 西部, 市级 against 省级, 全国首个 against 全省首个 (one character each, which would otherwise
    # never count).
    for g in al.gaps():
        if (g.source is not None and g.claim[1] - g.claim[0] == 1 and g.source[1] - g.source[0] == 1
                and any(claim[g.claim[0]] in group and source[g.source[0]] in group for group in (_COMPASS, _LEVELS))
                and claim[g.claim[0]] != source[g.source[0]]
                and (covered[g.claim[0] - 1 : g.claim[0]] == [True] or covered[g.claim[1] : g.claim[1] + 1] == [True])):
            # Shown with the name before it (九龙中 / 九龙东) or the characters around (由市级 / 由省级).
            before, after = (2, 0) if claim[g.claim[0]] in _COMPASS else (1, 1)
            k = 0
            while (k < before and g.claim[0] - k - 1 >= 0 and g.source[0] - k - 1 >= 0 and covered[g.claim[0] - k - 1]
                   and is_cjk(claim[g.claim[0] - k - 1]) and claim[g.claim[0] - k - 1] == source[g.source[0] - k - 1]):
                k += 1
            j = 0
            while (j < after and g.claim[1] + j < len(claim) and g.source[1] + j < len(source) and covered[g.claim[1] + j]
                   and is_cjk(claim[g.claim[1] + j]) and claim[g.claim[1] + j] == source[g.source[1] + j]):
                j += 1
            add("entity", (g.claim[0] - k, g.claim[1] + j), source[g.source[0] - k : g.source[1] + j],
                (g.source[0] - k, g.source[1] + j))

    # 1g. Two parties swapped: 美方向中方通报 against 中方向美方通报 (each a one-character gap, so
    # never a word); not two items of a coordination, whose order says nothing (质量和效率).
    both = [g for g in al.gaps() if g.source is not None and g.claim[1] > g.claim[0] and g.source[1] > g.source[0]]
    for g1, g2 in zip(both, both[1:]):
        a1, a2 = claim[g1.claim[0] : g1.claim[1]], claim[g2.claim[0] : g2.claim[1]]
        b1, b2 = source[g1.source[0] : g1.source[1]], source[g2.source[0] : g2.source[1]]
        if (a1 == b2 and a2 == b1 and a1 != a2 and _CONTENT.search(a1) and _CONTENT.search(a2)
                and not any(cfig[g1.claim[0] : g1.claim[1]] + cfig[g2.claim[0] : g2.claim[1]])
                and not _COORDINATION.search(claim, g1.claim[1], g2.claim[0])):
            add("entity", g1.claim, b1, g1.source)
            add("entity", g2.claim, b2, g2.source)

    # 2. Directions.  First by role: the direction word that governs a figure
    # (同比下降3.9%) against the one that governs its source figure (同比增长3.9%).
    for (c0, _), (s0, _) in figure_pairs:
        cd = _direction_before(claim, c0, lex)
        sd = _direction_before(source, s0, lex)
        if cd and sd and lex.directions[cd[2]][0] == lex.directions[sd[2]][0] and lex.directions[cd[2]][1] != lex.directions[sd[2]][1]:
            add("direction", (cd[0], cd[1]), sd[2], (sd[0], sd[1]))
    for start, end, (o0, o1, other) in _direction_counts(al, lex, cfig):
        add("direction", (start, end), other, (o0, o1))
    for start, end, word in _scan_directions(claim, lex):
        if any(cfig[start:end]) or all(covered[start:end]):
            continue
        line, side = lex.directions[word]
        at = al.source_at(start)
        near = _directions_in(source, lex, line)
        if not near:
            # The passage says nothing of which way (填海减少土地供应 against 表态支持填海): a
            # direction the claim adds is a fact-bearing word with no counterpart, unless the
            # article's context has the word itself (any word of its side, down to 升 or 增,
            # is in nearly every article).  Single characters (增, 降) never count, as elsewhere.
            if len(word) >= 2 and not any(w in context for w in lex.synonyms.get(word, frozenset()) | {word}):
                add("word", (start, end), None, None)
            continue
        same = [x for x in near if x[3] == side]
        other = [x for x in near if x[3] != side]
        if at is not None:
            local = [x for x in near if x[0] <= at + len(word) + 2 and x[1] >= at - 2]
            if any(x[3] == side for x in local):
                continue
            local_other = [x for x in local if x[3] != side]
            if local_other:
                s0, s1, sw, _ = local_other[0]
                add("direction", (start, end), sw, (s0, s1))
                continue
        if same:
            stretch = _clause_stretch(al, start, pad=len(word) + 4)
            if (len(word) >= 2 and stretch is not None and not other
                    and not any(stretch[0] <= x[0] and x[1] <= stretch[1] for x in same)):
                # 提高治疗效果 against …数量增多…巩固治疗效果: the passage's 增多 is about
                # something else, far from where the clause stands: 提高 has no counterpart.
                add("word", (start, end), None, None)
            continue
        if not other:
            continue
        s0, s1, sw, _ = min(other, key=lambda x: abs(x[0] - (at or 0)))
        add("direction", (start, end), sw, (s0, s1))

    # 3. A figure's measure word or item that differs from its source figure's.
    for (c0, c1), (s0, s1) in figure_pairs:
        sw = _head_word(source, s1)
        run = _words_after(c1, claim_words, cfig)
        if not sw or not run or run[0][2] in lex.stopwords or len(run[0][2]) < 2:
            continue
        if _found(run[0][2], (source[s1 : s1 + 12],), lex) or run[0][2] in sw or sw in run[0][2]:
            continue
        if run[0][2] in source[_clause_start(source, s0) : s0]:
            continue  # 第一剂科兴疫苗 against 科兴第一剂疫苗: the word stands before the figure, same clause
        differing = []
        for a, b, w in run:
            if _found(w, (source[s1 : s1 + 12],), lex):
                break
            differing.append((a, b))
        add("word", (differing[0][0], differing[-1][1]), sw, (s1, s1 + len(sw)))

    # 4. Content words of the claim with no counterpart.
    haystacks = (source, context)
    pending: list[tuple[int, int, str, tuple[int, int] | None]] = []
    for start, end, word in _content_runs(claim_words, covered, cfig, lex):
        if any(flagged[start:end]):
            continue
        # A word in place of another inside an aligned stretch (我省电厂的安全水平 opposite
        # 我省电厂的运行管理水平) differs even where the passage has it elsewhere (核安全处).
        swapped = _swapped(al, start, end, word, lex)
        trimmed = word[:-1] if len(word) > 2 and word[-1] in lex.stopwords else word  # 纹铜方鼎是: a run took the 是 after it
        if swapped is None and (_found(word, haystacks, lex) or (len(trimmed) >= 2 and _found(trimmed, haystacks, lex))):
            # Found, but perhaps in another role: 马哈蒂尔周日宣誓就任首相 against 慕尤丁(…)周日宣誓
            # 就任首相，…前首相马哈蒂尔则在周日上午举行记者会.
            role = _role_taken(al, start, end, word, tags, source_words, lex) if source_words is not None else None
            if role is not None:
                add(role[0], (start, end), role[1], (role[2], role[3]))
            continue
        opposite = swapped or _opposite(al, start, end) or _opposite_in_word(al, covered, start, end)
        pending.append((start, end, word, opposite))
    if pending:
        name_tags = tags({w for _, _, w, _ in pending} | {source[a:b] for *_, o in pending if o for a, b in [o]})
        for start, end, word, opposite in pending:
            kind = name_kind(word, name_tags.get(word), lex)
            s_text = source[opposite[0] : opposite[1]] if opposite else None
            s_word = _strip(s_text, lex) if s_text else None
            s_kind = name_kind(s_word, name_tags.get(s_word), lex) if s_word else None
            if (kind == "person" and s_kind is None and s_word and 2 <= len(s_word) <= 3
                    and s_word[0] in lex.surnames and s_word not in lex.stopwords and len(word) == len(s_word)):
                # 杜甫 opposite 陆游, which the dictionary tags a common noun: a name of a person's
                # length and surname, in the claim name's very place.
                s_kind = "person"
            if kind and kind == s_kind:
                add("entity", (start, end), s_word, opposite)
                continue
            if kind in ("place", "organisation", "person") and source_words is not None:
                other = _name_before(source, source_words(), tags, kind, al.source_at(start), claim, lex)
                if other:
                    add("entity", (start, end), other[0], (other[1], other[2]))
                    continue
            add("word", (start, end), s_word if s_word and len(s_word) <= 8 else None,
                opposite if s_word and len(s_word) <= 8 else None)
    out.sort(key=lambda d: d.claim_span[0])
    return out


def may_turn(al: Alignment, *, negations: bool = False) -> bool:
    """Whether a stretch of the claim that the alignment leaves uncovered holds a direction word
    (or, with ``negations``, a negator).

    Only then can a partial match be the claim's source saying the other direction: in a short
    claim (PPI同比下跌0.1%) the reversed word is much of the claim, so its source scores as a
    partial match.  A cheap test, so that only those partial matches pay for ``find_differences``.
    """
    covered = al.claim_covered()
    if all(covered):
        return False
    lex = lexicon()
    if any(not all(covered[m.start() : m.end()]) for m in _directions_pattern(lex).finditer(al.claim)):
        return True
    return negations and any(not covered[m.start()] for m in lex.negator_starts.finditer(al.claim))


def _scan_directions(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """The direction words of ``text``, longest first at each position, left to right."""
    return [(m.start(), m.end(), m.group()) for m in _directions_pattern(lex).finditer(text)]


@lru_cache(maxsize=1)
def _directions_pattern(lex: Lexicon) -> re.Pattern[str]:
    """The direction words as one alternation, longest first: a pattern tries its alternatives in
    order at each position, as the scan did word by word in Python (a tenth of its time)."""
    return regex("|".join(map(re.escape, sorted(lex.directions, key=longest_first))))


_ROLE_STOP = regex(r"[,;:!?\"()]|(?<!\d)\.|\.(?!\d)")


def _direction_before(text: str, pos: int, lex: Lexicon) -> tuple[int, int, str] | None:
    """The last direction word in the few characters before a figure, within its clause."""
    lo = max(0, pos - 8)
    stops = [m.end() for m in _ROLE_STOP.finditer(text, lo, pos)]
    lo = max([lo] + stops)
    found = [(a + lo, b + lo, w) for a, b, w in _scan_directions(text[lo:pos], lex)]
    return found[-1] if found else None


def _clause_blocks_at(al: Alignment, pos: int) -> list[tuple[int, int, int]]:
    """The placed blocks of the claim clause that holds ``pos``."""
    return next((al.placed_in(a, b) for a, b in al.clause_spans if a <= pos < b), [])


def _clause_stretch(al: Alignment, pos: int, *, pad: int) -> tuple[int, int] | None:
    """The source stretch the claim clause holding ``pos`` is placed on, widened by ``pad``
    each side; None for a clause with nothing placed."""
    blocks = _clause_blocks_at(al, pos)
    if not blocks:
        return None
    s0, s1 = _source_extent(blocks)
    return s0 - pad, s1 + pad


def _source_extent(blocks: list[tuple[int, int, int]]) -> tuple[int, int]:
    """Where a clause's blocks start and end in the source."""
    return min(s for _, s, _ in blocks), max(s + n for _, s, n in blocks)


def _direction_counts(al: Alignment, lex: Lexicon, cfig: list[bool]):
    """Per clause, direction words of one side the claim has more of, where its source stretch has the other.

    An alignment may pair a claim's 下降 with another 下降 further on in the
    source (经济下降率下降 / 经济增长率下降), so directions are also counted
    over the stretch of source each clause aligned to.
    """
    for a, b in al.clause_spans:
        blocks = al.placed_in(a, b)
        if not blocks:
            continue
        s0, s1 = _source_extent(blocks)
        if s1 - s0 > 2 * (b - a) + 10:
            continue  # a scattered alignment: its stretch is no counterpart
        whole = _scan_directions(al.source[s0:s1], lex)
        s1 = min(s1, s0 + (b - a) + 6)  # not the next clause's words
        cw = [x for x in _scan_directions(al.claim[a:b], lex) if not cfig[a + x[0]]]
        sw = [x for x in whole if x[1] <= s1 - s0]
        for x0, x1, w in cw:
            line, side = lex.directions[w]
            mine = sum(1 for *_, v in cw if lex.directions[v] == (line, side))
            # Counted over all the clause's source: a claim that leaves words out (0票反对 against
            # 以2895票赞成、0票反对) has its 反对 further on than its length.
            theirs = sum(1 for *_, v in whole if lex.directions[v] == (line, side))
            opposite = [y for y in sw if lex.directions[y[2]] == (line, 1 - side)]
            if mine > theirs and len(opposite) > sum(1 for *_, v in cw if lex.directions[v] == (line, 1 - side)):
                o = opposite[0]
                yield a + x0, a + x1, (s0 + o[0], s0 + o[1], o[2])
                break


def _directions_in(text: str, lex: Lexicon, line: int) -> list[tuple[int, int, str, int]]:
    return [(a, b, w, lex.directions[w][1]) for a, b, w in _scan_directions(text, lex) if lex.directions[w][0] == line]


def _words_after(pos: int, words: list[str], cfig: list[bool]) -> list[tuple[int, int, str]]:
    """The claim's words right after a figure, up to punctuation or the next figure (its item)."""
    out = []
    for a, b, w in _word_spans(words):
        if a < pos:
            continue
        if not _CONTENT.search(w) or any(cfig[a:b]):
            break
        out.append((a, b, w))
    return out


def _head_word(text: str, pos: int) -> str:
    return _cjk_run(text, pos, 4)


_DEPUTY = ("副", "常务副")
_COMPASS = set("东西南北中")
_LEVELS = set("国省市县区州镇乡村")  # 全国首个 / 全省首个, 市级 / 省级
# The endings of an office, of the titles in data/titles.txt (not 群众, 患者, 护士: who someone is,
# not which post they hold).
_OFFICES = ("长", "長", "书记", "書記", "主任", "委员", "委員", "主席", "司令", "司令员", "司令員", "政委", "总理",
            "總理", "总统", "總統", "首相", "总监", "總監", "总裁", "總裁", "经理", "經理", "董事", "秘书", "秘書",
            "大使", "领事", "領事", "官", "将", "將", "帅", "帥", "总编", "總編")
_COORDINATION = regex(r"[和与及或跟同并,;]")  # between two items whose order says nothing (、 is normalised to ,)
TITLED = 12  # characters: a term in quotation marks this short is a name, not a quotation
_TITLE_STOP = regex(r"[,;:!?()。，；：！？]")


def _titled(text: str, a: int, b: int) -> tuple[int, int] | None:
    """[start, end) of the short quoted term (《壹周刊》, “放管服”: '"' once normalised) that holds
    [a, b), or None."""
    while b > a and text[b - 1] == '"':
        b -= 1  # an opposite stretch that takes the closing mark
    while a < b and text[a] == '"':
        a += 1
    if a >= b or '"' in text[a:b]:
        return None
    q0 = text.rfind('"', max(0, a - TITLED), a)
    q1 = text.find('"', b, b + TITLED)
    if q0 < 0 or q1 < 0 or q1 - q0 - 1 > TITLED or text.count('"', 0, q0) % 2:
        return None  # not inside, too long to be a name, or the mark before closes a quotation
    if _TITLE_STOP.search(text, q0 + 1, q1):
        return None
    return q0 + 1, q1


def _role_over(text: str, a: int, b: int) -> tuple[int, int, str] | None:
    """The position title (``data/titles.txt``) that takes in characters of [a, b): 区长 over the 长
    of a gap, 书记 over 委书记."""
    from .speakers import lexicon as speech  # the titles as speakers reads them; seldom needed here

    for role in speech().roles:  # longest first
        start = text.find(role, max(0, a - len(role) + 1), b + len(role) - 1)
        if 0 <= start < b and start + len(role) > a:
            return start, start + len(role), role
    return None


def _clause_start(text: str, pos: int) -> int:
    """Where the clause that holds ``pos`` starts."""
    while pos > 0 and not _ROLE_STOP.match(text, pos - 1):
        pos -= 1
    return pos


def _in_title_chain(source: str, office: str, s0: int, s1: int) -> bool:
    """Whether ``office`` stands in the source next to [s0, s1) with only titles and separators
    between: 湖北省委副书记、省长王晓东 against 湖北省委副书记、省长、省防控指挥部指挥长王晓东 (the
    claim leaves a title out; its 省长 is the passage's, one title along)."""
    from .speakers import lexicon as speech

    def bare(between: str) -> bool:
        for role in speech().roles:  # longest first
            between = between.replace(role, "")
        return not any(is_cjk(ch) for ch in between)

    for m in re.finditer(re.escape(office), source):
        if (m.end() <= s0 and bare(source[m.end() : s0])) or (m.start() >= s1 and bare(source[s1 : m.start()])):
            return True
    return False


def _role_at(text: str, pos: int) -> str | None:
    """The position title (``data/titles.txt``) that starts at ``pos``: 书记, 局长."""
    from .speakers import lexicon as speech  # the titles as speakers reads them; seldom needed here

    return next((r for r in speech().roles if text.startswith(r, pos)), None)


def _content_runs(
    words: list[str], covered: list[bool], cfig: list[bool], lex: Lexicon
) -> list[tuple[int, int, str]]:
    """Claim words not aligned, not figures, not stopwords; single characters merged into runs.

    jieba (without its HMM) cuts a name it does not know into single
    characters (上 / 双), so unaligned single characters are joined, and a run
    counts unless every character of it is a non-fact word.
    """
    out: list[tuple[int, int, str]] = []
    run: list[tuple[int, int, str]] = []

    def flush() -> None:
        if (run and run[0][2] not in lex.stopwords and out and out[-1][1] == run[0][0] and len(out[-1][2]) == 2
                and out[-1][2][0] in lex.surnames):
            # A name cut into a word and a character (梁家 | 荣): one word again.
            a, _, w = out.pop()
            out.append((a, run[0][1], w + run[0][2]))
            run.pop(0)
        if len(run) >= 2 and not all(w in lex.stopwords for _, _, w in run):
            a, b = run[0][0], run[-1][1]
            out.append((a, b, "".join(w for _, _, w in run)))
        run.clear()

    for a, b, w in _word_spans(words):
        if not _CONTENT.search(w) or any(cfig[a:b]) or all(covered[a:b]):
            flush()
            continue
        if w in lex.directions or w in lex.negators:
            flush()
            continue
        if len(w) == 1:
            run.append((a, b, w))
            continue
        flush()
        if w not in lex.stopwords:
            out.append((a, b, w))
    flush()
    return out


SWAP_CLAIM = 6  # characters: a claim stretch this short between two aligned blocks
SWAP_SOURCE = 8  # opposite a source stretch this short is one word said instead of another


def _swapped(al: Alignment, start: int, end: int, word: str, lex: Lexicon) -> tuple[int, int] | None:
    """The source stretch a claim word stands in for, where both lie between the same two
    aligned blocks of a clause and are short: one word put in place of another.

    None where the stretch is empty (the claim adds a word), holds the word or a synonym,
    or holds words the claim has elsewhere (its clauses or words reordered).
    """
    blocks = _clause_blocks_at(al, start)
    for (c1, s1, n1), (c2, s2, _) in zip(blocks, blocks[1:]):
        if c1 + n1 <= start and end <= c2:
            if c2 - (c1 + n1) > SWAP_CLAIM or not 0 < s2 - (s1 + n1) <= SWAP_SOURCE:
                return None
            other = _strip(al.source[s1 + n1 : s2], lex)
            if (len(other) < 2 or other in lex.stopwords or word in other or other in word
                    or _found(word, (other,), lex) or _found(other, (al.claim,), lex)):
                return None
            return s1 + n1, s2
    return None


def _opposite(al: Alignment, start: int, end: int) -> tuple[int, int] | None:
    """The source stretch opposite a claim stretch that has no counterpart."""
    for gap in al.gaps():
        if gap.claim[0] <= start and end <= gap.claim[1] and gap.source:
            a, b = gap.source
            if b > a:
                return a, b
    return None


def _opposite_in_word(al: Alignment, covered: list[bool], start: int, end: int) -> tuple[int, int] | None:
    """The source word opposite a claim word that is matched in part: one end of it aligned, the
    rest standing opposite a source stretch as short (冬天 / 夏天, 同比 / 环比: 天 and 比 align).

    None unless the word's unmatched characters are one run at one end, opposite a stretch of
    at most as many characters plus one between the same blocks.
    """
    inside = covered[start:end]
    if all(inside) or not any(inside):
        return None
    gap_run = [k for k in range(start, end) if not covered[k]]
    u0, u1 = gap_run[0], gap_run[-1] + 1
    if u1 - u0 != len(gap_run) or (u0 != start and u1 != end):
        return None  # unmatched characters in the middle, or in two places
    for gap in al.gaps():
        if gap.source is None or tuple(gap.claim) != (u0, u1):
            continue
        g0, g1 = gap.source
        if not 0 < g1 - g0 <= (u1 - u0) + 1:
            return None
        # The word's aligned part lies right beside the stretch in the source too.
        if u0 > start:
            a, b = g0 - (u0 - start), g1
            same = al.source[a:g0] == al.claim[start:u0]
        else:
            a, b = g0, g1 + (end - u1)
            same = al.source[g1:b] == al.claim[u1:end]
        return (a, b) if same and a >= 0 else None
    return None


def _strip(text: str, lex: Lexicon) -> str:
    """A source stretch without punctuation and the non-fact words at its edges."""
    t = "".join(c for c in text if is_cjk(c) or c.isascii() and c.isalnum())
    # Only words the stretch holds can become its edge as it is trimmed: a handful of 208.
    present = [w for w in _stopwords_longest_first(lex) if w in t]
    for _ in range(2):
        for w in present:
            if t.startswith(w) and len(t) > len(w):
                t = t[len(w) :]
            if t.endswith(w) and len(t) > len(w):
                t = t[: -len(w)]
    return t


@lru_cache(maxsize=1)
def _stopwords_longest_first(lex: Lexicon) -> tuple[str, ...]:
    """The stopwords in the order ``_strip`` tries them (sorted once, not at every stretch)."""
    return tuple(sorted(lex.stopwords, key=longest_first))


ROLE_NEAR = 16  # characters of words between the clause's matched words and the name in the claim's place


def _role_taken(
    al: Alignment, start: int, end: int, word: str, tags: Callable[[set[str]], dict[str, str]],
    source_words: Callable[[], list[str]], lex: Lexicon,
) -> tuple[str, str, int, int] | None:
    """Another name where the passage's words put the claim's name, which it holds elsewhere only.

    A claim that gives an act to the wrong one of the people a passage names (戴耀廷在判词指…
    against 由于陈官在判词指…, 戴耀廷 quoted earlier in the article) finds every word in the
    passage or its article.  Its name is not placed (nothing of it stands opposite), and the
    stretch the clause's matched words leave in its place holds another name: ``entity``
    (contradicted) where that is a name of the same kind, ``word`` (unverified) where it is a run
    of characters the dictionary does not know (a transliterated name: 慕尤丁).  The claim's name
    near the clause's matched words is a reordering, not another role.

    The name is looked for before the matched words, in their source clause and the one before
    it (何仲平当天下午5时20分左右，表明不赞成…); for a claim's clause that matched nothing, an
    attribution (梁家荣称，…), in the source clause before the one the next clause matched.
    """
    kind = name_kind(word, tags({word}).get(word), lex)
    if kind is None:
        return None
    source = al.source
    gap = next((g for g in al.gaps() if g.claim[0] < end and start < g.claim[1]), None)
    if gap is None:
        return None
    if gap.source is None:
        # A clause that matched nothing: the source clause before the one the next clause matched.
        later = next((blocks for a, b in al.clause_spans if a > start and (blocks := al.placed_in(a, b))), None)
        if not later or gap.claim[1] - gap.claim[0] > len(word) + 6:
            return None
        s0 = s1 = later[0][1]
        before = _clause_before(source, s0)
        if before is None:
            return None
        a, b = before
        leading = True
    else:
        s0, s1 = _source_extent(_clause_blocks_at(al, start))
        a, b = gap.source
        leading = b == s0  # the claim's name before the clause's first matched words
        if leading:
            a = _aside_start(source, a, b)
    own = a  # the clause of the matched words; before it, only a name the dictionary knows counts
    if leading and gap.source is not None:
        a = (_clause_before(source, a) or (a, a))[0]
    if any(_same_clause(source, m.start(), m.end(), s0, s1) for m in re.finditer(re.escape(word), source)):
        return None
    # Words the stretch cuts into count whole: 给民建联 against 给民主党 aligns 民 with 民.
    words = [x for x in _word_spans(source_words()) if x[0] < b and x[1] > a]
    if not words:
        return None
    known = tags({w for _, _, w in words if len(w) > 1})
    found: list[tuple[str, str, int, int]] = []
    run: list[tuple[int, int, str]] = []
    for k, x in enumerate(words + [(b, b, "")]):
        nxt = words[k + 1] if k + 1 < len(words) else None
        if (not run and (x[0] >= own or _after_role(source, x[0])) and x[2] in lex.surnames and nxt
                and 1 <= len(nxt[2]) <= 2 and all(map(is_cjk, nxt[2]))
                and nxt[2] not in lex.stopwords and name_kind(x[2] + nxt[2], None, lex) == kind):
            # A surname and a word (邱 | 腾华): a name the dictionary cut in two.
            found.append(("entity", x[2] + nxt[2], x[0], nxt[1]))
            continue
        if (not run and (x[0] >= own or _after_role(source, x[0])) and len(x[2]) == 2 and x[2][0] in lex.surnames
                and nxt and len(nxt[2]) == 1 and is_cjk(nxt[2]) and nxt[2] not in lex.stopwords
                and known.get(x[2]) != "" and name_kind(x[2] + nxt[2], None, lex) == kind):
            # …or a word and a character (梁国 | 雄), not a common word and a character (周末 | 将).
            found.append(("entity", x[2] + nxt[2], x[0], nxt[1]))
            continue
        if len(x[2]) == 1 and is_cjk(x[2]) and x[2] not in lex.stopwords:
            run.append(x)
            continue
        if len(run) >= 2 and run[0][0] >= own:
            joined = "".join(w for *_, w in run)  # a name the dictionary does not know (陈官, 慕尤丁)
            if name_kind(joined, None, lex) == kind:
                found.append(("entity", joined, run[0][0], run[-1][1]))
            elif kind == "person":  # a transliterated name; a place or body is not written so
                found.append(("word", joined, run[0][0], run[-1][1]))
        run = []
        w = x[2]
        if len(w) > 1 and name_kind(w, known.get(w), lex) == kind:
            found.append(("entity", w, x[0], x[1]))
    if not found:
        return None
    # The one nearest the matched words: the name just before them, or just after.  The claim's
    # own name there (蔡坚表示，他…表明) is no other role.
    pick = found[-1] if leading else found[0]
    # The other name in the claim's own clause is the claim's words reordered; in another clause
    # of the claim, two names swapped (以陈林为司令员、周海为政治委员 against 以周海为司令员、陈林为…).
    clause = next(((x, y) for x, y in al.clause_spans if x <= start < y), (0, len(al.claim)))
    if word in pick[1] or pick[1] in al.claim[clause[0] : clause[1]]:
        return None
    between = source[pick[3] : b] if leading else source[a : pick[2]]
    return pick if sum(1 for c in _ASIDE.sub("", between) if c.isalnum()) <= ROLE_NEAR else None


def _after_role(text: str, pos: int) -> bool:
    """Whether a position title (``data/titles.txt``) ends at ``pos`` (医学会会长 | 何仲平): a name follows it."""
    from .speakers import lexicon as speech  # the titles as speakers reads them; seldom needed here

    return speech().role_end.search(text, max(0, pos - 12), pos) is not None


def _clause_before(source: str, pos: int) -> tuple[int, int] | None:
    """[start, end) of the source clause before the one that holds ``pos`` (None at the first)."""
    end = _clause_start(source, pos)
    while end > 0 and _ROLE_STOP.match(source, end - 1):
        end -= 1
    if end == 0:
        return None
    return _clause_start(source, end), end


def _same_clause(source: str, a: int, b: int, s0: int, s1: int) -> bool:
    """Whether [a, b) overlaps the source stretch [s0, s1) or stands beside it, no punctuation between."""
    if b <= s0:
        return not _ROLE_STOP.search(source, b, s0)
    if a >= s1:
        return not _ROLE_STOP.search(source, s1, a)
    return True


_ASIDE = regex(r"\([^()]{0,40}\)")


def _aside_start(source: str, a: int, b: int) -> int:
    """``a`` moved back over a bracketed aside that ends there (慕尤丁(muhyiddinyassin)周日…): the
    words before it are the same clause's."""
    while a > 0 and source[a - 1] == ")":
        opened = source.rfind("(", max(0, a - 40), a - 1)
        if opened < 0:
            break
        a = opened
        while a > 0 and not _ROLE_STOP.match(source, a - 1):
            a -= 1
    return a


def _name_before(
    source: str, words: list[str], tags: Callable[[set[str]], dict[str, str]], kind: str, at: int | None,
    claim: str, lex: Lexicon,
) -> tuple[str, int, int] | None:
    """The nearest name of ``kind`` in the source before ``at`` that the claim does not have (湖州 / 东阳)."""
    spans = _word_spans(words)
    name_tags = tags({w for _, _, w in spans if len(w) > 1})
    best = None
    for a, b, w in spans:
        if at is not None and a > at:
            break
        if w in claim or name_kind(w, name_tags.get(w), lex) != kind:
            continue
        best = (w, a, b)
    return best
