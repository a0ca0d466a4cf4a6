"""The words of the reports an editor reads, in English or Chinese.

The terminal views and the HTML report say "supported", "line 3", "no source
found"… in the editor's language: Chinese when ``--lang zh`` is given or the
locale is Chinese (the first of LC_ALL, LC_MESSAGES, LANG that is set starts
with ``zh``), English otherwise.  Machine formats (JSON, CSV) never change:
their keys and verdicts are the same for every reader.

A label is looked up by its English key; a key with no Chinese entry is shown
in English rather than failing.
"""

from __future__ import annotations

import os
from typing import Any

LANGUAGES = ("en", "zh")

_chosen: str | None = None

ZH: dict[str, str] = {
    # verdicts
    "supported": "有据",
    "contradicted": "与来源不符",
    "unverified": "未能证实",
    "not_found": "未找到来源",
    "exact": "引语无误",
    "altered": "引语有改动",
    "misattributed": "说话人有误",
    "unchecked": "未核查",
    # draft report
    "DRAFT": "稿件",
    "DRAFT TEXT": "稿件全文",
    "{n} sentences, {m} checked": "{n} 句，核查 {m} 句",
    "{n} problem(s)": "问题 {n} 处",
    "{n} without a source": "无来源 {n} 句",
    "line {n}": "第 {n} 行",
    "line {n}: {why}, not checked": "第 {n} 行：{why}，未核查",
    "lines {n}: {why}, not checked": "第 {n} 行：{why}，未核查",
    "front matter": "文件头信息",
    "p. {n}": "第 {n} 页",
    "fetched {when}": "抓取于 {when}",
    "code fence": "代码块标记",
    "horizontal rule": "分隔线",
    "table rule": "表格分隔线",
    "comment": "注释",
    "no text": "没有文字",
    "no source found": "未找到来源",
    "the draft names {a}; the source names {b}": "稿件称说话人为{a}；来源为{b}",
    "the quote names {a}; the source names {b}": "引语称说话人为{a}；来源为{b}",
    "source": "来源",
    "Summary": "摘要",
    "Draft": "稿件",
    "Sources": "来源",
    "Problems": "问题",
    "factcheck report": "事实核查报告",
    "notes": "说明",
    # details of a match
    "figures": "数字",
    "words": "用词",
    "diff": "改动",
    "speaker": "说话人",
    "draft": "稿件",
    "note": "注",
    "part {n}": "第 {n} 部分",
    "not in source": "来源中没有",
    "less precise in the source": "来源不够精确",
    "could not read": "无法读取",
    "another name": "名称不同",
    "another number": "数目不同",
    "other direction": "方向相反",
    "negation": "否定",
    "speaker not named": "未写明说话人",
    "(no byline)": "（无署名）",
    "(untitled)": "（无标题）",
    "title": "标题",
    "caption": "图片说明",
    "weak": "弱",
    "what was found": "找到的内容",
}


# The kind of a word difference as a reader is told it (in their language through ``t``).
DIFFERENCE_LABEL = {"entity": "another name", "direction": "other direction", "negation": "negation",
                    "count": "another number", "word": "not in source"}


def set_language(lang: str | None) -> None:
    """Choose the language for this process (None: from the locale)."""
    global _chosen
    _chosen = lang


def language() -> str:
    if _chosen in LANGUAGES:
        return _chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The label ``key`` in the chosen language, with ``{name}`` fields filled in."""
    lang = lang or language()
    text = ZH.get(key, key) if lang == "zh" else key
    return text.format(**values) if values else text


_NO_LINES = (".html", ".htm", ".xhtml", ".docx")  # cited by paragraph: the file has no lines to count


def citation(article: Any, loc: Any, cid: str, lang: str | None = None) -> list[str]:
    """The parts of the line that lets a reader cite a passage, in order:
    《title》, byline, § section, site (source: …), date, where (file:line, file p. N, URL),
    ¶N / title / caption, [id].  One list for the terminal and the HTML report."""
    parts = [f"《{article.title}》" if article.title else t("(untitled)", lang),
             "、".join(article.byline) if article.byline else t("(no byline)", lang)]
    if article.section:
        parts.append(f"§ {article.section}")
    site, source = getattr(article, "site", None), getattr(article, "source", None)
    if site or source:
        shown = site or ""
        if source and source != site:
            shown = (shown + " " if shown else "") + f"({t('source', lang)}: {source})"
        parts.append(shown)
    if getattr(article, "date", None):
        parts.append(article.date)
    page = getattr(loc, "page", None)
    if page:
        parts.append(f"{loc.path} {t('p. {n}', lang, n=page)}")
    elif loc.path.startswith(("http://", "https://")) or loc.path.lower().endswith(_NO_LINES):
        parts.append(loc.path)
    else:
        parts.append(f"{loc.path}:{loc.line}")
    url = getattr(article, "url", None)
    if url and url != loc.path:
        parts.append(url)
    fetched = getattr(article, "fetched", None)
    if fetched:
        parts.append(t("fetched {when}", lang, when=fetched))
    kind = getattr(loc, "kind", None)
    parts.append(t(kind, lang) if kind in ("title", "caption") else f"¶{loc.paragraph}")
    parts.append(f"[{cid}]")
    return parts


def verdict_label(verdict: str | None, lang: str | None = None) -> str:
    """A verdict as a reader sees it: SUPPORTED in English, 有据 in Chinese."""
    key = verdict or "unchecked"
    lang = lang or language()
    return t(key, lang) if lang == "zh" else key.upper().replace("_", " ")


__all__ = ["DIFFERENCE_LABEL", "LANGUAGES", "language", "set_language", "t", "verdict_label"]
