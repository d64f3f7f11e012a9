"""What a project keeps of the units it was imported from, found again at export time.

``sverka import`` turns each ``<tu>`` of a memory into a 1-1 link; what the project has no
field for (the tuid, dates, ids, props such as the original link type or context, notes,
the inline markup) is kept per unit in the alignment's meta. Every export finds a unit's
entry again by its text, so a unit nobody edited leaves as it came in, whatever the format.
This module is light (no lxml at import time): ``align.formats.units`` uses it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING

from align.model import Alignment

if TYPE_CHECKING:
    from lxml import etree

IMPORTED_UNITS = "tmx_units"
"""The key in an alignment's ``meta`` that keeps, per imported unit, what a project has no
other place for (``sverka import`` writes it; every export reads it).

A list of objects, one per imported unit: ``link`` (its link index at import), ``pair``
(:func:`pair_key` of its source and target text) and, when the memory had them,
``tuid``, the ``<tu>`` attributes (``creationdate``, ``changedate``, ``creationid`` …,
see :data:`align.formats.tmx.UNIT_ATTRS`), ``source_attrs``/``target_attrs`` (the
``<tuv>`` attributes), the props of :data:`KEPT_PROPS` under their keys, ``props``
(other props, ``[type, value]``), ``notes``, and ``source_seg``/``target_seg`` (the
``<seg>`` as XML, only when it holds inline codes).
Entries are found again by their text, not by position, so links the review moved or
renumbered keep them; a link a person changed (merged, split, retyped) no longer has the
text of any entry and is written as new (new tuid, today's date): stale data is dropped,
never attached to a different pair.
"""

KEPT_PROPS: dict[str, str] = {"x-document": "document", "x-link-type": "link_type",
                              "x-context-pre": "context_pre", "x-context-post": "context_post"}
"""sverka props an imported unit brings back on export, and the entry key each is kept
under: the link made on import is 1-1 among the memory's units, but the unit was a 2-1
link with its own document and neighbours where it was aligned."""


def text_digest(*texts: str, size: int = 16) -> bytes:
    """A digest of texts in order, each ended by a NUL (so ``ab|c`` differs from
    ``a|bc``); lone surrogates a memory may hold are hashed, not refused."""
    hasher = hashlib.blake2b(digest_size=size)
    for text in texts:
        hasher.update(text.encode("utf-8", "surrogatepass"))
        hasher.update(b"\x00")
    return hasher.digest()


def pair_key(source: str, target: str) -> str:
    """A short digest of a pair's texts: what ties an imported unit to its link."""
    return text_digest(source, target, size=8).hex()


def imported_entries(alignment: Alignment) -> list[dict]:
    """The well-formed entries of :data:`IMPORTED_UNITS` (a hand-edited project may hold
    anything there: what is not an entry is ignored)."""
    entries = alignment.meta.get(IMPORTED_UNITS)
    return [entry for entry in entries if isinstance(entry, dict)
            and isinstance(entry.get("pair"), str)] if isinstance(entries, list) else []


class ImportedUnits:
    """The imported-unit entries of one alignment, handed out by pair text."""

    def __init__(self, alignment: Alignment) -> None:
        self._by_pair: dict[str, list[dict]] = {}
        for entry in imported_entries(alignment):
            self._by_pair.setdefault(entry["pair"], []).append(entry)

    def take(self, index: int, source: str, target: str) -> dict | None:
        """The entry of an unchanged unit (the one imported as link ``index`` if several
        share the text), or None; an entry is handed out once."""
        if not self._by_pair:
            return None
        candidates = self._by_pair.get(pair_key(source, target))
        if not candidates:
            return None
        chosen = next((e for e in candidates if e.get("link") == index), candidates[0])
        candidates.remove(chosen)
        return chosen


@lru_cache(maxsize=1)
def _safe_parser() -> "etree.XMLParser":
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           remove_comments=True, remove_pis=True)


def stored_seg(markup: object, text: str) -> "etree._Element | None":
    """A kept ``<seg>``, if it is one and still has the unit's text (else None).

    The markup comes from a project file, so it is parsed like any untrusted XML."""
    if not isinstance(markup, str) or not markup.startswith("<seg"):
        return None
    from lxml import etree

    try:
        seg = etree.fromstring(markup, _safe_parser())
    except etree.XMLSyntaxError:
        return None
    if seg.tag != "seg" or "".join(seg.itertext(etree.Element)) != text:
        return None
    return seg
