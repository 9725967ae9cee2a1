"""The curated gazetteer: canonical names, labels and aliases, matched at word boundaries.

The bundled file is ``models/gazetteer/entities.tsv``; users add entries with
:meth:`Gazetteer.add` or a file of the same format.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidParameterError, ModelFormatError, ModelNotFoundError
from ..resources import split_lines
from ..results import ENTITY_LABELS, Entity, EntityLabel

#: A Latin letter or a digit: a name is never cut between two of them.
LATIN_CHAR = re.compile(r"[A-Za-z0-9]")

# ---------------------------------------------------------------------------------- gazetteer

@dataclass(frozen=True)
class GazetteerEntry:
    """One entity of the gazetteer: its canonical name, label and other names."""

    canonical: str
    label: EntityLabel
    aliases: tuple[str, ...] = ()
    #: Names of this entity (canonical or aliases) that are also common words (联想 "associate",
    #: 小米 "millet"): a match of one needs confirming (:func:`confirm_ambiguous`).
    ambiguous: tuple[str, ...] = ()


def _check_label(label: str, where: str) -> EntityLabel:
    if label not in ENTITY_LABELS:
        raise ModelFormatError(f"{where}: label {label!r} is not one of {', '.join(ENTITY_LABELS)}")
    return label


class Gazetteer:
    """Canonical entities and their aliases, matched on word boundaries.

    A name written with a leading ``~`` (``~联想``, in the file or in :meth:`add`) is also a
    common word: the extractor keeps a match of it only where the context confirms the name
    (:func:`confirm_ambiguous`), so ``让人联想到`` is not Lenovo.

    >>> g = Gazetteer([GazetteerEntry("华为", "COMPANY", ("华为技术有限公司", "Huawei"))])
    >>> [(e.text, e.canonical) for e in g.match("华为技术有限公司，简称华为。")]
    [('华为技术有限公司', '华为'), ('华为', '华为')]
    >>> g.add("~联想", "COMPANY", ["联想集团", "Lenovo"])
    >>> g.is_ambiguous("联想"), g.is_ambiguous("联想集团")
    (True, False)
    """

    def __init__(self, entries: Iterable[GazetteerEntry] = ()) -> None:
        self._index: dict[str, tuple[str, EntityLabel]] = {}
        self._first: dict[str, list[int]] = {}
        self._ambiguous: set[str] = set()
        self._names: dict[str, list[str]] = {}
        self.entries: list[GazetteerEntry] = []
        for e in entries:
            self._add(e.canonical.strip(), e.label, [a.strip() for a in e.aliases if a.strip()], e.ambiguous)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, canonical: str, label: str, aliases: Iterable[str] = ()) -> None:
        """Add an entity (or more aliases of one): ``add("鸿蒙智行", "COMPANY", ["HIMA"])``;
        a name written ``~name`` is also a common word (matched only where confirmed)."""
        parsed = [self.unmark(n) for n in (canonical, *(a for a in aliases if a.strip()))]
        names = [n for n, _ in parsed]
        self._add(names[0], label, names[1:], tuple(n for n, common in parsed if common))

    @staticmethod
    def unmark(name: str) -> tuple[str, bool]:
        """A name as written in a gazetteer (``~联想``): the name, and whether it is also a
        common word.

        >>> Gazetteer.unmark(" ~联想 "), Gazetteer.unmark("联想集团")
        (('联想', True), ('联想集团', False))
        """
        name = name.strip()
        return (name[1:].strip(), True) if name.startswith("~") else (name, False)

    def _add(self, canonical: str, label: str, aliases: Sequence[str], ambiguous: Sequence[str]) -> None:
        if label not in ENTITY_LABELS:
            raise InvalidParameterError(f"label={label!r} is not one of {', '.join(ENTITY_LABELS)}")
        lab = label
        names = [canonical, *aliases]
        if not canonical or any(not n for n in names):
            raise InvalidParameterError("canonical name must not be empty" if not canonical
                                        else f"an alias of {canonical!r} is only '~'")
        self.entries.append(GazetteerEntry(canonical, lab, tuple(aliases), tuple(ambiguous)))
        known = self._names.setdefault(canonical, [])
        known += [n for n in names if n not in known]
        for name in names:
            key = name.lower()
            self._index[key] = (canonical, lab)
            if name in ambiguous:
                self._ambiguous.add(key)
            else:
                self._ambiguous.discard(key)
            lengths = self._first.setdefault(key[0], [])
            if len(key) not in lengths:
                lengths.append(len(key))
                lengths.sort(reverse=True)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Gazetteer:
        """Read a TSV file: ``canonical<TAB>label<TAB>alias|alias`` per line, ``#`` comments."""
        g = cls()
        g.extend_from_file(path)
        return g

    def extend_from_file(self, path: str | os.PathLike[str]) -> None:
        p = Path(path)
        try:
            lines = split_lines(p.read_bytes().decode("utf-8-sig"))
        except FileNotFoundError:
            raise ModelNotFoundError(f"gazetteer file not found: {p}") from None
        except UnicodeDecodeError:
            raise ModelFormatError(f"{p}: not valid UTF-8") from None
        for lineno, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) not in (2, 3) or not parts[0].strip():
                raise ModelFormatError(f"{p}:{lineno}: expected 'canonical<TAB>label[<TAB>aliases]', got {line!r}")
            label = _check_label(parts[1].strip(), f"{p}:{lineno}")
            aliases = parts[2].split("|") if len(parts) == 3 else []
            self.add(parts[0], label, aliases)

    def lookup(self, name: str) -> tuple[str, EntityLabel] | None:
        """(canonical, label) of a name, or None."""
        return self._index.get(name.lower())

    def names(self, canonical: str) -> tuple[str, ...]:
        """The canonical name and aliases of an entity (empty if unknown)."""
        return tuple(self._names.get(canonical, ()))

    def is_ambiguous(self, name: str) -> bool:
        """Whether ``name`` is listed as also being a common word (``~`` in the gazetteer)."""
        return name.lower() in self._ambiguous

    def match(self, text: str, word_starts: Sequence[bool] | None = None,
              word_ends: Sequence[bool] | None = None) -> list[Entity]:
        """All longest non-overlapping alias matches, left to right.

        A match must not cut a Latin word (``Arm`` in ``Army``; a product may be followed by its
        version's digits: ``iPhone`` in ``iPhone15``), and a short Chinese match
        (up to 3 characters) must start and end on word boundaries when they are given
        (``小米`` is not matched in ``小米粥``).
        """
        out: list[Entity] = []
        low = text.lower()
        n = len(text)
        i = 0
        while i < n:
            lengths = self._first.get(low[i])
            hit = None
            if lengths:
                for length in lengths:
                    if i + length > n:
                        continue
                    key = low[i:i + length]
                    found = self._index.get(key)
                    if found is None:
                        continue
                    end = i + length
                    if LATIN_CHAR.match(key[0]) and i > 0 and LATIN_CHAR.match(text[i - 1]):
                        continue
                    if (LATIN_CHAR.match(key[-1]) and end < n and LATIN_CHAR.match(text[end])
                            and not (found[1] == "PRODUCT" and key[-1].isalpha() and text[end].isdigit())):
                        continue  # but a product's version may follow it unspaced: iPhone15, Qwen2.5
                    if (length <= 3 and not LATIN_CHAR.match(key[0]) and word_starts is not None
                            and word_ends is not None and not (word_starts[i] and word_ends[end - 1])):
                        continue
                    hit = Entity(text[i:end], found[1], i, end, found[0], "gazetteer", 1.0)
                    break
            if hit is not None:
                out.append(hit)
                i = hit.end
            else:
                i += 1
        return out
