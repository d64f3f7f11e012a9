"""Text as read, and the normalised copy that the signals compare.

Two jobs, kept apart on purpose. Readers keep a paragraph exactly as the file has it:
non-breaking and narrow spaces ("5 000", "2022 г."), soft hyphens, zero-width
characters, tabs and runs of spaces are what CAT tools match on, so an export that loses
them gives no 100 % match (issue 13: OmegaT left both NBSP paragraphs untranslated). What
readers still change, and why:

- NFC composition: "й" written as и + combining breve is the same letter to every tool;
- line endings (CR LF, CR, U+2028/U+2029, vertical tab, form feed) become LF: lines and
  paragraphs are found on them, and no export carries a line break inside a segment;
- C0 control characters other than tab and DEL: they show nothing, and XML 1.0 (TMX,
  XLIFF, XLSX) cannot hold them at all, so a memory with one would not load;
- whitespace and invisible characters at the two ends of a line: indentation and stray
  marks are layout, and CAT tools trim segment ends too; a BOM opening a file goes so.

The signals (chrF, anchors, length, lexicon, kinds, language detection, sentence
splitting) read :func:`signal_text`, the one place that maps those spaces to a plain
space, drops soft hyphens and zero-width characters and collapses blanks, so alignment
sees what it always saw.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

_LINE_BREAKS = {0x2028: "\n", 0x2029: "\n\n", 0x000B: "\n", 0x000C: "\n\n", 0x0085: "\n"}
"""Unicode line/paragraph separators, vertical tab and form feed (page break)."""

_CONTROL: dict[int, str | None] = {
    code: None for code in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F)}
"""C0 controls other than tab and line breaks, and DEL: no text, and not allowed in XML."""

_TABLE: dict[int, str | None] = {**_CONTROL, **_LINE_BREAKS}
_TABLE_KEEP_LINES: dict[int, str | None] = {**_CONTROL, **{code: " " for code in _LINE_BREAKS}}
"""For ``--segments lines``: only CR/LF end a line, as for the tools that count lines."""

_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
"""Soft hyphen, zero-width space, word joiner, zero-width no-break space (BOM)."""

_EDGES = re.compile(rf"^[\s{_INVISIBLE}]+|[\s{_INVISIBLE}]+$")


def _any_of(chars: Iterable[str]) -> re.Pattern[str]:
    """An expression for one character of ``chars``: it passes over the many texts with
    none of them at C speed, where ``str.translate`` with a dict reads every character in
    Python (3.4 s of 7 on a 34 MB book)."""
    return re.compile("[" + re.escape("".join(chars)) + "]")


_CHANGES = {keep_lines: (table, _any_of(map(chr, table)))
            for keep_lines, table in ((False, _TABLE), (True, _TABLE_KEEP_LINES))}
"""Each table, by ``keep_lines``, with the expression that finds its characters."""
_MARKUP_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
"""What HTML collapses to one space when it renders (NBSP and other Unicode spaces stay)."""

_SIGNAL_CHARS: dict[str, str] = {
    **{chr(code): "" for code in _CONTROL}, **{chr(code): " " for code in _LINE_BREAKS},
    "\t": " ", "\n": " ", "\r": " ",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ",  # no-break spaces: typography, not content
    **{char: "" for char in _INVISIBLE},
}
_SIGNAL_CHANGES = _any_of(_SIGNAL_CHARS)
_RUN_OF_SPACES = re.compile(" {2,}")


def normalize_text(text: str, keep_lines: bool = False) -> str:
    """A whole decoded file as read: LF line ends, NFC, no control characters, every
    line's ends trimmed; the inside of each line stays as written and blank lines stay
    (they separate paragraphs).

    ``keep_lines`` keeps the line count of the file as CR/LF define it: Unicode line and
    paragraph separators, form feeds and vertical tabs become spaces instead of breaks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # line by line: one stress mark (a combining accent) makes NFC's quick check of a
    # whole book fail, and the whole book is normalised again for it (1.4 s on 22 MB)
    text = "\n".join(line if unicodedata.is_normalized("NFC", line)
                     else unicodedata.normalize("NFC", line) for line in text.split("\n"))
    text = _with_table(text, keep_lines)
    return "\n".join(_trim(line) if line and (_at_edge(line[0]) or _at_edge(line[-1]))
                     else line for line in text.split("\n"))


def clean_inline(text: str) -> str:
    """One paragraph from markup that renders runs of ASCII whitespace (line breaks too)
    as one space, as HTML does; non-breaking and other Unicode spaces stay as written."""
    text = _with_table(unicodedata.normalize("NFC", text), keep_lines=True)
    return _trim(_MARKUP_WHITESPACE.sub(" ", text))


def _with_table(text: str, keep_lines: bool) -> str:
    """``text`` with the characters of its table (:data:`_CHANGES`) replaced or dropped."""
    table, changes = _CHANGES[keep_lines]
    return changes.sub(lambda match: table[ord(match.group())] or "", text)


def _at_edge(char: str) -> bool:
    """Whether :data:`_EDGES` trims ``char`` at a line's end (``\\s`` is ``isspace``)."""
    return char.isspace() or char in _INVISIBLE


def one_line(text: str) -> str:
    """One paragraph from a source whose spaces and tabs are text (a .docx paragraph, a
    Markdown paragraph): a line break inside it becomes a space, the rest stays as read."""
    return _trim(" ".join(line for line in normalize_text(text).split("\n") if line))


def _trim(line: str) -> str:
    return _EDGES.sub("", line)


@lru_cache(maxsize=1 << 16)
def signal_text(text: str) -> str:
    """The copy of a segment's text that every signal reads: NFC; non-breaking, narrow
    and figure spaces, tabs and line breaks as one plain space; soft hyphens, zero-width
    characters and controls gone; ends trimmed. Never stored or exported. Cached: the
    signals of one pair read the same texts one after another."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _SIGNAL_CHANGES.sub(lambda match: _SIGNAL_CHARS[match.group()], text)
    if "  " in text:
        text = _RUN_OF_SPACES.sub(" ", text)
    return text.strip()


def signal_texts(texts: Iterable[str]) -> list[str]:
    """:func:`signal_text` of each text, for a signal built over a whole document."""
    return [signal_text(text) for text in texts]


def _ignorable(char: str) -> bool:
    """What :func:`signal_text` may remove, add or change: whitespace and invisibles."""
    return char.isspace() or char in _INVISIBLE or ord(char) in _CONTROL


def original_pieces(original: str, pieces: Iterable[str]) -> list[str] | None:
    """The stretches of ``original`` that ``pieces`` (cut in order from its signal text,
    e.g. sentences) stand for, exact to the character, so that what was split on the
    normalised copy is exported as written; None if a piece is not found in order."""
    found: list[str] = []
    position = 0
    for piece in pieces:
        literal = original.find(piece, position) if piece else -1
        if literal >= 0 and all(map(_ignorable, original[position:literal])):
            found.append(piece)  # written as is: the common case, found at C speed
            position = literal + len(piece)
            continue
        wanted = [char for char in piece if not _ignorable(char)]
        if not wanted:
            continue
        start: int | None = None
        index = position
        for char in wanted:
            while index < len(original) and _ignorable(original[index]):
                index += 1
            if index == len(original) or original[index] != char:
                return None
            if start is None:
                start = index
            index += 1
        found.append(original[start:index])
        position = index
    return found
