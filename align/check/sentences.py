"""Omissions a paragraph link hides: a sentence of the original with no counterpart.

A paragraph link can look right (good length, good confidence) and still have lost a
sentence, and a paragraph dropped near a title can vanish when the aligner shifts the
links around it. So each paragraph link is aligned again sentence by sentence
(:func:`align.aligner.sentences_within`, the aligner's own costs and posteriors), and a
run of links the aligner was unsure of, with the one-sided links beside them, is aligned
again as one block: a shift then shows as a whole paragraph whose sentences find no
counterpart, at its true place.

A source sentence left unpaired, swallowed into a merge whose target is too short for
all its parts (the 2-1 a dropped sentence is glued into), or linked to a target far too
short for it, is an omission, quoted in the flag. At sentence level the alignment's own
merges are judged the same way.

The review checks again after every edit, so what a pair's texts alone decide (their
sentences, the scorer, each window's sentence path, each merge's best part) is kept
between checks of the same texts: a re-check searches only the windows an edit changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import TYPE_CHECKING, Sequence

import numpy as np

from align.check import Flag
from align.model import NO_COUNTERPART_KINDS, Alignment, Document, Link
from align.search import Step
from align.signals.length import text_length
from align.wording import clip

if TYPE_CHECKING:
    from align.aligner import LinkScorer, Settings

UNSURE_BELOW = 0.9
"""Links scoring below this are aligned again together with their neighbours: a shift
around an omission lowers the confidence of the links beside it, if not below the
review threshold."""
TOO_SHORT = 0.6
"""A merge's target shorter than this share of what the document's ratio predicts for
all its source parts has lost one of them: an error."""
SHORT = 0.8
"""Shorter than this share, a merge has more likely lost a part than joined two: a
warning. (On the tune split's dropped sentences glued into a merge, the target's share
ran from 0.36 to 1.0; real merges of the untouched translations from 0.92 up, but for
one at 0.68.)"""
WEAK_MERGES: tuple[tuple[float, float], ...] = ((1.0, 4.0), (1.1, 3.0))
"""(share, margin): a merge whose target is shorter than the share and that costs less
than the margin (in the aligner's nats) below its best part linked alone with the others
left unpaired: the other parts bring little evidence of their own, a warning. On the
tune split's dropped sentences (four plantings of each document, seeds 7 to 10), these
found 266 of 280 with one omission warning on 71 untouched translations; ((0.95, 3.0),
(1.05, 2.0)) found 261 with none, ((1.0, 5.0), (1.2, 3.0)) 267 with two."""
KEPT_AT_LEAST = 0.55
"""…provided one part alone explains the target: at least this share of its prediction
(a target too short even for one part is a poor rendering, not a swallowed sentence)."""
SHORTENED = 0.4
SHORTENED_MIN_CHARS = 30
"""A source sentence of this many characters or more linked one to one to a target
shorter than :data:`SHORTENED` of its prediction has lost most of its text: a warning."""
MIN_NORM_CHARS = 150
"""Source characters the one-to-one links must hold to set the length norm alone."""
MIN_CHARS = 12
"""Shorter sentences ("Да.", a dateline) are too often folded into a neighbour by a
translator to call their absence an omission."""
QUOTE = 70
"""Characters of an omitted sentence quoted in the flag."""
ALTERNATIVE = 0.05
"""A sentence of the same window that the sentence search leaves unpaired on at least
this share of its paths (:meth:`align.search.Lattice.unpaired_posteriors`) is named in the
flag beside the omitted one: where two neighbours read alike to the signals (a sentence
of function words, "Так что не верьте…", against the "so … that" of its neighbour's
translation), the best path can drop the wrong one, and the editor should look at both."""
PART_GAP = 1.0
"""A part of a short merge whose link alone with the target costs less than this (in the
aligner's nats) more than the best part's is as likely the one translated: the flag names
it beside the swallowed one, since which of the two the translation lost is a guess."""
DOUBTED = 0.2
"""A source sentence of :data:`SHORTENED_MIN_CHARS` or more that the best path links, but
that the sentence search leaves unpaired on at least this share of its window's paths,
may have lost its translation: a warning. The best path pairs a dropped sentence with a
neighbour's translation when that is barely cheaper than leaving it out (a long sentence
of a free rendering, every link after it shifted by one). On the tune split: 0 of 71
untouched translations warned, 15 of 70 dropped sentences' links reached it (most of them
found by the other rules too), no wrong sentence in those documents; at 0.1, 2 of 71."""
ALTERNATIVE_QUOTE = 50
"""Characters of such an alternative quoted."""
PRICE_BATCH = 4096
"""Candidate sentence links priced per call: few calls, each small enough that chrF sums
only the rows asked for rather than building a whole table of spans (on a book,
hundreds of megabytes)."""

Span = tuple[int, int, int, int]
"""A window's sentences: first source sentence and how many, first target and how many."""


HOW: dict[str, str] = {
    "unpaired": "has no translation",
    "swallowed": "is glued into a merge whose target is too short for it",
    "shortened": "is linked to a target far too short for it",
    "doubted": "may have no translation (its link is weak: the sentences around it pair "
               "about as well without it)",
    "whole": "",  # every sentence of a paragraph lost: the paragraph, hidden by its links
}
"""How a sentence is lost, and how the flag says it."""


@dataclass(frozen=True)
class Omission:
    """A source sentence (or a run of them) with no counterpart, found inside ``link``."""

    link: int
    paragraph: int
    text: str
    kind: str
    how: str
    """One of :data:`HOW`."""
    sure: bool = True
    """An error; False: a warning (a merge only somewhat short, a shortened sentence)."""
    sentences: tuple[int, ...] = ()
    """The sentences' places in the sentence alignment."""
    alternatives: tuple[str, ...] = ()
    """Sentences beside it that may be the lost one instead (:data:`ALTERNATIVE`)."""


def sentence_flags(alignment: Alignment, lexicons: tuple[str, ...] = (),
                   no_lexicon: bool = False) -> tuple[list[Flag], set[int]]:
    """Omission flags for sentences hidden in links, and the one-sided links whose
    omission flag these replace (the aligner left the wrong paragraph unpaired).
    ``lexicons``/``no_lexicon``: the dictionaries the user chose, as for ``pair``."""
    if not alignment.links:
        return [], set()
    settings = _settings(alignment.source.lang, alignment.target.lang, lexicons, no_lexicon)
    if alignment.level == "sentence":
        omissions = _swallowed(alignment, range(len(alignment.links)),
                               _owner_identity(alignment), settings)
        return [_flag(o, "sentence") for o in omissions], set()
    omissions, replaced = _realigned(alignment, settings)
    return [_flag(o, "paragraph") for o in omissions], replaced


def _flag(omission: Omission, level: str) -> Flag:
    severity = ("info" if omission.kind in NO_COUNTERPART_KINDS
                else "error" if omission.sure else "warning")
    if omission.how == "whole":
        return Flag(omission.link, "omission", severity,
                    f"source paragraph {omission.paragraph + 1} has no translation (hidden "
                    f"by the links around it): «{clip(omission.text, QUOTE)}»")
    where = f" of source paragraph {omission.paragraph + 1}" if level == "paragraph" else ""
    message = f"sentence{where} {HOW[omission.how]}: «{clip(omission.text, QUOTE)}»"
    if omission.alternatives:
        others = " or ".join(f"«{clip(text, ALTERNATIVE_QUOTE)}»"
                             for text in omission.alternatives)
        message += f" (or perhaps {others} instead: the signals barely tell them apart)"
    return Flag(omission.link, "omission", severity, message)


# ------------------------------------------------------------------ paragraph level

def _windows(alignment: Alignment) -> list[list[int]]:
    """Runs of link indices aligned again together: every link on its own, and a link
    the aligner was unsure of joined with its neighbours (one-sided ones too)."""
    links = alignment.links

    def unsure(k: int) -> bool:
        link = links[k]
        return not link.reviewed and link.two_sided and link.score < UNSURE_BELOW

    windows: list[list[int]] = []
    for k in range(len(links)):
        if windows and (unsure(k) or unsure(windows[-1][-1])):
            windows[-1].append(k)
        else:
            windows.append([k])
    return [w for w in windows if any(links[k].two_sided for k in w)]


def _realigned(alignment: Alignment, settings: "Settings"
               ) -> tuple[list[Omission], set[int]]:
    realigner = _realigner_for(alignment, settings)
    src_sentences = realigner.src_sentences
    windows = _windows(alignment)
    coarse = _coarse(alignment, windows)
    sentences = realigner.realign(coarse)
    paragraph_of = [p for p, parts in enumerate(src_sentences) for _ in parts]
    link_of_paragraph = {i: k for k, link in enumerate(alignment.links) for i in link.src}
    owner = {s: link_of_paragraph[p] for s, p in enumerate(paragraph_of)}
    found: list[Omission] = []
    for link in sentences.links:
        if link.src and not link.tgt:
            found += _unpaired(sentences, link, paragraph_of, owner, alignment)
    ratio = document_ratio(sentences)
    found += _swallowed(sentences, range(len(sentences.links)), owner, settings,
                        paragraph_of, ratio)
    found += _shortened(sentences, owner, paragraph_of, ratio)
    chance, span_of = realigner.unpaired_chances(coarse)
    found += _doubted(sentences, chance, owner, paragraph_of,
                      {s for omission in found for s in omission.sentences})
    found = _with_alternatives(found, chance, span_of, sentences)
    swallowed = {s for omission in found if omission.how == "swallowed"
                 for s in omission.sentences}
    paired = {paragraph_of[s] for link in sentences.links if link.two_sided
              for s in link.src if s not in swallowed}
    omissions: list[Omission] = []
    replaced: set[int] = set()
    for window in windows:
        here = [o for o in found if o.link in window]
        one_sided = [k for k in window if not alignment.links[k].tgt]
        if not one_sided:
            omissions += here
            continue
        # the alignment already left a paragraph here unpaired: trust it, unless the
        # sentences show a clean shift (that paragraph's sentences all found a
        # counterpart, and another paragraph's found none): then the omission moves.
        # Only a dictionary's evidence is sure enough for that: on chrF alone sentences
        # of one topic pair up too easily (a dropped WMT paragraph moved to its neighbour)
        shifted = _shift(alignment, window, one_sided, paired) if settings.lexicon else set()
        if shifted:
            replaced.update(one_sided)
            omissions += [o for o in here if o.paragraph in shifted]
    return _merged(omissions, alignment, replaced, src_sentences), replaced


def _with_alternatives(found: list[Omission], chance: np.ndarray, span_of: np.ndarray,
                       sentences: Alignment) -> list[Omission]:
    """Each lost sentence with the sentences of its window that the search leaves
    unpaired nearly as often (:data:`ALTERNATIVE`) and that no flag names already."""
    named = {s for omission in found for s in omission.sentences}
    out = []
    for omission in found:
        if omission.how not in ("unpaired", "swallowed", "doubted") or not omission.sentences:
            out.append(omission)
            continue
        first = omission.sentences[0]
        others = tuple(sentences.source.segments[s].text
                       for s in np.flatnonzero((span_of == span_of[first])
                                               & (chance >= ALTERNATIVE))
                       if s not in named
                       and text_length(sentences.source.segments[s].text) >= MIN_CHARS)
        out.append(replace(omission, alternatives=tuple(dict.fromkeys(
            omission.alternatives + others))))
    return out


def _shift(alignment: Alignment, window: list[int], one_sided: list[int], paired: set[int]
           ) -> set[int]:
    """The paragraphs a shift hid, or none: every one-sided source paragraph of the window
    is doubted by the aligner and found a counterpart sentence by sentence, and these
    two-sided ones found none."""
    if not all(set(alignment.links[k].src) <= paired
               and alignment.links[k].score < UNSURE_BELOW for k in one_sided):
        return set()
    return {i for k in window if alignment.links[k].two_sided for i in alignment.links[k].src
            if i not in paired}


def _settings(src_lang: str, tgt_lang: str, lexicons: tuple[str, ...] = (),
              no_lexicon: bool = False) -> "Settings":
    """The aligner's settings with the pair's dictionaries, chosen as ``pair`` chooses
    them (installed ones, ``--lexicon`` files, ``--no-lexicon``): without their evidence,
    sentences of one topic pair up too easily."""
    from align.aligner import Settings
    from align.dictionaries.sources import lexicon_for
    from align.language import base_language

    choice = lexicon_for(base_language(src_lang), base_language(tgt_lang), tuple(lexicons),
                         no_lexicon)
    return Settings(lexicon=choice.signal)


def _coarse(alignment: Alignment, windows: list[list[int]]) -> Alignment:
    """The alignment with each window as one link (its source and target runs)."""
    links: list[Link] = []
    start = {w[0]: w for w in windows}
    k = 0
    while k < len(alignment.links):
        window = start.get(k, [k])
        src = tuple(i for w in window for i in alignment.links[w].src)
        tgt = tuple(j for w in window for j in alignment.links[w].tgt)
        links.append(Link(src, tgt, min(alignment.links[w].score for w in window)))
        k = window[-1] + 1
    return alignment.with_links(links)


# ------------------------------------------------------------------ sentence paths

class _Realigner:
    """Sentence links inside the windows of one document pair, as
    :func:`align.aligner.sentences_within` finds them (one scorer over the whole text,
    the same search inside each window) but cheaper where ``check`` spent its time: each
    link shape is priced for every window in one call (one call per window and shape cost
    more than the pricing itself), only the best path is searched (no flag reads a
    sentence link's confidence), and each window's path is kept, so a re-check after an
    edit in the review searches only the windows the edit changed."""

    def __init__(self, source: Document, target: Document, settings: "Settings") -> None:
        from align.aligner import _sentence_document
        from align.segment import split_sentences

        self.settings = settings

        self.src_sentences = [split_sentences(text, source.lang) for text in source.texts]
        self.tgt_sentences = [split_sentences(text, target.lang) for text in target.texts]
        self.sentence_source = _sentence_document(source, self.src_sentences)
        self.sentence_target = _sentence_document(target, self.tgt_sentences)
        self._src_first = list(accumulate((len(s) for s in self.src_sentences), initial=0))
        self._tgt_first = list(accumulate((len(s) for s in self.tgt_sentences), initial=0))
        self._paths: dict[Span, list[Step]] = {}
        self._unpaired: dict[Span, np.ndarray] = {}
        """Each searched span's :meth:`align.search.Lattice.unpaired_posteriors`."""

    def realign(self, coarse: Alignment) -> Alignment:
        """The sentence alignment inside each link of ``coarse`` (a paragraph alignment of
        this pair); a link's sentence links carry its score."""
        from align.aligner import _links_of

        spans = self._spans(coarse)
        self._search(list(dict.fromkeys(span for span in spans
                                        if span[1] and span[3] and span not in self._paths)))
        links: list[Link] = []
        for link, (s0, n_s, t0, n_t) in zip(coarse.links, spans):
            if n_s and n_t:
                steps = self._paths[(s0, n_s, t0, n_t)]
            else:
                steps = ([Step(k, 0, 1, 0, 0.0) for k in range(n_s)]
                         + [Step(n_s, k, 0, 1, 0.0) for k in range(n_t)])
            links += _links_of(steps, np.full(len(steps), link.score), s0, t0)
        return Alignment(self.sentence_source, self.sentence_target, tuple(links),
                         {"level": "sentence"})

    def _spans(self, coarse: Alignment) -> list[Span]:
        """The sentences each link of ``coarse`` holds."""
        spans: list[Span] = []
        next_src = next_tgt = 0  # the first paragraph of each side not yet linked
        for link in coarse.links:
            s0, t0 = self._src_first[next_src], self._tgt_first[next_tgt]
            next_src += len(link.src)
            next_tgt += len(link.tgt)
            spans.append((s0, self._src_first[next_src] - s0,
                          t0, self._tgt_first[next_tgt] - t0))
        return spans

    def unpaired_chances(self, coarse: Alignment) -> tuple[np.ndarray, np.ndarray]:
        """After :meth:`realign` of ``coarse``: for each source sentence, the share of its
        window's paths that leave it unpaired, and its window's number."""
        chance = np.zeros(self._src_first[-1])
        span_of = np.full(self._src_first[-1], -1)
        for number, span in enumerate(self._spans(coarse)):
            s0, n_s = span[0], span[1]
            span_of[s0:s0 + n_s] = number
            if span in self._unpaired:
                chance[s0:s0 + n_s] = self._unpaired[span]
        return chance, span_of

    def _search(self, spans: list[Span]) -> None:
        """The best path through every sentence pair of each span, kept in ``_paths``."""
        from align.options import MAX_LINK
        from align.search import Lattice, Window, link_shapes

        if not spans:
            return
        scorer = _scoring_for(self.sentence_source, self.sentence_target,
                              self.settings).scorer
        shapes = link_shapes(MAX_LINK)  # the largest link of _settings, as pair's
        tables: dict[Span, dict[tuple[int, int], np.ndarray]] = {span: {} for span in spans}
        for a, b in shapes:
            fitting = [span for span in spans if a <= span[1] and b <= span[3]]
            if not fitting:
                continue
            starts = [np.divmod(np.arange((n_s - a + 1) * (n_t - b + 1)), n_t - b + 1)
                      for _, n_s, _, n_t in fitting]
            i = np.concatenate([s0 + rows for (s0, _, _, _), (rows, _) in zip(fitting, starts)])
            j = np.concatenate([t0 + cols for (_, _, t0, _), (_, cols) in zip(fitting, starts)])
            costs = np.concatenate([scorer.cost(a, b, i[k:k + PRICE_BATCH], j[k:k + PRICE_BATCH])
                                    for k in range(0, len(i), PRICE_BATCH)])
            at = 0
            for span in fitting:
                rows, cols = span[1] - a + 1, span[3] - b + 1
                tables[span][(a, b)] = costs[at:at + rows * cols].reshape(rows, cols)
                at += rows * cols
        for span, table in tables.items():
            n_s, n_t = span[1], span[3]

            def priced(a: int, b: int, i: np.ndarray, j: np.ndarray,
                       table: dict[tuple[int, int], np.ndarray] = table) -> np.ndarray:
                return table[(a, b)][i, j]

            lattice = Lattice(n_s, n_t, shapes, priced, Window.band(n_s, n_t, max(n_s, n_t)))
            self._paths[span] = lattice.best_path()
            self._unpaired[span] = lattice.unpaired_posteriors(
                self.settings.weights.temperature)


def _realigner_for(alignment: Alignment, settings: "Settings") -> _Realigner:
    """The realigner of the alignment's texts: the last one, if neither they nor the
    dictionaries have changed."""
    global _REALIGNER
    source, target = alignment.source, alignment.target
    if _REALIGNER is None or not _same_pair(_REALIGNER[0], source, target, settings):
        _REALIGNER = ((source, target, settings.lexicon), _Realigner(source, target, settings))
    return _REALIGNER[1]


_REALIGNER: "tuple[PairKey, _Realigner] | None" = None
"""Kept between checks: the review's checker worker re-checks one pair after every edit."""


def _unpaired(sentences: Alignment, link: Link, paragraph_of: list[int],
              owner: dict[int, int], alignment: Alignment) -> list[Omission]:
    out = []
    for s in link.src:
        text = sentences.source.segments[s].text
        paragraph = paragraph_of[s]
        if text_length(text) < MIN_CHARS:
            continue
        out.append(Omission(owner[s], paragraph, text,
                            alignment.source.segments[paragraph].kind, "unpaired",
                            sentences=(s,)))
    return out


def _merged(omissions: list[Omission], alignment: Alignment, replaced: set[int],
            src_sentences: list[list[str]]) -> list[Omission]:
    """One flag per paragraph, link and way of being lost (:data:`HOW`; surely or
    doubtfully), its sentences quoted together; a paragraph that lost every sentence
    (unpaired or swallowed) is one flag for the whole paragraph; a paragraph already
    flagged as one-sided (and not replaced) none."""
    already = {i for k, link in enumerate(alignment.links)
               if not link.tgt and k not in replaced for i in link.src}
    by_paragraph: dict[tuple[int, int], list[Omission]] = {}
    for omission in omissions:
        if omission.paragraph not in already:
            by_paragraph.setdefault((omission.link, omission.paragraph), []).append(omission)
    out = []
    for (link, paragraph), found in sorted(by_paragraph.items()):
        lost = {s for omission in found if omission.how not in ("shortened", "doubted")
                for s in omission.sentences}
        counted = [text for text in src_sentences[paragraph] if text_length(text) >= MIN_CHARS]
        if len(src_sentences[paragraph]) > 1 and len(lost) >= len(counted):
            found.sort(key=lambda omission: omission.sentences)
            out.append(Omission(link, paragraph, " ".join(o.text for o in found),
                                found[0].kind, "whole", True, tuple(sorted(lost))))
            continue
        ways: dict[tuple[str, bool], list[Omission]] = {}
        for omission in found:
            ways.setdefault((omission.how, omission.sure), []).append(omission)
        for (how, sure), group in sorted(ways.items()):
            out.append(Omission(link, paragraph, " ".join(o.text for o in group),
                                group[0].kind, how, sure, alternatives=tuple(dict.fromkeys(
                                    text for o in group for text in o.alternatives))))
    return out


# ------------------------------------------------------------------ merges

def _owner_identity(alignment: Alignment) -> dict[int, int]:
    return {i: k for k, link in enumerate(alignment.links) for i in link.src}


def document_ratio(alignment: Alignment) -> float:
    """Target length over source length across the one-to-one links, or all two-sided
    links when those hold too little text (1.0 when unknown). Merges are left out where
    possible: a short document's one swallowed sentence would lower its own norm."""
    totals = {True: [0, 0], False: [0, 0]}
    for link in alignment.links:
        if link.two_sided:
            for one_to_one in {len(link.src) == len(link.tgt) == 1, False}:
                totals[one_to_one][0] += text_length(alignment.source_text(link))
                totals[one_to_one][1] += text_length(alignment.target_text(link))
    src, tgt = totals[True] if totals[True][0] >= MIN_NORM_CHARS else totals[False]
    return tgt / src if src and tgt else 1.0


def _swallowed(alignment: Alignment, indices: Sequence[int] | range, owner: dict[int, int],
               settings: "Settings", paragraph_of: list[int] | None = None,
               ratio: float | None = None) -> list[Omission]:
    """Parts of merges (two source segments or more) whose target is too short for all of
    them (:data:`TOO_SHORT`, :data:`SHORT`, or somewhat short and weak:
    :data:`WEAK_MERGES`). The part whose one-to-one link with the target costs least (the
    aligner's own costs) is the one translated; the others are swallowed. ``ratio``:
    :func:`document_ratio`, when the caller has it already."""
    ratio = document_ratio(alignment) if ratio is None else ratio
    scoring = None
    out = []
    for k in indices:
        link = alignment.links[k]
        if len(link.src) < 2 or not link.tgt or link.reviewed:
            continue
        target = text_length(alignment.target_text(link))
        expected = [text_length(alignment.source.segments[i].text) * ratio for i in link.src]
        share = target / max(sum(expected), 1.0)
        if share >= max(most for most, _ in WEAK_MERGES):
            continue
        if scoring is None:
            scoring = _scoring_for(alignment.source, alignment.target, settings)
        kept, margin, rivals = scoring.best_part(link)
        if share >= SHORT and not any(share < most and margin < weak
                                      for most, weak in WEAK_MERGES):
            continue
        if target < KEPT_AT_LEAST * expected[kept]:
            continue  # too short even for the part it translates: a poor rendering
        for p, i in enumerate(link.src):
            text = alignment.source.segments[i].text
            if p == kept or text_length(text) < MIN_CHARS:
                continue
            paragraph = paragraph_of[i] if paragraph_of is not None else i
            # a part nearly as well translated as the kept one may be the one kept
            rival_texts = ((alignment.source.segments[link.src[kept]].text,) if p in rivals
                           else ())
            out.append(Omission(owner[i], paragraph, text, alignment.source.segments[i].kind,
                                "swallowed", share < TOO_SHORT, sentences=(i,),
                                alternatives=rival_texts))
    return out


def _shortened(alignment: Alignment, owner: dict[int, int], paragraph_of: list[int],
               ratio: float) -> list[Omission]:
    """Source sentences linked one to one to a target far too short for them
    (:data:`SHORTENED`): where sentence splitting differs, a dropped sentence can be
    paired with a short leftover of its neighbour's translation. ``ratio``:
    :func:`document_ratio`."""
    out = []
    for link in alignment.links:
        if len(link.src) != 1 or not link.tgt or link.reviewed:
            continue
        i = link.src[0]
        text = alignment.source.segments[i].text
        expected = text_length(text) * ratio
        if (text_length(text) >= SHORTENED_MIN_CHARS
                and text_length(alignment.target_text(link)) < SHORTENED * expected):
            out.append(Omission(owner[i], paragraph_of[i], text,
                                alignment.source.segments[i].kind, "shortened", False,
                                sentences=(i,)))
    return out


def _doubted(alignment: Alignment, chance: np.ndarray, owner: dict[int, int],
             paragraph_of: list[int], named: set[int]) -> list[Omission]:
    """Linked source sentences the search leaves unpaired on :data:`DOUBTED` of its paths
    or more (``chance``: :meth:`_Realigner.unpaired_chances`), unless a flag names them
    already (``named``). Captions, credits and the like are left alone: translators often
    leave them out, so a doubt about their link says nothing an editor needs."""
    out = []
    for link in alignment.links:
        if not link.tgt or link.reviewed:
            continue
        for i in link.src:
            segment = alignment.source.segments[i]
            if (chance[i] >= DOUBTED and i not in named
                    and segment.kind not in NO_COUNTERPART_KINDS
                    and text_length(segment.text) >= SHORTENED_MIN_CHARS):
                out.append(Omission(owner[i], paragraph_of[i], segment.text, segment.kind,
                                    "doubted", False, sentences=(i,)))
    return out


@dataclass
class _Scoring:
    """The aligner's scorer of a (sentence) document pair, and the merges it has judged."""

    key: "PairKey"
    """What it was built from."""
    scorer: "LinkScorer"
    best_parts: dict[tuple[tuple[int, ...], tuple[int, ...]], BestPart] = field(
        default_factory=dict)
    """:func:`_best_part` of each merge (its source and target) judged so far."""

    def best_part(self, link: Link) -> "BestPart":
        key = (link.src, link.tgt)
        if key not in self.best_parts:
            self.best_parts[key] = _best_part(self.scorer, link)
        return self.best_parts[key]


def _scoring_for(source: Document, target: Document, settings: "Settings") -> _Scoring:
    """The scoring of a (sentence) document pair with the pair's dictionaries, built once
    and kept for the next check of the same texts: on a book building the scorer costs
    seconds, judging the merges again a second, and the review re-checks after every
    edit."""
    from align.aligner import LinkScorer

    global _SCORING
    if _SCORING is None or not _same_pair(_SCORING.key, source, target, settings):
        _SCORING = _Scoring((source, target, settings.lexicon),
                            LinkScorer(source, target, settings))
    return _SCORING


_SCORING: _Scoring | None = None
"""The last scoring built (one pair: a worker checks one)."""

PairKey = tuple[Document, Document, object]
"""What a kept scorer or realigner was built from: the texts, and the dictionaries."""


def _same_pair(key: PairKey, source: Document, target: Document, settings: "Settings"
               ) -> bool:
    """Whether ``key`` holds these texts and these dictionaries (one object for the
    life of the process: :func:`align.dictionaries.sources.lexicon_for`)."""
    kept_source, kept_target, lexicon = key
    return (lexicon is settings.lexicon
            and (kept_source is source or kept_source == source)
            and (kept_target is target or kept_target == target))


BestPart = tuple[int, float, tuple[int, ...]]
"""The place in a merge's source of the part its target translates best, how much more
than the merge that part's link costs with the others left unpaired, and the places of
the other parts nearly as good (:data:`PART_GAP`)."""


def _best_part(scorer: "LinkScorer", link: Link) -> BestPart:
    """The place in ``link.src`` of the segment the target translates best (its link
    alone costs least, as the aligner prices it), how much more than the merge that
    link costs with the other parts left unpaired, and the parts nearly as good."""
    i0, j = np.array([link.src[0]]), np.array([link.tgt[0]])
    b = len(link.tgt)
    merged = float(scorer.cost(len(link.src), b, i0, j)[0])
    alone = [float(scorer.cost(1, b, np.array([i]), j)[0]) for i in link.src]
    kept = min(range(len(alone)), key=alone.__getitem__)
    rivals = tuple(p for p, cost in enumerate(alone)
                   if p != kept and cost - alone[kept] < PART_GAP)
    return kept, alone[kept] + scorer.weights.one_sided * (len(link.src) - 1) - merged, rivals
