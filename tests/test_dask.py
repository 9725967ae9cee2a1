"""The Dask front end gives the same tables as one process."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit import Analyzer, read_text_file

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"


def test_a_local_cluster_of_two_workers_gives_the_single_process_report() -> None:
    import dask

    from toolkit.pipeline.dask import analyze

    texts = [read_text_file(p) for p in sorted(SAMPLES.glob("*.txt"))]
    pdf = pd.DataFrame({"text": texts, "source": ["a", "b"] * 6 + ["c"]})
    params = {"components": ["entities", "keywords", "sentiment", "quotes"]}
    expected = Analyzer(**params).analyze_corpus(pdf, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        tables = analyze(dd.from_pandas(pdf, npartitions=3), params=params)
        got = dict(zip(tables, dask.compute(*tables.values()), strict=True))
    for name, frame in expected.tables().items():
        pd.testing.assert_frame_equal(got[name].reset_index(drop=True), frame.reset_index(drop=True),
                                      check_dtype=False, obj=name)
    assert list(got["articles"]["doc_id"]) == list(range(13))
