"""Text before any model: cleaning a copy of a page into the text every offset refers to.

- ``normalize``: :func:`~toolkit.text.normalize.clean` (str → :class:`~toolkit.text.normalize.Cleaned`:
  the body, headline, byline, furniture, date) and the tagging view of raw text (one character
  for one, so offsets hold);
- ``layout`` (lines, headings, paragraphs broken mid-sentence), ``byline`` (datelines and
  credits), ``furniture`` (what a page or web copy adds around an article: the vocabularies),
  ``regional`` (Taiwan and Hong Kong wording through OpenCC);
- ``sentences``: the one sentence splitter;
- ``tokenizer``: :class:`~toolkit.text.tokenizer.Tokenizer`, a private jieba/rjieba dictionary
  per owner (never jieba's global one).

``text`` imports only ``results``, ``errors`` and ``resources`` (tests/test_architecture.py).

>>> from toolkit.text.sentences import split_sentences
>>> split_sentences("一。二！")
[(0, 2), (2, 4)]
"""
