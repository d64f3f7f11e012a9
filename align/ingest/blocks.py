"""What a format reader hands back: paragraph texts with the kinds the format itself marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

TABLE_CELL_SEPARATOR = "\t"
"""Readers keep a table row as one block, its cells joined by a tab (as a spreadsheet
copies a row): a row is what a translation keeps in order and what its cells mean
together, where a cell alone is often one number or word that chrF cannot place."""


class Block(NamedTuple):
    """One paragraph of text; ``kind`` is set only when the format says so (a heading, a
    table row)."""

    text: str
    kind: str | None = None


@dataclass
class Parsed:
    """A reader's result: blocks in reading order plus remarks for the user."""

    blocks: list[Block] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    title: str | None = None
    group_of_block: list[int] | None = None
    """In lines mode, the blank-line-separated group (paragraph) each line belongs to."""
    table_rows: int = 0
    """Table rows read (each one block): ``read_document`` tells the user how many."""

    def add_row(self, cells: list[str]) -> None:
        """A table row as one block of kind body, its cells joined; a row of empty cells is
        skipped. Body, because the shape rules would take a short header row ("Год\tЧисло")
        for a heading, and a heading must pair with a heading."""
        if any(cells):
            self.blocks.append(Block(TABLE_CELL_SEPARATOR.join(cells), "body"))
            self.table_rows += 1


def table_rows_notice(rows: int) -> str:
    """What the user is told about the table rows read (one row a segment)."""
    return (f"{rows} table row{'s' if rows != 1 else ''} read, one row a segment "
            "(cells joined by a tab)")
