"""``make eval-keywords``: CSL dev keywords, P/R/F1 at 5 and 10 (exact match), next to jieba.

CSL rows are ``{"text": abstract + " " + title, "keywords": [...]}``; the title (the text
after the last space) is passed to the toolkit as the headline. jieba's ``extract_tags`` and
``textrank`` run on a private ``jieba.Tokenizer`` with their default settings.
"""
from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..pipeline.analyzer import Analyzer
from .scoring import PRF, micro

__all__ = ["prf_at", "main"]


def prf_at(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], k: int) -> PRF:
    """Counts of the first ``k`` predicted keywords of each document against its gold keywords
    (exact match), summed over the documents; a keyword predicted twice is a false positive the
    second time.

    >>> prf_at([["量子", "芯片"]], [["芯片", "算法", "芯片", "量子"]], 3)
    PRF(tp=1, fp=2, fn=1)
    """
    def one(g: Sequence[str], p: Sequence[str]) -> PRF:
        top = list(p)[:k]
        return PRF.from_counts(len(set(g) & set(top)), n_pred=len(top), n_gold=len(set(g)))

    return micro(one(g, p) for g, p in zip(gold, pred, strict=True))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.evaluate.keywords", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--model-dir", default=None)
    ns = ap.parse_args(argv)
    path = ns.data / "keywords" / "csl" / "dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = [r["keywords"] for r in rows]

    import jieba
    import jieba.analyse
    import jieba.posseg

    jt = jieba.Tokenizer()
    tfidf = jieba.analyse.TFIDF()
    tfidf.tokenizer, tfidf.postokenizer = jt, jieba.posseg.POSTokenizer(jt)
    trank = jieba.analyse.TextRank()
    trank.tokenizer = trank.postokenizer = jieba.posseg.POSTokenizer(jt)

    def ours(method: str, components: tuple[str, ...]) -> Callable[[str], list[str]]:
        an = Analyzer(components=components, keyword_method=method, model_dir=ns.model_dir).load()

        def run(text: str) -> list[str]:
            title = text.rpartition(" ")[2]
            return [k.term for k in an.keywords(text, top_k=10, title=title)]
        return run

    fitted_an = Analyzer(components=("keywords",), model_dir=ns.model_dir).load()
    fitted = fitted_an.keyword_extractor.fit([fitted_an.tokenizer.cut(r["text"]) for r in rows],
                                             fitted_an.tokenizer.stop_words)

    def corpus_idf(text: str) -> list[str]:
        toks = fitted_an.tokenizer.cut(text)
        return [k.term for k in fitted.extract(toks, fitted_an.tokenizer.stop_words, title=text.rpartition(" ")[2])]

    systems: list[tuple[str, Callable[[str], list[str]]]] = [
        ("jieba.analyse.extract_tags (TF-IDF)", lambda t: list(tfidf.extract_tags(t, topK=10))),
        ("jieba.analyse.textrank", lambda t: list(trank.textrank(t, topK=10))),
        ("toolkit tfidf (words + phrases)", ours("tfidf", ("keywords",))),
        ("toolkit textrank (words + phrases)", ours("textrank", ("keywords",))),
        ("toolkit tfidf, entities kept whole (default pipeline)", ours("tfidf", ("entities", "keywords"))),
        ("toolkit tfidf, IDF fitted on the 1000 abstracts (corpus_idf)", corpus_idf),
    ]
    print(f"CSL dev ({path}, {len(rows)} abstracts), exact match\n")
    print("| system | P@5 | R@5 | F1@5 | P@10 | R@10 | F1@10 | docs/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, fn in systems:
        t0 = time.perf_counter()
        pred = [fn(r["text"]) for r in rows]
        rate = len(rows) / (time.perf_counter() - t0)
        at5, at10 = prf_at(gold, pred, 5), prf_at(gold, pred, 10)
        cells = " | ".join(f"{s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f}" for s in (at5, at10))
        print(f"| {name} | {cells} | {rate:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
