"""The output folder of a report run: checked before any work, locked while a run writes into
it, files written under private temporary names, stale report files cleared, and a manifest
that lets ``--resume`` refuse to mix two different analyses.

Everything here is standard library (``fcntl.flock``, ``tempfile.mkstemp``); Linux and macOS.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, cast

from ..errors import OutputError

__all__ = [
    "LOCK_NAME",
    "REPORT_TABLES",
    "atomic_write",
    "check_output_dir",
    "clear_report_files",
    "fingerprint",
    "locked_output",
    "manifest_differences",
]

#: The lock file a run holds (``flock``) in its output folder; hidden, so never read as input.
LOCK_NAME = ".toolkit.lock"
#: The tables of a report, one file each in CSV and parquet (one sheet each in ``report.xlsx``).
REPORT_TABLES = ("articles", "entities", "keywords", "sentences", "quotes", "entity_tones", "roles")


def report_file_names() -> list[str]:
    """Every file name a report run writes, in any format."""
    return [f"{t}.{ext}" for ext in ("csv", "parquet") for t in REPORT_TABLES] + ["report.xlsx", "params.json"]


def check_output_dir(out: str | os.PathLike[str], *, create: bool = True) -> Path:
    """Make sure ``out`` is a folder this process can write into and return it; raise
    :class:`~toolkit.errors.OutputError` saying why not, before any work. With ``create=False``
    a missing ``out`` is not created: its nearest existing parent must be a writable folder."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise OutputError(f"output folder {path} exists and is not a folder")
    target = path
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create output folder {path}: {exc.strerror or exc}") from None
    else:
        while not target.exists():
            if target.is_symlink():
                raise OutputError(f"cannot create output folder {path}: {target} is a broken symbolic link")
            target = target.parent
        if not target.is_dir():
            raise OutputError(f"cannot create output folder {path}: {target} is not a folder")
    try:  # the only honest test of writability (permissions, read-only mounts, ACLs, quotas)
        fd, probe = tempfile.mkstemp(dir=target, prefix=".toolkit-probe-")
    except OSError as exc:
        where = "" if target == path else f" (in {target})"
        raise OutputError(f"output folder {path} is not writable{where}: {exc.strerror or exc}") from None
    os.close(fd)
    os.unlink(probe)
    return path


@contextmanager
def locked_output(out: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold an exclusive lock on the output folder ``out`` (``flock`` on ``OUT/.toolkit.lock``)
    for the duration of the block; raise :class:`~toolkit.errors.OutputError` at once if
    another run holds it. The lock goes with the process, so a killed run never leaves a stale
    one; the (empty but for a pid) lock file stays in the folder."""
    path = check_output_dir(out)
    lock = path / LOCK_NAME
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot open the lock file {lock}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise OutputError(f"output folder {path} is in use by another toolkit report run{who}; wait for "
                              "it to finish or choose another output folder") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield path
    finally:
        os.close(fd)  # releases the lock


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_write(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file that becomes ``path`` when the block ends without error.

    The temporary file is created next to ``path`` by :func:`tempfile.mkstemp` (``O_EXCL``,
    random name), so a file or symbolic link planted under a predictable name is never
    followed; it gets the permissions a new file would get (umask) and is renamed into place,
    so a file that exists is complete. On error it is removed.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            yield cast(BinaryIO, fh)
        os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def clear_report_files(out: Path, keep: Iterable[str] = ()) -> list[Path]:
    """Remove the report files of an earlier run from ``out`` (every table in every format,
    ``report.xlsx``, ``params.json``) except the names in ``keep``; other files stay. Returns
    the removed paths."""
    keep = set(keep)
    removed = []
    for name in report_file_names():
        p = out / name
        if name not in keep and (p.is_file() or p.is_symlink()):
            p.unlink()
            removed.append(p)
    return removed


def _tree(root: Path, skip: Path | None) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and (skip is None or (here / d).resolve() != skip))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield here / name


def fingerprint(path: str | os.PathLike[str], *, skip: Path | None = None) -> dict[str, Any]:
    """What identifies the content of a file or folder cheaply: for a file its size and
    modification time, for a folder the number of files, their total size, the newest
    modification time and a digest of every (relative path, size, mtime); ``skip`` is a
    folder left out (the output folder). Names starting with ``.`` are left out, as the
    corpus reader does."""
    p = Path(path)
    entry: dict[str, Any] = {"path": str(p.resolve())}
    try:
        if not p.is_dir():
            st = p.stat()
            return {**entry, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
        digest = hashlib.sha256()
        n = size = newest = 0
        for f in _tree(p, skip):
            try:
                st = f.stat()
            except OSError:
                continue  # a broken link: the corpus reader makes it an error row
            if not stat.S_ISREG(st.st_mode):
                continue
            n, size, newest = n + 1, size + st.st_size, max(newest, st.st_mtime_ns)
            digest.update(f"{f.relative_to(p).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode(
                "utf-8", "surrogateescape"))
        return {**entry, "files": n, "bytes": size, "newest_mtime_ns": newest, "digest": digest.hexdigest()}
    except OSError as exc:
        return {**entry, "error": exc.strerror or str(exc)}


def manifest_differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between the manifest of an interrupted run and that of the run asked to
    resume it, one readable line per difference (empty when they match)."""
    diffs = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            diffs += [f"{key}.{d}" for d in manifest_differences(a, b)]
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and \
                all(isinstance(x, dict) for x in a + b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                name = y.get("path", i)
                diffs += [f"{key}[{name}].{d}" for d in manifest_differences(x, y)]
        else:
            diffs.append(f"{key}: was {json.dumps(a, ensure_ascii=False)}, now {json.dumps(b, ensure_ascii=False)}")
    return diffs
