"""Snapshot tests of the review UI's main screens (pytest-textual-snapshot).

Textual is pinned (8.2.8), text cursors do not blink, the terminal size is fixed and
nothing time- or path-dependent is on screen, so a changed picture means changed UI.
Update on purpose with ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.check import Flag
from align.journal import journal_path
from align.project import load
from tui.app import ReviewApp
from tui.session import Session
from tui_support import write_sample


def fixed_flags(alignment):
    """Two flags, so that their marks and the detail pane's list are in the picture."""
    return [Flag(3, "low-confidence", "warning", "confidence 0.45 is below 0.50"),
            Flag(5, "numbers", "error", "1992 is missing in the translation")]


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SVERKA_KEYMAP", "/home/user/.config/sverka/keymap.toml")
    return write_sample(tmp_path)


def app_for(project: Path, check=None) -> ReviewApp:
    return ReviewApp(Session(load(project), project, check=check), cursor_blink=False)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_80x24(project, snap_compare):
    assert snap_compare(app_for(project, fixed_flags), terminal_size=(80, 24),
                        press=["down", "down", "down"], run_before=settle)


def test_main_screen_wide(project, snap_compare):
    assert snap_compare(app_for(project, fixed_flags), terminal_size=(160, 44),
                        press=["down", "down", "down", "down", "down"], run_before=settle)


def test_after_edits_statuses_show(project, snap_compare):
    assert snap_compare(app_for(project), terminal_size=(100, 30),
                        press=["c", "c", "m", "down", "v", "down"])


def test_help_screen(project, snap_compare):
    assert snap_compare(app_for(project), terminal_size=(100, 50), press=["question_mark"])


def test_split_link_choices(project, snap_compare):
    assert snap_compare(app_for(project), terminal_size=(100, 30),
                        press=["down", "down", "down", "s"])


def test_edit_modal(project, snap_compare):
    assert snap_compare(app_for(project), terminal_size=(120, 36),
                        press=["down", "down", "down", "e"])


async def open_export(pilot) -> None:
    """The export form, its file named without the test's temporary folder."""
    await pilot.press("x")
    await pilot.pause()
    pilot.app.screen.query_one("#path").value = "sample.tmx"
    await pilot.pause()


def test_export_modal(project, snap_compare):
    assert snap_compare(app_for(project), terminal_size=(120, 35), run_before=open_export)


def test_confirm_quit(project, snap_compare):
    assert snap_compare(app_for(project), terminal_size=(80, 24), press=["m", "q"])


def test_recover_offer(project, snap_compare):
    journal_path(project).write_text(
        json.dumps({"format": "sverka-journal", "version": 1, "base": "x",
                    "started": "2026-01-01T10:00:00Z"}) + "\n"
        + json.dumps({"do": [{"op": "merge_next", "k": 0}]}) + "\n", encoding="utf-8")
    assert snap_compare(app_for(project), terminal_size=(80, 24))


def test_export_modal_80x24(project, snap_compare):
    """The whole form and its buttons on the smallest usual terminal."""
    assert snap_compare(app_for(project), terminal_size=(80, 24), run_before=open_export)


def test_filtered_view(project, snap_compare):
    async def filter_not_1_1(pilot) -> None:
        await pilot.press("F")
        await pilot.pause()
        pilot.app.screen.query_one("#only-nonstandard").value = True
        await pilot.press("enter", "down")

    assert snap_compare(app_for(project), terminal_size=(100, 30), run_before=filter_not_1_1)


def test_search_highlights_matches(project, snap_compare):
    assert snap_compare(app_for(project), terminal_size=(100, 30),
                        press=["slash", *"paragraph", "enter", "n"])


def test_split_of_a_2_2_link(project, snap_compare):
    assert snap_compare(app_for(project), terminal_size=(100, 30), press=["m", "s"])
