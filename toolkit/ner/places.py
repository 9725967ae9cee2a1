"""Places the model missed, from a list of China's divisions and the world's countries and cities.

``models/gazetteer/places.tsv`` (``make train-places``, from the jionlp package's location
dictionaries, Apache-2.0) lists provinces, cities, counties and districts under their full and,
when unambiguous and no common word, short names (泸州市, 泸州, 顺德区, 顺德), towns and
sub-districts under their full names (张江镇), countries, capitals and major cities. The model
finds most places from their context; :func:`place_mentions` turns a model PERSON that is exactly
the name of a county or larger place into the place (the model reads 顺德 as a surname and a given
name) and, with ``add=True``, adds listed places the model missed where nothing else was found —
a whole-word occurrence (segmenter boundaries at both ends) that no entity overlaps, so a place
inside a found organisation (泸州市人民医院) stays part of it.

>>> places = Places({"泸州市": ("泸州", "city"), "泸州": ("泸州", "city")})
>>> text = "位于四川泸州市的大桥合龙。"
>>> [(e.text, e.label, e.canonical) for e in place_mentions(text, [], places, lambda i: True, lambda i: True,
...                                                          add=True)]
[('泸州市', 'LOC', '泸州')]
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ModelFormatError
from ..resources import resolve_model_dir, split_lines
from ..results import Entity
from .wordlists import TITLES

__all__ = ["Places", "place_mentions"]

_LEVELS = frozenset({"province", "city", "county", "town", "country", "world_city"})
#: Levels whose names are taken over a model PERSON of the same text (not foreign cities:
#: 华盛顿, 维多利亚 are people too).
_OVER_PERSON = frozenset({"province", "city", "county", "country"})
#: After a title or before a verb of speech a name is a person's (总统华盛顿, 建华告诉记者).
_PERSON_AFTER = ("说", "表示", "告诉", "称", "指出", "认为", "介绍", "透露", "强调", "坦言", "笑着")


@dataclass(frozen=True)
class Places:
    """Place names: name → (canonical name, level)."""

    names: Mapping[str, tuple[str, str]]
    _lengths: tuple[int, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lengths", tuple(sorted({len(n) for n in self.names}, reverse=True)))

    @classmethod
    def load(cls, model_dir: str | os.PathLike[str] | None = None) -> Places:
        """``<model_dir>/gazetteer/places.tsv``; no file, no places. A malformed line is a ModelFormatError."""
        path = resolve_model_dir(model_dir) / "gazetteer" / "places.tsv"
        if not path.is_file():
            return cls({})
        return cls(read_places(path))

    def at(self, text: str, start: int, word_end: Callable[[int], bool]) -> tuple[str, str, str] | None:
        """The longest place name starting at ``start`` and ending where a word ends:
        (name, canonical, level), or None."""
        for n in self._lengths:
            if n < 2 or start + n > len(text):
                continue
            hit = self.names.get(text[start:start + n])
            if hit is not None and word_end(start + n - 1):
                return text[start:start + n], hit[0], hit[1]
        return None


def read_places(path: Path) -> dict[str, tuple[str, str]]:
    """``name<TAB>canonical<TAB>level`` lines (``#`` comments)."""
    out: dict[str, tuple[str, str]] = {}
    for lineno, line in enumerate(split_lines(path.read_text(encoding="utf-8")), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0] or parts[2] not in _LEVELS:
            raise ModelFormatError(f"{path}:{lineno}: expected 'name<TAB>canonical<TAB>level', got {line!r}")
        out[parts[0]] = (parts[1], parts[2])
    return out


def place_mentions(text: str, entities: Sequence[Entity], places: Places, word_start: Callable[[int], bool],
                   word_end: Callable[[int], bool], add: bool = False) -> list[Entity]:
    """``entities`` with a model PERSON that is exactly a county's or larger place's name made
    that place; with ``add``, plus the listed places no entity overlaps; sorted by position.

    Adding places is off by default: measured on MSRA, CLUENER and Weibo dev it cost more
    precision than it gave recall (docs/BENCHMARKS.md, 2026-12-08) — those sets leave many
    place names inside longer phrases unmarked, and the model already finds most places.
    """
    if not places.names:
        return list(entities)
    out: list[Entity] = []
    for e in entities:
        hit = places.names.get(e.text) if e.label == "PERSON" and e.source == "model" else None
        personal = text.startswith(_PERSON_AFTER, e.end) or text[max(0, e.start - 6):e.start].endswith(TITLES)
        out.append(replace(e, label="LOC", canonical=hit[0])
                   if hit is not None and hit[1] in _OVER_PERSON and not personal else e)
    if not add:
        return out
    taken = bytearray(len(text) + 1)
    for e in out:
        taken[e.start:e.end] = b"\1" * (e.end - e.start)
    i = 0
    n = len(text)
    while i < n:
        if taken[i] or not word_start(i) or not ("\u4e00" <= text[i] <= "\u9fff"):
            i += 1
            continue
        found = places.at(text, i, word_end)
        if found is None or any(taken[i:i + len(found[0])]):
            i += 1
            continue
        name, canonical, _ = found
        out.append(Entity(name, "LOC", i, i + len(name), canonical, "place", 1.0))
        i += len(name)
    return sorted(out, key=lambda e: (e.start, e.end))
