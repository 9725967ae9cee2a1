"""toolkit: analysis of Chinese news text — cleaning, words, entities, keywords, tone, quotes.

>>> import toolkit
>>> a = toolkit.Analyzer()
>>> a.analyze("人工智能公司发布了新模型。").sentences[0].text
'人工智能公司发布了新模型。'
"""
from __future__ import annotations

import logging

__version__ = "0.1.0"

from .corpus import Record, iter_records, read_text_file  # noqa: E402
from .errors import (  # noqa: E402
    CorpusFormatError,
    DecodingError,
    InvalidInputError,
    InvalidParameterError,
    MissingDependencyError,
    ModelFormatError,
    ModelNotFoundError,
    OutputError,
    ToolkitError,
)
from .ner import EntityExtractor, Gazetteer  # noqa: E402
from .pipeline.analyzer import Analyzer  # noqa: E402
from .report import CorpusReport, load_report  # noqa: E402
from .results import (  # noqa: E402
    Article,
    Byline,
    Entity,
    EntityTone,
    Keyword,
    Quote,
    Sentence,
    Sentiment,
    TargetTone,
    Token,
)
from .sentiment import Lexicon, SentimentModel  # noqa: E402
from .text.normalize import Cleaned, clean  # noqa: E402
from .text.sentences import split_sentences  # noqa: E402
from .text.tokenizer import Tokenizer  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "TargetTone",
    "__version__",
    "Analyzer",
    "Article",
    "Byline",
    "Cleaned",
    "CorpusReport",
    "Entity",
    "EntityExtractor",
    "EntityTone",
    "Gazetteer",
    "Keyword",
    "Lexicon",
    "Quote",
    "Record",
    "Sentence",
    "Sentiment",
    "SentimentModel",
    "Token",
    "Tokenizer",
    "clean",
    "iter_records",
    "load_report",
    "read_text_file",
    "split_sentences",
    "CorpusFormatError",
    "DecodingError",
    "InvalidInputError",
    "InvalidParameterError",
    "MissingDependencyError",
    "ModelFormatError",
    "ModelNotFoundError",
    "OutputError",
    "ToolkitError",
]
