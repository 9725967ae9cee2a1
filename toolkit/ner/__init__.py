"""Named entities: the passes of :class:`~toolkit.ner.extractor.EntityExtractor` and their parts.

- ``extractor``: the ordered passes over a text (model, gazetteer, rules, cues, merge, context);
- ``gazetteer``: the curated names; ``rules``: 《》 titles, Latin names, model designations,
  defined short names; ``cues`` and ``context``: names read from the words around them;
- ``merge``: ambiguous names confirmed, the overlap policy, canonical names, model-span filters;
- ``wordlists``: the vocabularies (role titles, trade acronyms, short forms of places) as data;
- ``tagging/``: the character tagger (CRF, BiLSTM-CRF, their sum), its features and loading.

>>> from toolkit.ner import resolve_overlaps
>>> resolve_overlaps([])
[]
"""
from .extractor import MODEL_CHOICES, EntityExtractor
from .gazetteer import Gazetteer, GazetteerEntry
from .merge import canonicalize, confirm_ambiguous, resolve_overlaps
from .rules import defined_abbreviations, extend_products, rule_entities
from .tagging.load import load_tagger

__all__ = [
    "MODEL_CHOICES",
    "EntityExtractor",
    "Gazetteer",
    "GazetteerEntry",
    "canonicalize",
    "confirm_ambiguous",
    "defined_abbreviations",
    "extend_products",
    "load_tagger",
    "resolve_overlaps",
    "rule_entities",
]
