"""The ``sverka`` sub-commands, one small module each.

A command module defines ``NAME``, ``HELP``, ``ORDER`` (its place in ``--help``),
``add_arguments(parser)`` and ``run(args) -> int``. Modules in this package are found by
name; packages outside the engine (the review UI) register theirs under the
``sverka.commands`` entry-point group, so ``align`` never imports them. Module level
imports stay light: heavy libraries are imported inside ``run``. This module holds the
argument types commands share; :mod:`align.commands.pair_input` the reading of a pair.
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


def discover(named: str | None = None) -> list[Command]:
    """Every command: this package's modules, then the entry-point group's, by ORDER.

    Given the ``named`` command, and a module of this package by that name is it, only
    that module: the others' imports and the entry-point scan (importlib.metadata) cost a
    start-up that ``sverka pair`` on an article notices."""
    import importlib
    import importlib.util

    if named is not None and named.isidentifier() and importlib.util.find_spec(
            f"{__name__}.{named}") is not None:
        module = importlib.import_module(f"{__name__}.{named}")
        if getattr(module, "NAME", None) == named and hasattr(module, "run"):
            return [module]  # type: ignore[list-item]
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
    """A BCP 47 code (ru, en, ru-RU, sr-Latn) in its BCP 47 spelling (``ru_RU`` → ``ru-RU``):
    CAT tools reject anything else. :func:`align.language.parse_language_code` decides."""
    from align.language import LanguageCodeError, parse_language_code

    try:
        return parse_language_code(value)
    except LanguageCodeError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


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


def probability(value: str) -> float:
    """An argparse type: a number from 0 to 1 (a score or confidence threshold)."""
    try:
        score = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0.0 <= score <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return score
