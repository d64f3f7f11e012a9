"""The lexicon signal as built from the installed dictionaries, kept in the user's cache.

Reading the cached word pairs of Mueller7 back and building the signal's table from
them took a second of every `sverka pair` (polars, 150,000 rows made Python tuples, the
table built pair by pair), most of an article's time. The built table itself (two
vocabularies and a sparse matrix) loads from one ``.npz`` in a few hundredths of a
second. It is used only while its key matches: every dictionary's own cache key (paths,
sizes, modification times, languages, stemmers, :data:`align.dictionaries.cache.VERSION`),
which direction it is read in, and :data:`VERSION`. As with the pairs' cache, a folder
that cannot be written or a damaged file only means building again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from align.dictionaries.cache import cache_dir, write_cached
from align.signals.csr import Csr
from align.signals.lexicon import LexiconSignal, LexiconTable

VERSION = "1"
"""Raise when :class:`~align.signals.lexicon.LexiconSignal` builds its tables otherwise."""


def built_path(wanted: list[tuple[str, str]]) -> Path:
    """One file per set of language pairs (a changed dictionary replaces it)."""
    name = ",".join(f"{src}-{tgt}" for src, tgt in wanted)
    return cache_dir() / f"lexicon-{hashlib.sha256(name.encode()).hexdigest()[:12]}.npz"


def built_key(sources: list[tuple[str, str, list[tuple[str, bool]]]]) -> str:
    """The key of a signal built from ``sources``: per language pair, each dictionary's
    own cache key and whether it is read backwards."""
    return json.dumps({"version": VERSION, "sources": sources}, sort_keys=True)


def load_built(wanted: list[tuple[str, str]], key: str
               ) -> tuple[LexiconSignal, str, tuple[str, ...]] | None:
    """The signal, its summary and the sources' names stored under ``key``, or None
    (absent, stale or damaged)."""
    try:
        with np.load(built_path(wanted), allow_pickle=False) as stored:
            meta = json.loads(_text(stored["meta"]))
            if meta.get("key") != key:
                return None
            tables = {}
            for number, (src_lang, tgt_lang) in enumerate(meta["pairs"]):
                src_words = _text(stored[f"src_words{number}"]).split("\n")
                tgt_words = _text(stored[f"tgt_words{number}"]).split("\n")
                matrix = Csr(stored[f"indptr{number}"], stored[f"indices{number}"],
                             stored[f"data{number}"], (len(src_words), len(tgt_words)))
                tables[(src_lang, tgt_lang)] = LexiconTable(
                    {word: i for i, word in enumerate(src_words)},
                    {word: j for j, word in enumerate(tgt_words)}, matrix)
    except Exception:  # noqa: BLE001 - any unreadable cache file means: build again
        return None
    return LexiconSignal(tables), meta["summary"], tuple(meta["used"])


def store_built(wanted: list[tuple[str, str]], key: str, signal: LexiconSignal, summary: str,
                used: tuple[str, ...]) -> bool:
    """Write the built signal under ``key``, atomically; False when it cannot be written."""
    arrays: dict[str, np.ndarray] = {}
    pairs = []
    for number, (pair, table) in enumerate(signal.tables.items()):
        if any("\n" in word for word in (*table.src_words, *table.tgt_words)):
            return False  # words are stored one a line
        pairs.append(list(pair))
        matrix = table.matrix
        arrays[f"src_words{number}"] = _bytes("\n".join(table.src_words))
        arrays[f"tgt_words{number}"] = _bytes("\n".join(table.tgt_words))
        arrays[f"data{number}"] = matrix.data
        arrays[f"indices{number}"] = matrix.indices
        arrays[f"indptr{number}"] = matrix.indptr
    arrays["meta"] = _bytes(json.dumps({"key": key, "pairs": pairs, "summary": summary,
                                        "used": list(used)}))
    return write_cached(built_path(wanted), lambda handle: np.savez(handle, **arrays))


def _bytes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _text(array: np.ndarray) -> str:
    return array.tobytes().decode("utf-8")
