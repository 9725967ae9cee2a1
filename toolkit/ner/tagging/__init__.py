"""The character tagger of the entity layer: models, features and loading.

- ``crf``: the character CRF, the Viterbi and span decoding every tagger shares
  (:class:`~toolkit.ner.tagging.crf.SpanDecoder`), and the tagger's word features
  (:class:`~toolkit.ner.tagging.crf.WordSegmenter`);
- ``charnet``: the character BiLSTM-CRF run in numpy, and the ensemble (the sum of both);
- ``lexicon`` (dictionary matches as features), ``lac`` (Baidu LAC's tag scores as features);
- ``load``: the shipped tagger read from ``models/ner`` (JSON + numpy, no pickle);
- ``spacy_component``: the spaCy factories that make ``models/ner`` a spaCy pipeline.
"""
