"""Web pages (issue 14): what our reader takes from each page, next to trafilatura alone (and gne).

For every .html page of DIR it prints, per page, the title, byline, date, site and first
body sentence that ``factcheck.web`` gives; below it what trafilatura's own metadata and
text give; and, when the ``gne`` package (GeneralNewsExtractor, a Chinese news extractor)
is installed, what gne gives.  Then counts, among them boilerplate: how many body lines
of each extractor hold one of the strings pages put around an article (责任编辑, 举报电话,
扫描二维码, 相关推荐, 评论(…), 分享到 …), the kind of string that must not be indexed.

    python tests/benchmarks/bench_web.py ../shared/corpora/web-zh-news/html
    pip install gne   # optional, for the third column

Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

# Strings that sit around articles on the corpus's pages, never in an article's own text.
LEAKS = re.compile(
    r"责任编辑|责编|版权所有|举报电话|举报邮箱|二维码|扫一扫|分享到|相关推荐|相关阅读|相关新闻|推荐阅读|热点新闻|"
    r"评论\(\d+\)|评论（\d+）|我要跟帖|网友评论|点击进入|打开.{0,6}APP|下载.{0,6}APP|^首页|加载更多|"
    r"最近文章|点【在看】|免责声明|本文来源|^原标题|原标题：|^关键词|字号"
)


def _first_sentence(text: str) -> str:
    from factcheck.sentences import split_sentences

    spans = split_sentences(text)
    return text[spans[0][0] : spans[0][1]][:40] if spans else text[:40]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    args = ap.parse_args()

    import trafilatura

    from factcheck.reader import decode
    from factcheck.web import NoArticle, read_web_page

    try:
        from gne import GeneralNewsExtractor

        gne = GeneralNewsExtractor()
    except ImportError:
        gne = None

    pages = sorted(p for p in args.dir.iterdir() if p.suffix.lower() in (".html", ".htm"))
    count = {name: {"articles": 0, "bylines": 0, "dates": 0, "leaks": 0, "lines": 0}
             for name in ("factcheck", "trafilatura", "gne")}
    count["factcheck"]["sites"] = 0
    from factcheck.sentences import split_sentences
    from factcheck.web import _BOILERPLATE

    theirs_sentences = missing = 0  # trafilatura's sentences (12+ characters, boilerplate aside) not in ours
    suffix = re.compile(r"[_｜|]|\s-\s|-新华网|网易")  # a site's name left after the headline
    started = time.perf_counter()
    for page in pages:
        html = decode(page.read_bytes()).text
        print(page.name)
        ours_text = ""
        try:
            (art,) = read_web_page(html)
            lines = [p.text for p in art.paragraphs]
            ours_text = re.sub(r"\s", "", art.title + "".join(lines))
            c = count["factcheck"]
            c["articles"] += 1
            c["bylines"] += bool(art.byline)
            c["dates"] += bool(art.date)
            c["sites"] += bool(art.site)
            c["suffixed"] = c.get("suffixed", 0) + bool(suffix.search(art.title))
            c["lines"] += len(lines)
            c["leaks"] += sum(bool(LEAKS.search(ln)) for ln in lines)
            print(f"  factcheck:   {art.title} | {'、'.join(art.byline) or '-'} | {art.date or '-'} | {art.site or '-'} | "
                  f"{_first_sentence(lines[0])}")
        except NoArticle as e:
            print(f"  factcheck:   (skipped: {e})")
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
        lines = [ln for ln in ((doc.text or "") if doc else "").split("\n") if ln.strip()]
        for ln in lines:
            if len(ln) < 15 or _BOILERPLATE.search(ln) or ln.startswith(("- ", "|")):
                continue
            for a, b in split_sentences(ln):
                if b - a >= 12:
                    theirs_sentences += 1
                    missing += re.sub(r"\s", "", ln[a:b]) not in ours_text
        c = count["trafilatura"]
        c["articles"] += bool(lines)
        c["bylines"] += bool(doc and doc.author)
        c["dates"] += bool(doc and doc.date)
        c["suffixed"] = c.get("suffixed", 0) + bool(doc and suffix.search(doc.title or ""))
        c["lines"] += len(lines)
        c["leaks"] += sum(bool(LEAKS.search(ln)) for ln in lines)
        print(f"  trafilatura: {(doc.title if doc else None) or '-'} | {(doc.author if doc else None) or '-'} | "
              f"{(doc.date if doc else None) or '-'} | {(doc.sitename if doc else None) or '-'} | "
              f"{_first_sentence(lines[0]) if lines else '-'}")
        if gne is not None:
            try:
                r = gne.extract(html)
            except Exception as e:  # gne raises on some pages; a benchmark goes on
                r = {"title": f"(error: {type(e).__name__})", "content": ""}
            lines = [ln for ln in (r.get("content") or "").split("\n") if ln.strip()]
            c = count["gne"]
            c["articles"] += bool(lines)
            c["bylines"] += bool(r.get("author"))
            c["dates"] += bool(r.get("publish_time"))
            c["suffixed"] = c.get("suffixed", 0) + bool(suffix.search(r.get("title") or ""))
            c["lines"] += len(lines)
            c["leaks"] += sum(bool(LEAKS.search(ln)) for ln in lines)
            print(f"  gne:         {r.get('title') or '-'} | {r.get('author') or '-'} | {r.get('publish_time') or '-'} | - | "
                  f"{_first_sentence(lines[0]) if lines else '-'}")
    print(f"of trafilatura's {theirs_sentences} sentences (12+ characters, its boilerplate lines aside), "
          f"{missing} are not in factcheck's articles", file=sys.stderr)
    print(f"\n{len(pages)} pages in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    for name, c in count.items():
        if name == "gne" and gne is None:
            print("gne:         not installed (pip install gne)")
            continue
        sites = f", {c['sites']} site names" if "sites" in c else ""
        print(f"{name + ':':13} {c['articles']} articles, {c.get('suffixed', 0)} titles with a site suffix, "
              f"{c['bylines']} bylines (any string), {c['dates']} dates{sites}, "
              f"{c['lines']} body lines of which {c['leaks']} hold boilerplate")


if __name__ == "__main__":
    main()
