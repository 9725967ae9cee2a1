"""Running the layers: :class:`~toolkit.Analyzer` and the ways to run it over a corpus.

- ``analyzer``: parameters, lazily built layers (each from the analyzer's own ``model_dir``),
  ``analyze`` / ``pipe`` / ``analyze_corpus``;
- ``steps``: the article's layers after tokens and entities, one list of named steps;
- ``parallel``: the process pool of ``pipe(n_process=N)`` and the Dask workers' analyzers;
- ``shards``: resumable corpus runs written shard by shard (``toolkit report``);
- ``dask``: one Dask task per partition (``toolkit.pipeline.dask.analyze``).
"""
