"""Find and rank the sentences a claim comes from.

Two stages, so that a lookup never scans every sentence:

1. **Candidates** (``candidates``): the claim's character bigrams that occur in
   the corpus, the rarest first (at most ``QUERY_GRAMS``; past ``MIN_QUERY_GRAMS``
   only while their postings stay under ``MAX_POSTINGS``), are OR-ed in one FTS5
   query that sums their weights; the best ``CANDIDATES`` sentences come back.
2. **Ranking** (``score_unit``): the candidates rapidfuzz's ``partial_ratio`` or the
   index ranks near the top (``shortlist``), and each of the best joined to the
   sentence before or after it in its paragraph, are scored against the claim:

   * the claim is cut into jieba words (``words``); each word weighs its
     rarity in the corpus, ``log(1 + N / (df + 1))`` with ``df`` the number of
     sentences holding its rarest bigram, so names, places and rare terms count
     most; punctuation weighs nothing, numbers and single characters little
     (figures are compared separately, by ``verdict``, because a fuzzy score
     cannot see that 48 is not 50);
   * the claim is aligned with the candidate (``alignment.align``: each clause
     on its own, with rapidfuzz); the alignment is kept with the match, so
     highlights, figure pairing and word differences use the same one;
   * ``claim coverage`` is the weight of the claim's matched characters over its
     total weight; ``source coverage`` the share of the source's characters that
     are matched; the score is ``100 * max(claim, F1(claim, source))``: a
     fragment of a sentence scores by how much of it is found, a claim longer
     than its source by the balance of both.

A two-sentence span replaces its single sentence only when it scores clearly
higher (``SPAN_GAIN``), so a claim spread over two sentences comes back as one
match, and a one-sentence claim does not drag its neighbour along.
"""

from __future__ import annotations

import math
import operator
from itertools import compress
from dataclasses import dataclass, field

from .alignment import Alignment, align
from .normalize import normalize
from .store import StoredSentence, Store, bigrams
from .words import is_number, segment

QUERY_GRAMS = 6
MIN_QUERY_GRAMS = 4
MAX_POSTINGS = 2_000  # bigram postings read per lookup, once MIN_QUERY_GRAMS bigrams are in
CANDIDATES = 20
ALIGNED = 6  # candidates aligned in full: the best by partial_ratio …
INDEX_FIRST = 2  # … and the index's own first few
SPAN_CANDIDATES = 5
SPAN_GAIN = 4.0
SPAN_BEHIND = 40.0  # a sentence this far behind the best is not tried with its neighbours
NUMBER_WEIGHT = 0.6
SINGLE_CHAR_WEIGHT = 0.5


@dataclass
class WeightedClaim:
    """A normalised claim with one weight per character."""

    norm: str
    weights: list[float]
    words: list[str]
    figures: list = field(default_factory=list)  # read from the claim once, for checking
    optional: list[bool] = field(default_factory=list)  # characters that count only where matched

    def __post_init__(self) -> None:
        if not self.optional:
            self.optional = [False] * len(self.norm)

    @property
    def total(self) -> float:
        return sum(self.weights)

    @property
    def optional_weights(self) -> list[float]:
        """The weight of each optional character (0 for the others)."""
        return [w if o else 0.0 for w, o in zip(self.weights, self.optional)]


@dataclass
class Unit:
    """One sentence, or two adjacent sentences of one paragraph, to score."""

    sentences: list[StoredSentence]

    @property
    def rowids(self) -> tuple[int, ...]:
        return tuple(s.rowid for s in self.sentences)


@dataclass
class Scored:
    """A unit scored against a claim, with the alignment the score came from."""

    unit: Unit
    score: float
    claim_coverage: float
    source_coverage: float
    alignment: Alignment | None = None  # of the claim with the joined norms of unit.sentences

    @property
    def source_spans(self) -> list[tuple[int, int]]:
        return self.alignment.source_spans() if self.alignment else []


def word_weights(words: list[str], gram_df: dict[str, int], n_sentences: int) -> list[float]:
    """Weight of each word: corpus rarity for words, little for numbers and single characters."""
    out = []
    for w in words:
        if not (w.isalnum() or any(c.isalnum() for c in w)):
            out.append(0.0)
        elif is_number(w):
            out.append(NUMBER_WEIGHT)
        elif len(w) == 1:
            out.append(SINGLE_CHAR_WEIGHT)
        else:
            # A word of letters only (nearly all) is one run: its bigrams are its pairs of characters.
            grams = map(operator.add, w, w[1:]) if w.isalnum() else bigrams(w)
            df = min((gram_df.get(g, 0) for g in grams), default=0)
            out.append(math.log(1 + n_sentences / (df + 1)))
    return out


def weigh_claim(norm: str, words: list[str], gram_df: dict[str, int], n_sentences: int) -> WeightedClaim:
    weights: list[float] = []
    ww = word_weights(words, gram_df, n_sentences)
    for w, weight in zip(words, ww):
        if w.isalnum():
            weights.extend([weight / len(w)] * len(w))
            continue
        per_char = weight / max(1, sum(1 for c in w if c.isalnum()))
        weights.extend(per_char if c.isalnum() else 0.0 for c in w)
    # segment() keeps every character, so weights line up with norm.
    assert len(weights) == len(norm), (words, norm)
    return WeightedClaim(norm=norm, weights=weights, words=words)


def claim_coverage(claim: WeightedClaim, covered: list[bool]) -> float:
    """The share of the claim's weight on ``covered`` characters; an optional character (a
    figure's words) counts only where covered."""
    # itertools.compress keeps these sums in compiled code (they run for every candidate).
    matched = sum(compress(claim.weights, covered))
    optional = claim.optional_weights
    total = claim.total - (sum(optional) - sum(compress(optional, covered)))
    return matched / total if total > 0 else 0.0


def score_unit(claim: WeightedClaim, source: str) -> Scored | None:
    """Score one source text (normalised) against a claim; see the module docstring."""
    total = claim.total
    if total <= 0:
        return None
    al = align(claim.norm, source)
    cc = claim_coverage(claim, al.claim_covered())
    alnum = [ch.isalnum() for ch in source]
    n_src = sum(alnum)
    sc = sum(compress(alnum, al.source_covered())) / n_src if n_src else 0.0
    f1 = 2 * cc * sc / (cc + sc) if cc + sc else 0.0
    return Scored(
        unit=Unit([]), score=round(100 * max(cc, f1), 1), claim_coverage=cc, source_coverage=sc,
        alignment=al,
    )


class Matcher:
    """Ranks the sentences of one index against claims (reuse it for a batch)."""

    def __init__(self, store: Store):
        self.store = store
        self.n_sentences = max(1, store.sentence_count())

    def prepare(self, claim: str) -> tuple[WeightedClaim, dict[str, int]]:
        from .figures import read_figures

        norm = normalize(claim)
        words = segment(norm, self.store.lexicon_lookup)
        grams = bigrams(norm)
        gram_df = self.store.gram_frequencies(grams)
        wc = weigh_claim(norm, words, gram_df, self.n_sentences)
        wc.figures = read_figures(claim)
        for f in wc.figures:
            # Figures are compared on their own: the words of a figure (二千四百一十八个,
            # 超过, 约, 多) cost no coverage where the source writes it another way
            # (2418个, 300多条) and count where it matches; digits always weigh, so
            # ranking prefers the right number.
            for k in range(f.nstart, f.nend):
                if not norm[k].isdigit():
                    wc.optional[k] = True
        return wc, gram_df

    def candidates(self, gram_df: dict[str, int]) -> list[int]:
        """The sentences sharing the most (and rarest) bigrams with the claim."""
        known = sorted((df, g) for g, df in gram_df.items() if df > 0)
        query: list[tuple[str, float]] = []
        postings = 0
        for df, g in known:
            # Enough rare bigrams find the source; common ones only cost time.
            if len(query) >= QUERY_GRAMS or (len(query) >= MIN_QUERY_GRAMS and postings + df > MAX_POSTINGS):
                break
            query.append((g, math.log(1 + self.n_sentences / df)))
            postings += df
        return self.store.search_grams(query, limit=CANDIDATES, postings=postings)

    def rank(self, claim: str, *, top: int = 3) -> tuple[WeightedClaim, list[Scored]]:
        wc, gram_df = self.prepare(claim)
        rowids = self.candidates(gram_df)
        sents = self.store.sentences_by_rowid(rowids)
        scored: list[Scored] = []
        for rid in shortlist(wc.norm, [(rid, sents[rid].norm) for rid in rowids if rid in sents]):
            s = sents[rid]
            r = score_unit(wc, s.norm)
            if r is not None:
                r.unit = Unit([s])
                scored.append(r)
        scored.sort(key=lambda r: (-r.score, -r.source_coverage, r.unit.rowids))
        scored = self._with_spans(wc, scored)
        return wc, _dedupe(scored)[:top]

    def _with_spans(self, wc: WeightedClaim, scored: list[Scored]) -> list[Scored]:
        """Try each of the best sentences joined to its neighbours in the paragraph."""
        out = list(scored)
        best = scored[0].score if scored else 0.0
        # Not those a pair cannot beat by SPAN_GAIN, nor those that could not come near the best.
        tried = [r for r in scored[:SPAN_CANDIDATES] if best - SPAN_BEHIND <= r.score <= 100 - SPAN_GAIN]
        # Their paragraphs (and articles, which the best will need) in two statements, not one each.
        self.store.prefetch([r.unit.sentences[0] for r in tried])
        for r in tried:
            s = r.unit.sentences[0]
            for pair in self._pairs(s):
                sp = score_unit(wc, "".join(x.norm for x in pair))
                if sp is not None and sp.score >= r.score + SPAN_GAIN:
                    sp.unit = Unit(pair)
                    out.append(sp)
        out.sort(key=lambda r: (-r.score, len(r.unit.sentences), -r.source_coverage, r.unit.rowids))
        return out

    def _pairs(self, s: StoredSentence) -> list[list[StoredSentence]]:
        para = self.store.paragraph(s.article_id, s.paragraph)
        idx = next((k for k, x in enumerate(para) if x.rowid == s.rowid), None)
        if idx is None:
            return []
        pairs = []
        if idx > 0:
            pairs.append([para[idx - 1], s])
        if idx + 1 < len(para):
            pairs.append([s, para[idx + 1]])
        return pairs


def shortlist(claim: str, candidates: list[tuple[int, str]]) -> list[int]:
    """The candidates worth aligning: the first few the index ranks best, and those rapidfuzz's
    ``partial_ratio`` (compiled code, a few microseconds each) ranks best.

    Aligning clause by clause and weighing words is the costly part of a lookup (Python);
    a candidate that neither the index nor a plain character comparison puts near the
    top does not become the best match by it.
    """
    if len(candidates) <= ALIGNED:
        return [rid for rid, _ in candidates]
    from rapidfuzz import fuzz, process

    best = process.extract(claim, [norm for _, norm in candidates], scorer=fuzz.partial_ratio, limit=ALIGNED)
    keep = {k for k in range(INDEX_FIRST)} | {k for _, _, k in best}
    return [candidates[k][0] for k in sorted(keep)]


def _dedupe(scored: list[Scored]) -> list[Scored]:
    """Best first, each sentence in at most one match."""
    used: set[int] = set()
    out = []
    for r in scored:
        ids = set(r.unit.rowids)
        if ids & used:
            continue
        used |= ids
        out.append(r)
    return out
