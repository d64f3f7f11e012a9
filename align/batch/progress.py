"""A progress bar with an ETA on stderr while a batch runs; silent when stderr is no terminal.

stdout stays for the summary, so ``sverka batch … > summary.txt`` still shows the bar,
and a log file or a CI job gets no bar noise.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import IO, Any


class ProgressBar:
    """``with ProgressBar(total, "aligning") as bar: bar.advance(n, failed)``."""

    def __init__(self, total: int, label: str, enabled: bool | None = None,
                 stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = (self.stream.isatty() if enabled is None else enabled) and total > 0
        self.total, self.label = total, label
        self.failed = 0
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> "ProgressBar":
        return self

    def _start(self) -> None:
        """The display starts with the first finished task, not before: its refresh thread
        must not exist yet when the worker pool forks (a forked lock could hang a worker)."""
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[failed]}"), TimeElapsedColumn(),
            TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(file=self.stream), transient=False)
        self._progress.__enter__()
        self._task = self._progress.add_task(self.label, total=self.total, failed="")

    def advance(self, done: int, failed: int = 0) -> None:
        self.failed += failed
        if self.enabled and self._progress is None:
            self._start()
        if self._progress is not None:
            self._progress.update(self._task, advance=done,
                                  failed=f"{self.failed} failed" if self.failed else "")

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.__exit__(kind, error, trace)
