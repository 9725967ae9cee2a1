"""Reader of the project's annotated sentences: inline ``[text](LABEL)`` marks.

>>> parse_marked("[周鸿祎](PERSON)谈[Sora](PRODUCT)。")
('周鸿祎谈Sora。', [(0, 3, 'PERSON'), (4, 8, 'PRODUCT')])
"""
from __future__ import annotations

import re
from pathlib import Path

from ..results import ENTITY_LABELS

__all__ = ["parse_marked", "read_marked", "read_marked_parts"]

_MARK = re.compile(r"\[([^\[\]]+)\]\(([A-Z]+)\)")


def parse_marked(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and entity spans of one marked-up line."""
    out, spans, pos = [], [], 0
    length = 0
    for m in _MARK.finditer(line):
        if m.group(2) not in ENTITY_LABELS:
            raise ValueError(f"unknown label {m.group(2)!r} in {line!r}")
        before = line[pos:m.start()]
        out.append(before)
        length += len(before)
        spans.append((length, length + len(m.group(1)), m.group(2)))
        out.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), spans


def read_marked(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """All non-empty, non-comment lines of a marked-up file."""
    return [row for _, rows in read_marked_parts(path) for row in rows]


def read_marked_parts(path: Path) -> list[tuple[str, list[tuple[str, list[tuple[int, int, str]]]]]]:
    """The rows of a marked-up file grouped by its part headers (comment lines ``#: name``),
    in order; rows before the first header form a part named ``""``. Empty parts are left out."""
    parts: list[tuple[str, list[tuple[str, list[tuple[int, int, str]]]]]] = [("", [])]
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#:"):
            parts.append((line[2:].strip(), []))
        elif line.strip() and not line.startswith("#"):
            try:
                parts[-1][1].append(parse_marked(line.strip()))
            except ValueError as exc:
                raise ValueError(f"{path}:{lineno}: {exc}") from None
    return [(name, rows) for name, rows in parts if rows]
