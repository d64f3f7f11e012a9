"""Finding links: what "needs a look", and regex search over both sides.

Pure functions over an alignment (no widgets), so the jumps are tested without a screen.
These only choose where the cursor goes; they never change an alignment.
"""

from __future__ import annotations

import re
from typing import Callable, Collection, Sequence

from align.model import Alignment, Link

try:  # one threshold for the QA flags and the grid's "low confidence" mark
    from align.check import CheckSettings

    LOW_CONFIDENCE = CheckSettings().low_confidence
except ImportError:  # pragma: no cover - depends on the checkout
    LOW_CONFIDENCE = 0.5

Predicate = Callable[[int, Link], bool]


def is_low(link: Link) -> bool:
    return not link.reviewed and link.two_sided and link.score < LOW_CONFIDENCE


def is_nonstandard(link: Link) -> bool:
    return len(link.src) != 1 or len(link.tgt) != 1  # link.type != "1-1", without a string


def needs_look(link: Link, flagged: bool) -> bool:
    """Low confidence, not 1-1, or flagged, and nobody has looked at it yet."""
    return not link.reviewed and (is_low(link) or is_nonstandard(link) or flagged)


def predicate(kind: str, flagged: Collection[int] = ()) -> Predicate:
    """The test behind a jump key: low, nonstandard, flagged, unconfirmed or attention."""
    tests: dict[str, Predicate] = {
        "low": lambda k, link: is_low(link),
        "nonstandard": lambda k, link: is_nonstandard(link),
        "flagged": lambda k, link: k in flagged,
        "unconfirmed": lambda k, link: not link.reviewed,
        "attention": lambda k, link: needs_look(link, k in flagged),
    }
    return tests[kind]


def find_next(links: Sequence[Link], start: int, test: Predicate,
              backwards: bool = False) -> int | None:
    """The first link after (or before) ``start`` that passes ``test``, wrapping around;
    None when no other link does."""
    n = len(links)
    step = -1 if backwards else 1
    for offset in range(1, n + 1):
        k = (start + step * offset) % n
        if test(k, links[k]):
            return k
    return None


def compile_search(pattern: str) -> re.Pattern[str]:
    """A case-insensitive regex; a pattern that is not valid regex is searched literally
    (see :func:`pattern_problem` for telling the user so)."""
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error:
        return re.compile(re.escape(pattern), re.IGNORECASE)


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` is not a valid regex (None when it is)."""
    try:
        re.compile(pattern)
    except re.error as error:
        return str(error)
    return None


def search_predicate(alignment: Alignment, pattern: re.Pattern[str]) -> Predicate:
    """Links whose source or target text matches ``pattern``."""
    source, target = alignment.source.segments, alignment.target.segments

    def test(k: int, link: Link) -> bool:
        return (any(pattern.search(source[i].text) for i in link.src)
                or any(pattern.search(target[j].text) for j in link.tgt))

    return test
