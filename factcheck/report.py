"""The HTML report of a checked draft: one self-contained file an editor can open.

The draft is shown as written, each checked sentence marked inline (a class
per verdict and a ✓ ✗ ? mark) with a numbered citation to its source; the
sources are listed at the end with title, byline, path:line and citation id,
the figures compared and, for quotations, the diff and the speakers.  No
scripts, no external styles or fonts: it prints and mails as it is.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .labels import DIFFERENCE_LABEL, citation, language, t, verdict_label

_STYLE = """
body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:52em;margin:2em auto;line-height:1.8;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #ccc}
.s{padding:0 .1em;border-radius:.2em}.mark{font-weight:bold;margin-right:.15em}
.supported,.exact{background:#e6f4ea}.contradicted,.altered,.misattributed{background:#fde7e9}
.unverified,.not_found{background:#fff4d6}.unchecked{background:none}
.cite{font-size:.75em;vertical-align:super}.cite a{text-decoration:none}
.summary li{margin:.2em 0}.problem{color:#a50e0e}.review{color:#8a5a00}
blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #ccc}
cite{font-style:normal;color:#555;font-size:.9em}.figures,.diff,.speakers,.differences{font-size:.9em}
.bad{color:#a50e0e;font-weight:bold}.good{color:#137333}del{color:#a50e0e}ins{color:#137333}
"""


def _figures(checks: list[Any], lang: str) -> str:
    parts = []
    for f in checks:
        if f.status == "mismatch":
            parts.append(f'<span class="bad">{escape(f.claim)} ≠ {escape(f.source or "")}</span>')
        elif f.status == "match":
            parts.append(f'<span class="good">{escape(f.claim)} = {escape(f.source or "")}</span>')
        elif f.status == "imprecise":
            parts.append(f"{escape(f.claim)} ≈ {escape(f.source or '')} ({escape(t('less precise in the source', lang))})")
        else:
            parts.append(f"{escape(f.claim)} ({escape(t('not in source', lang))})")
    return "，".join(parts)




def _differences(diffs: list[Any], lang: str) -> str:
    """Words of the sentence that differ from the source: <del>source</del><ins>claim</ins>, as a quote's diff."""
    parts = []
    for d in diffs:
        source = f"<del>{escape(d.source)}</del>" if d.source else ""
        parts.append(f'<span class="difference" data-kind="{escape(d.kind)}">{source}<ins>{escape(d.claim)}</ins>'
                     f" ({escape(t(DIFFERENCE_LABEL.get(d.kind, d.kind), lang))})</span>")
    return "，".join(parts)


def _diff(ops: list[Any]) -> str:
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(escape(op.quote))
        if op.op in ("delete", "replace"):
            out.append(f"<del>{escape(op.source)}</del>")
        if op.op in ("insert", "replace"):
            out.append(f"<ins>{escape(op.quote)}</ins>")
    return "".join(out)


def _citation(m: Any, lang: str) -> str:
    return " · ".join(escape(part) for part in citation(m.article, m.location, m.id, lang))


def _source_details(r: Any, m: Any, lang: str) -> list[str]:
    details = [f"<blockquote>{escape(m.text)}</blockquote>", f"<cite>{_citation(m, lang)}</cite>"]
    if m.figures:
        details.append(f'<div class="figures">{escape(t("figures", lang))}: {_figures(m.figures, lang)}</div>')
    if getattr(m, "differences", None):
        details.append(f'<div class="differences">{escape(t("words", lang))}: {_differences(m.differences, lang)}</div>')
    if r.kind == "quote":
        if r.verdict == "altered":
            details.append(f'<div class="diff">{escape(t("diff", lang))}: {_diff(m.diff)}</div>')
        speaker = escape((r.speaker_role or "") + (r.speaker or t("speaker not named", lang)))
        said = f'{escape(t("draft", lang))}: {escape(r.draft_speaker)}; ' if r.draft_speaker else ""
        cls = ' class="speakers bad"' if r.misattributed else ' class="speakers"'
        details.append(f"<div{cls}>{escape(t('speaker', lang))} — {said}{escape(t('source', lang))}: {speaker}</div>")
    return details


def _problem_detail(r: Any, lang: str) -> str:
    """What was found for a flagged sentence: the differing figures and words, the speakers, or no source."""
    if r.misattributed:
        return " — " + escape(t("the draft names {a}; the source names {b}", lang, a=r.draft_speaker or "",
                                 b=(r.speaker_role or "") + (r.speaker or "")))
    if getattr(r, "parts", None):
        parts = []
        for p in r.parts:
            found = (escape(p.matches[0].text[:60]) if p.matches else escape(t("no source found", lang)))
            parts.append(f'<li data-verdict="{escape(p.verdict)}">{escape(verdict_label(p.verdict, lang))}: '
                         f"{escape(p.text)} — {found}</li>")
        return f"<ul>{''.join(parts)}</ul>"
    if not r.matches:
        return " — " + escape(t("no source found", lang))
    m = r.matches[0]
    shown = []
    wrong = [f for f in m.figures if f.status != "match"]
    if wrong:
        shown.append(_figures(wrong, lang))
    if getattr(m, "differences", None):
        shown.append(_differences([d for d in m.differences if d.kind != "word"] or m.differences, lang))
    if not shown:
        shown.append(f'{escape(t("source", lang))}: {escape(m.text[:80])}')
    return " — " + "，".join(shown)


def render_html(name: str, results: list[Any], summary: Any, *, lang: str | None = None) -> str:
    """The whole report as one HTML document, its labels in ``lang`` (default: the locale's)."""
    from .draft import ordered_problems

    lang = lang or language()
    sources: list[str] = []
    cite_of: dict[int, int] = {}
    for k, r in enumerate(results):
        if r.kind != "unchecked" and r.matches:
            cite_of[k] = len(sources) + 1
            details = _source_details(r, r.matches[0], lang)
            sources.append(f'<li id="src{len(sources) + 1}">{"".join(details)}</li>')

    counts = ", ".join(f"{n} {escape(t(k, lang).replace('_', ' '))}" for k, n in sorted(summary.counts.items()))
    problems = []
    for k, r in ordered_problems(results):
        cls = "problem" if r.problem else "review"
        problems.append(f'<li class="{cls}" data-verdict="{escape(r.label)}"><a href="#s{k + 1}">'
                        f"{escape(t('line {n}', lang, n=r.position.line))}: {escape(verdict_label(r.label, lang))}</a>"
                        f"{_problem_detail(r, lang)}</li>")
    notes = "".join(f"<li>{escape(n)}</li>" for n in getattr(summary, "notes", []))

    paras: list[list[str]] = []
    current = None
    for k, r in enumerate(results):
        if r.position.paragraph != current:
            paras.append([])
            current = r.position.paragraph
        cls = r.label
        cite = f'<sup class="cite"><a href="#src{cite_of[k]}">[{cite_of[k]}]</a></sup>' if k in cite_of else ""
        title = escape(verdict_label(cls, lang))
        paras[-1].append(
            f'<span id="s{k + 1}" class="s {cls}" data-verdict="{cls}" data-kind="{r.kind}" title="{title}">'
            f'<span class="mark">{escape(r.mark)}</span>{escape(r.sentence)}</span>{cite}'
        )

    body = "\n".join(f"<p>{''.join(p)}</p>" for p in paras)
    heading = f"{t('factcheck report', lang)}: {name}"
    summary_line = (t("{n} sentences, {m} checked", lang, n=summary.sentences, m=summary.checked) + f": {counts}. "
                    + t("{n} problem(s)", lang, n=summary.problems) + ", "
                    + t("{n} without a source", lang, n=getattr(summary, "review", 0)) + ".")
    return f"""<!doctype html>
<html lang="{'zh' if lang == 'zh' else 'en'}">
<head>
<meta charset="utf-8">
<title>{escape(heading)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{escape(heading)}</h1>
<section class="summary" id="summary">
<h2>{escape(t("Summary", lang))}</h2>
<p id="summary-line">{escape(summary_line)}</p>
<ol id="problems">{''.join(problems)}</ol>
{f'<ul class="notes" id="notes">{notes}</ul>' if notes else ''}
</section>
<section id="draft">
<h2>{escape(t("Draft", lang))}</h2>
{body}
</section>
<section id="sources">
<h2>{escape(t("Sources", lang))}</h2>
<ol>{''.join(sources)}</ol>
</section>
</body>
</html>
"""
