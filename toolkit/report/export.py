"""Writing report tables to files: CSV safe to open in a spreadsheet, parquet, XLSX, and a
report streamed chunk by chunk (``toolkit report``) without holding its tables.

Imported by :mod:`toolkit.report.tables`, which re-exports the public names; nothing here imports
the report module at import time (the streamed writer builds its chunks' frames lazily).
"""
from __future__ import annotations

import io
import json
import re
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from ..errors import bad_choice, missing_dependency
from .outdir import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .tables import ReportBuilder

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

SEP = "、"
#: Columns that hold lists (of names, of tone evidence ``"担忧 -1.20"``): lists in memory, in
#: parquet and in JSON shards; joined with this separator only in CSV and XLSX cells, and split
#: back by :func:`toolkit.load_report`. An empty list is None (an empty cell).
LIST_COLUMNS: dict[str, str] = {"reporters": SEP, "editors": SEP, "tone_terms": "; "}
_FORMATS = ("csv", "parquet", "xlsx")
_XLSX_CELL_LIMIT = 32767


def check_format(format: str) -> None:
    """Raise before any work if reports cannot be saved in ``format``: an unknown format, or
    the library it needs (pyarrow, openpyxl) is not installed."""
    if format not in _FORMATS:
        raise bad_choice("format", format, _FORMATS)
    try:
        if format == "parquet":
            import pyarrow  # noqa: F401
        elif format == "xlsx":
            import openpyxl  # noqa: F401
    except ImportError:
        raise missing_dependency("pyarrow" if format == "parquet" else "openpyxl", format) from None


def _json_default(value: Any) -> Any:
    """numpy scalars as Python numbers; anything else JSON cannot hold (dates) as text."""
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return item()
        except (TypeError, ValueError):
            pass
    return str(value)


def write_params(out: Path, params: dict[str, Any], n_articles: int, n_failed: int,
                 tables: dict[str, int]) -> Path:
    """Write ``params.json`` (parameters, version, counts) into ``out``; returns its path."""
    meta = {"params": params, "n_articles": n_articles, "n_failed": n_failed, "tables": tables}
    path = out / "params.json"
    with atomic_write(path) as fh:
        fh.write(json.dumps(meta, ensure_ascii=False, indent=2, default=str).encode("utf-8"))
    return path


@contextmanager
def _text(fh: BinaryIO, encoding: str) -> Iterator[IO[str]]:
    """``fh`` as a text file in ``encoding`` without newline translation (CSV writes its own);
    a BOM (``utf-8-sig``) is written once, however many chunks follow."""
    text = io.TextIOWrapper(fh, encoding=encoding, newline="")
    try:
        yield text
        text.flush()
    finally:
        text.detach()


def _write_csv(df: pd.DataFrame, text: IO[str], *, header: bool) -> None:
    # RFC 4180 line ends: with "\n" alone the csv module would leave a cell holding a bare "\r"
    # unquoted, and readers would split the row there
    _formula_safe(df).to_csv(text, index=False, header=header, lineterminator="\r\n")


#: Rows of the articles table a streamed report keeps for the terminal summary.
SUMMARY_ROWS = 50


def _empty_failed() -> pd.DataFrame:
    from .tables import _frame

    return _frame([], {"doc_id": "object", "error": "object"})


def _empty_frames(meta_cols: Sequence[str]) -> dict[str, pd.DataFrame]:
    """The tables of an empty report with the metadata columns ``meta_cols``."""
    from .tables import ReportBuilder

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
        from .tables import summary_table

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


def _cell_text(value: Any) -> Any:
    """A cell as text for a column that mixes types: missing stays None, lists and dicts become
    JSON, anything else ``str``."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    import pandas as pd

    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    return str(value)


#: A spreadsheet takes a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """A text cell for CSV and XLSX: one ``'`` is put before text that a spreadsheet would run
    as a formula (starting with ``= + - @``, tab or carriage return, as OWASP's CSV-injection
    guidance says) and before text that already starts with ``'``, so that
    :func:`unescape_cell` gives back the exact text. Other values are unchanged.

    >>> escape_cell("=HYPERLINK(1)"), escape_cell("'引号"), escape_cell("华为"), escape_cell(-1.5)
    ("'=HYPERLINK(1)", "''引号", '华为', -1.5)
    """
    if isinstance(value, str) and value[:1] in (*FORMULA_START, "'"):
        return "'" + value
    return value


def unescape_cell(value: Any) -> Any:
    """The exact text of a cell read back from a CSV or XLSX report (undoes :func:`escape_cell`):
    ``pd.read_csv(path, dtype=str, keep_default_na=False).map(unescape_cell)``.

    >>> unescape_cell("'=HYPERLINK(1)"), unescape_cell("''引号"), unescape_cell("华为")
    ('=HYPERLINK(1)', "'引号", '华为')
    """
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


def _map_cells(series: pd.Series, fn: Callable[[Any], Any]) -> pd.Series:
    """``fn`` of every cell, as an object column: ``Series.map`` would infer a dtype from the
    results and turn ints next to a missing cell into floats (``1`` written as ``1.0``)."""
    import pandas as pd

    return pd.Series([fn(v) for v in series], index=series.index, dtype=object)


def join_lists(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the cells of :data:`LIST_COLUMNS` joined into text (for CSV and XLSX);
    :func:`split_list` undoes it.

    >>> import pandas as pd
    >>> join_lists(pd.DataFrame({"reporters": [["李明", "王芳"], None]}))["reporters"].tolist()
    ['李明、王芳', None]
    """
    df = df.copy()
    for c in [c for c in LIST_COLUMNS if c in df.columns]:
        df[c] = _map_cells(df[c], partial(_join_cell, sep=LIST_COLUMNS[c]))
    return df


def _join_cell(value: Any, sep: str) -> Any:
    return sep.join(map(str, value)) if isinstance(value, (list, tuple)) else value


def split_list(value: Any, sep: str) -> list[str] | None:
    """A list cell read back from CSV or XLSX text (None for an empty cell).

    >>> split_list("李明、王芳", "、"), split_list("", "、")
    (['李明', '王芳'], None)
    """
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return None
    if isinstance(value, (list, tuple)):
        return list(value)
    return str(value).split(sep)


def _formula_safe(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with list cells joined and every text cell and column name passed through
    :func:`escape_cell`."""
    import pandas as pd

    df = join_lists(df)
    for c in df.columns:
        if pd.api.types.is_object_dtype(df[c].dtype) or pd.api.types.is_string_dtype(df[c].dtype):
            df[c] = _map_cells(df[c], escape_cell)
    df.columns = [escape_cell(str(c)) for c in df.columns]
    return df


def _parquet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns that parquet cannot store as they are (metadata mixing ints and strings,
    lists and strings) are written as text, see :func:`_cell_text`; the others are unchanged."""
    import pyarrow as pa

    bad = []
    for c in df.columns:
        if df[c].dtype == object:
            try:
                pa.array(df[c], from_pandas=True)
            except (pa.ArrowException, TypeError, ValueError, OverflowError):
                bad.append(c)
    if not bad:
        return df
    df = df.copy()
    for c in bad:
        df[c] = df[c].map(_cell_text).astype(object)
    return df


# Characters XML 1.0 forbids (openpyxl refuses the control characters; surrogates and the
# non-characters U+FFFE/U+FFFF cannot be written at all).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xlsx_safe(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Cells Excel can hold: characters XML forbids removed, lists and dicts as JSON text, cells
    cut to 32,767 characters; says so in a warning when anything was changed."""
    changed = {"XML-illegal characters removed from": 0, "over Excel's 32767-character limit cut in": 0}

    def fix(v: Any) -> Any:
        if isinstance(v, (list, tuple, dict)):
            v = _cell_text(v)
        if isinstance(v, str):
            if _XML_ILLEGAL.search(v):
                v = _XML_ILLEGAL.sub("", v)
                changed["XML-illegal characters removed from"] += 1
            v = escape_cell(v)
            if len(v) > _XLSX_CELL_LIMIT:
                v = v[:_XLSX_CELL_LIMIT]
                changed["over Excel's 32767-character limit cut in"] += 1
        return v

    import pandas as pd

    df = join_lists(df)
    for c in df.columns:
        if pd.api.types.is_object_dtype(df[c].dtype) or pd.api.types.is_string_dtype(df[c].dtype):
            df[c] = _map_cells(df[c], fix)
    df.columns = [fix(str(c)) for c in df.columns]
    if any(changed.values()):
        said = "; ".join(f"{what} {n} cells" for what, n in changed.items() if n)
        warnings.warn(f"{name}: {said} in report.xlsx; use format='csv' or 'parquet' for the exact text",
                      stacklevel=3)
    return df
