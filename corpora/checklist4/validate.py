# -*- coding: utf-8 -*-
"""Validate articles.csv + checklist.jsonl. Run: .venv/bin/python corpora/checklist4/validate.py (from the repository root)"""
import collections, json, re, sys
import opencc
import pandas as pd

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
T2S = opencc.OpenCC("t2s")
REGIONAL = [opencc.OpenCC("tw2sp"), opencc.OpenCC("hk2s")]
LABELS = {"PERSON", "COMPANY", "PRODUCT", "ORG", "LOC", "WORK"}
TONES = {"positive", "negative", "neutral"}
FIELDS = {"entity": ["name", "label"], "not_entity": ["name"], "role": ["person", "title", "org"],
          "quote": ["speaker", "contains"], "not_quote": ["contains"], "reporter": ["name"],
          "source": ["name"], "furniture": ["contains"], "clean_keeps": ["contains"],
          "keyword": ["term"], "not_keyword": ["term"], "tone": ["value"],
          "entity_tone": ["name", "value"], "date": ["value"], "simplified": ["contains"]}
# unnamed-source nouns: the speaker is a bare noun; it must occur in the text too
errors = []


def err(msg):
    errors.append(msg)


df = pd.read_csv(f"{HERE}/articles.csv", dtype=str, keep_default_na=False)
if list(df.columns) != ["id", "date", "source", "title", "text"]:
    err(f"columns {list(df.columns)}")
if len(df) != 30 or df["id"].tolist() != [f"m{i:02d}" for i in range(1, 31)]:
    err("ids must be m01..m30")

texts, trad = {}, {}
for r in df.itertuples():
    n = len(r.text)
    if not 300 <= n <= 900:
        err(f"{r.id}: length {n}")
    if r.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.date):
        err(f"{r.id}: bad date {r.date!r}")
    s = T2S.convert(r.text)
    trad[r.id] = s != r.text
    texts[r.id] = s
    # headline repeated: first line, or (web copy) within the first three lines after a 【】 tag
    first = [re.sub(r"^【[^】]*】", "", ln).strip() for ln in r.text.splitlines()[:3]]
    if r.title.strip() not in first:
        err(f"{r.id}: title not among the first lines")
    elif first[0] != r.title.strip():
        print(f"note {r.id}: headline is not the first line (web header / 原标题 / tag first)")

checks = [json.loads(l) for l in open(f"{HERE}/checklist.jsonl", encoding="utf-8") if l.strip()]
per_art = collections.Counter(c["id"] for c in checks)
kinds = collections.Counter(c["kind"] for c in checks)
dates = dict(zip(df["id"], df["date"]))


def occurs(rid, s):
    t = texts[rid]
    return s in t or s in t.replace("\n", "")


for c in checks:
    rid, kind = c.get("id"), c.get("kind")
    if rid not in texts:
        err(f"unknown id {c}")
        continue
    if kind not in FIELDS:
        err(f"unknown kind {c}")
        continue
    if set(c) != {"id", "kind", *FIELDS[kind]}:
        err(f"fields {c}")
        continue
    if kind == "entity" and c["label"] not in LABELS:
        err(f"label {c}")
    if kind in ("tone", "entity_tone") and c["value"] not in TONES:
        err(f"tone value {c}")
    if kind == "date":
        if dates[rid]:
            err(f"date check on a row with a date {c}")
        y, m, d = c["value"].split("-")
        forms = [c["value"], f"{y}年{int(m)}月{int(d)}日"]
        if not any(f in texts[rid] for f in forms):
            err(f"date not given in full in the text {c}")
        continue
    if kind == "simplified":
        if not trad[rid]:
            err(f"simplified check on a Simplified row {c}")
        if not any(c["contains"] in cc.convert(df.set_index("id").loc[rid, "text"]) for cc in REGIONAL):
            err(f"simplified form not produced by tw2sp/hk2s {c}")
        if c["contains"] in texts[rid]:
            print(f"note {rid}: simplified form {c['contains']} already given by plain t2s")
        continue
    if kind in ("tone",):
        continue
    if kind == "furniture" and texts[rid].count(c["contains"]) != 1:
        err(f"{rid}: furniture string not present exactly once {c}")
    for k in FIELDS[kind]:
        v = c[k]
        if k in ("label", "value") or v is None:
            continue
        if not occurs(rid, v):
            err(f"{rid}: {k}={v!r} not in text ({kind})")
    if trad[rid]:
        # a string from a Traditional row should read the same after the regional converters
        # (role titles excepted: the brief asks for plain character conversion, 执行长)
        for k in FIELDS[kind]:
            v = c[k]
            if k in ("label", "value", "title") or v is None:
                continue
            reg = REGIONAL[0].convert(df.set_index("id").loc[rid, "text"])
            if v not in reg and v not in reg.replace("\n", ""):
                print(f"note {rid}: {v!r} differs under tw2sp (regional wording)")

for rid in texts:
    if per_art[rid] < 8:
        err(f"{rid}: only {per_art[rid]} checks")
    if per_art[rid] > 12:
        err(f"{rid}: {per_art[rid]} checks (more than 12)")

need = {"entity": 80, "role": 25, "quote": 30, "not_quote": 10, ("reporter", "source"): 20,
        ("furniture", "clean_keeps"): 20, ("keyword", "not_keyword"): 15, ("tone", "entity_tone"): 10,
        "date": 8}
for k, n in need.items():
    got = sum(kinds[x] for x in (k if isinstance(k, tuple) else (k,)))
    if got < n:
        err(f"too few {k}: {got} < {n}")
empty = sum(1 for d in dates.values() if not d)
print(f"{len(df)} articles, {len(checks)} checks, {empty} empty dates, "
      f"lengths {df.text.str.len().min()}-{df.text.str.len().max()}")
print(dict(sorted(kinds.items())))
if errors:
    print("\n".join(errors))
    sys.exit(f"FAILED: {len(errors)} problems")
print("OK")
