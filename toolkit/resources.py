"""Where models and resource files live, and safe readers for them.

Everything the toolkit loads is text (TSV, JSON, word lists) or spaCy's own
serialisation; nothing is unpickled. The model directory is, in order: the
``model_dir=`` argument, the ``TOOLKIT_MODEL_DIR`` environment variable, or
``models/`` of the source checkout.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ModelFormatError, ModelNotFoundError

__all__ = [
    "CATALOGUE",
    "DictEntry",
    "default_model_dir",
    "freq_problem",
    "resolve_model_dir",
    "resource_path",
    "read_user_dict",
    "read_word_list",
    "split_lines",
]

#: Resources shipped in ``models/``: name -> (file inside the model directory, one-line description).
CATALOGUE: dict[str, tuple[str, str]] = {
    # Words of today's news missing from jieba's 2013-era dictionary (AI, tech, companies, finance).
    "userdict": ("userdict/userdict.txt", "jieba user dictionary of current news vocabulary"),
    # Function words and news boilerplate, added to spaCy's Chinese stop-word list.
    "stopwords": ("stopwords/stopwords.txt", "stop words added to spaCy's Chinese list"),
}

_TAG = re.compile(r"^[a-zA-Z]{1,5}$")


def default_model_dir() -> Path:
    """``models/`` next to the package in a source checkout (``make demo`` installs editable)."""
    return Path(__file__).resolve().parent.parent / "models"


def resolve_model_dir(model_dir: str | os.PathLike[str] | None = None) -> Path:
    """The model directory to use: argument, then ``$TOOLKIT_MODEL_DIR``, then the default."""
    if model_dir is not None:
        return Path(model_dir)
    env = os.environ.get("TOOLKIT_MODEL_DIR")
    return Path(env) if env else default_model_dir()


def resource_path(name: str, model_dir: str | os.PathLike[str] | None = None) -> Path:
    """Path of a catalogued resource; :class:`ModelNotFoundError` if it is not there."""
    if name not in CATALOGUE:
        from .errors import bad_choice

        raise bad_choice("resource", name, CATALOGUE)
    path = resolve_model_dir(model_dir) / CATALOGUE[name][0]
    if not path.is_file():
        raise ModelNotFoundError(
            f"resource {name!r} ({CATALOGUE[name][1]}) not found at {path}; "
            "pass model_dir= or set TOOLKIT_MODEL_DIR to a directory that has it"
        )
    return path


def split_lines(text: str) -> list[str]:
    r"""Lines of a text file: split at ``\n`` (``\r\n``) only.

    :meth:`str.splitlines` also breaks at U+2028, U+2029, U+0085 and ``\x0b``-``\x0c``,
    ``\x1c``-``\x1e``, which may stand inside one JSON line, table cell or dictionary line;
    splitting there would cut one record into several broken ones.

    >>> split_lines("a\u2028b\r\nc\n")
    ['a\u2028b', 'c']
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _read_lines(path: str | os.PathLike[str]) -> list[str]:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ModelNotFoundError(f"file not found: {path}") from None
    try:
        return split_lines(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ModelFormatError(f"{path}:{line}: not valid UTF-8") from None


#: Largest word frequency a dictionary may give (jieba's whole dictionary totals about 60 million).
MAX_FREQ = 1_000_000_000


def freq_problem(freq: object) -> str | None:
    """Why ``freq`` (an int, or the text of a dictionary line) is not a usable word frequency:
    a positive integer in ASCII digits, at most :data:`MAX_FREQ`; None when it is.

    >>> freq_problem("2000") is None
    True
    >>> freq_problem("²")
    "frequency must be a positive integer in ASCII digits, got '²'"
    >>> freq_problem(10**12)
    'frequency must be at most 1000000000, got 1000000000000'
    """
    if isinstance(freq, str):
        if not (freq.isascii() and freq.isdigit()):
            return f"frequency must be a positive integer in ASCII digits, got {freq!r}"
        freq = int(freq)
    if not isinstance(freq, int) or isinstance(freq, bool) or freq <= 0:
        return f"frequency must be a positive integer, got {freq!r}"
    if freq > MAX_FREQ:
        return f"frequency must be at most {MAX_FREQ}, got {freq}"
    return None


@dataclass(frozen=True)
class DictEntry:
    """One user-dictionary word; ``freq`` None means 'just enough to keep it whole'."""

    word: str
    freq: int | None = None
    tag: str | None = None


def read_user_dict(path: str | os.PathLike[str]) -> list[DictEntry]:
    """Read a jieba-format user dictionary: ``word [freq] [tag]`` per line.

    Blank lines and lines starting with ``#`` are skipped. Every problem is a
    :class:`ModelFormatError` naming the file and line.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "d.txt")
    >>> _ = open(p, "w", encoding="utf-8").write("# 注释\\n大模型 2000 n\\n周鸿祎 nr\\n")
    >>> read_user_dict(p)
    [DictEntry(word='大模型', freq=2000, tag='n'), DictEntry(word='周鸿祎', freq=None, tag='nr')]
    """
    entries = []
    for lineno, line in enumerate(_read_lines(path), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word, rest = parts[0], parts[1:]
        freq: int | None = None
        tag: str | None = None
        if rest and rest[0].isnumeric():  # ASCII or not (², ١٢٣): it is meant as a frequency
            problem = freq_problem(rest[0])
            if problem:
                raise ModelFormatError(f"{path}:{lineno}: {problem}")
            freq = int(rest.pop(0))
        if rest:
            tag = rest.pop(0)
            if not _TAG.match(tag):
                raise ModelFormatError(f"{path}:{lineno}: {tag!r} is not a part-of-speech tag (letters only)")
        if rest:
            raise ModelFormatError(
                f"{path}:{lineno}: expected 'word [freq] [tag]', got {line!r} "
                "(a word cannot contain spaces)"
            )
        entries.append(DictEntry(word, freq, tag))
    return entries


def read_word_list(path: str | os.PathLike[str]) -> list[str]:
    """One word per line; blank lines and ``#`` comments skipped."""
    return [x.strip() for x in _read_lines(path) if x.strip() and not x.lstrip().startswith("#")]
