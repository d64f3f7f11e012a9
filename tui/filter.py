"""The filtered view: which links the grid shows when the translator asks for only some.

A filter is a set of criteria (unconfirmed, flagged, low confidence, not 1-1) and whether
a link must meet any or all of them. The criteria are :mod:`tui.navigate`'s jump tests,
which are :mod:`align.review_policy`'s rules, so "low" in the filter is the link the
``l`` key jumps to and the title counts. Pure values and functions: no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Sequence

from align.model import Link
from tui.navigate import predicate

CRITERIA: dict[str, str] = {
    "unconfirmed": "unconfirmed",
    "flagged": "flagged by QA",
    "low": "low confidence",
    "nonstandard": "not 1-1",
}
"""Each criterion's name (a :func:`tui.navigate.predicate` kind) and how people call it."""

SHORT = {"unconfirmed": "unconfirmed", "flagged": "flagged", "low": "low",
         "nonstandard": "not 1-1"}
"""The criteria as the status line names them, where cells are few."""


@dataclass(frozen=True)
class LinkFilter:
    """Show links meeting any (or, with ``require_all``, every) one of ``criteria``;
    no criteria: every link (the filter is off)."""

    criteria: frozenset[str] = frozenset()
    require_all: bool = False

    def __post_init__(self) -> None:
        unknown = set(self.criteria) - set(CRITERIA)
        if unknown:
            raise ValueError(f"unknown filter criteria: {', '.join(sorted(unknown))}")

    @property
    def active(self) -> bool:
        return bool(self.criteria)

    def describe(self) -> str:
        """``flagged or low``: what the view holds, in the criteria's fixed order."""
        joiner = " and " if self.require_all else " or "
        return joiner.join(SHORT[name] for name in CRITERIA if name in self.criteria)

    def visible(self, links: Sequence[Link], flagged: Collection[int]) -> list[int]:
        """Positions of the links this filter shows, in order (all of them when off)."""
        if not self.active:
            return list(range(len(links)))
        tests = [predicate(name, flagged) for name in CRITERIA if name in self.criteria]
        combine = all if self.require_all else any
        return [k for k, link in enumerate(links) if combine(test(k, link) for test in tests)]


NO_FILTER = LinkFilter()
