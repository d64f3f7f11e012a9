"""Questions with buttons: quitting with unsaved changes, recovering a journal, replacing
a file, opening a project whose input files changed.

Work must never be lost by a slip of a finger: the button focused at first is the safe
one, each button shows its key, and a choice that throws work away takes a deliberate
key (``ctrl+d``), never one letter a person may press out of habit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label

DISCARD_KEY = "ctrl+d"
"""The one key that throws work away; no single letter does."""


@dataclass(frozen=True)
class Choice:
    """One button: what it answers (its id), its words, its look and its key."""

    ident: str
    label: str
    variant: str = "default"
    key: str = ""

    def text(self) -> Text:
        """The label with its key, as plain text (a ``[`` is not markup here)."""
        return Text(f"{self.label} ({self.key})" if self.key else self.label)


class QuestionScreen(ModalScreen[str | None]):
    """A question with buttons; dismissed with the pressed button's id (None on escape).

    ``safe`` names the button focused at first, so that Enter alone does the harmless
    thing; the arrow keys move between buttons and Enter presses the focused one."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("left,up", "focus_button(-1)", show=False),
                Binding("right,down", "focus_button(1)", show=False)]

    def __init__(self, title: str, body: str, choices: list[Choice], safe: str,
                 cancellable: bool = True, refused: str = "") -> None:
        """Without ``cancellable`` escape does nothing (an answer is needed before going
        on); ``refused`` is said when a key that looks like a discard is pressed."""
        super().__init__()
        self.cancellable = cancellable
        self.title_text = title
        self.body = body
        self.choices = choices
        self.safe = safe
        self.refused = refused

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.body, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                for choice in self.choices:
                    yield Button(choice.text(), id=choice.ident,
                                 variant=choice.variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.set_focus(self.query_one(f"#{self.safe}", Button))

    def action_focus_button(self, step: int) -> None:
        """Focus the next (or previous) button at once (``Widget.focus`` waits for the
        queue, so an Enter sent right after the arrow would press the button before);
        no wrapping, so that a press too many never lands on the far end (a discard)."""
        buttons = list(self.query(Button))
        focused = self.focused
        at = buttons.index(focused) if focused in buttons else 0
        self.set_focus(buttons[min(max(at + step, 0), len(buttons) - 1)])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)

    def on_key(self, event: events.Key) -> None:
        for choice in self.choices:
            if choice.key and event.key == choice.key:
                event.stop()
                self.dismiss(choice.ident)
                return
        if self.refused and event.character and event.character.isalpha():
            event.stop()
            self.notify(self.refused, timeout=4)

    def action_cancel(self) -> None:
        if self.cancellable:
            self.dismiss(None)
        else:
            self.notify("choose one: the edits cannot wait for later, since new edits "
                        "would go into the same journal", timeout=4)


def confirm_quit() -> QuestionScreen:
    """Asked when quitting with unsaved changes: save (focused), stay, or discard."""
    return QuestionScreen(
        "Unsaved changes",
        "The alignment has changes that are not saved.",
        [Choice("save", "Save and quit", "primary", "s"), Choice("cancel", "Cancel", key="c"),
         Choice("quit", "Quit without saving", "error", DISCARD_KEY)],
        safe="save",
        refused=f"not quitting: {DISCARD_KEY} quits without saving, s saves and quits")


def offer_recovery(what: str, started: str, warning: str = "") -> QuestionScreen:
    """Asked on open when a journal from an unsaved session is beside the project;
    ``what`` says what it holds (``12 steps; 1 damaged line … skipped``)."""
    body = (f"A previous session ended without saving: {what}, journalled since "
            f"{started or 'an unknown time'}.")
    if warning:
        body += f"\n{warning}"
    return QuestionScreen("Recover unsaved edits?", body,
                          [Choice("recover", "Recover the edits", "primary", "r"),
                           Choice("discard", "Discard them", "error", DISCARD_KEY)],
                          safe="recover", cancellable=False,
                          refused=f"nothing discarded: {DISCARD_KEY} discards the edits, "
                                  f"r recovers them")


def confirm_overwrite(path: Path) -> QuestionScreen:
    """Asked before an export writes over a file that is already there."""
    return QuestionScreen(
        "Replace the file?", f"{path} already exists. Export over it?",
        [Choice("keep", "Keep it", "primary", "k"),
         Choice("overwrite", "Replace it", "error", "ctrl+o")],
        safe="keep", refused=f"not replaced: ctrl+o replaces {path.name}, k keeps it")


def ask_before_overwrite(screen: Screen, path: Path, write: Callable[[], None],
                         kept: Callable[[], None]) -> None:
    """Run ``write`` at once when ``path`` is new; else ask first, and run ``kept`` when
    the person keeps the file that is there."""
    if not path.exists():
        write()
        return

    def answered(choice: str | None) -> None:
        (write if choice == "overwrite" else kept)()

    screen.app.push_screen(confirm_overwrite(path), answered)


def offer_realign(changes: list[str], kept: int, reviewed: int) -> QuestionScreen:
    """Asked on open when an input file changed since the project was aligned: realign
    keeping the confirmed links whose text is unchanged, or open the project as saved."""
    lost = " (the others' text changed, or they lost their place)" if kept < reviewed else ""
    body = "\n".join(changes) + (
        f"\nRealign onto the files as they are now? It keeps {kept} of {reviewed} "
        f"confirmed or edited links{lost} and aligns the rest again; undo (u) takes it "
        f"back.")
    return QuestionScreen(
        "The texts changed since they were aligned", body,
        [Choice("realign", "Realign, keep confirmed", "primary", "r"),
         Choice("open", "Open as saved", key="o")],
        safe="open", cancellable=True)
