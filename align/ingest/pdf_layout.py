"""Printed lines of a PDF → paragraphs: the page furniture dropped, the lines rejoined.

A PDF's text layer knows lines and their positions, not paragraphs. This module works on
positions alone (no PDF library):

- reading order: top to bottom, pieces of one row joined; a page whose lines fall on
  both sides of a white strip down its middle is set in two columns and is read left
  column first (a line across both, such as a title, goes with the left one);
- furniture: a line among the first or last two of a page, not set larger than the body
  text, that recurs, digits aside, at the same height on most pages (a running header or
  footer), and such a line that is a bare page number ("12", "- 12 -", "Page 3 of 9", a
  lower-case roman "xiv": an upper-case "II" is more often a chapter's number), are removed;
- paragraphs: a new one starts after a vertical gap wider than the usual line pitch, at a
  first-line indent (not a list item's hanging indent), at a bullet or item number, after
  a short line (in ragged-right text, a short line that ends a sentence), and around a
  line in another type size or a centred line (headings); a paragraph of larger type is a
  heading;
- hyphenation: "informa-" at a line's end joins "tion" on the next line into "information"
  only when the next line starts in lower case (so "Jean-" + "Paul" keeps its hyphen).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from align.ingest.blocks import Block

EDGE_LINES = 2
"""How many lines at the top and at the bottom of a page may be header or footer."""
SAME_HEIGHT = 3.0
"""Points of difference under which two lines stand at the same height on their pages."""
GAP_FACTOR = 1.35
"""A baseline distance this many times the usual pitch is a paragraph gap."""
HEADING_SIZE = 1.15
"""Type this much larger than the body text's marks a heading."""
HEADING_LINES = 3
FLUSH = 0.3
"""A line ending within this many type sizes of the right edge is flush right."""
JUSTIFIED = 0.5
"""Text whose lines are flush right more often than this is justified."""
SAME_ROW = 0.5
"""Two pieces of text overlapping this much of a line's height stand on one row."""
COLUMN_SHARE = 0.3
"""On a two-column page, each column holds at least this share of the page's lines …"""
ACROSS_SHARE = 0.1
"""… and at most this share of them runs across the strip between the columns."""

_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:(?:page|p\.|стр\.?|с\.|seite|s\.)\s*)?(?:\d{1,4}|(?-i:[ivxlcdm]{1,7}))"
    r"(?:\s*(?:/|of|из|von)\s*\d{1,4})?[\W_]*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_LIST_ITEM = re.compile(r"^(?:[•◦▪▫●○■□‣⁃∙·]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")
"""A bullet or item number at a line's start: a list item begins there. Dashes are not
bullets here: a line of prose may start with one (a dash, a line of dialogue)."""
_SENTENCE_END = re.compile(r"[.!?…:;»”\"')\]]$")
_HYPHENS = ("-", "\u2010")
_SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line: its text and where it stands (PDF points, y grows upwards)."""

    text: str
    page: int
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    column: int = 0
    """0, or 1 for the right column of a page set in two columns."""


def reading_order(pieces: list[Line]) -> tuple[list[Line], bool]:
    """A page's lines in reading order, and whether the page is set in two columns."""
    gutter = _gutter(pieces)
    if gutter is None:
        return _rows(pieces), False
    right = [replace(piece, column=1) for piece in pieces if piece.x0 >= gutter]
    left = [piece for piece in pieces if piece.x0 < gutter]
    return _rows(left) + _rows(right), True


def _gutter(pieces: list[Line]) -> float | None:
    """Where the white strip between two columns runs, if the page has one: a place in
    the middle third that few lines cross, with many lines wholly on each side."""
    if len(pieces) < 8:
        return None
    start, end = min(piece.x0 for piece in pieces), max(piece.x1 for piece in pieces)
    best: tuple[int, float] | None = None
    for step in range(1, 20):
        x = start + (end - start) * (1 + step / 20) / 3
        left = sum(1 for piece in pieces if piece.x1 <= x)
        right = sum(1 for piece in pieces if piece.x0 >= x)
        across = len(pieces) - left - right
        if (min(left, right) >= COLUMN_SHARE * len(pieces)
                and across <= ACROSS_SHARE * len(pieces) and (best is None or across < best[0])):
            best = (across, x)
    return None if best is None else best[1]


def _rows(pieces: list[Line]) -> list[Line]:
    """Lines top to bottom; pieces of one row (split by a wide gap) joined left to right."""
    rows: list[Line] = []
    for piece in sorted(pieces, key=lambda piece: (-piece.top, piece.x0)):
        last = rows[-1] if rows else None
        if last is not None and _overlap(last, piece) > SAME_ROW * min(
                last.top - last.bottom, piece.top - piece.bottom):
            left, right = sorted((last, piece), key=lambda line: line.x0)
            rows[-1] = Line(f"{left.text} {right.text}", piece.page, left.x0,
                            max(left.x1, right.x1), min(left.bottom, right.bottom),
                            max(left.top, right.top), max(left.size, right.size),
                            piece.column)
        else:
            rows.append(piece)
    return rows


def _overlap(one: Line, other: Line) -> float:
    """How far two lines overlap vertically (negative: the gap between them)."""
    return min(one.top, other.top) - max(one.bottom, other.bottom)


def remove_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], int]:
    """Pages without running headers, footers and page numbers; how many lines went.

    Only lines no larger than the body text can go: a chapter heading that stands at the
    same height on every page of a short text ("Chapter 1", "Chapter 2") is not furniture.
    """
    everything = [line for page in pages for line in page]
    if not everything:
        return pages, 0
    largest = _body_size(everything) * HEADING_SIZE
    edge = [[line for line in _top_and_bottom(page) if line.size < largest] for page in pages]
    heights: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for page in edge:
        for line in set(page):
            heights[_DIGITS.sub("#", line.text)].append((line.page, line.top))
    furniture: set[Line] = set()
    for page in edge:
        for line in page:
            if _PAGE_NUMBER.match(line.text) or _recurs(line, heights, len(pages)):
                furniture.add(line)
    kept = [[line for line in page if line not in furniture] for page in pages]
    return kept, len(furniture)


def _top_and_bottom(page: list[Line]) -> list[Line]:
    """The highest and the lowest lines of a page (by position: columns aside)."""
    by_height = sorted(page, key=lambda line: -line.top)
    return by_height[:EDGE_LINES] + by_height[-EDGE_LINES:]


def _recurs(line: Line, heights: dict[str, list[tuple[int, float]]], page_count: int) -> bool:
    """The line's text (digits aside) stands at its height on more than half the pages."""
    masked = _DIGITS.sub("#", line.text)
    pages = {page for page, top in heights[masked] if abs(top - line.top) <= SAME_HEIGHT}
    needed = 3 if masked != line.text else 2  # "Page #" must recur more to count
    return len(pages) >= needed and len(pages) * 2 > page_count


def paragraphs(pages: list[list[Line]]) -> list[Block]:
    """Paragraph blocks of the remaining lines, in reading order."""
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    body_size = _body_size(lines)
    pitch = _pitch(lines, body_size)
    columns: dict[tuple[int, int], list[Line]] = defaultdict(list)
    for line in lines:
        columns[line.page, line.column].append(line)
    margins = {place: _margins(column) for place, column in columns.items()}
    flush = sum(1 for line in lines
                if margins[line.page, line.column][1] - line.x1 < FLUSH * line.size)
    layout = _Layout(body_size, pitch, margins, justified=flush > JUSTIFIED * len(lines))
    blocks: list[Block] = []
    current: list[Line] = [lines[0]]
    for previous, line in zip(lines, lines[1:]):
        if _starts_paragraph(previous, line, layout):
            blocks.append(_block(current, body_size))
            current = []
        current.append(line)
    blocks.append(_block(current, body_size))
    return [block for block in blocks if block.text]


def join_lines(texts: list[str]) -> str:
    """The lines of one paragraph as one text, hyphenated words rejoined."""
    text = ""
    for line in texts:
        if not text:
            text = line
        elif text.endswith(_SOFT_HYPHEN):
            text = text[:-1] + line
        elif (text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalpha()
              and line[:1].islower()):
            text = text[:-1] + line
        else:
            text += " " + line
    return text


def _block(lines: list[Line], body_size: float) -> Block:
    text = join_lines([line.text for line in lines])
    larger = min(line.size for line in lines) > body_size * HEADING_SIZE
    return Block(text, "heading" if larger and len(lines) <= HEADING_LINES else None)


@dataclass(frozen=True, slots=True)
class _Layout:
    """What the whole text's lines say about its setting."""

    body_size: float
    pitch: float
    margins: dict[tuple[int, int], tuple[float, float]]
    """(page, column) → (left margin, right edge of the measure)."""
    justified: bool
    """Most lines end at the right edge: then only a paragraph's last line is short."""


def _starts_paragraph(previous: Line, line: Line, layout: _Layout) -> bool:
    size = max(layout.body_size, 1.0)
    if abs(previous.size - line.size) > 0.15 * size:
        return True  # a heading begins or ends
    if _LIST_ITEM.match(line.text):
        return True
    left = layout.margins[line.page, line.column][0]
    indent = line.x0 - left > 0.6 * size and line.x0 - previous.x0 > 0.6 * size
    if indent and not _LIST_ITEM.match(previous.text):  # not a list item's hanging indent
        return True
    if _centred(line, layout) or _centred(previous, layout):
        return True
    previous_left, previous_right = layout.margins[previous.page, previous.column]
    if layout.justified:
        short = previous_right - previous.x1 > 2 * size
    else:  # ragged right: a line may end short by a long word, so it must end a sentence
        short = (previous_right - previous.x1 > max(2 * size, 0.12 * (previous_right -
                                                                      previous_left))
                 and _SENTENCE_END.search(previous.text) is not None)
    if short:
        return True
    if (previous.page, previous.column) != (line.page, line.column):
        return False  # a paragraph goes on over the page or column break
    return previous.bottom - line.bottom > layout.pitch * GAP_FACTOR


def _centred(line: Line, layout: _Layout) -> bool:
    """A line standing alone in the middle of the measure (a heading, a scene break)."""
    size = max(layout.body_size, 1.0)
    left, right = layout.margins[line.page, line.column]
    before, after = line.x0 - left, right - line.x1
    return before > 2 * size and after > 2 * size and abs(before - after) < 2 * size


def _body_size(lines: list[Line]) -> float:
    """The type size most of the text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0]


def _pitch(lines: list[Line], body_size: float) -> float:
    """The usual distance between the baselines of two lines of one paragraph."""
    steps = [previous.bottom - line.bottom for previous, line in zip(lines, lines[1:])
             if previous.page == line.page and abs(line.size - body_size) < 0.5
             and 0 < previous.bottom - line.bottom < 3 * body_size]
    return statistics.median(steps) if steps else 1.2 * body_size


def _margins(lines: list[Line]) -> tuple[float, float]:
    """A page's left margin (where most lines start) and right edge of the measure."""
    starts = Counter(round(line.x0) for line in lines)
    left = float(starts.most_common(1)[0][0])
    left = min((line.x0 for line in lines if abs(line.x0 - left) < 1.5), default=left)
    right = max(line.x1 for line in lines)
    return left, right
