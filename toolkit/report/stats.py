"""Corpus statistics of a report: the terms that set groups of articles apart, how each entity
is talked about, and who speaks (people, organizations, unnamed sources).

Each function takes a :class:`~toolkit.report.tables.CorpusReport` and returns a new
DataFrame; :class:`CorpusReport` has a method of the same name that calls it
(``report.people()`` is ``people(report)``). Time series are in :mod:`toolkit.report.timeline`.

>>> import toolkit, pandas as pd
>>> df = pd.DataFrame({"text": ["华为发布新手机。", "华为业绩下滑。"], "source": ["甲报", "乙报"]})
>>> rep = toolkit.Analyzer().analyze_corpus(df)
>>> entity_tone(rep)[["canonical", "articles"]].values.tolist()
[['华为', 2]]
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import InvalidParameterError, bad_choice
from .formats import SEP

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .tables import CorpusReport

__all__ = ["article_groups", "distinctive_terms", "entity_tone", "people", "sources"]


def _speaker_counts(quotes: pd.DataFrame) -> tuple[dict[str, set[Any]], dict[str, int], dict[str, float]]:
    """Per speaker (canonical name) of a quotes frame: the articles, the number of quotes, and
    the mean tone of the quotes with a tone."""
    docs: dict[str, set[Any]] = {}
    counts: dict[str, int] = {}
    tone_sum: dict[str, float] = {}
    tone_n: dict[str, int] = {}
    for did, name, score in zip(quotes["doc_id"], quotes["speaker_canonical"], quotes["tone_score"], strict=True):
        if name is None:
            continue
        docs.setdefault(name, set()).add(did)
        counts[name] = counts.get(name, 0) + 1
        if score == score:  # not NaN
            tone_sum[name] = tone_sum.get(name, 0.0) + float(score)
            tone_n[name] = tone_n.get(name, 0) + 1
    return docs, counts, {n: tone_sum[n] / tone_n[n] for n in tone_n}


def article_groups(report: CorpusReport, by: str) -> pd.Series:
    """The group of every article, indexed by ``doc_id``: the value of the column ``by``, or
    with ``by="month"`` the month (``"2025-03"``) of its ``date`` (None when undated).

    >>> from toolkit.report.tables import ReportBuilder
    >>> article_groups(ReportBuilder().build(), "doc_id").empty
    True
    """
    import pandas as pd

    arts = report.articles
    if by == "month":
        if "date" not in arts.columns:
            raise InvalidParameterError("by='month' needs a 'date' column in the input (articles table)")
        months = pd.to_datetime(arts["date"], errors="coerce").dt.to_period("M").astype("string")
        return pd.Series(months.where(months.notna(), None).to_numpy(), index=arts["doc_id"].to_numpy())
    if by not in arts.columns:
        raise bad_choice("by", by, ["month", *arts.columns])
    return pd.Series(arts[by].to_numpy(), index=arts["doc_id"].to_numpy())


def distinctive_terms(report: CorpusReport, by: str = "source", *, top_k: int = 20, prior: float = 100.0,
                      min_count: int = 2) -> pd.DataFrame:
    """Keywords that set each group of articles apart from the others.

    For every group (a metadata column such as ``source``, or ``"month"`` from a ``date``
    column), a term's count is the number of the group's articles that have it among their
    keywords. Groups are compared with the weighted log-odds ratio with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008): the prior is the term's share over
    the whole corpus times ``prior``; ``z`` is the log-odds divided by its standard error.

    Returns columns ``group, term, count, count_other, log_odds, z``, the ``top_k`` terms
    of each group with ``count >= min_count``, sorted by group then ``(-z, term)``.
    """
    import numpy as np
    import pandas as pd

    groups = article_groups(report, by)
    kw = report.keywords[["doc_id", "term"]].drop_duplicates()
    kw = kw.assign(group=groups.reindex(kw["doc_id"].to_numpy()).to_numpy()).dropna(subset=["group"])
    columns = ["group", "term", "count", "count_other", "log_odds", "z"]
    if kw.empty:
        return pd.DataFrame(columns=columns)
    counts = kw.groupby(["group", "term"]).size().unstack(fill_value=0)
    total = counts.sum(axis=0)
    alpha = prior * total / total.sum()
    a0 = float(alpha.sum())
    rows = []
    for g in sorted(counts.index, key=str):
        yi = counts.loc[g]
        yj = total - yi
        ni, nj = float(yi.sum()), float(yj.sum())
        d = (np.log((yi + alpha) / (ni + a0 - yi - alpha)) - np.log((yj + alpha) / (nj + a0 - yj - alpha)))
        z = d / np.sqrt(1.0 / (yi + alpha) + 1.0 / (yj + alpha))
        frame = pd.DataFrame({"group": g, "term": counts.columns, "count": yi.to_numpy(),
                              "count_other": yj.to_numpy(), "log_odds": d.to_numpy(), "z": z.to_numpy()})
        frame = frame[frame["count"] >= min_count]
        frame = frame.assign(_neg=-frame["z"]).sort_values(["_neg", "term"]).drop(columns="_neg")
        rows.append(frame.head(top_k))
    out = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=columns)
    return out[columns].reset_index(drop=True)


def people(report: CorpusReport, *, min_articles: int = 1) -> pd.DataFrame:
    """One row per named person (canonical name) who is quoted or holds a role, with
    ``articles`` (quoted or titled in), ``quotes``, ``mean_quote_tone``, and ``roles``
    (``title@organization`` joined with 、). Organizations and unnamed sources that speak are
    in :func:`sources`. Sorted by quotes, then articles (most first), then name."""
    import pandas as pd

    columns = ["person", "articles", "quotes", "mean_quote_tone", "roles"]
    q, r = report.quotes, report.roles
    persons = q[q["speaker_kind"].isna() | q["speaker_kind"].eq("person")]  # (no kind: a report of before)
    docs, counts, tone = _speaker_counts(persons)
    titles: dict[str, dict[str, None]] = {}
    for did, name, title, org in zip(r["doc_id"], r["person_canonical"], r["title"],
                                     r["organization_canonical"], strict=True):
        if name is None:
            continue
        docs.setdefault(name, set()).add(did)
        titles.setdefault(name, {})[f"{title}@{org}" if org else str(title)] = None
    rows = [{"person": name, "articles": len(docs[name]), "quotes": counts.get(name, 0),
             "mean_quote_tone": tone.get(name, float("nan")),
             "roles": SEP.join(titles.get(name, {})) or None} for name in sorted(docs)]
    out = pd.DataFrame(rows, columns=columns)
    out = out[out["articles"] >= min_articles]
    out = out.assign(_q=-out["quotes"], _a=-out["articles"]).sort_values(["_q", "_a", "person"])
    return out[columns].reset_index(drop=True)


def sources(report: CorpusReport, *, min_articles: int = 1) -> pd.DataFrame:
    """One row per organization or unnamed source that speaks (华为回应称; 业内人士认为;
    外交部发言人表示): ``source`` (canonical name or the phrase), ``kind``
    (``organization`` / ``unnamed``), ``articles``, ``quotes``, ``mean_quote_tone``. Named
    persons are in :func:`people`. Sorted by quotes, then articles (most first), then name."""
    import pandas as pd

    columns = ["source", "kind", "articles", "quotes", "mean_quote_tone"]
    q = report.quotes
    rows = []
    for kind in ("organization", "unnamed"):
        docs, counts, tone = _speaker_counts(q[q["speaker_kind"].eq(kind)])
        rows += [{"source": name, "kind": kind, "articles": len(docs[name]), "quotes": counts[name],
                  "mean_quote_tone": tone.get(name, float("nan"))} for name in sorted(docs)]
    out = pd.DataFrame(rows, columns=columns).astype({"articles": "int64", "quotes": "int64",
                                                      "mean_quote_tone": "float64"})
    out = out[out["articles"] >= min_articles]
    out = out.assign(_q=-out["quotes"], _a=-out["articles"]).sort_values(["_q", "_a", "source", "kind"])
    return out[columns].reset_index(drop=True)


def entity_tone(report: CorpusReport, by: str | None = None, *, min_articles: int = 1) -> pd.DataFrame:
    """How each entity is talked about across the corpus (optionally per group).

    One row per ``canonical, label`` (and ``group`` with ``by``, a column such as
    ``source`` or ``"month"``): ``articles`` naming it, ``mentions``, ``mean_score`` (mean of
    its per-article tone), and the share of those articles whose tone towards it is
    positive, negative and neutral. Sorted by articles (most first), then name.
    """
    import pandas as pd

    et = report.entity_tones
    keys = ["canonical", "label"]
    if by is not None:
        et = et.assign(group=article_groups(report, by).reindex(et["doc_id"].to_numpy()).to_numpy())
        et = et.dropna(subset=["group"])
        keys = ["group", *keys]
    columns = [*keys, "articles", "mentions", "mean_score", "positive", "negative", "neutral"]
    if et.empty:
        return pd.DataFrame(columns=columns)
    g = et.assign(_pos=et["sentiment"].eq("positive"), _neg=et["sentiment"].eq("negative"),
                  _neu=et["sentiment"].eq("neutral")).groupby(keys, sort=False)
    out = pd.DataFrame({"articles": g["doc_id"].nunique(), "mentions": g["mentions"].sum(),
                        "mean_score": g["sentiment_score"].mean(), "positive": g["_pos"].mean(),
                        "negative": g["_neg"].mean(), "neutral": g["_neu"].mean()}).reset_index()
    out = out[out["articles"] >= min_articles]
    out = out.assign(_n=-out["articles"]).sort_values(["_n", *keys]).drop(columns="_n")
    return out[columns].reset_index(drop=True)
