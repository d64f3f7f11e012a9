"""The help screen: every action with its current keys, and what the marks mean."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from align.review_policy import LOW_CONFIDENCE
from tui.keymap import ACTIONS, GROUP_TITLES, keymap_path

LEGEND = (
    ("!", f"low confidence (the aligner's estimate is below {LOW_CONFIDENCE:.2f})"),
    ("*", "not a 1-1 link (a merge, or one side empty)"),
    ("E W i", "QA flag: error, warning, info (details in the pane below the grid)"),
    ("· ✓ ✎", "status: auto, confirmed by you, edited by you"),
    ("¶", "paragraph boundary inside a link"),
    ("✓ ▼ F ! U", "the title when narrow: share confirmed, links the filter shows, "
                  "flagged, low, unconfirmed"),
)


def display_keys(keys: str) -> str:
    names = {"left_square_bracket": "[", "right_square_bracket": "]",
             "left_curly_bracket": "{", "right_curly_bracket": "}", "question_mark": "?",
             "slash": "/", "space": "space", "colon": ":"}
    return ", ".join(names.get(key.strip(), key.strip()) for key in keys.split(","))


class HelpScreen(ModalScreen[None]):
    """Lists ``keymap`` (action → keys, the user's file applied)."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for group, title in GROUP_TITLES.items():
            table.add_row(Text(title, style="underline"), "")
            for spec in ACTIONS:
                if spec.group == group:
                    table.add_row(display_keys(self.keymap.get(spec.name, spec.keys)),
                                  spec.description)
        table.add_row(Text("Marks", style="underline"), "")
        for mark, meaning in LEGEND:
            table.add_row(mark, meaning)
        table.add_row("", "")
        table.add_row("ctrl+p", "command palette (every action by name)")
        table.add_row("keymap", f"{keymap_path()}  ([keys] action = \"key,key\")")
        with Vertical(classes="dialog wide"):
            yield Label("sverka review — keys", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(table)
            yield Label("esc close", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()  # arrows and page keys scroll the list

    def action_close(self) -> None:
        self.dismiss(None)
