"""Errors that reach the user as one line: which file, what is wrong."""

from __future__ import annotations

from os import PathLike


class SverkaError(Exception):
    """A problem the user can fix; the CLI prints it as one line and exits with status 2."""


class InputError(SverkaError):
    """A file could not be used: names the file and the problem."""

    def __init__(self, path: str | PathLike[str], problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
