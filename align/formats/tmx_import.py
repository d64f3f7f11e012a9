"""A TMX memory (any tool's) opened as an alignment, so a person can review it.

Each ``<tu>`` becomes one 1-1 link between a source and a target segment. A unit carries
no alignment history, so its link is ``confirmed`` with score 1.0 by default: a unit in
a memory is a pair someone committed (a CAT tool writes a unit when a translator confirms
a segment), and calling it ``auto`` would make ``export --only-confirmed`` lose the whole
memory. A sverka TMX keeps its own ``x-status``/``x-confidence``, which win.

Nothing visible is lost: inline codes (``<ph>{0}</ph>``, ``<bpt>&lt;b&gt;</bpt>``) stay in
the segment text as their native code, so the reviewer sees the placeholder and every
export carries it. What a project has no field for (tuid, dates, ids, ``x-document``, other
props, notes, and the inline markup itself) is kept per unit in the alignment's meta
(:data:`align.formats.tmx.IMPORTED_UNITS`) and written back by the TMX export for every
unit the review left unchanged; a changed link is a new unit.

Units that cannot become a pair are skipped and counted (:class:`ImportSummary`): one
variant only, an empty source or target; languages besides the pair's are counted too.
A memory with no usable unit is an error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from align.errors import InputError
from align.formats.tmx import (ANY_LANG, IMPORTED_UNITS, TmxUnit, Tuv, find_tuv,
                               pair_key)
from align.formats.tmx_reader import TmxReader, no_pairs
from align.formats.units import PROP_NAMES
from align.wording import plural
from align.language import base_language
from align.model import LINK_STATUSES, Alignment, Document, Link, Segment

DEFAULT_STATUS = "confirmed"


@dataclass(slots=True)
class ImportSummary:
    """What an import read, and what it left out or could not carry."""

    read: int = 0
    """``<tu>`` elements in the file."""
    pairs: int = 0
    one_language: int = 0
    """Units with a single ``<tuv>`` (a source never translated): skipped."""
    empty: int = 0
    """Units whose source or target ``<seg>`` is empty: skipped (not a pair to confirm)."""
    other_languages: dict[str, int] = field(default_factory=dict)
    """Variants besides the source and target, by code (a third language, a second
    regional variant): a project has two sides, so these are not imported."""

    def warnings(self) -> list[str]:
        """What the user should know, one phrase each (the import summary adds them)."""
        found = []
        if self.one_language:
            found.append(f"{plural(self.one_language, 'unit')} with one language skipped")
        if self.empty:
            found.append(f"{plural(self.empty, 'unit')} with an empty source or target "
                         "skipped")
        if self.other_languages:
            codes = ", ".join(sorted(self.other_languages))
            units = sum(self.other_languages.values())
            found.append(f"{plural(units, 'variant')} in other languages ({codes}) "
                         "not imported")
        return found


def _link(unit: TmxUnit, index: int, status: str) -> Link:
    """The unit's 1-1 link, with a sverka TMX's own status and score when it has them."""
    props = dict(unit.props)
    if props.get("x-status") in LINK_STATUSES:
        status = props["x-status"]
    try:
        score = float(props.get("x-confidence", "1"))
    except ValueError:
        score = 1.0
    if not 0.0 <= score <= 1.0:
        score = 1.0
    return Link((index,), (index,), score, status)


def _kept(unit: TmxUnit, index: int, source: Tuv, target: Tuv) -> dict:
    """What the project keeps of a unit besides its texts (see ``IMPORTED_UNITS``)."""
    entry: dict = {"link": index, "pair": pair_key(source.text, target.text)}
    if unit.tuid:
        entry["tuid"] = unit.tuid
    entry.update(unit.attrs)
    props = [[kind, value] for kind, value in unit.props if kind not in PROP_NAMES]
    document = dict(unit.props).get("x-document")
    if document:
        entry["document"] = document
    if props:
        entry["props"] = props
    if unit.notes:
        entry["notes"] = list(unit.notes)
    for key, tuv in (("source_seg", source), ("target_seg", target)):
        if tuv.seg is not None and len(tuv.seg):
            tuv.seg.tail = None
            entry[key] = etree.tostring(tuv.seg, encoding="unicode")
    return entry


def memory_name(path: str | os.PathLike[str]) -> str:
    """A memory's name: its file name up to the first dot (``site.ru-en.tmx`` → ``site``);
    ``memory`` for a name that starts with a dot, which would make a hidden file."""
    return Path(path).name.split(".")[0] or "memory"


def alignment_from_tmx(path: str | os.PathLike[str], *, src_lang: str | None = None,
                       tgt_lang: str | None = None, status: str = DEFAULT_STATUS,
                       summary: ImportSummary | None = None) -> Alignment:
    """Read ``path`` and build the alignment; any problem is an :class:`InputError`.

    The source language is ``src_lang``, else the unit's or header's ``srclang``; the
    target is ``tgt_lang``, else the other language of the first unit. ``ru`` finds
    ``ru-RU`` variants; the documents keep the codes as the file (or the user) spells them.
    ``summary``, when given, is filled with what was read and skipped.
    """
    if status not in LINK_STATUSES:
        raise ValueError(f"unknown link status {status!r}")
    summary = summary if summary is not None else ImportSummary()
    reader = TmxReader(path, keep_markup=True)
    kept: list[dict] = []
    sources: list[Segment] = []
    targets: list[Segment] = []
    links: list[Link] = []
    langs: tuple[str, str] | None = None
    for unit in reader:
        where = f"<tu> {reader.units_read}" + (f" (tuid {unit.tuid})" if unit.tuid else "")
        found = [tuv.lang for tuv in unit.tuvs]
        # One direction for the whole project: a unit's own srclang only starts it.
        lang = src_lang or (langs[0] if langs else unit.srclang)
        if not lang or lang.lower() == ANY_LANG:
            raise InputError(path, f"the source language is not known (header srclang is "
                                   f"{lang or 'missing'!s}); give --src-lang")
        source = find_tuv(unit.tuvs, lang)
        if source is None:
            raise InputError(path, f"{where}: no <tuv> in the source language {lang} "
                                   f"(found {', '.join(found)}); give --src-lang")
        others = [tuv for tuv in unit.tuvs if tuv is not source]
        wanted = tgt_lang or (langs[1] if langs else None)
        if wanted is None:
            if len({tuv.lang.lower() for tuv in others}) > 1:
                raise InputError(path, f"{where}: several target languages "
                                       f"({', '.join(t.lang for t in others)}); "
                                       f"give --tgt-lang")
            wanted = others[0].lang
        target = find_tuv(others, wanted)
        if target is None:
            raise InputError(path, f"{where}: no <tuv> in the target language {wanted} "
                                   f"(found {', '.join(found)})")
        if langs is None:
            langs = (src_lang or source.lang, tgt_lang or target.lang)
            if base_language(langs[0]) == base_language(langs[1]):
                raise InputError(path, f"source and target are both {langs[0]}; "
                                       f"give --src-lang and --tgt-lang")
        for other in others:
            if other is not target:
                summary.other_languages[other.lang] = summary.other_languages.get(
                    other.lang, 0) + 1
        if not source.text.strip() or not target.text.strip():
            summary.empty += 1
            continue
        kept.append(_kept(unit, len(links), source, target))
        links.append(_link(unit, len(links), status))
        sources.append(Segment(source.text))
        targets.append(Segment(target.text))
    summary.read, summary.one_language, summary.pairs = (reader.units_read,
                                                         reader.one_language, len(links))
    if not links:
        if reader.one_language and not summary.empty:
            raise InputError(path, no_pairs(reader.units_read))
        if reader.units_read:
            raise InputError(path, f"none of its {plural(reader.units_read, '<tu>', '<tu>')} "
                                   f"is a usable pair ({'; '.join(summary.warnings())}): "
                                   f"nothing to review")
        raise InputError(path, "has no <tu> units: nothing to review")
    assert langs is not None
    segtype = reader.header.get("segtype")
    meta = {"name": memory_name(path), "level": "sentence" if segtype == "sentence" else "paragraph",
            "imported_from": str(path), IMPORTED_UNITS: kept}
    return Alignment(Document(langs[0], tuple(sources), {"path": str(path)}),
                     Document(langs[1], tuple(targets), {"path": str(path)}),
                     tuple(links), meta)
