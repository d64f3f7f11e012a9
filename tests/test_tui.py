"""Pilot tests of the review UI: keys go in, and the alignment that comes out is the one
the same align.edit operations give (or the cursor is where it should be)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Awaitable, Callable

import pytest

from align import edit
from align.journal import journal_path
from align.project import load
from tui.app import ReviewApp
from tui.grid import LinkGrid
from tui.session import Session
from tui_support import sample, shape, write_sample

Script = Callable[[object], Awaitable[None]]


def drive(path: Path, *keys: str, script: Script | None = None, check=None,
          size: tuple[int, int] = (100, 30), keymap: dict | None = None) -> ReviewApp:
    """Open ``path`` headless, press ``keys`` (then run ``script``), return the app.

    The journal an earlier unsaved run left is removed first (else the next run would
    open with the recovery question); the journal tests keep theirs on purpose."""
    journal_path(path).unlink(missing_ok=True)
    app = ReviewApp(Session(load(path), path, check=check), keymap, cursor_blink=False)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press(*keys)  # waits for each key to be handled
            if script is not None:
                await script(pilot)
            grid = app.screen_stack[1].query_one(LinkGrid)
            app.final_cursor, app.final_mark = grid.cursor, grid.mark

    asyncio.run(main())
    return app


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_sample(tmp_path)


def after(*ops: edit.Op):
    return edit.apply_all(sample(), ops)


def same(a, b) -> bool:
    """Equal links and documents (the file's meta gains a time stamp on save)."""
    return (a.source, a.target, a.links) == (b.source, b.target, b.links)


def ops_of(name: str, **args) -> edit.Op:
    return edit.Op(name, args)


# ---------------------------------------------------------------------------- moving

MOVES = [  # keys pressed in turn, and where the cursor is after each group
    (("down", "down"), 2), (("j", "j", "k"), 3), (("end",), 6), (("down",), 6),
    (("G", "home"), 0), (("up",), 0), (("pagedown",), 6), (("pageup",), 0),
]


def test_cursor_keys(project):
    async def moves(pilot):
        grid = pilot.app.screen.query_one(LinkGrid)
        for keys, cursor in MOVES:
            await pilot.press(*keys)
            assert (keys, grid.cursor) == (keys, cursor)

    drive(project, script=moves)


def test_click_selects_the_row(project):
    async def click(pilot):
        await pilot.click(LinkGrid, offset=(5, 4))  # third link at 2 lines a row
        await pilot.pause()

    assert drive(project, script=click).final_cursor == 2


# ---------------------------------------------------------------------------- link edits

def test_merge_next_and_previous(project):
    app = drive(project, "down", "m")
    assert same(app.session.alignment, after(ops_of("merge_next", k=1)))
    app = drive(project, "down", "down", "M")
    assert same(app.session.alignment, after(ops_of("merge_previous", k=2)))
    assert app.final_cursor == 1


def test_merge_on_the_last_link_is_refused_and_changes_nothing(project):
    app = drive(project, "end", "m")
    assert same(app.session.alignment, sample()) and not app.session.dirty


def test_split_link_chooses_the_point(project):
    # link 4 is 2-1 (source ¶3–4 ↔ target ¶4); choices, in order: (0,1), (1,0), (1,1), (2,0)
    app = drive(project, "down", "down", "down", "s", "down", "down", "enter")
    assert same(app.session.alignment, after(ops_of("split_link", k=3, src_at=1, tgt_at=1)))
    assert shape(app.session.alignment)[3:5] == [([2], [3], "edited"), ([3], [], "edited")]


def test_split_link_escape_changes_nothing(project):
    app = drive(project, "down", "down", "down", "s", "escape")
    assert same(app.session.alignment, sample())


@pytest.mark.parametrize("keys, op", [
    (("left_square_bracket",), ops_of("pull_up", k=0, side="source")),
    (("right_square_bracket",), ops_of("pull_up", k=0, side="target")),
    (("down", "left_curly_bracket"), ops_of("push_down", k=1, side="source")),
    (("down", "right_curly_bracket"), ops_of("push_down", k=1, side="target")),
])
def test_pull_and_push_on_either_side(project, keys, op):
    assert same(drive(project, *keys).session.alignment, after(op))


def test_pull_from_a_link_without_that_side_is_refused(project):
    # link 3 is the 0-1 credit: it has no source segment to give to link 2
    assert same(drive(project, "down", "left_square_bracket").session.alignment, sample())


def test_detach_offers_the_ends(project):
    # on the 2-1 link: source ¶3 first, source ¶4 last, target ¶4
    app = drive(project, "down", "down", "down", "d", "down", "enter")
    assert same(app.session.alignment, after(ops_of("detach", k=3, side="source", last=True)))
    app = drive(project, "down", "down", "down", "d", "down", "down", "enter")
    assert same(app.session.alignment, after(ops_of("detach", k=3, side="target", last=False)))


def test_edit_text_in_the_modal(project):
    async def type_text(pilot):
        area = pilot.app.screen.query("TextArea").first()
        area.text = "Новый заголовок"
        await pilot.press("ctrl+s")
        await pilot.pause()

    app = drive(project, "e", script=type_text)
    assert same(app.session.alignment, after(
        ops_of("edit_text", side="source", index=0, text="Новый заголовок")))
    assert app.session.alignment.links[0].status == "edited"


def test_edit_text_escape_keeps_the_text(project):
    assert same(drive(project, "e", "x", "escape").session.alignment, sample())


def test_split_paragraph_at_a_sentence(project):
    app = drive(project, "down", "p", "enter")  # first choice: source ¶2, one boundary
    text = sample().source.segments[1].text
    at = text.index("Второе")
    assert same(app.session.alignment, after(
        ops_of("split_paragraph", side="source", index=1, at=at)))
    assert len(app.session.alignment.source) == len(sample().source) + 1


def test_confirm_moves_down_and_confirm_through(project):
    app = drive(project, "c", "c")
    assert [l.status for l in app.session.alignment.links][:3] == ["confirmed"] * 2 + ["auto"]
    assert app.final_cursor == 2
    app = drive(project, "down", "down", "C")
    assert same(app.session.alignment, after(ops_of("confirm_through", k=2)))


def test_realign_a_marked_range(project):
    app = drive(project, "down", "m", "v", "down", "r")  # merge 2 with 3, realign 2..3
    expected = after(ops_of("merge_next", k=1), ops_of("realign", first=1, last=2))
    assert same(app.session.alignment, expected)
    assert app.final_mark is None


def test_realign_without_mark_takes_the_neighbours(project):
    app = drive(project, "down", "down", "r")
    assert same(app.session.alignment, after(ops_of("realign", first=1, last=3)))


def test_undo_and_redo_keys(project):
    app = drive(project, "down", "m", "c", "u", "u")
    assert same(app.session.alignment, sample()) and not app.session.dirty
    app = drive(project, "down", "m", "u", "U")
    assert same(app.session.alignment, after(ops_of("merge_next", k=1)))
    app = drive(project, "down", "m", "ctrl+z", "ctrl+y", "ctrl+z")
    assert same(app.session.alignment, sample())


# ---------------------------------------------------------------------------- finding

def test_search_regex_both_sides_and_next_previous(project):
    app = drive(project, "slash", *"1992|Fifth", "enter")
    assert app.final_cursor == 3  # "1992" in source ¶3 and target ¶4, link 4
    app = drive(project, "slash", *"1992|Fifth", "enter", "n")
    assert app.final_cursor == 6  # "Fifth" on the target side only
    app = drive(project, "slash", *"1992|Fifth", "enter", "n", "n", "N")
    assert app.final_cursor == 6


def test_search_without_match_stays(project):
    assert drive(project, "down", "slash", *"zzz", "enter").final_cursor == 1


JUMPS = [  # from the first link: key → the link it goes to
    ("l", 3),      # the only low-confidence link (0.45)
    ("t", 2),      # next not 1-1: the 0-1 credit
    ("o", 1),      # next unconfirmed
    ("tab", 2),    # next that needs a look
]


def test_jump_keys(project):
    async def jumps(pilot):
        grid = pilot.app.screen.query_one(LinkGrid)
        for key, cursor in JUMPS:
            grid.cursor = 0
            await pilot.press(key)
            assert (key, grid.cursor) == (key, cursor)
        await pilot.press("end", "t")  # wraps around to the first match from the top
        assert grid.cursor == 2

    drive(project, script=jumps)


def test_jump_to_flagged_uses_the_checker(project):
    class Flag:
        def __init__(self, link):
            self.link, self.code, self.severity, self.message = link, "numbers", "error", "x"

    def check(alignment):
        return [Flag(5)]

    async def wait(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()

    app = drive(project, script=wait, check=check)
    assert app.final_cursor == 5
    assert set(app.session.flags) == {5}


# ---------------------------------------------------------------------------- files

def test_save_writes_atomically_and_removes_the_journal(project):
    journal = project.with_name(project.name + ".journal")
    app = drive(project, "down", "m", "ctrl+s")
    assert not journal.exists()
    saved = load(project)
    assert (saved.source, saved.target, saved.links) == (
        app.session.alignment.source, app.session.alignment.target, app.session.alignment.links)
    assert shape(saved) == shape(after(ops_of("merge_next", k=1)))
    assert not app.session.dirty
    assert not list(project.parent.glob(".*.tmp"))


def test_quit_when_clean_exits(project):
    app = drive(project, "q")
    assert app.return_code == 0 and not app.is_running


def test_quit_with_changes_asks_and_cancel_stays(project):
    async def still_here(pilot):
        assert pilot.app.screen.__class__.__name__ == "ReviewScreen"

    app = drive(project, "m", "q", "c", script=still_here)
    assert app.session.dirty
    assert shape(load(project)) == shape(sample())
    assert project.with_name(project.name + ".journal").exists()


def test_quit_save_and_quit(project):
    app = drive(project, "m", "q", "s")
    assert shape(load(project)) == shape(after(ops_of("merge_next", k=0)))
    assert not app.session.dirty


def test_quit_without_saving_drops_the_journal(project):
    drive(project, "m", "q", "ctrl+d")
    assert shape(load(project)) == shape(sample())
    assert not project.with_name(project.name + ".journal").exists()


def test_ctrl_q_also_asks(project):
    async def check_modal(pilot):
        assert pilot.app.screen.__class__.__name__ == "QuestionScreen"

    drive(project, "m", "ctrl+q", script=check_modal)


def test_help_lists_keys_and_closes(project):
    async def check(pilot):
        assert pilot.app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen.__class__.__name__ == "ReviewScreen"

    drive(project, "question_mark", script=check)


def test_export_modal_writes_in_a_worker(project, tmp_path):
    out = tmp_path / "sample.tsv"

    async def run_export(pilot):
        screen = pilot.app.screen
        assert screen.__class__.__name__ == "ExportScreen"
        await pilot.click("#fmt-tsv")
        await pilot.pause()
        screen.query_one("#path").value = str(out)
        await pilot.click("#do-export")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.screen.__class__.__name__ == "ReviewScreen"  # closed when written

    drive(project, "x", script=run_export, size=(120, 50))
    assert out.exists() and "Kazakhstan" in out.read_text(encoding="utf-8")


def test_command_palette_runs_a_named_action(project):
    async def palette(pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Merge with the next link")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()

    app = drive(project, script=palette)
    assert same(app.session.alignment, after(ops_of("merge_next", k=0)))


def test_user_keymap_remaps_an_action(project, tmp_path, monkeypatch):
    from tui.keymap import load_keymap

    keys = tmp_path / "keymap.toml"
    keys.write_text('[keys]\nmerge_next = "J"\n', encoding="utf-8")
    monkeypatch.setenv("SVERKA_KEYMAP", str(keys))
    app = drive(project, "J", keymap=load_keymap())
    assert same(app.session.alignment, after(ops_of("merge_next", k=0)))


def test_bad_keymap_is_one_clear_error(tmp_path, monkeypatch):
    from align.errors import InputError
    from tui.keymap import load_keymap

    keys = tmp_path / "keymap.toml"
    keys.write_text('[keys]\nteleport = "t"\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown action 'teleport'"):
        load_keymap(keys)
    keys.write_text('[keys\n', encoding="utf-8")
    with pytest.raises(InputError, match="invalid TOML"):
        load_keymap(keys)


@pytest.mark.parametrize("size", [(80, 24), (200, 60), (40, 12), (40, 10), (20, 6)])
def test_layout_survives_sizes_and_resizes(project, size):
    async def resize(pilot):
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.press("end", "m", "up", "m")
        await pilot.resize_terminal(*size)
        await pilot.pause()

    app = drive(project, "down", script=resize, size=size)
    assert same(app.session.alignment, after(ops_of("merge_next", k=5)))


# ---------------------------------------------------------------------------- the command

def test_review_command_bad_input_is_one_line_exit_2(tmp_path, capsys):
    from align.cli import main

    assert main(["review", str(tmp_path / "missing.align.json")]) == 2
    bad = tmp_path / "bad.align.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["review", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("sverka: error: ") for line in err)


def test_review_command_journal_damaged_is_one_line(project, capsys):
    from align.cli import main

    project.with_name(project.name + ".journal").write_text("not json\n", encoding="utf-8")
    assert main(["review", str(project)]) == 2
    assert "journal" in capsys.readouterr().err


def test_review_of_a_pair_aligns_saves_and_then_reopens(tmp_path, monkeypatch):
    import argparse

    from align.commands.pair_input import open_or_align

    def open_project(args):
        return open_or_align(args.project, args.translation, args, args.output)

    monkeypatch.chdir(tmp_path)
    corpus = Path(__file__).resolve().parent.parent / "corpora" / "podrabinek-2022-01-10"
    args = argparse.Namespace(project=str(corpus / "ru.stand-in.txt"),
                              translation=str(corpus / "en.txt"), output=None,
                              src_lang=None, tgt_lang=None, level="paragraph",
                              segments="paragraphs", max_link=4, lexicon=[],
                              no_lexicon=False)
    alignment, path, note = open_project(args)
    assert path == Path("ru-en.align.json") and path.exists() and "aligned" in note
    assert len(alignment.links) > 10
    again, path_again, note = open_project(args)  # a second run keeps the review work
    assert path_again == path and "existing" in note
    folder = argparse.Namespace(**{**vars(args), "project": str(corpus), "translation": None})
    _, folder_path, _ = open_project(folder)
    assert folder_path == Path("podrabinek-2022-01-10.align.json")


def test_detail_toggle_and_mark_toggle(project):
    async def toggles(pilot):
        screen = pilot.app.screen
        detail = screen.query_one("#detail")
        await pilot.press("z")
        assert not detail.display
        await pilot.press("z", "v")
        assert detail.display and screen.grid.mark == 0
        await pilot.press("v")
        assert screen.grid.mark is None

    drive(project, script=toggles)


# ---------------------------------------------------------------------------- edges

def test_a_refused_text_edit_keeps_the_modal_and_the_typing(project):
    async def empty_it(pilot):
        areas = pilot.app.screen.query("TextArea")
        areas.first().text = "Новый заголовок"
        areas.last().text = "   "  # the engine refuses an empty segment
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.__class__.__name__ == "EditScreen"
        assert "cannot be empty" in str(screen.query_one("#edit-hint").render())
        assert areas.first().text == "Новый заголовок"
        await pilot.press("escape")

    app = drive(project, "e", script=empty_it)
    assert same(app.session.alignment, sample()) and not app.session.dirty


def test_editing_an_edited_link_redraws_its_row_and_undo_stays_there(project):
    def row(pilot) -> str:
        return pilot.app.screen.query_one(LinkGrid).render_line(0).text

    async def edit_twice(pilot):
        for text in ("Заголовок один", "Заголовок два"):
            await pilot.press("e")
            pilot.app.screen.query("TextArea").first().text = text
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert text in row(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert "Заголовок один" in row(pilot)

    app = drive(project, script=edit_twice)
    assert app.final_cursor == 0


@pytest.fixture
def read_only(project, monkeypatch):
    """The project's folder refuses writes (patched: the tests may run as root)."""
    import os

    real = os.access
    folder = str(project.parent.resolve())
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: (
        False if str(path) == folder and mode & os.W_OK else real(path, mode, **kw)))
    return project


def test_save_in_a_read_only_folder_asks_for_another_file(read_only, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "mine.align.json"

    async def save_elsewhere(pilot):
        screen = pilot.app.screen
        assert screen.__class__.__name__ == "PromptScreen"
        assert "not writable" in str(screen.query_one("#problem").render())
        screen.query_one("Input").value = str(target)
        await pilot.press("enter")
        await pilot.pause()

    app = drive(read_only, "m", "ctrl+s", script=save_elsewhere)
    assert shape(load(target)) == shape(after(ops_of("merge_next", k=0)))
    assert shape(load(read_only)) == shape(sample())  # the original is untouched
    assert app.session.path == target and not app.session.dirty


def test_quit_save_in_a_read_only_folder_stays_with_the_edits(read_only):
    said: list[str] = []

    async def give_up(pilot):
        pilot.app.notify = lambda message, *a, **k: said.append(str(message))
        await pilot.press("m", "q", "s")
        assert pilot.app.screen.__class__.__name__ == "PromptScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen.__class__.__name__ == "ReviewScreen"

    app = drive(read_only, script=give_up)
    assert app.session.dirty and app.session.path == read_only
    assert any("not saved" in message for message in said)
    assert shape(load(read_only)) == shape(sample())


def test_an_invalid_regex_is_searched_as_typed_and_said_so(project):
    said: list[str] = []

    async def search(pilot):
        pilot.app.notify = lambda message, *a, **k: said.append(str(message))
        await pilot.press("slash", *"(1992", "enter")
        await pilot.pause()

    app = drive(project, script=search)
    assert app.final_cursor == 0  # no "(1992" anywhere
    assert any("not a regular expression" in message for message in said)


def test_an_empty_alignment_opens_and_edit_keys_rest(tmp_path):
    from align.model import Alignment, Document
    from align.project import save

    path = tmp_path / "empty.align.json"
    save(Alignment(Document("ru", ()), Document("en", ()), ()), path)
    keys = ["m", "M", "s", "d", "p", "e", "c", "C", "v", "r", "u", "U", "[", "{",
            "down", "end", "pagedown", "tab", "slash", "x", "enter", "n", "question_mark",
            "escape"]

    async def look(pilot):
        title = str(pilot.app.screen.query_one("#title").render())
        assert "no links" in title

    app = drive(path, *keys, script=look)
    assert not app.session.dirty and app.session.alignment.links == ()


@pytest.mark.parametrize("content, message", [
    (b'[keys]\nmerge_next = "\xff"\n', "not UTF-8"),
    (b'[keys]\nmerge_next = "ctrl+"\n', "is not a key"),
    (b'[keys]\nmerge_next = "m, foo bar"\n', "'foo bar' .for 'merge_next'. is not a key"),
    (b'[keys]\nmerge_next = "hyper+mega+m"\n', "is not a key"),
    (b'keys = 3\n', "must be a table"),
])
def test_keymap_file_errors_are_one_clear_line(tmp_path, content, message):
    from align.errors import InputError
    from tui.keymap import load_keymap

    keys = tmp_path / "keymap.toml"
    keys.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_keymap(keys)


def test_keymap_accepts_names_characters_and_lists(tmp_path):
    from tui.keymap import load_keymap

    keys = tmp_path / "keymap.toml"
    keys.write_text('[keys]\nmerge_next = ["ctrl+m", "ж"]\nsearch = " slash , f2 "\n',
                    encoding="utf-8")
    assert load_keymap(keys) == {"merge_next": "ctrl+m,ж", "search": "slash,f2"}


def test_a_project_changed_on_disk_is_not_overwritten_without_asking(project):
    changed = edit.apply_all(sample(), [ops_of("confirm", k=6)])

    async def change_then_save(pilot):
        from align.project import save

        save(changed, project)  # another program writes the file meanwhile
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.__class__.__name__ == "PromptScreen"
        assert "changed on disk" in str(screen.query_one("#problem").render())
        assert shape(load(project)) == shape(changed)
        await pilot.press("enter")  # the project file is offered: overwrite on purpose
        await pilot.pause()

    app = drive(project, "m", script=change_then_save)
    assert shape(load(project)) == shape(after(ops_of("merge_next", k=0)))
    assert not app.session.dirty


def test_a_failing_qa_checker_is_a_warning_not_the_end_of_the_review(project):
    def broken(alignment):
        raise RuntimeError("checker bug")

    async def edit_on(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.press("m")
        await pilot.pause()

    app = drive(project, script=edit_on, check=broken)
    assert same(app.session.alignment, after(ops_of("merge_next", k=0)))
