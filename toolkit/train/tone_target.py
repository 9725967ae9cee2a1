"""Recipe for the target model (:mod:`toolkit.tone_target`): a logistic regression from the
readings of one target in one text to P(the text is negative about the target), trained on the
half of FinNSP train that the sentence model did not see (:func:`toolkit.evaluate.datasets.finnsp_half`),
so its inputs look as they will on new text. The decision threshold maximises the F1 of negative
(item, entity) pairs over 5-fold out-of-fold predictions of that half. Called by
``toolkit.train.sentiment`` once the sentence model is written.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..evaluate.datasets import TargetItem, read_finnsp
from ..evaluate.scoring import PRF

__all__ = ["readings", "train_target"]


def readings(model_dir: Path | str | None, items: list[TargetItem]) -> list[tuple[int, str, list[float]]]:
    """(item index, target, features) for every listed target that the item's text names."""
    from toolkit import Analyzer
    from toolkit.text.sentences import split_sentences
    from toolkit.tone_target import mentions_of, read_targets

    a = Analyzer(components=("sentiment",), model_dir=model_dir).load()
    model, lcut = a.sentiment_model, a.tokenizer.lcut
    out = []
    for k, it in enumerate(items):
        spans = split_sentences(it.text)
        scored = model.score([it.text[s:e] for s, e in spans], [lcut(it.text[s:e]) for s, e in spans])
        doc = model.document_proba(scored)
        for r in read_targets(it.text, spans, scored, doc, mentions_of(it.text, list(it.entities)),
                              lambda spans, text=it.text: model.score([text[a:b] for a, b in spans],
                                                                      [lcut(text[a:b]) for a, b in spans])):
            out.append((k, r.target, list(r.features)))
    return out


def train_target(data: Path, model_dir: Path | str | None, c: float = 1.0) -> dict[str, Any]:
    """Fit the target model on FinNSP's ``target`` half; returns the ``target`` section of
    ``classifier.json``."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from toolkit.tone_target import FEATURES

    items = read_finnsp(data, "target")
    rows = readings(model_dir, items)
    x = np.asarray([r[2] for r in rows])
    y = np.asarray([r[1] in items[r[0]].negative_entities for r in rows])
    groups = np.asarray([r[0] for r in rows])
    n_gold = sum(len(it.negative_entities) for it in items)
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(5).split(x, y, groups):
        oof[te] = LogisticRegression(C=c, max_iter=2000).fit(x[tr], y[tr]).predict_proba(x[te])[:, 1]
    best = (-1.0, 0.5)
    for t in np.round(np.arange(0.05, 0.96, 0.01), 2):
        pred = oof >= t
        f = PRF.from_counts(int((pred & y).sum()), n_pred=int(pred.sum()), n_gold=n_gold).f1
        if f > best[0]:
            best = (f, float(t))
    lr = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    return {"features": list(FEATURES), "weights": [round(float(w), 6) for w in lr.coef_[0]],
            "bias": round(float(lr.intercept_[0]), 6), "threshold": best[1],
            "training": {"items": len(items), "pairs": len(rows), "negative_pairs": int(y.sum()),
                         "negative_pairs_listed": n_gold, "out_of_fold_f1": round(best[0], 4), "C": c}}
