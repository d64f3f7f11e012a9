"""Sentence splitting per language, for ``--level sentence``.

The Moses-style splitter (``sentence-splitter``) knows the non-breaking prefixes of two
dozen languages (Russian "т. е.", "г.", initials "А. Подрабинек"; English "Mr.", "e.g.").
A language it does not know borrows the rules of a relative in the same script, so any
pair still splits, only with fewer known abbreviations.
"""

from __future__ import annotations

from functools import lru_cache

from align.language import base_language

_FALLBACK = {"uk": "ru", "be": "ru", "bg": "ru", "sr": "ru", "mk": "ru", "kk": "ru",
             "ky": "ru", "tg": "ru", "mn": "ru", "hr": "sl", "bs": "sl", "et": "fi"}
_SUPPORTED = {"ca", "cs", "da", "de", "el", "en", "es", "fi", "fr", "hu", "is", "it", "lt",
              "lv", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sv", "tr"}


@lru_cache(maxsize=16)
def _splitter(lang: str):
    from sentence_splitter import SentenceSplitter  # imported on first use: start-up time

    base = base_language(lang)
    base = base if base in _SUPPORTED else _FALLBACK.get(base, "en")
    return SentenceSplitter(language=base)


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of one paragraph, in order, none empty; the text is kept as written."""
    sentences = [s.strip() for s in _splitter(lang).split(text) if s.strip()]
    return sentences or [text.strip()]
