"""The one call a command makes: the lexicon signal for its language pairs, from the
``--lexicon`` files it was given and the dictd dictionaries installed, with a line that
says which were used.

A source is a dictd dictionary (``.index`` with ``.dict``/``.dict.dz``), a TSV of word
pairs (:mod:`.tsv`) or a learned lexicon (the parquet of ``sverka batch --learn`` or
``sverka lexicon learn``). Each serves a pair in either direction (read backwards when
needed); several for one pair are merged, a word pair keeping its highest weight.
"""

from __future__ import annotations

import functools
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from align.dictionaries import cache
from align.dictionaries.built import built_key, load_built, store_built
from align.dictionaries.dictd import DictdFiles, dictd_files, looks_like_dictd, read_entries
from align.dictionaries.discovery import Dictionary, direction, serving
from align.dictionaries.entries import translations
from align.dictionaries.names import languages_of
from align.dictionaries.pairs import PairBuilder, WordPairs
from align.dictionaries.tsv import declared_languages, read_tsv
from align.errors import InputError
from align.language import base_language, language_scripts
from align.signals.lexicon import LexiconSignal

_PARQUET_MAGIC = b"PAR1"


@dataclass(frozen=True)
class LexiconChoice:
    """What :func:`choose_lexicon` found: the signal (None without any source) and the
    summary line for the user."""

    signal: LexiconSignal | None
    summary: str
    used: tuple[str, ...] = ()
    """The names of the sources that went into the signal."""


@dataclass(frozen=True)
class Loaded:
    """One source's pairs in its own direction, and how they were had."""

    pairs: WordPairs
    seconds: float
    cached: bool = False


def load_dictd(files: DictdFiles, languages: tuple[str, str]) -> Loaded:
    """A dictd dictionary's word pairs (source → target as named): from the cache when
    it is fresh, else parsed and cached."""
    start = time.perf_counter()
    src_lang, tgt_lang = languages
    key = cache.cache_key(files, src_lang, tgt_lang)
    cached = cache.load(files, key)
    if cached is not None:
        return Loaded(cached, time.perf_counter() - start, cached=True)
    builder = PairBuilder(src_lang, tgt_lang)
    source_is_latin = language_scripts(src_lang) == frozenset({"Latn"}) and \
        language_scripts(tgt_lang) != frozenset({"Latn"})
    for headword, entry in read_entries(files):
        builder.add(headword, translations(entry, source_is_latin))
    if not builder.pairs:
        raise InputError(files.index, "no word pairs found in its entries (is it a "
                         f"{src_lang}–{tgt_lang} dictionary?)")
    pairs = builder.pairs.without_hubs()
    cache.store(files, key, pairs)
    return Loaded(pairs, time.perf_counter() - start)


def load_learned(path: str | os.PathLike[str]) -> dict[tuple[str, str], WordPairs]:
    """A learned lexicon's entries as word pairs, per language pair."""
    from align.lexicon import load

    tables: dict[tuple[str, str], WordPairs] = {}
    for src_lang, tgt_lang, src, tgt, prob, _ in load(path).entries:
        key = (base_language(src_lang), base_language(tgt_lang))
        tables.setdefault(key, WordPairs(*key)).add(src, tgt, prob)
    return tables


class _Source:
    """One ``--lexicon`` file or installed dictionary, read at most once."""

    def __init__(self, label: str, kind: str, path: Path,
                 languages: tuple[str, str] | None) -> None:
        self.label, self.kind, self.path, self.languages = label, kind, path, languages
        self._loaded: dict[tuple[str, str], Loaded] = {}

    def reading(self, src_lang: str, tgt_lang: str) -> bool | None:
        """As :meth:`Dictionary.reading`; a TSV without a header follows the pair."""
        if self.kind == "tsv" and self.languages is None:
            return False
        if self.kind == "lexicon":
            found = [direction(key, src_lang, tgt_lang) for key in self._learned()]
            return False if False in found else (True if True in found else None)
        return direction(self.languages, src_lang, tgt_lang)

    def _learned(self) -> dict[tuple[str, str], Loaded]:
        if not self._loaded:
            start = time.perf_counter()
            tables = load_learned(self.path)
            seconds = time.perf_counter() - start
            self._loaded = {key: Loaded(pairs, seconds) for key, pairs in tables.items()}
        return self._loaded

    def load(self, src_lang: str, tgt_lang: str) -> Loaded:
        """The pairs for ``src_lang`` → ``tgt_lang`` in this source's own direction."""
        if self.kind == "lexicon":
            loaded = self._learned()
            return loaded.get((src_lang, tgt_lang)) or loaded[(tgt_lang, src_lang)]
        key = self.languages or (src_lang, tgt_lang)
        if key not in self._loaded:
            if self.kind == "dictd":
                self._loaded[key] = load_dictd(dictd_files(self.path), key)
            else:
                start = time.perf_counter()
                pairs = read_tsv(self.path, *key)
                self._loaded[key] = Loaded(pairs, time.perf_counter() - start)
        return self._loaded[key]


def _explicit(path: str | os.PathLike[str]) -> _Source:
    """A ``--lexicon`` file, told by its name and first bytes; missing is an error."""
    text = os.fspath(path)
    if looks_like_dictd(text) or (not os.path.exists(text)
                                  and os.path.isfile(text + ".index")):
        files = dictd_files(text)
        languages = languages_of(files.name)
        if languages is None:
            raise InputError(path, "cannot tell this dictionary's languages from its name "
                             "(FreeDict names them, e.g. freedict-deu-fra.index)")
        return _Source(files.name, "dictd", files.index, languages)
    if not os.path.isfile(text):
        raise InputError(path, "is a directory, expected a lexicon file"
                         if os.path.isdir(text) else "no such file")
    with open(text, "rb") as handle:
        magic = handle.read(4)
    name = Path(text).name
    if magic == _PARQUET_MAGIC or text.endswith(".parquet"):
        return _Source(name, "lexicon", Path(text), None)
    return _Source(name, "tsv", Path(text), declared_languages(text))


def check_lexicon_files(paths: Sequence[str | os.PathLike[str]]) -> None:
    """Each ``--lexicon`` file exists and is of a kind sverka reads, or one
    :class:`InputError` naming it: checked before a batch starts any work."""
    for path in paths:
        _explicit(path)


def _describe(source: _Source, inverted: bool, loaded: Loaded, kept: int) -> str:
    how = "cached" if loaded.cached else "read"
    backwards = ", read backwards" if inverted else ""
    return f"{source.label} ({kept:,} word pairs{backwards}, {how} in {loaded.seconds:.2f} s)"


def choose_lexicon(language_pairs: Iterable[tuple[str, str]],
                   paths: Sequence[str | os.PathLike[str]] = (), *,
                   no_lexicon: bool = False, dirs: list[Path] | None = None
                   ) -> LexiconChoice:
    """The lexicon signal for ``language_pairs`` ((source, target) codes, e.g. the one
    pair of ``sverka pair`` or every pair of a batch): the ``paths`` given with
    ``--lexicon`` plus the installed dictd dictionaries (``dirs``, default
    :func:`~align.dictionaries.discovery.search_dirs`) that serve a pair; none of them
    with ``no_lexicon``. A file that cannot be used is an :class:`InputError`."""
    if no_lexicon:
        return LexiconChoice(None, "lexicon: off (--no-lexicon)")
    wanted = list(dict.fromkeys((base_language(src), base_language(tgt))
                                for src, tgt in language_pairs if src and tgt))
    wanted = [(src, tgt) for src, tgt in wanted if src != tgt]
    explicit = [_explicit(path) for path in paths]
    built = _built_key(wanted, dirs) if wanted and not explicit else None
    if built is not None:
        start = time.perf_counter()
        kept = load_built(wanted, built)
        if kept is not None:
            signal, summary, used = kept
            return LexiconChoice(signal, _READ_IN.sub(
                f"cached in {time.perf_counter() - start:.2f} s)", summary), used)
    for source in explicit:
        if not any(source.reading(*pair) is not None for pair in wanted):
            shown = (f"{source.languages[0]}–{source.languages[1]}" if source.languages
                     else "its languages")
            pairs = ", ".join(f"{src}→{tgt}" for src, tgt in wanted) or "no language pair"
            raise InputError(source.path, f"serves {shown}, not {pairs}")
    given = {os.path.realpath(source.path) for source in explicit}
    found: dict[str, _Source] = {}  # an installed dictionary serving two pairs is read once
    rows: list[tuple[str, str, str, str, float]] = []
    parts: list[str] = []
    used: list[str] = []
    for src_lang, tgt_lang in wanted:
        sources = [(source, source.reading(src_lang, tgt_lang)) for source in explicit]
        sources += [(found.setdefault(dictionary.name, _installed(dictionary)), inverted)
                    for dictionary, inverted in serving(src_lang, tgt_lang, dirs)
                    if os.path.realpath(dictionary.files.index) not in given]
        merged = WordPairs(src_lang, tgt_lang)
        described = []
        for source, inverted in sources:
            if inverted is None:
                continue
            loaded = source.load(*((tgt_lang, src_lang) if inverted else (src_lang, tgt_lang)))
            pairs = loaded.pairs.inverted() if inverted else loaded.pairs
            merged.merge(pairs)
            described.append(_describe(source, inverted, loaded, len(pairs)))
            used.append(source.label)
        if described:
            parts.append(f"{src_lang}→{tgt_lang} from " + ", ".join(described))
            rows.extend((src_lang, tgt_lang, src, tgt, weight)
                        for (src, tgt), weight in merged.weights.items())
        else:
            parts.append(f"none for {src_lang}→{tgt_lang} (sverka lexicon list shows "
                         "what is installed)")
    if not wanted:
        return LexiconChoice(None, "lexicon: none (no language pair)")
    signal = LexiconSignal.from_entries(rows) if rows else None
    choice = LexiconChoice(signal, "lexicon: " + "; ".join(parts), tuple(dict.fromkeys(used)))
    if built is not None and signal is not None:
        store_built(wanted, built, signal, choice.summary, choice.used)
    return choice


_READ_IN = re.compile(r"\b(?:read|cached) in \d+\.\d+ s\)")
"""How long a source took, in a summary :func:`_describe` wrote: a signal from the built
cache took that long for all its sources together."""


def _built_key(wanted: list[tuple[str, str]], dirs: list[Path] | None) -> str | None:
    """The key of the signal the installed dictionaries give ``wanted``
    (:mod:`align.dictionaries.built`): each one's own cache key and direction; None when
    none is installed, or one cannot be looked at (then it is read as usual, and fails
    there)."""
    try:
        sources = [(src_lang, tgt_lang,
                    [(cache.cache_key(dictionary.files,
                                      *(dictionary.languages or (src_lang, tgt_lang))),
                      inverted)
                     for dictionary, inverted in serving(src_lang, tgt_lang, dirs)])
                   for src_lang, tgt_lang in wanted]
    except OSError:
        return None
    return built_key(sources) if any(found for _, _, found in sources) else None


@functools.lru_cache(maxsize=8)
def lexicon_for(src_lang: str, tgt_lang: str, paths: tuple[str, ...] = (),
                no_lexicon: bool = False) -> LexiconChoice:
    """:func:`choose_lexicon` for one pair, kept for the life of the process: a batch
    worker reads its dictionaries once, not once per article."""
    return choose_lexicon([(src_lang, tgt_lang)], paths, no_lexicon=no_lexicon)


def _installed(dictionary: Dictionary) -> _Source:
    return _Source(dictionary.name, "dictd", dictionary.files.index, dictionary.languages)
