from __future__ import annotations

from pathlib import Path

import pytest

import toolkit

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"


@pytest.fixture(scope="session")
def analyzer() -> toolkit.Analyzer:
    return toolkit.Analyzer().load()


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES
