"""The dictd format: a ``.index`` of ``headword TAB offset TAB length`` (numbers in dictd's
base64) over a ``.dict`` file of entry texts, or a ``.dict.dz``.

A ``.dict.dz`` is dictzip: gzip with a table of random-access chunks in its header.
Python's gzip reads it whole, which is what a lexicon wants anyway (every entry, once):
Mueller7 is 9 MB unpacked, read in a fraction of a second. Anything that does not fit
the format is an :class:`InputError` naming the file, never a traceback.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from align.errors import InputError
from align.fileio import read_bytes

_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_VALUE = {char: value for value, char in enumerate(_DIGITS)}
_NUMBER = re.compile(r"[A-Za-z0-9+/]{1,11}")
_GZIP_MAGIC = b"\x1f\x8b"
DATA_SUFFIXES = (".dict.dz", ".dict")
"""The data file beside ``NAME.index``, in the order they are looked for."""


def is_metadata(headword: str) -> bool:
    """Whether a headword is dictd's own bookkeeping (``00databaseinfo``,
    ``00-database-short``), not a word."""
    return headword.startswith(("00database", "00-database"))


def decode_number(text: str) -> int:
    """A dictd base64 number (most significant digit first): ``C+m`` is 12198."""
    value = 0
    for char in text:
        value = value * 64 + _VALUE[char]
    return value


@dataclass(frozen=True)
class DictdFiles:
    """One dictd dictionary on disk."""

    index: Path
    data: Path

    @property
    def name(self) -> str:
        """``freedict-deu-fra`` for ``…/freedict-deu-fra.index``."""
        return self.index.name[: -len(".index")]

    def stamp(self) -> tuple[int, int, int, int]:
        """Sizes and modification times of both files: a changed dictionary is read again."""
        index, data = self.index.stat(), self.data.stat()
        return index.st_size, index.st_mtime_ns, data.st_size, data.st_mtime_ns


def dictd_files(path: str | os.PathLike[str]) -> DictdFiles:
    """The dictionary that ``path`` names: its ``.index``, its ``.dict``/``.dict.dz``, or
    the path without either suffix. Raises :class:`InputError` when a half is missing."""
    text = os.fspath(path)
    base = text
    for suffix in (".index",) + DATA_SUFFIXES:
        if text.endswith(suffix):
            base = text[: -len(suffix)]
            break
    index = Path(base + ".index")
    if not index.is_file():
        raise InputError(path, f"no dictd index {index.name} beside it" if index != Path(text)
                         else "no such file")
    for suffix in DATA_SUFFIXES:
        data = Path(base + suffix)
        if data.is_file():
            return DictdFiles(index, data)
    raise InputError(index, f"no {Path(base).name}.dict or .dict.dz beside it")


def looks_like_dictd(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is named as a dictd file (which it must then be)."""
    return os.fspath(path).endswith((".index",) + DATA_SUFFIXES)


def read_index(path: Path) -> list[tuple[str, int, int]]:
    """(headword, offset, length) per line of a ``.index``, metadata lines included."""
    raw = read_bytes(path)
    if not raw.strip():
        raise InputError(path, "is empty: not a dictd index")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text: not a dictd index") from None
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split("\t")
        if len(fields) != 3 or not all(_NUMBER.fullmatch(field) for field in fields[1:]):
            shown = line if len(line) <= 40 else line[:40] + "…"
            raise InputError(path, f"line {number} is not 'headword TAB offset TAB length' "
                                   f"({shown!r}): not a dictd index, or cut short")
        rows.append((fields[0], decode_number(fields[1]), decode_number(fields[2])))
    return rows


def read_data(path: Path) -> bytes:
    """The entry texts, unpacked if gzip/dictzip (told by its first bytes, not its name)."""
    raw = read_bytes(path)
    if path.name.endswith(".dz") and not raw.startswith(_GZIP_MAGIC):
        raise InputError(path, "is not dictzip (gzip) data")
    if not raw.startswith(_GZIP_MAGIC):
        return raw
    try:
        return gzip.decompress(raw)
    except EOFError:
        raise InputError(path, "is cut short (the compressed data ends early)") from None
    except (OSError, zlib.error) as error:
        raise InputError(path, f"is damaged dictzip data: {error}") from None


def read_entries(files: DictdFiles) -> Iterator[tuple[str, str]]:
    """(headword, entry text) for every word of the dictionary, in index order."""
    index = read_index(files.index)
    data = read_data(files.data)
    words = 0
    for number, (headword, offset, length) in enumerate(index, 1):
        if offset + length > len(data):
            raise InputError(files.index, f"line {number} ({headword!r}) points past the end "
                             f"of {files.data.name} ({offset + length} > {len(data)} bytes): "
                             "the data is cut short or belongs to another index")
        if is_metadata(headword):
            continue
        try:
            entry = data[offset:offset + length].decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(files.data, f"the entry of {headword!r} is not UTF-8 "
                             "(sverka reads UTF-8 dictd dictionaries)") from None
        words += 1
        yield headword, entry
    if not words:
        raise InputError(files.index, "has no entries (only dictd metadata)")
