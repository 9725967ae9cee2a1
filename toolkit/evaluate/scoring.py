"""The one precision/recall/F1 scorer every evaluation uses (entities, tone, keywords, quotes,
segmentation, the training recipes' dev scores).

A comparison of predictions with gold is three counts, :class:`PRF` (true positives, false
positives, false negatives); counts add up over sentences, documents or labels (micro average),
and precision, recall and F1 are read off the sum. Items are compared as sets
(:func:`score_sets`), per label (:func:`score_by_label`, :func:`score_classes`); macro-F1 is the
mean F1 of the labels (:func:`macro_f1`).

When a ratio has nothing to divide by (nothing predicted, nothing gold) it is 0.0, as scikit-learn's
``zero_division=0``; so is F1 when precision and recall are both 0.

>>> gold = {(0, 3, "PERSON"), (4, 8, "PRODUCT")}
>>> pred = {(0, 3, "PERSON"), (4, 6, "PRODUCT")}
>>> s = score_sets(gold, pred)
>>> s, s.precision, s.recall, s.f1
(PRF(tp=1, fp=1, fn=1), 0.5, 0.5, 0.5)

References
----------
spaCy, ``spacy.scorer.PRFScore`` (``score_set``): the idea of one count-based scorer.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["PRF", "score_sets", "score_by_label", "score_classes", "micro", "macro_f1"]

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class PRF:
    """True positives, false positives and false negatives of one comparison, and the
    precision, recall and F1 they give.

    >>> a = PRF(tp=3, fp=1, fn=2)
    >>> a.precision, a.recall, round(a.f1, 3)
    (0.75, 0.6, 0.667)
    >>> a + PRF(tp=1, fp=0, fn=0)
    PRF(tp=4, fp=1, fn=2)
    >>> PRF().f1
    0.0
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __post_init__(self) -> None:
        if min(self.tp, self.fp, self.fn) < 0:
            raise ValueError(f"counts must not be negative: {self}")

    @classmethod
    def from_counts(cls, tp: int, *, n_pred: int, n_gold: int) -> PRF:
        """The counts of a comparison given as hits, predictions and gold items.

        >>> PRF.from_counts(2, n_pred=3, n_gold=4)
        PRF(tp=2, fp=1, fn=2)
        """
        if tp > n_pred or tp > n_gold:
            raise ValueError(f"{tp} hits cannot exceed {n_pred} predictions or {n_gold} gold items")
        return cls(tp, n_pred - tp, n_gold - tp)

    @property
    def n_pred(self) -> int:
        """Items predicted (``tp + fp``)."""
        return self.tp + self.fp

    @property
    def n_gold(self) -> int:
        """Gold items (``tp + fn``)."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        """Share of the predictions that are gold; 0.0 when nothing was predicted."""
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        """Share of the gold items that were predicted; 0.0 when there is no gold item."""
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; 0.0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        if not isinstance(other, PRF):
            return NotImplemented
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def score_sets(gold: Iterable[T], pred: Iterable[T]) -> PRF:
    """Gold and predicted items compared as sets (an item given twice counts once).

    >>> score_sets(["北京", "上海"], ["北京", "广州", "北京"])
    PRF(tp=1, fp=1, fn=1)
    """
    g, p = set(gold), set(pred)
    tp = len(g & p)
    return PRF(tp, len(p) - tp, len(g) - tp)


def score_by_label(gold: Iterable[T], pred: Iterable[T], labels: Iterable[str],
                   label: Callable[[T], str]) -> dict[str, PRF]:
    """One :class:`PRF` per label of ``labels`` (in their order), the items of each compared as
    sets; ``label`` gives an item's label, and items of other labels are left out.

    >>> gold = [(0, 2, "PERSON"), (3, 5, "LOC")]
    >>> pred = [(0, 2, "PERSON"), (3, 5, "ORG")]
    >>> score_by_label(gold, pred, ["PERSON", "LOC"], label=lambda span: span[2])
    {'PERSON': PRF(tp=1, fp=0, fn=0), 'LOC': PRF(tp=0, fp=0, fn=1)}
    """
    gold_by: dict[str, set[T]] = {lab: set() for lab in labels}
    pred_by: dict[str, set[T]] = {lab: set() for lab in gold_by}
    for item in gold:
        if (lab := label(item)) in gold_by:
            gold_by[lab].add(item)
    for item in pred:
        if (lab := label(item)) in pred_by:
            pred_by[lab].add(item)
    return {lab: score_sets(gold_by[lab], pred_by[lab]) for lab in gold_by}


def score_classes(gold: Sequence[str], pred: Sequence[str], labels: Iterable[str]) -> dict[str, PRF]:
    """Per-class counts of a classification: ``gold[i]`` and ``pred[i]`` are the labels of item
    ``i``; an item is a true positive of its gold label when the prediction agrees.

    >>> s = score_classes(["negative", "neutral", "neutral"], ["negative", "negative", "neutral"],
    ...                   ["negative", "neutral", "positive"])
    >>> s["negative"], s["positive"]
    (PRF(tp=1, fp=1, fn=0), PRF(tp=0, fp=0, fn=0))
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    return score_by_label(enumerate(gold), enumerate(pred), labels, label=lambda item: item[1])


def micro(scores: Iterable[PRF]) -> PRF:
    """The counts summed (micro average over labels or data sets).

    >>> micro([PRF(1, 0, 0), PRF(0, 1, 1)])
    PRF(tp=1, fp=1, fn=1)
    """
    return sum(scores, PRF())


def macro_f1(scores: Iterable[PRF]) -> float:
    """Mean F1 of the scores (one per label; a label without gold or predictions counts as 0.0);
    0.0 for no scores.

    >>> macro_f1([PRF(1, 0, 0), PRF(0, 1, 1)])
    0.5
    """
    f1s = [s.f1 for s in scores]
    return sum(f1s) / len(f1s) if f1s else 0.0
