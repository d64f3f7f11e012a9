"""The one TMX 1.4b writer of sverka, and a small safe TMX reader.

The writer streams (``lxml.etree.xmlfile``): one ``<tu>`` element is built, written and
forgotten at a time, so a memory of 200,000 units is written in flat memory. The output
validates against the TMX 1.4 DTD and imports into OmegaT, Trados, memoQ and Phrase.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree

import align
from align.errors import InputError
from align.fileio import atomic_writer
from align.formats import format_score
from align.model import Alignment, Link

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SEGTYPES: tuple[str, ...] = ("block", "paragraph", "sentence", "phrase")
"""The segment types the TMX 1.4 DTD allows."""

LONG_SEGMENT = 2000
"""A ``<seg>`` longer than this (characters) is counted: CAT tools match such units badly."""

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

# Characters XML 1.0 does not allow at all (not even as character references).
_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TUID_UNSAFE = re.compile(r"[^\w.-]+")

# Inline codes whose content is native markup, not text (TMX 1.4b, "Content markup").
_CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})


@dataclass(slots=True)
class TmxSummary:
    """What a TMX export wrote and what it left out, for the user's report."""

    units: int = 0
    """``<tu>`` elements written (one per two-sided link)."""
    one_sided_skipped: int = 0
    """Links with an empty side (omissions, additions): a TMX unit needs both languages."""
    link_types: dict[str, int] = field(default_factory=dict)
    """All links seen, by type (``1-1``, ``2-1``, ``1-0`` …), written or skipped."""
    dropped_chars: int = 0
    """Characters XML 1.0 forbids (control characters, U+FFFE/FFFF, lone surrogates)."""
    long_segments: int = 0
    """Written ``<seg>`` texts longer than :data:`LONG_SEGMENT` characters."""
    documents: int = 0
    """Alignments (document pairs) written."""

    def describe(self) -> str:
        """One line for the terminal: what was written and what was left out."""
        parts = [f"{self.units} units"]
        if self.one_sided_skipped:
            parts.append(f"{self.one_sided_skipped} one-sided links left out")
        if self.dropped_chars:
            parts.append(f"{self.dropped_chars} control characters dropped")
        if self.long_segments:
            parts.append(f"{self.long_segments} segments over {LONG_SEGMENT} characters "
                         "(Trados Cloud's limit)")
        return ", ".join(parts)


def tmx_date(moment: datetime | None = None) -> str:
    """A TMX date: UTC, ``YYYYMMDDThhmmssZ`` (the only form TMX 1.4b allows)."""
    moment = moment or datetime.now(timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def clean_xml_text(text: str) -> tuple[str, int]:
    """``text`` without the characters XML 1.0 forbids, and how many were dropped."""
    cleaned, dropped = _FORBIDDEN.subn("", text)
    return cleaned, dropped


def document_name(alignment: Alignment) -> str:
    """A human name for the pair: meta ``name``, else the source file's stem, else ``doc``."""
    for meta in (alignment.meta, alignment.source.meta):
        name = meta.get("name")
        if name:
            return str(name)
    path = alignment.source.meta.get("path")
    if path:
        stem = Path(str(path)).stem
        if stem:
            return stem
    return "doc"


def _tuid_prefix(name: str, used: set[str]) -> str:
    """A tuid prefix without spaces, unique in the file (``name``, ``name.2`` …).

    tuids are ``{prefix}-{link index}``; the index has no ``-``, so unique prefixes give
    unique tuids.
    """
    base = _TUID_UNSAFE.sub("_", name).strip("_") or "doc"
    prefix, n = base, 1
    while prefix in used:
        n += 1
        prefix = f"{base}.{n}"
    used.add(prefix)
    return prefix


def write_tmx(alignments: Iterable[Alignment] | Alignment, path: str | os.PathLike[str], *,
              segtype: str | None = None, src_lang: str | None = None,
              tgt_lang: str | None = None, doc_name: str | None = None) -> TmxSummary:
    """Write the two-sided links of ``alignments`` as one TMX 1.4b memory at ``path``.

    ``alignments`` may be a lazy iterable (it is consumed once). The header's ``srclang``
    and ``segtype`` come from the first alignment unless given. Languages are written as
    given (``ru``, ``en-GB``). One-sided links are skipped and counted; characters XML
    forbids are dropped and counted. The file appears only when complete.
    """
    items: Iterator[Alignment] = iter([alignments] if isinstance(alignments, Alignment)
                                      else alignments)
    first = next(items, None)
    if segtype is None:
        segtype = first.level if first is not None else "paragraph"
    if segtype not in SEGTYPES:
        raise ValueError(f"segtype {segtype!r} is not one of {', '.join(SEGTYPES)}")
    header_lang = src_lang or (first.source.lang if first is not None else "*all*")
    now = tmx_date()
    summary = TmxSummary()
    types: Counter[str] = Counter()
    used_prefixes: set[str] = set()

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
                    "srclang": header_lang,
                    "datatype": "plaintext",
                    "creationdate": now,
                }))
                xf.write("\n  ")
                with xf.element("body"):
                    xf.write("\n")
                    pending = chain([first], items) if first is not None else iter(())
                    for alignment in pending:
                        summary.documents += 1
                        name, dropped = clean_xml_text(doc_name or document_name(alignment))
                        summary.dropped_chars += dropped
                        prefix = _tuid_prefix(name, used_prefixes)
                        source_lang = src_lang or alignment.source.lang
                        target_lang = tgt_lang or alignment.target.lang
                        for index, link in enumerate(alignment.links):
                            types[link.type] += 1
                            if not link.two_sided:
                                summary.one_sided_skipped += 1
                                continue
                            unit = _unit(alignment, link, f"{prefix}-{index}", name,
                                         source_lang, target_lang, header_lang, now, summary)
                            xf.write("    ")
                            xf.write(unit)
                            summary.units += 1
                    xf.write("  ")
                xf.write("\n")
        handle.write(b"\n")
    summary.link_types = dict(sorted(types.items()))
    return summary


def _unit(alignment: Alignment, link: Link, tuid: str, name: str, source_lang: str,
          target_lang: str, header_lang: str, now: str, summary: TmxSummary) -> etree._Element:
    """One ``<tu>``: props first, then the source and the target ``<tuv>`` (DTD order)."""
    tu = etree.Element("tu", tuid=tuid, creationdate=now)
    if source_lang != header_lang:
        tu.set("srclang", source_lang)
    for kind, value in (("x-confidence", format_score(link.score)),
                        ("x-status", link.status),
                        ("x-link-type", link.type),
                        ("x-document", name)):
        etree.SubElement(tu, "prop", type=kind).text = value
    for lang, text in ((source_lang, alignment.source_text(link)),
                       (target_lang, alignment.target_text(link))):
        text, dropped = clean_xml_text(text)
        summary.dropped_chars += dropped
        if len(text) > LONG_SEGMENT:
            summary.long_segments += 1
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, lang)
        etree.SubElement(tuv, "seg").text = text
    etree.indent(tu, space="  ", level=2)  # only adds whitespace between elements
    tu.tail = "\n"
    return tu


def _seg_text(element: etree._Element) -> str:
    """The text of a ``<seg>``: its own text, ``<hi>``/``<sub>`` text, not native codes."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _CODE_TAGS:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_tmx_pairs(path: str | os.PathLike[str]) -> list[tuple[str, str, dict[str, str]]]:
    """(source text, target text, props) for each ``<tu>`` of a TMX file.

    Safe on untrusted files: no external entities, no network, no DTD loading, default
    size limits. The source ``<tuv>`` is the one in the header's (or the unit's) srclang.
    A file that is not well-formed TMX raises :class:`InputError`.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.parse(os.fspath(path), parser).getroot()
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else error.lineno
        raise InputError(path, f"not well-formed XML (line {line}): {error.msg}") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    if root.tag != "tmx":
        raise InputError(path, f"not a TMX file (root element <{root.tag}>)")
    header = root.find("header")
    body = root.find("body")
    if header is None or body is None:
        raise InputError(path, "not a TMX file (no <header> or <body>)")
    default_lang = header.get("srclang", "*all*")
    pairs: list[tuple[str, str, dict[str, str]]] = []
    for number, tu in enumerate(body.iterfind("tu"), start=1):
        where = f"<tu> {number}" + (f" (tuid {tu.get('tuid')})" if tu.get("tuid") else "")
        texts: list[tuple[str, str]] = []
        for tuv in tu.iterfind("tuv"):
            seg = tuv.find("seg")
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            if seg is None or not lang:
                raise InputError(path, f"{where}: a <tuv> without xml:lang or <seg>")
            texts.append((lang.lower(), _seg_text(seg)))
        if len(texts) < 2:
            raise InputError(path, f"{where}: needs two <tuv>, found {len(texts)}")
        src_lang = (tu.get("srclang") or default_lang).lower()
        source = next((t for t in texts if t[0] == src_lang), texts[0])
        target = next(t for t in texts if t is not source)
        props = {prop.get("type", ""): prop.text or "" for prop in tu.iterfind("prop")}
        pairs.append((source[1], target[1], props))
    return pairs
