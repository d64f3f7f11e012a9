"""The note dialog: a translator's comment on one link, typed in a multi-line area.

The note is kept exactly as typed (exports carry it as TMX/XLIFF ``<note>``); emptying the
area removes it. The dialog only returns the text: the review screen turns it into the
undoable ``set_note`` operation.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from align.model import Alignment
from align.wording import clip

HINT = "ctrl+s keep the note · esc cancel · an empty note removes it"


class NoteScreen(ModalScreen[str | None]):
    """Dismissed with the note's new text (ctrl+s), or None (escape: nothing changes)."""

    BINDINGS = [Binding("ctrl+s", "apply", "Keep the note", priority=True),
                Binding("escape", "cancel", "Cancel")]

    def __init__(self, alignment: Alignment, k: int) -> None:
        super().__init__()
        self.k = k
        link = alignment.links[k]
        self.note = link.note
        self.about = clip(alignment.source_text(link) or alignment.target_text(link), 100)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(f"Note on link {self.k + 1}", classes="dialog-title")
            yield Label(self.about, classes="dialog-body", id="note-about")
            yield TextArea(self.note, id="note-text", soft_wrap=True, classes="edit-area")
            yield Label(HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.cursor_blink = getattr(self.app, "cursor_blink", True)
        area.move_cursor(area.document.end)
        area.focus()

    def action_apply(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
