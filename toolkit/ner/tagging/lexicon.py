"""Dictionary matches per character: every word of a lexicon that covers it, not only jieba's path.

jieba's segmentation keeps one path through the sentence, so a name it cuts wrongly loses the
dictionary's knowledge. Following SoftLexicon (Ma et al., ACL 2020), each character instead gets
the set of *all* lexicon words of two or more characters that cover it, summarised as
multi-hot features: the character's position in the word (B, M, E), the word's class from its
jieba POS tag (person, transliterated name, place, organisation, other proper noun, noun, verb,
other) and its length (2, 3, 4+): 3 × 8 × 3 = 72 features.

The lexicon is jieba's own dictionary plus the toolkit's bundled news dictionary
(``models/userdict``), fixed on purpose like :class:`toolkit.ner.tagging.crf.WordSegmenter`: a user's words
added to an analyzer never change what the model sees.

>>> lex = Lexicon({"周鸿祎": "nr", "周鸿": "nr"})
>>> [lex.names[f] for f in lex.matches("周鸿祎说")[0]]
['B2nr', 'B3nr']
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np

__all__ = ["CLASSES", "FEATURE_NAMES", "Lexicon", "bundled_lexicon", "word_class"]

#: Word classes, from jieba's POS tags (see :func:`word_class`).
CLASSES = ("nr", "nrt", "ns", "nt", "nz", "n", "v", "x")
_POSITIONS = ("B", "M", "E")
_LENGTHS = ("2", "3", "4")
#: Longest word matched (longer dictionary words are left out).
MAX_LEN = 10
#: The feature names, in column order: position, length, class (``B2nr`` = first character of a
#: two-character person name).
FEATURE_NAMES = tuple(p + n + c for c in CLASSES for n in _LENGTHS for p in _POSITIONS)


def word_class(tag: str) -> str:
    """The class of a jieba POS tag.

    >>> [word_class(t) for t in ("nr", "nrfg", "nrt", "ns", "nt", "nz", "ng", "vn", "a", "")]
    ['nr', 'nr', 'nrt', 'ns', 'nt', 'nz', 'n', 'v', 'x', 'x']
    """
    if tag in ("nr", "nrfg"):
        return "nr"
    if tag in ("nrt", "ns", "nt", "nz"):
        return tag
    if tag.startswith("n"):
        return "n"
    if tag.startswith("v"):
        return "v"
    return "x"


class Lexicon:
    """Words (two to :data:`MAX_LEN` characters) with their class, matched at every position.

    ``words`` maps a word to its jieba POS tag (or a class of :data:`CLASSES`).
    """

    def __init__(self, words: Mapping[str, str]) -> None:
        self.names = list(FEATURE_NAMES)
        # word -> 3 x its (class, length) code: the feature id of its first character (+1 middle,
        # +2 last, as FEATURE_NAMES is ordered); prefixes of longer words -> -1 (small ints:
        # no object per entry)
        self._table: dict[str, int] = {}
        for word, tag in words.items():
            m = len(word)
            if not 2 <= m <= MAX_LEN:
                continue
            code = CLASSES.index(word_class(tag)) * len(_LENGTHS) + min(m, 4) - 2
            self._table[word] = 3 * code
            for j in range(2, m):
                self._table.setdefault(word[:j], -1)

    @property
    def size(self) -> int:
        """Number of features."""
        return len(self.names)

    def __len__(self) -> int:
        return sum(v >= 0 for v in self._table.values())

    def matches(self, text: str) -> list[list[int]]:
        """The feature ids of each character (sorted, no repeats)."""
        n = len(text)
        out: list[set[int]] = [set() for _ in range(n)]
        table = self._table
        for i in range(n - 1):
            for j in range(i + 2, min(n, i + MAX_LEN) + 1):
                key = text[i:j]
                if key not in table:
                    break
                f = table[key]
                if f < 0:
                    continue
                out[i].add(f)
                for k in range(i + 1, j - 1):
                    out[k].add(f + 1)
                out[j - 1].add(f + 2)
        return [sorted(s) for s in out]

    def features(self, text: str) -> np.ndarray:
        """(n, :attr:`size`) float32 multi-hot matrix of :meth:`matches`."""
        out = np.zeros((len(text), self.size), dtype=np.float32)
        for i, fs in enumerate(self.matches(text)):
            out[i, fs] = 1.0
        return out


def read_jieba_dict(path: str | os.PathLike[str]) -> dict[str, str]:
    """word → POS tag of a dictionary in jieba's ``word [freq] [tag]`` format (``#`` comments)."""
    words: dict[str, str] = {}
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            tag = next((p for p in parts[1:] if not p.isdigit()), "")
            words[parts[0]] = tag
    return words


def bundled_lexicon(model_dir: str | os.PathLike[str] | None = None) -> Lexicon:
    """jieba's dictionary plus ``models/userdict`` of ``model_dir`` (~1 s to build; the caller
    keeps it: a tagger holds its own, :attr:`toolkit.ner.tagging.crf.SpanDecoder.lexicon`)."""
    import jieba

    from ...resources import resource_path

    words = read_jieba_dict(Path(jieba.__file__).parent / "dict.txt")
    words.update(read_jieba_dict(resource_path("userdict", model_dir)))
    return Lexicon(words)
