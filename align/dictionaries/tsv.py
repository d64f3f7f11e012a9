"""A TSV of word pairs: ``source TAB target`` per line, optionally ``TAB weight`` (0–1].

A target cell may list several translations (``кошка, кот``). A first line of two language codes (``en TAB ru``) says which way the file goes, so it
serves a pair in either direction; without it the words are read in the direction of
the pair being aligned. Lines starting with ``#`` and empty lines are skipped; anything
else that is not a pair is an :class:`InputError` naming the file and the line.
"""

from __future__ import annotations

import os
import re

from align.dictionaries.pairs import PairBuilder, WordPairs
from align.errors import InputError
from align.fileio import read_bytes
from align.language import language_code_problem

_CODE_LENGTHS = (2, 3)


def _is_header(fields: list[str]) -> bool:
    """Two cells that are language codes (``en``, ``ru``, ``pt-BR``), not words."""
    return len(fields) == 2 and all(
        language_code_problem(field) is None
        and len(field.split("-")[0]) in _CODE_LENGTHS and field.split("-")[0].islower()
        for field in fields)


def _rows(path: str | os.PathLike[str]) -> tuple[tuple[str, str] | None,
                                                   list[tuple[int, list[str]]]]:
    """The declared languages (or None) and the numbered rows of cells."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text: expected a TSV of word pairs") from None
    if "\x00" in text:
        raise InputError(path, "is binary, not a TSV of word pairs")
    rows = [(number, line.rstrip("\r").split("\t"))
            for number, line in enumerate(text.split("\n"), 1)
            if line.strip() and not line.startswith("#")]
    if rows and _is_header([cell.strip() for cell in rows[0][1]]):
        first = rows.pop(0)[1]
        return (first[0].strip(), first[1].strip()), rows
    return None, rows


def declared_languages(path: str | os.PathLike[str]) -> tuple[str, str] | None:
    """The languages a TSV's first line names, or None."""
    return _rows(path)[0]


def read_tsv(path: str | os.PathLike[str], src_lang: str, tgt_lang: str) -> WordPairs:
    """The file's pairs, stemmed as ``src_lang`` → ``tgt_lang`` (its header's languages
    when it has one: the caller inverts the result when needed)."""
    declared, rows = _rows(path)
    if declared is not None:
        src_lang, tgt_lang = declared
    builder = PairBuilder(src_lang, tgt_lang)
    for number, cells in rows:
        if len(cells) not in (2, 3) or not cells[0].strip() or not cells[1].strip():
            raise InputError(path, f"line {number}: expected 'source TAB target' or "
                                   f"'source TAB target TAB weight'")
        weight = 1.0
        if len(cells) == 3:
            try:
                weight = float(cells[2])
            except ValueError:
                weight = -1.0
            if not 0.0 < weight <= 1.0:
                raise InputError(path, f"line {number}: weight {cells[2]!r} is not a "
                                       "number in (0, 1]")
        builder.add(cells[0], re.split(r"[,;]", cells[1]), weight)
    if not rows:
        raise InputError(path, "has no word pairs")
    return builder.pairs
