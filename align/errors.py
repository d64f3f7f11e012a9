"""Errors that reach the user as one line: which file, what is wrong."""

from __future__ import annotations

from os import PathLike

EXIT_USAGE = 2
"""Exit status for bad input or a bad command line (argparse uses 2 as well)."""
EXIT_INTERRUPTED = 130
"""Exit status after Ctrl-C, as a shell reports it (128 + SIGINT)."""


class SverkaError(Exception):
    """A problem the user can fix; the CLI prints it as one line and exits with
    :data:`EXIT_USAGE`."""


class InputError(SverkaError):
    """A file could not be used: names the file and the problem."""

    def __init__(self, path: str | PathLike[str], problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
