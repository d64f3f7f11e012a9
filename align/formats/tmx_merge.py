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

Languages are compared by their primary language, case-blind
(:func:`align.language.base_language`): a memory that spells ``ru``/``en`` and one that
spells ``ru-RU``/``en-US`` hold the same pairs, so their units are duplicates of each
other; codes are written as each memory spells them, and the summary warns that they are
mixed. Every unit must hold the two
languages of the first unit read: merging a ru-en memory with a de-fr one is refused.
Memories of one pair in both directions (ru→en and en→ru) may be merged: the header's
``srclang`` is then ``*all*`` (TMX 1.4b) and each unit names its own source language.
Units with a single variant are left out and counted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from align.errors import InputError
from align.language import base_language
from align.formats.tmx import (ANY_LANG, SEGTYPES, TmxUnit, open_tmx, source_and_target,
                               text_digest, tuid_prefix, unique_name, usable_tuid)
from align.formats.tmx_import import memory_name
from align.formats.tmx_reader import TmxReader
from align.formats.units import ExportSummary
from align.wording import plural

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
    one_language: int = 0
    """Units with a single ``<tuv>``: nothing to pair, left out."""
    codes: dict[str, set[str]] = field(default_factory=dict)
    """Every language code read, by primary language (``en`` → {``en``, ``en-US``})."""
    export: ExportSummary = field(default_factory=ExportSummary)

    @property
    def mixed_codes(self) -> list[str]:
        """The codes of each language spelled more than one way (``en, en-US``)."""
        return [", ".join(sorted(codes)) for _, codes in sorted(self.codes.items())
                if len(codes) > 1]

    def describe(self, mode: str) -> str:
        parts = [f"{plural(self.written, 'unit')} from {self.read} in "
                 f"{plural(self.files, 'file')}"]
        if self.repeats:
            parts.append(f"{plural(self.repeats, 'identical repeat')} written once")
        if self.conflicts:
            verb = {"keep": "all kept", "newest": "newest kept", "drop": "dropped"}[mode]
            parts.append(f"{plural(self.conflicts, 'source')} with different translations "
                         f"({verb})")
        if self.one_language:
            parts.append(f"warning: {plural(self.one_language, 'unit')} with one language "
                         "left out")
        if self.mixed_codes:
            parts.append(f"warning: language codes are mixed ({'; '.join(self.mixed_codes)}):"
                         " units were compared by language (ru = ru-RU) and keep their codes")
        if self.export.dropped_chars:
            parts.append(f"warning: {plural(self.export.dropped_chars, 'control character')}"
                         " dropped")
        return ", ".join(parts)


def _keys(unit: TmxUnit) -> tuple[bytes, bytes]:
    """(source key, unit key): the source text in its languages, and source + translations."""
    found = source_and_target(unit)
    source = found[0] if found else unit.tuvs[0]
    others = sorted((base_language(tuv.lang), tuv.text) for tuv in unit.tuvs if tuv is not source)
    languages = [base_language(source.lang), *(lang for lang, _ in others)]
    source_key = text_digest(*languages, source.text)
    return source_key, text_digest(*languages, source.text, *(text for _, text in others))


def _header(path: str | os.PathLike[str]) -> dict[str, str]:
    """The header of a file (read up to its first unit)."""
    reader = TmxReader(path)
    for _ in reader:
        break
    return reader.header


def _header_srclang(headers: Sequence[dict[str, str]]) -> str:
    """The merged header's ``srclang``: the first file's when every file has that source
    language (``ru`` and ``ru-RU`` agree), else ``*all*``, as TMX 1.4b allows."""
    first = headers[0].get("srclang") or ANY_LANG
    for header in headers:
        lang = header.get("srclang") or ANY_LANG
        if lang.lower() == ANY_LANG or base_language(lang) != base_language(first):
            return ANY_LANG
    return first


class _Pair:
    """The two languages of a merge (from the first unit read): every unit must hold both."""

    def __init__(self) -> None:
        self.langs: tuple[str, str] | None = None
        self.where = ""

    def check(self, unit: TmxUnit, path: str | os.PathLike[str], number: int) -> None:
        found = source_and_target(unit)
        source, target = found if found else (unit.tuvs[0], unit.tuvs[1])
        if self.langs is None:
            self.langs = (base_language(source.lang), base_language(target.lang))
            self.where = f"{Path(path).name} <tu> {number}"
            return
        have = {base_language(tuv.lang) for tuv in unit.tuvs}
        if not set(self.langs) <= have:
            langs = "-".join(dict.fromkeys([base_language(source.lang), base_language(target.lang)]))
            raise InputError(path, f"<tu> {number} is {langs}, but the memories merged are "
                                   f"{'-'.join(self.langs)} (from {self.where}): merge "
                                   f"memories of one language pair")


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
    pair = _Pair()
    if duplicates != "keep":
        order = 0
        for path in paths:
            reader = TmxReader(path)
            for unit in reader:
                order += 1
                pair.check(unit, path, reader.units_read)
                source_key, unit_key = _keys(unit)
                if duplicates == "newest":
                    best = winners.get(source_key)
                    if best is None or (unit.date, order) >= best:
                        winners[source_key] = (unit.date, order)
                if source_key in variants and variants[source_key] not in (unit_key, None):
                    variants[source_key] = None
                else:
                    variants.setdefault(source_key, unit_key)
    headers = [_header(path) for path in paths]
    header = headers[0]
    srclang = _header_srclang(headers)
    segtype = header.get("segtype") if header.get("segtype") in SEGTYPES else "paragraph"
    written: set[bytes] = set()
    sources_seen: dict[bytes, bytes | None] = {}
    used_tuids: set[str] = set()
    used_prefixes: set[str] = set()
    order = 0
    with open_tmx(output, srclang=srclang, segtype=segtype, summary=summary.export,
                  datatype=header.get("datatype") or "plaintext") as writer:
        for path in paths:
            prefix = tuid_prefix(memory_name(path), used_prefixes)
            reader = TmxReader(path, keep_markup=True)
            for unit in reader:
                order += 1
                summary.read += 1
                pair.check(unit, path, reader.units_read)
                for tuv in unit.tuvs:
                    summary.codes.setdefault(base_language(tuv.lang), set()).add(tuv.lang)
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
                if unit.srclang and unit.srclang.lower() == ANY_LANG:
                    unit.srclang = None
                unit.props = [(kind if kind.startswith("x-") else f"x-{kind}", value)
                              for kind, value in unit.props]
                writer.write(unit)
                summary.written += 1
            summary.read += reader.one_language
            summary.one_language += reader.one_language
    return summary


def _unique_tuid(tuid: str, fallback: str, used: set[str]) -> str:
    """The unit's own tuid when it is usable (no spaces, not yet taken), else ``fallback``."""
    return unique_name(tuid if usable_tuid(tuid) else fallback, used)


