"""A modal list of choices: where to split a link, which segment to detach, at which
sentence to split a paragraph. One screen for all of them, so they look and key alike."""

from __future__ import annotations

from typing import Any, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class ChoiceScreen(ModalScreen[Any]):
    """Dismissed with the chosen value, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: Sequence[tuple[str | Text, Any]],
                 hint: str = "↑↓ choose · enter apply · esc cancel",
                 selected: int = 0) -> None:
        """``selected``: the choice highlighted at first (the likeliest one)."""
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.hint = hint
        self.selected = selected if 0 <= selected < len(self.choices) else 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(*self.options(), id="choices")
            yield Label(self.hint, classes="dialog-hint")

    def options(self) -> list[Option | None]:
        """One option per choice; choices of several lines get a rule between them, so
        that each reads as one."""
        lines = any("\n" in str(label) for label, _ in self.choices)
        options: list[Option | None] = []
        for n, (label, _) in enumerate(self.choices):
            if n and lines:
                options.append(None)
            options.append(Option(label, id=str(n)))
        return options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = options.get_option_index(str(self.selected))
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
