"""Is a target word the name of the original spelt right, spelt wrong, or another name?

The name's transliteration (:func:`align.signals.translit.latin_skeletons`) and the target
word are both brought to a loose spelling in which the usual transliteration variants are
equal (Tokayev / Токаев ``tokaev``, Zelenskyy / Зеленский ``zelenski``, Yevgeny / Евгений
``evgeni``, Kuznetsova / Кузнецова ``kuznecova``), and the name also stands for its forms
without a case ending (Путиным: ``putin``). A target word equal to one of these forms
carries the name. One or two edits away, it is a misspelling (Orlyn for Орлов, Sokolvaa
for Соколова, Kuzmetsova for Кузнецова) unless the edits only change vowels in one place,
which is how names cross languages (Kharkiv / Харьков, Kyiv / Киев, Moscow / Москве).

A person's surname has a recognisable ending on both sides (Орлова, Popov), which tells a
name replaced by another from a translated word in its place.
"""

from __future__ import annotations

import re
from functools import lru_cache

VOWELS = frozenset("aeiou")
_RULES = (("shC", "S"), ("sC", "S"), ("sh", "S"), ("kh", "h"), ("kk", "k"), ("ph", "f"),
          ("th", "t"), ("x", "ks"), ("w", "v"), ("q", "k"), ("ts", "C"), ("tz", "C"),
          ("dzh", "J"), ("dj", "J"), ("zh", "J"))
"""Spelling variants made equal, in order."""
CASE_ENDINGS = ("ogo", "ego", "omu", "emu", "ami", "iami", "ikh", "om", "em", "im", "oi",
                "ei", "ia", "iu", "oi", "a", "u", "e", "i", "o")
"""Russian case endings, in the loose spelling, longest first where they overlap; a name
stands also for its form without one (Путиным → putin, Соколовой → sokolov)."""
MIN_LENGTH = 4
"""Shorter names are too close to other words to call a misspelling (and are no name
candidates: those have four letters or more)."""
SURNAME = {
    "ru": re.compile(r"(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ой|ом|е|ых)?$|(?:енко|швили|дзе)$"
                     r"|(?:ук|юк|ич|(?<!и)ян)(?:а|у|ем|ом|е)?$"),
    "en": re.compile(r"(?:ov|ova|ev|eva|in|ina|yn|yna|sky|skaya|ski|skiy|skii|enko|uk|yuk|"
                     r"chuk|vich|ich|yan|ian|dze|shvili)$"),
}
"""Per language, the endings of surnames (Орлова, Кузнецовой, Пашинян; Popov, Petrova).
Not -ский: most such words are adjectives (Московской, Исламской), translated."""
UNMISTAKABLE_SURNAME = {
    "en": re.compile(r"(?:ov|ova|ev|eva|enko|sky|skaya|skiy|skii|vich|chuk|yuk|shvili|dze)$"),
}
"""Endings no common word of the language has (unlike Within, Which, Russian): a word
ending so is a surname even at the start of a sentence."""


@lru_cache(maxsize=65536)
def loose(skeleton: str) -> str:
    """The loose spelling of a lowercased Latin skeleton (see the module text)."""
    word = re.sub(r"[^a-z]", "", skeleton.lower())
    word = re.sub(r"(?<=[aeiou])y(?=[aeiou])", "", word)  # Tokayev / tokaev
    word = re.sub(r"^(?:ye|ie)", "e", word)  # Yevgeny / Evgenii
    word = word.replace("tch", "C").replace("ch", "C").replace("qu", "kv")
    word = re.sub(r"(?<=vi)c$", "C", word)  # Milinković: the ć of -vić is Russian -вич
    word = re.sub(r"c(?![eiy])", "k", word)  # Macron / Makron
    word = re.sub(r"g(?=[eiy])", "J", word)  # Angelina / Andzhelina
    word = re.sub(r"(?<=[aeiouy])ng$", "n", word)  # Daming / Дамин
    for old, new in _RULES:
        word = word.replace(old, new)
    word = word.replace("y", "i").replace("j", "i").replace("z", "s")  # J: the dzh sound
    # the ii of a final -ii / -iy; not doubled consonants, other vowels or an ii inside
    # (Sorkinn, Sokolvaa and Fliriin are misspellings, and a name that has a double letter
    # keeps it in both scripts)
    return re.sub(r"i{2,}$", "i", word).lower()


FEMININE_OBLIQUE = ("oi", "ei")
"""Endings of a woman's surname out of the nominative (Кузнецовой, Плешковой), which a
translation gives in the nominative (Kuznetsova, Pleshkova)."""


def forms(skeleton: str) -> frozenset[str]:
    """The loose spellings a name stands for: itself, and without a case ending (with
    the nominative -a instead, for a woman's :data:`FEMININE_OBLIQUE`)."""
    word = loose(skeleton)
    out = {word}
    for ending in CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            out.add(word[:-len(ending)])
            if ending in FEMININE_OBLIQUE:
                out.add(word[:-len(ending)] + "a")
    return frozenset(out)


VOWEL_VARIANTS = (("io", "e"), ("ie", "e"), ("ee", "i"))
"""Spellings of one Russian vowel (:data:`ALLOWED_VOWEL_CHANGES`: Fyodorov / Федоров)
made equal before edits are counted, so that a slip in Fyodorov (Fyoodrov) counts one
edit from Федоров, not three."""


def _edits(form: str, word: str, limit: int = 3) -> int:
    """Edits from a name's form to a target word, its vowel variants made equal."""
    plain = edit_distance(form, word, limit)
    for variant, usual in VOWEL_VARIANTS:
        if variant in word and plain:
            plain = min(plain, edit_distance(form, word.replace(variant, usual), limit))
    return plain


def target_form(word_skeleton: str) -> str:
    """A target word's loose spelling without the possessive ('s)."""
    return loose(re.sub(r"['’]s$", "", word_skeleton))


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Edits from ``a`` to ``b`` (a letter changed, added or dropped, or two neighbours
    swapped: a typist's slips), counted up to ``limit`` (anything farther is ``limit``)."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y and x != y:
                best = min(best, before[j - 2] + 1)
            current.append(best)
        if min(current) >= limit:
            return limit
        before, previous = previous, current
    return min(previous[-1], limit)


ALLOWED_VOWEL_CHANGES = frozenset(frozenset(pair) for pair in (
    ("o", "i"), ("ie", "i"), ("ie", "e"), ("io", "e"), ("io", "o"), ("ee", "i")))
"""Vowel changes inside a name that are transliterations, not misspellings: Ukrainian
renderings (Kharkiv / Харьков, Kyiv / Киев), ё written e or o (Fedorov / Фёдоров), the
English ee for и (Greenwich / Гринвич)."""
PLACES_ONLY = frozenset({frozenset(("o", "i"))})
"""…of which these are places' renderings only: Ukrainian spells Харьков Kharkiv, but a
person's -ов stays -ov (Станислав Бочаров is Bocharov, never Bochariv)."""


def _gaps(word: str) -> tuple[str, list[str]]:
    """The consonants of ``word`` in order, and the vowels before, between and after them."""
    consonants, gaps, run = [], [], ""
    for char in word:
        if char in VOWELS:
            run += char
        else:
            consonants.append(char)
            gaps.append(run)
            run = ""
    gaps.append(run)
    return "".join(consonants), gaps


def vowels_only(a: str, b: str, person: bool = False) -> bool:
    """The same consonants, and the vowels differ in one place at most: at the end (an
    ending: Odesa / Одессе, Ukraine / Украины) or by a change transliterations make
    (:data:`ALLOWED_VOWEL_CHANGES`; for a ``person``, not :data:`PLACES_ONLY`)."""
    consonants_a, gaps_a = _gaps(a)
    consonants_b, gaps_b = _gaps(b)
    if consonants_a != consonants_b:
        return False
    differ = [k for k, (x, y) in enumerate(zip(gaps_a, gaps_b)) if x != y]
    if not differ:
        return True
    if len(differ) > 1:
        return False
    k = differ[0]
    change = frozenset((gaps_a[k], gaps_b[k]))
    if k == len(gaps_a) - 1:
        return all(_an_ending(gap) for gap in change)
    return change in ALLOWED_VOWEL_CHANGES and not (person and change in PLACES_ONLY)


def _an_ending(vowels: str) -> bool:
    """Whether the vowels that end a word can be a case ending (Одессе, Украины): two at
    most and not one vowel doubled (Pleshkovaa is a slip)."""
    return len(vowels) <= 1 or (len(vowels) == 2 and vowels[0] != vowels[1])


def misspelling(name_skeleton: str, word_skeleton: str, person: bool = False
                ) -> bool | None:
    """True when the target word is the name misspelt, False when it carries the name,
    None when it is another word (farther than two edits). ``person``: the name is a
    person's (see :data:`PLACES_ONLY`)."""
    word = target_form(word_skeleton)
    candidates = forms(name_skeleton)
    if word in candidates:
        return False
    if len(loose(name_skeleton)) < MIN_LENGTH:
        return None
    edits = 1 if len(loose(name_skeleton)) < 5 else 2  # Erin / Ron are two names
    near = [form for form in candidates if _edits(form, word) <= edits]
    if not near:
        return None
    return not any(vowels_only(form, word, person) for form in near)


SHORT_TEXT = 200
"""In a sentence or two, word order changes freely (a name last in Russian, first in
English): any place is the name's place."""
PLACE_CHARS = 60
"""In a longer text, how far apart (in characters, scaled to each text's length) a name
and the target word that misspells or replaces it may stand: a translation keeps names
about where they were, and in a long paragraph another person's name elsewhere is not
this one's rendering."""


def place_gap(source: str, name: str, target: str, word: str) -> float:
    """How far apart ``name`` stands in ``source`` and ``word`` in ``target``, each
    place as a share of its text's length."""
    return abs(source.find(name) / len(source) - target.find(word) / len(target))


def same_place(source: str, name: str, target: str, word: str) -> bool:
    """Whether ``word`` stands in ``target`` about where ``name`` stands in ``source``."""
    if min(len(source), len(target)) < SHORT_TEXT:
        return True
    return place_gap(source, name, target, word) * min(len(source), len(target)) <= PLACE_CHARS


def is_surname(word: str, lang: str) -> bool:
    """Whether ``word`` ends as a surname does in ``lang`` (false where none is known)."""
    pattern = SURNAME.get(lang)
    return pattern is not None and pattern.search(word.lower()) is not None


def is_unmistakable_surname(word: str, lang: str) -> bool:
    """Whether ``word`` ends as only surnames do in ``lang``
    (:data:`UNMISTAKABLE_SURNAME`; false where none is known)."""
    pattern = UNMISTAKABLE_SURNAME.get(lang)
    return pattern is not None and pattern.search(word.lower()) is not None
