"""How report tables go into files and come back: the list columns, cells safe to open in a
spreadsheet (and their exact text read back), dates read from any text, text every encoding
can hold, and the CSV, parquet and XLSX writers of one frame.

The bottom of :mod:`toolkit.report`: it imports nothing from the report package but
:mod:`~toolkit.report.outdir`, so that both the tables and the views that write them can use it.
"""
from __future__ import annotations

import io
import json
import numbers
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from ..errors import bad_choice, missing_dependency
from .outdir import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "FORMULA_START",
    "LIST_COLUMNS",
    "SEP",
    "check_format",
    "encodable",
    "escape_cell",
    "join_lists",
    "parse_dates",
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


def parse_dates(values: pd.Series) -> pd.Series:
    """A ``date`` column as datetimes: each value read on its own (ISO dates and times,
    ``2025/03/01``, ``2025年3月1日``, datetime objects), so the result does not depend on which
    other values share a chunk; a time with a UTC offset keeps its local clock time (the day
    the article was dated where it was written); a value that cannot be read is missing (NaT),
    and a warning says how many.

    >>> import pandas as pd
    >>> parse_dates(pd.Series(["2025-03-01", "2025年3月2日", 20250303, None])).dt.day.tolist()
    [1.0, 2.0, 3.0, nan]
    """
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        text = values
    else:
        text = pd.Series([_date_text(v) for v in values], index=values.index, dtype=object)
    try:
        out = pd.to_datetime(text, errors="coerce", format="mixed")
    except (TypeError, ValueError):  # offsets mixed with each other or with naive values: one by one
        out = pd.Series([_wall_time(pd.to_datetime(v, errors="coerce")) for v in text], index=text.index)
    if isinstance(out.dtype, pd.DatetimeTZDtype):
        out = out.dt.tz_localize(None)
    out = out.astype("datetime64[ns]")
    lost = int((out.isna() & text.notna()).sum())
    if lost:
        warnings.warn(f"{lost} 'date' values could not be read as dates and are missing (NaT)", stacklevel=3)
    return out


_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")


def _date_text(value: Any) -> Any:
    """A date cell as pandas should read it: text trimmed, 2025年3月1日 as 2025-03-01, a whole
    number (20250301, 2025) as text (pandas would read it as nanoseconds since 1970), anything
    that is no date (a list, a blank) as None."""
    if isinstance(value, str):
        value = _CJK_DATE.sub(_cjk_date, value.strip())
        return value or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, numbers.Integral) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if isinstance(value, (float, list, tuple, dict)):  # NaN, or not a date
        return None if isinstance(value, float) and value != value else str(value)
    return value


def _wall_time(ts: Any) -> Any:
    return ts.tz_localize(None) if getattr(ts, "tzinfo", None) is not None else ts


def _cjk_date(m: re.Match[str]) -> str:
    return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(value: Any) -> Any:
    r"""``value`` with every lone UTF-16 surrogate (from a ``"\ud800"`` JSON escape or a Python
    string) replaced by U+FFFD, in strings, lists and dicts: no file encoding can hold one, so
    one in an id or metadata cell would stop a run when its rows are written.

    >>> encodable({"src": "新华\ud800社", "tags": ["a\udc00"]})
    {'src': '新华�社', 'tags': ['a�']}
    """
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, (list, tuple)):
        return [encodable(v) for v in value]
    if isinstance(value, dict):
        return {encodable(k): encodable(v) for k, v in value.items()}
    return value
