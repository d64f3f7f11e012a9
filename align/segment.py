"""Sentence splitting per language, for ``--level sentence``.

The Moses-style splitter (``sentence-splitter``) knows the non-breaking prefixes of two
dozen languages (Russian "т. е.", "г.", initials "А. Подрабинек"; English "Mr.", "e.g.").
A language it does not know borrows the rules of a relative in the same script, so any
pair still splits, only with fewer known abbreviations.

Informal text (reviews, comments) ends sentences in ways that splitter does not know: an
emoji ("Отличный салон!👍 Мастер"), a smiley bracket ("чистенького) вообще", "у них
доставка ))) когда"), a full stop, ! or ? before a lower-case word ("Работает сомелье.
он помог", "и так сойдёт ! грузить") and a full stop with no space after it ("в
выборе.Самое лучшее"). A sentence left
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
    sentences = [part.strip() for sentence in _rejoined(plain, _splitter(lang).split(plain))
                 for part in _informal_breaks(sentence) if part.strip()]
    return original_pieces(text, sentences) or [text.strip()]


_LETTER_ABBREVIATION = re.compile(r"(?:^|\s)(?P<abbreviation>(?:[а-яёіїєґ]\.){2,})$")
"""A Cyrillic abbreviation of single letters, "г.о. Серпухов", "с.п. Ивановское", "т.н.
Большой": the splitter's Russian list knows "т. е." but cuts after these before a name."""
_ENDS_SENTENCES = frozenset({"т.д.", "т.п.", "н.э."})
"""…except those that usually close a sentence ("и т.д. Потом")."""


def _rejoined(text: str, sentences: list[str]) -> list[str]:
    """The splitter's sentences of ``text`` with the cuts after a letter abbreviation
    undone; a rejoined sentence is the stretch of ``text`` it covers, spaces as written."""
    out: list[str] = []
    start = end = -1  # where the last sentence kept lies in ``text`` (-1: not found)
    for sentence in sentences:
        found = text.find(sentence, max(end, 0))
        match = _LETTER_ABBREVIATION.search(out[-1]) if out else None
        if (match and match["abbreviation"] not in _ENDS_SENTENCES
                and start >= 0 and found >= 0):
            out[-1] = text[start:found + len(sentence)]
            end = found + len(sentence)
            continue
        out.append(sentence)
        start, end = (found, found + len(sentence)) if found >= 0 else (-1, end)
    return out


_EMOJI = "\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D"
_INFORMAL_BREAK = re.compile(
    rf"(?P<emoji>(?<=[{_EMOJI}])\s+(?=[^\W\d_]))"  # an emoji before a word
    r"|(?P<smiley>(?<=[^\s\d]\))\s+(?=\w))"  # a bracket after a word or a mark, not "2)"
    r"|(?P<stop>(?:(?<=[^\W\d_]{4}\.)|(?<=[!?]))\s+(?=[^\W\d_]))"  # a stop, ! or ?
    r"|(?P<glued>(?<=[^\W\d_]{4}\.)(?=[^\W\d_]{3}))")  # "в выборе.Самое": no space
_VOWELS = frozenset("aeiouyäöüéèêáàíóúаеёиоуыэюяіїє")


def _informal_breaks(sentence: str) -> list[str]:
    """``sentence`` cut where informal text ends a sentence (see the module's docstring):
    an emoji before a capital; a bracket that closes none opened before it; a full stop
    after a word with a vowel (not "млрд."), or a ! or ?, before a lower-case word; a full
    stop glued to a capitalised word after a lower-case one. Never one word off."""
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
        if match.lastgroup == "glued" and not (
                before.split()[-1].rstrip(".").islower() and following.isupper()
                and sentence[match.end() + 1].islower()):
            continue  # "Яндекс.Такси", "lenta.ru": a name, not two sentences
        if len(before.split()) < 2 or len(sentence[match.end():].split()) < 2:
            continue
        parts.append(before)
        start = match.end()
    parts.append(sentence[start:])
    return parts
