"""Tone of sentences, articles and the entities they mention.

Two parts:

- :class:`Lexicon` — the project's news-tone word list (``models/sentiment/lexicon.tsv``)
  with negation (不、没有、并不、未必 flip the words after them), degree adverbs (非常 ×1.6,
  略微 ×0.6), contrast (the clause after 但是/然而 weighs more, the one before less; a 虽然
  clause weighs less) and change words (亏损收窄 and 非法捕捞减少 read positive, 失业率上升
  negative, 扛住了压力 positive). It says which words drove the score.
- :class:`NgramClassifier` — a three-class logistic regression over TF-IDF of character
  1–3-grams and word 1–2-grams plus the lexicon's sums, trained by ``make train-sentiment`` on
  news labelled by others (FinNE, BDCI-2019, FinNSP), reviews (ChnSentiCorp) and the project's
  sentences, and stored as JSON + numpy arrays (no pickle).

:class:`SentimentModel` gives P(negative, neutral, positive) per sentence, label = the likeliest,
score = ``P(positive) - P(negative)`` in [-1, 1]; articles blend the whole text, the mean of
its sentences and the headline.

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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ModelFormatError, ModelNotFoundError
from .resources import resolve_model_dir
from .results import SENTIMENT_LABELS, Sentiment, SentimentLabel, TargetTone
from .tone_target import TargetModel, read_targets, target_label

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "Lexicon",
    "LexiconScore",
    "NgramClassifier",
    "SentimentModel",
    "Scored",
    "CLASSES",
    "merge_counts",
    "lexicon_inputs",
    "LEXICON_INPUTS",
    "word_ngrams",
    "char_ngrams",
    "load_lexicon",
]

LEXICON_FILE = "sentiment/lexicon.tsv"
CLASSIFIER_FILE = "sentiment/classifier.json"
ARRAYS_FILE = "sentiment/classifier.npz"
KINDS = ("pos", "neg", "negator", "degree", "contrast", "concession", "decrease", "increase", "overcome", "measure")
#: How many tokens (degree adverbs and negators not counted) may stand between a term and the change
#: word (减少, 上升) that changes it: 交通事故数量下降, not 事故发生后股价下跌.
CHANGE_WINDOW = 2
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
    strongest first. ``turned`` is the signed part whose sign a change word or an overcome word
    turned (亏损收窄 +, 利润减少 −, 扛住了压力 +): the n-grams of such a term still pull the old
    way, so the model gives the turn its own say (:data:`TURN_WEIGHT`)."""

    total: float = 0.0
    positive: float = 0.0
    negative: float = 0.0
    terms: tuple[tuple[str, float], ...] = ()
    turned: float = 0.0

    @staticmethod
    def combine(scores: Iterable[LexiconScore]) -> LexiconScore:
        """The sum of several scores (a text's sentences), terms merged; linear in their number."""
        total = positive = negative = turned = 0.0
        terms: list[tuple[str, float]] = []
        for sc in scores:
            total += sc.total
            positive += sc.positive
            negative += sc.negative
            turned += sc.turned
            terms += sc.terms
        return LexiconScore(total, positive, negative, _strongest(terms), turned)


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
    #: change words: what they change decides the tone (亏损收窄 +, 失业率上升 −); value = factor
    decrease: dict[str, float] = field(default_factory=dict)
    increase: dict[str, float] = field(default_factory=dict)
    #: words that turn a negative term after them into a positive one (扛住了压力)
    overcome: frozenset[str] = frozenset()
    #: suffixes of measure words that take their stem's polarity (失业率, 伤亡人数)
    measure: frozenset[str] = frozenset()
    #: every term the matcher looks for (built from the fields above)
    _terms: frozenset[str] = field(init=False, repr=False, compare=False, default=frozenset())

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, float]]) -> Lexicon:
        """Build from ``(term, kind, value)`` rows; ``kind`` is one of ``KINDS``."""
        polarity: dict[str, float] = {}
        negators: set[str] = set()
        degree: dict[str, float] = {}
        contrast: dict[str, float] = {}
        concession: dict[str, float] = {}
        change: dict[str, dict[str, float]] = {"decrease": {}, "increase": {}}
        sets: dict[str, set[str]] = {"overcome": set(), "measure": set()}
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
            elif kind in change:
                change[kind][term] = value
            elif kind in sets:
                sets[kind].add(term)
            else:
                raise ModelFormatError(f"unknown lexicon kind {kind!r} for {term!r}; expected one of {KINDS}")
        return cls(polarity, frozenset(negators), degree, contrast, concession, change["decrease"],
                   change["increase"], frozenset(sets["overcome"]), frozenset(sets["measure"]))

    def __post_init__(self) -> None:
        known = (set(self.polarity) | self.negators | set(self.degree) | set(self.decrease) | set(self.increase)
                 | self.overcome)
        object.__setattr__(self, "_terms", frozenset(known))

    def _match(self, tokens: Sequence[str], i: int) -> tuple[str, int]:
        """Longest lexicon term starting at token ``i`` (up to 3 tokens joined) and its length."""
        for n in range(min(MAX_TERM_TOKENS, len(tokens) - i), 1, -1):
            term = "".join(tokens[i:i + n])
            if term in self._terms:
                return term, n
        tok = tokens[i]
        if len(tok) >= 3 and tok not in self._terms:
            # A measure of something takes its polarity: 失业率 → 失业, 伤亡人数 → 伤亡.
            for suffix in self.measure:
                stem = tok[:-len(suffix)]
                if tok.endswith(suffix) and len(stem) >= 2 and stem in self.polarity:
                    return stem, 1
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
        turns: set[int] = set()  # found indices that a change or overcome word turned
        seg_weight: list[float] = [1.0]
        seg = 0
        clause_weight = 1.0
        last_neg: list[int] = []  # item indices of negators in the current clause
        last_over: list[int] = []  # item indices of overcome words (扛住) in the current clause
        last_degree: tuple[int, float] | None = None  # item index and factor
        last_term: tuple[int, int] | None = None  # the clause's last polarity term: found index, item index
        items: list[tuple[str, int]] = []
        i = 0
        while i < len(tokens):
            term, n = self._match(tokens, i)
            items.append((term, i))
            i += n
        for k, (term, pos) in enumerate(items):
            if term and term[0] in _CLAUSE_END:
                clause_weight, last_neg, last_over, last_degree, last_term = 1.0, [], [], None, None
                continue
            if term in self.contrast:
                for j in range(len(seg_weight)):
                    seg_weight[j] /= self.contrast[term]
                seg_weight.append(self.contrast[term])
                seg += 1
                clause_weight, last_neg, last_over, last_degree, last_term = 1.0, [], [], None, None
                continue
            if term in self.concession:
                clause_weight = self.concession[term]
                continue
            if term in self.negators:
                last_neg.append(k)
                continue
            if term in self.overcome:
                last_over.append(k)
                continue
            nxt = items[k + 1][0] if k + 1 < len(items) else ""
            if term in self.degree and (term not in self.polarity or nxt in self.polarity):
                last_degree = (k, self.degree[term])
                continue
            if last_term is not None and (term in self.decrease or term in self.increase):
                changed = self._change(items, k, last_term[1], found[last_term[0]][2], last_neg, last_degree)
                if changed is not None:
                    j = last_term[0]
                    if (changed[1] > 0) != (found[j][2] > 0):
                        turns.add(j)
                    found[j] = (found[j][0], found[j][1] + changed[0], changed[1])
                    last_term = None
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
            overs = [j for j in last_over if pos - items[j][1] <= NEGATION_WINDOW]
            if value < 0 and overs:
                value = -value
                shown = _joined(items, overs[-1], k, shown)
            if value > 0 and overs and self.polarity[term] < 0:
                turns.add(len(found))
            last_term = (len(found), k)
            found.append((seg, shown, value))
        values = [(shown, v * seg_weight[s]) for s, shown, v in found]
        pos_sum = sum(v for _, v in values if v > 0)
        neg_sum = -sum(v for _, v in values if v < 0)
        return LexiconScore(pos_sum - neg_sum, pos_sum, neg_sum, _strongest(values),
                            sum(values[j][1] for j in turns))


    def _change(self, items: Sequence[tuple[str, int]], k: int, t: int, value: float, negs: Sequence[int],
                degree: tuple[int, float] | None) -> tuple[str, float] | None:
        """The term at item ``t`` (worth ``value``) changed by the change word at item ``k``:
        the text to add to the term's shown form and the pair's value, or None when the two
        are too far apart. A decrease turns the sign (亏损收窄 +), an increase keeps it
        (失业率上升 −); a negator between them turns it again (亏损未收窄 −), a degree adverb
        between them scales it (非法捕捞大幅减少)."""
        between = [j for j in range(t + 1, k) if items[j][0] not in self.degree and items[j][0] not in self.negators]
        if len(between) > CHANGE_WINDOW:
            return None
        term = items[k][0]
        factor = self.decrease.get(term) or self.increase.get(term, 1.0)
        out = value * factor * (-1.0 if term in self.decrease else 1.0)
        if degree is not None and t < degree[0] < k:
            out *= degree[1]
        if sum(t < j < k for j in negs) % 2 == 1:
            out *= -NEGATION_FACTOR
        return ("" if t + 1 == k else "…") + term, out


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


#: The classes of every probability triple, in this order.
CLASSES: tuple[SentimentLabel, SentimentLabel, SentimentLabel] = ("negative", "neutral", "positive")
NgramCounts = tuple[dict[int, int], dict[int, int]]


def merge_counts(parts: Iterable[NgramCounts]) -> NgramCounts:
    """The n-gram counts of a text made of ``parts`` (its sentences)."""
    import numpy as np

    parts = list(parts)
    out: list[dict[int, int]] = []
    for k in (0, 1):
        n = sum(len(p[k]) for p in parts)
        keys = np.fromiter(chain.from_iterable(p[k].keys() for p in parts), dtype=np.int64, count=n)
        vals = np.fromiter(chain.from_iterable(p[k].values() for p in parts), dtype=np.int64, count=n)
        uniq, inv = np.unique(keys, return_inverse=True)
        sums = np.bincount(inv, weights=vals, minlength=len(uniq)).astype(np.int64)
        out.append(dict(zip(uniq.tolist(), sums.tolist(), strict=True)))
    return out[0], out[1]


#: How many inputs the lexicon gives the classifier (:func:`lexicon_inputs`).
LEXICON_INPUTS = 2
#: How much a turned term (:attr:`LexiconScore.turned`) adds to the log-odds of its side. Set by
#: hand, not learned: the training sets hold too few change constructions (亏损收窄, 失业率下降)
#: for the classifier to learn that they overrule the n-grams of the term they turn; 1.5 per
#: unit of lexicon strength is enough to overrule a term's n-grams, checked on dev (docs/SENTIMENT.md).
TURN_WEIGHT = 1.5


def lexicon_inputs(lex: LexiconScore) -> tuple[float, float]:
    """The lexicon's inputs to the classifier: its positive and negative sums, squashed."""
    return math.tanh(lex.positive / 2), math.tanh(lex.negative / 2)


class NgramClassifier:
    """Three-class tone classifier (negative, neutral, positive): a multinomial logistic
    regression over TF-IDF of character and word n-grams plus the lexicon's two sums, loaded
    from JSON + npz.

    Trained with scikit-learn (``TfidfVectorizer`` with sublinear tf, L2 norm) by ``make
    train-sentiment``; applied here with dictionaries and numpy, which gives the same numbers
    without scikit-learn's per-call overhead. A text is read as n-gram counts first
    (:meth:`counts`), so an article's counts are the sum of its sentences' and are not
    counted twice.
    """

    def __init__(self, meta: dict[str, Any], arrays: dict[str, NDArray[Any]]) -> None:
        import numpy as np

        try:
            if meta.get("format") != 2:
                raise ValueError(f"format {meta.get('format')!r}, expected 2 (retrain with `make train-sentiment`)")
            params = meta["params"]
            self.char_range = (int(params["char_ngram"][0]), int(params["char_ngram"][1]))
            self.word_n = int(params["word_ngram"][1])
            self.lex_scale = float(params["lexicon_scale"])
            if list(meta["classes"]) != list(CLASSES):
                raise ValueError(f"classes {meta['classes']!r}, expected {list(CLASSES)}")
            char_vocab, word_vocab = meta["char_vocabulary"], meta["word_vocabulary"]
            self.char_index = {t: i for i, t in enumerate(char_vocab)}
            self.word_index = {t: i for i, t in enumerate(word_vocab)}
            self.char_idf = arrays["char_idf"].astype("float64")
            self.word_idf = arrays["word_idf"].astype("float64")
            coef = arrays["coef"].astype("float64")
            self.intercept = np.asarray(arrays["intercept"], dtype="float64") + np.asarray(
                [float(v) for v in meta["class_bias"]], dtype="float64")
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            raise ModelFormatError(f"sentiment classifier files are incomplete or inconsistent: {exc}") from None
        n_char, n_word = len(char_vocab), len(word_vocab)
        if (coef.shape != (n_char + n_word + LEXICON_INPUTS, 3) or self.char_idf.shape != (n_char,)
                or self.word_idf.shape != (n_word,) or self.intercept.shape != (3,)):
            raise ModelFormatError(f"sentiment classifier arrays do not match its vocabularies ({n_char:,} character "
                                   f"and {n_word:,} word n-grams; weights {coef.shape})")
        self.char_coef, self.word_coef = coef[:n_char], coef[n_char:n_char + n_word]
        self.lex_coef = coef[n_char + n_word:]
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
        if not isinstance(meta, dict):
            raise ModelFormatError(f"sentiment classifier in {meta_path} is not a JSON object")
        return cls(meta, arrays)

    def counts(self, text: str, tokens: Sequence[str]) -> NgramCounts:
        """The known character and word n-grams of one text, counted."""
        char: dict[int, int] = {}
        word: dict[int, int] = {}
        for grams, index, out in ((char_ngrams(text, *self.char_range), self.char_index, char),
                                  (word_ngrams(tokens, self.word_n), self.word_index, word)):
            for g in grams:
                j = index.get(g)
                if j is not None:
                    out[j] = out.get(j, 0) + 1
        return char, word

    @staticmethod
    def _tfidf(counts: dict[int, int], idf: NDArray[np.float64]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """Indices and values of the TF-IDF vector (sublinear tf, L2-normed) of one part."""
        import numpy as np

        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        v = (1.0 + np.log(tf)) * idf[idx]
        norm = float(np.sqrt(v @ v))
        return idx, (v / norm if norm else v)

    @staticmethod
    def _part_scores(parts: Sequence[dict[int, int]], idf: NDArray[np.float64], coef: NDArray[np.float64]
                     ) -> NDArray[np.float64]:
        """(n, 3) dot products of n texts' TF-IDF vectors of one part (sublinear tf, each
        L2-normed) with ``coef``, all at once."""
        import numpy as np

        n = len(parts)
        lens = [len(p) for p in parts]
        total = sum(lens)
        if not total:
            return np.zeros((n, 3))
        keys = np.fromiter(chain.from_iterable(p.keys() for p in parts), dtype=np.int64, count=total)
        tf = np.fromiter(chain.from_iterable(p.values() for p in parts), dtype=np.float64, count=total)
        rows = np.repeat(np.arange(n), lens)
        v = (1.0 + np.log(tf)) * idf[keys]
        norm = np.sqrt(np.bincount(rows, weights=v * v, minlength=n))
        v /= np.where(norm > 0, norm, 1.0)[rows]
        contrib = v[:, None] * coef[keys]
        return np.stack([np.bincount(rows, weights=contrib[:, k], minlength=n) for k in range(3)], axis=1)

    def logits_many(self, counts: Sequence[NgramCounts], lex: Sequence[LexiconScore]) -> NDArray[np.float64]:
        """(n, 3) class scores (before the softmax) of n texts' counts and lexicon scores."""
        import numpy as np

        inputs = np.asarray([lexicon_inputs(x) for x in lex], dtype=np.float64).reshape(len(lex), -1)
        z: NDArray[np.float64] = self.intercept + inputs * self.lex_scale @ self.lex_coef
        z += self._part_scores([c[0] for c in counts], self.char_idf, self.char_coef)
        z += self._part_scores([c[1] for c in counts], self.word_idf, self.word_coef)
        for i, x in enumerate(lex):
            if x.turned:  # a turned term speaks for its new side (TURN_WEIGHT)
                z[i, 2 if x.turned > 0 else 0] += TURN_WEIGHT * abs(x.turned)
        return z

    def logits(self, counts: NgramCounts, lex: LexiconScore) -> NDArray[np.float64]:
        """The three class scores (before the softmax) of a text's counts and lexicon score."""
        z: NDArray[np.float64] = self.logits_many([counts], [lex])[0]
        return z

    def proba_many(self, counts: Sequence[NgramCounts], lex: Sequence[LexiconScore]
                   ) -> list[tuple[float, float, float]]:
        """P(negative, neutral, positive) of each of n texts."""
        import numpy as np

        if not counts:
            return []
        z = self.logits_many(counts, lex)
        e = np.exp(z - z.max(axis=1, keepdims=True))
        e /= e.sum(axis=1, keepdims=True)
        return [(a, b, c) for a, b, c in e.tolist()]

    def proba(self, counts: NgramCounts, lex: LexiconScore) -> tuple[float, float, float]:
        """P(negative, neutral, positive)."""
        return self.proba_many([counts], [lex])[0]

    def explain(self, counts: NgramCounts, top: int = 8) -> list[tuple[str, float]]:
        """The n-grams that moved the text towards positive (> 0) or negative (< 0) most: each
        one's share of the positive score minus its share of the negative score (word bigrams
        are shown with a space: ``'很 好'``)."""
        pairs: list[tuple[str, float]] = []
        for part, idf, coef, names in ((counts[0], self.char_idf, self.char_coef, self.char_names),
                                       (counts[1], self.word_idf, self.word_coef, self.word_names)):
            if part:
                idx, v = self._tfidf(part, idf)
                contrib = v * (coef[idx, 2] - coef[idx, 0])
                pairs += [(names[j], float(c)) for j, c in zip(idx.tolist(), contrib.tolist(), strict=True)]
        pairs.sort(key=lambda p: (-abs(p[1]), p[0]))
        return [(t, round(v, 4)) for t, v in pairs[:top]]


def _label_index(p: Sequence[float]) -> int:
    """Index of the likeliest label in (negative, neutral, positive); ties go to neutral."""
    return max(range(3), key=lambda i: (p[i], i == 1))


def _to_sentiment(p: Sequence[float], terms: tuple[tuple[str, float], ...] = (), **extra: float) -> Sentiment:
    label: SentimentLabel = SENTIMENT_LABELS[_label_index(p)]
    return Sentiment(label, round(p[2] - p[0], 4), _strongest(terms)[:8], **extra)


@dataclass(frozen=True)
class Scored:
    """One scored text: P(negative, neutral, positive), its lexicon score and its n-gram counts
    (kept so that an article is scored from its sentences' counts)."""

    proba: tuple[float, float, float]
    lexicon: LexiconScore
    counts: NgramCounts


class SentimentModel:
    """Lexicon + three-class n-gram classifier, loaded from ``models/sentiment``.

    A sentence's tone is the classifier's P(negative, neutral, positive) over its n-grams and
    the lexicon's sums; an article's blends the classifier on the whole text with the mean of
    its sentences, and its headline's tone (:meth:`document`).

    >>> from toolkit import Tokenizer
    >>> m, tok = SentimentModel.load(), Tokenizer()
    >>> [m.sentence(t, tok.lcut(t)).label for t in ["公司业绩大幅下滑，投资者十分担忧。", "会议将于明天上午九点举行。"]]
    ['negative', 'neutral']
    """

    def __init__(self, lexicon: Lexicon, classifier: NgramClassifier) -> None:
        self.lexicon = lexicon
        self.classifier = classifier
        doc = classifier.meta.get("document", {})
        try:
            #: share of the whole-text reading in an article's tone (the rest: mean of its sentences)
            self.whole_text_weight = float(doc.get("whole_text_weight", 0.5))
            #: share of the headline in an article's tone, when there is one
            self.title_weight = float(doc.get("title_weight", 0.25))
        except (TypeError, ValueError, AttributeError) as exc:
            raise ModelFormatError(f"sentiment document weights are malformed: {exc}") from None
        if not (0 <= self.whole_text_weight <= 1 and 0 <= self.title_weight <= 1):
            raise ModelFormatError("sentiment document weights must lie in [0, 1]")
        meta = classifier.meta.get("target")
        self._target = None if meta is None else TargetModel.from_meta(meta)

    @property
    def target_model(self) -> TargetModel:
        """The model of the tone towards a target (:mod:`toolkit.tone_target`)."""
        return TargetModel.from_meta(None) if self._target is None else self._target

    @classmethod
    def load(cls, model_dir: str | os.PathLike[str] | None = None) -> SentimentModel:
        root = resolve_model_dir(model_dir)
        return cls(load_lexicon(root / LEXICON_FILE), NgramClassifier.load(root))

    def score(self, texts: Sequence[str], tokens: Sequence[Sequence[str]]) -> list[Scored]:
        """Each text (a sentence) scored."""
        lex = [self.lexicon.score(toks) for toks in tokens]
        counts = [self.classifier.counts(text, toks) for text, toks in zip(texts, tokens, strict=True)]
        probs = self.classifier.proba_many(counts, lex)
        return [Scored(p, x, c) for p, x, c in zip(probs, lex, counts, strict=True)]

    def probabilities(self, texts: Sequence[str], tokens: Sequence[Sequence[str]]
                      ) -> list[tuple[tuple[float, float, float], LexiconScore]]:
        """P(negative, neutral, positive) and the lexicon score of each text (a sentence)."""
        return [(s.proba, s.lexicon) for s in self.score(texts, tokens)]

    @staticmethod
    def to_sentiment(p: Sequence[float], terms: tuple[tuple[str, float], ...] = (), **extra: float) -> Sentiment:
        """A :class:`Sentiment` from P(negative, neutral, positive): the likeliest label
        (ties go to neutral), score ``P(positive) - P(negative)``, the strongest 8 terms."""
        return _to_sentiment(p, terms, **extra)

    def sentence(self, text: str, tokens: Sequence[str]) -> Sentiment:
        """Tone of one sentence."""
        if not text.strip():
            return Sentiment("neutral", 0.0)
        s = self.score([text], [tokens])[0]
        return _to_sentiment(s.proba, s.lexicon.terms)

    def document_proba(self, sentences: Sequence[Scored], title: Scored | None = None) -> tuple[float, float, float]:
        """P(negative, neutral, positive) of a whole text from its scored sentences (and its
        headline's): the classifier on the whole text (the sentences' counts and lexicon sums
        added up) blended with the mean of the sentences' P by ``whole_text_weight``; a
        headline weighs ``title_weight``."""
        if not sentences:
            return (0.0, 1.0, 0.0) if title is None else title.proba
        if title is not None:  # the headline is read as the text's first sentence too
            sentences = [title, *sentences]
        lex = LexiconScore.combine(s.lexicon for s in sentences)
        whole = self.classifier.proba(merge_counts(s.counts for s in sentences), lex)
        mean = aggregate([s.proba for s in sentences])
        w = self.whole_text_weight
        p = [w * a + (1 - w) * b for a, b in zip(whole, mean, strict=True)]
        if title is not None:
            t = self.title_weight
            p = [t * a + (1 - t) * b for a, b in zip(title.proba, p, strict=True)]
        return (p[0], p[1], p[2])

    def document(self, sentences: Sequence[Scored], title: Scored | None = None,
                 proba: Sequence[float] | None = None) -> Sentiment:
        """Tone of a whole text from its scored sentences (and its headline's, if any): P from
        :meth:`document_proba`. So an article of facts with one worried sentence stays neutral
        with a score below zero, and a review of many short sentences reads as one review. The
        result carries the share of positive and negative sentences (both high: mixed coverage)
        and the lexicon terms of the whole text. ``proba``: the document P, when already known."""
        if not sentences:
            return Sentiment("neutral", 0.0) if title is None else _to_sentiment(title.proba, title.lexicon.terms)
        terms = LexiconScore.combine(s.lexicon for s in sentences).terms + (title.lexicon.terms if title else ())
        labels = [_label_index(s.proba) for s in sentences]
        n = len(labels)
        p = self.document_proba(sentences, title) if proba is None else proba
        return _to_sentiment(p, terms, positive_share=round(labels.count(2) / n, 4),
                             negative_share=round(labels.count(0) / n, 4))

    def towards(self, text: str, sentence_spans: Sequence[tuple[int, int]], sentences: Sequence[Scored],
                doc: Sequence[float], mentions: dict[str, list[tuple[int, int]]],
                tokens_of: Callable[[int, int], list[str]]) -> list[TargetTone]:
        """The tone towards each target of ``mentions`` (name → its spans in ``text``), given
        the text's scored sentences and its document P(label); targets never mentioned are
        neutral with 0 mentions. ``tokens_of(start, end)`` gives the words of a span of ``text``
        (a clause that names a target)."""
        target = self.target_model
        readings = {r.target: r for r in read_targets(
            text, sentence_spans, sentences, doc, mentions,
            lambda spans: self.score([text[a:b] for a, b in spans], [tokens_of(a, b) for a, b in spans]))}
        out = []
        for name in mentions:
            r = readings.get(name)
            if r is None:
                out.append(TargetTone(name, Sentiment("neutral", 0.0), 0.0, 0, 0))
                continue
            p_neg = target.p_negative(r.features)
            label, score = target_label(p_neg, target.threshold, r.units)
            out.append(TargetTone(name, Sentiment(label, score, _strongest(r.evidence)[:8]), round(p_neg, 4),
                                  r.mentions, r.sentences))
        return out

    def explain(self, text: str, tokens: Sequence[str]) -> dict[str, Any]:
        """Why a text got its tone: lexicon terms, classifier n-grams and P(label)."""
        s = self.score([text], [tokens])[0]
        return {"sentiment": _to_sentiment(s.proba, s.lexicon.terms), "lexicon_terms": list(s.lexicon.terms),
                "classifier_ngrams": self.classifier.explain(s.counts),
                "lexicon_positive": round(s.lexicon.positive, 4), "lexicon_negative": round(s.lexicon.negative, 4),
                "probabilities": dict(zip(SENTIMENT_LABELS, (round(v, 4) for v in s.proba), strict=True))}


def aggregate(probs: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean of probability triples (the tone of an entity across the sentences naming it)."""
    n = len(probs)
    if not n:
        return (0.0, 1.0, 0.0)
    return (sum(p[0] for p in probs) / n, sum(p[1] for p in probs) / n, sum(p[2] for p in probs) / n)
