"""The filter dialog: which links the grid shows (any or all of the chosen criteria)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, RadioButton, RadioSet

from tui.filter import CRITERIA, NO_FILTER, LinkFilter


class FilterScreen(ModalScreen[LinkFilter | None]):
    """Dismissed with the chosen filter (``NO_FILTER`` for every link), or None (escape)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("enter", "apply", "Apply", priority=True),
                Binding("ctrl+a", "show_all", "Show all", show=False)]

    def __init__(self, current: LinkFilter = NO_FILTER) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="filter-dialog"):
            yield Label("Show only links that are …", classes="dialog-title")
            for name, label in CRITERIA.items():
                yield Checkbox(label, name in self.current.criteria, id=f"only-{name}")
            with RadioSet(id="combine"):
                yield RadioButton("any of these", not self.current.require_all, id="any")
                yield RadioButton("all of these", self.current.require_all, id="all")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", id="apply", variant="primary")
                yield Button("Show all links", id="show-all")
                yield Button("Cancel", id="cancel")
            yield Label("space tick · enter apply · esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query(Checkbox).first().focus()

    def chosen(self) -> LinkFilter:
        criteria = frozenset(name for name in CRITERIA
                             if self.query_one(f"#only-{name}", Checkbox).value)
        return LinkFilter(criteria, self.query_one("#all", RadioButton).value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "apply":
            self.dismiss(self.chosen())
        elif event.button.id == "show-all":
            self.dismiss(NO_FILTER)
        else:
            self.dismiss(None)

    def action_apply(self) -> None:
        """Enter applies from any field (space ticks a box); on a button it presses it."""
        if isinstance(self.focused, Button):
            self.focused.press()
        else:
            self.dismiss(self.chosen())

    def action_show_all(self) -> None:
        self.dismiss(NO_FILTER)

    def action_cancel(self) -> None:
        self.dismiss(None)
