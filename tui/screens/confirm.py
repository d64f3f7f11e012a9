"""Yes/no questions: quitting with unsaved changes, recovering a journal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class QuestionScreen(ModalScreen[str | None]):
    """A question with buttons; dismissed with the pressed button's id (None on escape).
    Each button's first letter is also its key."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, body: str, buttons: list[tuple[str, str, str]],
                 cancellable: bool = True) -> None:
        """``buttons``: (id, label, variant); without ``cancellable`` escape does nothing
        (an answer is needed before going on)."""
        super().__init__()
        self.cancellable = cancellable
        self.title_text = title
        self.body = body
        self.buttons = buttons

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.body, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                for ident, label, variant in self.buttons:
                    yield Button(label, id=ident, variant=variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)

    def on_key(self, event) -> None:
        for ident, label, _ in self.buttons:
            if event.character and event.character.lower() == label[0].lower():
                event.stop()
                self.dismiss(ident)
                return

    def action_cancel(self) -> None:
        if self.cancellable:
            self.dismiss(None)
        else:
            self.notify("choose one: the edits cannot wait for later, since new edits "
                        "would go into the same journal", timeout=4)


def confirm_quit() -> QuestionScreen:
    """Asked when quitting with unsaved changes: save, discard, or stay."""
    return QuestionScreen(
        "Unsaved changes",
        "The alignment has changes that are not saved.",
        [("save", "Save and quit", "primary"), ("quit", "Quit without saving", "error"),
         ("cancel", "Cancel", "default")])


def offer_recovery(steps: int, started: str, warning: str = "") -> QuestionScreen:
    """Asked on open when a journal from an unsaved session is beside the project."""
    body = (f"A previous session ended without saving ({steps} step"
            f"{'s' if steps != 1 else ''} journalled since {started or 'an unknown time'}).")
    if warning:
        body += f"\n{warning}"
    return QuestionScreen("Recover unsaved edits?", body,
                          [("recover", "Recover the edits", "primary"),
                           ("discard", "Discard them", "error")], cancellable=False)
