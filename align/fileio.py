"""Atomic file writing: a temporary file beside the target, then a rename.

A crash or a bad input never leaves a half-written file at the target path, and a file
that was there before stays intact until the new one is complete.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Iterable, Iterator

from align.errors import InputError

_GROUP: ContextVar["list[tuple[str, Path, str | os.PathLike[str]]] | None"] = ContextVar(
    "atomic_write_group", default=None)
"""The writes :func:`grouped_writes` holds back: (temporary file, target, path as given)."""


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
    group = _GROUP.get()
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       newline=None if binary else "") as handle:
            yield handle
            handle.flush()
            if group is None:
                os.fsync(handle.fileno())
        os.chmod(tmp_name, mode_bits)  # a replaced file keeps its permissions
        if group is not None:
            group.append((tmp_name, target, path))
            return
        os.replace(tmp_name, target)
    except BaseException as error:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError):  # e.g. the disk filled up while writing
            raise InputError(path, f"cannot write: {error.strerror or error}") from None
        raise


@contextmanager
def grouped_writes() -> Iterator[None]:
    """Atomic writes made inside are put in place together when the block ends: their
    temporary files are made durable by one sync of their file system, then renamed in
    the order they were written. A batch worker writes two small files a pair, and an
    fsync each cost about as much as reading, checking and splitting the pair (32 small
    files on this project's ext4 build machine: 130 ms with an fsync each, 8 ms with one
    sync). Until the block ends the targets still hold their old content. If the block
    fails, nothing it wrote is put in place; a file that cannot be put in place is an
    :class:`InputError` naming it, raised after the others are in place."""
    pending: list[tuple[str, Path, str | os.PathLike[str]]] = []
    token = _GROUP.set(pending)
    try:
        yield
    except BaseException:
        _discard(name for name, _, _ in pending)
        raise
    finally:
        _GROUP.reset(token)
    _sync([name for name, _, _ in pending])
    failed: InputError | None = None
    for name, target, given in pending:
        try:
            os.replace(name, target)
        except OSError as error:
            _discard([name])
            failed = failed or InputError(given, f"cannot write: {error.strerror or error}")
    if failed is not None:
        raise failed


def _sync(names: list[str]) -> None:
    """Make the files durable: one ``syncfs`` per file system where Linux offers it, else
    an fsync each."""
    if not names:
        return
    try:
        import ctypes

        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        syncfs = None
    done: set[int] = set()
    for name in names:
        fd = os.open(name, os.O_RDONLY)
        try:
            device = os.fstat(fd).st_dev
            if syncfs is not None and device in done:
                continue
            if syncfs is not None and syncfs(fd) == 0:
                done.add(device)
            else:
                os.fsync(fd)
        finally:
            os.close(fd)


def _discard(names: Iterable[str]) -> None:
    for name in names:
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass


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
