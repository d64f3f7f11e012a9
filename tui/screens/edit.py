"""The text editor for one link: each of its segments in its own text area."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, TextArea

from align.edit import EditError, Op, apply_all
from align.model import Alignment

HINT = "ctrl+s apply and save the project · f2 apply only · esc cancel · tab next field"


class EditScreen(ModalScreen[list[Op] | None]):
    """Dismissed with an ``edit_text`` op per segment whose text changed (ctrl+s), or None
    (escape). Edits the engine refuses (an emptied segment) keep the modal open with the
    reason, so that the text typed is not lost.

    ``ctrl+s`` means what it means on the review screen, save: the caller applies the
    ops and then saves the project (``then_save``). ``f2`` applies without saving. The
    footer says which key does which."""

    BINDINGS = [Binding("ctrl+s", "apply(True)", "Apply and save", priority=True),
                Binding("f2", "apply(False)", "Apply only", priority=True),
                Binding("escape", "cancel", "Cancel")]

    def __init__(self, alignment: Alignment, k: int) -> None:
        super().__init__()
        link = alignment.links[k]
        self.alignment, self.k = alignment, k
        self.then_save = False
        """Whether the project is to be saved after the ops apply (ctrl+s, not f2)."""
        self.segments: list[tuple[str, int, str, str]] = (
            [("source", i, alignment.source.segments[i].text, alignment.source.lang)
             for i in link.src]
            + [("target", j, alignment.target.segments[j].text, alignment.target.lang)
               for j in link.tgt])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(f"Edit the text of link {self.k + 1}", classes="dialog-title")
            with VerticalScroll(id="edit-areas"):
                for n, (side, index, text, lang) in enumerate(self.segments):
                    yield Label(f"{side} ({lang}) paragraph {index + 1}", classes="edit-label")
                    yield TextArea(text, id=f"seg-{n}", soft_wrap=True, classes="edit-area")
            yield Label(HINT, classes="dialog-hint", id="edit-hint")
        yield Footer()

    def on_mount(self) -> None:
        for area in self.query(TextArea):
            area.cursor_blink = getattr(self.app, "cursor_blink", True)
        self.query(TextArea).first().focus()

    def ops(self) -> list[Op]:
        """One ``edit_text`` per segment whose text changed."""
        ops = []
        for n, (side, index, text, _) in enumerate(self.segments):
            new = self.query_one(f"#seg-{n}", TextArea).text.strip()
            if new != text:
                ops.append(Op("edit_text", {"side": side, "index": index, "text": new}))
        return ops

    def action_apply(self, save: bool) -> None:
        ops = self.ops()
        try:
            apply_all(self.alignment, ops)  # the engine decides; a refusal stays here
        except EditError as error:
            hint = self.query_one("#edit-hint", Label)
            hint.update(f"✖ {error} · {HINT}")
            hint.add_class("error")
            return
        self.then_save = save
        self.dismiss(ops)

    def action_cancel(self) -> None:
        self.dismiss(None)
