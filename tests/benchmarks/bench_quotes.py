"""Quotations typed from real articles: is a verbatim part exact, and a changed one altered?

Indexes (or reuses an index of) each DIR of .txt articles, takes random quotations of it
(at least 24 characters), and types a random stretch of each (at least 12 characters,
from its first quarter on) in marks, as a reporter quotes part of what someone said:

* ``verbatim``: the stretch as printed                    -> exact
* ``changed``: the stretch with one Chinese character changed -> altered

and prints, per corpus, how many came out right, with the wrong ones (``--show N``).

    python tests/benchmarks/bench_quotes.py ../shared/corpora/rmrb-accuracy/txt \\
        ../shared/corpora/hkcnews-trad-accuracy/txt --per-corpus 200

Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from scratch import corpus_indexes  # this directory's helper (run as a script, the directory is on the path)


def stretch(text: str, rng: random.Random) -> str:
    a = rng.randint(0, len(text) // 4)
    b = rng.randint(a + 12, len(text))
    return text[a:b]


def changed(part: str, rng: random.Random) -> str | None:
    """``part`` with one Chinese character replaced (None if it has none)."""
    chars = list(part)
    cjk = [i for i, ch in enumerate(chars) if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return None
    i = rng.choice(cjk)
    chars[i] = "国" if chars[i] != "国" else "家"
    return "".join(chars)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", type=Path, nargs="+")
    ap.add_argument("--index-dir", type=Path, help="keep (and reuse) one index per corpus here")
    ap.add_argument("--per-corpus", type=int, default=200)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--show", type=int, default=0, help="print up to N wrong answers per corpus")
    args = ap.parse_args()

    from factcheck.check import QuoteChecker, all_quotations

    for name, store in corpus_indexes(args.dirs, args.index_dir):
        rng = random.Random(args.seed)
        quotes = [q for q in all_quotations(store) if len(q.text) >= 24]
        checker = QuoteChecker(store, top=1, context=0)
        right = {"verbatim": 0, "changed": 0}
        total = {"verbatim": 0, "changed": 0}
        wrong: list[str] = []
        t0 = time.perf_counter()
        for q in rng.sample(quotes, min(args.per_corpus, len(quotes))):
            part = stretch(q.text, rng)
            for kind, typed, want in (("verbatim", part, "exact"), ("changed", changed(part, rng), "altered")):
                if typed is None:
                    continue
                r = checker.check(f"“{typed}”")
                total[kind] += 1
                right[kind] += r.verdict == want
                if r.verdict != want and len(wrong) < args.show:
                    diff = [(op.op, op.quote, op.source) for op in r.matches[0].diff if op.op != "equal"] if r.matches else []
                    wrong.append(f"    [{kind}] {r.verdict} {typed!r} {diff}")
        took = time.perf_counter() - t0
        print(f"{name}: verbatim {right['verbatim']}/{total['verbatim']} exact, changed {right['changed']}/{total['changed']} "
              f"altered; {1000 * took / max(1, sum(total.values())):.1f} ms per quote")
        for line in wrong:
            print(line)
        store.close()


if __name__ == "__main__":
    main()
