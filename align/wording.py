"""How sverka words things for a person: counts with their nouns, text cut to a column.

Every summary, report and message counts and clips through these, so the wording is the
same wherever a person reads it.
"""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 unit``, ``2 units``: a count with its noun in the right number (``many``
    defaults to ``one`` + ``s``)."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def clip(text: str, width: int) -> str:
    """``text`` on one line (runs of whitespace as one space), cut to ``width`` characters
    with an ellipsis when longer."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"


def clip_name(name: str, width: int) -> str:
    """A file name or web address cut to ``width`` characters from its start, with an
    ellipsis: the end tells apart names that share their start (one site's addresses)."""
    name = " ".join(name.split())
    return name if len(name) <= width else "…" + name[len(name) - max(width - 1, 0):]
