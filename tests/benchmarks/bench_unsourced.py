"""Verdicts on clauses whose articles are not in the index: how many are called contradicted.

    python tests/benchmarks/bench_unsourced.py ../shared/corpora/rmrb-accuracy/articles-000.jsonl \\
        ../shared/corpora/hkcnews-trad-accuracy/articles-000.jsonl --clauses 5000 --workdir /tmp/fcunsourced

Every other article of each JSON Lines file (odd lines) is indexed; the claims are clauses of the
other articles (even lines) that hold a direction word (``data/directions.txt``) or 不/未/没有, 6 to
30 characters long.  Their own articles are not in the index, so a ``contradicted`` verdict is
wrong unless the archive printed the same story twice (it does: People's Daily and Hong Kong
papers repeat statements and figures).  Compare two versions on the same clauses with
``--show`` and ``PYTHONPATH``: a contradiction one adds is nearly always a false one.

Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
from pathlib import Path

CLAUSE = re.compile(r"[^，,；;。！？!?]+")
NEGATORS = re.compile("不|未|没有")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", type=Path, nargs="+", help="JSON Lines files (text in the 'text' field)")
    ap.add_argument("--clauses", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/fcunsourced"))
    ap.add_argument("--show", type=Path, help="write the contradicted clauses with their evidence (JSON) here")
    ap.add_argument("--show-verdict", default="contradicted",
                    choices=["supported", "contradicted", "unverified", "not_found"],
                    help="which verdict --show writes (supported: a repeated story, or a false one)")
    args = ap.parse_args()

    from factcheck.check import Checker
    from factcheck.differences import _directions_pattern, lexicon
    from factcheck.indexer import index_paths
    from factcheck.store import Store

    args.workdir.mkdir(parents=True, exist_ok=True)
    indexed, held_out = [], []
    for k, path in enumerate(args.corpora):
        lines = path.read_text(encoding="utf-8").splitlines()
        half = args.workdir / f"indexed-{k}.jsonl"
        half.write_text("\n".join(lines[0::2]) + "\n", encoding="utf-8")
        indexed.append(half)
        held_out.extend(lines[1::2])
    index = args.workdir / "index.sqlite"
    if not index.exists():
        with Store.open(index, create=True) as store:
            index_paths(store, indexed)
    directions = _directions_pattern(lexicon())
    clauses = []
    for line in held_out:
        text = json.loads(line).get("text") or ""
        clauses += [c.strip() for c in CLAUSE.findall(text)
                    if 6 <= len(c.strip()) <= 30 and (directions.search(c) or NEGATORS.search(c))]
    random.Random(args.seed).shuffle(clauses)
    clauses = clauses[: args.clauses]
    counts: collections.Counter = collections.Counter()
    shown = []
    with Store.open(index) as store:
        checker = Checker(store)
        for c in clauses:
            r = checker.check(c)
            counts[r.verdict] += 1
            if r.verdict == args.show_verdict and r.matches:
                m = r.matches[0]
                shown.append({"claim": c, "score": m.score, "source": m.text,
                              "differences": [(d.kind, d.claim, d.source) for d in m.differences if d.kind != "word"],
                              "figures": [(f.claim, f.source) for f in m.figures if f.status == "mismatch"]})
    print(f"{len(clauses)} clauses whose articles are not indexed: " +
          ", ".join(f"{v} {counts[v]}" for v in ("supported", "contradicted", "unverified", "not_found")))
    if args.show:
        args.show.write_text(json.dumps(shown, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
