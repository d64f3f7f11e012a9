"""The ``sverka`` command: a thin layer over the library.

Each sub-command is a small module in ``align.commands`` (or registered by another
package under the ``sverka.commands`` entry-point group). Heavy libraries are imported
inside the commands, not at start-up, so ``sverka pair`` on an article answers in well
under a second.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn, Sequence

from align import __version__
from align.commands import Command, discover
from align.errors import EXIT_INTERRUPTED, EXIT_USAGE, SverkaError


class OneLineErrorParser(argparse.ArgumentParser):
    """argparse prints a command's whole usage block above a bad option; sverka says what
    is wrong in one line (and where the usage is), as for any other bad input. Sub-command
    parsers are made of the same class."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def build_parser(named: str | None = None
                 ) -> tuple[argparse.ArgumentParser, dict[str, Command]]:
    """The parser of every command, or of the ``named`` one only when it is a built-in
    (see :func:`discover`): what the user sees is the same either way."""
    parser = OneLineErrorParser(
        prog="sverka", description="Align an original with its translation, paragraph by "
        "paragraph; review it; export TMX; check and compare renderings.")
    parser.add_argument("--version", action="version", version=f"sverka {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands: dict[str, Command] = {}
    for command in discover(named):
        sub = subparsers.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.add_arguments(sub)
        commands[command.NAME] = command
    return parser, commands


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    named = given[0] if given and not given[0].startswith("-") else None
    parser, commands = build_parser(named)
    args = parser.parse_args(argv)
    try:
        return commands[args.command].run(args)
    except SverkaError as error:
        print(f"sverka: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `sverka pair … | head`: the reader has gone
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("sverka: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
