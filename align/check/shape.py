"""Flags read off a link's shape and score: omissions, additions, low confidence and
segments too long for a CAT tool."""

from __future__ import annotations

from typing import Iterator, Sequence

from align.model import NO_COUNTERPART_KINDS
from align.check import Flag
from align.formats.units import LONG_SEGMENT
from align.model import Alignment, Link


def _kind(kinds: list[str]) -> str:
    return kinds[0] if len(set(kinds)) == 1 else "mixed"


def one_sided(alignment: Alignment) -> list[Flag]:
    """A source segment with nothing opposite is an omission (an error for body text and
    headings; only info for captions, credits, bylines and notes, which are often left
    out on purpose); a target segment with nothing opposite is an addition."""
    what = "paragraph" if alignment.level == "paragraph" else "sentence"
    flags = []
    for index, link in enumerate(alignment.links):
        if link.two_sided:
            continue
        if link.src:
            kinds = [alignment.source.segments[i].kind for i in link.src]
            flags.append(Flag(index, "omission", _severity(kinds, "error"),
                              f"source {_kind(kinds)} {what} {_numbers(link.src)} has no "
                              "translation"))
        else:
            kinds = [alignment.target.segments[j].kind for j in link.tgt]
            flags.append(Flag(index, "addition", _severity(kinds, "warning"),
                              f"target {_kind(kinds)} {what} {_numbers(link.tgt)} has no "
                              "counterpart in the original"))
    return flags


def _severity(kinds: list[str], severity: str) -> str:
    """``severity``, or only info when every segment is of a kind often left alone."""
    return "info" if all(kind in NO_COUNTERPART_KINDS for kind in kinds) else severity


def _numbers(indices: tuple[int, ...]) -> str:
    """Segment numbers as people count them (from 1), as in the pair summary."""
    first, last = indices[0] + 1, indices[-1] + 1
    return f"{first}" if first == last else f"{first}-{last}"


def _chosen(alignment: Alignment, indices: Sequence[int] | None
            ) -> Iterator[tuple[int, Link]]:
    """The links at ``indices`` (all when None) with their places."""
    for index in range(len(alignment.links)) if indices is None else indices:
        yield index, alignment.links[index]


def low_confidence(alignment: Alignment, below: float,
                   indices: Sequence[int] | None = None) -> list[Flag]:
    """The links (of ``indices``, else all) :func:`align.review_policy.is_low` calls low
    at threshold ``below``."""
    from align.review_policy import is_low

    return [Flag(index, "low-confidence", "warning",
                 f"the aligner is unsure of this link (confidence {link.score:.2f})")
            for index, link in _chosen(alignment, indices) if is_low(link, below)]


def long_segments(alignment: Alignment, indices: Sequence[int] | None = None) -> list[Flag]:
    """Texts over the TMX writer's :data:`LONG_SEGMENT` (in the links of ``indices``, else
    all): CAT tools match them badly."""
    flags = []
    for index, link in _chosen(alignment, indices):
        for side, text in (("source", alignment.source_text(link)),
                           ("target", alignment.target_text(link))):
            if len(text) > LONG_SEGMENT:
                flags.append(Flag(index, "long-segment", "warning",
                                  f"{side} text is {len(text)} characters, over the "
                                  f"{LONG_SEGMENT} that CAT tools handle well"))
    return flags
