"""The review UI on a long text: QA checks edit by edit, saving in the background, quitting
at once. (How fast is measured by scripts/bench_tui.py, never here.)"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from align import edit
from align.check import check_alignment
from align.model import Alignment, Document, Link, Segment
from tui.flags import BackgroundChecks, IncrementalFlags, by_link

TEXTS = Path(__file__).parent / "texts"


def paragraphs(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def news() -> Alignment:
    """The ru-en news pair, linked one to one down the page (the source's photo caption
    and the rest shifted by one): numbers, names, omissions and additions to flag."""
    src, tgt = paragraphs(TEXTS / "ru-en.ru.txt"), paragraphs(TEXTS / "ru-en.en.txt")
    n = min(len(src), len(tgt))
    links = [Link((k,), (k,), 0.95 if k % 3 else 0.4) for k in range(n)]
    links += [Link((k,), (), 0.5) for k in range(n, len(src))]
    links += [Link((), (k,), 0.5) for k in range(n, len(tgt))]
    source = Document("ru", tuple(Segment(text) for text in src))
    target = Document("en", tuple(Segment(text) for text in tgt))
    return Alignment(source, target, tuple(links), {"level": "paragraph"})


EDITS = [
    ("apply", edit.Op("merge_next", {"k": 2})),
    ("apply", edit.Op("pull_up", {"k": 4, "side": "target"})),
    ("undo", None),
    ("apply", edit.Op("split_link", {"k": 2, "src_at": 1, "tgt_at": 1})),
    ("apply", edit.Op("edit_text", {"side": "target", "index": 1,
                                    "text": "Turnout was 31%, five per cent lower than in 2019, "
                                            "said Anna Smirnova."})),
    ("apply", edit.Op("detach", {"k": 0, "side": "target"})),
    ("undo", None),
    ("redo", None),
    ("apply", edit.Op("confirm", {"k": 6})),
    ("apply", edit.Op("push_down", {"k": 5, "side": "source"})),
]
"""Merges, splits, shifts, a text edit (new numbers and names), undo and redo."""


def splices(history: edit.History):
    """Run :data:`EDITS` on ``history``, yielding each step's splice as the session sends
    it (start, links removed, links added, documents)."""
    for kind, op in EDITS:
        step = history.apply(op) if kind == "apply" else getattr(history, kind)()
        assert step is not None, (kind, op)
        change, undo = step.change, kind == "undo"
        removed, added = (change.after, change.before) if undo else (change.before,
                                                                     change.after)
        yield (change.start, len(removed), added,
               change.documents_before if undo else change.documents_after)


def test_flags_kept_edit_by_edit_equal_a_full_check_after_every_edit():
    history = edit.History(news())
    incremental = IncrementalFlags(history.alignment)
    assert incremental.flags() == check_alignment(history.alignment)
    codes = set()
    for splice in splices(history):
        incremental.splice(*splice)
        full = check_alignment(history.alignment)
        assert incremental.flags() == full
        codes |= {flag.code for flag in full}
    assert {"numbers", "names", "low-confidence", "omission"} <= codes  # a real test


def test_several_edits_between_two_checks_come_out_as_a_full_check():
    history = edit.History(news())
    incremental = IncrementalFlags(history.alignment)
    incremental.flags()
    for splice in splices(history):
        incremental.splice(*splice)  # a burst of keys: the checker catches up once
    assert incremental.flags() == check_alignment(history.alignment)


def test_a_link_check_reruns_only_on_the_links_an_edit_replaced(monkeypatch):
    from tui import flags as module

    history = edit.History(news())
    incremental = IncrementalFlags(history.alignment)
    incremental.flags()
    asked: list[set[int]] = []
    real = module.link_flags
    monkeypatch.setattr(module, "link_flags",
                        lambda alignment, indices: asked.append(set(indices)) or real(
                            alignment, indices))
    incremental.splice(*next(splices(history)))  # merge links 3 and 4
    incremental.flags()
    assert asked == [{2}]


def test_background_checks_answer_with_the_latest_revision():
    history = edit.History(news())
    checks = BackgroundChecks(in_process=True)
    answers: list[tuple[int, dict]] = []
    done = threading.Event()

    def deliver(revision: int, flags: dict) -> None:
        answers.append((revision, flags))
        if revision == len(EDITS):
            done.set()

    checks.listen(deliver, lambda message: pytest.fail(message))
    checks.open(0, history.alignment)
    for revision, splice in enumerate(splices(history), start=1):
        checks.splice(revision, *splice)
    assert done.wait(60)
    checks.close()
    assert answers[-1] == (len(EDITS), by_link(check_alignment(history.alignment)))


# ---------------------------------------------------------------------------- the review UI

def title_of(app) -> str:
    return str(app.screen.query_one("#title").render())


def run(app, script) -> None:
    async def main() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await script(pilot)

    asyncio.run(main())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    from tui_support import write_sample

    return write_sample(tmp_path)


def open_app(path: Path, check=None):
    from align.project import load
    from tui.app import ReviewApp
    from tui.session import Session

    return ReviewApp(Session(load(path), path, check=check), cursor_blink=False)


def test_the_title_says_the_checks_run_until_their_first_pass_is_in(project, monkeypatch):
    from tui import flags as module

    release = threading.Event()
    real = module.check_alignment

    def slow(alignment, **options):
        release.wait(30)
        return real(alignment, **options)

    monkeypatch.setattr(module, "check_alignment", slow)
    app = open_app(project, check=check_alignment)
    app.session.prepare(in_process=True)
    seen = {}

    async def script(pilot) -> None:
        seen["during"] = title_of(app)
        release.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if app.session.checked:
                break
        seen["after"] = title_of(app)

    run(app, script)
    assert "QA checks running" in seen["during"] and "flagged" not in seen["during"]
    flagged = len(by_link(check_alignment(app.session.alignment)))
    assert f"{flagged} flagged" in seen["after"] and "running" not in seen["after"]


def test_edits_reach_the_background_checks(project):
    app = open_app(project, check=check_alignment)
    app.session.prepare(in_process=True)

    async def script(pilot) -> None:
        await pilot.press("m", "down", "m")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.session.checked and app.session.flags == by_link(
                    check_alignment(app.session.alignment)):
                break

    run(app, script)
    assert app.session.flags == by_link(check_alignment(app.session.alignment))


@pytest.fixture
def slow_disk(monkeypatch):
    """project.save waits for ``release``; ``writes`` counts the files written."""
    import align.project

    release, writes = threading.Event(), []
    real = align.project.save

    def save(alignment, path):
        release.wait(30)
        real(alignment, path)
        writes.append(alignment)

    monkeypatch.setattr(align.project, "save", save)
    return release, writes


async def until(pilot, test) -> None:
    for _ in range(200):
        if test():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


def test_keys_keep_working_while_a_save_is_written(project, slow_disk):
    from align.journal import read_journal, replay
    from align.project import load

    release, writes = slow_disk
    app = open_app(project)
    seen = {}

    async def script(pilot) -> None:
        await pilot.press("ctrl+s")
        await pilot.press("m")  # while the save waits for the disk
        seen["during"] = (title_of(app), len(app.session.alignment.links))
        release.set()
        await until(pilot, lambda: writes and not app.screen.saving)
        await pilot.pause()

    run(app, script)
    title, links = seen["during"]
    assert "saving" in title and links == 6  # the merge was made during the save
    assert len(load(project).links) == 7  # the file holds what was there when asked
    assert app.session.dirty  # … so the merge is still unsaved
    recovery = read_journal(project)  # … and journalled on top of the new file
    history = edit.History(load(project))
    replay(history, recovery.entries)
    assert history.alignment.links == app.session.alignment.links


def test_saves_asked_for_during_a_save_are_one_more_save(project, slow_disk):
    from align.project import load

    release, writes = slow_disk
    app = open_app(project)

    async def script(pilot) -> None:
        await pilot.press("ctrl+s", "m", "ctrl+s", "down", "m", "ctrl+s")
        release.set()
        await until(pilot, lambda: len(writes) == 2 and not app.screen.saving)
        await pilot.pause(0.1)

    run(app, script)
    assert len(writes) == 2 and not app.session.dirty
    assert load(project).links == app.session.alignment.links


def test_a_failed_background_save_asks_for_another_file_and_keeps_the_edits(
        project, monkeypatch):
    import align.project
    from tui.screens.prompt import PromptScreen

    def full_disk(alignment, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(align.project, "save", full_disk)
    app = open_app(project)
    seen = {}

    async def script(pilot) -> None:
        await pilot.press("m", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        seen["screen"] = app.screen

    run(app, script)
    assert isinstance(seen["screen"], PromptScreen)
    assert app.session.dirty and len(app.session.alignment.links) == 6


def test_closing_stops_a_check_under_way_at_once():
    """The checker process is killed, not waited for (quit must not hang on it)."""
    checks = BackgroundChecks()
    big = news()
    checks.open(0, big)
    for revision in range(1, 30):  # keep it busy
        checks.splice(revision, 0, 1, big.links[:1])
    process = checks._process
    assert process is not None and process.is_alive()
    checks.close()
    assert not process.is_alive()


def test_a_failed_save_with_another_waiting_asks_once(project, monkeypatch):
    import align.project
    from tui.screens.prompt import PromptScreen

    release = threading.Event()

    def failing(alignment, path):
        release.wait(30)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(align.project, "save", failing)
    app = open_app(project)
    seen = {}

    async def script(pilot) -> None:
        await pilot.press("ctrl+s", "m", "ctrl+s")
        release.set()
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.pause(0.2)
        seen["prompts"] = sum(isinstance(s, PromptScreen) for s in app.screen_stack)
        seen["saving"] = app.screen_stack[1].saving

    run(app, script)
    assert seen == {"prompts": 1, "saving": False}
    assert app.session.dirty and len(app.session.alignment.links) == 6
