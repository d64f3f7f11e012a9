"""XLIFF 1.2 export and its safe reader.

XLIFF 1.2 rather than 2.x: it is the version translate-toolkit, OmegaT (Okapi filter),
Trados, memoQ and Phrase all read; 2.x support is patchy. One ``<trans-unit>`` per kept
link, its ``id`` the link's number as the review shows it: ``<source>``, ``<target state>``
(``signed-off`` once a person confirmed or edited the link, ``needs-review-translation``
while it is the aligner's guess), and the same props as in TMX as
``<context context-type="x-…">`` in a context group named ``sverka-{id}`` (XLIFF 1.2 allows
``x-`` context types; the strict schema wants group names unique in a ``<file>``), and a
translator's note on the link as ``<note>``. A unit imported from a memory and unchanged
since keeps its inline codes as XLIFF inline elements (:mod:`align.formats.inline`) and its
notes. Written streaming, like TMX; the output validates against the strict schema.
"""

from __future__ import annotations

import os
from typing import Iterator

from lxml import etree

import align
from align.errors import InputError
from align.fileio import atomic_writer
from align.formats.imported import stored_seg
from align.formats.inline import fill_xliff
from align.formats.tmx_reader import safe_events, seg_text
from align.formats.units import (ExportSummary, LinkFilter, Unit, clean_xml_text,
                                 document_name, iter_units, link_number)
from align.model import Alignment

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CONTEXT_GROUP = "sverka"
STATES = {"auto": "needs-review-translation", "confirmed": "signed-off", "edited": "signed-off"}
"""``<target state>`` for each link status."""

_Q = f"{{{XLIFF_NS}}}"
_NSMAP = {None: XLIFF_NS}  # each streamed element repeats the default namespace, unprefixed


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
                            xf.write(_trans_unit(unit))
                        xf.write("    ")
                    xf.write("\n  ")
                xf.write("\n")
        handle.write(b"\n")
    return summary


def context_group_name(number: int) -> str:
    """The name of unit ``number``'s context group: unique in the file, as the schema wants."""
    return f"{CONTEXT_GROUP}-{number}"


def _trans_unit(unit: Unit) -> etree._Element:
    number = link_number(unit.index)
    element = etree.Element(_Q + "trans-unit", id=str(number), nsmap=_NSMAP)
    element.set(XML_SPACE, "preserve")  # keep spaces as written; tools trim otherwise
    status = unit.link.status
    if status != "auto":
        element.set("approved", "yes")
    kept = unit.imported or {}
    for side, text, attrs in (("source", unit.source, {}),
                              ("target", unit.target, {"state": STATES[status]})):
        made = etree.SubElement(element, _Q + side, attrs)
        seg = stored_seg(kept.get(f"{side}_seg"), text)
        if seg is None:
            made.text = text
        else:
            fill_xliff(made, seg, XLIFF_NS)
    group = etree.SubElement(element, _Q + "context-group", name=context_group_name(number),
                             purpose="information")
    for kind, value in unit.props.items():
        etree.SubElement(group, _Q + "context", {"context-type": kind}).text = value
    notes = [clean_xml_text(note)[0] for note in kept.get("notes") or ()
             if isinstance(note, str)]
    if unit.note and unit.note not in notes:
        notes.append(unit.note)
    for note in notes:  # after the context group: XLIFF 1.2 puts notes among those elements
        etree.SubElement(element, _Q + "note", {"from": "translator"}).text = note
    element.tail = "\n"
    return element


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
                # Text as in a TMX <seg>: native code inside inline codes is text too.
                yield (seg_text(source), seg_text(target) if target is not None else "",
                       props)
                unit.clear(keep_tail=False)
        except etree.XMLSyntaxError as error:
            line = error.position[0] if error.position else error.lineno
            raise InputError(path, f"not well-formed XML (line {line}): {error.msg}") from None
        except OSError as error:
            raise InputError(path, f"cannot read: {error.strerror or error}") from None


def read_xliff_pairs(path: str | os.PathLike[str]) -> list[tuple[str, str, dict[str, str]]]:
    """Every unit of an XLIFF 1.2 file as (source, target, props)."""
    return list(iter_xliff(path))
