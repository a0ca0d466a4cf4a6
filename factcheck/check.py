"""Check claims: ranked matches -> figures -> verdict -> result records.

``Checker`` holds one open index and answers claims one at a time, so a batch
of thousands of claims pays the start-up once.  Results are dataclasses whose
fields, as ``asdict`` gives them (``render.plain``, without the copies), are the JSON
contract (``check.schema.json``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .corpus import ArticleRef, Location, article_ref, location
from .figures import Figure, read_figures
from .match import Matcher, Scored, WeightedClaim, claim_coverage
from .normalize import normalize, normalize_with_map
from .store import StoredArticle, StoredSentence, Store
from .verdict import PARTIAL, STRONG, FigureCheck, agreement, assign_figures, comparable, decide, figure_checks
from .words import segment
from .patterns import regex

if TYPE_CHECKING:
    from .quotes import Quotation

MAX_CLAIM = 2000
MIN_CLAIM = 4  # characters of words


@dataclass
class Context:
    """The sentences of the article just before and after a match."""

    before: list[str]
    after: list[str]


@dataclass
class MatchResult:
    """One passage a claim may come from, with everything that decides its verdict."""

    id: str
    score: float
    weak: bool
    text: str
    context: Context
    article: ArticleRef
    location: Location
    figures: list[FigureCheck]
    ids: list[str]  # every sentence of the match (two for a span)
    highlights: list[list[int]]  # [start, end) in ``text``, characters
    verdict: str
    differences: list = field(default_factory=list)  # differences.Difference


@dataclass
class ClaimPart:
    """One clause run of a compound claim, checked on its own."""

    text: str
    span: list[int]  # [start, end) in the claim
    verdict: str
    matches: list[MatchResult] = field(default_factory=list)


@dataclass
class ClaimResult:
    """A claim's verdict and the passages behind it (and its parts, for a claim of several facts)."""

    claim: str
    verdict: str
    matches: list[MatchResult] = field(default_factory=list)
    error: str | None = None
    parts: list[ClaimPart] = field(default_factory=list)  # a compound claim's parts, each with its sources


_CONTROL = regex(r"[\x00-\x08\x0b-\x1f\x7f]")
_PART_BREAK = regex(r"[，,；;。！？!?]+")
MIN_PART = 6  # characters of words: shorter clauses stay with the one before (同比增长48%)
SETTLED = 80.0  # a part's source settles it from this score
ONE_PART_SHARE = 0.25  # one settled part this share of the claim, the rest with no source: unverified
ONE_PART_SCORE = 95.0
MAX_DEPTH = 3  # a claim is cut by its sources into at most about four parts
SETTLED_PART = 10  # characters of words: a shorter clause (他接受访问时表示) matches something anywhere


def word_chars(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def _clauses(text: str) -> list[tuple[int, int]]:
    """[start, end) of each clause of a claim (between 、，；。！？) that holds a word character."""
    spans = []
    start = 0
    for m in list(_PART_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        if word_chars(text[start:end]):
            spans.append((start, end))
        if m is None:
            break
        start = m.end()
    return spans


def claim_parts(text: str) -> list[tuple[int, int]]:
    """The clause runs of a claim as [start, end) spans, each of at least MIN_PART word characters."""
    spans: list[list[int]] = []
    for start, end in _clauses(text):
        if spans and (word_chars(text[start:end]) < MIN_PART or word_chars(text[spans[-1][0] : spans[-1][1]]) < MIN_PART):
            spans[-1][1] = end  # a short clause stays with its neighbour
        else:
            spans.append([start, end])
    return [(a, b) for a, b in spans]


def _cover_runs(text: str, cover: list[bool]) -> list[tuple[int, int, bool]]:
    """The claim's clauses grouped into runs its best passage covers or leaves: (start, end, covered).

    A clause counts as covered when half its word characters are aligned.  A
    run of fewer than ``MIN_PART`` word characters cannot stand on its own
    (据悉, 对吧): it joins the run after it at the start, the run before it elsewhere.
    """
    spans = []
    for start, end in _clauses(text):
        idx = [k for k in range(start, end) if text[k].isalnum()]
        spans.append([start, end, sum(cover[k] for k in idx if k < len(cover)) * 2 >= len(idx)])
    runs: list[list] = []
    for a, b, c in spans:
        if runs and runs[-1][2] == c:
            runs[-1][1] = b
        else:
            runs.append([a, b, c])
    k = 0
    while len(runs) > 1 and k < len(runs):
        a, b, _ = runs[k]
        if word_chars(text[a:b]) < MIN_PART:
            if k == 0:
                runs[1][0] = a
            else:
                runs[k - 1][1] = b
            del runs[k]
            merged = []
            for r in runs:  # neighbours that now agree become one run
                if merged and merged[-1][2] == r[2]:
                    merged[-1][1] = r[1]
                else:
                    merged.append(r)
            runs = merged
            k = 0
            continue
        k += 1
    return [(a, b, c) for a, b, c in runs]


def _leaves_a_part(text: str, cover: list[bool]) -> bool:
    """Whether the best passage leaves a run of the claim of at least ``MIN_PART`` characters
    of words uncovered: it is not that run's source."""
    return any(not c and word_chars(text[a:b]) >= MIN_PART for a, b, c in _cover_runs(text, cover))


def clean_claim(claim: str) -> tuple[str, str | None]:
    """The claim as it will be looked up, or an error saying why it cannot be."""
    text = _CONTROL.sub("", claim).strip()
    if not text:
        return text, "empty claim: nothing to check"
    if len(text) > MAX_CLAIM:
        return text, f"claim too long ({len(text)} characters, at most {MAX_CLAIM}): check a whole text with `factcheck draft`"
    if not any(unicodedata.category(c)[0] in "LN" for c in text):
        return text, "no words or figures to look up in the claim"
    if not any(unicodedata.category(c)[0] == "L" for c in text):
        # "1234567890" matches any sentence holding those digits: that proves nothing.
        return text, "no words in the claim, only figures: say what they count"
    if word_chars(text) < MIN_CLAIM:
        # Two or three characters match somewhere in any archive: that proves nothing.
        return text, f"claim too short to check ({word_chars(text)} characters of words, at least {MIN_CLAIM})"
    return text, None


def highlight_spans(sentences: list[StoredSentence], spans: list[tuple[int, int]]) -> list[list[int]]:
    """Matched spans of the joined normalised text, as [start, end) of the joined printed text."""
    out: list[list[int]] = []
    norm_off = 0
    text_off = 0
    for s in sentences:
        _, origin = normalize_with_map(s.text)
        n = len(origin)
        for a, b in spans:
            a2, b2 = max(a, norm_off), min(b, norm_off + n)
            if a2 < b2:
                out.append([text_off + origin[a2 - norm_off], text_off + origin[b2 - 1 - norm_off] + 1])
        norm_off += n
        text_off += len(s.text)
    return out


CONTEXT_SENTENCES = 3  # sentences before a match that may name its subject
RIVAL_BEHIND = 3.0  # points: a supported match this close to a stronger one answers the claim
# A partial match whose claim says the other direction is the claim's source when, the reversed words
# counted as matched, it scores TURNED, and it holds TURNED_BLOCK characters matched in a row or a
# figure that agrees (PPI同比下跌0.1% against PPI同比上涨0.1%).
TURNED = 80.0
TURNED_BLOCK = 6
NEGATED = 85.0  # a match differing by a negation, with no long run or agreeing figure, is the source from here


@dataclass
class _Claim:
    """A claim as the checker prepares it once for all its matches."""

    text: str
    norm: str
    words: list[str]
    figures: list[Figure]
    origin: tuple[int, ...]  # normalised position -> position in ``text``
    base: int  # where ``text`` starts in the claim as given
    weighted: WeightedClaim  # as the matcher scored it


class Checker:
    def __init__(self, store: Store, *, top: int = 3, context: int = 1, min_score: float = 30.0):
        self.store = store
        self.matcher = Matcher(store)
        self.top = top
        self.context = context
        self.min_score = min_score

    def check(self, claim: str) -> ClaimResult:
        text, error = clean_claim(claim)
        if error:
            return ClaimResult(claim=claim, verdict="not_found", error=error)
        base = max(claim.find(text), 0)
        verdict, matches, cover = self._check_text(text, base)
        result = ClaimResult(claim=claim, verdict=verdict, matches=matches[: self.top])
        uncovered = bool(matches) and matches[0].score >= PARTIAL and _leaves_a_part(text, cover)
        if verdict in ("unverified", "not_found") or uncovered:
            return self._compound(claim, text, base, result, cover, uncovered=uncovered)
        return result

    def _check_text(self, text: str, base: int) -> tuple[str, list[MatchResult], list[bool]]:
        """The verdict and matches of ``text``, and which of its characters the best match covers."""
        wc, ranked = self.matcher.rank(text, top=max(self.top, 3))
        prepared = _Claim(text, wc.norm, wc.words, wc.figures, normalize_with_map(text)[1], base, wc)
        shown = [r for r in ranked if r.score >= self.min_score]
        if len(shown) > self.top:
            # Beyond the matches shown, only one that may take the first place needs building:
            # as strong as the best, it answers the claim if it supports it (_supported_first).
            rival = max(STRONG, shown[0].score - RIVAL_BEHIND)
            shown = shown[: self.top] + [r for r in shown[self.top :] if r.score >= rival]
        self.store.prefetch([s for r in shown for s in r.unit.sentences])
        results = [self._result(r, prepared) for r in shown]
        results = _supported_first(results)
        cover = [False] * len(text)
        if results:
            top = next((r for r in ranked if r.unit.sentences[0].cid == results[0].id), None)
            if top is not None and top.alignment is not None:
                for k, flag in enumerate(top.alignment.claim_covered()):
                    if flag and k < len(prepared.origin):
                        cover[prepared.origin[k]] = True
            # A figure paired with one of the passage's is covered however it is written
            # (百分之五十八 for 58%).
            if len(results[0].figures) == len(prepared.figures):
                for f, c in zip(prepared.figures, results[0].figures):
                    if c.status in ("match", "mismatch", "imprecise") and 0 <= f.start < f.end <= len(text):
                        cover[f.start : f.end] = [True] * (f.end - f.start)
        return (results[0].verdict if results else "not_found"), results, cover

    def _part(self, text: str, start: int, looked_up: tuple | None, settle_all: bool) -> ClaimPart:
        """``text`` (at ``start`` in the claim) as a part, looked up unless it was; with
        ``settle_all``, a part that does not settle ends the split (``_Unsettled``)."""
        verdict, matches, _ = looked_up or self._check_text(text, start)
        part = ClaimPart(text, [start, start + len(text)], verdict, matches[: self.top])
        if settle_all and not _settles(part):
            raise _Unsettled
        return part

    def _split(self, text: str, a: int, b: int, base: int, cover: list[bool] | None, depth: int,
               settle_all: bool = False) -> list[ClaimPart]:
        """The parts of ``text[a:b]``, cut where its best passage stops covering it.

        The clauses the passage covers make one part, the runs it leaves make
        others, each looked up again and cut the same way (``depth`` times): so
        a short clause (当前形势下) goes with the source that holds it, not with
        the clause before it.
        """
        sub = text[a:b]
        looked_up = self._check_text(sub, base + a) if cover is None else None
        runs = _cover_runs(sub, looked_up[2] if looked_up else cover)
        if depth <= 0 or len(runs) < 2:
            return [self._part(sub, base + a, looked_up, settle_all)]  # one lookup, not two
        parts: list[ClaimPart] = []
        for ra, rb, covered in runs:
            if covered:
                parts.append(self._part(sub[ra:rb], base + a + ra, None, settle_all))
            else:
                parts.extend(self._split(text, a + ra, a + rb, base, None, depth - 1, settle_all))
        return parts

    def _compound(self, claim: str, text: str, base: int, whole: ClaimResult, cover: list[bool],
                  *, uncovered: bool = False) -> ClaimResult:
        """A claim no single passage establishes or contradicts, checked part by part.

        The claim is cut where its best passage stops covering it (``_split``),
        or, when nothing covers any of it, at its clause boundaries into parts
        of at least ``MIN_PART`` characters; each part gets its own matches,
        figures, differences and verdict.  The parts replace the whole when they
        find sources the whole did not: at least two parts settled (supported or
        contradicted at ``SETTLED`` or more) by different sources, or one part
        settled at ``ONE_PART_SCORE`` holding ``ONE_PART_SHARE`` of the claim
        while the others have no source and the whole found only a weak match.
        When the whole's best passage leaves a part uncovered (``uncovered``:
        it is the source of the other parts only), one settled part is enough.
        The claim's verdict is its worst part's, and a part with no source makes
        it ``unverified`` at best.
        """
        spans = claim_parts(text)
        if len(spans) < 2:
            return whole
        whole_weak = not whole.matches or whole.matches[0].weak
        # Beside a strong whole that leaves no run uncovered, only every part settling splits
        # the claim (below), and the whole is the answer otherwise: the first part that does
        # not settle ends the lookups (a quarter to a half of a compound claim's time).
        settle_all = not uncovered and not whole_weak
        try:
            if len(_cover_runs(text, cover)) >= 2:
                parts = self._split(text, 0, len(text), base, cover, MAX_DEPTH, settle_all)
            elif settle_all:
                # Any order gives the same parts; the one likeliest not to settle goes first, so
                # that it ends the lookups before the others are paid for (60 ms to 15 for a
                # five-clause claim whose last clause left a figure's unit out).
                order = sorted(range(len(spans)), key=lambda k: -_trouble(text, spans[k], base, whole, cover))
                got = {k: self._part(text[spans[k][0] : spans[k][1]], base + spans[k][0], None, True) for k in order}
                parts = [got[k] for k in range(len(spans))]
            else:
                parts = [self._part(text[a:b], base + a, None, False) for a, b in spans]
        except _Unsettled:
            return whole
        if len(parts) < 2:
            return whole
        # Parts replace the whole where they find sources the whole did not.  Short clauses
        # match something somewhere, and unrelated text must stay not_found, so a part
        # settles only at SETTLED or more, and at least one settled part must be long.
        settled = [p for p in parts if _settles(p)]
        long_settled = [p for p in settled if word_chars(p.text) >= SETTLED_PART]
        sources = {tuple(p.matches[0].ids) for p in settled}
        unsourced = [p for p in parts if p.verdict == "not_found"]
        # Every part settled, by at least two different passages.
        every_part = len(settled) == len(parts) and len(sources) >= 2 and bool(long_settled)
        # The whole's passage leaves a run uncovered, and a long part has a source of its own
        # (strong beside a strong whole; all but certain beside a weak one).
        least = ONE_PART_SCORE if whole_weak else SETTLED
        whole_ids = tuple(whole.matches[0].ids) if whole.matches else ()
        beside = uncovered and any(p.matches[0].score >= least for p in long_settled) and (
            whole_weak or any(tuple(p.matches[0].ids) != whole_ids for p in settled))
        # Nothing covers the claim as a whole, one part is found all but verbatim, the rest nowhere.
        one_half = (whole_weak and len(long_settled) == 1 and unsourced and long_settled[0].matches[0].score >= ONE_PART_SCORE
                    and word_chars(long_settled[0].text) >= ONE_PART_SHARE * word_chars(text))
        split = every_part or beside or one_half
        if not split:
            if uncovered and whole.verdict == "supported":
                # The passage says what one part says, and nothing settles the rest.
                return ClaimResult(claim=claim, verdict="unverified", matches=whole.matches, parts=parts)
            return whole
        verdicts = {p.verdict for p in parts}
        if "contradicted" in verdicts:
            verdict = "contradicted"
        elif verdicts == {"supported"}:
            verdict = "supported"
        else:
            verdict = "unverified"
        matches: list[MatchResult] = []
        for p in parts:  # every part's source is cited
            if p.matches and p.matches[0].id not in {m.id for m in matches}:
                matches.append(p.matches[0])
        return ClaimResult(claim=claim, verdict=verdict, matches=matches, parts=parts)

    def _context(self, sents: list[StoredSentence]) -> Context:
        """The sentences of the article just before and after a match."""
        before, _ = self.store.neighbours(sents[0], self.context, 0)
        _, after = self.store.neighbours(sents[-1], 0, self.context)
        return Context([s.text for s in before], [s.text for s in after])

    def _result(self, r: Scored, claim: _Claim) -> MatchResult:
        sents = r.unit.sentences
        first = sents[0]
        art = self.store.article(first.article_id)
        text = "".join(s.text for s in sents)
        source_figs = read_figures(text, today=art.date)
        al = r.alignment
        source_norm = al.source if al else ""
        # Labels are compared word by word only where a claim figure has a choice of source figures.
        choice = any(sum(1 for s in source_figs if comparable(c, s)) > 1 for c in claim.figures)
        source_words = segment(source_norm, self.store.lexicon_lookup) if choice else None
        chosen = assign_figures(
            claim.figures, source_figs, claim_norm=claim.norm, source_norm=source_norm,
            source_at=al.source_at if al else None, claim_words=claim.words, source_words=source_words,
        )
        checks = figure_checks(claim.figures, source_figs, chosen)
        if any(ch.status == "missing" and f.date is not None for ch, f in zip(checks, claim.figures)):
            checks = self._dated_by_article(checks, claim.figures, sents, art)
        differences: list = []
        as_source = r.score  # how strongly this passage is the claim's source
        negated_source = True
        if al and r.score >= STRONG:
            found = self._differences(r, claim, text, source_figs, chosen, art, source_words, printed=False)
            negated = [d.claim_span for d in found if d.kind == "negation"]
            if negated:
                # A negation is a word or two, and a short clause (不得出任公司董事5年) negates
                # pieces of many sentences about something else (她出任…董事局成员, at 71).  The
                # passage is the claim's source saying the opposite when, with the negated words
                # counted as matched, it scores 80, and either it matched 85 as it is (在车站
                # 未见火光熊熊 against 在车站已见火光熊熊) or, as a reversed direction (below),
                # has 6 characters in a row or a figure that agrees (该市尚未实现全域5G网络覆盖
                # against 该市已经实现了全域5G网络覆盖, at 79.9).
                held = r.score >= NEGATED or _agrees(checks, claim.figures)
                negated_source = _turned(claim, al, negated, held=held) is not None
            differences = self._printed(found, claim, sents, text)
        elif al and r.score >= PARTIAL and _may_turn(al, negations=(agrees := _agrees(checks, claim.figures))):
            # A short claim that reverses its source (PPI同比下跌0.1% against PPI同比上涨0.1%) loses
            # the reversed word's share of its score: counted as matched, opposite the word that
            # says otherwise, the passage may be the claim's source after all.  Only where the
            # rest of the claim is all but certainly this passage: nearly all of it matched, with
            # a long stretch word for word or a figure that agrees; a short clause (增加了疾病传播风险)
            # matches pieces of unrelated sentences.  A negation only beside a figure that agrees
            # (没有达到1234.5万人): without one, a partial match negated (不得挪作他用, 我没有去武汉)
            # was nearly always a sentence about something else.
            found = self._differences(r, claim, text, source_figs, chosen, art, source_words, printed=False)
            kinds = ("direction", "negation") if agrees else ("direction",)
            turned = [d.claim_span for d in found if d.kind in kinds]
            if turned and (score := _turned(claim, al, turned, held=agrees)) is not None:
                as_source = score
                differences = self._printed(found, claim, sents, text)
        return MatchResult(
            id=first.cid,
            score=r.score,
            weak=as_source < STRONG,
            text=text,
            context=self._context(sents),
            article=article_ref(art, first.section),
            location=location(art, first),
            figures=checks,
            ids=[s.cid for s in sents],
            highlights=highlight_spans(sents, r.source_spans),
            verdict=decide(as_source, checks, differences, negated_source=negated_source),
            differences=differences,
        )

    def _setting(self, sents: list[StoredSentence]) -> list[StoredSentence]:
        """The article's first sentence and the sentences just before a passage: where a report
        names, once, what its later sentences are about (its subject, its date)."""
        before, _ = self.store.neighbours(sents[0], CONTEXT_SENTENCES, 0)
        return self.store.paragraph(sents[0].article_id, 1)[:1] + before

    def _dated_by_article(self, checks: list[FigureCheck], figures: list[Figure], sents: list[StoredSentence],
                          art: StoredArticle) -> list[FigureCheck]:
        """``checks`` with a claim's date that the passage leaves out matched where its article gives it.

        A report states its time once, in the headline or the lead (国家统计局发布2019年1月…数据),
        and the sentences after it do not repeat it (鲜菜价格环比上涨9.1%): the claim's 1月 is then
        the article's, as a word of the claim found in the lead is.  Only an equal date counts;
        another date there may be about something else, so the figure stays missing.
        """
        places = [art.title or "", art.subtitle or ""] + [s.text for s in self._setting(sents) if s not in sents]
        dates = [f for place in places if place for f in read_figures(place, today=art.date) if f.date is not None]
        # The most precise of the equal dates is shown (2021年2月 for the claim's 2月).
        dates.sort(key=lambda d: -sum(x is not None for x in d.date or ()))
        out = []
        for ch, c in zip(checks, figures):
            s = None
            if ch.status == "missing" and c.date is not None:
                s = next((d for d in dates if comparable(c, d) and agreement(c, d) == "match"), None)
            if s is None:
                out.append(ch)
            else:
                out.append(FigureCheck(c.text, c.value, s.text, s.value, c.unit or s.unit, "match",
                                       f"{s.text}: in the article, not in this passage"))
        return out

    def _differences(
        self, r: Scored, claim: _Claim, text: str, source_figs: list[Figure], chosen: dict[int, int],
        art: StoredArticle, source_words: list[str] | None, *, printed: bool = True,
    ) -> list:
        """The claim's words with no counterpart in the match, with offsets as printed (``printed``)
        or in the normalised texts."""
        from .differences import find_differences  # only for a strong match
        al = r.alignment
        assert al is not None
        sents = r.unit.sentences
        names = " ".join(c.get("name", "") for c in art.credits)
        # Where a passage's subject may be named instead: the title, subtitle, section, byline, source,
        # the article's first sentence (本报北京1月31日电 …) and the sentences just before it.
        context = _normalized(" ".join([art.title or "", art.subtitle or "", sents[0].section or "", art.source or "",
                                        names])) + "".join(s.norm for s in self._setting(sents)) + _years_said(art.date, text)
        diffs = find_differences(
            al,
            claim.words,
            claim_figures=[(f.nstart, f.nend) for f in claim.figures],
            source_figures=[(f.nstart, f.nend) for f in source_figs],
            # A date governs no measure word or direction: what follows 2021年2月 is the subject
            # (2021年2月CPI… against 2021年2月全国居民消费价格指数(CPI)…), not its item.
            figure_pairs=[((claim.figures[i].nstart, claim.figures[i].nend), (source_figs[j].nstart, source_figs[j].nend))
                          for i, j in chosen.items() if claim.figures[i].date is None],
            context=context,
            tags=self._tags,
            source_words=lambda: source_words if source_words is not None else segment(al.source, self.store.lexicon_lookup),
        )
        return self._printed(diffs, claim, sents, text) if printed else diffs

    @staticmethod
    def _printed(diffs: list, claim: _Claim, sents: list[StoredSentence], text: str) -> list:
        """``diffs`` with spans and words as printed: the claim as given, the match's text."""
        for d in diffs:
            # Spans and words as printed: the claim as given, the match's text.
            a, b = d.claim_span
            d.claim_span = [claim.base + claim.origin[a], claim.base + claim.origin[b - 1] + 1]
            d.claim = claim.text[d.claim_span[0] - claim.base : d.claim_span[1] - claim.base]
            if d.source_span:
                spans = highlight_spans(sents, [tuple(d.source_span)])
                d.source_span = [spans[0][0], spans[-1][1]] if spans else None
                d.source = text[d.source_span[0] : d.source_span[1]] if d.source_span else d.source
        return diffs

    def _tags(self, words: set[str]) -> dict[str, str]:
        """jieba's name tag of each word it knows as a name, "" for its other words (see ``differences``)."""
        freq, _ = self.store.lexicon_lookup(words)
        tags = {w: "" for w in freq}
        tags.update(self.store.name_tags(words))
        return tags


_RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


def _years_said(date: str | None, text: str) -> str:
    """The words 今年, 去年 … for the years the passage prints, counted from its article's date: a
    claim's 去年同期 is the passage's 2018年同期 in an article of 2019."""
    year = date[:4] if date else ""
    if not year.isdigit():
        return ""
    return "".join(w for w, d in _RELATIVE_YEARS.items() if f"{int(year) + d}年" in text)


class _Unsettled(Exception):
    """A part that does not settle, where only every part settling could split the claim."""


def _closest_quotation(words: str, held: list[Quotation]) -> Quotation | None:
    """Of the quotations a matched passage holds, the one the typed words come from (None if none).

    “跟银行谈利率？以前想都不敢想！”王迪说，“这些年……还真能跟银行坐下来谈谈利率了。” holds two
    quotations in one sentence; the words typed from the second were compared with the first,
    and a verbatim quote was called altered.
    """
    if len(held) <= 1:
        return held[0] if held else None  # nothing to choose: no comparison to pay for
    from rapidfuzz import fuzz

    typed = normalize(words)
    return max(held, key=lambda q: fuzz.partial_ratio(typed, normalize(q.text)))


def _trouble(text: str, span: tuple[int, int], base: int, whole: ClaimResult, cover: list[bool]) -> int:
    """How likely the part ``text[span]`` is not to settle, by what the whole's best match says of it:
    the characters it leaves unmatched, and its words and figures that differ or lack a counterpart."""
    a, b = span
    score = sum(1 for k in range(a, min(b, len(cover))) if not cover[k] and text[k].isalnum())
    best = whole.matches[0] if whole.matches else None
    if best is not None:
        for d in best.differences:
            lo, hi = d.claim_span
            if lo < base + b and hi > base + a:
                score += 10
        score += 10 * sum(1 for f in best.figures if f.status != "match" and f.claim and f.claim in text[a:b])
    return score


def _settles(part: ClaimPart) -> bool:
    """Whether a part's source settles it: supported or contradicted at ``SETTLED`` or more."""
    return part.verdict in ("supported", "contradicted") and part.matches[0].score >= SETTLED


def _may_turn(al, *, negations: bool) -> bool:
    from .differences import may_turn  # only for a partial match

    return may_turn(al, negations=negations)


def _agrees(checks: list[FigureCheck], figures: list[Figure]) -> bool:
    """Whether a figure of the claim that is not a date agrees with its source figure."""
    return any(c.status == "match" and f.kind != "date" for c, f in zip(checks, figures))


def _longest_block(al) -> int:
    """Characters of words in the longest stretch of the claim matched word for word."""
    return max((sum(ch.isalnum() for ch in al.claim[c : c + n]) for c, _, n in al.blocks), default=0)


def _turned(claim: _Claim, al, spans: list[list[int]], *, held: bool) -> float | None:
    """The score of a match that says otherwise at ``spans`` (normalised claim), counted as
    matched there, where that makes it surely the claim's source: ``TURNED`` or more, with
    ``held`` (a figure that agrees, or a strong score) or ``TURNED_BLOCK`` characters matched in
    a row.  None where it is not."""
    if not (held or _longest_block(al) >= TURNED_BLOCK):
        return None
    score = _score_with(claim, al, spans)
    return score if score >= TURNED else None


def _score_with(claim: _Claim, al, spans: list[list[int]]) -> float:
    """The match's score on the claim's side (``match.score_unit``'s coverage) with ``spans`` of
    the normalised claim counted as matched."""
    covered = al.claim_covered()
    for a, b in spans:
        covered[a:b] = [True] * (b - a)
    return round(100 * claim_coverage(claim.weighted, covered), 1)


@lru_cache(maxsize=1024)
def _normalized(text: str) -> str:
    """``normalize``, remembered: an article's title, section and byline serve each of its matches."""
    return normalize(text)


def _supported_first(results: list[MatchResult]) -> list[MatchResult]:
    """Among equally strong matches, one that supports the claim answers it.

    The same sentence may be printed twice with different figures (a repeated
    story, a correction); if one copy agrees with the claim, the claim is not
    contradicted.  Matches clearly weaker than the best never overturn it.
    """
    if not results or results[0].verdict == "supported":
        return results
    best = results[0].score
    for k, r in enumerate(results):
        if r.score >= max(STRONG, best - RIVAL_BEHIND) and r.verdict == "supported" and k > 0:
            return [r] + results[:k] + results[k + 1 :]
    return results


def exit_ok(results: list) -> bool:
    return all(r.verdict in ("supported", "exact") and not getattr(r, "misattributed", False) for r in results)


# ---------------------------------------------------------------- quotes


@dataclass
class QuoteMatch(MatchResult):
    """A passage a quotation may come from, with its wording differences and speaker."""

    speaker: str | None = None
    speaker_role: str | None = None
    diff: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class QuoteResult:
    """A quotation's verdict and the passages behind it."""

    claim: str
    verdict: str  # exact | altered | not_found
    matches: list[QuoteMatch] = field(default_factory=list)
    speaker: str | None = None
    speaker_role: str | None = None
    error: str | None = None
    quote: str | None = None  # the words checked, when the quote came with its attribution
    draft_speaker: str | None = None  # the speaker the quote as given names
    misattributed: bool = False  # the source names another person


class QuoteChecker(Checker):
    """Checks the exact wording of quotations and names their speakers."""

    def __init__(self, store: Store, **kw):
        super().__init__(store, **kw)
        self._quotations: dict[int, list] = {}

    def quotations_of(self, article_id: int) -> list:
        from .quotes import quotations

        if article_id not in self._quotations:
            self._quotations[article_id] = quotations(self.store, article_id)
        return self._quotations[article_id]

    def check(self, quote: str) -> QuoteResult:  # type: ignore[override]
        """Check a quotation's words and, given with its attribution ("“……”X说"), its speaker."""

        from .quotes import split_attribution
        from .speakers import misattributed

        text, error = clean_claim(quote)
        if error:
            return QuoteResult(claim=quote, verdict="not_found", error=error)
        inner, named = split_attribution(text)
        result = self._check_words(quote, text if inner is None else inner)
        if inner is not None:
            result.quote, result.draft_speaker = inner, named
            result.misattributed = bool(result.matches) and misattributed(named, result.speaker)
        return result

    def _check_words(self, quote: str, text: str) -> QuoteResult:
        from .quotes import strip_marks

        words = strip_marks(text)
        _, ranked = self.matcher.rank(words, top=max(self.top, 3))
        seen: set[tuple[str, ...]] = set()
        unique = []
        exact = 0
        for r in ranked:  # best score first
            if r.score < PARTIAL:
                continue
            if exact >= self.top:
                # Exact matches come first, then the higher score: a later one cannot be shown,
                # so its article's quotations (the costly part of a quote) are not read.
                break
            m = self._quote_result(r, text, words)
            if tuple(m.ids) not in seen:  # two sentences of one quotation are one match
                seen.add(tuple(m.ids))
                unique.append(m)
                exact += m.verdict == "exact"
        unique.sort(key=lambda r: (r.verdict != "exact", -r.score))
        if not unique:
            return QuoteResult(claim=quote, verdict="not_found")
        best = unique[0]
        return QuoteResult(quote, best.verdict, unique[: self.top], best.speaker, best.speaker_role)

    def _quote_result(self, r: Scored, typed: str, words: str) -> QuoteMatch:
        from .quotes import compare, print_notes

        rowids = set(r.unit.rowids)
        first = r.unit.sentences[0]
        held = [q for q in self.quotations_of(first.article_id) if rowids & {s.rowid for s in q.sentences}]
        quotation = _closest_quotation(words, held)
        sents = quotation.sentences if quotation else r.unit.sentences
        joined = "".join(s.text for s in sents)
        source = quotation.text if quotation else joined
        ops, spans = compare(words, source)
        base = max(joined.find(source), 0) if quotation else 0
        exact = all(op.op == "equal" for op in ops)
        covered = source[spans[0][0] : spans[-1][1]] if spans else ""
        art = self.store.article(sents[0].article_id)
        return QuoteMatch(
            id=sents[0].cid,
            score=r.score,
            weak=r.score < STRONG,
            text=joined,
            context=self._context(sents),
            article=article_ref(art, sents[0].section),
            location=location(art, sents[0]),
            figures=[],
            ids=[s.cid for s in sents],
            highlights=[[base + a, base + b] for a, b in spans],
            verdict="exact" if exact else "altered",
            speaker=quotation.speaker if quotation else None,
            speaker_role=quotation.speaker_role if quotation else None,
            diff=ops,
            notes=print_notes(typed, covered, "“”" if quotation else "") if exact else [],
        )


@dataclass
class QuotationRecord:
    """A quotation as ``factcheck quotes`` lists it."""

    text: str
    speaker: str | None
    speaker_role: str | None
    attribution: str | None
    id: str
    ids: list[str]
    article: ArticleRef
    location: Location


def all_quotations(store: Store, speaker: str | None = None):
    from .quotes import quotations
    from .speakers import speaker_is

    for aid in store.article_ids():
        for q in quotations(store, aid):
            if speaker and not speaker_is(speaker, q.speaker, q.speaker_role):
                continue
            first = q.sentences[0]
            art = store.article(aid)
            yield QuotationRecord(
                q.text, q.speaker, q.speaker_role, q.attribution, first.cid, [s.cid for s in q.sentences],
                article_ref(art, first.section), location(art, first),
            )


__all__ = ["Checker", "ClaimResult", "MatchResult", "Context", "PARTIAL", "STRONG", "clean_claim", "exit_ok"]
