"""Cold start of one lookup against a bare ``python -c "import click, rich"``, side by side.

Each round runs both commands N times in new processes and takes the medians;
the ratio of the medians of all rounds is printed.  The claim holds a Chinese
numeral, the case that used to import cn2an (0.2 s).

    python tests/benchmarks/bench_coldstart.py --index /tmp/fcbench/index-1000000.sqlite

Without --index the default index is used (built from the bundled seeds).
Not collected by pytest.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def median_time(cmd: list[str], n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", help="index to look up (default: the default index)")
    ap.add_argument("--claim", default="濱江累計主導參與制定國際標準四十八項")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("-n", type=int, default=15)
    args = ap.parse_args()
    check = [sys.executable, "-m", "factcheck", "check", args.claim] + (["--index", args.index] if args.index else [])
    subprocess.run(check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)  # build, warm the disk
    base, lookup = [], []
    for _ in range(args.rounds):
        base.append(median_time([sys.executable, "-c", "import click, rich"], args.n))
        lookup.append(median_time(check, args.n))
    b, f = statistics.median(base), statistics.median(lookup)
    print(f"import click, rich: {1000 * b:.0f} ms; factcheck check {args.claim!r}: {1000 * f:.0f} ms; ratio {f / b:.2f}x")


if __name__ == "__main__":
    main()
