"""Document × Document → Alignment: signals → link costs → search → links with confidence.

Costs are negative log-odds in nats. A two-sided link pays its prior, how badly its
lengths fit, how little more alike its sides are than chance (chrF z-score), and loses
cost for shared numbers and names. A one-sided link pays only its prior (cheap for a
credit, a caption or a note): charging it a length cost as Gale–Church do made
omissions glue onto neighbours. Captions, credits and notes are kept out of merges by
their kind, and where a dictionary covers the pair each part of a merge must bring its
own evidence (``Weights.merge_penalty``).

Each kind of evidence is a signal (``align.signals.base.Signal``); :data:`SIGNALS` lists
them all, and a link's cost is its prior plus each signal's weight times its cost. The
same costs give the best path and, divided by ``Weights.temperature``, each link's
posterior over all paths of the search lattice: its confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

import numpy as np

from align.model import Alignment, Document, Link, Segment
from align.options import MAX_LINK
from align.search import Lattice, Step, Window, best_path, link_shapes
from align.signals.anchor_cost import AnchorCost
from align.signals.base import Signal
from align.signals.kinds import (HeadingMismatch, KindInMerge, KindMismatch, no_counterpart,
                                 opens_boxes)
from align.signals.length import LengthCost
from align.signals.lexical import ChrfCost, MergeGain
from align.signals.lexicon import LexiconCost
from align.translation_fit import TranslationFit, translation_fit

if TYPE_CHECKING:
    from align.signals.lexicon import LexiconSignal

SIGNALS: tuple[type[Signal], ...] = (
    LengthCost, ChrfCost, MergeGain, LexiconCost, KindInMerge, HeadingMismatch, KindMismatch,
    AnchorCost)
"""Every signal, in the order their costs are added (which fixes the rounding)."""

_MERGE_REACH = 3  # rows around a proxy merge where the exact pass prices merges
_MERGES_EVERYWHERE = 5000
"""Up to this many source segments the exact pass prices merges of two segments into one
(2-1, 1-2) all along the corridor, so every link's posterior weighs the merge it might
have been part of (a box title glued to the paragraph before it); larger merges, as on a
longer text (a book) all merges, are priced only near the proxy pass's merges. Pricing
only there left such links at confidence 1.00: on the dev tune split with dictionaries,
wrong paragraph links scoring 0.9 or more fell from 19 to 8. Pricing every merge shape
everywhere gave the same figures at 1.3 times the time of a 40-paragraph article."""
_PROXY_RADIUS = 40  # largest first band of the proxy pass; doubled while too narrow
_LONG_CORRIDOR_CELLS = 200_000
"""Above this many cells in the proxy pass's band, the signals of :data:`_EXACT_ONLY` are
left out of it. On the 16,000-paragraph book they priced 6.5 s of its 8 s, and the
corridor they found was the same (strict F1 0.989 either way); an article's band (40
paragraphs: 2,000 cells) is far below, so its alignment does not change."""
_EXACT_ONLY = frozenset({LexiconCost.name, MergeGain.name})
"""Signals with no cheap stand-in, priced only in the exact pass of a long pair."""


@dataclass(frozen=True)
class Weights:
    """How much each signal counts (tuned on the dev cases, see scripts/evaluate_dev.py)."""

    prior: dict[tuple[int, int], float] = field(default_factory=lambda: {
        (1, 1): 0.0, (2, 1): 1.0, (1, 2): 1.0, (2, 2): 5.0, (3, 1): 4.5, (1, 3): 4.5})
    one_sided: float = 2.5
    one_sided_no_counterpart: float = 0.5
    length: float = 0.5
    lexical: float = 0.5
    lexical_centre: float = 0.0
    lexical_cap: float = 12.0
    merge_margin: float = 0.25
    merge_penalty: float = 1.0
    """The rule "a merge must raise the similarity with each part" as a penalty
    (``signals.lexical.MergeGain``): each part must bring its own evidence, read from the
    dictionaries (off without one for the pair). On the dev tune split with dictionaries,
    merges priced all along the corridor and the lexicon's sparse-score spread: penalty
    0.5 / margin 0.5 z gave paragraph F1 0.962, sentence 0.972; 1.0 / 0.25 gives 0.965 /
    0.975; 1.5 and 2.5 lift sentences (0.977, 0.981) but cost paragraphs (0.962, 0.951)
    and put a fifth of the wrong sentence links at 0.9 or more. On the old, easy dev set
    with chrF alone a penalty of 2.0 had cost F1 (0.987 → 0.974)."""
    kind_in_merge: float = 8.0
    kind_mismatch: float = 3.0
    heading_mismatch: float = 1.0
    number_match: float = 0.7
    number_mismatch: float = 0.5
    name_match: float = 0.4
    lexicon: float = 1.0
    """Weight of the optional lexicon (``Settings.lexicon``: dictionaries, memories, a
    learned lexicon), as ``lexical``. On the dev tune split with the merge rule above:
    0.5 → 1.0 lifted paragraph F1 0.965 → 0.967; 1.5 gained nothing more."""
    temperature: float = 0.8
    """Costs are divided by this before the link posteriors are summed. Fitted on the dev
    cases' tune split without dictionaries (0.3, 0.5, 0.8 tried): at 0.5 a fifth of the
    wrong links still scored 0.9 or more, at 0.8 one in fifteen, and links scored 0.8–0.9
    were right 86–93 % of the time. With dictionaries and the merge rule, 1.0 and 1.3
    changed the figures by a point or two; the translation fit's model was fitted at 0.8."""


@dataclass(frozen=True)
class Settings:
    """What the user chooses: level, largest link, and which signals to use (ablations)."""

    max_link: int = MAX_LINK
    signals_off: frozenset[str] = frozenset()
    """Names of signals (see :data:`SIGNALS`) left out, for ablations."""
    weights: Weights = field(default_factory=Weights)
    exact_cells: int = 0
    """Above this many window cells a cheap proxy search first finds the corridor (0:
    always; on the dev cases that kept F1 and halved the time of a 40-paragraph article)."""
    lexicon: "LexiconSignal | None" = None
    """A bilingual lexicon learned from a corpus (``sverka batch --learn``); None: unused."""

    def __post_init__(self) -> None:
        unknown = set(self.signals_off) - {signal.name for signal in SIGNALS}
        if unknown:
            raise ValueError(f"no signal named {', '.join(sorted(unknown))} "
                             f"(signals: {', '.join(signal.name for signal in SIGNALS)})")


class LinkScorer:
    """Costs of candidate links of one document pair, batch by batch: a link's prior plus
    each signal's weighted cost."""

    def __init__(self, source: Document, target: Document, settings: Settings) -> None:
        self.weights = settings.weights
        built = (kind.build(source, target, settings) for kind in SIGNALS
                 if kind.name not in settings.signals_off)
        self.signals: tuple[Signal, ...] = tuple(signal for signal in built if signal is not None)
        self._pricing = self.signals
        # a box's title (an admonition label and its title, a "note") is kept out of merges
        # like any note, but translators keep their boxes: leaving one unpaired costs what
        # any paragraph does (on the dev tune split with dictionaries, paragraph F1 0.967 →
        # 0.970; the Debian Handbook's pages 0.965 → 0.971)
        self._src_no_counterpart = no_counterpart(source) & ~opens_boxes(source)
        self._tgt_no_counterpart = no_counterpart(target) & ~opens_boxes(target)

    def use_proxy(self, proxy: bool, long_corridor: bool = False) -> None:
        """Price with the signals' cheap stand-ins (the corridor search) or exactly. In a
        long corridor the signals of :data:`_EXACT_ONLY` are left out of it."""
        self._pricing = self.signals
        if proxy:
            stand_ins = [signal.proxy() for signal in self.signals]
            kept = [signal for signal in self.signals
                    if not (long_corridor and signal.name in _EXACT_ONLY)]
            if len(kept) < len(self.signals) or any(s is not None for s in stand_ins):
                self._pricing = tuple(stand_in or signal for stand_in, signal
                                      in zip(stand_ins, self.signals) if signal in kept)

    @property
    def proxied(self) -> bool:
        """Whether some signal is priced by its stand-in now."""
        return self._pricing is not self.signals

    def no_counterpart(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """For one-sided links: whether the segment is of a kind that usually has none."""
        return self._tgt_no_counterpart[j] if a == 0 else self._src_no_counterpart[i]

    def cost(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        w = self.weights
        if a == 0 or b == 0:
            return np.where(self.no_counterpart(a, b, i, j), w.one_sided_no_counterpart,
                            w.one_sided)
        if a + b > self.merges_everywhere_up_to and self.merge_rows is not None:
            # the exact pass prices merges only where the proxy pass found one nearby
            total = np.full(len(i), np.inf)
            near = self.merge_rows[i]
            if near.any():
                total[near] = self._priced(a, b, i[near], j[near])
            return total
        return self._priced(a, b, i, j)

    merge_rows: np.ndarray | None = None
    """Rows where merges larger than :attr:`merges_everywhere_up_to` segments are priced
    (None: everywhere)."""
    merges_everywhere_up_to: int = 2
    """Merges of at most this many segments (both sides) are priced on every row."""

    def _priced(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        total = np.full(len(i), self.weights.prior[(a, b)])
        for signal in self._pricing:
            total += signal.weight * signal.costs(a, b, i, j)
        return total


def _path_nodes(steps: Sequence[Step]) -> list[tuple[int, int]]:
    nodes = [(0, 0)]
    for step in steps:
        nodes.append((step.i + step.a, step.j + step.b))
    return nodes


def _confidence(lattice: Lattice, steps: Sequence[Step], settings: Settings) -> np.ndarray:
    """Each link's probability of being right: its posterior among all paths of the
    lattice it was found in, at the fitted temperature. A link whose alternatives (a shift
    by one, a merge instead of a one-sided line) cost nearly as much scores low however
    good its own evidence looks."""
    return lattice.posteriors(steps, settings.weights.temperature)


def _links_of(steps: Sequence[Step], scores: np.ndarray, src_offset: int = 0,
              tgt_offset: int = 0) -> list[Link]:
    return [Link(tuple(range(s.i + src_offset, s.i + s.a + src_offset)),
                 tuple(range(s.j + tgt_offset, s.j + s.b + tgt_offset)),
                 score=round(float(score), 4))
            for s, score in zip(steps, scores)]


def align_documents(source: Document, target: Document, settings: Settings = Settings()
                    ) -> Alignment:
    """Paragraph-level (or, for pre-split input, segment-level) alignment of two documents."""
    if not source.segments or not target.segments:
        steps = ([Step(i, 0, 1, 0, 0.0) for i in range(len(source))]
                 + [Step(len(source), j, 0, 1, 0.0) for j in range(len(target))])
        return Alignment(source, target, tuple(_links_of(steps, np.full(len(steps), 0.5))),
                         {"level": "paragraph"})
    scorer = LinkScorer(source, target, settings)
    steps, lattice = _search(scorer, len(source), len(target), settings)
    scores = _confidence(lattice, steps, settings)
    priced_by_lexicon = any(signal.name == LexiconCost.name for signal in scorer.signals)
    fit = translation_fit(scorer.cost, steps, scores, _word_counts(source),
                          _word_counts(target), priced_by_lexicon)
    return Alignment(source, target, tuple(_links_of(steps, scores)),
                     {"level": "paragraph", FIT_KEY: _fit_meta(fit)})


FIT_KEY = "translation_fit"
"""Where an alignment's meta keeps :func:`align.translation_fit.translation_fit`'s verdict."""


def _fit_meta(fit: TranslationFit) -> dict[str, object]:
    return {"score": round(fit.score, 3), "is_translation": fit.is_translation,
            "judged": fit.judged, "with_lexicon": fit.with_lexicon, "describe": fit.describe(),
            "features": fit.features()}


def _word_counts(document: Document) -> np.ndarray:
    return np.array([len(text.split()) for text in document.texts], dtype=np.int64)


def _search(scorer: LinkScorer, n_src: int, n_tgt: int, settings: Settings
            ) -> tuple[list[Step], Lattice]:
    """Band search; on a long pair a cheap proxy pass first finds the corridor, which is
    widened and searched again whenever the path runs along its edge. The best path, and
    the lattice it was found in (its posteriors are the links' confidences)."""
    shapes = link_shapes(settings.max_link)
    radius = max(12, abs(n_src - n_tgt) + 8)
    window = Window.band(n_src, n_tgt, radius)
    if window.cells > settings.exact_cells:
        radius = min(radius, _PROXY_RADIUS)
        scorer.use_proxy(True, Window.band(n_src, n_tgt, radius).cells > _LONG_CORRIDOR_CELLS)
    if scorer.proxied:
        coarse_shapes = [shape for shape in shapes if sum(shape) <= 3]  # merges of 4 come
        while True:                                                      # back near these
            window = Window.band(n_src, n_tgt, radius)
            coarse = best_path(n_src, n_tgt, coarse_shapes, scorer.cost, window)
            if not window.touches_edge(_path_nodes(coarse), n_tgt) or radius >= max(n_src, n_tgt):
                break
            radius *= 2
        scorer.use_proxy(False)
        window = Window.around(_path_nodes(coarse), n_src, n_tgt, radius=1)
        scorer.merge_rows = _rows_near_merges(coarse, n_src, _MERGE_REACH)
        scorer.merges_everywhere_up_to = 3 if n_src <= _MERGES_EVERYWHERE else 2
    lattice = Lattice(n_src, n_tgt, shapes, scorer.cost, window)
    scorer.merge_rows = None
    return lattice.best_path(), lattice


def _rows_near_merges(steps: Sequence[Step], n_src: int, reach: int) -> np.ndarray:
    """Source rows within ``reach`` of a link that is not 1-1 (nor one-sided)."""
    near = np.zeros(n_src + 1, dtype=bool)
    for step in steps:
        if step.a + step.b > 2:
            near[max(step.i - reach, 0):step.i + step.a + reach + 1] = True
    return near


def align_sentences(source: Document, target: Document,
                    src_sentences: Sequence[Sequence[str]], tgt_sentences: Sequence[Sequence[str]],
                    settings: Settings = Settings()) -> Alignment:
    """Sentence-level alignment: paragraphs first, then sentences inside each paragraph link.

    ``src_sentences[k]`` are the sentences of source paragraph k (from the splitter, or the
    lines of a pre-split block). Sentences inherit their paragraph's kind.
    """
    paragraphs = align_documents(source, target, settings)
    sentences = sentences_within(paragraphs, src_sentences, tgt_sentences, settings)
    fit = {FIT_KEY: paragraphs.meta[FIT_KEY]} if FIT_KEY in paragraphs.meta else {}
    return Alignment(sentences.source, sentences.target, sentences.links,
                     {**sentences.meta, **fit})


def sentences_within(paragraphs: Alignment, src_sentences: Sequence[Sequence[str]],
                     tgt_sentences: Sequence[Sequence[str]],
                     settings: Settings = Settings()) -> Alignment:
    """Sentence links inside each link of a given paragraph alignment (the aligner's, or
    one a person reviewed). The scorer sees the whole text, so its length ratio and chrF
    background come from the document, not from one short paragraph pair."""
    source, target = paragraphs.source, paragraphs.target
    sentence_source = _sentence_document(source, src_sentences)
    sentence_target = _sentence_document(target, tgt_sentences)
    src_first = np.concatenate([[0], np.cumsum([len(s) for s in src_sentences])]).astype(int)
    tgt_first = np.concatenate([[0], np.cumsum([len(s) for s in tgt_sentences])]).astype(int)
    scorer = LinkScorer(sentence_source, sentence_target, settings)
    shapes = link_shapes(settings.max_link)
    links: list[Link] = []
    next_src = next_tgt = 0  # the first paragraph of each side not yet linked
    for paragraph_link in paragraphs.links:
        s0, t0 = int(src_first[next_src]), int(tgt_first[next_tgt])
        next_src += len(paragraph_link.src)
        next_tgt += len(paragraph_link.tgt)
        n_s, n_t = int(src_first[next_src]) - s0, int(tgt_first[next_tgt]) - t0
        if n_s == 0 or n_t == 0:
            steps = ([Step(k, 0, 1, 0, 0.0) for k in range(n_s)]
                     + [Step(n_s, k, 0, 1, 0.0) for k in range(n_t)])
            links.extend(_links_of(steps, np.full(len(steps), paragraph_link.score), s0, t0))
            continue

        def local_cost(a: int, b: int, i: np.ndarray, j: np.ndarray,
                       s0: int = s0, t0: int = t0) -> np.ndarray:
            return scorer.cost(a, b, i + s0, j + t0)

        lattice = Lattice(n_s, n_t, shapes, local_cost, Window.band(n_s, n_t, max(n_s, n_t)))
        steps = lattice.best_path()
        scores = _confidence(lattice, steps, settings)
        links.extend(_links_of(steps, scores, s0, t0))
    return Alignment(sentence_source, sentence_target, tuple(links), {"level": "sentence"})


def _sentence_document(document: Document, sentences: Sequence[Sequence[str]]) -> Document:
    segments = tuple(Segment(text, paragraph.kind)
                     for paragraph, parts in zip(document.segments, sentences) for text in parts)
    return Document(document.lang, segments, dict(document.meta))
