"""Parsed dictionaries kept as parquet in the user's cache folder.

Parsing Mueller7 (46,000 entries of free text) takes seconds; reading its word pairs
back takes a fraction of one. A cached file is used only while its key matches: the
dictionary's path, sizes and modification times, its languages, the stemmers and
:data:`VERSION` (raised whenever extraction or pairing changes). The cache is a
convenience: a folder that cannot be written, or a damaged cache file, only means
parsing again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import BinaryIO, Callable

from align.dictionaries.dictd import DictdFiles
from align.dictionaries.pairs import WordPairs
from align.stemming import SNOWBALL

VERSION = "2"
"""Raise when :mod:`.entries`, :mod:`.pairs` or :mod:`align.stemming` change what a
dictionary turns into."""


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/sverka/dictd`` (by default ``~/.cache/sverka/dictd``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sverka" / "dictd"


def cache_key(files: DictdFiles, src_lang: str, tgt_lang: str) -> str:
    """What the cached pairs depend on, as one string."""
    import Stemmer

    return json.dumps({
        "version": VERSION, "index": str(files.index.resolve()),
        "data": str(files.data.resolve()), "stamp": files.stamp(),
        "languages": [src_lang, tgt_lang],
        "stemmers": [SNOWBALL.get(src_lang), SNOWBALL.get(tgt_lang), Stemmer.version()],
    }, sort_keys=True)


def cache_path(files: DictdFiles) -> Path:
    """One file per dictionary (a changed one replaces its file, none pile up)."""
    where = hashlib.sha256(str(files.index.resolve()).encode("utf-8")).hexdigest()[:12]
    return cache_dir() / f"{files.name}-{where}.parquet"


def load(files: DictdFiles, key: str) -> WordPairs | None:
    """The cached pairs of ``files`` under ``key``, or None (absent, stale or damaged)."""
    import polars as pl

    path = cache_path(files)
    try:
        if pl.read_parquet_metadata(path).get("key") != key:
            return None
        frame = pl.read_parquet(path)
        src_lang, tgt_lang = json.loads(key)["languages"]
        weights = dict(zip(zip(frame["src"].to_list(), frame["tgt"].to_list()),
                           frame["weight"].to_list()))
    except Exception:  # noqa: BLE001 - any unreadable cache file means: parse again
        return None
    return WordPairs(src_lang, tgt_lang, weights)


def store(files: DictdFiles, key: str, pairs: WordPairs) -> bool:
    """Write the pairs under ``key``, atomically; False when the cache cannot be written."""
    import polars as pl

    frame = pl.DataFrame({"src": [src for src, _ in pairs.weights],
                          "tgt": [tgt for _, tgt in pairs.weights],
                          "weight": list(pairs.weights.values())},
                         schema={"src": pl.String, "tgt": pl.String, "weight": pl.Float64})
    return write_cached(cache_path(files),
                        lambda handle: frame.write_parquet(handle, metadata={"key": key}))


def write_cached(path: Path, write: Callable[[BinaryIO], object]) -> bool:
    """``write`` a cache file at ``path`` atomically (its folder made as needed); False,
    not an error, when it cannot be written: the cache is a convenience."""
    from align.errors import InputError
    from align.fileio import atomic_writer

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(path, "wb") as handle:
            write(handle)
    except (OSError, InputError):
        return False
    return True
