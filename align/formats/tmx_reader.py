"""The safe, streaming TMX reader: any tool's memory, as :class:`~align.formats.tmx.TmxUnit`.

It parses with ``iterparse`` and clears each unit once handed on, so a memory of 200,000
units is read in flat memory. Untrusted files are read safely: no entity expansion, no
DTD loading, no network; a file that declares entities is refused with a clear line.
"""

from __future__ import annotations

import codecs
import copy
import os
import re
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Iterator

from lxml import etree

from align.errors import InputError
from align.fileio import read_bytes
from align.formats.tmx import (DATE_ATTRS, KEPT_ATTRS, TMX_DATE, XML_LANG, TmxUnit, Tuv,
                               source_and_target, tmx_date)
from align.wording import plural

_TRUNCATED = re.compile(r"premature end|end of data|find end of|not closed", re.I)
_LANG_CODE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
"""What xml:lang may hold (RFC 4646 shape); anything else is an unknown language."""


def _normal_date(value: str | None) -> str | None:
    """A read date as TMX wants it: kept if valid, converted from ISO 8601, else dropped."""
    if not value:
        return None
    if TMX_DATE.match(value):
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return tmx_date(moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc))


_DATES, _KEPT = frozenset(DATE_ATTRS), frozenset(KEPT_ATTRS)


def _attributes(element: etree._Element) -> dict[str, str]:
    """The dates, ids and tool data of a ``<tu>`` or ``<tuv>`` as written back, in the
    file's order: dates in TMX form (converted from ISO 8601, dropped when unreadable),
    the rest as they are. (Its own few attributes are looked through: this runs for
    every ``<tu>`` and ``<tuv>`` of a memory.)"""
    attrs: dict[str, str] = {}
    for key, value in element.attrib.items():
        if key in _DATES:
            if date := _normal_date(value):
                attrs[key] = date
        elif key in _KEPT and value:
            attrs[key] = value
    return attrs


def seg_text(element: etree._Element) -> str:
    """The text of a ``<seg>`` as a reviewer must see it: its text, ``<hi>``/``<sub>`` text,
    and the native code inside ``<bpt>``/``<ept>``/``<ph>``/``<it>``/``<ut>`` too.

    A placeholder such as ``<ph>{0}</ph>`` or a tag such as ``<bpt>&lt;b&gt;</bpt>`` is part
    of what the translation must carry; dropping it would show (and export) a different
    sentence (``Цена:  рублей.``). The markup itself is kept apart by an import
    (:mod:`align.formats.tmx_import`) and written back for units nobody changed.
    """
    return "".join(element.itertext(etree.Element))


def _head(path: str | os.PathLike[str]) -> bytes:
    """The first bytes of a file (to say why it did not parse), or none if unreadable."""
    try:
        return read_bytes(path, limit=2048)
    except InputError:
        return b""


def _as_text(head: bytes) -> str:
    """The start of a file as lower-case text (for telling an HTML page from broken XML)."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, "ignore").lower()
    return head.decode("utf-8", "ignore").lower()


_BOMS = ((codecs.BOM_UTF8, "UTF-8"), (codecs.BOM_UTF16_LE, "UTF-16"),
         (codecs.BOM_UTF16_BE, "UTF-16"))
_DECLARED = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _encoding_problem(head: bytes) -> str | None:
    """Why a file that did not parse is not in the encoding it says it is in: a byte-order
    mark the text after it contradicts, UTF-32, or a UTF-16 declaration over 8-bit text.
    (A UTF-8 mark with another declaration parses: the mark wins, as XML says.)"""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "is UTF-32, which XML readers do not take: save it as UTF-8 or UTF-16"
    for bom, name in _BOMS:
        if head.startswith(bom):
            wide = b"\x00" in head[len(bom):len(bom) + 64]
            if wide != (name == "UTF-16"):
                return (f"starts with a {name} byte-order mark, but the text after it is "
                        f"not {name}: save it again in one encoding (UTF-8)")
            return None
    declared = _DECLARED.match(head)
    if declared and declared.group(1).upper().startswith(b"UTF-16") and b"\x00" not in head:
        return (f"declares encoding {declared.group(1).decode()} but is 8-bit text without "
                "a byte-order mark: correct the declaration (to UTF-8?)")
    return None


@contextmanager
def safe_events(path: str | os.PathLike[str], **options: Any) -> Iterator[Any]:
    """``iterparse`` over an untrusted file, with entities, DTD loading and network off.

    The file is opened here (not by lxml) so that it is closed as soon as the caller's
    ``with`` ends, also when a streaming reader is left early (``break``, an error); a
    file that cannot be opened is an :class:`InputError`, as :func:`read_bytes` words it.
    """
    if not os.path.isfile(path):
        reason = "is a directory" if os.path.isdir(path) else "no such file"
        raise InputError(path, f"cannot read: {reason}")
    try:
        handle = open(path, "rb")
    except OSError:
        read_bytes(path, limit=0)  # raises the one-line error that says why
        raise
    with handle:
        yield etree.iterparse(handle, resolve_entities=False, no_network=True,
                              load_dtd=False, huge_tree=False, **options)


def _normal_lang(value: str | None) -> str | None:
    """A language code as read: ``en_US`` (a common slip) becomes ``en-US``."""
    return value.strip().replace("_", "-") if value else value


class TmxReader:
    """Streams the units of a TMX file (any tool's; UTF-8 or UTF-16 with a BOM).

    Safe on untrusted files: no entity expansion, no DTD loading, no network, libxml2's
    size limits; a file declaring entities (billion laughs, external entities) is refused.
    Any problem is an :class:`InputError` naming the file and, for a unit, its number.
    ``header`` is filled once iteration has passed the ``<header>``.
    """

    def __init__(self, path: str | os.PathLike[str], *, keep_markup: bool = False) -> None:
        self.path = path
        self.keep_markup = keep_markup
        self.header: dict[str, str] = {}
        self.units_read = 0
        """``<tu>`` elements seen, usable or not (unit numbers in messages count these)."""
        self.one_language = 0
        """Units skipped because they hold fewer than two ``<tuv>`` (real memories have
        some: a source never translated); the caller reports the count."""

    def _fail(self, problem: str) -> InputError:
        return InputError(self.path, problem)

    def __iter__(self) -> Iterator[TmxUnit]:
        with safe_events(self.path, events=("end",), remove_comments=True,
                         remove_pis=True) as events:
            yield from self._units(events)

    def _units(self, events: Any) -> Iterator[TmxUnit]:
        checked = seen_body = False
        try:
            for _, element in events:
                if not checked:
                    self._check_document(element)
                    checked = True
                tag = element.tag
                if tag == "header" and element.getparent().tag == "tmx":
                    self.header = {k: v for k, v in element.attrib.items()}
                    self.header["srclang"] = _normal_lang(self.header.get("srclang")) or ""
                elif tag == "tu" and element.getparent().tag == "body":
                    self.units_read += 1
                    unit = self._unit(element, self.units_read)
                    element.clear(keep_tail=False)
                    parent = element.getparent()
                    while element.getprevious() is not None:
                        del parent[0]
                    if unit is None:
                        self.one_language += 1
                    else:
                        yield unit
                elif tag == "body":
                    seen_body = True
        except etree.XMLSyntaxError as error:
            raise self._fail(self._syntax_problem(error)) from None
        except OSError as error:
            raise self._fail(f"cannot read: {error.strerror or error}") from None
        if not checked:
            raise self._fail("not a TMX file (no elements)")
        if not seen_body:
            raise self._fail("not a TMX file (no <body>)")

    def _syntax_problem(self, error: etree.XMLSyntaxError) -> str:
        raw = _head(self.path)
        encoding = _encoding_problem(raw)
        if encoding:
            return encoding
        head = _as_text(raw)
        if "<html" in head or "<!doctype html" in head:
            return "is an HTML page, not a TMX file"
        line = error.position[0] if error.position else error.lineno
        if "entit" in error.msg.lower() and "<!entity" in head:
            return (f"declares XML entities (line {line}), which sverka never expands "
                    f"(a billion-laughs or external-entity file?): refused")
        if not head.strip():
            return "is empty, not a TMX file"
        hint = " (is the file cut short?)" if _TRUNCATED.search(error.msg) else ""
        return f"not well-formed XML (line {line}): {error.msg}{hint}"

    def _check_document(self, element: etree._Element) -> None:
        tree = element.getroottree()
        internal = tree.docinfo.internalDTD
        if internal is not None and any(True for _ in internal.iterentities()):
            raise self._fail("declares XML entities (<!ENTITY …>), which sverka never "
                             "expands (a billion-laughs or external-entity file?): refused")
        root = tree.getroot()
        if root.tag == "html" or root.tag.endswith("}html"):
            raise self._fail("is an HTML page, not a TMX file")
        if root.tag != "tmx":
            raise self._fail(f"not a TMX file (root element <{root.tag}>)")

    def _unit(self, tu: etree._Element, number: int) -> TmxUnit | None:
        """The unit, or None when it has fewer than two variants (nothing to pair)."""
        tuid = tu.get("tuid") or ""
        where = f"<tu> {number}" + (f" (tuid {tuid})" if tuid else "")
        tuvs: list[Tuv] = []
        for tuv in tu.iterfind("tuv"):
            seg = tuv.find("seg")
            lang = _normal_lang(tuv.get(XML_LANG) or tuv.get("lang"))
            if seg is None or not lang:
                raise self._fail(f"{where}: a <tuv> without xml:lang or <seg>")
            if not _LANG_CODE.fullmatch(lang):
                raise self._fail(f"{where}: unknown language {lang!r} (expected a code "
                                 f"such as ru, en or en-GB)")
            keep = copy.deepcopy(seg) if self.keep_markup else None
            tuvs.append(Tuv(lang, seg_text(seg), keep, attrs=_attributes(tuv)))
        if len(tuvs) < 2:
            return None
        srclang = _normal_lang(tu.get("srclang")) or self.header.get("srclang") or None
        return TmxUnit(
            tuid, tuvs,
            props=[(prop.get("type", ""), prop.text or "") for prop in tu.iterfind("prop")],
            notes=[note.text or "" for note in tu.iterfind("note")],
            srclang=srclang, attrs=_attributes(tu))


def read_tmx_pairs(path: str | os.PathLike[str]) -> list[tuple[str, str, dict[str, str]]]:
    """(source text, target text, props) for each ``<tu>`` of a TMX file.

    The source ``<tuv>`` is the one in the unit's (or the header's) srclang. A file that is
    not TMX, or a unit without the source language, raises :class:`InputError`; units
    with one variant are skipped (a file of only such units is an error).
    """
    pairs: list[tuple[str, str, dict[str, str]]] = []
    reader = TmxReader(path)
    for unit in reader:
        found = source_and_target(unit)
        if found is None:
            raise InputError(path, f"<tu> {reader.units_read}: no <tuv> in the source "
                                   f"language {unit.srclang}")
        pairs.append((found[0].text, found[1].text, dict(unit.props)))
    if not pairs and reader.one_language:
        raise InputError(path, no_pairs(reader.units_read))
    return pairs


def no_pairs(units: int) -> str:
    """The problem of a memory none of whose units has a translation."""
    return (f"none of its {plural(units, '<tu>', '<tu>')} has two <tuv> (source and "
            f"translation): nothing to pair")
