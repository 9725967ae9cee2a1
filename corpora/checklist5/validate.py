"""Validate articles.csv and checklist.jsonl (run with /work/main/.venv/bin/python)."""
import json
import re
from collections import Counter
from pathlib import Path

import opencc
import pandas as pd

HERE = Path(__file__).resolve().parent
KINDS = {
    "entity": ["name", "label"], "not_entity": ["name"], "role": ["person", "title", "org"],
    "quote": ["speaker", "contains"], "not_quote": ["contains"], "reporter": ["name"],
    "source": ["name"], "furniture": ["contains"], "clean_keeps": ["contains"],
    "simplified": ["contains"], "keyword": ["term"], "not_keyword": ["term"], "tone": ["value"],
    "entity_tone": ["name", "value"], "date": ["value"],
}
LABELS = {"PERSON", "COMPANY", "ORG", "PRODUCT", "LOC", "WORK"}
TONES = {"positive", "negative", "neutral"}
T2S, TW2SP, HK2S = opencc.OpenCC("t2s"), opencc.OpenCC("tw2sp"), opencc.OpenCC("hk2s")
TRAD = re.compile("[這說們體機總區據與對會發國們時後報導為]")
errors: list[str] = []


def err(msg):
    errors.append(msg)


df = pd.read_csv(HERE / "articles.csv", dtype=str, keep_default_na=False)
assert list(df.columns) == ["id", "date", "source", "title", "text"], df.columns
raw = (HERE / "articles.csv").read_text(encoding="utf-8")
import csv as _csv  # every field quoted: re-reading with QUOTE_NONE must show quotes around every field
for rec in _csv.reader(raw.splitlines()[:1]):
    if not all(True for _ in rec) or not raw.startswith('"id","date","source","title","text"'):
        err("header fields not quoted")
if raw.count('"') % 2:
    err("unbalanced quotes in CSV")
ids = list(df["id"])
if ids != [f"n{i:02d}" for i in range(1, 31)]:
    err(f"ids: {ids}")
arts = {r["id"]: r for r in df.to_dict("records")}
checks = [json.loads(l) for l in (HERE / "checklist.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]

views = {}
for i, r in arts.items():
    n = len(r["text"])
    if not 300 <= n <= 700:
        err(f"{i}: length {n}")
    if r["date"] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]):
        err(f"{i}: date {r['date']!r}")
    trad = bool(TRAD.search(r["text"]))
    flat = r["text"].replace("\r", "").replace("\n", "")
    s = T2S.convert(flat)
    region = TW2SP.convert(flat) if "台北报导" in s else HK2S.convert(flat) if trad else flat
    views[i] = {"trad": trad, "orig": flat, "t2s": s, "region": region}
    first = r["text"].splitlines()[0]
    if T2S.convert(first).replace("-B", "").replace("-SW", "") not in (T2S.convert(r["title"]),) and \
            T2S.convert(r["title"]) not in T2S.convert(first) and T2S.convert(first) not in T2S.convert(r["title"]):
        # the first line need not repeat the title exactly (tags, class marks); report for review
        print(f"  note {i}: first line differs from title")

per_art = Counter(c["id"] for c in checks)
for i in ids:
    if not 10 <= per_art[i] <= 13:
        err(f"{i}: {per_art[i]} checks")

STRING_FIELDS = {"entity": ["name"], "not_entity": [], "role": ["person", "title"], "quote": ["contains"],
                 "not_quote": [], "reporter": ["name"], "source": [], "furniture": ["contains"],
                 "clean_keeps": ["contains"], "simplified": ["contains"], "keyword": ["term"],
                 "not_keyword": [], "tone": [], "entity_tone": ["name"], "date": []}
seen = set()
for c in checks:
    i, k = c.get("id"), c.get("kind")
    key = json.dumps(c, ensure_ascii=False, sort_keys=True)
    if key in seen:
        err(f"duplicate {key}")
    seen.add(key)
    if i not in arts:
        err(f"unknown id {c}")
        continue
    if k not in KINDS:
        err(f"kind {c}")
        continue
    if set(c) != {"id", "kind", *KINDS[k]}:
        err(f"fields {c}")
    v = views[i]
    if k == "entity" and c["label"] not in LABELS:
        err(f"label {c}")
    if k in ("tone", "entity_tone") and c["value"] not in TONES:
        err(f"tone value {c}")
    if k == "role" and c["org"] is not None and c["org"] not in v["t2s"]:
        err(f"role org not in text {c}")
    if k == "quote" and c["speaker"] not in v["t2s"]:
        err(f"speaker not in text {c}")
    if k == "date":
        if arts[i]["date"]:
            err(f"date check on a row with a date {c}")
        y, m, d = c["value"].split("-")
        if not any(p in v["t2s"] for p in (c["value"], f"{y}年{int(m)}月{int(d)}日", f"{y}年{m}月{d}日")):
            err(f"date not printed in the copy {c}")
    if k == "simplified":
        if c["contains"] not in v["region"]:
            err(f"simplified string not in regional conversion {c}")
        if not v["trad"]:
            err(f"simplified check on a Simplified row {c}")
        continue
    if k == "furniture":
        cnt = v["orig"].count(c["contains"]) if not v["trad"] else v["t2s"].count(c["contains"])
        if cnt != 1:
            err(f"furniture occurs {cnt} times {c}")
    for f in STRING_FIELDS[k]:
        val = c[f]
        if val not in v["t2s"]:
            err(f"{f} not in t2s text {c}")
        elif v["trad"] and val not in v["region"] and not (k == "role" and f == "title"):
            err(f"{f} changed by the regional conversion {c}")
    if k in ("not_entity", "not_quote", "not_keyword", "source"):
        val = c[KINDS[k][0]]
        if k != "not_keyword" and val not in v["t2s"]:
            err(f"{k} string not in text {c}")
    if k == "not_keyword" and c["term"] not in v["t2s"] and c["term"] not in raw:
        err(f"not_keyword string not in text {c}")

dates_empty = sum(1 for r in arts.values() if not r["date"])
dchecks = Counter(c["id"] for c in checks if c["kind"] == "date")
for i, r in arts.items():
    if not r["date"] and not dchecks[i]:
        err(f"{i}: empty date but no date check")

kinds = Counter(c["kind"] for c in checks)
print(f"articles: {len(arts)}  checks: {len(checks)}  per article: {min(per_art.values())}-{max(per_art.values())}")
print(f"lengths: {min(len(r['text']) for r in arts.values())}-{max(len(r['text']) for r in arts.values())} chars; "
      f"empty date: {dates_empty}; Traditional rows: {sum(v['trad'] for v in views.values())}")
print("kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
labels = Counter(c["label"] for c in checks if c["kind"] == "entity")
print("entity labels: " + ", ".join(f"{k} {n}" for k, n in sorted(labels.items())))
print("roles with null org:", sum(1 for c in checks if c["kind"] == "role" and c["org"] is None))
if errors:
    print(f"{len(errors)} ERRORS")
    for e in errors:
        print("  ", e)
    raise SystemExit(1)
print("OK: all checks valid")
