"""The HTML report as an editor sees it: opened in a real headless Chromium (issue 12, point 5).

Chromium comes from the system packages (`apt-get install chromium`, as `.ci/run` does) and is
driven by Playwright without downloading a browser of its own.  Where neither is installed the
test is skipped, except on CI, where that is a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

from factcheck.cli import cli

from .conftest import FIXTURES

STORY = FIXTURES / "drafts" / "story.md"
CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("CI must have Chromium and Playwright for the report test (see .ci/run)")
        pytest.skip("Chromium or Playwright not installed")
    return sync_playwright


def _rendered(path) -> dict:
    sync_playwright = _browser()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            return page.evaluate("""() => ({
                lang: document.documentElement.lang,
                heading: document.querySelector('h1').innerText,
                summary: document.querySelector('#summary-line').innerText,
                problems: [...document.querySelectorAll('#problems > li')].map(li => ({
                    verdict: li.dataset.verdict, text: li.innerText})),
                sentences: [...document.querySelectorAll('#draft span[data-verdict]')].map(s => ({
                    verdict: s.dataset.verdict, title: s.title,
                    mark: s.querySelector('.mark').innerText,
                    background: getComputedStyle(s).backgroundColor,
                    visible: s.getBoundingClientRect().height > 0})),
                sources: document.querySelectorAll('#sources li').length,
                notes: [...document.querySelectorAll('#notes li')].map(li => li.innerText),
            })""")
        finally:
            browser.close()


@pytest.mark.parametrize(
    "lang,labels",
    [
        ("en", {"contradicted": "contradicted", "not_found": "not found", "misattributed": "misattributed",
                "summary": "12 sentences, 8 checked", "problems": "4 problem(s)", "line": "line 12"}),
        ("zh", {"contradicted": "与来源不符", "not_found": "未找到来源", "misattributed": "说话人有误",
                "summary": "12 句，核查 8 句", "problems": "问题 4 处", "line": "第 12 行"}),
    ],
)
def test_the_report_in_a_browser_shows_marks_and_labels(runner, seed_index, tmp_path, lang, labels):
    report = tmp_path / f"report-{lang}.html"
    result = runner.invoke(cli, ["draft", str(STORY), "--index", str(seed_index), "--lang", lang, "--html", str(report)])
    assert result.exit_code == 1
    page = _rendered(report)
    assert page["lang"] == lang
    assert labels["summary"] in page["summary"] and labels["problems"] in page["summary"]
    # Problems first (contradicted, misattributed), then the sentence no source establishes.
    verdicts = [p["verdict"] for p in page["problems"]]
    assert verdicts == ["contradicted", "contradicted", "contradicted", "misattributed", "not_found"]
    first = page["problems"][0]["text"]
    assert labels["line"] in first and "50项 ≠ 48项" in first
    assert labels["not_found"] in page["problems"][-1]["text"].lower()
    assert labels["misattributed"] in page["problems"][3]["text"].lower()
    # Every line of the draft is on the page with its mark, its verdict in the reader's language,
    # and a colour: red for what is wrong, green for what is right, none for the unchecked.
    sentences = page["sentences"]
    assert len(sentences) == 12 and all(s["visible"] for s in sentences)
    assert [s["mark"] for s in sentences] == ["·", "·", "·", "✗", "✓", "✓", "✗", "✓", "✗", "?", "✗", "·"]
    by = {s["verdict"]: s for s in sentences}
    assert by["contradicted"]["title"].lower() == labels["contradicted"]
    assert by["contradicted"]["background"] != by["supported"]["background"]
    assert by["unchecked"]["background"] in ("rgba(0, 0, 0, 0)", "transparent")
    # Only sentences with a source above the threshold cite one: not the one with none.
    assert page["sources"] == sum(1 for s in sentences if s["verdict"] not in ("unchecked", "not_found"))
    assert len(page["notes"]) == 4
