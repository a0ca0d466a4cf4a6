"""Verdicts on claims generated from a real corpus: figures (issue 10) and changed words (issue 11).

Builds (or reuses) an index of CORPUS, then makes claims from clause runs (one
to three consecutive clauses) of random sentences of it:

figures
* ``changed``: one figure's number changed            -> contradicted, that pair shown
* ``chinese``: one figure rewritten in Chinese numerals or with 万/亿 -> supported, paired with itself
* ``item_true``: one item of a 、 list or a 分别 list, with its own figure -> supported
* ``item_swap``: the same item given another item's figure -> contradicted, paired with the item's own figure

words
* ``entity``: a place, person or organisation (jieba's tags) swapped for another one of the corpus -> not supported
* ``direction``: 增长/增加/上升/提高/扩大/上涨 turned into the opposite          -> contradicted
* ``negation``: 是 -> 不是, 已 -> 未, 能 -> 不能, or a 不/未 removed                -> contradicted
* ``control``: the clause run unchanged                                    -> supported

For each kind it prints how many claims came out right, how often the source
sentence came first, and for the figure kinds how often the expected pair was
shown.  ``--show N`` prints up to N wrong answers of each kind.

    python tests/benchmarks/bench_verdicts.py ../shared/corpora/rmrb-accuracy/articles-000.jsonl \\
        --index /tmp/rm.sqlite --per-kind 150

Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

CLAUSE = re.compile(r"[^，,；;。！？!?]+[，,；;。！？!?]?")
UP_DOWN = {"增长": "下降", "增加": "减少", "上升": "下降", "提高": "降低", "扩大": "缩小", "上涨": "下跌"}
NEGATE = [("不是", "是"), ("未", "已"), ("不能", "能"), ("是", "不是"), ("已", "未"), ("能", "不能")]
# The repository, for the test oracle; appended, so that PYTHONPATH still picks the factcheck measured
# (put first, it made every checkout measure this one's code).
sys.path.append(str(Path(__file__).resolve().parents[2]))
from tests.test_figures import to_chinese  # noqa: E402  (Chinese numerals written independently of our parser)


def clause_runs(text: str, rng: random.Random, must: tuple[int, int] | None = None) -> tuple[str, int] | None:
    """A run of 1-3 clauses of ``text`` (covering ``must`` if given), and where it starts."""
    spans = [(m.start(), m.end()) for m in CLAUSE.finditer(text)]
    if not spans:
        return None
    idx = [k for k, (a, b) in enumerate(spans) if must is None or (a <= must[0] and must[1] <= b)]
    if not idx:
        return None
    k = rng.choice(idx)
    j = k
    while j + 1 < len(spans) and spans[j][1] - spans[k][0] < 12:
        j += 1
    j = min(len(spans) - 1, j + rng.randint(0, 1))
    a, b = spans[k][0], spans[j][1]
    return text[a:b].rstrip("，,；;"), a


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--index", type=Path, help="reuse or keep the index here")
    ap.add_argument("--per-kind", type=int, default=100)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--show", type=int, default=0, help="print up to N wrong answers of each kind")
    args = ap.parse_args()

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(60)
    from factcheck.check import Checker
    from factcheck.figures import read_figures
    from factcheck.indexer import index_paths
    from factcheck.store import Store

    index = args.index or Path(tempfile.mkdtemp()) / "bench.sqlite"
    store = Store.open(index, create=True)
    if store.sentence_count() <= 1:
        index_paths(store, [args.corpus])
    sentences = [s for s in store.all_sentences() if 16 <= len(s.text) <= 160]
    rng = random.Random(args.seed)
    rng.shuffle(sentences)
    print(f"index {index}: {store.sentence_count()} sentences", file=sys.stderr)

    claims: dict[str, list[tuple[str, int, tuple[str, str] | None]]] = defaultdict(list)
    names: dict[str, set[str]] = defaultdict(set)
    for s in sentences[:3000]:
        for w, flag in pseg.cut(s.text):
            if flag in ("ns", "nr", "nt") and len(w) >= 2:
                names[flag].add(w)
    pools = {k: sorted(v) for k, v in names.items()}

    def want(kind: str) -> bool:
        return len(claims[kind]) < args.per_kind

    for s in sentences:
        if not any(want(k) for k in ("changed", "chinese", "item_true", "item_swap", "entity", "direction", "negation", "control")):
            break
        text = s.text
        figs = [f for f in read_figures(text) if f.kind != "unread"]
        # -- figures
        plain = [f for f in figs if re.fullmatch(r"\d+(\.\d+)?[^\d]*", f.text) and f.kind != "date" and f.low == f.high]
        if plain and (want("changed") or want("chinese")):
            f = rng.choice(plain)
            run = clause_runs(text, rng, (f.start, f.end))
            if run:
                clause, base = run
                a, b = f.start - base, f.end - base
                num = re.match(r"\d+(?:\.\d+)?", f.text).group()
                if want("changed"):
                    new = str(int(float(num)) + rng.choice([1, 2, 3, 7, 10, 11])) if "." not in num else f"{float(num) + 0.3:.{len(num.split('.')[1])}f}"
                    claims["changed"].append((clause[:a] + new + clause[a + len(num) :], s.rowid, (new + f.text[len(num):], f.text)))
                if want("chinese") and "." not in num and 1 <= int(num) < 10**8:
                    n = int(num)
                    if n >= 10000 and n % 100 == 0 and rng.random() < 0.5:
                        w = f"{n / 10000:g}万"
                    else:
                        w = to_chinese(n)
                    claims["chinese"].append((clause[:a] + w + clause[a + len(num) :], s.rowid, (w + f.text[len(num):], f.text)))
        # 、 lists of one unit: 国际标准48项、国家标准344项、行业标准341项
        for clause_m in CLAUSE.finditer(text):
            clause = clause_m.group().rstrip("，,；;。！？!?")
            base = clause_m.start()
            cf = [f for f in figs if base <= f.start and f.end <= base + len(clause) and f.kind not in ("date",)]
            if len(cf) < 2 or len({f.unit for f in cf}) != 1 or not (want("item_true") or want("item_swap")):
                continue
            segs = clause.split("、")
            if "分别" in clause or len(segs) != len(cf) or any(len(read_figures(x)) != 1 for x in segs):
                continue
            head = segs[0][: cf[0].start - base]
            words = jieba.lcut(head)
            if len(words) < 2:
                continue
            prefix = "".join(words[:-1])
            if len(prefix) < 4:
                continue
            k = rng.randrange(1, len(segs))
            other = rng.choice([j for j in range(len(cf)) if cf[j].low != cf[k].low] or [None])
            item = segs[k]
            if want("item_true"):
                claims["item_true"].append((prefix + item, s.rowid, (cf[k].text, cf[k].text)))
            if other is not None and want("item_swap"):
                own = cf[k].text
                num_k = re.match(r"[\d.,]+", own)
                num_o = re.match(r"[\d.,]+", cf[other].text)
                if num_k and num_o:
                    swapped = item.replace(num_k.group(), num_o.group(), 1)
                    claims["item_swap"].append((prefix + swapped, s.rowid, (num_o.group() + own[len(num_k.group()):], own)))
        # 分别 lists with named items: 贵阳站、贵阳东站…增幅分别达到7.4%和81.5%
        m = re.search(r"([^，。；]*?)分别([^，。；\d]*)", text)
        if m and (want("item_true") or want("item_swap")):
            chain = [f for f in figs if f.start >= m.end() and f.kind != "date"]
            items = [x for x in re.split(r"、|和|及|与", m.group(1)) if x]
            if len(items) >= 2 and len(chain) >= len(items):
                chain = chain[: len(items)]
                gaps = [text[chain[i].end : chain[i + 1].start] for i in range(len(chain) - 1)]
                if all(g in ("、", "和", "，", "及") for g in gaps) and len({f.unit for f in chain}) == 1:
                    last = items[-1]
                    claim_true = last + m.group(2) + chain[-1].text
                    claims["item_true"].append((claim_true, s.rowid, (chain[-1].text, chain[-1].text)))
                    if chain[0].text != chain[-1].text and chain[0].low != chain[-1].low:
                        claims["item_swap"].append((last + m.group(2) + chain[0].text, s.rowid, (chain[0].text, chain[-1].text)))
        # -- words
        run = clause_runs(text, rng)
        if not run:
            continue
        clause, _ = run
        if len(clause) < 10:
            continue
        if want("control"):
            claims["control"].append((clause, s.rowid, None))
        if want("direction"):
            for up, down in UP_DOWN.items():
                if up in clause:
                    claims["direction"].append((clause.replace(up, down, 1), s.rowid, None))
                    break
        if want("negation"):
            for a, b in NEGATE:
                i = clause.find(a)
                if i < 0 or (a in ("是", "已", "能") and clause[max(0, i - 1) : i] in ("不", "未", "可", "还", "但", "于", "就", "总", "要")):
                    continue
                if a in ("是", "能") and clause[i : i + 2] in ("是否", "能源", "能力", "能够", "是在"):
                    continue
                if a == "已" and clause[i : i + 2] in ("已经",):
                    continue
                claims["negation"].append((clause[:i] + b + clause[i + len(a) :], s.rowid, None))
                break
        if want("entity"):
            for w, flag in pseg.cut(clause):
                if flag in pools and len(w) >= 2 and len(pools[flag]) > 5:
                    other = rng.choice(pools[flag])
                    if other != w and other not in text:
                        claims["entity"].append((clause.replace(w, other, 1), s.rowid, None))
                        break

    expect = {
        "changed": {"contradicted"}, "chinese": {"supported"}, "item_true": {"supported"}, "item_swap": {"contradicted"},
        "entity": {"contradicted", "unverified", "not_found"}, "direction": {"contradicted"},
        "negation": {"contradicted"}, "control": {"supported"},
    }
    checker = Checker(store, top=3)
    norm_of = {s.rowid: s.norm for s in sentences}
    print(f"{'kind':10} {'claims':>6} {'right':>7} {'pair right':>10} {'source 1st':>10} {'contradicted':>12} {'supported':>9} {'median ms':>9}")
    for kind, items in claims.items():
        right = pair_ok = first = contra = supp = 0
        times = []
        shown = 0
        for claim, rowid, pair in items:
            t = time.perf_counter()
            res = checker.check(claim)
            times.append(time.perf_counter() - t)
            ok = res.verdict in expect[kind]
            right += ok
            contra += res.verdict == "contradicted"
            supp += res.verdict == "supported"
            m = res.matches[0] if res.matches else None
            if m and norm_of[rowid] in "".join(store.sentence_by_cid(c).norm for c in m.ids):
                first += 1
            p_ok = True
            if pair and m:
                p_ok = any((f.claim, f.source) == pair for f in m.figures)
            elif pair:
                p_ok = False
            pair_ok += p_ok
            if (not ok or not p_ok) and shown < args.show:
                shown += 1
                figs_s = " ".join(f"{f.claim}{'=' if f.status == 'match' else '≠' if f.status == 'mismatch' else '?'}{f.source}" for f in (m.figures if m else []))
                diffs = " ".join(f"{d.kind}:{d.claim}/{d.source}" for d in (m.differences if m else []))
                print(f"  [{kind}] {res.verdict} {m.score if m else ''} {claim} | want {pair} | {figs_s} | {diffs}\n      src: {m.text[:120] if m else ''}")
        n = len(items)
        times.sort()
        med = 1000 * times[len(times) // 2] if times else 0
        print(f"{kind:10} {n:>6} {100 * right / n:>6.1f}% {100 * pair_ok / n:>9.1f}% {100 * first / n:>9.1f}% {100 * contra / n:>11.1f}% {100 * supp / n:>8.1f}% {med:>9.1f}")


if __name__ == "__main__":
    main()
