"""Views of results: HTML for Jupyter (entities highlighted in the text, keywords, counts) and
text for the terminal (one article, the first rows of a report).

Used by ``Article._repr_html_``, ``CorpusReport._repr_html_`` and ``CorpusReport.summary``;
every piece of text in HTML is escaped.
"""
from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING

from ..results import ENTITY_LABELS, Article, Sentiment
from .formats import join_lists

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .tables import CorpusReport

__all__ = ["COLORS", "article_html", "format_article", "report_html", "summary_table"]

#: Background colour per entity label (colour-blind-safe Okabe-Ito tints).
COLORS = {"PERSON": "#f9d9a6", "COMPANY": "#bfe0f5", "ORG": "#c6ead8", "PRODUCT": "#f6c9de",
          "LOC": "#f3ecb0", "WORK": "#d9d2ee"}
_MAX_CHARS = 20_000


def _legend() -> str:
    items = "".join(f'<span style="background:{COLORS[lab]};padding:0 4px;margin-right:6px">{lab}</span>'
                    for lab in ENTITY_LABELS)
    return f'<div style="font-size:85%;margin:4px 0">{items}</div>'


def article_html(art: Article, *, max_chars: int = _MAX_CHARS) -> str:
    """The article's text with entities highlighted, plus title, byline, keywords and tone."""
    if art.error is not None:
        return (f"<div><b>{html.escape(str(art.doc_id))}</b>: "
                f'<span style="color:#b00">error: {html.escape(art.error)}</span></div>')
    text = art.text[:max_chars]
    parts, pos = [], 0
    for e in sorted(art.entities, key=lambda e: e.start):
        if e.start < pos or e.end > len(text):
            continue
        parts.append(html.escape(text[pos:e.start]))
        title = html.escape(f"{e.label} · {e.canonical} · {e.source}")
        parts.append(f'<mark style="background:{COLORS.get(e.label, "#ddd")};padding:0 2px" title="{title}">'
                     f"{html.escape(e.text)}<sub style='font-size:60%'>{e.label}</sub></mark>")
        pos = e.end
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n", "<br>")
    more = f"<i>… {len(art.text) - max_chars:,} more characters</i>" if len(art.text) > max_chars else ""
    b = art.byline
    meta = []
    if b.reporters:
        meta.append("记者 " + "、".join(b.reporters))
    if b.source:
        meta.append("来源 " + b.source)
    if art.sentiment is not None:
        meta.append(f"tone {art.sentiment.label} ({art.sentiment.score:+.2f})")
    keywords = "、".join(k.term for k in art.keywords)
    counts = Counter(e.label for e in art.entities)
    count_line = " · ".join(f"{lab} {counts[lab]}" for lab in ENTITY_LABELS if counts[lab])
    head = html.escape(art.title or str(art.doc_id if art.doc_id is not None else ""))
    tone = _tone_html(art) + _quotes_html(art)
    return (
        f'<div style="max-width:60em;line-height:1.7">'
        f"<div><b>{head}</b> <span style='color:#666'>{html.escape(' · '.join(meta))}</span></div>"
        f"{_legend()}<div style='color:#444;font-size:90%'>{html.escape(count_line)}</div>"
        f"<div style='font-size:90%'><b>keywords</b> {html.escape(keywords) or '—'}</div>"
        f"{tone}<div style='margin-top:6px'>{body}{more}</div></div>"
    )


_TONE_COLORS = {"positive": "#009e73", "negative": "#d55e00", "neutral": "#999999"}


def _tone_html(art: Article, max_sentences: int = 12) -> str:
    """Tone of the article, towards its entities, and its evaluative sentences with their words."""
    if art.sentiment is None:
        return ""
    s = art.sentiment
    shares = (f" · sentences +{s.positive_share:.0%} / −{s.negative_share or 0:.0%}"
              if s.positive_share is not None else "")
    towards = "、".join(f"{t.canonical} {t.sentiment.score:+.2f}" for t in art.entity_tones[:10]
                       if t.sentiment.label != "neutral")
    rows: list[str] = []
    for sent in art.sentences:
        if sent.sentiment is None or sent.sentiment.label == "neutral" or len(rows) >= max_sentences:
            continue
        words = "、".join(f"{t} {v:+.1f}" for t, v in sent.sentiment.evidence[:4])
        rows.append(f"<div style='border-left:3px solid {_TONE_COLORS[sent.sentiment.label]};padding-left:6px;"
                    f"margin:2px 0'>{html.escape(sent.text)} <span style='color:#666;font-size:85%'>"
                    f"{sent.sentiment.score:+.2f} {html.escape(words)}</span></div>")
    head = (f"<b>tone</b> <span style='color:{_TONE_COLORS[s.label]}'>{s.label} {s.score:+.2f}</span>{shares}"
            + (f" · towards {html.escape(towards)}" if towards else ""))
    return f"<div style='font-size:90%'>{head}{''.join(rows)}</div>"


def _quotes_html(art: Article, max_quotes: int = 20) -> str:
    """Who said what, and the roles people hold."""
    if not art.quotes and not art.roles:
        return ""
    roles: dict[str, list[str]] = {}
    for r in art.roles:
        roles.setdefault(r.person_canonical, []).append(r.title + (f"@{r.organization}" if r.organization else ""))
    role_line = "；".join(f"{p}：{'、'.join(ts)}" for p, ts in roles.items())
    rows = []
    for q in art.quotes[:max_quotes]:
        color = _TONE_COLORS[q.tone.label] if q.tone is not None else "#999999"
        mark = "“”" if q.kind == "direct" else "›"
        rows.append(f"<div style='border-left:3px solid {color};padding-left:6px;margin:2px 0'>"
                    f"<b>{html.escape(q.speaker_canonical)}</b> {mark} {html.escape(q.text)}</div>")
    more = f"<i>… {len(art.quotes) - max_quotes} more quotes</i>" if len(art.quotes) > max_quotes else ""
    head = f"<b>roles</b> {html.escape(role_line)}" if role_line else ""
    return f"<div style='font-size:90%;margin-top:4px'>{head}{''.join(rows)}{more}</div>"


def report_html(report: CorpusReport, *, max_rows: int = 20) -> str:
    """Counts, the top entities per label and the first articles as a table."""
    ents = report.entities
    tops = []
    for lab in ENTITY_LABELS:
        names = ents.loc[ents["label"] == lab, "canonical"].value_counts()
        names = names.sort_index(kind="stable").sort_values(ascending=False, kind="stable").head(8)
        if len(names):
            listed = "、".join(f"{html.escape(str(n))} ({c})" for n, c in names.items())
            tops.append(f'<div><span style="background:{COLORS[lab]};padding:0 4px">{lab}</span> {listed}</div>')
    cols = ["doc_id", "title", "n_sentences", "n_person", "n_company", "n_product", "sentiment", "n_quotes",
            "top_keywords", "error"]
    table = report.articles[cols].head(max_rows).to_html(index=False, na_rep="", escape=True)
    tone = report.articles["sentiment"].value_counts()
    tone_line = " · ".join(f"{lab} {int(tone.get(lab, 0)):,}" for lab in ("positive", "neutral", "negative"))
    people = report.people().head(8) if len(report.quotes) or len(report.roles) else None
    quoted = ("" if people is None or people.empty else "<div><b>most quoted</b> " + "、".join(
        f"{html.escape(str(r.person))} ({r.quotes})" for r in people.itertuples(index=False)) + "</div>")
    return (f"<div><b>CorpusReport</b>: {report.n_articles:,} articles, {report.n_failed:,} failed, "
            f"{len(ents):,} entity mentions, {len(report.keywords):,} keywords, {len(report.quotes):,} quotes"
            f"</div><div><b>tone</b> {tone_line}</div>{quoted}{''.join(tops)}{table}")


def format_article(art: Article, *, max_tokens: int = 60) -> str:
    """A readable multi-line summary of one article."""
    b = art.byline
    lines = [
        f"title:      {art.title or '-'}",
        f"byline:     reporters={'、'.join(b.reporters) or '-'}  correspondents={'、'.join(b.correspondents) or '-'}  "
        f"editors={'、'.join(b.editors) or '-'}  source={b.source or '-'}",
        f"size:       {len(art.text)} chars, {len(art.sentences)} sentences"
        + (f", {len(art.tokens)} tokens" if art.tokens or not art.text else ""),  # (a report keeps no tokens)
    ]
    if art.furniture:
        lines.append(f"removed:    {' | '.join(art.furniture)}")
    if art.tokens:
        words = " ".join(f"{t.text}/{t.pos}" for t in art.tokens[:max_tokens])
        more = f" … (+{len(art.tokens) - max_tokens})" if len(art.tokens) > max_tokens else ""
        lines.append(f"tokens:     {words}{more}")
    if art.entities:
        names: dict[tuple[str, str], int] = {}
        for e in art.entities:
            names[(e.canonical, e.label)] = names.get((e.canonical, e.label), 0) + 1
        lines.append("entities:   " + "  ".join(f"{n}/{lab}" + (f"×{c}" if c > 1 else "")
                                               for (n, lab), c in names.items()))
    if art.keywords:
        lines.append("keywords:   " + "、".join(k.term for k in art.keywords))
    if art.sentiment is not None:
        lines.append(f"tone:       {_tone(art.sentiment)}"
                     f"  (sentences +{art.sentiment.positive_share or 0:.0%} -{art.sentiment.negative_share or 0:.0%})")
    for t in art.entity_tones:
        lines.append(f"  towards {t.canonical}/{t.label}: {_tone(t.sentiment)}")
    for r in art.roles:
        org = f" @ {r.organization}" if r.organization else ""
        lines.append(f"role:       {r.person_canonical} — {r.title}{org}")
    for q in art.quotes:
        tone = f"  <{q.tone.label} {q.tone.score:+.2f}>" if q.tone is not None else ""
        lines.append(f"quote:      {q.speaker_canonical} ({q.kind}): {q.text}{tone}")
    lines.append("sentences:")
    for i, s in enumerate(art.sentences):
        mark = f"  <{_tone(s.sentiment)}>" if s.sentiment is not None and s.sentiment.label != "neutral" else ""
        lines.append(f"  [{i}] {s.text}{mark}")
    return "\n".join(lines)


def _tone(s: Sentiment) -> str:
    terms = ", ".join(f"{t} {v:+.1f}" for t, v in s.evidence[:4])
    return f"{s.label} {s.score:+.2f}" + (f" [{terms}]" if terms else "")


def summary_table(articles: pd.DataFrame, n_articles: int, n_failed: int, *, max_rows: int = 50,
                  title_width: int = 24) -> str:
    """A readable text table of the first ``max_rows`` rows of an ``articles`` table (for the
    terminal), with the counts of the whole report."""
    counts = [f"n_{label.lower()}" for label in ENTITY_LABELS[:4]]
    cols = ["doc_id", "title", "reporters", "n_chars", "n_sentences", *counts, "sentiment",
            "n_quotes", "top_entities", "top_keywords", "error"]
    df = join_lists(articles[cols].head(max_rows))

    def cut(value: object, width: int) -> object:
        return value if not isinstance(value, str) or len(value) <= width else value[: width - 1] + "…"

    df["title"] = df["title"].map(lambda t: cut(t, title_width))
    for col in ("top_entities", "top_keywords"):
        df[col] = df[col].map(lambda v: cut("、".join(v.split("、")[:3]) if isinstance(v, str) else v, 24))
    df["error"] = df["error"].map(lambda v: cut(v, 40))
    df = df.fillna("")
    import pandas as pd

    with pd.option_context("display.unicode.east_asian_width", True, "display.width", 250,
                           "display.max_columns", None, "display.max_colwidth", 60):
        table = df.to_string(index=False)
    more = f"\n… {n_articles - max_rows} more articles" if n_articles > max_rows else ""
    return f"{table}{more}\n{n_articles} articles, {n_failed} failed"
