"""Plots of a corpus report, with Chinese labels that render (no tofu boxes).

Needs the ``plots`` extra (``pip install toolkit[plots]``: matplotlib and mplfonts, which
ships the Noto Sans CJK SC font, SIL Open Font License). Every function returns a
:class:`matplotlib.figure.Figure` built without pyplot's global state; in Jupyter it shows
itself, elsewhere call ``fig.savefig("x.png")``.

>>> fig = plot_entities(report)                       # doctest: +SKIP
>>> fig.savefig("entities.png", dpi=150)              # doctest: +SKIP
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InvalidParameterError, missing_dependency
from .results import ENTITY_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .report import CorpusReport

__all__ = ["cjk_font_path", "plot_entities", "plot_tone", "plot_cooccurrence", "plot_keyword_trends"]

_FONT_FILE = "NotoSansCJKsc-Regular.otf"
#: Okabe-Ito colours per entity label (as in the notebook view, darker).
LABEL_COLORS = {"PERSON": "#E69F00", "COMPANY": "#0072B2", "ORG": "#009E73", "PRODUCT": "#CC79A7",
                "LOC": "#F0E442", "WORK": "#56B4E9"}


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """The bundled CJK font file (registered with matplotlib on first use)."""
    try:
        import mplfonts
        from matplotlib import font_manager
    except ImportError:
        raise missing_dependency("matplotlib and mplfonts", "plots") from None
    path = Path(mplfonts.__file__).resolve().parent / "fonts" / _FONT_FILE
    if not path.is_file():
        raise missing_dependency(f"mplfonts with {_FONT_FILE}", "plots")
    font_manager.fontManager.addfont(str(path))
    return path


def _figure(width: float, height: float) -> tuple[Figure, Any]:
    import io

    from matplotlib import font_manager
    from matplotlib.figure import Figure

    class ReportFigure(Figure):
        """A Figure that shows itself in Jupyter without pyplot (``_repr_png_``)."""

        def _repr_png_(self) -> bytes:
            buf = io.BytesIO()
            self.savefig(buf, format="png", dpi=100)
            return buf.getvalue()

    name = font_manager.FontProperties(fname=str(cjk_font_path())).get_name()
    rc = {"font.family": [name, "sans-serif"], "axes.unicode_minus": False}
    return ReportFigure(figsize=(width, height), layout="constrained"), rc


def plot_entities(report: CorpusReport, *, top: int = 10, labels: tuple[str, ...] = ENTITY_LABELS) -> Figure:
    """The most mentioned entities of each label (articles naming them), one panel per label."""
    from matplotlib import rc_context

    ents = report.entities.drop_duplicates(["doc_id", "canonical", "label"])
    shown = [lab for lab in labels if (ents["label"] == lab).any()]
    if not shown:
        raise InvalidParameterError("the report has no entities to plot")
    cols = min(3, len(shown))
    rows = math.ceil(len(shown) / cols)
    fig, rc = _figure(4.2 * cols, 0.32 * top * rows + 1.0)
    with rc_context(rc):
        axes = fig.subplots(rows, cols, squeeze=False)
        for ax, lab in zip(axes.flat, shown, strict=False):
            counts = ents.loc[ents["label"] == lab, "canonical"].value_counts()
            counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable").head(top)[::-1]
            ax.barh([str(n) for n in counts.index], counts.to_numpy(), color=LABEL_COLORS.get(lab, "#999999"))
            ax.set_title(lab)
            ax.set_xlabel("articles")
        for ax in list(axes.flat)[len(shown):]:
            ax.set_visible(False)
    return fig


def plot_tone(report: CorpusReport, *, freq: str = "M", by: str | None = None) -> Figure:
    """Mean article tone per period (from a ``date`` column), optionally one line per group
    (``by="source"``), with the share of negative articles shaded below."""
    import pandas as pd
    from matplotlib import rc_context

    arts = report.articles
    if "date" not in arts.columns:
        raise InvalidParameterError("plot_tone needs a 'date' column in the input (articles table)")
    df = arts.assign(period=pd.to_datetime(arts["date"], errors="coerce").dt.to_period(freq).dt.to_timestamp())
    df = df.dropna(subset=["period", "sentiment_score"])
    if df.empty:
        raise InvalidParameterError("no article has both a date and a tone")
    fig, rc = _figure(8, 4)
    with rc_context(rc):
        ax = fig.subplots()
        groups = [(None, df)] if by is None else sorted(df.groupby(by), key=lambda g: str(g[0]))
        for name, g in groups:
            mean = g.groupby("period")["sentiment_score"].mean()
            ax.plot(mean.index, mean.to_numpy(), marker="o", label="all" if name is None else str(name))
        neg = df.groupby("period")["sentiment"].apply(lambda s: (s == "negative").mean())
        ax.fill_between(neg.index, 0, -neg.to_numpy(), color="#D55E00", alpha=0.15, label="share negative (−)")
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.set_ylim(-1, 1)
        ax.set_ylabel("tone (P(positive) − P(negative))")
        ax.set_title("文章情感走势 tone over time")
        ax.legend(loc="upper left", fontsize="small")
    return fig


def plot_cooccurrence(report: CorpusReport, *, top: int = 20, min_articles: int = 2,
                      labels: tuple[str, ...] = ("PERSON", "COMPANY", "ORG", "PRODUCT")) -> Figure:
    """Entities named in the same articles: the ``top`` most mentioned as nodes on a circle,
    an edge where two share at least ``min_articles`` articles (wider = more)."""
    from matplotlib import rc_context

    ents = report.entities[report.entities["label"].isin(labels)].drop_duplicates(["doc_id", "canonical"])
    counts = ents["canonical"].value_counts()
    counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable").head(top)
    nodes = list(counts.index)
    label_of = dict(zip(ents["canonical"], ents["label"], strict=False))
    keep = ents[ents["canonical"].isin(nodes)]
    pairs: Counter[tuple[str, str]] = Counter()
    for _, names in keep.groupby("doc_id")["canonical"]:
        pairs.update(combinations(sorted(set(names)), 2))
    edges = {pair: n for pair, n in pairs.items() if n >= min_articles}
    fig, rc = _figure(7, 7)
    with rc_context(rc):
        ax = fig.subplots()
        pos = {n: (math.cos(2 * math.pi * i / max(1, len(nodes))), math.sin(2 * math.pi * i / max(1, len(nodes))))
               for i, n in enumerate(nodes)}
        top_edge = max(edges.values(), default=1)
        for (a, b), n in sorted(edges.items()):
            ax.plot([pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]], color="#555555",
                    linewidth=0.5 + 4 * n / top_edge, alpha=0.5, zorder=1)
        for n in nodes:
            x, y = pos[n]
            ax.scatter([x], [y], s=80 + 40 * counts[n], color=LABEL_COLORS.get(label_of.get(n, ""), "#999999"),
                       zorder=2, edgecolors="white")
            ax.annotate(str(n), (x, y), xytext=(x * 1.12, y * 1.12), ha="center", va="center", fontsize=9)
        ax.set_xlim(-1.4, 1.4)
        ax.set_ylim(-1.4, 1.4)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(f"共现网络 co-occurrence (edges: ≥ {min_articles} shared articles)")
    return fig


def plot_keyword_trends(report: CorpusReport, *, freq: str = "M", top_k: int = 8) -> Figure:
    """Share of articles per period with each of the corpus's ``top_k`` keywords."""
    from matplotlib import rc_context

    table = report.keyword_trends(freq=freq, top_k=top_k)
    if table.empty:
        raise InvalidParameterError("no keyword has a dated article")
    fig, rc = _figure(8, 4)
    with rc_context(rc):
        ax = fig.subplots()
        for term in table.columns:
            ax.plot([str(p) for p in table.index], table[term].to_numpy(), marker="o", label=str(term))
        ax.set_ylabel("share of articles")
        ax.set_title("关键词趋势 keyword trends")
        ax.legend(fontsize="small", ncols=2)
    return fig
