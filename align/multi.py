"""One original, several translations: the units a multilingual memory is made of.

Each translation is aligned to the original on its own (a project per pair); here the
projects of one original are laid side by side on the original's segments. A unit is an
original segment (paragraph or sentence, as aligned) with every translation's counterpart.

Where a translation joins original segments (a 2-1 link: two original paragraphs rendered
as one), no single original segment is what that translation says, so those original
segments become **one** unit for every language: its text is both segments, and each
language gives its rendering of both. Putting the joined translation on the first segment
would pair half a source with a whole target, and leaving it out would lose a real
translation; joining keeps every variant a faithful rendering of the unit's original.

A language has a variant in a unit only when every original segment of the unit has a
counterpart in it, through links that the export keeps (not marked bad, not filtered out):
a unit whose original a translation left partly untranslated (a 1-0 link) gets no variant
in that language rather than a partial one. Translation segments with no original (0-1
links) belong to no unit; a unit with no variant at all is left out. Both are counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from align.errors import InputError
from align.formats import format_score
from align.formats.units import (LONG_SEGMENT, ExportSummary, LinkFilter, clean_xml_text,
                                 document_name)
from align.language import base_language
from align.model import Alignment, Link, link_type
from align.wording import plural


@dataclass(frozen=True, slots=True)
class Variant:
    """One translation's rendering of a unit's original, with what its links say."""

    lang: str
    text: str
    props: dict[str, str]
    """``x-confidence`` (the lowest of its links), ``x-status``, ``x-link-type`` (the
    original and translation segments it covers, ``2-1`` …), ``x-mark`` when marked."""
    note: str = ""


@dataclass(frozen=True, slots=True)
class MultiUnit:
    """An original span and its renderings, one per language that has a counterpart."""

    src: tuple[int, ...]
    """The original segments the unit covers (one, or several a translation joined)."""
    source: str
    variants: tuple[Variant, ...]


@dataclass
class MultiSummary:
    """What a multilingual export wrote: units, variants per language, what was left out."""

    export: ExportSummary = field(default_factory=ExportSummary)
    """Units written, and the links left out (one-sided, filtered, bad) over every pair."""
    variants: Counter[str] = field(default_factory=Counter)
    """Variants written per translation language."""
    joined: int = 0
    """Units covering several original segments, because a translation joined them."""
    untranslated: int = 0
    """Original spans no translation renders (whole): left out."""
    originals: int = 0

    @property
    def documents(self) -> int:
        """Projects (document pairs) written, as a bilingual export counts them."""
        return self.export.documents

    def describe(self) -> str:
        """One line: units, variants by language, what was joined and left out."""
        export = self.export
        parts = [plural(export.units, "unit")]
        if self.variants:
            parts[0] += " (" + ", ".join(f"{lang} {count}" for lang, count in
                                         sorted(self.variants.items())) + ")"
        if self.joined:
            parts.append(f"{plural(self.joined, 'unit')} joining original segments a "
                         "translation joined")
        if self.untranslated:
            parts.append(f"{plural(self.untranslated, 'original segment')} with no "
                         "counterpart left out")
        rest = export.describe().split(", ", 1)  # its first part counts the units again
        if len(rest) > 1:
            parts.append(rest[1])
        return ", ".join(parts)


def check_one_original(alignments: Sequence[Alignment], names: Sequence[str]) -> None:
    """Projects joined into one memory must share their original, segment for segment, at
    one level, and have a translation language each: otherwise their units would not line
    up. The :class:`InputError` names the project that differs (``names`` in order)."""
    if not alignments:
        raise ValueError("no alignment to join")
    first = alignments[0]
    langs: dict[str, str] = {}
    for alignment, name in zip(alignments, names):
        if alignment.level != first.level:
            raise InputError(name, f"is aligned at {alignment.level} level and {names[0]} at "
                             f"{first.level} level; join projects of one level")
        if base_language(alignment.source.lang) != base_language(first.source.lang) or \
                alignment.source.texts != first.source.texts:
            where = _differs(first, alignment)
            raise InputError(name, f"has another original than {names[0]} (its {where}); "
                             "only projects of one original make one multilingual memory")
        lang = base_language(alignment.target.lang)
        if lang in langs:
            raise InputError(name, f"translates into {alignment.target.lang}, as "
                             f"{langs[lang]} does; a multilingual memory holds one "
                             "translation per language")
        langs[lang] = name


def _differs(first: Alignment, other: Alignment) -> str:
    """Where two originals part, for the error message."""
    if base_language(first.source.lang) != base_language(other.source.lang):
        return f"original is in {other.source.lang}, not {first.source.lang}"
    for number, (a, b) in enumerate(zip(first.source.texts, other.source.texts)):
        if a != b:
            return f"segment {number + 1} differs"
    return f"original has {len(other.source)} segments, not {len(first.source)}"


def original_name(alignments: Sequence[Alignment]) -> str:
    """What the original of several projects is called in a memory (``x-document``, the
    tuids): the name its pairs share (an article folder: ``udhr`` of ``udhr.de`` and
    ``udhr.fr``; a page's address), else its file name up to the first dot."""
    names = {document_name(alignment) for alignment in alignments}
    if len(names) == 1:
        return names.pop()
    stems = {name.rsplit(".", 1)[0] for name in names if "." in name}
    if len(stems) == 1 and all("." in name for name in names):
        return stems.pop()
    path = alignments[0].source.meta.get("path")
    return Path(str(path)).name.split(".")[0] if path else "doc"


def unit_spans(alignments: Sequence[Alignment]) -> list[tuple[int, ...]]:
    """The original's segments grouped into units: each alone, except runs some
    translation's link joins (a 2-1, 2-2 …), which make one unit together."""
    size = len(alignments[0].source)
    joined_to_next = [False] * size
    for alignment in alignments:
        for link in alignment.links:
            for i in link.src[:-1]:
                joined_to_next[i] = True
    spans: list[tuple[int, ...]] = []
    start = 0
    for i in range(size):
        if not joined_to_next[i]:
            spans.append(tuple(range(start, i + 1)))
            start = i + 1
    return spans


def multi_units(alignments: Sequence[Alignment], summary: MultiSummary, *,
                select: LinkFilter | None = None, include_bad: bool = False
                ) -> Iterator[MultiUnit]:
    """The units of one original's projects, in the original's order (see the module's
    docstring); counts into ``summary`` what is written and left out."""
    summary.originals += 1
    export = summary.export
    by_first: list[dict[int, Link]] = []  # per alignment: the link starting at segment i
    for alignment in alignments:
        export.documents += 1
        starts: dict[int, Link] = {}
        for link in alignment.links:
            export.link_types[link.type] = export.link_types.get(link.type, 0) + 1
            if not link.src:
                export.one_sided_skipped += 1  # an addition: no original to stand under
            else:
                starts[link.src[0]] = link
        by_first.append(starts)
    original = alignments[0].source
    for span in unit_spans(alignments):
        variants = []
        for alignment, starts in zip(alignments, by_first):
            links = [starts[i] for i in span if i in starts]
            variant = _variant(alignment, links, export, select, include_bad)
            if variant is not None:
                variants.append(variant)
                summary.variants[alignment.target.lang] += 1
        if not variants:
            summary.untranslated += len(span)
            continue
        source = _clean(" ".join(original.segments[i].text for i in span), export)
        export.units += 1
        summary.joined += len(span) > 1
        yield MultiUnit(span, source, tuple(variants))
    export.link_types = dict(sorted(export.link_types.items()))


def _variant(alignment: Alignment, links: list[Link], export: ExportSummary,
             select: LinkFilter | None, include_bad: bool) -> Variant | None:
    """A translation's rendering of a span from its links there, or None when a link is
    one-sided, marked bad or filtered out (each counted once, where it starts)."""
    if any(not link.two_sided for link in links):
        export.one_sided_skipped += sum(not link.two_sided for link in links)
        return None
    if not include_bad and any(link.bad for link in links):
        export.bad_left_out += sum(link.bad for link in links)
        return None
    if select is not None and not all(select(link) for link in links):
        export.filtered_out += len(links)
        return None
    text = _clean(" ".join(alignment.target_text(link) for link in links), export)
    statuses = {link.status for link in links}
    props = {"x-confidence": format_score(min(link.score for link in links)),
             "x-status": statuses.pop() if len(statuses) == 1 else "auto",
             "x-link-type": link_type(sum(len(link.src) for link in links),
                                      sum(len(link.tgt) for link in links))}
    marks = [link.mark for link in links if link.mark]
    if marks:
        props["x-mark"] = marks[0]
    note = _clean("\n".join(link.note for link in links if link.note), export)
    return Variant(alignment.target.lang, text, props, note)


def _clean(text: str, export: ExportSummary) -> str:
    text, dropped = clean_xml_text(text)
    export.dropped_chars += dropped
    export.long_segments += len(text) > LONG_SEGMENT
    return text
