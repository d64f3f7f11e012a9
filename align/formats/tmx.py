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
from typing import Iterable, Iterator

from lxml import etree

import align
from align.fileio import atomic_writer
from align.formats.units import (LONG_SEGMENT, ExportSummary, LinkFilter, clean_xml_text,
                                 document_name, iter_units)
from align.model import Alignment

__all__ = ["XML_LANG", "SEGTYPES", "LONG_SEGMENT", "TmxSummary", "Tuv", "TmxUnit",
           "TmxWriter", "open_tmx", "write_tmx", "source_and_target", "find_tuv", "tmx_date",
           "clean_xml_text", "document_name"]

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
KEPT_ATTRS = ("creationid", "changeid")
"""Who made and changed a unit: kept on a merge, like the dates."""


# ---------------------------------------------------------------------------- units

@dataclass(slots=True)
class Tuv:
    """One language variant of a unit: plain text, and the original ``<seg>`` if kept."""

    lang: str
    text: str
    seg: etree._Element | None = None
    """The ``<seg>`` as read (inline codes kept), written instead of ``text`` on a merge."""


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
    """Dates (``YYYYMMDDThhmmssZ``) and creation/change ids kept from a read unit."""

    @property
    def date(self) -> str:
        """The unit's newest date, for ``--duplicates newest`` (TMX dates sort as text)."""
        return max(self.attrs.get("changedate", ""), self.attrs.get("creationdate", ""))


def find_tuv(tuvs: Iterable[Tuv], lang: str) -> Tuv | None:
    """The variant in ``lang``: an exact (case-blind) code first, then the same primary
    language (``ru`` finds ``ru-RU``), so a user need not spell a tool's region code."""
    lang = lang.lower()
    tuvs = list(tuvs)
    for tuv in tuvs:
        if tuv.lang.lower() == lang:
            return tuv
    primary = lang.split("-")[0]
    for tuv in tuvs:
        if tuv.lang.lower().split("-")[0] == primary:
            return tuv
    return None


def tmx_date(moment: datetime | None = None) -> str:
    """A TMX date: UTC, ``YYYYMMDDThhmmssZ`` (the only form TMX 1.4b allows)."""
    moment = moment or datetime.now(timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def tuid_prefix(name: str, used: set[str]) -> str:
    """A tuid prefix without spaces, unique in the file (``name``, ``name.2`` …).

    tuids are ``{prefix}-{index}``; the index has no ``-``, so unique prefixes give
    unique tuids without remembering every tuid written.
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

    def __init__(self, xf: "etree._IncrementalFileWriter", header_lang: str, now: str,
                 summary: ExportSummary) -> None:
        self._xf = xf
        self.header_lang = header_lang
        self.now = now
        self.summary = summary

    def _clean(self, text: str) -> str:
        text, dropped = clean_xml_text(text)
        self.summary.dropped_chars += dropped
        return text

    def write(self, unit: TmxUnit) -> None:
        """Write one ``<tu>``: notes and props first, then the variants (DTD order)."""
        tu = etree.Element("tu", tuid=self._clean(unit.tuid))
        if unit.srclang and unit.srclang != self.header_lang:
            tu.set("srclang", unit.srclang)
        tu.set("creationdate", unit.attrs.get("creationdate") or self.now)
        for key in (*KEPT_ATTRS, "changedate"):
            if unit.attrs.get(key):
                tu.set(key, self._clean(unit.attrs[key]))
        for note in unit.notes:
            etree.SubElement(tu, "note").text = self._clean(note)
        for kind, value in unit.props:
            etree.SubElement(tu, "prop", type=self._clean(kind)).text = self._clean(value)
        for variant in unit.tuvs:
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(XML_LANG, variant.lang)
            if variant.seg is not None:
                tuv.append(_safe_seg(variant.seg))
            else:
                etree.SubElement(tuv, "seg").text = self._clean(variant.text)
        etree.indent(tu, space="  ", level=2)  # only adds whitespace between elements
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


@contextmanager
def open_tmx(path: str | os.PathLike[str], *, srclang: str, segtype: str,
             summary: ExportSummary, datatype: str = "plaintext") -> Iterator[TmxWriter]:
    """A TMX 1.4b file being written at ``path``: header given, units written by the caller.

    The file appears (atomically) only when the ``with`` block ends without an error.
    """
    if segtype not in SEGTYPES:
        raise ValueError(f"segtype {segtype!r} is not one of {', '.join(SEGTYPES)}")
    now = tmx_date()
    with atomic_writer(path, "wb") as handle:
        handle.write(DECLARATION)
        with etree.xmlfile(handle, encoding="UTF-8") as xf:
            xf.write_doctype(DOCTYPE)
            with xf.element("tmx", version="1.4"):
                xf.write("\n  ")
                xf.write(etree.Element("header", {
                    "creationtool": "sverka",
                    "creationtoolversion": align.__version__,
                    "segtype": segtype,
                    "o-tmf": "sverka",
                    "adminlang": "en",
                    "srclang": srclang,
                    "datatype": datatype,
                    "creationdate": now,
                }))
                xf.write("\n  ")
                with xf.element("body"):
                    xf.write("\n")
                    yield TmxWriter(xf, srclang, now, summary)
                    xf.write("  ")
                xf.write("\n")
        handle.write(b"\n")


def write_tmx(alignments: Iterable[Alignment] | Alignment, path: str | os.PathLike[str], *,
              segtype: str | None = None, src_lang: str | None = None,
              tgt_lang: str | None = None, doc_name: str | None = None,
              select: LinkFilter | None = None, context: bool = False) -> ExportSummary:
    """Write the two-sided links of ``alignments`` as one TMX 1.4b memory at ``path``.

    ``alignments`` may be a lazy iterable (it is consumed once). The header's ``srclang``
    and ``segtype`` come from the first alignment unless given (``segtype`` follows the
    level: OmegaT re-segments ``paragraph`` units into sentences itself). Languages are
    written as given (``ru``, ``en-GB``). ``select`` keeps a link when true; ``context``
    adds the neighbouring source segments as ``x-context-pre``/``x-context-post`` props.
    One-sided links are skipped and counted; characters XML forbids are dropped and
    counted. The file appears only when complete.
    """
    items: Iterator[Alignment] = iter([alignments] if isinstance(alignments, Alignment)
                                      else alignments)
    first = next(items, None)
    if segtype is None:
        segtype = first.level if first is not None else "paragraph"
    header_lang = src_lang or (first.source.lang if first is not None else "*all*")
    summary = ExportSummary()
    used_prefixes: set[str] = set()
    with open_tmx(path, srclang=header_lang, segtype=segtype, summary=summary) as writer:
        for alignment in chain([first], items) if first is not None else ():
            name = doc_name or document_name(alignment)
            prefix = tuid_prefix(clean_xml_text(name)[0], used_prefixes)
            source_lang = src_lang or alignment.source.lang
            target_lang = tgt_lang or alignment.target.lang
            for unit in iter_units(alignment, summary, name=name, select=select,
                                   context=context):
                writer.write(TmxUnit(f"{prefix}-{unit.index}",
                                     [Tuv(source_lang, unit.source),
                                      Tuv(target_lang, unit.target)],
                                     list(unit.props.items()), srclang=source_lang))
    return summary


def source_and_target(unit: TmxUnit, src_lang: str | None = None,
                      tgt_lang: str | None = None) -> tuple[Tuv, Tuv] | None:
    """The unit's source and target variants, or None when a language is missing.

    The source is ``src_lang`` (default: the unit's srclang; ``*all*`` or none means the
    first variant); the target is ``tgt_lang``, else the first other variant.
    """
    lang = src_lang or unit.srclang
    source = (find_tuv(unit.tuvs, lang) if lang and lang.lower() != "*all*"
              else unit.tuvs[0])
    if source is None:
        return None
    if tgt_lang:
        target = find_tuv((t for t in unit.tuvs if t is not source), tgt_lang)
    else:
        target = next((t for t in unit.tuvs if t is not source), None)
    return (source, target) if target is not None else None
