"""toolkit.report."""
