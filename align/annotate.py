"""What a person adds to a link besides its shape: a mark, a note, confirmed sentence pairs.

The edit operations (``align.edit``: ``set_mark``, ``set_note``, ``confirm_sentence``) and
every operation that makes a new link out of old ones go through these rules, so a mark or
a translator's note survives a merge, split or moved segment, and "what confirm-through
leaves alone" means the same everywhere.
"""

from __future__ import annotations

from typing import Any

from align.model import MARKS, Link, SentencePair
from align.review_policy import is_low


def clean_note(note: str) -> str:
    """A note as stored: exactly as typed, except that only blanks is no note."""
    return note if note.strip() else ""


def carried(*origins: Link) -> dict[str, Any]:
    """The mark and note a link made from ``origins`` keeps: the gravest mark (``bad``
    before ``needs-work``) and every distinct note, in order, a blank line between."""
    marks = {link.mark for link in origins}
    mark = next((m for m in MARKS if m in marks), "")
    notes: list[str] = []
    for link in origins:
        if link.note and link.note not in notes:
            notes.append(link.note)
    return {"mark": mark, "note": "\n\n".join(notes)}


def with_sentence(link: Link, pair: SentencePair, confirmed: bool) -> Link:
    """``link`` with ``pair`` among its confirmed sentence pairs (or not): the same link
    when nothing changes; ValueError for a pair that names no sentence."""
    from dataclasses import replace

    src, tgt = pair
    if not src and not tgt:
        raise ValueError("a sentence pair needs a sentence on one side at least")
    for side in (src, tgt):
        if any(i < 0 for i in side) or any(b != a + 1 for a, b in zip(side, side[1:])):
            raise ValueError(f"sentence positions {list(side)} are not a run")
    have = link.confirmed_sentences
    if (pair in have) == confirmed:
        return link
    pairs = have + (pair,) if confirmed else tuple(p for p in have if p != pair)
    return replace(link, confirmed_sentences=tuple(sorted(pairs)))


def holds_back(link: Link, flagged: bool) -> bool:
    """An unreviewed link that "confirm down to here" leaves for a deliberate look: QA
    flagged it, a person marked it, or the aligner doubts it (:func:`is_low`)."""
    return not link.reviewed and (flagged or bool(link.mark) or is_low(link))


def held_back(links: "list[Link] | tuple[Link, ...]", last: int,
              flagged: "set[int] | frozenset[int] | dict[int, Any]") -> list[int]:
    """Positions of the links up to ``last`` (inclusive) that :func:`holds_back`."""
    return [k for k, link in enumerate(links[:last + 1]) if holds_back(link, k in flagged)]


def held_back_reasons(links: "list[Link] | tuple[Link, ...]", held: list[int],
                      flagged: "set[int] | frozenset[int] | dict[int, Any]") -> dict[str, int]:
    """How many of the ``held`` links are QA-flagged, marked, low-confidence (a link may
    count under several)."""
    reasons = {"QA-flagged": 0, "marked": 0, "low-confidence": 0}
    for k in held:
        reasons["QA-flagged"] += k in flagged
        reasons["marked"] += bool(links[k].mark)
        reasons["low-confidence"] += is_low(links[k])
    return {reason: n for reason, n in reasons.items() if n}


def confirm_through_report(confirmed: int, reasons: dict[str, int], held: int) -> str:
    """``confirmed 118 links; 2 flagged links left for you`` (or why each was left)."""
    from align.wording import plural

    line = f"confirmed {plural(confirmed, 'link')}"
    if not held:
        return line
    if list(reasons) == ["QA-flagged"]:
        return f"{line}; {plural(held, 'flagged link')} left for you"
    why = ", ".join(f"{n} {reason}" for reason, n in reasons.items())
    return f"{line}; {plural(held, 'link')} left for you ({why})"
