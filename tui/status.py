"""The review screen's status line: where the translator is, how far the review has come,
what is left to look at, and which filter or search is on.

Every part has a long and shorter wordings; when the terminal is narrow the least
important parts are shortened first, then dropped, so the progress and what is left
stay readable down to 60 columns. Pure: the screen passes the values in.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

from align.review_policy import Counts
from align.wording import clip

SEPARATOR = " · "


@dataclass(frozen=True)
class Part:
    """One piece of the line: its wordings from longest to shortest (a last "" means it
    may go when space is short), and its rank (higher ranks are shortened last)."""

    forms: tuple[str, ...]
    rank: int
    style: str = ""


@dataclass(frozen=True)
class ReviewState:
    """What the status line reports, gathered by the screen."""

    name: str
    links: int
    cursor: int
    counts: Counts
    dirty: bool = False
    langs: str = ""
    filter_text: str = ""
    """What the filter shows (``flagged or low``); empty when off."""
    shown: int = 0
    """Links the filter shows."""
    search: str = ""
    """The search pattern; empty when there is none."""
    match: tuple[int, int] | None = None
    """The cursor's match as (its number, how many), when it is on one."""
    mark: int | None = None
    saving: bool = False
    """A save is being written (in the background)."""
    checking: bool = False
    """The QA checks' first pass is not in yet: "0 flagged" would not be true."""


def progress(counts: Counts, links: int) -> tuple[str, ...]:
    """``confirmed 120 / 400 (30 %)`` and shorter forms; edited links count as done.
    The percentage is rounded down, so 100 % means every link."""
    done = counts.reviewed
    percent = 100 * done // links if links else 100
    return (f"confirmed {done} / {links} ({percent} %)", f"✓ {done}/{links} ({percent} %)",
            f"✓{done}/{links} {percent}%", f"✓{percent}%")


def left_to_look(counts: Counts, links: int, checking: bool = False) -> tuple[str, ...]:
    """What still wants a look: links with QA flags, low-confidence links, and links
    nobody has confirmed yet (not 1-1 is left out: ``Counts`` counts confirmed merges
    too, and a confirmed merge wants no look). While the QA checks' first pass runs, the
    flags are said to be coming rather than counted."""
    parts = [(counts.low, "low", "!"), (counts.auto, "unconfirmed", "U")]
    if not checking:
        parts.insert(0, (counts.flagged, "flagged", "F"))
    long = ", ".join(f"{n} {name}" for n, name, _ in parts if n)
    short = " ".join(f"{mark}{n}" for n, _, mark in parts if n)
    if checking:
        return (f"QA checks running… · {long}" if long else "QA checks running…",
                f"checking… {short}".strip(), "checking…")
    if not long:
        return ("nothing left to look at", "all clear")
    return (f"to look at: {long}", long, short)


def parts_of(state: ReviewState) -> list[Part]:
    parts = [Part((state.name, clip(state.name, 16), clip(state.name, 10)), 4, "bold")]
    if state.dirty:
        parts.append(Part(("● unsaved", "●"), 5, "bold reverse"))
    if state.saving:
        parts.append(Part(("saving…", "…"), 5))
    if state.langs:
        parts.append(Part((state.langs, ""), 1))
    position = (f"link {state.cursor + 1}/{state.links}", f"{state.cursor + 1}/{state.links}")
    parts.append(Part(position if state.links else ("no links",), 6))
    parts.append(Part(progress(state.counts, state.links), 9))
    if state.filter_text:
        parts.append(Part((f"filter: {state.filter_text} ({state.shown} shown)",
                           f"filter: {state.shown} shown", f"▼{state.shown}"), 7, "reverse"))
    parts.append(Part(left_to_look(state.counts, state.links, state.checking), 8))
    if state.search:
        where = f" {state.match[0]} of {state.match[1]}" if state.match else ""
        parts.append(Part((f"/{clip(state.search, 20)}{where}", where.strip(), ""), 3))
    if state.mark is not None:
        parts.append(Part((f"range from {state.mark + 1}", f"v{state.mark + 1}", ""), 2))
    return parts


def status_text(state: ReviewState, width: int) -> Text:
    """The line for ``width`` cells. Every part starts at its shortest wording (parts
    that may go, left out); then, most important first, each takes the longest wording
    that still fits. A terminal too narrow even for that loses the least important
    parts."""
    parts = parts_of(state)
    shortest = [len(part.forms) - 1 if part.forms[-1] else len(part.forms)
                for part in parts]
    chosen = list(shortest)  # an index past the forms: left out

    def wording(i: int) -> str:
        return parts[i].forms[chosen[i]] if chosen[i] < len(parts[i].forms) else ""

    def line_cells() -> int:
        return 1 + cell_len(SEPARATOR.join(filter(None, map(wording, range(len(parts))))))

    by_rank = sorted(range(len(parts)), key=lambda i: parts[i].rank)
    for i in by_rank:  # too narrow for everything: the least important go
        if line_cells() <= width:
            break
        chosen[i] = len(parts[i].forms)
    for i in reversed(by_rank):
        kept = chosen[i]
        for n in range(kept if kept <= shortest[i] else shortest[i]):
            chosen[i] = n
            if line_cells() <= width:
                break
        else:
            chosen[i] = kept
    text = Text(" ")
    for i, part in enumerate(parts):
        if wording(i):
            if len(text) > 1:
                text.append(SEPARATOR)
            text.append(wording(i), part.style)
    text.truncate(width)
    return text
