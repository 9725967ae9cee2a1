"""The process pool behind ``Analyzer.pipe(n_process=N)`` and the worker-side analyzers of the
Dask backend.

Each worker process builds its own :class:`~toolkit.Analyzer` from the parent's
:meth:`~toolkit.Analyzer.get_params` (only parameters cross the process boundary, never models)
and keeps it for the life of the process. That analyzer lives in :data:`_WORKER`, set by the
pool's initializer **in the worker process only**: the user's process never holds one. Results
come back as pickled batches, unpickled by the parent in input order; at most ``2 * n_process``
batches are in flight.

>>> from toolkit import Analyzer
>>> [a.doc_id for a in Analyzer(components=()).pipe(["一。", "二。", "三。"], n_process=2, batch_size=1)]
[0, 1, 2]
"""
from __future__ import annotations

import gc
import json
import pickle
from collections import OrderedDict, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from ..corpus import Record
from ..results import Article

if TYPE_CHECKING:  # pragma: no cover
    from .analyzer import Analyzer

__all__ = ["pipe_parallel", "worker_analyzer"]


def pipe_parallel(params: dict[str, Any], corpus_df: tuple[dict[str, int], int, int] | None,
                  records: Iterator[Record], n_process: int, batch_size: int) -> Iterator[Article]:
    """Articles of ``records`` analysed by ``n_process`` worker processes, in input order."""
    pending: deque[Future[bytes]] = deque()
    with ProcessPoolExecutor(max_workers=n_process, initializer=_worker_init,
                             initargs=(params, corpus_df)) as pool:
        batch: list[Record] = []
        for rec in records:
            batch.append(rec)
            if len(batch) == batch_size:
                pending.append(pool.submit(_worker_run, batch))
                batch = []
                while len(pending) >= 2 * n_process:
                    yield from _unpack(pending.popleft().result())
        if batch:
            pending.append(pool.submit(_worker_run, batch))
        while pending:
            yield from _unpack(pending.popleft().result())


_WORKER: Analyzer | None = None


def _worker_init(params: dict[str, Any], corpus_df: tuple[dict[str, int], int, int] | None = None) -> None:
    global _WORKER
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # this worker process is one of n_process: one BLAS thread each
    from .analyzer import Analyzer

    _WORKER = Analyzer(**params).load()
    if corpus_df is not None and "keywords" in _WORKER.components:  # corpus_idf=True: the parent's fit
        kw = _WORKER.keyword_extractor
        kw.df_, kw.n_docs_, kw._prior_docs = corpus_df
    # The models live as long as the worker: keep the garbage collector from re-scanning them
    # (docs/BENCHMARKS.md measures what that saves).
    gc.collect()
    gc.freeze()


def _worker_run(batch: list[Record]) -> bytes:
    if _WORKER is None:  # pragma: no cover - the pool's initializer always runs first
        raise RuntimeError("worker process was not initialised")
    return pickle.dumps(_WORKER._analyze_records(batch), protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(blob: bytes) -> list[Article]:
    """Articles from a worker, unpickled with the garbage collector paused: the many small
    objects of a batch otherwise trigger collections that make unpickling several times slower,
    and the parent's unpickling is what limits the speed-up on few processes. Only the toolkit's
    own worker processes produce these bytes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        articles: list[Article] = pickle.loads(blob)
    finally:
        if enabled:
            gc.enable()
    return articles




class _RecentAnalyzers:
    """The analyzers a Dask worker uses, by parameters: the most recent few, loaded once each.

    A Dask task gets only the parameters of the analyzer (a graph must not carry loaded models),
    so the worker keeps what it built for the next partition; with the threaded scheduler that
    worker is the user's process, so the cache is bounded and :func:`worker_analyzer` is its
    only user."""

    def __init__(self, size: int = 2) -> None:
        self.size = size
        self._by_key: OrderedDict[str, Analyzer] = OrderedDict()

    def get(self, params: dict[str, Any]) -> Analyzer:
        from .analyzer import Analyzer

        key = json.dumps(params, sort_keys=True, default=str)
        an = self._by_key.pop(key, None)
        if an is None:
            an = Analyzer(**params).load()
        self._by_key[key] = an
        while len(self._by_key) > self.size:
            self._by_key.popitem(last=False)
        return an


_DASK_WORKER = _RecentAnalyzers()


def worker_analyzer(params: dict[str, Any]) -> Analyzer:
    """The analyzer of ``params`` in this Dask worker (built on first use, kept for the next
    partitions)."""
    return _DASK_WORKER.get(params)
