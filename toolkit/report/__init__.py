"""Corpus reports: the tidy tables of analysed articles, what is computed from them, and views.

>>> from toolkit.report import ReportBuilder
>>> ReportBuilder().build()
CorpusReport(0 articles, 0 failed, 0 entities, 0 keywords, 0 sentences, 0 quotes)

Modules, from the bottom up. At import time a module imports only modules of an earlier item
or of its own; ``tables`` reaches a computation or view by a lazy import inside the one
``CorpusReport`` method that uses it:

- ``outdir``: the output folder of a run: checked first, locked while written, files written
  under temporary names, a manifest for ``--resume``.
- ``formats``: cells and files: list columns, spreadsheet-safe cells (:func:`escape_cell`,
  :func:`unescape_cell`), dates read from any text, the CSV/parquet/XLSX writers of one frame.
- ``tables``: the frame schemas (:data:`TABLE_SCHEMAS`), :class:`ReportBuilder` (articles to
  rows to frames) and :class:`CorpusReport` (the tables, ``save``, ``load``, and one method
  per computation or view below).
- Computations and views over a report: ``stats`` (distinctive terms, entity tone, people,
  sources), ``timeline`` (entities and keywords per period), ``select`` (filter, sub-reports,
  one article rebuilt), ``kwic`` (concordance), ``network`` (co-occurrence, networkx, GEXF),
  ``html`` (Jupyter HTML, terminal text), ``plots`` (matplotlib), ``spacy_doc``
  (``Article.to_spacy``), ``reload`` (:func:`load_report`), ``export`` (a report streamed
  chunk by chunk into files, for ``toolkit report``).

From the rest of the package, ``report`` uses only ``results``, ``errors`` and ``resources``
(tests/test_report_layering.py checks it).
"""
from __future__ import annotations

from .formats import LIST_COLUMNS, escape_cell, split_list, unescape_cell
from .reload import load_report
from .tables import TABLE_SCHEMAS, CorpusReport, ReportBuilder

__all__ = [
    "LIST_COLUMNS",
    "TABLE_SCHEMAS",
    "CorpusReport",
    "ReportBuilder",
    "escape_cell",
    "load_report",
    "split_list",
    "unescape_cell",
]
