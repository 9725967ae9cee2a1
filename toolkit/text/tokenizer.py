"""Word segmentation and part-of-speech tags with a private jieba dictionary.

Each :class:`Tokenizer` owns its own segmenter, so a custom dictionary in one
never changes another, nor jieba's module-level default. Two back-ends give the
same words: ``"rjieba"`` (jieba's Rust port, the default: much faster at cutting
and tagging, measured in docs/BENCHMARKS.md) and
``"jieba"`` (the Python original).

>>> tok = Tokenizer()
>>> tok.lcut("人工智能公司发布了新模型")
['人工智能', '公司', '发布', '了', '新', '模型']
"""
from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from ..errors import bad_choice, missing_dependency
from ..resources import DictEntry, freq_problem, read_user_dict, read_word_list, resource_path
from ..results import Token

__all__ = ["Tokenizer", "Backend"]

Backend = Literal["rjieba", "jieba"]
_BACKENDS = ("rjieba", "jieba")
_DEFAULT_TAG = "nz"


class _RJieba:
    def __init__(self) -> None:
        try:
            import rjieba
        except ImportError:  # pragma: no cover
            raise missing_dependency("rjieba", "fast") from None
        self._j = rjieba.Jieba()

    def tag(self, text: str, hmm: bool) -> list[tuple[str, str]]:
        return [(w, t) for w, t in self._j.tag(text, hmm=hmm)]

    def cut(self, text: str, hmm: bool) -> list[str]:
        return list(self._j.cut(text, hmm=hmm))

    def add(self, e: DictEntry) -> None:
        freq = e.freq if e.freq is not None else self._j.suggest_freq(e.word)
        self._j.add_word(e.word, max(int(freq), 1), e.tag or _DEFAULT_TAG)


class _PyJieba:
    def __init__(self, cache_dir: str | None) -> None:
        import jieba
        import jieba.posseg

        self._j = jieba.Tokenizer()
        if cache_dir is not None:
            self._j.tmp_dir = cache_dir
            self._j.initialize()
        else:
            # jieba's default cache is a fixed name in the shared temp folder: anyone who can write
            # there could plant a dictionary that changes the words. A private folder per tokenizer
            # (mode 0700, removed once the dictionary is built) means jieba builds its own.
            with tempfile.TemporaryDirectory(prefix="toolkit-jieba-") as private:
                self._j.tmp_dir = private
                self._j.initialize()
        self._pos = jieba.posseg.POSTokenizer(self._j)

    def tag(self, text: str, hmm: bool) -> list[tuple[str, str]]:
        # jieba tags digit runs 'eng'; rjieba (and jieba's own dictionary) say 'm'.
        pairs = self._pos.lcut(text, HMM=hmm)
        return [(p.word, "m" if p.flag == "eng" and p.word.isdigit() else p.flag) for p in pairs]

    def cut(self, text: str, hmm: bool) -> list[str]:
        return list(self._j.lcut(text, HMM=hmm))

    def add(self, e: DictEntry) -> None:
        freq = e.freq if e.freq is not None else self._j.suggest_freq(e.word, tune=False)
        self._j.add_word(e.word, max(int(freq), 1), e.tag or _DEFAULT_TAG)


class Tokenizer:
    """Segment Chinese text into words with offsets and POS tags (jieba's tag set).

    Parameters
    ----------
    backend:
        ``"rjieba"`` (default) or ``"jieba"``; identical words, rjieba is much faster.
    hmm:
        Use jieba's HMM to glue unknown characters into words. Off by default:
        it scored 0.829 vs 0.814 F1 on the SIGHAN 2005 PKU dev gold (docs/BENCHMARKS.md).
    user_dicts:
        Extra dictionaries in jieba's ``word [freq] [tag]`` format.
    bundled_dict:
        Load ``models/userdict`` (news vocabulary of today: AI, tech, companies).
    model_dir:
        Where the bundled resources are (see :mod:`toolkit.resources`).
    cache_dir:
        Where the ``"jieba"`` back-end keeps its dictionary cache. Default: none (the dictionary
        is built afresh, ~1 s, in a private folder), never jieba's default cache in the shared
        temp folder, where a planted file would change the words. Give a folder only you can
        write to.

    The object is callable, returning ``list[str]``, so it plugs into scikit-learn:
    ``TfidfVectorizer(tokenizer=Tokenizer(), token_pattern=None, lowercase=False)``.
    It pickles its parameters only and re-loads in the receiving process.
    """

    def __init__(
        self,
        *,
        backend: Backend = "rjieba",
        hmm: bool = False,
        user_dicts: Iterable[str | os.PathLike[str]] = (),
        bundled_dict: bool = True,
        model_dir: str | os.PathLike[str] | None = None,
        cache_dir: str | None = None,
    ) -> None:
        self.backend = backend
        self.hmm = hmm
        self.user_dicts = tuple(user_dicts)
        self.bundled_dict = bundled_dict
        self.model_dir = model_dir
        self.cache_dir = cache_dir
        self._seg: _RJieba | _PyJieba | None = None
        self._stop_words: frozenset[str] | None = None
        self._added: list[DictEntry] = []
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Tokenizer(backend={self.backend!r}, hmm={self.hmm}, user_dicts={list(map(str, self.user_dicts))!r})"

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_seg"] = None
        state["_lock"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ loading
    def load(self) -> Tokenizer:
        """Build the segmenter and load its dictionaries now (otherwise done on first use)."""
        self._segmenter()
        return self

    def _segmenter(self) -> _RJieba | _PyJieba:
        seg = self._seg
        if seg is not None:
            return seg
        with self._lock:
            if self._seg is None:
                if self.backend not in _BACKENDS:
                    raise bad_choice("backend", self.backend, _BACKENDS)
                new: _RJieba | _PyJieba = _RJieba() if self.backend == "rjieba" else _PyJieba(self.cache_dir)
                paths: list[Path] = []
                if self.bundled_dict:
                    paths.append(resource_path("userdict", self.model_dir))
                paths.extend(Path(p) for p in self.user_dicts)
                for path in paths:
                    for entry in read_user_dict(path):
                        new.add(entry)
                for entry in self._added:
                    new.add(entry)
                self._seg = new
            return self._seg

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        """Add one word to this tokenizer only (never to jieba's global dictionary)."""
        if not word or any(c.isspace() for c in word):
            from ..errors import InvalidParameterError

            raise InvalidParameterError(f"word={word!r}: a dictionary word must be non-empty and without spaces")
        if freq is not None and freq_problem(freq):
            from ..errors import InvalidParameterError

            raise InvalidParameterError(f"freq={freq!r}: {freq_problem(freq)}")
        entry = DictEntry(word, freq, tag)
        self._added.append(entry)
        if self._seg is not None:
            self._seg.add(entry)

    # ------------------------------------------------------------------ segmentation
    def cut(self, text: str, *, offset: int = 0) -> list[Token]:
        """Words of ``text`` with POS tags and offsets (plus ``offset``); whitespace is skipped.

        >>> [(t.text, t.start, t.end, t.pos) for t in Tokenizer().cut("周末 我去北京")]
        [('周末', 0, 2, 't'), ('我', 3, 4, 'r'), ('去', 4, 5, 'v'), ('北京', 5, 7, 'ns')]
        """
        tokens = []
        pos = offset
        for word, tag in self._segmenter().tag(text, self.hmm):
            end = pos + len(word)
            if not word.isspace():
                tokens.append(Token(word, pos, end, tag))
            pos = end
        if pos - offset != len(text):  # the segmenter must never drop or add characters
            raise RuntimeError(f"tokenizer lost characters: {pos - offset} of {len(text)}")
        return tokens

    def word_tags(self, text: str) -> list[tuple[str, str]]:
        """Every word of ``text`` with its POS tag, whitespace included, in order (the words
        joined give ``text``): what the entity tagger's word features read.

        >>> Tokenizer().word_tags("我去 北京")
        [('我', 'r'), ('去', 'v'), (' ', 'x'), ('北京', 'ns')]
        """
        return list(self._segmenter().tag(text, self.hmm))

    def lcut(self, text: str) -> list[str]:
        """Words of ``text`` as strings, whitespace skipped (faster than :meth:`cut`: no tagging)."""
        return [w for w in self._segmenter().cut(text, self.hmm) if not w.isspace()]

    __call__ = lcut

    @property
    def stop_words(self) -> frozenset[str]:
        """spaCy's Chinese stop words plus the project's news additions (``models/stopwords``)."""
        if self._stop_words is None:
            try:
                from spacy.lang.zh.stop_words import STOP_WORDS
            except ImportError:  # pragma: no cover - spaCy is a core dependency
                raise missing_dependency("spacy", "core") from None
            extra = read_word_list(resource_path("stopwords", self.model_dir))
            self._stop_words = frozenset(STOP_WORDS) | frozenset(extra)
        return self._stop_words
