"""Accuracy of `factcheck check` against a brute-force rapidfuzz scan, on a real corpus.

Builds an index of CORPUS (a directory of .txt files or a .jsonl archive), then
makes claims from random sentences of it:

* fragment: 40-80 % of the sentence, from a random start;
* dropped: the sentence with one word in five (jieba words) left out;
* swapped: two clauses of the sentence exchanged;
* traditional: the sentence in Traditional characters (OpenCC s2t);

and negatives: sentences of NEGATIVES, a corpus the index does not hold.

For each claim it records whether the true sentence is first (recall@1) or in
the first three (recall@3), and for negatives whether anything is reported as a
source (false-match rate): for factcheck a verdict other than not_found, for
the brute-force scan a best partial_ratio of at least --brute-threshold.

    python tests/benchmarks/bench_check.py ../shared/corpora/rmrb-accuracy/articles-000.jsonl \\
        --negatives ../shared/corpora/hkcnews-trad-accuracy/articles-000.jsonl --claims 200

Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

from scratch import scratch  # this directory's helper (run as a script, the directory is on the path)


def make_claims(sentences: list, rng: random.Random, n: int) -> list[tuple[str, str, int]]:
    import jieba
    import opencc

    s2t = opencc.OpenCC("s2t")
    pool = [s for s in sentences if 20 <= len(s.text) <= 200 and re.search(r"[\u4e00-\u9fff]{6}", s.text)]
    picks = rng.sample(pool, min(n, len(pool)))
    claims = []
    kinds = ["fragment", "dropped", "swapped", "traditional"]
    for k, s in enumerate(picks):
        kind = kinds[k % len(kinds)]
        t = s.text
        if kind == "fragment":
            size = max(10, int(len(t) * rng.uniform(0.4, 0.8)))
            start = rng.randint(0, max(0, len(t) - size))
            claim = t[start : start + size]
        elif kind == "dropped":
            words = jieba.lcut(t)
            claim = "".join(w for w in words if rng.random() > 0.2 or not w.strip())
        elif kind == "swapped":
            parts = [p for p in re.split(r"[，,；;]", t.rstrip("。！？")) if p]
            if len(parts) >= 2:
                i = rng.randrange(len(parts) - 1)
                parts[i], parts[i + 1] = parts[i + 1], parts[i]
            claim = "，".join(parts)
        else:
            claim = s2t.convert(t)
        claims.append((kind, claim, s.rowid))
    return claims


def negatives(path: Path, rng: random.Random, n: int) -> list[str]:
    from factcheck.indexer import archive_articles, page_articles

    if path.suffix == ".jsonl":
        arts = archive_articles(path.read_text(encoding="utf-8"))
    else:
        arts = []
        for f in sorted(path.rglob("*.txt"))[:500]:
            arts += page_articles(f.read_text(encoding="utf-8"))
    texts = [s["text"] for _, sents in arts for s in sents if 20 <= len(s["text"]) <= 200]
    return rng.sample(texts, min(n, len(texts)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--negatives", type=Path, required=True)
    ap.add_argument("--claims", type=int, default=200, help="positive claims (negatives: half as many)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--index", type=Path, help="reuse or keep the index here")
    ap.add_argument("--brute-threshold", type=float, default=90.0)
    ap.add_argument("--no-brute", action="store_true")
    ap.add_argument("--scores", type=Path, help="also write every claim's best score (JSON) to this file")
    args = ap.parse_args()

    from factcheck.check import Checker
    from factcheck.indexer import index_paths
    from factcheck.normalize import normalize
    from factcheck.store import Store

    index = args.index or scratch() / "bench.sqlite"
    t0 = time.perf_counter()
    store = Store.open(index, create=True)
    report = index_paths(store, [args.corpus])
    build = time.perf_counter() - t0
    sentences = list(store.all_sentences())
    print(f"index: {len(sentences)} sentences, {len(report.indexed)} files indexed in {build:.1f}s ({index})", file=sys.stderr)

    rng = random.Random(args.seed)
    claims = make_claims(sentences, rng, args.claims)
    negs = negatives(args.negatives, rng, args.claims // 2)

    checker = Checker(store, top=3)
    norm_of = {s.rowid: s.norm for s in sentences}
    fc = {"r1": [], "r3": [], "t": [], "kind": []}
    for kind, claim, rowid in claims:
        t = time.perf_counter()
        res = checker.check(claim)
        fc["t"].append(time.perf_counter() - t)
        truth = norm_of[rowid]
        # A sentence printed twice (a repeated story) is found when either copy is.
        hit = [any(store.sentence_by_cid(c).norm == truth for c in m.ids) or truth in "".join(store.sentence_by_cid(c).norm for c in m.ids)
               for m in res.matches]
        fc["r1"].append(bool(hit[:1] and hit[0]))
        fc.setdefault("verdict", []).append(res.verdict)
        fc["r3"].append(any(hit[:3]))
        fc["kind"].append(kind)
    neg_verdicts = []
    neg_scores = []
    for claim in negs:
        t = time.perf_counter()
        res = checker.check(claim)
        fc["t"].append(time.perf_counter() - t)
        neg_verdicts.append(res.verdict)
        neg_scores.append(res.matches[0].score if res.matches else 0.0)
    pos_scores = []
    for _, claim, _ in claims:
        res = checker.check(claim)
        pos_scores.append(res.matches[0].score if res.matches else 0.0)

    def pct(xs: list[bool]) -> str:
        return f"{100 * sum(xs) / len(xs):.1f}%" if xs else "-"

    rows = [("factcheck", pct(fc["r1"]), pct(fc["r3"]), pct([v != "not_found" for v in neg_verdicts]),
             f"{1000 * statistics.median(fc['t']):.1f} ms")]
    by_kind = {k: [r for r, kk in zip(fc["r1"], fc["kind"]) if kk == k] for k in sorted(set(fc["kind"]))}

    if not args.no_brute:
        from rapidfuzz import fuzz, process

        norms = [s.norm for s in sentences]
        b1, b3, bt, bneg = [], [], [], []
        for _, claim, rowid in claims:
            t = time.perf_counter()
            top = process.extract(normalize(claim), norms, scorer=fuzz.partial_ratio, limit=3)
            bt.append(time.perf_counter() - t)
            got = [norms[i] for _, _, i in top]
            b1.append(got[:1] == [norm_of[rowid]])
            b3.append(norm_of[rowid] in got)
        for claim in negs:
            t = time.perf_counter()
            top = process.extract(normalize(claim), norms, scorer=fuzz.partial_ratio, limit=1)
            bt.append(time.perf_counter() - t)
            bneg.append(bool(top) and top[0][1] >= args.brute_threshold)
        rows.append((f"brute partial_ratio (>= {args.brute_threshold:g})", pct(b1), pct(b3), pct(bneg),
                     f"{1000 * statistics.median(bt):.1f} ms"))

    print(f"\ncorpus: {args.corpus} ({len(sentences)} sentences); {len(claims)} claims, {len(negs)} negatives from {args.negatives}")
    print(f"{'method':40} {'recall@1':>9} {'recall@3':>9} {'false-match':>12} {'median/claim':>13}")
    for r in rows:
        print(f"{r[0]:40} {r[1]:>9} {r[2]:>9} {r[3]:>12} {r[4]:>13}")
    print("\nfactcheck recall@1 by kind: " + ", ".join(f"{k} {pct(v)}" for k, v in by_kind.items()))
    # Every positive claim says what its source says (words dropped, clauses swapped, Traditional):
    # each should be supported.
    sup = {k: [v == "supported" for v, kk in zip(fc["verdict"], fc["kind"]) if kk == k] for k in by_kind}
    print("factcheck supported by kind: " + ", ".join(f"{k} {pct(v)}" for k, v in sup.items()))
    qs = lambda xs: [round(statistics.quantiles(xs, n=20)[i], 1) for i in (0, 4, 9, 14, 18)]  # noqa: E731
    print(f"score quantiles (5/25/50/75/95%): positives {qs(pos_scores)}, negatives {qs(neg_scores)}")
    if args.scores:  # asked for: a run leaves no file behind otherwise
        args.scores.write_text(json.dumps({"positives": pos_scores, "negatives": neg_scores}), encoding="utf-8")


if __name__ == "__main__":
    main()
