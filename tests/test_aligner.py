"""The aligner on short texts we wrote, in three language pairs and both levels."""

from pathlib import Path

import pytest

from align.aligner import Settings, align_documents
from align.options import PairOptions
from align.pairing import PairRequest, align_request

TEXTS = Path(__file__).parent / "texts"


def _links(alignment) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(link.src, link.tgt) for link in alignment.links}


CASES = {
    # caption left out (1-0), one paragraph split in two (1-2), a credit added (0-1)
    "ru-en": {((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3, 4)),
              ((5,), (5,)), ((), (6,))},
    # one paragraph split in two (1-2), no detection hints given
    "uk-en": {((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,))},
    # a Latin-script pair: the photo credit has no counterpart
    "de-fr": {((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), ()),
              ((5,), (4,))},
}


@pytest.mark.parametrize("pair", sorted(CASES))
def test_paragraph_alignment_is_exact(pair: str) -> None:
    src, tgt = pair.split("-")
    alignment = align_request(PairRequest(TEXTS / f"{pair}.{src}.txt", TEXTS / f"{pair}.{tgt}.txt"))
    assert alignment.source.lang == src and alignment.target.lang == tgt
    assert _links(alignment) == CASES[pair]


def test_confidence_is_the_posterior_the_clear_links_high_and_a_needless_merge_low() -> None:
    from align.aligner import LinkScorer
    from align.search import Lattice, Step, Window, link_shapes

    alignment = align_request(PairRequest(TEXTS / "ru-en.ru.txt", TEXTS / "ru-en.en.txt",
                                          PairOptions(no_lexicon=True)))
    ones = [link for link in alignment.links if link.type == "1-1"]
    assert min(link.score for link in ones) > 0.9
    source, target = alignment.source, alignment.target
    lattice = Lattice(len(source), len(target), link_shapes(4),
                      LinkScorer(source, target, Settings()).cost,
                      Window.band(len(source), len(target), 12))
    first, second = ones[0], ones[1]  # two clear 1-1 links in a row, merged into a 2-2
    assert (first.src[0] + 1, first.tgt[0] + 1) == (second.src[0], second.tgt[0])
    merged = Step(first.src[0], first.tgt[0], 2, 2, 0.0)
    assert lattice.posteriors([merged], Settings().weights.temperature)[0] < 0.05


def test_sentence_level_splits_and_aligns_inside_paragraphs() -> None:
    alignment = align_request(PairRequest(TEXTS / "ru-en.ru.txt", TEXTS / "ru-en.en.txt",
                                          PairOptions(level="sentence")))
    assert alignment.level == "sentence"
    texts = [(alignment.source_text(l), alignment.target_text(l)) for l in alignment.links]
    assert ("Наблюдатели из Москвы и Томска сообщили о 14 нарушениях на участках.",
            "Observers from Moscow and Tomsk reported 14 violations at polling stations.") in texts
    assert ("Избирательная комиссия обещала проверить каждую жалобу до 20 марта.",
            "The election commission promised to check every complaint by 20 March.") in texts
    assert any(src.startswith("Её лидер Анна Соколова") and tgt.startswith("Its leader Anna")
               for src, tgt in texts)


def test_max_link_two_allows_only_one_to_one_and_one_sided() -> None:
    alignment = align_request(PairRequest(TEXTS / "uk-en.uk.txt", TEXTS / "uk-en.en.txt",
                                          PairOptions(max_link=2)))
    assert {link.type for link in alignment.links} <= {"1-1", "1-0", "0-1"}


@pytest.mark.parametrize("pair", sorted(CASES))
@pytest.mark.parametrize("off", ["length", "anchors", "chrf"])
def test_no_one_signal_is_needed_on_clean_short_texts(pair: str, off: str) -> None:
    """The signals overlap: with any one of them left out the rest still find every link
    (an ablation that broke the scorer, or a signal that outvotes the others, fails)."""
    src, tgt = pair.split("-")
    alignment = align_request(PairRequest(TEXTS / f"{pair}.{src}.txt", TEXTS / f"{pair}.{tgt}.txt"),
                              Settings(signals_off=frozenset({off})))
    assert _links(alignment) == CASES[pair]
