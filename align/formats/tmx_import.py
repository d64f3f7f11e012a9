"""A TMX memory (any tool's) opened as an alignment, so a person can review it.

Each ``<tu>`` becomes one 1-1 link between a source and a target segment. A unit carries
no alignment history, so its link is ``confirmed`` with score 1.0 by default: a unit in
a memory is a pair someone committed (a CAT tool writes a unit when a translator confirms
a segment), and calling it ``auto`` would make ``export --only-confirmed`` lose the whole
memory. A sverka TMX keeps its own ``x-status``/``x-confidence``, which win.

Nothing visible is lost: inline codes (``<ph>{0}</ph>``, ``<bpt>&lt;b&gt;</bpt>``) stay in
the segment text as their native code, so the reviewer sees the placeholder and every
export carries it. What a project has no field for (tuid, dates and ids of the unit and
its variants, the unit's document, link type and context props, other props, notes, and
the inline markup itself) is kept per unit in the alignment's meta
(:data:`align.formats.imported.IMPORTED_UNITS`) and written back by every export for each
unit the review left unchanged; a changed link is a new unit.

A multilingual memory (a ``<tu>`` in en, de, ru, uk …) gives one pair: the source and
target languages chosen (``--src-lang``/``--tgt-lang``). Units that cannot become a pair
are skipped and counted (:class:`ImportSummary`): one variant only, no variant in the
source or target language, an empty source or target; languages besides the pair's are
counted too. A memory with no usable unit is an error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from align.errors import InputError
from align.formats.imported import IMPORTED_UNITS, KEPT_PROPS, pair_key
from align.formats.tmx import ANY_LANG, TmxUnit, Tuv, find_tuv
from align.formats.tmx_reader import TmxReader, no_pairs
from align.formats.units import PROP_NAMES
from align.wording import plural
from align.language import base_language
from align.model import LINK_STATUSES, MARKS, Alignment, Document, Link, Segment

DEFAULT_STATUS = "confirmed"


@dataclass(slots=True)
class ImportSummary:
    """What an import read, and what it left out or could not carry."""

    read: int = 0
    """``<tu>`` elements in the file."""
    pairs: int = 0
    one_language: int = 0
    """Units with a single ``<tuv>`` (a source never translated): skipped."""
    without_pair: int = 0
    """Units with no variant in the source or the target language: skipped."""
    languages: tuple[str, ...] = ()
    """The pair imported (source, target), or the source alone while no unit had it."""
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
        if self.without_pair:
            found.append(f"{plural(self.without_pair, 'unit')} without "
                         f"{' and '.join(self.languages)} skipped")
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
    """The unit's 1-1 link, with a sverka TMX's own status, score and mark when it has them."""
    props = dict(unit.props)
    if props.get("x-status") in LINK_STATUSES:
        status = props["x-status"]
    mark = props.get("x-mark", "")
    try:
        score = float(props.get("x-confidence", "1"))
    except ValueError:
        score = 1.0
    if not 0.0 <= score <= 1.0:
        score = 1.0
    return Link((index,), (index,), score, status, mark if mark in MARKS else "")


def _kept(unit: TmxUnit, index: int, source: Tuv, target: Tuv) -> dict:
    """What the project keeps of a unit besides its texts (see ``IMPORTED_UNITS``)."""
    entry: dict = {"link": index, "pair": pair_key(source.text, target.text)}
    if unit.tuid:
        entry["tuid"] = unit.tuid
    entry.update(unit.attrs)
    props = [[kind, value] for kind, value in unit.props if kind not in PROP_NAMES]
    entry.update({KEPT_PROPS[kind]: value for kind, value in unit.props
                  if kind in KEPT_PROPS and value})
    if props:
        entry["props"] = props
    if unit.notes:
        entry["notes"] = list(unit.notes)
    for side, tuv in (("source", source), ("target", target)):
        if tuv.seg is not None and len(tuv.seg):
            tuv.seg.tail = None
            entry[f"{side}_seg"] = etree.tostring(tuv.seg, encoding="unicode")
        if tuv.attrs:
            entry[f"{side}_attrs"] = dict(tuv.attrs)
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
    target is ``tgt_lang``, else the other language of the first unit that has the source.
    ``ru`` finds ``ru-RU`` variants; the documents keep the codes as the file (or the user)
    spells them. Units without both languages are skipped and counted (a multilingual
    memory gives the pair chosen). ``summary``, when given, is filled with what was read
    and skipped.
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
    seen: dict[str, None] = {}  # every language code read, in order (for an error)
    for unit in reader:
        where = f"<tu> {reader.units_read}" + (f" (tuid {unit.tuid})" if unit.tuid else "")
        seen.update(dict.fromkeys(tuv.lang for tuv in unit.tuvs))
        # One direction for the whole project: a unit's own srclang only starts it.
        lang = src_lang or (langs[0] if langs else unit.srclang)
        if not lang or lang.lower() == ANY_LANG:
            raise InputError(path, f"the source language is not known (header srclang is "
                                   f"{lang or 'missing'!s}); give --src-lang")
        summary.languages = langs or (lang,)
        source = find_tuv(unit.tuvs, lang)
        others = [tuv for tuv in unit.tuvs if tuv is not source]
        wanted = tgt_lang or (langs[1] if langs else None)
        if source is not None and wanted is None:
            if len({tuv.lang.lower() for tuv in others}) > 1:
                raise InputError(path, f"{where}: several target languages "
                                       f"({', '.join(t.lang for t in others)}); "
                                       f"give --tgt-lang")
            wanted = others[0].lang
        target = find_tuv(others, wanted) if source is not None and wanted else None
        if source is None or target is None:
            summary.without_pair += 1
            continue
        if langs is None:
            langs = (src_lang or source.lang, tgt_lang or target.lang)
            summary.languages = langs
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
        if reader.one_language and not summary.empty and not summary.without_pair:
            raise InputError(path, no_pairs(reader.units_read))
        if summary.without_pair and langs is None:
            wanted = summary.languages + ((tgt_lang,) if tgt_lang else ())
            holds = f"both {wanted[0]} and {wanted[1]}" if len(wanted) == 2 else wanted[0]
            raise InputError(path, f"no <tu> holds {holds} (found {', '.join(seen)}); "
                                   f"give --src-lang and --tgt-lang")
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
