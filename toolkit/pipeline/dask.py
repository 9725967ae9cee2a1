"""Analyse a corpus on a Dask cluster: the report's tables as Dask DataFrames.

Each partition of a Dask DataFrame is analysed by an :class:`~toolkit.Analyzer` built in
the worker process from the given parameters and kept there, so the models load once per
worker. The same code runs on a laptop's processes and on a cluster; only the client
changes (``Client(LocalCluster(n_workers=2))`` or ``Client("tcp://scheduler:8786")``) — the
workers need the toolkit installed and the model directory (``model_dir=`` or
``$TOOLKIT_MODEL_DIR``) readable at the same path.

>>> import dask.dataframe as dd, pandas as pd  # doctest: +SKIP
>>> ddf = dd.from_pandas(pd.DataFrame({"text": texts, "source": sources}), npartitions=8)  # doctest: +SKIP
>>> tables = analyze(ddf, params={"components": ["entities", "sentiment"]})  # doctest: +SKIP
>>> articles, entities = dask.compute(tables["articles"], tables["entities"])  # doctest: +SKIP

Compute the tables you need in one ``dask.compute`` call (or ``persist`` them): each table
computed on its own analyses the corpus again.
"""
from __future__ import annotations

from operator import getitem
from typing import TYPE_CHECKING, Any

from ..report.tables import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    ENTITY_TONE_COLUMNS,
    KEYWORD_COLUMNS,
    QUOTE_COLUMNS,
    ROLE_COLUMNS,
    SENTENCE_COLUMNS,
    _frame,
    _meta_name,
)
from .parallel import worker_analyzer

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["analyze", "analyze_partition"]

_SCHEMAS = {"articles": ARTICLE_COLUMNS, "entities": ENTITY_COLUMNS, "keywords": KEYWORD_COLUMNS,
            "sentences": SENTENCE_COLUMNS, "quotes": QUOTE_COLUMNS, "entity_tones": ENTITY_TONE_COLUMNS,
            "roles": ROLE_COLUMNS}
def analyze_partition(part: pd.DataFrame, params: dict[str, Any], text_col: str = "text",
                      id_col: str | None = None) -> dict[str, pd.DataFrame]:
    """The report tables of one pandas partition. Without ``id_col`` (and no ``id``/``doc_id``
    column) the partition's index labels are the doc_ids, so they stay unique across partitions."""
    if id_col is None and not {"id", "doc_id"} & {str(c) for c in part.columns}:
        part = part.assign(doc_id=part.index.to_numpy())
        id_col = "doc_id"
    report = worker_analyzer(params).analyze_corpus(part, text_col=text_col, id_col=id_col, progress=False)
    tables = report.tables()
    # metadata as the one-process report has it; the date column stays datetimes
    meta_cols = [c for c in tables["articles"].columns if c not in ARTICLE_COLUMNS and c != "date"]
    arts = tables["articles"].astype({c: object for c in meta_cols})
    for c in meta_cols:  # a missing value as the one-process report has it (NaN, not None)
        arts[c] = arts[c].where(arts[c].notna(), float("nan"))
    tables["articles"] = arts
    return tables


def analyze(ddf: Any, *, params: dict[str, Any] | None = None, text_col: str = "text",
            id_col: str | None = None) -> dict[str, Any]:
    """The report tables (``articles``, ``entities``, ``keywords``, ``sentences``, ``quotes``,
    ``entity_tones``, ``roles``) of a Dask DataFrame as lazy Dask DataFrames, one partition
    per input partition. ``params`` are :class:`~toolkit.Analyzer` keyword arguments."""
    import dask
    import dask.dataframe as dd
    from dask.delayed import delayed

    params = dict(params or {})
    other = [_meta_name(str(c)) for c in ddf.columns if str(c) not in (text_col, id_col, "id", "doc_id", "title")]
    if "date" not in other:
        other.append("date")  # every article has one (the input's, the printed one, or None)
    parts = [delayed(analyze_partition)(p, params, text_col, id_col) for p in ddf.to_delayed()]
    out = {}
    # Keep the report's column types (doc_id may be a number) instead of Dask's text conversion.
    with dask.config.set({"dataframe.convert-string": False}):
        for name, schema in _SCHEMAS.items():
            meta = _frame([], schema, other if name == "articles" else ())
            if name == "articles":
                meta = meta.astype({c: object for c in other if c != "date"})
            out[name] = dd.from_delayed([delayed(getitem)(p, name) for p in parts], meta=meta, verify_meta=False)
    return out
