"""Passed to ``spacy train --code``: registers the toolkit's spaCy components."""
import toolkit.ner_features  # noqa: F401
