"""Articles to tidy pandas DataFrames with fixed columns, and saving them.

Every frame is keyed by ``doc_id`` and keeps input order. An empty corpus gives
empty frames with the same columns and dtypes. What is computed from the frames
(:mod:`~toolkit.report.stats`, :mod:`~toolkit.report.timeline` …) and every view of them
(:mod:`~toolkit.report.html`, :mod:`~toolkit.report.plots` …) import this module, never
the reverse: a :class:`CorpusReport` method imports its module when called.
"""
from __future__ import annotations

import json
import os
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import bad_choice
from ..resources import split_lines
from ..results import ENTITY_LABELS, Article, Sentiment
from .formats import (
    LIST_COLUMNS,
    SEP,
    _json_default,
    _parquet_safe,
    _text,
    _write_csv,
    _xlsx_safe,
    check_format,
    encodable,
    escape_cell,
    join_lists,
    parse_dates,
    split_list,
    unescape_cell,
    write_params,
)
from .outdir import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "ARTICLE_COLUMNS",
    "ENTITY_COLUMNS",
    "KEYWORD_COLUMNS",
    "SENTENCE_COLUMNS",
    "QUOTE_COLUMNS",
    "ENTITY_TONE_COLUMNS",
    "ROLE_COLUMNS",
    "LIST_COLUMNS",
    "TABLE_SCHEMAS",
    "CorpusReport",
    "ReportBuilder",
    "articles_frame",
    "encodable",
    "join_lists",
    "parse_dates",
    "sentence_index",
    "split_list",
    "escape_cell",
    "unescape_cell",
]

TOP_N = 5
_COUNT_COLUMNS = tuple(f"n_{label.lower()}" for label in ENTITY_LABELS)

#: articles: one row per article; metadata columns of the input follow ``doc_id``.
ARTICLE_COLUMNS: dict[str, str] = {
    "doc_id": "object",
    "title": "object",
    "byline_source": "object",
    "reporters": "object",
    "editors": "object",
    "n_chars": "int64",
    "n_sentences": "int64",
    "n_tokens": "int64",
    **{c: "int64" for c in _COUNT_COLUMNS},
    "top_entities": "object",
    "top_keywords": "object",
    "sentiment": "object",
    "sentiment_score": "float64",
    "positive_share": "float64",
    "negative_share": "float64",
    "tone_terms": "object",
    "title_tone": "object",
    "title_tone_score": "float64",
    "n_quotes": "int64",
    "furniture": "object",
    "error": "object",
    "text": "object",
}
ENTITY_COLUMNS: dict[str, str] = {
    "doc_id": "object", "sentence_id": "int64", "text": "object", "label": "object", "canonical": "object",
    "start": "int64", "end": "int64", "source": "object", "score": "float64",
    "sentiment": "object", "sentiment_score": "float64",
}
KEYWORD_COLUMNS: dict[str, str] = {"doc_id": "object", "rank": "int64", "term": "object", "weight": "float64"}
SENTENCE_COLUMNS: dict[str, str] = {
    "doc_id": "object", "sentence_id": "int64", "start": "int64", "end": "int64", "text": "object",
    "sentiment": "object", "sentiment_score": "float64", "tone_terms": "object",
}
#: entity_tones: per article and entity, the tone towards it (read from the clauses that name it).
ENTITY_TONE_COLUMNS: dict[str, str] = {
    "doc_id": "object", "canonical": "object", "label": "object", "mentions": "int64", "sentences": "int64",
    "sentiment": "object", "sentiment_score": "float64", "positive_share": "float64",
    "negative_share": "float64", "tone_terms": "object",
}
QUOTE_COLUMNS: dict[str, str] = {
    "doc_id": "object", "sentence_id": "int64", "speaker": "object", "speaker_canonical": "object",
    "speaker_kind": "object",
    "text": "object", "start": "int64", "end": "int64", "kind": "object", "tone": "object", "tone_score": "float64",
}
ROLE_COLUMNS: dict[str, str] = {
    "doc_id": "object", "sentence_id": "int64", "person": "object", "person_canonical": "object",
    "title": "object", "organization": "object", "organization_canonical": "object", "start": "int64", "end": "int64",
}
#: The columns and dtypes of every table (``articles`` also has the input's metadata columns).
TABLE_SCHEMAS: dict[str, dict[str, str]] = {
    "articles": ARTICLE_COLUMNS, "entities": ENTITY_COLUMNS, "keywords": KEYWORD_COLUMNS,
    "sentences": SENTENCE_COLUMNS, "quotes": QUOTE_COLUMNS, "entity_tones": ENTITY_TONE_COLUMNS,
    "roles": ROLE_COLUMNS}


def _frame(rows: list[dict[str, Any]], schema: dict[str, str], meta_cols: Sequence[str] = (), *,
           exact_meta: bool = False) -> pd.DataFrame:
    """A table's frame; with ``exact_meta`` the metadata columns hold the values as they are
    (object dtype, None where missing) instead of pandas' inference, so that a report written
    in chunks does not depend on where the chunks end (ints stay ints next to a missing cell)."""
    import pandas as pd

    columns = list(schema)
    if meta_cols:
        columns = columns[:1] + list(meta_cols) + columns[1:]
    df = pd.DataFrame.from_records(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
    if exact_meta:
        for col in meta_cols:
            df[col] = pd.Series([r.get(col) for r in rows], index=df.index, dtype=object)
    for col, dtype in schema.items():
        df[col] = df[col].astype(dtype)  # type: ignore[call-overload]
        if dtype == "object":  # missing strings are None whatever pandas' string inference did
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    if "date" in meta_cols:
        df["date"] = parse_dates(df["date"])
    return df


def _terms(sent: Sentiment | None) -> list[str] | None:
    """Evidence as a list of ``term weight`` items, strongest first: ``['担忧 -1.20', '突破 +1.50']``."""
    if sent is None or not sent.evidence:
        return None
    return [f"{t} {v:+.2f}" for t, v in sent.evidence]


def _names(names: Sequence[str]) -> list[str] | None:
    return list(names) or None


def sentence_index(starts: Sequence[int], offset: int) -> int:
    """The index of the sentence holding character ``offset``, given the sentences' start
    offsets in order (0 for an offset before the first sentence, as in a headline-only text).

    >>> sentence_index([0, 10, 25], 12), sentence_index([0, 10, 25], 10), sentence_index([], 3)
    (1, 1, 0)
    """
    return max(0, bisect_right(starts, offset) - 1)


def _share(value: float | None) -> float:
    return float("nan") if value is None else value


def _meta_name(key: str) -> str:
    return f"meta_{key}" if key in ARTICLE_COLUMNS else key


def _article_row(art: Article) -> dict[str, Any]:
    counts = Counter(e.label for e in art.entities)
    names = Counter((e.canonical, e.label) for e in art.entities)
    top = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_N]
    row: dict[str, Any] = {
        "doc_id": encodable(art.doc_id),
        "title": art.title,
        "byline_source": art.byline.source,
        "reporters": _names(art.byline.reporters),
        "editors": _names(art.byline.editors),
        "n_chars": len(art.text),
        "n_sentences": len(art.sentences),
        "n_tokens": len(art.tokens),
        **{f"n_{label.lower()}": counts.get(label, 0) for label in ENTITY_LABELS},
        "top_entities": SEP.join(name for (name, _), _ in top) or None,
        "top_keywords": SEP.join(k.term for k in art.keywords[:TOP_N]) or None,
        "sentiment": art.sentiment.label if art.sentiment else None,
        "sentiment_score": art.sentiment.score if art.sentiment else float("nan"),
        "positive_share": _share(art.sentiment.positive_share) if art.sentiment else float("nan"),
        "negative_share": _share(art.sentiment.negative_share) if art.sentiment else float("nan"),
        "tone_terms": _terms(art.sentiment),
        "title_tone": art.title_tone.label if art.title_tone else None,
        "title_tone_score": art.title_tone.score if art.title_tone else float("nan"),
        "n_quotes": len(art.quotes),
        "furniture": " | ".join(art.furniture) or None,
        "error": art.error,
        "text": art.text,
    }
    for key, value in art.meta.items():
        if key != "title":
            row[_meta_name(encodable(key))] = encodable(value)
    row["title"], row["error"] = encodable(row["title"]), encodable(row["error"])
    return row


class ReportBuilder:
    """Accumulate rows article by article (Articles are not kept), then build the frames."""

    def __init__(self) -> None:
        self._articles: list[dict[str, Any]] = []
        self._entities: list[dict[str, Any]] = []
        self._keywords: list[dict[str, Any]] = []
        self._sentences: list[dict[str, Any]] = []
        self._quotes: list[dict[str, Any]] = []
        self._entity_tones: list[dict[str, Any]] = []
        self._roles: list[dict[str, Any]] = []
        self._meta_cols: dict[str, None] = {}

    def add(self, art: Article) -> None:
        did = encodable(art.doc_id)
        self._articles.append(_article_row(art))
        for key in art.meta:
            if key != "title":
                self._meta_cols.setdefault(_meta_name(encodable(key)))
        starts = [s.start for s in art.sentences]
        for e in sorted(art.entities, key=lambda e: (e.start, e.end, e.label)):
            i = sentence_index(starts, e.start)
            tone = art.sentences[i].sentiment if i < len(art.sentences) else None
            self._entities.append({"doc_id": did, "sentence_id": i, "text": e.text, "label": e.label,
                                   "canonical": e.canonical,
                                   "start": e.start, "end": e.end, "source": e.source, "score": e.score,
                                   "sentiment": tone.label if tone else None,
                                   "sentiment_score": tone.score if tone else float("nan")})
        for r in art.roles:
            self._roles.append({"doc_id": did, "sentence_id": sentence_index(starts, r.start), "person": r.person,
                                "person_canonical": r.person_canonical,
                                "title": r.title, "organization": r.organization,
                                "organization_canonical": r.organization_canonical, "start": r.start, "end": r.end})
        for t in art.entity_tones:
            self._entity_tones.append({"doc_id": did, "canonical": t.canonical, "label": t.label,
                                       "mentions": t.mentions, "sentences": t.sentences,
                                       "sentiment": t.sentiment.label, "sentiment_score": t.sentiment.score,
                                       "positive_share": _share(t.sentiment.positive_share),
                                       "negative_share": _share(t.sentiment.negative_share),
                                       "tone_terms": _terms(t.sentiment)})
        for rank, k in enumerate(art.keywords, start=1):
            self._keywords.append({"doc_id": did, "rank": rank, "term": k.term, "weight": k.weight})
        for i, s in enumerate(art.sentences):
            self._sentences.append({"doc_id": did, "sentence_id": i, "start": s.start, "end": s.end, "text": s.text,
                                    "sentiment": s.sentiment.label if s.sentiment else None,
                                    "sentiment_score": s.sentiment.score if s.sentiment else float("nan"),
                                    "tone_terms": _terms(s.sentiment)})
        for q in art.quotes:
            self._quotes.append({"doc_id": did, "sentence_id": sentence_index(starts, q.start),
                                 "speaker": q.speaker, "speaker_canonical": q.speaker_canonical,
                                 "speaker_kind": q.speaker_kind, "text": q.text, "start": q.start, "end": q.end,
                                 "kind": q.kind,
                                 "tone": q.tone.label if q.tone else None,
                                 "tone_score": q.tone.score if q.tone else float("nan")})

    def __len__(self) -> int:
        return len(self._articles)

    def _tables(self) -> dict[str, list[dict[str, Any]]]:
        return {"articles": self._articles, "entities": self._entities, "keywords": self._keywords,
                "sentences": self._sentences, "quotes": self._quotes, "entity_tones": self._entity_tones,
                "roles": self._roles}

    def to_jsonl(self) -> str:
        """The accumulated rows as JSON lines (a shard of a sharded run): a header with the
        metadata columns, then ``{"table": name, "row": {...}}`` per row. Values that JSON
        cannot hold (dates) are written as text."""
        lines = [json.dumps({"meta_cols": list(self._meta_cols)}, ensure_ascii=False)]
        for name, rows in self._tables().items():
            lines += [json.dumps({"table": name, "row": row}, ensure_ascii=False, default=_json_default)
                      for row in rows]
        return "\n".join(lines) + "\n"

    def add_jsonl(self, text: str) -> None:
        """Add the rows of a shard written by :meth:`to_jsonl`."""
        tables = self._tables()
        for n, line in enumerate(split_lines(text), 1):
            obj = json.loads(line)
            if n == 1:
                for col in obj["meta_cols"]:
                    self._meta_cols.setdefault(col)
                continue
            tables[obj["table"]].append(obj["row"])

    def doc_ids(self) -> list[Any]:
        """``doc_id`` of every article added so far, in order."""
        return [row["doc_id"] for row in self._articles]

    def meta_cols(self) -> list[str]:
        """The metadata columns of the articles added so far, in the order first seen."""
        return list(self._meta_cols)

    def frames(self, meta_cols: Sequence[str]) -> dict[str, pd.DataFrame]:
        """This chunk's tables, with the metadata columns ``meta_cols`` (those of the whole
        report) holding exact values (see :func:`_frame`): a chunk of a streamed report."""
        return {name: _frame(rows, TABLE_SCHEMAS[name], meta_cols if name == "articles" else (), exact_meta=True)
                for name, rows in self._tables().items()}

    def build(self, params: dict[str, Any] | None = None) -> CorpusReport:
        return CorpusReport(
            articles=_frame(self._articles, ARTICLE_COLUMNS, list(self._meta_cols)),
            entities=_frame(self._entities, ENTITY_COLUMNS),
            keywords=_frame(self._keywords, KEYWORD_COLUMNS),
            sentences=_frame(self._sentences, SENTENCE_COLUMNS),
            quotes=_frame(self._quotes, QUOTE_COLUMNS),
            entity_tones=_frame(self._entity_tones, ENTITY_TONE_COLUMNS),
            roles=_frame(self._roles, ROLE_COLUMNS),
            params=dict(params or {}),
        )


def articles_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """The ``articles`` table of the given articles."""
    b = ReportBuilder()
    for a in articles:
        b.add(a)
    return b.build().articles


@dataclass
class CorpusReport:
    """Tidy tables for a corpus, keyed by ``doc_id``, in input order.

    ``articles`` has one row per input article, failed ones included (``error`` set);
    ``entities``, ``keywords``, ``sentences``, ``quotes``, ``entity_tones`` and ``roles`` are long tables.
    ``params`` records the analyzer's parameters and the toolkit version.
    """

    articles: pd.DataFrame
    entities: pd.DataFrame
    keywords: pd.DataFrame
    sentences: pd.DataFrame
    quotes: pd.DataFrame
    entity_tones: pd.DataFrame
    roles: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, format: str | None = None) -> CorpusReport:
        """A report saved by :meth:`save` or ``toolkit report`` (any format, or the finished
        shards of an interrupted run), with the dtypes of a fresh one: see
        :func:`toolkit.report.reload.load_report`."""
        from .reload import load_report

        return load_report(path, format=format)

    @property
    def n_articles(self) -> int:
        return len(self.articles)

    @property
    def n_failed(self) -> int:
        """Number of articles that could not be analysed (their ``error`` is set)."""
        return int(self.articles["error"].notna().sum())

    @property
    def failed(self) -> pd.DataFrame:
        """``doc_id`` and ``error`` of every failed article."""
        return self.articles.loc[self.articles["error"].notna(), ["doc_id", "error"]].reset_index(drop=True)

    def __repr__(self) -> str:
        return (f"CorpusReport({self.n_articles} articles, {self.n_failed} failed, {len(self.entities)} entities, "
                f"{len(self.keywords)} keywords, {len(self.sentences)} sentences, {len(self.quotes)} quotes)")

    def _repr_html_(self) -> str:
        """Jupyter view: counts, top entities per label, the first articles."""
        from .html import report_html

        return report_html(self)

    def filter(self, mask: Any = None, *, start: Any = None, end: Any = None, source: str | Iterable[str] | None = None,
               entity: str | Iterable[str] | None = None, keyword: str | Iterable[str] | None = None,
               tone: str | Iterable[str] | None = None, contains: str | None = None) -> CorpusReport:
        """The articles that pass every condition given, as a report whose every table holds
        only their rows: ``mask`` (booleans over ``articles``), a date range ``start``/``end``
        (inclusive; a day without time includes all of it), ``source`` (the ``source`` column
        or the byline's), ``entity`` (canonical name or text as written), ``keyword``, ``tone``
        (the article's label), ``contains`` (text). Several values of one condition: any.

        >>> rep = ReportBuilder().build()
        >>> rep.filter(tone="negative").n_articles
        0
        """
        from .select import as_mask, filter_mask, subset

        keep = filter_mask(self, start=start, end=end, source=source, entity=entity, keyword=keyword, tone=tone,
                           contains=contains).to_numpy()
        return subset(self, keep if mask is None else keep & as_mask(self, mask))

    def __getitem__(self, mask: Any) -> CorpusReport:
        """``report[report.articles["source"] == "新华社"]``: the sub-report of those articles."""
        from .select import subset

        return subset(self, mask)

    def article(self, doc_id: Any) -> Article:
        """The article ``doc_id`` rebuilt from the tables (without tokens, which a report does not keep)."""
        from .select import article_from_tables

        return article_from_tables(self, doc_id)

    def show(self, doc_id: Any) -> Any:
        """One article for reading: its text with entities highlighted, tone and quotes as HTML
        in Jupyter, as readable text in a terminal (``print(report.show(id))``)."""
        from .select import ArticleView

        return ArticleView(self.article(doc_id))

    def kwic(self, query: str, *, window: int = 20, by: str = "auto") -> pd.DataFrame:
        """Keyword in context: every occurrence of a word or an entity (by canonical name, however
        written) with ``window`` characters on each side; see :func:`toolkit.report.kwic.kwic`."""
        from .kwic import kwic

        return kwic(self, query, window=window, by=by)  # type: ignore[arg-type]

    def show_kwic(self, query: str, *, window: int = 20, by: str = "auto") -> Any:
        """:meth:`kwic` for reading: an HTML concordance in Jupyter, aligned text elsewhere."""
        from .kwic import KwicView

        return KwicView(self.kwic(query, window=window, by=by))

    def cooccurrence(self, *, level: str = "sentence", min_count: int = 2, labels: Any = None) -> pd.DataFrame:
        """Entities named in the same sentence (or ``level="article"``) as an edge table
        ``source, target, weight, articles, source_label, target_label``; see
        :func:`toolkit.report.network.cooccurrence`."""
        from .network import cooccurrence

        return cooccurrence(self, level=level, min_count=min_count, labels=labels)  # type: ignore[arg-type]

    def to_networkx(self, *, level: str = "sentence", min_count: int = 2, labels: Any = None) -> Any:
        """The :meth:`cooccurrence` network as a ``networkx.Graph`` (needs the ``network`` extra),
        nodes with ``label``, ``mentions`` and ``articles``; ``report.write_gexf(path)`` saves
        it for Gephi."""
        from .network import nodes, to_networkx

        return to_networkx(self.cooccurrence(level=level, min_count=min_count, labels=labels),
                           nodes(self, labels=labels))

    def write_gexf(self, path: str | os.PathLike[str], *, level: str = "sentence", min_count: int = 2,
                   labels: Any = None) -> Path:
        """Write the :meth:`to_networkx` graph as a GEXF file (Gephi opens it); returns its path."""
        from .network import write_gexf

        write_gexf(self.to_networkx(level=level, min_count=min_count, labels=labels), path)
        return Path(path)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"articles": self.articles, "entities": self.entities, "keywords": self.keywords,
                "sentences": self.sentences, "quotes": self.quotes, "entity_tones": self.entity_tones,
                "roles": self.roles}

    def distinctive_terms(self, by: str = "source", *, top_k: int = 20, prior: float = 100.0,
                          min_count: int = 2) -> pd.DataFrame:
        """Keywords that set each group of articles (a column such as ``source``, or ``"month"``)
        apart from the others, by weighted log-odds with an informative Dirichlet prior:
        columns ``group, term, count, count_other, log_odds, z``; see
        :func:`toolkit.report.stats.distinctive_terms`."""
        from .stats import distinctive_terms

        return distinctive_terms(self, by, top_k=top_k, prior=prior, min_count=min_count)

    def plot(self, kind: str = "entities", **kwargs: Any) -> Any:
        """A matplotlib Figure of the corpus (needs the ``plots`` extra), with Chinese labels:
        ``"entities"`` (top entities per label), ``"tone"`` (tone over time; ``by=`` a column),
        ``"cooccurrence"`` (entity network), ``"keywords"`` (keyword trends; ``by=`` a column),
        ``"timeline"`` (entities over time, :meth:`entity_timeline`). Keyword arguments
        go to the functions of :mod:`toolkit.report.plots`."""
        from . import plots

        makers: dict[str, Callable[..., Any]] = {"entities": plots.plot_entities, "tone": plots.plot_tone,
                  "cooccurrence": plots.plot_cooccurrence, "keywords": plots.plot_keyword_trends,
                  "timeline": plots.plot_timeline}
        if kind not in makers:
            raise bad_choice("kind", kind, makers)
        return makers[kind](self, **kwargs)

    def people(self, *, min_articles: int = 1) -> pd.DataFrame:
        """One row per named person who is quoted or holds a role: ``person, articles, quotes,
        mean_quote_tone, roles``; see :func:`toolkit.report.stats.people`."""
        from .stats import people

        return people(self, min_articles=min_articles)

    def sources(self, *, min_articles: int = 1) -> pd.DataFrame:
        """One row per organization or unnamed source that speaks: ``source, kind, articles,
        quotes, mean_quote_tone``; see :func:`toolkit.report.stats.sources`."""
        from .stats import sources

        return sources(self, min_articles=min_articles)

    def entity_tone(self, by: str | None = None, *, min_articles: int = 1) -> pd.DataFrame:
        """How each entity is talked about across the corpus (optionally per group ``by``):
        articles, mentions, mean tone and the shares of positive, negative and neutral
        articles; see :func:`toolkit.report.stats.entity_tone`."""
        from .stats import entity_tone

        return entity_tone(self, by, min_articles=min_articles)

    def keyword_trends(self, *, freq: str = "M", top_k: int = 20, by: str | None = None) -> pd.DataFrame:
        """Share of articles per period (from the ``date`` column) that have each of the corpus's
        ``top_k`` most frequent keywords (ties: the one seen first); rows are periods (with
        ``by``, ``(group, period)``), columns terms; a period without articles is NaN. See
        :func:`toolkit.report.timeline.keyword_trends`."""
        from .timeline import keyword_trends

        return keyword_trends(self, freq=freq, top_k=top_k, by=by)

    def entity_timeline(self, *, freq: str = "M", by: str | None = None, top_k: int = 10,
                        entities: Sequence[str] | None = None) -> pd.DataFrame:
        """Mentions, articles and mean tone per period (``"W"``, ``"M"`` …) and entity (and group
        with ``by``); periods without articles are NaN gaps. See
        :func:`toolkit.report.timeline.entity_timeline`."""
        from .timeline import entity_timeline

        return entity_timeline(self, freq=freq, by=by, top_k=top_k, entities=entities)

    def summary(self, *, max_rows: int = 50, title_width: int = 24) -> str:
        """A readable text table of the articles (for the terminal)."""
        from .html import summary_table

        return summary_table(self.articles.head(max_rows), self.n_articles, self.n_failed, max_rows=max_rows,
                             title_width=title_width)

    def save(self, out_dir: str | os.PathLike[str], format: str = "csv", *, encoding: str = "utf-8") -> list[Path]:
        """Write every table to ``out_dir``: ``<table>.csv`` / ``.parquet``, or one ``report.xlsx``.

        Also writes ``params.json`` (parameters, version, counts). ``encoding="utf-8-sig"``
        makes CSV files that Excel opens correctly. Returns the written paths.
        """
        check_format(format)
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        tables = self.tables()
        if format == "csv":
            for name, df in tables.items():
                path = out / f"{name}.csv"
                with atomic_write(path) as fh, _text(fh, encoding) as text:
                    _write_csv(df, text, header=True)
                written.append(path)
        elif format == "parquet":
            for name, df in tables.items():
                path = out / f"{name}.parquet"
                with atomic_write(path) as fh:
                    _parquet_safe(df.astype({"doc_id": str})).to_parquet(fh, index=False)
                written.append(path)
        else:
            import pandas as pd

            path = out / "report.xlsx"
            with atomic_write(path) as fh, pd.ExcelWriter(fh, engine="openpyxl") as xw:
                for name, df in tables.items():
                    _xlsx_safe(df, name).to_excel(xw, sheet_name=name, index=False)
            written.append(path)
        written.append(write_params(out, self.params, self.n_articles, self.n_failed,
                                    {k: len(v) for k, v in tables.items()}))
        return written
