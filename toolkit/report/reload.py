"""Reading a saved report back: :func:`load_report` (also ``CorpusReport.load``).

Whatever wrote the report — :meth:`CorpusReport.save <toolkit.report.tables.CorpusReport.save>` or
``toolkit report`` — in CSV, parquet or XLSX, or the finished shards of an interrupted
``toolkit report`` run (``OUT/.toolkit-shards/``), the tables come back with the columns and
dtypes a fresh analysis gives, so every report method works after a command-line run:

>>> report = load_report("out")                       # doctest: +SKIP
>>> report.people(), report.plot("entities")          # doctest: +SKIP

What a file format cannot keep does not come back: in CSV and XLSX every metadata column is
text (except ``date``, read as datetimes), an empty metadata cell is None, and ``doc_id`` is
text in every format (as it is written). List columns (:data:`~toolkit.report.tables.LIST_COLUMNS`)
are split on their separator. XLSX cells cut or cleaned on writing stay cut.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InvalidInputError, InvalidParameterError, missing_dependency
from .outdir import REPORT_TABLES
from .tables import LIST_COLUMNS, TABLE_SCHEMAS, CorpusReport, ReportBuilder, parse_dates, split_list, unescape_cell

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["load_report", "report_format"]

_SHARD_DIR = ".toolkit-shards"  # as in toolkit.pipeline.shards (not imported: shards imports the analyzer)
#: Columns a fresh report never leaves missing: an empty CSV cell there is the empty text.
_NEVER_MISSING = {"doc_id", "text"}


def report_format(folder: Path) -> list[str]:
    """The report formats whose files are in ``folder`` (``csv``, ``parquet``, ``xlsx``)."""
    found = [fmt for fmt in ("csv", "parquet") if (folder / f"articles.{fmt}").is_file()]
    if (folder / "report.xlsx").is_file():
        found.append("xlsx")
    return found


def load_report(path: str | os.PathLike[str], *, format: str | None = None) -> CorpusReport:
    """The report saved in ``path``: a report folder (or one of its files, or ``report.xlsx``);
    a folder holding only the finished shards of an interrupted run gives those articles.

    ``format`` chooses when a folder holds reports in several formats. Raises
    :class:`~toolkit.errors.InvalidInputError` when there is no report to read.

    >>> import toolkit, tempfile
    >>> rep = toolkit.Analyzer(components=("keywords",)).analyze_corpus(["人工智能大模型发布。"])
    >>> out = tempfile.mkdtemp()
    >>> _ = rep.save(out)
    >>> back = load_report(out)
    >>> back.keywords["term"].tolist() == rep.keywords["term"].tolist(), back.params == rep.params
    (True, True)
    """
    p = Path(path)
    if not p.exists():
        raise InvalidInputError(f"no report at {p}: no such file or folder")
    folder = p
    if p.is_file():
        folder = p.parent
        if format is None and p.suffix.lower() in (".csv", ".parquet", ".xlsx"):
            format = p.suffix.lower()[1:]
    found = report_format(folder)
    if format is not None:
        if format not in ("csv", "parquet", "xlsx"):
            raise InvalidParameterError(f"format={format!r}: expected csv, parquet or xlsx")
        if format not in found:
            raise InvalidInputError(f"no {format} report in {folder} (found: {', '.join(found) or 'none'})")
    elif len(found) > 1:
        raise InvalidParameterError(f"{folder} holds reports in several formats ({', '.join(found)}); "
                                    "pass format= to choose one")
    elif found:
        format = found[0]
    else:
        shards = sorted((folder / _SHARD_DIR).glob("part-*.jsonl"))
        if not shards:
            raise InvalidInputError(f"no report in {folder}: no articles.csv, articles.parquet, report.xlsx "
                                    f"or finished shards in {_SHARD_DIR}/")
        builder = ReportBuilder()
        for shard in shards:
            builder.add_jsonl(shard.read_text(encoding="utf-8"))
        return builder.build(params=_params(folder))
    raw = _read_tables(folder, format)
    tables = {name: _restore(raw[name], TABLE_SCHEMAS[name], text=format != "parquet") for name in REPORT_TABLES}
    return CorpusReport(**tables, params=_params(folder))


def _params(folder: Path) -> dict[str, Any]:
    try:
        meta = json.loads((folder / "params.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    params = meta.get("params", {}) if isinstance(meta, dict) else {}
    return params if isinstance(params, dict) else {}


def _read_tables(folder: Path, format: str) -> dict[str, pd.DataFrame]:
    import pandas as pd

    if format == "xlsx":
        try:
            sheets = pd.read_excel(folder / "report.xlsx", sheet_name=None, dtype=str, keep_default_na=False)
        except ImportError:
            raise missing_dependency("openpyxl", "xlsx") from None
        missing = [t for t in REPORT_TABLES if t not in sheets]
        if missing:
            raise InvalidInputError(f"{folder / 'report.xlsx'} has no sheet {', '.join(missing)}: not a report")
        return {name: _unescape(sheets[name]) for name in REPORT_TABLES}
    out = {}
    for name in REPORT_TABLES:
        path = folder / f"{name}.{format}"
        if not path.is_file():
            raise InvalidInputError(f"incomplete report in {folder}: {path.name} is missing")
        if format == "csv":
            out[name] = _unescape(pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig"))
        else:
            try:
                out[name] = pd.read_parquet(path)
            except ImportError:
                raise missing_dependency("pyarrow", "parquet") from None
    return out


def _unescape(df: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame({str(unescape_cell(c)): [unescape_cell(v) for v in df[c]] for c in df.columns},
                      columns=[str(unescape_cell(c)) for c in df.columns], dtype=object)
    return df


def _restore(df: pd.DataFrame, schema: dict[str, str], *, text: bool) -> pd.DataFrame:
    """A table read from a file with a fresh report's dtypes; ``text``: every cell was read as
    text (CSV, XLSX), an empty one meaning missing."""
    import pandas as pd

    missing = [c for c in schema if c not in df.columns]
    if missing:
        raise InvalidInputError(f"not a report table: no column {', '.join(missing)}")
    out = pd.DataFrame(index=pd.RangeIndex(len(df)))
    for col in df.columns:
        values = df[col]
        dtype = schema.get(col, "object")
        if col in LIST_COLUMNS:
            cells = [split_list(v, LIST_COLUMNS[col]) if text else _as_list(v) for v in values]
            out[col] = pd.Series(cells, index=out.index, dtype=object)
            continue
        if col == "date" and col not in schema:
            out[col] = parse_dates(values.where(values != "", None) if text else values)
            continue
        if text and dtype != "object":
            values = values.where(values != "", None)
            out[col] = pd.to_numeric(values).astype(dtype)  # type: ignore[call-overload]
            continue
        if dtype != "object":
            out[col] = values.astype(dtype)  # type: ignore[call-overload]
            continue
        if col not in schema:  # metadata: pandas' inference, as when the report was built
            out[col] = pd.Series([None if v == "" else v for v in values] if text else list(values), index=out.index)
            continue
        if text:
            cells = [v if v != "" or col in _NEVER_MISSING else None for v in values]
        else:
            cells = [None if _missing(v) else v for v in values]
        out[col] = pd.Series(cells, index=out.index, dtype=object)
    return out


def _as_list(value: Any) -> list[Any] | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return list(value)


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.api.types.is_scalar(value) and pd.isna(value))
