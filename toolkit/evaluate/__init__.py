"""toolkit.evaluate."""
