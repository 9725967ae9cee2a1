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
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InvalidParameterError, missing_dependency
from ..results import ENTITY_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .tables import CorpusReport

__all__ = ["cjk_font_path", "plot_entities", "plot_tone", "plot_cooccurrence", "plot_keyword_trends",
           "plot_timeline"]

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
    df = arts.assign(period=pd.to_datetime(arts["date"], errors="coerce").dt.to_period(freq))
    df = df.dropna(subset=["period", "sentiment_score"])
    if df.empty:
        raise InvalidParameterError("no article has both a date and a tone")
    full = pd.period_range(df["period"].min(), df["period"].max(), freq=df["period"].iloc[0].freq).to_timestamp()
    df = df.assign(period=df["period"].dt.to_timestamp())
    fig, rc = _figure(8, 4)
    with rc_context(rc):
        ax = fig.subplots()
        groups = [(None, df)] if by is None else sorted(df.groupby(by), key=lambda g: str(g[0]))
        for name, g in groups:
            mean = g.groupby("period")["sentiment_score"].mean().reindex(full)  # no article: a gap
            ax.plot(mean.index, mean.to_numpy(), marker="o", label="all" if name is None else str(name))
        neg = df.groupby("period")["sentiment"].apply(lambda s: (s == "negative").mean()).reindex(full)
        ax.fill_between(neg.index, 0, -neg.to_numpy(), color="#D55E00", alpha=0.15, label="share negative (−)")
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.set_ylim(-1, 1)
        ax.set_ylabel("tone (P(positive) − P(negative))")
        ax.set_title("文章情感走势 tone over time")
        ax.legend(loc="upper left", fontsize="small")
    return fig


def plot_cooccurrence(report: CorpusReport, *, top: int = 25, min_count: int | None = None,
                      level: str = "sentence",
                      labels: tuple[str, ...] = ("PERSON", "COMPANY", "ORG", "PRODUCT")) -> Figure:
    """Entities named together (in a sentence, or ``level="article"``): only entities tied to
    another are drawn, placed by a force layout (tied ones close), node size by mentions and
    edge width by weight. By default the strongest ties that join at most ``top`` entities
    are drawn (:func:`toolkit.report.network.strongest`), so the threshold adapts to the corpus;
    ``min_count`` sets the weight an edge needs instead."""
    from matplotlib import rc_context

    from .network import cooccurrence, nodes, strongest, to_networkx

    edges = cooccurrence(report, level=level, min_count=min_count or 1, labels=labels)  # type: ignore[arg-type]
    if edges.empty:
        raise InvalidParameterError(f"no two entities ({', '.join(labels)}) are named together in "
                                    f"{min_count or 1} or more {level}s")
    if min_count is None:
        edges = strongest(edges, top)
    t = int(edges["weight"].min())
    graph = to_networkx(edges, nodes(report, labels=labels))
    pos = _component_layout(graph)
    fig, rc = _figure(8, 7)
    with rc_context(rc):
        ax = fig.subplots()
        top_edge = max(int(w) for _, _, w in graph.edges(data="weight"))
        for a, b, w in sorted(graph.edges(data="weight"), key=lambda e: e[2]):
            ax.plot([pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]], color="#555555",
                    linewidth=0.6 + 4 * w / top_edge, alpha=0.45, zorder=1)
        most = max(int(d.get("mentions", 1)) for _, d in graph.nodes(data=True))
        for n, d in graph.nodes(data=True):
            x, y = pos[n]
            ax.scatter([x], [y], s=60 + 500 * int(d.get("mentions", 1)) / most,
                       color=LABEL_COLORS.get(d.get("label", ""), "#999999"), zorder=2, edgecolors="white")
            ax.annotate(str(n), (x, y), xytext=(0, 9), textcoords="offset points", ha="center", va="bottom",
                        fontsize=9, zorder=3, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                                    "alpha": 0.75})
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        pad = 0.15 * max(max(xs) - min(xs), max(ys) - min(ys), 0.5)
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(min(ys) - pad, max(ys) + pad)
        ax.axis("off")
        shown = [lab for lab in labels if any(d.get("label") == lab for _, d in graph.nodes(data=True))]
        for lab in shown:
            ax.scatter([], [], color=LABEL_COLORS.get(lab, "#999999"), label=lab)
        ax.legend(loc="lower right", fontsize="small", frameon=False)
        unit = "句 sentences" if level == "sentence" else "篇 articles"
        ax.set_title(f"共现网络 co-occurrence ({graph.number_of_nodes()} entities; edges: ≥ {t} shared {unit})")
    return fig


def _component_layout(graph: Any) -> dict[Any, tuple[float, float]]:
    """Node positions: each connected part laid out on its own by a force layout and given a
    cell of a grid (the largest first, cells sized by the part's size), so that small parts
    do not crowd the labels of large ones."""
    import networkx as nx

    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(map(str, c))))
    cols = math.ceil(math.sqrt(len(parts)))
    pos: dict[Any, tuple[float, float]] = {}
    for i, part in enumerate(parts):
        sub = graph.subgraph(part)
        local = nx.spring_layout(sub, weight="weight", seed=7, k=1.5 / math.sqrt(len(part)))
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        scale = 0.38 * min(1.0, 0.45 + len(part) / 8) / span * 2
        cx, cy = i % cols, -(i // cols)
        mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        for n, (x, y) in local.items():
            pos[n] = (cx + (x - mx) * scale, cy + (y - my) * scale)
    return pos


def plot_keyword_trends(report: CorpusReport, *, freq: str = "M", top_k: int = 8, by: str | None = None,
                        max_groups: int = 4) -> Figure:
    """Share of articles per period with each of the corpus's ``top_k`` keywords; with ``by``
    (a column such as ``source``) one panel per group (the ``max_groups`` largest), the same
    keywords and colours in each. A period without articles is a gap in the line."""
    from matplotlib import rc_context

    from .timeline import keyword_trends, top_in_order

    kw = report.keywords[["doc_id", "term"]].drop_duplicates()
    terms = top_in_order(kw["term"], top_k)
    table = keyword_trends(report, freq=freq, terms=terms)
    if table.empty or not terms:
        raise InvalidParameterError("no keyword has a dated article")
    panels: list[tuple[str | None, Any]] = [(None, table)]
    if by is not None:
        grouped = keyword_trends(report, freq=freq, terms=terms, by=by)
        names = list(dict.fromkeys(grouped.index.get_level_values("group")))[:max_groups]
        panels = [(str(g), grouped.xs(g, level="group")) for g in names]
    fig, rc = _figure(8, 3.2 * len(panels) + 0.6)
    with rc_context(rc):
        axes = fig.subplots(len(panels), 1, squeeze=False, sharex=True, sharey=True)[:, 0]
        x = [_period_start(p, freq) for p in table.index]
        for ax, (name, t) in zip(axes, panels, strict=True):
            for term in terms:
                ax.plot(x, t[term].to_numpy(), marker="o", markersize=3, label=str(term))
            ax.set_ylabel("share of articles")
            ax.set_title("关键词趋势 keyword trends" + (f" · {name}" if name is not None else ""))
        axes[0].legend(fontsize="small", ncols=2)
    return fig


def _period_start(period: str, freq: str) -> Any:
    import pandas as pd

    return pd.Period(period, freq=freq).to_timestamp()


def plot_timeline(report: CorpusReport, *, freq: str = "M", top_k: int = 6, by: str | None = None,
                  entities: Any = None) -> Figure:
    """Articles naming each of the ``top_k`` most named entities per period (top panel) and the
    mean tone towards them (bottom panel; see :meth:`CorpusReport.entity_timeline`). A period
    without articles, or without a mention, is a gap in the line. ``by`` draws one line per
    entity and group."""
    from matplotlib import rc_context

    from .timeline import entity_timeline

    tl = entity_timeline(report, freq=freq, top_k=top_k, by=by, entities=entities)
    if tl.empty or tl["articles"].fillna(0).sum() == 0:
        raise InvalidParameterError("no entity is named in a dated article")
    fig, rc = _figure(8, 6)
    keys = ["canonical"] if by is None else ["group", "canonical"]
    with rc_context(rc):
        top, bottom = fig.subplots(2, 1, sharex=True)
        for key, g in tl.groupby(keys, sort=False):
            name = " · ".join(str(k) for k in key) if isinstance(key, tuple) else str(key)
            line = top.plot(g["period"], g["articles"].to_numpy(), marker="o", markersize=3, label=name)
            bottom.plot(g["period"], g["mean_tone"].to_numpy(), marker="o", markersize=3, color=line[0].get_color())
        top.set_ylabel("articles")
        top.set_title("实体时间线 entity timeline")
        top.legend(fontsize="small", ncols=2)
        bottom.axhline(0, color="#999999", linewidth=0.8)
        bottom.set_ylim(-1, 1)
        bottom.set_ylabel("mean tone towards it")
    return fig
