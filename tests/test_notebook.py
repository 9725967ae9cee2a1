"""The quickstart notebook runs from top to bottom (so it never goes stale)."""
from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("mplfonts")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_quickstart_executes_headless() -> None:
    nb = nbformat.read(EXAMPLES / "quickstart.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(EXAMPLES)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "<mark" in html and "<b>tone</b>" in html  # the article view rendered
    assert "occurrences</div>" in html and "<mark><b>人工智能</b></mark>" in html  # keyword in context
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 5  # five plots


def test_generated_demo_corpus_is_deterministic_and_has_trends() -> None:
    import sys
    sys.path.insert(0, str(EXAMPLES))
    try:
        from make_corpus import make_corpus
    finally:
        sys.path.remove(str(EXAMPLES))
    df = make_corpus()
    assert df.equals(make_corpus())  # seeded: the same corpus every run
    assert len(df) >= 200 and df["id"].is_unique
    months = df["date"].str[:7]
    assert months.value_counts().tolist() == [40] * 6
    share = df.groupby(months)["source"].apply(lambda s: (s == "财经频道").mean())
    assert share.iloc[0] > 2 * share.iloc[-1]  # the stock-market topic fades
    assert df["text"].str.len().between(60, 1500).all()
