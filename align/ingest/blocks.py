"""What a format reader hands back: paragraph texts with the kinds the format itself marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Block(NamedTuple):
    """One paragraph of text; ``kind`` is set only when the format says so (a heading)."""

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
