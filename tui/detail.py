"""The detail pane: the selected link in full, segment by segment, with its flags.

The grid clips text to a few lines; here the translator reads both sides whole, with
segment numbers and kinds, so a merge or split is decided on the full wording.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from align.model import Alignment
from align.review_policy import is_low
from tui.grid import ANNOTATION_MARKS, FLAG_MARKS, STATUS_MARKS


def describe_link(alignment: Alignment, k: int, flags: list) -> Text:
    """One line about link ``k`` (position, type, confidence, status, a person's mark),
    then its flags and the translator's note."""
    link = alignment.links[k]
    text = Text()
    text.append(f"Link {k + 1} of {len(alignment.links)}", "bold")
    text.append(f"  ·  {link.type}")
    if link.hand_made:
        text.append("  ·  confidence: made by hand")
    else:
        text.append(f"  ·  confidence {link.score:.2f}" + (" (low!)" if is_low(link) else ""))
    text.append(f"  ·  {STATUS_MARKS.get(link.status, '?')} {link.status}")
    if link.mark:
        text.append(f"  ·  {ANNOTATION_MARKS[link.mark]} marked {link.mark}",
                    "bold red" if link.bad else "yellow")
    if link.confirmed_sentences:
        text.append(f"  ·  {len(link.confirmed_sentences)} sentence pair(s) confirmed")
    for flag in flags:
        severity = getattr(flag, "severity", "warning")
        text.append(f"\n{FLAG_MARKS.get(severity, '?')} {getattr(flag, 'code', '')}: "
                    f"{getattr(flag, 'message', flag)}",
                    "bold red" if severity == "error" else "yellow")
    if link.note:
        text.append(f"\n{ANNOTATION_MARKS['note']} note: ", "bold")
        text.append(link.note, "italic")
    return text


def link_table(alignment: Alignment, k: int) -> Table:
    """Both sides of link ``k`` in two columns, one numbered segment per paragraph."""
    link = alignment.links[k]
    table = Table.grid(expand=True, padding=(0, 1))
    table.add_column(ratio=1)
    table.add_column(ratio=1)

    def side(indices: tuple[int, ...], segments, lang: str) -> Text:
        text = Text()
        if not indices:
            text.append(f"— nothing on this side ({lang})", "italic dim")
        for n, i in enumerate(indices):
            if n:
                text.append("\n")
            segment = segments[i]
            kind = "" if segment.kind == "body" else f" {segment.kind}"
            text.append(f"[{lang} {i + 1}{kind}] ", "dim")
            text.append(segment.text)
        return text

    table.add_row(side(link.src, alignment.source.segments, alignment.source.lang),
                  side(link.tgt, alignment.target.segments, alignment.target.lang))
    return table


class StatusLine(Widget):
    """A one-line bar whose text changes on every key: redrawn without a layout pass
    (``Static.update`` would re-lay out the whole screen each time)."""

    DEFAULT_CSS = "StatusLine { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text: Text | str = ""

    def show(self, text: Text | str) -> None:
        self._text = text
        self.refresh()

    def render(self) -> Text | str:
        return self._text


class DetailPane(ScrollView, can_focus=False):
    """Shows one link; :meth:`show` is called when the cursor moves or the link changes.

    Drawn line by line like the grid: a new link re-renders this pane only, without a
    layout pass over the screen (which cost more than everything else in a key press).
    """

    DEFAULT_CSS = "DetailPane { overflow-x: hidden; scrollbar-size-vertical: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content: Group | None = None
        self._lines: list[Strip] = []
        self._width = -1

    def show(self, alignment: Alignment, k: int, flags: list) -> None:
        if not alignment.links:
            return
        k = max(0, min(k, len(alignment.links) - 1))
        self._content = Group(describe_link(alignment, k, flags), link_table(alignment, k))
        self._width = -1
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._layout_lines()
        self.refresh()

    def on_resize(self) -> None:
        self._width = -1
        self._layout_lines()

    def _layout_lines(self) -> None:
        width = self.scrollable_content_region.width
        if self._content is None or width <= 0 or width == self._width:
            return
        self._width = width
        console = self.app.console
        options = console.options.update_width(width)
        lines = console.render_lines(self._content, options, style=self.rich_style, pad=True)
        self._lines = [Strip(line, width) for line in lines]
        size = Size(width, len(self._lines))
        if size != self.virtual_size:  # a new size re-lays out the screen: only if needed
            self.virtual_size = size

    def render_line(self, y: int) -> Strip:
        self._layout_lines()
        line = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if 0 <= line < len(self._lines):
            return self._lines[line].adjust_cell_length(width, self.rich_style)
        return Strip.blank(width, self.rich_style)
