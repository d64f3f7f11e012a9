"""The one data model of sverka: segments, documents, links and alignments.

Everything else (ingest, search, edit, formats, the TUI) speaks these types, so the
invariants live here: an alignment's links are monotone and cover every segment of
both sides exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

SEGMENT_KINDS: tuple[str, ...] = ("body", "heading", "byline", "caption", "credit", "note")
"""What a segment is. Anything but ``body`` and ``heading`` usually has no counterpart."""

NO_COUNTERPART_KINDS = frozenset({"byline", "caption", "credit", "note"})
"""Kinds that are usually left untranslated or added by the publisher."""

LINK_STATUSES: tuple[str, ...] = ("auto", "confirmed", "edited")
"""``auto`` from the aligner, ``confirmed`` accepted by a person, ``edited`` changed by one."""

LEVELS: tuple[str, ...] = ("paragraph", "sentence")

MARKS: tuple[str, ...] = ("bad", "needs-work")
"""A person's verdict on a link besides its status: ``bad`` (a wrong pair: exports leave it
out unless asked) or ``needs-work`` (right pair, text to fix later); ``""`` is no mark."""

HAND_SCORE = 1.0
"""The score a link a person made (status ``edited``) carries in memory: the aligner's
confidence no longer applies, and the person vouches for it. Files say "made by hand"
instead of a number (``docs/architecture.md``)."""

SentencePair = tuple[tuple[int, ...], tuple[int, ...]]
"""A sentence pair inside a paragraph link: sentence positions counted from the link's
first sentence on each side (so they survive edits elsewhere in the document)."""


class AlignmentError(ValueError):
    """An alignment broke an invariant (coverage, order, bounds)."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph (or, at sentence level, a sentence) with its text and kind."""

    text: str
    kind: str = "body"

    def __post_init__(self) -> None:
        if self.kind not in SEGMENT_KINDS:
            raise ValueError(f"unknown segment kind {self.kind!r}")


@dataclass(frozen=True, slots=True)
class Document:
    """One side of a pair: its language and its segments in reading order."""

    lang: str
    segments: tuple[Segment, ...]
    meta: Mapping[str, object] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.segments)

    @property
    def texts(self) -> list[str]:
        return [segment.text for segment in self.segments]


def link_type(n_src: int, n_tgt: int) -> str:
    """The name of a link type, e.g. ``2-1``: the one place that spells link types."""
    return f"{n_src}-{n_tgt}"


@dataclass(frozen=True, slots=True)
class Link:
    """A contiguous run of source segments paired with a contiguous run of target segments."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0
    status: str = "auto"
    mark: str = ""
    """One of :data:`MARKS`, or ``""``."""
    note: str = ""
    """A translator's comment, exactly as typed."""
    confirmed_sentences: tuple[SentencePair, ...] = ()
    """Sentence pairs inside this link a person confirmed one by one (sentence view)."""

    def __post_init__(self) -> None:
        if not self.src and not self.tgt:
            raise AlignmentError("a link needs at least one segment")
        for side in (self.src, self.tgt):
            if any(b != a + 1 for a, b in zip(side, side[1:])):
                raise AlignmentError(f"link side {list(side)} is not contiguous")
        if not 0.0 <= self.score <= 1.0:
            raise AlignmentError(f"link score {self.score} is outside [0, 1]")
        if self.status not in LINK_STATUSES:
            raise AlignmentError(f"unknown link status {self.status!r}")
        if self.mark and self.mark not in MARKS:
            raise AlignmentError(f"unknown link mark {self.mark!r} (known: {', '.join(MARKS)})")

    @property
    def type(self) -> str:
        return link_type(len(self.src), len(self.tgt))

    @property
    def reviewed(self) -> bool:
        """A person confirmed or edited it: batch reruns keep it, exports can keep only these."""
        return self.status != "auto"

    @property
    def two_sided(self) -> bool:
        return bool(self.src) and bool(self.tgt)

    @property
    def hand_made(self) -> bool:
        """A person made this link (merge, split, a moved segment, new text): its score is
        :data:`HAND_SCORE`, not the aligner's confidence."""
        return self.status == "edited"

    @property
    def bad(self) -> bool:
        return self.mark == "bad"


@dataclass(frozen=True, slots=True)
class Alignment:
    """The ordered links of one document pair; construction checks full, monotone coverage."""

    source: Document
    target: Document
    links: tuple[Link, ...]
    meta: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_coverage(self.links, len(self.source), len(self.target))

    def with_links(self, links: Iterable[Link]) -> "Alignment":
        return replace(self, links=tuple(links))

    def source_text(self, link: Link, sep: str = " ") -> str:
        return sep.join(self.source.segments[i].text for i in link.src)

    def target_text(self, link: Link, sep: str = " ") -> str:
        return sep.join(self.target.segments[j].text for j in link.tgt)

    @property
    def level(self) -> str:
        return str(self.meta.get("level", "paragraph"))


def check_coverage(links: Iterable[Link], n_src: int, n_tgt: int) -> None:
    """Raise :class:`AlignmentError` unless ``links`` cover ``0..n-1`` of each side in order."""
    next_src = next_tgt = 0
    for number, link in enumerate(links):
        if link.src:
            if link.src[0] != next_src:
                raise AlignmentError(
                    f"link {number}: source starts at {link.src[0]}, expected {next_src}")
            next_src = link.src[-1] + 1
        if link.tgt:
            if link.tgt[0] != next_tgt:
                raise AlignmentError(
                    f"link {number}: target starts at {link.tgt[0]}, expected {next_tgt}")
            next_tgt = link.tgt[-1] + 1
    if next_src != n_src or next_tgt != n_tgt:
        raise AlignmentError(
            f"links cover {next_src}/{n_src} source and {next_tgt}/{n_tgt} target segments")
