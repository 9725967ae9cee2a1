"""Compact notation for the held-out articles and their checks.

A(id, date, source, text, checks, title=None, script=None)
  text     the scraped copy; written in Simplified for mainland rows. For Hong Kong rows
           (script="hk") and Taiwan rows (script="tw") the source text below is written in
           Simplified characters with the region's own wording (执行长, 晶片, 软体, 人工智慧,
           立法会, 港府 …) and converted to Traditional characters with OpenCC s2hk / s2tw
           (characters only, no phrase change) by build.py.
  title    the title column; defaults to the text's first line (the scraped copy repeats it).
  checks   one check per line, "CODE field|field":
    E name|LABEL        entity            NE name            not_entity
    R person|title|org  role (org "-" = null)
    Q speaker|contains  quote             NQ contains        not_quote
    REP name            reporter          SRC name           source (byline source)
    F contains          furniture         K contains         clean_keeps
    S contains          simplified        KW term            keyword
    NKW term            not_keyword       T value            tone
    ET name|value       entity_tone       D YYYY-MM-DD       date
  All expected strings are in Simplified characters (what OpenCC t2s gives for HK/TW rows).
"""
from dataclasses import dataclass


@dataclass
class A:
    id: str
    date: str
    source: str
    text: str
    checks: str
    title: str | None = None
    script: str | None = None


CODES = {
    "E": ("entity", ["name", "label"]),
    "NE": ("not_entity", ["name"]),
    "R": ("role", ["person", "title", "org"]),
    "Q": ("quote", ["speaker", "contains"]),
    "NQ": ("not_quote", ["contains"]),
    "REP": ("reporter", ["name"]),
    "SRC": ("source", ["name"]),
    "F": ("furniture", ["contains"]),
    "K": ("clean_keeps", ["contains"]),
    "S": ("simplified", ["contains"]),
    "KW": ("keyword", ["term"]),
    "NKW": ("not_keyword", ["term"]),
    "T": ("tone", ["value"]),
    "ET": ("entity_tone", ["name", "value"]),
    "D": ("date", ["value"]),
}


def parse_checks(art_id: str, block: str) -> list[dict]:
    out = []
    for line in block.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        code, _, rest = line.partition(" ")
        kind, fields = CODES[code]
        vals = rest.split("|")
        if len(vals) != len(fields):
            raise ValueError(f"{art_id}: {line!r} needs {fields}")
        obj = {"id": art_id, "kind": kind}
        for f, v in zip(fields, vals):
            obj[f] = None if (kind == "role" and f == "org" and v == "-") else v
        out.append(obj)
    return out
