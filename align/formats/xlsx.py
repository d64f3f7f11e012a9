"""XLSX export (one row per link, like TSV) and its reader, for reviewers in a spreadsheet.

openpyxl's write-only mode streams rows to disk, so a large memory does not sit in
memory. Every text cell is written as a string: a segment that starts with ``=`` stays
text and never becomes a formula (openpyxl would otherwise take it for one).
"""

from __future__ import annotations

import os

from align.errors import InputError
from align.fileio import atomic_writer
from align.formats import round_score
from align.formats.units import (TABLE_COLUMNS, ExportSummary, LinkFilter, TableRow,
                                 all_table_columns, annotated, iter_units, link_index,
                                 link_number, row_cells, table_columns, table_row)
from align.model import Alignment

SHEET = "alignment"


def write_xlsx(alignment: Alignment, path: str | os.PathLike[str], *,
               include_one_sided: bool = True, select: LinkFilter | None = None,
               context: bool = False, include_bad: bool = False) -> ExportSummary:
    """Write ``alignment`` as an XLSX workbook with one sheet of rows at ``path``."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    summary = ExportSummary()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    notes = annotated(alignment)
    columns = table_columns(context, notes)
    sheet.append(list(columns))

    def text_cell(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell

    for unit in iter_units(alignment, summary, select=select, context=context,
                           one_sided=include_one_sided, include_bad=include_bad):
        row = table_row(unit, context, notes)
        sheet.append([link_number(row.link), row.type, round_score(row.score), row.status,
                      *map(text_cell, row_cells(row, columns))])
    with atomic_writer(path, "wb") as handle:
        book.save(handle)
    return summary


def read_xlsx(path: str | os.PathLike[str]) -> list[TableRow]:
    """The rows of a workbook written by :func:`write_xlsx`; anything else is an InputError."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(os.fspath(path), read_only=True, data_only=False)
    except (BadZipFile, KeyError, OSError, ValueError) as error:
        raise InputError(path, f"not an XLSX workbook: {error}") from None
    try:
        if SHEET not in book.sheetnames:
            raise InputError(path, f"no sheet named {SHEET!r}")
        rows = book[SHEET].iter_rows(values_only=True)
        header = tuple(next(rows, ()))
        if header not in all_table_columns():
            raise InputError(path, f"row 1: expected the header {table_columns(False)}")
        result = []
        for number, values in enumerate(rows, start=2):
            link, kind, score, status, *texts = values
            try:
                result.append(TableRow(link_index(int(link)), str(kind), float(score), str(status), **{
                    name: "" if text is None else str(text)
                    for name, text in zip(header[len(TABLE_COLUMNS) - 2:], texts)}))
            except (TypeError, ValueError) as error:
                raise InputError(path, f"row {number}: {error}") from None
        return result
    finally:
        book.close()
