"""Atomic file writing: a temporary file beside the target, then a rename.

A crash or a bad input never leaves a half-written file at the target path, and a file
that was there before stays intact until the new one is complete.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from align.errors import InputError


def check_writable(path: str | os.PathLike[str]) -> None:
    """Fail early, before any work or any other output, if ``path`` cannot be written.

    An existing target must be a regular file (or a link to one): replacing a device, a
    pipe or a socket with a file would break the system, not write to it."""
    target = Path(path)
    if target.is_dir():
        raise InputError(target, "is a directory, expected a file to write")
    if target.exists() and not target.is_file():
        raise InputError(target, "is not a regular file (a device, pipe or socket); "
                                 "give a file path")
    real = Path(os.path.realpath(target))
    directory = real.parent
    # through a symbolic link the file is written where the link points: name that folder
    folder = (f"folder {directory} (where the link points)" if target.is_symlink()
              else f"folder {target.parent}")
    if not directory.is_dir():
        raise InputError(target, f"cannot write: {folder} does not exist")
    if not os.access(directory, os.W_OK):
        raise InputError(target, f"cannot write: {folder} is not writable")


def check_outputs(outputs: Iterable[str | os.PathLike[str] | None],
                  inputs: Iterable[str | os.PathLike[str] | None] = ()) -> None:
    """Every output writable, none named twice, and none that is one of the inputs: a
    command must never write its result over the files it reads."""
    wanted = [Path(path) for path in outputs if path]
    for path in wanted:
        check_writable(path)
    read = [Path(path) for path in inputs if path]
    seen: set[str] = set()
    for path in wanted:
        real = os.path.realpath(path)
        if real in seen:
            raise InputError(path, "is named for two outputs; give each its own file")
        seen.add(real)
        for source in read:
            if real == os.path.realpath(source):
                raise InputError(path, "is also an input of this command; write the "
                                       "result to another file")


@contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w",
                  encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success rename it over ``path``."""
    check_writable(path)
    target = Path(os.path.realpath(path))  # through a symlink: the link stays a link
    directory = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise InputError(path, f"cannot write: {error.strerror or error}") from None
    mode_bits = target.stat().st_mode & 0o777 if target.is_file() else 0o644
    binary = "b" in mode
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       newline=None if binary else "") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode_bits)  # a replaced file keeps its permissions
        os.replace(tmp_name, target)
    except BaseException as error:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError):  # e.g. the disk filled up while writing
            raise InputError(path, f"cannot write: {error.strerror or error}") from None
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    with atomic_writer(path, "w") as handle:
        handle.write(text)


def read_bytes(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """A file's bytes (at most ``limit`` + 1, so a caller can tell it is too large), or an
    :class:`InputError` that names the file and says why it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read(-1 if limit is None else limit + 1)
    except OSError as error:
        raise read_error(path, error) from None


def read_error(path: str | os.PathLike[str], error: OSError) -> InputError:
    """The one wording of a file that cannot be opened or looked at, whatever the call."""
    if isinstance(error, FileNotFoundError):
        return InputError(path, "no such file")
    if isinstance(error, PermissionError):
        return InputError(path, "cannot read: permission denied")
    if isinstance(error, IsADirectoryError):
        return InputError(path, "is a directory, expected a file")
    return InputError(path, f"cannot read: {error.strerror or error}")


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes ("" when it does not exist): which state a journal extends,
    and the input files a project was aligned on (here, so saving a project does not
    import the journal and the edit operations)."""
    import hashlib

    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""
