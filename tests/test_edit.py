"""align.edit: each operation on a small alignment, and the undo/redo stack on its own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from align.edit import (Change, EditError, History, Op, confirm, confirm_through, detach,
                        edit_text, link_of, merge_next, merge_previous, pull_up, push_down,
                        realign, sentence_boundaries, split_link, split_paragraph)
from align.model import HAND_SCORE, Alignment, Document, Link, Segment


def make(shape: list[tuple[int, int]], status: str = "auto") -> Alignment:
    """An alignment whose links have the given (n_src, n_tgt) sizes, texts S0…/T0…."""
    links, i, j = [], 0, 0
    for a, b in shape:
        links.append(Link(tuple(range(i, i + a)), tuple(range(j, j + b)), 0.9, status))
        i, j = i + a, j + b
    source = Document("ru", tuple(Segment(f"S{n}. Второе {n}.") for n in range(i)))
    target = Document("en", tuple(Segment(f"T{n}. Second {n}.") for n in range(j)))
    return Alignment(source, target, tuple(links), {"level": "paragraph"})


def pairs(alignment: Alignment) -> list[tuple[list[int], list[int], str]]:
    return [(list(l.src), list(l.tgt), l.status) for l in alignment.links]


def test_merge_next_and_previous():
    a = make([(1, 1), (0, 1), (1, 1)])
    assert pairs(merge_next(a, 0)) == [([0], [0, 1], "edited"), ([1], [2], "auto")]
    assert pairs(merge_previous(a, 1)) == pairs(merge_next(a, 0))
    with pytest.raises(EditError):
        merge_next(a, 2)
    with pytest.raises(EditError):
        merge_previous(a, 0)


def test_a_merge_is_made_by_hand():
    a = make([(1, 1), (1, 1)])
    a = a.with_links([Link((0,), (0,), 0.9), Link((1,), (1,), 0.4)])
    merged = merge_next(a, 0).links[0]
    assert merged.hand_made and merged.score == HAND_SCORE  # neither old score holds


def test_split_link_at_chosen_points():
    a = make([(2, 2)])
    assert pairs(split_link(a, 0, 1, 1)) == [([0], [0], "edited"), ([1], [1], "edited")]
    assert pairs(split_link(a, 0, 2, 1)) == [([0, 1], [0], "edited"), ([], [1], "edited")]
    with pytest.raises(EditError):
        split_link(a, 0, 0, 0)  # first part empty
    with pytest.raises(EditError):
        split_link(a, 0, 2, 2)  # second part empty
    with pytest.raises(EditError):
        split_link(a, 0, 3, 0)


def test_pull_up_on_either_side():
    a = make([(1, 1), (2, 1)])
    assert pairs(pull_up(a, 0, "source")) == [([0, 1], [0], "edited"), ([2], [1], "edited")]
    # the donor loses its only target: it becomes one-sided
    assert pairs(pull_up(a, 0, "target")) == [([0], [0, 1], "edited"), ([1, 2], [], "edited")]
    b = make([(1, 1), (0, 1)])
    # the donor disappears when it has nothing left
    assert pairs(pull_up(b, 0, "target")) == [([0], [0, 1], "edited")]
    with pytest.raises(EditError):
        pull_up(b, 0, "source")
    with pytest.raises(EditError):
        pull_up(b, 1, "target")


def test_push_down_on_either_side():
    a = make([(2, 2), (1, 1)])
    assert pairs(push_down(a, 0, "source")) == [([0], [0, 1], "edited"), ([1, 2], [2], "edited")]
    assert pairs(push_down(a, 0, "target")) == [([0, 1], [0], "edited"), ([2], [1, 2], "edited")]
    b = make([(1, 0), (1, 1)])
    assert pairs(push_down(b, 0, "source")) == [([0, 1], [0], "edited")]
    with pytest.raises(EditError):
        push_down(b, 0, "target")
    with pytest.raises(EditError):
        push_down(b, 1, "source")


def test_detach_first_or_last_segment():
    a = make([(2, 1)])
    assert pairs(detach(a, 0, "source")) == [([0], [], "edited"), ([1], [0], "edited")]
    assert pairs(detach(a, 0, "source", last=True)) == [([0], [0], "edited"), ([1], [], "edited")]
    assert pairs(detach(a, 0, "target")) == [([], [0], "edited"), ([0, 1], [], "edited")]
    with pytest.raises(EditError):
        detach(make([(1, 0)]), 0, "source")
    with pytest.raises(EditError):
        detach(make([(1, 0), (1, 1)]), 0, "target")


def test_confirm_and_confirm_through():
    a = make([(1, 1), (1, 1), (1, 1)])
    assert [l.status for l in confirm(a, 1).links] == ["auto", "confirmed", "auto"]
    assert [l.status for l in confirm_through(a, 1).links] == ["confirmed", "confirmed", "auto"]
    edited = merge_next(a, 0)
    assert confirm(edited, 0) is edited  # a person's own link stays "edited"
    done = confirm_through(a, 2)
    assert confirm_through(done, 2) is done


def test_edit_text_changes_one_segment_and_marks_its_link():
    a = make([(1, 1), (1, 2)])
    b = edit_text(a, "target", 2, "New text")
    assert b.target.segments[2].text == "New text"
    assert [l.status for l in b.links] == ["auto", "edited"]
    assert b.source is a.source
    assert edit_text(a, "target", 2, a.target.segments[2].text) is a
    with pytest.raises(EditError):
        edit_text(a, "target", 2, "   ")
    with pytest.raises(EditError):
        edit_text(a, "source", 9, "x")


def test_sentence_boundaries_and_split_paragraph_shift_indices():
    a = make([(1, 1), (1, 1), (1, 1)])
    text = a.source.segments[1].text  # "S1. Второе 1."
    at = sentence_boundaries(text, "ru")
    assert at == [text.index("Второе")]
    b = split_paragraph(a, "source", 1, at[0])
    assert [s.text for s in b.source.segments] == ["S0. Второе 0.", "S1.", "Второе 1.",
                                                   "S2. Второе 2."]
    assert pairs(b) == [([0], [0], "auto"), ([1, 2], [1], "edited"), ([3], [2], "auto")]
    assert b.target is a.target
    with pytest.raises(EditError):
        split_paragraph(a, "source", 1, 0)


def test_link_of():
    a = make([(1, 1), (0, 2), (2, 0), (1, 1)])
    assert [link_of(a, "target", j) for j in range(4)] == [0, 1, 1, 3]
    assert [link_of(a, "source", i) for i in range(4)] == [0, 2, 2, 3]


def test_realign_keeps_the_links_outside_the_range():
    a = make([(1, 1), (2, 2), (1, 1)], status="confirmed")
    links = a.links
    scrambled = a.with_links([links[0], replace(links[1], status="auto"), links[2]])
    b = realign(scrambled, 1, 1)
    assert b.links[0] is scrambled.links[0] and b.links[-1] is scrambled.links[-1]
    assert [l.type for l in b.links] == ["1-1", "1-1", "1-1", "1-1"]
    assert [l.status for l in b.links] == ["confirmed", "auto", "auto", "confirmed"]


def test_op_round_trip_and_unknown_op():
    op = Op("split_link", {"k": 0, "src_at": 1, "tgt_at": 0})
    assert Op.from_json(op.to_json()) == op
    with pytest.raises(EditError):
        Op("teleport", {}).apply(make([(1, 1)]))


def test_history_undo_redo_and_no_op_steps():
    a = make([(1, 1), (1, 1), (1, 1)])
    h = History(a)
    assert h.apply(Op("merge_next", {"k": 0})) is not None
    after_merge = h.alignment
    assert h.apply(Op("confirm", {"k": 0})) is None  # edited link: nothing changes
    assert h.depth == 1
    h.apply(Op("confirm", {"k": 1}))
    assert h.undo() is not None and h.undo() is not None
    assert h.alignment == a and not h.can_undo and h.undo() is None
    assert h.redo() is not None and h.alignment == after_merge
    h.apply(Op("confirm", {"k": 1}))  # a new step clears the redo stack
    assert not h.can_redo


def test_history_failed_op_changes_nothing():
    a = make([(1, 1)])
    h = History(a)
    with pytest.raises(EditError):
        h.apply(Op("merge_next", {"k": 0}))
    assert h.alignment is a and h.depth == 0


def test_history_several_ops_are_one_step():
    a = make([(1, 1), (1, 1)])
    h = History(a)
    h.apply(Op("edit_text", {"side": "source", "index": 0, "text": "A"}),
            Op("edit_text", {"side": "target", "index": 0, "text": "B"}))
    assert h.depth == 1
    h.undo()
    assert h.alignment == a


def test_change_keeps_only_what_differs():
    a = make([(1, 1)] * 50)
    b = merge_next(a, 20)
    change = Change.between(a, b)
    assert change.start == 20 and len(change.before) == 2 and len(change.after) == 1
    assert change.documents_before is None
    assert change.undo(b) == a and change.redo(a) == b


def test_a_text_edit_of_an_edited_link_is_a_change_at_that_link():
    """The link looks the same (already ``edited``), but its row must be redrawn and an
    undo must show it, not jump to the end."""
    a = make([(1, 1), (1, 1), (1, 1)], status="edited")
    h = History(a)
    step = h.apply(Op("edit_text", {"side": "target", "index": 1, "text": "New"}))
    assert step.cursor == 1 and step.change.start == 1
    assert len(step.change.before) == len(step.change.after) == 1
    assert h.undo().cursor == 1 and h.alignment == a


def test_a_split_paragraph_change_starts_at_its_link():
    a = make([(1, 1), (1, 1), (1, 1)], status="edited")
    step = History(a).apply(Op("split_paragraph", {"side": "source", "index": 1, "at": 4}))
    assert step.change.start == 1 and len(step.change.after) == 2


def test_a_step_that_changes_nothing_is_not_recorded():
    a = make([(1, 1), (1, 1)])
    h = History(a)
    h.apply(Op("realign", {"first": 0, "last": 1}))  # fresh scores: a real change
    again = h.alignment
    assert h.apply(Op("realign", {"first": 0, "last": 1})) is None
    assert h.alignment is again and h.depth == 1


@pytest.mark.parametrize("shape_", [[(1, 1), (0, 1), (0, 1)], [(1, 0), (1, 0), (1, 1)],
                                    [(0, 1), (1, 1)]])
def test_realign_at_the_document_ends_and_one_sided_ranges(shape_):
    a = make(shape_)
    for first, last in ((0, len(shape_) - 1), (len(shape_) - 1, len(shape_) - 1), (0, 0)):
        b = realign(a, first, last)
        assert [i for l in b.links for i in l.src] == list(range(len(a.source)))
        assert [j for l in b.links for j in l.tgt] == list(range(len(a.target)))


def test_split_paragraph_of_the_last_segment_and_the_links_after():
    a = make([(1, 1), (0, 1), (1, 1), (1, 0)])
    b = split_paragraph(a, "source", 1, 4)  # in link 3; link 4 (1-0) moves down by one
    assert pairs(b) == [([0], [0], "auto"), ([], [1], "auto"), ([1, 2], [2], "edited"),
                        ([3], [], "auto")]
    c = split_paragraph(a, "source", 2, 4)  # the last segment, in a one-sided link
    assert pairs(c)[-1] == ([2, 3], [], "edited")
    with pytest.raises(EditError):
        split_paragraph(a, "target", 0, 0)
    with pytest.raises(EditError):
        split_paragraph(a, "target", 0, 99)


def test_edge_ops_on_one_sided_and_end_links():
    a = make([(0, 1), (1, 1), (1, 0)])
    assert pairs(pull_up(a, 0, "source")) == [([0], [0], "edited"), ([], [1], "edited"),
                                              ([1], [], "auto")]
    assert pairs(push_down(a, 1, "source")) == [([], [0], "auto"), ([], [1], "edited"),
                                                ([0, 1], [], "edited")]
    with pytest.raises(EditError, match="no source segment"):
        push_down(a, 0, "source")
    with pytest.raises(EditError, match="last link"):
        pull_up(a, 2, "target")
    with pytest.raises(EditError, match="already a one-sided"):
        detach(a, 2, "source", last=True)
    with pytest.raises(EditError, match="no link 4"):
        confirm(a, 3)
