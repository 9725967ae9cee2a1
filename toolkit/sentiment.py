"""Tone of sentences, articles and the entities they mention.

Two scorers, combined:

- :class:`Lexicon` — the project's news-tone word list (``models/sentiment/lexicon.tsv``)
  with negation (不、没有、并不、未必 flip the words after them), degree adverbs (非常 ×1.6,
  略微 ×0.6) and contrast (the clause after 但是/然而 weighs more, the one before less;
  a 虽然 clause weighs less). It says which words drove the score.
- :class:`NgramClassifier` — TF-IDF over character 1–3-grams and word 1–2-grams with a
  logistic regression, trained on review data by ``make train-sentiment`` and stored as
  JSON + numpy arrays (no pickle). Strong on evaluative text, blind to "neutral".

:class:`SentimentModel` feeds both into a small three-class model fitted on the project's
annotated news sentences, so facts come out ``neutral`` and the score is
``P(positive) - P(negative)`` in [-1, 1].

>>> lex = Lexicon.from_rows([("满意", "pos", 1.2), ("不", "negator", 1), ("非常", "degree", 1.6)])
>>> s = lex.score(["用户", "非常", "满意"])
>>> round(s.total, 2), s.terms
(1.92, (('非常满意', 1.92),))
>>> lex.score(["用户", "不", "满意"]).terms
(('不满意', -0.96),)
"""
from __future__ import annotations

import json
import math
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ModelFormatError, ModelNotFoundError
from .resources import resolve_model_dir
from .results import SENTIMENT_LABELS, Sentiment, SentimentLabel

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "Lexicon",
    "LexiconScore",
    "NgramClassifier",
    "SentimentModel",
    "word_ngrams",
    "char_ngrams",
    "load_lexicon",
]

LEXICON_FILE = "sentiment/lexicon.tsv"
CLASSIFIER_FILE = "sentiment/classifier.json"
ARRAYS_FILE = "sentiment/classifier.npz"
KINDS = ("pos", "neg", "negator", "degree", "contrast", "concession")
#: A negated polarity word keeps this share of its strength, sign flipped ("不好" < "坏").
NEGATION_FACTOR = 0.8
#: How many tokens before a polarity word a negator or degree adverb may stand.
NEGATION_WINDOW = 4
DEGREE_WINDOW = 2
MAX_TERM_TOKENS = 3
_CLAUSE_END = frozenset("，,；;：:！!？?。…\n")
_NEGATOR_CHARS = frozenset("不没未无非")


@dataclass(frozen=True)
class LexiconScore:
    """What the lexicon found in a text: signed ``total``, its positive and negative parts,
    and the contributing terms (negation and degree folded in, e.g. ``('不满意', -0.96)``),
    strongest first."""

    total: float = 0.0
    positive: float = 0.0
    negative: float = 0.0
    terms: tuple[tuple[str, float], ...] = ()

    @staticmethod
    def combine(scores: Iterable[LexiconScore]) -> LexiconScore:
        """The sum of several scores (a text's sentences), terms merged; linear in their number."""
        total = positive = negative = 0.0
        terms: list[tuple[str, float]] = []
        for sc in scores:
            total += sc.total
            positive += sc.positive
            negative += sc.negative
            terms += sc.terms
        return LexiconScore(total, positive, negative, _strongest(terms))


def _strongest(terms: Iterable[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    merged: dict[str, float] = {}
    for term, value in terms:
        merged[term] = merged.get(term, 0.0) + value
    return tuple(sorted(((t, round(v, 4)) for t, v in merged.items() if v), key=lambda tv: (-abs(tv[1]), tv[0])))


@dataclass(frozen=True)
class Lexicon:
    """A tone lexicon: polarity words with strengths and the modifiers around them."""

    polarity: dict[str, float] = field(default_factory=dict)
    negators: frozenset[str] = frozenset()
    degree: dict[str, float] = field(default_factory=dict)
    contrast: dict[str, float] = field(default_factory=dict)
    concession: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, float]]) -> Lexicon:
        """Build from ``(term, kind, value)`` rows; ``kind`` is one of ``KINDS``."""
        polarity: dict[str, float] = {}
        negators: set[str] = set()
        degree: dict[str, float] = {}
        contrast: dict[str, float] = {}
        concession: dict[str, float] = {}
        for term, kind, value in rows:
            if kind == "pos":
                polarity[term] = abs(value)
            elif kind == "neg":
                polarity[term] = -abs(value)
            elif kind == "negator":
                negators.add(term)
            elif kind == "degree":
                degree[term] = value
            elif kind == "contrast":
                contrast[term] = value
            elif kind == "concession":
                concession[term] = value
            else:
                raise ModelFormatError(f"unknown lexicon kind {kind!r} for {term!r}; expected one of {KINDS}")
        return cls(polarity, frozenset(negators), degree, contrast, concession)

    def _match(self, tokens: Sequence[str], i: int) -> tuple[str, int]:
        """Longest lexicon term starting at token ``i`` (up to 3 tokens joined) and its length."""
        for n in range(min(MAX_TERM_TOKENS, len(tokens) - i), 1, -1):
            term = "".join(tokens[i:i + n])
            if term in self.polarity or term in self.negators or term in self.degree:
                return term, n
        tok = tokens[i]
        if len(tok) >= 3 and tok not in self.polarity:
            # A compound's head is its end: 人员伤亡 → 伤亡, 安全事故 → 事故.
            for k in range(1, len(tok) - 1):
                if tok[k:] in self.polarity:
                    return tok[k:], 1
        return tok, 1

    def score(self, tokens: Sequence[str]) -> LexiconScore:
        """Score one sentence given as tokens (clauses end at ，；：！？。).

        A word that is both a degree adverb and a polarity word (严重, 显著) is a degree
        adverb when a polarity word follows it, else a polarity word.
        """
        found: list[tuple[int, str, float]] = []  # (segment, shown term, value)
        seg_weight: list[float] = [1.0]
        seg = 0
        clause_weight = 1.0
        last_neg: list[int] = []  # item indices of negators in the current clause
        last_degree: tuple[int, float] | None = None  # item index and factor
        items: list[tuple[str, int]] = []
        i = 0
        while i < len(tokens):
            term, n = self._match(tokens, i)
            items.append((term, i))
            i += n
        for k, (term, pos) in enumerate(items):
            if term and term[0] in _CLAUSE_END:
                clause_weight, last_neg, last_degree = 1.0, [], None
                continue
            if term in self.contrast:
                for j in range(len(seg_weight)):
                    seg_weight[j] /= self.contrast[term]
                seg_weight.append(self.contrast[term])
                seg += 1
                clause_weight, last_neg, last_degree = 1.0, [], None
                continue
            if term in self.concession:
                clause_weight = self.concession[term]
                continue
            if term in self.negators:
                last_neg.append(k)
                continue
            nxt = items[k + 1][0] if k + 1 < len(items) else ""
            if term in self.degree and (term not in self.polarity or nxt in self.polarity):
                last_degree = (k, self.degree[term])
                continue
            flip = False
            if term not in self.polarity:
                # One token of negator + polarity word: 不好, 没用, 未能成功 → negated.
                if len(term) < 2 or term[0] not in _NEGATOR_CHARS or term[1:] not in self.polarity:
                    continue
                term, flip = term[1:], True
            value = self.polarity[term] * clause_weight * (-NEGATION_FACTOR if flip else 1.0)
            shown = items[k][0]
            if last_degree is not None and pos - items[last_degree[0]][1] <= DEGREE_WINDOW:
                value *= last_degree[1]
                shown = _joined(items, last_degree[0], k, shown)
            negs = [j for j in last_neg if pos - items[j][1] <= NEGATION_WINDOW]
            if len(negs) % 2 == 1:
                value *= -NEGATION_FACTOR
                shown = _joined(items, negs[-1], k, shown)
            found.append((seg, shown, value))
        values = [(shown, v * seg_weight[s]) for s, shown, v in found]
        pos_sum = sum(v for _, v in values if v > 0)
        neg_sum = -sum(v for _, v in values if v < 0)
        return LexiconScore(pos_sum - neg_sum, pos_sum, neg_sum, _strongest(values))


def _joined(items: Sequence[tuple[str, int]], mod: int, k: int, shown: str) -> str:
    """Modifier item ``mod`` shown with the term item ``k``: 非常满意, or 不…满意 when apart."""
    if mod >= k:
        return shown
    return items[mod][0] + ("" if mod + 1 == k else "…") + shown


def load_lexicon(path: str | os.PathLike[str]) -> Lexicon:
    """Read a lexicon TSV (``term<TAB>kind<TAB>value``, ``#`` comments); errors name the line."""
    p = Path(path)
    if not p.is_file():
        raise ModelNotFoundError(f"sentiment lexicon not found: {p}")
    rows: list[tuple[str, str, float]] = []
    for n, line in enumerate(p.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0].strip() or parts[1] not in KINDS:
            raise ModelFormatError(f"{p}:{n}: expected 'term<TAB>kind<TAB>value' with kind in {KINDS}, got {line!r}")
        try:
            value = float(parts[2])
        except ValueError:
            raise ModelFormatError(f"{p}:{n}: value {parts[2]!r} is not a number") from None
        if not math.isfinite(value) or (parts[1] in ("degree", "contrast", "concession") and value <= 0):
            raise ModelFormatError(f"{p}:{n}: value {parts[2]!r} out of range for {parts[1]}")
        rows.append((parts[0].strip(), parts[1], value))
    return Lexicon.from_rows(rows)


def word_ngrams(tokens: Sequence[str], n: int = 2) -> list[str]:
    """Word 1..n-grams of a token list, skipping whitespace tokens (joined with a space).

    >>> word_ngrams(["服务", "很", "好"])
    ['服务', '很', '好', '服务 很', '很 好']
    """
    toks = [t for t in tokens if t.strip()]
    out = list(toks)
    for k in range(2, n + 1):
        out += [" ".join(toks[i:i + k]) for i in range(len(toks) - k + 1)]
    return out


_WHITESPACE = re.compile(r"\s\s+")


def char_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """Character ``lo``..``hi``-grams of lower-cased text with whitespace runs collapsed,
    exactly as scikit-learn's ``TfidfVectorizer(analyzer="char")`` makes them.

    >>> char_ngrams("AI 很好", 1, 2)
    ['a', 'i', ' ', '很', '好', 'ai', 'i ', ' 很', '很好']
    """
    text = _WHITESPACE.sub(" ", text.lower())
    out: list[str] = []
    for n in range(lo, hi + 1):
        out += [text[i:i + n] for i in range(len(text) - n + 1)]
    return out


class NgramClassifier:
    """Binary tone classifier over character and word n-grams, loaded from JSON + npz.

    Trained with scikit-learn (``TfidfVectorizer`` with sublinear tf, L2 norm; logistic
    regression); applied here with plain dictionaries and numpy, which gives the same numbers
    without scikit-learn's per-call overhead. ``margin(texts, tokens)`` is the calibrated
    log-odds of "positive" for each text.
    """

    def __init__(self, meta: dict[str, Any], arrays: dict[str, NDArray[Any]]) -> None:
        try:
            params = meta["params"]
            self.char_range = (int(params["char_ngram"][0]), int(params["char_ngram"][1]))
            self.word_n = int(params["word_ngram"][1])
            char_vocab, word_vocab = meta["char_vocabulary"], meta["word_vocabulary"]
            self.char_index = {t: i for i, t in enumerate(char_vocab)}
            self.word_index = {t: i for i, t in enumerate(word_vocab)}
            self.char_idf = arrays["char_idf"].astype("float64")
            self.word_idf = arrays["word_idf"].astype("float64")
            coef = arrays["coef"].astype("float64")
            self.intercept = float(meta["intercept"])
            self.platt = (float(meta["platt"][0]), float(meta["platt"][1]))
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            raise ModelFormatError(f"sentiment classifier files are incomplete or inconsistent: {exc}") from None
        n_char, n_word = len(char_vocab), len(word_vocab)
        if coef.shape != (n_char + n_word,) or self.char_idf.shape != (n_char,) or self.word_idf.shape != (n_word,):
            raise ModelFormatError(f"sentiment classifier arrays do not match its vocabularies ({n_char:,} character "
                                   f"and {n_word:,} word n-grams; {coef.shape[0]:,} weights)")
        self.char_coef, self.word_coef = coef[:n_char], coef[n_char:]
        self.char_names, self.word_names = char_vocab, word_vocab
        self.meta = meta

    @classmethod
    def load(cls, model_dir: str | os.PathLike[str] | None = None) -> NgramClassifier:
        import numpy as np

        root = resolve_model_dir(model_dir)
        meta_path, arr_path = root / CLASSIFIER_FILE, root / ARRAYS_FILE
        if not meta_path.is_file() or not arr_path.is_file():
            raise ModelNotFoundError(f"sentiment classifier not found in {root / 'sentiment'}; "
                                     "train it with `make train-sentiment`")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            with np.load(arr_path, allow_pickle=False) as npz:
                arrays = {k: npz[k] for k in npz.files}
        except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
            raise ModelFormatError(
                f"sentiment classifier files in {root / 'sentiment'} cannot be read: {exc}") from None
        return cls(meta, arrays)

    @staticmethod
    def _part(grams: list[str], index: dict[str, int], idf: NDArray[np.float64], coef: NDArray[np.float64]
              ) -> tuple[float, list[tuple[int, float]]]:
        """Dot product of one text's TF-IDF vector (sublinear tf, L2-normed) with ``coef``,
        and each feature's share of it."""
        import numpy as np

        counts: dict[int, int] = {}
        for g in grams:
            j = index.get(g)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return 0.0, []
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        v = (1.0 + np.log(tf)) * idf[idx]
        v /= float(np.sqrt(v @ v))
        contrib = v * coef[idx]
        return float(contrib.sum()), list(zip(idx.tolist(), contrib.tolist(), strict=True))

    def _raw(self, text: str, tokens: Sequence[str]) -> tuple[float, list[tuple[str, float]]]:
        c, cparts = self._part(char_ngrams(text, *self.char_range), self.char_index, self.char_idf, self.char_coef)
        w, wparts = self._part(word_ngrams(tokens, self.word_n), self.word_index, self.word_idf, self.word_coef)
        named = [(self.char_names[j], v) for j, v in cparts] + [(self.word_names[j], v) for j, v in wparts]
        return c + w + self.intercept, named

    def margin(self, texts: Sequence[str], tokens: Sequence[Sequence[str]]) -> NDArray[np.float64]:
        """Calibrated log-odds that each text is positive."""
        import numpy as np

        raw = np.array([self._raw(t, tk)[0] for t, tk in zip(texts, tokens, strict=True)], dtype=np.float64)
        return self.platt[0] * raw + self.platt[1]

    def explain(self, text: str, tokens: Sequence[str], top: int = 8) -> list[tuple[str, float]]:
        """The n-grams that moved this text's score most, with their signed contributions
        (word bigrams are shown with a space: ``'很 好'``)."""
        pairs = self._raw(text, tokens)[1]
        pairs.sort(key=lambda p: (-abs(p[1]), p[0]))
        return [(t, round(v, 4)) for t, v in pairs[:top]]


def _features(margin: float, lex: LexiconScore) -> list[float]:
    """Inputs of the three-class combiner: squashed classifier log-odds and lexicon parts."""
    return [math.tanh(margin / 4), math.tanh(lex.positive / 2), math.tanh(lex.negative / 2)]


@dataclass(frozen=True)
class Combiner:
    """Multinomial logistic regression over :func:`_features` → P(negative, neutral, positive)."""

    weights: tuple[tuple[float, ...], ...]
    bias: tuple[float, ...]

    def proba(self, x: Sequence[float]) -> tuple[float, float, float]:
        z = [b + sum(w * v for w, v in zip(row, x, strict=True))
             for row, b in zip(self.weights, self.bias, strict=True)]
        m = max(z)
        e = [math.exp(v - m) for v in z]
        s = sum(e)
        return (e[0] / s, e[1] / s, e[2] / s)


def _label_index(p: Sequence[float]) -> int:
    """Index of the likeliest label in (negative, neutral, positive); ties go to neutral."""
    return max(range(3), key=lambda i: (p[i], i == 1))


def _to_sentiment(p: Sequence[float], terms: tuple[tuple[str, float], ...] = (), **extra: float) -> Sentiment:
    label: SentimentLabel = SENTIMENT_LABELS[_label_index(p)]
    return Sentiment(label, round(p[2] - p[0], 4), _strongest(terms)[:8], **extra)


class SentimentModel:
    """Lexicon + n-gram classifier + combiner, loaded from ``models/sentiment``.

    >>> from toolkit import Tokenizer
    >>> m, tok = SentimentModel.load(), Tokenizer()
    >>> [m.sentence(t, tok.lcut(t)).label for t in ["公司业绩大幅下滑，投资者十分担忧。", "会议将于明天上午九点举行。"]]
    ['negative', 'neutral']
    """

    def __init__(self, lexicon: Lexicon, classifier: NgramClassifier, combiner: Combiner) -> None:
        self.lexicon = lexicon
        self.classifier = classifier
        self.combiner = combiner

    @classmethod
    def load(cls, model_dir: str | os.PathLike[str] | None = None) -> SentimentModel:
        root = resolve_model_dir(model_dir)
        clf = NgramClassifier.load(root)
        try:
            comb = clf.meta["combiner"]
            combiner = Combiner(tuple(tuple(float(v) for v in row) for row in comb["weights"]),
                                tuple(float(v) for v in comb["bias"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFormatError(
                f"sentiment combiner missing or malformed in {root / CLASSIFIER_FILE}: {exc}") from None
        if len(combiner.weights) != 3 or len(combiner.bias) != 3:
            raise ModelFormatError(f"sentiment combiner in {root / CLASSIFIER_FILE} must have 3 classes")
        return cls(load_lexicon(root / LEXICON_FILE), clf, combiner)

    def probabilities(self, texts: Sequence[str], tokens: Sequence[Sequence[str]]
                      ) -> list[tuple[tuple[float, float, float], LexiconScore]]:
        """P(negative, neutral, positive) and the lexicon score of each text (a sentence)."""
        margins = self.classifier.margin(texts, tokens)
        out = []
        for m, toks in zip(margins, tokens, strict=True):
            lex = self.lexicon.score(toks)
            out.append((self.combiner.proba(_features(float(m), lex)), lex))
        return out

    @staticmethod
    def to_sentiment(p: Sequence[float], terms: tuple[tuple[str, float], ...] = (), **extra: float) -> Sentiment:
        """A :class:`Sentiment` from P(negative, neutral, positive): the likeliest label
        (ties go to neutral), score ``P(positive) - P(negative)``, the strongest 8 terms."""
        return _to_sentiment(p, terms, **extra)

    def sentence(self, text: str, tokens: Sequence[str]) -> Sentiment:
        """Tone of one sentence."""
        if not text.strip():
            return Sentiment("neutral", 0.0)
        p, lex = self.probabilities([text], [tokens])[0]
        return _to_sentiment(p, lex.terms)

    def document(self, text: str, sentence_tokens: Sequence[Sequence[str]],
                 sentence_probs: Sequence[tuple[float, float, float]] | None = None,
                 sentence_lex: Sequence[LexiconScore] | None = None) -> Sentiment:
        """Tone of a whole text: the mean of its sentences' P(negative, neutral, positive).

        So an article of facts with one worried sentence stays neutral with a score below
        zero; the result carries the share of positive and negative sentences (both high:
        mixed coverage) and the lexicon terms of the whole text.
        """
        if not text.strip() or not sentence_tokens:
            return Sentiment("neutral", 0.0)
        if sentence_probs is None or sentence_lex is None:
            texts = ["".join(t) for t in sentence_tokens]
            scored = self.probabilities(texts, sentence_tokens)
            sentence_probs, sentence_lex = [p for p, _ in scored], [lx for _, lx in scored]
        lex = LexiconScore.combine(sentence_lex)
        labels = [_label_index(q) for q in sentence_probs]
        n = len(labels)
        return _to_sentiment(aggregate(sentence_probs), lex.terms,
                             positive_share=round(labels.count(2) / n, 4),
                             negative_share=round(labels.count(0) / n, 4))

    def explain(self, text: str, tokens: Sequence[str]) -> dict[str, Any]:
        """Why a text got its tone: lexicon terms, classifier n-grams, the inputs and P(label)."""
        margin = float(self.classifier.margin([text], [tokens])[0])
        lex = self.lexicon.score(tokens)
        x = _features(margin, lex)
        p = self.combiner.proba(x)
        return {"sentiment": _to_sentiment(p, lex.terms), "lexicon_terms": list(lex.terms),
                "classifier_ngrams": self.classifier.explain(text, tokens),
                "classifier_log_odds": round(margin, 4), "lexicon_positive": round(lex.positive, 4),
                "lexicon_negative": round(lex.negative, 4),
                "probabilities": dict(zip(SENTIMENT_LABELS, (round(v, 4) for v in p), strict=True))}


def aggregate(probs: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean of probability triples (the tone of an entity across the sentences naming it)."""
    n = len(probs)
    if not n:
        return (0.0, 1.0, 0.0)
    return (sum(p[0] for p in probs) / n, sum(p[1] for p in probs) / n, sum(p[2] for p in probs) / n)
