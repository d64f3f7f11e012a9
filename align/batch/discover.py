"""Corpus → the pairs to align: a folder of article folders, or a manifest CSV/TSV.

A problem with the corpus as a whole (no such folder, nothing in it, a manifest without
its columns or naming a file outside the corpus, an output folder inside it) is an
:class:`InputError` raised before anything is read or written. A problem with one
article folder (a side missing, a broken meta.toml) is kept on that pair as
``problem``, so the pair is reported as failed and the others go on.

A manifest cell may be a web address instead of a path: the page is fetched here, in the
parent process, into the page cache (:func:`align.web.fetch.local_copy`), so the polite
per-host rate holds across the whole run and the workers read files as for any pair. A
page that cannot be fetched is that pair's ``problem``. Columns beyond the five named
ones (a ``score``, a note) are ignored.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from align.language import language_code_problem
from align.corpus import READABLE_SUFFIXES
from align.errors import InputError
from align.fileio import read_bytes
from align.web.address import is_url

if TYPE_CHECKING:
    from align.web.fetch import Fetcher
    from align.web.web_pair import WebPair

MANIFEST_COLUMNS: tuple[str, ...] = ("id", "original", "translation", "src_lang", "tgt_lang")
"""The manifest's header; the language cells may be empty (then they are detected)."""

MANIFEST_SUFFIXES = (".csv", ".tsv")

_SAFE_ID = re.compile(r"[\w][\w.-]*")
"""A pair id names its output files, so it must be a plain file name."""


@dataclass(frozen=True)
class BatchItem:
    """One pair of the corpus: where its sides are, their languages if known."""

    id: str
    original: Path | None
    translation: Path | None
    src_lang: str | None = None
    tgt_lang: str | None = None
    problem: str | None = None
    """Why the pair cannot be aligned, found at discovery (reported as its error)."""
    src_origin: str | None = None
    """Where ``src_lang`` came from (meta.toml, a file name, the manifest), for errors."""
    tgt_origin: str | None = None
    original_url: str | None = None
    """The address a manifest gave for the original (``original`` is then its cached copy)."""
    translation_url: str | None = None
    original_id: str | None = None
    """The article folder whose original this pair shares with other translations (the
    corpus TMX gives them one unit per original segment); None: the pair stands alone."""

    def web_pair(self) -> "WebPair | None":
        """The pair's sides with the addresses they were fetched from, or None when the
        manifest gave files: the project records the addresses and an error names them."""
        if self.original is None or self.translation is None or (
                self.original_url is None and self.translation_url is None):
            return None
        from align.web.web_pair import WebPair

        return WebPair(self.original, self.translation, self.original_url,
                       self.translation_url)


@dataclass(frozen=True)
class Corpus:
    """The pairs of a corpus in a stable order (by folder name, or manifest row)."""

    root: Path
    """The corpus folder (for a manifest: the folder it is in)."""
    kind: str
    """``folder`` or ``manifest``."""
    items: tuple[BatchItem, ...]
    manifest: Path | None = None


def discover(path: str | Path, cache: Path | None = None,
             fetcher: "Fetcher | None" = None, src_lang: str | None = None) -> Corpus:
    """The pairs of the corpus at ``path`` (a folder of article folders, or a manifest);
    pages a manifest names by address are fetched into ``cache`` (None: the default) by
    ``fetcher`` (None: the shared one, at the default rate and timeout). An article
    folder with several translations is a pair per translation (``FOLDER.LANG``);
    ``src_lang`` names their original where meta.toml does not."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such folder or manifest")
    if path.is_file():
        if path.suffix.lower() not in MANIFEST_SUFFIXES:
            raise InputError(path, "is a file but not a manifest (.csv or .tsv with columns "
                             f"{', '.join(MANIFEST_COLUMNS)}); give a folder of article folders")
        return _manifest_corpus(path, cache, fetcher)
    return _folder_corpus(path, src_lang)


def _folder_corpus(root: Path, src_lang: str | None = None) -> Corpus:
    entries = _listing(root)
    folders = sorted((sub for sub in entries
                      if sub.is_dir() and not sub.name.startswith((".", "_"))),
                     key=lambda sub: sub.name)
    if not folders:
        if any(p.is_file() and p.suffix.lower() in READABLE_SUFFIXES for p in entries):
            raise InputError(root, "is one article folder, not a corpus: give the folder that "
                             "holds article folders, or align it with `sverka pair`")
        raise InputError(root, "has no article folders (one sub-folder per pair, with "
                         "ru.txt and en.txt or a meta.toml naming the two files)")
    return Corpus(root, "folder", tuple(item for folder in folders
                                        for item in _folder_items(folder, src_lang)))


def _listing(root: Path) -> list[Path]:
    """The entries of the corpus folder, or one line saying why it cannot be read."""
    try:
        return list(root.iterdir())
    except OSError as error:
        raise InputError(root, f"cannot read the folder: {error.strerror or error}") from None


def _folder_items(folder: Path, src_lang: str | None) -> list[BatchItem]:
    """One article folder as a pair per translation; what is wrong with it (unreadable, a
    side missing, a language that is no code) stays on one failed pair named after the
    folder, so the others go on."""
    from align.corpus import article_pairs

    try:
        pairs = article_pairs(folder, src_lang)  # it refuses languages that are no codes
    except InputError as error:
        return [BatchItem(folder.name, None, None, problem=str(error))]
    except OSError as error:  # a folder or meta.toml without read permission …
        problem = f"cannot read: {error.strerror or error}"
        return [BatchItem(folder.name, None, None, problem=str(InputError(folder, problem)))]
    shared = folder.name if len(pairs) > 1 else None
    return [BatchItem(pair.name, pair.original, pair.translation, pair.src_lang,
                      pair.tgt_lang, src_origin=pair.src_origin, tgt_origin=pair.tgt_origin,
                      original_id=shared) for pair in pairs]


def _check_lang(lang: str | None, where: Path, origin: str) -> None:
    """A language named by meta.toml or a manifest must be a code such as ``ru`` or
    ``en-GB``: it is written into every TMX, and CAT tools refuse anything else."""
    problem = language_code_problem(lang) if lang is not None else None
    if problem:
        raise InputError(where, f"{origin}: {problem}" if origin else problem)


def _manifest_text(manifest: Path) -> str:
    """The manifest as text, decoded like any input (a BOM, UTF-8, UTF-16 as Excel's
    "Unicode text" saves it, a legacy code page)."""
    from align.ingest.decode import decode_bytes

    return decode_bytes(read_bytes(manifest), manifest)[0]


def _manifest_corpus(manifest: Path, cache: Path | None, fetcher: "Fetcher | None"
                     ) -> Corpus:
    root = manifest.resolve().parent
    text = _manifest_text(manifest)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if manifest.suffix.lower() == ".tsv" or "\t" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [column for column in MANIFEST_COLUMNS if column not in header]
    if missing:
        raise InputError(manifest, f"lacks the column{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(missing)} (the header must name "
                         f"{', '.join(MANIFEST_COLUMNS)})")
    where = {column: header.index(column) for column in MANIFEST_COLUMNS}
    items: list[BatchItem] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        cells = {column: (row[index].strip() if index < len(row) else "")
                 for column, index in where.items()}
        pair_id = cells["id"]
        if not _SAFE_ID.fullmatch(pair_id):
            raise InputError(manifest, f"row {line}: id {pair_id!r} must be a plain name "
                             "(letters, digits, '.', '-', '_'): it names the output files")
        if pair_id in seen:
            raise InputError(manifest, f"row {line}: id {pair_id!r} is used twice")
        seen.add(pair_id)
        sides: list[Path | None] = []
        addresses: list[str | None] = []
        problem = None
        for column in ("original", "translation"):
            if not cells[column]:
                raise InputError(manifest, f"row {line}: the {column} cell is empty")
            if is_url(cells[column]):
                side, trouble = _fetched(cells[column], cache, fetcher)
                sides.append(side)
                addresses.append(cells[column])
                problem = problem or trouble
            else:
                sides.append(_inside(root, cells[column], manifest, line, column))
                addresses.append(None)
        for column in ("src_lang", "tgt_lang"):
            _check_lang(cells[column] or None, manifest, f"row {line}, {column}")
        items.append(BatchItem(pair_id, sides[0], sides[1], cells["src_lang"] or None,
                               cells["tgt_lang"] or None, problem=problem,
                               src_origin=f"the manifest, row {line}",
                               tgt_origin=f"the manifest, row {line}",
                               original_url=addresses[0], translation_url=addresses[1]))
    if not items:
        raise InputError(manifest, "lists no pairs (only a header)")
    return Corpus(root, "manifest", tuple(items), manifest)


def _fetched(url: str, cache: Path | None, fetcher: "Fetcher | None"
             ) -> tuple[Path | None, str | None]:
    """The cached copy of a page a manifest names, or why it could not be fetched (the
    pair's failure, not the batch's)."""
    from align.web.fetch import local_copy

    try:
        return local_copy(url, cache, fetcher), None
    except InputError as error:
        return None, str(error)


def _inside(root: Path, value: str, manifest: Path, line: int, column: str) -> Path:
    """A manifest path, relative to the manifest's folder, that must stay inside it."""
    path = (root / value).resolve()
    if not path.is_relative_to(root):
        raise InputError(manifest, f"row {line}: {column} {value!r} is outside the corpus "
                         f"folder {root}; paths must stay inside the manifest's folder")
    return path


def check_output(corpus: Corpus, out: Path) -> None:
    """Refuse an output folder that would mix with the inputs (checked before any work)."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise InputError(out, "is a file; give a folder for the batch outputs")
    root = corpus.root.resolve()
    if corpus.kind == "folder" and out.is_relative_to(root):
        raise InputError(out, f"is inside the corpus {root}: its files would be read as "
                         "articles next time; choose an output folder outside it")
    if corpus.kind == "manifest":
        if out == root:
            raise InputError(out, "is the manifest's own folder; choose a sub-folder or another "
                             "folder for the outputs")
        for item in corpus.items:
            for side in (item.original, item.translation):
                if side is not None and side.is_relative_to(out):
                    raise InputError(out, f"holds the input {side} (pair {item.id}); "
                                     "choose an output folder apart from the inputs")
