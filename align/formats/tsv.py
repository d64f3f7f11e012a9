"""TSV export: one row per link, for spreadsheets and quick scripts.

Tabs, newlines and carriage returns inside text are written as ``\\t``, ``\\n``, ``\\r``
(and a backslash as ``\\\\``) so that every link stays one line. The columns are the
table every table export shares (:data:`align.formats.units.TABLE_COLUMNS`, plus the
context columns on request and the mark and note columns when a link has either).
"""

from __future__ import annotations

import os
import re

from align.errors import InputError
from align.fileio import atomic_writer, read_bytes
from align.formats import format_score
from align.formats.units import (TABLE_COLUMNS, ExportSummary, LinkFilter, TableRow,
                                 all_table_columns, annotated, iter_units, link_index,
                                 link_number, row_cells, table_columns, table_row)
from align.model import Alignment

TSV_COLUMNS: tuple[str, ...] = table_columns(False)
TSV_HEADER = "\t".join(TSV_COLUMNS)
TsvRow = TableRow
"""A row read back (the shared table row)."""

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_TO_ESCAPE = re.compile(r"[\\\t\n\r]")
_ESCAPED = re.compile(r"\\(.?)", re.DOTALL)


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
              include_one_sided: bool = True, select: LinkFilter | None = None,
              context: bool = False, include_bad: bool = False) -> ExportSummary:
    """Write ``alignment`` as TSV (UTF-8, LF) at ``path``; returns what was written.

    ``link`` is the link's number (:func:`~align.formats.units.link_number`, from 1, as the
    review shows it), so rows can be traced back even when links are left out. A side's
    segments are joined as in every export.
    """
    summary = ExportSummary()
    notes = annotated(alignment)
    columns = table_columns(context, notes)
    with atomic_writer(path, "w") as handle:
        handle.write("\t".join(columns) + "\n")
        for unit in iter_units(alignment, summary, select=select, context=context,
                               one_sided=include_one_sided, include_bad=include_bad):
            row = table_row(unit, context, notes)
            cells = [str(link_number(row.link)), row.type, format_score(row.score), row.status,
                     *map(escape, row_cells(row, columns))]
            handle.write("\t".join(cells) + "\n")
    return summary


def read_tsv(path: str | os.PathLike[str]) -> list[TsvRow]:
    """The rows of a TSV file written by :func:`write_tsv`; anything else is an InputError."""
    try:
        lines = read_bytes(path).decode("utf-8").split("\n")
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text (byte {error.start})") from None
    if lines and lines[-1] == "":
        lines.pop()
    headers = {"\t".join(columns): columns for columns in all_table_columns()}
    if not lines or lines[0] not in headers:
        raise InputError(path, f"line 1: expected the header {TSV_HEADER!r}")
    columns = headers[lines[0]]
    width = len(columns)
    rows: list[TsvRow] = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != width:
            raise InputError(path, f"line {number}: expected {width} columns, "
                                   f"found {len(cells)}")
        link, kind, score, status, *texts = cells
        try:
            rows.append(TsvRow(link_index(int(link)), kind, float(score), status, **{
                name: unescape(text) for name, text in zip(columns[len(TABLE_COLUMNS) - 2:],
                                                           texts)}))
        except ValueError as error:
            raise InputError(path, f"line {number}: {error}") from None
    return rows
