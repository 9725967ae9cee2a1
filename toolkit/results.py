"""Result types: frozen dataclasses shared by every layer.

Offsets are character offsets into :attr:`Article.text`, end-exclusive, so
``article.text[e.start:e.end] == e.text`` for every span-like result.
This module imports only the standard library.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "TargetTone",
    "ENTITY_LABELS",
    "SENTIMENT_LABELS",
    "EntityLabel",
    "SentimentLabel",
    "Token",
    "Sentence",
    "Entity",
    "Keyword",
    "Sentiment",
    "Quote",
    "EntityTone",
    "Role",
    "Byline",
    "Article",
]

EntityLabel = Literal["PERSON", "COMPANY", "ORG", "PRODUCT", "LOC", "WORK"]
SentimentLabel = Literal["negative", "neutral", "positive"]

#: Entity labels in report column order.
ENTITY_LABELS: tuple[EntityLabel, ...] = ("PERSON", "COMPANY", "ORG", "PRODUCT", "LOC", "WORK")
#: Sentiment labels.
SENTIMENT_LABELS: tuple[SentimentLabel, ...] = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class Sentiment:
    """Tone of a text: ``label`` and ``score`` in [-1, 1] (> 0 leans positive).

    ``evidence`` lists the lexicon terms that drove the score with their signed weights,
    strongest first (negation and degree folded in: ``('不满意', -0.96)``). For an article
    (and an entity), ``positive_share`` and ``negative_share`` are the shares of its
    sentences that read positive and negative: both high means mixed coverage.
    """

    label: SentimentLabel
    score: float
    evidence: tuple[tuple[str, float], ...] = ()
    positive_share: float | None = None
    negative_share: float | None = None


@dataclass(frozen=True)
class Token:
    """One word from the tokenizer with its part-of-speech tag (jieba's tag set)."""

    text: str
    start: int
    end: int
    pos: str


@dataclass(frozen=True)
class Sentence:
    """One sentence; ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int
    sentiment: Sentiment | None = None


@dataclass(frozen=True)
class Entity:
    """A named-entity mention with its canonical name."""

    text: str
    label: EntityLabel
    start: int
    end: int
    canonical: str
    source: str = "model"
    score: float = 1.0


@dataclass(frozen=True)
class Keyword:
    """A key term with its weight: higher is more characteristic; the article's best keyword
    weighs 1.0."""

    term: str
    weight: float


@dataclass(frozen=True)
class EntityTone:
    """How an article talks about one entity: the tone of the sentences naming it, aggregated.

    ``sentiment.positive_share``/``negative_share`` are over those sentences.
    """

    canonical: str
    label: EntityLabel
    sentiment: Sentiment
    mentions: int
    sentences: int


@dataclass(frozen=True)
class TargetTone:
    """How a text treats one target (a name the user gives, or an entity of the article).

    ``sentiment`` is read from the clauses that name the target, not from whole sentences:
    in "甲股价大涨，乙则下跌" 甲 is positive and 乙 negative. ``negative_probability`` is the
    target model's P(the text is negative about it); ``mentions`` and ``sentences`` count where
    it is named (0 when it is not: then the tone is neutral).
    """

    target: str
    sentiment: Sentiment
    negative_probability: float
    mentions: int
    sentences: int

    @property
    def label(self) -> SentimentLabel:
        return self.sentiment.label

    @property
    def score(self) -> float:
        return self.sentiment.score


@dataclass(frozen=True)
class Quote:
    """A statement and who made it.

    ``text`` is the content (inside the quotation marks for a direct quote; the reported clause
    for an indirect one), ``speaker`` the name as written (or resolved from 他/她), and
    ``speaker_canonical`` the entity's canonical name (the phrase itself for an unnamed source
    such as 业内人士). ``tone`` is the sentiment of the content. ``speaker_kind`` says what the
    speaker is: a named ``"person"``, an ``"organization"`` (华为回应称), or an ``"unnamed"``
    source (业内人士, 外交部发言人, 市民刘女士).
    """

    speaker: str
    speaker_canonical: str
    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect"]
    tone: Sentiment | None = None
    speaker_kind: Literal["person", "organization", "unnamed"] = "person"


@dataclass(frozen=True)
class Role:
    """A title a person holds, from an apposition (360公司创始人、董事长周鸿祎 → two roles).

    ``organization`` is the text before the title (None when the article gives none);
    ``start``/``end`` cover the apposition.
    """

    person: str
    person_canonical: str
    title: str
    organization: str | None
    organization_canonical: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Byline:
    """Who wrote and edited an article, parsed from its byline and credits.

    ``source`` is the issuing outlet or agency (本报, 新华社, or a 来源 line).
    """

    reporters: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    source: str | None = None
    correspondents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    """Everything the toolkit found in one article.

    ``raw`` is the input as given, ``text`` the cleaned text every offset refers
    to. Layers that did not run leave their fields empty. A failed article has
    ``error`` set and otherwise empty fields; it is never dropped from a corpus.
    """

    raw: str
    text: str
    doc_id: Any = None
    title: str | None = None
    byline: Byline = field(default_factory=Byline)
    furniture: tuple[str, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()
    keywords: tuple[Keyword, ...] = ()
    sentiment: Sentiment | None = None
    entity_tones: tuple[EntityTone, ...] = ()
    #: tone of the headline alone (None when there is no headline or no tone layer)
    title_tone: Sentiment | None = None
    quotes: tuple[Quote, ...] = ()
    roles: tuple[Role, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, hash=False)
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the article was analysed without error."""
        return self.error is None

    def __reduce__(self) -> tuple[Any, ...]:
        # Articles travel between processes (n_process > 1); tokens go as four columns, which
        # unpickles faster than one object per token. The result is an equal Article.
        state = dict(self.__dict__)
        tokens = state.pop("tokens")
        columns = ([t.text for t in tokens], [t.start for t in tokens], [t.end for t in tokens],
                   [t.pos for t in tokens])
        return (_rebuild_article, (state, columns))

    def to_frame(self) -> pd.DataFrame:
        """One-row DataFrame with the columns of ``CorpusReport.articles``."""
        from .report.tables import articles_frame

        return articles_frame([self])

    def to_spacy(self, *, vocab: Any = None, prefix: str = "") -> Any:
        """This article as a spaCy ``Doc`` whose ``ents`` are the toolkit's entities (canonical
        name, source and score in ``ent._.canonical`` …), with sentence boundaries and words,
        so that ``spacy.displacy.render(doc, style="ent")`` works: see :mod:`toolkit.report.spacy_doc`."""
        from .report.spacy_doc import to_spacy

        return to_spacy(self, vocab=vocab, prefix=prefix)

    def _repr_html_(self) -> str:
        """Jupyter view: entities highlighted in the text, with keywords and counts."""
        from .report.html import article_html

        return article_html(self)

    def __repr__(self) -> str:
        if self.error is not None:
            return f"Article(doc_id={self.doc_id!r}, error={self.error!r})"
        title = self.title if self.title is None or len(self.title) <= 20 else self.title[:20] + "…"
        tone = self.sentiment.label if self.sentiment else None
        return (
            f"Article(doc_id={self.doc_id!r}, title={title!r}, {len(self.text)} chars, "
            f"{len(self.sentences)} sentences, {len(self.tokens)} tokens, "
            f"{len(self.entities)} entities, {len(self.keywords)} keywords, sentiment={tone})"
        )


def _rebuild_article(state: dict[str, Any], columns: tuple[list[str], list[int], list[int], list[str]]
                     ) -> Article:
    new = object.__new__
    tokens = []
    for text, start, end, pos in zip(*columns, strict=True):
        tok = new(Token)
        tok.__dict__.update(text=text, start=start, end=end, pos=pos)
        tokens.append(tok)
    art = new(Article)
    art.__dict__.update(state, tokens=tuple(tokens))
    return art
