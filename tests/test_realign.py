"""align.realign: realign only between reviewed links, and onto input files that changed."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from align.aligner import align_documents
from align.edit import History, Op, move_op, realign
from align.ingest import read_document
from align.model import Alignment, Document, Link, Segment
from align.project import load, save
from align.realign import (INPUTS_KEY, RealignPlan, anchors_in, changed_inputs, changed_links,
                           digests_after, documents_after, gaps, input_digests,
                           realign_around, realign_inputs)

ORIGINAL = ["Первый абзац о 1991 годе.", "Второй абзац, 12 человек.", "Третий абзац: 300 км.",
            "Четвёртый абзац, 45 минут.", "Пятый абзац о 2020 годе."]
TRANSLATION = ["The first paragraph, about 1991.", "The second paragraph, 12 people.",
               "The third paragraph: 300 km.", "The fourth paragraph, 45 minutes.",
               "The fifth paragraph, about 2020."]


def document(lang: str, texts: list[str]) -> Document:
    return Document(lang, tuple(Segment(text) for text in texts))


def one_to_one(statuses: str) -> Alignment:
    """Five 1-1 links over ORIGINAL/TRANSLATION; ``statuses``: a = auto, c = confirmed,
    e = edited, one letter per link."""
    names = {"a": "auto", "c": "confirmed", "e": "edited"}
    links = tuple(Link((k,), (k,), 0.9, names[s]) for k, s in enumerate(statuses))
    return Alignment(document("ru", ORIGINAL), document("en", TRANSLATION), links,
                     {"level": "paragraph"})


def scrambled(statuses: str) -> Alignment:
    """``one_to_one(statuses)`` with links 2 and 3 joined into one wrong 2-2 auto link."""
    a = one_to_one(statuses)
    links = a.links
    wrong = Link((1, 2), (1, 2), 0.3, "auto")
    return a.with_links(links[:1] + (wrong,) + links[3:])


# ---------------------------------------------------------------------------- gaps

def test_gaps_are_the_runs_of_auto_links_in_the_range():
    links = one_to_one("caaca").links
    assert gaps(links, 0, 4) == [(1, 3), (4, 5)]
    assert gaps(links, 1, 2) == [(1, 3)]
    assert gaps(links, 0, 0) == [] and gaps(links, 3, 3) == []


def test_realign_keeps_reviewed_links_and_aligns_each_gap():
    a = scrambled("caaea")  # links: c, 2-2 auto, e(3), a(4)
    b = realign(a, 0, len(a.links) - 1)
    assert b.links[0] is a.links[0]  # the confirmed link, untouched
    assert Link((3,), (3,), 0.9, "edited") in b.links  # the edited one, untouched
    assert [(l.src, l.tgt) for l in b.links] == [((k,), (k,)) for k in range(5)]
    assert [l.status for l in b.links] == ["confirmed", "auto", "auto", "edited", "auto"]


def test_realign_never_moves_a_reviewed_link_even_a_wrong_one():
    a = scrambled("aaaaa")
    wrong = a.with_links(a.links[:1] + (replace(a.links[1], status="confirmed"),)
                         + a.links[2:])
    b = realign(wrong, 0, len(wrong.links) - 1)
    assert b.links[1] == wrong.links[1]  # the person's 2-2 stays, however odd it looks


def test_a_range_of_reviewed_links_has_no_gap_and_says_so():
    a = one_to_one("accca")
    plan = RealignPlan.of(a, 3, 1)
    assert (plan.first, plan.last, plan.gaps, plan.kept) == (1, 3, (), 3)
    assert plan.nothing_to_do() == ("nothing to realign: links 2–4 are all confirmed "
                                    "or edited")
    assert realign(a, 1, 3) == a


def test_the_report_counts_gaps_changed_links_and_kept_ones():
    a = scrambled("caaea")
    last = len(a.links) - 1
    plan = RealignPlan.of(a, 0, last)
    assert (plan.gaps, plan.kept) == (((1, 2), (3, 4)), 2)
    step = History(a).apply(Op("realign", {"first": 0, "last": last}))
    changed = changed_links(step.change.before, step.change.after)
    assert changed == 2  # the wrong 2-2 became two 1-1s; link 5 was found again
    assert plan.report(changed) == "realigned 2 gaps: 2 links changed, 2 confirmed kept"


def test_undo_of_a_realign_restores_the_state_before_exactly():
    a = scrambled("caaea")
    history = History(a)
    history.apply(Op("realign", {"first": 0, "last": len(a.links) - 1}))
    assert history.alignment != a
    history.undo()
    assert history.alignment == a
    history.redo()
    assert [l.type for l in history.alignment.links] == ["1-1"] * 5


# ---------------------------------------------------------------------------- changed inputs

def write_texts(folder: Path, original: list[str], translation: list[str]) -> tuple[Path, Path]:
    ru, en = folder / "ru.txt", folder / "en.txt"
    ru.write_text("\n\n".join(original) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(translation) + "\n", encoding="utf-8")
    return ru, en


@pytest.fixture
def aligned(tmp_path: Path, monkeypatch) -> Path:
    """A project aligned from ru.txt/en.txt in ``tmp_path`` (the folder it ran in), its
    links 1, 2 and 4 confirmed, saved as pair.align.json."""
    monkeypatch.chdir(tmp_path)
    write_texts(tmp_path, ORIGINAL, TRANSLATION)
    a = align_documents(read_document(Path("ru.txt"), "ru"), read_document(Path("en.txt"), "en"))
    links = tuple(replace(link, status="confirmed") if k in (0, 1, 3) else link
                  for k, link in enumerate(a.links))
    path = tmp_path / "pair.align.json"
    save(a.with_links(links), path)
    return path


def test_the_first_save_records_the_inputs_and_later_saves_keep_them(aligned):
    meta = load(aligned).meta
    assert meta[INPUTS_KEY] == input_digests(load(aligned))
    assert set(meta[INPUTS_KEY]) == {"source", "target"}
    Path("en.txt").write_text("changed\n", encoding="utf-8")
    save(load(aligned), aligned)  # a later save: the digests as aligned stay
    assert load(aligned).meta[INPUTS_KEY] == meta[INPUTS_KEY]


def test_an_unchanged_pair_reports_nothing(aligned):
    assert changed_inputs(load(aligned), aligned) == []


def test_a_paragraph_added_to_the_translation_is_named(aligned):
    write_texts(aligned.parent, ORIGINAL, TRANSLATION[:2] + ["A new paragraph."]
                + TRANSLATION[2:])
    [change] = changed_inputs(load(aligned), aligned)
    assert (change.side, change.path.name, change.added, change.removed, change.changed) == (
        "target", "en.txt", 1, 0, 0)
    assert change.describe() == ("en.txt (the translation) changed since it was aligned: "
                                 "1 paragraph added")


def test_inputs_are_found_beside_the_project_from_another_folder(aligned, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    write_texts(aligned.parent, ORIGINAL[:4], TRANSLATION)
    [change] = changed_inputs(load(aligned), aligned)
    assert (change.side, change.removed) == ("source", 1)


def test_a_missing_input_or_a_project_without_digests_reports_nothing(aligned):
    project = load(aligned)
    Path("en.txt").unlink()
    assert changed_inputs(project, aligned) == []
    bare = Alignment(project.source, project.target, project.links,
                     {k: v for k, v in project.meta.items() if k != INPUTS_KEY})
    assert changed_inputs(bare, aligned) == []


def test_realign_onto_changed_inputs_keeps_the_confirmed_links(aligned):
    write_texts(aligned.parent, ORIGINAL, TRANSLATION[:2] + ["A new paragraph."]
                + TRANSLATION[2:])
    project = load(aligned)
    changes = changed_inputs(project, aligned)
    source, target = documents_after(project, changes)
    assert source is project.source and len(target) == 6
    anchors = anchors_in(project, source, target)
    assert [(l.src, l.tgt) for l in anchors] == [((0,), (0,)), ((1,), (1,)), ((3,), (4,))]
    moved = realign_inputs(project, source, target, digests_after(project, changes))
    history = History(project)
    history.apply(move_op(moved))
    assert history.alignment == moved  # the step carries the result, replayed as it is
    assert moved.target.texts[2] == "A new paragraph."
    assert [l for l in moved.links if l.reviewed] == anchors
    assert changed_inputs(moved, aligned) == []  # the digests now match the files
    history.undo()
    assert history.alignment == project


def test_a_confirmed_link_whose_text_changed_is_not_kept(aligned):
    edited = TRANSLATION[:1] + ["The second paragraph, 13 people."] + TRANSLATION[2:]
    write_texts(aligned.parent, ORIGINAL, edited)
    project = load(aligned)
    [change] = changed_inputs(project, aligned)
    assert (change.added, change.removed, change.changed) == (0, 0, 1)
    source, target = documents_after(project, [change])
    assert [(l.src, l.tgt) for l in anchors_in(project, source, target)] == [
        ((0,), (0,)), ((3,), (3,))]


def test_anchors_cover_the_documents_between_them():
    source, target = document("ru", ORIGINAL), document("en", TRANSLATION)
    anchors = [Link((1,), (1,), 1.0, "confirmed"), Link((3,), (3,), 1.0, "edited")]
    links = realign_around(source, target, anchors)
    assert [i for l in links for i in l.src] == list(range(5))
    assert [j for l in links for j in l.tgt] == list(range(5))
    assert anchors[0] in links and anchors[1] in links


def test_a_one_sided_confirmed_link_is_kept_only_next_to_a_kept_link():
    source = document("ru", ORIGINAL[:3])
    target = document("en", TRANSLATION[:1] + ["Source: a credit."] + TRANSLATION[1:3])
    links = (Link((0,), (0,), 0.9, "confirmed"), Link((), (1,), 0.9, "confirmed"),
             Link((1,), (2,), 0.9, "auto"), Link((2,), (3,), 0.9, "confirmed"))
    a = Alignment(source, target, links, {"level": "paragraph"})
    longer = document("en", target.texts + ["An added paragraph."])
    assert anchors_in(a, source, longer) == [links[0], links[1], links[3]]
    moved = realign_around(source, longer, anchors_in(a, source, longer))
    assert moved[:2] == list(links[:2])  # the credit stays where the person put it
    assert [j for link in moved for j in link.tgt] == list(range(5))
    loose = a.with_links((replace(links[0], status="auto"),) + links[1:])
    assert anchors_in(loose, source, longer) == [links[3]]  # the credit follows nothing kept


def numbered(count: int, wrong_anchor: bool = False) -> Alignment:
    """``count`` 1-1 paragraphs; every third link confirmed, the two auto links between
    joined into one wrong 2-2. With ``wrong_anchor`` one confirmed link pairs paragraph 9
    with the next one's translation (the aligner's path would cross it)."""
    source = document("ru", [f"Абзац {n}: {n * 37} человек, {n * 11 + 5} км." for n in range(count)])
    target = document("en", [f"Paragraph {n}: {n * 37} people, {n * 11 + 5} km." for n in range(count)])
    links = []
    for n in range(0, count, 3):
        links.append(Link((n,), (n,), 0.9, "confirmed"))
        if n + 2 < count:
            links.append(Link((n + 1, n + 2), (n + 1, n + 2), 0.5, "auto"))
    if wrong_anchor:  # 7-8 → 7-9 and 10-11 → 11 (auto) around a confirmed 9 → 10
        k = next(k for k, link in enumerate(links) if link.src == (9,))
        links[k - 1] = Link((7, 8), (7, 8, 9), 0.5, "auto")
        links[k] = Link((9,), (10,), 0.9, "confirmed")
        links[k + 1] = Link((10, 11), (11,), 0.5, "auto")
    return Alignment(source, target, tuple(links), {"level": "paragraph"})


@pytest.mark.parametrize("few", [0, 1000])
def test_many_gaps_are_cut_from_one_pass_and_give_what_gap_by_gap_gives(monkeypatch, few):
    import align.realign

    monkeypatch.setattr(align.realign, "FEW_GAPS", few)
    a = numbered(30)
    b = realign(a, 0, len(a.links) - 1)
    assert [(l.src, l.tgt) for l in b.links] == [((n,), (n,)) for n in range(30)]
    assert [l for l in b.links if l.reviewed] == [l for l in a.links if l.reviewed]


def test_a_gap_the_one_pass_crosses_is_aligned_on_its_own(monkeypatch):
    import align.realign

    monkeypatch.setattr(align.realign, "FEW_GAPS", 0)
    calls = []
    one_pass = align.realign.align_segments
    monkeypatch.setattr(align.realign, "align_segments",
                        lambda *args: calls.append(args[2]) or one_pass(*args))
    a = numbered(30, wrong_anchor=True)
    b = realign(a, 0, len(a.links) - 1)  # the model checks full, monotone coverage
    assert calls == [range(1, 30), range(7, 9), range(10, 12)]  # the pass, then the two
    assert Link((9,), (10,), 0.9, "confirmed") in b.links
    assert [l for l in b.links if l.reviewed] == [l for l in a.links if l.reviewed]
    assert ((15,), (15,)) in [(l.src, l.tgt) for l in b.links]  # gaps further on: 1-1 again
