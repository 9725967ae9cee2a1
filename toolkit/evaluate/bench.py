"""Benchmarks: ``python -m toolkit.evaluate.bench [--data ../shared/data]`` (``make bench``).

Prints markdown tables for docs/BENCHMARKS.md:

1. speed of cleaning, tokenizing and the whole ``Analyzer.analyze`` on a synthetic
   corpus built from ``corpora/samples`` (characters per second), next to plain jieba
   (``jieba.Tokenizer().lcut``, identical to ``jieba.lcut``) measured in the same run;
2. segmentation P/R/F1 on the SIGHAN 2005 PKU dev gold (``seg/pku_dev_gold.utf8``)
   for each back-end, HMM on/off, with and without the bundled dictionary (skipped when
   the data directory is missing).

``--merge-memory N`` instead measures the peak memory of a report run over N tiny articles.
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..corpus import read_text_file
from ..pipeline.analyzer import Analyzer
from ..resources import default_model_dir
from ..text.normalize import clean
from ..text.tokenizer import Tokenizer
from .scoring import PRF, micro, score_sets

__all__ = ["main", "merge_memory_table", "scaling_table", "segmentation_prf", "speed_table"]


def _samples(n_copies: int) -> list[str]:
    root = default_model_dir().parent / "corpora" / "samples"
    base = [read_text_file(p) for p in sorted(root.glob("*.txt"))]
    return base * n_copies


def _rate(fn: Callable[[str], object], texts: Sequence[str], repeat: int) -> float:
    n = sum(len(t) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return n / best


def scaling_table(n_copies: int = 600) -> str:
    """One process against two on a corpus large enough for the workers' start-up to amortise."""
    texts = _samples(n_copies)
    n = sum(len(t) for t in texts)
    full = Analyzer().load()
    for _art in full.pipe(texts[:20]):
        pass
    secs = {}
    for n_process in (1, 2):
        t0 = time.perf_counter()
        for _art in full.pipe(texts, n_process=n_process):
            pass
        secs[n_process] = time.perf_counter() - t0
    return "\n".join([
        f"{len(texts)} articles, {n:,} characters (corpora/samples × {n_copies}), one run each, "
        "full report (`Analyzer.pipe`, batch_size 64)",
        "",
        "| processes | seconds | chars/s | speed-up |",
        "|---:|---:|---:|---:|",
        *(f"| {k} | {secs[k]:.1f} | {n / secs[k]:,.0f} | ×{secs[1] / secs[k]:.2f} |" for k in (1, 2)),
    ])


def speed_table(n_copies: int = 150, repeat: int = 3) -> str:
    """Characters per second of each step on the same texts, best of ``repeat`` runs."""
    import jieba

    texts = _samples(n_copies)
    cleaned = [clean(t).text for t in texts]
    plain = jieba.Tokenizer()
    plain.initialize()
    fast = Tokenizer(backend="rjieba").load()
    slow = Tokenizer(backend="jieba").load()
    base = Analyzer(components=()).load()
    tone = Analyzer(components=("sentiment",)).load()
    full = Analyzer().load()
    quick = Analyzer(ner_model="fast").load()

    def pipe_all(texts: Sequence[str], analyzer: Analyzer = full) -> None:
        for _ in analyzer.pipe(list(texts)):
            pass

    rows = [
        ("plain `jieba.lcut` (HMM on, default dictionary)", lambda t: plain.lcut(t), cleaned),
        ("cleaning (`toolkit.clean`)", lambda t: clean(t), texts),
        ("tokenizing, rjieba back-end (`Tokenizer.cut`, with POS)", fast.cut, cleaned),
        ("tokenizing, rjieba back-end (`Tokenizer.lcut`, words only)", fast.lcut, cleaned),
        ("tokenizing, jieba back-end (`Tokenizer.cut`, with POS)", slow.cut, cleaned),
        ("cleaning + sentences + tokens (`Analyzer(components=()).analyze`)", base.analyze, texts),
        ("cleaning + sentences + tokens + tone (`components=(\"sentiment\",)`)", tone.analyze, texts),
        ("full report, one article per call (`Analyzer.analyze`: + entities + keywords + tone + quotes)",
         full.analyze, texts),
    ]
    n_chars = sum(len(t) for t in texts)
    lines = [
        f"{len(texts)} articles, {n_chars:,} characters (corpora/samples × {n_copies}); "
        f"best of {repeat} runs; {platform.processor() or platform.machine()}, Python {platform.python_version()}",
        "",
        "| step | chars/s | × plain jieba.lcut |",
        "|---|---:|---:|",
    ]
    first = 0.0
    for name, fn, data in rows:
        rate = _rate(fn, data, repeat)
        first = first or rate
        lines.append(f"| {name} | {rate:,.0f} | {rate / first:.2f} |")
    n = sum(len(t) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        pipe_all(texts)
        best = min(best, time.perf_counter() - t0)
    name = "full report, batched (`Analyzer.pipe`, batch_size 64)"
    lines.append(f"| {name} | {n / best:,.0f} | {n / best / first:.2f} |")
    best_fast = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        pipe_all(texts, quick)
        best_fast = min(best_fast, time.perf_counter() - t0)
    name = "full report, batched, fast NER (`Analyzer(ner_model=\"fast\").pipe`)"
    lines.append(f"| {name} | {n / best_fast:,.0f} | {n / best_fast / first:.2f} |")
    best2 = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _art in full.pipe(list(texts), n_process=2):
            pass
        best2 = min(best2, time.perf_counter() - t0)
    name = "full report, 2 processes (`Analyzer.pipe`, n_process=2)"
    lines.append(f"| {name} | {n / best2:,.0f} | {n / best2 / first:.2f} |")
    t0 = time.perf_counter()
    for _art in full.pipe(list(texts[:2]), n_process=2, batch_size=1):
        pass
    startup = time.perf_counter() - t0
    lines.append("")
    lines.append(f"Full report: {len(texts) / best:,.1f} articles/s batched in one process; "
                 f"{len(texts) / best2:,.1f} articles/s on 2 processes (×{best / best2:.2f}, including "
                 f"{startup:.1f} s to start the two workers and load their models, paid once per run).")
    import resource

    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines.append(f"Peak resident memory: this process {main_mb:,.0f} MB (all models loaded, jieba and "
                 f"both tokenizer back-ends), largest worker process {child_mb:,.0f} MB.")
    return "\n".join(lines)


def _spans(words: Iterable[str]) -> set[tuple[int, int]]:
    out, i = set(), 0
    for w in words:
        out.add((i, i + len(w)))
        i += len(w)
    return out


def segmentation_prf(gold: Sequence[Sequence[str]], cut: Callable[[str], list[str]]) -> PRF:
    """Word-level counts of ``cut`` against gold segmentations: a word is right when its start
    and end are those of a gold word (SIGHAN bakeoff scoring; whitespace tokens left out).

    >>> segmentation_prf([["北京", "大学", "生"]], lambda text: ["北京大学", "生"])
    PRF(tp=1, fp=1, fn=2)
    """
    return micro(score_sets(_spans(words), _spans(w for w in cut("".join(words)) if w.strip())) for words in gold)


def segmentation_table(data: Path) -> str:
    path = data / "seg" / "pku_dev_gold.utf8"
    if not path.is_file():
        return f"(skipped: {path} not found)"
    gold = [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [
        f"SIGHAN 2005 PKU dev gold ({path.name}, {len(gold)} lines)",
        "",
        "| back-end | HMM | bundled dictionary | P | R | F1 |",
        "|---|---|---|---:|---:|---:|",
    ]
    for backend in ("rjieba", "jieba"):
        for hmm in (False, True):
            for bundled in (True, False):
                tok = Tokenizer(backend=backend, hmm=hmm, bundled_dict=bundled)
                s = segmentation_prf(gold, tok.lcut)
                lines.append(f"| {backend} | {'on' if hmm else 'off'} | {'yes' if bundled else 'no'} "
                             f"| {s.precision:.4f} | {s.recall:.4f} | {s.f1:.4f} |")
    return "\n".join(lines)


_LONG_RUN = """
import json, resource, sys, time
from pathlib import Path
from toolkit import Analyzer, read_text_file
size, comps = int(sys.argv[1]), tuple(c for c in sys.argv[2].split(",") if c)
base = "\\n".join(read_text_file(p) for p in sorted(Path("corpora/samples").glob("*.txt")))
text = (base * (size // len(base) + 1))[:size]
a = Analyzer(components=comps).load()
def peak_kb():
    # VmHWM starts afresh with the new program; ru_maxrss on Linux keeps the parent's peak
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
before = peak_kb()
t0 = time.perf_counter()
art = a.analyze(text)
dt = time.perf_counter() - t0
peak = peak_kb()
print(json.dumps({"seconds": dt, "peak_mb": peak / 1024, "models_mb": before / 1024, "sentences": len(art.sentences)}))
"""


def long_input_table(sizes: Sequence[int] = (1_000_000, 10_000_000),
                     layers: Sequence[tuple[str, ...]] = ((), ("entities", "keywords", "sentiment", "quotes"))) -> str:
    """Time and peak memory of one long article, each size in a fresh process (linearity check)."""
    import json
    import subprocess

    lines = ["| layers | size | seconds | chars/s | peak RSS MB (models loaded before) |", "|---|---:|---:|---:|---:|"]
    for comps in layers:
        for size in sizes:
            res = subprocess.run([sys.executable, "-c", _LONG_RUN, str(size), ",".join(comps)], check=True,
                                 capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
            r = json.loads(res.stdout.strip().splitlines()[-1])
            name = "cleaning + sentences + tokens" if not comps else " + ".join(("tokens", *comps))
            lines.append(f"| {name} | {size / 1e6:g} MB | {r['seconds']:.1f} | {size / r['seconds']:,.0f} "
                         f"| {r['peak_mb']:,.0f} ({r['models_mb']:,.0f}) |")
    return "\n".join(lines)


_MERGE_RUN = """
import json, random, sys, tempfile, time
from pathlib import Path
from toolkit import Analyzer
from toolkit.pipeline.shards import run_sharded
n, fmt = int(sys.argv[1]), sys.argv[2]
rng = random.Random(0)
chars = "华为发布新手机中国经济增长市场股票上涨公司宣布今天北京上海科技人工智能政府报告显示"
with tempfile.TemporaryDirectory() as tmp:
    src = Path(tmp) / "tiny.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = "".join(rng.choice(chars) for _ in range(rng.randint(10, 20))) + "。"
            fh.write(json.dumps({"id": f"a{i}", "text": text}, ensure_ascii=False) + "\\n")
    t0 = time.perf_counter()
    summary, _ = run_sharded(Analyzer(components=()).load(), [src], Path(tmp) / "out", progress=False, format=fmt)
    dt = time.perf_counter() - t0
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": dt, "peak_mb": peak / 1024, "articles": summary.n_articles}))
"""


def merge_memory_table(n_articles: int = 200_000, formats: Sequence[str] = ("csv", "parquet")) -> str:
    """Peak memory of a sharded report run (``run_sharded``, cleaning + sentences + tokens) over
    ``n_articles`` tiny articles (10-20 characters), each format in a fresh process (Linux)."""
    import json
    import subprocess

    lines = ["| format | articles | seconds | peak RSS MB |", "|---|---:|---:|---:|"]
    for fmt in formats:
        res = subprocess.run([sys.executable, "-c", _MERGE_RUN, str(n_articles), fmt], check=True,
                             capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
        r = json.loads(res.stdout.strip().splitlines()[-1])
        lines.append(f"| {fmt} | {r['articles']:,} | {r['seconds']:.1f} | {r['peak_mb']:,.0f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.evaluate.bench", description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data", help="shared data directory (for SIGHAN)")
    ap.add_argument("--copies", type=int, default=150, help="copies of the sample corpus for the speed test")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-long", action="store_true", help="skip the 1 MB / 10 MB single-article runs")
    ap.add_argument("--merge-memory", type=int, default=0, metavar="N",
                    help="only measure the peak memory of a report run over N tiny articles (CSV and parquet)")
    ns = ap.parse_args(argv)
    if ns.merge_memory:
        print(f"## Peak memory of a report run over {ns.merge_memory:,} tiny articles (fresh process per row)\n")
        print(merge_memory_table(ns.merge_memory))
        return 0
    print("## Speed\n")
    print(speed_table(ns.copies, ns.repeat))
    print("\n## Scaling from 1 to 2 processes\n")
    print(scaling_table(ns.copies * 4))
    print("\n## Segmentation\n")
    print(segmentation_table(Path(ns.data)))
    if not ns.no_long:
        print("\n## One long article (fresh process per row)\n")
        print(long_input_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
