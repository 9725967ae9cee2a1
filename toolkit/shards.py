"""Sharded, resumable corpus runs (``toolkit report``): finished work survives an interruption.

Articles are analysed in input order and their report rows written every ``shard_size``
articles to ``OUT/.toolkit-shards/part-NNNNN.jsonl``. A shard is written under a temporary
name and renamed when complete, so a shard file that exists is whole. When the run ends the
shards are merged into the report files (each also written under a temporary name and renamed)
and removed. ``resume=True`` reads the finished shards, checks that the input starts with the
same articles, skips them and goes on: the final files are the same as those of an
uninterrupted run.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .corpus import Record, iter_records
from .errors import InvalidParameterError
from .report import CorpusReport, ReportBuilder, _json_default, check_format, encodable

if TYPE_CHECKING:  # pragma: no cover
    from .analyzer import Analyzer

__all__ = ["SHARD_DIR", "run_sharded"]

SHARD_DIR = ".toolkit-shards"


def _finished(shard_dir: Path) -> list[Path]:
    return sorted(shard_dir.glob("part-*.jsonl")) if shard_dir.is_dir() else []


def _write_shard(shard_dir: Path, number: int, builder: ReportBuilder) -> Path:
    shard_dir.mkdir(parents=True, exist_ok=True)
    path = shard_dir / f"part-{number:05d}.jsonl"
    tmp = shard_dir / f".part-{number:05d}.jsonl.partial"
    tmp.write_text(builder.to_jsonl(), encoding="utf-8")
    os.replace(tmp, path)
    return path


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
                format: str = "csv", encoding: str = "utf-8") -> tuple[CorpusReport, list[Path]]:
    """Analyse ``inputs`` into report files in ``out``, shard by shard; returns the report and
    the files written. See the module docstring for what survives an interruption."""
    if not isinstance(shard_size, int) or shard_size < 1:
        raise InvalidParameterError(f"shard_size={shard_size!r} must be a positive integer")
    check_format(format)  # before the analysis, not after it
    out = Path(out)
    shard_dir = out / SHARD_DIR
    done = _finished(shard_dir)
    if done and not resume:
        raise InvalidParameterError(
            f"{out} holds an unfinished run ({len(done)} finished shards in {shard_dir}); pass --resume "
            f"to continue it, or remove {shard_dir} to start again")
    prior = ReportBuilder()
    for path in done:
        prior.add_jsonl(path.read_text(encoding="utf-8"))
    if corpus_idf:
        analyzer._fit_corpus_idf(inputs, text_col=text_col, id_col=id_col)
    records = _skip_done(iter_records(inputs, text_col=text_col, id_col=id_col), prior.doc_ids())
    articles = analyzer.pipe(records, n_process=n_process, batch_size=batch_size)
    show = sys.stderr.isatty() if progress is None else progress
    if show:
        from tqdm.auto import tqdm

        articles = tqdm(articles, unit="art", desc="analysing", file=sys.stderr, initial=len(prior))
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
    merged = ReportBuilder()
    for path in _finished(shard_dir):
        merged.add_jsonl(path.read_text(encoding="utf-8"))
    report = merged.build(params=analyzer._report_params(corpus_idf))
    written = report.save(out, format=format, encoding=encoding)
    shutil.rmtree(shard_dir, ignore_errors=True)
    return report, written
