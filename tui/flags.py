"""QA flags kept up to date edit by edit, off the UI thread.

A 10,000-link book takes seconds of pure Python to check in full, so the review checks
it once, then after each edit checks again only what the edit can have changed: the
links it replaced, for the checks that read a link alone (:data:`align.check.LINK_CODES`),
and the document-wide checks again over texts whose expensive reading the check modules
keep between runs. The result equals a full :func:`align.check.check_alignment`.

The checking runs in a child process (a thread would hold the GIL and stall key
presses), fed with the edits rather than the whole alignment, and killed at once on quit.
Where no process can be started it runs in a thread, with the same messages.
"""

from __future__ import annotations

import queue
import threading
from collections import defaultdict
from dataclasses import replace
from typing import Any, Callable, Sequence

from align.check import CODES, LINK_CODES, Flag, check_alignment, link_flags
from align.model import Alignment, Document, Link

DOCUMENT_CODES = tuple(code for code in CODES if code not in LINK_CODES)
"""The checks that weigh a link against the rest of the document: run over it all."""

NICENESS = 10
"""How far the checker process stands back for the CPU (see :func:`serve_niced`)."""

FlagsByLink = dict[int, list[Flag]]
Documents = tuple[Document, Document] | None


class IncrementalFlags:
    """An alignment's flags, updated by splices of its links (what an edit, undo or redo
    changes) with as little checking again as :func:`flags` needs."""

    def __init__(self, alignment: Alignment) -> None:
        self.alignment = alignment
        self._by_link: FlagsByLink = {}
        """:data:`LINK_CODES` flags of links not in ``_stale``."""
        self._stale: set[int] = set(range(len(alignment.links)))

    def splice(self, start: int, removed: int, links: Sequence[Link],
               documents: Documents = None) -> None:
        """Links ``start`` to ``start + removed`` become ``links`` (and the documents
        ``documents``, when an edit changed a text)."""
        old = self.alignment
        source, target = documents or (old.source, old.target)
        self.alignment = Alignment(source, target,
                                   old.links[:start] + tuple(links)
                                   + old.links[start + removed:], old.meta)
        delta = len(links) - removed

        def moved(k: int) -> int:
            return k if k < start else k + delta

        kept = {k: flags for k, flags in self._by_link.items()
                if k < start or k >= start + removed}
        self._by_link = {moved(k): flags if not delta or k < start
                         else [replace(flag, link=moved(k)) for flag in flags]
                         for k, flags in kept.items()}
        self._stale = {moved(k) for k in self._stale if k < start or k >= start + removed}
        self._stale.update(range(start, start + len(links)))
        if documents is not None:  # a text changed: the documents' scripts may have too
            self._stale = set(range(len(self.alignment.links)))

    def flags(self) -> list[Flag]:
        """Every flag of the alignment as it is now, as :func:`check_alignment` lists them."""
        found = check_alignment(self.alignment, codes=DOCUMENT_CODES)
        if any(flag.code == "not-a-translation" for flag in found):
            return found  # the one finding is the pair itself (as in a full check)
        if self._stale:
            fresh: FlagsByLink = defaultdict(list)
            for flag in link_flags(self.alignment, self._stale):
                fresh[flag.link].append(flag)
            for k in self._stale:
                self._by_link.pop(k, None)
            self._by_link.update(fresh)
            self._stale = set()
        found += [flag for flags in self._by_link.values() for flag in flags]
        return sorted(found, key=lambda flag: (flag.link, CODES.index(flag.code)))


def by_link(flags: Sequence[Any]) -> dict[int, list[Any]]:
    """Flags grouped by their link's index (only links that have some)."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    for flag in flags:
        grouped[int(flag.link)].append(flag)
    return dict(grouped)


# ---------------------------------------------------------------------- the checker's side

def serve_niced(connection: Any) -> None:
    """:func:`serve` in the child process, behind the UI process for the CPU: the first
    pass on a book takes a core for a while, and keys must not wait for it."""
    import os

    try:
        os.nice(NICENESS)
    except (AttributeError, OSError):  # not on this system: the same, only less kind
        pass
    serve(connection)


def serve(connection: Any) -> None:
    """The checker's loop: take every message waiting, check once, answer with the flags
    of the last revision taken; ``None`` ends it. Messages: ``("open", revision,
    alignment)`` and ``("splice", revision, start, removed, links, documents)``."""
    checker: IncrementalFlags | None = None
    while True:
        messages = [connection.recv()]
        while connection.poll():
            messages.append(connection.recv())
        revision = None
        for message in messages:
            if message is None:
                return
            if message[0] == "open":
                revision, checker = message[1], IncrementalFlags(message[2])
            elif checker is not None:
                revision = message[1]
                checker.splice(*message[2:])
        if checker is None or revision is None:
            continue
        try:
            connection.send(("flags", revision, by_link(checker.flags())))
        except Exception as error:  # a checker bug must not end the review, nor this loop
            connection.send(("failed", revision, f"{type(error).__name__}: {error}"))


# ---------------------------------------------------------------------- the UI's side

Delivered = Callable[[int, FlagsByLink], None]
Failed = Callable[[str], None]


class BackgroundChecks:
    """Feeds edits to the checker and hands its answers to ``deliver(revision, flags)``
    (or ``failed(message)``), from a thread of its own: callers pass them on to the UI.

    ``in_process`` runs the checker in a thread here (tests; no processes available).
    Sending never blocks the caller: a queue and a thread carry the messages."""

    def __init__(self, in_process: bool = False) -> None:
        self.problem = ""
        """Why the checks run in the UI process, when they had to."""
        self._outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._deliver: Delivered | None = None
        self._failed: Failed | None = None
        self._closed = False
        self._process: Any = None
        self._answer: tuple[str, int, Any] | None = None
        """The latest answer that came before anyone listened."""
        self._lock = threading.Lock()
        self._connection = self._start(in_process)
        threading.Thread(target=self._send_loop, name="qa-send", daemon=True).start()
        threading.Thread(target=self._receive_loop, name="qa-receive", daemon=True).start()

    def _start(self, in_process: bool) -> Any:
        """Our end of a pipe to the checker, started in a child process if it can be."""
        import multiprocessing

        if not in_process:
            try:
                # spawn, not fork: the UI process has threads, which fork does not copy
                context = multiprocessing.get_context("spawn")
                ours, theirs = context.Pipe()
                process = context.Process(target=serve_niced, args=(theirs,), name="sverka-qa",
                                          daemon=True)
                process.start()
                self._process = process
                theirs.close()
                return ours
            except (OSError, ValueError, RuntimeError) as error:  # no processes here
                self.problem = f"QA checks run in the UI process: {error}"
        ours, theirs = multiprocessing.Pipe()
        threading.Thread(target=serve, args=(theirs,), name="qa-check", daemon=True).start()
        return ours

    def listen(self, deliver: Delivered, failed: Failed) -> None:
        """Where answers go from now on; the latest one before this is handed on now."""
        with self._lock:
            self._deliver, self._failed = deliver, failed
            answer, self._answer = self._answer, None
        if answer is not None:
            self._hand_on(answer)

    def _hand_on(self, answer: tuple[str, int, Any]) -> None:
        kind, revision, payload = answer
        if kind == "flags" and self._deliver is not None:
            self._deliver(revision, payload)
        elif kind == "failed" and self._failed is not None:
            self._failed(payload)

    def open(self, revision: int, alignment: Alignment) -> None:
        """Check ``alignment`` in full (the first pass, or after a recovery replaced it)."""
        self._outbox.put(("open", revision, alignment))

    def splice(self, revision: int, start: int, removed: int, links: Sequence[Link],
               documents: Documents = None) -> None:
        """An edit made the alignment of ``revision``: links ``start`` to ``start +
        removed`` are now ``links``."""
        self._outbox.put(("splice", revision, start, removed, tuple(links), documents))

    def close(self) -> None:
        """Stop at once: a check under way is not waited for (quit must be immediate)."""
        if self._closed:
            return
        self._closed = True
        self._outbox.put(None)
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=1)

    def _send_loop(self) -> None:
        while True:
            message = self._outbox.get()
            try:
                self._connection.send(message)
            except (OSError, ValueError):  # the checker is gone (killed on quit)
                return
            if message is None:
                return

    def _receive_loop(self) -> None:
        while True:
            try:
                answer = self._connection.recv()
            except (EOFError, OSError, ValueError):
                answer = ("failed", -1, "the QA checker stopped")
            if self._closed:
                return
            with self._lock:
                listening = self._deliver is not None
                if not listening:
                    self._answer = answer
            if listening:
                self._hand_on(answer)
            if answer[1] == -1:  # nothing more will come
                return
