"""Options a saved project makes moot: said on stderr, one line each, never dropped silently.

``check PROJECT --level sentence --src-lang de`` reads the project as it was saved: its
languages, level, segments and links are in it. A user who gives
such an option expects it to do something, so each one given is named with the reason it
does not apply. This module is the one place that knows which options those are; the
commands that open a saved project (:func:`align.commands.pair_input.load_or_align` and
``open_or_align``) pass the project through :func:`ignoring_pair_options`.

An option counts as given when its value differs from the default, the only thing argparse
leaves to compare with (``--level paragraph`` typed out on a sentence-level project goes
unremarked, as it would if it were left out).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from align.options import PairOptions

if TYPE_CHECKING:
    from align.model import Alignment

Reason = Callable[["Alignment"], str]


def _languages(alignment: "Alignment") -> str:
    return (f"the saved project's languages are its own ({alignment.source.lang} → "
            f"{alignment.target.lang})")


def _saved_as(key: str, wording: str) -> Reason:
    """Why an option of how the pair is aligned does not apply: ``wording`` with the
    project's own value (``{saved}``), when the project records it."""
    def reason(alignment: "Alignment") -> str:
        saved = alignment.meta.get(key)
        said = wording.format(saved=saved) if saved else "the saved project is already aligned"
        return f"{said}; align the pair again to change it"
    return reason


PROJECT_IGNORES: dict[str, tuple[str, Reason]] = {
    "src_lang": ("--src-lang", _languages),
    "tgt_lang": ("--tgt-lang", _languages),
    "level": ("--level", _saved_as("level", "the saved project is aligned at {saved} level")),
    "segments": ("--segments", _saved_as("segments", "the saved project's segments are "
                                                     "fixed (read as {saved})")),
    "max_link": ("--max-link", _saved_as("max_link", "the saved project's links are fixed "
                                                     "(aligned with --max-link {saved})")),
}
"""argparse dest → (the option as typed, why a saved project ignores it). Lexicons and
``--force`` are not here: ``check`` uses the lexicons on a saved project too."""


def _default(name: str) -> object:
    """The value an option has when it is not given: :class:`PairOptions`' own."""
    return getattr(PairOptions(), name)


def given_but_ignored(args: argparse.Namespace, alignment: "Alignment") -> list[str]:
    """One line per option given that a saved project ignores: the option, its value and why."""
    lines = []
    for name, (flag, reason) in PROJECT_IGNORES.items():
        value = getattr(args, name, None)
        if value is None or value == _default(name):
            continue
        lines.append(f"{flag} {value} does not apply: {reason(alignment)}")
    return lines


def ignoring_pair_options(args: argparse.Namespace, project: Path,
                          alignment: "Alignment") -> "Alignment":
    """``alignment``, loaded from ``project``, after a warning on stderr for each option
    given that it makes moot (see :func:`given_but_ignored`)."""
    for line in given_but_ignored(args, alignment):
        print(f"sverka: warning: {project}: {line}", file=sys.stderr)
    return alignment
