"""Finding links: jumps to what needs a look (as :mod:`align.review_policy` decides it),
regex search over both sides, going to link N, and the link a review stopped at.

Pure functions over an alignment (no widgets), so the jumps are tested without a screen.
These only choose where the cursor goes; they never change an alignment's links.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Any, Callable, Collection, Mapping, Sequence

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


def matching_links(alignment: Alignment, pattern: re.Pattern[str],
                   within: Sequence[int] | None = None) -> list[int]:
    """Positions of the links ``pattern`` finds, in order (only those in ``within``, the
    filtered view, when given): what "3 of 7" counts."""
    test = search_predicate(alignment, pattern)
    links = alignment.links
    candidates = range(len(links)) if within is None else within
    return [k for k in candidates if test(k, links[k])]


def next_match(matches: Sequence[int], current: int, backwards: bool = False,
               include_current: bool = False) -> tuple[int, bool] | None:
    """The match after (or before) link ``current`` and whether the search wrapped past
    the end (or start) to reach it; None when there is no match at all."""
    if not matches:
        return None
    if backwards:
        at = (bisect_right if include_current else bisect_left)(matches, current) - 1
        return (matches[at], False) if at >= 0 else (matches[-1], True)
    at = (bisect_left if include_current else bisect_right)(matches, current)
    return (matches[at], False) if at < len(matches) else (matches[0], True)


def match_number(matches: Sequence[int], link: int) -> tuple[int, int] | None:
    """``(3, 7)`` when ``link`` is the third of seven matches; None when it is none."""
    at = bisect_left(matches, link)
    if at < len(matches) and matches[at] == link:
        return at + 1, len(matches)
    return None


class SearchMatches:
    """The links one search pattern finds, counted once per state of the alignment and
    the view: on a 10,000-link book a count takes tens of ms, which a redraw must not
    pay again on every key."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._counted: tuple[int, Sequence[int] | None, list[int]] | None = None

    def current(self, revision: int, view: Sequence[int] | None) -> list[int] | None:
        """The matches if counted for this ``revision`` and this very ``view`` object
        (a filter makes a new list whenever it changes); None when a count is due."""
        counted = self._counted
        if counted is not None and counted[0] == revision and counted[1] is view:
            return counted[2]
        return None

    def count(self, alignment: Alignment, revision: int,
              view: Sequence[int] | None) -> list[int]:
        """The matches, counted now unless already counted for this state."""
        matches = self.current(revision, view)
        if matches is None:
            matches = matching_links(alignment, self.pattern, view)
            self._counted = (revision, view, matches)
        return matches


def parse_link_number(text: str, links: int) -> int:
    """The position of link ``text`` as people number links (from 1); ValueError with a
    sentence to show when it is not a number of a link."""
    text = text.strip().lstrip("#")
    if not text.isdigit():
        raise ValueError(f"{text!r} is not a link number (1–{links})")
    number = int(text)
    if not 1 <= number <= links:
        raise ValueError(f"there is no link {number}: links go from 1 to {links}")
    return number - 1


REVIEW_META = "review"
"""The project's meta key for the review's own state: ``{"cursor": 41}`` (a link
position, from 0 as ``links`` are counted in the file). Optional: files without it open
on the first link."""


def saved_cursor(meta: Mapping[str, Any], links: int) -> int:
    """The link the last review stopped at, when the project recorded a valid one; 0
    otherwise (a hand-edited or older file must still open)."""
    review = meta.get(REVIEW_META)
    cursor = review.get("cursor") if isinstance(review, Mapping) else None
    if isinstance(cursor, int) and not isinstance(cursor, bool) and 0 <= cursor < links:
        return cursor
    return 0


def with_cursor(alignment: Alignment, cursor: int) -> Alignment:
    """``alignment`` whose meta records ``cursor`` as where the review stopped (the rest
    of the meta, and of its review entry, as it was)."""
    review = alignment.meta.get(REVIEW_META)
    kept = dict(review) if isinstance(review, Mapping) else {}
    if kept.get("cursor") == cursor:
        return alignment
    meta = {**alignment.meta, REVIEW_META: {**kept, "cursor": cursor}}
    return replace(alignment, meta=meta)
