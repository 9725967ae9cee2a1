"""Keyword in context: every occurrence of a word or an entity with the text around it.

>>> import toolkit
>>> rep = toolkit.Analyzer(components=()).analyze_corpus([("a", "芯片出口管制加强。芯片企业承压。")])
>>> kwic(rep, "芯片", window=4)[["doc_id", "sentence_id", "left", "match", "right"]].values.tolist()
[['a', 0, '', '芯片', '出口管制'], ['a', 1, '制加强。', '芯片', '企业承压']]
"""
from __future__ import annotations

import html
import unicodedata
from typing import TYPE_CHECKING, Any, Literal

from ..errors import InvalidParameterError, bad_choice
from .tables import sentence_index

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .tables import CorpusReport

__all__ = ["KWIC_COLUMNS", "KwicView", "kwic", "kwic_html"]

KWIC_COLUMNS = ["doc_id", "sentence_id", "start", "end", "left", "match", "right", "label", "canonical"]
_MODES = ("auto", "entity", "text")


def _spans(report: CorpusReport, query: str, mode: str) -> dict[Any, list[tuple[int, int, Any, Any]]]:
    """Per doc_id, the (start, end, label, canonical) of every occurrence."""
    ents = report.entities
    as_entity = mode == "entity" or (mode == "auto" and bool((ents["canonical"] == query).any()))
    found: dict[Any, list[tuple[int, int, Any, Any]]] = {}
    if as_entity:
        rows = ents[ents["canonical"] == query]
        for did, start, end, label, canon in zip(rows["doc_id"], rows["start"], rows["end"], rows["label"],
                                                 rows["canonical"], strict=True):
            found.setdefault(did, []).append((int(start), int(end), label, canon))
        return found
    for did, text in zip(report.articles["doc_id"], report.articles["text"], strict=True):
        if not isinstance(text, str):
            continue
        pos = text.find(query)
        while pos >= 0:
            found.setdefault(did, []).append((pos, pos + len(query), None, None))
            pos = text.find(query, pos + len(query))
    return found


def kwic(report: CorpusReport, query: str, *, window: int = 20,
         by: Literal["auto", "entity", "text"] = "auto") -> pd.DataFrame:
    """Every occurrence of ``query`` in the report's articles with ``window`` characters of
    text on each side (line breaks shown as spaces), in article and text order.

    ``by="entity"``: the mentions of the entity with that canonical name, however written
    (埃隆·马斯克 finds 马斯克 too); ``by="text"``: the exact string; ``"auto"`` (default): the
    entity when one has that canonical name, else the text. Columns: ``doc_id, sentence_id,
    start, end, left, match, right, label, canonical`` (the last two only for entities).
    """
    import pandas as pd

    if not isinstance(query, str) or not query:
        raise InvalidParameterError(f"kwic needs a non-empty word or name, got {query!r}")
    if by not in _MODES:
        raise bad_choice("by", by, _MODES)
    if not isinstance(window, int) or window < 0:
        raise InvalidParameterError(f"window={window!r} must be a non-negative number of characters")
    found = _spans(report, query, by)
    texts = dict(zip(report.articles["doc_id"], report.articles["text"], strict=True))
    sents = report.sentences
    starts: dict[Any, list[int]] = {}
    for did, start in zip(sents["doc_id"], sents["start"], strict=True):
        starts.setdefault(did, []).append(int(start))
    rows = []
    for did in report.articles["doc_id"]:
        text = texts.get(did)
        if did not in found or not isinstance(text, str):
            continue
        for start, end, label, canon in sorted(found[did], key=lambda s: (s[0], s[1])):
            left = text[max(0, start - window):start].replace("\n", " ")
            right = text[end:end + window].replace("\n", " ")
            rows.append({"doc_id": did, "sentence_id": sentence_index(starts.get(did, []), start),
                         "start": start, "end": end, "left": left, "match": text[start:end], "right": right,
                         "label": label, "canonical": canon})
    out = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})


def kwic_html(frame: pd.DataFrame, *, max_rows: int = 200) -> str:
    """A concordance table: the left context right-aligned, the match highlighted, the right
    context left-aligned; every piece of text is HTML-escaped."""
    rows = []
    for did, sid, left, match, right in frame.head(max_rows)[["doc_id", "sentence_id", "left", "match",
                                                               "right"]].itertuples(index=False, name=None):
        rows.append(f"<tr><td style='color:#666;font-size:85%'>{html.escape(str(did))}:{sid}</td>"
                    f"<td style='text-align:right;white-space:nowrap'>{html.escape(str(left))}</td>"
                    f"<td style='white-space:nowrap'><mark><b>{html.escape(str(match))}</b></mark></td>"
                    f"<td style='text-align:left;white-space:nowrap'>{html.escape(str(right))}</td></tr>")
    more = (f"<div><i>… {len(frame) - max_rows:,} more lines</i></div>" if len(frame) > max_rows else "")
    return (f"<div><b>{len(frame):,}</b> occurrences</div><table style='font-family:monospace'>"
            f"{''.join(rows)}</table>{more}")


def _columns(text: str) -> int:
    """Terminal columns ``text`` takes: a wide (CJK) character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class KwicView:
    """A keyword-in-context table for reading: an HTML concordance in Jupyter, aligned text in a
    terminal; ``view.frame`` is the DataFrame of :func:`kwic`."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def _repr_html_(self) -> str:
        return kwic_html(self.frame)

    def __str__(self) -> str:
        lefts = [str(v) for v in self.frame["left"]]
        width = max(map(_columns, lefts), default=0)
        lines = [" " * (width - _columns(left)) + f"{left} [{match}] {right}"
                 for left, match, right in zip(lefts, self.frame["match"], self.frame["right"], strict=True)]
        return "\n".join([*lines, f"{len(self.frame)} occurrences"])

    __repr__ = __str__
