"""A Word .docx file → its paragraphs, headings marked by their style.

python-docx is imported inside the function (start-up time). Only body paragraphs are
read, in order; tables, text boxes, headers and footers are not article text.
"""

from __future__ import annotations

from os import PathLike

from align.errors import InputError
from align.ingest.blocks import Block, Parsed
from align.ingest.normalize import clean_inline

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
    parsed = Parsed()
    for paragraph in document.paragraphs:
        text = clean_inline(paragraph.text)
        if not text:
            continue
        parsed.blocks.append(Block(text, "heading" if _is_heading(paragraph) else None))
    title = clean_inline(document.core_properties.title or "")
    parsed.title = title or None
    return parsed


def _is_heading(paragraph) -> bool:
    try:
        name = (paragraph.style.name or "") if paragraph.style is not None else ""
    except Exception:  # a broken style reference must not stop reading the text
        return False
    return name.strip().lower().startswith(HEADING_STYLES)
