"""A character BiLSTM-CRF tagger with character bigram and jieba word inputs, run in numpy.

Entity spans often cut through jieba words, so the model labels characters
(BIO tags); jieba's words enter as inputs of each character instead of limiting the
boundaries. Each character is the concatenation of five embeddings:

- the character (digits folded to ``0``),
- the bigrams it starts and ends (``c-1 c0`` and ``c0 c1``, one shared table),
- the jieba word holding it (HMM off, bundled dictionary, as :class:`toolkit.ner.tagging.crf.WordSegmenter`),
- its B/M/E/S position in that word with the word length, and the word's POS tag,
- optionally (models trained with a ``lex`` table), every dictionary word covering it, as the
  multi-hot features of :mod:`toolkit.ner.tagging.lexicon` through a linear layer (SoftLexicon-style),
- optionally (models trained with a ``lac`` table), Baidu LAC's 59 pretrained tag scores of
  the character (:mod:`toolkit.ner.tagging.lac`) through a linear layer,

followed by one bidirectional LSTM layer, a linear layer to tag scores and a linear-chain CRF
(transition, start and end scores) decoded with Viterbi.

The weights are learned with PyTorch (``make train-ner``, :mod:`toolkit.train.ner_net`; PyTorch
is needed for training only) and stored as JSON (labels, vocabularies, sizes) plus a numpy
``.npz`` loaded with ``allow_pickle=False``. Inference is numpy: both LSTM directions run
together, a batch of texts of similar length at a time.

>>> net = CharNet.load("models/ner/ner")  # doctest: +SKIP
>>> net.spans("周鸿祎在北京发布了新产品。")  # doctest: +SKIP
[(0, 3, 'PERSON'), (4, 6, 'LOC')]
"""
from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import ModelFormatError, ModelNotFoundError
from .crf import CharCRF, SpanDecoder, WordTag, _word_columns

if TYPE_CHECKING:
    from .lac import LacScores

__all__ = ["ENSEMBLE_FACTORY", "FACTORY", "INPUTS_VERSION", "CharNet", "Ensemble", "FIELDS", "encode", "fold_char"]

#: The spaCy factories of the network alone and of the ensemble (registered by toolkit.ner.tagging.spacy_component).
FACTORY = "toolkit_charnet_ner"
ENSEMBLE_FACTORY = "toolkit_ensemble_ner"
#: Changes whenever :func:`encode` changes: a model trained on other inputs is refused.
INPUTS_VERSION = 1
#: The vocabularies, in the column order of :func:`encode`'s output (bigrams use two columns).
FIELDS = ("char", "bigram", "word", "shape", "pos")
PAD, UNK = 0, 1

_WEIGHTS = ("char", "bigram", "word", "shape", "pos", "w_ih", "w_hh", "b", "out_w", "out_b",
            "transition", "start", "end")
#: Optional weights: ``lex`` (F, D) projects the lexicon's multi-hot features and ``lac`` (T, D)
#: LAC's tag scores (models trained with them; in this order after the embeddings in ``w_ih``);
#: ``style_b`` (S, 2, 4H) and ``style_out`` (S, K): each style's LSTM input bias and tag-score bias.
_OPTIONAL = ("lex", "lac", "style_b", "style_out")


def fold_char(c: str) -> str:
    """The character as the model sees it: digits (ASCII, full-width, other scripts) are ``0``.

    >>> fold_char("７"), fold_char("a"), fold_char("中")
    ('0', 'a', '中')
    """
    return "0" if c.isdigit() else c


def word_columns(n: int, words: Sequence[WordTag]) -> tuple[list[str], list[str], list[str]]:
    """Per character: the jieba word holding it, its B/M/E/S position + word length, the POS tag.

    >>> word_columns(3, [("马云", "nr"), ("说", "v")])
    (['马云', '马云', '说'], ['B2', 'E2', 'S1'], ['nr', 'nr', 'v'])
    """
    word_of, shape_of, pos_of, _, _ = _word_columns(n, words)
    return word_of, [shape or "S1" for shape in shape_of], pos_of


def encode(text: str, words: Sequence[WordTag], vocab: dict[str, dict[str, int]]) -> np.ndarray:
    """(n, 6) int32 ids per character: char, left bigram, right bigram, word, shape, POS
    (unknown entries are ``UNK`` = 1; ``vocab`` maps each of :data:`FIELDS` to ids ≥ 2)."""
    n = len(text)
    folded = [fold_char(c) for c in text]
    word_of, shape_of, pos_of = word_columns(n, words)
    padded = ["^", *folded, "$"]
    chars, bigrams, wv, sv, pv = (vocab[f] for f in FIELDS)
    out = np.empty((n, 6), dtype=np.int32)
    out[:, 0] = [chars.get(c, UNK) for c in folded]
    bi = [bigrams.get(padded[i] + padded[i + 1], UNK) for i in range(n + 1)]
    out[:, 1] = bi[:-1]
    out[:, 2] = bi[1:]
    out[:, 3] = [wv.get(w or c, UNK) for w, c in zip(word_of, folded, strict=True)]
    out[:, 4] = [sv.get(s, UNK) for s in shape_of]
    out[:, 5] = [pv.get(p, UNK) for p in pos_of]
    return out


@dataclass
class CharNet(SpanDecoder):
    """The weights of a trained BiLSTM-CRF and its numpy decoder.

    ``labels``: the K tags; ``vocab``: one str → id table per field of :data:`FIELDS`;
    ``weights``: embedding tables, the LSTM (``w_ih`` (2, 4H, D), ``w_hh`` (2, 4H, H),
    ``b`` (2, 4H); PyTorch's gate order i, f, g, o; direction 0 forward), the output layer
    and the CRF scores.

    A model trained with styles (``styles``: the data sets it was trained on, plus ``any``)
    has learned each data set's annotation conventions as a bias of the LSTM input and of the
    tag scores: :meth:`with_style` returns the same model following another data set's
    conventions, at no cost per character. ``style`` is the one in use, ``default_style`` the
    one a loaded model starts with.
    """

    labels: list[str]
    vocab: dict[str, dict[str, int]]
    weights: dict[str, np.ndarray]
    meta: dict[str, Any]
    styles: tuple[str, ...] = ()
    default_style: str = ""
    style: str = ""
    lac_inputs: str = "scores"

    def __post_init__(self) -> None:
        w = self.weights
        h = w["w_hh"].shape[2]
        if bool(self.styles) != ("style_b" in w):
            raise ModelFormatError("a model's style names and style weights go together")
        bias, self._out_b = w["b"], w["out_b"]
        if self.styles:
            self.default_style = self.default_style or self.styles[0]
            self.style = self.style or self.default_style
            if self.style not in self.styles or self.default_style not in self.styles:
                raise ValueError(f"unknown style {self.style!r}; this model has {', '.join(self.styles)}")
            i = self.styles.index(self.style)
            bias, self._out_b = bias + w["style_b"][i], self._out_b + w["style_out"][i]
        elif self.style:
            raise ValueError(f"this model has no styles (asked for {self.style!r})")
        # sigmoid(x) = (1 + tanh(x / 2)) / 2: halve the i, f, o gate rows once, so that one
        # tanh per step serves all four gates
        scale = np.ones((4 * h, 1), dtype=np.float32)
        scale[: 2 * h] = scale[3 * h:] = 0.5
        w_ih = w["w_ih"] * scale[None]
        self._w_hh_t = np.ascontiguousarray((w["w_hh"] * scale[None]).transpose(0, 2, 1), dtype=np.float32)
        self._b = (bias * scale[:, 0][None]).astype(np.float32)
        self._hidden = h
        # the input projection is linear: project the small tables (characters, shapes, POS)
        # once, so that only the bigram and word embeddings are multiplied per character
        dims = [w[f].shape[1] for f in FIELDS]
        cols = np.cumsum([0, dims[0], dims[1], dims[1], dims[2], dims[3], dims[4]])
        self._tables = [np.ascontiguousarray(np.einsum("vd,zgd->zvg", w[f], w_ih[:, :, cols[c]:cols[c + 1]]),
                                             dtype=np.float32)
                        for f, c in (("char", 0), ("shape", 4), ("pos", 5))]
        self._w_rest_t = np.ascontiguousarray(w_ih[:, :, cols[1]:cols[4]].transpose(0, 2, 1), dtype=np.float32)
        # the optional dense inputs, each projected straight to the gates: (2, F, 4H)
        self._lex_table: np.ndarray | None = None
        self._lac_table: np.ndarray | None = None
        start = int(cols[6])
        for key in ("lex", "lac"):
            if key in w:
                width = w[key].shape[1]
                table = np.ascontiguousarray(np.einsum("fd,zgd->zfg", w[key], w_ih[:, :, start:start + width]),
                                             dtype=np.float32)
                start += width
                if key == "lex":
                    self._lex_table = table
                else:
                    self._lac_table = table
        self._lac: LacScores | None = None

    def with_style(self, style: str) -> CharNet:
        """The same weights following the annotation conventions of ``style`` (one of
        :attr:`styles`); a model without styles is returned as it is when ``style`` is ""."""
        if style == self.style or (not style and not self.styles):
            return self
        return replace(self, style=style)

    def with_blend(self, styles: Sequence[str]) -> CharNet:
        """The model with one more style, named ``"+".join(styles)`` and in use: the mean of
        those styles' biases, i.e. the style embedding halfway between their conventions (a
        style is linear in its embedding). ``net.with_blend(["any", "own"])`` follows the
        generic conventions and the project's guideline half each.
        """
        name = "+".join(styles)
        if name in self.styles:
            return self.with_style(name)
        if len(styles) < 2 or any(s not in self.styles for s in styles):
            have = ", ".join(self.styles) or "none"
            raise ValueError(f"cannot blend {list(styles)}: this model has the styles {have}")
        rows = [self.styles.index(s) for s in styles]
        w = dict(self.weights)
        for key in ("style_b", "style_out"):
            w[key] = np.concatenate([w[key], w[key][rows].mean(axis=0, keepdims=True)]).astype(w[key].dtype)
        return replace(self, weights=w, styles=(*self.styles, name), style=name)

    def with_styles(self, spec: str) -> CharNet:
        """The model following ``spec``: one style, or styles joined by ``+`` (:meth:`with_blend`)."""
        parts = spec.split("+")
        return self.with_blend(parts) if len(parts) > 1 else self.with_style(spec)

    @property
    def uses_lexicon(self) -> bool:
        """Whether the model reads the dictionary matches of :mod:`toolkit.ner.tagging.lexicon`."""
        return "lex" in self.weights

    def lexicon_features(self, texts: Sequence[str]) -> list[np.ndarray] | None:
        """The multi-hot dictionary features of each text, or None for a model without them."""
        if not self.uses_lexicon:
            return None
        lexicon = self.lexicon
        return [lexicon.features(t) for t in texts]

    @property
    def uses_lac(self) -> bool:
        """Whether the model reads Baidu LAC's tag scores (:mod:`toolkit.ner.tagging.lac`)."""
        return "lac" in self.weights

    def lac_features(self, texts: Sequence[str]) -> list[np.ndarray] | None:
        """LAC's tag scores of each text, or None for a model without them. The LAC encoder
        is loaded on first use and belongs to this model."""
        if not self.uses_lac:
            return None
        if self._lac is None:
            from .lac import LacScores

            self._lac = LacScores.from_package(self.lac_inputs)
        return self._lac.scores(texts)

    # ------------------------------------------------------------------ decoding

    @property
    def transition(self) -> np.ndarray:
        """(K, K) CRF scores of tag a followed by tag b."""
        return self.weights["transition"]

    def emissions_many(self, texts: Sequence[str], words: Sequence[Sequence[WordTag]]) -> list[np.ndarray]:
        """(n, K) tag scores of each text, given its jieba words (see :meth:`emissions`)."""
        return self.emissions([encode(t, w, self.vocab) for t, w in zip(texts, words, strict=True)],
                              self.lexicon_features(texts), self.lac_features(texts))

    def emissions(self, ids: Sequence[np.ndarray], lex: Sequence[np.ndarray] | None = None,
                  lac: Sequence[np.ndarray] | None = None) -> list[np.ndarray]:
        """(n, K) tag scores of each encoded text, CRF start/end scores folded into the first/last row
        (``lex``: each text's :meth:`lexicon_features`, ``lac``: its :meth:`lac_features`, for a
        model that uses them)."""
        w = self.weights
        if self._lex_table is not None and lex is None:
            raise ValueError("this model reads dictionary features: pass lex=net.lexicon_features(texts)")
        if self._lac_table is not None and lac is None:
            raise ValueError("this model reads LAC's tag scores: pass lac=net.lac_features(texts)")
        # the texts longest first: at step t the texts still running are a prefix of the batch,
        # and the steps run on that prefix alone (no work on padding; cf. PyTorch's packed sequences)
        order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
        ids = [ids[i] for i in order]
        if lex is not None:
            lex = [lex[i] for i in order]
        if lac is not None:
            lac = [lac[i] for i in order]
        lens = [len(x) for x in ids]
        n_seq, length, h = len(ids), lens[0], self._hidden
        # time-major positions of each direction into the concatenated texts; the backward
        # direction reads each text reversed; steps past a text's end read the all-zero row
        # `total` (their states are never used: padding comes after each text in both directions)
        total = sum(lens)
        starts = np.cumsum([0, *lens[:-1]])
        n_arr = np.asarray(lens)
        t = np.arange(length)[:, None]
        inside = t < n_arr[None]
        fwd = np.where(inside, starts[None] + t, total)
        bwd = np.where(inside, starts[None] + n_arr[None] - 1 - t, total)
        flat = np.concatenate([*ids, np.zeros((1, 6), dtype=np.int32)])
        lex_flat = None
        if self._lex_table is not None:
            assert lex is not None
            lex_flat = np.concatenate([*lex, np.zeros((1, self._lex_table.shape[1]), dtype=np.float32)])
        lac_flat = None
        if self._lac_table is not None:
            assert lac is not None
            lac_flat = np.concatenate([*lac, np.zeros((1, self._lac_table.shape[1]), dtype=np.float32)])
        chars, shapes, tags = self._tables
        # input projections of each character (and the padding row) in both directions, then
        # laid out time-major: (2, length, n_seq, 4H)
        rest = np.concatenate([w["bigram"][flat[:, 1]], w["bigram"][flat[:, 2]], w["word"][flat[:, 3]]], axis=1)
        x = np.empty((2, length, n_seq, 4 * h), dtype=np.float32)
        for d, pos in enumerate((fwd, bwd)):
            xd = rest @ self._w_rest_t[d]
            xd += chars[d][flat[:, 0]]
            xd += shapes[d][flat[:, 4]]
            xd += tags[d][flat[:, 5]]
            xd += self._b[d]
            if lex_flat is not None:
                assert self._lex_table is not None
                xd += lex_flat @ self._lex_table[d]
            if lac_flat is not None:
                assert self._lac_table is not None
                xd += lac_flat @ self._lac_table[d]
            np.take(xd, pos, axis=0, out=x[d])
        hs = np.zeros((length, 2, n_seq, h), dtype=np.float32)
        state = np.zeros((2, n_seq, h), dtype=np.float32)
        cell_all = np.zeros((2, n_seq, h), dtype=np.float32)
        g_all = np.empty((2, n_seq, 4 * h), dtype=np.float32)
        w_hh_t = self._w_hh_t
        running = np.searchsorted(-n_arr, -np.arange(length), side="left")  # texts longer than t
        k = 0
        for step in range(length):
            if running[step] != k:  # a text ended: from here on, the steps run on the rest
                k = int(running[step])
                g, cell = g_all[:, :k], cell_all[:, :k]
                gi, gf, gg, go = g[..., :h], g[..., h:2 * h], g[..., 2 * h:3 * h], g[..., 3 * h:]
            np.matmul(state[:, :k], w_hh_t, out=g)
            g += x[:, step, :k]
            np.tanh(g, out=g)
            gf += 1.0
            cell *= gf
            gi += 1.0
            gi *= gg
            cell += gi
            cell *= 0.5
            state = hs[step, :, :k]
            np.tanh(cell, out=state)
            go += 1.0
            state *= go
            state *= 0.5
        # tag scores of each direction's states, time-major; the backward ones read back in order
        out_w = w["out_w"]
        e_f = hs[:, 0] @ out_w[:, :h].T
        e_b = hs[:, 1] @ out_w[:, h:].T
        out: list[np.ndarray] = [np.empty(0)] * n_seq
        for j, n in enumerate(lens):
            e = e_f[:n, j] + e_b[n - 1::-1, j]
            e += self._out_b
            e[0] += w["start"]
            e[n - 1] += w["end"]
            out[order[j]] = e
        return out

    # ------------------------------------------------------------------ storage

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write ``net.json`` (labels, vocabularies, metadata) and ``weights.npz`` (embedding tables
        in float16, the rest float32) into ``path``."""
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        vocab = {}
        for field in FIELDS:
            names = [""] * (len(self.vocab[field]))
            for name, i in self.vocab[field].items():
                names[i - 2] = name
            vocab[field] = names
        doc: dict[str, Any] = {"inputs_version": INPUTS_VERSION, "kind": "bilstm-crf", "labels": self.labels,
                               "vocab": vocab, "meta": self.meta}
        if self.uses_lexicon:
            from .lexicon import FEATURE_NAMES

            doc["lexicon"] = list(FEATURE_NAMES)
        if self.uses_lac:
            from .lac import LAC_PACKAGE

            doc["lac"] = {"package": LAC_PACKAGE, "tags": int(self.weights["lac"].shape[0]), "inputs": self.lac_inputs}
        if self.styles:
            doc["styles"], doc["default_style"] = list(self.styles), self.default_style
        (p / "net.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        # embedding tables in float16 (half the size; their rounding moves tag scores by ~1e-3)
        arrays = {k: self.weights[k].astype(np.float16 if k in FIELDS else np.float32)
                  for k in (*_WEIGHTS, *_OPTIONAL) if k in self.weights}
        np.savez_compressed(p / "weights.npz", **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> CharNet:
        """Read a model written by :meth:`save`; a malformed one raises ModelFormatError."""
        p = Path(path)
        if not (p / "net.json").is_file() or not (p / "weights.npz").is_file():
            raise ModelNotFoundError(f"NER model not found at {p} (net.json and weights.npz); "
                                     "train it with `make train-ner`")
        try:
            doc = json.loads((p / "net.json").read_text(encoding="utf-8"))
            labels = [str(x) for x in doc["labels"]]
            version = doc.get("inputs_version")
            vocab = {f: {str(name): i for i, name in enumerate(doc["vocab"][f], start=2)} for f in FIELDS}
            with np.load(p / "weights.npz", allow_pickle=False) as z:
                weights = {k: np.asarray(z[k], dtype=np.float32) for k in _WEIGHTS}
                weights.update({k: np.asarray(z[k], dtype=np.float32) for k in _OPTIONAL if k in z.files})
            lex_names = doc.get("lexicon")
            lac_doc = doc.get("lac")
            styles = tuple(str(x) for x in doc.get("styles") or ())
            default_style = str(doc.get("default_style") or "")
        except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError, zipfile.BadZipFile) as exc:
            raise ModelFormatError(f"cannot read the NER model at {p}: {exc}") from None
        if version != INPUTS_VERSION:
            raise ModelFormatError(f"{p}: trained on inputs version {version}, this toolkit "
                                   f"computes version {INPUTS_VERSION}; retrain with `make train-ner`")
        if ("lex" in weights) != (lex_names is not None):
            raise ModelFormatError(f"{p}: the lexicon weights and the lexicon feature names go together")
        if lex_names is not None:
            from .lexicon import FEATURE_NAMES

            if list(lex_names) != list(FEATURE_NAMES):
                raise ModelFormatError(f"{p}: trained on other dictionary features than this toolkit computes; "
                                       "retrain with `make train-ner`")
        if ("lac" in weights) != (lac_doc is not None):
            raise ModelFormatError(f"{p}: the LAC weights and the LAC description in net.json go together")
        if lac_doc is not None and (not isinstance(lac_doc, dict) or weights["lac"].ndim != 2
                                    or lac_doc.get("tags") != weights["lac"].shape[0]):
            raise ModelFormatError(f"{p}: the LAC weights do not match the {lac_doc!r} in net.json")
        lac_inputs = str((lac_doc or {}).get("inputs", "scores"))
        _check_shapes(p, labels, vocab, weights, len(styles))
        try:
            return cls(labels, vocab, weights, dict(doc.get("meta") or {}), styles, default_style,
                       lac_inputs=lac_inputs)
        except ValueError as exc:
            raise ModelFormatError(f"{p}: {exc}") from None


def _check_shapes(p: Path, labels: list[str], vocab: dict[str, dict[str, int]],
                  w: dict[str, np.ndarray], n_styles: int = 0) -> None:
    k = len(labels)
    try:
        dims = [w[f].shape[1] for f in FIELDS]
        ok = all(w[f].ndim == 2 and w[f].shape[0] == len(vocab[f]) + 2 for f in FIELDS)
        d = dims[0] + 2 * dims[1] + sum(dims[2:])
        if "lex" in w:
            from .lexicon import FEATURE_NAMES

            ok = ok and w["lex"].ndim == 2 and w["lex"].shape[0] == len(FEATURE_NAMES)
            d += w["lex"].shape[1]
        if "lac" in w:
            ok = ok and w["lac"].ndim == 2
            d += w["lac"].shape[1]
        two, four_h, h = w["w_hh"].shape
        ok = ok and two == 2 and four_h == 4 * h and w["w_ih"].shape == (2, 4 * h, d) \
            and w["b"].shape == (2, 4 * h) and w["out_w"].shape == (k, 2 * h) and w["out_b"].shape == (k,) \
            and w["transition"].shape == (k, k) and w["start"].shape == (k,) and w["end"].shape == (k,)
        if n_styles or "style_b" in w or "style_out" in w:
            ok = ok and w["style_b"].shape == (n_styles, 2, 4 * h) and w["style_out"].shape == (n_styles, k)
    except (KeyError, IndexError, ValueError):
        ok = False
    if not ok:
        raise ModelFormatError(f"{p}: weights do not match the vocabularies and {k} labels")


@dataclass
class Ensemble(SpanDecoder):
    """The BiLSTM-CRF and the feature CRF of :mod:`toolkit.ner.tagging.crf` as one model (a product of
    experts): their tag scores and transition scores are summed and decoded with one Viterbi.

    The two make different errors — the network sees the whole sentence, the CRF sees exact
    character n-grams — so the sum beats either alone (docs/BENCHMARKS.md).
    """

    net: CharNet
    crf: CharCRF
    meta: dict[str, Any]

    def __post_init__(self) -> None:
        if self.net.labels != self.crf.labels:
            raise ModelFormatError(f"ensemble parts tag different labels: {self.net.labels} / {self.crf.labels}")
        if self.crf.styles and self.crf.style != self.net.style and self.net.style in self.crf.styles:
            self.crf = self.crf.with_style(self.net.style)  # a CRF trained with styles follows the network's
        self.transition: np.ndarray = self.net.transition + self.crf.transition

    @property
    def labels(self) -> list[str]:
        return self.net.labels

    @property
    def styles(self) -> tuple[str, ...]:
        """The network's styles (see :class:`CharNet`); the CRF has none."""
        return self.net.styles

    @property
    def style(self) -> str:
        return self.net.style

    def with_style(self, style: str) -> Ensemble:
        """The ensemble with its network following ``style`` (see :meth:`CharNet.with_style`)."""
        net = self.net.with_style(style)
        return self if net is self.net else Ensemble(net, self.crf.with_style(style) if style in self.crf.styles
                                                     else self.crf, self.meta)

    def with_styles(self, spec: str) -> Ensemble:
        """The ensemble with its network following ``spec``: one style, or a blend
        (:meth:`CharNet.with_styles`)."""
        return self.with_style(spec) if "+" not in spec else Ensemble(self.net.with_styles(spec), self.crf, self.meta)

    def emissions_many(self, texts: Sequence[str], words: Sequence[Sequence[WordTag]]) -> list[np.ndarray]:
        """(n, K) summed tag scores of both models for each text, given its jieba words."""
        emits = self.net.emissions_many(texts, words)
        for e, c in zip(emits, self.crf.emissions_many(texts, words), strict=True):
            e += c
        return emits

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write ``ensemble.json`` and the two models into ``path/net`` and ``path/crf``."""
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        self.net.save(p / "net")
        self.crf.save(p / "crf")
        doc = {"kind": "ensemble", "parts": ["net", "crf"], "meta": self.meta}
        (p / "ensemble.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Ensemble:
        """Read a model written by :meth:`save`; a malformed one raises ModelFormatError."""
        p = Path(path)
        if not (p / "ensemble.json").is_file():
            raise ModelNotFoundError(f"NER model not found at {p} (ensemble.json); train it with `make train-ner`")
        try:
            doc = json.loads((p / "ensemble.json").read_text(encoding="utf-8"))
            meta = dict(doc.get("meta") or {})
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise ModelFormatError(f"cannot read the NER model at {p}: {exc}") from None
        return cls(CharNet.load(p / "net"), CharCRF.load(p / "crf"), meta)
