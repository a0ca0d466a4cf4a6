"""Time `factcheck draft` on a draft of about 3,000 characters.

    python tests/benchmarks/bench_draft.py --index /tmp/fcbench2/index-1000000.sqlite
    python tests/benchmarks/bench_draft.py --index INDEX --sentences 50   # issue 16's draft
    python tests/benchmarks/bench_draft.py            # the bundled seeds

The draft is written from sentences of the index itself (so most sentences
have a source): every third one has a figure changed, every fifth is wrapped
as a quotation attributed to a made-up speaker, and a few sentences with no
source are mixed in.  It reports the wall time of the whole command (a new
process: start-up, reading, checking every sentence, rendering) as the median
of several runs, and the verdict counts.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from scratch import scratch  # this directory's helper (run as a script, the directory is on the path)

BIN = Path(sys.executable).parent / "factcheck"
NO_SOURCE = ["北京冬奥会共有2900多名运动员参赛。", "明年的计划还在讨论之中。", "大家都觉得这是一件好事。"]


def make_draft(index: Path, chars: int, seed: int, sentences: int | None = None) -> str:
    from factcheck.store import Store

    rng = random.Random(seed)
    with Store.open(index) as store:
        n = store.sentence_count()
        ids = rng.sample(range(1, n + 1), min(n, 400))
        sents = [s.text for s in store.sentences_by_rowid(ids).values() if 15 <= len(s.text) <= 120 and "“" not in s.text]
    out: list[str] = []
    k = 0
    # The headline is a sentence of the draft too.
    while sents and (len(out) + 1 < sentences if sentences else sum(map(len, out)) < chars):
        s = sents[k % len(sents)]  # a small index (the seeds) is cycled through
        if k % 3 == 0:
            s = re.sub(r"\d+", lambda m: str(int(m.group()) + 7), s, count=1)
        if k % 5 == 0:
            s = "“" + s.rstrip("。") + "。”王明说。"
        out.append(s)
        if k % 7 == 0 and not (sentences and len(out) + 1 >= sentences):
            out.append(NO_SOURCE[k % len(NO_SOURCE)])
        k += 1
    paras = ["".join(out[i : i + 4]) for i in range(0, len(out), 4)]
    return "测试稿件\n\n" + "\n\n".join(paras) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, help="index to check against (default: the bundled seeds)")
    ap.add_argument("--chars", type=int, default=3000)
    ap.add_argument("--sentences", type=int, help="a draft of this many sentences instead (issue 16: 50)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()

    index = args.index
    if index is None:
        from factcheck.config import seeds_dir

        index = scratch() / "seeds.sqlite"
        subprocess.run([str(BIN), "index", "--index", str(index), str(seeds_dir())], check=True, stderr=subprocess.DEVNULL)
    draft = make_draft(index, args.chars, args.seed, args.sentences)
    path = scratch() / "draft.txt"
    path.write_text(draft, encoding="utf-8")
    times = []
    report = None
    for _ in range(args.runs):
        t = time.perf_counter()
        proc = subprocess.run([str(BIN), "draft", str(path), "--index", str(index), "--json"], capture_output=True, text=True)
        times.append(time.perf_counter() - t)
        report = json.loads(proc.stdout)
    print(f"index: {index}")
    print(f"draft: {len(draft)} characters, {report['summary']['sentences']} sentences, "
          f"{report['summary']['checked']} checked: {report['summary']['counts']}")
    print(f"factcheck draft: median {statistics.median(times):.2f} s over {args.runs} runs "
          f"(min {min(times):.2f} s, max {max(times):.2f} s)")


if __name__ == "__main__":
    main()
