"""Atomic file writing: a temporary file beside the target, then a rename.

A crash or a bad input never leaves a half-written file at the target path, and a file
that was there before stays intact until the new one is complete.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from align.errors import InputError


def check_writable(path: str | os.PathLike[str]) -> None:
    """Fail early, before any work or any other output, if ``path`` cannot be written."""
    target = Path(path)
    if target.is_dir():
        raise InputError(target, "is a directory, expected a file to write")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(target, f"cannot write: folder {directory} does not exist")
    if not os.access(directory, os.W_OK):
        raise InputError(target, f"cannot write: folder {directory} is not writable")


@contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w",
                  encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success rename it over ``path``."""
    target = Path(path)
    check_writable(target)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise InputError(target, f"cannot write: {error.strerror or error}") from None
    binary = "b" in mode
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       newline=None if binary else "") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    with atomic_writer(path, "w") as handle:
        handle.write(text)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_writer(path, "wb") as handle:
        handle.write(data)


def read_bytes(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """A file's bytes (at most ``limit`` + 1, so a caller can tell it is too large), or an
    :class:`InputError` that names the file and says why it cannot be read."""
    file = Path(path)
    try:
        with open(file, "rb") as handle:
            return handle.read(-1 if limit is None else limit + 1)
    except FileNotFoundError:
        raise InputError(file, "no such file") from None
    except PermissionError:
        raise InputError(file, "cannot read: permission denied") from None
    except IsADirectoryError:
        raise InputError(file, "is a directory, expected a file") from None
    except OSError as error:
        raise InputError(file, f"cannot read: {error.strerror or error}") from None
