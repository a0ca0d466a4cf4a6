"""Cutting words without jieba: the index's copy of its dictionary gives jieba's own cut."""

from __future__ import annotations

import pytest

from factcheck.normalize import normalize
from factcheck.store import Store
from factcheck.words import segment, substrings

SENTENCES = [
    "中华人民共和国国务院新闻办公室今天举行新闻发布会",
    "哈尔滨工业大学和北京航空航天大学联合发布了研究报告",
    "全国一般公共预算收入同比增长百分之三点五",
    "滨江累计主导参与制定国际标准五十项",
    "联合国教科文组织的世界遗产委员会审议通过了这一项目",  # (jieba also has the 15-character whole; we keep 8 at most)
    "粤港澳大湾区建设领导小组全体会议在北京召开",
    "他说，这是一个史无前例的挑战，也是前所未有的机遇",
]


@pytest.fixture(scope="module")
def jieba_cut():
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(60)
    return lambda text: jieba.lcut(text, HMM=False)


@pytest.mark.parametrize("text", SENTENCES)
def test_cut_is_jiebas(seed_index_master, jieba_cut, text):
    """Long dictionary words (5 characters or more) come from their own row, the rest from the
    lexicon table; together they must cut as jieba cuts, without the HMM."""
    norm = normalize(text)
    with Store.open(seed_index_master) as store:
        assert segment(norm, store.lexicon_lookup) == jieba_cut(norm)


def test_long_words_are_found(seed_index_master):
    with Store.open(seed_index_master) as store:
        freq, total = store.lexicon_lookup({"中华人民共和国", "人民共和国", "国务院", "不是一个词语啊"})
    assert {"中华人民共和国", "人民共和国", "国务院"} <= set(freq)
    assert "不是一个词语啊" not in freq
    assert total > 0 and all(f > 0 for f in freq.values())


def test_a_full_cache_starts_again_without_losing_a_word(seed_index_master):
    """The words read are kept for the connection up to a limit; past it the cache starts again,
    and every word of the call that passed it is read anew: none is taken for missing, none fails
    (a batch of thousands of claims passes the limit)."""
    texts = [normalize(t) for t in SENTENCES]
    with Store.open(seed_index_master) as store:
        expected = [store.lexicon_lookup(substrings(t))[0] for t in texts]
        expected_cut = [segment(t, store.lexicon_lookup) for t in texts]
    with Store.open(seed_index_master) as store:
        store._lexicon.limit = 150  # a few sentences' substrings
        for _ in range(3):  # words known, words new, the limit passed several times over
            assert [store.lexicon_lookup(substrings(t))[0] for t in texts] == expected
            assert [segment(t, store.lexicon_lookup) for t in texts] == expected_cut
        assert len(store._lexicon) <= 150 + max(len(substrings(t)) for t in texts)


def test_long_words_row_comes_with_migration(tmp_path):
    """An index of schema 9 gains the row of long words when opened."""
    path = tmp_path / "old.sqlite"
    with Store.open(path, create=True) as store:
        store.conn.execute("DELETE FROM meta WHERE key = 'long_words'")
        store.conn.execute("PRAGMA user_version = 9")
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] >= 10
        assert "中华人民共和国" in (store.meta("long_words") or "")
        assert "中华人民共和国" in store.lexicon_lookup({"中华人民共和国"})[0]
