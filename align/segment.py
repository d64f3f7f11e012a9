"""Sentence splitting per language, for ``--level sentence``.

The Moses-style splitter (``sentence-splitter``) knows the non-breaking prefixes of two
dozen languages (Russian "т. е.", "г.", initials "А. Подрабинек"; English "Mr.", "e.g.").
A language it does not know borrows the rules of a relative in the same script, so any
pair still splits, only with fewer known abbreviations.

Informal text (reviews, comments) ends sentences in ways that splitter does not know: an
emoji ("Отличный салон!👍 Мастер"), a smiley bracket ("чистенького) вообще", "у них
доставка ))) когда") and a full stop, ! or ? before a lower-case word ("Работает сомелье.
он помог", "и так сойдёт ! грузить"). A sentence left
whole hides an omitted half from the check, so :func:`_informal_breaks` splits there too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from align.ingest.normalize import original_pieces, signal_text
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
    """The sentences of one paragraph, in order, none empty; the text is kept as written:
    the rules read its signal text (NBSP, soft hyphens… normalised) and each sentence is
    then taken from ``text`` itself, so sentences are exact substrings of the paragraph."""
    plain = signal_text(text)
    sentences = [part.strip() for sentence in _splitter(lang).split(plain)
                 for part in _informal_breaks(sentence) if part.strip()]
    return original_pieces(text, sentences) or [text.strip()]


_EMOJI = "\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D"
_INFORMAL_BREAK = re.compile(
    rf"(?P<emoji>(?<=[{_EMOJI}])\s+(?=[^\W\d_]))"  # an emoji before a word
    r"|(?P<smiley>(?<=[^\s\d]\))\s+(?=\w))"  # a bracket after a word or a mark, not "2)"
    r"|(?P<stop>(?:(?<=[^\W\d_]{4}\.)|(?<=[!?]))\s+(?=[^\W\d_]))")  # a stop, ! or ?
_VOWELS = frozenset("aeiouyäöüéèêáàíóúаеёиоуыэюяіїє")


def _informal_breaks(sentence: str) -> list[str]:
    """``sentence`` cut where informal text ends a sentence (see the module's docstring):
    an emoji before a capital; a bracket that closes none opened before it; a full stop
    after a word with a vowel (not "млрд."), or a ! or ?, before a lower-case word. Never
    one word off."""
    parts, start = [], 0
    for match in _INFORMAL_BREAK.finditer(sentence):
        before, following = sentence[start:match.start()], sentence[match.end()]
        if match.lastgroup == "emoji" and not following.isupper():
            continue
        if match.lastgroup == "smiley" and before.count("(") >= before.count(")"):
            continue
        if match.lastgroup == "stop" and (
                not following.islower() or (before.endswith(".") and not _VOWELS & set(
                    before.split()[-1].lower()))):
            continue
        if len(before.split()) < 2 or len(sentence[match.end():].split()) < 2:
            continue
        parts.append(before)
        start = match.end()
    parts.append(sentence[start:])
    return parts
