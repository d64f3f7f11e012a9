"""What every export writes: the units of an alignment, made safe, with their props.

TMX, XLIFF, TSV and XLSX all write the same units (one per kept link) with the same
props, so which links are kept, how text is made XML-safe, what the context of a unit
is, what an imported unit brings back, how a link is numbered for a person and what the
summary counts are decided here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from align.formats import format_score
from align.formats.imported import KEPT_PROPS, ImportedUnits
from align.model import Alignment, Link
from align.wording import plural

LONG_SEGMENT = 2000
"""A segment longer than this (characters) is flagged: Trados Cloud refuses such segments."""

# Characters XML 1.0 does not allow at all (not even as character references).
_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

PROP_NAMES: tuple[str, ...] = ("x-confidence", "x-status", "x-link-type", "x-document",
                               "x-mark", "x-context-pre", "x-context-post")
"""The props of a unit, in the order they are written (``x-mark`` only on a marked link,
context props only on request)."""

LinkFilter = Callable[[Link], bool]


def link_number(index: int) -> int:
    """The number a person reads for the link at ``index`` (from 0) of an alignment: it
    counts from 1, as in every summary, so TSV/XLSX ``link`` cells and XLIFF unit ids
    name the link the review shows under that number."""
    return index + 1


def link_index(number: int) -> int:
    """The index of the link a person's ``number`` names (the inverse of
    :func:`link_number`); a number below 1 names none (``ValueError``)."""
    if number < 1:
        raise ValueError(f"link number {number} (they count from 1)")
    return number - 1


def clean_xml_text(text: str) -> tuple[str, int]:
    """``text`` without the characters XML 1.0 forbids, and how many were dropped."""
    cleaned, dropped = _FORBIDDEN.subn("", text)
    return cleaned, dropped


@dataclass(slots=True)
class ExportSummary:
    """What an export wrote and what it left out, for the user's report."""

    units: int = 0
    """Units written (one per kept link)."""
    one_sided_skipped: int = 0
    """Links with an empty side (omissions, additions) left out: a TM unit needs both."""
    filtered_out: int = 0
    """Two-sided links left out by a filter (``--min-score``, ``--only-confirmed``)."""
    bad_left_out: int = 0
    """Two-sided links a person marked bad, left out (``--include-bad`` writes them)."""
    link_types: dict[str, int] = field(default_factory=dict)
    """All links seen, by type (``1-1``, ``2-1``, ``1-0`` …), written or skipped."""
    dropped_chars: int = 0
    """Characters XML 1.0 forbids (control characters, U+FFFE/FFFF, lone surrogates)."""
    long_segments: int = 0
    """Written segment texts longer than :data:`LONG_SEGMENT` characters."""
    documents: int = 0
    """Alignments (document pairs) written."""

    def describe(self) -> str:
        """One line for the terminal: what was written and what was left out."""
        parts = [plural(self.units, "unit")]
        if self.one_sided_skipped:
            parts.append(f"{plural(self.one_sided_skipped, 'one-sided link')} left out")
        if self.filtered_out:
            parts.append(f"{plural(self.filtered_out, 'link')} left out by the filter")
        if self.bad_left_out:
            parts.append(f"{plural(self.bad_left_out, 'link')} marked bad left out")
        if self.dropped_chars:
            parts.append(f"warning: {plural(self.dropped_chars, 'control character')} "
                         "dropped (XML forbids them)")
        if self.long_segments:
            parts.append(f"warning: {plural(self.long_segments, 'segment')} over "
                         f"{LONG_SEGMENT} characters (Trados Cloud's limit; not cut)")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Unit:
    """One kept link as it is written: XML-safe texts, its place and its props."""

    index: int
    """The link's position in its alignment (traces a unit back to its link)."""
    link: Link
    source: str
    target: str
    props: dict[str, str]
    """:data:`PROP_NAMES` that apply, in that order, XML-safe."""
    note: str = ""
    """The translator's note on the link, XML-safe (``""``: none)."""
    imported: dict | None = None
    """What the memory the link was imported from had for it, if the link is unchanged
    since (an entry of :data:`align.formats.imported.IMPORTED_UNITS`)."""


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


def iter_units(alignment: Alignment, summary: ExportSummary, *, name: str | None = None,
               select: LinkFilter | None = None, context: bool = False,
               one_sided: bool = False, include_bad: bool = False) -> Iterator[Unit]:
    """The units of ``alignment`` in order, counting into ``summary`` what is left out.

    ``select`` keeps a link when it returns true; one-sided links are kept only with
    ``one_sided``; links a person marked bad only with ``include_bad``. With ``context`` a unit carries the source segments just before and
    after its own (``x-context-pre``/``x-context-post``), which CAT tools use to tell
    repeated sentences apart. ``name`` is the ``x-document`` prop (default: the pair's).
    A unit imported from a memory and unchanged since gets back the props it came with
    (:data:`~align.formats.imported.KEPT_PROPS`: its document, link type and context).
    """
    summary.documents += 1
    imported = ImportedUnits(alignment)
    doc, dropped = clean_xml_text(name if name is not None else document_name(alignment))
    summary.dropped_chars += dropped
    types = summary.link_types
    segments = alignment.source.segments
    for index, link in enumerate(alignment.links):
        types[link.type] = types.get(link.type, 0) + 1
        if not link.two_sided and not one_sided:
            summary.one_sided_skipped += 1
            continue
        if link.bad and not include_bad:
            summary.bad_left_out += 1
            continue
        if select is not None and not select(link):
            summary.filtered_out += 1
            continue
        texts = []
        for text in (alignment.source_text(link), alignment.target_text(link)):
            text, dropped = clean_xml_text(text)
            summary.dropped_chars += dropped
            summary.long_segments += len(text) > LONG_SEGMENT
            texts.append(text)
        props = {"x-confidence": format_score(link.score), "x-status": link.status,
                 "x-link-type": link.type, "x-document": doc}
        if link.mark:
            props["x-mark"] = link.mark
        if context and link.src:
            before, after = link.src[0] - 1, link.src[-1] + 1
            for key, position in (("x-context-pre", before), ("x-context-post", after)):
                if 0 <= position < len(segments):
                    text, dropped = clean_xml_text(segments[position].text)
                    summary.dropped_chars += dropped
                    props[key] = text
        entry = imported.take(index, texts[0], texts[1])
        if entry is not None:
            props = _restored_props(props, entry, summary)
        note, dropped = clean_xml_text(link.note)
        summary.dropped_chars += dropped
        summary.units += 1
        yield Unit(index, link, texts[0], texts[1], props, note, entry)
    summary.link_types = dict(sorted(types.items()))


def _restored_props(props: dict[str, str], entry: dict,
                    summary: ExportSummary) -> dict[str, str]:
    """``props`` with the values an imported unit came with, in :data:`PROP_NAMES` order."""
    restored = dict(props)
    for prop, key in KEPT_PROPS.items():
        value = entry.get(key)
        if isinstance(value, str) and value:
            restored[prop], dropped = clean_xml_text(value)
            summary.dropped_chars += dropped
    return {name: restored[name] for name in PROP_NAMES if name in restored}


# ---------------------------------------------------------------------------- tables

TABLE_COLUMNS: tuple[str, ...] = ("link", "type", "score", "status", "source", "target")
"""The columns of a table export (TSV, XLSX): one row per link."""
CONTEXT_COLUMNS: tuple[str, ...] = ("context_pre", "context_post")
"""Added after :data:`TABLE_COLUMNS` when the export asks for context."""
ANNOTATION_COLUMNS: tuple[str, ...] = ("mark", "note")
"""Added last when a link of the alignment has a person's mark or note."""


class TableRow(NamedTuple):
    """One link as a table row (TSV or XLSX), as written and as read back."""

    link: int
    """The link's index in its alignment (from 0); the file shows :func:`link_number`."""
    type: str
    score: float
    status: str
    source: str
    target: str
    context_pre: str | None = None
    context_post: str | None = None
    mark: str | None = None
    note: str | None = None


def table_columns(context: bool, annotations: bool = False) -> tuple[str, ...]:
    return (TABLE_COLUMNS + (CONTEXT_COLUMNS if context else ())
            + (ANNOTATION_COLUMNS if annotations else ()))


def all_table_columns() -> list[tuple[str, ...]]:
    """Every header a table export may have: what the readers accept."""
    return [table_columns(c, a) for c in (False, True) for a in (False, True)]


def annotated(alignment: Alignment) -> bool:
    """Whether a table of ``alignment`` needs the mark and note columns."""
    return any(link.mark or link.note for link in alignment.links)


def table_row(unit: Unit, context: bool, annotations: bool = False) -> TableRow:
    """The row of a unit; a context cell is empty at the start or end of the document."""
    row = TableRow(unit.index, unit.props["x-link-type"], float(unit.props["x-confidence"]),
                   unit.link.status, unit.source, unit.target)
    if context:
        row = row._replace(context_pre=unit.props.get("x-context-pre", ""),
                           context_post=unit.props.get("x-context-post", ""))
    if annotations:
        row = row._replace(mark=unit.link.mark, note=unit.note)
    return row


def row_cells(row: TableRow, columns: tuple[str, ...]) -> list[str]:
    """The text cells of ``row`` (source onwards) for ``columns``, in order."""
    return [getattr(row, name) or "" for name in columns[len(TABLE_COLUMNS) - 2:]]
