"""An index of one article written for a test, and a claim checked against it."""

from __future__ import annotations

from pathlib import Path

from factcheck.check import Checker, ClaimResult
from factcheck.indexer import index_paths
from factcheck.store import Store


def one_article(tmp_path: Path, text: str) -> Store:
    """An index of ``text`` as one page (the caller closes it)."""
    page = tmp_path / "article.txt"
    page.write_text(text, encoding="utf-8")
    store = Store.open(tmp_path / "article.sqlite", create=True)
    index_paths(store, [page])
    return store


def check_in(tmp_path: Path, text: str, claim: str) -> ClaimResult:
    """``claim`` checked against an index of ``text`` as one page."""
    with one_article(tmp_path, text) as store:
        return Checker(store).check(claim)
