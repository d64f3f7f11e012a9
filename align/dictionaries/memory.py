"""A translator's own memory as a lexicon: IBM Model 1 over the units of TMX files.

A memory is years of a translator's confirmed pairs, the best evidence there is of how
they translate words. Units are streamed (:class:`~align.formats.tmx_reader.TmxReader`)
and only their stems are kept; the learning is :mod:`align.lexicon`'s, so the result is
the same parquet lexicon ``sverka batch --learn`` writes.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from align.errors import InputError
from align.language import base_language
from align.lexicon import Lexicon
from align.stemming import stems


@dataclass(frozen=True)
class MemoryCounts:
    """What the memories held: units read, units learned from, per language pair."""

    units: int
    used: dict[tuple[str, str], int]


def _digest(paths: Sequence[str | os.PathLike[str]]) -> str:
    """The memories' content hash: a lexicon says what it was learned from."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        except OSError:
            return ""  # the reader has already said why, or will
    return "sha256:" + digest.hexdigest()


def memory_pairs(paths: Sequence[str | os.PathLike[str]], src_lang: str | None = None,
                 tgt_lang: str | None = None
                 ) -> tuple[dict[tuple[str, str], list[tuple[list[str], list[str]]]], int]:
    """(source stems, target stems) of every unit with both languages, per language pair
    (the unit's srclang first unless ``src_lang`` is given), and the units read."""
    from align.formats.tmx import source_and_target
    from align.formats.tmx_reader import TmxReader

    by_pair: dict[tuple[str, str], list[tuple[list[str], list[str]]]] = defaultdict(list)
    units = 0
    for path in paths:
        reader = TmxReader(path)
        for unit in reader:
            found = source_and_target(unit, src_lang, tgt_lang)
            if found is None:
                continue
            source, target = found
            key = (base_language(source.lang), base_language(target.lang))
            if key[0] == key[1]:
                continue
            src = [sys.intern(stem) for stem in stems(source.text, key[0])]
            tgt = [sys.intern(stem) for stem in stems(target.text, key[1])]
            if src and tgt:
                by_pair[key].append((src, tgt))
        units += reader.units_read
    return dict(by_pair), units


def learn_memories(paths: Sequence[str | os.PathLike[str]], src_lang: str | None = None,
                   tgt_lang: str | None = None, seed: int = 11
                   ) -> tuple[Lexicon, MemoryCounts]:
    """IBM Model 1 per language pair over the memories' units. A memory with no unit to
    learn from is an :class:`InputError` naming it."""
    from align.lexicon import learn_pairs

    by_pair, units = memory_pairs(paths, src_lang, tgt_lang)
    if not by_pair:
        wanted = f" in {src_lang}→{tgt_lang}" if src_lang or tgt_lang else ""
        raise InputError(paths[0], f"no unit with a source and a translation{wanted}: "
                                   "nothing to learn from")
    counts = MemoryCounts(units, {key: len(pairs) for key, pairs in by_pair.items()})
    return learn_pairs(by_pair, _digest(paths), seed), counts
