"""A collection: a folder of documents, or a list of files (and URLs) → fingerprinted items.

Every document is read by :func:`align.ingest.read_document`, so a collection holds any
format ``sverka pair`` reads; its language is detected unless the command line gives it.
A file that cannot be used stops the match with one line naming it: a collection with
a silent hole would leave its translation unmatched for the wrong reason. Reading and
fingerprinting run in worker processes for a large collection (they are most of the
time a match takes).
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from align.errors import InputError
from align.matching.features import Fingerprint, fingerprint
from align.web.address import is_url

if TYPE_CHECKING:
    from align.web.fetch import Fetcher

LIST_COLUMNS = ("path", "lang")
"""A CSV/TSV list names its files in a ``path`` column; ``lang`` is optional."""
DETECT_SAMPLE = 1500
UNDETERMINED = "und"
"""The language a document is read in before its own is detected (reading does not
depend on it: ``align.ingest.kinds`` applies every language's phrase lists to all)."""
PARALLEL_FROM = 64
"""Collections of at least this many documents are read by worker processes."""


@dataclass(frozen=True)
class Item:
    """One document of a collection."""

    name: str
    """How the report shows it: its path inside the folder, or as the list gives it."""
    path: Path
    """The local file (for a URL, its cached copy)."""
    url: str | None
    """The address a list gave, written into the manifest as it is."""
    fingerprint: Fingerprint

    @property
    def lang(self) -> str:
        return self.fingerprint.lang


@dataclass(frozen=True)
class _Entry:
    name: str
    path: Path
    url: str | None
    lang: str | None


def read_collection(location: str | os.PathLike[str], lang: str | None = None,
                    workers: int | None = None, cache: Path | None = None,
                    fetcher: "Fetcher | None" = None) -> list[Item]:
    """The documents of a folder (every readable file under it, hidden ones aside) or of a
    list file, in a stable order; ``lang`` forces every document's language. Addresses a
    list names are fetched into ``cache`` by ``fetcher`` (None: the default cache, and
    the shared fetcher at the default rate and timeout), as batch's manifests are."""
    entries = _entries(Path(location), cache, fetcher)
    langs = [lang or entry.lang for entry in entries]
    jobs = [(str(entry.path), entry_lang) for entry, entry_lang in zip(entries, langs)]
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(jobs) >= PARALLEL_FROM else 1
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            try:
                return _items(entries, pool.map(_read_one, jobs, chunksize=32))
            except InputError:
                pool.shutdown(cancel_futures=True)  # the rest need not be read
                raise
    return _items(entries, map(_read_one, jobs))


def _items(entries: list[_Entry],
           results: Iterable[tuple[Fingerprint | None, str | None]]) -> list[Item]:
    """Items in the entries' order, read as the results come in (a worker's result is
    shared out while the others read on); the first that failed stops the match."""
    items = []
    for entry, (found, problem) in zip(entries, results):
        if found is None:
            raise InputError(entry.url or entry.path, problem or "cannot be read")
        items.append(Item(entry.name, entry.path, entry.url, shared(found)))
    return items


def shared(found: Fingerprint) -> Fingerprint:
    """The same fingerprint with its tokens interned: a token that crossed from a worker
    is a new string in every document, and 10,000 documents hold the same few thousand
    words a million times (a third of a large match's memory)."""
    intern = sys.intern
    return replace(found, **{name: Counter({intern(token): count
                                             for token, count in getattr(found, name).items()})
                             for name in ("numbers", "names", "words", "stems")})


def _read_one(job: tuple[str, str | None]) -> tuple[Fingerprint | None, str | None]:
    """A worker's job: the fingerprint of one file, or why it cannot be read (returned,
    not raised, so that the one-line message crosses the process boundary as it is).

    The language is detected on the text's first :data:`DETECT_SAMPLE` characters (the
    whole text only when they do not settle it): detection is a third of the time a
    document takes, and an article's start tells its language as well as all of it."""
    from align.ingest import LANGUAGE_UNSURE, read_document
    from align.language import detect_language

    path, lang = job
    try:
        document = read_document(path, lang or UNDETERMINED)
    except InputError as error:
        return None, error.problem
    text = "\n\n".join(segment.text for segment in document.segments)
    if lang is None:
        lang = detect_language(text[:DETECT_SAMPLE]) or detect_language(text)
        if lang is None:
            return None, LANGUAGE_UNSURE
    return fingerprint(text, lang), None


def _entries(location: Path, cache: Path | None, fetcher: "Fetcher | None"
             ) -> list[_Entry]:
    if not location.exists():
        raise InputError(location, "no such folder or list of files")
    if location.is_dir():
        return _folder_entries(location)
    return _list_entries(location, cache, fetcher)


def _readable(path: Path) -> bool:
    from align.ingest import FORMATS

    return path.suffix.lower() in FORMATS and not path.name.startswith((".", "_"))


def _folder_entries(root: Path) -> list[_Entry]:
    """Every readable file under ``root`` (sub-folders included; hidden ones skipped)."""
    found: list[Path] = []
    try:
        for folder, subfolders, files in os.walk(root, onerror=_raise):
            subfolders[:] = sorted(sub for sub in subfolders if not sub.startswith("."))
            found.extend(Path(folder) / name for name in sorted(files)
                         if _readable(Path(folder) / name))
    except OSError as error:
        raise InputError(getattr(error, "filename", None) or root,
                         f"cannot read the folder: {error.strerror or error}") from None
    if not found:
        from align.ingest import FORMAT_NAMES

        raise InputError(root, f"has no documents (files in a format sverka reads: "
                               f"{FORMAT_NAMES})")
    return [_Entry(path.relative_to(root).as_posix(), path, None, None) for path in found]


def _raise(error: OSError) -> None:
    raise error


def _list_entries(listing: Path, cache: Path | None, fetcher: "Fetcher | None"
                  ) -> list[_Entry]:
    """A list of files: one path or URL a line (``#`` starts a comment), or a CSV/TSV
    with a ``path`` column and perhaps a ``lang`` one. Paths are relative to the list."""
    from align.fileio import read_bytes, read_error
    from align.ingest.decode import decode_bytes

    try:
        text = decode_bytes(read_bytes(listing), listing)[0]
    except OSError as error:
        raise read_error(listing, error) from None
    suffix = listing.suffix.lower()
    if suffix in (".csv", ".tsv"):
        rows = _table_rows(listing, text, "\t" if suffix == ".tsv" else ",")
    else:
        rows = [(number, line.strip(), None) for number, line in
                enumerate(text.splitlines(), start=1)
                if line.strip() and not line.lstrip().startswith("#")]
    if not rows:
        raise InputError(listing, "lists no documents")
    entries = []
    for number, value, lang in rows:
        if is_url(value):
            from align.web.fetch import local_copy

            entries.append(_Entry(value, local_copy(value, cache, fetcher),
                                  value, lang))
            continue
        path = (listing.parent / value)
        if not path.is_file():
            what = "no such file" if not path.exists() else "is not a file"
            hint = "" if entries else (" (give a folder of documents, or a list with one "
                                       "path or URL a line)")
            raise InputError(listing, f"line {number}: {value!r}: {what}{hint}")
        entries.append(_Entry(value, path, None, lang))
    return entries


def _table_rows(listing: Path, text: str, delimiter: str
                ) -> list[tuple[int, str, str | None]]:
    from align.language import LanguageCodeError, parse_language_code

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader, [])]
    if "path" not in header:
        raise InputError(listing, "lacks the column path (a list of files names them in "
                         "a `path` column, with an optional `lang` column)")
    where = {column: header.index(column) for column in LIST_COLUMNS if column in header}
    rows = []
    for row in reader:
        cells = {column: (row[index].strip() if index < len(row) else "")
                 for column, index in where.items()}
        if not cells["path"]:
            continue
        try:
            lang = parse_language_code(cells["lang"]) if cells.get("lang") else None
        except LanguageCodeError as error:
            raise InputError(listing, f"line {reader.line_num}, lang: {error}") from None
        rows.append((reader.line_num, cells["path"], lang))
    return rows
