"""Score a corpus report against an outside reader's checklist (issue #26).

The checklist (``corpora/checklist``) was written by a different hand than the toolkit's rules
and training sentences: 36 realistic news copies (wire, financial, Hong Kong, Taiwan, web and
page copies) as a CSV with a title column and headline-repeating text, and one JSON line per
thing a reader expects to see in the report (an entity with its label, a role, a quote and its
speaker, a reporter, furniture gone, a keyword, a tone, a date …). This module runs the
articles through :meth:`toolkit.Analyzer.analyze_corpus` (or reads a saved CLI run) and prints
the share of checks that pass, per kind, and every failure.

    python -m toolkit.evaluate.checklist                    # the main checklist
    python -m toolkit.evaluate.checklist --extra            # plus checklist_extra.jsonl
    python -m toolkit.evaluate.checklist --failures         # list what fails

>>> check_passes({"kind": "tone", "value": "negative"}, Views.empty())
False
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["CHECKLIST_DIR", "Views", "check_passes", "read_checks", "score", "views_of"]

CHECKLIST_DIR = Path(__file__).resolve().parents[2] / "corpora" / "checklist"


def _split(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [v.strip() for v in str(value).replace(";", "、").split("、") if v.strip()]


@dataclass
class Views:
    """What a reader sees of one article in the report."""

    entities: list[tuple[str, str, str]] = field(default_factory=list)  # (text, canonical, label)
    roles: list[tuple[str, str, str]] = field(default_factory=list)  # (person, title, organization)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (speaker, text)
    reporters: list[str] = field(default_factory=list)
    byline_source: str = ""
    text: str = ""
    keywords: list[str] = field(default_factory=list)
    sentiment: str = ""
    entity_tones: dict[str, str] = field(default_factory=dict)
    date: str = ""

    @classmethod
    def empty(cls) -> Views:
        return cls()


def _str(value: Any) -> str:
    if value is None or (not isinstance(value, list | tuple) and bool(pd.isna(value))):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def views_of(tables: dict[str, pd.DataFrame]) -> dict[str, Views]:
    """One :class:`Views` per doc_id from a report's tables (``articles``, ``entities``, ``roles``,
    ``quotes``, ``keywords``, ``entity_tones``), as :class:`~toolkit.report.tables.CorpusReport` holds them."""
    out: dict[str, Views] = defaultdict(Views)
    for row in tables["articles"].to_dict("records"):
        v = out[_str(row["doc_id"])]
        v.reporters = _split(row.get("reporters"))
        v.byline_source = _str(row.get("byline_source"))
        v.text = _str(row.get("text"))
        v.sentiment = _str(row.get("sentiment"))
        v.date = _str(row.get("date"))[:10]
    for row in tables["entities"].to_dict("records"):
        out[_str(row["doc_id"])].entities.append((_str(row["text"]), _str(row["canonical"]), _str(row["label"])))
    for row in tables["roles"].to_dict("records"):
        for person in {_str(row["person"]), _str(row.get("person_canonical"))}:
            for org in {_str(row["organization"]), _str(row.get("organization_canonical"))}:
                out[_str(row["doc_id"])].roles.append((person, _str(row["title"]), org))
    for row in tables["quotes"].to_dict("records"):
        for speaker in {_str(row["speaker"]), _str(row.get("speaker_canonical"))}:
            out[_str(row["doc_id"])].quotes.append((speaker, _str(row["text"])))
    kw = tables["keywords"].sort_values(["doc_id", "rank"])
    for row in kw.to_dict("records"):
        out[_str(row["doc_id"])].keywords.append(_str(row["term"]))
    for row in tables["entity_tones"].to_dict("records"):
        out[_str(row["doc_id"])].entity_tones[_str(row["canonical"])] = _str(row["sentiment"])
    return dict(out)


#: Taiwan titles and the mainland titles OpenCC's Taiwan table gives for them: either counts.
_SAME_TITLE = {"执行长": "首席执行官", "财务长": "首席财务官", "营运长": "首席运营官", "技术长": "首席技术官"}


def _title(t: str) -> str:
    return _SAME_TITLE.get(t, t)


def check_passes(check: dict[str, Any], v: Views) -> bool:
    """Whether the report of one article satisfies one checklist line."""
    c: dict[str, str] = {k: _str(x) for k, x in check.items()}  # a null organisation is "", as in the report
    kind = c["kind"]
    if kind == "entity":
        return any(c["name"] in (text, canon) and label == c["label"] for text, canon, label in v.entities)
    if kind == "not_entity":
        return not any(c["name"] in (text, canon) for text, canon, _ in v.entities)
    if kind == "role":
        return any(p == c["person"] and _title(t) == _title(c["title"]) and o == c["org"] for p, t, o in v.roles)
    if kind == "quote":
        return any(s == c["speaker"] and c["contains"] in t for s, t in v.quotes)
    if kind == "not_quote":
        return not any(c["contains"] in t for _, t in v.quotes)
    if kind == "reporter":
        return c["name"] in v.reporters
    if kind == "source":
        return v.byline_source == c["name"]
    if kind == "furniture":
        return bool(v.text) and c["contains"] not in v.text
    if kind in ("clean_keeps", "simplified"):
        return c["contains"] in v.text
    if kind == "not_keyword":
        return c["term"] not in v.keywords
    if kind == "keyword":
        return c["term"] in v.keywords[:10]
    if kind == "tone":
        return v.sentiment == c["value"]
    if kind == "entity_tone":
        return v.entity_tones.get(c["name"]) == c["value"]
    if kind == "date":
        return v.date == c["value"]
    raise ValueError(f"unknown check kind {kind!r}")


def read_checks(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """The checklist lines of the given JSONL files."""
    out = []
    for p in paths:
        with p.open(encoding="utf-8") as f:
            out += [json.loads(line) for line in f if line.strip()]
    return out


def score(checks: Sequence[dict[str, Any]], views: dict[str, Views]
          ) -> tuple[float, dict[str, tuple[int, int]], list[dict[str, Any]]]:
    """(pass rate, {kind: (passed, total)}, failed checks)."""
    per: Counter[str] = Counter()
    ok: Counter[str] = Counter()
    failed = []
    for c in checks:
        per[c["kind"]] += 1
        if check_passes(c, views.get(c["id"], Views.empty())):
            ok[c["kind"]] += 1
        else:
            failed.append(c)
    total = sum(per.values())
    rate = sum(ok.values()) / total if total else 0.0
    return rate, {k: (ok[k], per[k]) for k in sorted(per)}, failed


def read_articles(directory: Path = CHECKLIST_DIR) -> pd.DataFrame:
    """The checklist's articles (all columns as strings, empty dates as missing)."""
    df = pd.read_csv(directory / "articles.csv", dtype=str, keep_default_na=False)
    df["date"] = df["date"].where(df["date"] != "", None)
    return df


def report_tables(df: pd.DataFrame, *, ner_model: bool | str = True) -> dict[str, pd.DataFrame]:
    """Analyse the articles with a default Analyzer (``ner_model``: its entity model); the
    report's tables by name."""
    from ..pipeline.analyzer import Analyzer

    report = Analyzer(ner_model=ner_model).analyze_corpus(df, id_col="id", progress=False)
    return {name: getattr(report, name) for name in ("articles", "entities", "roles", "quotes", "keywords",
                                                      "entity_tones")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.evaluate.checklist", description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=CHECKLIST_DIR, help="the checklist folder")
    ap.add_argument("--extra", action="store_true", help="also score checklist_extra.jsonl (separately)")
    ap.add_argument("--failures", action="store_true", help="list every failed check")
    ap.add_argument("--ner-model", choices=("default", "fast", "accurate"), default="default",
                    help="the entity model of the Analyzer (default: the default one)")
    ns = ap.parse_args(argv)
    ner_model: bool | str = True if ns.ner_model == "default" else ns.ner_model
    views = views_of(report_tables(read_articles(ns.dir), ner_model=ner_model))
    files = [("main", ns.dir / "checklist.jsonl")]
    if ns.extra:
        files.append(("extra", ns.dir / "checklist_extra.jsonl"))
    for name, path in files:
        rate, per, failed = score(read_checks([path]), views)
        print(f"{name}: {rate:.3f} of {sum(t for _, t in per.values())} checks pass")
        for kind, (k, n) in per.items():
            print(f"  {kind:12s} {k:3d}/{n:3d}")
        if ns.failures:
            for c in failed:
                print("  FAIL", json.dumps(c, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
