"""The one precision/recall/F1 scorer of every evaluation (``toolkit.evaluate.scoring``)."""
from __future__ import annotations

import dataclasses
import random

import pytest

from toolkit.evaluate.scoring import PRF, macro_f1, micro, score_by_label, score_classes, score_sets

TONES = ("negative", "neutral", "positive")


class TestCounts:
    def test_precision_recall_and_f1_come_from_the_three_counts(self) -> None:
        s = PRF(tp=3, fp=1, fn=2)
        assert (s.n_pred, s.n_gold) == (4, 5)
        assert (s.precision, s.recall) == (0.75, 0.6)
        assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)

    @pytest.mark.parametrize(("counts", "expected"), [
        (PRF(), (0.0, 0.0, 0.0)),                     # nothing gold, nothing predicted
        (PRF(tp=0, fp=0, fn=3), (0.0, 0.0, 0.0)),     # nothing predicted
        (PRF(tp=0, fp=2, fn=0), (0.0, 0.0, 0.0)),     # nothing gold
        (PRF(tp=0, fp=2, fn=3), (0.0, 0.0, 0.0)),     # no hit
        (PRF(tp=4, fp=0, fn=0), (1.0, 1.0, 1.0)),     # perfect
        (PRF(tp=1, fp=0, fn=3), (1.0, 0.25, 0.4)),
    ])
    def test_a_ratio_with_nothing_to_divide_by_is_zero_not_an_error(
            self, counts: PRF, expected: tuple[float, float, float]) -> None:
        assert (counts.precision, counts.recall, counts.f1) == pytest.approx(expected)

    def test_counts_add_up_to_the_micro_average(self) -> None:
        a, b = PRF(tp=9, fp=1, fn=0), PRF(tp=0, fp=0, fn=10)
        assert a + b == PRF(tp=9, fp=1, fn=10) == micro([a, b])
        assert micro([]) == PRF()
        assert (a + b).recall == 9 / 19  # not the mean of the two recalls (0.5)

    def test_from_counts_takes_hits_predictions_and_gold(self) -> None:
        assert PRF.from_counts(2, n_pred=3, n_gold=4) == PRF(tp=2, fp=1, fn=2)

    @pytest.mark.parametrize("make", [lambda: PRF(tp=-1), lambda: PRF(fp=-1), lambda: PRF(fn=-2),
                                      lambda: PRF.from_counts(3, n_pred=2, n_gold=5),
                                      lambda: PRF.from_counts(3, n_pred=5, n_gold=2)])
    def test_impossible_counts_are_refused(self, make: object) -> None:
        with pytest.raises(ValueError):
            make()  # type: ignore[operator]

    def test_a_score_is_a_frozen_value(self) -> None:
        s = PRF(1, 2, 3)
        with pytest.raises(dataclasses.FrozenInstanceError):
            s.tp = 5  # type: ignore[misc]
        assert s == PRF(1, 2, 3) and hash(s) == hash(PRF(1, 2, 3))


class TestSets:
    def test_gold_and_predictions_are_compared_as_sets(self) -> None:
        gold = [(0, 3, "PERSON"), (4, 8, "PRODUCT")]
        pred = iter([(4, 8, "PRODUCT"), (0, 2, "PERSON"), (4, 8, "PRODUCT")])  # any iterable; twice counts once
        assert score_sets(gold, pred) == PRF(tp=1, fp=1, fn=1)

    @pytest.mark.parametrize(("gold", "pred", "expected"), [
        ([], [], PRF()),
        (["a"], [], PRF(fn=1)),
        ([], ["a"], PRF(fp=1)),
        (["a", "b"], ["b", "a"], PRF(tp=2)),
    ])
    def test_empty_sides(self, gold: list[str], pred: list[str], expected: PRF) -> None:
        assert score_sets(gold, pred) == expected

    def test_per_label_counts_cover_exactly_the_labels_asked_for_in_their_order(self) -> None:
        gold = [(0, 2, "PERSON"), (3, 5, "LOC"), (6, 8, "PRODUCT")]
        pred = [(0, 2, "PERSON"), (3, 5, "ORG"), (6, 8, "PRODUCT")]
        scores = score_by_label(gold, pred, ["WORK", "PERSON", "LOC", "ORG"], label=lambda span: span[2])
        assert list(scores) == ["WORK", "PERSON", "LOC", "ORG"]  # PRODUCT is not asked for: left out
        assert scores == {"WORK": PRF(), "PERSON": PRF(tp=1), "LOC": PRF(fn=1), "ORG": PRF(fp=1)}


class TestClasses:
    def test_each_item_is_a_hit_of_its_gold_class_when_the_prediction_agrees(self) -> None:
        gold = ["negative", "negative", "neutral", "positive"]
        pred = ["negative", "neutral", "neutral", "neutral"]
        scores = score_classes(gold, pred, TONES)
        assert scores == {"negative": PRF(tp=1, fn=1), "neutral": PRF(tp=1, fp=2), "positive": PRF(fn=1)}
        assert macro_f1(scores.values()) == pytest.approx((2 / 3 + 0.5 + 0.0) / 3)

    def test_gold_and_predictions_must_pair_up(self) -> None:
        with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
            score_classes(["negative", "neutral"], ["negative"], TONES)

    def test_macro_f1_counts_a_class_without_gold_or_predictions_as_zero(self) -> None:
        scores = score_classes(["negative"], ["negative"], TONES)
        assert macro_f1(scores.values()) == pytest.approx(1 / 3)
        assert macro_f1([]) == 0.0

    def test_agrees_with_scikit_learn(self) -> None:
        metrics = pytest.importorskip("sklearn.metrics")
        rng = random.Random(7)
        for n in (1, 5, 200):
            gold = [rng.choice(TONES) for _ in range(n)]
            pred = [rng.choice(TONES[:2]) for _ in range(n)]  # never "positive": a zero division
            p, r, f, _ = metrics.precision_recall_fscore_support(gold, pred, labels=list(TONES), zero_division=0)
            scores = score_classes(gold, pred, TONES)
            assert [s.precision for s in scores.values()] == pytest.approx(list(p))
            assert [s.recall for s in scores.values()] == pytest.approx(list(r))
            assert [s.f1 for s in scores.values()] == pytest.approx(list(f))
            assert macro_f1(scores.values()) == pytest.approx(float(f.mean()))
