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

_STYLE = """
body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:52em;margin:2em auto;line-height:1.8;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #ccc}
.s{padding:0 .1em;border-radius:.2em}.mark{font-weight:bold;margin-right:.15em}
.supported,.exact{background:#e6f4ea}.contradicted,.altered,.misattributed{background:#fde7e9}
.unverified,.not_found{background:#fff4d6}.unchecked{background:none}
.cite{font-size:.75em;vertical-align:super}.cite a{text-decoration:none}
.summary li{margin:.2em 0}.problem{color:#a50e0e}
blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #ccc}
cite{font-style:normal;color:#555;font-size:.9em}.figures,.diff,.speakers,.differences{font-size:.9em}
.bad{color:#a50e0e;font-weight:bold}.good{color:#137333}del{color:#a50e0e}ins{color:#137333}
"""


def _figures(checks: list[Any]) -> str:
    parts = []
    for f in checks:
        if f.status == "mismatch":
            parts.append(f'<span class="bad">{escape(f.claim)} ≠ {escape(f.source or "")}</span>')
        elif f.status == "match":
            parts.append(f'<span class="good">{escape(f.claim)} = {escape(f.source or "")}</span>')
        elif f.status == "imprecise":
            parts.append(f"{escape(f.claim)} ≈ {escape(f.source or '')} (less precise in the source)")
        else:
            parts.append(f"{escape(f.claim)} (not in source)")
    return "，".join(parts)


def _differences(diffs: list[Any]) -> str:
    """Words of the sentence that differ from the source: <del>source</del><ins>claim</ins>, as a quote's diff."""
    parts = []
    for d in diffs:
        source = f"<del>{escape(d.source)}</del>" if d.source else ""
        parts.append(f'<span class="difference" data-kind="{escape(d.kind)}">{source}<ins>{escape(d.claim)}</ins>'
                     f" ({escape(d.kind)})</span>")
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


def _label(r: Any) -> str:
    return "misattributed" if r.misattributed else (r.verdict or "unchecked")


def _citation(m: Any) -> str:
    a, loc = m.article, m.location
    byline = "、".join(a.byline) if a.byline else "(no byline)"
    section = f" · § {escape(a.section)}" if a.section else ""
    return (f"《{escape(a.title)}》 · {escape(byline)}{section} · {escape(loc.path)}:{loc.line} · "
            f"¶{loc.paragraph} · [{escape(m.id)}]")


def render_html(name: str, results: list[Any], summary: Any) -> str:
    """The whole report as one HTML document."""
    sources: list[str] = []
    cite_of: dict[int, int] = {}
    for k, r in enumerate(results):
        if r.kind != "unchecked" and r.matches:
            m = r.matches[0]
            cite_of[k] = len(sources) + 1
            details = [f"<blockquote>{escape(m.text)}</blockquote>", f"<cite>{_citation(m)}</cite>"]
            if m.figures:
                details.append(f'<div class="figures">figures: {_figures(m.figures)}</div>')
            if getattr(m, "differences", None):
                details.append(f'<div class="differences">words: {_differences(m.differences)}</div>')
            if r.kind == "quote":
                if r.verdict == "altered":
                    details.append(f'<div class="diff">diff: {_diff(m.diff)}</div>')
                speaker = escape((r.speaker_role or "") + (r.speaker or "not named"))
                said = f'draft: {escape(r.draft_speaker)}; ' if r.draft_speaker else ""
                cls = ' class="speakers bad"' if r.misattributed else ' class="speakers"'
                details.append(f"<div{cls}>speaker — {said}source: {speaker}</div>")
            sources.append(f'<li id="src{len(sources) + 1}">{"".join(details)}</li>')

    counts = ", ".join(f"{n} {escape(k.replace('_', ' '))}" for k, n in sorted(summary.counts.items()))
    problems = []
    for k, r in enumerate(results):
        if r.problem:
            detail = ""
            if r.misattributed:
                detail = f" — the draft names {escape(r.draft_speaker or '')}, the source {escape((r.speaker_role or '') + (r.speaker or ''))}"
            elif r.matches and r.verdict == "contradicted":
                m = r.matches[0]
                shown = [_figures([f for f in m.figures if f.status == "mismatch"])] if any(
                    f.status == "mismatch" for f in m.figures) else []
                if getattr(m, "differences", None):
                    shown.append(_differences([d for d in m.differences if d.kind != "word"] or m.differences))
                detail = " — " + "，".join(shown) if shown else ""
            problems.append(f'<li class="problem"><a href="#s{k + 1}">line {r.position.line}: {escape(r.problem)}</a>{detail}</li>')

    paras: list[list[str]] = []
    current = None
    for k, r in enumerate(results):
        if r.position.paragraph != current:
            paras.append([])
            current = r.position.paragraph
        cls = _label(r)
        cite = f'<sup class="cite"><a href="#src{cite_of[k]}">[{cite_of[k]}]</a></sup>' if k in cite_of else ""
        title = escape(cls.replace("_", " "))
        paras[-1].append(
            f'<span id="s{k + 1}" class="s {cls}" data-verdict="{cls}" data-kind="{r.kind}" title="{title}">'
            f'<span class="mark">{escape(r.mark)}</span>{escape(r.sentence)}</span>{cite}'
        )

    body = "\n".join(f"<p>{''.join(p)}</p>" for p in paras)
    return f"""<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>factcheck report: {escape(name)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>factcheck report: {escape(name)}</h1>
<section class="summary" id="summary">
<h2>Summary</h2>
<p>{summary.sentences} sentences, {summary.checked} checked: {counts}. Problems: {summary.problems}.</p>
<ol>{''.join(problems)}</ol>
</section>
<section id="draft">
<h2>Draft</h2>
{body}
</section>
<section id="sources">
<h2>Sources</h2>
<ol>{''.join(sources)}</ol>
</section>
</body>
</html>
"""
