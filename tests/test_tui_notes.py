"""Pilot tests of marks, notes, hand-made confidences, confirm-through that leaves flagged
links, and the sentence view (issue 12)."""

from __future__ import annotations

import json
from types import SimpleNamespace

from align.export import ExportOptions, export
from align.formats.tmx_reader import read_tmx_pairs
from align.model import HAND_SCORE
from align.project import load
from tui.grid import LinkGrid
from test_tui import after, drive, ops_of, project, same  # noqa: F401  (project: a fixture)
from xml_validation import assert_valid_tmx


def row(pilot, k: int) -> str:
    grid = pilot.app.screen.query_one(LinkGrid)
    return grid.render_line(k * grid.row_height).text


def detail(pilot) -> str:
    pane = pilot.app.screen.query_one("#detail")
    return "\n".join(pane.render_line(y).text for y in range(pane.size.height))


def test_mark_keys_set_show_clear_and_undo(project):
    async def marks(pilot):
        await pilot.press("down", "b")
        assert "✗" in row(pilot, 1) and "marked bad" in detail(pilot)
        await pilot.press("w")
        assert "△" in row(pilot, 1) and "✗" not in row(pilot, 1)
        await pilot.press("B")
        assert "△" not in row(pilot, 1)
        await pilot.press("u")
        assert "△" in row(pilot, 1)

    app = drive(project, script=marks)
    assert same(app.session.alignment, after(ops_of("set_mark", k=1, mark="needs-work")))


def test_marks_are_saved_as_version_2(project):
    app = drive(project, "down", "b", "ctrl+s")
    assert not app.session.dirty
    data = json.loads(project.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["links"][1]["mark"] == "bad"
    assert load(project).links[1].bad


def test_note_dialog_writes_the_note_exactly(project):
    note = "«Москва» — check the term\n  second line "

    async def write(pilot):
        await pilot.press("down", "a")
        assert pilot.app.screen.__class__.__name__ == "NoteScreen"
        pilot.app.screen.query_one("TextArea").text = note
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen.__class__.__name__ == "ReviewScreen"
        assert "note: «Москва» — check the term" in detail(pilot)
        assert "†" in row(pilot, 1)

    app = drive(project, script=write)
    assert app.session.alignment.links[1].note == note
    assert app.session.dirty


def test_note_dialog_escape_keeps_and_empty_removes(project):
    async def cancel_then_empty(pilot):
        await pilot.press("a")
        pilot.app.screen.query_one("TextArea").text = "typed, then cancelled"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen.__class__.__name__ == "ReviewScreen"

    app = drive(project, script=cancel_then_empty)
    assert same(app.session.alignment, after()) and not app.session.dirty

    async def add_then_remove(pilot):
        for text in ("a note", ""):
            await pilot.press("a")
            pilot.app.screen.query_one("TextArea").text = text
            await pilot.press("ctrl+s")
            await pilot.pause()

    app = drive(project, script=add_then_remove)
    assert app.session.alignment.links[0].note == ""
    assert app.session.history.depth == 2  # added, removed: two undoable steps


def test_a_merged_link_shows_it_was_made_by_hand(project):
    async def merge(pilot):
        assert "hand" not in row(pilot, 0)
        await pilot.press("m")
        assert "hand" in row(pilot, 0) and "made by hand" in detail(pilot)

    app = drive(project, script=merge)
    assert app.session.alignment.links[0].score == HAND_SCORE


def flag_link(k: int):
    """A QA checker that flags link ``k`` only."""
    return lambda alignment: [SimpleNamespace(link=k, severity="warning", code="test",
                                              message="flagged by the test")]


async def _flags_ready(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_confirm_through_leaves_flagged_links_and_says_so(project):
    said: list[str] = []

    async def confirm(pilot):
        await _flags_ready(pilot)
        pilot.app.notify = lambda message, *a, **k: said.append(str(message))
        await pilot.press("down", "down", "C")

    app = drive(project, script=confirm, check=flag_link(1))
    assert [l.status for l in app.session.alignment.links][:4] == [
        "confirmed", "auto", "confirmed", "auto"]
    assert said[-1] == "confirmed 2 links; 1 flagged link left for you: next with f"


def test_confirm_through_names_every_reason(project):
    said: list[str] = []

    async def confirm(pilot):
        await _flags_ready(pilot)
        pilot.app.notify = lambda message, *a, **k: said.append(str(message))
        await pilot.press("down", "down", "w", "end", "C")

    app = drive(project, script=confirm, check=flag_link(1))
    statuses = [l.status for l in app.session.alignment.links]
    assert statuses == ["confirmed", "auto", "auto", "auto", "confirmed", "confirmed",
                        "confirmed"]
    assert said[-1] == ("confirmed 4 links; 3 links left for you (1 QA-flagged, 1 marked, "
                        "1 low-confidence)")


def test_sentence_view_confirms_pairs_one_by_one(project, tmp_path):
    async def sentences(pilot):
        await pilot.press("down", "S")
        await _flags_ready(pilot)
        screen = pilot.app.screen
        assert screen.__class__.__name__ == "SentenceScreen"
        assert "2 sentence pairs, 0 confirmed" in str(
            screen.query_one("#sentences-state").render())
        await pilot.press("down", "enter")
        assert "2 sentence pairs, 1 confirmed" in str(
            screen.query_one("#sentences-state").render())
        await pilot.press("c", "c")  # take back, confirm again
        await pilot.press("escape")
        await pilot.pause()
        assert "1 sentence pair(s) confirmed" in detail(pilot)

    app = drive(project, script=sentences)
    alignment = app.session.alignment
    assert alignment.links[1].confirmed_sentences == (((1,), (1,)),)
    assert app.session.history.depth == 3
    # the export at sentence level marks that pair confirmed, and only that one
    export(alignment, tmp_path / "s.tmx", "tmx", ExportOptions(level="sentence"))
    assert_valid_tmx(tmp_path / "s.tmx")
    statuses = {s: p["x-status"] for s, _, p in read_tmx_pairs(tmp_path / "s.tmx")}
    assert statuses["Второе предложение первого абзаца."] == "confirmed"
    assert statuses["Первый абзац."] == "auto"


def test_confirming_a_sentence_pair_moves_on_to_the_next(project):
    async def sentences(pilot):
        await pilot.press("down", "S")
        await _flags_ready(pilot)
        pairs = pilot.app.screen.query_one("#sentence-pairs")
        assert pairs.highlighted == 0
        await pilot.press("c")
        assert pairs.highlighted == 1
        await pilot.press("c")  # the last pair: it stays
        assert pairs.highlighted == 1

    app = drive(project, script=sentences)
    assert app.session.alignment.links[1].confirmed_sentences == (((0,), (0,)), ((1,), (1,)))
