"""A common Latin skeleton for any script, so that chrF can compare the two sides.

Both sides go through the same transliteration (Unidecode), lowercased: Токаев becomes
``tokaev``, which shares most character n-grams with ``tokayev``; é and ü lose their
accents, so de-fr and en-es pairs meet on the same letters too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

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


def skeleton_codes(texts: Sequence[str]) -> Codes:
    """What chrF compares: the ASCII codes of ``latin_skeletons(texts)`` with whitespace
    removed, all texts in one array, and each text's length in it. Each distinct character
    is transliterated once and numpy spreads the results, several times faster than
    ``str.translate``, which looks every Cyrillic letter up in a dict."""
    points = _code_points("".join(texts))
    chars = np.flatnonzero(np.bincount(points))
    skeletons = [squeeze(_skeleton(chr(code))).encode("ascii", "replace") for code in chars]
    widths = np.fromiter(map(len, skeletons), dtype=np.int64, count=len(skeletons))
    table = np.frombuffer(b"".join(skeletons), dtype=np.uint8)
    slot = np.zeros(int(chars[-1]) + 1 if len(chars) else 0, dtype=np.int64)
    slot[chars] = np.arange(len(chars))
    slot = slot[points]  # each character's place in the alphabet
    width = widths[slot]
    ends = np.cumsum(width)
    # output byte k, written by character p, is byte k - (ends[p] - width[p]) of its skeleton,
    # which ends at cumsum(widths)[slot[p]] in the table
    source = np.repeat(np.cumsum(widths)[slot] - ends, width) + np.arange(int(width.sum()))
    text_ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))
    lengths = np.diff(np.concatenate([[0], ends])[text_ends], prepend=0)
    return table[source], lengths
