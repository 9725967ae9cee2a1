"""toolkit.ner."""
