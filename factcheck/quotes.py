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

from .layout import _COMPOUND_SURNAMES, _SURNAMES
from .normalize import normalize_with_map, to_simplified
from .sentences import SPEECH_VERBS
from .store import StoredSentence, Store

OPEN = "“「『"
CLOSE = "”」』"
TERMINATORS = "。！？!?…"

_VERBS = "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True))
_ADVERBS = "进一步|还|也|又|则|更|同时|接着|随后|再次|最后|首先|坦率地|感慨地|笑着|激动地|动情地|深有感触地|对记者|向记者|在接受采访时|接受采访时"
_AFTER = re.compile(rf"^(?P<who>[^，,。！？!?：:；;「」]{{1,40}}?)(?:{_ADVERBS})*(?:{_VERBS})(?:道)?(?=$|[，,。])")
_BEFORE = re.compile(rf"(?:^|[，,。；;！？!?”」』])(?:据)?(?P<who>[^，,。！？!?：:；;“”「」]{{1,40}}?)(?:{_ADVERBS})*(?:{_VERBS})(?:道)?[：:，,]?$")
_TIME_CLAUSE = re.compile(r"^(?P<who>.+?)(?:在|就|对|谈及|谈到|交流|回忆|介绍|说起|讲述|提及)[^，,]*?时$")
_ROLE_END = re.compile(
    "(?:委员|书记|主任|副主任|局长|副局长|处长|科长|所长|院长|校长|厂长|县长|市长|省长|区长|镇长|乡长|村长|站长|社长|会长|部长|"
    "主席|总裁|总经理|经理|董事长|董事|负责人|代表|教授|研究员|专家|医生|工程师|记者|律师|老师|教师|村民|居民|市民|"
    "网友|游客|人才|博士|队长|组长|馆长|行长|秘书长|理事长|总监|创始人|党委书记|支部书记|民警|警官|法官|检察官|发言人|"
    "议员|特首|司长|署长|官员|学者|分析师|经济学家|医师|护士|学生|家长|志愿者|职工|员工|工人|农民|店主|老板|师傅)"
)
_PRONOUNS = {"他", "她", "他们", "她们", "对方", "其"}


@dataclass
class Quotation:
    text: str  # the words inside the marks, as printed
    speaker: str | None
    speaker_role: str | None
    attribution: str | None  # the clause that names the speaker
    article_id: int
    sentences: list[StoredSentence] = field(default_factory=list)


# ---------------------------------------------------------------- speakers


def _is_name(token: str) -> bool:
    return 2 <= len(token) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in token) and (
        token[0] in _SURNAMES or token.startswith(_COMPOUND_SURNAMES)
    )


def split_speaker(who: str) -> tuple[str | None, str | None]:
    """(name, role) of an attribution: "雉城街道组织委员赵新宇" -> ("赵新宇", "雉城街道组织委员").

    Without a personal name the whole description is the speaker
    ("南星街道相关负责人", None); a pronoun gives (None, None).
    """
    who = who.strip()
    m = _TIME_CLAUSE.match(who)
    if m:
        who = m.group("who")  # 李玉平交流在东阳的发展经历时 -> 李玉平
    if not who or who in _PRONOUNS:
        return None, None
    # "河南省政协副秘书长张广东委员": a title after the name is not the name.
    tail = re.search("(?:委员|代表|同志|先生|女士)$", who)
    if tail and len(who) - len(tail.group()) >= 3:
        name, role = split_speaker(who[: tail.start()])
        if name and role is not None and _is_name(name):
            return name, role
    ends = [r.end() for r in _ROLE_END.finditer(who)]
    if ends:
        cut = ends[-1]
        rest = who[cut:]
        if _is_name(rest):
            return rest, who[:cut]
        return who, None
    if _is_name(who):
        return who, None
    for size in (3, 2):
        if len(who) > size and _is_name(who[-size:]):
            return who[-size:], who[:-size]
    return who, None


def speaker_after(text: str) -> tuple[str, str] | None:
    """The attribution right after a closing quotation mark: (who, clause)."""
    m = _AFTER.match(text)
    if not m:
        return None
    return m.group("who"), m.group(0)


def speaker_before(text: str) -> tuple[str, str] | None:
    """The attribution right before an opening quotation mark: "他表示：" / "据X介绍，"."""
    m = _BEFORE.search(text)
    if not m:
        return None
    return m.group("who"), m.group(0).lstrip("，,。；;！？!?”」』")


# ---------------------------------------------------------------- quotations


def _looks_like_speech(inner: str) -> bool:
    return len(inner) >= 6 and bool(re.search(r"[，,。！？!?…；;]", inner))


@dataclass
class _Span:
    para: int
    start: int  # offset in that paragraph's text (after the opening mark)
    end_para: int
    end: int  # offset of the closing mark in end_para's text


def find_quotations(paragraphs: list[str]) -> list[tuple[_Span, str, str | None]]:
    """Quotation spans in a list of paragraph texts, with their inner text and attribution text."""
    out = []
    open_at: tuple[int, int] | None = None
    parts: list[str] = []
    for p, text in enumerate(paragraphs):
        i = 0
        if open_at is not None and not (text and text[0] in OPEN):
            # The quotation did not go on into this paragraph: it was never closed.
            open_at, parts = None, []
        elif open_at is not None:
            i = 1
        while i < len(text):
            ch = text[i]
            if ch in OPEN and open_at is None:
                open_at = (p, i + 1)
                parts = []
            elif ch in CLOSE:
                if open_at is not None:
                    sp, si = open_at
                    inner = "".join(parts) + (text[si:i] if sp == p else text[(1 if text[0] in OPEN else 0) : i])
                    if _looks_like_speech(inner):
                        out.append((_Span(sp, si, p, i), inner, text[i + 1 :]))
                    open_at, parts = None, []
                elif i > 0 and text[i - 1] in TERMINATORS and speaker_after(text[i + 1 :]):
                    # A closing mark with no opening one: the quotation began with the paragraph.
                    start = 1 if text[0] in OPEN else 0
                    inner = text[start:i]
                    if _looks_like_speech(inner):
                        out.append((_Span(p, start, p, i), inner, text[i + 1 :]))
            i += 1
        if open_at is not None:
            sp, si = open_at
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


def attributed_quotations(texts: list[str]) -> list[Attributed]:
    """The quotations of an article's paragraphs, each with the speaker the text names."""
    out: list[Attributed] = []
    roles: dict[str, str] = {}
    last_named: str | None = None
    for span, inner, after in find_quotations(texts):
        found = speaker_after(after or "")
        if not found:
            found = speaker_before(texts[span.para][: max(0, span.start - 1)])
        name = role = clause = None
        if found:
            who, clause = found
            name, role = split_speaker(who)
            if name is None and who.strip() in _PRONOUNS:
                name = last_named  # 她说 after a named speaker
        if name and role:
            roles[name] = role
        elif name:
            role = roles.get(name)  # named again without the role given earlier
        if name:
            last_named = name
        out.append(Attributed(span, inner, name, role, clause))
    return out


def quotations(store: Store, article_id: int) -> list[Quotation]:
    """Every quotation of an indexed article, with its speaker and the sentences it spans."""
    paras: list[list[StoredSentence]] = []
    for s in store.article_sentences(article_id):
        if s.kind == "title":
            continue  # a headline's “国际滨” is a term in marks, not somebody's words
        if not paras or paras[-1][0].paragraph != s.paragraph:
            paras.append([])
        paras[-1].append(s)
    texts = ["".join(s.text for s in para) for para in paras]
    return [
        Quotation(q.text, q.speaker, q.speaker_role, q.attribution, article_id, _sentences_between(paras, q.span))
        for q in attributed_quotations(texts)
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
    q_punct = [c for c in core if unicodedata.category(c).startswith("P") and c not in _MARKS]
    s_punct = [c for c in source if unicodedata.category(c).startswith("P") and c not in _MARKS]
    if _norm_punct(q_punct) != _norm_punct(s_punct):
        notes.append("punctuation differs")
    if re.search(r"\s", core) and not re.search(r"\s", source):
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


def compare(quote: str, source: str) -> tuple[list[DiffOp], list[tuple[int, int]]]:
    """Character diff of the words of ``quote`` against ``source``, as printed on each side.

    Ops read from the quote's side: ``insert`` is text the quote adds, ``delete``
    text of the source it leaves out, ``replace`` both.  Punctuation, spacing and
    script do not count; the source is first narrowed to the stretch the quote
    covers, so quoting part of a long quotation deletes nothing.  Also returns
    the [start, end) ranges of ``source`` that the quote reproduces.
    """
    from rapidfuzz.distance import Levenshtein

    qw, qmap = _words_with_map(quote)
    sw, smap = _words_with_map(source)
    if not qw or not sw:
        return [DiffOp("replace", quote, source)], []
    items = [(op.tag, op.dest_start, op.dest_end) for op in Levenshtein.opcodes(qw, sw)]
    # Trim the source before and after the quoted stretch.
    while items and items[0][0] == "insert":
        items.pop(0)
    while items and items[-1][0] == "insert":
        items.pop()
    s_lo, s_hi = (items[0][1], items[-1][2]) if items else (0, 0)
    out: list[DiffOp] = []
    spans: list[tuple[int, int]] = []
    for op in Levenshtein.opcodes(qw, sw[s_lo:s_hi]):
        q = _span(quote, qmap, op.src_start, op.src_end)
        src = _span(source, smap, s_lo + op.dest_start, s_lo + op.dest_end)
        # Levenshtein turns the quote into the source: its "delete" is what the quote added.
        tag = {"equal": "equal", "insert": "delete", "delete": "insert", "replace": "replace"}[op.tag]
        if tag == "equal":
            spans.append((smap[s_lo + op.dest_start], smap[s_lo + op.dest_end - 1] + 1))
        if out and out[-1].op == tag:
            out[-1] = DiffOp(tag, out[-1].quote + q, out[-1].source + src)
        else:
            out.append(DiffOp(tag, q, src))
    return out, spans


def _span(text: str, mapping: list[int], a: int, b: int) -> str:
    if a >= b:
        return ""
    return text[mapping[a] : mapping[b - 1] + 1]


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


