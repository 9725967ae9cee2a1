"""Evaluations (``make eval-…``, ``make bench``): one scorer and one module per task.

- ``scoring``: :class:`~toolkit.evaluate.scoring.PRF`, the one precision/recall/F1 of every
  evaluation;
- ``datasets`` (the shared data sets' readers), ``annotated`` (the project's marked sentences);
- ``ner``, ``sentiment``, ``keywords``, ``quotes``, ``checklist`` (an outside reader's checks
  through ``analyze_corpus``), ``bench`` (speed, memory, segmentation).

The recipes of ``toolkit.train`` import these; nothing else in the package does, and
``evaluate`` never imports ``train`` (tests/test_evaluate_layering.py).
"""
