"""The link grid: one row per link, drawn line by line, only where the screen shows it.

A 10,000-link book must open at once and scroll without a stall, so the grid is a
:class:`~textual.scroll_view.ScrollView` that renders visible lines on demand
(``render_line``) from a cache of rendered rows, as toolong's log view does; a
DataTable would build every row first. Rows have a fixed height, so line y belongs to
row ``y // row_height`` with no layout pass over the whole alignment. A row is a link;
while a filter is on (:mod:`tui.filter`) the rows are the links it shows, in order, and
the cursor still names a link, so every action works on the filtered view unchanged.

Each row: link number, type (1-1, 2-1, 0-1 …), a confidence mark, status and flag
marks, then the source and target text side by side. Colour says what needs a look; a
symbol or letter always says it too (``!`` low confidence, ``*`` not 1-1, ``E``/``W``/``i``
flags, ``·``/``✓``/``✎`` auto/confirmed/edited, ``✗``/``△``/``†`` marked bad/needs work/
noted, ``hand`` for the confidence of a link a person made); a search's matches are
highlighted.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from align.model import Link
from align.review_policy import is_low, is_nonstandard
from tui.filter import NO_FILTER, LinkFilter
from tui.session import Session

STATUS_MARKS = {"auto": "·", "confirmed": "✓", "edited": "✎"}
ANNOTATION_MARKS = {"bad": "✗", "needs-work": "△", "note": "†"}
"""After the flag: a person's mark, else † when the link has a note."""
HAND = "hand"
"""The confidence column of a link a person made: no aligner score applies."""
FLAG_MARKS = {"error": "E", "warning": "W", "info": "i"}
SEVERITY_ORDER = ("error", "warning", "info")
PARAGRAPH_JOIN = " ¶ "
PREFIX_CELLS = 17
"""Cells besides the link number: cursor gutter (1) + " " + type (6) + confidence (5) +
status (2) + flag (2)."""
CURSOR_MARK, RANGE_MARK = "▶", "┃"
"""The selected row and a marked range show without colour too."""


@dataclass(frozen=True)
class Columns:
    """Where each part of a row goes for a given width: shared by the grid and its header."""

    number: int
    text: int
    """Cells for each of the source and target columns."""

    @classmethod
    def fit(cls, width: int, links: int) -> "Columns":
        number = max(3, len(str(links)))
        prefix = number + PREFIX_CELLS
        return cls(number, max(8, (width - prefix - 4) // 2))

    @property
    def prefix(self) -> int:
        return self.number + PREFIX_CELLS


def worst_severity(flags: list) -> str | None:
    severities = {getattr(flag, "severity", "warning") for flag in flags}
    return next((s for s in SEVERITY_ORDER if s in severities), None)


SCROLLBAR = 1
"""Cells the grid keeps for its scrollbar, shown or not (``scrollbar-gutter: stable``),
so that the rows' text is as wide whether the alignment fills the screen or not."""


def header_text(width: int, links: int) -> str:
    """The column titles above a grid ``width`` cells wide: each divider in the cell
    where the rows draw theirs."""
    text_width = width - SCROLLBAR
    columns = Columns.fit(text_width, links)
    head = f" {'#':>{columns.number}} {'type':<6}{'conf':>4} s f "
    return set_cell_size(head + "│ " + set_cell_size("source", columns.text) + "│ "
                         + "target", max(text_width, 0))


def highlighted(text: str, pattern: re.Pattern[str] | None, base: Style,
                match: Style) -> list[Segment]:
    """``text`` as segments, the parts ``pattern`` matches in the ``match`` style."""
    if pattern is None or not pattern.pattern:
        return [Segment(text, base)]
    segments, at = [], 0
    for found in pattern.finditer(text):
        start, end = found.span()
        if end == start:
            continue
        if start > at:
            segments.append(Segment(text[at:start], base))
        segments.append(Segment(text[start:end], match))
        at = end
    if at < len(text):
        segments.append(Segment(text[at:], base))
    return segments


class LinkGrid(ScrollView, can_focus=True, inherit_bindings=False):
    """The virtual grid over a :class:`Session`'s alignment."""

    COMPONENT_CLASSES = {
        "grid--cursor", "grid--mark", "grid--even", "grid--odd", "grid--attention",
        "grid--error", "grid--warning", "grid--confirmed", "grid--edited", "grid--rule",
        "grid--match",
    }

    DEFAULT_CSS = f"""
    LinkGrid {{ scrollbar-size-vertical: {SCROLLBAR}; scrollbar-gutter: stable;
               overflow-x: hidden; }}
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    text_lines: reactive[int] = reactive(2, init=False)

    class Moved(Message):
        """The cursor moved to another link (or the alignment under it changed)."""

        def __init__(self, link: int) -> None:
            super().__init__()
            self.link = link

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.mark: int | None = None
        self.filter: LinkFilter = NO_FILTER
        self.view: list[int] | None = None
        """Positions of the links shown, in order, while a filter is on (None: all)."""
        self.highlight: re.Pattern[str] | None = None
        """The search pattern whose matches the rows show."""
        self._cache: LRUCache[tuple, list[Strip]] = LRUCache(256)
        self._cache_revision = -1

    # ------------------------------------------------------------------ geometry

    @property
    def row_height(self) -> int:
        return self.text_lines

    @property
    def link_count(self) -> int:
        return len(self.session.alignment.links)

    @property
    def row_count(self) -> int:
        """Rows the grid shows: every link, or the filter's."""
        return self.link_count if self.view is None else len(self.view)

    def link_at(self, row: int) -> int:
        return row if self.view is None else self.view[row]

    def row_of(self, link: int) -> int:
        """The row showing ``link`` or, when the filter hides it, the next row shown."""
        if self.view is None:
            return link
        return min(bisect_left(self.view, link), max(len(self.view) - 1, 0))

    def shows(self, link: int) -> bool:
        """Whether ``link`` has a row (the filter lets it through)."""
        row = self.row_of(link)
        return 0 <= row < self.row_count and self.link_at(row) == link

    def set_filter(self, link_filter: LinkFilter) -> bool:
        """Show only what ``link_filter`` lets through; False (and nothing changes) when
        that is no link at all."""
        view = (link_filter.visible(self.session.alignment.links, self.session.flags)
                if link_filter.active else None)
        if view is not None and not view:
            return False
        self.filter, self.view = link_filter, view
        self._cache.clear()  # rows change places (and stripes)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh_data()
        return True

    def set_highlight(self, pattern: re.Pattern[str] | None) -> None:
        self.highlight = pattern
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()  # a new theme: every cached row has old colours

    def on_resize(self) -> None:
        self._cache.clear()
        self._update_virtual_size()
        self.scroll_to_cursor()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width,
                                 self.row_count * self.row_height)

    def watch_text_lines(self) -> None:
        self.refresh_data()

    def refresh_data(self, cursor: int | None = None) -> None:
        """The alignment changed (edit, undo, flags): drop cached rows, keep the cursor
        on a real link, redraw. Cached rows above the change stay (see :meth:`_row`).
        A filter is applied again: a link that no longer meets it leaves the view, and
        the cursor goes to the next link shown."""
        if self.filter.active:
            self.view = self.filter.visible(self.session.alignment.links, self.session.flags)
            self._cache.clear()  # rows below a change may have moved
            if not self.view:
                self.notify(f"no link is {self.filter.describe()} any more: showing all "
                            f"links", timeout=4)
                self.filter, self.view = NO_FILTER, None
        self._update_virtual_size()
        if self.mark is not None and self.mark >= self.link_count:
            self.mark = None
        target = self.cursor if cursor is None else cursor
        target = max(0, min(target, self.link_count - 1))
        self.cursor = self.link_at(self.row_of(target)) if self.row_count else target
        self.refresh()

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, max(self.link_count - 1, 0)))

    def watch_cursor(self, old: int, new: int) -> None:
        scrolled = self.scroll_offset.y
        self.scroll_to_cursor()
        if self.scroll_offset.y != scrolled or self.mark is not None:
            self.refresh()
        else:  # only the two rows whose highlight changed
            self.refresh_rows(old, new)
        self.post_message(self.Moved(new))

    def refresh_rows(self, *links: int) -> None:
        h, top = self.row_height, int(self.scroll_offset.y)
        for k in links:
            self.refresh(Region(0, self.row_of(k) * h - top, self.size.width, h))

    def scroll_to_cursor(self) -> None:
        h = self.row_height
        self.scroll_to_region(Region(0, self.row_of(self.cursor) * h, 1, h), animate=False,
                              force=True, immediate=True)

    def move(self, delta: int) -> None:
        """``delta`` rows down (up when negative), within the rows shown."""
        if self.row_count:
            row = max(0, min(self.row_of(self.cursor) + delta, self.row_count - 1))
            self.cursor = self.link_at(row)

    def page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // self.row_height - 1)
        self.move(direction * rows)

    def go_to_end(self, last: bool) -> None:
        """The first (or last) row shown."""
        if self.row_count:
            self.cursor = self.link_at(self.row_count - 1 if last else 0)

    def on_click(self, event: Click) -> None:
        line = int(self.scroll_offset.y) + event.y
        if 0 <= line // self.row_height < self.row_count:
            self.cursor = self.link_at(line // self.row_height)

    # ------------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        scroll_y = int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        line = scroll_y + y
        row, sub = divmod(line, self.row_height)
        if row >= self.row_count or width <= 0:
            return Strip.blank(width, self.rich_style)
        return self._row(self.link_at(row), width, row % 2 == 1)[sub]

    def _row(self, k: int, width: int, odd: bool = False) -> list[Strip]:
        if self._cache_revision != self.session.revision:
            self._forget_from(self.session.changed_from)
            self._cache_revision = self.session.revision
        selected = k == self.cursor
        marked = self.mark is not None and min(self.mark, self.cursor) <= k <= max(
            self.mark, self.cursor)
        key = (k, width, selected, marked, self.row_height, odd)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._render_row(k, width, selected, marked, odd)
            self._cache[key] = cached
        return cached

    def _forget_from(self, first: int) -> None:
        """Drop cached rows of links ``first`` and later (those above did not change)."""
        if first <= 0:
            self._cache.clear()
            return
        for key in [key for key in self._cache.keys() if key[0] >= first]:
            self._cache.discard(key)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _render_row(self, k: int, width: int, selected: bool, marked: bool,
                    odd: bool = False) -> list[Strip]:
        """Link ``k``'s row; ``odd``: its stripe (rows alternate, whatever is hidden)."""
        alignment = self.session.alignment
        link = alignment.links[k]
        columns = Columns.fit(width, len(alignment.links))
        base = self.rich_style + self._style("grid--odd" if odd else "grid--even")
        if marked:
            base += self._style("grid--mark")
        if selected:
            base += self._style("grid--cursor")
        flags = self.session.flags.get(k, [])
        prefix = self._prefix(k, link, flags, columns, base)
        gutter = CURSOR_MARK if selected else RANGE_MARK if marked else " "
        prefix.insert(0, Segment(gutter, base))
        rule = base + self._style("grid--rule")
        match = base + self._style("grid--match")
        source = self._wrap(PARAGRAPH_JOIN.join(alignment.source.segments[i].text
                                                for i in link.src), columns.text)
        target = self._wrap(PARAGRAPH_JOIN.join(alignment.target.segments[j].text
                                                for j in link.tgt), columns.text)
        strips = []
        blank_prefix = [Segment((RANGE_MARK if marked or selected else " ")
                                + " " * (columns.prefix - 1), base)]
        for n in range(self.row_height):
            segments = list(prefix if n == 0 else blank_prefix)
            segments.append(Segment("│ ", rule))
            segments += highlighted(source[n], self.highlight, base, match)
            segments.append(Segment("│ ", rule))
            segments += highlighted(target[n], self.highlight, base, match)
            strip = Strip(segments).adjust_cell_length(width, base)
            strips.append(strip)
        return strips

    def _prefix(self, k: int, link: Link, flags: list, columns: Columns,
                base: Style) -> list[Segment]:
        attention = base + self._style("grid--attention")
        low, odd = is_low(link), is_nonstandard(link)
        severity = worst_severity(flags)
        number = f"{k + 1:>{columns.number}} "
        kind = set_cell_size(link.type + ("*" if odd else ""), 5) + " "
        confidence = (f"{HAND} " if link.hand_made
                      else ("!" if low else " ") + f"{min(link.score, 0.99) * 100:3.0f} ")
        status = STATUS_MARKS.get(link.status, "?") + " "
        flag = FLAG_MARKS[severity] if severity else " "
        annotation = ANNOTATION_MARKS.get(link.mark or ("note" if link.note else ""), " ")
        status_style = base + (self._style("grid--confirmed") if link.status == "confirmed"
                               else self._style("grid--edited") if link.status == "edited"
                               else Style())
        flag_style = base + (self._style("grid--error") if severity == "error"
                             else self._style("grid--warning") if severity else Style())
        return [Segment(number, base), Segment(kind, attention if odd else base),
                Segment(confidence, attention if low else base),
                Segment(status, status_style), Segment(flag, flag_style),
                Segment(annotation, base + self._style("grid--error") if link.bad else base)]

    def _wrap(self, text: str, width: int) -> list[str]:
        """``text`` wrapped into exactly ``row_height`` lines of ``width - 1`` cells (plus a
        gutter); an ellipsis says when there is more (the detail pane shows it all)."""
        inner = max(1, width - 1)
        if not text:
            lines = ["—"]
        elif cell_len(text) <= inner:
            lines = [text]
        else:
            wrapped = Text(" ".join(text.split())).wrap(self.app.console, inner,
                                                        overflow="fold")
            lines = [line.plain.rstrip() for line in wrapped]
        h = self.row_height
        if len(lines) > h:
            last = lines[h - 1]
            lines = lines[:h - 1] + [set_cell_size(last, inner - 1).rstrip() + "…"]
        lines += [""] * (h - len(lines))
        return [set_cell_size(line, inner) + " " for line in lines]
