"""Self-check of the checklist (does not import the toolkit).
Run: /work/main/.venv/bin/python /work/checklist/validate.py"""
import collections, json, pathlib, sys
import pandas as pd

HERE = pathlib.Path(__file__).parent
TRAD = {"t09": "hk2s", "t10": "hk2s", "t11": "hk2s", "t12": "hk2s",
        "t13": "tw2sp", "t14": "tw2sp", "t15": "tw2sp", "t16": "tw2sp"}
KINDS = {"entity", "not_entity", "role", "quote", "not_quote", "reporter", "source", "furniture",
         "clean_keeps", "not_keyword", "keyword", "tone", "entity_tone", "date", "simplified"}
LABELS = {"PERSON", "COMPANY", "ORG", "PRODUCT", "LOC", "WORK"}
try:
    import opencc
    conv = {c: opencc.OpenCC(c) for c in set(TRAD.values())}
except ImportError:
    conv = None

df = pd.read_csv(HERE / "articles.csv", dtype=str, keep_default_na=False)
assert list(df.columns) == ["id", "date", "source", "title", "text"], df.columns
assert df.id.is_unique
texts = dict(zip(df.id, df.text))
errors, skipped = [], 0
for r in df.itertuples():
    if not 300 <= len(r.text) <= 900:
        errors.append(f"{r.id}: text length {len(r.text)}")
    if r.date:
        pd.Timestamp(r.date)

def check_file(name, min_per_article):
    global skipped
    checks = [json.loads(line) for line in open(HERE / name, encoding="utf-8")]
    per = collections.Counter(c["id"] for c in checks)
    for i in texts:
        if per[i] < min_per_article:
            errors.append(f"{name}: {i} has {per[i]} checks")
    for c in checks:
        i, k = c["id"], c["kind"]
        if i not in texts: errors.append(f"unknown id {i}"); continue
        if k not in KINDS: errors.append(f"{i}: unknown kind {k}")
        t = texts[i]
        if i in TRAD:
            if conv is None: skipped += 1; continue
            t = conv[TRAD[i]].convert(t)
        flat = t.replace(" ", "")
        for f in ("name", "contains", "term", "person", "title", "org", "speaker"):
            v = c.get(f)
            if v is not None and v not in t and v.replace(" ", "") not in flat:
                errors.append(f"{name}: {i} {k}.{f}={v!r} not in text")
        if k == "entity" and c["label"] not in LABELS: errors.append(f"{i}: bad label {c}")
        if k == "quote" and not 6 <= len(c["contains"]) <= 15: errors.append(f"{i}: quote length {c}")
        if k == "date":
            row = df[df.id == i].iloc[0]
            if row.date: errors.append(f"{i}: date check on a row with a date")
            pd.Timestamp(c["value"])
        if k in ("tone", "entity_tone") and c["value"] not in ("positive", "negative", "neutral"):
            errors.append(f"{i}: bad tone {c}")
    return checks

main = check_file("checklist.jsonl", 5)
extra = check_file("checklist_extra.jsonl", 0)
print(f"{len(df)} articles, {len(main)} checks (+{len(extra)} extra), skipped {skipped} (no opencc)")
print("per kind:", dict(collections.Counter(c["kind"] for c in main)))
print("errors:", len(errors)); [print(" ", e) for e in errors]
sys.exit(1 if errors else 0)
