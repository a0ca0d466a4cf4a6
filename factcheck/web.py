"""Read a saved news web page (.html, .htm) into the same article records as a text page.

The article's body is found by trafilatura (made for exactly this: it drops
navigation, related-news lists, comments, share buttons and footers).  On
Chinese news pages it is weakest where a reader's knowledge of the page helps
most, so we add that on top rather than replace it:

* **title**: the page's ``<h1>`` (or ``og:title``) that the ``<title>`` confirms,
  else the ``<title>`` without its site suffix (…_网易订阅, … - 新华网);
  trafilatura's title keeps such suffixes;
* **byline**: the lines of the page that read as one (记者 张三, 作者：李四,
  来源：人民日报 for the source), else the dateline of the first paragraph
  (新华社巴黎12月9日电（记者唐霁）), parsed as for text pages; trafilatura's
  author is not used: on Chinese pages it is mostly a commenter, the comment
  form or the editor;
* **body**: trafilatura's paragraphs without the boilerplate lines Chinese sites
  add (免责声明, 责任编辑, 扫一扫, 网友评论仅供…, 原标题, 版权所有 …);
* the **date** and **site name** come from trafilatura's metadata.

The bytes are decoded as any file here (strict UTF-8 first), so a page that
declares GB2312 but is UTF-8 reads right.  trafilatura and lxml are imported
only when a web page is read.
"""

from __future__ import annotations

import functools
import re
from html import unescape
from urllib.parse import urlsplit

from .layout import Article, Credit, Paragraph, Piece, parse_byline, parse_dateline
from .sentences import ends_sentence

WEB_SUFFIXES = {".html", ".htm", ".xhtml"}

# Lines a Chinese news page adds around an article that are not part of it.
_BOILERPLATE = re.compile(
    r"免责声明|责任编辑|責任編輯|扫一扫|掃一掃|关注该公众号|關注該公眾號|网友评论仅供|網友評論僅供|版权所有|版權所有|"
    r"原标题[:：]|原標題[:：]|本文来源|本文來源|转载请注明|轉載請註明|点击进入|點擊進入|分享到|返回搜狐|查看更多|"
    r"长按识别|長按識別|阅读原文|閱讀原文|未经授权|未經授權|打开.{0,6}APP|打開.{0,6}APP|下载.{0,8}APP|下載.{0,8}APP|^\s*编辑[:：]|^\s*來源[:：]|^\s*来源[:：]|"
    r"^为您推荐$|^為您推薦$|您所在的位置|当前位置[:：]|當前位置[:：]|现在位置[:：]|^相关阅读|^相關閱讀|^推荐阅读|^推薦閱讀|^\W*$|"
    r"^相关新闻|^相關新聞|首页\s*>|首頁\s*>|^\W{0,3}推荐$|^\d{4}-\d{2}-\d{2}\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:来源|來源)|"
    r"添加收藏|设为首页|設為首頁|关于我们|關於我們|^[-–—•·|>]\s*\S{0,6}$|无法播放此视频|無法播放此視頻|"
    r"^【?(?:责任)?(?:编辑|編輯|校对|校對|责编|責編)\s*[|｜:：】\s]|仅代表.{0,12}(?:观点|觀點)|申请加入|申請加入|"
    r"^(?:上一篇|下一篇|上一條|下一條)[:：]|^(?:标签|標籤|关键词|關鍵詞)\s*[:：>]|举报电话|舉報電話|举报邮箱|舉報郵箱|"
    r"二维码|二維碼|^推荐新闻$|^推薦新聞$|^相关推荐|^相關推薦|评论[(（]\d+[)）]|評論[(（]\d+[)）]|我要跟帖|已输入\d+字|"
    r"^首页$|^首頁$|^字号$|^字號$|点【在看】|回复【|回覆【|点击菜单|點擊菜單|^声明[:：]|^聲明[:：]|"
    r"浏览次数|瀏覽次數|阅读次数|閱讀次數|点击数[:：]|點擊數[:：]|^(?:小编|作者)最近文章|请支持独立网站|轉發請註明|转发请注明|"
    r"滚动播报|滾動播報|^相关资讯请关注|^相關資訊請關注|打印本页|打印本頁|关闭窗口|關閉窗口|供稿|^来源于[:：]|"
    r"^\d{4}-\d{1,2}-\d{1,2}\s*\d{0,2}:?\d{0,2}(?::\d{2})?$|^[\d,.\s万+]+$|^(?:视频|視頻|图集|圖集|专题|專題)\s*[|｜]"
)
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|\s-\s|\s–\s|\s—\s|——|-{2,})\s*")
_BYLINE_LINE = re.compile(r"^(?:本报记者|本報記者|记者|記者|作者|文(?=[:：/／])|撰文|通讯员|通訊員|采写|採寫)[\s:：/／]*\S")
_SOURCE = re.compile(r"(?:来源|來源)(?:于|於)?[:：]\s*(?P<src>[^\s|｜,，:：]{2,20}?)(?=\s|$|[|｜,，]|作者|编辑|編輯|记者|記者)")


class NoArticle(Exception):
    """A page with no article in it (an index page, a login form)."""


class _Empty:
    """trafilatura found nothing: the fallback below may still find the article."""

    text = title = date = sitename = url = author = None


_PROSE_MARKS = "。！？；，"
_BLOCKS = {"p", "div", "section", "article", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "blockquote"}


# Class and id words of a page's parts that hold prose but are not the article (as readability weighs them).
_NOT_ARTICLE = re.compile(r"comment|cmt|reply|discuss|pinglun|gentie|footer|sidebar|side-bar|recommend|related|"
                          r"share|copyright|disclaimer|\bad\b|advert|hot-?news|rank", re.I)


def _count(text: str | None) -> int:
    return sum(text.count(c) for c in _PROSE_MARKS) if text else 0


def _break_blocks(root) -> None:
    """Put a line break around every block element and <br>, so text_content() has the page's lines."""
    for el in root.iter():
        if isinstance(el.tag, str) and (el.tag == "br" or el.tag in _BLOCKS):
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")


def visible_lines(tree) -> list[str]:
    """The page's text as it shows, line by line (scripts and styles left out; minified pages too)."""
    import copy

    tree = copy.deepcopy(tree)
    for el in tree.xpath("//script|//style|//noscript|//template"):
        el.drop_tree()
    _break_blocks(tree)
    return [" ".join(ln.split()) for ln in tree.text_content().split("\n") if ln.strip()]


def dense_text(tree) -> list[str]:
    """The lines of the element holding most of the page's prose (a readability-style fallback).

    Each stretch of text outside a link credits its punctuation to the block that holds it,
    that block's parent, and half to the grandparent; the best credited element is the article.
    """
    import copy

    tree = copy.deepcopy(tree)
    for el in tree.xpath("//script|//style|//noscript|//textarea|//select|//a"):
        el.drop_tree()  # links carry navigation and related news, not the article's prose
    total = _count(tree.text_content())
    for el in list(tree.iter()):
        # comments, footers, side bars hold prose, but not the article's; a wrapper around most
        # of the page's prose is kept whatever its name (<div class="article-share-box">)
        if isinstance(el.tag, str) and el.getparent() is not None \
                and _NOT_ARTICLE.search(f"{el.get('class') or ''} {el.get('id') or ''}") \
                and _count(el.text_content()) < 0.5 * total:
            el.drop_tree()
    score: dict = {}
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        marks = _count(el.text) + sum(_count(c.tail) for c in el)
        if not marks:
            continue
        block = el
        while block is not None and block.tag not in _BLOCKS and block.tag != "body":
            block = block.getparent()
        if block is None:
            continue
        parent = block.getparent()
        for node, share in ((block, 1.0), (parent, 1.0), (parent.getparent() if parent is not None else None, 0.5)):
            if node is not None:
                score[node] = score.get(node, 0.0) + share * marks
    if not score:
        return []
    best = max(score, key=score.get)
    _break_blocks(best)
    return [" ".join(ln.split()) for ln in best.text_content().split("\n") if ln.strip()]


_BRACKET_BYLINE = re.compile(r"^【(?P<inner>(?:文|作者|记者|記者|撰文)[^】]{1,30})】")
_UPDATED = re.compile(r"^\s*(?:最后更新|最後更新|发布时间|發佈時間|更新时间|更新時間)[:：]\s*[\d\-/: ]+")
_EDGE = 12  # a line this short without a sentence end, first in the body, is the page's
_NOTE = re.compile(r"^[（(].*[）)]$")  # （实习生王金茹对此文亦有贡献）: the newsroom's note ends the article
_TAIL = 30  # at the end of the body, a line this short without a sentence end is the page's (related headlines)


def clean_body(lines: list[str], title: str) -> list[str]:
    """The article's paragraphs from an extractor's lines.

    Boilerplate lines go; so do short lines without a sentence end at the start and end
    (首页, 快讯 >, 证券时报APP, 推荐新闻: the page's controls and links around the text); table
    cells lose their pipes; a line ending in a comma continues on the next (pages that set one
    phrase per paragraph, 下周一，/京沪高速施工就将进入第二阶段，).
    """
    out: list[str] = []
    for ln in lines:
        ln = ln.strip()
        if ln.startswith("|") and ln.endswith("|"):
            ln = " ".join(c.strip() for c in ln.strip("|").split("|") if c.strip())
        ln = re.sub(r"^[-•·]\s+", "", ln)  # a list item's dash, as trafilatura writes it
        if title and ln.startswith(title) and len(ln) > len(title):
            # the headline and its dateline run into the first paragraph (观察者网):
            # 王文：中美贸易… 最后更新: 2019-09-07 09:27:48 【文/…】 “中美贸易…
            ln = _UPDATED.sub("", ln[len(title):]).strip()
        if not ln or _BOILERPLATE.search(ln) or ln == title:
            continue
        if out and out[-1].endswith(("，", "、", ",")):
            out[-1] += ln
        else:
            out.append(ln)
    while out and len(out[0]) < _EDGE and not ends_sentence(out[0]):
        out.pop(0)
    while out and len(out[-1]) < _TAIL and not ends_sentence(out[-1]) and not _NOTE.match(out[-1]):
        out.pop()  # the headlines of related news the page lists after the text, a channel's name
    return out


def _texts(tree, xpath: str) -> list[str]:
    return [" ".join("".join(e.itertext()).split()) for e in tree.xpath(xpath)]


def read_web_page(html: str, *, url: str | None = None) -> list[Article]:
    """The article of a web page, with its title, byline, date, site and paragraphs."""
    import trafilatura
    from lxml import etree as lxml_etree
    from lxml import html as lxml_html

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=True)
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, lxml_etree.ParserError):
        tree = None
    if doc is None:
        doc = _Empty()
    page_title = " ".join(_texts(tree, "//title")[:1]) if tree is not None else ""
    h1s = _texts(tree, "//h1") if tree is not None else []
    og = tree.xpath("//meta[@property='og:title']/@content") if tree is not None else []
    page_lines = visible_lines(tree) if tree is not None else []  # read once: it copies the tree
    title = printed_headline(choose_title(page_title, h1s, [unescape(x) for x in og], doc.title or ""), page_lines)
    lines = [ln.strip() for ln in (doc.text or "").split("\n") if ln.strip()]
    body = clean_body(lines, title)
    if tree is not None:
        # trafilatura sometimes keeps the wrong block (网易's "more news" list), only a disclaimer
        # (和讯), nothing (a WeChat article in one element without paragraphs), or half of the
        # paragraphs (澎湃's government accounts).  Where the page's densest prose holds clearly
        # more sentences, that is the article; its short lines without a sentence end are the
        # page's controls (字号, 评论(0), 关注), not text.
        dense = clean_body([ln for ln in dense_text(tree) if len(ln) >= 10 or ends_sentence(ln)], title)
        if _count("".join(dense)) > 1.5 * _count("".join(body)) + 5:
            body = dense
    headline = _title_in_body(page_title, title, body[:3], h1s, og)
    if len(headline) <= 8:
        # A <title> that names only the section (新闻动态): the headline is the line printed
        # just above the dateline (发布时间：2019-05-18 来源：中国地理学会).
        headline = _above_dateline(page_lines) or headline
    if headline != title:
        title, body = headline, clean_body(body, headline)
    bracketed = _BRACKET_BYLINE.match(body[0]) if body else None
    if bracketed:  # 【文/观察者网专栏作者 王文】 “中美贸易…
        body[0] = body[0][bracketed.end():].strip() or body[0]
    if not body:
        raise NoArticle("no article text left after the page's boilerplate")
    # The byline printed on the page, else the dateline of the first paragraph (新华社巴黎12月9日电（记者唐霁）,
    # 新京报快讯（记者 裴剑飞））.  trafilatura's author is not used: on these pages it is mostly a
    # commenter (黄斌汉：新年…), the comment form or the editor.
    credits = (byline_of(page_lines, None) or parse_dateline(body[0]) or byline_of(lines[:4], None)
               or (byline_of([bracketed.group("inner")], None) if bracketed else [])
               or byline_of(lines[-3:], None))  # 采写：南都记者 余毅菁 向雪妮 / 扬子晚报记者 张楠, at the end
    source = _source(page_lines)
    if source and title.endswith(" " + source):
        title = title[: -len(source) - 1].strip()  # …开展调研工作 东区办事处: the <title> adds the source
    canonical = tree.xpath("//link[@rel='canonical']/@href") if tree is not None else []
    page_url = (_absolute(canonical[0].strip(), url) if canonical else None) or doc.url or url
    metas = tree.xpath("//meta[@property='article:published_time' or @itemprop='datePublished' or "
                       "@name='publishdate' or @name='PubDate' or @name='pubdate' or @name='publish_date']/@content"
                       ) if tree is not None else []
    date = publication_date(page_lines, title, doc.date, metas + _SCRIPT_DATE.findall(html)[:1] + _wechat_time(html))
    art = Article(title=title, line=1, credits=credits, date=date, source=source,
                  site=site_name(page_title, doc.sitename, page_url), url=page_url)
    for k, text in enumerate(body, start=1):
        art.paragraphs.append(Paragraph(pieces=[Piece(line=k, start=-1, text=text)]))
    return [art]


_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})(?!\d)")


_SHORT_DATE = re.compile(r"(?:发布时间|發佈時間|发布于|發佈於|时间|時間)[:：]\s*(?:(?P<y>\d{2})-)?(?P<m>\d{1,2})-(?P<d>\d{2}|\d(?!\d))")
# publication dates scripts give (JSON-LD, page data): "pubDate": "2019-09-05T11:10:52"
_SCRIPT_DATE = re.compile(r'"?\b(?:datePublished|pubDate|publishDate|publish_time|pubtime|pub_time)"?\s*[:=]\s*"([^"]{8,30})"')


def _wechat_time(html: str) -> list[str]:
    """A WeChat article's publication time: ``var ct = "1581418070"`` (seconds), as a date in China."""
    m = re.search(r'\bvar ct = "(\d{10})"', html)
    if not m:
        return []
    import datetime as dt

    when = dt.datetime.fromtimestamp(int(m.group(1)), dt.timezone(dt.timedelta(hours=8)))
    return [when.strftime("%Y-%m-%d")]


def _iso(m: re.Match) -> str | None:
    y, mo, d = (int(x) for x in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def publication_date(page_lines: list[str], title: str, extracted: str | None, metas: list[str]) -> str | None:
    """The date the article was published, as YYYY-MM-DD.

    The page's publication-time meta tag, else the first date in the lines just under the
    headline (发布时间：2023年4月25日, 2023/04/25 09:30), else trafilatura's date where the page
    prints it.  trafilatura alone guesses from the body when the page prints no date (从2016年
    的15件 gave 2016-01-01): a date the page does not show is no date.
    """
    for content in metas:
        m = _DATE.search(content)
        if m and _iso(m):
            return _iso(m)
    for start in [k for k, ln in enumerate(page_lines) if title and title in ln][:5]:
        for ln in page_lines[start + 1 : start + 15]:
            if len(ln) > 120:
                continue
            m = _DATE.search(ln)
            if m and _iso(m):
                return _iso(m)
            short = _SHORT_DATE.search(ln)  # 发布时间：18-03-08 (百家号), 发布时间：10-08 with the year elsewhere
            if short:
                y, mo, d = short.group("y"), int(short.group("m")), int(short.group("d"))
                if y:
                    return f"20{y}-{mo:02d}-{d:02d}"
                if extracted and extracted[5:10] == f"{mo:02d}-{d:02d}":
                    return extracted[:10]
    if extracted:
        printed = {_iso(m) for ln in page_lines for m in _DATE.finditer(ln)}
        if extracted[:10] in printed:
            return extracted[:10]
    return None


def _absolute(href: str, base: str | None) -> str | None:
    """A canonical link made absolute against the page's own URL (a saved page's may be relative)."""
    from urllib.parse import urljoin

    if href.startswith(("http://", "https://")):
        return href
    return urljoin(base, href) if base else None


def site_name(page_title: str, extracted: str | None, url: str | None = None) -> str | None:
    """The site's name: og:site_name as trafilatura reads it, the site suffix of the <title>
    (…_杭州新闻网), the name of a known host (data/sites.txt), else the host itself."""
    if extracted:
        extracted = re.sub(r"\s*(?:版权所有|版權所有|©.*|copyright.*)$", "", extracted.strip(), flags=re.I)
    host = urlsplit(url).hostname if url else None
    if extracted and "." not in extracted and len(extracted) <= 30:
        return extracted
    m = _SITE_TAIL.search(page_title or "")
    if m:
        return m.group(0).lstrip(" -_|｜")
    host = host or (extracted if extracted and "." in extracted and " " not in extracted else None)
    if host:
        known = known_sites()
        parts = host.lower().split(".")
        for k in range(len(parts) - 1):
            name = known.get(".".join(parts[k:]))
            if name:
                return name
        return host
    return extracted or None


@functools.cache
def known_sites() -> dict[str, str]:
    """data/sites.txt: host -> site name."""
    from importlib.resources import files

    out = {}
    for line in files("factcheck").joinpath("data/sites.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            host, name = line.split("\t", 1)
            out[host.strip().lower()] = name.strip()
    return out


_SITE_TAIL = re.compile(r"\s*[-_|｜]\s*(?:[A-Za-z]{2,8}\s)?[^-_|｜\s]{2,10}(?:网|網|报|報|新闻|新聞|频道|頻道|订阅|訂閱|号|號|在线|在線|传媒|傳媒|官网|官網|门户|門戶|设计|設計|之家)$")


_DATELINE_LINE = re.compile(r"^(?:发布时间|發佈時間|发布日期|發佈日期|时间|時間|日期)[:：]|^(?:19|20)\d{2}[-年/.]\d{1,2}[-月/.]\d{1,2}")


def _above_dateline(lines: list[str]) -> str | None:
    """The line just above the first dateline of the page, when it reads as a headline."""
    for k, line in enumerate(lines[1:], start=1):
        if _DATELINE_LINE.match(line):
            above = lines[k - 1].strip()
            if 8 <= len(above) <= 80 and not ends_sentence(above.rstrip("！!？?")) and not _BOILERPLATE.search(above):
                return above
            return None
    return None


def printed_headline(title: str, page_lines: list[str]) -> str:
    """The headline as the page prints it, where the title read from <title> goes on past it
    (…专业技能大赛 湖南省中医药研究院附属医院: the institution's name after a space)."""
    printed = [ln for ln in page_lines if 8 <= len(ln) < len(title) and title.startswith(ln)
               and not title[len(ln)].isalnum()]
    return max(printed, key=len) if printed else title


def _title_in_body(page_title: str, title: str, first_lines: list[str], h1s: list[str], og: list[str]) -> str:
    """A part of the <title> that the article itself begins with, when nothing else confirms the title.

    明日股市预测--最新出炉联合国贸发报告：… puts the section before the headline, and 中华人民共和国监察法-纪检
    joins the section without spaces; the body's first line says which part is the headline.
    """
    if not page_title or any(title and (title in h or h in title) for h in [*h1s, *og] if len(h) >= 4):
        return title
    parts = [p.strip() for p in re.split(r"[-_|｜]+", page_title) if len(p.strip()) >= 6]
    for line in first_lines:
        line = re.sub(r"^[-•·]\s+", "", line.strip())
        for part in parts:
            if line.startswith(part) and part != title:
                return part
    return title


def choose_title(page_title: str, h1s: list[str], og: list[str], extracted: str) -> str:
    """The headline as printed on the page, without a site's name after it (…-新华网)."""
    return _SITE_TAIL.sub("", _choose_title(page_title, h1s, og, extracted)).strip()


def _choose_title(page_title: str, h1s: list[str], og: list[str], extracted: str) -> str:
    segments = [s for s in _TITLE_SPLIT.split(page_title) if s.strip()] if page_title else []
    head = segments[0].strip() if segments else ""
    for cand in [*h1s, *og]:
        cand = cand.strip()
        if 4 <= len(cand) <= 80 and (cand in page_title or (head and (head in cand or cand in head))):
            return cand
    for cand in og:
        if 4 <= len(cand.strip()) <= 80:
            return _TITLE_SPLIT.split(cand.strip())[0]
    if head and len(head) >= 4:
        return head
    return _TITLE_SPLIT.split(extracted.strip())[0] if extracted else ""


_BYLINE_IN_LINE = re.compile(
    r"(?P<role>本报记者|本報記者|记者|記者|作者|通讯员|通訊員)[\s:：/／]*"
    r"(?P<names>[\u4e00-\u9fff]{2,4}(?:[、\s][\u4e00-\u9fff]{2,4}){0,3})(?=$|[\s）)、，,|｜】]|整合|报道|報道)"
    r"(?!\s*(?:摄|攝))")  # 中新社记者 贾天勇 摄 credits a photo, not the article


def _people(credits: list[Credit]) -> list[Credit]:
    """The credits that name a person (a Chinese name with its surname): 文化, 表示 are not people."""
    from .layout import _looks_like_name

    return [c for c in credits if c.name and _looks_like_name(c.name, need_surname=True)]


def byline_of(page_lines: list[str], extracted_author: str | None) -> list[Credit]:
    """The people a page's byline names (记者 张三 / 作者：李四), else trafilatura's author if it is a name."""
    for line in page_lines[:400]:
        if len(line) > 80:
            continue
        line = re.sub(r"^(?:采写|採寫)[:：]\s*", "", line)
        if _BYLINE_LINE.match(line):
            credits = _people(parse_byline(re.split(r"\s{2,}|[|｜]|(?:来源|來源|编辑|編輯)[:：]", line)[0]) or [])
            if credits:
                return credits
        m = _BYLINE_IN_LINE.search(line)  # 证券时报网 作者：李在山 2019-09-26
        if m and (re.match(r"\s*(?:摄|攝)", line[m.end():]) or m.group("names").endswith(("摄", "攝"))
                  or re.search(r"(?:图片|圖片)(?:记者|記者)\s*$", line[: m.end("role")])):
            m = None  # 图片记者黎旭阳、李妍摄: a photo's credit, not the article's
        if m:
            credits = _people(parse_byline(f"{m.group('role')} {m.group('names')}") or [])
            if credits:
                return credits
    if extracted_author:
        parsed = _people(parse_byline(extracted_author.strip()) or [])
        if parsed:
            return parsed
    return []


def _source(page_lines: list[str]) -> str | None:
    for line in page_lines[:400]:
        if len(line) <= 80:
            m = _SOURCE.search(line)
            if m:
                return m.group("src")
    return None


__all__ = ["NoArticle", "WEB_SUFFIXES", "byline_of", "choose_title", "read_web_page"]
