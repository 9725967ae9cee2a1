"""A report streamed chunk by chunk into files (``toolkit report``) without holding its tables.

The cell and file helpers it writes with live in :mod:`toolkit.report.formats` (their public
names are still importable from here); the chunks are :class:`~toolkit.report.tables.ReportBuilder`
frames.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..errors import bad_choice
from .formats import (
    FORMULA_START,
    LIST_COLUMNS,
    SEP,
    _cell_text,
    _text,
    _write_csv,
    check_format,
    escape_cell,
    join_lists,
    split_list,
    unescape_cell,
    write_params,
)
from .formats import _json_default as _json_default  # (imported from here by pipeline.shards)
from .html import summary_table
from .outdir import atomic_write
from .tables import ReportBuilder, _frame

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "FORMULA_START",
    "LIST_COLUMNS",
    "SEP",
    "SUMMARY_ROWS",
    "StreamedReport",
    "check_format",
    "escape_cell",
    "join_lists",
    "save_streaming",
    "split_list",
    "unescape_cell",
    "write_params",
]


#: Rows of the articles table a streamed report keeps for the terminal summary.
SUMMARY_ROWS = 50


def _empty_failed() -> pd.DataFrame:
    return _frame([], {"doc_id": "object", "error": "object"})


def _empty_frames(meta_cols: Sequence[str]) -> dict[str, pd.DataFrame]:
    """The tables of an empty report with the metadata columns ``meta_cols``."""
    return ReportBuilder().frames(meta_cols)


@dataclass
class StreamedReport:
    """What a report written chunk by chunk (:func:`save_streaming`) knows about itself without
    holding its tables: the counts, the first articles (for :meth:`summary`) and every failed
    article (``doc_id``, ``error``)."""

    n_articles: int = 0
    n_failed: int = 0
    tables: dict[str, int] = field(default_factory=dict)
    head: pd.DataFrame | None = None
    failed: pd.DataFrame = field(default_factory=lambda: _empty_failed())

    def summary(self, *, max_rows: int = SUMMARY_ROWS) -> str:
        """A readable text table of the first articles (for the terminal)."""
        assert self.head is not None
        return summary_table(self.head, self.n_articles, self.n_failed, max_rows=max_rows)

    def _take(self, articles: pd.DataFrame) -> None:
        import pandas as pd

        if self.head is None or len(self.head) < SUMMARY_ROWS:
            head = articles.head(SUMMARY_ROWS)
            self.head = head if self.head is None else pd.concat([self.head, head], ignore_index=True)
        bad = articles.loc[articles["error"].notna(), ["doc_id", "error"]]
        if len(bad):
            self.failed = (bad.reset_index(drop=True) if self.failed.empty
                           else pd.concat([self.failed, bad], ignore_index=True))
        self.n_articles += len(articles)
        self.n_failed += len(bad)


def _arrow_type(series: pd.Series) -> tuple[Any, str]:
    """The arrow type pyarrow gives a column (None when every cell is missing; text when the
    column mixes types pyarrow cannot hold in one, see :func:`_parquet_safe`) and its name
    (``"mixed"`` for such a column)."""
    import pyarrow as pa

    try:
        arr = pa.array(series, from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return pa.string(), "mixed"
    return (None, "None") if pa.types.is_null(arr.type) else (arr.type, str(arr.type))


def _unify(a: Any, b: Any) -> Any:
    """One arrow type for a column that is ``a`` in some chunks and ``b`` in others: the same
    type, floats for ints next to floats, text otherwise."""
    import pyarrow as pa

    if a is None or a == b:
        return b
    if b is None:
        return a
    if {str(a), str(b)} <= {"int64", "double"}:
        return pa.float64()
    return pa.string()


def save_streaming(chunks: Callable[[], Iterator[ReportBuilder]], out: Path, *, meta_cols: Sequence[str],
                   params: dict[str, Any], format: str = "csv", encoding: str = "utf-8",
                   ) -> tuple[StreamedReport, list[Path]]:
    """Write a report chunk by chunk into ``out`` (CSV or parquet), holding one chunk at a time.

    ``chunks`` gives a fresh iterator of :class:`ReportBuilder` chunks, in order, each time it is
    called (parquet reads them twice: once to find one schema that fits every chunk, once to
    write). ``meta_cols`` are the metadata columns of the whole report. CSV files are the same
    bytes whatever the chunk size, parquet files the same table (one row group per chunk); each
    file is written under a temporary name and renamed when complete.
    """
    if format not in ("csv", "parquet"):
        raise bad_choice("format", format, ("csv", "parquet"))
    stats = StreamedReport(tables={name: 0 for name in _TABLE_NAMES})
    paths = {name: out / f"{name}.{format}" for name in _TABLE_NAMES}
    with ExitStack() as stack:
        files = {name: stack.enter_context(atomic_write(path)) for name, path in paths.items()}
        if format == "csv":
            texts = {name: stack.enter_context(_text(fh, encoding)) for name, fh in files.items()}
            started: set[str] = set()
            for chunk in chunks():
                frames = chunk.frames(meta_cols)
                stats._take(frames["articles"])
                for name, df in frames.items():
                    if name not in started or len(df):
                        _write_csv(df, texts[name], header=name not in started)
                        started.add(name)
                    stats.tables[name] += len(df)
            for name in set(_TABLE_NAMES) - started:  # no chunk at all: the header alone
                _write_csv(_empty_frames(meta_cols)[name], texts[name], header=True)
        else:
            _stream_parquet(chunks, meta_cols, files, stats)
    if stats.head is None:  # no chunk at all: an empty report
        empty = _empty_frames(meta_cols)["articles"]
        stats._take(empty)
    written = list(paths.values())
    written.append(write_params(out, params, stats.n_articles, stats.n_failed, dict(stats.tables)))
    return stats, written


_TABLE_NAMES = ("articles", "entities", "keywords", "sentences", "quotes", "entity_tones", "roles")


def _stream_parquet(chunks: Callable[[], Iterator[ReportBuilder]], meta_cols: Sequence[str],
                    files: dict[str, BinaryIO], stats: StreamedReport) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types: dict[str, dict[str, Any]] = {name: {} for name in _TABLE_NAMES}
    seen: dict[str, dict[str, set[str]]] = {name: {} for name in _TABLE_NAMES}
    columns: dict[str, list[str]] = {}
    for chunk in chunks():  # pass 1: one schema for every chunk
        for name, df in chunk.frames(meta_cols).items():
            df = df.astype({"doc_id": str})
            columns[name] = [str(c) for c in df.columns]
            for c in df.columns:
                t, seen_as = _arrow_type(df[c])
                types[name][c] = _unify(types[name].get(c), t)
                seen[name].setdefault(c, set()).add(seen_as)
    writers: dict[str, Any] = {}
    try:
        for chunk in chunks():  # pass 2: write
            frames = chunk.frames(meta_cols)
            stats._take(frames["articles"])
            for name, df in frames.items():
                df = df.astype({"doc_id": str})
                schema = pa.schema([(c, types[name].get(c) or pa.null()) for c in df.columns])
                for c in df.columns:
                    if types[name].get(c) == pa.string() and seen[name][c] - {"string", "None"}:
                        df[c] = df[c].map(_cell_text).astype(object)  # a column mixing types: text
                table = pa.Table.from_pandas(df, schema=schema, preserve_index=False)
                if name not in writers:
                    writers[name] = pq.ParquetWriter(files[name], table.schema)
                if len(df):
                    writers[name].write_table(table)
                stats.tables[name] += len(df)
        for name in _TABLE_NAMES:  # no chunk at all: empty tables with the fixed columns
            if name not in writers:
                df = _empty_frames(meta_cols)[name].astype({"doc_id": str})
                table = pa.Table.from_pandas(df, preserve_index=False)
                writers[name] = pq.ParquetWriter(files[name], table.schema)
    finally:
        for w in writers.values():
            w.close()
