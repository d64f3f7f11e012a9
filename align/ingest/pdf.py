"""A PDF with a text layer → its paragraphs (pdfminer.six reads the printed lines).

pdfminer.six gives every line of text with its position and size; :mod:`pdf_layout`
puts them in reading order (one column, or two), drops the page furniture and rebuilds
paragraphs from that geometry. A PDF that cannot be read (damaged, encrypted with
a password, a scan without a text layer, fonts without a Unicode map) is an InputError.
pdfminer is imported inside the function: ``sverka`` starts fast.
"""

from __future__ import annotations

import contextlib
import logging
import re
import warnings
from collections import Counter
from pathlib import Path

from align.errors import InputError
from align.ingest.blocks import Block, Parsed
from align.ingest.normalize import clean_inline
from align.ingest.pdf_layout import Line, paragraphs, reading_order, remove_furniture
from align.ingest.reasons import reason

NO_TEXT = ("has no text layer (a scanned PDF?): run OCR on it first, or give its text as "
           ".txt, .docx or .html")
_UNMAPPED = re.compile(r"\(cid:\d+\)")
"""What pdfminer writes for a glyph whose font has no map to Unicode."""


def read_pdf(path: str | Path) -> Parsed:
    """Paragraphs of a text PDF in reading order, with a notice of removed furniture."""
    file = Path(path)
    pages: list[list[Line]] = []
    two_columns = 0
    for pieces in _pages(file):
        ordered, in_columns = reading_order(pieces)
        pages.append(ordered)
        two_columns += in_columns
    lines = [line for page in pages for line in page]
    if not any(line.text for line in lines):
        raise InputError(file, NO_TEXT)
    unmapped = sum(len(match) for line in lines for match in _UNMAPPED.findall(line.text))
    if unmapped * 2 > sum(len(line.text) for line in lines):
        raise InputError(file, "has text in fonts without a Unicode map: its letters cannot "
                               "be read; export its text as .txt from the program that made it")
    kept, removed = remove_furniture(pages)
    blocks = [Block(clean_inline(block.text), block.kind) for block in paragraphs(kept)]
    parsed = Parsed([block for block in blocks if block.text])
    if removed:
        parsed.notices.append(f"PDF: removed {removed} header, footer and page-number "
                              f"line(s) from {len(pages)} page(s)")
    if two_columns:
        parsed.notices.append(f"PDF: {two_columns} page(s) set in two columns, read left "
                              "column first")
    return parsed


def _pages(file: Path) -> list[list[Line]]:
    """Every page's pieces of text lines; pdfminer's own failures become an InputError."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[list[Line]] = []
    # boxes_flow=None: pdfminer's ordering of text boxes is skipped (a quarter of its time);
    # pdf_layout.reading_order puts the lines in order by position instead
    try:
        with _quiet():
            layouts = extract_pages(file, laparams=LAParams(boxes_flow=None))
            for number, layout in enumerate(layouts):
                pages.append(list(_lines_of(layout, number)))
    except PDFPasswordIncorrect:
        raise InputError(file, "is encrypted with a password; save a copy without one"
                         ) from None
    except PDFEncryptionError as error:
        raise InputError(file, "is encrypted in a way that cannot be read "
                               f"({reason(error)})") from None
    except OSError as error:
        from align.fileio import read_error

        raise read_error(file, error) from None
    except Exception as error:  # pdfminer raises many types (syntax, EOF, KeyError…)
        raise InputError(file, f"is not a readable PDF ({reason(error)})") from None
    if not pages:
        raise InputError(file, "is not a readable PDF (it has no pages)")
    return pages


@contextlib.contextmanager
def _quiet():
    """pdfminer warns (log records, warnings) about small defects it reads past; the
    user sees one line per problem from sverka, not pdfminer's chatter."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _lines_of(layout, number: int):
    """The horizontal text lines anywhere in a page's layout tree. A line's extent is that
    of its visible characters: a run of spaces drawn as an indent still shows as one."""
    from pdfminer.layout import LTChar, LTTextLineHorizontal

    stack = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTTextLineHorizontal):
            text = item.get_text().strip()
            glyphs = [char for char in item
                      if isinstance(char, LTChar) and not char.get_text().isspace()]
            if text and glyphs:
                sizes = Counter(round(char.size, 1) for char in glyphs)
                yield Line(text, number, min(char.x0 for char in glyphs),
                           max(char.x1 for char in glyphs), item.y0, item.y1,
                           sizes.most_common(1)[0][0])
        elif hasattr(item, "__iter__"):
            stack.extend(item)
