"""toolkit.text."""
