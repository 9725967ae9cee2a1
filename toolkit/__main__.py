"""``python -m toolkit``."""
from __future__ import annotations

from .cli import main_entry

if __name__ == "__main__":
    main_entry()
