"""The matching form of a text: what two spellings of the same words have in common.

A sentence is stored twice: as printed (shown and cited) and in this normalised
form (searched and scored, never shown).  Normalising does, in order (1, 2 and 4
character by character):

1. NFKC, so full-width digits, letters and punctuation become half-width
   (``２０２２`` -> ``2022``, ``，`` -> ``,``);
2. one spelling per punctuation mark: every quotation or book-title mark becomes
   ``"``, ``。`` becomes ``.``, ``、`` becomes ``,``; all white space is dropped;
3. Traditional to Simplified with OpenCC (``hk2s`` then ``tw2s``), never the other
   way, because one Simplified character may stand for several Traditional ones (a text
   with none of the characters OpenCC's entries change is not given to it: ``_triggers``);
4. Latin letters in lower case.

``normalize_with_map`` also returns, for every normalised character, the index
of the original character it came from, so that a span found in the normalised
form can be highlighted in the printed text.  ``normalize`` is the fast path used
when indexing; both give the same string (tested).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .patterns import regex

# Marks that differ only in how a keyboard or a font spells them.
def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a Chinese character (the unified ideographs and their compatibility forms)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


_QUOTES = "“”„‟「」『』‘’‚‛\"'＂＇〝〞〟《》〈〉«»‹›"
_PUNCT = {"。": ".", "、": ",", "｡": ".", "､": ",", "〜": "~", "～": "~", "—": "—", "―": "—", "─": "—"}

_TABLE: dict[int, str | None] = {ord(q): '"' for q in _QUOTES}
_TABLE.update({ord(k): v for k, v in _PUNCT.items()})
# White space carries no meaning in Chinese text; page layouts add it at random.  Control and
# format characters (line and paragraph separators U+2028/U+2029, NEL, the file separators
# \x1c-\x1f, zero-width marks, ESC) carry none either, and must not reach the word cutter.
for _ws in " \t\r\n\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\x0b\x0c\u1680\u180e\u2028\u2029\u202f\u205f\u00ad":
    _TABLE[ord(_ws)] = None
for _cp in [*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x2000, 0x2010), *range(0x2060, 0x2070)]:
    _TABLE[_cp] = None


@lru_cache(maxsize=1)
def _converters() -> tuple:
    import opencc  # imported here: only matching and indexing need it

    return opencc.OpenCC("hk2s"), opencc.OpenCC("tw2s")


def to_simplified(text: str) -> str:
    """Traditional (Hong Kong and Taiwan variants included) to Simplified."""
    triggers = _triggers()
    if triggers is not None and triggers.isdisjoint(text):
        return text  # nothing OpenCC would change (most Simplified text)
    hk, tw = _converters()
    return tw.convert(hk.convert(text))


def _char_form(ch: str) -> str:
    """The normalised form of one character (may be empty or longer than one)."""
    mapped = ch.translate(_TABLE)
    if not mapped:
        return ""
    out = unicodedata.normalize("NFKC", mapped)
    # NFKC may produce quotes or spaces of its own (e.g. U+FF02 -> '"').
    return out.translate(_TABLE).lower()


def _simplify_same_length(text: str) -> str:
    simplified = to_simplified(text)
    if len(simplified) == len(text):
        return simplified
    # A phrase rule changed the length: convert character by character instead,
    # so every position still maps back to one original character.
    return "".join(c if len(s := to_simplified(c)) != 1 else s for c in text)


@lru_cache(maxsize=4096)
def normalize_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """Normalised text and, for each of its characters, the original index.

    Cached: a lookup maps the same source sentences back to print several times (figures,
    highlights, each word difference).  The map is a tuple, so no caller can change it.
    """
    forms = [_FORMS[ch] for ch in text]
    origin = tuple(i for i, f in enumerate(forms) for _ in f)
    return _simplify_same_length("".join(forms)), origin


class _Forms(dict):
    """Each character's form, computed the first time it is asked for."""

    def __missing__(self, ch: str) -> str:
        form = _char_form(ch)
        if len(self) < 100_000:
            self[ch] = form
        return form


# Each character's form, remembered: a text is mapped character by character, and news text
# uses a few thousand characters (the table is bounded all the same).
_FORMS = _Forms()

@lru_cache(maxsize=1)
def _changeable() -> re.Pattern[str]:
    """Any character but those that are their own form: CJK ideographs (NFKC leaves them, the
    table has none), lower-case ASCII letters and digits.  Compiled when first needed (4 ms: a
    lookup's claims are short and never need it)."""
    return regex("[^\u4e00-\u9fff\u3400-\u4dbfa-z0-9]")


def _fast_form(text: str) -> str:
    """The characters' forms joined: what ``normalize_with_map`` computes before OpenCC.

    Character by character, as the map is, so the two cannot differ (whole-text NFKC would
    compose a combining mark or Hangul jamo with the character before).  On a long text one
    compiled pattern finds the few characters that may change (punctuation, white space, Latin
    capitals) and leaves the rest of a Chinese text alone: four times faster than whole-text
    NFKC with a table pass before and after it.
    """
    if len(text) < 2000:  # a claim or a sentence: not worth a pattern
        return "".join([_FORMS[ch] for ch in text])
    return _changeable().sub(lambda m: _FORMS[m.group()], text)


def normalize(text: str) -> str:
    """Normalised text (same result as ``normalize_with_map(text)[0]``)."""
    return _simplify_same_length(_fast_form(text))


_SEP = "\ue000"  # a private-use character: kept by NFKC and OpenCC, and removed from the texts first


TRIGGERS_FILE = Path(__file__).resolve().parent / "data" / "opencc_triggers.txt"


@lru_cache(maxsize=1)
def _triggers() -> frozenset[str] | None:
    """The characters without which OpenCC leaves a text as it is (None: the list was made
    for another OpenCC, whose dictionaries may hold other entries; everything is converted)."""
    import opencc  # its version only: the converters load when a text needs them

    lines = TRIGGERS_FILE.read_text(encoding="utf-8").splitlines()
    if lines[0].split()[2] != getattr(opencc, "__version__", None):
        return None
    # A set, not a pattern: a class of 5,000 characters (some past U+FFFF) is scanned item by item.
    return frozenset("".join(line for line in lines if not line.startswith("#")))


def normalize_many(texts: list[str]) -> list[str]:
    """``normalize`` of each text, in a few calls over all of them (for indexing speed).

    OpenCC is given only the texts holding a character one of its entries would change
    (``_triggers``): under 2 % of a Simplified archive's sentences.
    """
    if not texts:
        return []
    forms = _fast_form(_SEP.join(t.replace(_SEP, "") for t in texts)).split(_SEP)
    triggers = _triggers()
    todo = range(len(forms)) if triggers is None else [i for i, f in enumerate(forms) if not triggers.isdisjoint(f)]
    if not todo:
        return forms
    simple = to_simplified(_SEP.join([forms[i] for i in todo])).split(_SEP)
    if len(simple) != len(todo):
        simple = [_simplify_same_length(forms[i]) for i in todo]
    for i, s in zip(todo, simple):
        # A phrase rule that changed a length is redone character by character.
        forms[i] = s if len(s) == len(forms[i]) else _simplify_same_length(forms[i])
    return forms
