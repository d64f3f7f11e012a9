"""The search prompt: a regular expression matched against both sides."""

from __future__ import annotations

from tui.screens.prompt import PromptScreen


class SearchScreen(PromptScreen):
    """Dismissed with the pattern (enter) or None (escape)."""

    def __init__(self, last: str = "") -> None:
        super().__init__("Search source and target (regex, case-insensitive)", last,
                         "enter search · n/N next/previous match · esc cancel",
                         "e.g. ОДКБ|CSTO")
