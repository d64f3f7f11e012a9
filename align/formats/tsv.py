"""TSV export: one row per link, for spreadsheets and quick scripts.

Tabs, newlines and carriage returns inside text are written as ``\\t``, ``\\n``, ``\\r``
(and a backslash as ``\\\\``) so that every link stays one line of six columns.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

from align.errors import InputError
from align.fileio import atomic_writer
from align.formats import format_score
from align.model import Alignment

TSV_COLUMNS: tuple[str, ...] = ("link", "type", "score", "status", "source", "target")
TSV_HEADER = "\t".join(TSV_COLUMNS)

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_TO_ESCAPE = re.compile(r"[\\\t\n\r]")
_ESCAPED = re.compile(r"\\(.?)", re.DOTALL)


class TsvRow(NamedTuple):
    """One link as read back from a TSV file."""

    link: int
    type: str
    score: float
    status: str
    source: str
    target: str


def escape(text: str) -> str:
    """Text safe for one TSV cell (no raw tab, newline or carriage return)."""
    return _TO_ESCAPE.sub(lambda match: _ESCAPES[match.group()], text)


def unescape(cell: str) -> str:
    """The inverse of :func:`escape`; an unknown escape raises ``ValueError``."""
    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code not in _UNESCAPES:
            raise ValueError(f"unknown escape \\{code}" if code else "a lone backslash at the end")
        return _UNESCAPES[code]
    return _ESCAPED.sub(replace, cell)


def write_tsv(alignment: Alignment, path: str | os.PathLike[str], *,
              include_one_sided: bool = True) -> int:
    """Write ``alignment`` as TSV (UTF-8, LF) at ``path``; returns the number of rows.

    ``link`` is the link's index in the alignment, so rows can be traced back even when
    one-sided links are left out. A side's segments are joined as in every export.
    """
    rows = 0
    with atomic_writer(path, "w") as handle:
        handle.write(TSV_HEADER + "\n")
        for index, link in enumerate(alignment.links):
            if not include_one_sided and not link.two_sided:
                continue
            cells = (str(index), link.type, format_score(link.score), link.status,
                     escape(alignment.source_text(link)), escape(alignment.target_text(link)))
            handle.write("\t".join(cells) + "\n")
            rows += 1
    return rows


def read_tsv(path: str | os.PathLike[str]) -> list[TsvRow]:
    """The rows of a TSV file written by :func:`write_tsv`; anything else is an InputError."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            lines = handle.read().split("\n")
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != TSV_HEADER:
        raise InputError(path, f"line 1: expected the header {TSV_HEADER!r}")
    rows: list[TsvRow] = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(TSV_COLUMNS):
            raise InputError(path, f"line {number}: expected {len(TSV_COLUMNS)} columns, "
                                   f"found {len(cells)}")
        link, kind, score, status, source, target = cells
        try:
            rows.append(TsvRow(int(link), kind, float(score), status,
                               unescape(source), unescape(target)))
        except ValueError as error:
            raise InputError(path, f"line {number}: {error}") from None
    return rows
