"""Recipe for the shipped tone model: ``python -m toolkit.train.sentiment`` (``make train-sentiment``).

1. An n-gram classifier (TF-IDF over character 1–3-grams and toolkit word 1–2-grams,
   logistic regression) on ChnSentiCorp's train split under ``--data`` (default
   ``../shared/data``). ``--extra waimai_10k,online_shopping_10_cats`` adds other review sets
   (measured: it lowers ChnSentiCorp dev accuracy, see docs/BENCHMARKS.md). Its decision
   values are Platt-calibrated (scale only) on 5-fold out-of-fold predictions of the train split.
2. A three-class combiner (negative/neutral/positive) over the calibrated classifier
   log-odds and the lexicon's positive and negative sums, fitted on the project's annotated
   news sentences (``corpora/annotated/sentiment_train.tsv``).

Writes ``classifier.json`` (parameters, vocabularies, intercept, calibration, combiner) and
``classifier.npz`` (IDF and weight arrays) to ``--dest`` (default ``models/sentiment``).
Only train splits are read.
"""
from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["read_labelled", "read_news", "train", "main"]

ROOT = Path(__file__).resolve().parents[2]
NEWS_TRAIN = ROOT / "corpora" / "annotated" / "sentiment_train.tsv"
CHAR_NGRAM = (1, 3)
WORD_NGRAM = (1, 2)


def read_labelled(path: Path) -> tuple[list[str], list[int]]:
    """A review set: JSONL rows ``{"label": 0|1, "text": ...}``; rows without text are skipped."""
    texts, labels = [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if isinstance(row.get("text"), str) and row["text"].strip() and row.get("label") in (0, 1):
                texts.append(row["text"])
                labels.append(int(row["label"]))
    return texts, labels


def read_news(path: Path) -> tuple[list[str], list[str]]:
    """The project's annotated news sentences: ``label<TAB>sentence`` lines, ``#`` comments."""
    texts, labels = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, _, text = line.partition("\t")
        if label not in ("negative", "neutral", "positive") or not text.strip():
            raise ValueError(f"{path}:{n}: expected 'negative|neutral|positive<TAB>sentence', got {line!r}")
        texts.append(text.strip())
        labels.append(label)
    return texts, labels


def train(data: Path, dest: Path, *, extra: list[str], c: float = 4.0, combiner_c: float = 1.0,
          review_share: float = 0.0) -> dict[str, Any]:
    """Fit and write the classifier and combiner; returns the training report."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    from toolkit import Tokenizer, split_sentences
    from toolkit.sentiment import Lexicon, LexiconScore, _features, load_lexicon, word_ngrams

    t0 = time.perf_counter()
    texts, labels = read_labelled(data / "sentiment" / "chnsenticorp" / "train.jsonl")
    sources = {"chnsenticorp/train": len(texts)}
    for name in extra:
        more_texts, more_labels = read_labelled(data / "sentiment" / name / "all.jsonl")
        texts += more_texts
        labels += more_labels
        sources[f"{name}/all"] = len(more_texts)
    tok = Tokenizer()
    tokens = [tok.lcut(t) for t in texts]
    char = TfidfVectorizer(analyzer="char", ngram_range=CHAR_NGRAM, sublinear_tf=True, lowercase=True)
    word = TfidfVectorizer(analyzer=lambda toks: word_ngrams(toks, WORD_NGRAM[1]), sublinear_tf=True)
    from scipy.sparse import hstack

    x = hstack([char.fit_transform(texts), word.fit_transform(tokens)]).tocsr()
    y = np.array(labels)
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit(x, y)
    oof = cross_val_predict(LogisticRegression(C=c, max_iter=5000), x, y, cv=5, method="decision_function")
    # Calibrate the scale only: the full-data model keeps its own decision threshold.
    platt = LogisticRegression(C=1e6, max_iter=1000, fit_intercept=False).fit(oof.reshape(-1, 1), y)
    platt_ab = (float(platt.coef_[0, 0]), 0.0)
    oof_acc = float(((oof > 0).astype(int) == y).mean())

    # Combiner: the project's news sentences (three classes) plus the review documents
    # (two classes, out-of-fold classifier margins), the reviews together weighing
    # ``review_share`` of the news sentences, so it learns when to trust each scorer.
    lexicon: Lexicon = load_lexicon(dest / "lexicon.tsv")
    n_texts, n_labels = read_news(NEWS_TRAIN)
    n_tokens = [tok.lcut(t) for t in n_texts]
    nx = hstack([char.transform(n_texts), word.transform(n_tokens)]).tocsr()
    margins = platt_ab[0] * (nx @ clf.coef_[0] + clf.intercept_[0]) + platt_ab[1]
    feats = [_features(float(m), lexicon.score(toks)) for m, toks in zip(margins, n_tokens, strict=True)]
    comb_y = list(n_labels)
    weights_ = [1.0] * len(n_texts)
    if review_share > 0:
        n_rev = sources["chnsenticorp/train"]  # the in-domain reviews come first
        for i in range(n_rev):
            lex = LexiconScore.combine(lexicon.score(tok.lcut(texts[i][a:b])) for a, b in split_sentences(texts[i]))
            feats.append(_features(float(platt_ab[0] * oof[i] + platt_ab[1]), lex))
            comb_y.append("positive" if labels[i] == 1 else "negative")
            weights_.append(review_share * len(n_texts) / n_rev)
    order = ["negative", "neutral", "positive"]
    comb = LogisticRegression(C=combiner_c, max_iter=5000).fit(np.array(feats), np.array(comb_y),
                                                               sample_weight=np.array(weights_))
    idx = [list(comb.classes_).index(k) for k in order]
    weights = [[round(float(v), 6) for v in comb.coef_[i]] for i in idx]
    bias = [round(float(comb.intercept_[i]), 6) for i in idx]

    char_vocab = sorted(char.vocabulary_, key=char.vocabulary_.__getitem__)
    word_vocab = sorted(word.vocabulary_, key=word.vocabulary_.__getitem__)
    report = {
        "trained": date.today().isoformat(),
        "sources": sources,
        "news_combiner_sentences": len(n_texts),
        "features": {"char": len(char_vocab), "word": len(word_vocab)},
        "train_out_of_fold_accuracy": round(oof_acc, 4),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    meta = {
        "format": 1,
        "params": {"char_ngram": list(CHAR_NGRAM), "word_ngram": list(WORD_NGRAM), "C": c,
                   "combiner_C": combiner_c, "review_share": review_share},
        "intercept": float(clf.intercept_[0]),
        "platt": list(platt_ab),
        "combiner": {"classes": order, "inputs": ["tanh(log_odds/4)", "tanh(lexicon_positive/2)",
                                                  "tanh(lexicon_negative/2)"],
                     "weights": weights, "bias": bias},
        "training": report,
        "char_vocabulary": char_vocab,
        "word_vocabulary": word_vocab,
    }
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "classifier.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")),
                                          encoding="utf-8")
    np.savez_compressed(dest / "classifier.npz", char_idf=char.idf_.astype("float32"),
                        word_idf=word.idf_.astype("float32"), coef=clf.coef_[0].astype("float32"))
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.train.sentiment", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--dest", type=Path, default=Path("models/sentiment"))
    ap.add_argument("--extra", default="", help="comma-separated extra review sets under sentiment/")
    ap.add_argument("--C", type=float, default=4.0, dest="c")
    ap.add_argument("--review-share", type=float, default=0.0,
                    help="weight of the review documents in the combiner, relative to the news sentences")
    ns = ap.parse_args(argv)
    extra = [e for e in ns.extra.split(",") if e]
    report = train(ns.data, ns.dest, extra=extra, c=ns.c, review_share=ns.review_share)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
