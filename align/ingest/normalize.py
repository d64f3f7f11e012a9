"""Text clean-up that every reader applies after decoding.

Only invisible or layout-only differences are removed (line endings, non-breaking and
zero-width characters, soft hyphens, runs of spaces), so that two renderings of the same
text compare equal; quotes, dashes, «», ё and the rest of the text stay exactly as written.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = {0x00A0: " ", 0x202F: " ", 0x2007: " "}
"""Non-breaking spaces become plain spaces: they are typography, not content."""

_REMOVED = {0x00AD: None, 0x200B: None, 0x2060: None, 0xFEFF: None}
"""Soft hyphen, zero-width space, word joiner, BOM/zero-width no-break space: invisible."""

_LINE_BREAKS = {0x2028: "\n", 0x2029: "\n\n", 0x000B: "\n", 0x000C: "\n\n", 0x0085: "\n"}
"""Unicode line/paragraph separators, vertical tab and form feed (page break)."""

_CONTROL = {code: None for code in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F)}
"""C0 control characters other than tab and line breaks carry no text; they are dropped."""

_TABLE: dict[int, str | None] = {**_CONTROL, **_SPACES, **_REMOVED, **_LINE_BREAKS}
_TABLE_KEEP_LINES: dict[int, str | None] = {**_TABLE, **{code: " " for code in _LINE_BREAKS}}
"""For ``--segments lines``: only CR/LF end a line, as for the tools that count lines."""

_RUN_OF_BLANKS = re.compile(r"[ \t]+")
_RUN_OF_WHITESPACE = re.compile(r"[ \t\n]+")


def normalize_text(text: str, keep_lines: bool = False) -> str:
    """Normalise a whole decoded file: LF line ends, NFC, invisible characters removed,
    blanks collapsed and every line stripped. Blank lines are kept (they separate paragraphs).

    ``keep_lines`` keeps the line count of the file as CR/LF define it: Unicode line and
    paragraph separators, form feeds and vertical tabs become spaces instead of breaks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    table = _TABLE_KEEP_LINES if keep_lines else _TABLE
    text = unicodedata.normalize("NFC", text).translate(table)
    return "\n".join(_RUN_OF_BLANKS.sub(" ", line).strip() for line in text.split("\n"))


def clean_inline(text: str) -> str:
    """Normalise one paragraph taken from a structured source (HTML, docx): any line break
    or run of whitespace becomes one space, because the source already marks paragraphs.
    """
    return _RUN_OF_WHITESPACE.sub(" ", normalize_text(text)).strip()
