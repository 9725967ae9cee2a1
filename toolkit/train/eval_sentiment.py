"""``make eval-sentiment``: tone accuracy on ChnSentiCorp dev and the project's news dev set, and speed.

ChnSentiCorp dev (hotel reviews, positive/negative): accuracy of the toolkit's n-gram
classifier alone, of ``Analyzer.sentiment`` (sign of the score), of the lexicon alone (sign of
its total; no evidence counts as positive, the majority class), of a plain TF-IDF + logistic
regression over jieba words fitted on the train split, and of SnowNLP (``p > 0.5``) when
it is installed (``pip install -e .[dev]``).

News dev (``corpora/annotated/sentiment_dev.tsv``, positive/negative/neutral): per-label
P/R/F1 and macro F1 of the toolkit's sentence tone, the lexicon alone (no evidence → neutral)
and SnowNLP (neutral between 0.4 and 0.6). Speed: sentences per second of
``Analyzer.sentiment`` over the sentences of ChnSentiCorp dev, one process.
"""
from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..analyzer import Analyzer
from ..normalize import split_sentences
from .sentiment import ROOT, read_labelled, read_news

__all__ = ["prf", "main"]

LABELS = ("negative", "neutral", "positive")


def prf(gold: Sequence[str], pred: Sequence[str], label: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of one label."""
    tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
    n_pred, n_gold = list(pred).count(label), list(gold).count(label)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _snownlp() -> Callable[[str], float] | None:
    try:
        from snownlp import SnowNLP
    except ImportError:
        return None
    return lambda text: float(SnowNLP(text).sentiments)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.train.eval_sentiment", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--news", type=Path, default=ROOT / "corpora" / "annotated" / "sentiment_dev.tsv")
    ns = ap.parse_args(argv)

    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    a = Analyzer(components=("sentiment",), model_dir=ns.model_dir).load()
    model, tok = a.sentiment_model, a.tokenizer
    snow = _snownlp()

    # ---- ChnSentiCorp dev
    texts, y = read_labelled(ns.data / "sentiment" / "chnsenticorp" / "dev.jsonl")
    gold = np.array(y)
    toks = [tok.lcut(t) for t in texts]
    rows: list[tuple[str, float]] = []
    rows.append(("always positive (majority)", float(gold.mean())))
    tr_texts, tr_y = read_labelled(ns.data / "sentiment" / "chnsenticorp" / "train.jsonl")
    plain = TfidfVectorizer(analyzer=lambda t: [w for w in t if w.strip()])
    xtr = plain.fit_transform([tok.lcut(t) for t in tr_texts])
    lr = LogisticRegression(max_iter=2000).fit(xtr, tr_y)
    rows.append(("TF-IDF words + LR (train split)", float((lr.predict(plain.transform(toks)) == gold).mean())))
    if snow is not None:
        rows.append(("SnowNLP", float(((np.array([snow(t) for t in texts]) > 0.5) == gold).mean())))
    lex = np.array([sum(model.lexicon.score(tok.lcut(t[s:e])).total for s, e in split_sentences(t)) for t in texts])
    rows.append(("toolkit lexicon alone", float(((lex >= 0) == gold).mean())))
    margins = model.classifier.margin(texts, toks)
    rows.append(("toolkit n-gram classifier", float(((margins > 0) == gold).mean())))
    scores = np.array([a.sentiment(t).score for t in texts])
    rows.append(("toolkit Analyzer.sentiment (sign of score)", float(((scores > 0) == gold).mean())))
    print(f"## ChnSentiCorp dev ({len(texts)} reviews, {gold.mean():.1%} positive): accuracy\n")
    print("| method | accuracy |\n|---|---:|")
    for name, acc in rows:
        print(f"| {name} | {acc:.4f} |")

    # ---- news dev
    n_texts, n_gold = read_news(ns.news)
    preds: dict[str, list[str]] = {}
    preds["toolkit sentence tone"] = [a.sentiment(t).label for t in n_texts]
    lex_tot = [model.lexicon.score(tok.lcut(t)).total for t in n_texts]
    preds["toolkit lexicon alone"] = ["positive" if v > 0 else "negative" if v < 0 else "neutral" for v in lex_tot]
    clf = model.classifier.margin(n_texts, [tok.lcut(t) for t in n_texts])
    preds["toolkit n-gram classifier (never neutral)"] = ["positive" if m > 0 else "negative" for m in clf]
    if snow is not None:
        preds["SnowNLP (neutral 0.4-0.6)"] = [
            "positive" if p > 0.6 else "negative" if p < 0.4 else "neutral" for p in (snow(t) for t in n_texts)]
    print(f"\n## Project news sentences, {ns.news.name} ({len(n_texts)} sentences: "
          + ", ".join(f"{n_gold.count(lab)} {lab}" for lab in LABELS) + ")\n")
    print("| method | " + " | ".join(f"{lab} P/R/F1" for lab in LABELS) + " | macro F1 |")
    print("|---|" + "---|" * len(LABELS) + "---:|")
    for name, pred in preds.items():
        cells, f1s = [], []
        for lab in LABELS:
            p, r, f = prf(n_gold, pred, lab)
            cells.append(f"{p:.2f}/{r:.2f}/{f:.3f}")
            f1s.append(f)
        print(f"| {name} | " + " | ".join(cells) + f" | {sum(f1s) / len(f1s):.4f} |")

    # ---- speed
    sents = [t[s:e] for t in texts for s, e in split_sentences(t)]
    for s in sents[:50]:
        a.sentiment(s)
    t0 = time.perf_counter()
    for s in sents:
        a.sentiment(s)
    dt = time.perf_counter() - t0
    n_chars = sum(len(s) for s in sents)
    print(f"\n## Speed: Analyzer.sentiment one sentence at a time, one process\n\n"
          f"{len(sents):,} sentences ({n_chars:,} chars) of ChnSentiCorp dev in {dt:.1f} s: "
          f"**{len(sents) / dt:,.0f} sentences/s** ({n_chars / dt:,.0f} chars/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
