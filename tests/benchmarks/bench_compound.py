"""Compound claims (issue 12): clause runs of two different articles joined into one claim.

Builds (or reuses) an index of CORPUS, then joins a clause run of one random
sentence with a clause run of a sentence of another article, three ways:

* ``both``: both halves as printed                          -> supported, each half citing its own sentence
* ``changed``: one half's figure changed                    -> contradicted, each half citing its own sentence
* ``foreign``: the second half from a sentence of OTHER (a corpus that is not indexed)
                                                            -> unverified (never supported), the first half cited

A claim is right when its verdict is the expected one and every half that has a
source cites it (the part's best match holds that sentence).

    python tests/benchmarks/bench_compound.py ../shared/corpora/rmrb-accuracy/articles-000.jsonl \\
        --other ../shared/corpora/hkcnews-trad-accuracy/articles-000.jsonl --index /tmp/rm.sqlite --per-kind 100

Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from pathlib import Path

from scratch import scratch  # this directory's helper (run as a script, the directory is on the path)

CLAUSE = re.compile(r"[^，,；;。！？!?]+[，,；;。！？!?]?")


def clause_run(text: str, rng: random.Random, must: tuple[int, int] | None = None) -> tuple[str, int] | None:
    """A run of clauses of ``text`` of 10 to 40 characters (covering ``must``), and where it starts."""
    spans = [(m.start(), m.end()) for m in CLAUSE.finditer(text)]
    idx = [k for k, (a, b) in enumerate(spans) if must is None or (a <= must[0] and must[1] <= b)]
    if not idx:
        return None
    k = rng.choice(idx)
    j = k
    while j + 1 < len(spans) and spans[j][1] - spans[k][0] < 10:
        j += 1
    a, b = spans[k][0], spans[j][1]
    run = text[a:b].rstrip("，,；;。！？!?")
    if not 10 <= len(run) <= 40:
        return None
    return run, a


def other_sentences(path: Path) -> list[str]:
    from factcheck.sentences import split_sentences

    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for para in str(rec.get("text", "")).split("\n"):
                out.extend(para[a:b] for a, b in split_sentences(para))
    return [s for s in out if 16 <= len(s) <= 120]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--other", type=Path, required=True, help="a corpus that is not indexed, for the halves with no source")
    ap.add_argument("--index", type=Path, help="reuse or keep the index here")
    ap.add_argument("--per-kind", type=int, default=100)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--show", type=int, default=0, help="print up to N wrong answers of each kind")
    args = ap.parse_args()

    from factcheck.check import Checker
    from factcheck.figures import read_figures
    from factcheck.indexer import index_paths
    from factcheck.normalize import normalize
    from factcheck.store import Store

    index = args.index or scratch() / "bench.sqlite"
    store = Store.open(index, create=True)
    if store.sentence_count() <= 1:
        index_paths(store, [args.corpus])
    rng = random.Random(args.seed)
    sentences = [s for s in store.all_sentences() if s.kind is None and 16 <= len(s.text) <= 160]
    rng.shuffle(sentences)
    foreign = other_sentences(args.other)
    rng.shuffle(foreign)

    # (kind, claim, expected, (source rowid, text) of each half that has a source)
    cases: list[tuple[str, str, str, list[tuple[int, str]]]] = []
    want = dict.fromkeys(("both", "changed", "foreign"), args.per_kind)
    pool = iter(sentences)
    for s in pool:
        if not any(want.values()):
            break
        t = next(pool, None)
        if t is None:
            break
        if s.article_id == t.article_id:
            continue
        kind = rng.choice([k for k, n in want.items() if n])
        if kind == "changed":
            figs = [f for f in read_figures(s.text)
                    if re.fullmatch(r"\d+(\.\d+)?[^\d多余近约超逾]*", f.text) and f.kind != "date" and f.form == "exact"]
            if not figs:
                continue
            f = rng.choice(figs)
            run = clause_run(s.text, rng, (f.start, f.end))
            second = clause_run(t.text, rng)
            if not run or not second:
                continue
            first, base = run
            original = first
            num = re.match(r"\d+(?:\.\d+)?", f.text).group()
            new = str(int(float(num)) + rng.choice([1, 2, 3, 7])) if "." not in num else f"{float(num) + 0.3:.{len(num.split('.')[1])}f}"
            a = f.start - base
            first = first[:a] + new + first[a + len(num):]
            cases.append(("changed", f"{first}，{second[0]}", "contradicted", [(s.rowid, original), (t.rowid, second[0])]))
        elif kind == "both":
            one, two = clause_run(s.text, rng), clause_run(t.text, rng)
            if not one or not two:
                continue
            cases.append(("both", f"{one[0]}，{two[0]}", "supported", [(s.rowid, one[0]), (t.rowid, two[0])]))
        else:
            one = clause_run(s.text, rng)
            two = clause_run(foreign.pop(), rng) if foreign else None
            if not one or not two:
                continue
            cases.append(("foreign", f"{one[0]}，{two[0]}", "unverified", [(s.rowid, one[0])]))
        want[kind] -= 1

    checker = Checker(store, top=3, context=0)
    right: Counter[str] = Counter()
    verdict_right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    times = []
    for kind, claim, expected, sources in cases:
        t0 = time.perf_counter()
        result = checker.check(claim)
        times.append(time.perf_counter() - t0)
        total[kind] += 1
        ok_verdict = result.verdict == expected
        verdict_right[kind] += ok_verdict
        # Every half with a source cites it (or another sentence printing the same words):
        # a part's best match, or the whole claim's matches.
        cited: set[int] = set()
        cited_text = []
        for m in ([p.matches[0] for p in result.parts if p.matches] if result.parts else result.matches[:2]):
            for cid in m.ids:
                row = store.sentence_by_cid(cid)
                if row:
                    cited.add(row.rowid)
                    cited_text.append(row.text)
        cited_norm = [normalize(t) for t in cited_text]
        ok_cited = all(r in cited or any(normalize(half) in t for t in cited_norm) for r, half in sources)
        right[kind] += ok_verdict and ok_cited
        if args.show and not (ok_verdict and ok_cited) and shown[kind] < args.show:
            shown[kind] += 1
            parts = "; ".join(f"{p.verdict}:{p.text}" for p in result.parts)
            print(f"  [{kind}] {result.verdict} (want {expected}, cited {ok_cited}) {claim}\n      parts: {parts}")
    n = sum(total.values())
    print(f"{'kind':10} {'claims':>6} {'right':>7} {'verdict':>8}")
    for kind in ("both", "changed", "foreign"):
        k = total[kind] or 1
        print(f"{kind:10} {total[kind]:6} {100 * right[kind] / k:6.1f}% {100 * verdict_right[kind] / k:7.1f}%")
    print(f"{'all':10} {n:6} {100 * sum(right.values()) / max(n, 1):6.1f}% {100 * sum(verdict_right.values()) / max(n, 1):7.1f}%")
    times.sort()
    print(f"median {1000 * times[len(times) // 2]:.1f} ms per claim")


if __name__ == "__main__":
    main()
