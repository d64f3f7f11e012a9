"""A save as a job that can run in a thread: the review keeps taking keys meanwhile.

The session takes a snapshot of what to save (alignments never change in place, so the
snapshot is the alignment object itself) on the UI thread, the job writes it atomically
elsewhere, and the session does its bookkeeping on the UI thread again
(:meth:`tui.session.Session.finish_save`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from align.errors import SverkaError
from align.fileio import file_digest
from align.model import Alignment


@dataclass
class SaveJob:
    """Write ``alignment`` (the session's state when the save was asked for) to ``target``."""

    alignment: Alignment
    top: object
    """The history's top step then: the state the file holds once written."""
    target: Path
    expected_digest: str | None
    """The file must still be this (another program may have changed it since it was
    opened); None: write whatever is there."""
    state: Alignment | None = None
    """The session's alignment the job was made from (``alignment`` may add meta to it,
    such as the review's cursor): later edits are counted from it. None: ``alignment``."""
    digest: str = ""
    """The written file's digest, once written."""

    def __post_init__(self) -> None:
        if self.state is None:
            self.state = self.alignment

    def write(self) -> None:
        """Write atomically (a failure leaves the old file and changes nothing else)."""
        from align.project import save

        if (self.expected_digest is not None
                and file_digest(self.target) != self.expected_digest):
            raise SverkaError(f"{self.target} was changed on disk since it was opened (by "
                              f"another program?): give another file, or this one again "
                              f"to overwrite it")
        save(self.alignment, self.target)
        self.digest = file_digest(self.target)
