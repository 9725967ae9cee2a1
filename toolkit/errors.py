"""Exceptions raised by the toolkit.

Every error derives from :class:`ToolkitError` and also from the builtin it
refines, so ``except ValueError`` keeps working for callers who do not know
the toolkit's own classes.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "ToolkitError",
    "InvalidParameterError",
    "InvalidInputError",
    "DecodingError",
    "CorpusFormatError",
    "ModelNotFoundError",
    "ModelFormatError",
    "MissingDependencyError",
    "OutputError",
]


class ToolkitError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class InvalidParameterError(ToolkitError, ValueError):
    """A constructor or function parameter has a value that is not allowed."""


class InvalidInputError(ToolkitError, ValueError):
    """The text given for analysis cannot be analysed (empty, too long, ...)."""


class DecodingError(InvalidInputError):
    """A file's bytes could not be decoded as text in any known encoding."""


class CorpusFormatError(ToolkitError, ValueError):
    """A corpus file or table is not in a format the readers understand."""


class ModelNotFoundError(ToolkitError, FileNotFoundError):
    """A model or resource file is missing from the model directory."""


class ModelFormatError(ToolkitError, ValueError):
    """A model or dictionary file exists but its content is malformed."""


class MissingDependencyError(ToolkitError, ImportError):
    """An optional dependency is not installed; the message names the extra."""


class OutputError(ToolkitError, OSError):
    """The output folder of a report cannot be used: not a folder, not writable, in use by
    another run, or holding an unfinished run that does not match this one."""


def bad_choice(name: str, value: object, allowed: Iterable[str]) -> InvalidParameterError:
    """Build an error for a parameter whose value is not one of ``allowed``.

    The message names the parameter, the value, every allowed value and, when
    one is close, the most likely intended value.

    >>> str(bad_choice("format", "cvs", ["csv", "parquet"]))
    "format='cvs' is not one of 'csv', 'parquet'; did you mean 'csv'?"
    """
    options = sorted(allowed)
    msg = f"{name}={value!r} is not one of " + ", ".join(repr(o) for o in options)
    close = difflib.get_close_matches(str(value), options, n=1)
    if close:
        msg += f"; did you mean {close[0]!r}?"
    return InvalidParameterError(msg)


def missing_dependency(module: str, extra: str) -> MissingDependencyError:
    """Build an error for an optional module that is not installed."""
    return MissingDependencyError(
        f"{module} is required for this feature; install it with "
        f"`pip install 'toolkit[{extra}]'` (or `pip install {module}`)"
    )
