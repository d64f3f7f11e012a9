"""Named review actions, their default keys, and the user's keymap file.

Every action the review screen offers is listed once here, by name: the screen's key
bindings, the help screen, the command palette and the keymap file are all built from
this table, so a key remapped in ``~/.config/sverka/keymap.toml`` (or the file named by
``$SVERKA_KEYMAP``) changes everywhere at once. The file maps action names to keys::

    [keys]
    merge_next = "m"
    undo = "u,ctrl+z"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from textual.binding import Binding
from textual.keys import Keys, _character_to_key, key_to_character

from align.errors import InputError


@dataclass(frozen=True)
class ActionSpec:
    """One named action: its default keys, what it does, and whether the footer shows it."""

    name: str
    keys: str
    description: str
    footer: bool = False
    group: str = "edit"
    short: str = ""
    """The footer's label (the description when empty)."""


ACTIONS: tuple[ActionSpec, ...] = (
    # moving
    ActionSpec("cursor_down", "down,j", "Next link", group="move"),
    ActionSpec("cursor_up", "up,k", "Previous link", group="move"),
    ActionSpec("page_down", "pagedown,space", "Page down", group="move"),
    ActionSpec("page_up", "pageup", "Page up", group="move"),
    ActionSpec("first_link", "home,g", "First link", group="move"),
    ActionSpec("last_link", "end,G", "Last link", group="move"),
    ActionSpec("goto_link", "colon", "Go to link number…", group="move"),
    ActionSpec("search", "slash", "Search both sides (regex)", True, group="find",
               short="Search"),
    ActionSpec("search_next", "n", "Next search match", group="find"),
    ActionSpec("search_previous", "N", "Previous search match", group="find"),
    ActionSpec("next_attention", "tab", "Next link that needs a look", group="find"),
    ActionSpec("next_low", "l", "Next low-confidence link", group="find"),
    ActionSpec("next_nonstandard", "t", "Next link that is not 1-1", group="find"),
    ActionSpec("next_flagged", "f", "Next flagged link", group="find"),
    ActionSpec("next_unconfirmed", "o", "Next unconfirmed (auto) link", group="find"),
    ActionSpec("filter_view", "F", "Filter: show only some links (or all again)",
               group="find"),
    # editing
    ActionSpec("merge_next", "m", "Merge with the next link", True, short="Merge ↓"),
    ActionSpec("merge_previous", "M", "Merge with the previous link"),
    ActionSpec("split_link", "s", "Split the link (choose where)", True, short="Split"),
    ActionSpec("pull_source", "left_square_bracket",
               "Source: take the next link's first segment"),
    ActionSpec("push_source", "left_curly_bracket",
               "Source: push the last segment to the next link"),
    ActionSpec("pull_target", "right_square_bracket",
               "Target: take the next link's first segment"),
    ActionSpec("push_target", "right_curly_bracket",
               "Target: push the last segment to the next link"),
    ActionSpec("detach", "d", "Detach a segment into its own link"),
    ActionSpec("edit_text", "e", "Edit the link's text"),
    ActionSpec("split_paragraph", "p", "Split a paragraph at a sentence"),
    ActionSpec("confirm", "c", "Confirm the link", True, short="Confirm"),
    ActionSpec("confirm_through", "C", "Confirm every link down to here"),
    ActionSpec("mark", "v", "Mark the start of a range"),
    ActionSpec("realign", "r", "Re-run the aligner on the range"),
    ActionSpec("undo", "u,ctrl+z", "Undo", True, short="Undo"),
    ActionSpec("redo", "U,ctrl+y", "Redo"),
    ActionSpec("mark_bad", "b", "Mark the link bad (left out of exports)"),
    ActionSpec("mark_needs_work", "w", "Mark the link as needing work"),
    ActionSpec("clear_mark", "B", "Clear the link's mark"),
    ActionSpec("note", "a", "Write a note on the link (a translator's comment)"),
    ActionSpec("sentences", "S", "Sentence view: confirm the link's sentence pairs"),
    # file and app
    ActionSpec("save", "ctrl+s", "Save the project", True, group="file", short="Save"),
    ActionSpec("export", "x", "Export (TMX, TSV, XLIFF, XLSX)", group="file"),
    ActionSpec("toggle_detail", "z", "Show or hide the detail pane", group="file"),
    ActionSpec("help", "question_mark,f1", "Help: every key", True, group="file",
               short="Help"),
    ActionSpec("quit", "q", "Quit", True, group="file", short="Quit"),
)

ACTION_NAMES = frozenset(spec.name for spec in ACTIONS)
GROUP_TITLES = {"move": "Move", "find": "Find", "edit": "Edit", "file": "File"}


FOOTER_ORDER = ("help", "merge_next", "split_link", "confirm", "undo", "search", "save",
                "quit")
"""The footer shows these first (a narrow terminal cuts the rest): help before all."""


def bindings() -> list[Binding]:
    """The review screen's bindings, each with the action's name as its id (remappable);
    in footer order, since the footer lists bindings in the order given."""
    def place(spec: ActionSpec) -> int:
        return FOOTER_ORDER.index(spec.name) if spec.name in FOOTER_ORDER else len(FOOTER_ORDER)

    return [Binding(spec.keys, spec.name, spec.short or spec.description, show=spec.footer,
                    tooltip=spec.description, id=spec.name)
            for spec in sorted(ACTIONS, key=place)]


def keymap_path() -> Path:
    """``$SVERKA_KEYMAP`` if set, else ``$XDG_CONFIG_HOME/sverka/keymap.toml``."""
    explicit = os.environ.get("SVERKA_KEYMAP")
    if explicit:
        return Path(explicit)
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "sverka" / "keymap.toml"


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """Action name → keys from the user's file ({} when there is none); a bad file is an
    InputError naming the problem, so the user learns of it before the UI starts."""
    path = path or keymap_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise InputError(path, f"cannot read keymap: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"keymap is not UTF-8 text (byte {error.start})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(path, f"invalid TOML: {error}") from None
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise InputError(path, "[keys] must be a table of action = \"key,key\"")
    keymap: dict[str, str] = {}
    for name, value in keys.items():
        if name not in ACTION_NAMES:
            raise InputError(path, f"unknown action {name!r} (known: "
                                   f"{', '.join(sorted(ACTION_NAMES))})")
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        if not isinstance(value, str) or not value.strip():
            raise InputError(path, f"keys for {name!r} must be a string such as \"m\" "
                                   f"or \"ctrl+m,M\"")
        keys = [key.strip() for key in value.split(",")]
        for key in keys:
            if not is_key(key):
                raise InputError(path, f"{key!r} (for {name!r}) is not a key: write keys "
                                       f"such as \"m\", \"M\", \"ctrl+m\", \"f2\", "
                                       f"\"slash\", \"question_mark\"")
        keymap[name] = ",".join(keys)
    return keymap


MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


@lru_cache(maxsize=1)
def key_names() -> frozenset[str]:
    """Names Textual gives keys: its special keys and the names of printable characters
    (``slash``, ``left_square_bracket`` …). A name outside these never fires, so a keymap
    that uses one would silently leave its action without a key."""
    names = {key.value for key in Keys}
    names.update(_character_to_key(chr(code)) for code in range(32, 127))
    return frozenset(names)


def is_key(key: str) -> bool:
    """Whether ``key`` (``m``, ``ctrl+m``, ``f2``, ``slash``, ``ж``) is one a terminal can
    send; an unusual character (one cell, not ASCII) is taken on trust."""
    *modifiers, name = key.split("+")
    if not name or any(modifier not in MODIFIERS for modifier in modifiers):
        return False
    return len(name) == 1 or name in key_names() or key_to_character(name) is not None
