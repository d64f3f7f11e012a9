"""Marks, notes and sentence confirmations as undoable edit operations, and what a hand fix
does to a link's confidence."""

from __future__ import annotations

import pytest

from align.annotate import (carried, confirm_through_report, held_back, held_back_reasons)
from align.edit import EditError, History, Op, apply_all
from align.model import HAND_SCORE, Link
from tui_support import sample


def test_marks_and_notes_are_undoable_steps() -> None:
    history = History(sample())
    history.apply(Op("set_mark", {"k": 1, "mark": "bad"}))
    history.apply(Op("set_note", {"k": 1, "note": "  «term» wrong\nsee p. 2  "}))
    link = history.alignment.links[1]
    assert (link.mark, link.note, link.status) == ("bad", "  «term» wrong\nsee p. 2  ", "auto")
    history.undo()
    assert history.alignment.links[1].note == ""
    history.undo()
    assert history.alignment.links[1] == sample().links[1]
    history.redo()
    assert history.alignment.links[1].mark == "bad"


def test_blank_note_removes_it_and_unknown_mark_is_refused() -> None:
    noted = apply_all(sample(), [Op("set_note", {"k": 0, "note": "x"}),
                                 Op("set_note", {"k": 0, "note": " \n "})])
    assert noted.links[0].note == ""
    with pytest.raises(EditError, match="unknown mark"):
        apply_all(sample(), [Op("set_mark", {"k": 0, "mark": "ugly"})])
    assert History(sample()).apply(Op("set_mark", {"k": 0, "mark": ""})) is None


def test_merge_keeps_notes_and_the_gravest_mark() -> None:
    a = apply_all(sample(), [Op("set_mark", {"k": 5, "mark": "needs-work"}),
                             Op("set_note", {"k": 5, "note": "one"}),
                             Op("set_mark", {"k": 6, "mark": "bad"}),
                             Op("set_note", {"k": 6, "note": "two"}),
                             Op("merge_next", {"k": 5})])
    merged = a.links[5]
    assert (merged.mark, merged.note) == ("bad", "one\n\ntwo")
    assert carried(Link((0,), (0,), note="same"), Link((1,), (1,), note="same"))["note"] == "same"


@pytest.mark.parametrize("op", [
    Op("merge_next", {"k": 0}), Op("split_link", {"k": 3, "src_at": 1, "tgt_at": 1}),
    Op("pull_up", {"k": 0, "side": "target"}), Op("push_down", {"k": 3, "side": "source"}),
    Op("edit_text", {"side": "source", "index": 0, "text": "Новый заголовок"}),
    Op("split_paragraph", {"side": "source", "index": 1, "at": 14})])
def test_a_hand_fix_says_a_person_made_the_link(op: Op) -> None:
    after = op.apply(sample())
    made = [link for link in after.links if link.hand_made]
    assert made and all(link.score == HAND_SCORE for link in made)


def test_split_halves_keep_the_note_and_lose_the_stale_score() -> None:
    a = apply_all(sample(), [Op("set_note", {"k": 3, "note": "two paragraphs, one"}),
                             Op("split_link", {"k": 3, "src_at": 1, "tgt_at": 1})])
    first, second = a.links[3], a.links[4]
    assert first.score == second.score == HAND_SCORE != sample().links[3].score
    assert first.note == second.note == "two paragraphs, one"


def test_sentence_confirmation_toggles_and_edit_text_drops_it() -> None:
    on = apply_all(sample(), [Op("confirm_sentence", {"k": 1, "src": [1], "tgt": [1]}),
                              Op("confirm_sentence", {"k": 1, "src": [0], "tgt": [0]})])
    assert on.links[1].confirmed_sentences == (((0,), (0,)), ((1,), (1,)))
    off = Op("confirm_sentence", {"k": 1, "src": [0], "tgt": [0], "confirmed": False}).apply(on)
    assert off.links[1].confirmed_sentences == (((1,), (1,)),)
    edited = Op("edit_text", {"side": "target", "index": 1, "text": "Other."}).apply(on)
    assert edited.links[1].confirmed_sentences == ()
    with pytest.raises(EditError, match="not a run"):
        Op("confirm_sentence", {"k": 1, "src": [0, 2], "tgt": [0]}).apply(sample())


def test_confirm_through_leaves_the_held_back_links() -> None:
    a = Op("set_mark", {"k": 1, "mark": "needs-work"}).apply(sample())
    flags = {5: ["a flag"]}
    held = held_back(a.links, 5, flags)
    assert held == [1, 3, 5]  # marked, low (0.45), QA-flagged
    done = Op("confirm_through", {"k": 5, "skip": held}).apply(a)
    assert [link.status for link in done.links] == ["confirmed", "auto", "confirmed", "auto",
                                                    "confirmed", "auto", "auto"]
    reasons = held_back_reasons(a.links, held, flags)
    assert reasons == {"QA-flagged": 1, "marked": 1, "low-confidence": 1}
    assert (confirm_through_report(3, reasons, 3)
            == "confirmed 3 links; 3 links left for you (1 QA-flagged, 1 marked, "
               "1 low-confidence)")
    assert (confirm_through_report(118, {"QA-flagged": 2}, 2)
            == "confirmed 118 links; 2 flagged links left for you")
