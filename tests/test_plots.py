"""Plots render Chinese labels with the bundled font."""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from toolkit import Analyzer, CorpusReport, read_text_file
from toolkit.errors import InvalidParameterError

pytest.importorskip("matplotlib")
pytest.importorskip("mplfonts")
SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"


@pytest.fixture(scope="module")
def report() -> CorpusReport:
    texts = [read_text_file(p) for p in sorted(SAMPLES.glob("*.txt"))]
    dates = list(pd.date_range("2026-01-05", periods=len(texts), freq="17D"))
    df = pd.DataFrame({"text": texts * 2, "date": dates * 2, "source": ["人民日报", "新华社"] * len(texts)})
    return Analyzer().analyze_corpus(df, progress=False)


def test_the_cjk_font_is_found_and_has_chinese_glyphs() -> None:
    from matplotlib.ft2font import FT2Font

    from toolkit.report.plots import cjk_font_path

    font = FT2Font(str(cjk_font_path()))
    assert all(font.get_char_index(ord(c)) for c in "周鸿祎新华社情感")


@pytest.mark.parametrize("kind, kwargs", [("entities", {}), ("tone", {"by": "source"}),
                                          ("cooccurrence", {}), ("keywords", {})])
def test_every_plot_saves_a_png_without_missing_glyphs(report: CorpusReport, tmp_path: Path, kind: str,
                                                      kwargs: dict[str, object]) -> None:
    fig = report.plot(kind, **kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)" for tofu
        fig.savefig(tmp_path / f"{kind}.png", dpi=60)
    assert (tmp_path / f"{kind}.png").stat().st_size > 5000


def test_plots_say_what_they_need(report: CorpusReport) -> None:
    no_dates = Analyzer(components=("entities",)).analyze_corpus(["华为发布新手机。"], progress=False)
    with pytest.raises(InvalidParameterError, match="date"):
        no_dates.plot("tone")
    with pytest.raises(InvalidParameterError, match="kind"):
        report.plot("pie")
