"""Split a paragraph into sentences the way a Chinese reader does.

A sentence ends at 。！？!? or an ellipsis (…… / …), together with any closing
quotation marks and brackets that follow.  It does not end there when:

* the terminator stands inside a quotation that the next words attribute to a
  speaker: in “……。”赵新宇说。 or “……。”雉城街道组织委员赵新宇进一步倡议，…
  the quotation and its speaker are one sentence;
* an ASCII full stop sits between digits (1.39万, 3.5%): ``.`` is never a
  sentence end.

Pure functions on strings: ``split_sentences`` returns (start, end) index pairs
into the paragraph, so callers can map sentences back to file offsets.
"""

from __future__ import annotations

import re

from .patterns import longest_first, regex

TERMINATORS = "。！？!?…"
CLOSERS = "”’」』）)】》〉\"'"
OPENERS = "“‘「『"

# Verbs that attribute a quotation to its speaker.
SPEECH_VERBS = (
    "说道", "说", "表示", "介绍", "倡议", "指出", "认为", "强调", "告诉记者", "告诉", "称",
    "坦言", "透露", "补充道", "补充", "提到", "谈到", "回忆", "感慨", "笑着说", "解释",
    "呼吁", "直言", "坦承", "说明", "建议", "表态", "宣布", "讲述", "总结", "希望",
    "說道", "說", "表示", "介紹", "倡議", "指出", "認為", "強調", "告訴", "稱", "透露", "補充",
    "提到", "談到", "回憶", "解釋", "呼籲", "直言", "說明", "建議", "宣佈", "講述",
)
_VERB_END = regex("(?:" + "|".join(sorted(set(SPEECH_VERBS), key=longest_first)) + ")(?:道)?$")
_CLAUSE_END = regex(r"[，,：:。！？!?；;]")
_TERMINATOR = regex(f"[{re.escape(TERMINATORS)}]")


def _attribution_follows(text: str, pos: int) -> bool:
    """Whether the clause starting at ``pos`` names the speaker of the quote before it.

    True for ``赵新宇说。`` and ``雉城街道纪委书记汪琳琳介绍，…``: the clause
    up to the next comma, colon or terminator ends with a speech verb.
    """
    if pos >= len(text) or text[pos] in OPENERS:
        return False
    m = _CLAUSE_END.search(text, pos)
    clause = text[pos : m.start() if m else len(text)]
    # A speaker clause is short; a long clause is the next sentence of the story.
    return 0 < len(clause) <= 40 and bool(_VERB_END.search(clause))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``; white space at the ends is excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        m = _TERMINATOR.search(text, i)  # the next terminator, found by compiled code
        if m is None:
            break
        i = j = m.start()
        while j < n and text[j] in TERMINATORS:
            j += 1
        closed_quote = False
        while j < n and text[j] in CLOSERS:
            closed_quote = closed_quote or text[j] in "”」』\""
            j += 1
        if closed_quote and _attribution_follows(text, j):
            # “……。”X说。: the quotation and its speaker are one sentence.
            i = j
            continue
        spans.append((start, j))
        start = i = j
    if start < n:
        spans.append((start, n))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s[0] < s[1]]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def ends_sentence(text: str) -> bool:
    """Whether a line ends its sentence (used to rejoin lines broken by a page layout)."""
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in TERMINATORS
