"""Entity co-occurrence networks: an edge table, a networkx graph and a GEXF file for Gephi.

Two entities co-occur when they are named in the same sentence (``level="sentence"``, the
default: a close relation) or in the same article (``level="article"``). Nodes are canonical
names; an edge's ``weight`` is the number of sentences (or articles) naming both.

>>> import toolkit
>>> rep = toolkit.Analyzer().analyze_corpus(["华为与小米发布新手机。华为还发布了鸿蒙系统。"])
>>> cooccurrence(rep, min_count=1)[["source", "target", "weight"]].values.tolist()
[['华为', '小米', 1], ['华为', '鸿蒙', 1]]
"""
from __future__ import annotations

import os
from collections import Counter
from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal

from ..errors import InvalidParameterError, bad_choice, missing_dependency

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .tables import CorpusReport

__all__ = ["EDGE_COLUMNS", "cooccurrence", "nodes", "strongest", "to_networkx", "write_gexf"]

EDGE_COLUMNS = ["source", "target", "weight", "articles", "source_label", "target_label"]
NODE_COLUMNS = ["name", "label", "mentions", "articles"]
_LEVELS = ("sentence", "article")


def _entities(report: CorpusReport, labels: Any) -> pd.DataFrame:
    ents = report.entities
    if labels is not None:
        wanted = {labels} if isinstance(labels, str) else set(labels)
        ents = ents[ents["label"].isin(wanted)]
    return ents


def nodes(report: CorpusReport, *, labels: Any = None) -> pd.DataFrame:
    """One row per entity (canonical ``name``): its most frequent ``label``, ``mentions`` and
    ``articles`` naming it; most named first (ties: first named in the corpus)."""
    import pandas as pd

    ents = _entities(report, labels)
    if ents.empty:
        return pd.DataFrame(columns=NODE_COLUMNS).astype({"mentions": "int64", "articles": "int64"})
    g = ents.groupby("canonical", sort=False)
    label = ents.groupby(["canonical", "label"], sort=False).size().reset_index(name="n")
    label = label.sort_values("n", ascending=False, kind="stable").drop_duplicates("canonical").set_index("canonical")
    out = pd.DataFrame({"mentions": g.size(), "articles": g["doc_id"].nunique()})
    out["label"] = label["label"].reindex(out.index)
    out = out.sort_values("mentions", ascending=False, kind="stable").rename_axis("name").reset_index()
    return out[NODE_COLUMNS]


def cooccurrence(report: CorpusReport, *, level: Literal["sentence", "article"] = "sentence", min_count: int = 2,
                 labels: Any = None) -> pd.DataFrame:
    """The co-occurrence edges of the report's entities (optionally only those with a label
    in ``labels``): ``source, target`` (canonical names, ``source`` first in the corpus),
    ``weight`` (sentences or articles naming both), ``articles`` (articles naming both, at any
    level) and each end's label; edges with ``weight >= min_count``, heaviest first."""
    import pandas as pd

    if level not in _LEVELS:
        raise bad_choice("level", level, _LEVELS)
    if not isinstance(min_count, int) or min_count < 1:
        raise InvalidParameterError(f"min_count={min_count!r} must be a positive integer")
    ents = _entities(report, labels)
    node_table = nodes(report, labels=labels).set_index("name")
    order = {name: i for i, name in enumerate(dict.fromkeys(ents["canonical"]))}
    unit = ["doc_id"] if level == "article" else ["doc_id", "sentence_id"]
    weight: Counter[tuple[str, str]] = Counter()
    docs: dict[tuple[str, str], set[Any]] = {}
    for key, names in ents.groupby(unit, sort=False)["canonical"]:
        did = key[0] if isinstance(key, tuple) else key
        for a, b in combinations(sorted(set(names), key=order.__getitem__), 2):
            weight[(a, b)] += 1
            docs.setdefault((a, b), set()).add(did)
    rows = [{"source": a, "target": b, "weight": n, "articles": len(docs[(a, b)]),
             "source_label": node_table.at[a, "label"], "target_label": node_table.at[b, "label"]}
            for (a, b), n in weight.items() if n >= min_count]
    out = pd.DataFrame(rows, columns=EDGE_COLUMNS).astype({"weight": "int64", "articles": "int64"})
    out = out.assign(_a=out["source"].map(order), _b=out["target"].map(order))
    out = out.sort_values(["weight", "_a", "_b"], ascending=[False, True, True], kind="stable")
    out = out.drop(columns=["_a", "_b"])
    return out.reset_index(drop=True)


def to_networkx(edges: pd.DataFrame, node_table: pd.DataFrame | None = None) -> Any:
    """An undirected ``networkx.Graph`` of an edge table (:func:`cooccurrence`): edge
    attributes ``weight`` and ``articles``; node attributes ``label`` (and ``mentions``,
    ``articles`` when ``node_table`` from :func:`nodes` is given)."""
    try:
        import networkx as nx
    except ImportError:
        raise missing_dependency("networkx", "network") from None
    graph = nx.Graph()
    info: dict[Any, Any] = {}
    if node_table is not None:
        info = {name: (int(m), int(a)) for name, m, a in node_table[["name", "mentions", "articles"]].itertuples(
            index=False, name=None)}
    cols = ["source", "target", "weight", "articles", "source_label", "target_label"]
    for source, target, weight, articles, source_label, target_label in edges[cols].itertuples(index=False,
                                                                                                name=None):
        for name, label in ((source, source_label), (target, target_label)):
            if name not in graph:
                counts = {} if name not in info else dict(zip(("mentions", "articles"), info[name], strict=True))
                graph.add_node(name, label=str(label), **counts)
        graph.add_edge(source, target, weight=int(weight), articles=int(articles))
    return graph


def write_gexf(graph: Any, path: str | os.PathLike[str]) -> None:
    """Write a graph from :func:`to_networkx` as GEXF (UTF-8), the format Gephi opens."""
    try:
        import networkx as nx
    except ImportError:
        raise missing_dependency("networkx", "network") from None
    nx.write_gexf(graph, os.fspath(path), encoding="utf-8")


def strongest(edges: pd.DataFrame, max_nodes: int) -> pd.DataFrame:
    """The strongest ties that join at most ``max_nodes`` entities: edges taken heaviest first
    (in table order on ties), each kept when its ends are already in or still fit. A large
    corpus keeps its strongest ties, a small one keeps them all; no entity is left without an
    edge.

    >>> import pandas as pd
    >>> e = pd.DataFrame({"source": ["a", "a", "b", "c", "e"], "target": ["b", "c", "c", "d", "f"],
    ...                   "weight": [5, 3, 3, 1, 1]})
    >>> strongest(e, 3)["weight"].tolist(), strongest(e, 4)["target"].tolist()
    ([5, 3, 3], ['b', 'c', 'c', 'd'])
    """
    kept: set[str] = set()
    rows = []
    for i, (a, b) in enumerate(zip(edges["source"], edges["target"], strict=True)):
        if len(kept | {a, b}) <= max_nodes:
            kept |= {a, b}
            rows.append(i)
    return edges.iloc[rows]
