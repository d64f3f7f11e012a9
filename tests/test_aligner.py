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


def test_confidence_is_lower_for_wrong_links_than_for_right_ones() -> None:
    from align.aligner import LinkScorer, confidences
    from align.search import Step

    alignment = align_request(PairRequest(TEXTS / "ru-en.ru.txt", TEXTS / "ru-en.en.txt"))
    scorer = LinkScorer(alignment.source, alignment.target, Settings())
    right = [Step(l.src[0], l.tgt[0], 1, 1, 0.0) for l in alignment.links if l.type == "1-1"]
    wrong = [Step(s.i, (s.j + 2) % len(alignment.target), 1, 1, 0.0) for s in right]
    assert confidences(scorer, wrong).mean() < confidences(scorer, right).mean() - 0.2


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
