"""A dictd dictionary's languages, told by its name.

FreeDict names its files by ISO 639-3 codes, source first (``freedict-deu-fra``: German
to French); sverka speaks ISO 639-1 (``de``, ``fr``). Other dictionaries are known by
name (``mueller7``: English to Russian).
"""

from __future__ import annotations

import re
from functools import lru_cache

KNOWN = {"mueller7": ("en", "ru"), "mueller7accent": ("en", "ru"), "mueller24": ("en", "ru")}
"""Dictionaries whose name carries no language codes: (source, target)."""

_CODES = re.compile(r"(?:^|[-_.])([a-z]{2,3})[-_]([a-z]{2,3})$")


@lru_cache(maxsize=None)
def short_code(code: str) -> str:
    """The ISO 639-1 code of an ISO 639-3 one (``deu`` → ``de``), else ``code`` itself."""
    if len(code) != 3:
        return code
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).language
    except (UnknownLocaleError, ValueError):
        return code


def languages_of(name: str) -> tuple[str, str] | None:
    """(source, target) language of a dictionary called ``name``, or None if unknown."""
    lowered = name.lower()
    if lowered in KNOWN:
        return KNOWN[lowered]
    found = _CODES.search(lowered)
    if found is None:
        return None
    return short_code(found.group(1)), short_code(found.group(2))
