"""Plain text → paragraph blocks (Markdown: :mod:`align.ingest.markdown`).

Input is already normalised (LF, trimmed lines; the inside of a line as written). A
paragraph is a block of lines between blank lines, its lines joined by one space
(soft-wrapped prose). Files with no blank line at all hold one paragraph per line.
"""

from __future__ import annotations

from typing import Callable

from align.ingest.blocks import Block, Parsed

LONG_LINE = 200
"""A line this long was not hard-wrapped, so a block containing one is a paragraph per line."""

NO_BLANK_LINES = "no blank lines: one paragraph per line"
LONG_LINES = (f"lines over {LONG_LINE} characters between blank lines: "
              "read as one paragraph per line")


def paragraph_blocks(text: str) -> list[str]:
    """Paragraphs of normalised ``text``: blank-line separated blocks, lines joined by a space."""
    return [" ".join(lines) for lines in line_groups(text)]


def line_groups(text: str) -> list[list[str]]:
    """Runs of non-empty lines between blank lines."""
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


def lines_of(groups: list[list[str]], block_of: Callable[[str], Block]) -> Parsed:
    """Lines mode: one block per line, remembering which blank-line group it came from."""
    parsed = Parsed([block_of(line) for group in groups for line in group])
    parsed.group_of_block = [number for number, group in enumerate(groups) for _ in group]
    return parsed


def read_plain(text: str, lines: bool = False) -> Parsed:
    """Blocks of a plain-text file; ``lines`` makes every non-empty line a block."""
    groups = line_groups(text)
    if lines:
        return lines_of(groups, Block)
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
