"""A common Latin skeleton for any script, so that chrF can compare the two sides.

Both sides go through the same transliteration (Unidecode), lowercased: Токаев becomes
``tokaev``, which shares most character n-grams with ``tokayev``; é and ü lose their
accents, so de-fr and en-es pairs meet on the same letters too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, Sequence

import numpy as np

from align.signals.chrf import Codes, squeeze


@lru_cache(maxsize=65536)
def _skeleton_of_char(char: str) -> str:
    from unidecode import unidecode  # imported on first use: keeps start-up fast

    return unidecode(char).lower()


def _skeleton(char: str) -> str:
    """One character's skeleton: ASCII is only lowercased."""
    return char.lower() if char.isascii() else _skeleton_of_char(char)


def _code_points(text: str) -> np.ndarray:
    """The characters of ``text`` as numbers (lone surrogates included, as in a str)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def alphabet(text: str) -> list[str]:
    """The distinct characters of ``text``, in code point order (numpy: several times
    faster than ``set(text)`` on a non-ASCII text)."""
    return [chr(code) for code in np.flatnonzero(np.bincount(_code_points(text)))]


def latin_skeletons(texts: Iterable[str]) -> list[str]:
    """Lowercased ASCII transliterations of ``texts`` (one table for all, applied in C)."""
    texts = list(texts)
    table = {ord(char): _skeleton(char) for char in alphabet("".join(texts))
             if not char.isascii() or char.isupper()}
    return [text.translate(table) for text in texts]


_CHUNK = 1 << 20
"""Characters transliterated at once: a book goes in pieces, so that its arrays (a few
bytes a character) stay small."""
_FILLER = 255  # pads the skeleton table; skeletons are ASCII (below 128)


def skeleton_codes(texts: Sequence[str]) -> Codes:
    """What chrF compares: the ASCII codes of ``latin_skeletons(texts)`` with whitespace
    removed, all texts in one array, and each text's length in it. Each distinct character
    is transliterated once and numpy spreads the results, several times faster than
    ``str.translate``, which looks every Cyrillic letter up in a dict."""
    pieces = [_skeleton_codes_of(texts[first:last]) for first, last in _chunks(texts)]
    if not pieces:
        return np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.int64)
    return (np.concatenate([codes for codes, _ in pieces]),
            np.concatenate([lengths for _, lengths in pieces]))


def _chunks(texts: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Runs of consecutive texts of about :data:`_CHUNK` characters (a longer text alone)."""
    first, size = 0, 0
    for last, text in enumerate(texts):
        if size and size + len(text) > _CHUNK:
            yield first, last
            first, size = last, 0
        size += len(text)
    if first < len(texts):
        yield first, len(texts)


def _skeleton_codes_of(texts: Sequence[str]) -> Codes:
    """:func:`skeleton_codes` of a few texts: each character's skeleton is a row of a
    table padded with :data:`_FILLER` to 1, 2, 4 or 8 bytes, so that gathering the rows
    is one lookup of a number a character; unpadded, they are the codes. Arrays of a byte
    a character where the old spreading of the skeletons took three of eight."""
    points = _code_points("".join(texts))
    chars = np.flatnonzero(np.bincount(points))
    skeletons = [squeeze(_skeleton(chr(code))).encode("ascii", "replace") for code in chars]
    widest = max(map(len, skeletons), default=0)
    row = next((size for size in (1, 2, 4, 8) if widest <= size), widest)
    table = np.full((len(skeletons), row), _FILLER, dtype=np.uint8)
    for place, skeleton in enumerate(skeletons):
        table[place, :len(skeleton)] = np.frombuffer(skeleton, dtype=np.uint8)
    widths = (table != _FILLER).sum(axis=1).astype(np.uint8 if widest < 256 else np.int64)
    slot = np.zeros(int(chars[-1]) + 1 if len(chars) else 0, dtype=np.int32)
    slot[chars] = np.arange(len(chars))
    slot = slot[points]  # each character's row
    if row in (1, 2, 4, 8):  # a row is one number
        spelled = table.view(f"u{row}").reshape(-1)[slot].view(np.uint8)
    else:
        spelled = table[slot].reshape(-1)
    return spelled[spelled != _FILLER], _sums_per_text(widths[slot], texts)


def _sums_per_text(values: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """Per text, the sum of ``values`` over its characters (int64; 0 for an empty text)."""
    sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    sums = np.zeros(len(texts), dtype=np.int64)
    filled = sizes > 0  # (reduceat would give an empty run the value at its start)
    if filled.any():
        sums[filled] = np.add.reduceat(values, (np.cumsum(sizes) - sizes)[filled],
                                       dtype=np.int64)
    return sums
