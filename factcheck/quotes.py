"""Quotations: find them in articles, name their speakers, and check a quote's wording.

Reading quotations (``quotations``) works on an article's paragraphs, rebuilt
from its indexed sentences, so it needs nothing stored beyond the sentences:

* a quotation is the text between “ and ” (or 「」, 『』) that reads as speech:
  it holds a comma or a sentence end; short marked names and slogans
  (“国际滨”, “微改造、精提升”) are not quotations; ‘…’ inside stays inside;
* a closing mark with no opening one, after a sentence end and before an
  attribution (“……乐在山南。”南星街道相关负责人说。) closes a quotation
  that began at the start of its paragraph (the printed opening mark went to an
  inner name);
* a paragraph that ends inside a quotation continues into the next paragraph
  when that one opens with a quotation mark, as Chinese typesetting does;
* the speaker is read after the closing mark (“……”赵新宇说, “……”雉城街道组织委员
  赵新宇进一步倡议, “……”李玉平交流在东阳的发展经历时说) or before the opening one
  (X表示：“……”, 据X介绍，“……”); the clause is split into a role (雉城街道组织委员)
  and a personal name (赵新宇) where it has one; a speaker named again later
  without a role keeps the role given earlier in the article.

Checking a quote (``compare``) compares the words only: letters and digits after
normalisation.  Same words = ``exact``, with notes on what differed in print
(punctuation, quotation marks, width, Traditional/Simplified, spacing); other
words = ``altered``, with a character diff of the typed quote against the
source as printed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .normalize import normalize_with_map, to_simplified
from .speakers import (
    Tags,
    aliases_in,
    attribution_after,
    attribution_before,
    clause_start,
    clean_role,
    mentions,
    parse_who,
    strip_adverbials,
)
from .store import StoredSentence, Store
from .patterns import regex

OPEN = "“「『"
CLOSE = "”」』"
TERMINATORS = "。！？!?…"

@dataclass
class Quotation:
    text: str  # the words inside the marks, as printed
    speaker: str | None
    speaker_role: str | None
    attribution: str | None  # the clause that names the speaker
    article_id: int
    sentences: list[StoredSentence] = field(default_factory=list)


# ---------------------------------------------------------------- speakers


def split_speaker(who: str) -> tuple[str | None, str | None]:
    """(name, role) of an attribution: "雉城街道组织委员赵新宇" -> ("赵新宇", "雉城街道组织委员").

    Without a personal name a description ending in a role is the speaker
    ("南星街道相关负责人", None); a pronoun or junk gives (None, None).  See ``speakers``.
    """
    name, role, kind = parse_who(who)
    return (name, role) if kind in ("name", "description") else (None, None)


def speaker_after(text: str) -> tuple[str, str] | None:
    """The attribution right after a closing quotation mark: (who, clause)."""
    return attribution_after(text)


def speaker_before(text: str) -> tuple[str, str] | None:
    """The attribution right before an opening quotation mark: "他表示：" / "据X介绍，"."""
    return attribution_before(text)


# ---------------------------------------------------------------- quotations


def _looks_like_speech(inner: str) -> bool:
    return len(inner) >= 6 and bool(regex(r"[，,。！？!?…；;]").search(inner))


@dataclass
class _Span:
    para: int
    start: int  # offset in that paragraph's text (after the opening mark)
    end_para: int
    end: int  # offset of the closing mark in end_para's text


_PAIRS = {"“": "”", "「": "」", "『": "』"}


def find_quotations(paragraphs: list[str]) -> list[tuple[_Span, str, str | None]]:
    """Quotation spans in a list of paragraph texts, with their inner text and the text after them.

    Marks are paired (「…『雙負責』…」 is one quotation: the inner 』 does not
    end it); a quotation left open at the end of a paragraph goes on when the
    next paragraph opens with the same mark, as Chinese typesetting prints a
    quotation over several paragraphs.
    """
    out = []
    skipped: set[tuple[int, int]] = set()  # continuation marks inside a quotation, not its words
    stack: list[str] = []  # closing marks expected, outermost first
    outer = ""
    start: tuple[int, int] = (0, 0)
    parts: list[str] = []
    for p, text in enumerate(paragraphs):
        i = 0
        if stack:
            if text[:1] == outer:
                stack, i = [_PAIRS[outer]], 1  # the quotation goes on; inner marks do not cross paragraphs
            else:
                stack, parts = [], []  # it was never closed
        while i < len(text):
            ch = text[i]
            if ch in _PAIRS:
                if not stack:
                    outer, start, parts = ch, (p, i + 1), []
                elif ch == outer and len(stack) == 1:
                    # The outer mark again: a paragraph's opening mark, the paragraphs joined by the layout.
                    skipped.add((p, i))
                    i += 1
                    continue
                stack.append(_PAIRS[ch])
            elif ch in CLOSE:
                if stack and ch in stack:
                    while stack[-1] != ch:
                        stack.pop()
                    stack.pop()
                    if not stack:
                        sp, si = start
                        first = si if sp == p else 1
                        inner = "".join(parts) + "".join(c for k, c in enumerate(text[first:i], first) if (p, k) not in skipped)
                        if _looks_like_speech(inner):
                            out.append((_Span(sp, si, p, i), inner, text[i + 1 :]))
                        parts = []
                elif not stack and i > 0 and text[i - 1] in TERMINATORS and attribution_after(text[i + 1 :]):
                    # A closing mark with no opening one: the quotation began with the paragraph.
                    first = 1 if text[0] in OPEN else 0
                    inner = text[first:i]
                    if _looks_like_speech(inner):
                        out.append((_Span(p, first, p, i), inner, text[i + 1 :]))
            i += 1
        if stack:
            sp, si = start
            parts.append(text[si:] if sp == p else text[1:])
    return out


@dataclass
class Attributed:
    """A quotation found in paragraph texts, with its speaker."""

    span: _Span
    text: str
    speaker: str | None
    speaker_role: str | None
    attribution: str | None


def _masked(texts: list[str], found: list[tuple[_Span, str, str | None]]) -> list[str]:
    """The paragraphs with the inside of each quotation blanked: names quoted are not people present."""
    out = [list(t) for t in texts]
    for span, _, _ in found:
        for p in range(span.para, span.end_para + 1):
            a = span.start if p == span.para else 0
            b = span.end if p == span.end_para else len(out[p])
            out[p][a:b] = "，" * (b - a)
    return ["".join(t) for t in out]


def attributed_quotations(texts: list[str], *, tags: Tags | None = None) -> list[Attributed]:
    """The quotations of an article's paragraphs, each with the speaker the text names.

    A pronoun (他说, 她續指) or a bare verb (「……」並指) names the person named
    last before the quotation (by an attribution or in running text:
    社区书记邹存英); a short form (林鄭, an alias the article gives) is the full
    name it stands for; a role given once stays with the name.
    """
    found = find_quotations(texts)
    masked = _masked(texts, found)
    people: list[tuple[tuple[int, int], str]] = []  # (position, name), in text order
    roles: dict[str, str] = {}
    for p, text in enumerate(masked):
        for off, name, role in mentions(text, tags=tags):
            people.append(((p, off), name))
            role = clean_role(role) if role and _role_like(role) else None
            if role:
                roles.setdefault(name, role)
    people.sort()
    aliases = aliases_in("\n".join(texts))
    out: list[Attributed] = []
    for span, inner, after in found:
        where = (span.end_para, span.end)
        hit = attribution_after(after or "")
        if not hit:
            where = (span.para, span.start)
            hit = attribution_before(texts[span.para][: max(0, span.start - 1)])
            if not hit and span.start <= 1 and span.para > 0 and texts[span.para - 1].rstrip().endswith(("：", ":")):
                # X說：¶「……」: the attribution ends the paragraph before.
                hit = attribution_before(texts[span.para - 1].rstrip())
            if not hit:
                # 陳健民指，……，「……」: the sentence's own attribution, earlier in it.
                hit = _sentence_attribution(masked[span.para][: max(0, span.start - 1)])
        name = role = clause = None
        if hit:
            who, clause = hit
            name, role, kind = parse_who(who, tags=tags)
            before = [n for pos, n in people if pos < (span.para, span.start)]
            if kind == "pronoun" and not strip_adverbials(who).strip() in ("他", "她") and not who.strip().endswith(("他", "她")):
                # 「……」並指 / ，只表示：「……」: the subject of the sentence, if it names a person,
                # else the last person named in the paragraph; never someone from far back.
                name = _sentence_subject(people, masked, span, before) or next(
                    (n for pos, n in reversed(people) if pos[0] == span.para and pos < (span.para, span.start)), None)
            elif kind == "pronoun":
                name = before[-1] if before else None
            elif kind == "name" and name:
                name = _full_name(name, [n for _, n in people], aliases)
            elif kind == "surname" and name:
                # 「……」梁說: a surname alone names the person of that surname named last.
                name = next((n for n in reversed(before) if n.startswith(name) and len(n) >= 3), None) or next(
                    (n for n in reversed(before) if n.startswith(name) and len(n) > 1), None)
            elif kind == "description" and name:
                # 总书记说 after 习近平总书记: the person the article gave that title.
                name = next((n for n in reversed(before) if roles.get(n) and roles[n].endswith(name)), name)
            elif kind != "description":
                name = None
        if name and role:
            roles[name] = role
        elif name:
            role = roles.get(name)
        if name:
            people.append((where, name))
            people.sort()
        out.append(Attributed(span, inner, name, role, clause))
    return out


def _sentence_subject(people: list[tuple[tuple[int, int], str]], texts: list[str], span: _Span,
                     before: list[str]) -> str | None:
    """The first person named in the sentence the quotation stands in, before it; a sentence
    that opens with 他 or 她 (他表示…，質問「……」) names the person named last."""
    text = texts[span.para][: max(0, span.start - 1)]
    start = max(text.rfind(c) for c in "。！？!?") + 1
    if text[start : start + 1] in ("他", "她") and text[start : start + 2] not in ("他们", "她们", "他們", "她們"):
        return before[-1] if before else None
    return next((n for (p, off), n in people if p == span.para and start <= off < span.start), None)


def _sentence_attribution(text: str) -> tuple[str, str] | None:
    """The last "who + verb of saying" clause of the sentence that ends ``text``, if any."""
    from .speakers import lexicon

    sentence = regex(r"[。！？!?]").split(text)[-1]
    last = None
    for m in regex(rf"(?:{lexicon().verb_re})(?:道)?(?=[，,：:]|$)").finditer(sentence):
        cut = clause_start(sentence, m.start(), "，,；;：:”」』“「『")
        who = sentence[cut : m.start()].strip()
        if who and len(who) <= 30:
            last = (who, sentence[cut : m.end()])
    return last


def _role_like(role: str) -> bool:
    return len(role) <= 30 and not regex(r"[，,。；;！？!?]").search(role)


def _full_name(name: str, known: list[str], aliases: dict[str, str]) -> str:
    """The full name a short form stands for in this article (林鄭 -> 林鄭月娥, 陳太 -> 陳方安生)."""
    if name in aliases:
        return aliases[name]
    if len(name) <= 2:
        longer = [n for n in known if len(n) == 4 and n.startswith(name)]
        if longer:
            return longer[-1]
    return name


def quotations(store: Store, article_id: int) -> list[Quotation]:
    """Every quotation of an indexed article, with its speaker and the sentences it spans."""
    paras: list[list[StoredSentence]] = []
    for s in store.article_sentences(article_id):
        if s.kind:
            continue  # a headline's or caption's “国际滨” is a term in marks, not somebody's words
        if not paras or paras[-1][0].paragraph != s.paragraph:
            paras.append([])
        paras[-1].append(s)
    texts = ["".join(s.text for s in para) for para in paras]
    return [
        Quotation(q.text, q.speaker, q.speaker_role, q.attribution, article_id, _sentences_between(paras, q.span))
        for q in attributed_quotations(texts, tags=store.word_tags)
    ]


def _sentences_between(paras: list[list[StoredSentence]], span: _Span) -> list[StoredSentence]:
    out = []
    for p in range(span.para, span.end_para + 1):
        offset = 0
        for s in paras[p]:
            a, b = offset, offset + len(s.text)
            offset = b
            if p == span.para and b <= span.start:
                continue
            if p == span.end_para and a > span.end:
                continue
            out.append(s)
    return out


# ---------------------------------------------------------------- comparing


def _words_with_map(text: str) -> tuple[str, list[int]]:
    """Letters and digits of the normalised text, with each one's index in ``text``."""
    norm, origin = normalize_with_map(text)
    keep = [(c, o) for c, o in zip(norm, origin) if c.isalnum()]
    return "".join(c for c, _ in keep), [o for _, o in keep]


_MARKS = "“”「」『』‘’\"'〝〞"


def print_notes(typed: str, source: str, source_marks: str = "") -> list[str]:
    """What differs only in print between a typed quote and the same words in the source.

    ``typed`` is the quote as given (with any marks around it), ``source`` the
    stretch of the source it reproduces, ``source_marks`` the marks the source
    prints around the quotation ("“”").
    """
    notes = []
    outer = typed.strip()
    typed_marks = outer[0] + outer[-1] if len(outer) >= 2 and outer[0] in _MARKS and outer[-1] in _MARKS else ""
    if typed_marks and source_marks and typed_marks != source_marks:
        notes.append(f"typed with {typed_marks}; the source prints {source_marks}")
    core = _core(strip_marks(outer))
    if any(unicodedata.east_asian_width(c) == "F" and c.isalnum() for c in core):
        notes.append("full-width letters or digits; the source prints them half-width")
    if any(c.isalnum() for c in core) and to_simplified(core) != core:
        notes.append("written in Traditional characters; the source is in Simplified")
    if _ELLIPSIS.search(core):
        notes.append("an ellipsis marks words left out")  # the punctuation of what is left out is not compared
    else:
        q_punct = [c for c in core if unicodedata.category(c).startswith("P") and c not in _MARKS]
        s_punct = [c for c in source if unicodedata.category(c).startswith("P") and c not in _MARKS]
        if _norm_punct(q_punct) != _norm_punct(s_punct):
            notes.append("punctuation differs")
    if regex(r"\s").search(core) and not regex(r"\s").search(source):
        notes.append("spacing differs")
    return notes


def _core(text: str) -> str:
    """From the first letter or digit to the last (leading and trailing punctuation dropped)."""
    idx = [i for i, c in enumerate(text) if c.isalnum()]
    return text[idx[0] : idx[-1] + 1] if idx else ""


def _norm_punct(marks: list[str]) -> list[str]:
    return [unicodedata.normalize("NFKC", m).replace("。", ".") for m in marks]


@dataclass
class DiffOp:
    op: str  # equal | insert | delete | replace
    quote: str
    source: str


_ELLIPSIS = regex(r"…+|⋯+|\.{3,}|。{3,}")


def compare(quote: str, source: str) -> tuple[list[DiffOp], list[tuple[int, int]]]:
    """Character diff of the words of ``quote`` against ``source``, as printed on each side.

    Ops read from the quote's side: ``insert`` is text the quote adds, ``delete``
    text of the source it leaves out, ``replace`` both.  Punctuation, spacing and
    script do not count.  Quoting part of a quotation is no change: each stretch
    of the quote (an ellipsis, …, marks words left out) is compared with the
    stretch of the source it reproduces, found by rapidfuzz's
    ``partial_ratio_alignment``, in order; what the quote leaves out before,
    between and after is not a deletion.  Also returns the [start, end) ranges
    of ``source`` that the quote reproduces.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    sw, smap = _words_with_map(source)
    out: list[DiffOp] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    cuts = [0, *(x for m in _ELLIPSIS.finditer(quote) for x in m.span()), len(quote)]
    stretches = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if any(c.isalnum() for c in quote[a:b])]
    if not stretches or not sw:
        return [DiffOp("replace", quote, source)], []
    for k, (qa, qb) in enumerate(stretches):
        part = quote[qa:qb]
        qw, qmap = _words_with_map(part)
        rest = sw[pos:]
        if not rest:
            out.append(DiffOp("insert", part, ""))
            continue
        al = fuzz.partial_ratio_alignment(qw, rest)
        lo, hi = (al.dest_start, al.dest_end) if len(qw) <= len(rest) else (0, len(rest))
        # From just before where the stretch starts, far enough on for words it leaves out
        # without an ellipsis; the diff settles the edges.
        lo, hi = max(0, lo - 4), min(len(rest), lo + 2 * len(qw) + 8)
        items = [(op.tag, op.dest_start, op.dest_end) for op in Levenshtein.opcodes(qw, rest[lo:hi])]
        while items and items[0][0] == "insert":
            items.pop(0)
        while items and items[-1][0] == "insert":
            items.pop()
        s_lo, s_hi = (pos + lo + items[0][1], pos + lo + items[-1][2]) if items else (pos + lo, pos + lo)
        if s_hi - s_lo > len(qw):
            s_lo, s_hi = _closest_window(qw, sw, s_lo, s_hi)
        for op in Levenshtein.opcodes(qw, sw[s_lo:s_hi]):
            q = _span(part, qmap, op.src_start, op.src_end)
            src = _span(source, smap, s_lo + op.dest_start, s_lo + op.dest_end)
            # Levenshtein turns the quote into the source: its "delete" is what the quote added.
            tag = {"equal": "equal", "insert": "delete", "delete": "insert", "replace": "replace"}[op.tag]
            if tag == "equal":
                spans.append((smap[s_lo + op.dest_start], smap[s_lo + op.dest_end - 1] + 1))
            if out and out[-1].op == tag and not (k and op.src_start == 0):
                out[-1] = DiffOp(tag, out[-1].quote + q, out[-1].source + src)
            else:
                out.append(DiffOp(tag, q, src))
        pos = s_hi
    return out, spans


def _closest_window(qw: str, sw: str, lo: int, hi: int) -> tuple[int, int]:
    """The shortest stretch of ``sw[lo:hi]`` that holds as many of the quote's words, in order,
    as the whole: its earliest end, then its latest start.

    Levenshtein's opcodes may place the source words a partial quote leaves out in the middle:
    “产业问题解决了，脱贫难得很” against 产业问题不解决，脱贫难得很，返贫快得很 matched its last
    得很 with the source's last, and the diff showed 得很，返贫快 as left out of the middle.
    The stretch ending at the first 得很 holds every word the longer one does, and what
    follows it is not quoted.  Words a quote really leaves out of the middle stay left out: a
    shorter stretch would hold fewer of its words.
    """
    from rapidfuzz.distance import Indel

    def held(a: int, b: int) -> int:  # the quote's words that sw[a:b] holds in order
        return (len(qw) + (b - a) - Indel.distance(qw, sw[a:b])) // 2

    most = held(lo, hi)
    hi = next(e for e in range(lo + 1, hi + 1) if held(lo, e) == most)
    lo = next(s for s in range(hi - 1, lo - 1, -1) if held(s, hi) == most)
    return lo, hi


def _span(text: str, mapping: list[int], a: int, b: int) -> str:
    if a >= b:
        return ""
    return text[mapping[a] : mapping[b - 1] + 1]


def split_attribution(text: str) -> tuple[str | None, str | None]:
    """A quote typed with its attribution, as (words inside the marks, the speaker it names).

    “……”赵新宇说。 / 汪琳琳说：“……” / 「……」林鄭月娥稱 -> the quotation and the name
    (a pronoun or no attribution gives None).  (None, None) when the text is the
    quote alone.
    """
    m = re.fullmatch(r"(?P<before>[^“「『]*)(?P<open>[“「『])(?P<inner>.+)(?P<close>[”」』])(?P<after>[^“”「」『』]*)", text.strip(), re.S)
    if not m or _PAIRS[m.group("open")] != m.group("close"):
        return None, None
    before, after = m.group("before"), m.group("after")
    if not any(c.isalnum() for c in before + after):
        return None, None
    hit = attribution_after(after) or attribution_before(before)
    name = None
    if hit:
        found, _, kind = parse_who(hit[0])
        name = found if kind in ("name", "description") else None
    return m.group("inner"), name


def strip_marks(quote: str) -> str:
    """A quote as typed, without the quotation marks around it."""
    q = quote.strip()
    pairs = ("“”", "「」", "『』", "‘’", '""', "''", "〝〞")
    changed = True
    while changed and len(q) >= 2:
        changed = False
        for a, b in pairs:
            if q[0] == a and q[-1] == b:
                q = q[1:-1].strip()
                changed = True
    return q


