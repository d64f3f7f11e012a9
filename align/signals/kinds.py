"""Kind signals: what a segment is (heading, caption, credit…) says which links are odd.

Captions, credits, bylines and notes (``NO_COUNTERPART_KINDS``) are often left out or
added by the publisher, so they stay out of merges and pair only with their own kind,
and a heading pairs with a heading. Three signals, each with its own weight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np

from align.ingest.kinds import holds_a_box, opens_a_box
from align.ingest.normalize import signal_texts
from align.model import NO_COUNTERPART_KINDS, SEGMENT_KINDS, Document

if TYPE_CHECKING:
    from align.aligner import Settings

_KIND_CODE = {kind: code for code, kind in enumerate(SEGMENT_KINDS)}


def no_counterpart(document: Document) -> np.ndarray:
    """Per segment: whether it is of a kind that usually has no counterpart."""
    return np.array([s.kind in NO_COUNTERPART_KINDS for s in document.segments], dtype=bool)


def headings(document: Document) -> np.ndarray:
    return np.array([s.kind == "heading" for s in document.segments], dtype=bool)


def kind_codes(document: Document) -> np.ndarray:
    return np.array([_KIND_CODE[s.kind] for s in document.segments], dtype=np.int64)


def any_in_span(flags: np.ndarray, starts: np.ndarray, length: int) -> np.ndarray:
    """Whether any of ``flags[start:start + length]`` is set, for each start."""
    hit = np.zeros(len(starts), dtype=bool)
    for k in range(length):
        hit |= flags[starts + k]
    return hit


def opens_boxes(document: Document) -> np.ndarray:
    """Per segment: whether it begins with an admonition or sidebar label."""
    return np.array([opens_a_box(text) for text in signal_texts(document.texts)], dtype=bool)


def holds_boxes(document: Document) -> np.ndarray:
    """Per segment: whether an admonition or sidebar label begins it or one of its words."""
    return np.array([holds_a_box(text) for text in signal_texts(document.texts)], dtype=bool)


class KindInMerge:
    """Segments of a no-counterpart kind inside a merge: a caption glued to a paragraph.

    Excused when the merged side holds a box title and the other side holds a box label
    too ("TIP Title" + its text on one side, "СОВЕТ Title text…" as one paragraph on the
    other; or a paragraph and the box title after it, "… them. VOCABULARY Encryption" as
    one): the translation glued the box's title to its text or to the paragraph before
    it, and the merge is real."""

    name: ClassVar[str] = "kind_in_merge"

    def __init__(self, source: Document, target: Document, weight: float) -> None:
        self.src, self.tgt = no_counterpart(source), no_counterpart(target)
        self.src_box, self.tgt_box = opens_boxes(source), opens_boxes(target)
        self.src_holds, self.tgt_holds = holds_boxes(source), holds_boxes(target)
        self.weight = weight

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings) -> KindInMerge:
        return cls(source, target, settings.weights.kind_in_merge)

    def costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """How many merged sides hold such a segment (0 for a 1-1 link)."""
        count = np.zeros(len(i))
        if a > 1:
            count += any_in_span(self.src, i, a) & ~(any_in_span(self.src_box, i, a)
                                                     & any_in_span(self.tgt_holds, j, b))
        if b > 1:
            count += any_in_span(self.tgt, j, b) & ~(any_in_span(self.tgt_box, j, b)
                                                     & any_in_span(self.src_holds, i, a))
        return count

    def proxy(self) -> None:
        return None


class HeadingMismatch:
    """A heading on one side only."""

    name: ClassVar[str] = "heading_mismatch"

    def __init__(self, source: Document, target: Document, weight: float) -> None:
        self.src, self.tgt = headings(source), headings(target)
        self.weight = weight

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings) -> HeadingMismatch:
        return cls(source, target, settings.weights.heading_mismatch)

    def costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return any_in_span(self.src, i, a) != any_in_span(self.tgt, j, b)

    def proxy(self) -> None:
        return None


class KindMismatch:
    """A no-counterpart kind opposite another kind: a credit is not the translation of a
    note. The first segments of the two sides are compared; two that both open with a box
    label match whatever their kinds (a short box title opposite a title glued to its text)."""

    name: ClassVar[str] = "kind_mismatch"

    def __init__(self, source: Document, target: Document, weight: float) -> None:
        self.src_special, self.tgt_special = no_counterpart(source), no_counterpart(target)
        self.src_kind, self.tgt_kind = kind_codes(source), kind_codes(target)
        self.src_box, self.tgt_box = opens_boxes(source), opens_boxes(target)
        self.weight = weight

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings) -> KindMismatch:
        return cls(source, target, settings.weights.kind_mismatch)

    def costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        special = any_in_span(self.src_special, i, a) | any_in_span(self.tgt_special, j, b)
        both_boxes = self.src_box[i] & self.tgt_box[j]
        return special & (self.src_kind[i] != self.tgt_kind[j]) & ~both_boxes

    def proxy(self) -> None:
        return None
