"""Reading figures: a table of real expressions, every figure of the seed page, and a property test."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.figures import read_figures
from factcheck.layout import read_page, sentence_spans

from .conftest import SEED

N = None
# (text, [(figure text, value, unit, qualifier, kind), ...]); value: number, [low, high] or a date string.
TABLE = [
    # Arabic digits, separators, decimals, full width
    ("1,200元", [("1,200元", 1200, "元", N, "money")]),
    ("共计12,345,678人", [("12,345,678人", 12345678, "人", N, "number")]),
    ("增长1.39倍", [("1.39倍", 1.39, "倍", N, "ratio")]),
    ("１２００万元", [("１２００万元", 12000000, "元", N, "money")]),
    ("全长３５．６公里", [("３５．６公里", 35.6, "公里", N, "number")]),
    ("投资1,234.5万元", [("1,234.5万元", 12345000, "元", N, "money")]),
    ("共有26家机构", [("26家", 26, "家", N, "number")]),
    ("建设336个项目", [("336个", 336, "个", N, "number")]),
    # Chinese numerals
    ("青年博士三十七人", [("三十七人", 37, "人", N, "number")]),
    ("国际标准四十八项", [("四十八项", 48, "项", N, "number")]),
    ("十八个社区", [("十八个", 18, "个", N, "number")]),
    ("二百六十九万元", [("二百六十九万元", 2690000, "元", N, "money")]),
    ("一千三百八十万元", [("一千三百八十万元", 13800000, "元", N, "money")]),
    ("两千人", [("两千人", 2000, "人", N, "number")]),
    ("三万五千人", [("三万五千人", 35000, "人", N, "number")]),
    ("一百零五岁", [("一百零五岁", 105, "岁", N, "age")]),
    ("二十万零五百元", [("二十万零五百元", 200500, "元", N, "money")]),
    ("三千万元", [("三千万元", 30000000, "元", N, "money")]),
    ("五名高校负责人", [("五名", 5, "名", N, "number")]),
    ("签约十二家单位", [("十二家", 12, "家", N, "number")]),
    ("两块招牌", [("两块", 2, "块", N, "number")]),
    ("三次迭代升级", [("三次", 3, "次", N, "number")]),
    ("九十九座桥", [("九十九座", 99, "座", N, "number")]),
    ("一万二千人次", [("一万二千人次", 12000, "人次", N, "number")]),
    ("二〇二二年", [("二〇二二年", "2022", "年", N, "date")]),
    ("零点五个百分点", [("零点五个百分点", 0.5, "个百分点", N, "percent_point")]),
    # 万 and 亿
    ("1.39万人", [("1.39万人", 13900, "人", N, "number")]),
    ("61亿元", [("61亿元", 6100000000, "元", N, "money")]),
    ("3万亿元", [("3万亿元", 3000000000000, "元", N, "money")]),
    ("30000亿元", [("30000亿元", 3000000000000, "元", N, "money")]),
    ("13900人", [("13900人", 13900, "人", N, "number")]),
    ("2.5亿美元", [("2.5亿美元", 250000000, "美元", N, "money")]),
    ("800万港元", [("800万港元", 8000000, "港元", N, "money")]),
    ("5000万港币", [("5000万港币", 50000000, "港元", N, "money")]),
    ("100万元", [("100万元", 1000000, "元", N, "money")]),
    ("4.5万平方米", [("4.5万平方米", 45000, "平方米", N, "number")]),
    ("1.2亿人次", [("1.2亿人次", 120000000, "人次", N, "number")]),
    ("三万亿元", [("三万亿元", 3000000000000, "元", N, "money")]),
    ("四十多万家", [("四十多万家", [400000, 500000], "家", "多", "number")]),
    # approximate
    ("6700多人", [("6700多人", [6700, 6800], "人", "多", "number")]),
    ("40多万家网店", [("40多万家", [400000, 500000], "家", "多", "number")]),
    ("40万余家", [("40万余家", [400000, 410000], "家", "余", "number")]),
    ("400多万家", [("400多万家", [4000000, 5000000], "家", "多", "number")]),
    ("40余项", [("40余项", [40, 50], "项", "余", "number")]),
    ("20多所高校", [("20多所", [20, 30], "所", "多", "number")]),
    ("120多名博士", [("120多名", [120, 130], "名", "多", "number")]),
    ("80余家企业", [("80余家", [80, 90], "家", "余", "number")]),
    ("1000余个岗位", [("1000余个", [1000, 2000], "个", "余", "number")]),
    ("超5900件", [("超5900件", [5900, N], "件", "超", "number")]),
    ("超过5900件", [("超过5900件", [5900, N], "件", "超过", "number")]),
    ("逾300人", [("逾300人", [300, N], "人", "逾", "number")]),
    ("超3万亿元", [("超3万亿元", [3000000000000, N], "元", "超", "money")]),
    ("近6个月", [("近6个月", [5.4, 6], "个月", "近", "duration")]),
    ("将近200人", [("将近200人", [180, 200], "人", "将近", "number")]),
    ("约100平方米", [("约100平方米", [90, 110], "平方米", "约", "number")]),
    ("100平方米左右", [("100平方米左右", [90, 110], "平方米", "左右", "number")]),
    ("500人以上", [("500人以上", [500, N], "人", "以上", "number")]),
    ("不到5%", [("不到5%", [0, 5], "%", "不到", "percent")]),
    ("不足1000元", [("不足1000元", [0, 1000], "元", "不足", "money")]),
    ("1个月内", [("1个月内", [0, 1], "个月", "内", "duration")]),
    ("3天以内", [("3天以内", [0, 3], "天", "以内", "duration")]),
    ("大约30公里", [("大约30公里", [27, 33], "公里", "大约", "number")]),
    ("十多个国家", [("十多个", [10, 20], "个", "多", "number")]),
    ("三百多名", [("三百多名", [300, 400], "名", "多", "number")]),
    ("五十余家", [("五十余家", [50, 60], "家", "余", "number")]),
    ("至少3人", [("至少3人", [3, N], "人", "至少", "number")]),
    # ranges
    ("300万元至2亿元", [("300万元至2亿元", [3000000, 200000000], "元", N, "money")]),
    ("2020—2022年", [("2020—2022年", [2020, 2022], "年", N, "range")]),
    ("2019-2021年", [("2019-2021年", [2019, 2021], "年", N, "range")]),
    ("二三十年", [("二三十年", [20, 30], "年", N, "range")]),
    ("三四百人", [("三四百人", [300, 400], "人", N, "range")]),
    ("五六千元", [("五六千元", [5000, 6000], "元", N, "money")]),
    ("20至30岁", [("20至30岁", [20, 30], "岁", N, "age")]),
    ("5到10个工作日", [("5到10个", [5, 10], "个", N, "range")]),
    ("3%—5%", [("3%—5%", [3, 5], "%", N, "percent")]),
    ("10~15公里", [("10~15公里", [10, 15], "公里", N, "range")]),
    # percentages, points, multiples
    ("48%", [("48%", 48, "%", N, "percent")]),
    ("3.5%", [("3.5%", 3.5, "%", N, "percent")]),
    ("百分之五十八", [("百分之五十八", 58, "%", N, "percent")]),
    ("百分之三点五", [("百分之三点五", 3.5, "%", N, "percent")]),
    ("百分之一百一十八", [("百分之一百一十八", 118, "%", N, "percent")]),
    ("提高3个百分点", [("3个百分点", 3, "个百分点", N, "percent_point")]),
    ("下降0.3个百分点", [("0.3个百分点", 0.3, "个百分点", N, "percent_point")]),
    ("增长1.5倍", [("1.5倍", 1.5, "倍", N, "ratio")]),
    ("翻了两倍", [("两倍", 2, "倍", N, "ratio")]),
    ("１８％", [("１８％", 18, "%", N, "percent")]),
    # dates
    ("2005年", [("2005年", "2005", "年", N, "date")]),
    ("2022年3月", [("2022年3月", "2022-03", "月", N, "date")]),
    ("4月23日", [("4月23日", "--04-23", "日", N, "date")]),
    ("2023年4月23日", [("2023年4月23日", "2023-04-23", "日", N, "date")]),
    ("截至今年3月", [("3月", "--03", "月", N, "date")]),
    ("12月31日", [("12月31日", "--12-31", "日", N, "date")]),
    ("2019年10月", [("2019年10月", "2019-10", "月", N, "date")]),
    ("5月1号", [("5月1号", "--05-01", "日", N, "date")]),
    ("二〇二三年四月", [("二〇二三年四月", "2023-04", "月", N, "date")]),
    ("2022年度", [("2022年", "2022", "年", N, "date")]),
    # durations and measures
    ("6个月", [("6个月", 6, "个月", N, "duration")]),
    ("十年", [("十年", 10, "年", N, "duration")]),
    ("3年", [("3年", 3, "年", N, "duration")]),
    ("48小时", [("48小时", 48, "小时", N, "duration")]),
    ("19公里", [("19公里", 19, "公里", N, "number")]),
    ("100平方米", [("100平方米", 100, "平方米", N, "number")]),
    ("12个大型平台", [("12个", 12, "个", N, "number")]),
    ("5所高校", [("5所", 5, "所", N, "number")]),
    ("350吨", [("350吨", 350, "吨", N, "number")]),
    ("2000亩", [("2000亩", 2000, "亩", N, "number")]),
    ("60千瓦", [("60千瓦", 60, "千瓦", N, "number")]),
    ("22岁", [("22岁", 22, "岁", N, "age")]),
    # Traditional characters
    ("國際標準四十八項", [("四十八項", 48, "项", N, "number")]),
    ("1.39萬人", [("1.39萬人", 13900, "人", N, "number")]),
    ("61億元", [("61億元", 6100000000, "元", N, "money")]),
    ("兩千個", [("兩千個", 2000, "个", N, "number")]),
    ("超過5900件", [("超過5900件", [5900, N], "件", "超过", "number")]),
    # approximate Chinese pairs, tenths, fractions
    ("四五个", [("四五个", [4, 5], "个", N, "range")]),
    ("两三百个村", [("两三百个", [200, 300], "个", N, "range")]),
    ("三五年内", [("三五年", [3, 5], "年", N, "range")]),
    ("两三万人", [("两三万人", [20000, 30000], "人", N, "range")]),
    ("七八十岁", [("七八十岁", [70, 80], "岁", N, "age")]),
    ("百分之一二", [("百分之一二", [1, 2], "%", N, "percent")]),
    ("九成受访者", [("九成", 90, "%", N, "percent")]),
    ("两成", [("两成", 20, "%", N, "percent")]),
    ("三成五", [("三成五", 35, "%", N, "percent")]),
    ("不足一成", [("不足一成", [0, 10], "%", "不足", "percent")]),
    ("五分之一", [("五分之一", 20, "%", N, "percent")]),
    ("千分之三", [("千分之三", 0.3, "%", N, "percent")]),
    ("占1/5", [("1/5", 20, "%", N, "percent")]),
    ("半年", [("半年", 0.5, "年", N, "duration")]),
    ("上半年", []),
    # magnitudes without a digit
    ("上百个", [("上百个", [100, N], "个", "上", "number")]),
    ("上万人", [("上万人", [10000, N], "人", "上", "number")]),
    ("数十万人", [("数十万人", [200000, 1000000], "人", "数", "number")]),
    ("几百人", [("几百人", [200, 1000], "人", "几", "number")]),
    ("十几个", [("十几个", [11, 20], "个", "十几", "number")]),
    ("逾千万元", [("逾千万元", [10000000, N], "元", "逾", "money")]),
    ("近百家", [("近百家", [90, 100], "家", "近", "number")]),
    # compound numbers and ranges with a shared magnitude
    ("52億6800萬元", [("52億6800萬元", 5268000000, "元", N, "money")]),
    ("1億3470萬人", [("1億3470萬人", 134700000, "人", N, "number")]),
    ("一亿三千万元", [("一亿三千万元", 130000000, "元", N, "money")]),
    ("六千萬到一億個", [("六千萬到一億個", [60000000, 100000000], "个", N, "range")]),
    ("约130至140萬港元", [("约130至140萬港元", [1170000, 1540000], "港元", "约", "money")]),
    ("120至180元", [("120至180元", [120, 180], "元", N, "money")]),
    # signs, currencies, units of several parts, scores
    ("零下5摄氏度", [("零下5摄氏度", -5, "摄氏度", N, "number")]),
    ("最低气温-3℃", [("-3℃", -3, "摄氏度", N, "number")]),
    ("气温3至8℃", [("3至8℃", [3, 8], "摄氏度", N, "range")]),
    ("负增长2.3%", [("负增长2.3%", -2.3, "%", N, "percent")]),
    ("港币500元", [("港币500元", 500, "港元", N, "money")]),
    ("人民币300元", [("人民币300元", 300, "人民币", N, "money")]),
    ("得分44.7分", [("44.7分", 44.7, "分", N, "number")]),
    ("PM2.5浓度为35微克/立方米", [("35微克/立方米", 35, "微克/立方米", N, "number")]),
    ("亩产600公斤/亩", [("600公斤/亩", 600, "公斤/亩", N, "number")]),
    ("容量1250千伏安", [("1250千伏安", 1250, "千伏安", N, "number")]),
    ("起降300架次", [("300架次", 300, "架次", N, "number")]),
    # dates with Chinese numerals, and an impossible one
    ("1月二十四日", [("1月二十四日", "--01-24", "日", N, "date")]),
    ("二〇二〇年十一月一日", [("二〇二〇年十一月一日", "2020-11-01", "日", N, "date")]),
    ("十二月三十一日", [("十二月三十一日", "--12-31", "日", N, "date")]),
    ("17月27日", [("17月27日", "--17-27", "日", N, "date")]),
    # a date before an abbreviation is a date, not a code glued to letters (C919)
    ("3月PMI为50.2%", [("3月", "--03", "月", N, "date"), ("50.2%", 50.2, "%", N, "percent")]),
    ("2019年1月CPI同比上涨1.7%", [("2019年1月", "2019-01", "月", N, "date"), ("1.7%", 1.7, "%", N, "percent")]),
    # Latin units of technology news; one letter is no unit (5G, 2w for 2万)
    ("延时150ms，功耗1W", [("150ms", 150, "ms", N, "number")]),
    ("4500mAh电池、256GB存储", [("4500mAh", 4500, "mah", N, "number"), ("256GB", 256, "gb", N, "number")]),
    # the 约 of 签约 qualifies nothing, and 亿元 alone counts nothing
    ("全区新签约亿元以上项目27个", [("27个", 27, "个", N, "number")]),
    ("签约上亿元", [("上亿元", [100000000, None], "元", "上", "money")]),
    # ordinals: compared only with ordinals; 第三季度 is the quarter 三季度 names
    ("今年已是第二十四届", [("第二十四届", 24, "届", N, "ordinal")]),
    ("获得第3名", [("第3名", 3, "名", N, "ordinal")]),
    ("接种了第一剂疫苗", [("第一剂", 1, "剂", N, "ordinal")]),  # 第一 and 首 are the first
    ("首批入选的30种图书", [("首批", 1, "批", N, "ordinal"), ("30种", 30, "种", N, "number")]),
    ("第一时间赶到现场", []),
    ("国家元首会晤", []),
    ("第三季度GDP增长4.9%", [("三季", 3, "季", N, "number"), ("4.9%", 4.9, "%", N, "percent")]),
    # not figures
    ("中国第一线城市", []),
    ("位居全国第三", []),
    ("国产大飞机C919的关键轴承", []),
    ("一站式的知识产权服务", []),
    ("知识产权“一件事”改革", []),
    ("百校千博万岗洽谈对接会", []),
    ("“四大千亿产业”培育", []),
    ("一举打破了国外多年的技术垄断", []),
    ("会看到一个现代潮流", []),
    ("这是其中之一", []),
    ("统一标识", []),
    ("有一些企业", []),
    # measure words of data/units.txt: a Chinese numeral with one is a figure
    ("争取年出栏量达到五百头", [("五百头", 500, "头", N, "number")]),
    ("发生7.0级地震", [("7.0级", 7, "级", N, "number")]),
    ("接种两剂疫苗", [("两剂", 2, "剂", N, "number")]),
    ("上午十时", [("十时", 10, "时", N, "number")]),
    ("面积一千平方呎", [("一千平方呎", 1000, "平方呎", N, "number")]),
    ("两国元首", []),
    ("建制派全取地区直选二十席", [("二十席", 20, "席", N, "number")]),
    ("入选中国企业五百强", [("五百强", 500, "强", N, "number")]),
    ("一席话", []),  # a lone 一 is never a figure
    # 成 with 半 and with a qualifier after it
    ("三成半受访者", [("三成半", 35, "%", N, "percent")]),
    ("五成以上的企业", [("五成以上", [50, N], "%", "以上", "percent")]),
    ("三成左右", [("三成左右", [27, 33], "%", "左右", "percent")]),
    # 不超过 is at most and 不少于 at least: read from the 不, not as 超过 and 少于
    ("增速不超过5%", [("不超过5%", [0, 5], "%", "不超过", "percent")]),
    ("不少于300人", [("不少于300人", [300, N], "人", "不少于", "number")]),
    ("不低于90%", [("不低于90%", [90, N], "%", "不低于", "percent")]),
    ("至多5人", [("至多5人", [0, 5], "人", "至多", "number")]),
    ("营收突破1万亿元", [("突破1万亿元", [1e12, N], "元", "突破", "money")]),
    # a qualifier before 百分之 or 千分之: a percentage, not 百 with the unit 分
    ("增长超过百分之五", [("超过百分之五", [5, N], "%", "超过", "percent")]),
    ("增长不超过百分之五", [("不超过百分之五", [0, 5], "%", "不超过", "percent")]),
    # a qualified 万 or 亿 without a measure word is a count all the same
    ("常住人口逾千万", [("逾千万", [10000000, N], N, "逾", "number")]),
    ("五星红旗", []),
]


def summary(text: str) -> list[tuple]:
    return [(f.text, f.value, f.unit, f.qualifier, f.kind) for f in read_figures(text)]


def test_table_has_at_least_100_expressions():
    assert len(TABLE) >= 100


@pytest.mark.parametrize("text,expected", TABLE, ids=[t for t, _ in TABLE])
def test_expression(text, expected):
    assert summary(text) == [tuple(e) for e in expected]


# Every figure of the seed page, in order.
SEED_FIGURES = [
    "4月23日", "2023年", "两块", "40余项", "2005年", "第一个", "6个月", "1个月内", "首家", "6家", "300万元至2亿元", "首批",
    "1200万元", "3月", "48项", "344项", "341项", "2019年", "26家", "100万元", "2016年", "15件", "2022年", "319件",
    "269万元", "61亿元", "2022年3月", "7家", "首个", "4月23日", "2022年", "超3万亿元", "12个", "40多万家", "首个", "6项",
    "近三年", "2020—2022年", "超5900件", "首个", "二三十年", "约100平方米", "19公里", "15个", "336", "4月23日", "首家",
    "18个", "3项", "4月22日", "首场", "20多所", "120多名", "40多家", "150多个", "80余家", "1000余个", "十年", "首位",
    "2018年", "三次", "2022年", "21家", "2023年", "1380万元", "5名", "5所", "3所", "37人", "1.39万人", "6700多人", "48%",
    "58%", "118%", "5家", "40多人",
]


def test_every_figure_of_the_seed_page():
    text = SEED.read_text(encoding="utf-8")
    found = [f.text for a in read_page(text) for s in sentence_spans(a) for f in read_figures(s.text)]
    assert found == SEED_FIGURES


def test_relative_dates_resolve_against_the_article_date():
    (f,) = read_figures("截至今年3月", today="2023-05-02")
    assert (f.text, f.value, f.resolved) == ("今年3月", "2023-03", "2023-03")
    (f,) = read_figures("去年新引进青年博士37人", today="2023-05-02")[:1]
    assert (f.text, f.value) == ("去年", "2022")
    # Without an article date 今年 cannot be placed: only the month is read.
    assert [(f.text, f.value) for f in read_figures("截至今年3月")] == [("3月", "--03")]
    assert read_figures("去年新引进") == []


def test_forms_record_what_was_stated():
    def form(text):
        (f,) = read_figures(text)
        return f.form, f.stated

    assert form("420多个") == ("more:10", (420, 420))
    assert form("400多个") == ("more:100", (400, 400))
    assert form("40万余家") == ("more:10000", (400000, 400000))
    assert form("超过5900件") == ("lower", (5900, 5900))
    assert form("近42年") == ("near", (42, 42))
    assert form("约100平方米") == ("approx", (100, 100))
    assert form("120至180元") == ("range", (120, 180))


def test_figures_point_at_the_printed_text():
    text = "質押金額由２６９萬元增加至61億元。"
    for f in read_figures(text):
        assert text[f.start : f.end] == f.text
    assert [f.value for f in read_figures(text)] == [2690000, 6100000000]


# ---------------------------------------------------------------- property

CN_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Write 0 <= n < 10**12 in Chinese numerals (a test oracle, independent of cn2an)."""
    if n == 0:
        return "零"

    def below_10000(x: int) -> str:
        out = ""
        zero = False
        for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // value % 10
            if d:
                if zero and out:
                    out += "零"
                out += CN_DIGITS[d] + name
                zero = False
            elif out:
                zero = True
        return out

    parts = []
    skipped = False  # an empty group (三亿〇万一千…) is read as 零 too: 三亿零一千零一十一
    for value, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // value % 10**4
        if chunk:
            if parts and (chunk < 1000 or skipped):
                parts.append("零")
            parts.append(below_10000(chunk) + name)
            skipped = False
        elif parts:
            skipped = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**11))
@example(300001011)  # an empty 万 group: 三亿零一千零一十一 (the oracle wrote 三亿一千…, which cn2an refuses)
@example(300000001)
def test_our_numeral_parser_agrees_with_cn2an(n):
    cn2an = pytest.importorskip("cn2an")
    from factcheck.numerals import cn_number

    for text in (to_chinese(n), to_chinese(n).replace("二千", "两千").replace("二万", "两万")):
        assert cn_number(text) == cn2an.cn2an(text, "smart") == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999),
       st.sampled_from(["亿", "萬", "万"]))
def test_compound_numbers_read_back(high, low, unit):
    """52亿6800万 and 三万五: a higher group followed by a lower one."""
    if unit == "亿":
        text, value = f"{high}亿{low}万元", high * 10**8 + low * 10**4
    else:  # Traditional characters
        text, value = f"{high}億{low}萬元", high * 10**8 + low * 10**4
    assert summary(text)[0][1] == value
    # 三万五 (= 35000) and 一千五 (= 1500): a last digit after a unit is the next lower place.
    if high < 10 and low < 10:
        assert summary(f"{to_chinese(high)}万{to_chinese(low)}人")[0][1] == high * 10**4 + low * 1000


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=8), st.sampled_from(["", "十", "百", "千"]), st.sampled_from(["", "万"]),
       st.sampled_from(["个", "人", "年", "家"]))
def test_chinese_approximate_pairs_are_ranges(a, place, group, unit):
    """四五个 = [4, 5], 两三百个 = [200, 300], 五六千万人 = [5e7, 6e7]: never 45."""
    digits = "一二三四五六七八九"
    first = "两" if a == 2 and place else digits[a - 1]
    text = f"{first}{digits[a]}{place}{group}{unit}"
    scale = {"": 1, "十": 10, "百": 100, "千": 1000}[place] * (10**4 if group else 1)
    if not place and not group and unit == "年" and a in (1, 2):
        return  # 一二年 / 二三年 read as years or list items are not pairs
    assert summary(text)[0][1] == [a * scale, (a + 1) * scale]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**11))
def test_integers_read_back_in_every_writing(n):
    assert summary(f"共{n}人")[0][1] == n
    assert summary(f"共{n:,}人")[0][1] == n
    assert summary("共" + str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "人")[0][1] == n
    assert summary(f"共{to_chinese(n)}人")[0][1] == n
    if n % 10000 == 0:
        wan = Decimal(n) / 10000
        assert summary(f"共{wan}万人")[0][1] == n
    if n % 10**8 == 0:
        assert summary(f"共{n // 10**8}亿人")[0][1] == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**8), st.integers(min_value=1, max_value=99))
def test_decimals_with_wan_and_yi_read_back(whole, frac):
    d = Decimal(f"{whole}.{frac:02d}")
    for unit, scale in (("万", 10**4), ("亿", 10**8)):
        value = summary(f"达{d}{unit}元")[0][1]
        assert Decimal(str(value)) == d * scale
    assert summary(f"增长{d}%")[0][1] == float(d)


def test_units_come_from_a_file_a_newsroom_can_extend(tmp_path):
    from factcheck.figures import UNITS, UNITS_FILE, _read_units
    from factcheck.normalize import normalize

    # Units are matched on the normalised text: an entry in Traditional characters or capitals would never match.
    assert [u for u in UNITS if normalize(u) != u] == []
    money, units = _read_units(UNITS_FILE)
    assert "港元" in money and "港元" in units and "头" in units and "港元" not in set(units) - set(money)
    extra = tmp_path / "units.txt"
    extra.write_text(UNITS_FILE.read_text(encoding="utf-8") + "\n# a newsroom's own\n羽 尾\n[money]\n蚊\n", encoding="utf-8")
    money, units = _read_units(extra)
    assert {"羽", "尾", "蚊"} <= set(units) and "蚊" in money and "羽" not in money


def test_a_time_of_day_is_not_a_duration():
    from factcheck.verdict import comparable

    (clock,), (hours,) = read_figures("上午10时"), read_figures("用了10小时")
    assert (clock.unit, hours.unit) == ("时", "小时")
    assert not comparable(clock, hours)
