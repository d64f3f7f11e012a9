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
