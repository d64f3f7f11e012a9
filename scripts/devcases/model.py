"""The model of a dev case: originally 1-1 units, gold blocks, planned operations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Hashable

INSERTED = "+"
"""The provenance key of a line the builder added (credit, note, key table, code)."""


class DataError(Exception):
    """The shared data is missing or not shaped as expected: one line for the user."""


def normalise(text: str) -> str:
    """Collapse whitespace runs so every segment is one clean line."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Unit:
    """One originally 1-1 item: a paragraph, or at sentence level a sentence."""

    src: str
    tgt: str
    doc: str
    par: int
    """Paragraph number within the case: sentence level keeps paragraphs together."""
    tgt_parts: tuple[str, ...] = ()
    """The target's sentences, where a paragraph may be split."""
    key: str = INSERTED
    """Where the unit comes from in the data (``doc#place``), so a test can trace every
    gold link back to the texts it was made of; ``+`` for lines the builder added."""


@dataclass
class Block:
    """One gold link before numbering: its lines on each side and its paragraph."""

    src: list[str]
    tgt: list[str]
    par: Hashable
    op: dict[str, Any] | None = None
    src_keys: list[str] = field(default_factory=list)
    tgt_keys: list[str] = field(default_factory=list)
    """The units each side's lines were made of (see :attr:`Unit.key`)."""


@dataclass
class Op:
    """A planned restructuring: ``at`` is a unit index, or for inserts a gap index."""

    kind: str  # merge | split | drop | insert
    side: str  # src | tgt
    at: int
    cut: int = 0
    text: str = ""
    own_par: bool = False


@dataclass
class Case:
    id: str
    level: str
    blocks: list[Block]
    info: dict[str, Any] = field(default_factory=dict)
    """Written to index.json and case.json; holds at least family, split, doc and the
    two languages (``src_lang``/``tgt_lang``)."""
