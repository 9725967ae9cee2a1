"""spaCy component giving a character-level NER model word knowledge from jieba.

Entity spans often cut through jieba words (10-20 % of gold spans), so the NER model
runs on characters; this component, placed before ``tok2vec``, writes per-character
features into token attributes that ``MultiHashEmbed`` reads:

- ``NORM``  the jieba word that holds the character (``周鸿祎`` for each of its characters)
- ``TAG``   the character's position in that word (B/M/E/S), the word length (capped at 5)
  and the word's POS tag, e.g. ``B3nr``
- ``LEMMA`` the character bigram starting at the character (``周鸿``)

The factory is registered when this module is imported (``toolkit.entities`` imports it
before loading the shipped pipeline; ``spacy train --code`` imports it for training).
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .tokenizer import Tokenizer

__all__ = ["WordFeatures", "FACTORY"]

FACTORY = "toolkit_word_features"


class WordFeatures:
    """Write jieba word features onto the characters of a Doc (see module docstring)."""

    def __init__(self, nlp: Language, name: str = FACTORY) -> None:
        self.name = name
        self.tokenizer = Tokenizer(hmm=False, bundled_dict=True)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        # character offset -> (word, B/M/E/S + length + POS)
        word_at: list[str] = [""] * len(text)
        tag_at: list[str] = [""] * len(text)
        pos = 0
        for word, tag in self.tokenizer._segmenter().tag(text, False):
            n = len(word)
            size = str(min(n, 5))
            for k in range(n):
                bmes = "S" if n == 1 else "B" if k == 0 else "E" if k == n - 1 else "M"
                word_at[pos + k] = word
                tag_at[pos + k] = f"{bmes}{size}{tag}"
            pos += n
        for token in doc:
            i = token.idx
            token.norm_ = word_at[i] or token.text
            token.tag_ = tag_at[i] or "X"
            token.lemma_ = text[i:i + 2]
        return doc

    # the component holds no learned state: nothing to serialise
    def to_disk(self, path: Any, *, exclude: Any = ()) -> None:
        return None

    def from_disk(self, path: Any, *, exclude: Any = ()) -> WordFeatures:
        return self

    def to_bytes(self, *, exclude: Any = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: Any = ()) -> WordFeatures:
        return self


@Language.factory(FACTORY)
def make_word_features(nlp: Language, name: str) -> WordFeatures:
    return WordFeatures(nlp, name)
