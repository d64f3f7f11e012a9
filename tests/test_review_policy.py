"""The review policy: which links are low, which need a look, and the counts a review
shows; the UI, ``sverka check`` and ``sverka batch`` must agree on every one."""

from __future__ import annotations

import random

import pytest

from align.batch.job import describe
from align.check import CheckSettings, check_alignment
from align.edit import EditError, History, Op
from align.model import Link
from align.review_policy import LOW_CONFIDENCE, Counts, is_low, is_nonstandard, needs_look
from tui_support import sample


def test_low_is_strictly_below_the_threshold():
    assert is_low(Link((0,), (0,), LOW_CONFIDENCE - 0.01))
    assert not is_low(Link((0,), (0,), LOW_CONFIDENCE))
    assert is_low(Link((0,), (0,), 0.7), below=0.8)
    assert not is_low(Link((0,), (0,), 0.7), below=0.7)


@pytest.mark.parametrize("status", ["confirmed", "edited"])
def test_reviewed_links_are_never_low_and_never_need_a_look(status):
    link = Link((0, 1), (0,), 0.01, status)
    assert not is_low(link)
    assert not needs_look(link, flagged=True)
    assert is_nonstandard(link)  # still a 2-1: only the "needs a look" verdict changes


def test_one_sided_links_are_not_low_but_need_a_look():
    for link in (Link((0,), (), 0.1), Link((), (0,), 0.1)):
        assert not is_low(link)
        assert is_nonstandard(link)
        assert needs_look(link, flagged=False)


def test_needs_look_for_each_reason_alone():
    sure_one_to_one = Link((0,), (0,), 0.9)
    assert not needs_look(sure_one_to_one, flagged=False)
    assert needs_look(sure_one_to_one, flagged=True)
    assert needs_look(Link((0,), (0,), 0.2), flagged=False)
    assert needs_look(Link((0,), (0, 1), 0.9), flagged=False)


def test_counts_of_the_sample():
    links = sample().links  # 1-1s, a 0-1, a low 2-1, a 1-0
    counts = Counts.of(links, flagged={3, 5, 99})  # 99: not a link of these, not counted
    assert counts == Counts(low=1, nonstandard=3, flagged=2, auto=7, confirmed=0, edited=0)
    assert counts.reviewed == 0


def test_counts_after_edits_add_up_from_the_changed_links():
    """What the UI does on every key: subtract the links a step replaced, add the new ones;
    the result must equal a recount, through merges, splits, confirms and undos."""
    rng = random.Random(7)
    history = History(sample())
    counts = Counts.of(history.alignment.links)
    names = ["merge_next", "confirm", "confirm_through", "split_link"]
    for _ in range(80):
        n = len(history.alignment.links)
        try:
            if rng.random() < 0.25:
                step, undo = history.undo(), True
            else:
                name = rng.choice(names)
                args = {"k": rng.randrange(n)}
                if name == "split_link":
                    args |= {"src_at": 1, "tgt_at": 1}
                step, undo = history.apply(Op(name, args)), False
        except EditError:
            continue
        if step is None:
            continue
        before, after = step.change.before, step.change.after
        removed, added = (after, before) if undo else (before, after)
        counts = counts - Counts.of(removed) + Counts.of(added)
        assert counts == Counts.of(history.alignment.links)
    assert counts.reviewed > 0  # the walk did confirm something


def test_confirming_a_low_link_moves_it_out_of_low_and_auto():
    history = History(sample())
    history.apply(Op("confirm", {"k": 3}))  # the low 2-1
    counts = Counts.of(history.alignment.links)
    assert (counts.low, counts.auto, counts.confirmed) == (0, 6, 1)
    assert counts.nonstandard == 3


def test_check_and_batch_use_the_same_low_links():
    alignment = sample()
    assert CheckSettings().low_confidence == LOW_CONFIDENCE
    flagged = {flag.link for flag in check_alignment(alignment, codes=["low-confidence"])}
    assert flagged == {k for k, link in enumerate(alignment.links) if is_low(link)} == {3}
    assert describe(alignment, "sample", "aligned").flagged == len(flagged)
