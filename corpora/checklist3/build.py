"""Assemble articles.csv and checklist.jsonl from the hand-written build_a/b/c.py.

Run with the toolkit's venv (it has pandas and opencc):  .venv/bin/python (from the repository root) build.py
Traditional rows (trad="hk"/"tw") are drafted in Simplified characters with the regional wording
of the papers and converted character by character here (OpenCC s2hk / s2tw).
"""
import csv
import json
import sys
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build_a, build_b, build_c  # noqa: E402

CONV = {"hk": opencc.OpenCC("s2hk"), "tw": opencc.OpenCC("s2tw")}


def to_trad(s, kind):
    t = CONV[kind].convert(s).replace("發佈", "發布").replace("一齣", "一出").replace("奈米制程", "奈米製程")
    if kind == "tw":
        t = t.replace("臺", "台")
    # Hong Kong and Taiwan papers quote with corner brackets
    return t.translate(str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"}))


def main():
    arts = build_a.ARTS + build_b.ARTS + build_c.ARTS
    rows, checks = [], []
    for a in arts:
        title, text = a["title"], a["text"]
        if a.get("trad"):
            title, text = to_trad(title, a["trad"]), to_trad(text, a["trad"])
        rows.append({"id": a["id"], "date": a["date"], "source": a["source"], "title": title, "text": text})
        for c in a["checks"]:
            checks.append({"id": a["id"], **c})
    with open(HERE / "articles.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "date", "source", "title", "text"], quoting=csv.QUOTE_ALL)
        w.writeheader()
        w.writerows(rows)
    with open(HERE / "checklist.jsonl", "w", encoding="utf-8") as f:
        for c in checks:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(len(rows), "articles,", len(checks), "checks")


if __name__ == "__main__":
    main()
