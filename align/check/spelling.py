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
    # the ii of -ii / -iy; not doubled consonants or other vowels (Sorkinn and Sokolvaa
    # are misspellings, and a name that has a double letter keeps it in both scripts)
    return re.sub(r"i{2,}", "i", word).lower()


def forms(skeleton: str) -> frozenset[str]:
    """The loose spellings a name stands for: itself, and without a case ending."""
    word = loose(skeleton)
    out = {word}
    for ending in CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            out.add(word[:-len(ending)])
    return frozenset(out)


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


def vowels_only(a: str, b: str) -> bool:
    """The same consonants, and the vowels differ in one place at most: at the end (an
    ending: Odesa / Одессе, Ukraine / Украины) or by a change transliterations make
    (:data:`ALLOWED_VOWEL_CHANGES`)."""
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
    return k == len(gaps_a) - 1 or frozenset((gaps_a[k], gaps_b[k])) in ALLOWED_VOWEL_CHANGES


def misspelling(name_skeleton: str, word_skeleton: str) -> bool | None:
    """True when the target word is the name misspelt, False when it carries the name,
    None when it is another word (farther than two edits)."""
    word = target_form(word_skeleton)
    candidates = forms(name_skeleton)
    if word in candidates:
        return False
    if len(loose(name_skeleton)) < MIN_LENGTH:
        return None
    edits = 1 if len(loose(name_skeleton)) < 5 else 2  # Erin / Ron are two names
    if min(edit_distance(form, word) for form in candidates) > edits:
        return None
    return not any(vowels_only(form, word) for form in candidates
                   if edit_distance(form, word) <= edits)


SHORT_TEXT = 200
"""In a sentence or two, word order changes freely (a name last in Russian, first in
English): any place is the name's place."""
PLACE_CHARS = 60
"""In a longer text, how far apart (in characters, scaled to each text's length) a name
and the target word that misspells or replaces it may stand: a translation keeps names
about where they were, and in a long paragraph another person's name elsewhere is not
this one's rendering."""


def same_place(source: str, name: str, target: str, word: str) -> bool:
    """Whether ``word`` stands in ``target`` about where ``name`` stands in ``source``."""
    if min(len(source), len(target)) < SHORT_TEXT:
        return True
    at_source = source.find(name) / len(source)
    at_target = target.find(word) / len(target)
    return abs(at_source - at_target) * min(len(source), len(target)) <= PLACE_CHARS


def is_surname(word: str, lang: str) -> bool:
    """Whether ``word`` ends as a surname does in ``lang`` (false where none is known)."""
    pattern = SURNAME.get(lang)
    return pattern is not None and pattern.search(word.lower()) is not None
