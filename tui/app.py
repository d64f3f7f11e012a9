"""ReviewApp: opens a session on the review screen, offers recovery, wires the palette.

The app is thin: the review screen holds the actions, the session holds the state,
``align.edit`` holds the logic. Start-up does no work proportional to the alignment
beyond what the first screen shows.
"""

from __future__ import annotations

from typing import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

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

    def check_inputs(self) -> None:
        """Ask what to do when an input file changed since the project was aligned: a
        realign that keeps the confirmed links, or the project as saved."""
        from align.errors import SverkaError
        from align.realign import changed_inputs

        try:
            changes = changed_inputs(self.session.alignment, self.session.path)
        except (SverkaError, OSError) as error:  # unreadable now: the project still opens
            self.notify(f"cannot compare with the input files: {error}", severity="warning",
                        timeout=6)
            return
        if changes:
            self.offer_realign(changes)

    def offer_realign(self, changes: list) -> None:
        from align.edit import Op, document_to_json
        from align.options import MAX_LINK
        from align.realign import anchors_in, digests_after, documents_after
        from tui.screens.confirm import offer_realign

        alignment = self.session.alignment
        source, target = documents_after(alignment, changes)
        kept = len(anchors_in(alignment, source, target))
        reviewed = sum(1 for link in alignment.links if link.reviewed)
        op = Op("realign_inputs", {
            "source": document_to_json(source), "target": document_to_json(target),
            "inputs": digests_after(alignment, changes),
            "max_link": int(alignment.meta.get("max_link") or MAX_LINK)})

        def answered(choice: str | None) -> None:
            if choice == "realign" and self.review.run_ops(op, cursor=0):
                self.notify(f"realigned onto the files as they are now: {kept} of "
                            f"{reviewed} confirmed or edited links kept", timeout=6)

        self.push_screen(offer_realign([change.describe() for change in changes], kept,
                                       reviewed), answered)

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
