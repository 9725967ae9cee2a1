"""The outputs on fixed inputs are those recorded in tests/golden/ (issue #25: a refactoring
changes the shape of the code, not what it finds). To accept a deliberate change, run
``python tests/golden/outputs.py`` and say in the commit message what it fixes."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import outputs  # noqa: E402

NAMES = ("samples", "entities", "quotes", "tone", "report")


def first_difference(old: Any, new: Any, where: str = "") -> str | None:
    """Where two JSON values first differ, as a path with both values, or None."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if key not in old or key not in new:
                return f"{where}/{key}: only in {'new' if key in new else 'golden'}"
            found = first_difference(old[key], new[key], f"{where}/{key}")
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            found = first_difference(a, b, f"{where}[{i}]")
            if found:
                return found
        if len(old) != len(new):
            return f"{where}: {len(old)} items in golden, {len(new)} now"
        return None
    return None if old == new else f"{where}: golden {old!r}, now {new!r}"


def test_first_difference_names_the_path() -> None:
    assert first_difference({"a": [1, {"b": 2}]}, {"a": [1, {"b": 3}]}) == "/a[1]/b: golden 2, now 3"
    assert first_difference([1, 2], [1, 2]) is None


@pytest.fixture(scope="module")
def current() -> dict[str, Any]:
    return outputs.compute()


@pytest.mark.parametrize("name", NAMES)
def test_outputs_equal_the_recorded_ones(current: dict[str, Any], name: str) -> None:
    diff = first_difference(outputs.read(name), current[name])
    assert diff is None, f"{name}: {diff}"
