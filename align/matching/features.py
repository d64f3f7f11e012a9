"""What of a document survives translation, as bags of tokens the index can look up.

A translation keeps an original's numbers and dates, its names (in another script, but
alike once both are transliterated), the rare words it leaves untranslated (brands,
commands, Latin terms), its dictionary words (as the lexicon translates them) and,
roughly, its length. Each is read by the one reader the aligner uses
(:mod:`align.signals.anchors`, :mod:`align.signals.translit`, :mod:`align.stemming`),
so a document is matched on the same evidence it is later aligned on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from align.signals.anchors import names_per_text, numbers_per_text
from align.signals.translit import latin_skeletons
from align.stemming import stems

CHANNELS = ("numbers", "names", "words", "dictionary")
"""The kinds of evidence, each its own part of the index and its own score feature."""

WORD_LETTERS = 5
"""A rare-word token is a word of at least this many letters, cut to :data:`WORD_PREFIX`
of its Latin skeleton: long enough to be specific, short enough that endings meet."""
WORD_PREFIX = 7

_LONG_WORD = re.compile(rf"[^\W\d_]{{{WORD_LETTERS},}}")


@dataclass(frozen=True)
class Fingerprint:
    """One document's evidence: token counts per language-independent channel, the stems
    of its words (met through a dictionary), its language and its length in characters."""

    lang: str
    numbers: Counter[str]
    names: Counter[str]
    words: Counter[str]
    stems: Counter[str]
    length: int

    def channel(self, name: str) -> Counter[str]:
        """The counts of a language-independent channel (numbers, names or words)."""
        return {"numbers": self.numbers, "names": self.names, "words": self.words}[name]


def fingerprint(text: str, lang: str) -> Fingerprint:
    """The evidence of ``text`` (a whole document, paragraphs joined) in language ``lang``."""
    lower = [word for word in _LONG_WORD.findall(text) if not word[0].isupper()]  # names
    # are a channel of their own
    skeletons = latin_skeletons(["\n".join(lower)])[0].split("\n") if lower else []
    words = Counter(word[:WORD_PREFIX] for word in skeletons)
    return Fingerprint(lang, Counter(numbers_per_text([text])[0]),
                       Counter(names_per_text([text])[0]), words, Counter(stems(text, lang)),
                       len(text))
