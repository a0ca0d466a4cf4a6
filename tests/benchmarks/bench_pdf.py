"""PDF newspaper pages and reports as a browser lays them out (issue 14): are sentences under the right title?

For each seed it picks six articles of a JSON Lines corpus, sets them as a newspaper front
page in HTML (a CSS grid of stories, each in 1–4 justified CSS columns, headlines centred
over their columns, a masthead, narrow gutters), and one report of four articles (a cover
title, numbered section headings, several pages, Chromium's own running header and footer
with the date, title, file URL and page numbers).  Headless Chromium prints each to PDF;
``factcheck.pdf`` reads it back.  It reports, per page, whether every story's title is
found, and how many of the sentences printed are found whole under their story's title.

    apt-get install chromium fonts-wqy-zenhei     # a browser and a CJK font
    python tests/benchmarks/bench_pdf.py ../shared/corpora/rmrb-accuracy/articles-000.jsonl --seeds 3,5,9

Not collected by pytest (the file name does not start with test_).  The generated pages
stay in --workdir (the corpus text is copyrighted: keep them there).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

FONT = "WenQuanYi Zen Hei"


def front_page(picks: list[dict]) -> str:
    layout = [("grid-column: 1 / span 3", 3, 24), ("grid-column: 4 / span 2; grid-row: span 2", 2, 16),
              ("grid-column: 1 / span 2", 2, 16), ("grid-column: 3", 1, 14), ("grid-column: 1 / span 3", 3, 16),
              ("grid-column: 4 / span 2", 2, 16)]
    stories = []
    for a, (style, cols, size) in zip(picks, layout):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(a))
        stories.append(f'<div style="{style}"><h2 style="font-size:{size}pt">{html.escape(a["title"])}</h2>'
                       f'<div class="body" style="column-count:{cols}">{body}</div></div>')
    return f"""<html><head><meta charset="utf-8"><style>
@page {{ size: 350mm 600mm; margin: 10mm; }}
body {{ font-family: "{FONT}"; font-size: 9pt; line-height: 1.5; }}
.grid {{ display: grid; grid-template-columns: repeat(5, 1fr); gap: 5mm; }}
h2 {{ margin: 1mm 0; text-align: center; }} .body {{ column-gap: 3.5mm; text-align: justify; }}
p {{ text-indent: 2em; margin: 0; }} .mast {{ font-size: 44pt; }} .info {{ font-size: 8pt; }}
</style></head><body>
<div><span class="mast">测试日报</span><span class="info"> 2019年10月10日 星期四 邮发代号31-1 今日12版</span></div>
<div class="grid">{''.join(stories)}</div></body></html>"""


def report(title: str, picks: list[dict]) -> str:
    sections = "".join(f"<h2>{k + 1}、{html.escape(a['title'])}</h2>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(a, 99))
                       for k, a in enumerate(picks))
    return f"""<html><head><meta charset="utf-8"><title>{title}</title><style>
body {{ font-family: "{FONT}"; font-size: 10.5pt; line-height: 1.7; margin: 0 10mm; }}
h1 {{ font-size: 24pt; text-align: center; margin-top: 60mm; }} .org {{ text-align: center; page-break-after: always; }}
h2 {{ font-size: 14pt; }} p {{ text-indent: 2em; margin: 0; text-align: justify; }}
</style></head><body><h1>{title}</h1><div class="org">测试研究院 2020年1月</div>{sections}</body></html>"""


def paragraphs(a: dict, limit: int = 5) -> list[str]:
    """The article's first paragraphs, without the editors' lines (版式设计：…), which factcheck drops."""
    from factcheck.pdf import _EDITOR

    return [p.strip() for p in a["text"].split("\n") if p.strip() and not _EDITOR.match(p.strip())][:limit]


# What the pages print around the stories, which must not be read as text: the masthead
# block, and Chromium's running header and footer (date, title, file URL, page x/y).
AROUND = re.compile(r"测试日报|邮发代号|今日12版|星期四|file:|\d+/\d+$|^\d{4}/\d{1,2}/\d{1,2}")


def leaks(pdf: Path) -> int:
    """Paragraphs and titles read that hold something the page prints around the stories."""
    from factcheck.pdf import read_pdf

    texts = [t for _, a in read_pdf(pdf.read_bytes()) for t in [a.title, *(p.text for p in a.paragraphs)]]
    return sum(bool(AROUND.search(t)) for t in texts)


def score(pdf: Path, stories: list[tuple[str, list[str]]]) -> tuple[int, int, int, int]:
    """(titles found, titles, sentences found under their title, sentences)."""
    from factcheck.pdf import read_pdf
    from factcheck.sentences import split_sentences

    def squash(text: str) -> str:
        return re.sub(r"\s", "", text)

    read = {squash(a.title): squash("".join(p.text for p in a.paragraphs)) for _, a in read_pdf(pdf.read_bytes())}
    titles = found = total = 0
    for title, paras in stories:
        body = read.get(squash(title))
        titles += body is not None
        for p in paras:
            for s0, s1 in split_sentences(p):
                total += 1
                found += body is not None and squash(p[s0:s1]) in body
    return titles, len(stories), found, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="a JSON Lines file of articles (title, text)")
    ap.add_argument("--seeds", default="3,5,9")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/fcbench-pdf"))
    args = ap.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        sys.exit("needs chromium (apt-get install chromium fonts-wqy-zenhei)")
    args.workdir.mkdir(parents=True, exist_ok=True)
    articles = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    pool = [a for a in articles if a.get("title") and 300 < len(a.get("text", "")) < 2500]
    sums = [0, 0, 0, 0, 0]
    for seed in (int(s) for s in args.seeds.split(",")):
        rng = random.Random(seed)
        picks = rng.sample(pool, 10)
        pages = [("front", front_page(picks[:6]), [(a["title"], paragraphs(a)) for a in picks[:6]])]
        title = f"测试研究报告{seed}"
        pages.append(("report", report(title, picks[6:]), [(title, [p for a in picks[6:] for p in paragraphs(a, 99)])]))
        for kind, page, stories in pages:
            src = args.workdir / f"{kind}-{seed}.html"
            pdf = src.with_suffix(".pdf")
            src.write_text(page, encoding="utf-8")
            flags = ["--no-pdf-header-footer"] if kind == "front" else []  # the report keeps Chromium's header and footer
            subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", *flags, f"--print-to-pdf={pdf}",
                            src.resolve().as_uri()], check=True, capture_output=True, timeout=120)
            result = score(pdf, stories)
            sums[:4] = [x + y for x, y in zip(sums, result)]
            import pypdfium2

            pages_n = len(pypdfium2.PdfDocument(str(pdf)))
            leaked = leaks(pdf)
            sums[4] += leaked
            print(f"{kind:6} seed {seed}: {pages_n} page(s), titles {result[0]}/{result[1]}, "
                  f"sentences under their title {result[2]}/{result[3]}, boilerplate read as text {leaked}")
    print(f"all: titles {sums[0]}/{sums[1]}, sentences under their title {sums[2]}/{sums[3]}, "
          f"boilerplate read as text {sums[4]}")


if __name__ == "__main__":
    main()
