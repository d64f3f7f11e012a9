"""XLIFF 1.2 export and its safe reader.

XLIFF 1.2 rather than 2.x: it is the version translate-toolkit, OmegaT (Okapi filter),
Trados, memoQ and Phrase all read; 2.x support is patchy. One ``<trans-unit>`` per kept
link: ``<source>``, ``<target state>`` (``signed-off`` once a person confirmed or edited
the link, ``needs-review-translation`` while it is the aligner's guess), and the same
props as in TMX as ``<context context-type="x-…">`` in a ``sverka`` context group
(XLIFF 1.2 allows ``x-`` context types), and a translator's note on the link as ``<note>``.
Written streaming, like TMX.
"""

from __future__ import annotations

import os
from typing import Iterator

from lxml import etree

import align
from align.errors import InputError
from align.fileio import atomic_writer
from align.formats.tmx_reader import safe_events
from align.formats.units import (ExportSummary, LinkFilter, clean_xml_text, document_name,
                                 iter_units)
from align.model import Alignment

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CONTEXT_GROUP = "sverka"
STATES = {"auto": "needs-review-translation", "confirmed": "signed-off", "edited": "signed-off"}
"""``<target state>`` for each link status."""

_Q = f"{{{XLIFF_NS}}}"
_NSMAP = {None: XLIFF_NS}  # each streamed element repeats the default namespace, unprefixed
_CODE_TAGS = frozenset({"bpt", "ept", "ph", "it"})  # native code, not text (XLIFF 1.2)


def write_xliff(alignment: Alignment, path: str | os.PathLike[str], *,
                src_lang: str | None = None, tgt_lang: str | None = None,
                select: LinkFilter | None = None, context: bool = False,
                include_bad: bool = False) -> ExportSummary:
    """Write the two-sided links of ``alignment`` as an XLIFF 1.2 file at ``path``."""
    summary = ExportSummary()
    name = clean_xml_text(document_name(alignment))[0]
    with atomic_writer(path, "wb") as handle:
        with etree.xmlfile(handle, encoding="UTF-8") as xf:
            xf.write_declaration()
            with xf.element("xliff", version="1.2", nsmap={None: XLIFF_NS}):
                xf.write("\n  ")
                with xf.element(_Q + "file", {
                        "original": name, "datatype": "plaintext",
                        "source-language": src_lang or alignment.source.lang,
                        "target-language": tgt_lang or alignment.target.lang,
                        "tool-id": "sverka"}):
                    xf.write("\n    ")
                    header = etree.Element(_Q + "header", nsmap=_NSMAP)
                    etree.SubElement(header, _Q + "tool", {
                        "tool-id": "sverka", "tool-name": "sverka",
                        "tool-version": align.__version__})
                    xf.write(header)
                    xf.write("\n    ")
                    with xf.element(_Q + "body"):
                        xf.write("\n")
                        for unit in iter_units(alignment, summary, select=select,
                                               context=context, include_bad=include_bad):
                            xf.write("      ")
                            xf.write(_trans_unit(unit.index, unit.source, unit.target,
                                                 unit.link.status, unit.props, unit.note))
                        xf.write("    ")
                    xf.write("\n  ")
                xf.write("\n")
        handle.write(b"\n")
    return summary


def _trans_unit(index: int, source: str, target: str, status: str,
                props: dict[str, str], note: str = "") -> etree._Element:
    unit = etree.Element(_Q + "trans-unit", id=str(index), nsmap=_NSMAP)
    unit.set(XML_SPACE, "preserve")  # keep spaces as written; tools trim otherwise
    if status != "auto":
        unit.set("approved", "yes")
    etree.SubElement(unit, _Q + "source").text = source
    etree.SubElement(unit, _Q + "target", state=STATES[status]).text = target
    group = etree.SubElement(unit, _Q + "context-group", name=CONTEXT_GROUP,
                             purpose="information")
    for kind, value in props.items():
        etree.SubElement(group, _Q + "context", {"context-type": kind}).text = value
    if note:  # after the context group: XLIFF 1.2 puts notes among those elements
        etree.SubElement(unit, _Q + "note", {"from": "translator"}).text = note
    unit.tail = "\n"
    return unit


def _text(element: etree._Element) -> str:
    """Text of a ``<source>``/``<target>``: text and ``<g>``/``<mrk>`` text, not codes."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname not in _CODE_TAGS:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def iter_xliff(path: str | os.PathLike[str]) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(source, target, props) per ``<trans-unit>``, streamed; safe like the TMX reader."""
    with safe_events(path, events=("end",), tag=_Q + "trans-unit") as events:
        try:
            for number, (_, unit) in enumerate(events, start=1):
                source = unit.find(_Q + "source")
                if source is None:
                    raise InputError(path, f"<trans-unit> {number}: no <source>")
                target = unit.find(_Q + "target")
                props = {ctx.get("context-type", ""): ctx.text or ""
                         for group in unit.iterfind(_Q + "context-group")
                         for ctx in group.iterfind(_Q + "context")}
                yield _text(source), _text(target) if target is not None else "", props
                unit.clear(keep_tail=False)
        except etree.XMLSyntaxError as error:
            line = error.position[0] if error.position else error.lineno
            raise InputError(path, f"not well-formed XML (line {line}): {error.msg}") from None
        except OSError as error:
            raise InputError(path, f"cannot read: {error.strerror or error}") from None


def read_xliff_pairs(path: str | os.PathLike[str]) -> list[tuple[str, str, dict[str, str]]]:
    """Every unit of an XLIFF 1.2 file as (source, target, props)."""
    return list(iter_xliff(path))
