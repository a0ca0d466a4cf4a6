"""Lookups in one process on an index already built: median, p95 and recall@1, and where the time goes.

    python tests/benchmarks/bench_lookup.py /tmp/fcbench/index-1000000.sqlite --claims 300
    python tests/benchmarks/bench_lookup.py INDEX --phases          # time per phase of a lookup
    PYTHONPATH=/path/to/other/checkout python tests/benchmarks/bench_lookup.py INDEX   # another version

Claims are made from random sentences of the index itself (fragments, dropped words, swapped
clauses, Traditional characters; ``bench_check.make_claims``), with a fixed seed, so two
versions of factcheck answer the same claims.  A claim counts as found when its sentence is
the best match's, or printed in it (a story repeated in the archive).  Unlike
``bench_scale.py`` there is no process, pipe or JSON in the way: this is ``Checker.check``.

Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import collections
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def claims_of(index: Path, n: int, seed: int) -> list[tuple[str, str, int]]:
    from bench_check import make_claims

    from factcheck.store import Store

    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    top = conn.execute("SELECT max(id) FROM sentences").fetchone()[0]
    conn.close()
    with Store.open(index) as store:
        sentences = [s for s in store.sentences_by_rowid(rng.sample(range(1, top + 1), n * 4)).values() if s.kind is None]
    return make_claims(sentences, rng, n)


def phases() -> collections.Counter:
    """Wrap the stages of a lookup with timers; returns the counter they add to."""
    from factcheck import check, match, store

    spent: collections.Counter = collections.Counter()

    def timed(owner, name: str, label: str) -> None:
        fn = getattr(owner, name)

        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - t

        setattr(owner, name, wrapper)

    timed(match.Matcher, "prepare", "prepare the claim (words, weights, figures)")
    timed(store.Store, "search_grams", "candidate query (FTS5)")
    timed(store.Store, "sentences_by_rowid", "fetch candidates")
    timed(match, "score_unit", "align and score")
    timed(check.Checker, "_result", "build the matches (figures, words, context)")
    # Parts of the phases above (counted in them too):
    from factcheck import figures

    for owner in (match, check):
        timed(owner, "segment", "  of which: cut into words")
    for owner in (figures, check):
        timed(owner, "read_figures", "  of which: read figures")
    timed(check.Checker, "_differences", "  of which: word differences")
    timed(check, "assign_figures", "  of which: pair figures")
    timed(store.Store, "_window", "  of which: context rows")
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("index", type=Path)
    ap.add_argument("--claims", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--phases", action="store_true", help="also print the time per phase")
    args = ap.parse_args()

    from factcheck.check import Checker
    from factcheck.store import Store

    claims = claims_of(args.index, args.claims, args.seed)
    spent = phases() if args.phases else None
    times: list[float] = []
    cpu: list[float] = []  # this process's CPU time: less moved by other work on a shared machine
    found = 0
    with Store.open(args.index) as store:
        checker = Checker(store)
        checker.check("预热一下这个索引的查询")  # the first lookup loads the lexicon rows it needs
        if spent is not None:
            spent.clear()
        for _, claim, rowid in claims:
            t, c = time.perf_counter(), time.process_time()
            result = checker.check(claim)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            if result.matches:
                best = result.matches[0]
                ids = {store.sentence_by_cid(cid).rowid for cid in best.ids}
                source = store.sentences_by_rowid([rowid])[rowid].text
                found += rowid in ids or source in best.text
    times.sort()
    print(f"{len(claims)} claims: median {statistics.median(times):.2f} ms, p95 {times[int(0.95 * len(times))]:.2f} ms, "
          f"recall@1 {100 * found / len(claims):.1f} %; mean {statistics.mean(times):.2f} ms; CPU median "
          f"{statistics.median(cpu):.2f} ms, mean {statistics.mean(cpu):.2f} ms")
    if spent is not None:
        for label, seconds in spent.most_common():
            print(f"  {label:48} {1000 * seconds / len(claims):6.2f} ms per claim")


if __name__ == "__main__":
    main()
