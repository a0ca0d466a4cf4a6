"""Web pages (issue 14): what our reader takes from each page, next to trafilatura alone.

For every .html page of DIR it prints, per page, the title, byline, date and first body
sentence that ``factcheck.web`` gives, and below it what trafilatura's own metadata and
text give, so the difference our additions make is visible; then counts.

    python tests/benchmarks/bench_web.py ../shared/corpora/web-zh-news/html

Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    args = ap.parse_args()

    import trafilatura

    from factcheck.reader import decode
    from factcheck.sentences import split_sentences
    from factcheck.web import NoArticle, read_web_page

    pages = sorted(p for p in args.dir.iterdir() if p.suffix.lower() in (".html", ".htm"))
    ours = {"pages": 0, "articles": 0, "bylines": 0, "dates": 0, "suffix_titles": 0}
    theirs = {"articles": 0, "authors": 0, "dates": 0, "suffix_titles": 0}
    started = time.perf_counter()
    for page in pages:
        html = decode(page.read_bytes()).text
        ours["pages"] += 1
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
        t_title = (doc.title if doc else None) or ""
        t_first = ((doc.text or "").strip().split("\n")[0] if doc else "")[:40]
        try:
            (art,) = read_web_page(html)
            first = art.paragraphs[0].text
            a, b = split_sentences(first)[0]
            row = f"{art.title} | {'、'.join(art.byline) or '-'} | {art.date or '-'} | {first[a:b][:40]}"
            ours["articles"] += 1
            ours["bylines"] += bool(art.byline)
            ours["dates"] += bool(art.date)
            ours["suffix_titles"] += any(s in art.title for s in ("_", "｜", " - ", "-新华网", "网易"))
        except NoArticle as e:
            row = f"(skipped: {e})"
        theirs["articles"] += bool(doc and (doc.text or "").strip())
        theirs["authors"] += bool(doc and doc.author)
        theirs["dates"] += bool(doc and doc.date)
        theirs["suffix_titles"] += any(s in t_title for s in ("_", "｜", " - ", "-新华网", "网易"))
        print(f"{page.name}\n  factcheck:   {row}\n  trafilatura: {t_title} | {(doc.author if doc else None) or '-'} | "
              f"{(doc.date if doc else None) or '-'} | {t_first}")
    print(f"\n{ours['pages']} pages in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(f"factcheck:   {ours['articles']} articles, {ours['bylines']} bylines, {ours['dates']} dates, "
          f"{ours['suffix_titles']} titles with a site suffix")
    print(f"trafilatura: {theirs['articles']} articles, {theirs['authors']} authors (any string), {theirs['dates']} dates, "
          f"{theirs['suffix_titles']} titles with a site suffix")


if __name__ == "__main__":
    main()
