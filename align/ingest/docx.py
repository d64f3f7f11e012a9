"""A Word .docx file → its paragraphs, headings marked by their style, and table rows.

python-docx is imported inside the function (start-up time). The body is read in order:
paragraphs, and tables one row a block (cells joined by a tab; a merged cell once; a
table nested in a cell is not read). Text boxes, headers and footers are not article
text. A paragraph keeps its tabs and spaces as written; a line break in it is a space.
"""

from __future__ import annotations

from os import PathLike

from align.errors import InputError
from align.ingest.blocks import Block, Parsed
from align.ingest.normalize import one_line

HEADING_STYLES: tuple[str, ...] = (
    "heading", "title", "subtitle", "заголовок", "название", "подзаголовок",
    "überschrift", "titel", "titre", "título", "titolo", "nagłówek", "tytuł",
)
"""Lower-cased prefixes of paragraph style names that mark a heading (English, localised)."""


def read_docx(path: str | PathLike[str]) -> Parsed:
    """Paragraphs of a .docx in order; empty ones skipped; heading styles → heading."""
    try:
        import docx
        document = docx.Document(str(path))
    except InputError:
        raise
    except Exception:  # python-docx raises several types for a file that is not a package
        raise InputError(path, "is not a valid .docx file (not a Word zip package)") from None
    from docx.table import Table

    parsed = Parsed()
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            for row in part.rows:
                parsed.add_row([one_line(cell.text) for cell in _distinct_cells(row)])
            continue
        text = one_line(part.text)
        if text:
            parsed.blocks.append(Block(text, "heading" if _is_heading(part) else None))
    title = one_line(document.core_properties.title or "")
    parsed.title = title or None
    return parsed


def _distinct_cells(row) -> list:
    """The row's cells, a cell merged across columns once (python-docx repeats it)."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _is_heading(paragraph) -> bool:
    try:
        name = (paragraph.style.name or "") if paragraph.style is not None else ""
    except Exception:  # a broken style reference must not stop reading the text
        return False
    return name.strip().lower().startswith(HEADING_STYLES)
