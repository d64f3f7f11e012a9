"""The edit journal: written as edits happen, replayed after a crash, gone after a save.

The crash test runs the review app in a child process, presses keys, kills the process
with SIGKILL (no chance to save or clean up), and opens the project again: the journal
must bring every edit back, and the recovery offer must restore them in the UI.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from align.edit import EditError, History, Op, apply_all, move_op
from align.fileio import file_digest
from align.journal import Journal, JournalError, journal_path, read_journal, replay
from align.model import Alignment
from align.project import load
from tui.app import ReviewApp
from tui.session import Session
from tui_support import sample, shape, write_sample

MERGE = Op("merge_next", {"k": 1})
CONFIRM = Op("confirm", {"k": 0})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_sample(tmp_path)


def test_journal_records_steps_and_replays_them(project):
    session = Session(load(project), project, check=None)
    session.apply(MERGE)
    session.apply(CONFIRM)
    session.undo()
    session.redo()
    session.apply(Op("edit_text", {"side": "target", "index": 0, "text": "Title"}))
    session.undo()
    lines = journal_path(project).read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["base"] == file_digest(project)
    assert [json.loads(line) for line in lines[1:]] == [
        {"do": [MERGE.to_json()]}, {"do": [CONFIRM.to_json()]}, {"undo": True},
        {"redo": True}, {"do": [{"op": "edit_text", "side": "target", "index": 0,
                                 "text": "Title"}]}, {"undo": True}]
    recovery = read_journal(project)
    history = History(load(project))
    assert replay(history, recovery.entries) == []
    assert history.alignment == session.alignment
    assert history.can_redo  # the undone text edit can still be redone after recovery
    history.redo()
    assert history.alignment.target.segments[0].text == "Title"


def test_no_journal_until_the_first_edit_and_none_after_save(project):
    session = Session(load(project), project, check=None)
    assert not journal_path(project).exists()
    session.apply(MERGE)
    assert journal_path(project).exists() and session.dirty
    session.save()
    assert not journal_path(project).exists() and not session.dirty
    assert shape(load(project)) == shape(apply_all(sample(), [MERGE]))
    session.apply(CONFIRM)  # a new journal on the saved file
    recovery = read_journal(project)
    assert recovery.base == file_digest(project) and recovery.steps == 1


def test_a_torn_last_line_is_ignored(project):
    session = Session(load(project), project, check=None)
    session.apply(MERGE)
    with open(journal_path(project), "a", encoding="utf-8") as handle:
        handle.write('{"do": [{"op": "conf')  # killed in the middle of a write
    recovery = read_journal(project)
    assert recovery.torn and recovery.steps == 1


def test_a_damaged_header_is_an_error_not_a_silent_loss(project):
    journal_path(project).write_text('xx\n{"do": []}\n', encoding="utf-8")
    with pytest.raises(JournalError, match="first line"):
        read_journal(project)


def damaged_journal(project: Path, good: int, after: int) -> list[Op]:
    """A journal of ``good`` whole steps, one damaged line, then ``after`` more steps
    (confirm link 0, 1, …); returns the good steps' operations."""
    ops = [Op("confirm", {"k": k}) for k in range(good + after)]
    lines = [json.dumps({"format": "sverka-journal", "version": 1,
                         "base": file_digest(project), "started": "2026-01-01T10:00:00Z"})]
    lines += [json.dumps({"do": [op.to_json()]}) for op in ops[:good]]
    lines.append('{"do": [{"op": "merge_n\x00')
    lines += [json.dumps({"do": [op.to_json()]}) for op in ops[good:]]
    journal_path(project).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ops[:good]


def test_a_damaged_line_in_the_middle_keeps_the_steps_before_it(project):
    good = damaged_journal(project, good=3, after=2)
    recovery = read_journal(project)
    assert (recovery.steps, recovery.damaged_line, recovery.skipped) == (3, 5, 2)
    assert not recovery.torn
    assert recovery.describe() == "3 steps; 1 damaged line (line 5) and 2 steps after it " \
                                  "are skipped"
    history = History(load(project))
    assert replay(history, recovery.entries) == []
    assert history.alignment == apply_all(load(project), good)


def test_a_damaged_line_with_no_good_step_before_it_is_still_offered(project):
    damaged_journal(project, good=0, after=1)
    recovery = read_journal(project)
    assert recovery is not None and recovery.steps == 0 and recovery.skipped == 1
    assert recovery.describe() == "0 steps; 1 damaged line (line 2) and 1 step after it " \
                                  "are skipped"


def test_opening_with_a_damaged_journal_offers_the_good_steps(project):
    good = damaged_journal(project, good=2, after=3)
    app = ReviewApp(Session(load(project), project, check=None), cursor_blink=False)
    said: list[str] = []

    async def reopen() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            body = str(app.screen.query(".dialog-body").first().render())
            assert "2 steps; 1 damaged line (line 4) and 3 steps after it" in body
            app.notify = lambda message, *a, **k: said.append(str(message))
            await pilot.press("r")
            await pilot.pause()

    asyncio.run(reopen())
    assert app.session.alignment == apply_all(load(project), good)
    assert said and said[0].startswith("recovered 2 steps; 1 damaged line")
    # the journal now holds only the good steps: the damage cannot block the next open
    assert read_journal(project).steps == 2 and not read_journal(project).damaged_line


def test_a_step_that_no_longer_applies_stops_replay(project):
    history = History(load(project))
    problems = replay(history, [{"do": [MERGE.to_json()]},
                                {"do": [{"op": "merge_next", "k": 99}]},
                                {"do": [CONFIRM.to_json()]}])
    assert len(problems) == 1 and "step 2" in problems[0]
    assert history.depth == 1


def test_fsync_is_rate_limited_but_data_is_flushed(project, monkeypatch):
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    journal = Journal(project, file_digest(project), sync_interval=3600)
    journal.record_ops([MERGE])  # header sync + first step: synced once at creation…
    journal.record_ops([CONFIRM])
    count = len(synced)
    journal.record_undo()  # …later steps within the interval wait for sync()
    assert len(synced) == count
    assert journal.path.read_text(encoding="utf-8").count("\n") == 4  # flushed already
    journal.sync()
    assert len(synced) == count + 1
    journal.close()


CHILD = textwrap.dedent("""
    import asyncio, sys
    from align.project import load
    from tui.app import ReviewApp
    from tui.session import Session

    path = sys.argv[1]

    async def main():
        app = ReviewApp(Session(load(path), path, check=None), cursor_blink=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for key in ["down", "m", "down", "c", "end", "e"]:
                await pilot.press(key)
                await pilot.pause()
            while app.screen.__class__.__name__ != "EditScreen":  # a busy machine
                await pilot.pause(0.05)
            app.screen.query("TextArea").first().text = "Fifth, edited"
            await pilot.press("f2")  # applies the modal; does not save the project
            await pilot.pause()
            print("ready", flush=True)
            await asyncio.sleep(600)  # killed before this ends

    asyncio.run(main())
""")


def test_killed_session_is_recovered_from_the_journal(project, tmp_path):
    before = project.read_bytes()
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    errors = tmp_path / "child.err"
    with open(errors, "w", encoding="utf-8") as err:
        child = subprocess.Popen([sys.executable, str(script), str(project)],
                                 stdout=subprocess.PIPE, stderr=err, text=True,
                                 cwd=Path(__file__).parent.parent)
    try:
        line = child.stdout.readline().strip()
        assert line == "ready", errors.read_text(encoding="utf-8")[-2000:]
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert project.read_bytes() == before  # nothing was saved
    expected = apply_all(load(project), [
        Op("merge_next", {"k": 1}), Op("confirm", {"k": 2}),
        Op("edit_text", {"side": "source", "index": 6, "text": "Fifth, edited"})])

    # the next open offers the edits back; "r" answers "Recover the edits"
    app = ReviewApp(Session(load(project), project, check=None), cursor_blink=False)

    async def reopen() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.screen.__class__.__name__ == "QuestionScreen"
            await pilot.press("r")
            await pilot.pause()

    asyncio.run(reopen())
    assert app.session.alignment == expected
    assert app.session.dirty
    assert app.session.history.depth == 3  # each step can still be undone


def test_declining_recovery_removes_the_journal(project):
    session = Session(load(project), project, check=None)
    session.apply(MERGE)
    app = ReviewApp(Session(load(project), project, check=None), cursor_blink=False)

    async def reopen() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("escape")  # no "later": new edits would mix into the journal
            assert app.screen.__class__.__name__ == "QuestionScreen"
            await pilot.press("d")  # one letter never discards
            await pilot.pause()
            assert app.screen.__class__.__name__ == "QuestionScreen"
            assert journal_path(project).exists()
            await pilot.press("ctrl+d")
            await pilot.pause()

    asyncio.run(reopen())
    assert app.session.alignment == load(project)
    assert not journal_path(project).exists()


def test_an_unwritable_journal_does_not_stop_editing(project, monkeypatch):
    session = Session(load(project), project, check=None)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    assert session.apply(MERGE) is not None
    monkeypatch.undo()
    assert "cannot write the journal" in session.journal.problem
    assert session.dirty and not journal_path(project).exists()


def recovered(project: Path) -> History:
    """The history a next open rebuilds from the project file and its journal."""
    history = History(load(project))
    recovery = read_journal(project)
    assert replay(history, recovery.entries if recovery else []) == []
    return history


def test_undo_and_redo_of_steps_made_before_a_save_are_recovered(project):
    """After a save the journal starts afresh: an undo of an older step cannot be replayed
    by name, so it is written down as what it restores (links and text)."""
    session = Session(load(project), project, check=None)
    session.apply(MERGE)
    session.apply(Op("edit_text", {"side": "target", "index": 0, "text": "Title"}))
    session.save()
    session.undo()  # the text edit, made before the save
    assert recovered(project).alignment == session.alignment
    session.undo()  # the merge
    session.redo()
    session.apply(CONFIRM)
    session.undo()  # this one by name: the journal holds it
    history = recovered(project)
    assert history.alignment == session.alignment and history.can_redo
    history.redo()
    session.redo()
    assert history.alignment == session.alignment
    session.journal.close()
    again = Session(load(project), project, check=None)
    again.recover()
    assert again.dirty  # the recovered edits are not in the file: quitting must ask


def test_an_undo_across_a_save_gives_back_marks_and_notes_after_a_crash(project):
    """The undo of a merge made before the save is journalled as the links it restores:
    their marks and notes go with them."""
    session = Session(load(project), project, check=None)
    session.apply(Op("set_mark", {"k": 1, "mark": "bad"}))
    session.apply(Op("set_note", {"k": 2, "note": "«term» wrong"}))
    session.apply(MERGE)
    session.save()
    session.undo()  # the merge, made before the save
    assert session.alignment.links[1].mark == "bad"
    assert session.alignment.links[2].note == "«term» wrong"
    assert recovered(project).alignment == session.alignment


def test_an_undo_of_a_meta_change_made_before_a_save_is_recovered(project):
    """A realign onto changed inputs records their digests in the meta: undoing it after
    a save puts the meta back too, in the session and in the journal's replay."""
    session = Session(load(project), project, check=None)
    before = session.alignment
    session.apply(move_op(Alignment(before.source, before.target, before.links,
                                    {**before.meta, "inputs": {"target": "0" * 64}})))
    assert session.alignment.meta["inputs"] == {"target": "0" * 64}
    session.save()
    session.undo()
    assert "inputs" not in session.alignment.meta
    assert recovered(project).alignment == session.alignment


def test_a_partly_recovered_journal_keeps_only_what_applied(project):
    """Entries after one that fails would be stuck behind it: a second crash after a
    partial recovery must still bring back the edits made since."""
    session = Session(load(project), project, check=None)
    session.apply(MERGE)
    with open(journal_path(project), "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"do": [{"op": "merge_next", "k": 99}]}) + "\n")
    session.journal.close()
    again = Session(load(project), project, check=None)
    assert len(again.recover()) == 1
    again.apply(CONFIRM)
    again.journal.close()
    assert recovered(project).alignment == again.alignment


def test_a_journal_without_a_whole_step_is_replaced_not_appended_to(project):
    """Killed while writing the first step: the torn line must not glue onto the next
    session's first step (which would make the journal unreadable)."""
    header = {"format": "sverka-journal", "version": 1, "base": "stale"}
    journal_path(project).write_text(json.dumps(header) + '\n{"do": [{"op": "me',
                                     encoding="utf-8")
    session = Session(load(project), project, check=None)
    assert session.recovery is None
    session.apply(MERGE)
    session.journal.close()
    recovery = read_journal(project)
    assert recovery.base == file_digest(project) and recovery.steps == 1


def test_replay_refuses_an_undo_with_nothing_to_undo_and_junk(project):
    for entry in ({"undo": True}, {"redo": True}, {"do": "merge"}, {"do": [5]},
                  {"set": {"start": 99, "remove": 1, "links": []}}):
        history = History(load(project))
        problems = replay(history, [entry])
        assert len(problems) == 1 and history.alignment == load(project), entry


def test_journal_disk_failures_become_a_problem_not_a_crash(project, monkeypatch):
    session = Session(load(project), project, check=None)
    session.apply(MERGE)

    def fail(*args):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    session.journal.record_ops([CONFIRM])
    session.journal.sync()
    assert "Input/output error" in session.journal.problem
    monkeypatch.setattr(Path, "unlink", fail)
    session.discard_journal()  # e.g. "quit without saving" in a folder gone read-only
    assert "cannot remove the journal" in session.journal.problem
    assert session.recovery is None
    session.close()
    monkeypatch.undo()
    # the journal the folder kept still replays: the next open offers both steps back
    assert recovered(project).alignment == apply_all(load(project), [MERGE, CONFIRM])


ACTIONS = st.sampled_from(["merge", "split", "text", "paragraph", "confirm", "undo", "undo",
                           "redo", "save"])


def _session_action(session: Session, action: str, k: int) -> None:
    alignment = session.alignment
    k %= len(alignment.links)
    ops = {"merge": Op("merge_next", {"k": k}),
           "split": Op("split_link", {"k": k, "src_at": 1, "tgt_at": 0}),
           "text": Op("edit_text", {"side": "source", "index": k % len(alignment.source),
                                    "text": f"Текст {k}. Ещё."}),
           "paragraph": Op("split_paragraph", {"side": "target", "index": 1, "at": 17}),
           "confirm": Op("confirm", {"k": k})}
    if action in ops:
        try:
            session.apply(ops[action])
        except EditError:
            pass
    elif action == "save":
        session.save()
    else:
        getattr(session, action)()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(ACTIONS, st.integers(0, 20)), min_size=1, max_size=14))
def test_any_session_with_saves_is_recovered_exactly(actions):
    """Whatever mix of edits, undos, redos and saves: the saved file plus its journal
    give back the alignment on screen (and, without a save, the same redo stack)."""
    with tempfile.TemporaryDirectory() as folder:
        project = write_sample(Path(folder))
        session = Session(load(project), project, check=None)
        for action, k in actions:
            _session_action(session, action, k)
        if session.journal:
            session.journal.close()
        history = History(load(project))
        recovery = read_journal(project)
        assert replay(history, recovery.entries if recovery else []) == []
        assert history.alignment == session.alignment
        if all(action != "save" for action, _ in actions):  # else older steps: not kept
            while session.redo() is not None:
                assert history.redo() is not None and history.alignment == session.alignment
