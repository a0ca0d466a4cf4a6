"""Who said it: the speaker and role in an attribution, and whether two names are one person.

An attribution is the clause that names a quotation's speaker: after the
closing mark (“……”赵新宇说, 「……」林鄭月娥 說) or before the opening one
(X表示：“……”, 據X介紹，「……」).  Its *who* part (the words before the verb of
saying) is read from the end, because that is where the name sits:

1. adverbials between the name and the verb are dropped: 雄心勃勃地, 深情地,
   对本报记者, 向記者, 在接受采访时, 昨日, 也, 續, 並 …;
2. a title or honorific after the name is taken off: 同志, 先生 (not a role),
   总书记, 总理, 委员 (the role, when no role is printed before the name);
3. the name: a transliterated name with all its parts (拉米娅·拉马丹,
   索菲・理查森（Sophie Richardson）), or a Chinese name of 2 to 4 characters
   that starts with a surname and is either all of the who part, or printed
   right after a role (雉城街道组织委员 | 赵新宇, 行政長官 | 林鄭月娥), or known
   to jieba as a person's name; the words before it are the role;
4. a pronoun (他, 她) or nothing at all (「……」並指) stands for a person named
   earlier: the caller resolves it to the nearest one (``mentions``);
5. words with no name that end in a role (南星街道相关负责人) describe the
   speaker and are kept whole; anything else (分红金后, 當中, 他憶述父母曾) is
   not a speaker, and the quotation is left without one rather than given junk.

The verbs of saying and the titles are data files a newsroom can extend:
``data/speech_verbs.txt`` and ``data/titles.txt``.  Pure functions on strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .layout import _COMPOUND_SURNAMES, _SURNAMES
from .lists import lines
from .patterns import longest_first, regex


Tags = Callable[[set[str]], dict[str, str]]

PRONOUNS = {"他", "她"}
PLURAL_PRONOUNS = {"他们", "她们", "他們", "她們"}
_DOTS = "·・•‧･．"
_CJK = "\u4e00-\u9fff"

# Words that may stand between a name and its verb of saying, read off the end of the who part.
_ADVERBIAL = (
    rf"[{_CJK}]{{2}}地|[{_CJK}]{{4}}地"  # 深情地, 雄心勃勃地
    r"|(?:对|對|向|跟|给|給|和|同|告诉|告訴)(?:本报|本報|本台|本网|本網|新华社|新華社|中新社)?(?:记者|記者|传媒|傳媒|媒体|媒體|大家|学生|學生|市民|居民)"
    rf"|(?:对|對|向)《[^》]{{1,12}}》"
    r"|(?:向|对|對|跟|给|給|和|同)(?:他|她|我|我们|我們|他们|他們|她们|她們|朋友|家人|同事|大家|众人|眾人)"
    rf"|(?:向|对|對|跟|接受)[^，,。：:]{{1,8}}?(?:新闻|新聞|日报|日報|电视台|電視台|电台|電台|网|網|传媒|傳媒|媒体|媒體|记者|記者|访问|訪問|采访|採訪)"
    r"|(?:当时|當時|当年|當年|其时|其時|今年|去年|早年|事后|事後|会后|會後)"
    r"|(?:今日|昨日|今天|昨天|当天|當天|当日|當日)?(?:上午|下午|中午|晚上|晚间|晚間|早上|凌晨|傍晚)"
    rf"|(?:在|於|于)[^，,。：:]{{1,12}}?(?:节目|節目|会议|會議|声明|聲明|记者会|記者會|发布会|發佈會|发布会上|专访|專訪|访问|訪問|文章|网志|網誌|信|帖|群组|群組|直播)"
    r"|(?:赶忙|趕忙|连忙|連忙|急忙|马上|馬上|立刻|立即|随口|隨口|高度|一度|依然|仍然|依旧|依舊|始终|始終|仍|依稀|重复|重複|如是"
    r"|首次|首度|再度|主动|主動|淡定|坦然|平静|平靜|无奈|無奈|沉重|激昂|愤怒|憤怒|无奈地|大声|大聲|小声|小聲|低声|低聲"
    r"|苦笑|微笑|大笑|闻言|聞言|对此|對此|就此|为此|為此|访问中|訪問中|采访中|採訪中|席上|会上|會上)"
    rf"|(?:在|於|于)[^，,。：:]{{2,20}}"
    r"|(?:周|週|星期)[一二三四五六日天]"
    rf"|(?:回应|回應|就|针对|針對)[^，,。：:]{{1,10}}"
    rf"|(?:在|於|于)[^，,。：:]{{0,24}}?(?:时|時|上|中|后|後|前|期间|期間|里|裡|内|內|间|間|最后|最後)"
    rf"|(?:阅读|閱讀|听完|聽完|看完|看到|听到|聽到|得知|获悉|獲悉|了解|瞭解)[^，,。：:]{{0,16}}?(?:后|後)"
    rf"|接受[^，,。：:]{{0,14}}?(?:采访|採訪|访问|訪問|专访|專訪)(?:时|時)?"
    rf"|(?:谈到|談到|谈及|談及|提到|提及|说起|說起|回应|回應|被问到|被問到|被问及|被問及|论及|論及|重提|交流|介绍|介紹|讲述|講述|回忆|回憶|就|对|對)[^，,。：:]{{0,36}}?(?:时|時)"
    r"|(?:赛后|賽後|赛前|賽前|会前|會前|节后|節後)"
    r"|(?:参加|參加|出席|主持|会见|會見|考察|视察|視察|参观|參觀|看望|慰问|慰問|来到|來到|走进|走進)[^，,。：:]{1,30}?"
    r"(?:会|會|时|時|后|後|上|中|活动|活動|仪式|儀式|组|組)"
    r"|(?:昨日|昨天|今日|今天|日前|近日|此前|早前|早前曾|当天|當天|當日|当日|随后|隨後|其后|其後|后来|後來|最后|最後|首先|其次|同时|同時|另外|此外|会后|會後|会上|會上)"
    r"|(?:进一步|進一步|随即|隨即|接着|接著|继续|繼續|再次|反复|反覆|一再|多次|特别|特別|坦率|动情|動情|激动|激動|感慨|深有感触|深有感觸)"
    r"|(?:常常|经常|經常|常会|常會|总是|總是|一直|如此|这样|這樣|那样|那樣|强烈|強烈|认真|認真|很是|一边|一邊|不禁|忍不住|不无|不無"
    r"|高兴|高興|兴奋|興奮|自豪|坚定|堅定|明确|明確|公开|公開|直接|早就|曾经|曾經|多次|也曾|一再|反复|再三|当场|當場|特意|专门|專門)"
    r"|(?:笑着|笑著|笑|续|續|并|並|也|还|還|又|则|則|更|再|亦|均|都|曾|就|便|即|亦曾|只|但|仅|僅|更是|常|却|卻|便|遂)"
    # How the speaker felt, before a colon with no verb of saying (钱七虎倍感自豪：“……”).
    rf"|(?:倍感|倍覺|深感|颇感|頗感|备感|備感|甚感|十分|非常|特别|特別|格外|很是|尤为|尤為|更加|无比|無比)[{_CJK}]{{2}}"
)
# The adverbials that may stand alone before a verb (「……」並指, 又說, 續稱): no wildcard in them.
_CLOSED_ADVERBIAL = (
    r"(?:笑着|笑著|笑|续|續|并|並|也|还|還|又|则|則|更|再|亦|均|都|曾|就|便|即|亦曾|只|但|仅|僅|更是|常|却|卻|遂|多次|再三|一再"
    r"|对此|對此|就此|为此|為此|闻言|聞言|苦笑|激动|激動"
    r"|随即|隨即|接着|接著|继续|繼續|再次|进一步|進一步|同时|同時|另外|此外|随后|隨後|其后|其後|后来|後來|最后|最後)+"
)


@dataclass(frozen=True)
class Lexicon:
    verbs: tuple[str, ...]
    roles: tuple[str, ...]
    honorifics: tuple[str, ...]
    verb_re: str  # alternation of the verbs, longest first
    role_end: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    verbs = tuple(sorted(set(lines("speech_verbs.txt")), key=longest_first))
    roles: list[str] = []
    honorifics: list[str] = []
    for line in lines("titles.txt"):
        word, _, kind = line.partition("\t")
        (honorifics if kind.strip() == "honorific" else roles).append(word.strip())
    roles_sorted = tuple(sorted(set(roles), key=longest_first))
    return Lexicon(
        verbs=verbs,
        roles=roles_sorted,
        honorifics=tuple(sorted(set(honorifics), key=longest_first)),
        verb_re="|".join(map(re.escape, verbs)),
        role_end=regex("(?:" + "|".join(map(re.escape, roles_sorted)) + ")$"),
    )


@lru_cache(maxsize=1)
def _adverbial_end() -> re.Pattern[str]:
    return regex(rf"(?:{_ADVERBIAL})\s*$")


_FOREIGN = regex(
    rf"(?P<name>[{_CJK}]{{1,8}}(?:\s*[{_DOTS}]\s*[{_CJK}]{{1,8}})+)(?P<orig>\s*[（(][A-Za-z][A-Za-z .,'\-]*[)）])?$"
)


# The commonest surnames, for telling a married name (林鄭月娥) from four characters (全国人大).
_COMMON = set(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘"
    "于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛"
)


# Characters that do not occur in a given name: particles, places in time, verbs of saying.
_NOT_IN_NAMES = set("前后後上下里裡内內外们們等说說的了着著过過在和与與及是也都还還又说称稱指表示今昨曾已将將")


def is_surname_start(token: str) -> bool:
    return token[:1] in _SURNAMES or token.startswith(_COMPOUND_SURNAMES)


def _name_like(token: str, *, strict: bool = True) -> bool:
    """2 to 4 Chinese characters that start with a surname (4 only for two surnames: 林鄭月娥, 歐陽…).

    ``strict`` for a name cut out of longer text: then no particle may be in it (王伟表, 李明在);
    a name that is all of the words before a verb may be 林在山.
    """
    if not 2 <= len(token) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in token):
        return False
    if strict and any(c in _NOT_IN_NAMES for c in token[1:]):
        return False
    if len(token) == 4:
        # 歐陽… or a married name, her husband's surname before hers (林鄭月娥, 陳方安生).
        return token.startswith(_COMPOUND_SURNAMES) or (token[0] in _COMMON and token[1] in _COMMON)
    return is_surname_start(token)


# Words that end like a person's position or relation, beyond the listed titles: any head of
# something (厅长, 馆长), 工艺师, 工作人员, 跑友, 科学家, 父亲, 儿媳, 女孩, 小朋友.
_HEAD = regex(
    r"(?:[\u4e00-\u9fff](?<![增成延擅生助消滋见見心深漫悠])(?:长|長)"
    r"|[\u4e00-\u9fff](?:师|師|员|員|官|友)"
    r"|[\u4e00-\u9fff](?<![国國大人自专專])家"
    r"|人员|人員|工作者|爱好者|愛好者|父亲|父親|母亲|母親|儿子|兒子|女儿|女兒|妻子|丈夫|儿媳|兒媳|女婿|孙子|孫子"
    r"|女孩|男孩|小朋友|孩子|老人|大爷|大爺|大妈|大媽|阿姨|奶奶|爷爷|爺爺|姐姐|妹妹|哥哥|弟弟|主人|同学|同學|伙伴|夥伴"
    r"|老板娘|老闆娘|店员|店員|摊主|攤主|船长|船長|村医|村醫|校友|乡亲|鄉親|小伙|小夥|姑娘|大姐|大哥|老乡|老鄉)$"
)


def _ends_with_role(text: str) -> bool:
    text = regex(r"[（(][^（()）]{1,12}[)）]$").sub("", text)  # 副代表（大使）
    return bool(lexicon().role_end.search(text) or _HEAD.search(text))


def _stripped(who: str, depth: int = 0) -> list[str]:
    """Every way of taking adverbials (and verbs of saying) off the end of ``who``, least taken first."""
    who = who.strip()
    if depth > 4 or not who:
        return []
    pattern = regex(rf"(?:{_ADVERBIAL}|{lexicon().verb_re})")
    closed = regex(_CLOSED_ADVERBIAL)
    out: list[str] = []
    for i in range(len(who) - 1, -1, -1):
        # Open patterns (…地, 在…时, …后) must leave something: 分红金后 is no adverbial alone.
        if pattern.fullmatch(who, i) and (i > 0 or closed.fullmatch(who)):
            rest = who[:i].rstrip()
            out.append(rest)
            out.extend(_stripped(rest, depth + 1))
    return out


def strip_adverbials(who: str) -> str:
    """The who part without the adverbials before the verb: 余静雄心勃勃地 -> 余静, 何式凝向記者 -> 何式凝.

    A verb of saying there goes too (他回應指, 她補充說): the name is before both.
    """
    for rest in _stripped(who):
        if parse_who(rest, strip=False)[2] != "none":
            return rest
    return who.strip()


_NOT_FIRST = set("他她它我你您这這那其该該此每各某本僅仅只又也还還更再就都對对把被从從在")


def parse_who(who: str, *, tags: Tags | None = None, strip: bool = True,
              rare: bool = True) -> tuple[str | None, str | None, str]:
    """(name, role, kind) of the words before a verb of saying.

    ``kind`` is ``name`` (a person), ``pronoun`` (他/她, or nothing: resolve it
    to a person named earlier), ``group`` (他们), ``description`` (a role with no
    name: the description is the speaker) or ``none`` (not a speaker).
    """
    raw = regex(r"^(?:据|據|而|但|并|並|其中|另外|此外|也有|亦有|更有|另有|还有|還有|有|另|僅|仅|只)").sub("", who.strip())
    if strip:
        # The adverbials may be cut more than one way (余静雄心勃勃地): the first that leaves a
        # speaker wins, and the words as printed only when nothing was cut.
        found = None
        named = None
        for rest in _stripped(raw):
            result = parse_who(rest, tags=tags, strip=False, rare=rare)
            if result[2] == "name":
                # A shorter reading of the same name wins (施夫·拉吉·苏布迪日前 -> 施夫·拉吉·苏布迪),
                # not another name cut out of it (戴德豐在會後 is not 會長戴).
                if named is None or (result[0] and named[0] and named[0].startswith(result[0])):
                    named = result
            elif result[2] in ("pronoun", "group", "surname") and named is None and found is None:
                found = result
            elif result[2] == "description" and found is None:
                found = result
        if named is not None:
            return named
        if found is not None:
            return found  # 沿线民众 | 高兴地: what the adverbial leaves, not 高兴地 as a name
        return parse_who(raw, tags=tags, strip=False, rare=rare)
    who = raw
    if not who:
        return None, None, "pronoun"
    if who in PRONOUNS or (who[:1] in PRONOUNS and who[:2] not in PLURAL_PRONOUNS and len(who) <= 3
                           and not _ends_with_role(who)):
        return None, None, "pronoun"  # 他 / 她淡定: he or she, however it was said
    if len(who) == 1 and who in _SURNAMES:
        return who, None, "surname"  # 「……」梁說: the 梁 named before
    if who[-1:] in PRONOUNS and len(who) <= 5 and not _ends_with_role(who[:-1]):
        return None, None, "pronoun"  # 訪問中他, 但他
    if _ORGANISATION.fullmatch(who):
        return who, None, "description"  # 公會, 警方, 當局: an organisation, not a 公 named 會
    if who in PLURAL_PRONOUNS:
        return None, None, "group"
    m = _FOREIGN.search(who)
    if m:
        start = m.start()
        first = regex(rf"\s*[{_DOTS}]").split(m.group("name"))[0]
        # 人權觀察中國部主任索菲・理查森: the role ends inside the match's first part.
        roles = [r.end() for r in _role_re().finditer(first)]
        if roles and roles[-1] < len(first):
            start += roles[-1]
        name = regex(r"\s*[" + _DOTS + r"]\s*").sub("·", who[start : m.start("orig") if m.group("orig") else m.end()])
        role = clean_role(who[:start].strip()) or None
        return name, role, "name"
    lex = lexicon()
    # A title after the name: 习近平总书记, 刘伟委员, 习近平同志, 王先生.
    for title in lex.honorifics + lex.roles:
        if who.endswith(title) and len(who) > len(title):
            head = who[: -len(title)]
            name, role, kind = _name_at_end(head, tags)
            if kind == "name":
                if title in lex.honorifics:
                    return name, role, "name"
                return name, role or title, "name"
            if title in lex.honorifics and len(head) == 1 and head in _SURNAMES:
                return who, None, "name"  # 王先生, 陳太: a surname and a form of address
    if len(who) >= 4 and _transliterated(who) and not _name_like(who):
        return who, None, "name"  # 佩德罗索, not 罗索
    name, role, kind = _name_at_end(who, tags)
    if kind == "name":
        return name, role, kind
    if rare and tags and 2 <= len(who) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in who) \
            and not any(c in _NOT_IN_NAMES for c in who) and who[0] not in _NOT_FIRST and not _ends_with_role(who) \
            and not tags({who, who[:2], who[-2:]}):
        return who, None, "name"  # 毋敏: a rare surname, and no word of the dictionary in it (文件又, 申請方)
    latin = regex(r"(?:^|(?<=[^A-Za-z]))(?P<n>[A-Z][A-Za-z.\-']+(?:\s[A-Z][A-Za-z.\-']+){0,3})$").search(who)
    if latin and latin.group("n").lower() not in _NOT_PEOPLE:
        return latin.group("n"), clean_role(who[: latin.start("n")]) or None, "name"  # Zervaas, Tom Grundy
    if (_ends_with_role(who) or _ORGANISATION.search(who)) and len(who) <= 30:
        return who, None, "description"  # 南星街道相关负责人, 國家統計局: no person named
    if _transliterated(who):
        return who, None, "name"  # 库马尔, 菲格雷多
    return None, None, "none"


# Latin words before a verb of saying that are no person.
_NOT_PEOPLE = {"facebook", "twitter", "instagram", "youtube", "whatsapp", "telegram", "google", "apple", "cnn", "bbc",
               "reuters", "ap", "afp", "news", "app", "email", "sms", "post", "blog"}


# An organisation that speaks for itself (國家統計局表示, 警方指).
_ORGANISATION = regex(
    r"(?:局|部|署|处|處|委员会|委員會|院|政府|当局|當局|办公室|辦公室|办|辦|党|黨|公司|集团|集團|中心|法院|警方|大使馆|大使館"
    r"|领事馆|領事館|协会|協會|联会|聯會|工会|工會|公会|公會|学会|學會|商会|商會|基金会|基金會|组织|組織|医院|醫院|大学|大學"
    r"|学校|學校|机构|機構|银行|銀行)$"
)


# Characters of transliterated foreign names (库马尔, 菲格雷多, 特朗普): a word made mostly of them
# is a name even without a Chinese surname.
_FOREIGN_CHARS = set(
    "阿埃艾安奥澳巴芭班邦贝貝本比彼毕畢波伯博布查达達戴丹德迪蒂丁东東杜多厄恩尔爾法菲费費芬丰佛弗福夫伽盖蓋冈岡戈格古哈海汉漢"
    "赫亨胡霍基吉加贾賈杰傑金卡凯凱坎康柯科克库庫拉莱萊兰蘭朗劳勞勒雷蕾黎里利莉丽麗林琳卢盧鲁魯路伦倫罗羅洛玛瑪马馬迈邁麦麥曼"
    "梅门門蒙米密明莫姆穆纳納娜奈南内內尼涅宁寧纽紐努诺諾欧歐帕派潘佩彭皮普奇齐齊乔喬切琴丘萨薩塞桑森沙莎尚舍圣聖施什斯"
    "松苏蘇索塔泰坦汤湯唐特提图圖托瓦万萬旺威韦韋维維温溫沃乌烏伍西希锡錫夏谢謝辛休雅亚亞扬揚耶伊因英尤于约約泽澤扎詹佐顿頓"
)


def _transliterated(who: str) -> bool:
    return 3 <= len(who) <= 6 and all("\u4e00" <= c <= "\u9fff" for c in who) and (
        sum(c in _FOREIGN_CHARS for c in who) >= len(who) - (0 if len(who) <= 3 else 1))


# Words after which a name starts: a list, a time (今天上午王伟表示), a link word.
_BEFORE_NAME = ("的", "、", "和", "与", "與", "及", "上午", "下午", "晚上", "今天", "昨天", "今日", "昨日", "日前", "近日",
                "随后", "隨後", "其后", "其後", "会上", "會上", "席间", "席間", "当时", "當時", "同时", "同時", "：", ":")


def _name_at_end(who: str, tags: Tags | None) -> tuple[str | None, str | None, str]:
    """The personal name that ends ``who`` and the role printed before it."""
    wanted = {who[-k:] for k in (2, 3, 4) if len(who) >= k} | {who[:k] for k in (2, 3) if len(who) > k}
    tagged: dict[str, str] = tags(wanted) if tags else {}

    def word(token: str) -> bool:
        # A word of jieba's dictionary that is no name (文章, 信任, 高兴) is not a person.
        return tagged.get(token) == ""

    if (_name_like(who, strict=len(who) > 3) and len(who) <= 4 and not word(who) and not _ends_with_role(who)
            and not (len(who) == 4 and tags and tags({who[2:]}).get(who[2:]) == "")):  # 林鄭首次
        return who, None, "name"
    best = None
    for size in (3, 2, 4):
        if len(who) <= size:
            continue
        cand, prefix = who[-size:], who[:-size]
        after_role = _ends_with_role(prefix) or prefix.endswith(_BEFORE_NAME)
        person = tagged.get(cand, "").startswith("nr")
        # After a role a name needs no Chinese surname when it reads as a transliteration
        # (缅甸德兴旅游公司董事长妙丹佐) or jieba knows it as a person.
        foreign = after_role and size <= 4 and sum(c in _FOREIGN_CHARS for c in cand) >= size - 1
        if word(cand) or not (_name_like(cand) or foreign or person):
            continue
        if after_role or (person and size >= 3):  # jieba tags 贺信 a person: two characters need a role
            score = (after_role, person, _name_like(cand), size == 3)
            if best is None or score > best[0]:
                best = (score, cand, prefix)
    if best is not None:
        _, cand, prefix = best
        return cand, clean_role(prefix.rstrip("的、 ")) or None, "name"
    return None, None, "none"


# Words that end a role's description: what stands before them is what the writer did, or
# describes the person rather than their position (93岁的中国工程院院士 -> 中国工程院院士).
_ROLE_CUT = regex(
    r".*(?:……|…|并且|並且|访问|訪問|邀请|邀請|联同|聯同|嘲讽|嘲諷|作为|作為|还有|還有|包括|同行|出席|参加|參加|今日|昨日|今天|昨天"
    r"|了|的|是|为|為|及|由|遭|被|获(?!得者|奖者)|獲(?!得者|獎者)|就)")  # 获得者 is a role: 奖项获得者、院士


def clean_role(role: str) -> str:
    """A role without the words before it that are no part of it: 记者采访了社区书记 -> 社区书记.

    What is left must end like a position (书记, 召集人, 议员 …); otherwise there is no role.
    """
    m = _ROLE_CUT.match(role)
    out = (role[m.end():] if m else role).strip("，,、 “”「」『』\"'")
    return out if out and _ends_with_role(out) and len(out) <= 30 else ""


# ---------------------------------------------------------------- attributions


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    v = lexicon().verb_re
    # A role may hold a term in marks: 省“万人计划”科技创新领军人才李玉平.
    who = r"(?:[^，,。！？!?：:；;“”「」『』]|[“「『][^“”「」『』，,。！？!?]{1,12}[”」』])"
    after = regex(
        rf"^\s*(?P<who>{who}{{0,40}}?)\s*(?P<verb>{v})(?:道|得好|得对|得對)?(?P<rest>\s*(?:[，,。！？!?；;：:]|$).*)", re.S
    )
    before = regex(
        rf"(?:^|[，,。；;！？!?\s”」』])(?:据|據)?(?P<who>{who}{{1,40}}?)\s*(?P<verb>{v})(?:道|得好|得对|得對)?\s*[：:，,]?\s*$"
    )
    return after, before


def attribution_after(text: str) -> tuple[str, str] | None:
    """The attribution right after a closing mark, as (who, clause), or None.

    It names this quotation's speaker only when the verb does not open the
    next quotation: in 「……」教育局局長楊潤雄表示：「……」 the name belongs to
    the quotation that follows.
    """
    text = text.lstrip("”」』\"' ")
    m = _patterns()[0].match(text)
    if m and say_in_word(text, m.start("verb"), m.group("verb")):
        return None  # 對中國空軍和海軍來說: no attribution
    if not m:
        # “……”在河南三门峡鼎湖湾湿地，保护站工作人员王耀辉告诉记者: a clause of place or time
        # may come first.
        lead = regex(r"[^，,。！？!?；;：:“”「」『』]{1,24}[，,]").match(text)
        if lead and not regex(lexicon().verb_re).search(lead.group(0)):
            text = text[lead.end():]
            m = _patterns()[0].match(text)
        if not m:
            return None
    rest = m.group("rest")
    # X表示：「……」 introduces the quotation that follows; “……，”X说，“……” names one
    # speaker for both halves of a quotation it interrupts.
    if regex(r"\s*[：:]").match(rest):
        return None
    clause = text[m.start("who") : m.end("verb")]
    return m.group("who"), clause.strip()


def attribution_before(text: str) -> tuple[str, str] | None:
    """The attribution right before an opening mark: "他表示：" / "据X介绍，" -> (who, clause)."""
    m = _patterns()[1].search(text)
    if m and say_in_word(text, m.start("verb"), m.group("verb")):
        m = None
    if not m:
        return _colon_attribution(text)
    return m.group("who"), m.group(0).lstrip("，,。；;！？!?”」』 ").strip()


def _colon_attribution(text: str) -> tuple[str, str] | None:
    """A colon right before the quotation with no verb of saying: 70多岁的袁其忠依然激动：“……”.

    The name is found in the clause before the colon, within a few characters of its end.
    """
    m = regex(r"(?:^|[，,。；;！？!?”」』])(?P<clause>[^，,。；;！？!?：:“”「」『』]{2,40})[：:]\s*$").search(text)
    if not m:
        return None
    clause = m.group("clause")
    if clause.strip() in lexicon().verbs:
        return None  # ……，明言：「……」: a verb with its subject left out, not a person named 明言
    # The name ends the clause, or only words about how it was said follow it (依然激动).
    cuts = sorted({len(clause)} | {len(r) for r in _stripped(clause)}, reverse=True)
    for cut in cuts:
        name, role, kind = parse_who(clause[:cut], strip=False)
        if kind == "name" and name and (role or cut == len(clause) or clause[:cut].endswith(name)):
            if role or clause[: cut - len(name)].endswith(("的",)) or cut - len(name) == 0:
                return clause[:cut], clause + "："
    return None


# ---------------------------------------------------------------- people in the text


# Where a name mentioned in running text may end (a list "、" or "和" may join anything: no).
_NAME_END = set("，,。；;：:！？!?“”「」『』（）() 的在对對是也还還就说說今昨曾已将將向从從为為表指介认認坦透称稱告")


def _ends_name(rest: str) -> bool:
    """Whether a name can end where ``rest`` starts: punctuation, a particle, a verb, a title."""
    if rest[:1] in ("、", "和", "与", "與", "及"):
        return False  # a list: 成員來港、參與… names no one
    if not rest or rest[0] in _NAME_END or not ("\u4e00" <= rest[0] <= "\u9fff"):
        return True
    lex = lexicon()
    return rest.startswith(lex.verbs) or rest.startswith(lex.roles) or rest.startswith(lex.honorifics)


@lru_cache(maxsize=1)
def _role_re() -> re.Pattern[str]:
    return regex("(?:" + "|".join(map(re.escape, lexicon().roles)) + ")")


def mentions(text: str, *, tags: Tags | None = None) -> list[tuple[int, str, str | None]]:
    """People named in running text, as (offset, name, role): 记者采访了社区书记邹存英 -> 邹存英.

    A name counts where it follows a role (书记邹存英), or comes before a verb of
    saying (邹存英表示); it ends where a particle, a verb or punctuation starts.
    """
    out: dict[int, tuple[int, str, str | None]] = {}
    for m in _role_re().finditer(text):
        e = m.end()
        fm = _FOREIGN_AT.match(text, e)
        if fm:
            out[e] = (e, regex(rf"\s*[{_DOTS}]\s*").sub("·", fm.group("name")), m.group(0))
            continue
        cands = [text[e : e + k] for k in (4, 3, 2)]
        # One dictionary lookup for every word the candidates are tested against.
        asked = set(cands) | {c[2:] for c in cands if len(c) == 4} | {text[e + len(c) - 1 : e + len(c) + 1] for c in cands}
        known = tags(asked) if tags else {}
        for cand in cands:
            k = len(cand)
            if k < 2 or cand.startswith(lexicon().verbs) or known.get(cand) == "":
                continue  # 总书记强调: a verb or a dictionary word, not a name
            if k == 4 and known.get(cand[2:]) == "":
                continue  # 林鄭一度: a married name does not end in a word
            if known.get(text[e + k - 1 : e + k + 1]) == "":
                continue  # 議員向眾新|聞: a name does not end inside a word
            if any(text.startswith(lexicon().roles, e + j) for j in range(2, k)):
                continue  # 总指挥贺龙|元帅: a title after the name is no part of it
            # After a role three characters are a name unless the third cannot end one
            # (王伟表示, 李明在); two need a boundary after them.
            if _name_like(cand) and (k >= 3 or _ends_name(text[e + k :])) and text[e + k : e + k + 1] not in ("、",):
                out[e] = (e, cand, text[clause_start(text, m.start(), _MENTION_MARKS) : e] or None)
                break
    v = lexicon().verb_re
    for m in regex(rf"(?:{v})").finditer(text):
        if say_in_word(text, m.start(), m.group(0)):
            continue  # 對他來說, 小說, 據說: 说 inside a word
        cut = clause_start(text, m.start(), _MENTION_MARKS)
        who = text[cut : m.start()]
        if not who or len(who) > 30:
            continue
        name, role, kind = parse_who(who, tags=tags, rare=False)  # a rare name only where a quotation is attributed
        if kind == "name" and name and name[0] not in _NOT_FIRST and not any(c in _NOT_IN_NAMES or c in "被把" for c in name[1:]):
            at = cut + who.rfind(name[:1]) if name[:1] in who else cut
            out.setdefault(at, (at, name, role))
    return sorted(out.values())


_SAY_IN_WORDS = set("来來所小传傳学學演游遊解据據或再听聽虽雖")
_MENTION_MARKS = "，,。；;：:、“”「」（）() "


def say_in_word(text: str, pos: int, verb: str) -> bool:
    """Whether the 说 found at ``pos`` is part of a word (小說, 來說, 據說), not a verb of saying."""
    return verb in ("说", "說") and text[pos - 1 : pos] in _SAY_IN_WORDS


def clause_start(text: str, pos: int, marks: str) -> int:
    """Where the clause that ``pos`` stands in begins: just after the last of ``marks`` before it."""
    return max(text.rfind(p, 0, pos) for p in marks) + 1

_FOREIGN_AT = regex(rf"(?P<name>[{_CJK}]{{1,8}}(?:\s*[{_DOTS}]\s*[{_CJK}]{{1,8}})+)")


# ---------------------------------------------------------------- one person


def person_key(name: str) -> str:
    """A name as compared: Simplified, NFKC, one dot, no spaces, no original name in brackets."""
    from .normalize import to_simplified

    name = regex(r"\s*[（(][^）)]*[)）]\s*$").sub("", name)
    name = unicodedata.normalize("NFKC", name)
    name = regex(rf"\s*[{_DOTS}·]\s*").sub("·", name)
    name = regex(r"\s+").sub("", name)
    return to_simplified(name)


def same_person(a: str | None, b: str | None, aliases: dict[str, str] | None = None) -> bool:
    """Whether two names are one person: equal after script, width and dot normalisation, or one the
    short form of the other (林郑 for 林郑月娥; an alias the article gives, 陳太 for 陳方安生)."""
    if not a or not b:
        return False
    ka, kb = person_key(a), person_key(b)
    if ka == kb:
        return True
    aliases = {person_key(k): person_key(v) for k, v in (aliases or {}).items()}
    if aliases.get(ka) == kb or aliases.get(kb) == ka:
        return True
    short, long = sorted((ka, kb), key=len)
    # A married or double surname cut to its surnames: 林郑 for 林郑月娥; a surname with 先生/太 …
    if len(long) == 4 and len(short) == 2 and long.startswith(short):
        return True
    return False


def is_personal_name(name: str | None) -> bool:
    """Whether a speaker is a person's name (赵新宇, 拉米娅·拉马丹), not a description (相关负责人)."""
    if not name:
        return False
    found, _, kind = parse_who(name, strip=False)
    return kind == "name" and found is not None and person_key(found) == person_key(name)


def misattributed(named: str | None, source: str | None) -> bool:
    """Whether a quote names another person than its source does.

    Only two personal names can disagree: a description (相关负责人), a pronoun or
    no name on either side proves nothing.
    """
    if not named or not source or not is_personal_name(named) or not is_personal_name(source):
        return False
    return not same_person(named, source)


def speaker_is(wanted: str, speaker: str | None, role: str | None) -> bool:
    """``quotes --speaker``: the same person (across scripts and short forms), or part of a role."""
    from .normalize import to_simplified

    if same_person(wanted, speaker):
        return True
    w = to_simplified(wanted)
    return any(w and w in to_simplified(x) for x in (speaker or "", role or ""))


def aliases_in(text: str) -> dict[str, str]:
    """Short forms an article introduces for a name: 陳方安生（陳太） -> {陳太: 陳方安生}."""
    out = {}
    for m in regex(rf"(?P<full>[{_CJK}]{{2,4}})[（(](?:下稱|下称|简称|簡稱|下同)?[「“]?(?P<short>[{_CJK}]{{1,3}})[」”]?[)）]").finditer(text):
        if _name_like(m.group("full")):
            out[m.group("short")] = m.group("full")
    return out


__all__ = [
    "attribution_after", "attribution_before", "aliases_in", "clean_role", "is_personal_name", "lexicon", "mentions",
    "misattributed", "parse_who", "person_key", "same_person", "speaker_is", "strip_adverbials",
]
