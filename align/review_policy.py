"""Which links need a person's look, and the counts a review shows.

The review UI marks and counts these links, ``sverka check`` flags the low-confidence
ones and ``sverka batch`` reports how many each pair has: one definition here, so a
"low" link is the same link in all three. Pure functions over :mod:`align.model` types.
A person's confirmed or edited link is trusted whatever its score.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Collection, Iterable

from align.model import LINK_STATUSES, Link

LOW_CONFIDENCE: float = 0.5
"""Automatic two-sided links scoring below this are low-confidence (``check``'s
``--low-confidence`` default)."""


def is_low(link: Link, below: float = LOW_CONFIDENCE) -> bool:
    """The aligner doubts it and nobody has reviewed it. One-sided links are left out:
    their score says how sure the aligner is that nothing is opposite, and ``check``
    flags them as omissions or additions instead."""
    return not link.reviewed and link.two_sided and link.score < below


def is_nonstandard(link: Link) -> bool:
    """Not 1-1 (merges, splits, one-sided links): where aligners go wrong most."""
    return len(link.src) != 1 or len(link.tgt) != 1  # link.type != "1-1", without a string


def needs_look(link: Link, flagged: bool) -> bool:
    """Low confidence, not 1-1, or flagged by QA, and nobody has looked at it yet."""
    return not link.reviewed and (is_low(link) or is_nonstandard(link) or flagged)


@dataclass(frozen=True, slots=True)
class Counts:
    """How many links are low-confidence, not 1-1, flagged, and in each status.

    Counts add and subtract, so the UI keeps them up to date from each edit's changed
    links (a pass over a 10,000-link book on every key would be felt)."""

    low: int = 0
    nonstandard: int = 0
    flagged: int = 0
    auto: int = 0
    confirmed: int = 0
    edited: int = 0

    @classmethod
    def of(cls, links: Iterable[Link], flagged: Collection[int] = ()) -> "Counts":
        """The counts of ``links``; ``flagged`` holds the positions (in ``links``) of the
        links with QA flags."""
        low = odd = n_flagged = 0
        by_status = dict.fromkeys(LINK_STATUSES, 0)
        for k, link in enumerate(links):
            low += is_low(link)
            odd += is_nonstandard(link)
            n_flagged += k in flagged
            by_status[link.status] += 1
        return cls(low, odd, n_flagged, **by_status)

    @property
    def reviewed(self) -> int:
        """Links a person confirmed or edited."""
        return self.confirmed + self.edited

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def __sub__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, f.name) - getattr(other, f.name) for f in fields(self)))
