"""The shipped NER model as a spaCy pipeline component (``toolkit_ensemble_ner``).

``models/ner`` is a spaCy pipeline (``spacy.load`` reads it once this module is imported;
``import toolkit`` is not enough, the factories register here) holding one component: the
sum of a character BiLSTM-CRF and a character CRF (:class:`toolkit.ner.tagging.charnet.Ensemble`, factory
``toolkit_ensemble_ner``, the shipped model), or one of them alone (``toolkit_charnet_ner``,
``toolkit_crf_ner``; ``make train-ner MODEL=net`` or ``MODEL=crf``),
serialised as JSON + numpy by the component itself. On a Doc it sets ``doc.ents``; the
toolkit's :class:`~toolkit.ner.extractor.EntityExtractor` calls the model on text directly, which
skips building a Doc of characters.

>>> import spacy, toolkit.ner.tagging.spacy_component  # doctest: +SKIP
>>> nlp = spacy.load("models/ner")  # doctest: +SKIP
>>> [(e.text, e.label_) for e in nlp("周鸿祎在北京。").ents]  # doctest: +SKIP
[('周鸿祎', 'PERSON'), ('北京', 'LOC')]
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...errors import ModelNotFoundError
from .charnet import ENSEMBLE_FACTORY, CharNet, Ensemble
from .charnet import FACTORY as NET_FACTORY
from .crf import FACTORY as CRF_FACTORY
from .crf import CharCRF

__all__ = ["CharEntityRecognizer", "CRF_FACTORY", "NET_FACTORY", "ENSEMBLE_FACTORY"]

Tagger = CharCRF | CharNet | Ensemble


class CharEntityRecognizer:
    """spaCy component: entities of a Doc from a character tagger (set with :meth:`set_model`)."""

    def __init__(self, nlp: Language, name: str, kind: type[CharCRF] | type[CharNet] | type[Ensemble]) -> None:
        self.name = name
        self.kind = kind
        self.model: Tagger | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """The entity labels the model tags (spaCy lists them in the pipeline's meta)."""
        return tuple(sorted({t[2:] for t in self.model.labels if t != "O"})) if self.model else ()

    def set_model(self, model: Tagger) -> None:
        self.model = model

    def _model(self) -> Tagger:
        if self.model is None:
            raise ModelNotFoundError(f"component {self.name!r} has no weights; load a trained pipeline")
        return self.model

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

    def from_disk(self, path: Any, *, exclude: Any = ()) -> CharEntityRecognizer:
        self.model = self.kind.load(Path(path))
        return self


@Language.factory(CRF_FACTORY)
def make_crf_ner(nlp: Language, name: str) -> CharEntityRecognizer:
    return CharEntityRecognizer(nlp, name, CharCRF)


@Language.factory(NET_FACTORY)
def make_charnet_ner(nlp: Language, name: str) -> CharEntityRecognizer:
    return CharEntityRecognizer(nlp, name, CharNet)


@Language.factory(ENSEMBLE_FACTORY)
def make_ensemble_ner(nlp: Language, name: str) -> CharEntityRecognizer:
    return CharEntityRecognizer(nlp, name, Ensemble)
