"""Shared fixtures: every test gets its own application directory and index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_7cf7dd8ce3de5c74.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def pattern_cache(tmp_path_factory):
    """Compiled patterns are cached in a directory of the test session, not the user's (patterns.py)."""
    with pytest.MonkeyPatch.context() as mp:
        path = tmp_path_factory.mktemp("cache")
        mp.setenv("FACTCHECK_CACHE", str(path))
        yield path


@pytest.fixture(autouse=True)
def isolated_state(tmp_path, monkeypatch):
    """Point the default index at a temporary application directory."""
    app = tmp_path / "appdir"
    monkeypatch.setattr("click.get_app_dir", lambda name, **kw: str(app / name))
    monkeypatch.delenv("FACTCHECK_INDEX", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return app


@pytest.fixture(scope="session")
def seed_index_master(tmp_path_factory) -> Path:
    from factcheck.indexer import index_paths
    from factcheck.store import Store

    path = tmp_path_factory.mktemp("master") / "seeds.sqlite"
    with Store.open(path, create=True) as store:
        index_paths(store, [SEED])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def seed_index(seed_index_master, tmp_path) -> Path:
    """A fresh copy of an index of the seed page."""
    path = tmp_path / "seeds.sqlite"
    shutil.copy(seed_index_master, path)
    return path


@pytest.fixture
def seed_store(seed_index):
    from factcheck.store import Store

    with Store.open(seed_index) as store:
        yield store


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 keeps stderr apart by default
        return CliRunner()


@pytest.fixture(scope="module")
def verdicts_checker(tmp_path_factory):
    """A Checker over tests/fixtures/verdicts (lists, 分别, dates, negations, names)."""
    from factcheck.check import Checker
    from factcheck.indexer import index_paths
    from factcheck.store import Store

    path = tmp_path_factory.mktemp("verdicts") / "verdicts.sqlite"
    with Store.open(path, create=True) as store:
        index_paths(store, [FIXTURES / "verdicts"])
    with Store.open(path) as store:
        yield Checker(store)
