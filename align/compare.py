"""Several renderings of one original, scored with sacrebleu paragraph by paragraph.

Every rendering (and the reference) is aligned to the same original, so the original's
paragraphs are the common ground: a *unit* is the smallest run of original paragraphs that
no alignment splits (usually one paragraph; two when some rendering merged them). Each
rendering's text for a unit is what its links put opposite those paragraphs; a target
paragraph with no original (0-1) goes with the unit before it. Scores are sacrebleu's
BLEU, chrF and TER, per unit and for the whole document (sacrebleu's corpus statistics
over the units, so with one paragraph per unit they are exactly sacrebleu's scores on the
paragraph pairing). Without a reference, each rendering is scored against all the others
as references. A unit the reference leaves out (an original paragraph it does not
translate) has nothing to score against: it is left out of every score, per unit and for
the document, and the report says how many. A reference's own additions (a "Source: …"
line, a note) translate no original paragraph and are no reference for any unit.

:func:`compare_alignments` is pure (alignments in, a :class:`Comparison` out);
:func:`compare_files` reads and aligns through :func:`align.pairing.align_request` first and
refuses what cannot be compared. Writing files is the command's job
(``align/commands/compare.py``).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from align.errors import InputError
from align.language import base_language, detect_language
from align.model import Alignment, Document
from align.options import PairOptions
from align.terminal import terminal_width
from align.wording import clip, plural

SAME_TEXT_CHRF = 35.0
"""Below this chrF over the paired paragraphs, two renderings are not of one original. On
WMT23 ru-en, a system against the human reference of the same document scored 50 to 88;
against the reference of another document (aligned to the same original) 13 to 29."""


@dataclass(frozen=True, slots=True)
class Scores:
    """sacrebleu's BLEU, chrF and TER (0-100; TER lower is better)."""

    bleu: float
    chrf: float
    ter: float


@dataclass(frozen=True)
class Comparison:
    """Renderings side by side, unit by unit, with their scores."""

    source: Document
    names: tuple[str, ...]
    units: tuple[tuple[int, ...], ...]
    """Original segment indices of each unit, in order."""
    texts: tuple[tuple[str, ...], ...]
    """``texts[r][u]``: rendering r's text for unit u (empty when it left the unit out)."""
    reference: tuple[str, ...] | None
    reference_name: str | None
    unit_scores: tuple[tuple[Scores | None, ...], ...]
    """``unit_scores[r][u]``; None for the units in :attr:`unscored`."""
    corpus: tuple[Scores, ...]
    """Document-level scores of each rendering."""
    signatures: tuple[str, ...]
    """sacrebleu's signatures of the corpus scores (BLEU, chrF, TER), for reports."""
    unscored: tuple[int, ...] = ()
    """Units with no reference text, left out of every score (their unit scores are None)."""
    level: str = "paragraph"
    """What the original's segments are: paragraphs, or sentences (``--level sentence``)."""
    credits_left_out: int = 0
    """Reference units whose credit sentences ("Source: …", "Translated by …") were left out
    of what is scored (:func:`without_credits`)."""

    def source_text(self, unit: int) -> str:
        return " ".join(self.source.segments[i].text for i in self.units[unit])

    def rows(self) -> list[dict[str, Any]]:
        """One record per unit and rendering: where, what, how it scored. As on the screen,
        ``unit`` and the original paragraphs ``src_first``-``src_last`` count from 1;
        ``index`` is the unit's place in :attr:`units` (from 0), for programs."""
        rows = []
        for r, name in enumerate(self.names):
            for u, unit in enumerate(self.units):
                scores = self.unit_scores[r][u]
                rows.append({"unit": u + 1, "src_first": unit[0] + 1, "src_last": unit[-1] + 1,
                             "rendering": name, "source": self.source_text(u),
                             "reference": self.reference[u] if self.reference else None,
                             "text": self.texts[r][u],
                             "bleu": scores.bleu if scores else None,
                             "chrf": scores.chrf if scores else None,
                             "ter": scores.ter if scores else None, "index": u})
        return rows

    def frame(self) -> Any:
        """:meth:`rows` as a polars DataFrame (polars is imported only here)."""
        import polars as pl

        return pl.DataFrame(self.rows(), schema={
            "unit": pl.Int64, "src_first": pl.Int64, "src_last": pl.Int64,
            "rendering": pl.Utf8, "source": pl.Utf8, "reference": pl.Utf8, "text": pl.Utf8,
            "bleu": pl.Float64, "chrf": pl.Float64, "ter": pl.Float64, "index": pl.Int64})

    def weakest(self, count: int) -> list[tuple[int, int]]:
        """``(unit, rendering)`` of the ``count`` units whose worst rendering has the lowest
        chrF, worst first."""
        worst = []
        for u in range(len(self.units)):
            if u in self.unscored:
                continue
            r = min(range(len(self.names)), key=lambda r: self.unit_chrf(r, u))
            worst.append((self.unit_chrf(r, u), u, r))
        return [(u, r) for _, u, r in sorted(worst)[:count]]

    def unit_chrf(self, rendering: int, unit: int) -> float:
        scores = self.unit_scores[rendering][unit]
        return scores.chrf if scores is not None else float("inf")


# ------------------------------------------------------------------------ units

def common_units(alignments: Sequence[Alignment]) -> list[tuple[int, ...]]:
    """The finest runs of original segments that no alignment's link splits."""
    n = len(alignments[0].source)
    cuts = set(range(n + 1))
    for alignment in alignments:
        for link in alignment.links:
            cuts.difference_update(link.src[1:])  # a merge: no cut before its later parts
    ordered = sorted(cuts)
    return [tuple(range(a, b)) for a, b in zip(ordered, ordered[1:])]


def unit_texts(alignment: Alignment, units: Sequence[tuple[int, ...]],
               additions: bool = True) -> list[str]:
    """What ``alignment`` puts opposite each unit; an addition joins the unit before it
    (or, with ``additions`` false, as for a reference, is left out)."""
    unit_of = {i: u for u, unit in enumerate(units) for i in unit}
    parts: list[list[str]] = [[] for _ in units]
    current = 0
    for link in alignment.links:
        if link.src:
            current = unit_of[link.src[0]]
        if link.tgt and (link.src or additions):
            parts[current].append(alignment.target_text(link))
    return [" ".join(part) for part in parts]


def without_credits(text: str, lang: str) -> str:
    """``text`` without its publisher's credit sentences ("Source: …", "Translated by …",
    :func:`align.ingest.kinds.line_kind`), when something else is left: a reference that
    glues its source line to the byline would otherwise mark down every rendering on that
    unit for a line no translation of the original has (chrF 40 for a right byline)."""
    from align.ingest.kinds import line_kind
    from align.segment import split_sentences

    sentences = split_sentences(text, lang) if text.strip() else []
    kept = [sentence for sentence in sentences if line_kind(sentence) != "credit"]
    return " ".join(kept) if kept and len(kept) < len(sentences) else text


# ------------------------------------------------------------------------ checks

def check_languages(alignments: Mapping[str, Alignment], expected_lang: str | None = None
                    ) -> str:
    """Refuse renderings in different languages, one clear line; return the language.

    Each key names its file. The language is ``expected_lang``, else the first one's;
    each target is checked by detection even where the language was given.
    """
    expected = base_language(expected_lang) if expected_lang else None
    first_name = None
    for name, alignment in alignments.items():
        detected = detect_language(" ".join(alignment.target.texts))
        lang = base_language(detected or alignment.target.lang)
        if expected is None:
            expected, first_name = lang, name
        elif lang != expected:
            others = f"{first_name} is in {expected}" if first_name else f"expected {expected}"
            raise InputError(name, f"is in {lang}, but {others}: every rendering and the "
                                   "reference must be in one language")
    return expected or ""


def check_same_text(comparison: Comparison, paths: Mapping[str, str] | None = None) -> None:
    """Refuse a rendering or reference that is not a translation of the same original.

    Across scripts the original says little about which document a translation is of, but
    two renderings of one text in one language agree far above :data:`SAME_TEXT_CHRF`
    over the paired paragraphs, and unrelated texts far below it. The odd one out is
    named: the reference when every rendering disagrees with it, else each rendering that
    agrees with nothing. ``paths`` maps names to the paths shown in the message.
    """
    from sacrebleu.metrics import CHRF

    paths = paths or {}
    streams = dict(zip(comparison.names, comparison.texts))
    if comparison.reference is not None and comparison.reference_name is not None:
        streams[comparison.reference_name] = comparison.reference
    names = list(streams)
    chrf = CHRF()
    agree: dict[str, list[tuple[float, str]]] = {name: [] for name in names}
    for a in range(len(names)):
        for b in range(a + 1, len(names)):
            score = chrf.corpus_score(list(streams[names[a]]), [list(streams[names[b]])]).score
            agree[names[a]].append((score, names[b]))
            agree[names[b]].append((score, names[a]))
    lonely = [name for name in names if max(agree[name])[0] < SAME_TEXT_CHRF]
    if not lonely:
        return
    ref = comparison.reference_name
    if len(lonely) == len(names):  # two texts, or nobody agrees with anybody: name a pair
        score, other = max(agree[names[-1]])
        raise InputError(paths.get(names[-1], names[-1]),
                         f"and {paths.get(other, other)} do not look like translations of one "
                         f"text (chrF {score:.0f} over the paired paragraphs; renderings of "
                         f"one original score well above {SAME_TEXT_CHRF:.0f})")
    odd = ref if ref in lonely else lonely[0]
    score, other = max(agree[odd])
    what = "the reference" if odd == ref else "this rendering"
    raise InputError(paths.get(odd, odd),
                     f"does not look like a translation of the same original ({what} "
                     f"scores chrF {score:.0f} at best, against {paths.get(other, other)}; "
                     f"renderings of one original score well above {SAME_TEXT_CHRF:.0f}): "
                     "another document?")


# ------------------------------------------------------------------------ scoring

def _unit_scores(hyps: Sequence[str], refs: Sequence[Sequence[str]]
                 ) -> tuple[list[Scores], float, str]:
    """Per-unit scores, the document's TER from the same per-unit statistics (TER is slow
    on long paragraphs: computing it once serves both), and TER's signature."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    bleu, chrf, ter = BLEU(effective_order=True), CHRF(), TER()
    scores, edits, ref_length = [], 0.0, 0.0
    for u, hyp in enumerate(hyps):
        unit_refs = [ref[u] for ref in refs]
        unit_ter = ter.sentence_score(hyp, unit_refs)
        edits += unit_ter.num_edits
        ref_length += unit_ter.ref_length
        scores.append(Scores(bleu.sentence_score(hyp, unit_refs).score,
                             chrf.sentence_score(hyp, unit_refs).score, unit_ter.score))
    # sacrebleu's TER._compute_score_from_stats over the summed statistics
    corpus_ter = (100.0 * edits / ref_length if ref_length > 0
                  else 100.0 if edits > 0 else 0.0)
    return scores, corpus_ter, str(ter.get_signature())


def compare_alignments(renderings: Mapping[str, Alignment],
                       reference: tuple[str, Alignment] | None = None) -> Comparison:
    """Score each rendering against ``reference`` (name, alignment), or without one, against
    the other renderings. All alignments must share their original."""
    from sacrebleu.metrics import BLEU, CHRF

    if not renderings:
        raise ValueError("no renderings to compare")
    if reference is None and len(renderings) < 2:
        raise ValueError("without a reference, compare needs at least two renderings")
    alignments = list(renderings.values()) + ([reference[1]] if reference else [])
    source = alignments[0].source
    if any(a.source.texts != source.texts for a in alignments):
        raise ValueError("the alignments do not share one original")
    units = common_units(alignments)
    names = tuple(renderings)
    texts = tuple(tuple(unit_texts(a, units)) for a in renderings.values())
    ref_texts = (tuple(unit_texts(reference[1], units, additions=False)) if reference
                 else None)
    scored = [u for u in range(len(units)) if ref_texts is None or ref_texts[u].strip()]
    scored_refs = ([without_credits(text, reference[1].target.lang) for text in ref_texts]
                   if reference and ref_texts is not None else None)
    credits_left_out = sum(1 for a, b in zip(ref_texts or (), scored_refs or ()) if a != b)
    unit_scores, corpus = [], []
    bleu, chrf = BLEU(), CHRF()
    for r, all_hyps in enumerate(texts):
        hyps = [all_hyps[u] for u in scored]
        refs = ([[scored_refs[u] for u in scored]] if scored_refs is not None
                else [[t[u] for u in scored] for o, t in enumerate(texts) if o != r])
        scores, corpus_ter, ter_signature = _unit_scores(hyps, refs)
        by_unit: list[Scores | None] = [None] * len(units)
        for u, unit_score in zip(scored, scores):
            by_unit[u] = unit_score
        unit_scores.append(tuple(by_unit))
        corpus.append(Scores(bleu.corpus_score(hyps, refs).score,
                             chrf.corpus_score(hyps, refs).score, corpus_ter))
    signatures = (str(bleu.get_signature()), str(chrf.get_signature()), ter_signature)
    unscored = tuple(u for u in range(len(units)) if u not in set(scored))
    return Comparison(source, names, tuple(units), texts, ref_texts,
                      reference[0] if reference else None, tuple(unit_scores), tuple(corpus),
                      signatures, unscored, alignments[0].level, credits_left_out)


def compare_files(original: Path, renderings: Sequence[Path], reference: Path | None = None,
                  options: PairOptions = PairOptions()) -> Comparison:
    """Align each rendering (and the reference) to ``original`` and compare them: the whole
    job of ``sverka compare`` except printing, with the same reading options for every
    rendering.

    Bad input is an :class:`InputError` naming the file: a rendering given twice, in
    another language than the rest, or of another document (see :func:`check_same_text`).
    """
    from dataclasses import replace

    from align.pairing import PairRequest, align_request

    if reference is None and len(renderings) < 2:
        raise InputError(renderings[0], "is the only rendering: give a reference, or two "
                                        "renderings or more to score against each other")
    paths = [*renderings, *([reference] if reference else [])]
    seen: dict[Path, Path] = {}
    for path in paths:
        key = Path(path).resolve()
        if key in seen:
            raise InputError(path, f"is given twice (also as {seen[key]})")
        seen[key] = path
    names = rendering_names(paths)
    options = replace(options, accept_unrelated=True)  # check_same_text says it better
    alignments = {name: align_request(PairRequest(Path(original), Path(path), options))
                  for name, path in zip(names, paths)}
    check_languages({str(path): alignments[name] for name, path in zip(names, paths)},
                    options.tgt_lang)
    ref = (names[-1], alignments.pop(names[-1])) if reference else None
    comparison = compare_alignments(alignments, ref)
    check_same_text(comparison, {name: str(path) for name, path in zip(names, paths)})
    return comparison


def rendering_names(paths: Sequence[Path]) -> list[str]:
    """File names, or the paths as given where two file names are the same."""
    names = [Path(path).name for path in paths]
    return [str(path) if names.count(name) > 1 else name for path, name in zip(paths, names)]


# ------------------------------------------------------------------------ reports

def corpus_table(comparison: Comparison) -> str:
    """Document-level scores, one line per rendering, best chrF first."""
    against = (f"against the reference {comparison.reference_name}" if comparison.reference_name
               else "each against the other renderings")
    what = "sentences" if comparison.level == "sentence" else "paragraphs"
    notes = []
    if comparison.unscored:
        notes.append(f"{plural(len(comparison.unscored), 'unit')} with no reference text "
                     "left out of the scores")
    if comparison.credits_left_out:
        notes.append(f"the reference's credit lines (\"Source: …\") left out of "
                     f"{plural(comparison.credits_left_out, 'unit')}")
    left_out = f" ({'; '.join(notes)})" if notes else ""
    lines = [f"{len(comparison.units)} units of {len(comparison.source)} original "
             f"{what}, {against}{left_out}",
             f"{'rendering':<32} {'BLEU':>6} {'chrF':>6} {'TER':>6}"]
    order = sorted(range(len(comparison.names)), key=lambda r: -comparison.corpus[r].chrf)
    for r in order:
        s = comparison.corpus[r]
        lines.append(f"{clip(comparison.names[r], 32):<32} {s.bleu:6.1f} {s.chrf:6.1f} "
                     f"{s.ter:6.1f}")
    lines.extend(f"  {signature}" for signature in comparison.signatures)
    return "\n".join(lines)


def weakest_table(comparison: Comparison, count: int = 5, width: int | None = None) -> str:
    """The weakest units, original and renderings side by side in columns."""
    width = terminal_width(width)
    blocks = []
    for u, worst in comparison.weakest(count):
        unit = comparison.units[u]
        where = f"{unit[0] + 1}" if len(unit) == 1 else f"{unit[0] + 1}-{unit[-1] + 1}"
        columns = [("original", comparison.source_text(u))]
        if comparison.reference is not None:
            columns.append((f"reference {comparison.reference_name}", comparison.reference[u]))
        ranked = sorted(range(len(comparison.names)), key=lambda r: comparison.unit_chrf(r, u))
        room = max(2, width // 32)
        for r in ranked[:max(1, room - len(columns))]:
            s = comparison.unit_scores[r][u]
            assert s is not None  # weakest() leaves unscored units out
            columns.append((f"{comparison.names[r]} (chrF {s.chrf:.1f}, BLEU {s.bleu:.1f})",
                            comparison.texts[r][u] or "—"))
        what = "sentence" if comparison.level == "sentence" else "paragraph"
        blocks.append(f"original {what} {where}:\n"
                      + _side_by_side(columns, width))
    if not blocks:
        return ""
    what = "sentences" if comparison.level == "sentence" else "paragraphs"
    title = f"weakest {what} (lowest chrF first; {what} count from 1):"
    return "\n\n".join([title, *blocks])


def _side_by_side(columns: Sequence[tuple[str, str]], width: int, max_lines: int = 8) -> str:
    col = max(20, (width - 3 * (len(columns) - 1)) // len(columns))
    cells = []
    for title, text in columns:
        wrapped = textwrap.wrap(" ".join(text.split()), col) or [""]
        if len(wrapped) > max_lines:
            wrapped = wrapped[:max_lines - 1] + [clip(wrapped[max_lines - 1] + " …", col)]
        cells.append([clip(title, col), "─" * min(col, len(title))] + wrapped)
    height = max(len(cell) for cell in cells)
    return "\n".join(" │ ".join(f"{(cell[k] if k < len(cell) else ''):<{col}}" for cell in cells)
                     .rstrip() for k in range(height))
