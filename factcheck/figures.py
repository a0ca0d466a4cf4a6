"""Read the figures of a Chinese text: interval, unit, form, kind.

Our convention (libraries differ, see FIELD-NOTES): every figure has an
interval ``[low, high]``; a plain figure is a point.  Besides the interval a
figure keeps its *form* and the numbers as *stated*, because agreement is
decided on both (``verdict.agreement``): "420多" and "400多" overlap but do
not say the same thing.

Forms: ``exact``; ``more:STEP`` (多/余, the step is the place they widen:
40多 = [40, 50) ``more:10``, 40多万 ``more:100000``, 40万余 ``more:10000``);
``lower`` (超, 超过, 逾, 以上, 至少, 上百); ``upper`` (不到, 不足, 以内, 以下,
最多); ``near`` (近, 将近, 接近: [0.9v, v]); ``approx`` (约, 左右, 上下:
[0.9v, 1.1v]); ``range`` (300万元至2亿元, 二三十年, 四五个, 两三百个, 三五年);
``few`` (数十万, 几百, 十几).

Read: Arabic (1,200; 1.39; full width), Chinese numerals (our own parser,
``numerals``), mixed and compound forms (1.39万, 52亿6800万, 一亿三千万);
percent (48%, 百分之五十八, 百分之一二), 成 (九成 = 90%, 三成五 = 35%),
fractions (五分之一, 千分之三, 1/5, as percent); signs (零下5摄氏度, 负增长2.3%);
a currency printed before the number (港币500元); units of several parts
(微克/立方米, 公斤/亩, 千伏安, 架次) and scores (44.7分); dates with Arabic or
Chinese numerals (2022年3月, 1月二十四日, 二〇二〇年十一月一日; an impossible
date such as 17月27日 is still a date, and contradicts); relative dates (今年3月,
去年) resolved against the article's date when it has one.

A Chinese numeral counts only with a unit or measure word after it, and a
lone 一 never does (一个, 一站式 are words, not figures); 第N is an ordinal
(kind ``ordinal``, compared only with ordinals; 第一剂 and 首剂 are both the first, 第一时间 no
ordinal; 第三季度 is the quarter 三季度); digits stuck to Latin letters (C919) are a model name.  A
numeral the reader cannot interpret becomes a figure of kind ``unread``:
reported, never compared as something else.

Figures are read on the normalised text (half-width, Simplified) and reported
with the text and offsets as printed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .lists import DATA, sections
from .normalize import normalize_with_map
from .numerals import cn_number
from .patterns import regex

INF = math.inf

UNITS_FILE = DATA / "units.txt"


def _read_units(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(currencies, every unit) of a units file: a newsroom adds its measure words there."""
    found = {name: [w for line in entries for w in line.split()] for name, entries in sections(path).items()}
    money = tuple(dict.fromkeys(found.get("money", ())))
    return money, tuple(dict.fromkeys(money + tuple(found.get("units", ()))))


MONEY, UNITS = _read_units(UNITS_FILE)
# Units are read by lookup after a number's pattern has matched, not by a
# regular expression: an alternation of a hundred units, repeated in every
# pattern, cost 20 ms to compile on each cold lookup.
_UNIT_SET = frozenset(UNITS)
_UNIT_LENGTHS = sorted({len(u) for u in UNITS}, reverse=True)


def _unit_at(n: str, pos: int) -> tuple[str | None, int]:
    """The unit printed at ``pos`` (the longest known; 微克/立方米 as one), and where it ends."""
    for size in _UNIT_LENGTHS:
        u = n[pos : pos + size]
        if len(u) == size and u in _UNIT_SET:
            end = pos + size
            if n[end : end + 1] == "/":  # 微克/立方米, 公斤/亩, 元/吨: a unit per another unit
                for size2 in _UNIT_LENGTHS:
                    u2 = n[end + 1 : end + 1 + size2]
                    if len(u2) == size2 and u2 in _UNIT_SET:
                        return f"{u}/{u2}", end + 1 + size2
            return u, end
    return None, pos


def _post_at(n: str, pos: int) -> tuple[str | None, int]:
    """The qualifier printed right after a figure (以上, 左右, 多 …), and where it ends."""
    for q in POST_QUALIFIERS:
        if n.startswith(q, pos):
            return q, pos + len(q)
    return None, pos

# 不超过 and 不少于 before 超过 and 少于: read from the 不, they say the opposite of the words after it.
PRE_QUALIFIERS = ("不超过", "不超出", "不多于", "不高于", "不少于", "不低于", "不下于", "突破",
                  "超过", "超出", "多于", "逾", "超", "将近", "接近", "近", "大约", "约", "不到", "不足", "少于",
                  "至少", "至多", "最多", "多达", "高达")
POST_QUALIFIERS = ("以上", "以下", "以内", "左右", "上下", "之多", "有余", "多", "余", "内")
_PRE_RE = "|".join(PRE_QUALIFIERS)

# The class of each qualifier: what it does to the interval, and the form it gives.
QUALIFIER_FORM = {
    **dict.fromkeys(("超过", "超出", "多于", "逾", "超", "以上", "至少", "有余", "上", "突破", "不少于", "不低于",
                     "不下于"), "lower"),
    **dict.fromkeys(("将近", "接近", "近"), "near"),
    **dict.fromkeys(("不到", "不足", "少于", "以下", "以内", "内", "最多", "至多", "不超过", "不超出", "不多于",
                     "不高于"), "upper"),
    **dict.fromkeys(("大约", "约", "左右", "上下"), "approx"),
    **dict.fromkeys(("高达", "多达", "之多"), "exact"),  # they emphasise, they don't widen
}

_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_NUM = rf"[{_CN_DIGIT}十][{_CN_DIGIT}十百千万亿]*(?:点[{_CN_DIGIT}]+)?"
_AR_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SIGN = r"(?P<sign>零下|负增长|负|(?<![0-9a-z年月日\-])[\-−](?=\d+(?:\.\d+)?(?:°c|℃|摄氏度)))?"
_CURRENCY = r"(?P<cur>港币|港元|人民币|美元|欧元|日元|英镑|新台币)?"

class _lazy:
    """A pattern compiled on first use: most texts never need the rarer ones, and
    compiling them all cost a cold lookup about 10 ms."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._compiled: re.Pattern | None = None

    def finditer(self, text: str):
        if self._compiled is None:
            self._compiled = regex(self.pattern)
        return self._compiled.finditer(text)


_FIGURE = regex(
    rf"{_SIGN}(?P<pre>{_PRE_RE})?{_CURRENCY}(?P<pct>百分之)?"
    rf"(?:(?P<comp>\d+(?:\.\d+)?亿\d+(?:\.\d+)?万)"
    rf"|(?P<ar>{_AR_NUM})(?P<q1>多|余)?(?P<mag>万亿|亿|千万|百万|万|千(?![瓦米克伏]))?(?P<q2>多|余)?"
    rf"|(?P<cn>{_CN_NUM})(?P<cq>多|余)?(?P<cmag>万亿|亿|万)?)"

)
# 四五个, 两三百个, 三五年, 二三十年, 百分之一二: two numerals next to each other make a range.
_CN_PAIR = _lazy(
    rf"(?P<pre>{_PRE_RE})?(?P<pct>百分之)?(?P<a>[一二两三四五六七八])(?P<b>[二两三四五六七八九])"
    rf"(?P<mag>十|百|千)?(?P<cmag>万亿|亿|万)?"
)
# 数十万, 几百, 十几, 上百, 逾千万元, 近亿: a magnitude with no digit.
# Every part is optional, so without the lookahead the pattern matched (empty) at every character.
_BARE = _lazy(
    rf"(?={_PRE_RE}|数|几|上|十几)(?P<pre>{_PRE_RE})?(?P<few>数|几|上|十几)?(?P<mag>十几万|几十万|十万|百万|千万|万亿|十|百|千|万|亿)?(?P<q>多|余)?"
)
# 九成, 三成五, 不足一成: tenths.
_CHENG = _lazy(rf"(?P<pre>{_PRE_RE})?(?<![\d.])(?P<n>\d(?:\.\d+)?|[一二两三四五六七八九十])成(?P<d>[一二三四五六七八九半])?(?![为立功绩果员本交])")
# 五分之一, 千分之三, 1/5.
_FRACTION = _lazy(
    rf"(?P<pre>{_PRE_RE})?(?:(?P<den>[{_CN_DIGIT}十百千万]+|\d+)分之(?P<num>{_CN_NUM}|\d+(?:\.\d+)?)"
    rf"|(?<![\d/.])(?P<an>\d{{1,2}})/(?P<ad>\d{{1,3}})(?![\d/]))"
)
_MONTH = r"1[0-9]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_DATE = _lazy(
    rf"(?P<y>\d{{4}}|[零〇一二三四五六七八九]{{4}})年(?:(?P<m>{_MONTH})月(?:份)?(?:(?P<d>{_DAY})[日号])?)?"
    rf"|(?P<rel>今年|去年|前年|明年|上年)(?:(?P<rm>{_MONTH})月(?:份)?(?:(?P<rd>{_DAY})[日号])?)?"
    rf"|(?P<m2>{_MONTH})月(?:份)?(?:(?P<d2>{_DAY})[日号])?"
)
# 半年, 半个月: half a unit (but 上半年 is a period, not a duration).
_HALF = _lazy(r"(?<![上下前后])半(?P<unit>年|个月|小时|天)")
_RELATIVE_YEAR = {"今年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
_YEAR_RANGE = regex(r"(?P<a>\d{4})(?:年)?[—–\-~至到](?P<b>\d{4})年")
_RANGE_JOIN = regex(r"^(?:至|到|—|–|-|~|－|—{2})$")

_MAGNITUDE = {"千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8, "万亿": 1e12}
_BARE_MAGNITUDE = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "万亿": 1e12}
_PAIR = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass
class Figure:
    """A figure read from a text: its value as an interval, unit, form and span."""

    text: str  # as printed
    start: int  # offsets in the text as printed
    end: int
    low: float
    high: float
    unit: str | None
    qualifier: str | None
    kind: str  # number | percent | percent_point | money | date | duration | age | ratio | range | ordinal | unread
    date: tuple[int | None, int | None, int | None] | None = None
    open_high: bool = False  # 40多 = [40, 50): 50 itself is not included
    form: str = "exact"  # see the module docstring
    stated: tuple[float, float] = (0.0, 0.0)  # the numbers as printed, in the unit, before any qualifier
    resolved: str | None = None  # 今年3月 in an article of 2023: "2023-03"
    nstart: int = field(default=0, repr=False)  # offsets in the normalised text
    nend: int = field(default=0, repr=False)
    mag: float = field(default=1.0, repr=False)  # 万/亿 printed with the number, for 130至140万

    @property
    def value(self) -> float | int | str | list | None:
        """A number for a point, [low, high] for an interval (null = open), a string for a date."""
        if self.kind == "unread":
            return None
        if self.date is not None:
            y, m, d = self.date
            if self.low != self.high and self.kind == "range":
                return [_num(self.low), _num(self.high)]
            return "-".join(["%04d" % y if y else "-"] + (["%02d" % m] if m else []) + (["%02d" % d] if d else []))
        if self.low == self.high:
            return _num(self.low)
        return [_num(self.low) if self.low != -INF else None, _num(self.high) if self.high != INF else None]


def _num(x: float) -> float | int:
    if x in (INF, -INF):
        return None  # type: ignore[return-value]
    r = round(x, 6)
    return int(r) if r == int(r) else r


def _step(number: str) -> float:
    """One step of the last significant digit: 40 -> 10, 6700 -> 100, 1.5 -> 0.1."""
    if "." in number:
        return 10.0 ** -len(number.split(".")[1])
    digits = number.replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    return 10.0 ** zeros if zeros < len(digits) else 1.0


def _cn_step(number: str) -> float:
    """Step for 多 after a Chinese numeral: 四十多 -> 10, 三百多 -> 100, 十多 -> 10."""
    for ch, step in (("万", 1e4), ("千", 1e3), ("百", 100.0), ("十", 10.0)):
        if number.endswith(ch):
            return step
    return 1.0


def _widen(low: float, high: float, q: str | None) -> tuple[float, float]:
    """The interval a qualifier makes of [low, high]."""
    form = QUALIFIER_FORM.get(q or "", "exact")
    if form == "lower":
        return low, INF
    if form == "near":
        return 0.9 * high, high
    if form == "upper":
        return 0.0, high
    if form == "approx":
        return 0.9 * low, 1.1 * high
    return low, high


def _kind_of(unit: str | None, pct: bool) -> str:
    if pct or unit in ("%", "‰"):
        return "percent"
    if unit in ("个百分点", "百分点"):
        return "percent_point"
    if unit in MONEY:
        return "money"
    if unit == "倍":
        return "ratio"
    if unit in ("岁", "周岁"):
        return "age"
    if unit in ("年", "个月", "天", "小时", "分钟", "秒", "周"):
        return "duration"
    return "number"


def _unit_name(unit: str | None, pct: bool) -> str | None:
    if pct:
        return "%"
    return {"港币": "港元", "百分点": "个百分点", "℃": "摄氏度", "°c": "摄氏度"}.get(unit or "", unit)


def read_figures(text: str, *, today: str | None = None) -> list[Figure]:
    """Every figure in ``text``, in order; ``today`` (YYYY-MM-DD) resolves 今年, 去年…"""
    norm, origin = normalize_with_map(text)
    figs = _scan(norm, _year_of_date(today))
    for f in figs:
        a = origin[f.nstart]
        b = origin[f.nend - 1] + 1
        f.start, f.end, f.text = a, b, text[a:b]
    return figs


def _year_of_date(today: str | None) -> int | None:
    m = regex(r"(\d{4})").match(today or "")
    return int(m.group(1)) if m else None


def _scan(n: str, year: int | None = None) -> list[Figure]:
    figs: list[Figure] = []
    taken = [False] * len(n)

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(f: Figure | None) -> None:
        if f is None or not free(f.nstart, f.nend):
            return
        for i in range(f.nstart, f.nend):
            taken[i] = True
        figs.append(f)

    # Year ranges and dates first: 2020—2022年, 2022年3月, 4月23日.
    for m in _YEAR_RANGE.finditer(n):
        if _stuck(n, m.start(), m.end()):
            continue
        a, b = int(m.group("a")), int(m.group("b"))
        take(Figure("", 0, 0, a, b, "年", None, "range", date=(None, None, None), form="range", stated=(a, b),
                    nstart=m.start(), nend=m.end()))
    if "年" in n or "月" in n:
        for m in _DATE.finditer(n):
            take(_date(n, m, year))
    if "分之" in n or "/" in n:
        for m in _FRACTION.finditer(n):
            take(_fraction(n, m))
    if "成" in n:
        for m in _CHENG.finditer(n):
            take(_cheng(n, m))
    if any(c in n for c in "一二两三四五六七八"):
        for m in _CN_PAIR.finditer(n):
            take(_pair(n, m))
    if any(c in n for c in "数几上十百千万亿"):
        for m in _BARE.finditer(n):
            take(_bare(n, m))
    for m in _HALF.finditer(n) if "半" in n else ():
        if not (m.start() and n[m.start() - 1] in _CN_DIGIT + "0123456789"):
            take(Figure("", 0, 0, 0.5, 0.5, m.group("unit"), None, "duration", stated=(0.5, 0.5),
                        nstart=m.start(), nend=m.end()))
    for m in _FIGURE.finditer(n):
        take(_figure(n, m))
    for m in _FIRST.finditer(n) if ("首" in n or "第一" in n) else ():
        # 第一剂, 首批: the ordinal 1 (第一 and 首 say the same), where a unit follows; not 第一时间.
        unit, end = _unit_at(n, m.end())
        if unit and not (unit == "时" and m.group() == "第一"):
            take(Figure("", 0, 0, 1.0, 1.0, _unit_name(unit, False), None, "ordinal", stated=(1.0, 1.0),
                        nstart=m.start(), nend=end))
    figs.sort(key=lambda f: f.nstart)
    return _join_ranges(n, figs)


# 第一 not followed by more of a numeral (第一百), 首 not ending a word (元首, 榜首, 回首, 自首).
_FIRST = regex(r"第一(?![〇零一二两三四五六七八九十百千万亿0-9])|(?<![元榜回匕自昂俯斩白聚为居岁])首")


def _small(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    v = cn_number(s)
    return int(v) if v is not None else None


def _date(n: str, m: re.Match, year: int | None) -> Figure | None:
    if _stuck(n, m.start(), m.end()) or n[m.start() - 1 : m.start()] in ("个", "第"):
        return None
    resolved = None
    if m.group("y"):
        y = int(m.group("y")) if m.group("y").isdigit() else int(cn_number(m.group("y")) or 0)
        mo, d = _small(m.group("m")), _small(m.group("d"))
        if not (1000 <= y <= 2999):
            return None
    elif m.group("rel"):
        mo, d = _small(m.group("rm")), _small(m.group("rd"))
        if year is None:
            if not mo:
                return None  # 今年 with no article date: nothing to compare
            y = None
        else:
            y = year + _RELATIVE_YEAR[m.group("rel")]
            resolved = "-".join(["%04d" % y] + (["%02d" % mo] if mo else []) + (["%02d" % d] if d else []))
    else:
        y, mo, d = None, _small(m.group("m2")), _small(m.group("d2"))
        if m.start() > 0 and n[m.start() - 1].isdigit():
            return None
    if mo is not None and mo > 12 and d is None:
        return None  # 15月 alone is not a date; 17月27日 is one, and an impossible one
    key = (y or 0) * 10000 + (mo or 0) * 100 + (d or 0)
    rel = m.group("rel")
    start = m.start() + (len(rel) if rel and y is None else 0)  # 今年3月 unresolved reads as 3月
    return Figure("", 0, 0, key, key, "日" if d else ("月" if mo else "年"), None, "date", date=(y, mo, d),
                  stated=(key, key), resolved=resolved, nstart=start, nend=m.end())


def _fraction(n: str, m: re.Match) -> Figure | None:
    if m.group("an"):
        num, den = float(m.group("an")), float(m.group("ad"))
        if not 0 < num < den or n[m.end() : m.end() + 1] in ("日", "号", "月"):
            return None
        den_text = m.group("ad")
    else:
        den_text, num_text = m.group("den"), m.group("num")
        if den_text == "百":
            return None  # 百分之N is a percentage, read by _FIGURE
        d = float(den_text) if den_text.isdigit() else cn_number(den_text)
        v = float(num_text) if num_text[0].isdigit() else cn_number(num_text)
        if d is None or v is None or d == 0:
            return _unread(m)
        num, den = v, d
    value = round(100.0 * num / den, 6)
    pre = m.group("pre")
    low, high = _widen(value, value, pre)
    return Figure("", 0, 0, low, high, "%", pre, "percent", form=QUALIFIER_FORM.get(pre or "", "exact"),
                  stated=(value, value), nstart=m.start(), nend=m.end())


def _cheng(n: str, m: re.Match) -> Figure | None:
    if n[m.start("n") - 1 : m.start("n")] in ("第", "七", "八", "九", "六", "五", "四", "三", "二", "一", "完", "建", "组", "构", "形"):
        return None
    tenths = float(m.group("n")) if m.group("n")[0].isdigit() else cn_number(m.group("n"))
    if tenths is None or tenths > 10:
        return None
    value = tenths * 10 + (_PAIR.get(m.group("d"), 5) if m.group("d") else 0)  # 三成半 = 35%
    pre, end = m.group("pre"), m.end()
    if not pre:
        post, after = _post_at(n, end)
        if post in ("以上", "以下", "以内", "左右", "上下"):  # 五成以上: 50% and more
            pre, end = post, after
    low, high = _widen(value, value, pre)
    return Figure("", 0, 0, low, high, "%", pre, "percent", form=QUALIFIER_FORM.get(pre or "", "exact"),
                  stated=(value, value), nstart=m.start(), nend=end)


def _pair(n: str, m: re.Match) -> Figure | None:
    a, b = _PAIR[m.group("a")], _PAIR[m.group("b")]
    if not (b == a + 1 or (a, b) == (3, 5)):
        return None
    pct = bool(m.group("pct"))
    unit, end = _unit_at(n, m.end())
    if not (unit or pct or m.group("mag") or m.group("cmag")):
        return None
    if n[m.start() - 1 : m.start()] in ("第", "十", "百", "千") or unit in ("分",):
        return None  # 第三四名, 一百二三: not a pair
    mag = {"十": 10, "百": 100, "千": 1000, None: 1}[m.group("mag")] * _MAGNITUDE.get(m.group("cmag") or "", 1.0)
    lo, hi = a * mag, b * mag
    pre = m.group("pre")
    low, high = _widen(lo, hi, pre)
    u = _unit_name(unit, pct)
    kind = _kind_of(unit, pct)
    return Figure("", 0, 0, low, high, u, pre, "range" if kind in ("number", "duration") else kind,
                  form="range", stated=(lo, hi), nstart=m.start(), nend=end)


def _bare(n: str, m: re.Match) -> Figure | None:
    pre, few, mag_text = m.group("pre"), m.group("few"), m.group("mag")
    before = n[m.start() - 1] if m.start() else ""
    start = m.start()
    if pre and before in _NOT_QUALIFIER.get(pre, ()):
        pre, start = None, m.end("pre")  # 新签约亿元以上项目: the 约 of 签约, no qualifier (亿元 alone counts nothing)
    if not (pre or few) or (before and (before.isdigit() or before in _CN_DIGIT)):
        return None
    if mag_text in ("十几万", "几十万"):
        few, mag_text = mag_text[:2], "万"
    if few == "十几" and not mag_text:
        mag_text = "十"
        few = "十几1"
    mag = _BARE_MAGNITUDE.get(mag_text or "")
    if mag is None or n.startswith("分之", m.end()):
        return None  # 超过百分之五 is a percentage, 超过千分之三 a fraction
    unit, end = _unit_at(n, m.end())
    if unit is None and not (pre and not few and mag_text in ("万", "十万", "百万", "千万", "亿", "万亿")):
        return None  # 上百, 数十万 count only with what they count; 逾千万, 突破亿 are counts all the same
    if few == "上":
        lo, hi, form, q = mag, INF, "lower", "上"
    elif few in ("十几", "十几1"):
        base = 1 if few == "十几1" else mag  # 十几个 = [11, 20); 十几万 = [110000, 200000)
        lo, hi, form, q = 11 * base, 20 * base, "few", "十几"
    elif few in ("数", "几"):
        if mag_text == "十":
            lo, hi = 20.0, 100.0
        else:
            lo, hi = 2 * mag, 10 * mag
        form, q = "few", few
    else:
        lo = hi = mag
        form, q = "exact", None
    stated = (lo, lo)
    if pre:
        lo, hi = _widen(lo, hi, pre)
        form, q = QUALIFIER_FORM.get(pre, "exact"), pre + (q or "")
    u = _unit_name(unit, False)
    return Figure("", 0, 0, lo, hi, u, q, _kind_of(unit, False), form=form, stated=stated,
                  open_high=hi != INF and form == "few", nstart=start, nend=end)


def _unread(m: re.Match, end: int | None = None) -> Figure:
    nan = math.nan
    return Figure("", 0, 0, nan, nan, None, None, "unread", form="unread", nstart=m.start(),
                  nend=m.end() if end is None else end)


def _stuck(n: str, a: int, b: int) -> bool:
    """Digits glued to Latin letters or other digits are part of a code (C919), not a figure.

    Only where they touch: a figure that ends in a word is not glued to the letters after it
    (1月CPI, 3月PMI, 2019年GDP are dates), nor one that begins with a word to those before it."""
    before = n[a - 1] if a > 0 else ""
    after = n[b] if b < len(n) else ""
    glued_before = before.isascii() and before.isalnum() and n[a].isascii()
    glued_after = after.isascii() and after.isalpha() and n[b - 1].isascii()
    return glued_before or glued_after


_COUNTED = regex(r"(?:共|仅|只|达|计|总计|合计|累计|共计|总共)$")

# Words that end in a qualifier character but are not qualifiers: 签约, 最近, 赶超.
_NOT_QUALIFIER = {"约": set("签节制预合条公相邀履特违集简婚租契"), "近": set("附最临靠亲就邻贴逼"), "超": set("赶高")}


def _figure(n: str, m: re.Match) -> Figure | None:
    start = m.start()
    sign, pre, cur = m.group("sign"), m.group("pre"), m.group("cur")
    pct = bool(m.group("pct"))
    unit, unit_end = _unit_at(n, m.end())
    post, end = _post_at(n, unit_end)
    if pre and m.start("pre") > 0 and n[m.start("pre") - 1] in _NOT_QUALIFIER.get(pre, ()):
        start = m.end("pre")
        pre = None
    num_group = "comp" if m.group("comp") else ("ar" if m.group("ar") else "cn")
    num_start = m.start(num_group)
    # 第二十四届, 第3名: an ordinal, compared only with ordinals (第二十届 is not the 24th); 第三季度
    # is the quarter 三季度 names.  第一 never counts (第一时间, 第一线; 首 says it as often).
    ordinal = n[num_start - 1 : num_start] == "第" and unit != "季"
    if ordinal and (pre or sign or cur or pct or not unit and num_group != "ar"):
        return None
    if unit == "分" and (n[num_start - 1 : num_start] == "点" or n[unit_end : unit_end + 1] == "之"):
        unit, post, end = None, None, m.end()  # 5点30分 is a time, 三分之一 a fraction
    if num_group == "comp":
        number = m.group("comp")
        v = cn_number(number)
        if v is None:
            return _unread(m, end)
        low = high = v
        mag, step, q_inner, q_outer = 1e4, 1e4, None, None
    elif num_group == "ar":
        if _stuck(n, num_start, m.end("ar")) and not unit:
            return None
        if num_start > 0 and (n[num_start - 1].isascii() and n[num_start - 1].isalpha()):
            return None
        number = m.group("ar")
        mag = _MAGNITUDE.get(m.group("mag") or "", 1.0)
        # Decimal arithmetic: 256.03亿 is 25603000000, not 25602999999.999996.
        from decimal import Decimal  # imported with the first figure read, not at start-up

        low = high = float(Decimal(number.replace(",", "")) * Decimal(int(mag)))
        q_inner, q_outer = m.group("q1"), m.group("q2")
        step = _step(number) * mag
    else:
        number = m.group("cn")
        cmag = m.group("cmag")
        if not (unit or pct or cmag or (len(number) > 2 and number[-1] in "万亿")):
            return None  # a Chinese numeral without a unit is a word (一些, 一头, 万众); 六千万 is a figure
        if number == "一" and not cmag and unit not in ("倍", "%") and not pct and not _COUNTED.search(n[:num_start]):
            return None  # 一个, 一家: an article, not a figure (but 共一人 is a count)
        if number in ("两",) and not unit:
            return None
        if not pct and n[num_start - 1 : num_start] in ("之", "统", "唯", "初", "万", "一"):
            return None  # 之一, 统一, 唯一…
        v = cn_number(number)
        if v is None:
            return _unread(m, end)
        mag = _MAGNITUDE.get(cmag or "", 1.0)
        low = high = v * mag
        q_inner, q_outer = m.group("cq"), None
        step = _cn_step(number) * mag
    if ordinal:
        if low < 1 or low != int(low) or (low == 1 and num_group != "ar"):
            return None
        return Figure("", 0, 0, low, low, _unit_name(unit, False), None, "ordinal", stated=(low, low),
                      nstart=num_start - 1, nend=unit_end)
    stated = (low, low)
    qualifier = None
    form = "exact"
    if q_inner:
        high = low + step  # 40多万: one step of the digit before 万
        qualifier, form = q_inner, f"more:{_num(step)}"
    elif q_outer:
        high = low + mag  # 40万余: less than one 万 more
        qualifier, form = q_outer, f"more:{_num(mag)}"
    if post in ("多", "余") and not qualifier:
        st = (_step(number) if num_group == "ar" else _cn_step(number)) * mag
        high = low + st
        qualifier, form = post, f"more:{_num(st)}"
    elif post:
        low, high = _widen(low, high, post)
        form = QUALIFIER_FORM.get(post, "exact") if form == "exact" else form
        qualifier = post if not qualifier else qualifier + post
    if pre:
        low, high = _widen(low, high, pre)
        form = QUALIFIER_FORM.get(pre, "exact") if form == "exact" else form
        qualifier = pre if not qualifier else pre + qualifier
    if sign:
        low, high = -high, -low
        stated = (-stated[0], -stated[1])
    if cur and unit == "元":
        unit = cur  # 港币500元 is 500 港元
    elif cur and not unit and cur in MONEY:
        unit = cur  # 美元500
    elif cur:
        start = m.start("pct") if pct else num_start if not (pre or sign) else start
    u = _unit_name(unit, pct)
    kind = _kind_of(unit, pct)
    if kind == "duration" and unit == "年" and num_group == "ar" and 1000 <= low <= 2999 and not m.group("mag"):
        kind = "date"  # 2005年 (a year the date reader did not take)
    open_high = form.startswith("more:") and high != low
    return Figure("", 0, 0, low, high, u, qualifier, kind, open_high=open_high, form=form, stated=stated,
                  nstart=start, nend=end, mag=mag)


def _join_ranges(n: str, figs: list[Figure]) -> list[Figure]:
    """300万元至2亿元, 约130至140万港元 (= 1.3M to 1.4M), 六千万到一亿个 -> one range figure."""
    out: list[Figure] = []
    i = 0
    while i < len(figs):
        f = figs[i]
        if i + 1 < len(figs):
            g = figs[i + 1]
            between = n[f.nend : g.nstart]
            if (_RANGE_JOIN.match(between) and f.kind not in ("date", "unread") and g.kind not in ("date", "unread")
                    and f.unit in (None, g.unit)):
                lo_stated = f.stated[0]
                if f.unit is None and f.mag == 1.0 and g.mag > 1.0:
                    lo_stated *= g.mag  # 130至140万: the first number shares the magnitude
                hi_stated = g.stated[1] if g.form != "range" else g.stated[1]
                low, high = lo_stated, hi_stated
                q = f.qualifier or g.qualifier
                if q in QUALIFIER_FORM:
                    low, high = _widen(low, high, q)
                out.append(Figure("", 0, 0, min(low, high), max(low, high), g.unit, q,
                                  "range" if g.kind in ("number", "duration") else g.kind,
                                  form="range" if not q else f"range:{QUALIFIER_FORM.get(q, q)}",
                                  stated=(lo_stated, hi_stated), nstart=f.nstart, nend=g.nend))
                i += 2
                continue
        out.append(f)
        i += 1
    return out
