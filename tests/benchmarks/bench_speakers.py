"""Speakers of the quotations in real articles (issue 13): how many are named, and by whom.

Indexes (or reuses an index of) each DIR of .txt articles, lists every
quotation with its speaker, and prints per corpus: quotations with and without
a speaker (and a role), and the most frequent speakers, so junk speakers
(他續, 並, 向記者…) are visible at a glance.  ``--sample N`` prints N random
quotations with their attribution clause, for labelling by hand.

    python tests/benchmarks/bench_speakers.py ../shared/corpora/rmrb-accuracy/txt \\
        ../shared/corpora/hkcnews-trad-accuracy/txt --top 30

Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from scratch import corpus_indexes  # this directory's helper (run as a script, the directory is on the path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", type=Path, nargs="+")
    ap.add_argument("--index-dir", type=Path, help="keep (and reuse) one index per corpus here")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--sample", type=int, default=0, help="print N random quotations with their attribution")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--drafts", type=int, default=0,
                    help="also check N draft attributions per corpus: half to the source's speaker (some in the other "
                         "script), half to another person the same article quotes")
    args = ap.parse_args()

    from factcheck.check import all_quotations

    for name, store in corpus_indexes(args.dirs, args.index_dir):
        t0 = time.perf_counter()
        quotes = list(all_quotations(store))
        took = time.perf_counter() - t0
        named = [q for q in quotes if q.speaker]
        roles = [q for q in quotes if q.speaker_role]
        print(f"\n{name}: {len(quotes)} quotations, {len(named)} with a speaker ({100 * len(named) / max(1, len(quotes)):.1f} %), "
              f"{len(roles)} with a role, {len(quotes) - len(named)} without; listed in {took:.1f} s")
        counts = Counter(q.speaker for q in named)
        print(f"  {args.top} most frequent speakers:")
        for speaker, n in counts.most_common(args.top):
            role = Counter(q.speaker_role for q in named if q.speaker == speaker and q.speaker_role).most_common(1)
            print(f"    {n:5}  {speaker}" + (f"  ({role[0][0]})" if role else ""))
        if args.drafts:
            draft_attributions(store, quotes, args.drafts, random.Random(args.seed))
        if args.sample:
            rng = random.Random(args.seed)
            print(f"  {args.sample} random quotations:")
            for q in rng.sample(quotes, min(args.sample, len(quotes))):
                print(f"    [{q.id}] {q.speaker} / {q.speaker_role} <- {q.attribution!r} :: {q.text[:40]}")
        store.close()


def draft_attributions(store, quotes, n: int, rng: random.Random) -> None:
    """Reporters' sentences attributing real quotations: are the wrong ones, and only those, misattributed?"""
    from factcheck.check import QuoteChecker
    from factcheck.normalize import to_simplified
    from factcheck.speakers import is_personal_name, same_person

    by_article: dict[str, list] = {}
    for q in quotes:
        if q.speaker and is_personal_name(q.speaker) and len(q.text) >= 12:
            by_article.setdefault(q.article.id, []).append(q)
    pool = [(aid, qs) for aid, qs in by_article.items() if len({to_simplified(q.speaker) for q in qs}) >= 2]
    rng.shuffle(pool)
    checker = QuoteChecker(store, top=1, context=0)
    right = wrong_flags = missed = total = 0
    for k, (_, qs) in enumerate(pool[:n]):
        q = rng.choice(qs)
        if k % 2 == 0:
            named, expect = q.speaker, False
            if rng.random() < 0.5:
                named = to_simplified(named)  # the other script, where it differs
        else:
            others = [o.speaker for o in qs if not same_person(o.speaker, q.speaker)]
            if not others:
                continue  # 林鄭 and 林鄭月娥: one person
            named, expect = rng.choice(others), True
        words = q.text if len(q.text) <= 60 else q.text[:60]
        typed = f"{named}说：“{words}”" if k % 4 < 2 else f"“{words}”{named}说。"
        result = checker.check(typed)
        total += 1
        ok = result.misattributed == expect
        right += ok
        wrong_flags += result.misattributed and not expect
        missed += expect and not result.misattributed
    print(f"  draft attributions: {right}/{total} right, {wrong_flags} correct attributions flagged, "
          f"{missed} wrong attributions missed")


if __name__ == "__main__":
    main()
