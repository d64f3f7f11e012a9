"""ReviewApp: opens a session on the review screen, offers recovery (and a realign when
the input files changed since the project was aligned), wires the palette.

The app is thin: the review screen holds the actions, the session holds the state,
``align.edit`` holds the logic. Start-up does no work proportional to the alignment
beyond what the first screen shows.
"""

from __future__ import annotations

from typing import Iterable

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from align.edit import Op
from align.model import Alignment, Document
from tui.keymap import ACTIONS
from tui.screens.review import ReviewScreen
from tui.session import Session


class ReviewApp(App[None]):
    """Review and fix one alignment."""

    CSS_PATH = "review.tcss"
    TITLE = "sverka review"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, session: Session, keymap: dict[str, str] | None = None,
                 cursor_blink: bool = True) -> None:
        super().__init__()
        self.session = session
        self.keymap = dict(keymap or {})
        self.cursor_blink = cursor_blink
        """Text cursors blink (off in snapshot tests, so that screens compare equal)."""

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        self.review = ReviewScreen(self.session)
        self.push_screen(self.review)
        self.set_interval(2.0, self.sync_journal)
        if self.session.recovery is not None:
            self.offer_recovery()
        else:
            self.check_inputs()

    def sync_journal(self) -> None:
        """The session's journal of the moment (a save elsewhere starts another one)."""
        if self.session.journal is not None:
            self.session.journal.sync()

    def offer_recovery(self) -> None:
        from tui.screens.confirm import offer_recovery

        recovery = self.session.recovery
        assert recovery is not None
        warning = ""
        if recovery.base != self.session.disk_digest:
            warning = "The project file was changed since; some edits may not apply."

        def answered(choice: str | None) -> None:
            if choice == "recover":
                problems = self.session.recover()
                self.review.after_change(self.session.history.top.cursor
                                         if self.session.history.top else 0)
                message = f"recovered {recovery.describe()}"
                self.notify("; ".join([message, *problems]),
                            severity="warning" if problems else "information", timeout=6)
            elif choice == "discard":
                self.session.discard_journal()
                self.notify("discarded the journalled edits", timeout=3)
            self.check_inputs()

        self.push_screen(offer_recovery(recovery.describe(), recovery.started, warning),
                         answered)

    @work(thread=True, exclusive=True, group="inputs")
    def check_inputs(self) -> None:
        """Ask what to do when an input file changed since the project was aligned: a
        realign that keeps the confirmed links, or the project as saved. In a thread:
        a changed book is read again and compared, which takes a moment."""
        from align.errors import SverkaError
        from align.realign import changed_inputs

        try:
            changes = changed_inputs(self.session.alignment, self.session.path)
        except (SverkaError, OSError) as error:  # unreadable now: the project still opens
            self.call_from_thread(self.notify, f"cannot compare with the input files: "
                                  f"{error}", severity="warning", timeout=6)
            return
        if changes:
            self.call_from_thread(self.offer_realign, changes)

    def offer_realign(self, changes: list) -> None:
        from align.options import MAX_LINK
        from align.realign import anchors_in, digests_after, documents_after
        from tui.screens.confirm import offer_realign

        alignment = self.session.alignment
        source, target = documents_after(alignment, changes)
        kept = len(anchors_in(alignment, source, target))
        reviewed = sum(1 for link in alignment.links if link.reviewed)
        inputs = digests_after(alignment, changes)
        max_link = int(alignment.meta.get("max_link") or MAX_LINK)
        summary = (f"realigned onto the files as they are now: {kept} of {reviewed} "
                   f"confirmed or edited links kept")

        def answered(choice: str | None) -> None:
            if choice == "realign":
                self.notify("realigning onto the files as they are now…", timeout=3)
                self.realign_onto_inputs(alignment, source, target, inputs, max_link,
                                         summary)

        self.push_screen(offer_realign([change.describe() for change in changes], kept,
                                       reviewed), answered)

    @work(thread=True, exclusive=True, group="realign-inputs")
    def realign_onto_inputs(self, alignment: Alignment, source: Document, target: Document,
                            inputs: dict[str, str], max_link: int, summary: str) -> None:
        """Align in a thread (a book takes seconds), then apply the result as one step."""
        from align.edit import move_op
        from align.realign import realign_inputs

        try:
            op = move_op(realign_inputs(alignment, source, target, inputs, max_link))
        except Exception as error:  # the project stays as saved; the review goes on
            self.call_from_thread(self.notify, f"realign failed: {error}",
                                  severity="error", timeout=6)
            return
        self.call_from_thread(self.realigned_onto_inputs, op, alignment, summary)

    def realigned_onto_inputs(self, op: Op, base: Alignment, summary: str) -> None:
        """Apply the realign worked out from ``base``, unless the alignment is no longer
        ``base`` (edited meanwhile: the result would undo that edit)."""
        if self.session.alignment is not base:
            self.notify("not realigned: the alignment was edited meanwhile (reopen the "
                        "project to be asked again)", severity="warning", timeout=6)
        elif self.review.run_ops(op, cursor=0):
            self.notify(summary, timeout=6)

    async def action_quit(self) -> None:
        """ctrl+q and the palette's Quit ask about unsaved changes too."""
        if isinstance(self.screen, ReviewScreen):
            self.screen.request_quit()
        elif self.session.dirty:
            self.notify("close this dialog first, then quit (unsaved changes)", timeout=3)
        else:
            self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every review action by name in the command palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        review = getattr(self, "review", None)
        if review is None or screen is not review:
            return
        for spec in ACTIONS:
            if spec.name == "quit":
                continue
            yield SystemCommand(spec.description, f"{spec.name} ({spec.keys})",
                                lambda name=spec.name: review.run_action(name))

    def on_unmount(self) -> None:
        self.session.close()
