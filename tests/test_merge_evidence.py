"""A merge must bring evidence for each of its parts (``MergeGain`` reading a dictionary):
a line with no counterpart stays one-sided instead of being glued onto a neighbour, and a
true 2-1 whose parts are both translated still merges."""

from __future__ import annotations

import numpy as np

from align.aligner import LinkScorer, Settings, Weights, align_documents
from align.model import Document, Segment
from align.signals.lexical import MergeGain
from align.signals.lexicon import LexiconSignal

WORDS = [("кошк", "cat"), ("спит", "sleep"), ("диван", "sofa"), ("собак", "dog"),
         ("ест", "eat"), ("мяс", "meat"), ("дет", "children"), ("рыб", "fish"),
         ("двор", "yard"), ("игра", "play"), ("мам", "mum"), ("дом", "hous"),
         ("сад", "garden"), ("стар", "old"), ("больш", "big")]


def _lexicon() -> LexiconSignal:
    return LexiconSignal.from_entries([("ru", "en", ru, en, 1.0) for ru, en in WORDS])


def _stems_known() -> None:
    """The table above is in stems: check the stemmer agrees, so the test reads words."""
    from align.stemming import stems

    assert {"кошк", "спит"} <= set(stems("Кошка спит", "ru"))


SOURCE = Document("ru", (
    Segment("Кошка спит на диване."),
    Segment("Собака ест мясо."),
    Segment("Дети едят рыбу во дворе."),
    Segment("Курс акций вырос в понедельник утром."),
    Segment("Мама спит в старом доме."),
    Segment("Дети играют в большом саду."),
))
TARGET = Document("en", (
    Segment("The cat sleeps on the sofa, and the dog eats meat."),  # a true 2-1
    Segment("The children eat fish in the yard."),                  # source 3 has none
    Segment("Mum sleeps in the old house."),
    Segment("The children play in the big garden."),
))


def test_a_merge_pays_unless_each_part_brings_evidence() -> None:
    _stems_known()
    gain = MergeGain.build(SOURCE, TARGET, Settings(lexicon=_lexicon()))
    assert gain is not None
    both_translated = gain.costs(2, 1, np.array([0]), np.array([0]))[0]
    stray_line_glued = gain.costs(2, 1, np.array([2]), np.array([1]))[0]
    assert both_translated == 0
    assert stray_line_glued == 1


def test_the_rule_is_off_without_a_dictionary_or_a_weight() -> None:
    assert MergeGain.build(SOURCE, TARGET, Settings()) is None
    off = Settings(weights=Weights(merge_penalty=0.0), lexicon=_lexicon())
    assert MergeGain.build(SOURCE, TARGET, off) is None
    other_languages = Document("de", SOURCE.segments)
    assert MergeGain.build(other_languages, TARGET, Settings(lexicon=_lexicon())) is None


def test_the_glued_merge_costs_more_with_the_rule_than_without() -> None:
    with_rule = LinkScorer(SOURCE, TARGET, Settings(lexicon=_lexicon()))
    without = LinkScorer(SOURCE, TARGET, Settings(
        weights=Weights(merge_penalty=0.0), lexicon=_lexicon()))
    glued, true_merge = (np.array([2]), np.array([1])), (np.array([0]), np.array([0]))
    assert with_rule.cost(2, 1, *glued)[0] > without.cost(2, 1, *glued)[0]
    assert with_rule.cost(2, 1, *true_merge)[0] == without.cost(2, 1, *true_merge)[0]


def test_a_credit_line_stays_one_sided_and_a_true_merge_merges() -> None:
    from align.ingest import classify

    texts = [segment.text for segment in SOURCE.segments]
    texts[3] = "Перевод выполнен по изданию 1998 года."
    source = Document("ru", tuple(Segment(text, kind)
                                  for text, kind in zip(texts, classify(texts, "ru"))))
    assert source.segments[3].kind == "credit"
    alignment = align_documents(source, TARGET, Settings(lexicon=_lexicon()))
    links = {(link.src, link.tgt) for link in alignment.links}
    assert links == {((0, 1), (0,)), ((2,), (1,)), ((3,), ()), ((4,), (2,)), ((5,), (3,))}


def test_a_long_corridor_is_searched_without_the_dictionary_signals() -> None:
    """The proxy pass of a long pair leaves the lexicon and the merge rule to the exact
    pass; a short pair's proxy pass prices them, as it always did."""
    scorer = LinkScorer(SOURCE, TARGET, Settings(lexicon=_lexicon()))
    assert {"lexicon", "merge_gain"} <= {signal.name for signal in scorer.signals}
    scorer.use_proxy(True, long_corridor=True)
    assert scorer.proxied
    assert not {"lexicon", "merge_gain"} & {signal.name for signal in scorer._pricing}
    scorer.use_proxy(True)
    assert {"lexicon", "merge_gain"} <= {signal.name for signal in scorer._pricing}
    scorer.use_proxy(False)
    assert scorer._pricing == scorer.signals
