"""Two versions of factcheck answer the same claims, alternately, through `check --jsonl`.

    python tests/benchmarks/bench_ab.py INDEX --a /tmp/base --b .      # checkouts, via PYTHONPATH

On a shared machine the speed changes from minute to minute by 20 % and more: two batch runs one
after the other compare the minutes, not the versions.  Here each claim is put to one process and
then the other (the order swapped every claim), so a slow moment costs both.  Claims are made as
``bench_lookup.py`` makes them (fixed seed).  It prints each version's median, mean and p95 per
claim, and how many answers (verdict and cited ids) are identical.

Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def start(checkout: Path, index: Path, warm: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(checkout.resolve()))
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "check", "--jsonl", "--index", str(index)], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            encoding="utf-8", bufsize=1)
    proc.stdin.write(warm + "\n")  # the first answer pays the start-up
    proc.stdin.flush()
    proc.stdout.readline()
    return proc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("index", type=Path)
    ap.add_argument("--a", type=Path, required=True, help="checkout of version A")
    ap.add_argument("--b", type=Path, required=True, help="checkout of version B")
    ap.add_argument("--claims", type=int, default=300)
    ap.add_argument("--seed", type=int, default=9)
    args = ap.parse_args()

    from bench_lookup import claims_of

    claims = [c for _, c, _ in claims_of(args.index, args.claims, args.seed)]
    procs = {"A": start(args.a, args.index, claims[0]), "B": start(args.b, args.index, claims[0])}
    times: dict[str, list[float]] = {"A": [], "B": []}
    answers: dict[str, list[dict]] = {"A": [], "B": []}
    for k, claim in enumerate(claims):
        for name in ("A", "B") if k % 2 == 0 else ("B", "A"):
            proc = procs[name]
            t = time.perf_counter()
            proc.stdin.write(claim + "\n")
            proc.stdin.flush()
            line = proc.stdout.readline()
            times[name].append(1000 * (time.perf_counter() - t))
            answers[name].append(json.loads(line))
    for name, proc in procs.items():
        proc.stdin.close()
        proc.wait()
        ts = sorted(times[name])
        print(f"{name} ({getattr(args, name.lower())}): median {statistics.median(ts):.2f} ms, "
              f"mean {statistics.mean(ts):.2f} ms, p95 {ts[int(0.95 * len(ts))]:.2f} ms")

    def key(a: dict) -> tuple:
        return a["verdict"], [m["ids"] for m in a["matches"]]

    same = sum(key(a) == key(b) for a, b in zip(answers["A"], answers["B"]))
    print(f"identical answers: {same} of {len(claims)}")


if __name__ == "__main__":
    main()
