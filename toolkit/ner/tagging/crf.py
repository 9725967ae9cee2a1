"""A linear-chain CRF over characters with character n-gram and jieba word features.

Entity spans often cut through jieba words, so the model labels
characters (BIO tags); jieba's words enter as features of each character instead
of limiting the boundaries:

- the character and its neighbours (``c-2 … c2``), character bigrams and trigrams
  around it, the character types (Han, Latin, digit, punctuation) of the window;
- the jieba word holding the character, the character's B/M/E/S position in it
  with the word length, the word's POS tag, and the words before and after.

The weights are learned with CRFsuite (``make train-ner``, :mod:`toolkit.train.ner`) and
stored as JSON (labels, feature names) plus a numpy ``.npz`` (weights) — loaded with
``allow_pickle=False``. Decoding is numpy: emission scores are sums of weight rows, the
best tag path is found with Viterbi.

>>> crf = CharCRF.load(resolve_model_dir(None) / "ner" / "crf")  # doctest: +SKIP
>>> crf.spans("周鸿祎在北京发布了新产品。")  # doctest: +SKIP
[(0, 3, 'PERSON'), (4, 6, 'LOC')]
"""
from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from ...errors import ModelFormatError, ModelNotFoundError
from ...resources import resolve_model_dir

if TYPE_CHECKING:  # pragma: no cover
    from ...text.tokenizer import Tokenizer
    from .lexicon import Lexicon

__all__ = ["FEATURES_VERSION", "LEX_PREFIX", "CharCRF", "SpanDecoder", "Tagger", "WordSegmenter", "char_features",
           "lexicon_features", "style_features", "decode_spans", "tags_to_spans", "spans_to_tags", "viterbi", "FACTORY"]

#: Changes whenever :func:`char_features` changes: a model trained on other features is refused.
FEATURES_VERSION = 2
FACTORY = "toolkit_crf_ner"

Span = tuple[int, int, str]
WordTag = tuple[str, str]


class WordSegmenter:
    """jieba words with POS tags as the CRF's features see them: bundled dictionary, HMM off.

    Fixed on purpose (a user dictionary added to an analyzer must not change the features the
    model was trained on).
    """

    def __init__(self, tokenizer: Tokenizer | None = None, *, model_dir: str | os.PathLike[str] | None = None) -> None:
        from ...text.tokenizer import Tokenizer

        if tokenizer is None:
            tokenizer = Tokenizer(hmm=False, bundled_dict=True, model_dir=model_dir)
        elif tokenizer.hmm or tokenizer.user_dicts or not tokenizer.bundled_dict:
            raise ValueError("the tagger's words come from the bundled dictionary with the HMM off")
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> list[WordTag]:
        return self.tokenizer.word_tags(text)


def _ctype(c: str) -> str:
    if c.isdigit():
        return "D"
    if "\u4e00" <= c <= "\u9fff":
        return "H"
    if c.isascii() and c.isalpha():
        return "L"
    if c.isspace():
        return "W"
    return "P"


def _word_columns(n: int, words: Sequence[WordTag]) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """Per character: the jieba word holding it, its B/M/E/S position + length, its POS tag, the
    word before (at a word's first character, else ``-``) and after (at its last)."""
    word_of: list[str] = [""] * n
    pos_of: list[str] = [""] * n
    tag_of: list[str] = [""] * n
    prev_of: list[str] = ["-"] * n
    next_of: list[str] = ["-"] * n
    start = 0
    prev_word = "^"
    for k, (word, tag) in enumerate(words):
        m = len(word)
        size = str(min(m, 5))
        nxt = words[k + 1][0] if k + 1 < len(words) else "$"
        for j in range(m):
            i = start + j
            if i >= n:
                break
            bmes = "S" if m == 1 else "B" if j == 0 else "E" if j == m - 1 else "M"
            word_of[i] = word
            pos_of[i] = bmes + size
            tag_of[i] = tag
            if j == 0:
                prev_of[i] = prev_word
            if j == m - 1:
                next_of[i] = nxt
        start += m
        prev_word = word
    return word_of, pos_of, tag_of, prev_of, next_of


def char_features(text: str, words: Sequence[WordTag]) -> list[list[str]]:
    """The feature names of each character of ``text`` (``words`` = its jieba words, in order).

    >>> feats = char_features("马云说", [("马云", "nr"), ("说", "v")])
    >>> [f for f in feats[0] if f.startswith(("c0=", "w=", "wb=", "wn="))]
    ['c0=马', 'w=马云', 'wb=B2', 'wn=-']
    """
    n = len(text)
    word_of, pos_of, tag_of, prev_of, next_of = _word_columns(n, words)
    pad = "^^" + text + "$$"
    types = "".join(_ctype(c) for c in pad)
    out: list[list[str]] = []
    for i in range(n):
        j = i + 2
        c_2, c_1, c0, c1, c2 = pad[j - 2], pad[j - 1], pad[j], pad[j + 1], pad[j + 2]
        out.append([
            "b",
            "c-2=" + c_2, "c-1=" + c_1, "c0=" + c0, "c1=" + c1, "c2=" + c2,
            "b-2=" + c_2 + c_1, "b-1=" + c_1 + c0, "b0=" + c0 + c1, "b1=" + c1 + c2,
            "s=" + c_1 + c1,
            "t=" + types[j - 1:j + 2],
            "w=" + (word_of[i] or c0), "wb=" + (pos_of[i] or "S1"),
            "wt=" + (pos_of[i] or "S1") + tag_of[i], "p=" + tag_of[i],
            "t-1=" + c_1 + c0 + c1, "t0=" + c0 + c1 + c2, "t-2=" + c_2 + c_1 + c0,
            "wp=" + prev_of[i], "wn=" + next_of[i],
        ])
    return out


#: Prefix of the dictionary-match features (``lx=B3nr``, :mod:`toolkit.ner.tagging.lexicon`): a CRF trained
#: with them (``make train-ner --crf-lexicon``) scores them; one trained without never computes them.
LEX_PREFIX = "lx="


def lexicon_features(text: str, lex: Lexicon) -> list[list[str]]:
    """The dictionary-match feature names of each character (:mod:`toolkit.ner.tagging.lexicon`), for training.

    >>> from toolkit.ner.tagging.lexicon import Lexicon
    >>> lexicon_features("周鸿祎", Lexicon({"周鸿祎": "nr"}))[0]
    ['lx=B3nr']
    """
    return [[LEX_PREFIX + lex.names[f] for f in fs] for fs in lex.matches(text)]


#: Separates a style from a feature name (``msra|c0=马``).
STYLE_SEP = "|"
#: The templates that get a copy per style when training with styles (``b`` is the bias).
STYLE_TEMPLATES = ("b", "c-1", "c0", "c1", "b-1", "b0", "t", "w", "wt")


def style_features(features: list[list[str]], style: str) -> list[list[str]]:
    """Each character's features plus a copy of those of :data:`STYLE_TEMPLATES` marked with
    ``style`` (the data set the sentence comes from), for training: the shared copy learns what
    the data sets agree on, the marked one each data set's own conventions.

    >>> style_features([["b", "c0=马", "c2=说"]], "msra")
    [['b', 'c0=马', 'c2=说', 'msra|b', 'msra|c0=马']]
    """
    keep = set(STYLE_TEMPLATES)
    mark = style + STYLE_SEP
    return [f + [mark + x for x in f if x.partition("=")[0] in keep] for f in features]


def spans_to_tags(n: int, spans: Iterable[Span]) -> list[str]:
    """BIO tags of ``n`` characters; overlapping spans after the first are skipped.

    >>> spans_to_tags(4, [(1, 3, "LOC")])
    ['O', 'B-LOC', 'I-LOC', 'O']
    """
    tags = ["O"] * n
    for s, e, label in sorted(spans):
        if s >= e or any(t != "O" for t in tags[s:e]):
            continue
        tags[s] = "B-" + label
        for k in range(s + 1, e):
            tags[k] = "I-" + label
    return tags


def tags_to_spans(tags: Sequence[str]) -> list[Span]:
    """Spans of BIO tags; an ``I-`` that does not continue an entity of its label starts one.

    >>> tags_to_spans(["B-PERSON", "I-PERSON", "O", "I-LOC"])
    [(0, 2, 'PERSON'), (3, 4, 'LOC')]
    """
    out: list[Span] = []
    start, label = -1, ""
    for i, t in enumerate([*tags, "O"]):
        kind, lab = t[:1], t[2:]
        if kind == "I" and lab == label and start >= 0:
            continue
        if start >= 0:
            out.append((start, i, label))
            start, label = -1, ""
        if kind in ("B", "I"):
            start, label = i, lab
    return out


def viterbi(emits: Sequence[np.ndarray], transition: np.ndarray) -> list[list[int]]:
    """Best tag paths of a batch of (n, K) emission matrices under first-order ``transition``
    scores (K, K) (start and end scores, if any, belong in the first and last emission rows).

    >>> viterbi([np.array([[0.0, 2.0], [1.0, 0.0]])], np.array([[0.0, 0.0], [-5.0, 0.0]]))
    [[1, 1]]
    """
    # longest first: at step t the sequences still running are a prefix of the batch
    order = sorted(range(len(emits)), key=lambda j: -len(emits[j]))
    lens = [len(emits[j]) for j in order]
    n_seq, length, k = len(emits), lens[0], transition.shape[0]
    emit = np.zeros((n_seq, length, k), dtype=np.float32)
    for j, i in enumerate(order):
        emit[j, :lens[j]] = emits[i]
    running = np.searchsorted(-np.asarray(lens), -np.arange(length), side="left")
    trans = transition[None]
    back = np.zeros((length, n_seq, k), dtype=np.int16)
    score = emit[:, 0].copy()
    for t in range(1, length):
        m = running[t]
        cand = score[:m, :, None] + trans
        back[t, :m] = cand.argmax(axis=1)
        score[:m] = cand.max(axis=1) + emit[:m, t]
    last = score.argmax(axis=1).tolist()
    paths: list[list[int]] = [[] for _ in emits]
    for j, n in enumerate(lens):
        ptr = back[1:n, j].tolist()
        path = [last[j]]
        for t in range(n - 2, -1, -1):
            path.append(ptr[t][path[-1]])
        path.reverse()
        paths[order[j]] = path
    return paths


class Tagger(Protocol):
    """What :func:`decode_spans` needs of a character tagger."""

    @property
    def labels(self) -> list[str]: ...

    @property
    def transition(self) -> np.ndarray: ...

    def emissions_many(self, texts: Sequence[str], words: Sequence[Sequence[WordTag]]) -> list[np.ndarray]: ...

    @property
    def segmenter(self) -> WordSegmenter: ...


#: At most this many characters are scored at once by :func:`decode_spans` (bounds the working
#: memory of a batch of long texts: the BiLSTM keeps ~10 KB of activations per character).
GROUP_CHARS = 16_000


#: The cost of one time step of a batch, in steps of one text: a step of a batch with b texts
#: still running costs about STEP_FIXED + b (numpy's per-call overhead and one small matrix
#: product dominate a step of few texts; measured 31 µs for 1 text, 75 for 8, 353 for 64 on this
#: project's machine). The BiLSTM steps only the texts still running (``CharNet.emissions``), so
#: a group of texts costs its longest length × STEP_FIXED + its characters.
STEP_FIXED = 4


def length_groups(lengths: Sequence[int], batch: int, max_chars: int = GROUP_CHARS) -> list[list[int]]:
    """Indices of the non-zero ``lengths``, shortest first, in groups of at most ``batch``
    items whose padded size (items × the longest) is at most ``max_chars`` (a longer item is a
    group of its own), cut where the batches cost least: a group of texts up to length n with c
    characters in all costs n × STEP_FIXED + c (so short texts are not scored one by one; the
    padded size bounds the memory, which padding still takes).

    >>> length_groups([5, 0, 3, 9, 2], batch=2, max_chars=10)
    [[4], [2, 0], [3]]
    >>> length_groups([10] * 6 + [200], batch=64)
    [[0, 1, 2, 3, 4, 5, 6]]
    >>> length_groups([10] * 6 + [200], batch=64, max_chars=1000)
    [[0, 1, 2, 3, 4, 5], [6]]
    """
    order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: lengths[i])
    n = len(order)
    sizes = [lengths[i] for i in order]
    # best[j]: least cost of grouping the j shortest; cut[j]: where the last group of them starts
    best = [0.0] + [float("inf")] * n
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        longest, chars = sizes[j - 1], 0
        for i in range(j - 1, max(0, j - batch) - 1, -1):
            if longest * (j - i) > max_chars and i < j - 1:
                break
            chars += sizes[i]
            cost = best[i] + longest * STEP_FIXED + chars
            if cost < best[j]:
                best[j], cut[j] = cost, i
    groups: list[list[int]] = []
    j = n
    while j > 0:
        groups.append(order[cut[j]:j])
        j = cut[j]
    return groups[::-1]


def decode_spans(tagger: Tagger, texts: Sequence[str], words: Sequence[Sequence[WordTag]] | None,
                 batch: int) -> list[list[Span]]:
    """Entity spans of ``texts`` under ``tagger``: texts of similar length are scored and
    Viterbi-decoded together, ``batch`` texts and at most :data:`GROUP_CHARS` characters at a
    time (``words``: the texts' jieba words, segmented here if None); empty texts have no spans."""
    out: list[list[Span]] = [[] for _ in texts]
    seg = tagger.segmenter if words is None else None
    labels = tagger.labels
    for group in length_groups([len(t) for t in texts], batch, GROUP_CHARS):
        group_texts = [texts[i] for i in group]
        group_words = [seg(t) for t in group_texts] if seg is not None else [words[i] for i in group]  # type: ignore[index]
        paths = viterbi(tagger.emissions_many(group_texts, group_words), tagger.transition)
        for i, path in zip(group, paths, strict=True):
            out[i] = tags_to_spans([labels[k] for k in path])
    return out


class SpanDecoder:
    """``spans`` and ``spans_many`` for a :class:`Tagger` (a base of the toolkit's taggers)."""

    @property
    def segmenter(self) -> WordSegmenter:
        """The words this tagger reads when none are given (its own, built on first use; an
        :class:`~toolkit.ner.extractor.EntityExtractor` passes the words of its model folder)."""
        seg = self.__dict__.get("_own_segmenter")
        if seg is None:
            seg = self.__dict__["_own_segmenter"] = WordSegmenter()
        return seg

    @property
    def lexicon(self) -> Lexicon:
        """The dictionary whose matches a model trained with them reads (:mod:`toolkit.ner.tagging.lexicon`:
        jieba's and the bundled user dictionary, as in training); this tagger's own, built on first use."""
        lex = self.__dict__.get("_own_lexicon")
        if lex is None:
            from .lexicon import bundled_lexicon

            lex = self.__dict__["_own_lexicon"] = bundled_lexicon()
        return lex

    def spans(self, text: str, words: Sequence[WordTag] | None = None) -> list[Span]:
        """Entity spans ``(start, end, label)`` of ``text`` (``words``: its jieba words, if known)."""
        return self.spans_many([text], None if words is None else [words])[0]

    def spans_many(self, texts: Sequence[str], words: Sequence[Sequence[WordTag]] | None = None,
                   batch: int = 64) -> list[list[Span]]:
        """Entity spans of several texts, decoded ``batch`` texts of similar length at a time
        (faster than one by one; memory bounded by :data:`GROUP_CHARS`)."""
        return decode_spans(self, texts, words, batch)  # type: ignore[arg-type]


@dataclass
class CharCRF(SpanDecoder):
    """The weights of a trained character CRF and its decoder.

    ``labels``: the K tags; ``index``: feature name -> row of ``state`` (K weights; row 0 is
    the all-zero row of unknown features); ``transition[a, b]``: weight of tag a followed by b.
    """

    labels: list[str]
    index: dict[str, int]
    state: np.ndarray
    transition: np.ndarray
    meta: dict[str, Any]
    style: str = ""

    # ------------------------------------------------------------------ decoding

    def tag(self, features: Sequence[Sequence[str]]) -> list[str]:
        """Best tag sequence of one sentence's character features (Viterbi)."""
        return self.tag_many([features])[0]

    def tag_many(self, sentences: Sequence[Sequence[Sequence[str]]], batch: int = 64) -> list[list[str]]:
        """Best tag sequences of several sentences, decoded together in batches of similar length."""
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i in range(len(sentences)) if len(sentences[i])), key=lambda i: len(sentences[i]))
        labels = self.labels
        for b in range(0, len(order), batch):
            group = order[b:b + batch]
            paths = viterbi([self._emissions(sentences[i]) for i in group], self.transition)
            for i, path in zip(group, paths, strict=True):
                out[i] = [labels[k] for k in path]
        return out

    def __post_init__(self) -> None:
        from .lexicon import FEATURE_NAMES

        rows = [self.index.get(LEX_PREFIX + name, 0) for name in FEATURE_NAMES]
        # (F, K) weights of the dictionary-match features, if the model was trained with them
        self._lex: np.ndarray | None = self.state[rows] if any(rows) else None
        if self.style and self.style not in self.styles:
            raise ValueError(f"unknown style {self.style!r}; this model has "
                             + (", ".join(self.styles) if self.styles else "no styles"))

    @property
    def styles(self) -> tuple[str, ...]:
        """The data sets whose conventions the model learned as features of their own
        (``msra|c0=马`` next to ``c0=马``, :func:`style_features`), plus ``any`` (the shared
        features alone); empty for a model trained without them."""
        found = getattr(self, "_styles", None)
        if found is None:
            names = {name.partition("=")[0].partition(STYLE_SEP) for name in self.index}
            found = self._styles = tuple(sorted({"any", *(a for a, sep, _ in names if sep)})) \
                if any(sep for _, sep, _ in names) else ()
        return found

    def with_style(self, style: str) -> CharCRF:
        """The same model scoring the shared features plus those of ``style`` (see :attr:`styles`)."""
        if style == self.style or (not style and not self.styles):
            return self
        return replace(self, style=style)

    @property
    def uses_lexicon(self) -> bool:
        """Whether the model scores the dictionary matches of :mod:`toolkit.ner.tagging.lexicon`."""
        return self._lex is not None

    def _emissions(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        """(n, K) scores: the sum of the weight rows of each character's features."""
        get = self.index.get
        width = len(features[0])
        if all(len(f) == width for f in features):
            flat = [name for f in features for name in f]
            ids = np.fromiter(map(get, flat, repeat(0, len(flat))), dtype=np.int64, count=len(flat))
            return self.state[ids.reshape(len(features), width)].sum(axis=1)  # type: ignore[no-any-return]
        return np.stack([self.state[[get(name, 0) for name in f]].sum(axis=0) for f in features])

    def _templates(self) -> dict[str, dict[str, int]]:
        """Feature rows by template: ``{"c0": {"马": row, ...}, "w": {...}, ...}`` (the names of
        :func:`char_features` split at their first ``=``), built once; style features are
        templates of their own (``msra|c0``)."""
        tables = getattr(self, "_by_template", None)
        if tables is None:
            tables = {}
            for name, row in self.index.items():
                prefix, sep, value = name.partition("=")
                if sep:
                    tables.setdefault(prefix, {})[value] = row
            self._by_template = tables
        return tables

    def _styled(self) -> tuple[dict[str, dict[str, int]], np.ndarray, int]:
        """Templates, weight rows and bias row of this model's style: each shared feature with
        a feature of the style gets a new row holding the sum of both."""
        base, state, bias = self._templates(), self.state, self.index.get("b", 0)
        if not self.style or self.style == "any":
            return {t: d for t, d in base.items() if STYLE_SEP not in t}, state, bias
        mark = self.style + STYLE_SEP
        merged = {t: dict(d) for t, d in base.items() if STYLE_SEP not in t}
        extra: list[np.ndarray] = []
        for template, table in base.items():
            if not template.startswith(mark):
                continue
            shared = merged.setdefault(template[len(mark):], {})
            for value, row in table.items():
                extra.append(state[shared.get(value, 0)] + state[row])
                shared[value] = len(state) + len(extra) - 1
        extra.append(state[bias] + state[self.index.get(mark + "b", 0)])
        return merged, np.concatenate([state, np.stack(extra)]), len(state) + len(extra) - 1

    def scores(self, text: str, words: Sequence[WordTag]) -> np.ndarray:
        """(n, K) scores of ``text``: the same sum as ``_emissions(char_features(text, words))``,
        computed without building feature strings (see :meth:`emissions_many`)."""
        return self.emissions_many([text], [words])[0]

    def emissions_many(self, texts: Sequence[str], words: Sequence[Sequence[WordTag]]) -> list[np.ndarray]:
        """(n, K) tag scores of each text, given its jieba words.

        The same sums as ``_emissions(char_features(text, words))``, with every lookup done in
        numpy for all texts at once: characters become ids through a code-point table, bigrams
        and trigrams through sorted integer keys, and the word features are read once per word
        (``_FeatureTables``)."""
        tables = self._feature_tables()
        out = tables.scores(texts, words)
        if self._lex is not None:
            lexicon = self.lexicon
            for e, t in zip(out, texts, strict=True):
                e += lexicon.features(t) @ self._lex
        return out

    def _feature_tables(self) -> _FeatureTables:
        tables = getattr(self, "_tables", None)
        if tables is None:
            tables = self._tables = _FeatureTables(*self._styled())
        return tables

    # ------------------------------------------------------------------ storage

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write ``crf.json`` (labels, feature names, metadata) and ``weights.npz`` into ``path``."""
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        names = [""] * len(self.index)
        for name, row in self.index.items():
            names[row - 1] = name
        doc = {"features_version": FEATURES_VERSION, "labels": self.labels, "meta": self.meta,
               "features": names}
        (p / "crf.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        rows, cols = np.nonzero(self.state[1:])
        np.savez_compressed(p / "weights.npz", rows=rows.astype(np.int32), cols=cols.astype(np.int8),
                            values=self.state[1:][rows, cols].astype(np.float32),
                            transition=self.transition.astype(np.float32))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> CharCRF:
        """Read a model written by :meth:`save`; a malformed one raises ModelFormatError."""
        p = Path(path)
        if not (p / "crf.json").is_file() or not (p / "weights.npz").is_file():
            raise ModelNotFoundError(f"CRF model not found at {p} (crf.json and weights.npz); "
                                     "train it with `make train-ner`")
        try:
            doc = json.loads((p / "crf.json").read_text(encoding="utf-8"))
            labels = [str(x) for x in doc["labels"]]
            names = [str(x) for x in doc["features"]]
            version = doc.get("features_version")
            with np.load(p / "weights.npz", allow_pickle=False) as z:
                rows, cols, values, transition = z["rows"], z["cols"], z["values"], z["transition"]
        except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as exc:
            raise ModelFormatError(f"cannot read the CRF model at {p}: {exc}") from None
        if version != FEATURES_VERSION:
            raise ModelFormatError(f"{p}: trained on features version {version}, this toolkit "
                                   f"computes version {FEATURES_VERSION}; retrain with `make train-ner`")
        k = len(labels)
        if transition.shape != (k, k) or not (len(rows) == len(cols) == len(values)) or \
                (len(rows) and (rows.max() >= len(names) or rows.min() < 0 or cols.max() >= k or cols.min() < 0)):
            raise ModelFormatError(f"{p}: weights do not match {len(names)} features and {k} labels")
        state = np.zeros((len(names) + 1, k), dtype=np.float32)
        state[rows.astype(np.int64) + 1, cols.astype(np.int64)] = values
        index = {name: row for row, name in enumerate(names, start=1)}
        return cls(labels, index, state, transition.astype(np.float32), dict(doc.get("meta") or {}))

    @classmethod
    def from_crfsuite(cls, model_file: str | os.PathLike[str], meta: dict[str, Any]) -> CharCRF:
        """Convert a CRFsuite model file (training only; needs python-crfsuite)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_file))
        info = tagger.info()
        labels = sorted(tagger.labels(), key=lambda t: (t != "O", t[2:], t[:1]))
        col = {lab: i for i, lab in enumerate(labels)}
        names = sorted({attr for attr, _ in info.state_features})
        index = {name: row for row, name in enumerate(names, start=1)}
        state = np.zeros((len(names) + 1, len(labels)), dtype=np.float32)
        for (attr, label), w in info.state_features.items():
            state[index[attr], col[label]] = w
        transition = np.zeros((len(labels), len(labels)), dtype=np.float32)
        for (a, b), w in info.transitions.items():
            transition[col[a], col[b]] = w
        tagger.close()
        return cls(labels, index, state, transition, meta)


def default_crf() -> CharCRF:  # pragma: no cover - convenience
    return CharCRF.load(resolve_model_dir(None) / "ner" / "crf")


_CHAR_TEMPLATES = ("c-2", "c-1", "c0", "c1", "c2")  # offsets -2 .. 2
_BIGRAM_TEMPLATES = (("b-2", -2), ("b-1", -1), ("b0", 0), ("b1", 1))  # first character's offset
_TRIGRAM_TEMPLATES = (("t-2", -2), ("t-1", -1), ("t0", 0))
_SHAPES = [f"{b}{m}" for b in "BMES" for m in range(1, 6)]  # id = position * 5 + min(length, 5) - 1
_TYPES = "DHLWP"


class _FeatureTables:
    """The CRF's weight rows arranged for numpy lookups (built once per model, on first use).

    Each character template is an array indexed by a character id; each n-gram template an
    array indexed by the n-gram's rank among the sorted integer keys of all n-grams the model
    knows; the word templates stay dictionaries, read once per word."""

    def __init__(self, templates: dict[str, dict[str, int]], state: np.ndarray, bias: int) -> None:
        self.state = state
        self.bias = bias
        empty: dict[str, int] = {}
        chars: set[str] = set()
        for name in (*_CHAR_TEMPLATES, *(n for n, _ in _BIGRAM_TEMPLATES), "s", *(n for n, _ in _TRIGRAM_TEMPLATES)):
            for value in templates.get(name, empty):
                chars.update(value)
        ordered = sorted(chars)
        top = max((ord(c) for c in ordered), default=0) + 1
        # code point -> character id (0: a character no feature names; code points >= top too)
        self.cp2id = np.zeros(top + 1, dtype=np.int64)
        self.cp2id[[ord(c) for c in ordered]] = np.arange(1, len(ordered) + 1)
        self.top = top
        self.base = len(ordered) + 1
        cid = {c: i for i, c in enumerate(ordered, start=1)}

        def table(name: str, size: int, key: Callable[[str], int | None]) -> np.ndarray:
            arr = np.zeros(size, dtype=np.int64)
            for value, row in templates.get(name, empty).items():
                k = key(value)
                if k is not None:
                    arr[k] = row
            return arr

        def char_key(v: str) -> int | None:
            return cid[v] if len(v) == 1 else None

        self.char_rows = [table(name, self.base, char_key) for name in _CHAR_TEMPLATES]

        def gram_keys(names: Iterable[str], n: int) -> np.ndarray:
            keys = set()
            for name in names:
                for value in templates.get(name, empty):
                    if len(value) == n:
                        keys.add(self._key([cid[c] for c in value]))
            return np.array(sorted(keys), dtype=np.int64)

        self.bi_keys = gram_keys([n for n, _ in _BIGRAM_TEMPLATES] + ["s"], 2)
        self.tri_keys = gram_keys([n for n, _ in _TRIGRAM_TEMPLATES], 3)

        def gram_table(name: str, keys: np.ndarray, n: int) -> np.ndarray:
            rank = {int(k): i + 1 for i, k in enumerate(keys)}
            return table(name, len(keys) + 1,
                         lambda v: rank.get(self._key([cid[c] for c in v])) if len(v) == n else None)

        self.bi_rows = {name: gram_table(name, self.bi_keys, 2) for name in [n for n, _ in _BIGRAM_TEMPLATES] + ["s"]}
        self.tri_rows = {name: gram_table(name, self.tri_keys, 3) for name, _ in _TRIGRAM_TEMPLATES}
        type_id = {t: i for i, t in enumerate(_TYPES)}
        self.type_rows = table("t", len(_TYPES) ** 3, lambda v: (
            (type_id[v[0]] * 5 + type_id[v[1]]) * 5 + type_id[v[2]]) if len(v) == 3 and set(v) <= set(_TYPES) else None)
        self.type_of: dict[int, str] = {}
        shape_id = {sh: i for i, sh in enumerate(_SHAPES)}
        self.shape_rows = table("wb", len(_SHAPES), shape_id.get)
        self.words = templates.get("w", empty)
        self.prev = templates.get("wp", empty)
        self.next = templates.get("wn", empty)
        self.pos = templates.get("p", empty)
        # shape + POS tag: one table per shape
        self.shape_tag: list[dict[str, int]] = [{} for _ in _SHAPES]
        for value, row in templates.get("wt", empty).items():
            if value[:2] in shape_id:
                self.shape_tag[shape_id[value[:2]]][value[2:]] = row

    def _key(self, ids: Sequence[int]) -> int:
        k = 0
        for i in ids:
            k = k * self.base + i
        return k

    def _types(self, pad: str) -> np.ndarray:
        """Type id (index into ``_TYPES``) of each character of ``pad``."""
        table = self.type_of
        for c in set(pad):
            if ord(c) not in table:
                table[ord(c)] = str(_TYPES.index(_ctype(c)))
        return np.frombuffer(pad.translate(table).encode("ascii"), dtype=np.uint8).astype(np.int64) - 48

    def scores(self, texts: Sequence[str], words: Sequence[Sequence[WordTag]]) -> list[np.ndarray]:
        lens = [len(t) for t in texts]
        if not texts:
            return []
        pad = "".join("^^" + t + "$$" for t in texts)
        cps = np.frombuffer(pad.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        cid = self.cp2id[np.minimum(cps, self.top)]
        # positions of each text's characters in `pad`
        starts = np.cumsum([0, *[n + 4 for n in lens[:-1]]]) + 2
        pos = np.concatenate([np.arange(s, s + n) for s, n in zip(starts, lens, strict=True)])
        rows = [self.char_rows[k][cid[pos + k - 2]] for k in range(5)]
        b = self.base
        bi_key = cid[:-1] * b + cid[1:]  # bigram starting at each position of `pad`
        bi = np.searchsorted(self.bi_keys, bi_key)
        bi = np.where((bi < len(self.bi_keys)) & (self.bi_keys[np.minimum(bi, len(self.bi_keys) - 1)] == bi_key)
                      if len(self.bi_keys) else False, bi + 1, 0)
        for name, off in _BIGRAM_TEMPLATES:
            rows.append(self.bi_rows[name][bi[pos + off]])
        skip_key = cid[pos - 1] * b + cid[pos + 1]
        sk = np.searchsorted(self.bi_keys, skip_key)
        sk = np.where((sk < len(self.bi_keys)) & (self.bi_keys[np.minimum(sk, len(self.bi_keys) - 1)] == skip_key)
                      if len(self.bi_keys) else False, sk + 1, 0)
        rows.append(self.bi_rows["s"][sk])
        tri_key = (cid[:-2] * b + cid[1:-1]) * b + cid[2:]
        tri = np.searchsorted(self.tri_keys, tri_key)
        tri = np.where((tri < len(self.tri_keys)) & (self.tri_keys[np.minimum(tri, len(self.tri_keys) - 1)] == tri_key)
                       if len(self.tri_keys) else False, tri + 1, 0)
        for name, off in _TRIGRAM_TEMPLATES:
            rows.append(self.tri_rows[name][tri[pos + off]])
        ty = self._types(pad)
        rows.append(self.type_rows[(ty[pos - 1] * 5 + ty[pos]) * 5 + ty[pos + 1]])
        word_rows = self._word_rows(texts, words)
        state = self.state
        out = state[rows[0]]
        for r in (*rows[1:], *word_rows):
            out += state[r]
        out += state[self.bias]
        return np.split(out, np.cumsum(lens)[:-1])

    def _word_rows(self, texts: Sequence[str], words: Sequence[Sequence[WordTag]]) -> list[np.ndarray]:
        """Rows of the templates w, wb, wt, p, wp, wn for every character of ``texts``."""
        w_get, p_get, n_get, t_get = self.words.get, self.prev.get, self.next.get, self.pos.get
        dash_p, dash_n = self.prev.get("-", 0), self.next.get("-", 0)
        cols: list[list[int]] = [[], [], [], [], [], []]
        w_col, wb_col, wt_col, p_col, wp_col, wn_col = cols
        for text, ws in zip(texts, words, strict=True):
            if sum(len(w) for w, _ in ws) != len(text) or not all(w for w, _ in ws):
                # words that do not tile the text: per character, as char_features reads them
                word_of, shape_of, tag_of, prev_of, next_of = _word_columns(len(text), ws)
                shapes = [_SHAPES.index(sh or "S1") for sh in shape_of]
                w_col += [w_get(w or c, 0) for w, c in zip(word_of, text, strict=True)]
                wb_col += shapes
                wt_col += [self.shape_tag[sh].get(tg, 0) for sh, tg in zip(shapes, tag_of, strict=True)]
                p_col += [t_get(tg, 0) for tg in tag_of]
                wp_col += [p_get(x, 0) for x in prev_of]
                wn_col += [n_get(x, 0) for x in next_of]
                continue
            prev_word = "^"
            last = len(ws) - 1
            for k, (word, tag) in enumerate(ws):
                m = len(word)
                size = min(m, 5) - 1
                wr, tr = w_get(word, 0), t_get(tag, 0)
                if m == 1:
                    w_col.append(wr)
                    p_col.append(tr)
                    sh = 15  # S1
                    wb_col.append(sh)
                    wt_col.append(self.shape_tag[sh].get(tag, 0))
                    wp_col.append(p_get(prev_word, 0))
                    wn_col.append(n_get(ws[k + 1][0] if k < last else "$", 0))
                else:
                    w_col += [wr] * m
                    p_col += [tr] * m
                    b_sh, m_sh, e_sh = size, 5 + size, 10 + size
                    wb_col += [b_sh, *([m_sh] * (m - 2)), e_sh]
                    st = self.shape_tag
                    wt_col += [st[b_sh].get(tag, 0), *([st[m_sh].get(tag, 0)] * (m - 2)), st[e_sh].get(tag, 0)]
                    wp_col += [p_get(prev_word, 0), *([dash_p] * (m - 1))]
                    wn_col += [*([dash_n] * (m - 1)), n_get(ws[k + 1][0] if k < last else "$", 0)]
                prev_word = word
        wb = self.shape_rows[np.asarray(wb_col, dtype=np.int64)]
        return [np.asarray(w_col, dtype=np.int64), wb, np.asarray(wt_col, dtype=np.int64),
                np.asarray(p_col, dtype=np.int64), np.asarray(wp_col, dtype=np.int64),
                np.asarray(wn_col, dtype=np.int64)]
