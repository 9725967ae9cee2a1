"""Time series of a report: entities and keywords per period of the articles' ``date``.

Every period from the first dated article to the last is present: a period with no article
at all is NaN (a gap in a plot, never a line drawn across it); a period with articles that do
not name an entity has 0 mentions and no tone.

>>> import toolkit, pandas as pd
>>> df = pd.DataFrame({"text": ["华为发布新手机。", "华为业绩下滑。"], "date": ["2025-01-05", "2025-03-02"]})
>>> rep = toolkit.Analyzer().analyze_corpus(df)
>>> tl = entity_timeline(rep, freq="M")
>>> [(str(p.date()), name, n) for p, name, n in tl[["period", "canonical", "mentions"]].values]
[('2025-01-01', '华为', 1.0), ('2025-02-01', '华为', nan), ('2025-03-01', '华为', 1.0)]
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InvalidParameterError, bad_choice

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .tables import CorpusReport

__all__ = ["TIMELINE_COLUMNS", "article_periods", "entity_timeline", "keyword_trends", "top_in_order"]

TIMELINE_COLUMNS = ["period", "canonical", "label", "articles", "mentions", "mean_tone"]


def article_periods(report: CorpusReport, freq: str) -> pd.Series:
    """The period (a ``pandas.Period``) of every article, indexed by ``doc_id``; undated ones are
    left out. Raises when the report has no ``date`` column."""
    import pandas as pd

    arts = report.articles
    if "date" not in arts.columns:
        raise InvalidParameterError("a timeline needs a 'date' column in the input (or `toolkit report "
                                    "--date-col NAME`)")
    dates = pd.to_datetime(arts["date"], errors="coerce")
    try:
        periods = dates.dt.to_period(freq)
    except (ValueError, TypeError) as exc:
        raise InvalidParameterError(f"freq={freq!r} is not a pandas period frequency (D, W, M, Q, Y): {exc}") from None
    out = pd.Series(periods.to_numpy(), index=arts["doc_id"].to_numpy())
    return out[out.notna()]


def _full_range(periods: pd.Series, freq: str) -> Any:
    import pandas as pd

    if periods.empty:
        return pd.PeriodIndex([], freq=freq)
    return pd.period_range(periods.min(), periods.max(), freq=periods.iloc[0].freq)


def top_in_order(values: pd.Series, top_k: int) -> list[Any]:
    """The ``top_k`` most frequent values; ties go to the one seen first (never alphabetical).

    >>> import pandas as pd
    >>> top_in_order(pd.Series(["乙", "甲", "丙", "甲", "丙", "乙"]), 2)
    ['乙', '甲']
    """
    first = {v: i for i, v in reversed(list(enumerate(values)))}
    counts = values.value_counts()
    return sorted(counts.index, key=lambda v: (-counts[v], first[v]))[:top_k]


def _groups(report: CorpusReport, by: str | None) -> list[tuple[Any, set[Any] | None]]:
    if by is None:
        return [(None, None)]
    arts = report.articles
    if by not in arts.columns:
        raise bad_choice("by", by, list(arts.columns))
    col = arts[by]
    keys = top_in_order(col.dropna(), col.nunique())
    return [(k, set(arts.loc[col == k, "doc_id"])) for k in keys]


def entity_timeline(report: CorpusReport, *, freq: str = "M", by: str | None = None, top_k: int = 10,
                    entities: Sequence[str] | None = None, labels: Sequence[str] | None = None) -> pd.DataFrame:
    """Per period (and group, with ``by`` a column such as ``source``) and entity: ``articles``
    naming it, ``mentions``, and ``mean_tone`` (mean of the article's tone towards it, see
    ``entity_tones``). ``entities`` chooses the canonical names; by default the ``top_k`` named
    in the most articles (with a label in ``labels``). ``period`` is the period's first day.

    Every period between the first and the last dated article is a row for every entity: a
    period without articles (in the group) has NaN counts, so a plot shows a gap there.
    """
    import numpy as np
    import pandas as pd

    periods = article_periods(report, freq)
    ents = report.entities
    if labels is not None:
        ents = ents[ents["label"].isin(set(labels))]
    if entities is None:
        names = top_in_order(ents.drop_duplicates(["doc_id", "canonical"])["canonical"], top_k)
    else:
        names = list(entities)
    label_of = ents.drop_duplicates("canonical").set_index("canonical")["label"]
    ents = _dated(ents, "canonical", names, periods)
    tones = report.entity_tones
    tones = _dated(tones, "canonical", names, periods)
    full = _full_range(periods, freq)
    frames = []
    for group, ids in _groups(report, by):
        mine = periods if ids is None else periods[periods.index.isin(ids)]
        e = ents if ids is None else ents[ents["doc_id"].isin(ids)]
        t = tones if ids is None else tones[tones["doc_id"].isin(ids)]
        has_articles = pd.Series(full.isin(set(mine)), index=full)
        for name in names:
            mine_e = e[e["canonical"] == name]
            mentions = mine_e.groupby("period").size().reindex(full, fill_value=0).astype(float)
            articles = mine_e.groupby("period")["doc_id"].nunique().reindex(full, fill_value=0).astype(float)
            tone = t[t["canonical"] == name].groupby("period")["sentiment_score"].mean().reindex(full)
            empty = ~has_articles.to_numpy()
            frame = pd.DataFrame({"period": full.to_timestamp(), "canonical": name,
                                  "label": label_of.get(name), "articles": np.where(empty, np.nan, articles),
                                  "mentions": np.where(empty, np.nan, mentions),
                                  "mean_tone": tone.to_numpy(dtype=float)})
            if by is not None:
                frame.insert(0, "group", group)
            frames.append(frame)
    columns = (["group"] if by is not None else []) + TIMELINE_COLUMNS
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def _dated(frame: pd.DataFrame, column: str, keep: Sequence[str], periods: pd.Series) -> pd.DataFrame:
    """The rows of ``frame`` whose ``column`` is in ``keep`` and whose article is dated, with the
    article's ``period``."""
    frame = frame[frame[column].isin(set(keep)) & frame["doc_id"].isin(set(periods.index))]
    return frame.assign(period=periods.reindex(frame["doc_id"].to_numpy()).to_numpy())


def keyword_trends(report: CorpusReport, *, freq: str = "M", top_k: int = 20, by: str | None = None,
                   terms: Sequence[str] | None = None) -> pd.DataFrame:
    """Share of articles per period that have each keyword among their keywords: rows are
    periods (``"2025-01"``; with ``by``, ``(group, period)``), columns the ``terms`` (default:
    the ``top_k`` keywords of the most articles; ties to the keyword seen first). Every period
    from the first dated article to the last is a row; one without articles is NaN."""
    import pandas as pd

    periods = article_periods(report, freq)
    kw = report.keywords[["doc_id", "term"]].drop_duplicates()
    top = list(terms) if terms is not None else top_in_order(kw["term"], top_k)
    kw = _dated(kw, "term", top, periods)
    full = _full_range(periods, freq)
    tables = []
    for group, ids in _groups(report, by):
        mine = periods if ids is None else periods[periods.index.isin(ids)]
        k = kw if ids is None else kw[kw["doc_id"].isin(ids)]
        n_articles = mine.value_counts().reindex(full)  # NaN where the period has no article
        table = k.groupby(["period", "term"]).size().unstack(fill_value=0)
        table = table.reindex(index=full, columns=top, fill_value=0).astype(float)
        table = table.div(n_articles, axis=0)
        table.index = pd.Index([str(p) for p in full], name="period")
        table.columns.name = "term"
        if by is not None:
            table.index = pd.MultiIndex.from_product([[group], table.index], names=["group", "period"])
        tables.append(table)
    return pd.concat(tables) if tables else pd.DataFrame(columns=top)
