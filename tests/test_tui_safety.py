"""Pilot tests: the review never loses work (issue 12, "Work must never be lost").

Quitting, recovering and exporting ask before anything is thrown away, and no single
letter throws it away; a clean quit leaves no journal behind; realign keeps what a person
confirmed; a project whose input files changed says so and offers an anchored realign.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import Awaitable, Callable

import pytest
from textual import events
from textual.widgets import Button

from align.aligner import align_documents
from align.edit import History, Op, apply_all, move_op
from align.ingest import read_document
from align.journal import journal_path, read_journal, replay
from align.model import Alignment
from align.project import load, save
from align.realign import changed_inputs, documents_after, realign_inputs
from tui.app import ReviewApp
from tui.session import Session
from tui_support import sample, shape, write_sample

Script = Callable[[ReviewApp, object], Awaitable[None]]


def run(path: Path, script: Script, keep_journal: bool = False,
        size: tuple[int, int] = (100, 30)) -> ReviewApp:
    """Open ``path`` headless (QA checks off) and run ``script(app, pilot)``; any notice
    shown is kept in ``app.said``."""
    if not keep_journal:
        journal_path(path).unlink(missing_ok=True)
    app = ReviewApp(Session(load(path), path, check=None), cursor_blink=False)
    app.said = []

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            app.notify = lambda message, *a, **k: app.said.append(str(message))
            await settle(app, pilot)
            await script(app, pilot)

    asyncio.run(main())
    return app


async def settle(app: ReviewApp, pilot) -> None:
    """Wait until the app's background work (comparing the inputs, realigning) is done
    and what it brought is on screen."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def screen_name(app: ReviewApp) -> str:
    return app.screen.__class__.__name__


def body(app: ReviewApp) -> str:
    return str(app.screen.query(".dialog-body").first().render())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_sample(tmp_path)


# ---------------------------------------------------------------------------- quitting

def test_q_alone_never_discards_in_the_unsaved_changes_dialog(project):
    async def script(app, pilot):
        await pilot.press("m", "q")
        assert screen_name(app) == "QuestionScreen"
        await pilot.press("q", "q", "d")
        await pilot.pause()
        assert screen_name(app) == "QuestionScreen" and app.is_running
        assert any("ctrl+d quits without saving" in said for said in app.said)

    app = run(project, script)
    assert app.session.dirty
    assert journal_path(project).exists()  # the edit is still journalled
    assert shape(load(project)) == shape(sample())


def test_the_safe_button_is_focused_and_every_button_shows_its_key(project):
    async def script(app, pilot):
        await pilot.press("m", "q")
        labels = {button.id: str(button.label) for button in app.screen.query(Button)}
        assert labels == {"save": "Save and quit (s)", "cancel": "Cancel (c)",
                          "quit": "Quit without saving (ctrl+d)"}
        assert app.focused.id == "save"

    run(project, script)


@pytest.mark.parametrize("keys,focused", [(("right",), "cancel"), (("down",), "cancel"),
                                          (("right", "left"), "save"), (("left",), "save"),
                                          (("right", "right"), "quit"),
                                          (("right", "right", "right", "up"), "cancel")])
def test_arrow_keys_move_between_buttons_without_wrapping(project, keys, focused):
    async def script(app, pilot):
        await pilot.press("m", "q", *keys)
        assert app.focused.id == focused

    run(project, script)


def test_right_enter_does_what_the_focused_button_says(project):
    async def script(app, pilot):
        await pilot.press("m", "q", "right")
        assert str(app.focused.label).startswith("Cancel")
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "ReviewScreen" and app.is_running

    app = run(project, script)
    assert app.session.dirty and shape(load(project)) == shape(sample())


def test_right_enter_sent_at_once_presses_the_button_focused_by_right(project):
    """As a terminal sends them (``tmux send-keys Right Enter``): both keys queued before
    either is handled, so the focus must move before Enter is dispatched."""
    async def script(app, pilot):
        await pilot.press("m", "q")
        app.post_message(events.Key("right", None))
        app.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        await pilot.pause()
        assert screen_name(app) == "ReviewScreen" and app.is_running

    app = run(project, script)
    assert app.session.dirty and shape(load(project)) == shape(sample())


def test_enter_alone_saves_and_quits(project):
    async def script(app, pilot):
        await pilot.press("m", "q", "enter")
        await pilot.pause()

    app = run(project, script)
    assert not app.is_running and not app.session.dirty
    assert shape(load(project)) == shape(apply_all(sample(), [Op("merge_next", {"k": 0})]))
    assert not journal_path(project).exists()


def test_a_clean_quit_removes_the_journal_and_the_next_open_offers_nothing(project):
    async def edit_undo_quit(app, pilot):
        await pilot.press("m", "u")
        assert journal_path(project).exists()  # the merge and its undo were journalled
        await pilot.press("q")
        await pilot.pause()

    app = run(project, edit_undo_quit)
    assert not app.is_running
    assert not journal_path(project).exists()
    assert read_journal(project) is None

    async def reopened(app, pilot):
        assert screen_name(app) == "ReviewScreen"  # no "Recover unsaved edits?"

    run(project, reopened, keep_journal=True)


def test_quitting_with_a_recovery_unanswered_keeps_the_journal(project):
    Session(load(project), project, check=None).apply(Op("merge_next", {"k": 0}))

    async def script(app, pilot):
        assert screen_name(app) == "QuestionScreen"
        await pilot.press("ctrl+q")  # nothing is unsaved yet: the app ends
        await pilot.pause()

    app = run(project, script, keep_journal=True)
    assert not app.is_running
    assert read_journal(project).steps == 1  # still there to be offered next time


# ---------------------------------------------------------------------------- recovery

def test_the_recovery_dialog_recovers_on_enter_and_discards_only_on_ctrl_d(project):
    Session(load(project), project, check=None).apply(Op("merge_next", {"k": 0}))

    async def recover(app, pilot):
        assert app.focused.id == "recover"
        assert "Discard them (ctrl+d)" in [str(b.label) for b in app.screen.query(Button)]
        await pilot.press("d", "enter")
        await pilot.pause()

    app = run(project, recover, keep_journal=True)
    assert shape(app.session.alignment) == shape(apply_all(sample(),
                                                           [Op("merge_next", {"k": 0})]))
    assert any("nothing discarded" in said for said in app.said)


# ---------------------------------------------------------------------------- realign

def test_realign_keeps_confirmed_links_and_says_what_it_changed(project):
    async def script(app, pilot):
        # confirm links 1 and 2, then realign 1..4 (link 4 is a low-confidence 2-1)
        await pilot.press("c", "c", "home", "v", "down", "down", "down", "r")
        await pilot.pause()

    app = run(project, script)
    links = app.session.alignment.links
    assert [link.status for link in links[:2]] == ["confirmed", "confirmed"]
    assert links[:2] == tuple(replace(link, status="confirmed") for link in sample().links[:2])
    assert any(said.startswith("realigned 1 gap: ") and said.endswith(", 2 confirmed kept")
               for said in app.said)


def test_realign_of_confirmed_links_only_says_there_is_no_gap(project):
    async def script(app, pilot):
        await pilot.press("c", "c", "c", "up", "up", "r")  # links 1–3 confirmed; r on 2
        await pilot.pause()

    app = run(project, script)
    assert app.session.history.depth == 3  # the three confirms, no realign step
    assert "nothing to realign: links 1–3 are all confirmed or edited" in app.said


def test_undo_after_a_realign_restores_the_state_before(project):
    async def script(app, pilot):
        await pilot.press("c", "v", "end", "r")
        await pilot.pause()
        assert app.session.history.depth == 2
        await pilot.press("u")
        await pilot.pause()

    app = run(project, script)
    confirmed = apply_all(sample(), [Op("confirm", {"k": 0})])
    assert app.session.alignment.links == confirmed.links


# ---------------------------------------------------------------------------- changed inputs

ORIGINAL = ["Первый абзац о 1991 годе.", "Второй абзац, 12 человек.", "Третий абзац: 300 км."]
TRANSLATION = ["The first paragraph, about 1991.", "The second paragraph, 12 people.",
               "The third paragraph: 300 km."]


@pytest.fixture
def from_files(tmp_path: Path, monkeypatch) -> Path:
    """A project aligned from ru.txt and en.txt, its first link confirmed; then a
    paragraph is added to en.txt."""
    monkeypatch.chdir(tmp_path)
    Path("ru.txt").write_text("\n\n".join(ORIGINAL), encoding="utf-8")
    Path("en.txt").write_text("\n\n".join(TRANSLATION), encoding="utf-8")
    aligned = align_documents(read_document("ru.txt", "ru"), read_document("en.txt", "en"))
    path = tmp_path / "pair.align.json"
    save(aligned.with_links((replace(aligned.links[0], status="confirmed"),)
                            + aligned.links[1:]), path)
    Path("en.txt").write_text("\n\n".join(TRANSLATION[:1] + ["An added paragraph."]
                                          + TRANSLATION[1:]), encoding="utf-8")
    return path


def test_changed_inputs_are_said_in_a_dialog_and_open_as_saved_is_the_default(from_files):
    async def script(app, pilot):
        assert screen_name(app) == "QuestionScreen"
        assert "en.txt (the translation) changed since it was aligned: 1 paragraph added" \
            in body(app)
        assert "It keeps 1 of 1 confirmed or edited links and aligns" in body(app)
        assert app.focused.id == "open"
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "ReviewScreen"

    app = run(from_files, script)
    assert app.session.alignment == load(from_files) and not app.session.dirty


def test_realign_onto_changed_inputs_keeps_confirmed_links_and_undoes(from_files):
    saved = load(from_files)

    async def script(app, pilot):
        await pilot.press("r")
        await settle(app, pilot)
        moved = app.session.alignment
        assert moved.target.texts[1] == "An added paragraph."
        assert moved.links[0] == saved.links[0]  # the confirmed link, kept
        assert app.session.dirty
        await pilot.press("u")
        await pilot.pause()

    app = run(from_files, script)
    assert app.session.alignment == saved
    assert any("1 of 1 confirmed or edited links kept" in said for said in app.said)


def test_a_realign_onto_changed_inputs_is_journalled_and_replays_exactly(from_files):
    async def script(app, pilot):
        await pilot.press("r")
        await settle(app, pilot)

    app = run(from_files, script)
    assert app.session.dirty
    history = History(load(from_files))
    assert replay(history, read_journal(from_files).entries) == []
    assert history.alignment == app.session.alignment


def realigned(project: Path) -> Alignment:
    """What the realign worker brings back for ``project`` (its inputs changed)."""
    saved = load(project)
    return realign_inputs(saved, *documents_after(saved, changed_inputs(saved, project)),
                          inputs={})


def test_a_realign_finished_after_an_edit_is_not_applied(from_files):
    moved = realigned(from_files)

    async def script(app, pilot):
        base = app.session.alignment
        await pilot.press("o", "down", "c")  # open as saved, confirm link 2 meanwhile
        app.realigned_onto_inputs(move_op(moved), base, "realigned")
        await pilot.pause()

    app = run(from_files, script)
    assert app.session.history.depth == 1  # the confirm only
    assert any(said.startswith("not realigned: the alignment was edited meanwhile")
               for said in app.said), app.said


def test_fresh_qa_flags_meanwhile_do_not_stop_the_realign(from_files):
    moved = realigned(from_files)

    async def script(app, pilot):
        base = app.session.alignment
        await pilot.press("o")
        app.session.set_flags({})  # the QA checks report while the realign runs
        app.realigned_onto_inputs(move_op(moved), base, "realigned")
        await pilot.pause()

    app = run(from_files, script)
    assert app.session.alignment.links == moved.links and "realigned" in app.said


def test_a_realigned_project_opens_without_the_question_once_saved(from_files):
    async def realign_save_quit(app, pilot):
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("ctrl+s", "q")
        await pilot.pause()

    run(from_files, realign_save_quit)

    async def reopened(app, pilot):
        assert screen_name(app) == "ReviewScreen"

    run(from_files, reopened)


# ---------------------------------------------------------------------------- export

def test_export_asks_before_replacing_a_file(project, tmp_path):
    out = tmp_path / "sample.tsv"
    out.write_text("keep me\n", encoding="utf-8")

    async def export(app, pilot, answer: str) -> None:
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#fmt-tsv")
        app.screen.query_one("#path").value = str(out)
        await pilot.click("#do-export")
        await pilot.pause()
        assert screen_name(app) == "QuestionScreen" and app.focused.id == "keep"
        await pilot.press(answer)
        await app.workers.wait_for_complete()
        await pilot.pause()

    async def keep(app, pilot):
        await export(app, pilot, "enter")
        assert screen_name(app) == "ExportScreen"
        assert "not exported" in str(app.screen.query_one("#export-status").render())

    run(project, keep, size=(120, 50))
    assert out.read_text(encoding="utf-8") == "keep me\n"

    async def replace_it(app, pilot):
        await export(app, pilot, "ctrl+o")
        assert screen_name(app) == "ReviewScreen"

    run(project, replace_it, size=(120, 50))
    assert "Kazakhstan" in out.read_text(encoding="utf-8")


def test_export_refuses_an_empty_file_name_and_enter_in_the_field_exports(project, tmp_path):
    out = tmp_path / "by-enter.tsv"

    async def steps(app, pilot):
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#fmt-tsv")
        app.screen.query_one("#path").value = "  "
        await pilot.click("#do-export")
        await pilot.pause()
        assert screen_name(app) == "ExportScreen"  # no question about overwriting "."
        assert "give the file" in str(app.screen.query_one("#export-status").render())
        field = app.screen.query_one("#path")
        field.value = str(out)
        field.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen_name(app) == "ReviewScreen"

    run(project, steps, size=(120, 50))
    assert "Kazakhstan" in out.read_text(encoding="utf-8")
