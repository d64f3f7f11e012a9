"""A one-line question: the search pattern, or another file to save to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class PromptScreen(ModalScreen[str | None]):
    """Dismissed with the text typed, as typed (enter), or None (escape, or nothing)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", hint: str = "", placeholder: str = "",
                 problem: str = "") -> None:
        """``problem``: why the question is asked (e.g. the error a save met), in red."""
        super().__init__()
        self.title_text, self.value = title, value
        self.hint, self.placeholder, self.problem = hint, placeholder, problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.problem:
                yield Label(self.problem, classes="dialog-body error", id="problem")
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            if self.hint:
                yield Label(self.hint, classes="dialog-hint")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = getattr(self.app, "cursor_blink", True)
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
