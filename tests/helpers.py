"""Helpers shared by test modules (not tests themselves)."""
from __future__ import annotations

from toolkit import Analyzer


def interrupt_after(n: int):  # type: ignore[no-untyped-def]
    """An Analyzer.pipe that raises KeyboardInterrupt after ``n`` articles, like a Ctrl-C."""
    real = Analyzer.pipe

    def pipe(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        for i, art in enumerate(real(self, *args, **kwargs)):
            if i == n:
                raise KeyboardInterrupt
            yield art

    return pipe
