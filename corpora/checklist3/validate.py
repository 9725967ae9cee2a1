"""Self-check of the outside reader's test set: run with .venv/bin/python (from the repository root) validate.py

Checks that articles.csv parses with pandas, every article has 300-900 characters and 8-12 checks,
the text repeats the headline, every expected string occurs in the text (Traditional rows after
OpenCC t2s), 'simplified' strings appear only after the regional conversion (tw2sp / hk2s), dates
of rows with an empty date are printed in the text, and the set reaches the required counts per kind.
Exit status 1 on any error.
"""
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import opencc
import pandas as pd

HERE = Path(__file__).resolve().parent
TRAD = {"k11": "hk2s", "k12": "tw2sp", "k13": "tw2sp", "k14": "hk2s", "k15": "tw2sp"}
LABELS = {"PERSON", "COMPANY", "PRODUCT", "ORG", "LOC", "WORK"}
TONES = {"positive", "negative", "neutral"}
FIELDS = {
    "entity": ["name", "label"], "not_entity": ["name"], "role": ["person", "title", "org"],
    "quote": ["speaker", "contains"], "not_quote": ["contains"], "reporter": ["name"],
    "source": ["name"], "furniture": ["contains"], "clean_keeps": ["contains"], "keyword": ["term"],
    "not_keyword": ["term"], "tone": ["value"], "entity_tone": ["name", "value"], "date": ["value"],
    "simplified": ["contains"],
}
MINIMA = {  # kind group -> minimum over the set
    ("entity",): 80, ("role",): 25, ("quote",): 30, ("not_quote",): 10, ("reporter", "source"): 20,
    ("furniture", "clean_keeps"): 20, ("keyword", "not_keyword"): 15, ("tone", "entity_tone"): 15,
    ("date",): 8,
}
t2s = opencc.OpenCC("t2s")
regional = {c: opencc.OpenCC(c) for c in set(TRAD.values())}
errors, warnings = [], []


def err(msg):
    errors.append(msg)


def main():
    df = pd.read_csv(HERE / "articles.csv", dtype=str, keep_default_na=False)
    if list(df.columns) != ["id", "date", "source", "title", "text"]:
        err(f"columns {list(df.columns)}")
    if list(df["id"]) != [f"k{i:02d}" for i in range(1, 31)]:
        err("ids are not k01..k30 in order")
    arts = {r.id: r for r in df.itertuples(index=False)}
    plain = {}  # id -> text the expected strings are read against
    for r in arts.values():
        if r.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.date):
            err(f"{r.id}: date {r.date!r} is not ISO")
        if r.date:
            pd.Timestamp(r.date)
        n = len(r.text)
        if not 300 <= n <= 900:
            err(f"{r.id}: text has {n} characters")
        text = t2s.convert(r.text) if r.id in TRAD else r.text
        title = t2s.convert(r.title) if r.id in TRAD else r.title
        if r.id in TRAD and text == r.text:
            err(f"{r.id}: marked Traditional but t2s changes nothing")
        if r.id not in TRAD and t2s.convert(r.text) != r.text:
            warnings.append(f"{r.id}: Simplified row has characters t2s changes")
        lines = text.split("\n")
        if lines[0].strip() != title.strip():
            if not any(title.strip() in ln for ln in lines[:3]) and "原标题" not in lines[0]:
                err(f"{r.id}: the text does not repeat the headline")
            else:
                warnings.append(f"{r.id}: first line is not the headline (web copy: {lines[0][:20]}…)")
        plain[r.id] = text

    checks = []
    for i, line in enumerate((HERE / "checklist.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            checks.append(json.loads(line))
        except json.JSONDecodeError as e:
            err(f"checklist line {i}: {e}")
    per = defaultdict(list)
    for c in checks:
        per[c.get("id")].append(c)
        aid, kind = c.get("id"), c.get("kind")
        if aid not in arts:
            err(f"check for unknown article {aid}")
            continue
        if kind not in FIELDS:
            err(f"{aid}: unknown kind {kind}")
            continue
        if set(c) != {"id", "kind", *FIELDS[kind]}:
            err(f"{aid}: {kind} has fields {sorted(c)}")
            continue
        text = plain[aid]
        flat = text.replace("\n", "")

        def need(s, where=text, what=""):
            if not isinstance(s, str) or not s:
                err(f"{aid}: {kind} {what} empty")
            elif s not in where:
                err(f"{aid}: {kind} {what} {s!r} not in text")
            elif aid in TRAD and kind not in ("simplified",) and what != "title":
                reg = regional[TRAD[aid]].convert(arts[aid].text).replace("\n", "")
                if s not in reg:
                    warnings.append(f"{aid}: {kind} {s!r} reads differently after {TRAD[aid]}")

        if kind == "entity":
            need(c["name"], what="name")
            if c["label"] not in LABELS:
                err(f"{aid}: label {c['label']}")
        elif kind in ("not_entity", "reporter", "source"):
            need(c["name"], what="name")
        elif kind == "role":
            need(c["person"], what="person")
            need(c["title"], what="title")
            if c["org"] is not None:
                need(c["org"], what="org")
                if not re.search(re.escape(c["org"]) + r"[^，。]{0,14}?" + re.escape(c["title"]), text):
                    warnings.append(f"{aid}: role org {c['org']!r} not right before {c['title']!r}")
            if not re.search(re.escape(c["title"]) + r"((兼|、)[^，。]{1,12})?" + re.escape(c["person"]), text):
                err(f"{aid}: role title {c['title']!r} is not right before {c['person']!r}")
        elif kind == "quote":
            need(c["speaker"], what="speaker")
            need(c["contains"], what="contains")
        elif kind in ("not_quote", "furniture"):
            need(c["contains"], what="contains")
        elif kind == "clean_keeps":
            need(c["contains"], where=flat, what="contains (line breaks removed)")
        elif kind in ("keyword", "not_keyword"):
            need(c["term"], what="term")
        elif kind == "tone":
            if c["value"] not in TONES:
                err(f"{aid}: tone {c['value']}")
        elif kind == "entity_tone":
            need(c["name"], what="name")
            if c["value"] not in TONES:
                err(f"{aid}: tone {c['value']}")
        elif kind == "date":
            v = c["value"]
            if arts[aid].date:
                err(f"{aid}: date check on a row that has a date")
            try:
                y, m, d = (int(x) for x in v.split("-"))
            except ValueError:
                err(f"{aid}: date {v!r}")
                continue
            forms = [f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}/{m}/{d}"]
            if not any(f in text for f in forms) and not re.search(rf"{y}年{m}月{d}日电", text):
                err(f"{aid}: date {v} not printed in the text")
        elif kind == "simplified":
            if aid not in TRAD:
                err(f"{aid}: simplified check on a Simplified row")
            reg = regional[TRAD[aid]].convert(arts[aid].text)
            if c["contains"] not in reg:
                err(f"{aid}: {c['contains']!r} not produced by {TRAD[aid]}")
            if c["contains"] in text:
                warnings.append(f"{aid}: {c['contains']!r} already in the t2s text")

    for aid in arts:
        cs = per.get(aid, [])
        if not 8 <= len(cs) <= 12:
            err(f"{aid}: {len(cs)} checks")
        # consistency inside an article
        labels = defaultdict(set)
        for c in cs:
            if c["kind"] == "entity":
                labels[c["name"]].add(c["label"])
        for n, ls in labels.items():
            if len(ls) > 1:
                err(f"{aid}: {n} has labels {ls}")
        ents = set(labels)
        quoted = [c["contains"] for c in cs if c["kind"] == "quote"]
        for c in cs:
            if c["kind"] == "not_entity" and c["name"] in ents:
                err(f"{aid}: {c['name']} is both entity and not_entity")
            if c["kind"] == "not_quote" and any(c["contains"] in q or q in c["contains"] for q in quoted):
                err(f"{aid}: not_quote {c['contains']!r} overlaps a quote")
            if c["kind"] == "furniture":
                for k in cs:
                    if k["kind"] == "clean_keeps" and (k["contains"] in c["contains"] or c["contains"] in k["contains"]):
                        err(f"{aid}: furniture and clean_keeps overlap")
        if not arts[aid].date and not any(c["kind"] == "date" for c in cs):
            warnings.append(f"{aid}: empty date without a date check")

    kinds = Counter(c["kind"] for c in checks)
    for group, low in MINIMA.items():
        n = sum(kinds[k] for k in group)
        if n < low:
            err(f"only {n} checks of kind {'/'.join(group)} (need {low})")
    print(f"{len(arts)} articles, {len(checks)} checks")
    print("per kind:", ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    print("empty dates:", sum(1 for r in arts.values() if not r.date))
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print("FAIL" if errors else "OK")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
