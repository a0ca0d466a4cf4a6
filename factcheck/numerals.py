"""Chinese numerals as numbers, for the forms news prints.

Our own parser, because importing cn2an costs about 0.2 s, more than the rest
of a cold lookup; a property test checks it against cn2an.

Handled: digits 〇零一二两三四五六七八九, place units 十百千 and the group
units 万 and 亿 (万亿 = 10^12), 点 for the decimal point (三点五), digit
sequences (二〇二二 = 2022), a digit after a unit standing for the next lower
place (三万五 = 35000, 一千五 = 1500), 零 for skipped places (一百零五), and
Arabic digits mixed in (3万5千).  Anything else returns None: the caller then
reports the figure as unread instead of guessing.
"""

from __future__ import annotations

from functools import lru_cache

from .patterns import regex

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
for _d in "0123456789":
    DIGITS[_d] = int(_d)
PLACES = {"十": 10, "百": 100, "千": 1000}
GROUPS = {"万": 10_000, "亿": 100_000_000}
_TOKEN = regex(r"\d+(?:\.\d+)?|.")


@lru_cache(maxsize=4096)
def cn_number(text: str) -> float | None:
    """The value of a Chinese (or mixed) numeral, or None if it is not one."""
    if not text:
        return None
    if "点" in text:
        whole, _, frac = text.partition("点")
        if not frac or any(c not in DIGITS for c in frac):
            return None
        w = cn_number(whole) if whole else 0.0
        if w is None:
            return None
        return w + float("0." + "".join(str(DIGITS[c]) for c in frac))
    if len(text) > 1 and all(c in DIGITS for c in text):
        return float("".join(str(DIGITS[c]) for c in text))  # 二〇二二
    return _integer(text)


def _integer(text: str) -> float | None:
    total = 0  # finished 亿 groups
    group = 0  # finished 万 part of the current 亿 group
    section = 0  # below 万
    digit: float | None = None
    last_place = 0  # the place unit just passed, for 三万五 / 一千五
    zero = False
    for c in _TOKEN.findall(text):
        if c[0].isdigit() and len(c) > 1:  # 52亿6800万: Arabic digits inside
            if digit is not None:
                return None
            digit = float(c)
        elif c in DIGITS:
            if digit is not None:
                return None  # two digits in a row inside a numeral with units
            digit = DIGITS[c]
            if digit == 0:
                zero, digit = True, None
        elif c in PLACES:
            place = PLACES[c]
            if digit is None and (section or zero):
                return None  # 百十: a place with no digit in mid-number
            section += (1 if digit is None else digit) * place
            digit, last_place, zero = None, place, False
        elif c in GROUPS:
            if digit is not None:
                section += digit
            if section == 0 and group == 0 and total == 0:
                return None
            if c == "万":
                group += section * 10_000
                last_place = 10_000
            else:
                total = (total + group + section) * 100_000_000
                group = 0
                last_place = 100_000_000
            section, digit, zero = 0, None, False
        else:
            return None
    if digit is not None:
        # 十八 = 10 + 8, but 三万五 = 35000 and 一千五 = 1500: a last digit right
        # after a unit of 百 or more stands for the next lower place.
        section += digit * (last_place // 10) if last_place >= 100 and not zero else digit
    return float(total + group + section)
