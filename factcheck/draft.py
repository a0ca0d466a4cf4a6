"""Check a whole draft: every figure and quotation of an article against the index.

A draft is read as the reporter wrote it, not as a printed page: every
non-empty line is at least one sentence, whether or not it ends with 。
(headlines, bullets, short lines), and a Markdown draft is reduced to its text
(``markdown``) with each sentence's position still pointing into the file.  A
line that holds no text (a code fence, a rule) is listed in ``notes``, never
dropped silently.  Blank lines group the lines into paragraphs for the report.

Each sentence is then checked:

* a sentence that holds a quotation (“…”, 「…」) is a **quote**: its words are
  checked with ``QuoteChecker`` (exact / altered / not_found) and the speaker
  the draft names is compared with the speaker the source names: a different
  person makes it ``misattributed``;
* a sentence that states a figure is a **claim**, checked with ``Checker``
  (supported / contradicted / unverified / not_found), compound claims part by
  part as ``check`` does;
* any other sentence is checked too, but reported only when it closely matches a
  source (a strong match); otherwise it is left ``unchecked``.

A sentence with no source above the threshold carries no matches: a weak
passage is never shown as its source.  The summary counts one verdict per
sentence (``misattributed`` replaces the wording verdict).  Results come one
sentence at a time (``check_draft`` is a generator), so the command can stream
JSON Lines and draw a progress bar.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .check import Checker, ClaimPart, ClaimResult, QuoteChecker, QuoteResult, word_chars
from .figures import read_figures
from .forks import Fork, Tickets, can_fork, wait, write_frame
from .labels import t
from .markdown import read_lines
from .quotes import attributed_quotations
from .sentences import split_sentences
from .speakers import misattributed
from .store import Store
from .verdict import STRONG

MIN_SENTENCE = 6  # characters of words a sentence without figures needs to be checked
PROBLEMS = ("contradicted", "altered", "misattributed")
# What an editor must still look at after the problems: no source establishes it.
TO_REVIEW = ("unverified", "not_found")
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
class DraftSpan:
    """A sentence of the draft as read: its text, its place, and the line's text for quotations."""

    text: str
    position: Position
    line_text: str
    line_start: int  # where the sentence starts in ``line_text``


@dataclass
class Draft:
    sentences: list[DraftSpan]
    notes: list[str]  # lines that hold no text to check, and why


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
    parts: list[ClaimPart] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The one verdict this sentence counts as."""
        if self.misattributed:
            return "misattributed"
        return self.verdict or "unchecked"

    @property
    def problem(self) -> str | None:
        return self.label if self.label in PROBLEMS else None

    @property
    def review(self) -> str | None:
        """``unverified`` or ``not_found``: not wrong, but not established by any source."""
        return self.label if self.label in TO_REVIEW else None


@dataclass
class Summary:
    sentences: int
    checked: int
    counts: dict[str, int]  # one verdict per sentence: they add up to ``sentences``
    problems: int
    review: int = 0  # unverified and not_found sentences
    notes: list[str] = field(default_factory=list)


def read_draft(text: str, *, markdown: bool = False) -> Draft:
    """The draft's sentences, every non-empty line at least one (read once: counted, then checked)."""
    sentences: list[DraftSpan] = []
    notes: list[str] = []
    paragraph = 0
    last_line = -1
    skipped: list[tuple[int, int, str]] = []  # runs of lines with no text: (first, last, why)
    for line in read_lines(text, markdown=markdown):
        if line.note and not line.text:
            if skipped and skipped[-1][2] == line.note and skipped[-1][1] == line.number - 1:
                skipped[-1] = (skipped[-1][0], line.number, line.note)
            else:
                skipped.append((line.number, line.number, line.note))
            continue
        if line.number != last_line + 1:
            paragraph += 1  # a blank line (or the start) opens a paragraph
        last_line = line.number
        for a, b in split_sentences(line.text):
            start = line.offset + line.cols[a]
            end = line.offset + line.cols[b - 1] + 1
            pos = Position(line.number, start, end, paragraph)
            sentences.append(DraftSpan(line.text[a:b], pos, line.text, a))
    for first, last, why in skipped:
        if first == last:
            notes.append(t("line {n}: {why}, not checked", n=first, why=t(why)))
        else:
            notes.append(t("lines {n}: {why}, not checked", n=f"{first}-{last}", why=t(why)))
    return Draft(sentences, notes)


def draft_text(file: str, data: bytes) -> str:
    """A draft's text: a Word document's or a web page's paragraphs one per line, else the decoded file."""
    from .reader import NotText, decode

    suffix = os.path.splitext(file)[1].lower()
    if suffix in (".docx", ".html", ".htm"):
        if suffix == ".docx":
            from .word import NotWord, read_docx

            try:
                arts = read_docx(data)
            except NotWord as e:
                raise NotText(str(e)) from None
        else:
            from .web import NoArticle, read_web_page

            try:
                arts = read_web_page(decode(data).text)
            except NoArticle as e:
                raise NotText(str(e)) from None
        lines = []
        for art in arts:
            lines += [art.title] if art.title else []
            lines += ["　".join(art.byline)] if art.byline else []
            lines += [p.text for p in art.paragraphs]
        return "\n".join(lines) + "\n"
    return decode(data).text


def check_draft(store: Store, draft: Draft, *, jobs: int | None = None) -> Iterator[DraftSentence]:
    """Check every sentence of a draft (as ``read_draft`` gives it), in order.

    The sentences are independent lookups, all known at the start: a draft of
    ``PARALLEL_FROM`` sentences or more is shared among ``jobs`` processes (the
    cores this one may use), forked once this one has loaded what a lookup needs,
    each with its own connection to the index; results still come in draft order.
    """
    from .batch import cores

    jobs = jobs if jobs is not None else cores()
    if jobs > 1 and len(draft.sentences) >= PARALLEL_FROM and can_fork():
        yield from _in_workers(store, draft.sentences, jobs)
        return
    checkers = _Checkers(store)
    for s in draft.sentences:
        yield checkers.check(s)


PARALLEL_FROM = 16  # sentences: for fewer, starting a second process costs more than it saves


class _Checkers:
    """The two checkers a draft needs, on one open index."""

    def __init__(self, store: Store):
        self.claims = Checker(store, top=1, context=0)
        self.quotes = QuoteChecker(store, top=1, context=0)
        self._quoted_lines: dict[tuple[int, str], list] = {}

    def _quotation(self, s: DraftSpan):
        """The quotation the sentence holds (found in its whole line, once per line), or None."""
        key = (s.position.line, s.line_text)
        if key not in self._quoted_lines:
            self._quoted_lines[key] = attributed_quotations([s.line_text])
        a, b = s.line_start, s.line_start + len(s.text)
        return next((q for q in self._quoted_lines[key] if q.span.start < b and (q.span.end_para > 0 or q.span.end > a)),
                    None)

    def check(self, s: DraftSpan) -> DraftSentence:
        q = self._quotation(s)
        if q is not None:
            return _quote(self.quotes, s.text, s.position, q)
        has_figures = bool(read_figures(s.text))
        if not has_figures and word_chars(s.text) < MIN_SENTENCE:
            # A heading such as "一、标准" matches some sentence of any archive: that proves nothing.
            return DraftSentence(s.text, s.position, "unchecked", s.text, None, MARKS[None])
        result = self.claims.check(s.text)
        strong = bool(result.matches) and result.matches[0].score >= STRONG
        if has_figures or strong or result.parts:
            return _claim(s.text, s.position, result)
        return DraftSentence(s.text, s.position, "unchecked", s.text, None, MARKS[None], error=result.error)


def _help(store: Store, sentences: list[DraftSpan], tickets: Tickets, out: int) -> None:
    """A forked process: check the sentences whose tickets it takes, sending each answer at once.

    On a connection of its own (one is never shared across a fork), with what this process
    already read (the dictionary's long words, bigram counts) inherited."""
    checkers = _Checkers(store.reopen())
    while (taken := tickets.take()) is not None:
        for k in taken:
            write_frame(out, (k, checkers.check(sentences[k])))


def _in_workers(store: Store, sentences: list[DraftSpan], jobs: int) -> Iterator[DraftSentence]:
    """This process and ``jobs - 1`` forked ones check the sentences, each taking the next one
    nobody has taken (``forks.Tickets``); results come in draft order, each as soon as it and
    every one before it are ready.

    Taking sentences as they go keeps every core busy to the end, however long each check
    takes (from 3 to 20 ms in a draft: shares cut in advance left one process waiting for
    the other).  The fork comes first, once the modules, word lists and patterns every check
    needs are loaded (``_preload``).  Sentences a forked process took and never answered (it
    died) are checked here; an error it raised is raised here.
    """
    _preload(store)
    tickets = Tickets(len(sentences))
    helpers: list[Fork] = []
    try:
        for _ in range(jobs - 1):
            helpers.append(Fork(_help, store, sentences, tickets, frames=True))
        checkers = _Checkers(store)
        frames = [h.frames for h in helpers if h.frames is not None]
        done: dict[int, DraftSentence] = {}
        nxt = 0
        while nxt < len(sentences):
            if nxt in done:
                yield done.pop(nxt)
                nxt += 1
                continue
            taken = tickets.take()
            if taken is not None:
                for k in taken:
                    done[k] = checkers.check(sentences[k])
                    done.update(v for f in frames for v in f.ready())
            elif any(not f.closed for f in frames):
                done.update(wait(frames))  # nothing left to take: the helpers' answers
            else:
                while helpers:
                    helpers.pop().result()  # an error a helper raised is raised here
                done[nxt] = checkers.check(sentences[nxt])  # taken by a helper that died
        while helpers:  # every sentence answered: the helpers are ending, and an error is raised
            helpers.pop().result()
    finally:
        tickets.close()
        for fork in helpers:
            fork.stop()


def _preload(store: Store) -> None:
    """Load what checking any sentence needs, so that it is loaded once, before the fork."""
    from rapidfuzz import fuzz, process  # noqa: F401 - loaded, for the forked processes
    from rapidfuzz.distance import Indel, Levenshtein  # noqa: F401

    from . import differences  # noqa: F401
    from .speakers import lexicon

    lexicon()
    store.lexicon_lookup(set())  # the dictionary's long words, read once
    Checker(store)  # counts the index's sentences


def _claim(text: str, pos: Position, result: ClaimResult) -> DraftSentence:
    # No source above the threshold: none is shown, not the weak passage that came closest.
    matches = [] if result.verdict == "not_found" else result.matches
    return DraftSentence(text, pos, "claim", result.claim, result.verdict, MARKS[result.verdict], matches,
                         error=result.error, parts=result.parts)


def _quote(checker: QuoteChecker, text: str, pos: Position, q) -> DraftSentence:
    result: QuoteResult = checker.check(q.text)
    mis = bool(result.matches) and misattributed(q.speaker, result.speaker)
    verdict = result.verdict
    matches = [] if verdict == "not_found" else result.matches
    return DraftSentence(
        text, pos, "quote", q.text, verdict, MARKS["misattributed" if mis else verdict], matches,
        misattributed=mis, draft_speaker=q.speaker, speaker=result.speaker, speaker_role=result.speaker_role,
        error=result.error,
    )


def summarise(results: list[DraftSentence], notes: list[str] | None = None) -> Summary:
    counts = Counter(r.label for r in results)
    problems = sum(1 for r in results if r.problem)
    review = sum(1 for r in results if r.review)
    checked = sum(1 for r in results if r.kind != "unchecked")
    return Summary(len(results), checked, dict(counts), problems, review, list(notes or []))


def ordered_problems(results: list[DraftSentence]) -> list[tuple[int, DraftSentence]]:
    """What an editor must look at: the problems (contradicted, altered, misattributed), then the
    sentences no source establishes (unverified, not_found), each group in the draft's order."""
    problems = [(k, r) for k, r in enumerate(results) if r.problem]
    return problems + [(k, r) for k, r in enumerate(results) if r.review]
