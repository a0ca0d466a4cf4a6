"""The matching form of a text: what two spellings of the same words have in common.

A sentence is stored twice: as printed (shown and cited) and in this normalised
form (searched and scored, never shown).  Normalising does, in order:

1. NFKC, so full-width digits, letters and punctuation become half-width
   (``２０２２`` -> ``2022``, ``，`` -> ``,``);
2. one spelling per punctuation mark: every quotation or book-title mark becomes
   ``"``, ``。`` becomes ``.``, ``、`` becomes ``,``; all white space is dropped;
3. Traditional to Simplified with OpenCC (``hk2s`` then ``tw2s``), never the other
   way, because one Simplified character may stand for several Traditional ones;
4. Latin letters in lower case.

``normalize_with_map`` also returns, for every normalised character, the index
of the original character it came from, so that a span found in the normalised
form can be highlighted in the printed text.  ``normalize`` is the fast path used
when indexing; both give the same string (tested).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from functools import lru_cache

# Marks that differ only in how a keyboard or a font spells them.
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


@functools.lru_cache(maxsize=4096)
def normalize_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """Normalised text and, for each of its characters, the original index.

    Cached: a lookup maps the same source sentences back to print several times (figures,
    highlights, each word difference).  The map is a tuple, so no caller can change it.
    """
    forms = [_FORMS.get(ch) or _form_of(ch) for ch in text]
    origin = tuple(i for i, f in enumerate(forms) for _ in f)
    return _simplify_same_length("".join(forms)), origin


# Each character's form, remembered: a text is mapped character by character, and news text
# uses a few thousand characters (the table is bounded all the same).
_FORMS: dict[str, str] = {}


def _form_of(ch: str) -> str:
    form = _char_form(ch)
    if len(_FORMS) < 100_000:
        _FORMS[ch] = form
    return form


# Combining marks: whole-string NFKC would compose them where per-character NFKC does not.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a]")


# str.translate looks every character up in the table through Python's mapping protocol; one
# compiled pattern of the table's characters finds the few that change (punctuation, white
# space) and leaves the rest of a Chinese text untouched, about three times faster.
@lru_cache(maxsize=1)
def _table_chars() -> tuple[re.Pattern, dict[str, str]]:
    return (re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]"),
            {chr(k): v or "" for k, v in _TABLE.items()})


def _translate(text: str) -> str:
    if len(text) < 2000:
        return text.translate(_TABLE)  # a claim or a sentence: not worth a pattern
    pattern, table = _table_chars()
    return pattern.sub(lambda m: table[m.group()], text)


def _fast_form(text: str) -> str:
    return _translate(unicodedata.normalize("NFKC", _translate(text))).lower()


def normalize(text: str) -> str:
    """Normalised text (same result as ``normalize_with_map(text)[0]``)."""
    if _COMBINING.search(text):
        return normalize_with_map(text)[0]
    return _simplify_same_length(_fast_form(text))


_SEP = "\ue000"  # a private-use character: kept by NFKC and OpenCC, and removed from the texts first


def normalize_many(texts: list[str]) -> list[str]:
    """``normalize`` of each text, in a few calls over all of them (for indexing speed)."""
    if not texts:
        return []
    if any(_COMBINING.search(t) for t in texts):
        return [normalize(t) for t in texts]
    forms = _fast_form(_SEP.join(t.replace(_SEP, "") for t in texts)).split(_SEP)
    simple = to_simplified(_SEP.join(forms)).split(_SEP)
    if len(simple) != len(forms):
        return [_simplify_same_length(f) for f in forms]
    # A phrase rule that changed a length is redone character by character.
    return [s if len(s) == len(f) else _simplify_same_length(f) for s, f in zip(simple, forms)]
