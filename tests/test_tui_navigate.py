"""The UI's bookkeeping without a screen: jumps, search, counts and flags kept in step
with edits (the grid trusts these instead of rescanning 10,000 links per key)."""

from __future__ import annotations

import random

from align.check import Flag
from align.edit import EditError, Op
from align.project import load
from align.review_policy import Counts
from tui.navigate import (SearchMatches, compile_search, find_next, match_number,
                          matching_links, next_match, predicate, search_predicate,
                          with_cursor)
from tui.session import Session
from tui_support import sample, write_sample


def test_find_next_wraps_and_goes_backwards():
    links = sample().links
    odd = predicate("nonstandard")
    assert find_next(links, 0, odd) == 2
    assert find_next(links, 4, odd) == 2  # wraps past the end
    assert find_next(links, 2, odd, backwards=True) == 4
    assert find_next(links, 0, predicate("flagged", {5})) == 5
    assert find_next(links, 0, predicate("flagged", set())) is None


def test_search_is_regex_case_insensitive_and_literal_when_not_regex():
    alignment = sample()
    links = alignment.links
    assert find_next(links, 0, search_predicate(alignment, compile_search("fifth|ПЯТЫЙ"))) == 6
    broken = compile_search("1992 (")  # not a valid regex: searched as text
    assert find_next(links, 0, search_predicate(alignment, broken)) is None
    assert find_next(links, 0, search_predicate(alignment, compile_search("о 1992"))) == 3


def test_counts_and_flags_follow_every_step():
    rng = random.Random(4)
    session = Session(sample(), None, check=None)

    def fresh_flags() -> dict[int, list]:
        # a stand-in checker: flags every link that is not 1-1, by its current position
        return {k: [Flag(k, "length", "warning", "not 1-1")]
                for k, link in enumerate(session.alignment.links) if link.type != "1-1"}

    session.flags = fresh_flags()
    names = ["merge_next", "merge_previous", "confirm", "confirm_through"]
    for _ in range(60):
        n = len(session.alignment.links)
        choice = rng.random()
        try:
            if choice < 0.6:
                session.apply(Op(rng.choice(names), {"k": rng.randrange(n)}))
            elif choice < 0.8:
                session.undo()
            else:
                session.redo()
        except EditError:
            continue
        assert session.counts == Counts.of(session.alignment.links, session.flags)
        # flags outside the changed links stay on the same links after the shift
        expected = fresh_flags()
        for k, flags in session.flags.items():
            assert expected.get(k), f"flag moved to link {k}, which has none"
        session.flags = expected


def test_recovery_drops_flags_of_the_alignment_it_replaced(tmp_path):
    """Replayed steps may have changed any link: old flags would sit on the wrong links
    (and count in the title) until the checker's fresh ones arrive."""
    project = write_sample(tmp_path)
    first = Session(load(project), project, check=None)
    first.apply(Op("merge_next", {"k": 0}), Op("merge_next", {"k": 0}))
    first.journal.close()
    session = Session(load(project), project, check=None)
    session.flags = {6: [Flag(6, "length", "warning", "long")]}  # link 7 of the file
    assert session.counts.flagged == 1
    assert session.recover() == []
    assert len(session.alignment.links) == 5 and session.flags == {}
    assert session.counts == Counts.of(session.alignment.links, session.flags)


def test_matching_links_count_what_the_view_shows():
    alignment = sample()
    pattern = compile_search("paragraph")
    assert matching_links(alignment, pattern) == [1, 3, 5, 6]
    assert matching_links(alignment, pattern, within=[2, 3, 4]) == [3]


def test_next_match_says_when_it_wraps():
    matches = [1, 3, 5]
    assert next_match(matches, 3) == (5, False)
    assert next_match(matches, 3, include_current=True) == (3, False)
    assert next_match(matches, 5) == (1, True)
    assert next_match(matches, 1, backwards=True) == (5, True)
    assert next_match(matches, 4, backwards=True) == (3, False)
    assert next_match(matches, 3, backwards=True, include_current=True) == (3, False)
    assert next_match([], 0) is None
    assert match_number(matches, 5) == (3, 3) and match_number(matches, 4) is None


def test_with_cursor_keeps_the_rest_of_the_meta():
    alignment = sample()
    moved = with_cursor(alignment, 4)
    assert moved.meta["review"] == {"cursor": 4} and moved.meta["name"] == "sample"
    assert moved.links == alignment.links and alignment.meta.get("review") is None
    assert with_cursor(moved, 4) is moved


def test_search_matches_are_counted_once_per_state():
    alignment = sample()
    search = SearchMatches(compile_search("paragraph"))
    view = [2, 3, 4]
    assert search.current(0, None) is None  # not counted yet
    assert search.count(alignment, 0, view) == [3]
    assert search.current(0, view) == [3]
    assert search.current(0, [2, 3, 4]) is None  # another view (an equal list is new)
    assert search.current(1, view) is None  # the alignment changed since
    edited = alignment.with_links(alignment.links)  # same links: a new count agrees
    assert search.count(edited, 1, None) == [1, 3, 5, 6]
