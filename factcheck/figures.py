"""Read the figures of a Chinese text: value or interval, unit, qualifier, kind.

Our convention (libraries differ, see FIELD-NOTES): every figure has an
interval ``[low, high]``; a plain figure is a point.

* Arabic (1,200; 1.39; full-width １２００ after NFKC), Chinese numerals
  (三十七, 二百六十九, 一千三百八十, 两千, 〇/零; converted by cn2an, loaded only
  when a Chinese numeral is present), and mixed forms with 万/亿
  (1.39万 = 13,900; 61亿 = 6.1e9; 3万亿 = 3e12).
* 多/余 after a number widen it by one step of its last significant digit:
  40多 = [40, 50), 6700多 = [6700, 6800), 40多万 = [400000, 500000);
  after 万/亿 by less than that magnitude: 40万余 = [400000, 410000).
* 超, 超过, 逾, 以上, 至少: [v, ∞); 近, 将近, 接近: [0.9v, v]; 不到, 不足, 以内,
  以下: [0, v]; 约, 大约, 左右, 上下: [0.9v, 1.1v].
* Ranges: 300万元至2亿元, 2020—2022年, 二三十年 (= [20, 30]).
* Percent (48%, 百分之五十八), 个百分点, 倍; money (元, 万元, 亿元, 美元, 港元…, all
  in the currency's unit); dates (2005年, 2022年3月, 4月23日) as ISO-like
  strings ("2022-03", "--04-23"); durations (3年, 6个月); counts with a
  measure word (项, 件, 人, 名, 家, 个, 所…).

A Chinese numeral counts only with a unit or measure word after it, and a
lone 一 never does (一个, 一站式 are words, not figures); 第N is an ordinal,
not a figure; digits stuck to Latin letters (C919) are a model name.

Figures are read on the normalised text (half-width, Simplified) and reported
with the text and offsets as printed.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from dataclasses import dataclass, field
from functools import lru_cache

from .normalize import normalize_with_map

INF = math.inf

MONEY = ("美元", "港元", "港币", "欧元", "日元", "英镑", "韩元", "澳门元", "新台币", "人民币", "元")
UNITS = (
    "个百分点", "百分点", "平方公里", "平方千米", "平方米", "立方米", "千瓦时", "千瓦", "兆瓦", "公里", "千米", "厘米",
    "毫米", "千克", "公斤", "人次", "个月", "小时", "分钟", "周岁",
) + MONEY + (
    "%", "‰", "倍", "项", "件", "人", "名", "位", "家", "个", "所", "台", "辆", "座", "条", "套", "次", "岁", "届", "场",
    "批", "户", "篇", "部", "本", "张", "只", "吨", "克", "斤", "亩", "公顷", "米", "秒", "天", "周", "年", "股", "份",
    "种", "类", "处", "栋", "间", "层", "架", "艘", "枚", "颗", "株", "棵", "期", "轮", "款", "块", "笔", "例", "起",
    "宗", "支", "队", "所", "度", "票", "幅", "首", "集", "卷", "册", "季", "日",
)
_UNIT_RE = "|".join(re.escape(u) for u in sorted(set(UNITS), key=len, reverse=True))

PRE_QUALIFIERS = ("超过", "超出", "多于", "逾", "超", "将近", "接近", "近", "大约", "约", "不到", "不足", "少于", "至少", "最多", "多达", "高达")
POST_QUALIFIERS = ("以上", "以下", "以内", "左右", "上下", "之多", "有余", "多", "余", "内")
_PRE_RE = "|".join(PRE_QUALIFIERS)
_POST_RE = "|".join(POST_QUALIFIERS)

_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_NUM = rf"[{_CN_DIGIT}十][{_CN_DIGIT}十百千万亿]*(?:点[{_CN_DIGIT}]+)?"
_AR_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

_FIGURE = re.compile(
    rf"(?P<pre>{_PRE_RE})?(?P<pct>百分之)?"
    rf"(?:(?P<ar>{_AR_NUM})(?P<q1>多|余)?(?P<mag>万亿|亿|千万|百万|万|千(?![瓦米克]))?(?P<q2>多|余)?|(?P<cn>{_CN_NUM})(?P<cq>多|余)?(?P<cmag>万亿|亿|万)?)"
    rf"(?P<unit>{_UNIT_RE})?(?P<post>{_POST_RE})?"
)
_CN_RANGE = re.compile(r"(?P<a>[一二三四五六七八])(?P<b>[二两三四五六七八九])(?P<mag>十|百|千|万)(?P<unit>" + _UNIT_RE + ")?")
_DATE = re.compile(
    r"(?P<y>\d{4}|[零〇一二三四五六七八九]{4})年(?:(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?"
    r"(?:(?P<d>3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?)?"
    r"|(?P<m2>1[0-2]|0?[1-9])月(?:份)?(?:(?P<d2>3[01]|[12]\d|0?[1-9])[日号])?"
)
_YEAR_RANGE = re.compile(r"(?P<a>\d{4})(?:年)?[—–\-~至到](?P<b>\d{4})年")
_RANGE_JOIN = re.compile(r"^(?:至|到|—|–|-|~|－|—{2})$")

_MAGNITUDE = {"千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8, "万亿": 1e12}


@dataclass
class Figure:
    text: str  # as printed
    start: int  # offsets in the text as printed
    end: int
    low: float
    high: float
    unit: str | None
    qualifier: str | None
    kind: str  # number | percent | money | date | duration | ratio | range
    date: tuple[int | None, int | None, int | None] | None = None
    open_high: bool = False  # 40多 = [40, 50): 50 itself is not included
    context: str = field(default="", repr=False)  # normalised words before it, for pairing
    nstart: int = field(default=0, repr=False)  # offsets in the normalised text
    nend: int = field(default=0, repr=False)

    @property
    def value(self) -> float | int | str | list | None:
        """A number for a point, [low, high] for an interval (null = open), a string for a date."""
        if self.date is not None:
            y, m, d = self.date
            if self.low != self.high:
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


@lru_cache(maxsize=4096)
def cn_number(text: str) -> float | None:
    """A Chinese (or mixed) numeral as a number, by cn2an; None if it is not one."""
    import cn2an  # imported here: 0.2 s, and most figures are Arabic

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def _arabic(text: str) -> float:
    return float(text.replace(",", ""))


def _step(number: str) -> float:
    """One step of the last significant digit: 40 -> 10, 6700 -> 100, 1.5 -> 0.1."""
    if "." in number:
        return 10.0 ** -len(number.split(".")[1])
    digits = number.replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    return 10.0 ** zeros if zeros < len(digits) else 1.0


def _apply_qualifier(low: float, high: float, q: str | None) -> tuple[float, float]:
    if not q:
        return low, high
    if q in ("超过", "超出", "多于", "逾", "超", "以上", "至少", "多达", "之多", "有余"):
        return low, INF
    if q in ("将近", "接近", "近"):
        return 0.9 * high, high
    if q in ("不到", "不足", "少于", "以下", "以内", "内", "最多"):
        return 0.0, high
    if q in ("大约", "约", "左右", "上下"):
        return 0.9 * low, 1.1 * high
    return low, high  # 高达 and the like emphasise, they don't widen


def _kind_of(unit: str | None, pct: bool) -> str:
    if pct or unit in ("%", "‰"):
        return "percent"
    if unit in ("个百分点", "百分点"):
        return "percent_point"
    if unit in MONEY:
        return "money"
    if unit == "倍":
        return "ratio"
    if unit in ("年", "个月", "天", "小时", "分钟", "秒", "周", "周岁", "岁"):
        return "duration" if unit not in ("岁", "周岁") else "age"
    return "number"


def _unit_name(unit: str | None, pct: bool) -> str | None:
    if pct:
        return "%"
    if unit == "港币":
        return "港元"
    if unit == "百分点":
        return "个百分点"
    return unit


def read_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order."""
    norm, origin = normalize_with_map(text)
    figs = _scan(norm)
    out = []
    for f in figs:
        a = origin[f.nstart]
        b = origin[f.nend - 1] + 1
        f.start, f.end, f.text = a, b, text[a:b]
        out.append(f)
    _attach_contexts(norm, out)
    return out


def _scan(n: str) -> list[Figure]:
    figs: list[Figure] = []
    taken = [False] * len(n)

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(f: Figure) -> None:
        for i in range(f.nstart, f.nend):
            taken[i] = True
        figs.append(f)

    # Year ranges and dates first: 2020—2022年, 2022年3月, 4月23日.
    for m in _YEAR_RANGE.finditer(n):
        if _stuck(n, m.start(), m.end()):
            continue
        a, b = int(m.group("a")), int(m.group("b"))
        take(Figure("", 0, 0, a, b, "年", None, "range", date=(None, None, None), nstart=m.start(), nend=m.end()))
    for m in _DATE.finditer(n):
        if not free(m.start(), m.end()) or _stuck(n, m.start(), m.end()) or n[m.start() - 1 : m.start()] in ("个", "第"):
            continue
        if m.group("y"):
            y = int(m.group("y")) if m.group("y").isdigit() else int(cn_number(m.group("y")) or 0)
            mo = _small(m.group("m"))
            d = _small(m.group("d"))
            if not (1000 <= y <= 2999):
                continue
        else:
            y, mo, d = None, _small(m.group("m2")), _small(m.group("d2"))
            if m.start() > 0 and n[m.start() - 1].isdigit():
                continue
        key = (y or 0) * 10000 + (mo or 0) * 100 + (d or 0)
        take(Figure("", 0, 0, key, key, "日" if d else ("月" if mo else "年"), None, "date", date=(y, mo, d), nstart=m.start(), nend=m.end()))
    # 二三十年: two neighbouring digits make a range.
    for m in _CN_RANGE.finditer(n):
        if not free(m.start(), m.end()):
            continue
        a = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}[m.group("a")]
        b = {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}[m.group("b")]
        if b != a + 1:
            continue
        mag = {"十": 10, "百": 100, "千": 1000, "万": 10000}[m.group("mag")]
        unit = m.group("unit")
        take(Figure("", 0, 0, a * mag, b * mag, unit, None, "range", nstart=m.start(), nend=m.end()))
    for m in _FIGURE.finditer(n):
        f = _figure(n, m)
        if f is not None and free(f.nstart, f.nend):
            take(f)
    figs.sort(key=lambda f: f.nstart)
    return _join_ranges(n, figs)


def _small(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    v = cn_number(s)
    return int(v) if v is not None else None


def _stuck(n: str, a: int, b: int) -> bool:
    """Digits glued to Latin letters or other digits are part of a code (C919), not a figure."""
    before = n[a - 1] if a > 0 else ""
    after = n[b] if b < len(n) else ""
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalpha())


_COUNTED = re.compile(r"(?:共|仅|只|达|计|总计|合计|累计|共计|总共)$")

# Words that end in a qualifier character but are not qualifiers: 签约, 最近, 赶超.
_NOT_QUALIFIER = {"约": set("签节制预合条公相邀履特违集简婚租契"), "近": set("附最临靠亲就邻贴逼"), "超": set("赶高")}


def _figure(n: str, m: re.Match) -> Figure | None:
    start, end = m.start(), m.end()
    pre, pct, unit, post = m.group("pre"), bool(m.group("pct")), m.group("unit"), m.group("post")
    if pre and start > 0 and n[start - 1] in _NOT_QUALIFIER.get(pre, ()):
        start += len(pre)
        pre = None
    num_start = m.start("ar") if m.group("ar") else m.start("cn")
    if n[num_start - 1 : num_start] == "第":
        return None  # an ordinal
    if m.group("ar"):
        if _stuck(n, num_start, m.end("ar")) and not unit:
            return None
        if num_start > 0 and (n[num_start - 1].isascii() and n[num_start - 1].isalpha()):
            return None
        number = m.group("ar")
        value = _arabic(number)
        mag = _MAGNITUDE.get(m.group("mag") or "", 1.0)
        q_inner = m.group("q1")
        q_outer = m.group("q2")
        step = _step(number) * mag
    else:
        number = m.group("cn")
        cmag = m.group("cmag")
        if not (unit or pct or cmag):
            return None  # a Chinese numeral without a unit is a word (一些, 一头, 万众)
        if number == "一" and not cmag and unit not in ("倍", "%") and not pct and not _COUNTED.search(n[:num_start]):
            return None  # 一个, 一家: an article, not a figure (but 共一人 is a count)
        if number in ("两",) and not unit:
            return None
        if not pct and n[num_start - 1 : num_start] in ("之", "统", "唯", "初", "万", "一"):
            return None  # 之一, 统一, 唯一…
        v = cn_number(number)
        if v is None:
            return None
        value = v
        mag = _MAGNITUDE.get(cmag or "", 1.0)
        q_inner = m.group("cq")
        q_outer = None
        step = _cn_step(number) * mag
    if m.group("ar"):
        # Decimal arithmetic: 256.03亿 is 25603000000, not 25602999999.999996.
        low = high = float(Decimal(number.replace(",", "")) * Decimal(int(mag)))
    else:
        low = high = value * mag
    qualifier = None
    if q_inner:
        high = low + step  # 40多万: one step of the digit before 万
        qualifier = q_inner
    elif q_outer:
        high = low + mag  # 40万余: less than one 万 more
        qualifier = q_outer
    if post in ("多", "余") and not qualifier:
        high = low + _step(number) * mag if m.group("ar") else low + _cn_step(number) * mag
        qualifier = post
    elif post:
        low, high = _apply_qualifier(low, high, post)
        qualifier = post if not qualifier else qualifier + post
    if pre:
        low, high = _apply_qualifier(low, high, pre)
        qualifier = pre if not qualifier else pre + qualifier
    u = _unit_name(unit, pct)
    kind = _kind_of(unit, pct)
    if kind == "duration" and unit == "年" and m.group("ar") and 1000 <= value <= 2999 and not m.group("mag"):
        kind = "date"  # 2005年 (a year the date reader did not take)
    open_high = qualifier in ("多", "余") and high != low
    return Figure("", 0, 0, low, high, u, qualifier, kind, open_high=open_high, nstart=start, nend=end)


def _cn_step(number: str) -> float:
    """Step for 多 after a Chinese numeral: 四十多 -> 10, 三百多 -> 100, 十多 -> 10."""
    for ch, step in (("万", 1e4), ("千", 1e3), ("百", 100.0), ("十", 10.0)):
        if number.endswith(ch):
            return step
    return 1.0


def _join_ranges(n: str, figs: list[Figure]) -> list[Figure]:
    """300万元至2亿元 -> one range figure [3e6, 2e8] 元."""
    out: list[Figure] = []
    i = 0
    while i < len(figs):
        f = figs[i]
        if i + 1 < len(figs):
            g = figs[i + 1]
            between = n[f.nend : g.nstart]
            if _RANGE_JOIN.match(between) and f.kind != "date" and g.kind != "date" and (f.unit in (None, g.unit)):
                out.append(Figure("", 0, 0, min(f.low, g.low), max(f.high, g.high), g.unit, None,
                                  "range" if g.kind in ("number", "duration") else g.kind,
                                  nstart=f.nstart, nend=g.nend))
                i += 2
                continue
        out.append(f)
        i += 1
    return out


# Sentence ends; a full stop between digits is a decimal point (normalised text writes 。 as '.').
_CLAUSE_STOP = re.compile(r"[;!?:。；！？：]|(?<!\d)\.|\.(?!\d)")
_LIST_SEP = re.compile(r"^[,、和及与]$")


def _attach_contexts(norm: str, figs: list[Figure]) -> None:
    """The words before each figure, within its sentence, for pairing claim and source figures.

    In a list introduced by 分别 ("…37人，…1.39万人，…6700多人，分别同比增长48%、58%、118%")
    each value also gets the context of its own item.
    """
    for f in figs:
        lo = f.nstart
        stop = max((m.end() for m in _CLAUSE_STOP.finditer(norm, 0, f.nstart)), default=0)
        lo = max(stop, f.nstart - 16)
        f.context = re.sub(r"[\d.,%]", "", norm[lo : f.nstart])
    for m in re.finditer("分别", norm):
        after = [f for f in figs if f.nstart > m.end() and not _CLAUSE_STOP.search(norm, m.end(), f.nstart)]
        chain = []
        for f in after:
            if chain and not _LIST_SEP.match(norm[chain[-1].nend : f.nstart]):
                break
            chain.append(f)
        before = [f for f in figs if f.nend <= m.start() and f.kind != "date"]
        if len(chain) >= 2 and len(before) >= len(chain):
            items = before[-len(chain):]
            for item, f in zip(items, chain):
                f.context = item.context + (item.unit or "")
                f.context += norm[m.start() : chain[0].nstart].replace("分别", "")
