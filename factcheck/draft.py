"""Check a whole draft: every figure and quotation of an article against the index.

The draft is read like any page (``layout``: title, byline, paragraphs, layout
breaks), then each sentence is checked:

* a sentence that holds a quotation (“…”, 「…」) is a **quote**: its words are
  checked with ``QuoteChecker`` (exact / altered / not_found) and the speaker
  the draft names is compared with the speaker the source names: a different
  person makes it ``misattributed``;
* a sentence that states a figure is a **claim**, checked with ``Checker``
  (supported / contradicted / unverified / not_found);
* any other sentence is checked too, but reported only when it closely matches a
  source (a strong match); otherwise it is left ``unchecked``.

Results come one sentence at a time (``check_draft`` is a generator), so the
command can stream JSON Lines and draw a progress bar.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .check import Checker, ClaimResult, QuoteChecker, QuoteResult
from .figures import read_figures
from .layout import Article, SentenceSpan, read_page, sentence_spans
from .quotes import attributed_quotations
from .store import Store
from .verdict import STRONG

PROBLEMS = ("contradicted", "altered", "misattributed")
MARKS = {
    "supported": "✓", "exact": "✓",
    "contradicted": "✗", "altered": "✗", "misattributed": "✗",
    "unverified": "?", "not_found": "?",
    None: "·",
}


@dataclass
class Position:
    line: int
    start: int  # character offsets in the draft, end exclusive
    end: int
    paragraph: int


@dataclass
class DraftSentence:
    """One sentence of the draft and what the index says about it (check/quote schema + position)."""

    sentence: str
    position: Position
    kind: str  # claim | quote | unchecked
    claim: str  # what was looked up: the sentence, or the words of its quotation
    verdict: str | None
    mark: str
    matches: list = field(default_factory=list)
    misattributed: bool = False
    draft_speaker: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    error: str | None = None

    @property
    def problem(self) -> str | None:
        if self.misattributed:
            return "misattributed"
        return self.verdict if self.verdict in PROBLEMS else None


@dataclass
class Summary:
    sentences: int
    checked: int
    counts: dict[str, int]
    problems: int


def _same_person(a: str, b: str) -> bool:
    return a == b or a in b or b in a


def read_draft(text: str, *, markdown: bool = False) -> list[tuple[Article, list[SentenceSpan]]]:
    """The draft's articles with their sentences (read once: counted for progress, then checked)."""
    return [(art, sentence_spans(art)) for art in read_page(text, markdown=markdown)]


def check_draft(store: Store, draft: list[tuple[Article, list[SentenceSpan]]]) -> Iterator[DraftSentence]:
    """Check every sentence of a draft (as ``read_draft`` gives it), in order."""
    claims = Checker(store, top=1, context=0)
    quotes = QuoteChecker(store, top=1, context=0)
    for art, sentences in draft:
        paragraphs = [p.text for p in art.paragraphs]
        quoted = attributed_quotations(paragraphs)
        for s in sentences:
            para = art.paragraphs[s.paragraph - 1]
            a = para.text.find(s.text)
            b = a + len(s.text)
            pos = Position(s.line, s.start, s.end, s.paragraph)
            q = next(
                (q for q in quoted
                 if q.span.para <= s.paragraph - 1 <= q.span.end_para
                 and (q.span.para < s.paragraph - 1 or q.span.start < b)
                 and (q.span.end_para > s.paragraph - 1 or q.span.end > a)),
                None,
            )
            if q is not None:
                yield _quote(quotes, s.text, pos, q)
                continue
            result = claims.check(s.text)
            has_figures = bool(read_figures(s.text))
            strong = bool(result.matches) and result.matches[0].score >= STRONG
            if has_figures or strong:
                yield _claim(s.text, pos, result)
            else:
                yield DraftSentence(s.text, pos, "unchecked", s.text, None, MARKS[None], error=result.error)


def _claim(text: str, pos: Position, result: ClaimResult) -> DraftSentence:
    return DraftSentence(text, pos, "claim", result.claim, result.verdict, MARKS[result.verdict], result.matches,
                         error=result.error)


def _quote(checker: QuoteChecker, text: str, pos: Position, q) -> DraftSentence:
    result: QuoteResult = checker.check(q.text)
    mis = bool(result.matches and q.speaker and result.speaker and not _same_person(q.speaker, result.speaker))
    verdict = result.verdict
    return DraftSentence(
        text, pos, "quote", q.text, verdict, MARKS["misattributed" if mis else verdict], result.matches,
        misattributed=mis, draft_speaker=q.speaker, speaker=result.speaker, speaker_role=result.speaker_role,
        error=result.error,
    )


def summarise(results: list[DraftSentence]) -> Summary:
    counts: Counter[str] = Counter()
    for r in results:
        if r.kind == "unchecked":
            counts["unchecked"] += 1
            continue
        counts[r.verdict or "unchecked"] += 1
        if r.misattributed:
            counts["misattributed"] += 1
    problems = sum(1 for r in results if r.problem)
    return Summary(len(results), sum(1 for r in results if r.kind != "unchecked"), dict(counts), problems)
