"""Merge several TMX memories into one (``sverka merge``), handling duplicate units.

A duplicate is a unit whose source text (in the pair's languages) was seen before:
- ``keep``: every translation is kept (CAT tools offer them as alternatives); a unit
  identical to one already written (every variant the same) is written once;
- ``newest``: one unit per source: the latest ``changedate``/``creationdate`` (the later
  file wins a tie);
- ``drop``: a source with different translations (into the pair's other language) is left
  out altogether (ambiguous); identical repeats are written once.
A unit's date is its newest ``changedate``/``creationdate``, its variants' included.
Units are streamed twice (a first pass finds the winners) and only digests of texts are
remembered, so merging large memories stays light. Inline codes, attributes (the unit's
and its variants') and every language of a multilingual memory are kept as written.

Languages are compared by their primary language, case-blind
(:func:`align.language.base_language`): a memory that spells ``ru``/``en`` and one that
spells ``ru-RU``/``en-US`` hold the same pairs, so their units are duplicates of each
other; codes are written as each memory spells them, and the summary warns that they are
mixed. The language pair is ``--src-lang``/``--tgt-lang``, else the two languages of the
first unit read; units without both are left out and counted (a multilingual memory's
units hold many), and a memory none of whose units has them is refused: merging a ru-en
memory with a de-fr one is an error. Memories of one pair in both directions (ru→en and
en→ru) may be merged: the header's ``srclang`` is then ``*all*`` (TMX 1.4b) and each unit
names its own source language. Units with a single variant are left out and counted.
The summary names every count left out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Sequence

from align.errors import InputError
from align.language import base_language
from align.formats.imported import text_digest
from align.formats.tmx import (ANY_LANG, SEGTYPES, TmxUnit, find_tuv, open_tmx,
                               source_and_target, tuid_prefix, unique_name, usable_tuid)
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
    without_pair: int = 0
    """Units without both languages of the pair (:attr:`pair`): left out."""
    pair: tuple[str, str] | None = None
    """The two (primary) languages merged."""
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
        if self.left_out:
            parts.append(f"{plural(self.left_out, 'unit')} left out by --duplicates {mode}")
        if self.without_pair and self.pair:
            parts.append(f"warning: {plural(self.without_pair, 'unit')} without "
                         f"{' and '.join(self.pair)} left out")
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


class _Keys(NamedTuple):
    """Digests that tell units apart, in the merge's language pair."""

    source: bytes
    """The source text in the pair's languages: units that are duplicates share it."""
    translation: bytes
    """… and its translation into the pair's other language: a different one is a conflict."""
    unit: bytes
    """… and every variant: an identical repeat shares it (a multilingual unit differs
    from a bilingual one with the same pair)."""


def _keys(unit: TmxUnit, langs: tuple[str, str]) -> _Keys:
    """The keys of a unit that holds both ``langs``; its source is its own source language
    when that is one of the pair (memories of both directions merge), else the first."""
    found = source_and_target(unit)
    source = found[0] if found and base_language(found[0].lang) in langs else None
    source = source or find_tuv(unit.tuvs, langs[0]) or unit.tuvs[0]
    others = [tuv for tuv in unit.tuvs if tuv is not source]
    source_lang = base_language(source.lang)
    target_lang = langs[1] if source_lang == langs[0] else langs[0]
    target = find_tuv(others, target_lang) or others[0]
    in_pair = (source_lang, base_language(target.lang), source.text)
    rest = sorted((base_language(tuv.lang), tuv.text) for tuv in others)
    return _Keys(text_digest(*in_pair), text_digest(*in_pair, target.text),
                 text_digest(*in_pair, *(part for variant in rest for part in variant)))


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
    """The two languages of a merge: given, or those of the first unit read."""

    def __init__(self, src_lang: str | None, tgt_lang: str | None) -> None:
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.langs: tuple[str, str] | None = None
        self.where = ""

    def holds(self, unit: TmxUnit, path: str | os.PathLike[str], number: int) -> bool:
        """Whether ``unit`` has a variant in both languages (the first that does sets them)."""
        if self.langs is None:
            found = source_and_target(unit, self.src_lang, self.tgt_lang)
            if found is None and (self.src_lang or self.tgt_lang):
                return False
            source, target = found if found else (unit.tuvs[0], unit.tuvs[1])
            self.langs = (base_language(source.lang), base_language(target.lang))
            self.where = f"{Path(path).name} <tu> {number}"
            return True
        return set(self.langs) <= {base_language(tuv.lang) for tuv in unit.tuvs}

    def keys(self, unit: TmxUnit) -> _Keys:
        """The keys of a unit that :meth:`holds` the pair."""
        assert self.langs is not None, "keys() of a unit before holds()"
        return _keys(unit, self.langs)


class _File:
    """One memory's units as they pass the pair: a memory with units, none of them in the
    pair's languages, is another pair's memory (refused, not silently emptied)."""

    def __init__(self, pair: _Pair, path: str | os.PathLike[str]) -> None:
        self.pair, self.path = pair, path
        self.held = 0
        self.first_other: str | None = None

    def holds(self, unit: TmxUnit, number: int) -> bool:
        if self.pair.holds(unit, self.path, number):
            self.held += 1
            return True
        if self.first_other is None:
            langs = "-".join(dict.fromkeys(base_language(tuv.lang) for tuv in unit.tuvs))
            self.first_other = f"<tu> {number} is {langs}"
        return False

    def check(self) -> None:
        """At the end of the memory: refuse it if no unit held the pair."""
        if not self.held and self.first_other and self.pair.langs:
            raise InputError(self.path, f"{self.first_other}, but the memories merged are "
                                        f"{'-'.join(self.pair.langs)} (from "
                                        f"{self.pair.where}): merge memories of one language "
                                        f"pair")


def merge_tmx(paths: Sequence[str | os.PathLike[str]], output: str | os.PathLike[str], *,
              duplicates: str = "keep", src_lang: str | None = None,
              tgt_lang: str | None = None) -> MergeSummary:
    """Merge the memories at ``paths`` into one TMX 1.4b file at ``output``; the pair is
    ``src_lang``/``tgt_lang`` when given (see the module's docstring)."""
    if duplicates not in DUPLICATES:
        raise ValueError(f"duplicates {duplicates!r} is not one of {', '.join(DUPLICATES)}")
    if not paths:
        raise ValueError("nothing to merge")
    summary = MergeSummary(files=len(paths))
    winners: dict[bytes, tuple[str, int]] = {}  # newest: source key → (date, order)
    variants: dict[bytes, bytes | None] = {}  # drop: source → translation, None if several
    pair = _Pair(src_lang, tgt_lang)
    if duplicates != "keep":
        order = 0
        for path in paths:
            reader, file = TmxReader(path), _File(pair, path)
            for unit in reader:
                if not file.holds(unit, reader.units_read):
                    continue
                order += 1
                keys = pair.keys(unit)
                if duplicates == "newest":
                    best = winners.get(keys.source)
                    if best is None or (unit.date, order) >= best:
                        winners[keys.source] = (unit.date, order)
                if keys.source in variants and variants[keys.source] not in (keys.translation,
                                                                             None):
                    variants[keys.source] = None
                else:
                    variants.setdefault(keys.source, keys.translation)
            file.check()
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
            reader, file = TmxReader(path, keep_markup=True), _File(pair, path)
            for unit in reader:
                summary.read += 1
                if not file.holds(unit, reader.units_read):
                    summary.without_pair += 1
                    continue
                order += 1
                for tuv in unit.tuvs:
                    summary.codes.setdefault(base_language(tuv.lang), set()).add(tuv.lang)
                keys = pair.keys(unit)
                first = sources_seen.setdefault(keys.source, keys.translation)
                if first is not None and first != keys.translation:
                    sources_seen[keys.source] = None
                    summary.conflicts += 1
                if keys.unit in written:
                    summary.repeats += 1
                    continue
                if (duplicates == "newest" and winners[keys.source][1] != order
                        or duplicates == "drop" and variants[keys.source] is None):
                    summary.left_out += 1
                    continue
                written.add(keys.unit)
                unit.tuid = _unique_tuid(unit.tuid, f"{prefix}-{reader.units_read}",
                                         used_tuids)
                if unit.srclang and unit.srclang.lower() == ANY_LANG:
                    unit.srclang = None
                unit.props = [(kind if kind.startswith("x-") else f"x-{kind}", value)
                              for kind, value in unit.props]
                unit.attrs.setdefault("creationdate", "")  # none read: none written, not today
                writer.write(unit)
                summary.written += 1
            file.check()
            summary.read += reader.one_language
            summary.one_language += reader.one_language
    summary.pair = pair.langs
    return summary


def _unique_tuid(tuid: str, fallback: str, used: set[str]) -> str:
    """The unit's own tuid when it is usable (no spaces, not yet taken), else ``fallback``."""
    return unique_name(tuid if usable_tuid(tuid) else fallback, used)


