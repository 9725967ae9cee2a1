"""Write articles.csv and checklist.jsonl from arts_a/b/c.py."""
import csv
import json
from pathlib import Path

import opencc

from arts_a import ARTS as A1
from arts_b import ARTS as A2
from arts_c import ARTS as A3
from common import parse_checks

HERE = Path(__file__).resolve().parent
CONV = {"hk": opencc.OpenCC("s2hk"), "tw": opencc.OpenCC("s2tw")}


#: local usage OpenCC's character tables do not give (Taiwan papers write 台北/新台幣; HK 啟德, 應佔)
LOCAL = {"tw": [("臺", "台")], "hk": [("啓", "啟"), ("應占", "應佔")]}


def fix(script, s):
    for a, b in LOCAL[script]:
        s = s.replace(a, b)
    return s


def articles():
    for a in A1 + A2 + A3:
        text = a.text.strip("\n")
        title = a.title if a.title is not None else text.splitlines()[0]
        source = a.source
        if a.script:
            text, title, source = (fix(a.script, CONV[a.script].convert(x)) for x in (text, title, source))
        yield a, title, text, source


def main():
    rows, checks = [], []
    for a, title, text, source in articles():
        rows.append({"id": a.id, "date": a.date, "source": source, "title": title, "text": text})
        checks += parse_checks(a.id, a.checks)
    with open(HERE / "articles.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "date", "source", "title", "text"], quoting=csv.QUOTE_ALL)
        w.writeheader()
        w.writerows(rows)
    with open(HERE / "checklist.jsonl", "w", encoding="utf-8") as f:
        for c in checks:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} articles, {len(checks)} checks")


if __name__ == "__main__":
    main()
