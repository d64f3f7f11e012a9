"""The one TMX 1.4b writer of sverka, and the unit it writes (also what the reader reads).

The writer streams: it builds, writes and forgets one ``<tu>`` at a time
(``lxml.etree.xmlfile``), so a memory of 200,000 units is written in flat memory. The
output validates against the TMX 1.4 DTD and imports into OmegaT, Trados, memoQ and
Phrase. Alignments (``write_tmx``) and units read from other memories (``sverka merge``)
go through the same :class:`TmxWriter`. The safe reader is ``align.formats.tmx_reader``.
"""

from __future__ import annotations

import copy
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import chain
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from lxml import etree

import align
from align.fileio import atomic_writer
from align.formats.imported import (IMPORTED_UNITS, imported_entries, pair_key, stored_seg,
                                    text_digest)
from align.formats.units import (LONG_SEGMENT, ExportSummary, LinkFilter, clean_xml_text,
                                 document_name, iter_units, link_number)
from align.language import base_language
from align.model import Alignment

if TYPE_CHECKING:
    from align.multi import MultiSummary

__all__ = ["XML_LANG", "SEGTYPES", "LONG_SEGMENT", "TmxSummary", "Tuv", "TmxUnit",
           "TmxWriter", "open_tmx", "write_tmx", "source_and_target", "find_tuv", "tmx_date",
           "clean_xml_text", "document_name", "IMPORTED_UNITS", "ANY_LANG", "pair_key",
           "text_digest", "write_multilingual_tmx"]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SEGTYPES: tuple[str, ...] = ("block", "paragraph", "sentence", "phrase")
"""The segment types the TMX 1.4 DTD allows."""

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
TMX_DATE = re.compile(r"^\d{8}T\d{6}Z$")

TmxSummary = ExportSummary
"""What a TMX export wrote (the summary every export gives)."""

_TUID_UNSAFE = re.compile(r"[^\w.-]+")

# What a <seg> may hold (tmx14.dtd), and the attribute each code element requires.
_INLINE_TAGS = frozenset({"bpt", "ept", "ph", "it", "hi", "ut", "sub"})
_REQUIRED = {"bpt": "i", "ept": "i", "it": "pos"}
DATE_ATTRS = ("creationdate", "changedate", "lastusagedate")
"""The attributes of a ``<tu>`` or ``<tuv>`` that hold a TMX date."""
KEPT_ATTRS = ("creationid", "changeid", "creationtool", "creationtoolversion", "usagecount",
              "o-encoding", "datatype", "o-tmf")
"""Who made and changed a unit or variant, and how: kept on a merge and an import."""
UNIT_ATTRS = DATE_ATTRS + KEPT_ATTRS
"""Every attribute a ``<tu>`` or ``<tuv>`` keeps (the TMX 1.4 DTD allows each on both)."""


# ---------------------------------------------------------------------------- units

@dataclass(slots=True)
class Tuv:
    """One language variant of a unit: plain text, and the original ``<seg>`` if kept."""

    lang: str
    text: str
    seg: etree._Element | None = None
    """The ``<seg>`` as read (inline codes kept), written instead of ``text`` on a merge."""
    props: list[tuple[str, str]] = field(default_factory=list)
    """What one variant's own link says, in a multilingual unit (its confidence …)."""
    notes: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    """The variant's own :data:`UNIT_ATTRS` as read (a CAT tool dates each variant)."""


@dataclass(slots=True)
class TmxUnit:
    """A ``<tu>`` independent of where it came from (an alignment or another memory)."""

    tuid: str
    tuvs: list[Tuv]
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    srclang: str | None = None
    """The unit's source language, when it differs from the header's (or when read)."""
    attrs: dict[str, str] = field(default_factory=dict)
    """:data:`UNIT_ATTRS` kept from a read unit (dates as ``YYYYMMDDThhmmssZ``); a
    ``creationdate`` of ``""`` writes none (absent: the time of writing)."""

    @property
    def date(self) -> str:
        """The unit's newest date, its variants' included, for ``--duplicates newest``
        (TMX dates sort as text): a tool may date only the variant it changed."""
        return max(attrs.get(key, "") for attrs in (self.attrs, *(t.attrs for t in self.tuvs))
                   for key in ("changedate", "creationdate"))


def find_tuv(tuvs: Iterable[Tuv], lang: str) -> Tuv | None:
    """The variant in ``lang``: an exact (case-blind) code first, then the same primary
    language (``ru`` finds ``ru-RU``), so a user need not spell a tool's region code."""
    lang = lang.lower()
    tuvs = list(tuvs)
    for tuv in tuvs:
        if tuv.lang.lower() == lang:
            return tuv
    primary = base_language(lang)
    for tuv in tuvs:
        if base_language(tuv.lang) == primary:
            return tuv
    return None


def tmx_date(moment: datetime | None = None) -> str:
    """A TMX date: UTC, ``YYYYMMDDThhmmssZ`` (the only form TMX 1.4b allows)."""
    moment = moment or datetime.now(timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def tuid_prefix(name: str, used: set[str]) -> str:
    """A tuid prefix without spaces, unique in the file (``name``, ``name.2`` …).

    tuids are ``{prefix}-{number}``, the link's number as the review and the other exports
    show it (from 1); the number has no ``-``, so unique prefixes give unique tuids
    without remembering every tuid written.
    """
    return unique_name(_TUID_UNSAFE.sub("_", name).strip("_") or "doc", used)


def unique_name(base: str, used: set[str]) -> str:
    """``base``, or ``base.2``, ``base.3`` … : the first not in ``used`` (then added to it)."""
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}.{n}"
    used.add(candidate)
    return candidate


# ---------------------------------------------------------------------------- writing

class TmxWriter:
    """Writes units into an open TMX body, one ``<tu>`` at a time.

    The caller gives unique tuids; the writer cleans what XML forbids and counts it.
    """

    def __init__(self, xf: "etree._IncrementalFileWriter", header_lang: str | None, now: str,
                 summary: ExportSummary) -> None:
        self._xf = xf
        self.header_lang = header_lang
        """None while the header's language is not decided: every unit names its own."""
        self.now = now
        self.summary = summary
        self.source_langs: set[str] = set()
        """The source languages of the units written (``*all*`` when a unit has none)."""

    def _clean(self, text: str) -> str:
        text, dropped = clean_xml_text(text)
        self.summary.dropped_chars += dropped
        return text

    def write(self, unit: TmxUnit) -> None:
        """Write one ``<tu>``: notes and props first, then the variants (DTD order)."""
        tu = etree.Element("tu", tuid=self._clean(unit.tuid))
        self.source_langs.add(unit.srclang or ANY_LANG)
        if unit.srclang and unit.srclang != self.header_lang:
            tu.set("srclang", unit.srclang)
        created = unit.attrs.get("creationdate", self.now)  # "": the unit had none
        if created:
            tu.set("creationdate", created)
        for key in UNIT_ATTRS:
            if key != "creationdate" and unit.attrs.get(key):
                tu.set(key, self._clean(unit.attrs[key]))
        for note in unit.notes:
            etree.SubElement(tu, "note").text = self._clean(note)
        for kind, value in unit.props:
            etree.SubElement(tu, "prop", type=self._clean(kind)).text = self._clean(value)
        tuvs = []
        for variant in unit.tuvs:
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(XML_LANG, variant.lang)
            for key, value in variant.attrs.items():
                tuv.set(key, self._clean(value))
            for note in variant.notes:
                etree.SubElement(tuv, "note").text = self._clean(note)
            for kind, value in variant.props:
                etree.SubElement(tuv, "prop", type=self._clean(kind)).text = self._clean(value)
            tuvs.append(tuv)
        # Indent before the segs go in: indenting mixed content would turn a blank between
        # two inline codes into a line break inside the text.
        etree.indent(tu, space="  ", level=2)
        for tuv, variant in zip(tuvs, unit.tuvs):
            if variant.seg is not None:
                tuv.append(_safe_seg(variant.seg))
            else:
                etree.SubElement(tuv, "seg").text = self._clean(variant.text)
            if len(tuv) > 1:  # after indented props: the seg on its own line too
                tuv[-1].tail, tuv[-2].tail = tuv[-2].tail, tuv.text
        tu.tail = "\n"
        self._xf.write("    ")
        self._xf.write(tu)


def _safe_seg(seg: etree._Element) -> etree._Element:
    """A copy of a read ``<seg>`` that the TMX 1.4 DTD accepts: unknown elements and
    codes missing their required attribute are unwrapped (their text stays)."""
    seg = copy.deepcopy(seg)
    seg.attrib.clear()
    etree.strip_elements(seg, etree.Entity, etree.Comment, etree.ProcessingInstruction,
                         with_tail=False)
    bad = {el.tag for el in seg.iterdescendants()
           if el.tag not in _INLINE_TAGS or (el.tag in _REQUIRED
                                             and el.get(_REQUIRED[el.tag]) is None)}
    if bad:
        etree.strip_tags(seg, *bad)
    seg.tail = None
    return seg


ANY_LANG = "*all*"
"""A header ``srclang`` saying units have different source languages (TMX 1.4b)."""


def _header(srclang: str, segtype: str, datatype: str, now: str, width: int = 0) -> bytes:
    """The ``<header>`` element, padded with blanks before ``/>`` to ``width`` bytes (blanks
    inside a tag are plain XML), so that its ``srclang`` can be rewritten in place."""
    element = etree.Element("header", {
        "creationtool": "sverka",
        "creationtoolversion": align.__version__,
        "segtype": segtype,
        "o-tmf": "sverka",
        "adminlang": "en",
        "srclang": srclang,
        "datatype": datatype,
        "creationdate": now,
    })
    text = etree.tostring(element, encoding="UTF-8", xml_declaration=False)  # <header …/>
    return text[:-2] + b" " * max(0, width - len(text)) + b"/>"


@contextmanager
def open_tmx(path: str | os.PathLike[str], *, srclang: str, segtype: str,
             summary: ExportSummary, datatype: str = "plaintext",
             any_source: bool = False) -> Iterator[TmxWriter]:
    """A TMX 1.4b file being written at ``path``: header given, units written by the caller.

    ``any_source``: the units may not all have ``srclang`` as their source language (a
    streamed corpus cannot be looked through first). Every ``<tu>`` then names its own,
    and if any has another source language the header's becomes ``*all*`` (TMX 1.4b),
    rewritten in place at the end (the header keeps the few blanks that takes).
    The file appears (atomically) only when the ``with`` block ends without an error.
    """
    if segtype not in SEGTYPES:
        raise ValueError(f"segtype {segtype!r} is not one of {', '.join(SEGTYPES)}")
    now = tmx_date()
    width = len(_header(ANY_LANG, segtype, datatype, now)) if any_source else 0
    with atomic_writer(path, "wb") as handle:
        handle.write(DECLARATION)
        handle.write(DOCTYPE.encode() + b'\n<tmx version="1.4">\n  ')
        header_at = handle.tell()
        header = _header(srclang, segtype, datatype, now, width)
        handle.write(header + b"\n  ")
        with etree.xmlfile(handle, encoding="UTF-8") as xf:
            with xf.element("body"):
                xf.write("\n")
                writer = TmxWriter(xf, None if any_source else srclang, now, summary)
                yield writer
                xf.write("  ")
        handle.write(b"\n</tmx>\n")
        if any_source and any(base_language(lang) != base_language(srclang)
                              for lang in writer.source_langs):
            handle.seek(header_at)
            handle.write(_header(ANY_LANG, segtype, datatype, now, len(header)))
            handle.seek(0, os.SEEK_END)


def write_tmx(alignments: Iterable[Alignment] | Alignment, path: str | os.PathLike[str], *,
              segtype: str | None = None, src_lang: str | None = None,
              tgt_lang: str | None = None, doc_name: str | None = None,
              select: LinkFilter | None = None, context: bool = False,
              include_bad: bool = False) -> ExportSummary:
    """Write the two-sided links of ``alignments`` as one TMX 1.4b memory at ``path``.

    ``alignments`` may be a lazy iterable (it is consumed once). The header's ``srclang`` is
    ``src_lang`` if given, else the source language of the units: one alignment's, or, over
    several, theirs when they share one and ``*all*`` (TMX 1.4b) when they differ (each
    unit then names its own). ``segtype`` comes from the first alignment unless given (it
    follows the level: OmegaT re-segments ``paragraph`` units into sentences itself).
    Languages are written as given (``ru``, ``en-GB``). ``select`` keeps a link when true;
    ``context`` adds the neighbouring source segments as ``x-context-pre``/``-post`` props.
    Links a person marked bad are left out (and counted) unless ``include_bad``; a link's
    note is the unit's ``<note>``.
    A unit imported from another memory and not changed since (:data:`IMPORTED_UNITS`)
    gets back its tuid, dates, ids (its variants' too), the props it came with, notes and
    inline codes.
    One-sided links are skipped and counted; characters XML forbids are dropped and
    counted. The file appears only when complete.
    """
    single = isinstance(alignments, Alignment)
    items: Iterator[Alignment] = iter([alignments] if single else alignments)
    first = next(items, None)
    if segtype is None:
        segtype = first.level if first is not None else "paragraph"
    header_lang = src_lang or (first.source.lang if first is not None else ANY_LANG)
    summary = ExportSummary()
    tuids = _Tuids()
    with open_tmx(path, srclang=header_lang, segtype=segtype, summary=summary,
                  any_source=not single and not src_lang) as writer:
        for alignment in chain([first], items) if first is not None else ():
            name = doc_name or document_name(alignment)
            prefix = tuids.prefix(clean_xml_text(name)[0], _imported_tuids(alignment))
            source_lang = src_lang or alignment.source.lang
            target_lang = tgt_lang or alignment.target.lang
            for unit in iter_units(alignment, summary, name=name, select=select,
                                   context=context, include_bad=include_bad):
                tmx_unit = TmxUnit(f"{prefix}-{link_number(unit.index)}",
                                   [Tuv(source_lang, unit.source),
                                    Tuv(target_lang, unit.target)],
                                   list(unit.props.items()), srclang=source_lang)
                if unit.imported is not None:
                    _restore(tmx_unit, unit.imported, tuids)
                if unit.note and unit.note not in tmx_unit.notes:
                    tmx_unit.notes.append(unit.note)
                writer.write(tmx_unit)
    return summary


# ---------------------------------------------------------------------------- several translations

def write_multilingual_tmx(originals: Iterable[tuple[str, Sequence[Alignment]]],
                           path: str | os.PathLike[str], *, segtype: str | None = None,
                           select: LinkFilter | None = None,
                           include_bad: bool = False) -> "MultiSummary":
    """Write one TMX 1.4b memory in which each original carries all its translations.

    ``originals`` gives, per original, its name (the ``x-document`` prop and the tuid
    prefix) and the projects that align it to each translation (checked to share it, one
    per language: :func:`align.multi.check_one_original`; an error leaves no file).
    A ``<tu>`` per original segment (or per run of segments a translation joined), its
    first ``<tuv>`` the original, then one per language that renders it (``align.multi``
    says which); each translation's ``<tuv>`` carries its own link's ``x-confidence``,
    ``x-status``, ``x-link-type`` (and ``x-mark``) props and note. It may be a lazy
    iterable, consumed once; the header's ``srclang`` is the originals' language, or
    ``*all*`` when they differ. The file appears only when complete.
    """
    from align.multi import MultiSummary, check_one_original, multi_units

    items = iter(originals)
    first = next(items, None)
    if segtype is None:
        segtype = first[1][0].level if first is not None else "paragraph"
    header_lang = first[1][0].source.lang if first is not None else ANY_LANG
    summary = MultiSummary()
    tuids = _Tuids()
    with open_tmx(path, srclang=header_lang, segtype=segtype, summary=summary.export,
                  any_source=True) as writer:
        for name, alignments in chain([first], items) if first is not None else ():
            check_one_original(alignments, [document_name(a) for a in alignments])
            prefix = tuids.prefix(clean_xml_text(name)[0], ())
            document = clean_xml_text(name)[0]
            source_lang = alignments[0].source.lang
            for unit in multi_units(alignments, summary, select=select,
                                    include_bad=include_bad):
                variants = [Tuv(v.lang, v.text, props=list(v.props.items()),
                                notes=[v.note] if v.note else []) for v in unit.variants]
                writer.write(TmxUnit(f"{prefix}-{unit.src[0] + 1}",  # as a person counts
                                     [Tuv(source_lang, unit.source), *variants],
                                     [("x-document", document)], srclang=source_lang))
    return summary


# ---------------------------------------------------------------------------- imported units

_TUID_NUMBERED = re.compile(r"^(.+)-(\d+)$")


def usable_tuid(tuid: object) -> bool:
    """Whether a tuid read or kept can be written as it is: text, no blanks, XML-safe."""
    return isinstance(tuid, str) and bool(tuid) and not any(c.isspace() for c in tuid) \
        and clean_xml_text(tuid)[1] == 0


def _imported_tuids(alignment: Alignment) -> list[str]:
    """The usable tuids of the units ``alignment`` was imported from."""
    return [entry["tuid"] for entry in imported_entries(alignment)
            if usable_tuid(entry.get("tuid"))]


class _Tuids:
    """Unique tuids in one file without remembering every tuid written.

    New units get ``{prefix}-{number}`` with a prefix unique in the file; an imported unit
    keeps its own tuid unless another unit already has it or it could be a new unit's.
    Only imported tuids (already in memory in their projects) are remembered.
    """

    def __init__(self) -> None:
        self.prefixes: set[str] = set()  # every prefix and numbered-tuid stem taken
        self.generated: set[str] = set()  # prefixes of new units' tuids
        self.imported: set[str] = set()

    def prefix(self, name: str, imported: Iterable[str]) -> str:
        for tuid in imported:
            match = _TUID_NUMBERED.match(tuid)
            if match:
                self.prefixes.add(match.group(1))
        prefix = tuid_prefix(name, self.prefixes)
        self.generated.add(prefix)
        return prefix

    def keep(self, tuid: str) -> bool:
        """Whether an imported tuid can be written (then it is taken)."""
        match = _TUID_NUMBERED.match(tuid)
        if tuid in self.imported or (match and match.group(1) in self.generated):
            return False
        self.imported.add(tuid)
        return True


def _restore(unit: TmxUnit, data: dict, tuids: _Tuids) -> None:
    """Give a unit what it had in the memory it was imported from (its props of
    :data:`~align.formats.imported.KEPT_PROPS` are back already: every export does that)."""
    if usable_tuid(data.get("tuid")) and tuids.keep(data["tuid"]):
        unit.tuid = data["tuid"]
    unit.attrs = {"creationdate": "", **kept_attrs(data)}  # "": not today, the memory's own
    props = dict(unit.props)
    for item in data.get("props") or ():
        if (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)
                and item[0] not in props):
            kind = item[0] if item[0].startswith("x-") else f"x-{item[0]}"
            unit.props.append((kind, item[1]))
    unit.notes = [note for note in data.get("notes") or () if isinstance(note, str)]
    for tuv, side in zip(unit.tuvs, ("source", "target")):
        tuv.seg = stored_seg(data.get(f"{side}_seg"), tuv.text)
        attrs = data.get(f"{side}_attrs")
        tuv.attrs = kept_attrs(attrs) if isinstance(attrs, dict) else {}


def kept_attrs(data: dict) -> dict[str, str]:
    """The :data:`UNIT_ATTRS` of ``data`` (kept in a project, so checked again): text, and
    dates in TMX form."""
    return {key: value for key in UNIT_ATTRS if isinstance(value := data.get(key), str)
            and value and (key not in DATE_ATTRS or TMX_DATE.match(value))}


def source_and_target(unit: TmxUnit, src_lang: str | None = None,
                      tgt_lang: str | None = None) -> tuple[Tuv, Tuv] | None:
    """The unit's source and target variants, or None when a language is missing.

    The source is ``src_lang`` (default: the unit's srclang; ``*all*`` or none means the
    first variant); the target is ``tgt_lang``, else the first other variant.
    """
    lang = src_lang or unit.srclang
    source = (find_tuv(unit.tuvs, lang) if lang and lang.lower() != ANY_LANG
              else unit.tuvs[0])
    if source is None:
        return None
    if tgt_lang:
        target = find_tuv((t for t in unit.tuvs if t is not source), tgt_lang)
    else:
        target = next((t for t in unit.tuvs if t is not source), None)
    return (source, target) if target is not None else None
