"""Ten million sentences (issue 16): the million-sentence archive ten times over, each copy its own articles.

    python tests/benchmarks/bench_10m.py ../shared/corpora/zh-news-scale --copies 10 --workdir /tmp/fc10m

Every record of the corpus's JSON Lines files is written ``--copies`` times, each copy's title
suffixed with its number (so every copy is an article of its own, and every bigram's posting
list is ten times longer: the worst case for retrieval).  The script then indexes them with
``factcheck index`` and reports build time, sentences per second, peak memory of all indexing
processes (Pss, see peakmem.py), and the index's size against the raw text; then lookups in one
process (``Checker.check``, as ``bench_lookup.py``) on claims made from random sentences:
median, p95 and p99, and recall@1, where any copy of the source counts.

Needs about 6 GB of disk in --workdir for ten copies (1.7 GB of text, about 5 GB of index), and
copies no corpus text anywhere else.  Not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lookup import claims_of  # noqa: E402
from peakmem import measure  # noqa: E402

BIN = Path(sys.executable).parent / "factcheck"


def write_copies(corpus: Path, copies: int, out: Path) -> int:
    """The corpus's records ``copies`` times, titles numbered; returns the bytes written."""
    out.mkdir(parents=True, exist_ok=True)
    size = 0
    for k in range(copies):
        for src in sorted(corpus.glob("*.jsonl")):
            dest = out / f"copy{k:02d}-{src.name}"
            with src.open(encoding="utf-8") as fin, dest.open("w", encoding="utf-8") as fout:
                for line in fin:
                    if not line.strip():
                        continue
                    rec = json.loads(line)
                    rec["title"] = f"{rec.get('title') or ''}（{k + 1}）"
                    fout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            size += dest.stat().st_size
    return size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="zh-news-scale directory (*.jsonl)")
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--claims", type=int, default=300)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/fc10m"))
    ap.add_argument("--keep", action="store_true", help="reuse the copies and the index already in --workdir")
    args = ap.parse_args()

    texts = args.workdir / "copies"
    index = args.workdir / "index.sqlite"
    if not args.keep:
        shutil.rmtree(args.workdir, ignore_errors=True)
    if not (args.keep and texts.exists()):
        raw = write_copies(args.corpus, args.copies, texts)
    else:
        raw = sum(p.stat().st_size for p in texts.glob("*.jsonl"))
    if not (args.keep and index.exists()):
        status, peak, seconds = measure([str(BIN), "index", "--index", str(index), str(texts)], quiet=True)
        if status != 0:
            sys.exit(f"factcheck index exited with {status}")
        build = {"build_s": round(seconds, 1), "build_peak_mb": round(peak / 2**20)}
    else:
        build = {}

    from factcheck.check import Checker
    from factcheck.store import Store

    with Store.open(index) as store:
        sentences = store.sentence_count()
    size = sum(p.stat().st_size for p in args.workdir.glob("index.sqlite*"))
    claims = claims_of(index, args.claims, 7)
    times: list[float] = []
    found = 0
    with Store.open(index) as store:
        checker = Checker(store)
        checker.check("预热一下这个索引的查询")
        for _, claim, rowid in claims:
            t = time.perf_counter()
            result = checker.check(claim)
            times.append((time.perf_counter() - t) * 1000)
            source = store.sentences_by_rowid([rowid])[rowid].text
            found += bool(result.matches) and source in result.matches[0].text  # any copy counts
    times.sort()
    report = {
        "sentences": sentences, "raw_mb": round(raw / 2**20), "index_mb": round(size / 2**20),
        "index_over_raw": round(size / raw, 2), **build,
        "sentences_per_s": round(sentences / build["build_s"]) if build else None,
        "median_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * len(times))], 2),
        "p99_ms": round(times[int(0.99 * len(times))], 2), "recall1": round(100 * found / len(claims), 1),
    }
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
