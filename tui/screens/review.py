"""The review screen: the grid, the detail pane, the footer, and every named action.

Each action turns a key into an :mod:`align.edit` operation (through the session, which
journals it) or into a cursor move; the alignment logic itself is never here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from align.edit import EditError, Op
from align.model import Alignment
from tui import keymap
from tui.choices import (detach_choices, diagonal_split, split_link_choices,
                         split_paragraph_choices)
from tui.detail import DetailPane, StatusLine
from tui.filter import NO_FILTER, LinkFilter
from tui.grid import LinkGrid, header_text
from tui.keymap import ACTIONS
from tui.navigate import (SearchMatches, compile_search, find_next, match_number,
                          next_match, parse_link_number, pattern_problem, predicate)
from tui.screens.choice import ChoiceScreen
from tui.saving import SaveJob
from tui.session import Session
from tui.status import ReviewState, status_text
from tui.steps import describe_step

JUMPS = {"low": "low-confidence", "nonstandard": "non-1-1", "flagged": "flagged",
         "unconfirmed": "unconfirmed", "attention": "needing a look"}
LINK_ACTIONS = frozenset(spec.name for spec in ACTIONS if spec.group == "edit")
"""Actions that work on the cursor's link: off when the alignment has none."""


class ReviewScreen(Screen):
    """Shows one session; all review keys are bound here (ids = action names)."""

    BINDINGS = keymap.bindings()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.pattern: Any = None
        self.matches: SearchMatches | None = None
        self.saving = False
        """A save is being written (in a thread)."""
        self._saves_waiting: list[tuple[Callable[[], None] | None, str | None]] = []
        self._warned_about: Any = None
        """The journal whose failure the user was told of."""

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield StatusLine(id="title")
        yield StatusLine(id="grid-header")
        yield LinkGrid(self.session, id="grid")
        yield DetailPane(id="detail")
        yield Footer()

    @property
    def grid(self) -> LinkGrid:
        return self.query_one(LinkGrid)

    def on_mount(self) -> None:
        self.grid.focus()
        self.grid.cursor = self.session.cursor  # where the last review stopped
        self.refresh_status()
        self.call_after_refresh(self._start_checks)  # the first screen comes first

    def _start_checks(self) -> None:
        if not self.session.follow_checks(self._flags_arrived, self._checks_failed):
            self.update_flags(delay=0)

    def on_resize(self) -> None:
        self.grid.text_lines = 3 if self.size.height >= 40 else 2  # more text when tall
        self.refresh_header()
        self.refresh_title()

    def refresh_header(self) -> None:
        header = self.query_one("#grid-header", StatusLine)
        header.show(header_text(self.size.width, len(self.session.alignment.links)))

    def on_link_grid_moved(self, message: LinkGrid.Moved) -> None:
        self.session.cursor = message.link
        self.refresh_detail()
        self.refresh_title()

    def refresh_detail(self) -> None:
        k = self.grid.cursor
        self.query_one(DetailPane).show(self.session.alignment, k,
                                        self.session.flags.get(k, []))

    def refresh_title(self) -> None:
        session, alignment, grid = self.session, self.session.alignment, self.grid
        matches = (self.matches.current(session.revision, grid.view)
                   if self.matches is not None else None)  # counting waits for n or N
        state = ReviewState(
            session.name.removesuffix(".align.json"), len(alignment.links), grid.cursor,
            session.counts, session.dirty, f"{alignment.source.lang}→{alignment.target.lang}",
            grid.filter.describe(), grid.row_count,
            self.pattern.pattern if self.pattern is not None else "",
            match_number(matches, grid.cursor) if matches is not None else None, grid.mark,
            saving=self.saving,
            checking=not (session.checked or session.check is None))
        self.query_one("#title", StatusLine).show(status_text(state, self.size.width))

    def refresh_status(self) -> None:
        self.refresh_header()
        self.refresh_detail()
        self.refresh_title()

    # ------------------------------------------------------------------ running edits

    def run_ops(self, *ops: Op, cursor: int | None = None) -> bool:
        """Apply ``ops`` as one undoable step; a refusal is a notification, not a crash."""
        try:
            step = self.session.apply(*ops)
        except EditError as error:
            self.notify(str(error), severity="warning", timeout=4)
            return False
        if step is None:
            self.notify("nothing to change", timeout=2)
            return False
        self.after_change(cursor)
        return True

    def after_change(self, cursor: int | None = None) -> None:
        journal = self.session.journal
        if journal is not None and journal.problem and journal is not self._warned_about:
            self._warned_about = journal  # once per journal (a save elsewhere starts one)
            self.notify(f"{journal.problem}: edits are not crash-safe until saved (ctrl+s)",
                        severity="error", timeout=8)
        self.grid.refresh_data(cursor)
        self.refresh_status()
        self.update_flags()

    FLAG_DELAY = 0.6
    """Seconds of quiet after an edit before the QA checks run again (typing bursts)."""

    def update_flags(self, delay: float | None = None) -> None:
        if self.session.check is None or self.session.checks_in_background:
            return  # none, or the session sends each edit to the background checks
        timer = getattr(self, "_flag_timer", None)
        if timer is not None:
            timer.stop()
            self._flag_timer = None

        def run() -> None:
            self.compute_flags(self.session.alignment, self.session.revision)

        delay = self.FLAG_DELAY if delay is None else delay
        if delay > 0:
            self._flag_timer = self.set_timer(delay, run)
        else:
            self.call_later(run)

    @work(thread=True, exclusive=True, group="flags")
    def compute_flags(self, alignment: Alignment, revision: int) -> None:
        """QA checks in a thread; results for an alignment already edited again are
        dropped (the newer run brings its own)."""
        try:
            flags = self.session.compute_flags(alignment)
        except Exception as error:  # QA flags help; a checker bug must not end the review
            self.app.call_from_thread(self.notify, f"QA checks failed: {error}",
                                      severity="warning", timeout=5)
            return
        self.app.call_from_thread(self._set_flags, flags, revision)

    def _flags_arrived(self, revision: int, flags: dict) -> None:
        """The background checks' answer (from their thread)."""
        try:
            self.app.call_from_thread(self._set_flags, flags, revision)
        except RuntimeError:  # the app has ended
            pass

    def _checks_failed(self, message: str) -> None:
        try:
            self.app.call_from_thread(self.notify, f"QA checks failed: {message}",
                                      severity="warning", timeout=5)
        except RuntimeError:
            pass

    def _set_flags(self, flags: dict, revision: int) -> None:
        if revision == self.session.revision:
            self.session.set_flags(flags)  # rows show flag marks: redraw them
            self.grid.refresh_data()
            self.refresh_detail()
            self.refresh_title()

    @property
    def k(self) -> int:
        return self.grid.cursor

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An empty alignment (both texts empty) has no link to edit: those keys rest."""
        return bool(self.session.alignment.links) or action not in LINK_ACTIONS

    # ------------------------------------------------------------------ moving

    def action_cursor_down(self) -> None:
        self.grid.move(1)

    def action_cursor_up(self) -> None:
        self.grid.move(-1)

    def action_page_down(self) -> None:
        self.grid.page(1)

    def action_page_up(self) -> None:
        self.grid.page(-1)

    def action_first_link(self) -> None:
        self.grid.go_to_end(last=False)

    def action_last_link(self) -> None:
        self.grid.go_to_end(last=True)

    def jump(self, kind: str, backwards: bool = False) -> None:
        test, grid = predicate(kind, self.session.flags), self.grid
        found = find_next(self.session.alignment.links, self.k,
                          lambda k, link: grid.shows(k) and test(k, link), backwards)
        if found is None:
            self.notify(f"no other {JUMPS[kind]} link", timeout=2)
        else:
            self.grid.cursor = found

    def action_next_low(self) -> None:
        self.jump("low")

    def action_next_nonstandard(self) -> None:
        self.jump("nonstandard")

    def action_next_flagged(self) -> None:
        if self.session.check is None:
            self.notify("QA flags are off in this session", timeout=3)
            return
        self.jump("flagged")

    def action_next_unconfirmed(self) -> None:
        self.jump("unconfirmed")

    def action_next_attention(self) -> None:
        self.jump("attention")

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        last = self.pattern.pattern if self.pattern is not None else ""
        self.app.push_screen(SearchScreen(last), self._search_entered)

    def _search_entered(self, pattern: str | None) -> None:
        if pattern:
            problem = pattern_problem(pattern)
            if problem:
                self.notify(f"not a regular expression ({problem}): searching for the "
                            f"text as typed", severity="warning", timeout=4)
            self.pattern = compile_search(pattern)
            self.matches = SearchMatches(self.pattern)
            self.grid.set_highlight(self.pattern)
            self._search(backwards=False, include_current=True)

    def _search(self, backwards: bool, include_current: bool = False) -> None:
        if self.pattern is None or self.matches is None:
            self.notify("no search yet: press / to search", timeout=2)
            return
        matches = self.matches.count(self.session.alignment, self.session.revision,
                                     self.grid.view)
        found = next_match(matches, self.k, backwards, include_current)
        if found is None:
            where = " among the links shown" if self.grid.filter.active else ""
            self.notify(f"no match for {self.pattern.pattern!r}{where}", severity="warning",
                        timeout=3)
            return
        link, wrapped = found
        self.grid.cursor = link
        number, of = match_number(matches, link) or (0, len(matches))
        wrap = (" · wrapped to the end" if backwards else " · wrapped to the top") \
            if wrapped else ""
        self.notify(f"match {number} of {of}{wrap}",
                    severity="warning" if wrapped else "information", timeout=2)
        self.refresh_title()

    def action_search_next(self) -> None:
        self._search(backwards=False)

    def action_search_previous(self) -> None:
        self._search(backwards=True)

    def action_goto_link(self) -> None:
        from tui.screens.prompt import PromptScreen

        links = len(self.session.alignment.links)

        def answered(text: str | None) -> None:
            if text:
                try:
                    self.show_link(parse_link_number(text, links))
                except ValueError as error:
                    self.notify(str(error), severity="warning", timeout=3)

        self.app.push_screen(PromptScreen(f"Go to link (1–{links})", "",
                                          "enter go · esc cancel", f"a number, 1–{links}"),
                             answered)

    def show_link(self, k: int) -> None:
        """Put the cursor on link ``k``, switching a filter that hides it off."""
        if not self.grid.shows(k):
            self.notify(f"link {k + 1} is not {self.grid.filter.describe()}: the filter "
                        f"is off", timeout=3)
            self.grid.set_filter(NO_FILTER)
        self.grid.cursor = k
        self.refresh_title()

    def action_filter_view(self) -> None:
        from tui.screens.filter import FilterScreen

        def chosen(link_filter: LinkFilter | None) -> None:
            if link_filter is not None and not self.grid.set_filter(link_filter):
                self.notify(f"no link is {link_filter.describe()}: the filter is not "
                            f"applied", severity="warning", timeout=3)
            self.refresh_status()

        self.app.push_screen(FilterScreen(self.grid.filter), chosen)

    # ------------------------------------------------------------------ link edits

    def action_merge_next(self) -> None:
        self.run_ops(Op("merge_next", {"k": self.k}), cursor=self.k)

    def action_merge_previous(self) -> None:
        self.run_ops(Op("merge_previous", {"k": self.k}), cursor=self.k - 1)

    def action_pull_source(self) -> None:
        self.run_ops(Op("pull_up", {"k": self.k, "side": "source"}))

    def action_pull_target(self) -> None:
        self.run_ops(Op("pull_up", {"k": self.k, "side": "target"}))

    def action_push_source(self) -> None:
        self._push("source")

    def action_push_target(self) -> None:
        self._push("target")

    def _push(self, side: str) -> None:
        before = len(self.session.alignment.links)
        k = self.k
        if self.run_ops(Op("push_down", {"k": k, "side": side})):
            # when this link gave its only segment away it is gone: stay on the receiver
            if len(self.session.alignment.links) < before:
                self.grid.cursor = k

    def _choose(self, title: str, choices: list[tuple[str, Op]], none: str,
                selected: int = 0) -> None:
        """Offer ``choices`` in a dialog and run the chosen op on the cursor's link."""
        if not choices:
            self.notify(none, timeout=3)
            return
        k = self.k

        def chosen(op: Op | None) -> None:
            if op is not None:
                self.run_ops(op, cursor=k)

        self.app.push_screen(ChoiceScreen(title, choices, selected=selected), chosen)

    def action_split_link(self) -> None:
        choices = split_link_choices(self.session.alignment, self.k)
        self._choose(f"Split link {self.k + 1} into two links", choices,
                     "a link with one segment cannot be split",
                     diagonal_split(self.session.alignment, self.k, choices))

    def action_detach(self) -> None:
        self._choose(f"Detach a segment of link {self.k + 1}",
                     detach_choices(self.session.alignment, self.k),
                     "this link is already one-sided with one segment")

    def action_split_paragraph(self) -> None:
        self._choose("Split a paragraph after a sentence (‖)",
                     split_paragraph_choices(self.session.alignment, self.k),
                     "no paragraph of this link has a second sentence")

    def action_edit_text(self) -> None:
        from tui.screens.edit import EditScreen

        k = self.k

        def edited(ops: list[Op] | None) -> None:
            applied = not ops or self.run_ops(*ops, cursor=k)
            if ops is not None and applied and dialog.then_save:
                self.save()  # ctrl+s means "save" everywhere: the dialog applies, then this

        dialog = EditScreen(self.session.alignment, k)
        self.app.push_screen(dialog, edited)

    def action_confirm(self) -> None:
        k = self.k
        if self.session.alignment.links[k].reviewed:
            self.grid.move(1)
            return
        if self.run_ops(Op("confirm", {"k": k}), cursor=k) and self.grid.cursor == k:
            self.grid.move(1)  # confirming is reading down (unless the filter hid it)

    def action_confirm_through(self) -> None:
        from align.annotate import confirm_through_report, held_back, held_back_reasons

        k, links, flags = self.k, self.session.alignment.links, self.session.flags
        held = held_back(links, k, flags)
        reasons = held_back_reasons(links, held, flags)
        auto = self.session.counts.auto
        if self.run_ops(Op("confirm_through", {"k": k, "skip": held}), cursor=k) or held:
            report = confirm_through_report(auto - self.session.counts.auto, reasons,
                                            len(held))
            hint = {("QA-flagged",): "f", ("low-confidence",): "l"}.get(tuple(reasons))
            self.notify(report + (f": next with {hint}" if hint else ""), timeout=6)

    def action_mark(self) -> None:
        grid = self.grid
        grid.mark = None if grid.mark is not None else grid.cursor
        grid.refresh_data()
        self.refresh_title()

    def action_realign(self) -> None:
        grid, n = self.grid, len(self.session.alignment.links)
        if grid.mark is not None:
            first, last = sorted((grid.mark, grid.cursor))
        else:
            first, last = max(0, grid.cursor - 1), min(n - 1, grid.cursor + 1)
        max_link = int(self.session.alignment.meta.get("max_link", 4) or 4)
        grid.mark = None
        from align.realign import RealignPlan, changed_links

        plan = RealignPlan.of(self.session.alignment, first, last)
        if not plan.gaps:  # every link there is reviewed: the aligner has nothing to do
            grid.refresh_data()
            self.refresh_title()
            self.notify(plan.nothing_to_do(), timeout=4)
            return
        if self.run_ops(Op("realign", {"first": first, "last": last, "max_link": max_link}),
                        cursor=first):
            change = self.session.history.top.change
            self.notify(plan.report(changed_links(change.before, change.after)), timeout=5)

    def action_mark_bad(self) -> None:
        self.run_ops(Op("set_mark", {"k": self.k, "mark": "bad"}), cursor=self.k)

    def action_mark_needs_work(self) -> None:
        self.run_ops(Op("set_mark", {"k": self.k, "mark": "needs-work"}), cursor=self.k)

    def action_clear_mark(self) -> None:
        self.run_ops(Op("set_mark", {"k": self.k, "mark": ""}), cursor=self.k)

    def action_note(self) -> None:
        from tui.screens.note import NoteScreen

        k = self.k

        def written(note: str | None) -> None:
            if note is not None:
                self.run_ops(Op("set_note", {"k": k, "note": note}), cursor=k)

        self.app.push_screen(NoteScreen(self.session.alignment, k), written)

    def action_sentences(self) -> None:
        from tui.screens.sentences import SentenceScreen

        self.app.push_screen(SentenceScreen(self.session, self.k, self.run_ops))

    def action_undo(self) -> None:
        step = self.session.undo()
        if step is None:
            self.notify("nothing to undo", timeout=2)
        else:
            self.after_change(step.cursor)
            self.notify(f"undid: {describe_step(step)}", timeout=3)

    def action_redo(self) -> None:
        step = self.session.redo()
        if step is None:
            self.notify("nothing to redo", timeout=2)
        else:
            self.after_change(step.cursor)
            self.notify(f"redid: {describe_step(step)}", timeout=3)

    # ------------------------------------------------------------------ file and app

    def action_save(self) -> None:
        self.save()

    def save(self, then: Callable[[], None] | None = None, path: str | None = None) -> None:
        """Save (to ``path``, else the project file) in a thread, then run ``then``; keys
        keep working meanwhile, and a save asked for during one runs after it. A save
        that fails (a read-only folder, a full disk, a file changed on disk) asks for
        another file: the edits stay open. A file named in that question is written as
        asked."""
        if self.saving:
            self._saves_waiting.append((then, path))
            return
        try:
            job = self.session.begin_save(path, force=path is not None)
        except Exception as error:  # whatever the disk says, the session must survive it
            self.ask_save_as(str(error), then)
            return
        self.saving = True
        self.refresh_title()
        self._write(job, then)

    @work(thread=True, group="save")
    def _write(self, job: SaveJob, then: Callable[[], None] | None) -> None:
        problem: Exception | None = None
        try:
            job.write()
        except Exception as error:  # reported on the UI thread, as a question
            problem = error
        try:
            self.app.call_from_thread(self._written, job, then, problem)
        except RuntimeError:  # the app ended meanwhile (quit without saving): written
            pass

    def _written(self, job: SaveJob, then: Callable[[], None] | None,
                 problem: Exception | None) -> None:
        self.saving = False
        waiting, self._saves_waiting = self._saves_waiting, []
        if problem is not None:  # one question for this save and those waiting on it
            self.ask_save_as(str(problem), self._one_after_another(
                [then, *(then for then, _ in waiting)]))
            return
        saved = self.session.finish_save(job)
        self.notify(f"saved {saved}", timeout=2)
        self.refresh_title()
        if then is not None:
            then()
        if waiting:  # saves asked for meanwhile: one more, of the session as it is now
            then_all = self._one_after_another([then for then, _ in waiting])
            path = waiting[-1][1]
            if path is None and not self.session.dirty:
                if then_all is not None:
                    then_all()
            else:
                self.save(then_all, path)

    @staticmethod
    def _one_after_another(thens: list[Callable[[], None] | None]
                           ) -> Callable[[], None] | None:
        """What several saves were to do next, as one callback (None: nothing)."""
        chosen = [then for then in thens if then is not None]
        if not chosen:
            return None

        def run_all() -> None:
            for then in chosen:
                then()

        return run_all

    def ask_save_as(self, problem: str, then: Callable[[], None] | None) -> None:
        from tui.screens.prompt import PromptScreen

        def answered(path: str | None) -> None:
            if path and path.strip():
                self.save(then, str(Path(path.strip()).expanduser()))
            else:
                self.notify("not saved: the edits are still here (and journalled when "
                            "the folder allows)", severity="warning", timeout=5)

        self.app.push_screen(PromptScreen(
            "Not saved: save to another file?", str(self.save_as_suggestion()),
            "enter save there · esc go back without saving", problem=f"✖ {problem}"),
            answered)

    def action_export(self) -> None:
        from tui.screens.export import ExportScreen

        session = self.session
        stem = session.name.removesuffix(".json").removesuffix(".align")
        directory = session.path.parent if session.path else Path(".")

        def done(summary: str | None) -> None:
            if summary:
                self.notify(summary, timeout=5)

        self.app.push_screen(ExportScreen(session.alignment, stem, directory), done)

    def action_toggle_detail(self) -> None:
        detail = self.query_one(DetailPane)
        detail.display = not detail.display

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(getattr(self.app, "keymap", {})))

    def action_quit(self) -> None:
        self.request_quit()

    def request_quit(self) -> None:
        """Quit at once when everything is saved; otherwise ask."""
        if not self.session.dirty:
            self.close_and_exit()
            return
        from tui.screens.confirm import confirm_quit

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.save(then=self.close_and_exit)
            elif choice == "quit":
                self.session.discard_journal()  # the user chose to drop these edits
                self.app.exit()

        self.app.push_screen(confirm_quit(), answered)

    def save_as_suggestion(self) -> Path:
        """The project file when its folder takes files, else the same name at home."""
        from align.errors import InputError
        from align.fileio import check_writable

        path = self.session.path
        try:
            if path is not None:
                check_writable(path)
                return path
        except InputError:
            pass
        return Path.home() / self.session.name

    def close_and_exit(self) -> None:
        self.session.close()
        self.app.exit()
