# -*- coding: utf-8 -*-
"""Build articles.csv and checklist.jsonl from arts_a/b/c.py (check DSL described in arts_a.py)."""
import csv, json, sys
sys.path.insert(0, ".")
from arts_a import A
from arts_b import B
from arts_c import C

ARTS = A + B + C
KINDS = {"E": ("entity", ["name", "label"]), "NE": ("not_entity", ["name"]),
         "R": ("role", ["person", "title", "org"]), "Q": ("quote", ["speaker", "contains"]),
         "NQ": ("not_quote", ["contains"]), "REP": ("reporter", ["name"]), "SRC": ("source", ["name"]),
         "F": ("furniture", ["contains"]), "CK": ("clean_keeps", ["contains"]),
         "KW": ("keyword", ["term"]), "NKW": ("not_keyword", ["term"]), "T": ("tone", ["value"]),
         "ET": ("entity_tone", ["name", "value"]), "D": ("date", ["value"]), "S": ("simplified", ["contains"])}

with open("articles.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL)
    w.writerow(["id", "date", "source", "title", "text"])
    for a in ARTS:
        w.writerow([a["id"], a["date"], a["source"], a["title"], a["text"]])

MAX = 12
ALWAYS = {"NE", "NQ", "REP", "SRC", "F", "CK", "KW", "NKW", "T", "ET", "D", "S"}


def select(lines):
    """Keep every check of the scarce kinds and every starred (*) line, then fill up to MAX with entities, quotes and
    roles taken in turn (in the order written), and restore the written order."""
    keep = [i for i, l in enumerate(lines) if l.split(" ", 1)[0] in ALWAYS or l.startswith("*")]
    pools = [[i for i, l in enumerate(lines) if l.split(" ", 1)[0] == t] for t in ("E", "Q", "R")]
    while len(keep) < MAX and any(pools):
        for pool in pools:
            if pool and len(keep) < MAX:
                keep.append(pool.pop(0))
    assert len(keep) <= MAX, lines
    return [lines[i].lstrip("*") for i in sorted(keep)]


with open("checklist.jsonl", "w", encoding="utf-8") as f:
    for a in ARTS:
        for line in select(a["checks"].strip().splitlines()):
            tag, _, rest = line.partition(" ")
            kind, fields = KINDS[tag]
            vals = rest.split("|") if len(fields) > 1 else [rest]
            assert len(vals) == len(fields), line
            obj = {"id": a["id"], "kind": kind}
            for k, v in zip(fields, vals):
                obj[k] = None if (k == "org" and v == "-") else v
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
print(len(ARTS), "articles written")
