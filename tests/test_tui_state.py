"""State a translator can see: the status line, reopening where the review stopped, going
to link N, the filtered view, search positions, what undo undid, dialogs that fit the
terminal, the header over the rows, and colours that can be read (WCAG AA)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.color import Color
from textual.widgets import Button, Label, OptionList, RadioSet, Select

from align.check import Flag
from align.edit import Op
from align.journal import journal_path
from align.model import Alignment, Document, Link, Segment
from align.project import load, save
from align.review_policy import Counts
from tui.app import ReviewApp
from tui.filter import LinkFilter
from tui.grid import LinkGrid
from tui.navigate import parse_link_number, saved_cursor
from tui.session import Session
from tui.status import ReviewState, status_text
from tui.steps import describe_step
from tui_support import sample, shape, write_sample


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_sample(tmp_path)


def flag_fifth(alignment):
    """A checker that flags link 6 (index 5) and link 2 (index 1)."""
    return [Flag(5, "numbers", "error", "1992 is missing"),
            Flag(1, "length", "warning", "long")]


def run(path: Path, script, size: tuple[int, int] = (100, 30), check=None) -> ReviewApp:
    """Open ``path`` headless and run ``script(pilot, said)``; ``said`` collects what the
    app told the user. Returns the app (its session outlives the run)."""
    journal_path(path).unlink(missing_ok=True)
    app = ReviewApp(Session(load(path), path, check=check), cursor_blink=False)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            said: list[str] = []
            app.said = said
            app.notify = lambda message, *a, **k: said.append(str(message))
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            await script(pilot, said)

    asyncio.run(main())
    return app


def screen_text(pilot) -> str:
    """The characters on screen now, line by line."""
    return "\n".join(strip.text for strip in pilot.app.screen._compositor.render_strips())


def grid_of(pilot) -> LinkGrid:
    return pilot.app.review.grid


def title_of(pilot) -> str:
    return str(pilot.app.review.query_one("#title")._text)


# ---------------------------------------------------------------------------- status line

def state(**changes) -> ReviewState:
    values = dict(name="podrabinek-2022-01-10", links=400, cursor=41,
                  counts=Counts(low=30, nonstandard=7, flagged=12, auto=280, confirmed=100,
                                edited=20),
                  dirty=True, langs="ru→en")
    values.update(changes)
    return ReviewState(**values)


@pytest.mark.parametrize("width", [200, 120, 80, 60, 40])
def test_status_line_fits_and_keeps_progress_and_what_is_left(width):
    line = status_text(state(filter_text="flagged or low", shown=42, search="ОДКБ",
                             match=(3, 7), mark=9), width)
    assert cell_len(line.plain) <= width
    if width >= 60:  # the progress and what is left survive 60 columns
        assert "120/400" in line.plain.replace(" ", "")
        assert "30 %" in line.plain or "30%" in line.plain
        assert "42" in line.plain  # the filter's count
        assert "12" in line.plain and "30" in line.plain.replace("30 %", "")
    if width >= 200:
        plain = line.plain
        for words in ("confirmed 120 / 400 (30 %)", "to look at: 12 flagged, 30 low, "
                      "280 unconfirmed", "filter: flagged or low (42 shown)", "/ОДКБ 3 of 7",
                      "range from 10", "link 42/400", "● unsaved"):
            assert words in plain


def test_status_line_progress_rounds_down_and_says_when_nothing_is_left():
    done = Counts(confirmed=399, auto=1)
    assert "(99 %)" in status_text(state(links=400, counts=done), 200).plain
    clear = status_text(state(links=400, counts=Counts(confirmed=400)), 200).plain
    assert "(100 %)" in clear and "nothing left to look at" in clear
    flagged = status_text(state(links=400, counts=Counts(confirmed=400, flagged=2)), 200)
    assert "to look at: 2 flagged" in flagged.plain


@pytest.mark.parametrize("width", [60, 80, 200])
def test_the_title_shows_progress_at_every_width(project, width):
    async def script(pilot, said):
        await pilot.press("c", "c")  # confirm links 1 and 2
        title = title_of(pilot)
        assert cell_len(title) <= width
        assert "2/7" in title.replace(" ", "")  # confirmed 2 / 7 in some form
        assert "28 %" in title or "28%" in title
        if width >= 80:
            assert "confirmed 2 / 7 (28 %)" in title

    run(project, script, size=(width, 24))


# ---------------------------------------------------------------------------- reopening

def write_book(directory: Path, meta: dict | None = None) -> Path:
    """99 one-line links, the last a 2-2 (a split makes 100: a wider number column)."""
    n = 99
    source = Document("ru", tuple(Segment(f"Абзац {i}.") for i in range(n + 1)))
    target = Document("en", tuple(Segment(f"Paragraph {i}.") for i in range(n + 1)))
    links = tuple(Link((i,), (i,), 0.9) for i in range(n - 1)) + (
        Link((n - 1, n), (n - 1, n), 0.9),)
    path = directory / "book.align.json"
    save(Alignment(source, target, links, {"level": "paragraph", **(meta or {})}), path)
    return path


def test_reopening_a_long_project_shows_the_saved_link(tmp_path):
    path = write_book(tmp_path, {"review": {"cursor": 80}})

    async def script(pilot, said):
        grid = grid_of(pilot)
        top = int(grid.scroll_offset.y)
        assert grid.cursor == 80
        assert top <= 80 * grid.row_height < top + grid.size.height

    run(path, script, size=(80, 24))

def test_reopen_where_the_review_stopped(project):
    async def move_and_save(pilot, said):
        await pilot.press("down", "down", "down", "down", "c", "ctrl+s")

    run(project, move_and_save)
    assert load(project).meta["review"] == {"cursor": 5}  # confirm moved down to link 6

    async def reopened(pilot, said):
        assert grid_of(pilot).cursor == 5
        assert "link 6/7" in title_of(pilot)

    run(project, reopened)


@pytest.mark.parametrize("review", [{"cursor": 99}, {"cursor": -1}, {"cursor": "3"},
                                    {"cursor": True}, "3", None])
def test_a_saved_cursor_that_is_no_link_opens_on_the_first(review):
    assert saved_cursor({"review": review}, 7) == 0
    assert saved_cursor({"review": {"cursor": 6}}, 7) == 6


def test_saving_keeps_other_review_meta_and_the_links(project, tmp_path):
    session = Session(load(project), project, check=None)
    session.cursor = 2
    session.save()
    again = load(project)
    assert again.meta["review"]["cursor"] == 2
    assert shape(again) == shape(sample()) and again.meta["level"] == "paragraph"


# ---------------------------------------------------------------------------- go to link

def test_parse_link_number():
    assert parse_link_number(" 5 ", 7) == 4
    assert parse_link_number("#1", 7) == 0
    for bad in ("0", "8", "five", "", "-2"):
        with pytest.raises(ValueError):
            parse_link_number(bad, 7)


def test_go_to_link_n(project):
    async def script(pilot, said):
        await pilot.press("colon", "6", "enter")
        assert grid_of(pilot).cursor == 5
        await pilot.press("colon", "9", "enter")
        assert grid_of(pilot).cursor == 5 and "there is no link 9" in said[-1]
        await pilot.press("colon", "escape")
        assert grid_of(pilot).cursor == 5

    run(project, script)


# ---------------------------------------------------------------------------- filtered view

def test_filter_model_any_or_all():
    links = sample().links
    odd = LinkFilter(frozenset({"nonstandard"}))
    assert odd.visible(links, set()) == [2, 3, 4]
    assert LinkFilter(frozenset({"nonstandard", "flagged"})).visible(links, {6}) == [2, 3, 4, 6]
    both = LinkFilter(frozenset({"nonstandard", "low"}), require_all=True)
    assert both.visible(links, set()) == [3] and both.describe() == "low and not 1-1"
    assert LinkFilter().visible(links, set()) == list(range(7))
    with pytest.raises(ValueError):
        LinkFilter(frozenset({"pretty"}))


async def choose_filter(pilot, *criteria: str, all_of: bool = False) -> None:
    await pilot.press("F")
    await pilot.pause()
    screen = pilot.app.screen
    for name in criteria:
        screen.query_one(f"#only-{name}").value = True
    if all_of:
        screen.query_one("#all").value = True
    await pilot.press("enter")
    await pilot.pause()


def test_filter_view_shows_only_chosen_links_and_moves_within_them(project):
    async def script(pilot, said):
        grid = grid_of(pilot)
        await choose_filter(pilot, "nonstandard")
        assert grid.view == [2, 3, 4] and grid.cursor == 2
        assert "filter: not 1-1 (3 shown)" in title_of(pilot)
        await pilot.press("down", "down", "down")
        assert grid.cursor == 4  # the last row shown
        await pilot.press("home")
        assert grid.cursor == 2
        rows = [grid.render_line(y).text for y in range(0, 6, 2)]
        assert [row[1:].split()[0] for row in rows] == ["3", "4", "5"]  # numbers kept
        await choose_filter(pilot, "low", "nonstandard", all_of=True)
        assert grid.view == [3]
        await pilot.press("F")
        await pilot.click("#show-all")
        await pilot.pause()
        assert grid.view is None and "filter" not in title_of(pilot)

    run(project, script)


def test_editing_in_the_filtered_view_keeps_the_filter(project):
    async def script(pilot, said):
        grid = grid_of(pilot)
        await choose_filter(pilot, "unconfirmed")
        await pilot.press("down", "c")  # link 2 confirmed: it leaves the view
        assert grid.filter.active and 1 not in grid.view
        assert grid.cursor == 2  # on the next unconfirmed link, not one further
        await pilot.press("m")  # merge link 3 with link 4: edited, so it leaves the view
        assert shape(pilot.app.session.alignment)[2] == ([2, 3], [2, 3], "edited")
        assert grid.filter.active and grid.view == [0, 3, 4, 5] and grid.cursor == 3
        await pilot.press("u")
        assert grid.filter.active and grid.view == [0, 2, 3, 4, 5, 6]
        assert said[-1] == "undid: merge links 3–4" and grid.cursor == 2

    app = run(project, script)
    assert app.session.alignment.links[1].status == "confirmed"


def test_a_filter_that_shows_nothing_is_not_applied_and_an_emptied_one_turns_off(project):
    async def script(pilot, said):
        grid = grid_of(pilot)
        await choose_filter(pilot, "flagged")  # no checker here: nothing is flagged
        assert grid.view is None and "no link is flagged" in said[-1]
        await choose_filter(pilot, "low")
        assert grid.view == [3]
        await pilot.press("c")  # the only low link confirmed: nothing left to show
        assert grid.view is None and not grid.filter.active
        assert "showing all links" in said[-1]

    run(project, script)


def test_flagged_filter_follows_the_checker_and_jumps_stay_inside(project):
    async def script(pilot, said):
        grid = grid_of(pilot)
        await choose_filter(pilot, "flagged")
        assert grid.view == [1, 5]
        await pilot.press("t")  # next not 1-1: none among the links shown
        assert grid.cursor == 1 and "no other non-1-1 link" in said[-1]
        await pilot.press("colon", "3", "enter")  # hidden by the filter: filter off
        assert grid.cursor == 2 and grid.view is None

    run(project, script, check=flag_fifth)


# ---------------------------------------------------------------------------- search

def test_search_highlights_counts_and_says_when_it_wraps(project):
    async def script(pilot, said):
        grid = grid_of(pilot)
        await pilot.press("slash", *"paragraph", "enter")
        assert grid.cursor == 1 and said[-1] == "match 1 of 4"
        assert "/paragraph 1 of 4" in title_of(pilot)
        strip = grid.render_line(2)  # link 2's first line
        match_style = grid.get_component_rich_style("grid--match", partial=True)
        marked = [seg.text for seg in strip if seg.style and seg.style.bgcolor
                  == match_style.bgcolor]
        assert marked and all(text.lower() == "paragraph" for text in marked)
        await pilot.press("n", "n", "n")
        assert grid.cursor == 6 and said[-1] == "match 4 of 4"
        await pilot.press("n")
        assert grid.cursor == 1 and said[-1] == "match 1 of 4 · wrapped to the top"
        await pilot.press("N")
        assert grid.cursor == 6 and said[-1] == "match 4 of 4 · wrapped to the end"

    run(project, script)


def test_search_counts_only_the_filtered_links(project):
    async def script(pilot, said):
        await choose_filter(pilot, "nonstandard")
        await pilot.press("slash", *"paragraph", "enter")
        assert grid_of(pilot).cursor == 3 and said[-1] == "match 1 of 1"

    run(project, script)


# ---------------------------------------------------------------------------- undo wording

@pytest.mark.parametrize("ops, words", [
    ([Op("merge_next", {"k": 11})], "merge links 12–13"),
    ([Op("merge_previous", {"k": 3})], "merge links 3–4"),
    ([Op("split_link", {"k": 0, "src_at": 1, "tgt_at": 1})], "split link 1"),
    ([Op("realign", {"first": 2, "last": 5, "max_link": 4})], "realign links 3–6"),
    ([Op("edit_text", {"side": "source", "index": 1, "text": "a"}),
      Op("edit_text", {"side": "target", "index": 1, "text": "b"})],
     "edit the text of 2 segments"),
    ([Op("confirm", {"k": 0})], "confirm link 1"),
    ([Op("some_new_op", {})], "some new op"),
])
def test_steps_are_described_as_people_count(ops, words):
    from align.edit import Change, Step

    assert describe_step(Step(tuple(ops), Change(0, (), ()), 0)) == words


def test_undo_and_redo_say_what(project):
    async def script(pilot, said):
        await pilot.press("down", "m", "u")
        assert said[-1] == "undid: merge links 2–3"
        await pilot.press("U")
        assert said[-1] == "redid: merge links 2–3"

    run(project, script)


# ---------------------------------------------------------------------------- dialogs

def fully_visible(widget, screen) -> bool:
    """The widget's whole region is on screen and not clipped by its scrolling parents."""
    region = widget.region
    return bool(region) and screen.region.contains_region(region) and all(
        ancestor.region.contains_region(region) for ancestor in widget.ancestors
        if hasattr(ancestor, "region") and ancestor is not widget.app)


@pytest.mark.parametrize("size", [(80, 24), (120, 35), (60, 20)])
def test_export_form_fits_labels_readable_buttons_shown(project, size):
    async def script(pilot, said):
        await pilot.press("x")
        await pilot.pause()
        screen = pilot.app.screen
        for button in ("#do-export", "#close"):
            assert fully_visible(screen.query_one(button, Button), screen), button
        for label in screen.query(Label):
            text = str(label.render())
            assert "|" not in text and "None" not in text and "tuple" not in text
            if size[0] >= 120 and text.strip():
                assert label.region.width >= cell_len(text.strip()), text
        level = screen.query_one("#opt-level", Select)
        assert level.value == "default"
        if size[0] >= 80:
            assert "the project's (paragraph)" in screen_text(pilot)
        assert screen.query_one("#format", RadioSet).pressed_index == 0

    run(project, script, size=size)


def test_export_form_choices_reach_the_options(project, tmp_path):
    async def script(pilot, said):
        await pilot.press("x")
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#opt-level", Select).value = "sentence"
        screen.query_one("#opt-min_score").value = "0.5"
        screen.query_one("#opt-langs").value = "ru-RU en-GB"
        options = screen.options()
        assert (options.level, options.min_score, options.langs) == (
            "sentence", 0.5, ("ru-RU", "en-GB"))
        screen.query_one("#opt-level", Select).value = "default"
        screen.query_one("#opt-min_score").value = ""
        screen.query_one("#opt-langs").value = ""
        options = screen.options()
        assert (options.level, options.min_score, options.langs) == (None, None, None)

    run(project, script)


def test_split_of_a_2_2_link_preselects_the_diagonal_and_shows_words(project):
    async def script(pilot, said):
        await pilot.press("m", "s")  # links 1 and 2 merged: a 2-2 link
        await pilot.pause()
        options = pilot.app.screen.query_one(OptionList)
        chosen = str(options.get_option_at_index(options.highlighted).prompt)
        assert "Казахстан" in chosen and "Kazakhstan" in chosen
        assert "Первый абзац" in chosen and "First paragraph" in chosen
        await pilot.press("enter")

    app = run(project, script)
    assert shape(app.session.alignment)[:2] == [([0], [0], "edited"), ([1], [1], "edited")]


def test_ctrl_s_in_the_edit_dialog_applies_and_saves(project):
    async def script(pilot, said):
        await pilot.press("e")
        await pilot.pause()
        footer_keys = [binding.key for (_, binding, *_rest) in
                       pilot.app.screen.active_bindings.values() if binding.show]
        assert "ctrl+s" in footer_keys
        area = pilot.app.screen.query_one("#seg-0")
        area.text = "Казахстан — дорога в Москву (правка)"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not pilot.app.session.dirty

    run(project, script)
    assert load(project).source.segments[0].text.endswith("(правка)")


def test_f2_in_the_edit_dialog_applies_without_saving(project):
    before = project.read_bytes()

    async def script(pilot, said):
        await pilot.press("e")
        await pilot.pause()
        shown = {binding.key: binding.description for (_, binding, *_rest)
                 in pilot.app.screen.active_bindings.values() if binding.show}
        assert shown["ctrl+s"] == "Apply and save" and shown["f2"] == "Apply only"
        pilot.app.screen.query_one("#seg-0").text = "Казахстан (правка)"
        await pilot.press("f2")
        await pilot.pause()
        assert pilot.app.session.dirty
        assert pilot.app.session.alignment.source.segments[0].text == "Казахстан (правка)"

    run(project, script)
    assert project.read_bytes() == before


# ---------------------------------------------------------------------------- header and colours

def divider_cells(text: str) -> list[int]:
    """The cells (not characters) where ``│`` stands."""
    cells, at = [], 0
    for char in text:
        if char == "│":
            cells.append(at)
        at += cell_len(char)
    return cells


@pytest.mark.parametrize("width", [60, 100, 200])
def test_header_dividers_sit_over_the_rows_dividers(tmp_path, width):
    big = write_book(tmp_path)  # 99 links, the last a 2-2: a split makes 100

    async def script(pilot, said):
        grid = grid_of(pilot)
        header = pilot.app.review.query_one("#grid-header")

        def check() -> None:
            head = divider_cells(str(header._text))
            assert len(head) == 2
            for y in range(grid.row_height * 2):
                assert divider_cells(grid.render_line(y).text) == head

        check()
        await pilot.press("end", "s", "enter")  # 100 links now: one more digit
        await pilot.pause()
        assert len(pilot.app.session.alignment.links) == 100
        check()
        await pilot.press("home", "m")
        await pilot.pause()
        check()

    run(big, script, size=(width, 24))


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(foreground, background) -> float:
    lighter, darker = sorted((luminance(Color.from_rich_color(foreground)),
                              luminance(Color.from_rich_color(background))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_is_wcag_arithmetic():
    from rich.color import Color as RichColor

    assert contrast(RichColor.parse("#000000"), RichColor.parse("#ffffff")) == pytest.approx(21)
    assert contrast(RichColor.parse("#777777"), RichColor.parse("#ffffff")) == pytest.approx(
        4.48, abs=0.01)


def test_every_text_and_background_of_the_screen_meets_wcag_aa(project):
    """Every coloured piece of the grid as drawn (stripes, cursor, range, flags, statuses,
    low and not 1-1 marks, search matches), the title, header, detail pane and footer."""
    async def script(pilot, said):
        await pilot.press("c", "down", "e")  # one confirmed, then an edited link
        await pilot.pause()
        pilot.app.screen.query_one("#seg-0").text = "Первый абзац, правка."
        await pilot.press("ctrl+s")
        await pilot.press("v", "down", "down", "slash", *"paragraph|1992", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        review = pilot.app.review
        grid = review.grid
        seen = set()
        for y in range(grid.size.height):
            for segment in grid.render_line(y):
                style = segment.style
                if segment.text.strip() and style is not None:
                    seen.add((style.color, style.bgcolor))
        for widget in (review.query_one("#title"), review.query_one("#grid-header"),
                       review.query_one("#detail")):
            seen.add((widget.rich_style.color, widget.rich_style.bgcolor))
        footer = review.query_one("Footer")
        for key in footer.query("FooterKey"):
            for part in ("footer-key--key", "footer-key--description"):
                style = key.get_component_rich_style(part)
                seen.add((style.color, style.bgcolor))
        assert len(seen) >= 8  # stripes, cursor, range, match, flags, marks
        poor = [(Color.from_rich_color(fg).hex, Color.from_rich_color(bg).hex,
                 round(contrast(fg, bg), 2)) for fg, bg in seen if contrast(fg, bg) < 4.5]
        assert not poor

    run(project, script, check=flag_fifth)
