"""factcheck at newsroom scale: build, batch and cold lookups, memory, and the obvious alternatives.

    python tests/benchmarks/bench_scale.py ../shared/corpora/zh-news-scale \\
        --sizes 10000,100000,1000000 --claims 300 --workdir /tmp/fcbench

For each size it indexes the first records of the corpus's JSON Lines files
(all of them for the largest size), then measures, side by side in this run:

* build time, sentences per second, index size against the raw text, peak memory
  of all indexing processes (Pss, see peakmem.py);
* batch lookup: one `factcheck check --jsonl` process answering claims fed one
  at a time on stdin (latency per claim = write to answer), median and p95,
  with recall@1 (claims are made from random sentences of the index:
  fragments, dropped words, swapped clauses, Traditional characters);
* a brute-force rapidfuzz scan (``process.extract`` with ``partial_ratio``
  over every normalised sentence, best 3) on a subset of the same claims: median time
  and recall@1 on that subset, and the speed ratio;
* a cold lookup (a new process, one claim) against a bare
  ``python -c "import click, rich"``, medians of alternating runs;
* the same claims piped at once into one `factcheck check --jsonl` (the batch is answered
  on every core, see factcheck/batch.py): wall time from start to exit, per claim;
* peak memory of the batch lookup;
* `grep -F` and `rg -F` over the raw files for exact fragments, against
  factcheck's batch latency for the same fragments.

Needs the project installed (`factcheck` on PATH next to this Python) and the
corpus path; copies no corpus text anywhere but the work directory.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import make_claims  # noqa: E402
from peakmem import measure  # noqa: E402

BIN = Path(sys.executable).parent / "factcheck"


def subset(corpus: Path, size: int, out: Path) -> tuple[list[Path], int]:
    """JSON Lines files holding about ``size`` sentences (counted as the index will)."""
    from factcheck.indexer import archive_articles

    files = sorted(corpus.glob("*.jsonl"))
    total = 0
    with open(out, "w", encoding="utf-8") as fh:
        for f in files:
            with open(f, encoding="utf-8") as src:
                for line in src:
                    arts = archive_articles(line)
                    total += sum(len(s) for _, s in arts)
                    fh.write(line)
                    if total >= size:
                        return [out], out.stat().st_size
    return [out], out.stat().st_size


def found(ids: list[str], truth: str, norm_by_cid: dict[str, str]) -> bool:
    """Whether a match holds the true sentence; a sentence printed twice (a repeated story) counts either copy."""
    joined = "".join(norm_by_cid.get(i, "") for i in ids)
    return any(norm_by_cid.get(i) == truth for i in ids) or truth in joined


def pct(xs: list[float], q: int) -> float:
    return statistics.quantiles(xs, n=100)[q - 1] if len(xs) > 1 else xs[0]


def batch_lookup(index: Path, claims: list[str]) -> tuple[list[float], list[dict], int]:
    """Latency of each claim through one `factcheck check --jsonl` process, and its answers."""
    proc = subprocess.Popen(
        [str(BIN), "check", "--jsonl", "--index", str(index)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8", bufsize=1,
    )
    # The first answer pays the start-up; measure the steady state after a warm-up claim.
    proc.stdin.write(claims[0] + "\n")
    proc.stdin.flush()
    proc.stdout.readline()
    times, answers = [], []
    for c in claims:
        t = time.perf_counter()
        proc.stdin.write(c + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        times.append(time.perf_counter() - t)
        answers.append(json.loads(line))
    proc.stdin.close()
    proc.wait()
    return times, answers, proc.returncode


def trigram_build(texts: list[str], path: Path) -> float:
    """Seconds for one process to fill a plain FTS5 trigram table with ``texts`` (the baseline)."""
    import sqlite3

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    t = time.perf_counter()
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='trigram')")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO t(rowid, text) VALUES (?, ?)", enumerate(texts, start=1))
    conn.execute("COMMIT")
    seconds = time.perf_counter() - t
    conn.close()
    return seconds


def trigram_lookups(path: Path, claims: list[str]) -> list[float]:
    """Seconds per claim for the plain trigram table: every trigram of the claim OR-ed, best 3 by bm25."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    times = []
    for c in claims:
        grams = {c[k : k + 3] for k in range(len(c) - 2)}
        query = " OR ".join('"' + g.replace('"', '""') + '"' for g in sorted(grams)) or '""'
        t = time.perf_counter()
        conn.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 3", (query,)).fetchall()
        times.append(time.perf_counter() - t)
    conn.close()
    return times


def cold(cmd: list[str], base: list[str], runs: int) -> tuple[float, float]:
    a, b = [], []
    for _ in range(runs):
        for lst, c in ((a, base), (b, cmd)):
            t = time.perf_counter()
            subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            lst.append(time.perf_counter() - t)
    return statistics.median(a), statistics.median(b)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="zh-news-scale directory (*.jsonl)")
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--claims", type=int, default=300)
    ap.add_argument("--brute-claims", type=int, default=40, help="claims for the brute-force scan (2 s each at 1 M)")
    ap.add_argument("--cold-runs", type=int, default=15)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/fcbench"))
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--keep", action="store_true", help="reuse indexes already in the work directory")
    args = ap.parse_args()

    from rapidfuzz import fuzz, process

    from factcheck.normalize import normalize
    from factcheck.store import Store

    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]

    # Cold lookup on the bundled seeds, against a bare `import click, rich`.
    seeds_index = args.workdir / "seeds.sqlite"
    if not seeds_index.exists():
        from factcheck.config import seeds_dir

        subprocess.run([str(BIN), "index", "--index", str(seeds_index), str(seeds_dir())], check=True, stderr=subprocess.DEVNULL)
    sb, so = cold([str(BIN), "check", "--index", str(seeds_index), "滨江累计主导参与制定国际标准50项"],
                  [sys.executable, "-c", "import click, rich"], args.cold_runs)
    print(f"cold lookup on the bundled seeds: {1000 * so:.0f} ms; import click, rich: {1000 * sb:.0f} ms; ratio {so / sb:.2f}×")
    all_files = sorted(args.corpus.glob("*.jsonl"))
    all_bytes = sum(f.stat().st_size for f in all_files)
    rows = []
    for size in sizes:
        index = args.workdir / f"index-{size}.sqlite"
        if size >= 1_000_000:
            files, raw = all_files, all_bytes
        else:
            files, raw = subset(args.corpus, size, args.workdir / f"subset-{size}.jsonl")
        if not (args.keep and index.exists()):
            for suffix in ("", "-wal", "-shm"):
                Path(str(index) + suffix).unlink(missing_ok=True)
            rc, peak, build = measure([str(BIN), "index", "--index", str(index), *map(str, files)])
            assert rc == 0, f"index failed ({rc})"
        else:
            peak, build = float("nan"), float("nan")
        store = Store.open(index)
        sentences = list(store.all_sentences())
        n = len(sentences)
        rng = random.Random(args.seed)
        made = make_claims(sentences, rng, args.claims)
        claims = [c for _, c, _ in made]
        truth = [rowid for _, _, rowid in made]
        norm_of = {s.rowid: s.norm for s in sentences}
        norm_by_cid = {s.cid: s.norm for s in sentences}

        times, answers, _ = batch_lookup(index, claims)
        hits = [bool(a["matches"]) and found(a["matches"][0]["ids"], norm_of[t], norm_by_cid) for a, t in zip(answers, truth)]

        # The plain trigram table of the same sentences: its build (one process) and its query.
        tri = args.workdir / f"trigram-{size}.sqlite"
        tri_build = trigram_build([s.text for s in sentences], tri)
        tri_times = trigram_lookups(tri, claims)
        times_again, _, _ = batch_lookup(index, claims)  # factcheck again, after the trigram queries

        # Brute force on a subset of the same claims.
        norms = [s.norm for s in sentences]
        k = min(args.brute_claims, len(claims))
        bt, bhits = [], []
        for c, t in zip(claims[:k], truth[:k]):
            t0 = time.perf_counter()
            # extract, not extractOne: extractOne stops at the first perfect score,
            # which is fast but returns an arbitrary sentence holding the claim.
            top = process.extract(normalize(c), norms, scorer=fuzz.partial_ratio, limit=3)
            bt.append(time.perf_counter() - t0)
            bhits.append(bool(top) and norms[top[0][2]] == norm_of[t])
        fc_sub = hits[:k]

        # Peak memory of a batch lookup.
        stdin = ("\n".join(claims) + "\n").encode("utf-8")
        _, look_peak, _ = measure_batch_memory(index, stdin)
        # The whole batch piped at once (start-up included): the time per claim a script sees.
        piped_s = [piped(index, stdin) for _ in range(3)]

        base, one = cold([str(BIN), "check", "--index", str(index), claims[0]],
                         [sys.executable, "-c", "import click, rich"], args.cold_runs)

        # grep -F / rg -F for exact fragments over the raw files.
        frags = [s.text[2:14] for s in rng.sample(sentences, 20) if len(s.text) >= 16]
        g_t, r_t = [], []
        for fr in frags:
            for lst, tool in ((g_t, ["grep", "-F", "-c", "--", fr]), (r_t, ["rg", "-F", "-c", "--", fr])):
                if shutil.which(tool[0]) is None:
                    continue
                t0 = time.perf_counter()
                subprocess.run(tool + [str(f) for f in files], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                lst.append(time.perf_counter() - t0)
        f_t, _, _ = batch_lookup(index, frags)

        row = {
            "sentences": n, "raw_mb": raw / 2**20, "index_mb": index.stat().st_size / 2**20,
            "build_s": build, "sent_per_s": n / build if build == build else float("nan"), "build_peak_mb": peak / 2**20,
            "median_ms": 1000 * statistics.median(times), "p95_ms": 1000 * pct(times, 95),
            "mean_ms": 1000 * statistics.mean(times), "median_again_ms": 1000 * statistics.median(times_again),
            "trigram_build_s": tri_build, "build_ratio": build / tri_build,
            "trigram_median_ms": 1000 * statistics.median(tri_times), "trigram_p95_ms": 1000 * pct(tri_times, 95),
            "query_ratio": statistics.median(times + times_again) / statistics.median(tri_times),
            "recall1": sum(hits) / len(hits),
            "brute_median_ms": 1000 * statistics.median(bt), "brute_recall1": sum(bhits) / len(bhits),
            "fc_recall1_same": sum(fc_sub) / len(fc_sub),
            "speedup": statistics.median(bt) / statistics.median(times[:k]),
            "lookup_peak_mb": look_peak / 2**20,
            "piped_ms": 1000 * statistics.median(piped_s) / len(claims),
            "cold_ms": 1000 * one, "base_ms": 1000 * base, "cold_ratio": one / base,
            "grep_ms": 1000 * statistics.median(g_t) if g_t else float("nan"),
            "rg_ms": 1000 * statistics.median(r_t) if r_t else float("nan"),
            "fc_fragment_ms": 1000 * statistics.median(f_t),
        }
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
        store.close()

    print("\n| sentences | raw text | index | index/raw | build | sentences/s | build peak mem | "
          "batch median | batch p95 | recall@1 | brute median | brute recall@1 (same claims: factcheck) | speed-up | "
          "lookup peak mem | cold lookup | import click, rich | cold ratio | grep -F | rg -F | factcheck (same fragments) |")
    print("|" + "---|" * 20)
    for r in rows:
        print(
            f"| {r['sentences']:,} | {r['raw_mb']:.0f} MB | {r['index_mb']:.0f} MB | {r['index_mb'] / r['raw_mb']:.2f}× | "
            f"{r['build_s']:.1f} s | {r['sent_per_s']:,.0f} | {r['build_peak_mb']:.0f} MB | "
            f"{r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms | {100 * r['recall1']:.1f}% | "
            f"{r['brute_median_ms']:.0f} ms | {100 * r['brute_recall1']:.1f}% ({100 * r['fc_recall1_same']:.1f}%) | {r['speedup']:.0f}× | "
            f"{r['lookup_peak_mb']:.0f} MB | {r['cold_ms']:.0f} ms | {r['base_ms']:.0f} ms | {r['cold_ratio']:.2f}× | "
            f"{r['grep_ms']:.1f} ms | {r['rg_ms']:.1f} ms | {r['fc_fragment_ms']:.1f} ms |"
        )
    print_trigram_table(rows)


def print_trigram_table(rows: list[dict]) -> None:
    print("\n| sentences | factcheck build | trigram build | build ratio | factcheck median (two runs) | factcheck mean | "
          "piped batch, per claim | trigram OR/bm25 median | trigram p95 | query ratio |")
    print("|" + "---|" * 10)
    for r in rows:
        print(f"| {r['sentences']:,} | {r['build_s']:.1f} s | {r['trigram_build_s']:.1f} s | {r['build_ratio']:.2f}× | "
              f"{r['median_ms']:.1f} / {r['median_again_ms']:.1f} ms | {r['mean_ms']:.1f} ms | {r.get('piped_ms', float('nan')):.1f} ms | "
              f"{r['trigram_median_ms']:.1f} ms | {r['trigram_p95_ms']:.1f} ms | "
              f"{r['query_ratio']:.2f}× |")


def piped(index: Path, stdin: bytes) -> float:
    """Seconds for one `factcheck check --jsonl` process to answer a batch piped at once, start to exit."""
    t = time.perf_counter()
    subprocess.run([str(BIN), "check", "--jsonl", "--index", str(index)], input=stdin,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def measure_batch_memory(index: Path, stdin: bytes) -> tuple[int, int, float]:
    return measure([str(BIN), "check", "--jsonl", "--index", str(index)], stdin=stdin, quiet=True)


if __name__ == "__main__":
    main()
