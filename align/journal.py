"""The edit journal: an append-only log of edit steps beside the project file.

A crash, a killed terminal or a closed laptop lid must not lose a review session. Every
step (operations, undo, redo) is appended as one JSON line and flushed to the operating
system at once, so a killed process loses nothing; ``fsync`` runs at most every few
seconds (and on :meth:`Journal.sync`), so a power cut loses only those seconds. The first
line records a digest of the project file the steps apply to; the next open replays the
steps onto that file when it is unchanged. A save writes the project (atomically) and
removes the journal; an undo or redo of a step made before that save is written as the
links (and text) it restores, since the next journal cannot replay that step itself.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from align.edit import (Change, History, Op, document_from_json, document_to_json,
                        link_from_json, link_to_json)
from align.model import Alignment
from align.errors import SverkaError
from align.wording import plural

FORMAT = "sverka-journal"
VERSION = 1
SYNC_INTERVAL = 2.0
"""Seconds between fsyncs while edits keep coming."""


def journal_path(project: str | os.PathLike[str]) -> Path:
    """Where the journal of ``project`` lives: beside it, ``NAME.align.json.journal``."""
    path = Path(project)
    return path.with_name(path.name + ".journal")


class Journal:
    """Appends steps for one project; the file is created on the first step."""

    def __init__(self, project: str | os.PathLike[str], base_digest: str,
                 sync_interval: float = SYNC_INTERVAL) -> None:
        self.path = journal_path(project)
        self.base_digest = base_digest
        self.sync_interval = sync_interval
        self._handle: Any = None
        self._last_sync = 0.0
        self._pending = False

    def _open(self) -> None:
        """Start the file with a header. A journal found here was offered for recovery
        already (or held no whole step, e.g. a torn first line): it is replaced, since
        steps appended to a stale header or onto a torn line could never be replayed."""
        if self._handle is not None:
            return
        self._handle = open(self.path, "w", encoding="utf-8")
        header = {"format": FORMAT, "version": VERSION, "base": self.base_digest,
                  "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        self._write(header)
        self.sync()

    def _write(self, entry: dict[str, Any]) -> None:
        self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._handle.flush()  # in the OS now: survives a killed process
        self._pending = True

    def record_ops(self, ops: Iterable[Op]) -> None:
        self._record({"do": [op.to_json() for op in ops]})

    def record_undo(self) -> None:
        self._record({"undo": True})

    def record_redo(self) -> None:
        self._record({"redo": True})

    def record_change(self, change: Change, undo: bool) -> None:
        """An undo or redo of a step this journal never saw (it was made before the last
        save): written as the links and text it restores, since replay cannot undo it."""
        self._record({"set": change_to_json(change, undo)})

    problem: str = ""
    """Why journalling stopped (a read-only folder, a full disk); editing goes on."""

    def _record(self, entry: dict[str, Any]) -> None:
        if self.problem:
            return
        try:
            self._open()
            self._write(entry)
            if time.monotonic() - self._last_sync >= self.sync_interval:
                self.sync()
        except OSError as error:
            self.problem = f"cannot write the journal {self.path}: {error.strerror or error}"

    def rewrite(self, entries: Iterable[dict[str, Any]]) -> None:
        """Start the journal afresh with ``entries`` (after a recovery: drops a torn
        last line so that new steps do not glue onto it)."""
        self.discard()
        try:
            self._open()
            for entry in entries:
                self._write(entry)
        except OSError as error:
            self.problem = f"cannot write the journal {self.path}: {error.strerror or error}"
            return
        self.sync()

    def sync(self) -> None:
        """Force written steps to disk (called on a timer and before quitting); a failure
        (a removed disk) becomes :attr:`problem`, never an exception in the UI's timer."""
        if self._handle is not None and self._pending:
            try:
                os.fsync(self._handle.fileno())
            except OSError as error:
                self.problem = f"cannot write the journal {self.path}: {error.strerror or error}"
            self._pending = False
            self._last_sync = time.monotonic()

    def close(self) -> None:
        if self._handle is not None:
            self.sync()
            self._close_handle()

    def _close_handle(self) -> None:
        try:
            self._handle.close()
        except OSError:  # the last flush failed: what reached the OS is all there is
            pass
        self._handle = None

    def discard(self, base_digest: str | None = None) -> None:
        """Remove the journal (after a save, or when the user declines recovery); later
        steps start a new one on ``base_digest``."""
        if self._handle is not None:
            self._close_handle()
        self._pending = False
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:  # a folder made read-only meanwhile: say so, go on
            self.problem = f"cannot remove the journal {self.path}: {error.strerror or error}"
        if base_digest is not None:
            self.base_digest = base_digest


@dataclass
class Recovery:
    """What a journal left by an earlier session holds."""

    path: Path
    base: str
    started: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    torn: bool = False
    """The last line was cut off mid-write (it is ignored)."""
    damaged_line: int = 0
    """The first damaged line that is not the last (1-based; 0: none): the steps before it
    are offered, the lines from it on are not, since a step after a lost one would apply
    to another alignment than the one it was made on."""
    skipped: int = 0
    """Lines after the damaged one, which are left out with it."""

    @property
    def steps(self) -> int:
        return len(self.entries)

    def describe(self) -> str:
        """``12 steps; 1 damaged line and 3 steps after it are skipped``."""
        text = plural(self.steps, "step")
        if self.damaged_line:
            after = f" and {plural(self.skipped, 'step')} after it are" if self.skipped else " is"
            text += f"; 1 damaged line (line {self.damaged_line}){after} skipped"
        return text


class JournalError(SverkaError):
    """A journal that cannot be read (not ours, or its header damaged): the user decides
    what to do with it; sverka never deletes it silently."""


def read_journal(project: str | os.PathLike[str]) -> Recovery | None:
    """The journal beside ``project``, or None when there is none (or it holds no step and
    no damage). A damaged line keeps the steps before it and says what it skipped."""
    path = journal_path(project)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return None
    if not lines:
        return None
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError:
        raise JournalError(f"{path}: the first line is not a journal header "
                           f"(move the file away to open the project)") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise JournalError(f"{path}: not a sverka journal")
    recovery = Recovery(path, str(header.get("base", "")), str(header.get("started", "")))
    for number, line in enumerate(lines[1:], start=2):
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            entry = None
        if not isinstance(entry, dict):
            if number == len(lines):
                recovery.torn = True  # killed mid-line: everything before it is whole
                break
            recovery.damaged_line = number  # the steps before it are still good
            recovery.skipped = sum(1 for rest in lines[number:] if rest.strip())
            break
        recovery.entries.append(entry)
    return recovery if recovery.entries or recovery.damaged_line else None


def replay(history: History, entries: Iterable[dict[str, Any]]) -> list[str]:
    """Apply journal entries to ``history`` in order (undo and redo stacks included);
    returns problems, and stops at the first step that no longer applies."""
    return replay_entries(history, entries)[1]


def replay_entries(history: History,
                   entries: Iterable[dict[str, Any]]) -> tuple[int, list[str]]:
    """Like :func:`replay`, and also how many entries applied: a recovered journal keeps
    only those, so that later steps are not stuck behind one that never applies."""
    applied = 0
    for number, entry in enumerate(entries, start=1):
        try:
            _replay_one(history, entry)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
            return applied, [f"step {number} no longer applies: {error}"]
        applied += 1
    return applied, []


def _replay_one(history: History, entry: dict[str, Any]) -> None:
    if "do" in entry:
        history.apply(*(Op.from_json(item) for item in entry["do"]))
    elif "set" in entry:
        history.restore(change_from_json(entry["set"], history.alignment))
    elif entry.get("undo") and history.undo() is None:
        raise ValueError("there is no step to undo")
    elif entry.get("redo") and history.redo() is None:
        raise ValueError("there is no step to redo")


# ---------------------------------------------------------------------------- changes as JSON

def change_to_json(change: Change, undo: bool) -> dict[str, Any]:
    """What an undo (or redo) of ``change`` does, as data: replace ``remove`` links at
    ``start`` with ``links``, and put back the documents (the meta) when the text (the
    meta) changed."""
    remove, insert, documents, meta = (
        (change.after, change.before, change.documents_before, change.meta_before) if undo
        else (change.before, change.after, change.documents_after, change.meta_after))
    data = {"start": change.start, "remove": len(remove),
            "links": [link_to_json(link) for link in insert],
            "documents": None if documents is None else [document_to_json(d)
                                                         for d in documents]}
    if meta is not None:
        data["meta"] = dict(meta)
    return data


def change_from_json(data: dict[str, Any], current: Alignment) -> Change:
    """The :class:`Change` whose redo does what :func:`change_to_json` wrote down."""
    start, remove = int(data["start"]), int(data["remove"])
    if not 0 <= start <= start + remove <= len(current.links):
        raise ValueError(f"links {start + 1}–{start + remove} are not in the alignment")
    links = tuple(link_from_json(link) for link in data["links"])
    documents = data.get("documents")
    after = None if documents is None else (document_from_json(documents[0]),
                                            document_from_json(documents[1]))
    meta = data.get("meta")
    return Change(start, current.links[start:start + remove], links, None, after,
                  None, None if meta is None else dict(meta))
