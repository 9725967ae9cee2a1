"""The layers of one article after cleaning, tokens and entities, as one list of named steps.

:meth:`toolkit.Analyzer.analyze` cleans the text, finds the entities (batched over a corpus),
splits sentences and cuts tokens (entities kept whole), then runs each step of :data:`STEPS`
whose component is on, in order, on a :class:`Draft` of the article. A step reads what earlier
steps wrote and returns a new draft; one that is off leaves its fields empty.

>>> [s.component for s in STEPS]
['keywords', 'sentiment', 'quotes']
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..quotes import find_quotes
from ..results import Entity, EntityTone, Keyword, Quote, Role, Sentence, Sentiment, Token

if TYPE_CHECKING:  # pragma: no cover
    from ..sentiment import Scored, SentimentModel
    from .analyzer import Analyzer

__all__ = ["ENTITY_POS", "STEPS", "Draft", "Step", "keep_entities_whole", "quotes_of", "tone_of"]

#: The POS tag of a token that is a whole entity.
ENTITY_POS = {"PERSON": "nr", "LOC": "ns", "ORG": "nt", "COMPANY": "nt", "PRODUCT": "nz", "WORK": "nz"}


@dataclass(frozen=True)
class Draft:
    """An article while its steps run: the cleaned ``text``, its ``title``, sentences, tokens and
    entities (``entity_layer``: whether the entity layer ran), and what the steps add."""

    text: str
    title: str | None
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]
    entity_layer: bool
    #: The outlets the article's credits name (its byline source): never its keywords.
    outlets: tuple[str, ...] = ()
    keywords: tuple[Keyword, ...] = ()
    sentiment: Sentiment | None = None
    title_tone: Sentiment | None = None
    entity_tones: tuple[EntityTone, ...] = ()
    quotes: tuple[Quote, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Step:
    """A named step: runs when ``component`` is among the analyzer's components."""

    component: str
    run: Callable[[Analyzer, Draft], Draft]


def _keywords(an: Analyzer, d: Draft) -> Draft:
    spans = [(e.start, e.end) for e in d.entities] if d.entity_layer else None
    found = an.keyword_extractor.extract(d.tokens, an.tokenizer.stop_words, title=d.title, entities=spans)
    if d.outlets:  # 财联社 in 对财联社记者表示 is who reports, not what the article is about
        found = [k for k in found if k.term not in d.outlets]
        top = found[0].weight if found else 1.0
        found = [replace(k, weight=round(k.weight / top, 6)) for k in found] if top and top != 1.0 else found
    return replace(d, keywords=tuple(found))


def _sentiment(an: Analyzer, d: Draft) -> Draft:
    if not d.sentences:
        return d
    sentences, article, tones, title_tone = tone_of(an.sentiment_model, d.text, d.sentences, d.tokens, d.entities,
                                                    an._title_scored(d.title))
    return replace(d, sentences=sentences, sentiment=article, entity_tones=tones, title_tone=title_tone)


def _quotes(an: Analyzer, d: Draft) -> Draft:
    model = an.sentiment_model if "sentiment" in an.components else None
    quotes, roles = quotes_of(d.text, d.tokens, d.entities, model)
    return replace(d, quotes=quotes, roles=roles)


#: The steps after tokens and entities, in order.
STEPS: tuple[Step, ...] = (Step("keywords", _keywords), Step("sentiment", _sentiment), Step("quotes", _quotes))


def quotes_of(body: str, tokens: Sequence[Token], entities: tuple[Entity, ...], model: SentimentModel | None
              ) -> tuple[tuple[Quote, ...], tuple[Role, ...]]:
    """Quotes and roles of ``body`` from its tokens and entities; with a sentiment ``model``, each
    quote's tone, scored in one batch from the article's own tokens."""
    found, roles = find_quotes(body, entities, [(t.text, t.start) for t in tokens])
    if found and model is not None:
        starts = [t.start for t in tokens]
        words = [[t.text for t in tokens[bisect_left(starts, q.start):bisect_left(starts, q.end)]
                  if t.text.strip()] for q in found]
        scored = model.probabilities([q.text for q in found], words)
        found = [replace(q, tone=model.to_sentiment(p, lex.terms))
                 for q, (p, lex) in zip(found, scored, strict=True)]
    return tuple(found), tuple(roles)


def tone_of(model: SentimentModel, body: str, sentences: tuple[Sentence, ...], tokens: tuple[Token, ...],
            entities: tuple[Entity, ...], head: Scored | None
            ) -> tuple[tuple[Sentence, ...], Sentiment, tuple[EntityTone, ...], Sentiment | None]:
    """Sentence tones, the article's tone, the tone towards each entity and the headline's."""
    starts = [t.start for t in tokens]
    sent_toks = [[t.text for t in tokens[bisect_left(starts, s.start):bisect_left(starts, s.end)]
                  if t.text.strip()] for s in sentences]
    scored = model.score([s.text for s in sentences], sent_toks)
    tones = [model.to_sentiment(s.proba, s.lexicon.terms) for s in scored]
    out = tuple(Sentence(s.text, s.start, s.end, t) for s, t in zip(sentences, tones, strict=True))
    doc = model.document_proba(scored, head)
    article = model.document(scored, head, doc)
    title_tone = None if head is None else model.to_sentiment(head.proba, head.lexicon.terms)
    if not entities:
        return out, article, (), title_tone
    sent_starts = [s.start for s in sentences]
    groups: dict[tuple[str, str], tuple[list[int], set[int]]] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for e in entities:
        i = bisect_right(sent_starts, e.start) - 1
        if i < 0:
            continue
        mentions, sents = groups.setdefault((e.canonical, e.label), ([], set()))
        mentions.append(i)
        sents.add(i)
        spans.setdefault(e.canonical, []).append((e.start, e.end))
    towards = {t.target: t for t in model.towards(
        body, [(s.start, s.end) for s in sentences], scored, doc, spans,
        lambda a, b: [t.text for t in tokens[bisect_left(starts, a):bisect_left(starts, b)] if t.text.strip()])}
    ent_tones = []
    for (canonical, label), (mentions, sents) in groups.items():
        idx = sorted(sents)
        labels = [tones[i].label for i in idx]
        t = towards[canonical].sentiment
        sent = Sentiment(t.label, t.score, t.evidence, positive_share=round(labels.count("positive") / len(idx), 4),
                         negative_share=round(labels.count("negative") / len(idx), 4))
        ent_tones.append(EntityTone(canonical, label, sent, len(mentions), len(idx)))  # type: ignore[arg-type]
    ent_tones.sort(key=lambda t: (-t.mentions, t.canonical, t.label))
    return out, article, tuple(ent_tones), title_tone


def keep_entities_whole(tokens: list[Token], entities: tuple[Entity, ...], text: str) -> list[Token]:
    """Replace the words inside each entity by one token; words cut by an entity edge are split.

    >>> toks = [Token("周鸿", 0, 2, "nr"), Token("祎说", 2, 4, "v")]
    >>> [t.text for t in keep_entities_whole(toks, (Entity("周鸿祎", "PERSON", 0, 3, "周鸿祎"),), "周鸿祎说")]
    ['周鸿祎', '说']
    """
    if not entities:
        return tokens
    out: list[Token] = []
    ents = sorted(entities, key=lambda e: e.start)
    k = 0
    for tok in tokens:
        while k < len(ents) and ents[k].end <= tok.start:
            k += 1
        pos = tok.start
        j = k
        while j < len(ents) and ents[j].start < tok.end:
            ent = ents[j]
            if pos < ent.start:
                out.append(Token(text[pos:ent.start], pos, ent.start, tok.pos))
            if not out or out[-1].start != ent.start:
                out.append(Token(ent.text, ent.start, ent.end, ENTITY_POS.get(ent.label, "nz")))
            pos = max(pos, ent.end)
            if ent.end > tok.end:
                break
            j += 1
        if pos < tok.end:
            piece = text[pos:tok.end]
            if piece.strip():
                out.append(Token(piece, pos, tok.end, tok.pos))
    return out
