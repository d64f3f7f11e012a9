"""Export an alignment as TMX, TSV, XLIFF or XLSX: the library call behind ``sverka export``
and the review UI's export dialog.

Which links are written (``--min-score``, ``--only-confirmed``, ``--include-bad``) and at
which level is decided here; how each file looks is the business of ``align.formats``.
Sentence units are made only inside paragraph links a person confirmed or the aligner is
confident about (a sentence pair is no better than the paragraph pair around it), and
from the sentence pairs a person confirmed one by one in the review's sentence view.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, NamedTuple

from align.errors import InputError
from align.formats.units import ExportSummary, LinkFilter
from align.model import LEVELS, Alignment, Document, Link, SentencePair

FORMATS: tuple[str, ...] = ("tmx", "tsv", "xliff", "xlsx")
LABELLED_FORMATS: tuple[str, ...] = ("tmx", "xliff")
"""The formats whose files carry language codes (``--langs`` applies to these)."""
CONFIDENT = 0.8
"""At sentence level, an unreviewed paragraph link needs this score (or ``min_score``)
for sentence pairs to be made inside it."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export: the form of ``sverka export``'s options the review UI fills in."""

    level: str | None = None
    """``paragraph`` or ``sentence``; None: the alignment's own level."""
    min_score: float | None = None
    """Leave out links scored below this (a person's links are scored like any other)."""
    only_confirmed: bool = False
    """Keep only links a person confirmed or edited."""
    langs: tuple[str, str] | None = None
    """Language codes written into TMX/XLIFF (e.g. ``ru-RU``, ``en-GB``); None: the project's."""
    context: bool = False
    """Write the previous/next source segment with each unit (x-context-pre/-post)."""
    include_bad: bool = False
    """Write links a person marked bad too (left out by default, and counted)."""

    def __post_init__(self) -> None:
        if self.level is not None and self.level not in LEVELS:
            raise ValueError(f"level {self.level!r} is not one of {', '.join(LEVELS)}")
        if self.min_score is not None and not 0.0 <= self.min_score <= 1.0:
            raise ValueError(f"min_score {self.min_score} is outside [0, 1]")
        if self.langs is not None:
            _check_langs(self.langs)

    def keeps(self, link: Link) -> bool:
        """Whether a link passes ``min_score`` and ``only_confirmed``."""
        if self.only_confirmed and not link.reviewed:
            return False
        return self.min_score is None or link.score >= self.min_score


def _check_langs(langs: tuple[str, ...]) -> None:
    """Two language codes (the UI builds options from typed text: say what is wrong)."""
    if len(langs) != 2:
        raise ValueError(f"langs needs two codes (source, target), e.g. ru-RU,en-GB; "
                         f"got {len(langs)}")
    for code in langs:
        problem = _code_problem(code)
        if problem:
            raise ValueError(problem)


def _code_problem(code: str) -> str | None:
    """Why ``code`` is no language code a CAT tool takes (``ru``, ``en-GB``), or None."""
    from align.language import language_code_problem

    return language_code_problem(code)


def check_project_langs(alignment: Alignment, where: str | os.PathLike[str]) -> None:
    """The project's own codes, about to be written into a TMX or XLIFF file, must be
    codes CAT tools accept: a file labelled ``russian`` is refused on import there."""
    for side, document in (("source", alignment.source), ("target", alignment.target)):
        problem = _code_problem(document.lang)
        if problem:
            raise InputError(where, f"the project's {side} language: {problem}; give the "
                                    f"codes to write with --langs, e.g. --langs ru,en")


def export(alignment: Alignment, path: str | os.PathLike[str], fmt: str,
           options: ExportOptions = ExportOptions(), *,
           project: str | os.PathLike[str] | None = None,
           warn: Callable[[str], None] | None = None) -> str:
    """Write ``alignment`` to ``path`` as ``fmt`` (tmx, tsv, xliff, xlsx); one summary line.

    Everything is computed before the file is touched, and the file is written atomically:
    an error (an :class:`InputError` for the user) leaves no file behind. A problem with
    the project itself (its level, its languages) names ``project`` (default: ``path``).
    A file left empty by ``only_confirmed``/``min_score`` is written (an empty memory is
    valid, and a script may export before anyone reviewed) but warned about: through
    ``warn`` when given (the CLI prints to stderr), else at the end of the summary line.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    where = path if project is None else project
    if options.langs is not None:
        check_langs_match(alignment, options.langs, where)
    elif fmt in LABELLED_FORMATS:
        check_project_langs(alignment, where)
    level = options.level or alignment.level
    select: LinkFilter = options.keeps
    if level != alignment.level:
        if alignment.level == "sentence":
            raise InputError(where, "the project is aligned at sentence level; it cannot be "
                                    "exported at paragraph level (align it again with "
                                    "--level paragraph)")
        alignment, select = sentence_alignment(alignment, options)
    summary = _WRITERS[fmt](alignment, path, options, select)
    line = f"wrote {path} ({fmt.upper()}, {level} level): {summary.describe()}"
    warning = _empty_warning(summary, options)
    if warning and warn is not None:
        warn(f"{path}: warning: {warning}")
    elif warning:
        line += f", warning: {warning}"
    return line


def _empty_warning(summary: ExportSummary, options: ExportOptions) -> str | None:
    """Why an export wrote no unit although the project has pairs, if a filter did it."""
    if summary.units or not summary.filtered_out:
        return None
    if options.only_confirmed and options.min_score is not None:
        return (f"no unit written: every link was left out by --only-confirmed and "
                f"--min-score {options.min_score}")
    if options.only_confirmed:
        return ("no unit written: no link is confirmed or edited yet (--only-confirmed); "
                "review the project first")
    return f"no unit written: every link is below --min-score {options.min_score}"


def check_langs_match(alignment: Alignment, langs: tuple[str, str],
                      where: str | os.PathLike[str]) -> None:
    """``langs`` (source, target) must name the project's languages (``ru-RU`` for ``ru``
    is fine; ``en`` for ``ru`` would label the Russian text English in the file). A
    project's label that is no code (``russian``) cannot be compared: ``langs`` replaces it."""
    from align.language import base_language

    have = (alignment.source.lang, alignment.target.lang)
    if all(_code_problem(project) or base_language(given) == base_language(project)
           for given, project in zip(langs, have)):
        return
    swapped = [base_language(code) for code in langs] == [base_language(code) for code in have[::-1]]
    raise InputError(where, f"--langs {','.join(langs)} does not match the project: its "
                            f"source (first code) is {have[0]} and its target (second code) "
                            f"is {have[1]}" + ("; the two codes are swapped" if swapped else "")
                            + f"; give e.g. --langs {have[0]},{have[1]}")


def _tmx(alignment: Alignment, path: str | os.PathLike[str], options: ExportOptions,
         select: LinkFilter) -> ExportSummary:
    from align.formats.tmx import write_tmx

    src, tgt = options.langs or (None, None)
    return write_tmx(alignment, path, src_lang=src, tgt_lang=tgt, select=select,
                     context=options.context, include_bad=options.include_bad)


def _xliff(alignment: Alignment, path: str | os.PathLike[str], options: ExportOptions,
           select: LinkFilter) -> ExportSummary:
    from align.formats.xliff import write_xliff

    src, tgt = options.langs or (None, None)
    return write_xliff(alignment, path, src_lang=src, tgt_lang=tgt, select=select,
                       context=options.context, include_bad=options.include_bad)


def _tsv(alignment: Alignment, path: str | os.PathLike[str], options: ExportOptions,
         select: LinkFilter) -> ExportSummary:
    from align.formats.tsv import write_tsv

    return write_tsv(alignment, path, include_one_sided=False, select=select,
                     context=options.context, include_bad=options.include_bad)


def _xlsx(alignment: Alignment, path: str | os.PathLike[str], options: ExportOptions,
          select: LinkFilter) -> ExportSummary:
    from align.formats.xlsx import write_xlsx

    return write_xlsx(alignment, path, include_one_sided=False, select=select,
                      context=options.context, include_bad=options.include_bad)


_WRITERS: dict[str, Callable[[Alignment, str | os.PathLike[str], ExportOptions, LinkFilter],
                             ExportSummary]] = {
    "tmx": _tmx, "tsv": _tsv, "xliff": _xliff, "xlsx": _xlsx}


# ---------------------------------------------------------------------------- sentences

def paragraph_qualifies(link: Link, options: ExportOptions) -> bool:
    """A paragraph link sentence pairs may be made in: two-sided, passing the filters,
    and either reviewed by a person or at least :data:`CONFIDENT` (or ``min_score``)."""
    if not link.two_sided or not options.keeps(link):
        return False
    threshold = CONFIDENT if options.min_score is None else options.min_score
    return link.reviewed or link.score >= threshold


@lru_cache(maxsize=1 << 16)
def _sentences_of(text: str, lang: str) -> tuple[str, ...]:
    """A paragraph's sentences, remembered: splitting is most of a sentence cut's time, and
    the review's sentence view cuts the same text again for each link it shows."""
    from align.segment import split_sentences

    return tuple(split_sentences(text, lang))


class SentenceCut(NamedTuple):
    """The sentence aligner's cut of a paragraph alignment: the sentence alignment, and
    for each paragraph link the run of sentence links inside it."""

    alignment: Alignment
    runs: list[tuple[int, int]]
    """``[start, stop)`` in ``alignment.links`` per paragraph link."""
    firsts: list[tuple[int, int]]
    """The first source and target sentence of each paragraph link."""


def sentence_cut(alignment: Alignment) -> SentenceCut:
    """Split both sides into sentences and align them inside every paragraph link at once
    (so the scorer sees the whole text): what the sentence export and the review's
    sentence view both show. Sentence links carry the aligner's scores, status ``auto``."""
    from align.aligner import Settings, sentences_within

    def sentences(document: Document) -> list[list[str]]:
        return [list(_sentences_of(segment.text, document.lang)) or [segment.text]
                for segment in document.segments]

    src_sentences, tgt_sentences = sentences(alignment.source), sentences(alignment.target)
    cut = sentences_within(alignment, src_sentences, tgt_sentences, Settings())
    runs: list[tuple[int, int]] = []
    firsts: list[tuple[int, int]] = []
    position = s0 = t0 = 0
    for paragraph in alignment.links:
        n_src = sum(len(src_sentences[i]) for i in paragraph.src)
        n_tgt = sum(len(tgt_sentences[j]) for j in paragraph.tgt)
        start, covered_src, covered_tgt = position, 0, 0
        while covered_src < n_src or covered_tgt < n_tgt:
            found = cut.links[position]  # sentence links stay inside their paragraph link
            covered_src, covered_tgt = covered_src + len(found.src), covered_tgt + len(found.tgt)
            position += 1
        runs.append((start, position))
        firsts.append((s0, t0))
        s0, t0 = s0 + n_src, t0 + n_tgt
    return SentenceCut(cut, runs, firsts)


def link_sentence_cut(alignment: Alignment, k: int) -> tuple[SentenceCut, int]:
    """The sentence cut inside paragraph link ``k`` alone, and where ``k`` is in it.

    The other links stand as one-sided blocks, which the sentence aligner passes over
    without a search; the scorer still reads the whole text, so link ``k`` gets the very
    pairs :func:`sentence_cut` gives it, in a fraction of the time (the sentence view)."""
    links = alignment.links
    link = links[k]
    s = sum(len(other.src) for other in links[:k])
    t = sum(len(other.tgt) for other in links[:k])
    n_src, n_tgt = len(alignment.source), len(alignment.target)
    before = [Link(src, tgt) for src, tgt in ((tuple(range(s)), ()), ((), tuple(range(t))))
              if src or tgt]
    after = [Link(src, tgt) for src, tgt in ((tuple(range(s + len(link.src), n_src)), ()),
                                             ((), tuple(range(t + len(link.tgt), n_tgt))))
             if src or tgt]
    stand_in = alignment.with_links([*before, link, *after])
    return sentence_cut(stand_in), len(before)


def relative(link: Link, first: tuple[int, int]) -> SentencePair:
    """A sentence link's positions counted from its paragraph link's first sentences."""
    return (tuple(i - first[0] for i in link.src), tuple(j - first[1] for j in link.tgt))


def paragraph_sentences(cut: SentenceCut, k: int, paragraph: Link) -> list[Link]:
    """The sentence links inside ``paragraph``, the ``k``-th paragraph link of the cut, with
    those a person confirmed (``confirmed_sentences``) as ``confirmed`` and the paragraph's
    mark and note."""
    start, stop = cut.runs[k]
    first = cut.firsts[k]
    return [replace(link, status="confirmed" if relative(link, first)
                    in paragraph.confirmed_sentences else link.status,
                    mark=paragraph.mark, note=paragraph.note)
            for link in cut.alignment.links[start:stop]]


def sentence_alignment(alignment: Alignment, options: ExportOptions
                       ) -> tuple[Alignment, LinkFilter]:
    """The paragraph alignment re-cut into sentences (:func:`sentence_cut`), and which of
    its links to write.

    Inside a link that qualifies (:func:`paragraph_qualifies`) every sentence pair is
    written; inside one that does not, only the pairs a person confirmed, and the other
    sentences become block links that are not written. A paragraph's mark and note ride
    on each of its sentence links. The result covers every sentence, so context props
    still name the true neighbours.
    """
    cut = sentence_cut(alignment)
    links: list[Link] = []
    left_out: set[Link] = set()

    def block(run: list[Link], paragraph: Link) -> None:
        """Sentence links ``run`` (not confirmed) as one block link that is not written."""
        if not run:
            return
        src = tuple(i for link in run for i in link.src)
        tgt = tuple(j for link in run for j in link.tgt)
        made = Link(src, tgt, paragraph.score, paragraph.status, paragraph.mark,
                    paragraph.note)
        links.append(made)
        if made.two_sided:
            left_out.add(made)
        run.clear()

    for k, paragraph in enumerate(alignment.links):
        inside = paragraph_sentences(cut, k, paragraph)
        if paragraph_qualifies(paragraph, options):
            links.extend(inside)
            continue
        pending: list[Link] = []
        for link in inside:
            if link.status == "confirmed" and link.two_sided:
                block(pending, paragraph)
                links.append(link)
            else:
                pending.append(link)
        block(pending, paragraph)
    result = Alignment(cut.alignment.source, cut.alignment.target, tuple(links),
                       dict(alignment.meta, level="sentence"))
    return result, lambda link: link not in left_out
