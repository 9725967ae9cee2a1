"""Command line: ``toolkit report`` for corpora, ``toolkit analyze`` for one text or file.

Data goes to files or stdout, messages to stderr. Exit codes: 0 ok (some articles may
have failed: the counts are printed), 1 data or model error (a bad dictionary, gazetteer or
model directory, or a table without the text column, found before any analysis; or every
article failed, or there were none), 2 usage error (including an input format that is not
supported), 141 when stdout is closed early (``toolkit analyze x.txt | head``: quietly).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .corpus import TABLE_SUFFIXES, TEXT_SUFFIXES, survey_paths
from .errors import ToolkitError
from .pipeline.analyzer import COMPONENTS, Analyzer
from .pipeline.shards import run_sharded
from .report.html import format_article
from .report.outdir import check_output_dir

__all__ = ["main"]

SUFFIXES = TEXT_SUFFIXES | TABLE_SUFFIXES


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="toolkit", description="Chinese news analysis toolkit.")
    p.add_argument("--version", action="version", version=f"toolkit {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--no-clean", action="store_true", help="analyse the text exactly as given")
        sp.add_argument("--no-simplify", action="store_true", help="keep Traditional characters")
        sp.add_argument("--keep-regional-wording", action="store_true",
                        help="convert Taiwan/Hong Kong text character by character only (人工智慧 stays; "
                             "default: mainland wording, 人工智慧 -> 人工智能)")
        sp.add_argument("--user-dict", action="append", default=[], metavar="PATH",
                        help="extra jieba user dictionary (word [freq] [tag] per line); repeatable")
        sp.add_argument("--gazetteer", action="append", default=[], metavar="PATH",
                        help="extra gazetteer (canonical<TAB>label[<TAB>alias|alias] per line); repeatable")
        sp.add_argument("--model-dir", metavar="DIR", help="model directory (default: models/)")
        sp.add_argument("--backend", choices=["rjieba", "jieba"], default="rjieba")
        sp.add_argument("--merge-synonyms", action="store_true",
                        help="one keyword for the forms of one term (AI / 人工智能)")
        ner = sp.add_mutually_exclusive_group()
        ner.add_argument("--fast-ner", action="store_true",
                         help="entities from the NER model's CRF part alone: faster, a little less accurate "
                              "(docs/BENCHMARKS.md)")
        ner.add_argument("--accurate-ner", action="store_true",
                         help="entities from the network that also reads Baidu LAC's pretrained tag scores: more "
                              "accurate on unseen news, slower (needs pip install toolkit[accurate])")
        sp.add_argument("--components", type=_components, default=COMPONENTS, metavar="LIST",
                        help=f"comma-separated layers to run beyond cleaning and words (default: all: "
                             f"{','.join(COMPONENTS)}); e.g. entities,keywords")
        sp.add_argument("--top-k", type=_positive, default=10, metavar="N", help="keywords per article (default 10)")
        sp.add_argument("--quiet", "-q", action="store_true",
                        help="no 'loading models' line, progress bar or summary table")
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
    r.add_argument("--date-col", default=None, metavar="NAME",
                   help="column of tables holding the articles' dates, read into the date column (default: date)")
    r.add_argument("--corpus-idf", action="store_true",
                   help="fit keyword IDF on the input corpus first (reads it twice; --jobs 1)")
    r.add_argument("--shard-size", type=int, default=1000, metavar="N",
                   help="write finished work every N articles (default 1000); an interruption loses at most one shard")
    r.add_argument("--resume", action="store_true",
                   help="continue an interrupted run into the same OUTDIR, skipping the articles already written")
    common(r)

    a = sub.add_parser("analyze", help="analyse one text or file and print a readable summary")
    a.add_argument("source", nargs="?", metavar="FILE",
                   help="a text file in any encoding, or - to read standard input (a text that names no "
                        "file is analysed as it is)")
    a.add_argument("-t", "--text", help="analyse this text (even if a file has that name)")
    a.add_argument("--file", action="store_true", help="FILE must be a file (an error if it does not exist)")
    common(a)
    return p


def _components(value: str) -> tuple[str, ...]:
    names = tuple(v.strip() for v in value.split(",") if v.strip())
    bad = [n for n in names if n not in COMPONENTS]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown component {', '.join(bad)} (choose from {', '.join(COMPONENTS)})")
    return names


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return n


def _say(ns: argparse.Namespace, message: str) -> None:
    if not ns.quiet:
        print(f"toolkit: {message}", file=sys.stderr, flush=True)


def _analyzer(ns: argparse.Namespace) -> Analyzer:
    return Analyzer(clean=not ns.no_clean, simplify=not ns.no_simplify,
                    regional_wording="keep" if ns.keep_regional_wording else "convert", user_dicts=ns.user_dict,
                    gazetteers=ns.gazetteer,
                    model_dir=ns.model_dir, backend=ns.backend, merge_synonyms=ns.merge_synonyms,
                    ner_model="fast" if ns.fast_ner else "accurate" if ns.accurate_ner else True,
                    ner_style=ns.ner_style,
                    components=ns.components, top_k=ns.top_k)


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
    # a table without the text (or --date-col) column stops here, before the models load
    total = survey_paths(ns.inputs, text_col=ns.text_col, date_col=ns.date_col, skip=[ns.out])
    _say(ns, f"loading models… ({total} articles to analyse)")
    an = _analyzer(ns).load()
    report, written = run_sharded(an, [Path(p) for p in ns.inputs], ns.out, text_col=ns.text_col,
                                  id_col=ns.id_col, n_process=ns.jobs, shard_size=ns.shard_size, resume=ns.resume,
                                  progress=False if ns.quiet else None, corpus_idf=ns.corpus_idf,
                                  format=ns.format, encoding="utf-8-sig" if ns.excel_csv else "utf-8",
                                  date_col=ns.date_col, total=total)
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


def _looks_like_a_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and (
        os.sep in value or Path(value).suffix.lower() in SUFFIXES - {""})


def _run_analyze(ns: argparse.Namespace) -> int:
    if (ns.text is None) == (ns.source is None):
        print("toolkit: give a FILE (or - for standard input) or a text with -t", file=sys.stderr)
        return 2
    an = _analyzer(ns)
    source = ns.source
    if ns.text is not None:
        text = ns.text
    elif source == "-":
        text = sys.stdin.read()
    elif ns.file or Path(source).is_file():
        if not Path(source).is_file():
            print(f"toolkit: no such file: {source}", file=sys.stderr)
            return 2
        _say(ns, "loading models…")
        print(format_article(an.analyze_file(source)))
        return 0
    elif _looks_like_a_path(source):
        print(f"toolkit: no such file: {source} (to analyse these characters as a text, use -t)", file=sys.stderr)
        return 2
    else:
        text = source
    _say(ns, "loading models…")
    print(format_article(an.analyze(text)))
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
    except BrokenPipeError:  # the reader of stdout went away (| head): stop quietly
        return _closed_pipe()
    except (ToolkitError, OSError, TypeError) as exc:
        print(f"toolkit: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("toolkit: interrupted", file=sys.stderr)
        return 130


#: The exit code of a command whose output pipe was closed (128 + SIGPIPE, as a shell reports it).
CLOSED_PIPE = 141


def _closed_pipe() -> int:
    """Point stdout at /dev/null so that the interpreter's final flush of what is left in its
    buffer cannot fail again (and print a traceback); the exit code says what happened."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a real file (a test's capture)
        pass
    return CLOSED_PIPE


def main_entry() -> None:
    """Console-script entry point (and ``python -m toolkit``)."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_pipe()
    sys.exit(code)
