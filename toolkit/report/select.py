"""Selecting and reading articles of a report: sub-reports, and one article rebuilt from the tables.

>>> sub = report.filter(start="2025-03-01", source="新华社", entity="华为", tone="negative")  # doctest: +SKIP
>>> sub = report[report.articles["n_quotes"] > 2]                                        # doctest: +SKIP
>>> report.show("n01")                                                                    # doctest: +SKIP
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..errors import InvalidParameterError, bad_choice
from ..results import (
    SENTIMENT_LABELS,
    Article,
    Byline,
    Entity,
    EntityTone,
    Keyword,
    Quote,
    Role,
    Sentence,
    Sentiment,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .tables import CorpusReport

__all__ = ["ArticleView", "article_from_tables", "as_mask", "filter_mask", "subset"]


def as_mask(report: CorpusReport, keep: Any) -> Any:
    """``keep`` as a numpy boolean array over ``report.articles``; anything else is refused."""
    import numpy as np

    mask = np.asarray(keep)
    if mask.dtype != bool or mask.shape != (report.n_articles,):
        raise InvalidParameterError(
            f"a report is selected with a boolean mask over its {report.n_articles} articles "
            f"(e.g. report[report.articles['source'] == 'x']), got {mask.dtype} of shape {mask.shape}")
    return mask


def subset(report: CorpusReport, keep: Any) -> CorpusReport:
    """The report restricted to the articles where ``keep`` (a boolean sequence aligned with
    ``report.articles``) is true: every table keeps only those articles' rows, in order."""
    from .tables import CorpusReport

    arts = report.articles[as_mask(report, keep)].reset_index(drop=True)
    ids = set(arts["doc_id"])
    tables = {name: df[df["doc_id"].isin(ids)].reset_index(drop=True)
              for name, df in report.tables().items() if name != "articles"}
    return CorpusReport(articles=arts, **tables, params=dict(report.params))


def _as_set(value: str | Iterable[str]) -> set[str]:
    return {value} if isinstance(value, str) else set(value)


def _timestamp(value: Any, name: str) -> Any:
    import pandas as pd

    from .tables import parse_dates

    ts = parse_dates(pd.Series([value], dtype=object)).iloc[0]
    if pd.isna(ts):
        raise InvalidParameterError(f"{name}={value!r} is not a date")
    return ts


def filter_mask(report: CorpusReport, *, start: Any = None, end: Any = None, source: str | Iterable[str] | None = None,
                entity: str | Iterable[str] | None = None, keyword: str | Iterable[str] | None = None,
                tone: str | Iterable[str] | None = None, contains: str | None = None) -> pd.Series:
    """Which articles pass every given condition (see :meth:`CorpusReport.filter`)."""
    import pandas as pd

    arts = report.articles
    keep = pd.Series(True, index=arts.index)
    if start is not None or end is not None:
        if "date" not in arts.columns:
            raise InvalidParameterError("start=/end= need a 'date' column (input column date, or --date-col)")
        dates = arts["date"]
        if start is not None:
            keep &= dates >= _timestamp(start, "start")
        if end is not None:
            stop = _timestamp(end, "end")
            keep &= (dates < stop + pd.Timedelta(days=1)) if stop == stop.normalize() else (dates <= stop)
    if source is not None:
        wanted = _as_set(source)
        hit = arts["byline_source"].isin(wanted)
        if "source" in arts.columns:
            hit |= arts["source"].isin(wanted)
        keep &= hit
    if entity is not None:
        wanted = _as_set(entity)
        ents = report.entities
        ids = set(ents.loc[ents["canonical"].isin(wanted) | ents["text"].isin(wanted), "doc_id"])
        keep &= arts["doc_id"].isin(ids)
    if keyword is not None:
        kw = report.keywords
        keep &= arts["doc_id"].isin(set(kw.loc[kw["term"].isin(_as_set(keyword)), "doc_id"]))
    if tone is not None:
        labels = _as_set(tone)
        for lab in labels:
            if lab not in SENTIMENT_LABELS:
                raise bad_choice("tone", lab, SENTIMENT_LABELS)
        keep &= arts["sentiment"].isin(labels)
    if contains is not None:
        keep &= arts["text"].map(lambda t: isinstance(t, str) and contains in t).astype(bool)
    return keep


def _evidence(items: Any) -> tuple[tuple[str, float], ...]:
    """Tone evidence back from ``['担忧 -1.20', ...]``."""
    out = []
    for item in items or ():
        term, _, weight = str(item).rpartition(" ")
        try:
            out.append((term, float(weight)))
        except ValueError:
            continue
    return tuple(out)


def _none(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and value != value) else value


def _sentiment(label: Any, score: Any, terms: Any = None, pos: Any = None, neg: Any = None) -> Sentiment | None:
    if _none(label) is None:
        return None
    return Sentiment(label, float(score), _evidence(terms), _none(pos), _none(neg))


def _rows(df: pd.DataFrame, doc_id: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in df[df["doc_id"] == doc_id].to_dict("records")]


def article_from_tables(report: CorpusReport, doc_id: Any) -> Article:
    """The :class:`~toolkit.results.Article` ``doc_id`` as its report rows describe it (tokens
    are not in a report, so they are empty)."""
    from .tables import ARTICLE_COLUMNS

    arts = report.articles
    found = arts[arts["doc_id"] == doc_id]
    if found.empty:
        raise InvalidParameterError(f"no article with doc_id {doc_id!r} in the report")
    a = found.iloc[0].to_dict()
    sentences = tuple(Sentence(r["text"], int(r["start"]), int(r["end"]),
                               _sentiment(r["sentiment"], r["sentiment_score"], r["tone_terms"]))
                      for r in _rows(report.sentences, doc_id))
    entities = tuple(Entity(r["text"], r["label"], int(r["start"]), int(r["end"]), r["canonical"], r["source"],
                            float(r["score"])) for r in _rows(report.entities, doc_id))
    keywords = tuple(Keyword(r["term"], float(r["weight"])) for r in _rows(report.keywords, doc_id))
    tones = tuple(EntityTone(r["canonical"], r["label"],
                             _sentiment(r["sentiment"], r["sentiment_score"], r["tone_terms"], r["positive_share"],
                                        r["negative_share"]) or Sentiment("neutral", 0.0),
                             int(r["mentions"]), int(r["sentences"])) for r in _rows(report.entity_tones, doc_id))
    quotes = tuple(Quote(r["speaker"], r["speaker_canonical"], r["text"], int(r["start"]), int(r["end"]), r["kind"],
                         _sentiment(r["tone"], r["tone_score"])) for r in _rows(report.quotes, doc_id))
    roles = tuple(Role(r["person"], r["person_canonical"], r["title"], r["organization"],
                       r["organization_canonical"], int(r["start"]), int(r["end"]))
                  for r in _rows(report.roles, doc_id))
    meta = {k: v for k, v in a.items() if k not in ARTICLE_COLUMNS}
    text = a["text"] or ""
    return Article(
        raw=text, text=text, doc_id=doc_id, title=_none(a["title"]),
        byline=Byline(tuple(a["reporters"] or ()), tuple(a["editors"] or ()), _none(a["byline_source"])),
        furniture=tuple(a["furniture"].split(" | ")) if _none(a["furniture"]) else (),
        sentences=sentences, entities=entities, keywords=keywords,
        sentiment=_sentiment(a["sentiment"], a["sentiment_score"], a["tone_terms"], a["positive_share"],
                             a["negative_share"]),
        entity_tones=tones, title_tone=_sentiment(a["title_tone"], a["title_tone_score"]),
        quotes=quotes, roles=roles, meta=meta, error=_none(a["error"]))


class ArticleView:
    """One article of a report for reading: HTML in Jupyter (entities highlighted, tone,
    quotes), a readable text elsewhere (``print(view)``); ``view.article`` is the Article."""

    def __init__(self, article: Article) -> None:
        self.article = article

    def _repr_html_(self) -> str:
        from .html import article_html

        return article_html(self.article)

    def __str__(self) -> str:
        from .html import format_article

        art = self.article
        if art.error is not None:
            return f"{art.doc_id}: error: {art.error}"
        meta = "  ".join(f"{k}={v}" for k, v in art.meta.items() if _none(v) is not None)
        return f"doc_id:     {art.doc_id}" + (f"  {meta}" if meta else "") + "\n" + format_article(art)

    __repr__ = __str__

