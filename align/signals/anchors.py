"""Anchors: numbers and names that a translation keeps, whatever the language pair.

Numbers are normalised so that "5th"/"5-го", "1,5"/"1.5", "1 000"/"1,000", "30 %"/"30%"
and "10.01.2022"/"10 January 2022" meet; month names count as numbers when they stand
next to a number. Names are capitalised words compared by the first letters of their
Latin skeleton, so Токаев meets Tokayev and Назарбаев meets Nazarbayev.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from decimal import Decimal
from functools import lru_cache
from typing import Iterator, Sequence

from align.ingest.normalize import signal_texts
from align.signals.chrf import NgramCounts, shared_columns
from align.signals.translit import alphabet, latin_skeletons

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


_ENDING = re.compile(r"-?[^\W\d_]+$")
_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f,]\d{3})+")
_NOT_DIGIT = re.compile(r"\D")
_MEMO = 1 << 16
"""How many spellings the pure readers of numbers and months remember: a book writes
the same few thousand numbers and month words over and over."""


@lru_cache(maxsize=_MEMO)
def _number_key(raw: str) -> str:
    """A canonical spelling: thousands separators gone, decimal comma → dot, no leading 0s,
    no ordinal ending ("5th", "5-го" → "5")."""
    raw = _ENDING.sub("", raw)
    if _THOUSANDS.fullmatch(raw):
        return _digits(_NOT_DIGIT.sub("", raw))
    integer, _, fraction = raw.replace(",", ".").partition(".")
    integer = _digits(integer)
    return f"{integer}.{fraction}" if fraction else integer


def _digits(number: str) -> str:
    """Decimal digits of any script as ASCII, without leading zeros: as ``str(int(…))``
    but for numbers of any length (``int`` refuses more than 4,300 digits)."""
    ascii_digits = "".join(str(unicodedata.decimal(digit)) for digit in number)
    return ascii_digits.lstrip("0") or "0"


_MONTH_WORD = re.compile(
    "(" + "|".join(sorted((stem for stem in _MONTH_STEMS if stem not in _SHORT_STEMS),
                          key=len, reverse=True)) + r")\w{0,3}", re.IGNORECASE)


@lru_cache(maxsize=_MEMO)
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
_MORNING = re.compile(r"[ \t\u00a0]*a\.? ?m\b\.?", re.IGNORECASE)
_CLOCK = re.compile(r"(?<![\d.,:])([01]?\d|2[0-3])(?::([0-5]\d)|-(00))(?![\d,:]|\.\d)")
"""A clock time; a full stop after it may end the sentence ("до 22-00.")."""
_CLOCK_HOUR_END = re.compile(r"\d(?=:[0-5]\d|-00)")
"""The last digit of a clock time's hour: the regex engine skips to digits, where
:data:`_CLOCK`, which begins with a look-behind, is tried at every character."""


def _clock_times_read(text: str) -> str:
    """Clock times 3:45, 10-00 written as 3.45, 10.00 (same length, so places hold): what
    ``_CLOCK.sub`` gives, several times faster on a book. A clock time starts one or two
    characters before its hour's last digit, so only there is :data:`_CLOCK` tried, in
    order and without overlaps, as ``sub`` tries it."""
    pieces, done = [], 0
    for hour_end in _CLOCK_HOUR_END.finditer(text):
        for start in (hour_end.start() - 1, hour_end.start()):
            clock = _CLOCK.match(text, start) if start >= done else None
            if clock is not None:
                pieces += [text[done:start], f"{clock.group(1)}.{clock.group(2) or clock.group(3)}"]
                done = clock.end()
                break
    return "".join(pieces) + text[done:]


@lru_cache(maxsize=_MEMO)
def _scaled(key: str, exponent: int) -> str:
    """``key`` times 10**exponent, written like any other key ("2.5", 6 → "2500000")."""
    return format(Decimal(key).scaleb(exponent).normalize(), "f")


_NUMBER_OR_DATE = re.compile(_TOKEN.pattern.split("|(?P<word>")[0])
_SCALED_NUMBER_OR_DATE = re.compile(_NUMBER_OR_DATE.pattern.replace(
    r"(?![\d,.]\d)", r"(?![\d,.]\d|\d)"))
"""The check's reading: "Q2 2022" is 2 and 2022, not 2 202 and 2 (digits after a
thousands group end it)."""
_WORD_BEFORE = re.compile(r"([^\W\d_]++)[ \t\u00a0]*+$")  # possessive: no backtracking
_WORD_AFTER = re.compile(r"[ \t\u00a0]*([^\W\d_]+)")


_DIGIT = re.compile(r"\d")


def _numbers_and_dates(text: str, pattern: re.Pattern[str] = _NUMBER_OR_DATE
                       ) -> Iterator[re.Match[str]]:
    """What ``_NUMBER_OR_DATE.finditer`` finds, several times faster: a match starts at a
    digit (and at every digit one does), so the search jumps from digit to digit instead
    of trying the long pattern at every character."""
    position = 0
    while (digit := _DIGIT.search(text, position)) is not None:
        match = pattern.match(text, digit.start())
        if match is not None:
            yield match
        position = match.end() if match is not None else digit.end()


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
    zeros and reads clock times 3:45, 10-00 and 9 p.m. as 3.45, 10 and 21. The check and
    the aligner's anchors read so (unscaled, "с 10.00 до 21.00" and "from 10:00 a.m. to
    9:00 p.m." shared no number, and the check's sentence search kept the wrong sentence
    of a merge; dev F1 was the same both ways); document fingerprints do not."""
    joined, starts = _joined(texts)
    written = joined
    if scaled:
        joined = _clock_times_read(joined)
    found: list[list[tuple[str, str]]] = [[] for _ in texts]
    months_seen: set[int] = set()  # a month between two numbers counts once
    for match in _numbers_and_dates(joined, _SCALED_NUMBER_OR_DATE if scaled else _NUMBER_OR_DATE):
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
            elif _MORNING.match(joined, match.end()) and 12 <= float(key) < 13:
                key = _scaled(str(Decimal(key) - 12), 0)  # 12:12 a.m. is 0.12
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


def numbers_per_text(texts: Sequence[str], scaled: bool = False) -> list[list[str]]:
    """Normalised numbers of each text, with multiplicity, months beside numbers included
    (``scaled``: see :func:`mentions_per_text`)."""
    return [[key for key, _ in mentions] for mentions in mentions_per_text(texts, scaled)]


def number_mentions(text: str, scaled: bool = False) -> list[tuple[str, str]]:
    """``(normalised number, as written)`` in ``text``; see :func:`mentions_per_text`."""
    return mentions_per_text([text], scaled)[0]


def numbers_of(text: str) -> list[str]:
    """Normalised numbers in ``text``, with multiplicity, months beside numbers included."""
    return numbers_per_text([text])[0]


_LETTER = r"[^\W\d_]"


@lru_cache(maxsize=256)
def _capitalised(capitals: str) -> re.Pattern[str]:
    """Words of 4+ letters that begin with one of ``capitals``: the pattern begins with
    that class, so the regex engine skips ahead to capitals instead of reading every word."""
    return re.compile(f"[{re.escape(capitals)}](?<!{_LETTER}.){_LETTER}{{3,}}")


def capitalised_words(text: str) -> list[re.Match[str]]:
    """Capitalised words of 4+ letters with their places: the name candidates of
    :func:`names_of`, which ``align.check`` narrows further (sentence starts, acronyms)."""
    capitals = "".join(char for char in alphabet(text)
                       if char.isupper() and re.match(_LETTER, char))
    return list(_capitalised(capitals).finditer(text)) if capitals else []


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
        src_texts, tgt_texts = signal_texts(src_texts), signal_texts(tgt_texts)
        vocabulary: dict[tuple[int, str], int] = {}

        def keyed(numbers: list[list[str]], names: list[list[str]]) -> list[list[int]]:
            # a key's channel is key % 2: numbers even, names odd
            return [[2 * vocabulary.setdefault((NUMBERS, n), len(vocabulary)) for n in text_numbers]
                    + [2 * vocabulary.setdefault((NAMES, w), len(vocabulary)) + 1 for w in text_names]
                    for text_numbers, text_names in zip(numbers, names)]

        src = keyed(numbers_per_text(src_texts, scaled=True), names_per_text(src_texts))
        tgt = keyed(numbers_per_text(tgt_texts, scaled=True), names_per_text(tgt_texts))
        self._src, self._tgt = shared_columns(NgramCounts.of_keys(src, 2), NgramCounts.of_keys(tgt, 2))
        self._spans: dict[tuple[str, int], NgramCounts] = {}

    def spans(self, side: str, length: int) -> NgramCounts:
        """Anchor counts of every run of ``length`` segments of ``side`` ("src"/"tgt")."""
        if (side, length) not in self._spans:
            self._spans[(side, length)] = (self._src if side == "src" else self._tgt).spans(length)
        return self._spans[(side, length)]


# ------------------------------------------------------------------ numbers written as words
#
# Only ``align.check`` reads these (the aligner's keys above are untouched). A number
# written as a word ("fifteen", "пятнадцатого", "XVII", "twice") is weaker evidence than
# digits ("one" is also a pronoun, "second" a unit of time): the check lets such a word
# stand for a number written in digits on the other side, but never flags one by itself.

_UNIT, _HUNDREDS, _HUNDRED, _SCALE, _ORDINAL, _ONCE = range(6)
"""Roles of a number word: a value below 100 ("twenty", "пяти"); a Russian hundreds word
("двести", "четырехсот"); English "hundred", which multiplies; a scale ("thousand",
"тысяч"); an ordinal, which ends a number ("first", "двадцать первого"); a word that is
a number on its own and joins with none ("twice", "дважды")."""


def _en_words() -> dict[str, tuple[int, int]]:
    units = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen").split()
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()
    ordinals = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth "
                "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
                "eighteenth nineteenth").split()
    words = {word: (value, _UNIT) for value, word in enumerate(units)}
    words |= {word: (10 * (value + 2), _UNIT) for value, word in enumerate(tens)}
    words |= {word: (value, _ORDINAL) for value, word in enumerate(ordinals)}
    words |= {word[:-1] + "ieth": (10 * (value + 2), _ORDINAL) for value, word in enumerate(tens)}
    words |= {"hundred": (100, _HUNDRED), "hundredth": (100, _ORDINAL),
              "thousand": (1000, _SCALE), "thousandth": (1000, _ORDINAL),
              "million": (10**6, _SCALE), "millionth": (10**6, _ORDINAL),
              "billion": (10**9, _SCALE), "twice": (2, _ONCE), "thrice": (3, _ONCE)}
    return words


def _ru_words() -> dict[str, tuple[int, int]]:
    words: dict[str, tuple[int, int]] = {}

    def add(value: int, role: int, forms: str) -> None:
        for form in forms.split():
            words.setdefault(form, (value, role))
            if "ё" in form:
                words.setdefault(form.replace("ё", "е"), (value, role))

    add(0, _UNIT, "ноль нуль ноля нуля нолю нулю нолём нулём")
    add(1, _UNIT, "один одна одно одного одной одному одним одном одну")
    add(2, _UNIT, "два две двух двум двумя")
    add(3, _UNIT, "три трёх трём тремя")
    add(4, _UNIT, "четыре четырёх четырём четырьмя")
    for value, stem in enumerate("пят шест сем вос дев дес".split(), start=5):
        if stem == "вос":
            add(8, _UNIT, "восемь восьми восемью восьмью")
        elif stem == "дев" or stem == "дес":
            full = "девят" if stem == "дев" else "десят"
            add(value, _UNIT, f"{full}ь {full}и {full}ью")
        else:
            add(value, _UNIT, f"{stem}ь {stem}и {stem}ью")
    for value, stem in enumerate("одиннадцат двенадцат тринадцат четырнадцат пятнадцат "
                                 "шестнадцат семнадцат восемнадцат девятнадцат двадцат".split(),
                                 start=11):
        add(value, _UNIT, f"{stem}ь {stem}и {stem}ью")
    add(30, _UNIT, "тридцать тридцати тридцатью")
    add(40, _UNIT, "сорок сорока")
    for value, (nominative, oblique, instrumental) in enumerate(
            (("пятьдесят", "пятидесяти", "пятьюдесятью"), ("шестьдесят", "шестидесяти", "шестьюдесятью"),
             ("семьдесят", "семидесяти", "семьюдесятью"), ("восемьдесят", "восьмидесяти", "восемьюдесятью")),
            start=5):
        add(10 * value, _UNIT, f"{nominative} {oblique} {instrumental}")
    add(90, _UNIT, "девяносто девяноста")
    add(100, _HUNDREDS, "сто ста")
    for value, (nominative, genitive, dative, instrumental) in enumerate(
            (("двести", "двух", "двум", "двумя"), ("триста", "трёх", "трём", "тремя"),
             ("четыреста", "четырёх", "четырём", "четырьмя"), ("пятьсот", "пяти", "пяти", "пятью"),
             ("шестьсот", "шести", "шести", "шестью"), ("семьсот", "семи", "семи", "семью"),
             ("восемьсот", "восьми", "восьми", "восемью"), ("девятьсот", "девяти", "девяти", "девятью")),
            start=2):
        add(100 * value, _HUNDREDS, f"{nominative} {genitive}сот {dative}стам "
                                    f"{instrumental}стами {genitive}стах")
    for value, stem in ((10**3, "тысяч"), (10**6, "миллион"), (10**9, "миллиард")):
        endings = ("а и е у ей ью ам ами ах" if stem == "тысяч"
                   else "а у ом е ы ов ам ами ах")
        add(value, _SCALE, " ".join([stem] + [stem + ending for ending in endings.split()]))
    adjective = "ый ой ая ое ые ого ому ым ом ую ых ыми"
    for value, stem in ((1, "перв"), (2, "втор"), (4, "четвёрт"), (5, "пят"), (6, "шест"),
                        (7, "седьм"), (8, "восьм"), (9, "девят"), (10, "десят"),
                        (11, "одиннадцат"), (12, "двенадцат"), (13, "тринадцат"),
                        (14, "четырнадцат"), (15, "пятнадцат"), (16, "шестнадцат"),
                        (17, "семнадцат"), (18, "восемнадцат"), (19, "девятнадцат"),
                        (20, "двадцат"), (30, "тридцат"), (40, "сороков"), (50, "пятидесят"),
                        (60, "шестидесят"), (70, "семидесят"), (80, "восьмидесят"),
                        (90, "девяност"), (100, "сот"), (1000, "тысячн"), (10**6, "миллионн")):
        add(value, _ORDINAL, " ".join(stem + ending for ending in adjective.split()))
    add(3, _ORDINAL, "третий третья третье третьи третьего третьему третьим третьем третьей "
                     "третью третьих третьими")
    add(24, _ONCE, "сутки суток суткам сутками сутках круглосуточно круглосуточный "
                   "круглосуточная круглосуточное круглосуточные")  # a day of 24 hours
    add(2, _ONCE, "дважды")
    add(3, _ONCE, "трижды")
    return words


NUMBER_WORDS: dict[str, dict[str, tuple[int, int]]] = {"en": _en_words(), "ru": _ru_words()}
"""Per language, number words (lowercase, every case form) → (value, role). A language
without a table here has its numbers in words ignored (digits and Roman numerals still
count)."""

_ALONE: dict[str, frozenset[str]] = {
    "en": frozenset({"hundred", "thousand", "million", "billion"}),
    "ru": frozenset("тысяча тысячу тысячей тысяче миллион миллиона миллиону миллионом "
                    "миллионе миллиард миллиарда миллиарду миллиардом миллиарде".split()),
}
"""Scale words that are a number without one before them ("a thousand", "около миллиона");
plural forms ("thousands", "тысячи") are not: "тысячи людей" is "thousands of people"."""

_JOINERS: dict[str, frozenset[str]] = {"en": frozenset({"and"})}
"""Words inside a number ("two hundred and five")."""

_RU_PREFIX = re.compile(r"(двух|трех|трёх|четырех|четырёх|пяти|шести|восьми|девяти|десяти"
                        r"|двенадцати|пятнадцати|двадцати|тридцати|сорока|пятидесяти)"
                        r"(?=[^\W\d_]{4,})")
"""Russian compounds that begin with a number: двухместный, восьмимесячной, пятиэтажный
(not семи-, одно-, сто-: семинар, однако, столица)."""

_ROMAN = re.compile(r"(?<![^\W\d_])[IVXLCХ]{2,}(?![^\W\d_])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_value(token: str) -> int | None:
    """The value of a well-formed Roman numeral (Cyrillic Х read as X), else None."""
    token = token.replace("Х", "X")
    values = [_ROMAN_VALUES[char] for char in token]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                for i, v in enumerate(values))
    return total if total > 0 and _roman(total) == token else None


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                           (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


def _adjacent(text: str, end: int, start: int) -> bool:
    """Only spaces or hyphens between two words: they may be parts of one number."""
    return re.fullmatch(r"[ \t\u00a0\-‐–]*", text[end:start]) is not None


def spelled_mentions(text: str, lang: str) -> list[tuple[str, str]]:
    """``(number key, as written)`` of the numbers ``text`` writes in words: cardinals and
    ordinals in the languages of :data:`NUMBER_WORDS` ("twenty-one", "двадцать первого",
    "три тысячи"), Russian compounds (двухместный), Roman numerals of two letters or more
    (XVII, II) in any language, and a month word beside any of these ("десятого февраля").
    Keys are those of :func:`mentions_per_text` (``scaled``), so "fifteen" meets "15"."""
    base = lang.split("-")[0].lower()
    table = NUMBER_WORDS.get(base, {})
    alone = _ALONE.get(base, frozenset())
    joiners = _JOINERS.get(base, frozenset())
    found: list[tuple[str, str]] = []
    words = list(re.finditer(r"[^\W\d_]+", text))
    spans: list[tuple[int, int]] = []  # where each number found in words starts and ends

    def emit(value: int, start: int, end: int) -> None:
        found.append((str(value), text[start:end]))
        spans.append((start, end))

    i = 0
    while i < len(words):
        match = words[i]
        word = match.group().lower()
        if word not in table:
            roman = _ROMAN.fullmatch(match.group())
            value = _roman_value(match.group()) if roman else None
            prefix = _RU_PREFIX.match(word) if base == "ru" else None
            if value is not None:
                emit(value, match.start(), match.end())
            elif prefix is not None:
                emit(table[prefix.group(1)][0], match.start(), match.end())
            i += 1
            continue
        # a run of number words: total + current, as in "two hundred and five thousand ten"
        total = current = 0
        last_role = None
        start, end, j = match.start(), match.end(), i
        while j < len(words):
            w = words[j]
            lowered = w.group().lower()
            if j > i and not _adjacent(text, words[j - 1].end(), w.start()):
                break
            if lowered in joiners and j + 1 < len(words) and last_role in (_HUNDRED, _SCALE) \
                    and words[j + 1].group().lower() in table:
                j += 1
                continue
            if lowered not in table:
                break
            value, role = table[lowered]
            low = current % 100
            if role == _ONCE:
                if j > i:
                    break
                current, end, j = value, w.end(), j + 1
                break
            if role in (_UNIT, _ORDINAL) and value < 100:
                fits = (j == i or low == 0 or (low >= 20 and low % 10 == 0 and value < 10))
                if not fits or last_role == _ORDINAL:
                    break
                current += value
            elif role == _HUNDREDS:
                if j > i and (current % 1000 != 0 or last_role == _ORDINAL):
                    break
                current += value
            elif role in (_HUNDRED, _ORDINAL) and value == 100:
                if current % 100 == 0 and current:
                    break
                current = (current or 1) * 100
            else:  # a scale, or a scale's ordinal ("thousandth")
                if value <= max(total, 1) and total or last_role == _ORDINAL:
                    break
                if j == i and lowered not in alone and role == _SCALE:
                    break
                if j == i and re.search(r"\d[ \t\u00a0]*$", text[:w.start()]):
                    break  # "2 тысячи", "5 million": the digits' reader has it
                total += (current or 1) * value
                current = 0
            last_role, end, j = role, w.end(), j + 1
            if role == _ORDINAL:
                break
        if j == i:  # a lone scale word that is no number ("тысячи", "2 million")
            i += 1
            continue
        emit(total + current, start, end)
        i = j
    # a month beside a number in words is a date: "десятого февраля", "the first of May"
    for start, end in list(spans):
        before = _WORD_BEFORE.search(text, max(start - 40, 0), start)
        after = _WORD_AFTER.match(text, end)
        for word in (before, after):
            if word is not None:
                month = month_of(word.group(1))
                if month is not None:
                    found.append((str(month), word.group(1)))
                    break
    return found


def spelled_mentions_per_text(texts: Sequence[str], lang: str) -> list[list[tuple[str, str]]]:
    """:func:`spelled_mentions` of each text."""
    return [spelled_mentions(text, lang) for text in texts]
