"""Sharded, resumable corpus runs (``toolkit report``): finished work survives an interruption.

Articles are analysed in input order and their report rows written every ``shard_size``
articles to ``OUT/.toolkit-shards/part-NNNNN.jsonl``. A shard is written under a temporary
name (created with ``mkstemp``) and renamed when complete, so a shard file that exists is whole.
When the run ends the shards are merged into the report files one shard at a time (CSV and
parquet are streamed; XLSX is built in memory), each file written under a temporary name and
renamed, and the shards are removed.

The output folder is checked (a writable folder) and locked (``OUT/.toolkit.lock``) before
any work: a second run into the same folder stops at once. A run records a manifest
(``.toolkit-shards/manifest.json``: toolkit version, analyzer parameters, options, and
fingerprints of the model files, dictionaries and inputs); ``resume=True`` refuses to continue
when it differs, names what differs, then checks that the input starts with the same articles,
skips them and goes on: the final files are the same as those of an uninterrupted run. An output
folder inside an input folder is not read as input. The merge first removes the report files
of an earlier run (any format), so no stale table stays next to the new ones.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..corpus import Record, iter_records, with_date_col
from ..errors import InvalidParameterError, OutputError
from ..report.export import SUMMARY_ROWS, StreamedReport, _json_default, check_format, save_streaming
from ..report.outdir import (
    atomic_write,
    check_output_dir,
    clear_report_files,
    fingerprint,
    locked_output,
    manifest_differences,
)
from ..report.tables import ReportBuilder, encodable
from ..resources import default_model_dir

if TYPE_CHECKING:  # pragma: no cover
    from .analyzer import Analyzer

__all__ = ["MANIFEST", "SHARD_DIR", "run_sharded"]

SHARD_DIR = ".toolkit-shards"
MANIFEST = "manifest.json"


def _finished(shard_dir: Path) -> list[Path]:
    return sorted(shard_dir.glob("part-*.jsonl")) if shard_dir.is_dir() else []


def _shard_dir(out: Path) -> Path:
    shard_dir = out / SHARD_DIR
    if shard_dir.is_symlink() or (shard_dir.exists() and not shard_dir.is_dir()):
        raise OutputError(f"{shard_dir} is not a folder (a symbolic link or a file): remove it")
    return shard_dir


def _write_shard(shard_dir: Path, number: int, builder: ReportBuilder) -> Path:
    shard_dir.mkdir(parents=True, exist_ok=True)
    path = shard_dir / f"part-{number:05d}.jsonl"
    with atomic_write(path) as fh:
        fh.write(builder.to_jsonl().encode("utf-8"))
    return path


def _input_paths(inputs: Any) -> list[Path] | None:
    """The paths among ``inputs`` (None when ``inputs`` is not paths: texts, a DataFrame)."""
    items = [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, (str, os.PathLike)) for i in items):
        return None
    paths = [Path(i) for i in items]
    return paths if all(p.exists() or p.is_symlink() for p in paths) else None


def _manifest(analyzer: Analyzer, inputs: Any, out: Path, options: dict[str, Any]) -> dict[str, Any]:
    """What must be the same for ``--resume`` to continue a run without mixing two analyses."""
    params = analyzer.get_params()
    resources = [fingerprint(params["model_dir"] or default_model_dir())]
    resources += [fingerprint(p) for p in [*params["user_dicts"], *params["gazetteers"]]]
    paths = _input_paths(inputs)
    return {"toolkit_version": __version__, "analyzer": params, "options": options,
            "models_and_dictionaries": resources,
            "inputs": None if paths is None else [fingerprint(p, skip=out.resolve()) for p in paths]}


def _check_manifest(shard_dir: Path, manifest: dict[str, Any], n_done: int) -> None:
    path = shard_dir / MANIFEST
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if n_done:
            raise OutputError(f"cannot resume: {shard_dir} has no {MANIFEST} (written by an older toolkit?), so "
                              "nothing says the finished shards come from the same analysis; remove "
                              f"{shard_dir} and run again") from None
        return
    except (OSError, ValueError) as exc:
        raise OutputError(f"cannot resume: cannot read {path}: {exc}") from None
    diffs = manifest_differences(old, json.loads(json.dumps(manifest, default=str)))
    if diffs:
        what = {"inputs": "the input changed", "options": "the options changed", "analyzer": "the options changed",
                "models_and_dictionaries": "the models or dictionaries changed",
                "toolkit_version": "the toolkit version changed"}
        causes = dict.fromkeys(what.get(d.split(":")[0].split(".")[0].split("[")[0], "the run changed")
                               for d in diffs)
        raise InvalidParameterError(
            f"cannot resume: {' and '.join(causes)} since the interrupted run, and continuing would mix two "
            "analyses in one report. What differs:\n  " + "\n  ".join(diffs)
            + f"\nRun again with the interrupted run's options, or remove {shard_dir} to start again")


def _write_manifest(shard_dir: Path, manifest: dict[str, Any]) -> None:
    shard_dir.mkdir(parents=True, exist_ok=True)
    with atomic_write(shard_dir / MANIFEST) as fh:
        fh.write(json.dumps(manifest, ensure_ascii=False, indent=1, default=str).encode("utf-8"))


def _shard_meta_cols(paths: list[Path]) -> list[str]:
    """The metadata columns of the whole report: the union of the shards' headers, in order."""
    cols: dict[str, None] = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as fh:
            for col in json.loads(fh.readline())["meta_cols"]:
                cols.setdefault(col)
    return list(cols)


def _chunks(paths: list[Path]) -> Iterator[ReportBuilder]:
    for path in paths:
        chunk = ReportBuilder()
        chunk.add_jsonl(path.read_text(encoding="utf-8"))
        yield chunk


def _as_json(value: Any) -> Any:
    """A doc_id as its shard holds it (see :meth:`ReportBuilder.to_jsonl`)."""
    return json.loads(json.dumps(encodable(value), default=_json_default))


def _skip_done(records: Iterator[Record], done_ids: list[Any]) -> Iterator[Record]:
    for i, expected in enumerate(done_ids):
        rec = next(records, None)
        if rec is None or _as_json(rec.doc_id) != expected:
            got = "the end of the input" if rec is None else f"doc_id {rec.doc_id!r}"
            raise InvalidParameterError(
                f"cannot resume: article {i + 1} of the finished shards is doc_id {expected!r} but the input "
                f"now has {got}; the input changed since the interrupted run (run without --resume into "
                "a new output directory)")
    return records


def run_sharded(analyzer: Analyzer, inputs: Any, out: str | os.PathLike[str], *, text_col: str = "text",
                id_col: str | None = None, n_process: int = 1, batch_size: int = 64, shard_size: int = 1000,
                resume: bool = False, progress: bool | None = None, corpus_idf: bool = False,
                format: str = "csv", encoding: str = "utf-8", date_col: str | None = None,
                total: int | None = None) -> tuple[StreamedReport, list[Path]]:
    """Analyse ``inputs`` into report files in ``out``, shard by shard; returns what the run
    knows about its report (counts, first rows, failures) and the files written. See the
    module docstring for what survives an interruption and what is refused. ``date_col``: the
    input column holding the articles' dates (see :func:`toolkit.corpus.with_date_col`);
    ``total``: the number of articles, when known, for the progress bar's ETA."""
    if not isinstance(shard_size, int) or shard_size < 1:
        raise InvalidParameterError(f"shard_size={shard_size!r} must be a positive integer")
    check_format(format)  # before the analysis, not after it
    out = check_output_dir(out)
    for p in _input_paths(inputs) or []:
        if p.is_dir() and p.resolve() == out.resolve():
            raise InvalidParameterError(f"the output folder {out} is also an input folder; write the report "
                                        "into another folder (one inside the input folder is fine: it is not read)")
    with locked_output(out):
        return _run_locked(analyzer, inputs, out, text_col=text_col, id_col=id_col, n_process=n_process,
                           batch_size=batch_size, shard_size=shard_size, resume=resume, progress=progress,
                           corpus_idf=corpus_idf, format=format, encoding=encoding, date_col=date_col,
                           total=total)


def _run_locked(analyzer: Analyzer, inputs: Any, out: Path, *, text_col: str, id_col: str | None, n_process: int,
                batch_size: int, shard_size: int, resume: bool, progress: bool | None, corpus_idf: bool,
                format: str, encoding: str, date_col: str | None, total: int | None
                ) -> tuple[StreamedReport, list[Path]]:
    shard_dir = _shard_dir(out)
    done = _finished(shard_dir)
    if done and not resume:
        raise InvalidParameterError(
            f"{out} holds an unfinished run ({len(done)} finished shards in {shard_dir}); pass --resume "
            f"to continue it, or remove {shard_dir} to start again")
    options: dict[str, Any] = {"text_col": text_col, "id_col": id_col, "corpus_idf": corpus_idf}
    if date_col is not None:  # (absent otherwise: a run from before the option resumes)
        options["date_col"] = date_col
    manifest = _manifest(analyzer, inputs, out, options)
    if resume:
        _check_manifest(shard_dir, manifest, len(done))
    if not done:
        _write_manifest(shard_dir, manifest)
    done_ids: list[Any] = []
    for path in done:
        prior = ReportBuilder()
        prior.add_jsonl(path.read_text(encoding="utf-8"))
        done_ids += prior.doc_ids()
    skip = [out]
    if corpus_idf:
        analyzer._fit_corpus_idf(inputs, text_col=text_col, id_col=id_col, skip=skip)
    records = _skip_done(with_date_col(iter_records(inputs, text_col=text_col, id_col=id_col, skip=skip), date_col),
                         done_ids)
    articles = analyzer.pipe(records, n_process=n_process, batch_size=batch_size)
    show = sys.stderr.isatty() if progress is None else progress
    if show:
        from tqdm.auto import tqdm

        articles = tqdm(articles, unit="art", desc="analysing", file=sys.stderr, initial=len(done_ids), total=total)
    number = len(done)
    builder = ReportBuilder()
    for art in articles:
        builder.add(art)
        if len(builder) >= shard_size:
            _write_shard(shard_dir, number, builder)
            number += 1
            builder = ReportBuilder()
    if len(builder):
        _write_shard(shard_dir, number, builder)
    shards = _finished(shard_dir)
    params = analyzer._report_params(corpus_idf)
    clear_report_files(out)  # no table of an earlier run (another format) stays next to the new ones
    if format == "xlsx":  # a workbook is one zip: built in memory (use csv or parquet for large corpora)
        merged = ReportBuilder()
        for path in shards:
            merged.add_jsonl(path.read_text(encoding="utf-8"))
        report = merged.build(params=params)
        written = report.save(out, format=format, encoding=encoding)
        result = StreamedReport(n_articles=report.n_articles, n_failed=report.n_failed,
                                tables={k: len(v) for k, v in report.tables().items()},
                                head=report.articles.head(SUMMARY_ROWS), failed=report.failed)
    else:
        result, written = save_streaming(lambda: _chunks(shards), out, meta_cols=_shard_meta_cols(shards),
                                         params=params, format=format, encoding=encoding)
    shutil.rmtree(shard_dir, ignore_errors=True)
    return result, written
