"""Plain text and Markdown → paragraph blocks.

Input is already normalised (LF, stripped lines, collapsed blanks). A paragraph is a block
of lines between blank lines, its lines joined by one space (soft-wrapped prose). Files
with no blank line at all hold one paragraph per line. Markdown is read only as far as
alignment needs: headings, list items and block quotes become their own paragraphs;
emphasis, links and the like stay as written.
"""

from __future__ import annotations

import re

from align.ingest.blocks import Block, Parsed

LONG_LINE = 200
"""A line this long was not hard-wrapped, so a block containing one is a paragraph per line."""

NO_BLANK_LINES = "no blank lines: one paragraph per line"
LONG_LINES = (f"lines over {LONG_LINE} characters between blank lines: "
              "read as one paragraph per line")

_ATX = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^(=+|-+)$")
_BREAK = re.compile(r"^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BULLET = re.compile(r"^[-*+][ \t]+(?=\S)")
_ORDERED = re.compile(r"^\d{1,3}[.)][ \t]+(?=\S)")
_QUOTE = re.compile(r"^(?:>[ \t]?)+")
_FENCE = re.compile(r"^(```|~~~)")


def paragraph_blocks(text: str) -> list[str]:
    """Paragraphs of normalised ``text``: blank-line separated blocks, lines joined by a space."""
    return [" ".join(lines) for lines in _line_groups(text)]


def _line_groups(text: str) -> list[list[str]]:
    groups: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line:
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _lines_of(groups: list[list[str]], block_of) -> Parsed:
    """Lines mode: one block per line, remembering which blank-line group it came from."""
    parsed = Parsed([block_of(line) for group in groups for line in group])
    parsed.group_of_block = [number for number, group in enumerate(groups) for _ in group]
    return parsed


def read_plain(text: str, lines: bool = False) -> Parsed:
    """Blocks of a plain-text file; ``lines`` makes every non-empty line a block."""
    groups = _line_groups(text)
    if lines:
        return _lines_of(groups, Block)
    parsed = Parsed()
    if len(groups) == 1 and len(groups[0]) > 1:
        parsed.notices.append(NO_BLANK_LINES)
        parsed.blocks = [Block(line) for line in groups[0]]
        return parsed
    for group in groups:
        if len(group) > 1 and max(map(len, group)) > LONG_LINE:
            if LONG_LINES not in parsed.notices:
                parsed.notices.append(LONG_LINES)
            parsed.blocks.extend(Block(line) for line in group)
        else:
            parsed.blocks.append(Block(" ".join(group)))
    return parsed


def read_markdown(text: str, lines: bool = False) -> Parsed:
    """Blocks of a Markdown file: ``#`` and underlined headings become heading blocks."""
    if lines:
        return _lines_of(_line_groups(text), _markdown_line)
    parsed = Parsed()
    text = _drop_front_matter(text, parsed.notices)
    if len(_line_groups(text)) == 1 and len(_line_groups(text)[0]) > 1:
        parsed.notices.append(NO_BLANK_LINES)
        parsed.blocks = [_markdown_line(line) for line in _line_groups(text)[0]]
        return parsed

    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            if len(current) > 1 and max(map(len, current)) > LONG_LINE:
                parsed.blocks.extend(Block(line) for line in current)
            else:
                parsed.blocks.append(Block(" ".join(current)))
            current.clear()

    for line in text.split("\n"):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line:
                current.append(line)
            else:
                flush()
            continue
        line = _QUOTE.sub("", line).strip()
        if not line:
            flush()
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            if heading.group(2):
                parsed.blocks.append(Block(heading.group(2).strip(), "heading"))
            continue
        if _SETEXT.match(line) and len(current) == 1:
            parsed.blocks.append(Block(current[0], "heading"))
            current.clear()
            continue
        if _BREAK.match(line):
            flush()
            continue
        bullet = _BULLET.match(line)
        if bullet or _ORDERED.match(line):
            flush()
            line = line[bullet.end():] if bullet else line
        current.append(line)
    flush()
    return parsed


def _markdown_line(line: str) -> Block:
    """One line in lines mode: a heading loses its ``#`` marks, anything else stays as is."""
    heading = _ATX.match(line)
    if heading and heading.group(2):
        return Block(heading.group(2).strip(), "heading")
    return Block(line)


def _drop_front_matter(text: str, notices: list[str]) -> str:
    """A leading ``---`` … ``---`` block is YAML metadata, not text to translate."""
    if not text.startswith("---\n"):
        return text
    end = text.find("\n---\n", 3)
    if end == -1 and text.endswith("\n---"):
        end = len(text) - 4
    if end == -1:
        return text
    notices.append("Markdown front matter (--- … ---) left out")
    return text[end + 5:]
