"""An OpenDocument text (.odt) → its paragraphs, headings marked as the file marks them.

An .odt is a zip whose content.xml holds the body. As for .docx, only the running text is
read: paragraphs, headings and list items in order, and tables one row a block (cells
joined by a tab, as for .docx; a merged cell once; a table nested in a cell is not read).
Frames (text boxes, images), footnotes, comments and generated indexes (a table of
contents repeats the headings) are not article text and are left out.
"""

from __future__ import annotations

from pathlib import Path

from align.errors import InputError
from align.ingest.blocks import Block, Parsed
from align.ingest.normalize import clean_inline
from align.ingest.zipped import open_package, parse_xml, read_member

TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC_NS = "http://purl.org/dc/elements/1.1/"
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

_SKIPPED_LOCAL_NAMES = {"table", "frame", "note", "annotation", "table-of-content",
                        "alphabetical-index", "illustration-index", "object-index",
                        "user-index", "bibliography", "table-index", "tracked-changes",
                        "sequence-decls", "variable-decls", "user-field-decls", "forms"}
"""Elements whose text is not running text (namespaces differ, local names suffice)."""

KIND = "an OpenDocument text file"


def read_odt(path: str | Path) -> Parsed:
    """Paragraphs and headings of an .odt in reading order; empty ones skipped."""
    file = Path(path)
    with open_package(file, KIND) as package:
        if _is_encrypted(package, file):
            raise InputError(file, "is password-protected; save it without a password")
        body = parse_xml(read_member(package, "content.xml", file), file, "content.xml")
        title = _title(package, file)
    text = body.find(f"{{{OFFICE_NS}}}body/{{{OFFICE_NS}}}text")
    if text is None:
        raise InputError(file, "has no text body (not an OpenDocument text document)")
    parsed = Parsed(title=title)
    _collect(text, parsed)
    return parsed


def _collect(element, parsed: Parsed) -> None:
    """Append the paragraphs and headings under ``element`` in document order."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = _local(child.tag)
        if child.tag == f"{{{TABLE_NS}}}table":
            _read_table(child, parsed)
        elif name in _SKIPPED_LOCAL_NAMES:
            continue
        elif child.tag == f"{{{TEXT_NS}}}h" or child.tag == f"{{{TEXT_NS}}}p":
            text = clean_inline(_inline_text(child))
            if text:
                parsed.blocks.append(Block(text, "heading" if name == "h" else None))
        else:  # lists, sections, change regions: containers of paragraphs
            _collect(child, parsed)


def _read_table(table, parsed: Parsed) -> None:
    """Each row of ``table`` (header rows and row groups too) as one block. A cell covered
    by a merged neighbour is skipped, so the merged text comes once."""
    for row in table.iter(f"{{{TABLE_NS}}}table-row"):
        if _nested_in_cell(row, table):
            continue
        cells = [_cell_text(cell) for cell in row if cell.tag == f"{{{TABLE_NS}}}table-cell"]
        parsed.add_row(cells)


def _nested_in_cell(element, outer) -> bool:
    """Whether ``element`` lies in a table nested inside ``outer`` (a table or a cell)."""
    parent = element.getparent()
    while parent is not None and parent is not outer:
        if parent.tag == f"{{{TABLE_NS}}}table":
            return True
        parent = parent.getparent()
    return False


def _cell_text(cell) -> str:
    """A cell's paragraphs (in lists too) joined by a space; a nested table left out."""
    texts = [clean_inline(_inline_text(paragraph))
             for paragraph in cell.iter(f"{{{TEXT_NS}}}p", f"{{{TEXT_NS}}}h")
             if not _nested_in_cell(paragraph, cell)]
    return " ".join(text for text in texts if text)


def _inline_text(element) -> str:
    """A paragraph's text: spans followed, ``text:s`` spaces and tabs kept as blanks,
    line breaks as spaces, notes and frames inside the paragraph left out."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            name = _local(child.tag)
            if name == "s":
                parts.append(" " * _count(child.get(f"{{{TEXT_NS}}}c")))
            elif name in ("tab", "line-break"):
                parts.append(" ")
            elif name not in _SKIPPED_LOCAL_NAMES:
                parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _count(value: str | None) -> int:
    """``text:c`` of ``<text:s>``: how many spaces (1 when absent or unreadable)."""
    try:
        return max(1, min(int(value or "1"), 1000))
    except ValueError:
        return 1


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_encrypted(package, file: Path) -> bool:
    """A password-protected .odt lists encryption data for content.xml in its manifest."""
    if "META-INF/manifest.xml" not in package.namelist():
        return False
    manifest = parse_xml(read_member(package, "META-INF/manifest.xml", file), file,
                         "META-INF/manifest.xml")
    for entry in manifest.iter(f"{{{MANIFEST_NS}}}file-entry"):
        if (entry.get(f"{{{MANIFEST_NS}}}full-path") == "content.xml"
                and entry.find(f"{{{MANIFEST_NS}}}encryption-data") is not None):
            return True
    return False


def _title(package, file: Path) -> str | None:
    """The title set in the document's properties (meta.xml), if any."""
    if "meta.xml" not in package.namelist():
        return None
    try:
        meta = parse_xml(read_member(package, "meta.xml", file), file, "meta.xml")
    except InputError:
        return None  # the properties are optional; a broken meta.xml must not stop reading
    title = clean_inline(meta.findtext(f".//{{{DC_NS}}}title") or "")
    return title or None
