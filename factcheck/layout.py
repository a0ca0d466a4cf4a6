"""Read the structure of a newspaper page extracted as text.

A page is a list of *blocks* (non-empty lines) separated by blank lines.  Each
block is one of: title (with kicker or subtitle), byline, section heading, photo
caption or credit, or a piece of body text.  The reading works from the strongest
cues to the weakest:

1. a photo credit ("(图片由…提供)", "…摄") marks a caption;
2. a byline is a line of personal names, optionally after a role ("记者", "本报记者",
   "通讯员"); it is only taken as one right after a title-like line, and names
   without a role must start with a Chinese surname;
3. the title is the one or two unfinished, caption-free lines just before a byline
   (or the first line of a file without bylines);
4. inside an article, a line that does not end its sentence leaves its paragraph
   *open*: the next body line continues it, and an unfinished line standing alone
   between blank-line runs while a paragraph is open is a caption (the page put a
   photo there);
5. a short line with no punctuation between finished paragraphs is a section
   heading, unless the next line plainly continues it ("…为民服务" + "的缩影。");
6. a dateline ("本报北京1月13日电（记者丁怡婷）") at the start of the first
   paragraph gives the byline when the page has none.

Everything keeps its line number and its character offset in the file, so each
sentence can be cited as ``path:line`` and highlighted at its exact place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .sentences import CLOSERS, ends_sentence, split_sentences
from .patterns import regex


@dataclass
class Block:
    line: int  # 1-based line number in the file
    start: int  # character offset of the first character in the file
    text: str
    gap: int  # blank lines before the block
    heading: bool = False  # a Markdown '#' heading


@dataclass
class Piece:
    """A stretch of body text from one line of the file."""

    line: int
    start: int
    text: str


@dataclass
class Paragraph:
    pieces: list[Piece]
    section: str | None = None

    @property
    def text(self) -> str:
        return join_pieces([p.text for p in self.pieces])

    def offset(self, index: int) -> tuple[int, int]:
        """(file offset, line) of the character at ``index`` in ``self.text``."""
        pos = 0
        for k, piece in enumerate(self.pieces):
            length = len(piece.text) + (1 if k and _needs_space(self.pieces[k - 1].text, piece.text) else 0)
            if index < pos + length or k == len(self.pieces) - 1:
                inner = max(0, index - pos - (length - len(piece.text)))
                return piece.start + inner, piece.line
            pos += length
        raise IndexError(index)


@dataclass
class Caption:
    line: int
    start: int
    text: str


@dataclass
class Credit:
    name: str
    role: str | None = None


@dataclass
class Article:
    title: str
    line: int
    subtitle: str | None = None
    credits: list[Credit] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    date: str | None = None
    source: str | None = None
    site: str | None = None  # the web site's name (新华网), where the page says it
    url: str | None = None  # the page's canonical URL
    # (start, end) file offsets of the headline and subtitle where each is one line as printed
    title_span: tuple[int, int] | None = None
    subtitle_span: tuple[int, int] | None = None
    subtitle_line: int | None = None

    @property
    def byline(self) -> list[str]:
        return [c.name for c in self.credits if c.name]


@dataclass
class SentenceSpan:
    text: str
    paragraph: int  # 1-based within the article
    sentence: int  # 1-based within the paragraph
    line: int
    start: int  # character offsets in the file, end exclusive
    end: int
    section: str | None


def _needs_space(left: str, right: str) -> bool:
    # Latin words broken across lines keep a space; Chinese is written without.
    return bool(left) and bool(right) and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha()


def join_pieces(texts: list[str]) -> str:
    out = ""
    for t in texts:
        out += (" " if _needs_space(out, t) else "") + t
    return out


# ---------------------------------------------------------------- cues

# A photo credit by its shape: at the end of a short line (…摄, （图片由…提供）, 张三供图, 资料图片),
# or a label at its start (图/, 制图：).  Words such as 供图 inside a paragraph do not make it one.
_CREDIT = regex(
    r"(图片由|圖片由|照片由|图由|圖由).{0,30}提供[)）]?$|(供图|供圖|资料图片?|資料圖片?|资料照片|資料照片)[)）]?$"
    r"|(新华社|新華社|中新社)?(记者|記者|通讯员|通訊員)?\S{0,12}摄[)）]?$|^[（(]?(图|圖|摄影|攝影)[/／:：]"
    r"|^(制图|製圖|绘图|繪圖|图表|圖表|图片|圖片|视觉|視覺|版式设计|版式設計)[:：]"
)
CAPTION_MAX = 150  # characters: a longer line is a paragraph, whatever it ends with

_ROLE = (
    "本报特约记者|本报记者|本报通讯员|本报评论员|特约记者|见习记者|实习记者|记者|通讯员|实习生|评论员|"
    "本報記者|本報通訊員|特約記者|見習記者|實習記者|記者|通訊員|實習生|評論員|特派员|特派員|"
    "编辑|編輯|执笔|執筆|参与采写|參與採寫|专栏作者|專欄作者|特约作者|特約作者|作者|(?:撰文|文|图|圖|摄影|攝影)(?=[:：/／])"
)
_ROLE_RE = regex(rf"^(?P<org>[^\s、，,]{{0,8}}?)(?P<role>{_ROLE})(?:[:：/／]|\s)*")

# The commonest Chinese surnames (single and compound), enough to tell a line of
# names from a short heading.
_SURNAMES = set(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧"
    "姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易"
    "乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華"
    "喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和"
    "仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺官封谈談匡鞠惠荆荊乐樂冀郁胥南班储儲原栗燕楚鄢劳勞谌諶奚皮粟冼蔺藺楼樓盘盤满滿闻聞位厉厲"
    "伊仝区區郜海阚闞花权權强強帅帥屠豆朴盖蓋练練廉禹井祖漆巴丰支卿国國狄平计計索宣晋晉相初门門云雲容敬来來扈晁芮都普阙闕浦戈伏鹿薄邸雍辜羊阿乌烏母裘亓修邰赫杭况"
    "习習栾欒郦酈蓬阎閻於"
    "那宿鲜鮮印逯隆茹诸諸战戰慕危玉银銀亢嵇公哈湛宾賓戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴陰昝智幸奉植衡富尧堯闭閉由"
)
_COMPOUND_SURNAMES = ("欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "公孫", "夏侯", "端木", "西门", "长孙", "宇文", "司徒", "申屠")
_NAME = regex(r"^[\u4e00-\u9fff·]{2,6}$")


def is_caption_credit(text: str) -> bool:
    return len(text) <= CAPTION_MAX and bool(_CREDIT.search(text))


def _looks_like_name(token: str, *, need_surname: bool) -> bool:
    if not _NAME.match(token) or len(token) > (6 if not need_surname else 4):
        return False
    if not need_surname:
        return True
    return token[0] in _SURNAMES or token.startswith(_COMPOUND_SURNAMES)


def parse_byline(text: str) -> list[Credit] | None:
    """The people a byline line names, or None if the line is not a byline.

    "张梦月 吴子刚 金陆燕" -> three names; "记者孙哲" -> 孙哲 (记者);
    "本报记者 周效政、胡友松" -> two names (本报记者); "眾新聞記者" -> a desk credit.
    """
    text = text.strip()
    if not text or len(text) > 120 or regex(r"[。！？!?“”\"《》\d]").search(text):
        return None
    # "综合本报记者…报道", "本报记者陆娅楠采访整理", "徐辉、刘慎参与采写": the words around the names.
    text = regex(r"^综合|^綜合").sub("", text)
    text = regex(r"(?:采访整理|採訪整理|参与采写|參與採寫|整理|报道|報道|采写|採寫|撰稿)$").sub("", text).strip()
    credits: list[Credit] = []
    role: str | None = None
    rest = text
    m = _ROLE_RE.match(rest)
    if m:
        role = (m.group("org") + m.group("role")).strip()
        rest = rest[m.end():]
    tokens = [t for t in regex(r"[\s、，,/／]+|(?<=[\u4e00-\u9fff])和(?=[\u4e00-\u9fff]{2})").split(rest) if t]
    if not tokens:
        return [Credit(name="", role=role)] if role else None
    for tok in _spaced_names(tokens):
        m2 = _ROLE_RE.match(tok) if role else None
        if m2:
            # "记者 X 通讯员 Y": a second role inside the line.
            role = (m2.group("org") + m2.group("role")).strip()
            tok = tok[m2.end():]
            if not tok:
                continue
        # Without a role, only names that start with a surname make a byline.
        if not _looks_like_name(tok, need_surname=role is None):
            return None
        credits.append(Credit(name=tok, role=role))
    if len(credits) > (24 if role else 8):
        return None
    return credits


def _spaced_names(tokens: list[str]) -> list[str]:
    """Two-character names are often set with spaces between them: "李  刚" is 李刚."""
    out: list[str] = []
    k = 0
    while k < len(tokens):
        if len(tokens[k]) == 1 and k + 1 < len(tokens) and len(tokens[k + 1]) == 1:
            out.append(tokens[k] + tokens[k + 1])
            k += 2
        else:
            out.append(tokens[k])
            k += 1
    return out


_DATELINE = regex(
    r"^(?:本报|本報|新华社|新華社|中新社|人民网|人民網|央视网|央視網)?[^，。（(]{0,12}?(?:\d{1,2}月\d{1,2}日)?(?:电|電|讯|訊|快讯|快訊)\s*[（(](?P<inner>[^）)]{2,40})[）)]"
)


def parse_dateline(text: str) -> list[Credit] | None:
    """Byline from a dateline: "本报北京1月13日电（记者丁怡婷）" -> 丁怡婷 (记者)."""
    m = _DATELINE.match(text.strip())
    if not m:
        return None
    # "记者陈智 整合", "记者 张三 报道": what the reporter did is not a name
    inner = regex(r"\s*(?:整合|综合|綜合|报道|報道|采写|採寫|编译|編譯)$").sub("", m.group("inner").strip())
    credits: list[Credit] = []
    # "记者 X、Y 通讯员 Z": split before each role word.
    for part in regex(rf"\s*(?=(?:{_ROLE}))").split(inner):
        part = part.strip()
        if not part:
            continue
        parsed = parse_byline(part)
        if parsed:
            credits.extend(c for c in parsed if c.name)
    return credits or None


# Characters a new paragraph or a heading's next line cannot start with: the
# previous line must have been broken in the middle of a sentence.
_CONTINUATION_START = set("的地得之了着过们等，,。、；;：:）)”’」』%％")


def _titlelike(b: Block) -> bool:
    """A line that can be (part of) a headline: short, no full stop, not a caption or a dateline.

    Headlines may exclaim or ask ("首破万亿元！春节消费亮眼"), so ！ and ？ are allowed in a
    short line; a line wholly in brackets ("（本报加德满都1月31日电）") is not a headline.
    """
    t = b.text
    short = len(t) <= 40
    return (
        len(t) <= 80
        and (not ends_sentence(t) or (short and t.rstrip("”’」』")[-1] in "！？!?"))
        and t[-1] not in "，,、；;：:"
        and "。" not in t
        and (short or not regex(r"[！？!?](?![”’」』])").search(t[:-1]))
        and not (t[0] in "（(" and t[-1] in "）)")
        and not is_caption_credit(t)
    )


# A list item or a numbered heading: "- …", "• …", "1. …", "2、…", "（三）…", "一、…", "①…".
_ITEM = regex(
    r"^(?:[-*+•●○▪■◆◇►▶√✓·]\s*(?=\S)|\d{1,3}(?:[.．](?!\d)|[)）、])\s*|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[）)]\s*"
    r"|[①-⑳]\s*|[一二三四五六七八九十]{1,3}、\s*|第[一二三四五六七八九十\d]{1,3}[章节部分篇][、，\s:：]?)"
)
_BULLET = regex(r"^[-*+•●○▪■◆◇►▶√✓·]\s*(?=\S)")
_OPENING = "“‘「『（(《【"
_CLOSING = "”’」』）)》】"


def is_item(text: str) -> bool:
    return bool(_ITEM.match(text))


def _balanced(text: str) -> bool:
    """Whether every quotation mark and bracket the line opens it also closes."""
    depth = 0
    for ch in text:
        if ch in _OPENING:
            depth += 1
        elif ch in _CLOSING:
            depth -= 1
    return depth <= 0


def _short_unfinished(b: Block) -> bool:
    """A line with no sentence end anywhere in it, complete in its marks: a list line or a heading."""
    t = b.text
    return (len(t) <= 80 and not ends_sentence(t) and not regex(r"[。！？!?]").search(t) and _balanced(t))


def _headinglike(b: Block, nxt: Block | None) -> bool:
    t = b.text
    return (
        nxt is not None
        and len(t) <= 30
        and not ends_sentence(t)
        and t[-1] not in "：:"  # "会议提出今年主要目标：" announces the lines below: body text
        and not regex(r"[，,。、；;！？!?]").search(t)
        and not (t[0] in "（(" and t[-1] in "）)")  # a bracketed dateline or note is body text
        and nxt.text[0] not in _CONTINUATION_START
    )


# ---------------------------------------------------------------- blocks


def blocks_of(text: str) -> list[Block]:
    """Non-empty lines with their line number, offset and the blank lines before them."""
    blocks: list[Block] = []
    offset = 0
    gap = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        stripped = line.strip().strip("\u3000\ufeff")
        if stripped:
            blocks.append(Block(line=number, start=offset + line.find(stripped), text=stripped, gap=gap))
            gap = 0
        else:
            gap += 1
        offset += len(raw) + 1
    return blocks


def _markdown_blocks(blocks: list[Block]) -> tuple[list[Block], dict[str, str]]:
    """Drop YAML front matter (keeping title/author) and '#' heading marks."""
    meta: dict[str, str] = {}
    if blocks and blocks[0].text == "---":
        for k, b in enumerate(blocks[1:], start=1):
            if b.text == "---":
                for fm in blocks[1:k]:
                    key, _, value = fm.text.partition(":")
                    meta[key.strip().lower()] = value.strip().strip("'\"")
                blocks = blocks[k + 1 :]
                break
    out = []
    for b in blocks:
        m = regex(r"^#{1,6}\s+").match(b.text)
        if m:
            b = Block(b.line, b.start + m.end(), b.text[m.end():], b.gap, heading=True)
        out.append(b)
    return out, meta


# ---------------------------------------------------------------- pages


def read_page(text: str, *, markdown: bool = False) -> list[Article]:
    """Split the text of a file into articles with their structure."""
    blocks = blocks_of(text)
    meta: dict[str, str] = {}
    if markdown:
        blocks, meta = _markdown_blocks(blocks)
    if not blocks:
        return []

    # Bylines anchor the articles of a page: each one follows a title.
    starts: list[tuple[int, int, list[Credit]]] = []  # (first title block, byline block, credits)
    taken = -1
    for i, b in enumerate(blocks):
        if i == 0 or i <= taken + 1:
            continue
        # The first line of a file before a byline is its headline even when long
        # ("【空污追兇】馬路NO₂水平比世衞標準高逾兩倍　戶外工作者…"), unless it is a sentence.
        first_line = i == 1 and "。" not in blocks[0].text and len(blocks[0].text) <= 120
        if not (_titlelike(blocks[i - 1]) or first_line):
            continue
        credits = parse_byline(b.text)
        if credits is None:
            continue
        first = i - 1
        # A kicker or a subtitle on the lines before (at most three headline lines).
        for _ in range(2):
            if first - 1 > taken and _titlelike(blocks[first - 1]) and (first - 1 == 0 or _closes(blocks[first - 2]) or _titlelike(blocks[first - 2])):
                first -= 1
            else:
                break
        while first < i - 1 and first > 0 and not _closes(blocks[first - 1]):
            first += 1  # the line before must end a sentence (or be a caption)
        starts.append((first, i, credits))
        taken = i

    articles: list[Article] = []
    if not starts or starts[0][0] > 0:
        # Text before the first byline: an article whose first line is its title
        # when it looks like one.
        end = starts[0][0] if starts else len(blocks)
        head = blocks[:end]
        if meta.get("title"):
            art = Article(title=meta["title"], line=head[0].line if head else 1)
            body = head
        elif head and _titlelike(head[0]) and len(head) > 1:
            art = Article(title=head[0].text, line=head[0].line, title_span=_span(head[0]))
            body = head[1:]
        else:
            art = Article(title="", line=head[0].line if head else 1)
            body = head
        author = meta.get("author")
        if author:
            art.credits = parse_byline(author) or [Credit(name=author)]
        _fill_body(art, body)
        if art.paragraphs or art.captions:
            articles.append(art)
    for k, (first, byline_at, credits) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(blocks)
        heads = blocks[first:byline_at]
        titles = [t.text for t in heads]
        spans: list[tuple[int, int] | None] = [_span(b) for b in heads]
        if len(titles) == 3:
            # Kicker, headline, subtitle: the kicker goes with the headline, as when
            # both are printed on one line ("以…驱动创新发展 “国际滨”，打造创新“双引擎”").
            titles = [titles[0] + " " + titles[1], titles[2]]
            spans = [None, spans[2]]
        art = Article(title=titles[0], line=blocks[first].line, credits=credits, title_span=spans[0])
        if len(titles) > 1:
            art.subtitle = titles[1]
            art.subtitle_span = spans[1]
            art.subtitle_line = heads[-1].line
        _fill_body(art, blocks[byline_at + 1 : end])
        articles.append(art)

    for art in articles:
        if not art.byline and art.paragraphs:
            dated = parse_dateline(art.paragraphs[0].text)
            if dated:
                art.credits = dated
    return articles


def _span(b: Block) -> tuple[int, int]:
    return b.start, b.start + len(b.text)


def _closes(b: Block) -> bool:
    """Whether a block can stand before a title: it ends a sentence or is a caption."""
    return ends_sentence(b.text) or is_caption_credit(b.text)


def _fill_body(art: Article, blocks: list[Block]) -> None:
    section: str | None = None
    open_para: Paragraph | None = None
    listed = False  # the line before stood alone as a line of a list
    for k, b in enumerate(blocks):
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        finished = ends_sentence(b.text)
        if is_caption_credit(b.text):
            art.captions.append(Caption(b.line, b.start, b.text))
            continue
        continues = _starts_mid_sentence(b.text)
        if b.heading and not continues:
            section, open_para, listed = b.text, None, False  # a Markdown heading: never body text
            continue
        # A line of a list stands alone: an item ("1. …", "（三）…", "- …"), or one of a
        # run of lines with no sentence end in them.  A page broken by its columns
        # leaves a line unfinished too, but then the next line ends the sentence,
        # or starts with what cannot start one (的, ，), or a mark is left open.
        item = is_item(b.text) and not continues
        in_run = not continues and _short_unfinished(b) and (
            listed or (nxt is not None and nxt.gap <= 1 and _short_unfinished(nxt) and not _starts_mid_sentence(nxt.text)
                       and not _headinglike(b, nxt)))
        if item or in_run:
            if item and not finished and len(b.text) <= 50 and nxt is not None and not is_item(nxt.text) \
                    and ends_sentence(nxt.text) and not _starts_mid_sentence(nxt.text) and (b.gap >= 1 or not listed):
                # "一、坚持稳中求进，推动高质量发展" above a paragraph: a numbered heading.
                section, open_para, listed = b.text, None, False
                continue
            bullet = _BULLET.match(b.text)
            cut = bullet.end() if bullet else 0  # "- ", "• ": the mark is not part of the sentence
            para = Paragraph(pieces=[Piece(b.line, b.start + cut, b.text[cut:])], section=section)
            art.paragraphs.append(para)
            nxt_continues = nxt is not None and _starts_mid_sentence(nxt.text)
            open_para = para if (not finished and nxt_continues) else None
            listed = not finished or is_item(b.text)
            continue
        listed = False
        if open_para is not None:
            if b.gap >= 2 and not finished:
                # An unfinished line standing alone while a paragraph waits for
                # its continuation: the layout put a photo caption here.
                art.captions.append(Caption(b.line, b.start, b.text))
                continue
            open_para.pieces.append(Piece(b.line, b.start, b.text))
            if finished:
                open_para = None
            continue
        if not finished and b.gap >= 2 and k > 0 and len(b.text) <= 60 and (nxt is None or nxt.gap >= 1):
            # Set apart by blank-line runs like the page's photos.
            art.captions.append(Caption(b.line, b.start, b.text))
            continue
        if _headinglike(b, nxt) and (nxt is None or not _starts_mid_sentence(nxt.text)):
            section = b.text
            continue
        para = Paragraph(pieces=[Piece(b.line, b.start, b.text)], section=section)
        art.paragraphs.append(para)
        open_para = None if finished else para
    # A paragraph left open at the end of the article stays as printed.


def _starts_mid_sentence(text: str) -> bool:
    return text[0] in _CONTINUATION_START


def sentence_spans(art: Article) -> list[SentenceSpan]:
    """The sentences of an article, with paragraph numbers and file offsets."""
    out: list[SentenceSpan] = []
    for p_no, para in enumerate(art.paragraphs, start=1):
        text = para.text
        for s_no, (a, b) in enumerate(split_sentences(text), start=1):
            start, line = para.offset(a)
            last, _ = para.offset(b - 1)
            out.append(SentenceSpan(text[a:b], p_no, s_no, line, start, last + 1, para.section))
    return out


__all__ = [
    "Article", "Block", "Caption", "Credit", "Paragraph", "Piece", "SentenceSpan",
    "blocks_of", "is_caption_credit", "join_pieces", "parse_byline", "parse_dateline",
    "read_page", "sentence_spans", "CLOSERS",
]
