"""One review session: the alignment's history, its project file, journal and QA flags.

The screens ask the session to run :mod:`align.edit` operations, to undo, redo and
save; the session keeps the journal in step with the history and knows whether there
are unsaved changes. It holds no alignment logic of its own.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable
from weakref import WeakValueDictionary

from align.check import check_alignment as _check_alignment
from align.edit import Change, History, Op, Step
from align.fileio import file_digest
from align.journal import Journal, Recovery, read_journal, replay_entries
from align.model import Alignment
from align.review_policy import Counts
from tui.navigate import saved_cursor, with_cursor
from tui.saving import SaveJob

if TYPE_CHECKING:
    from tui.flags import BackgroundChecks, Delivered, Failed

CheckFunction = Callable[[Alignment], list[Any]]
_RESTORED = object()
"""Stands for a saved state that no history step marks (see :meth:`Session.recover`)."""


class Session:
    """The state behind the review screen; ``path`` None means nowhere to save yet."""

    def __init__(self, alignment: Alignment, path: str | Path | None,
                 check: CheckFunction | None = _check_alignment) -> None:
        self.path = Path(path) if path is not None else None
        self.history = History(alignment)
        self.disk_digest = file_digest(self.path) if self.path else ""
        """The project file as opened or last saved: a save checks nobody changed it."""
        self.journal = Journal(self.path, self.disk_digest) if self.path else None
        self.recovery: Recovery | None = read_journal(self.path) if self.path else None
        self._saved_top: object = None
        """The history's top at the last save (or open); ``_RESTORED`` matches no top."""
        self._journalled: WeakValueDictionary[int, Step] = WeakValueDictionary()
        """Steps the current journal can replay (by id; a dropped redo step leaves): made
        or recovered since the last save. An undo or redo of another step is journalled
        as what it restores."""
        self.check = check
        self._flags: dict[int, list[Any]] = {}
        self.checks: BackgroundChecks | None = None
        """The engine's checks, run edit by edit off the UI thread (see :mod:`tui.flags`)."""
        self.checked = False
        """The first pass of QA checks is in: until then a count of 0 flags means nothing."""
        self._checks_in_process = False
        self.revision = 0
        """Counts changes of the alignment: widgets compare it to drop stale caches."""
        self.changed_from = 0
        """The first link the last change touched: rows above it look the same."""
        self.counts = Counts.of(alignment.links)
        self.cursor = saved_cursor(alignment.meta, len(alignment.links))
        """The selected link: the screen keeps it here, a save records it in the meta."""

    # ------------------------------------------------------------------ state

    @property
    def alignment(self) -> Alignment:
        return self.history.alignment

    @property
    def dirty(self) -> bool:
        """Unsaved changes: the history is not where it was at the last save (or open)."""
        return self.history.top is not self._saved_top

    @property
    def flags(self) -> dict[int, list[Any]]:
        """QA flags by link index (only links that have some); setting them keeps
        ``counts.flagged`` in step."""
        return self._flags

    @flags.setter
    def flags(self, flags: dict[int, list[Any]]) -> None:
        self._flags = flags
        self.counts = replace(self.counts, flagged=len(flags))

    @property
    def name(self) -> str:
        return self.path.name if self.path else str(self.alignment.meta.get("name", "unsaved"))

    # ------------------------------------------------------------------ editing

    def _changed(self, step: Step, undo: bool = False) -> None:
        change = step.change
        removed, added = (change.after, change.before) if undo else (change.before,
                                                                     change.after)
        self.shift_flags(step, undo)
        self.counts = self.counts - Counts.of(removed) + Counts.of(added)
        self.changed_from = change.start
        self.revision += 1
        if self.checks is not None:
            self.checks.splice(self.revision, change.start, len(removed), added,
                               change.documents_before if undo else change.documents_after)

    def apply(self, *ops: Op) -> Step | None:
        """Run ``ops`` as one undoable step (EditError propagates, nothing changes)."""
        step = self.history.apply(*ops)
        if step is not None:
            if self.journal:
                self.journal.record_ops(ops)
                self._journalled[id(step)] = step
            self._changed(step)
        return step

    def undo(self) -> Step | None:
        step = self.history.undo()
        if step is not None:
            self._journal_move(step, undo=True)
            self._changed(step, undo=True)
        return step

    def redo(self) -> Step | None:
        step = self.history.redo()
        if step is not None:
            self._journal_move(step, undo=False)
            self._changed(step)
        return step

    def _journal_move(self, step: Step, undo: bool) -> None:
        """Journal an undo or redo: by name when the journal holds the step, else (a step
        from before the last save) as the links it restores."""
        if self.journal is None:
            return
        if id(step) not in self._journalled:
            self.journal.record_change(step.change, undo)
        elif undo:
            self.journal.record_undo()
        else:
            self.journal.record_redo()

    # ------------------------------------------------------------------ files

    def save(self, path: str | Path | None = None, force: bool = False) -> Path:
        """Write the project atomically, then drop the journal it makes obsolete. The
        project file changed on disk since it was opened (another program, another
        session) is not overwritten unless ``force``: that would lose its changes.
        (This waits for the write; the review screen runs the job in a thread.)"""
        job = self.begin_save(path, force)
        job.write()  # a failure changes nothing: same file, same journal
        return self.finish_save(job)

    def begin_save(self, path: str | Path | None = None, force: bool = False) -> SaveJob:
        """What to write where, as the session stands now: edits made while the job runs
        stay unsaved (and journalled)."""
        target = self.path if path is None else Path(path)
        if target is None:
            raise ValueError("no project file to save to")
        expected = self.disk_digest if not force and target == self.path else None
        return SaveJob(with_cursor(self.alignment, self.cursor), self.history.top, target,
                       expected, state=self.alignment)

    def finish_save(self, job: SaveJob) -> Path:
        """``job`` wrote its file: that file is the journal's base from now on, and edits
        made while it was written are journalled again on top of it."""
        target = job.target
        if target != self.path:  # saved elsewhere: that file and its journal from now on
            if self.journal:
                self.journal.discard()
            self.path = target
            self.journal = Journal(target, "")
        edited_since = self.history.top is not job.top
        if not edited_since:  # hold the meta as written, so that the file reopens equal
            self.history.alignment = job.alignment
        self.disk_digest = job.digest
        if self.journal:
            self.journal.discard(self.disk_digest)
            since = Change.between(job.state, self.alignment) if edited_since else None
            if since is not None and not since.empty:
                self.journal.record_change(since, undo=False)
        self._journalled.clear()
        self._saved_top = job.top
        return self.path

    def recover(self) -> list[str]:
        """Replay the journal left by a session that ended without saving; the journal
        stays and grows, since the project file on disk is still its base."""
        recovery, self.recovery = self.recovery, None
        if recovery is None:
            return []
        problems = []
        if self.journal and recovery.base != self.journal.base_digest:
            problems.append("the project file changed after these edits were made")
        applied, failed = replay_entries(self.history, recovery.entries)
        problems += failed
        if self.journal:  # only what applied: later steps must not queue behind a failure
            self.journal.rewrite(recovery.entries[:applied])
            self._journalled = WeakValueDictionary({id(s): s for s in self.history.steps})
        if any("set" in entry for entry in recovery.entries[:applied]):
            self._saved_top = _RESTORED  # not a step: no undo returns to the saved file
        self.counts = Counts.of(self.alignment.links)
        self.flags = {}  # for links the replay may have changed; fresh ones follow
        self.changed_from = 0
        self.revision += 1
        if self.checks is not None:
            self.checks.open(self.revision, self.alignment)
        return problems

    def discard_journal(self) -> None:
        """Drop the journal (declined recovery, or quit without saving): the project file
        as saved is what counts."""
        self.recovery = None
        if self.journal:
            self.journal.discard()

    def close(self) -> None:
        """End the session's work at once (a check under way is dropped, not waited
        for); a clean session (nothing unsaved, no recovery left unanswered) removes its
        journal, so that the next open offers no false recovery."""
        if self.journal:
            self.journal.close()
            if not self.dirty and self.recovery is None:
                self.journal.discard()
        if self.checks is not None:
            self.checks.close()

    # ------------------------------------------------------------------ flags

    @property
    def checks_in_background(self) -> bool:
        """The engine's checker runs edit by edit in :mod:`tui.flags`; another one (a
        test's) is called on the whole alignment by :meth:`compute_flags`."""
        return self.check is _check_alignment

    def compute_flags(self, alignment: Alignment) -> dict[int, list[Any]]:
        """QA flags by link of a checker other than the engine's; blocks, so call it from
        a thread."""
        from tui.flags import by_link

        return by_link(self.check(alignment)) if self.check is not None else {}

    def prepare(self, in_process: bool = False) -> None:
        """Make the engine's checker ready to start once the first screen is shown
        (``in_process``: in a thread here). multiprocessing's resource tracker is started
        now, while the real stderr is in place: a process started later is handed its
        file descriptor, and a running Textual app has replaced stderr with one that has
        none."""
        self._checks_in_process = in_process
        if self.checks_in_background and not in_process:
            from multiprocessing import resource_tracker

            resource_tracker.ensure_running()

    def follow_checks(self, deliver: "Delivered", failed: "Failed") -> bool:
        """Start the checker (after the first screen: its start and the book it is sent
        cost the UI process time), give it the alignment, and its answers to
        ``deliver(revision, flags)``; False when this session has no background checks."""
        if not self.checks_in_background:
            return False
        if self.checks is None:
            from tui.flags import BackgroundChecks

            self.checks = BackgroundChecks(self._checks_in_process)
        self.checks.listen(deliver, failed)
        self.checks.open(self.revision, self.alignment)
        return True

    def set_flags(self, flags: dict[int, list[Any]]) -> None:
        """Fresh QA flags for the current alignment: every row may look different."""
        self.flags = flags
        self.checked = True
        self.changed_from = 0
        self.revision += 1

    def shift_flags(self, step: Step, undo: bool = False) -> None:
        """Keep flags on the links they belong to after a step, until fresh ones arrive:
        links before the change keep theirs, links after it move with the shift, the
        changed links have none for now."""
        change = step.change
        removed, added = (change.after, change.before) if undo else (change.before,
                                                                     change.after)
        start, delta = change.start, len(added) - len(removed)
        self.flags = {(k if k < start else k + delta): flags for k, flags in self.flags.items()
                      if k < start or k >= start + len(removed)}
