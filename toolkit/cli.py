"""Command line: ``toolkit report`` for corpora, ``toolkit analyze`` for one text.

Data goes to files or stdout, messages to stderr. Exit codes: 0 ok (some articles may
have failed: the counts are printed), 1 data or model error (a bad dictionary, gazetteer or
model directory, found before any analysis; or every article failed, or there were none),
2 usage error.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .analyzer import Analyzer
from .corpus import TABLE_SUFFIXES, TEXT_SUFFIXES
from .display import format_article
from .errors import ToolkitError
from .outdir import check_output_dir
from .shards import run_sharded

__all__ = ["main"]

SUFFIXES = TEXT_SUFFIXES | TABLE_SUFFIXES


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="toolkit", description="Chinese news analysis toolkit.")
    p.add_argument("--version", action="version", version=f"toolkit {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--no-clean", action="store_true", help="analyse the text exactly as given")
        sp.add_argument("--no-simplify", action="store_true", help="keep Traditional characters")
        sp.add_argument("--user-dict", action="append", default=[], metavar="PATH",
                        help="extra jieba user dictionary (word [freq] [tag] per line); repeatable")
        sp.add_argument("--gazetteer", action="append", default=[], metavar="PATH",
                        help="extra gazetteer (canonical<TAB>label[<TAB>alias|alias] per line); repeatable")
        sp.add_argument("--model-dir", metavar="DIR", help="model directory (default: models/)")
        sp.add_argument("--backend", choices=["rjieba", "jieba"], default="rjieba")
        sp.add_argument("--merge-synonyms", action="store_true",
                        help="one keyword for the forms of one term (AI / 人工智能)")
        sp.add_argument("--fast-ner", action="store_true",
                        help="entities from the NER model's CRF part alone: ~4x faster, ~2 F1 points lower")
        sp.add_argument("--ner-style", default="", metavar="NAME",
                        help="annotation conventions of the NER network: a training data set's "
                             "(msra, cluener) instead of the toolkit's guideline")

    r = sub.add_parser("report", help="analyse a corpus and write the report tables")
    r.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="directories of .txt files (any encoding) or .csv/.tsv/.jsonl/.parquet files")
    r.add_argument("-o", "--out", required=True, metavar="OUTDIR", help="directory for the report files")
    r.add_argument("--format", choices=["csv", "parquet", "xlsx"], default="csv")
    r.add_argument("--excel-csv", action="store_true", help="write CSV with a BOM so Excel reads UTF-8")
    r.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (default 1)")
    r.add_argument("--text-col", default="text", help="text column of tables (default: text)")
    r.add_argument("--id-col", default=None, help="id column of tables (default: id or doc_id if present)")
    r.add_argument("--corpus-idf", action="store_true",
                   help="fit keyword IDF on the input corpus first (reads it twice; --jobs 1)")
    r.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary table")
    r.add_argument("--shard-size", type=int, default=1000, metavar="N",
                   help="write finished work every N articles (default 1000); an interruption loses at most one shard")
    r.add_argument("--resume", action="store_true",
                   help="continue an interrupted run into the same OUTDIR, skipping the articles already written")
    common(r)

    a = sub.add_parser("analyze", help="analyse one text and print a readable summary")
    a.add_argument("text", help="the text, or - to read standard input")
    a.add_argument("--file", action="store_true", help="TEXT is a path to a file in any encoding")
    common(a)
    return p


def _analyzer(ns: argparse.Namespace) -> Analyzer:
    return Analyzer(clean=not ns.no_clean, simplify=not ns.no_simplify, user_dicts=ns.user_dict,
                    gazetteers=ns.gazetteer,
                    model_dir=ns.model_dir, backend=ns.backend, merge_synonyms=ns.merge_synonyms,
                    ner_model="fast" if ns.fast_ner else True, ner_style=ns.ner_style)


def _run_report(ns: argparse.Namespace) -> int:
    missing = [p for p in ns.inputs if not Path(p).exists()]
    if missing:
        print(f"toolkit: no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return 2
    if ns.jobs < 1:
        print("toolkit: --jobs must be at least 1", file=sys.stderr)
        return 2
    unsupported = [p for p in ns.inputs if Path(p).is_file() and Path(p).suffix.lower() not in SUFFIXES]
    if unsupported:
        print(f"toolkit: unsupported input format: {', '.join(unsupported)} (expected a folder or "
              f"{', '.join(sorted(s for s in SUFFIXES if s))} files)", file=sys.stderr)
        return 2
    # an output folder that cannot be written, and configuration errors (a bad --user-dict,
    # --gazetteer, --model-dir or --ner-style), stop the run here, with one message, instead of
    # after the models are loaded or failing every article
    check_output_dir(ns.out, create=False)
    an = _analyzer(ns).load()
    report, written = run_sharded(an, [Path(p) for p in ns.inputs], ns.out, text_col=ns.text_col,
                                  id_col=ns.id_col, n_process=ns.jobs, shard_size=ns.shard_size, resume=ns.resume,
                                  progress=False if ns.quiet else None, corpus_idf=ns.corpus_idf,
                                  format=ns.format, encoding="utf-8-sig" if ns.excel_csv else "utf-8")
    if not ns.quiet:
        print(report.summary())
    print(f"wrote {len(written)} files to {ns.out}: {report.n_articles} articles, {report.n_failed} failed",
          file=sys.stderr)
    for row in report.failed.itertuples(index=False):
        print(f"  failed: {row.doc_id}: {row.error}", file=sys.stderr)
    if report.n_articles == 0:
        print("toolkit: the input holds no articles", file=sys.stderr)
        return 1
    if report.n_failed == report.n_articles:
        print(f"toolkit: every article failed; the first: {report.failed['error'].iloc[0]}", file=sys.stderr)
        return 1
    return 0


def _run_analyze(ns: argparse.Namespace) -> int:
    an = _analyzer(ns)
    if ns.file:
        art = an.analyze_file(ns.text)
    else:
        text = sys.stdin.read() if ns.text == "-" else ns.text
        art = an.analyze(text)
    print(format_article(art))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    parser = _parser()
    try:
        ns = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0)
    try:
        if ns.command == "report":
            return _run_report(ns)
        return _run_analyze(ns)
    except (ToolkitError, OSError, TypeError) as exc:
        print(f"toolkit: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("toolkit: interrupted", file=sys.stderr)
        return 130


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
