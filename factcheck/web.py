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

import re
from html import unescape

from .layout import Article, Credit, Paragraph, Piece, parse_byline, parse_dateline

WEB_SUFFIXES = {".html", ".htm", ".xhtml"}

# Lines a Chinese news page adds around an article that are not part of it.
_BOILERPLATE = re.compile(
    r"免责声明|责任编辑|責任編輯|扫一扫|掃一掃|关注该公众号|關注該公眾號|网友评论仅供|網友評論僅供|版权所有|版權所有|"
    r"原标题[:：]|原標題[:：]|本文来源|本文來源|转载请注明|轉載請註明|点击进入|點擊進入|分享到|返回搜狐|查看更多|"
    r"长按识别|長按識別|阅读原文|閱讀原文|未经授权|未經授權|打开.{0,6}APP|打開.{0,6}APP|^\s*编辑[:：]|^\s*來源[:：]|^\s*来源[:：]|"
    r"^为您推荐$|^為您推薦$|您所在的位置|当前位置[:：]|當前位置[:：]|现在位置[:：]|^相关阅读|^相關閱讀|^推荐阅读|^推薦閱讀|^\W*$|"
    r"^相关新闻|^相關新聞|首页\s*>|首頁\s*>|^\W{0,3}推荐$|^\d{4}-\d{2}-\d{2}\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:来源|來源)|"
    r"添加收藏|设为首页|設為首頁|关于我们|關於我們|^[-–—•·|>]\s*\S{0,6}$"
)
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|\s-\s|\s–\s|\s—\s|——|-{2,})\s*")
_BYLINE_LINE = re.compile(r"^(?:本报记者|本報記者|记者|記者|作者|文(?=[:：/／])|撰文|通讯员|通訊員)[\s:：/／]*\S")
_SOURCE = re.compile(r"(?:来源|來源)[:：]\s*(?P<src>[^\s|｜,，:：]{2,20}?)(?=\s|$|[|｜,，]|作者|编辑|編輯|记者|記者)")


class NoArticle(Exception):
    """A page with no article in it (an index page, a login form)."""


def _texts(tree, xpath: str) -> list[str]:
    return [" ".join("".join(e.itertext()).split()) for e in tree.xpath(xpath)]


def read_web_page(html: str, *, url: str | None = None) -> list[Article]:
    """The article of a web page, with its title, byline, date, site and paragraphs."""
    import trafilatura
    from lxml import html as lxml_html

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise NoArticle("no article found in the page")
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError):
        tree = None
    page_title = " ".join(_texts(tree, "//title")[:1]) if tree is not None else ""
    h1s = _texts(tree, "//h1") if tree is not None else []
    og = tree.xpath("//meta[@property='og:title']/@content") if tree is not None else []
    title = choose_title(page_title, h1s, [unescape(x) for x in og], doc.title or "")
    lines = [ln.strip() for ln in doc.text.split("\n") if ln.strip()]
    body = [ln for ln in lines if not _BOILERPLATE.search(ln) and ln != title]
    if not body:
        raise NoArticle("no article text left after the page's boilerplate")
    page_lines = [ln.strip() for ln in (tree.text_content() if tree is not None else "").split("\n") if ln.strip()]
    # The byline printed on the page, else the dateline of the first paragraph (新华社巴黎12月9日电（记者唐霁）,
    # 新京报快讯（记者 裴剑飞））.  trafilatura's author is not used: on these pages it is mostly a
    # commenter (黄斌汉：新年…), the comment form or the editor.
    credits = byline_of(page_lines, None) or parse_dateline(body[0]) or byline_of(body[:2], None)
    art = Article(title=title, line=1, credits=credits, date=doc.date, source=_source(page_lines) or doc.sitename)
    for k, text in enumerate(body, start=1):
        art.paragraphs.append(Paragraph(pieces=[Piece(line=k, start=-1, text=text)]))
    return [art]


_SITE_TAIL = re.compile(r"\s*[-_|｜]\s*[^-_|｜\s]{2,10}(?:网|網|报|報|新闻|新聞|频道|頻道|订阅|訂閱|号|號|在线|在線)$")


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
    r"(?P<names>[\u4e00-\u9fff]{2,4}(?:[、\s][\u4e00-\u9fff]{2,4}){0,3})(?=$|[\s）)、，,|｜]|整合|报道|報道|摄|攝)")


def _people(credits: list[Credit]) -> list[Credit]:
    """The credits that name a person (a Chinese name with its surname): 文化, 表示 are not people."""
    from .layout import _looks_like_name

    return [c for c in credits if c.name and _looks_like_name(c.name, need_surname=True)]


def byline_of(page_lines: list[str], extracted_author: str | None) -> list[Credit]:
    """The people a page's byline names (记者 张三 / 作者：李四), else trafilatura's author if it is a name."""
    for line in page_lines[:400]:
        if len(line) > 80:
            continue
        if _BYLINE_LINE.match(line):
            credits = _people(parse_byline(re.split(r"\s{2,}|[|｜]|(?:来源|來源|编辑|編輯)[:：]", line)[0]) or [])
            if credits:
                return credits
        m = _BYLINE_IN_LINE.search(line)  # 证券时报网 作者：李在山 2019-09-26
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
