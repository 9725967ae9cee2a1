"""Recipe for ``models/keywords/idf_supplement.tsv``: ``python -m toolkit.train.keywords``
(``make train-keywords``).

jieba's IDF table (2013, a large general corpus) lacks many words of today and words our
bundled dictionary adds. This recipe counts document frequencies of the toolkit's words in
the training text of ../shared/data (MSRA and CLUENER news, ChnSentiCorp train, waimai_10k,
online_shopping_10_cats; never the CSL keyword set, which is scored), fits a straight line
from our IDF to jieba's on the words both know, and writes, on jieba's scale, the IDF of
words jieba's table lacks that occur in at least ``min_df`` documents.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ..keywords import IdfTable, idf_from_df, jieba_idf_path, tokens_idf_fit
from ..text.tokenizer import Tokenizer

__all__ = ["documents", "main"]


def documents(data: Path, msra_group: int = 20) -> Iterator[str]:
    """Training texts of ../shared/data as documents (MSRA sentences grouped by ``msra_group``)."""
    def lines(path: Path) -> Iterator[str]:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)["text"]

    buf: list[str] = []
    for text in lines(data / "ner" / "msra" / "train.jsonl"):
        buf.append(text)
        if len(buf) == msra_group:
            yield "".join(buf)
            buf = []
    if buf:
        yield "".join(buf)
    yield from lines(data / "ner" / "cluener" / "train.jsonl")
    yield from lines(data / "sentiment" / "chnsenticorp" / "train.jsonl")
    yield from lines(data / "sentiment" / "waimai_10k" / "all.jsonl")
    yield from lines(data / "sentiment" / "online_shopping_10_cats" / "all.jsonl")


def build(data: Path, *, min_df: int = 3) -> tuple[dict[str, float], dict[str, object]]:
    tok = Tokenizer()
    df, n = tokens_idf_fit([w for w in tok.lcut(d) if len(w) >= 2 and not w.isdigit()] for d in documents(data))
    ours = idf_from_df(df, n)
    jieba = IdfTable.from_files([jieba_idf_path()])
    shared = [t for t in ours if t in jieba]
    x = np.array([ours[t] for t in shared])
    y = np.array([jieba.get(t) for t in shared])
    slope, intercept = np.polyfit(x, y, 1)
    missing = {t: round(float(slope * v + intercept), 4) for t, v in ours.items()
               if t not in jieba and df[t] >= min_df}
    stats: dict[str, object] = {"documents": n, "terms": len(ours), "shared_with_jieba": len(shared),
                                "written": len(missing),
             "slope": round(float(slope), 4), "intercept": round(float(intercept), 4), "min_df": min_df}
    return missing, stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.train.keywords", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--dest", type=Path, default=Path("models/keywords/idf_supplement.tsv"))
    ap.add_argument("--min-df", type=int, default=3)
    ns = ap.parse_args(argv)
    idf, stats = build(ns.data, min_df=ns.min_df)
    ns.dest.parent.mkdir(parents=True, exist_ok=True)
    with ns.dest.open("w", encoding="utf-8") as f:
        f.write("# IDF of words missing from jieba's table, on jieba's scale (make train-keywords)\n")
        for term in sorted(idf):
            f.write(f"{term}\t{idf[term]}\n")
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
