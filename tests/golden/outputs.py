"""Golden outputs: what the toolkit gives today on fixed inputs, as plain JSON (issue #25).

A refactoring must not change them. ``python tests/golden/outputs.py`` rewrites the stored
files (do that only in a commit that fixes a bug, and say which in the message);
``tests/test_golden.py`` recomputes and compares.

Inputs: every file of ``corpora/samples`` (``analyze_file``), the sentences of the entity dev
sets (``entities_many``), the paragraphs of the quote dev set (``analyze``), the sentences of
the tone dev set (``sentiment``), and the report tables of the outside checklist's CSV
(``analyze_corpus`` with a title column), floats rounded to 4 places.
"""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def _plain(value: Any) -> Any:
    """JSON-ready copy: dataclasses to dicts, tuples to lists, floats rounded."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return None if value != value else round(value, 4)
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def _article(art: Any) -> dict[str, Any]:
    out = _plain(art)
    tokens = out.pop("tokens")
    out["tokens"] = " ".join(f"{t['text']}/{t['pos']}" for t in tokens)
    out.pop("meta", None)
    return dict(out)


def entity_sentences() -> list[str]:
    from toolkit.evaluate.annotated import read_marked

    files = [ROOT / "corpora/annotated/entities_dev.txt", ROOT / "corpora/heldout/entities_dev.txt"]
    return [text for f in files for text, _ in read_marked(f)]


def quote_paragraphs() -> list[str]:
    from toolkit.evaluate.quotes import read_blocks

    return [b.text for b in read_blocks(ROOT / "corpora/annotated/quotes_dev.txt")]


def tone_sentences() -> list[str]:
    from toolkit.evaluate.datasets import read_own

    return [ex.text for ex in read_own("dev")]


def compute() -> dict[str, Any]:
    """Every golden output, by name (one JSON file each)."""
    import pandas as pd

    from toolkit import Analyzer

    an = Analyzer()
    out: dict[str, Any] = {}
    out["samples"] = {p.name: _article(an.analyze_file(p)) for p in sorted((ROOT / "corpora/samples").glob("*.txt"))}
    sents = entity_sentences()
    out["entities"] = [[s, _plain(e)] for s, e in zip(sents, an.entities_many(sents), strict=True)]
    paras = quote_paragraphs()
    quotes = []
    for p in paras:
        art = an.analyze(p)
        quotes.append({"text": p, "quotes": _plain(art.quotes), "roles": _plain(art.roles),
                       "entities": [[e.text, e.label, e.canonical] for e in art.entities]})
    out["quotes"] = quotes
    out["tone"] = [[s, _plain(an.sentiment(s))] for s in tone_sentences()]
    df = pd.read_csv(ROOT / "corpora/checklist2/articles.csv", dtype=str, keep_default_na=False)
    report = an.analyze_corpus(df, id_col="id")
    out["report"] = {name: json.loads(table.to_json(orient="records", force_ascii=False, double_precision=4,
                                                   date_format="iso"))
                     for name, table in sorted(report.tables().items())}
    return out


def path_of(name: str) -> Path:
    return HERE / f"{name}.json"


def write(outputs: dict[str, Any]) -> None:
    for name, value in outputs.items():
        path_of(name).write_text(json.dumps(value, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                                 encoding="utf-8")


def read(name: str) -> Any:
    return json.loads(path_of(name).read_text(encoding="utf-8"))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    write(compute())
    print("wrote", ", ".join(sorted(p.name for p in HERE.glob("*.json"))))
