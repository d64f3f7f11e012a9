"""Finding links: jumps to what needs a look (as :mod:`align.review_policy` decides it),
and regex search over both sides.

Pure functions over an alignment (no widgets), so the jumps are tested without a screen.
These only choose where the cursor goes; they never change an alignment.
"""

from __future__ import annotations

import re
from typing import Callable, Collection, Sequence

from align.model import Alignment, Link
from align.review_policy import is_low, is_nonstandard, needs_look

Predicate = Callable[[int, Link], bool]


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
