"""Merge several TMX memories into one (``sverka merge``), handling duplicate units.

A duplicate is a unit whose source text (in the same languages) was seen before:
- ``keep``: every translation is kept (CAT tools offer them as alternatives); a unit
  identical to one already written (same source and translations) is written once;
- ``newest``: one unit per source: the latest ``changedate``/``creationdate`` (the later
  file wins a tie);
- ``drop``: a source with different translations is left out altogether (ambiguous);
  identical repeats are written once.
Units are streamed twice (a first pass finds the winners) and only digests of texts are
remembered, so merging large memories stays light. Inline codes are kept as written.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from align.errors import InputError
from align.formats.tmx import SEGTYPES, TmxUnit, open_tmx, source_and_target, tuid_prefix, unique_name
from align.formats.tmx_reader import TmxReader
from align.formats.units import ExportSummary

DUPLICATES: tuple[str, ...] = ("keep", "newest", "drop")


@dataclass(slots=True)
class MergeSummary:
    """What a merge read, wrote and left out."""

    files: int = 0
    read: int = 0
    written: int = 0
    repeats: int = 0
    """Units identical to one already written (same source and translations)."""
    conflicts: int = 0
    """Sources that have more than one different translation."""
    left_out: int = 0
    """Units left out because of ``--duplicates newest|drop`` (besides repeats)."""
    export: ExportSummary = field(default_factory=ExportSummary)

    def describe(self, mode: str) -> str:
        parts = [f"{self.written} units from {self.read} in {self.files} files"]
        if self.repeats:
            parts.append(f"{self.repeats} identical repeats written once")
        if self.conflicts:
            verb = {"keep": "all kept", "newest": "newest kept", "drop": "dropped"}[mode]
            parts.append(f"{self.conflicts} sources with different translations ({verb})")
        if self.export.dropped_chars:
            parts.append(f"warning: {self.export.dropped_chars} control characters dropped")
        return ", ".join(parts)


def _digest(*parts: str) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\x00")
    return hasher.digest()


def _keys(unit: TmxUnit) -> tuple[bytes, bytes]:
    """(source key, unit key): the source text in its languages, and source + translations."""
    found = source_and_target(unit)
    source = found[0] if found else unit.tuvs[0]
    others = sorted((tuv.lang.lower(), tuv.text) for tuv in unit.tuvs if tuv is not source)
    languages = [source.lang.lower(), *(lang for lang, _ in others)]
    source_key = _digest(*languages, source.text)
    return source_key, _digest(*languages, source.text, *(text for _, text in others))


def _first_header(paths: Sequence[str | os.PathLike[str]]) -> dict[str, str]:
    """The header of the first file (read up to its first unit)."""
    reader = TmxReader(paths[0])
    for _ in reader:
        break
    return reader.header


def merge_tmx(paths: Sequence[str | os.PathLike[str]], output: str | os.PathLike[str], *,
              duplicates: str = "keep") -> MergeSummary:
    """Merge the memories at ``paths`` into one TMX 1.4b file at ``output``."""
    if duplicates not in DUPLICATES:
        raise ValueError(f"duplicates {duplicates!r} is not one of {', '.join(DUPLICATES)}")
    if not paths:
        raise ValueError("nothing to merge")
    summary = MergeSummary(files=len(paths))
    winners: dict[bytes, tuple[str, int]] = {}  # newest: source key → (date, order)
    variants: dict[bytes, bytes | None] = {}  # drop: source key → unit key, None if several
    if duplicates != "keep":
        order = 0
        for path in paths:
            for unit in TmxReader(path):
                order += 1
                source_key, unit_key = _keys(unit)
                if duplicates == "newest":
                    best = winners.get(source_key)
                    if best is None or (unit.date, order) >= best:
                        winners[source_key] = (unit.date, order)
                if source_key in variants and variants[source_key] not in (unit_key, None):
                    variants[source_key] = None
                else:
                    variants.setdefault(source_key, unit_key)
    header = _first_header(paths)
    srclang = header.get("srclang") or "*all*"
    segtype = header.get("segtype") if header.get("segtype") in SEGTYPES else "paragraph"
    written: set[bytes] = set()
    sources_seen: dict[bytes, bytes | None] = {}
    used_tuids: set[str] = set()
    used_prefixes: set[str] = set()
    order = 0
    with open_tmx(output, srclang=srclang, segtype=segtype, summary=summary.export,
                  datatype=header.get("datatype") or "plaintext") as writer:
        for path in paths:
            prefix = tuid_prefix(Path(path).name.split(".")[0], used_prefixes)
            reader = TmxReader(path, keep_markup=True)
            for unit in reader:
                order += 1
                summary.read += 1
                source_key, unit_key = _keys(unit)
                first = sources_seen.setdefault(source_key, unit_key)
                if first is not None and first != unit_key:
                    sources_seen[source_key] = None
                    summary.conflicts += 1
                if unit_key in written:
                    summary.repeats += 1
                    continue
                if (duplicates == "newest" and winners[source_key][1] != order
                        or duplicates == "drop" and variants[source_key] is None):
                    summary.left_out += 1
                    continue
                written.add(unit_key)
                unit.tuid = _unique_tuid(unit.tuid, f"{prefix}-{reader.units_read}",
                                         used_tuids)
                if unit.srclang and unit.srclang.lower() == "*all*":
                    unit.srclang = None
                unit.props = [(kind if kind.startswith("x-") else f"x-{kind}", value)
                              for kind, value in unit.props]
                writer.write(unit)
                summary.written += 1
    return summary


def _unique_tuid(tuid: str, fallback: str, used: set[str]) -> str:
    """The unit's own tuid when it is usable (no spaces, not yet taken), else ``fallback``."""
    return unique_name(tuid if tuid and not any(c.isspace() for c in tuid) else fallback, used)


