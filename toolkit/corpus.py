"""Corpus input: decoding files in any encoding and reading texts from files and tables.

Every reader yields :class:`Record` objects in input order. A text that cannot
be read (undecodable file, malformed CSV row, missing text field, a value that
is not a string) becomes a record with ``error`` set instead of being dropped,
so the number of records out always equals the number of articles in.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CorpusFormatError, DecodingError, MissingDependencyError, missing_dependency
from .resources import split_lines

__all__ = ["Record", "decode_bytes", "read_text_file", "iter_records", "survey_paths", "with_date_col", "TEXT_SUFFIXES",
           "TABLE_SUFFIXES"]

#: One article per file.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
#: One article per row or line.
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"})
_ID_COLUMNS = ("id", "doc_id")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Encodings a detector may answer that we decode with their superset.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}


@dataclass(frozen=True)
class Record:
    """One article as read: its id, its text (None when unreadable), metadata and error."""

    doc_id: Any
    text: str | None
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> str:
    """Decode a file's bytes: BOM, then strict UTF-8, then charset-normalizer's detection.

    GBK/GB18030, Big5 and UTF-16 are recognised. Bytes that look binary or that no
    encoding explains raise :class:`~toolkit.errors.DecodingError` naming ``name``;
    nothing is decoded with replacement characters.

    >>> decode_bytes("记者李明报道，人工智能公司发布了新的视频生成模型。".encode("gbk"))
    '记者李明报道，人工智能公司发布了新的视频生成模型。'
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"{name}: starts with a {enc} byte-order mark but is not valid {enc} ({exc.reason})"
                ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        kind = "a binary file" if b"\x00" in data[:4096] else "text in an unknown encoding"
        raise DecodingError(f"{name}: cannot decode: looks like {kind}")
    enc = _SUPERSET.get(best.encoding, best.encoding)
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        text = str(best)
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t")
    if "\x00" in text or controls > max(3, len(text[:20000]) // 100):
        raise DecodingError(f"{name}: cannot decode: looks like a binary file (detector guessed {best.encoding})")
    return text


def read_text_file(path: str | os.PathLike[str]) -> str:
    """Read a text file in any encoding (see :func:`decode_bytes`)."""
    p = Path(path)
    return decode_bytes(p.read_bytes(), name=str(p))


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _missing(value: Any) -> bool:
    """Whether a cell is missing: None, NaN, ``pd.NA`` or ``pd.NaT`` (never ambiguous, unlike ``==``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    if isinstance(value, (str, bytes, int)):
        return False
    import pandas as pd

    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


def _describe(value: Any) -> str:
    if _missing(value):
        return "missing text (None/NaN)"
    return f"text is not a string but {type(value).__name__}"


def _from_mapping_rows(rows: Iterable[tuple[Any, Mapping[str, Any] | None, str | None]], *, text_col: str,
                       id_col: str | None, default_id: Any) -> Iterator[Record]:
    """rows: (position, row dict or None, error); builds records with ids, text and metadata."""
    for pos, row, err in rows:
        did = default_id(pos)
        if row is None:
            yield Record(did, None, {}, err)
            continue
        key = id_col or next((c for c in _ID_COLUMNS if c in row), None)
        if key is not None and key in row and not _missing(row[key]):
            did = row[key]
        meta = {k: v for k, v in row.items() if k not in (text_col, key)}
        if id_col is not None and id_col not in row:
            yield Record(did, None, meta, f"no {id_col!r} column")
        elif text_col not in row:
            yield Record(did, None, meta, f"no {text_col!r} field")
        elif not _is_text(row[text_col]):
            yield Record(did, None, meta, _describe(row[text_col]))
        else:
            yield Record(did, row[text_col], meta, err)


def _frame_records(df: Any, *, text_col: str, id_col: str | None, default_id: Any) -> Iterator[Record]:
    if text_col not in df.columns:
        raise CorpusFormatError(f"DataFrame has no {text_col!r} column (columns: {list(df.columns)}); pass text_col=")
    if id_col is not None and id_col not in df.columns:
        raise CorpusFormatError(f"DataFrame has no {id_col!r} column (columns: {list(df.columns)})")
    cols = [str(c) for c in df.columns]
    tuples = df.itertuples(index=False, name=None)
    rows = ((i, dict(zip(cols, values, strict=True)), None) for i, values in enumerate(tuples))
    yield from _from_mapping_rows(rows, text_col=text_col, id_col=id_col, default_id=default_id)


class _Lines:
    """The physical lines of a table, fed to :func:`csv.reader` from a position that can be moved
    back after a malformed row (the position is the 0-based index of the next line)."""

    def __init__(self, text: str) -> None:
        # lines as the csv module sees them: ends at \n, \r\n or \r, never at U+2028 and the like
        self.lines = io.StringIO(text, newline="").readlines()
        self.pos = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        self.pos += 1
        return self.lines[self.pos - 1]


_Row = tuple[int, list[str] | None, str | None]


def _parse_table(lines: _Lines, delimiter: str, *, quoting: bool) -> Iterator[_Row]:
    """(1-based first line, fields or None, error) per row; blank lines are skipped.

    With ``quoting`` fields may be quoted (RFC 4180, strictly: text after a closing quote is an
    error). A quoted field that never closes would swallow the rest of the file: it is
    reported as one malformed row and reading goes on from the line after the one it opened on.
    """
    def new_reader() -> Any:
        if quoting:
            return csv.reader(lines, delimiter=delimiter, strict=True)
        return csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE)

    reader = new_reader()
    while True:
        start = lines.pos
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if lines.pos >= len(lines.lines) and "end of data" in str(exc):
                yield start + 1, None, ("malformed row: a quoted field opened on this line never closes "
                                        "(the rows after it are read from the next line)")
                lines.pos = start + 1
            else:
                yield start + 1, None, f"malformed row ({exc})"
            reader = new_reader()
            continue
        if values:
            yield start + 1, values, None


def _uses_quoting(text: str, delimiter: str) -> bool:
    """Whether a TSV file quotes its fields consistently: read with quoting, every row is well
    formed and as wide as the header. Otherwise its quote characters are text."""
    rows = _parse_table(_Lines(text), delimiter, quoting=True)
    first = next(rows, None)
    if first is None or first[1] is None:
        return False
    width = len(first[1])
    return all(values is not None and len(values) == width for _, values, _ in rows)


def _csv_rows(path: Path, delimiter: str) -> Iterator[tuple[Any, Mapping[str, Any] | None, str | None]]:
    """Rows of a CSV (always with quoting) or TSV (with quoting only if the file uses it
    consistently, see :func:`_uses_quoting`); malformed rows are error rows naming their line."""
    text = read_text_file(path)
    old_limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # a 10 MB article is one field; restored below
    try:
        quoting = delimiter != "\t" or _uses_quoting(text, delimiter)
        rows = _parse_table(_Lines(text), delimiter, quoting=quoting)
        first = next(rows, None)
        if first is None:
            return
        if first[1] is None:
            raise CorpusFormatError(f"{path}:{first[0]}: cannot read the header ({first[2]})")
        header = first[1]
        for i, (line, values, err) in enumerate(rows):
            if values is None:
                yield i, None, f"{path}:{line}: {err}"
            elif len(values) != len(header):
                yield i, None, (f"{path}:{line}: malformed row: {len(values)} fields, "
                                f"the header has {len(header)}")
            else:
                yield i, dict(zip(header, values, strict=True)), None
    finally:
        csv.field_size_limit(old_limit)


def _jsonl_rows(path: Path) -> Iterator[tuple[Any, Mapping[str, Any] | None, str | None]]:
    i = 0
    for lineno, line in enumerate(split_lines(read_text_file(path)), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield i, None, f"{path}:{lineno}: invalid JSON ({exc.msg})"
        else:
            if isinstance(row, dict):
                yield i, row, None
            else:
                yield i, None, f"{path}:{lineno}: expected a JSON object, got {type(row).__name__}"
        i += 1


def _file_records(path: Path, *, root: Path | None, text_col: str, id_col: str | None) -> Iterator[Record]:
    rel = path.relative_to(root).as_posix() if root is not None else path.name
    suffix = path.suffix.lower()
    meta = {"path": str(path)}
    if suffix in TEXT_SUFFIXES:
        try:
            yield Record(rel, read_text_file(path), meta)
        except Exception as exc:  # noqa: BLE001 - an unreadable file fails that article only
            yield Record(rel, None, meta, f"{type(exc).__name__}: {exc}")
        return

    def default_id(i: int) -> str:
        return f"{rel}:{i}"

    try:
        if suffix in (".csv", ".tsv"):
            rows = _csv_rows(path, "\t" if suffix == ".tsv" else ",")
            yield from _from_mapping_rows(rows, text_col=text_col, id_col=id_col, default_id=default_id)
        elif suffix in (".jsonl", ".ndjson"):
            yield from _from_mapping_rows(_jsonl_rows(path), text_col=text_col, id_col=id_col, default_id=default_id)
        elif suffix == ".parquet":
            try:
                import pandas as pd

                df = pd.read_parquet(path)
            except ImportError:
                raise missing_dependency("pyarrow", "parquet") from None
            yield from _frame_records(df, text_col=text_col, id_col=id_col, default_id=default_id)
        else:
            yield Record(rel, None, meta, f"unsupported file type {suffix!r} (expected one of "
                         f"{sorted(TEXT_SUFFIXES | TABLE_SUFFIXES - {''})})")
    except MissingDependencyError:
        raise  # not this file's fault: every parquet file would fail the same way
    except Exception as exc:  # noqa: BLE001 - any reader's error (pyarrow's too) fails this file only
        # the (rest of the) file is unreadable: one failed record stands for it
        yield Record(rel, None, meta, f"{type(exc).__name__}: {exc}")


def _not_regular(path: Path) -> str | None:
    """Why ``path`` cannot be read as a corpus file (None for a regular file or a link to one)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "broken symbolic link (its target does not exist)" if path.is_symlink() else "no such file"
    except OSError as exc:
        return f"cannot read: {type(exc).__name__}: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "symbolic link to a folder: not followed (list its target as an input to read it)"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, socket or device): not read"
    return None


def _walk(root: Path, skip: frozenset[Path] = frozenset()) -> list[tuple[Path, str | None]]:
    """Every entry of a corpus folder, sorted: (path, None) for a file to read, (path, why) for
    one that cannot be (a folder that cannot be listed, a broken link, a FIFO, a link to a
    folder). Names starting with ``.`` are skipped, at any depth, and so are the folders in
    ``skip`` (resolved paths: the output folder of a report run)."""
    found: list[tuple[Path, str | None]] = []

    def unlisted(exc: OSError) -> None:
        found.append((Path(exc.filename or root), f"cannot list folder: {type(exc).__name__}: "
                                                  f"{exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not (skip and (here / d).resolve() in skip))
        for d in list(dirnames):
            if (here / d).is_symlink():
                dirnames.remove(d)
                found.append((here / d, _not_regular(here / d)))
        for name in filenames:
            if not name.startswith("."):
                found.append((here / name, _not_regular(here / name)))
    return sorted(found, key=lambda item: item[0])


def _path_records(path: Path, *, text_col: str, id_col: str | None,
                  skip: frozenset[Path] = frozenset()) -> Iterator[Record]:
    if path.is_dir():
        for f, why in _walk(path, skip):
            if why is None:
                yield from _file_records(f, root=path, text_col=text_col, id_col=id_col)
            else:
                yield Record(f.relative_to(path).as_posix(), None, {"path": str(f)}, f"{f}: {why}")
    elif path.exists() or path.is_symlink():
        why = _not_regular(path)
        if why is None:
            yield from _file_records(path, root=None, text_col=text_col, id_col=id_col)
        else:
            yield Record(path.name, None, {"path": str(path)}, f"{path}: {why}")
    else:
        raise FileNotFoundError(f"no such file or directory: {path}")


def _names_a_file(item: str) -> bool:
    """Whether a string in a corpus list is the path of an existing corpus file (``news/a.txt``
    from ``glob.glob``) rather than an article: one short line ending in a corpus file suffix."""
    if len(item) > 1024 or "\n" in item:
        return False
    suffix = os.path.splitext(item)[1].lower()
    return bool(suffix) and suffix in TEXT_SUFFIXES | TABLE_SUFFIXES and os.path.isfile(item)


def iter_records(source: Any, *, text_col: str = "text", id_col: str | None = None,
                 skip: Iterable[str | os.PathLike[str]] = ()) -> Iterator[Record]:
    """Yield the articles of ``source`` as :class:`Record` objects, in input order.

    ``source`` may be: an iterable of texts (ids are 0-based positions), an iterable of
    ``(doc_id, text)`` pairs, a pandas DataFrame with a ``text_col`` column (and optionally
    ``id_col``; other columns become metadata), a :class:`~pathlib.Path` or an iterable of
    paths (a directory of ``.txt`` files in any encoding, or ``.csv``/``.tsv``/``.jsonl``/
    ``.parquet`` tables), or a string naming an existing file or directory; in an iterable, a
    string naming an existing corpus file (``glob.glob("news/*.txt")``) is read. Without
    ``id_col``, a column named ``id`` or ``doc_id`` is used when present. Folders listed in
    ``skip`` (a report's output folder inside a corpus folder) are not read.

    >>> [r.doc_id for r in iter_records(["第一篇", ("b", "第二篇"), None])]
    [0, 'b', 2]
    """
    skipped = frozenset(Path(p).resolve() for p in skip)
    if isinstance(source, (str, bytes)):
        if isinstance(source, str) and "\n" not in source and len(source) < 4096 and Path(source).exists():
            yield from _path_records(Path(source), text_col=text_col, id_col=id_col, skip=skipped)
            return
        raise TypeError(
            "a corpus must be an iterable of texts, a DataFrame or paths; got a single string that is "
            "not an existing path. To analyse one text use Analyzer.analyze(text), or wrap it: [text]"
        )
    if isinstance(source, os.PathLike):
        yield from _path_records(Path(source), text_col=text_col, id_col=id_col, skip=skipped)
        return
    if hasattr(source, "itertuples") and hasattr(source, "columns"):
        yield from _frame_records(source, text_col=text_col, id_col=id_col, default_id=lambda i: i)
        return
    for i, item in enumerate(source):
        if isinstance(item, os.PathLike):
            yield from _path_records(Path(item), text_col=text_col, id_col=id_col, skip=skipped)
        elif isinstance(item, Record):
            yield item
        elif isinstance(item, tuple) and len(item) == 2:
            did, text = item
            yield Record(did, text, {}) if _is_text(text) else Record(did, None, {}, _describe(text))
        elif isinstance(item, Mapping):
            yield from _from_mapping_rows([(i, item, None)], text_col=text_col, id_col=id_col, default_id=lambda j: j)
        elif isinstance(item, str) and _names_a_file(item):  # glob.glob(...) gives paths as strings
            yield from _path_records(Path(item), text_col=text_col, id_col=id_col, skip=skipped)
        elif _is_text(item):
            yield Record(i, item, {})
        else:
            yield Record(i, None, {}, _describe(item))


def _table_size(path: Path) -> tuple[int, set[str]]:
    """Rows of a table file and the columns (or JSON fields) any of them has."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise missing_dependency("pyarrow", "parquet") from None
        meta = pq.ParquetFile(path)
        return int(meta.metadata.num_rows), {str(c) for c in meta.schema_arrow.names}
    rows = _csv_rows(path, "\t" if suffix == ".tsv" else ",") if suffix in (".csv", ".tsv") else _jsonl_rows(path)
    n, seen = 0, set[str]()
    for _, row, _ in rows:
        n += 1
        if row is not None:
            seen.update(map(str, row))
    return n, seen


def survey_paths(paths: Iterable[str | os.PathLike[str]], *, text_col: str = "text", date_col: str | None = None,
                 skip: Iterable[str | os.PathLike[str]] = ()) -> int:
    """The number of articles :func:`iter_records` will give for these paths (files in folders,
    rows in tables), read before the analysis for a progress bar with a total. Raises
    :class:`~toolkit.errors.CorpusFormatError` at once when no row of a table has a
    ``text_col`` column (instead of failing each of its rows), or when ``date_col`` is given
    and no table has it. A file that cannot be read counts as one (failed) article, as the
    reader makes it.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("一。"), (d / "t.csv").write_text("id,text\\n1,二。\\n2,三。\\n")
    >>> survey_paths([d])
    3
    """
    skipped = frozenset(Path(p).resolve() for p in skip)
    files: list[Path] = []
    for item in paths:
        p = Path(item)
        files += [f for f, _ in _walk(p, skipped)] if p.is_dir() else [p]
    total, dated = 0, False
    for f in files:
        if f.suffix.lower() not in TABLE_SUFFIXES or _not_regular(f) is not None:
            total += 1
            continue
        try:
            n, columns = _table_size(f)
        except MissingDependencyError:
            raise
        except Exception:  # noqa: BLE001 - the reader makes an unreadable file one failed record
            total += 1
            continue
        if columns and text_col not in columns:
            raise CorpusFormatError(f"{f}: no {text_col!r} column (columns: {', '.join(sorted(columns))}); "
                                    "name the text column with --text-col")
        dated = dated or date_col in columns
        total += n
    if date_col is not None and not dated:
        raise CorpusFormatError(f"no input table has a {date_col!r} column (--date-col)")
    return total


def with_date_col(records: Iterable[Record], date_col: str | None) -> Iterator[Record]:
    """``records`` with the metadata column ``date_col`` copied to ``date`` (None where a row
    lacks it), so that the report's ``date`` column holds those dates.

    >>> [r.meta["date"] for r in with_date_col([Record(1, "一。", {"published": "2025-01-02"})], "published")]
    ['2025-01-02']
    """
    for rec in records:
        if date_col is None or date_col == "date":
            yield rec
        else:
            yield Record(rec.doc_id, rec.text, {**rec.meta, "date": rec.meta.get(date_col)}, rec.error)
