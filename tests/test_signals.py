"""The Signal interface: one list of signals, summed by the scorer, switched off by name,
with a cheap stand-in for the corridor search; and the signals that read segment kinds."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

import align.aligner as aligner
from align.aligner import LinkScorer, Settings, align_documents
from align.model import Document, Segment
from align.pairing import PairRequest, read_pair
from align.search import Step
from align.signals.background import background_mean_spread, background_pairs, median, quantile
from align.signals.kinds import HeadingMismatch, KindInMerge, KindMismatch
from align.signals.length import LengthCost
from align.signals.lexical import ChrfCost, ChrfSimilarity

TEXTS = Path(__file__).parent / "texts"
SHAPES = [(1, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3)]


def _pair() -> tuple[Document, Document]:
    return read_pair(PairRequest(TEXTS / "ru-en.ru.txt", TEXTS / "ru-en.en.txt"))


def _candidates(source: Document, target: Document, a: int, b: int
                ) -> tuple[np.ndarray, np.ndarray]:
    """Every start of an a-b link that fits inside the pair."""
    i, j = np.meshgrid(np.arange(len(source) - a + 1), np.arange(len(target) - b + 1))
    return i.ravel(), j.ravel()


def test_signal_names_are_unique_and_an_unknown_one_is_refused() -> None:
    names = [signal.name for signal in aligner.SIGNALS]
    assert len(set(names)) == len(names)
    with pytest.raises(ValueError, match="no signal named chrF"):
        Settings(signals_off=frozenset({"chrF"}))


def test_leaving_a_signal_out_removes_exactly_its_weighted_cost() -> None:
    source, target = _pair()
    full = LinkScorer(source, target, Settings())
    assert {type(signal) for signal in full.signals} >= {LengthCost, ChrfCost, KindMismatch}
    for signal in full.signals:
        without = LinkScorer(source, target, Settings(signals_off=frozenset({signal.name})))
        assert all(type(other) is not type(signal) for other in without.signals)
        for a, b in SHAPES:
            i, j = _candidates(source, target, a, b)
            share = signal.weight * signal.costs(a, b, i, j)
            np.testing.assert_allclose(full.cost(a, b, i, j) - without.cost(a, b, i, j), share,
                                       atol=1e-9)


def test_a_link_costs_its_prior_plus_the_signals() -> None:
    source, target = _pair()
    scorer = LinkScorer(source, target, Settings())
    for a, b in SHAPES:
        i, j = _candidates(source, target, a, b)
        expected = Settings().weights.prior[(a, b)] + sum(
            signal.weight * signal.costs(a, b, i, j) for signal in scorer.signals)
        np.testing.assert_allclose(scorer.cost(a, b, i, j), expected, atol=1e-9)


class _Veto:
    """A toy signal that forbids pairing the second segments of the two sides."""

    name: ClassVar[str] = "veto"
    weight = 100.0

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings) -> "_Veto":
        return cls()

    def costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return ((i <= 1) & (i + a > 1) & (j <= 1) & (j + b > 1)).astype(float)

    def proxy(self) -> None:
        return None


def test_a_new_signal_is_one_entry_in_the_list(monkeypatch) -> None:
    source, target = _pair()
    before = {(link.src, link.tgt) for link in align_documents(source, target).links}
    assert ((1,), (1,)) in before
    monkeypatch.setattr(aligner, "SIGNALS", aligner.SIGNALS + (_Veto,))
    vetoed = {(link.src, link.tgt) for link in align_documents(source, target).links}
    assert not any(1 in src and 1 in tgt for src, tgt in vetoed)
    switched_off = align_documents(source, target, Settings(signals_off=frozenset({"veto"})))
    assert {(link.src, link.tgt) for link in switched_off.links} == before


def test_the_proxy_pass_swaps_only_signals_with_a_stand_in() -> None:
    source, target = _pair()
    scorer = LinkScorer(source, target, Settings())
    i, j = _candidates(source, target, 1, 1)
    exact = scorer.cost(1, 1, i, j)
    scorer.use_proxy(True)
    assert scorer.proxied
    proxy = scorer.cost(1, 1, i, j)
    assert not np.allclose(proxy, exact)
    [chrf] = [signal for signal in scorer.signals if isinstance(signal, ChrfCost)]
    assert isinstance(chrf.similarity, ChrfSimilarity)
    stand_in = chrf.proxy()
    assert stand_in is not None and stand_in.proxy() is None
    others = exact - chrf.weight * chrf.costs(1, 1, i, j)
    np.testing.assert_allclose(proxy, others + chrf.weight * stand_in.costs(1, 1, i, j),
                               atol=1e-9)
    scorer.use_proxy(False)
    assert not scorer.proxied
    np.testing.assert_array_equal(scorer.cost(1, 1, i, j), exact)


def test_without_chrf_there_is_no_proxy_pass() -> None:
    source, target = _pair()
    scorer = LinkScorer(source, target, Settings(signals_off=frozenset({"chrf"})))
    scorer.use_proxy(True)
    assert not scorer.proxied
    assert not any(isinstance(signal, ChrfCost) for signal in scorer.signals)


KINDS = Document("ru", (Segment("Заголовок", "heading"), Segment("Текст."),
                        Segment("Фото: автор", "caption"), Segment("Примечание", "note")))
OTHER = Document("en", (Segment("Title", "heading"), Segment("Text."),
                        Segment("Credit: author", "credit"), Segment("Photo", "caption")))


def test_a_no_counterpart_kind_costs_inside_a_merge_once_per_side() -> None:
    signal = KindInMerge(KINDS, OTHER, 1.0)
    one = np.array([1])
    assert signal.costs(1, 1, np.array([2]), np.array([2]))[0] == 0  # 1-1 is no merge
    assert signal.costs(2, 1, one, one)[0] == 1  # source body + caption
    assert signal.costs(2, 2, one, one)[0] == 2  # and target body + credit
    assert signal.costs(2, 1, np.array([0]), np.array([0]))[0] == 0  # heading + body


def test_a_heading_opposite_a_non_heading_costs() -> None:
    signal = HeadingMismatch(KINDS, OTHER, 1.0)
    assert list(signal.costs(1, 1, np.array([0, 0, 1]), np.array([0, 1, 1]))) == [0, 1, 0]
    assert signal.costs(2, 1, np.array([0]), np.array([0]))[0] == 0  # a merge holding one


def test_a_special_kind_pairs_only_with_its_own_kind() -> None:
    signal = KindMismatch(KINDS, OTHER, 1.0)
    i, j = np.array([2, 2, 3, 1]), np.array([3, 2, 2, 0])
    # caption–caption, caption–credit, note–credit, body–heading (no special kind)
    assert list(signal.costs(1, 1, i, j)) == [0, 1, 1, 0]


BOX_SOURCE = Document("en", (
    Segment("GOING FURTHER IPv6", "note"),
    Segment("Some network commands work with IPv4 or with IPv6, among them nmap and ping."),
    Segment("NOTE This section applies to the stable release only.", "note"),
    Segment("The switch to Debian will be gradual for a small business.")))
BOX_TARGET = Document("ru", (
    Segment("УГЛУБЛЯЕМСЯ IPv6 Некоторые сетевые команды работают с IPv4 или с IPv6, "
            "среди них nmap и ping."),
    Segment("Переход на Debian будет постепенным для малого бизнеса.")))


def test_a_box_title_may_merge_with_its_text_when_the_other_side_opens_the_same_box() -> None:
    merge, mismatch = KindInMerge(BOX_SOURCE, BOX_TARGET, 1.0), KindMismatch(BOX_SOURCE,
                                                                             BOX_TARGET, 1.0)
    box = (np.array([0]), np.array([0]))  # "GOING FURTHER IPv6" + its text ↔ one paragraph
    assert merge.costs(2, 1, *box)[0] == 0
    assert mismatch.costs(2, 1, *box)[0] == 0
    glued = (np.array([2]), np.array([1]))  # a stray note glued onto a body paragraph
    assert merge.costs(2, 1, *glued)[0] == 1
    assert mismatch.costs(2, 1, *glued)[0] == 1


GLUED_SOURCE = Document("en", (
    Segment("Before SSH, Telnet and RSH were the main tools used to log in remotely."),
    Segment("VOCABULARY Authentication, encryption", "note"),
    Segment("NOTE This section applies to the stable release only.", "note")))
GLUED_TARGET = Document("ru", (
    Segment("До SSH основными средствами удалённого доступа были Telnet и RSH. "
            "СЛОВАРЬ Аутентификация, шифрование"),
    Segment("Переход на Debian будет постепенным для малого бизнеса.")))


def test_a_box_title_may_merge_with_the_paragraph_the_translation_glued_it_to() -> None:
    merge = KindInMerge(GLUED_SOURCE, GLUED_TARGET, 1.0)
    assert merge.costs(2, 1, np.array([0]), np.array([0]))[0] == 0  # the label is inside
    # the other side holds no box label: the note stays out of the merge
    assert merge.costs(2, 1, np.array([1]), np.array([1]))[0] == 1
    reverse = KindInMerge(GLUED_TARGET, GLUED_SOURCE, 1.0)
    assert reverse.costs(1, 2, np.array([0]), np.array([0]))[0] == 0


def test_background_pairs_stay_far_from_the_diagonal() -> None:
    i, j = background_pairs(100, 150)
    assert len(i) == 400
    assert (np.abs(j - i * 1.5) >= 10).all()
    assert len(background_pairs(3, 100)[0]) == 0


def test_background_pairs_are_distinct_so_a_short_text_falls_back() -> None:
    i, j = background_pairs(100, 150)
    assert len(set(zip(i.tolist(), j.tolist()))) == len(i)
    # six sentences a side have a dozen far pairs: too few to set a spread on
    i, j = background_pairs(6, 6)
    assert 0 < len(i) < 20 and len(set(zip(i.tolist(), j.tolist()))) == len(i)
    assert background_mean_spread(np.zeros(len(i)), (0.04, 0.04), sparse_scores=True) == (
        0.04, 0.04)


def test_background_mean_and_spread_are_robust_and_fall_back_when_few() -> None:
    assert background_mean_spread(np.arange(19.0), (12.0, 4.0)) == (12.0, 4.0)
    scores = np.concatenate([np.full(30, 10.0), np.full(30, 12.0), [1000.0]])
    mean, spread = background_mean_spread(scores, (12.0, 4.0))
    assert mean == 12.0 and spread == pytest.approx(1.4826 * 2.0)  # the outlier is ignored
    assert background_mean_spread(np.full(30, 5.0), (12.0, 4.0)) == (5.0, 1.0)  # floor


def test_sparse_scores_spread_is_not_zero_when_most_random_pairs_share_nothing() -> None:
    """A dictionary's score on short lines: two thirds of random pairs share no word."""
    scores = np.concatenate([np.zeros(40), np.linspace(0.05, 0.3, 20)])
    mean, deviation = background_mean_spread(scores, (0.04, 0.04))
    assert mean == 0.0 and deviation == 0.01  # the floor: one shared word is 12 spreads
    mean, spread = background_mean_spread(scores, (0.04, 0.04), sparse_scores=True)
    assert mean == 0.0 and spread == pytest.approx(np.quantile(scores, 0.8413))
    assert spread > 0.1


def test_the_anchors_meet_clock_times_and_multipliers_as_the_check_reads_them() -> None:
    from align.signals.anchor_cost import AnchorCost
    from align.signals.anchors import AnchorCounts

    source = ["График работы с 10.00 до 21.00.", "Нас посетили 11 тысяч человек."]
    target = ["Open from 10:00 a.m. to 9:00 p.m.", "We had 11,000 visitors."]
    cost = AnchorCost(AnchorCounts(source, target), Settings().weights)
    right = cost.costs(1, 1, np.array([0, 1]), np.array([0, 1]))
    crossed = cost.costs(1, 1, np.array([0, 1]), np.array([1, 0]))
    weights = Settings().weights
    assert right.tolist() == [-2 * weights.number_match, -weights.number_match]
    assert (crossed > 0).all()


def test_the_length_signals_normal_tail_is_scipys_log_ndtr() -> None:
    """log P(Z > x) in numpy (scipy.special stays out of start-up) agrees with scipy to
    about machine precision, across Cody's three ranges and far into the tail."""
    from scipy.special import log_ndtr

    from align.signals.length import log_normal_tail

    x = np.concatenate([np.linspace(0.0, 60.0, 20001), np.geomspace(1e-300, 1e4, 2001),
                        [0.0, 0.66291, np.sqrt(32.0)]])
    ours, theirs = log_normal_tail(x), log_ndtr(-x)
    assert np.all(np.isfinite(ours))
    assert np.max(np.abs(ours - theirs) / np.abs(theirs)) < 4e-15


def test_the_background_median_is_numpys() -> None:
    from align.signals.background import median

    rng = np.random.default_rng(5)
    for n in range(1, 40):
        values = np.round(rng.normal(size=n), 1 if n % 3 else 6)
        assert median(values) == float(np.median(values))
    assert np.isnan(median(np.array([1.0, np.nan, 2.0])))


@pytest.mark.parametrize("size", [1, 2, 3, 20, 401, 1000])
def test_quantile_and_median_are_numpys_to_the_last_bit(size: int) -> None:
    """The background's own quantile and median (no numpy.ma import) give np.quantile's
    and np.median's values exactly, ties and repeated values included."""
    rng = np.random.default_rng(size)
    for values in (rng.normal(size=size), rng.integers(0, 4, size) / 7.0):
        for q in (0.0, 0.1, 0.25, 0.5, 0.8413, 0.9, 0.99, 1.0):
            assert quantile(values, q) == np.quantile(values, q)
        assert median(values) == np.median(values)
    assert np.isnan(quantile(np.array([1.0, np.nan]), 0.5))
