"""Anchors: numbers and names that a translation keeps, whatever the language pair.

Numbers are normalised so that "5th"/"5-го", "1,5"/"1.5", "1 000"/"1,000", "30 %"/"30%"
and "10.01.2022"/"10 January 2022" meet; month names count as numbers when they stand
next to a number. Names are capitalised words compared by the first letters of their
Latin skeleton, so Токаев meets Tokayev and Назарбаев meets Nazarbayev.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from typing import Sequence

from align.signals.chrf import NgramCounts, shared_columns
from align.signals.translit import latin_skeletons

NAME_PREFIX = 4

# Month stems (lowercase prefixes) → month number, for the languages we ship word lists for.
_MONTH_STEMS: dict[str, int] = {}
for _stems in (
    "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр",  # ru
    "січ лют берез квіт трав черв лип серп верес жовт листопад груд",  # uk
    "january february march april may june july august september october november december",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
):
    for _number, _stem in enumerate(_stems.split(), start=1):
        _MONTH_STEMS.setdefault(_stem, _number)
_SHORT_STEMS = {"ма", "may", "mai"}  # whole words only: not "мало", "maybe", "maison"

_TOKEN = re.compile(
    r"(?P<date>\b\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})\b)"
    r"|(?P<number>(?:\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?![\d,.]\d)|\d+(?:[.,]\d+)?)"
    r"(?:-?(?:st|nd|rd|th|го|ого|му|м|й|я|е|х|ый|ий|ой|ая|ое|ые)(?![^\W\d_]))?)"
    r"|(?P<word>[^\W\d_]+)")


def _number_key(raw: str) -> str:
    """A canonical spelling: thousands separators gone, decimal comma → dot, no leading 0s,
    no ordinal ending ("5th", "5-го" → "5")."""
    raw = re.sub(r"-?[^\W\d_]+$", "", raw)
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f,]\d{3})+", raw):
        return str(int(re.sub(r"\D", "", raw)))
    integer, _, fraction = raw.replace(",", ".").partition(".")
    integer = str(int(integer))
    return f"{integer}.{fraction}" if fraction else integer


_MONTH_WORD = re.compile(
    "(" + "|".join(sorted((stem for stem in _MONTH_STEMS if stem not in _SHORT_STEMS),
                          key=len, reverse=True)) + r")\w{0,3}", re.IGNORECASE)


def month_of(word: str) -> int | None:
    """The month (1-12) a word names in any language with a month table here, else None:
    shared with ``align.check`` so that a month is not taken for a missing name."""
    lowered = word.lower()
    if lowered in ("май", "мая", "мае", "may", "mai"):
        return 5
    match = _MONTH_WORD.fullmatch(lowered)
    return _MONTH_STEMS[match.group(1)] if match else None


# Words that multiply the number before them, per language (lowercase prefixes; "billion"
# only in English: it is 10^12 in French and German).
_SCALE_STEMS: dict[str, int] = {}
for _exponent, _stems in (
    (3, "тыс тис thousand tausend"),
    (6, "млн миллион мільйон million mln mio millón millones"),
    (9, "млрд миллиард мільярд billion bln bn milliard miliardo"),
    (12, "трлн триллион трильйон trillion"),
):
    for _stem in _stems.split():
        _SCALE_STEMS[_stem] = _exponent
_SCALE_WORD = re.compile("(" + "|".join(sorted(_SCALE_STEMS, key=len, reverse=True))
                         + r")[^\W\d_]{0,4}", re.IGNORECASE)


_AFTERNOON = re.compile(r"[ \t\u00a0]*p\.? ?m\b\.?", re.IGNORECASE)
_CLOCK = re.compile(r"(?<![\d.,:])([01]?\d|2[0-3])(?::([0-5]\d)|-(00))(?![\d.,:])")


def _scaled(key: str, exponent: int) -> str:
    """``key`` times 10**exponent, written like any other key ("2.5", 6 → "2500000")."""
    return format(Decimal(key).scaleb(exponent).normalize(), "f")


_NUMBER_OR_DATE = re.compile(_TOKEN.pattern.split("|(?P<word>")[0])
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t\u00a0]*$")
_WORD_AFTER = re.compile(r"[ \t\u00a0]*([^\W\d_]+)")


_SEPARATOR = "\n\n"  # joins texts: no number, date or neighbouring word reaches across


def _joined(texts: Sequence[str]) -> tuple[str, list[int]]:
    """All texts in one string (one regex pass instead of one per text) and their starts."""
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(_SEPARATOR)
    return _SEPARATOR.join(texts), starts


def mentions_per_text(texts: Sequence[str], scaled: bool = False
                      ) -> list[list[tuple[str, str]]]:
    """``(normalised number, as written)`` of each text, in order, with multiplicity; a
    month beside a number is its number ("1", "января"). The one number reader: the
    aligner keeps the keys, ``align.check`` also shows the spelling.

    ``scaled`` applies a multiplier word after a number ("11 тысяч" and "11,000" both
    give "11000", "2,5 млн" and "2.5 million" "2500000"), drops a fraction's trailing
    zeros and reads clock times 3:45, 10-00 and 9 p.m. as 3.45, 10 and 21: the check asks
    whether quantities agree; the aligner's weights were tuned on the plain keys."""
    joined, starts = _joined(texts)
    written = joined
    if scaled:  # clock times 3:45, 10-00 read as 3.45, 10.00 (same length: places hold)
        joined = _CLOCK.sub(lambda m: f"{m.group(1)}.{m.group(2) or m.group(3)}", joined)
    found: list[list[tuple[str, str]]] = [[] for _ in texts]
    months_seen: set[int] = set()  # a month between two numbers counts once
    for match in _NUMBER_OR_DATE.finditer(joined):
        into = found[bisect_right(starts, match.start()) - 1]
        raw = match.group()
        after = _WORD_AFTER.match(joined, match.end())
        if match.lastgroup == "date":
            into.extend((str(int(part)), raw) for part in re.split(r"[./]", raw))
        elif scaled:
            key = _scaled(_number_key(raw), 0)
            scale = _SCALE_WORD.fullmatch(after.group(1)) if after is not None else None
            end = match.end()
            if scale is not None and after is not None:
                key = _scaled(key, _SCALE_STEMS[scale.group(1).lower()])
                end = after.end()
            elif _AFTERNOON.match(joined, match.end()) and float(key) < 12:
                key = _scaled(str(Decimal(key) + 12), 0)  # 9:00 p.m. is 21.00
            into.append((key, written[match.start():end]))
        else:
            into.append((_number_key(raw), raw))
        before = _WORD_BEFORE.search(joined, max(match.start() - 40, 0), match.start())
        for word in (before, after):
            if word is not None and word.start(1) not in months_seen:
                month = month_of(word.group(1))
                if month is not None:
                    months_seen.add(word.start(1))
                    into.append((str(month), word.group(1)))
    return found


def numbers_per_text(texts: Sequence[str]) -> list[list[str]]:
    """Normalised numbers of each text, with multiplicity, months beside numbers included."""
    return [[key for key, _ in mentions] for mentions in mentions_per_text(texts)]


def number_mentions(text: str, scaled: bool = False) -> list[tuple[str, str]]:
    """``(normalised number, as written)`` in ``text``; see :func:`mentions_per_text`."""
    return mentions_per_text([text], scaled)[0]


def numbers_of(text: str) -> list[str]:
    """Normalised numbers in ``text``, with multiplicity, months beside numbers included."""
    return numbers_per_text([text])[0]


_CAPITALISED = re.compile(r"[^\W\d_]{4,}")


def capitalised_words(text: str) -> list[re.Match[str]]:
    """Capitalised words of 4+ letters with their places: the name candidates of
    :func:`names_of`, which ``align.check`` narrows further (sentence starts, acronyms)."""
    return [match for match in _CAPITALISED.finditer(text) if match.group()[0].isupper()]


def names_per_text(texts: Sequence[str]) -> list[list[str]]:
    """Latin-skeleton prefixes of capitalised words (4+ letters) of each text."""
    joined, starts = _joined(texts)
    words = capitalised_words(joined)
    skeletons = latin_skeletons(["\n".join(match.group() for match in words)])[0].split("\n")
    names: list[list[str]] = [[] for _ in texts]
    for match, skeleton in zip(words, skeletons):
        names[bisect_right(starts, match.start()) - 1].append(skeleton[:NAME_PREFIX])
    return names


def names_of(text: str) -> list[str]:
    """Latin-skeleton prefixes of capitalised words (4+ letters) in ``text``."""
    return names_per_text([text])[0]


NUMBERS, NAMES = 0, 1
"""Anchor channels: ``match_counts`` over anchors gives shared numbers and shared names."""


class AnchorCounts:
    """Numbers and names of both sides as sparse counts over one shared vocabulary."""

    def __init__(self, src_texts: Sequence[str], tgt_texts: Sequence[str]) -> None:
        vocabulary: dict[tuple[int, str], int] = {}

        def keyed(numbers: list[list[str]], names: list[list[str]]) -> list[list[int]]:
            # a key's channel is key % 2: numbers even, names odd
            return [[2 * vocabulary.setdefault((NUMBERS, n), len(vocabulary)) for n in text_numbers]
                    + [2 * vocabulary.setdefault((NAMES, w), len(vocabulary)) + 1 for w in text_names]
                    for text_numbers, text_names in zip(numbers, names)]

        src = keyed(numbers_per_text(src_texts), names_per_text(src_texts))
        tgt = keyed(numbers_per_text(tgt_texts), names_per_text(tgt_texts))
        self._src, self._tgt = shared_columns(NgramCounts.of_keys(src, 2), NgramCounts.of_keys(tgt, 2))
        self._spans: dict[tuple[str, int], NgramCounts] = {}

    def spans(self, side: str, length: int) -> NgramCounts:
        """Anchor counts of every run of ``length`` segments of ``side`` ("src"/"tgt")."""
        if (side, length) not in self._spans:
            self._spans[(side, length)] = (self._src if side == "src" else self._tgt).spans(length)
        return self._spans[(side, length)]
