"""Words as the lexicon knows them: lowercase letter runs, stemmed per language.

A bilingual dictionary lists ``кошка`` and ``house``; a text says ``кошкой`` and
``houses``. Both sides go through the same Snowball stemmer (PyStemmer) for their
language, so dictionary entries and running text meet. Where Snowball has no stemmer
(Ukrainian, Bulgarian, …) a word is cut to its first :data:`CUT` letters: crude, but it
works for any language and lets most case endings meet.

Normalising happens here only, for matching: stress marks (``разложи́ться``) are dropped
and ``ё`` is read as ``е``, as Russian dictionaries and texts mix both.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

from align.language import base_language

if TYPE_CHECKING:
    import numpy as np

CUT = 5
"""Letters kept of a word in a language without a stemmer."""

_WORD = re.compile(r"[^\W\d_]+")
_STRESS = re.compile("[\u0300\u0301]")
"""Combining grave and acute left after NFC composition: stress marks on Cyrillic vowels
(``é`` and ``ѓ`` are composed by NFC, so they keep their accents)."""

SNOWBALL = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "eo": "esperanto", "es": "spanish", "et": "estonian",
    "eu": "basque", "fa": "persian", "fi": "finnish", "fr": "french", "ga": "irish",
    "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch", "nn": "norwegian",
    "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "st": "sesotho", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}
"""Snowball's algorithm for each language code that has one (PyStemmer 3.1)."""


def _cut(words: list[str]) -> list[str]:
    return [word[:CUT] for word in words]


@lru_cache(maxsize=None)
def stemmer_for(lang: str | None) -> Callable[[list[str]], list[str]]:
    """The function that stems a list of lowercase words of ``lang`` (a code such as
    ``ru`` or ``en-GB``): Snowball's, or the :data:`CUT`-letter cut without one."""
    algorithm = SNOWBALL.get(base_language(lang)) if lang else None
    if algorithm is None:
        return _cut
    import Stemmer

    return Stemmer.Stemmer(algorithm).stemWords


def has_stemmer(lang: str | None) -> bool:
    """Whether ``lang`` gets a real stemmer (else the letter cut)."""
    return stemmer_for(lang) is not _cut


def normalise(text: str) -> str:
    """``text`` lowercased, without stress marks, ``ё`` as ``е`` (line breaks kept, so
    many phrases can be normalised in one call)."""
    return _STRESS.sub("", unicodedata.normalize("NFC", text.lower())).replace("ё", "е")


def letter_runs(text: str) -> list[str]:
    """The words of ``text``: its runs of letters (digits and ``_`` are not letters)."""
    return _WORD.findall(text)


def normal_words(text: str) -> list[str]:
    """Lowercase letter runs of ``text``, without stress marks, ``ё`` as ``е``."""
    return letter_runs(normalise(text))


def stems(text: str, lang: str | None) -> list[str]:
    """The words of ``text`` as the lexicon knows them, in order (repeats kept)."""
    words = normal_words(text)
    return stemmer_for(lang)(words) if words else []


def stems_of_texts(texts: Sequence[str], lang: str | None
                   ) -> tuple[list[str], np.ndarray, np.ndarray]:
    """:func:`stems` of many texts at once: the distinct stems, each word's index among
    them (text after text), and each text's number of words.

    The words are found in one string (a line break between the texts) and each distinct
    word form is stemmed once: a book has some 3 million words but 100,000 forms, and
    reading and stemming text by text was most of building its lexicon signal. Texts are
    normalised one by one: Unicode's quick check then spares most of them the full NFC
    pass that a stress mark anywhere in one string costs all of it."""
    import numpy as np

    if not texts:
        return [], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if any("\n" in text for text in texts):  # a line break is no letter: a space reads alike
        texts = [text.replace("\n", " ") for text in texts]
    tokens = _WORD_OR_BREAK.findall("\n".join(map(normalise, texts)))
    forms = [form for form in dict.fromkeys(tokens) if form != "\n"]
    number_of = {form: k for k, form in enumerate(forms)}
    number_of["\n"] = len(forms)
    numbers = np.fromiter(map(number_of.__getitem__, tokens), dtype=np.int64,
                          count=len(tokens))
    breaks = np.flatnonzero(numbers == len(forms))
    lengths = np.diff(np.concatenate([[-1], breaks, [len(tokens)]])) - 1
    stem_of: dict[str, int] = {}
    form_stem = np.array([stem_of.setdefault(stem, len(stem_of))
                          for stem in (stemmer_for(lang)(forms) if forms else [])],
                         dtype=np.int64)
    words = numbers[numbers < len(forms)]
    return list(stem_of), form_stem[words] if len(words) else words, lengths


_WORD_OR_BREAK = re.compile(rf"{_WORD.pattern}|\n")
"""A word (as :data:`_WORD`) or the line break between two texts."""
