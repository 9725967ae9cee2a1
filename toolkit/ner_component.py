"""The shipped NER model as a spaCy pipeline component (``toolkit_crf_ner``).

``models/ner`` is a spaCy pipeline (``spacy.load`` reads it once this module is imported;
``import toolkit`` is not enough, the factory registers here) holding one component: the
character CRF of :mod:`toolkit.crf`, serialised as JSON + numpy by the component itself.
On a Doc it sets ``doc.ents``; the toolkit's :class:`~toolkit.entities.EntityExtractor` calls
the CRF on text directly, which skips building a Doc of characters.

>>> import spacy, toolkit.ner_component  # doctest: +SKIP
>>> nlp = spacy.load("models/ner")  # doctest: +SKIP
>>> [(e.text, e.label_) for e in nlp("周鸿祎在北京。").ents]  # doctest: +SKIP
[('周鸿祎', 'PERSON'), ('北京', 'LOC')]
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .crf import FACTORY, CharCRF
from .errors import ModelNotFoundError

__all__ = ["CRFEntityRecognizer", "FACTORY"]


class CRFEntityRecognizer:
    """spaCy component: entities of a Doc from the character CRF (set with :meth:`set_model`)."""

    def __init__(self, nlp: Language, name: str = FACTORY) -> None:
        self.name = name
        self.crf: CharCRF | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """The entity labels the CRF tags (spaCy lists them in the pipeline's meta)."""
        return tuple(sorted({t[2:] for t in self.crf.labels if t != "O"})) if self.crf else ()

    def set_model(self, crf: CharCRF) -> None:
        self.crf = crf

    def _model(self) -> CharCRF:
        if self.crf is None:
            raise ModelNotFoundError(f"component {self.name!r} has no CRF weights; load a trained pipeline")
        return self.crf

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        for s, e, label in self._model().spans(doc.text):
            span = doc.char_span(s, e, label=label, alignment_mode="expand")
            if span is not None:
                ents.append(span)
        from spacy.util import filter_spans

        doc.ents = filter_spans(ents)
        return doc

    def to_disk(self, path: Any, *, exclude: Any = ()) -> None:
        self._model().save(Path(path))

    def from_disk(self, path: Any, *, exclude: Any = ()) -> CRFEntityRecognizer:
        self.crf = CharCRF.load(Path(path))
        return self


@Language.factory(FACTORY)
def make_crf_ner(nlp: Language, name: str) -> CRFEntityRecognizer:
    return CRFEntityRecognizer(nlp, name)
