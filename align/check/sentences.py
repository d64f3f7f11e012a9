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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from align.check import Flag
from align.model import NO_COUNTERPART_KINDS, Alignment, Link
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
WEAK_MERGES: tuple[tuple[float, float], ...] = ((0.95, 3.0), (1.05, 2.0))
"""(share, margin): a merge whose target is shorter than the share and that costs less
than the margin (in the aligner's nats) below its best part linked alone with the others
left unpaired: the other parts bring little evidence of their own, a warning. On the
tune split, the real merges of untouched translations were 1.4 to 8.8 cheaper (the one
at 1.4 at share 0.68); swallowed sentences 0.1 to 2.8, a few up to 4.7."""
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


HOW: dict[str, str] = {
    "unpaired": "has no translation",
    "swallowed": "is glued into a merge whose target is too short for it",
    "shortened": "is linked to a target far too short for it",
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


def sentence_flags(alignment: Alignment) -> tuple[list[Flag], set[int]]:
    """Omission flags for sentences hidden in links, and the one-sided links whose
    omission flag these replace (the aligner left the wrong paragraph unpaired)."""
    if not alignment.links:
        return [], set()
    if alignment.level == "sentence":
        omissions = _swallowed(alignment, range(len(alignment.links)), _owner_identity(alignment))
        return [_flag(o, "sentence") for o in omissions], set()
    omissions, replaced = _realigned(alignment)
    return [_flag(o, "paragraph") for o in omissions], replaced


def _flag(omission: Omission, level: str) -> Flag:
    severity = ("info" if omission.kind in NO_COUNTERPART_KINDS
                else "error" if omission.sure else "warning")
    if omission.how == "whole":
        return Flag(omission.link, "omission", severity,
                    f"source paragraph {omission.paragraph + 1} has no translation (hidden "
                    f"by the links around it): «{clip(omission.text, QUOTE)}»")
    where = f" of source paragraph {omission.paragraph + 1}" if level == "paragraph" else ""
    return Flag(omission.link, "omission", severity,
                f"sentence{where} {HOW[omission.how]}: «{clip(omission.text, QUOTE)}»")


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


def _realigned(alignment: Alignment) -> tuple[list[Omission], set[int]]:
    from align.aligner import sentences_within
    from align.segment import split_sentences

    source, target = alignment.source, alignment.target
    src_sentences = [split_sentences(text, source.lang) for text in source.texts]
    tgt_sentences = [split_sentences(text, target.lang) for text in target.texts]
    windows = _windows(alignment)
    settings = _settings(source.lang, target.lang)
    sentences = sentences_within(_coarse(alignment, windows), src_sentences, tgt_sentences,
                                 settings)
    paragraph_of = [p for p, parts in enumerate(src_sentences) for _ in parts]
    link_of_paragraph = {i: k for k, link in enumerate(alignment.links) for i in link.src}
    owner = {s: link_of_paragraph[p] for s, p in enumerate(paragraph_of)}
    found: list[Omission] = []
    for link in sentences.links:
        if link.src and not link.tgt:
            found += _unpaired(sentences, link, paragraph_of, owner, alignment)
    found += _swallowed(sentences, range(len(sentences.links)), owner, paragraph_of, settings)
    found += _shortened(sentences, owner, paragraph_of)
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


def _settings(src_lang: str, tgt_lang: str) -> "Settings":
    """The aligner's settings with the installed dictionaries for the pair, as ``pair``
    uses them: without their evidence, sentences of one topic pair up too easily."""
    from align.aligner import Settings
    from align.dictionaries.sources import lexicon_for
    from align.language import base_language

    choice = lexicon_for(base_language(src_lang), base_language(tgt_lang))
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
        lost = {s for omission in found if omission.how != "shortened"
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
                                group[0].kind, how, sure))
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
               paragraph_of: list[int] | None = None,
               settings: "Settings | None" = None) -> list[Omission]:
    """Parts of merges (two source segments or more) whose target is too short for all of
    them (:data:`TOO_SHORT`, :data:`SHORT`, or somewhat short and weak:
    :data:`WEAK_MERGES`). The part whose one-to-one link with the target costs least (the
    aligner's own costs) is the one translated; the others are swallowed."""
    ratio = document_ratio(alignment)
    scorer = None
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
        if scorer is None:
            scorer = _scorer(alignment, settings)
        kept, margin = _best_part(scorer, link)
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
            out.append(Omission(owner[i], paragraph, text, alignment.source.segments[i].kind,
                                "swallowed", share < TOO_SHORT, sentences=(i,)))
    return out


def _shortened(alignment: Alignment, owner: dict[int, int], paragraph_of: list[int]
               ) -> list[Omission]:
    """Source sentences linked one to one to a target far too short for them
    (:data:`SHORTENED`): where sentence splitting differs, a dropped sentence can be
    paired with a short leftover of its neighbour's translation."""
    ratio = document_ratio(alignment)
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


def _scorer(alignment: Alignment, settings: "Settings | None") -> "LinkScorer":
    from align.aligner import LinkScorer

    return LinkScorer(alignment.source, alignment.target,
                      settings or _settings(alignment.source.lang, alignment.target.lang))


def _best_part(scorer: "LinkScorer", link: Link) -> tuple[int, float]:
    """The place in ``link.src`` of the segment the target translates best (its link
    alone costs least, as the aligner prices it), and how much more than the merge that
    link costs with the other parts left unpaired."""
    import numpy as np

    i0, j = np.array([link.src[0]]), np.array([link.tgt[0]])
    b = len(link.tgt)
    merged = float(scorer.cost(len(link.src), b, i0, j)[0])
    alone = [float(scorer.cost(1, b, np.array([i]), j)[0]) for i in link.src]
    kept = min(range(len(alone)), key=alone.__getitem__)
    return kept, alone[kept] + scorer.weights.one_sided * (len(link.src) - 1) - merged
