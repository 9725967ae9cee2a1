"""toolkit.ner.tagging."""
