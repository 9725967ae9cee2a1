"""toolkit.pipeline."""
