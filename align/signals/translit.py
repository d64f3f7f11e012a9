"""A common Latin skeleton for any script, so that chrF can compare the two sides.

Both sides go through the same transliteration (Unidecode), lowercased: Токаев becomes
``tokaev``, which shares most character n-grams with ``tokayev``; é and ü lose their
accents, so de-fr and en-es pairs meet on the same letters too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable


@lru_cache(maxsize=65536)
def _skeleton_of_char(char: str) -> str:
    from unidecode import unidecode  # imported on first use: keeps start-up fast

    return unidecode(char).lower()


def latin_skeletons(texts: Iterable[str]) -> list[str]:
    """Lowercased ASCII transliterations of ``texts`` (one table for all, applied in C)."""
    texts = list(texts)
    alphabet = set("".join(texts))
    table = {ord(char): _skeleton_of_char(char) for char in alphabet if not char.isascii()}
    table.update({ord(char): char.lower() for char in alphabet if char.isascii() and char.isupper()})
    return [text.translate(table) for text in texts]
