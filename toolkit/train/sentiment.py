"""Recipe for the shipped tone model: ``python -m toolkit.train.sentiment`` (``make train-sentiment``).

1. A three-class classifier (negative, neutral, positive): multinomial logistic regression over
   TF-IDF (sublinear tf) of character 1–3-grams and toolkit word 1–2-grams, plus the lexicon's
   positive and negative sums, trained on the train splits of news labelled by others (FinNE,
   BDCI-2019, FinNSP), of ChnSentiCorp reviews and of the project's sentences. Each set weighs
   the same in total (``--weights`` scales a set), and within a set each class weighs the same,
   so no domain or majority class drowns the others.
2. Class offsets tuned for macro-F1 on out-of-fold predictions of the news train splits (never on
   dev): the neutral band.
3. The article blend (whole text vs. mean of sentences, headline share) chosen on the dev splits
   of ChnSentiCorp, BDCI and FinNSP (documents), and the target model
   (:mod:`toolkit.train.tone_target`) trained on FinNSP train.

Writes ``classifier.json`` (parameters, vocabularies, offsets, document weights) and
``classifier.npz`` (IDF, weight and intercept arrays) to ``--dest`` (default ``models/sentiment``).
Only train splits are fitted; dev splits choose a few weights; test splits are never read.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..evaluate.datasets import DEFAULT_SETS, LABELS, Example, read_bdci, read_set

__all__ = ["DEFAULT_WEIGHTS", "fit", "main"]

CHAR_NGRAM = (1, 3)
WORD_NGRAM = (1, 2)
#: Each training set's total weight (1 = as much as FinNE); the sets are
#: toolkit.evaluate.datasets.DEFAULT_SETS.
DEFAULT_WEIGHTS = {"own": 0.5, "finnsp": 0.5}
#: Scale of the lexicon's inputs beside the L2-normed n-gram vectors.
LEXICON_SCALE = 2.0
#: Sets whose macro-F1 the class offsets are tuned for (out of fold, train splits).
OFFSET_SETS = ("finne", "bdci")


def _weights(examples: dict[str, list[Example]], scale: dict[str, float]) -> list[float]:
    """Per-example weights: each set sums to 1000 × its scale, each class within it equally."""
    out: list[float] = []
    for name, ex in examples.items():
        per_class = Counter(e.label for e in ex)
        for e in ex:
            out.append(scale.get(name, 1.0) * 1000 / (len(per_class) * per_class[e.label]))
    return out


def _tune_offsets(log_p: Any, gold: Sequence[str], groups: Sequence[str], sets: Sequence[str]) -> list[float]:
    """Offsets (negative, 0, positive) added to the log-probabilities that maximise the mean
    macro-F1 over ``sets``; a grid of 0.1 in [-1, 1]."""
    import numpy as np
    from sklearn.metrics import f1_score

    gold_a, groups_a = np.asarray(gold), np.asarray(groups)
    masks = [groups_a == s for s in sets if (groups_a == s).any()]
    labels = np.asarray(LABELS)
    best = (-1.0, 0.0, 0.0)
    grid = np.round(np.arange(-1.0, 1.01, 0.1), 2)
    for bn in grid:
        for bp in grid:
            pred = labels[(log_p + np.array([bn, 0.0, bp])).argmax(1)]
            f = float(np.mean([f1_score(gold_a[m], pred[m], average="macro") for m in masks]))
            # ties: the smaller change
            if f > best[0] + 1e-9 or (abs(f - best[0]) <= 1e-9 and abs(bn) + abs(bp) < abs(best[1]) + abs(best[2])):
                best = (f, float(bn), float(bp))
    return [best[1], 0.0, best[2]]


def fit(data: Path, *, sets: Sequence[str] = DEFAULT_SETS, scale: dict[str, float] | None = None, c: float = 10.0,
        folds: int = 5, lexicon_path: Path | None = None, lexicon_scale: float = LEXICON_SCALE
        ) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Fit the classifier; returns (meta, arrays, report) ready to write."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from toolkit import Tokenizer
    from toolkit.sentiment import CLASSES, LEXICON_INPUTS, lexicon_inputs, load_lexicon, word_ngrams

    t0 = time.perf_counter()
    scale = dict(DEFAULT_WEIGHTS if scale is None else scale)
    examples = {name: read_set(data, name, "train") for name in sets}
    texts = [e.text for ex in examples.values() for e in ex]
    gold = [e.label for ex in examples.values() for e in ex]
    groups = [name for name, ex in examples.items() for _ in ex]
    weights = np.asarray(_weights(examples, scale))
    tok = Tokenizer()
    tokens = [tok.lcut(t) for t in texts]
    lexicon = load_lexicon(lexicon_path or Path(__file__).resolve().parents[2] / "models" / "sentiment" / "lexicon.tsv")
    lex = csr_matrix(np.asarray([lexicon_inputs(lexicon.score(t)) for t in tokens]) * lexicon_scale)
    char = TfidfVectorizer(analyzer="char", ngram_range=CHAR_NGRAM, sublinear_tf=True, lowercase=True, min_df=2)
    word = TfidfVectorizer(analyzer=lambda toks: word_ngrams(toks, WORD_NGRAM[1]), sublinear_tf=True, min_df=2)
    x = hstack([char.fit_transform(texts), word.fit_transform(tokens), lex]).tocsr()
    y = np.asarray(gold)

    def model() -> LogisticRegression:
        return LogisticRegression(C=c, max_iter=5000)

    oof = np.zeros((len(y), 3))
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=0).split(x, y):
        m = model().fit(x[tr], y[tr], sample_weight=weights[tr])
        oof[te] = m.predict_log_proba(x[te])[:, [list(m.classes_).index(k) for k in CLASSES]]
    offsets = _tune_offsets(oof, gold, groups, OFFSET_SETS)
    clf = model().fit(x, y, sample_weight=weights)
    order = [list(clf.classes_).index(k) for k in CLASSES]
    coef = clf.coef_[order].T  # (features, 3)
    intercept = clf.intercept_[order]

    char_vocab = sorted(char.vocabulary_, key=char.vocabulary_.__getitem__)
    word_vocab = sorted(word.vocabulary_, key=word.vocabulary_.__getitem__)
    report = {
        "trained": date.today().isoformat(),
        "sources": {name: len(ex) for name, ex in examples.items()},
        "set_weights": {name: scale.get(name, 1.0) for name in examples},
        "features": {"char": len(char_vocab), "word": len(word_vocab), "lexicon": LEXICON_INPUTS},
        "class_offsets": offsets,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    meta = {
        "format": 2,
        "classes": list(CLASSES),
        "params": {"char_ngram": list(CHAR_NGRAM), "word_ngram": list(WORD_NGRAM), "C": c,
                   "lexicon_scale": lexicon_scale, "min_df": 2},
        "class_bias": offsets,
        "document": {"whole_text_weight": 0.5, "title_weight": 0.25},
        "training": report,
        "char_vocabulary": char_vocab,
        "word_vocabulary": word_vocab,
    }
    arrays = {"char_idf": char.idf_.astype("float32"), "word_idf": word.idf_.astype("float32"),
              "coef": coef.astype("float32"), "intercept": intercept.astype("float64")}
    return meta, arrays, report


def write(dest: Path, meta: dict[str, Any], arrays: dict[str, Any]) -> None:
    """Write ``classifier.json`` and ``classifier.npz`` (no pickle)."""
    import numpy as np

    dest.mkdir(parents=True, exist_ok=True)
    (dest / "classifier.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")),
                                          encoding="utf-8")
    np.savez_compressed(dest / "classifier.npz", **arrays)


def choose_document_weights(data: Path, model_dir: Path) -> dict[str, float]:
    """The article blend that maximises the mean dev score over ChnSentiCorp (accuracy), BDCI
    (macro-F1, headline + lead as title + body) and FinNSP (document accuracy)."""
    import numpy as np

    from toolkit import Analyzer

    from ..evaluate.datasets import read_finnsp
    from ..evaluate.sentiment import document_scores

    a = Analyzer(components=("sentiment",), model_dir=model_dir).load()
    csc = read_set(data, "chnsenticorp", "dev")
    bdci = read_bdci(data, "dev")
    nsp = read_finnsp(data, "dev")
    best: tuple[float, float, float] = (-1.0, 0.5, 0.25)
    model = a.sentiment_model
    for w in np.round(np.arange(0.0, 1.01, 0.25), 2):
        for t in np.round(np.arange(0.0, 0.51, 0.125), 3):
            model.whole_text_weight, model.title_weight = float(w), float(t)
            s = document_scores(a, csc, bdci, nsp)
            mean = float(np.mean(list(s.values())))
            if mean > best[0] + 1e-9:
                best = (mean, float(w), float(t))
    return {"whole_text_weight": best[1], "title_weight": best[2]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.train.sentiment", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--dest", type=Path, default=Path("models/sentiment"))
    ap.add_argument("--sets", default=",".join(DEFAULT_SETS),
                    help="comma-separated tone sets (toolkit.evaluate.datasets.SETS)")
    ap.add_argument("--weights", default=",".join(f"{k}={v}" for k, v in DEFAULT_WEIGHTS.items()),
                    help="set=weight pairs; a set's examples together weigh this much (default 1)")
    ap.add_argument("--C", type=float, default=10.0, dest="c")
    ap.add_argument("--lexicon-scale", type=float, default=LEXICON_SCALE)
    ns = ap.parse_args(argv)
    scale = {k: float(v) for k, _, v in (p.partition("=") for p in ns.weights.split(",") if p)}
    meta, arrays, report = fit(ns.data, sets=[s for s in ns.sets.split(",") if s], scale=scale, c=ns.c,
                               lexicon_path=ns.dest / "lexicon.tsv", lexicon_scale=ns.lexicon_scale)
    write(ns.dest, meta, arrays)
    meta["document"] = choose_document_weights(ns.data, ns.dest.parent)
    from .tone_target import train_target

    meta["target"] = train_target(ns.data, ns.dest.parent)
    report["document"], report["target_fit"] = meta["document"], meta["target"].get("training", {})
    write(ns.dest, meta, arrays)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
