"""The pairs manifest ``sverka batch`` reads: one row per matched translation.

Batch resolves a manifest's paths against the manifest's own folder and refuses any that
lead outside it (:func:`align.batch.discover._inside`), so the manifest must be written
in a folder that holds both collections; :func:`check_location` says so, in one line,
before any document is read. Columns are batch's (:data:`MANIFEST_COLUMNS`) and the
match's ``score``, which batch does not read.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Iterable

from align.batch.discover import MANIFEST_COLUMNS
from align.errors import InputError
from align.matching.matcher import MatchResult

COLUMNS = (*MANIFEST_COLUMNS, "score")
SUFFIXES = (".csv", ".tsv")
_UNSAFE = re.compile(r"[^\w.-]+")


def check_location(out: Path, inputs: Iterable[Path]) -> None:
    """Refuse a manifest whose folder does not hold every input (a collection folder or a
    document): batch would refuse its rows."""
    if out.suffix.lower() not in SUFFIXES:
        raise InputError(out, "must end in .csv or .tsv (the manifest `sverka batch` reads)")
    folder = out.resolve().parent
    paths = [path.resolve() for path in inputs]
    outside = [path for path in paths if not path.is_relative_to(folder)]
    if outside:
        common = Path(os.path.commonpath([str(path) for path in paths]))
        common = common if common.is_dir() else common.parent
        raise InputError(out, f"cannot list {outside[0]}: `sverka batch` reads only paths "
                         f"inside the manifest's folder {folder}; write the manifest in "
                         f"{common} or another folder that holds both collections")


def pair_ids(result: MatchResult) -> dict[int, str]:
    """A plain, unique id per matched translation (it names batch's output files): the
    original's file name and the translation's language."""
    ids: dict[int, str] = {}
    used: set[str] = set()
    for decision in result.decisions:
        if decision.original is None:
            continue
        original = result.originals[decision.original]
        translation = result.translations[decision.translation]
        stem = _UNSAFE.sub("-", Path(original.name).stem).strip("-._") or "pair"
        base = f"{stem}.{translation.lang}"
        pair_id, number = base, 2
        while pair_id in used:
            pair_id, number = f"{base}-{number}", number + 1
        used.add(pair_id)
        ids[decision.translation] = pair_id
    return ids


def manifest_text(result: MatchResult, out: Path) -> str:
    """The manifest's text: paths relative to ``out``'s folder, URLs as they were given."""
    folder = out.resolve().parent
    check_location(out, [item.path for items in (result.originals, result.translations)
                         for item in items if item.url is None])
    ids = pair_ids(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if out.suffix.lower() == ".tsv" else ",",
                        lineterminator="\n")
    writer.writerow(COLUMNS)
    for decision in result.decisions:
        if decision.original is None or decision.score is None:
            continue
        original = result.originals[decision.original]
        translation = result.translations[decision.translation]
        writer.writerow([ids[decision.translation],
                         original.url or os.path.relpath(original.path.resolve(), folder),
                         translation.url or os.path.relpath(translation.path.resolve(), folder),
                         original.lang, translation.lang, f"{decision.score:.3f}"])
    return buffer.getvalue()


def write_manifest(result: MatchResult, out: Path) -> None:
    """Write the manifest atomically (a crash never leaves half of it)."""
    from align.fileio import write_text_atomic

    write_text_atomic(out, manifest_text(result, out))
