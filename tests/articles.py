"""An index of one article written for a test, and a claim checked against it."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.check import Checker, ClaimResult
from factcheck.indexer import index_paths
from factcheck.store import Store


def one_article(tmp_path: Path, text: str, *, date: str | None = None) -> Store:
    """An index of ``text`` as one page, or as an archive's one record of ``date`` (the caller closes it)."""
    if date is None:
        page = tmp_path / "article.txt"
        page.write_text(text, encoding="utf-8")
    else:
        title, _, body = text.partition("\n\n")
        page = tmp_path / "article.jsonl"
        page.write_text(json.dumps({"title": title, "date": date, "text": body}, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    store = Store.open(tmp_path / "article.sqlite", create=True)
    index_paths(store, [page])
    return store


def check_in(tmp_path: Path, text: str, claim: str, *, date: str | None = None) -> ClaimResult:
    """``claim`` checked against an index of ``text`` as one page (see ``one_article``)."""
    with one_article(tmp_path, text, date=date) as store:
        return Checker(store).check(claim)
