"""Tone towards a target: how a text treats one named company, person or product.

The tone of a sentence is not the tone towards everyone in it: in "甲股价大涨，乙则下跌" 甲 fares
well and 乙 badly, and an item about a platform's fraud is negative about the platform, not about
the police who report it. A target's tone is read from **the clauses that name it** (split at
，；：), the sentences around them and the whole text, and a small logistic regression trained on
FinNSP (financial news labelled by others with the entities the negative news is about) turns
these readings into P(the text is negative about the target) (:func:`target_features` lists
its inputs).

A name inside another given name (网利宝 inside 小资网利宝) is read as part of the longer name
where it stands there; a given name that occurs only inside longer given names defers to them.

>>> mentions_of("甲股价大涨，甲乙合作。", ["甲", "甲乙"])
{'甲': [(0, 1)], '甲乙': [(6, 8)]}
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ModelFormatError
from .results import SentimentLabel

__all__ = ["TargetModel", "TargetReading", "read_targets", "FEATURES", "mentions_of", "clause_span", "target_features",
           "target_label"]

_CLAUSE_MARK = re.compile(r"[，,；;：:]")
#: Inputs of the target model, in order (see :func:`target_features`).
FEATURES = (
    "doc_negative", "doc_positive",
    "place_negative_mean", "place_positive_mean", "place_negative_max",
    "sentence_negative_mean", "sentence_positive_mean",
    "place_lexicon_negative", "place_lexicon_positive",
    "log_mentions", "sentence_share", "in_first_sentence", "subject_share",
    "inside_other_target", "contains_other_target", "log_targets",
)


def mentions_of(text: str, targets: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """Where each target stands in ``text``; a place inside a longer target's place is that
    longer target's. Targets that are empty or whitespace have no mentions."""
    spans: dict[str, list[tuple[int, int]]] = {}
    taken: list[tuple[int, int]] = []
    for t in sorted(set(targets), key=lambda s: (-len(s), s)):
        found: list[tuple[int, int]] = []
        if t.strip():
            i = text.find(t)
            while i >= 0:
                if not any(a <= i and i + len(t) <= b for a, b in taken):
                    found.append((i, i + len(t)))
                i = text.find(t, i + len(t))
        taken += found
        spans[t] = found
    return {t: spans.get(t, []) for t in dict.fromkeys(targets)}


def clause_span(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The clause of ``sentence`` (split at ，；：) that holds ``start``..``end``."""
    s0, s1 = sentence
    a = s0
    for m in _CLAUSE_MARK.finditer(text, s0, s1):
        if m.start() >= start:
            if m.start() >= end:
                return a, m.end()
        else:
            a = m.end()
    return a, s1


def target_features(doc: Sequence[float], clauses: Sequence[tuple[float, float, float]],
                    clause_lex: Sequence[tuple[float, float]], sentences: Sequence[tuple[float, float, float]],
                    *, mentions: int, n_sentences: int, in_first: bool, subject_share: float,
                    inside_other: bool, contains_other: bool, n_targets: int) -> list[float]:
    """The target model's inputs (:data:`FEATURES`): the document's P(negative), P(positive); the
    mean P of the target's places (``clauses``, :func:`read_targets`) and their largest
    P(negative); the mean P of the sentences naming it; the lexicon's negative and positive sums
    over its places (squashed);
    how often and where it is named (share of mentions that open their clause: the subject);
    whether it sits inside, or holds, another target's name; how many targets there are."""
    cn = [c[0] for c in clauses] or [doc[0]]
    cp = [c[2] for c in clauses] or [doc[2]]
    sn = [s[0] for s in sentences] or [doc[0]]
    sp = [s[2] for s in sentences] or [doc[2]]
    ln = sum(x[0] for x in clause_lex)
    lp = sum(x[1] for x in clause_lex)
    return [doc[0], doc[2], sum(cn) / len(cn), sum(cp) / len(cp), max(cn), sum(sn) / len(sn), sum(sp) / len(sp),
            math.tanh(ln / 2), math.tanh(lp / 2), math.log1p(mentions),
            len(sentences) / max(1, n_sentences), float(in_first), subject_share, float(inside_other),
            float(contains_other), math.log1p(n_targets)]


#: How far the places that speak of a target must lean one way to decide its tone themselves.
LEAN = 0.2


def target_label(p_negative: float, threshold: float, clauses: Sequence[tuple[float, float, float]]
                 ) -> tuple[SentimentLabel, float]:
    """Label and score towards a target. The places that speak of it decide first (``clauses``:
    its own clauses where its sentence names another target too, else its sentences): when
    they lean one way (mean P(positive) − P(negative) at least ``LEAN`` either way) that is its
    tone, whatever the rest of the text says (甲股价大涨，乙则…被立案调查 — 甲 positive, 乙
    negative). Otherwise the target model decides: negative when P(the text is negative about
    it) reaches the threshold (bad news about it told in neutral words), else neutral. The score
    is their P(positive) − P(negative), or −P(negative about it) when that decided."""
    if clauses:
        pos = sum(c[2] for c in clauses) / len(clauses)
        neg = sum(c[0] for c in clauses) / len(clauses)
    else:
        pos = neg = 0.0
    if pos - neg >= LEAN:
        return "positive", round(pos - neg, 4)
    if neg - pos >= LEAN:
        return "negative", round(pos - neg, 4)
    if p_negative >= threshold:
        return "negative", round(-p_negative, 4)
    return "neutral", round(pos - neg, 4)


@dataclass(frozen=True)
class TargetModel:
    """Logistic regression over :data:`FEATURES` → P(the text is negative about the target)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    @classmethod
    def from_meta(cls, meta: dict[str, Any] | None) -> TargetModel:
        """From the ``target`` section of ``classifier.json``."""
        if not meta:
            raise ModelFormatError("sentiment classifier has no target model; retrain with `make train-sentiment`")
        try:
            if list(meta["features"]) != list(FEATURES):
                raise ValueError(f"features {meta['features']!r} differ from {list(FEATURES)}")
            model = cls(tuple(float(w) for w in meta["weights"]), float(meta["bias"]), float(meta["threshold"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFormatError(f"sentiment target model is malformed: {exc}") from None
        if len(model.weights) != len(FEATURES) or not 0 < model.threshold < 1:
            raise ModelFormatError("sentiment target model: wrong number of weights or threshold outside (0, 1)")
        return model

    def p_negative(self, x: Sequence[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class TargetReading:
    """What the text says of one target: its inputs to the target model and where it stands."""

    target: str
    features: tuple[float, ...]
    #: P of the places that speak of the target alone (:func:`read_targets`)
    units: tuple[tuple[float, float, float], ...]
    evidence: tuple[tuple[str, float], ...]
    mentions: int
    sentences: int


def read_targets(text: str, sentence_spans: Sequence[tuple[int, int]], sentence_scores: Sequence[Any],
                 doc: Sequence[float], mentions: dict[str, list[tuple[int, int]]], score_clauses: Any
                 ) -> list[TargetReading]:
    """Read every target of ``mentions`` (name → its spans in ``text``) against the text's
    scored sentences (:class:`toolkit.sentiment.Scored`, one per span) and its document P.

    A target's *places* are where the text speaks of it alone: the clause that names it (split
    at ，；：) when its sentence names another target too, else the whole sentence.
    ``score_clauses(spans)`` scores those clauses (spans of ``text``) the same way as
    sentences; nothing else is
    scored again."""
    from bisect import bisect_right

    starts = [s for s, _ in sentence_spans]
    names = [t for t, spans in mentions.items() if spans]
    where: dict[str, list[tuple[int, int]]] = {}  # name → (sentence index, mention start)
    in_sentence: dict[int, set[str]] = {}
    for name in names:
        for a, _ in mentions[name]:
            i = bisect_right(starts, a) - 1
            if 0 <= i and a < sentence_spans[i][1]:
                where.setdefault(name, []).append((i, a))
                in_sentence.setdefault(i, set()).add(name)
    # each mention's place: its clause in a shared sentence, else its sentence
    place: dict[tuple[str, int], tuple[int, int]] = {}
    todo: dict[tuple[int, int], None] = {}
    for name, ws in where.items():
        for i, a in ws:
            span = sentence_spans[i]
            if len(in_sentence[i]) > 1:
                m = next(m for m in mentions[name] if m[0] == a)
                span = clause_span(text, m[0], m[1], span)
                if span != sentence_spans[i]:
                    todo[span] = None
            place[(name, a)] = span
    scored = dict(zip(todo, score_clauses(list(todo)), strict=True))
    for i, span in enumerate(sentence_spans):
        scored.setdefault(span, sentence_scores[i])
    out = []
    n_targets = len(names)
    for name in names:
        ws = where.get(name, [])
        if not ws:
            continue
        sents = sorted({i for i, _ in ws})
        spans = list(dict.fromkeys(place[(name, a)] for _, a in ws))
        units = [scored[p] for p in spans]
        subject = sum(1 for _, a in ws if len(text[place[(name, a)][0]:a].strip()) <= 1) / len(ws)
        others = [t for t in names if t != name]
        x = target_features(doc, [u.proba for u in units], [(u.lexicon.negative, u.lexicon.positive) for u in units],
                            [sentence_scores[i].proba for i in sents], mentions=len(ws),
                            n_sentences=len(sentence_spans), in_first=sents[0] == 0, subject_share=subject,
                            inside_other=any(name in t for t in others), contains_other=any(t in name for t in others),
                            n_targets=n_targets)
        terms = tuple(term for u in units for term in u.lexicon.terms)
        out.append(TargetReading(name, tuple(x), tuple(u.proba for u in units), terms, len(ws), len(sents)))
    return out
