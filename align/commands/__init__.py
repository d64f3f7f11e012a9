"""The ``sverka`` sub-commands, one small module each.

A command module defines ``NAME``, ``HELP``, ``ORDER`` (its place in ``--help``),
``add_arguments(parser)`` and ``run(args) -> int``. Modules in this package are found by
name; packages outside the engine (the review UI) register theirs under the
``sverka.commands`` entry-point group, so ``align`` never imports them. Module level
imports stay light: heavy libraries are imported inside ``run``.
"""

from __future__ import annotations

import argparse
from typing import Protocol


class Command(Protocol):
    NAME: str
    HELP: str
    ORDER: int

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


ENTRY_POINT_GROUP = "sverka.commands"


def discover() -> list[Command]:
    """Every command: this package's modules, then the entry-point group's, by ORDER."""
    import importlib
    import pkgutil
    from importlib.metadata import entry_points

    found: dict[str, Command] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            found[module.NAME] = module  # type: ignore[assignment]
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name not in found:
            found[entry.name] = entry.load()
    return sorted(found.values(), key=lambda command: (command.ORDER, command.NAME))


def language_code(value: str) -> str:
    """A BCP 47 style code (ru, en, ru-RU, sr-Latn): CAT tools reject anything else."""
    from align.language import language_code_problem

    problem = language_code_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


def whole_number(minimum: int, why: str = ""):
    """An argparse type: a whole number of at least ``minimum`` (``why`` says why)."""
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}{why}")
        return number
    return parse


max_link = whole_number(2, " (1-1, 1-0 and 0-1 links)")
"""The largest n+m of a link; 2 still allows 1-1, 1-0 and 0-1."""


def add_pair_arguments(parser: argparse.ArgumentParser) -> None:
    """How to read and align a pair: shared by ``pair`` and every command that aligns first."""
    parser.add_argument("--src-lang", type=language_code, metavar="LANG",
                        help="language of the original, e.g. ru (detected when left out)")
    parser.add_argument("--tgt-lang", type=language_code, metavar="LANG",
                        help="language of the translation, e.g. en (detected when left out)")
    parser.add_argument("--level", choices=("paragraph", "sentence"), default="paragraph",
                        help="align paragraphs, or sentences inside aligned paragraphs")
    parser.add_argument("--segments", choices=("paragraphs", "lines"), default="paragraphs",
                        help="lines: every non-empty line is one segment (pre-split input)")
    parser.add_argument("--max-link", type=max_link, default=4, metavar="N",
                        help="largest n+m of a link (2 allows only 1-1, 1-0, 0-1; default 4)")
