"""Recipe for ``models/gazetteer/places.tsv``: ``python -m toolkit.train.places`` (``make train-places``).

Reads the administrative divisions of China and the world's countries and major cities that
the ``jionlp`` package ships (Apache-2.0; data files ``dictionary/china_location.zip`` and
``dictionary/world_location.txt``, read as files, the package is not imported) and writes one
place a line, ``name<TAB>canonical<TAB>level``:

- provinces, cities and counties (districts) under their full names (泸州市, 顺德区) and, when
  the short form is no common word, under it too (泸州, 顺德; not 和平 of 和平区, 城关 of 城关镇):
  a short form is kept when jieba's IDF table rates it at least :data:`MIN_SHORT_IDF`
  (or lacks it) and it is unique to one place (朝阳 names several districts: left out);
- towns and sub-districts under their full names only (张江镇, 五里店街道);
- countries under their common and official names, capitals and listed major cities
  (level ``world_city``: many are also people's names, 华盛顿, 维多利亚).

The toolkit reads the file in :mod:`toolkit.ner.places`. Re-run with a newer ``jionlp`` to
refresh it; ``--jionlp DIR`` points at an unpacked copy of the package instead.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import zipfile
from collections import Counter
from pathlib import Path

from ..keywords import IdfTable, jieba_idf_path
from ..resources import default_model_dir

__all__ = ["MIN_SHORT_IDF", "china_places", "main", "world_places"]

#: A short form (泸州 of 泸州市) is a place name only if it is this rare in general text.
MIN_SHORT_IDF = 8.0
#: Ends of administrative names: a short form is the name without them.
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "新区",
             "省", "市", "区", "县", "盟", "旗")
#: Ends of town-level names (kept only in full).
_TOWN_ENDS = ("镇", "乡", "街道", "苏木")


def _package_dir(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    spec = importlib.util.find_spec("jionlp")
    if spec is None or spec.origin is None:
        raise SystemExit("the jionlp package is not installed: pip install -e .[train] (or pass --jionlp DIR)")
    return Path(spec.origin).parent


def china_places(text: str, idf: IdfTable) -> list[tuple[str, str, str]]:
    """(name, canonical, level) rows from the text of ``china_location.txt`` (tab-indented:
    province, city, county, town, village; villages are left out).

    >>> rows = china_places("四川省\\t510000\\t四川\\n\\t泸州市\\t510500\\t泸州\\n\\t\\t江阳区\\t1\\t江阳\\n"
    ...                     "\\t\\t\\t华亭镇\\n", IdfTable({}, 10.0))
    >>> [r for r in rows if r[0] in ("泸州市", "泸州", "华亭镇")]
    [('泸州市', '泸州', 'city'), ('泸州', '泸州', 'city'), ('华亭镇', '华亭镇', 'town')]
    """
    levels = ("province", "city", "county", "town")
    full: list[tuple[str, str, str]] = []
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = [p.strip() for p in line.strip("\t").split("\t")]
        if depth >= len(levels) or not parts or not parts[0]:
            continue
        name = parts[0]
        level = levels[depth]
        if level == "town":
            if name.endswith(_TOWN_ENDS) and len(name) >= 3:
                full.append((name, name, level))
            continue
        short = parts[2] if len(parts) >= 3 and parts[2] else _short(name)
        full.append((name, short, level))
    short_count = Counter(short for _, short, level in full if level != "town")
    rows: list[tuple[str, str, str]] = []
    for name, short, level in full:
        rows.append((name, short if level != "town" else name, level))
        if level != "town" and short != name and len(short) >= 2 and short_count[short] == 1 \
                and (short not in idf or idf.get(short) >= MIN_SHORT_IDF):
            rows.append((short, short, level))
    return rows


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def world_places(text: str) -> list[tuple[str, str, str]]:
    """(name, canonical, level) rows from ``world_location.txt``: country, official name,
    capital, major cities (``/``-separated); continent headings end with a colon.

    >>> [r[0] for r in world_places("亚洲:\\n日本\\t日本国\\t东京\\t大阪/京都\\n")]
    ['日本', '日本国', '东京', '大阪', '京都']
    """
    rows: list[tuple[str, str, str]] = []
    for line in text.splitlines():
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 2 or not parts[0] or parts[0].endswith((":", "：")):
            continue
        country = parts[0]
        rows.append((country, country, "country"))
        if parts[1] and parts[1] != country:
            rows.append((parts[1], country, "country"))
        cities = ([parts[2]] if len(parts) > 2 and parts[2] else []) + (parts[3].split("/") if len(parts) > 3 else [])
        rows += [(c, c, "world_city") for c in cities if len(c) >= 2 and c != country]
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jionlp", default=None, help="an unpacked jionlp package (default: the installed one)")
    ap.add_argument("--dest", default=str(default_model_dir() / "gazetteer" / "places.tsv"))
    ns = ap.parse_args(argv)
    d = _package_dir(ns.jionlp) / "dictionary"
    with zipfile.ZipFile(d / "china_location.zip") as z:
        name = next(n for n in z.namelist() if n.endswith(".txt"))
        china = io.TextIOWrapper(z.open(name), encoding="utf-8").read()
    world = (d / "world_location.txt").read_text(encoding="utf-8")
    idf = IdfTable.from_files([jieba_idf_path()])
    rows = china_places(china, idf) + world_places(world)
    seen: dict[str, tuple[str, str]] = {}
    for n, canonical, level in rows:
        seen.setdefault(n, (canonical, level))
    dest = Path(ns.dest)
    lines = ["# Places: name<TAB>canonical<TAB>level. Made by `make train-places` (toolkit/train/places.py)",
             "# from the jionlp package's location dictionaries (Apache-2.0,",
             "# https://github.com/dongrixinyu/JioNLP); see README.md."]
    lines += [f"{n}\t{c}\t{lv}" for n, (c, lv) in sorted(seen.items())]
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = Counter(lv for _, lv in seen.values())
    print(f"wrote {len(seen)} places to {dest}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
