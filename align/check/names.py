"""Proper names of the source that the target does not carry.

Candidates are the aligner's (:func:`align.signals.anchors.capitalised_words`), narrowed
to what is likely a name: not an acronym (США → US, ООН → UN are translated, not
transliterated), not a month, not a word capitalised only because it starts a sentence.
Both sides go through the aligner's transliteration (:func:`latin_skeletons`) and then to
a consonant key, so that spelling conventions and case endings do not matter: Назарбаева
(nazarbaeva) and Nazarbayev both give ``nzrbv``, Москве and Moscow both ``mskv``. A name
is found when its key and a target word's key agree up to the last consonant (one may
be the other's prefix: Путиным ``ptnm`` / Putin ``ptn``). A misspelling that moves
consonants (Narazbayev) is a missing name; one that only changes vowels is a valid
transliteration and is not flagged, unless the target spells the same name another way
elsewhere (Takayev here, Tokayev in the rest of the text): one name, two spellings.

What is not a name, by rule rather than by list: a word that starts a sentence only; a
word the document also writes in lower case in some form (Всеобщая / всеобщего,
Декларацией / декларация); a number word (Второй, Девятого). And where the source
language marks parts of speech by endings (Russian), a capitalised adjective
(Кремлёвский, Транснациональной, Исламской) or common noun (Председатель,
Превосходительство), or any word of a multi-word title that holds one (Организации
Объединенных Наций) when the target renders a title there (the United Nations), is
translated as a rule: it is not reported as a name the target lacks unless the target
spells it elsewhere.

A name missing here is a warning when the target has it elsewhere, or when it is a
country whose name in the target language is known (CLDR, through Babel when present:
Беларуси → Belarus) and the target does not write it. Otherwise it is only info: it may
be translated rather than transliterated (Исламской → Islamic); a target word one
consonant off is shown beside it (Кыргызстан (Kirgistan?)): most such are another
transliteration (Йовович / Jovovich), some a misspelling.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from align.check import Flag
from align.check.spelling import (is_surname, is_unmistakable_surname, misspelling,
                                   place_gap, same_place)
from align.language import base_language
from align.model import Alignment
from align.signals.anchors import NUMBER_WORDS, capitalised_words, month_of
from align.signals.translit import latin_skeletons

NOUNS_CAPITALISED = frozenset({"de", "lb"})
"""Languages that capitalise every noun: capitals say nothing about names there."""

NOT_NAMES: dict[str, frozenset[str]] = {
    "en": frozenset("monday tuesday wednesday thursday friday saturday sunday".split()),
}
"""Per language, capitalised words that are not names (months come from the anchors)."""

NAMES_STAY_CAPITALISED = frozenset({"en"})
"""Target languages that capitalise names and the adjectives made from them (Russian,
Islamic): there only a capitalised word carries a name ("born" is not Борн). Elsewhere a
name may come back as a lower-case adjective (Russia → российский), so any word may."""

ADJECTIVE_ENDINGS: dict[str, re.Pattern[str]] = {
    "ru": re.compile(r"(?:ого|его|ому|ему|ыми|ими|ую|юю|ая|яя|ое|ее|ые|ие|ых|их|ый"
                     r"|(?:ск|цк|н)(?:ий|ой))$"),
}
"""Per language, the endings that make a word an adjective (Russian: Всеобщая, Исламской,
Кремлёвский, Объединенных; not -ой or -ий alone: Москвой, Дмитрий)."""

COMMON_NOUN_ENDINGS: dict[str, re.Pattern[str]] = {
    "ru": re.compile(r"(?:тел(?:ь|я|ю|ем|е|и|ей|ям|ями|ях)|ств(?:о|а|у|ом|е)"
                     r"|ост(?:ь|и|ью|ей|ям|ями|ях)|ние|нием|изм(?:а|у|ом|е|ы|ов)?)$"),
}
"""Per language, suffixes that make a word a common noun (Russian -тель, -ство, -ость,
-ние, -изм: Председатель, Превосходительство, Профессионализм), capitalised only as the
first word of a title or a form of address; not -ния or -нии, which end country names
(Армения, Германии)."""

INSTITUTION_HEADS: dict[str, tuple[str, ...]] = {
    "ru": ("дом", "дворц", "дворец", "министерств", "министр", "университет", "институт",
           "театр", "музе", "центр", "комитет", "совет", "управлени", "департамент",
           "академи", "служб", "фонд", "суд", "палат", "агентств", "школ", "колледж",
           "библиотек", "больниц", "завод", "банк", "собор", "храм", "парк", "площад",
           "улиц", "проспект", "клуб", "союз", "объединени", "дирекци", "прокуратур",
           "администраци", "правительств", "собрани", "консерватори", "гимнази", "лице"),
}
"""Per language, the stems of common nouns that head an institution's or a place's name,
capitalised as its first word and followed by lower-case words (Дом культуры, Министерство
обороны, Университет дружбы народов, Дворец спорта): the name is translated, and its
first word is not a person's name."""

_SENTENCE_END = set(".!?…:;\"'«»“”„‘’([{—–-•*")
_CLOSING_QUOTES = set("\"”»’'")
_WORD = re.compile(r"[^\W\d_]{2,}")
_LETTERS = re.compile(r"[^\W\d_]+")
_VOWELS = set("aeiouy")
_KEY_RULES = (("tsch", "ch"), ("tch", "ch"), ("sch", "sh"), ("dzh", "J"), ("dj", "J"),
              ("chr", "kr"), ("ck", "k"), ("ph", "f"), ("th", "t"), ("rh", "r"), ("gh", "g"),
              ("kh", "h"), ("ts", "c"), ("tz", "c"), ("x", "ks"), ("w", "v"), ("q", "k"))
"""Spelling variants made equal, in order (Klitschko / Klichko, Schmidt / Shmidt …)."""


_INITIAL = re.compile(r"(?:^|[\s(«\"])[^\W\d_]\.$")


def _starts_sentence(text: str, position: int) -> bool:
    """Whether the word at ``position`` starts a sentence (not after an initial: А. Орлов,
    E. Knyazeva)."""
    before = text[:position].rstrip()
    # an initial is the last three characters at most: searching only them is the same
    # test, without reading a long paragraph again for each of its words
    if _INITIAL.search(before[-3:]) and before[-2].isupper():
        return False
    if before[-2:-1] == "," and before[-1] in _CLOSING_QUOTES:
        return False  # a quote's attribution: '…information," Akinfin said.'
    return not before or before[-1] in _SENTENCE_END


@lru_cache(maxsize=200_000)  # a book's vocabulary: a re-check keys no word twice
def name_key(skeleton: str) -> str:
    """A consonant key of a lowercased Latin skeleton: first letter, then consonants, with
    the usual spelling variants made equal (y/i, dzh/j, c/k, w/v, kh/h/g, ts/c, doubled
    letters)."""
    word = re.sub(r"[^a-z]", "", skeleton)
    if not word:
        return ""
    word = ("i" + word[1:]) if word[0] == "y" else word
    if len(word) > 1 and word[0] == "i" and word[1] in _VOWELS:
        word = word[1:]  # Yevgeny / Evgenii, Yuri / Iurii
    for old, new in _KEY_RULES:
        word = word.replace(old, new)
    word = re.sub(r"c(?![eiyh])", "k", word)
    word = re.sub(r"g(?=[eiy])", "J", word)  # Angelina / Andzhelina
    word = re.sub(r"(?<=[ae])u", "v", word)  # Europe / Evropa, Austria / Avstriia
    word = re.sub(r"u(?=[aei])", "v", word)  # Rockwell / Rokuell, Willis / Uillis
    word = re.sub(r"(?<![szck])h", "g", word)  # Harry / Garri: Russian writes H as G
    # j after b, k, t … is a glide (Bjorkstrand / B'orkstrand), elsewhere the dzh of
    # Tajikistan / Tadzhikistan
    word = re.sub(r"(?<=[bpfvkgt])j", "", word).replace("j", "J")
    key = (word[0] + "".join(ch for ch in word[1:] if ch not in _VOWELS)).lower()
    return re.sub(r"(.)\1+", r"\1", key)


def keys_meet(a: str, b: str) -> bool:
    """Two name keys agree: one is the other's prefix, or they differ only in their last
    consonant (a case ending: ``ptnm`` / ``ptns``), with at least two letters in common."""
    shorter = min(len(a), len(b))
    common = 0
    while common < shorter and a[common] == b[common]:
        common += 1
    return common >= 2 and (common == shorter or common >= max(len(a), len(b)) - 1 >= 3)


class _LowerForms:
    """The words a document writes in lower case, to ask whether a capitalised word is
    one of them in another form: the same first letters, all but the last two (at least
    five), and a length within two (Декларацией / декларация, Всеобщая / всеобщего, but not
    Россия / российский)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._by_start: dict[str, set[str]] = {}
        for text in texts:
            for word in _WORD.findall(text):
                if word[0].islower():
                    self._by_start.setdefault(word[:5], set()).add(word)

    def __contains__(self, word: str) -> bool:
        word = word.lower()
        for other in self._by_start.get(word[:5], ()):
            if other == word:
                return True
            shared = max(5, min(len(word), len(other)) - 2)
            if abs(len(other) - len(word)) <= 2 and other[:shared] == word[:shared]:
                return True
        return False


def is_adjective(word: str, lang: str) -> bool:
    """Whether ``word`` is an adjective by its ending (:data:`ADJECTIVE_ENDINGS`): false in
    languages without a pattern there."""
    pattern = ADJECTIVE_ENDINGS.get(base_language(lang))
    return pattern is not None and pattern.search(word.lower()) is not None


def is_common_word(word: str, lang: str) -> bool:
    """Whether ``word`` is, by its ending, an adjective or a common noun
    (:data:`ADJECTIVE_ENDINGS`, :data:`COMMON_NOUN_ENDINGS`): translated, as a rule, when
    it is capitalised; false in languages without patterns there."""
    pattern = COMMON_NOUN_ENDINGS.get(base_language(lang))
    return is_adjective(word, lang) or (pattern is not None
                                        and pattern.search(word.lower()) is not None)


def name_candidates(texts: Sequence[str], lang: str) -> list[list[str]]:
    """Per text, the words that look like proper names, in order (see the module text).

    A capitalised word at a sentence start counts only if the document also has it (its
    first five letters) capitalised inside a sentence; a word the document also writes in
    lower case (in any form) or that is a number word never counts.
    """
    base = base_language(lang)
    if base in NOUNS_CAPITALISED:
        return [[] for _ in texts]
    not_names = NOT_NAMES.get(base, frozenset())
    number_words = NUMBER_WORDS.get(base, {})
    lower = _LowerForms(texts)
    found: list[list[tuple[str, bool]]] = []
    inside: set[str] = set()
    for text in texts:
        words = []
        for match in capitalised_words(text):
            word = match.group()
            if word.isupper() or word.lower() in not_names or word.lower() in number_words:
                continue
            if month_of(word) is not None or word in lower:
                continue
            if _heads_institution(word, text[match.end():], base):
                continue
            initial = _starts_sentence(text, match.start())
            if not initial:
                inside.add(word.lower()[:5])
            words.append((word, initial))
        found.append(words)
    return [[word for word, initial in words if not initial or word.lower()[:5] in inside]
            for words in found]


def _heads_institution(word: str, after: str, lang: str) -> bool:
    """``word`` is an institution head (:data:`INSTITUTION_HEADS`, any case form) followed
    by a lower-case word: Доме культуры, Министерства обороны."""
    lowered = word.lower()
    if not any(lowered.startswith(stem) and len(lowered) <= len(stem) + 3
               for stem in INSTITUTION_HEADS.get(lang, ())):
        return False
    following = _LETTERS.search(after[:40])
    return following is not None and following.group()[0].islower()


def _strong(a: str, b: str) -> bool:
    """Keys that agree over at least four letters: a proof, not a hint, of the same name."""
    return keys_meet(a, b) and min(len(a), len(b)) >= 4 or a == b


def _one_apart(a: str, b: str) -> bool:
    """Keys of four letters or more one edit apart (a consonant changed, added or lost)."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]
    return True


def _name_like(word: str) -> bool:
    """Capitalised, or in a script without capitals (where any word may be a name)."""
    return word[0].isupper() or not word[0].islower()


def _spelling(word: str) -> str:
    return re.sub(r"['’]s$", "", word).lower()


def _same_spelling(a: str, b: str) -> bool:
    """One spelling up to an ending (Putin / Putin's, Путина / Путину, Zelensky / Zelenskyy)."""
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    return common >= min(len(a), len(b)) - 2 and common >= 3


def _title_words(text: str, lang: str) -> set[str]:
    """Words of the multi-word capitalised titles of ``text`` that hold an adjective or a
    common noun by its ending (Организации Объединенных Наций, Генеральной Ассамблеи,
    Председатель Совета): titles that are translated, not transliterated. (A run without
    one may be a country and a person: Франции Элизабет Борн.)"""
    words: set[str] = set()
    run: list[re.Match[str]] = []
    for match in [*_LETTERS.finditer(text), None]:
        if match is not None and match.group()[0].isupper() and (
                not run or re.fullmatch(r"[ \u00a0-]", text[run[-1].end():match.start()])):
            run.append(match)
            continue
        title = run[:-2] if _ends_with_a_person(run, lang) else run
        if len(title) >= 2 and any(is_common_word(m.group(), lang) for m in title):
            words.update(m.group() for m in title)
        run = [match] if match is not None and match.group()[0].isupper() else []
    return words


def _ends_with_a_person(run: list[re.Match[str]], lang: str) -> bool:
    """Whether a capitalised run ends with a first name and a surname, neither a common
    word: the person a title names ("Председатель Банка России Эльвира Набиуллина"), whose
    surname is transliterated, not translated with the title."""
    if len(run) < 3:
        return False
    first, last = run[-2].group(), run[-1].group()
    return (is_surname(last, lang) and not is_common_word(last, lang)
            and not is_common_word(first, lang))


def _renders_a_title(text: str) -> bool:
    """Two capitalised words in ``text``, in a row or joined by up to two short lower-case
    words: a title (the United Nations, the Chairman of the Board)."""
    words = [match.group() for match in _LETTERS.finditer(text)]
    for place, word in enumerate(words):
        if not word[0].isupper():
            continue
        for later in words[place + 1:place + 4]:
            if later[0].isupper():
                return True
            if len(later) > 4:
                break
    return False


def name_flags(alignment: Alignment) -> list[Flag]:
    """Per two-sided link, at most one warning and one info flag about source names.

    A warning for a name the target lacks here but spells elsewhere, or a country whose
    target-language name is known and absent (Bulgaria for Беларуси); and for a name whose
    vowels the target spells here otherwise than in the rest of the text (Takayev /
    Tokayev). Info for a name found nowhere, which may be translated rather than
    transliterated (Литва → Lithuania) — except adjectives and titles, which are
    translated as a rule (see the module text); a name-like word one consonant off is
    shown beside it (Кыргызстан (Kirgistan?)), as most such are other transliterations
    (Йовович / Jovovich), not misspellings.
    """
    links = [(index, link) for index, link in enumerate(alignment.links) if link.two_sided]
    source_texts = [alignment.source_text(link) for _, link in links]
    target_texts = [alignment.target_text(link) for _, link in links]
    src_lang = alignment.source.lang
    candidates = name_candidates(source_texts, src_lang)
    target_words, initial_words, target_skeletons = [], [], []
    for text in target_texts:
        words, skeletons, initial = _target_words(text)
        target_skeletons.append(skeletons)
        target_words.append(words)
        initial_words.append(initial)
    document_keys = {key for words in target_words for word, key in words if _name_like(word)}
    document_words = sorted({(word, skeleton) for words, skeletons in zip(target_words,
                                                                         target_skeletons)
                             for (word, _), skeleton in zip(words, skeletons)
                             if word[0].isupper()})
    countries = _country_names(src_lang, alignment.target.lang)
    capitalised_only = base_language(alignment.target.lang) in NAMES_STAY_CAPITALISED
    tgt_lang = base_language(alignment.target.lang)
    errors: dict[int, list[str]] = {}
    warnings: dict[int, list[str]] = {}
    infos: dict[int, list[str]] = {}
    # spellings[(target key, source name's first letters)][spelling] = [(place, name), …]:
    # one source name (Токаев, Токаева) and the target words that carry it
    spellings: dict[tuple[str, str], dict[str, list[tuple[int, str]]]] = {}
    for place, ((index, _), names, words, text) in enumerate(
            zip(links, candidates, target_words, target_texts)):
        titles = _title_words(source_texts[place], src_lang) if names else set()
        carried: list[tuple[str, str, str, str]] = []  # (name, its start, word, word's key)
        seen: set[str] = set()
        for name, skeleton in zip(names, latin_skeletons(names)):
            if name in seen:
                continue
            seen.add(name)
            key = name_key(skeleton)
            # not a word of a title (Свято-Троицкой Сергиевой Лавры: of St. Sergius)
            surname = (is_surname(name, src_lang) and not is_adjective(name, src_lang)
                       and name not in titles)
            if surname:
                wrong = _misspelt(skeleton, words, target_skeletons[place],
                                  _names_a_person(source_texts[place], name, src_lang))
                if wrong is not None and not same_place(source_texts[place], name, text, wrong):
                    wrong = None
                if wrong is not None:
                    right = _spelt_right(skeleton, document_words)
                    hint = (f"{right} elsewhere" if right is not None
                            else f"a transliteration gives {skeleton.title()}")
                    warnings.setdefault(place, []).append(f"{name} spelt {wrong} ({hint})")
                    continue
            matches = [(word, other) for word, other in words if keys_meet(key, other)
                       and (not capitalised_only or _name_like(word))]
            if matches:
                carried += [(name, skeleton[:4], word, other) for word, other in matches
                            if _name_like(word) and len(other) >= 3
                            and word not in initial_words[place]]
                continue
            country = _country(name, key, countries)
            if country is not None:  # its name in the target language is known
                if not _writes(text, country):
                    warnings.setdefault(place, []).append(f"{name} ({country} expected)")
                continue
            close = next((word for word, other in words
                          if _name_like(word) and _one_apart(key, other)), None)
            others = (_in_its_place(source_texts[place], src_lang, words,
                                    target_skeletons[place], initial_words[place], tgt_lang,
                                    _stands_first(source_texts[place], name))
                      if surname and close is None else [])
            other_name = min((other for other in others
                              if same_place(source_texts[place], name, text, other)),
                             key=lambda other: place_gap(source_texts[place], name, text,
                                                         other), default=None)
            if other_name is not None:
                errors.setdefault(place, []).append(f"{name} ({other_name} in its place)")
                continue
            if len(key) >= 3 and any(_strong(key, other) for other in document_keys):
                warnings.setdefault(place, []).append(f"{name} (the target has it elsewhere)")
                continue
            if is_common_word(name, src_lang) or (name in titles and _renders_a_title(text)):
                continue  # translated as a rule
            infos.setdefault(place, []).append(name if close is None else f"{name} ({close}?)")
        for name, start, word, other in carried:
            # only where one source name and one target spelling share the key here (not
            # Олег and Ольга opposite Oleg and Olga)
            starts = {s for _, s, _, o in carried if o == other}
            words_here = [_spelling(w) for _, _, w, o in carried if o == other]
            if len(starts) == 1 and all(_same_spelling(w, words_here[0]) for w in words_here):
                spellings.setdefault((other, start), {}).setdefault(
                    _spelling(word), []).append((place, name))
    for forms in spellings.values():
        if len(forms) < 2:
            continue
        groups: list[list[str]] = []  # spellings that differ only in an ending go together
        for spelling in forms:
            if _consonants(spelling) != _consonants(next(iter(forms))):
                groups = []  # not a vowel change: another word, not another spelling
                break
            group = next((g for g in groups if _same_spelling(g[0], spelling)), None)
            (group.append(spelling) if group is not None else groups.append([spelling]))
        if len(groups) < 2:
            continue
        weight = [len({place for s in g for place, _ in forms[s]}) for g in groups]
        usual = groups[max(range(len(groups)), key=lambda g: (weight[g], -g))]
        for group in groups:
            if group is usual:
                continue
            for spelling in group:
                for place, name in forms[spelling]:
                    note = (f"{name} (spelt {_cased(spelling, target_words[place])} here, "
                            f"{_cased(usual[0], [w for ws in target_words for w in ws])} "
                            f"elsewhere)")
                    if note not in warnings.get(place, []):
                        warnings.setdefault(place, []).append(note)
    flags = []
    for place, (index, _) in enumerate(links):
        if place in errors:
            flags.append(Flag(index, "names", "error",
                              f"names missing, another name in their place: "
                              f"{_shown(errors[place])}"))
        if place in warnings:
            flags.append(Flag(index, "names", "warning",
                              f"names not found or spelt otherwise: {_shown(warnings[place])}"))
        if place in infos:
            flags.append(Flag(index, "names", "info",
                              f"not found in the target (translated rather than "
                              f"transliterated?): {_shown(infos[place])}"))
    return flags


@lru_cache(maxsize=50_000)  # a book's links: a re-check reads only the changed ones again
def _target_words(text: str) -> tuple[list[tuple[str, str]], list[str], frozenset[str]]:
    """A target text's words with their name keys, their Latin skeletons, and the words
    that start a sentence. Callers only read them: the same lists serve every check."""
    found = list(_WORD.finditer(text))
    words = [match.group() for match in found]
    skeletons = latin_skeletons(words)
    return (list(zip(words, (name_key(s) for s in skeletons))), skeletons,
            frozenset(match.group() for match in found
                      if _starts_sentence(text, match.start())))


def _misspelt(skeleton: str, words: list[tuple[str, str]], skeletons: list[str],
              person: bool = False) -> str | None:
    """The target word that spells the name one or two edits wrong, when no word of the
    link spells it right (:func:`align.check.spelling.misspelling`)."""
    wrong = None
    for (word, _), word_skeleton in zip(words, skeletons):
        if not word[0].isupper() or month_of(word) is not None:
            continue
        verdict = misspelling(skeleton, word_skeleton, person)
        if verdict is False:
            return None
        if verdict and wrong is None:
            wrong = word
    return wrong


_WOMANS_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:а|ой|ы|у)$")
"""A woman's surname (Кузнецова, Кузнецовой): no town's name ends so."""


def _names_a_person(text: str, name: str, lang: str) -> bool:
    """Whether ``name`` follows an initial ("А. Бочаров") or a capitalised word that is
    not a common word ("Станислав Бочаров"), or is a woman's surname before such a word
    ("Кузнецовой Натальи"), somewhere in ``text``: a person's surname, not a place. A
    sentence's first word counts only from five letters on ("Под Харьковом" is a place)."""
    for match in re.finditer(rf"([^\W\d_]+)(\.?)\s+{re.escape(name)}\b", text):
        before, initial = match.group(1), match.group(2)
        if not before[0].isupper():
            continue
        if initial:
            if len(before) == 1:
                return True
            continue
        first = _starts_sentence(text, match.start(1))
        if len(before) >= (5 if first else 3) and not is_common_word(before, lang):
            return True
    if not _WOMANS_SURNAME.search(name.lower()):
        return False  # a place may stand before a name ("в Харькове Путин сказал")
    for match in re.finditer(rf"\b{re.escape(name)}\s+([^\W\d_]{{3,}})", text):
        after = match.group(1)  # a first name after the surname ("Кузнецовой Натальи")
        if (after[0].isupper() and not _starts_sentence(text, match.start(1))
                and not is_common_word(after, lang)):
            return True
    return False


def _spelt_right(skeleton: str, words: list[tuple[str, str]]) -> str | None:
    """A target word anywhere in the document that spells the name right."""
    return next((word for word, word_skeleton in words
                 if misspelling(skeleton, word_skeleton) is False), None)


def _stands_first(text: str, name: str) -> bool:
    """Whether ``name`` starts a sentence of ``text`` somewhere."""
    return any(_starts_sentence(text, match.start())
               for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text))


def _in_its_place(source: str, src_lang: str, words: list[tuple[str, str]],
                  skeletons: list[str], initial: set[str], tgt_lang: str,
                  name_first: bool = False) -> list[str]:
    """The surnames of the target (by their ending) that render no word of the source
    link: another person named where the original's is missing (Popov for Орлов). All of
    them, in order: the caller takes the one standing nearest to where the name stood (in
    "the films Blue Sky and Tootsie, then … Olga Nikitenko" for "«Голубое небо» … Ольга
    Куриленко" the first one found, Sky, is a film's title). A word starting a sentence
    counts only with an ending no common word has, or when the missing name (``name_first``)
    starts a sentence too: "Veniamin sent…" for "Пашинян направил…"."""
    found = []
    source_words = _WORD.findall(source)
    source_keys = [name_key(s) for s in latin_skeletons(source_words)]
    source_skeletons = latin_skeletons(source_words)
    for (word, key), word_skeleton in zip(words, skeletons):
        if (not word[0].isupper() or not is_surname(word, tgt_lang)
                or (word in initial and not name_first
                    and not is_unmistakable_surname(word, tgt_lang))):
            continue
        if any(keys_meet(key, other) and abs(len(key) - len(other)) <= 1
               for other in source_keys):
            continue  # a rendering of a source word (not Fedorchenko for Федерации)
        if any(misspelling(s, word_skeleton) is not None for s in source_skeletons):
            continue
        found.append(word)
    return found


def _consonants(spelling: str) -> str:
    return re.sub(r"[aeiouy]", "", latin_skeletons([spelling])[0])


def _cased(spelling: str, words: list[tuple[str, str]]) -> str:
    """A spelling as the target writes it."""
    return next((word for word, _ in words if _spelling(word) == spelling), spelling)


def _writes(text: str, name: str) -> bool:
    """Whether ``text`` has a word starting like ``name`` (first four letters, in the Latin
    skeleton: Türkiye / Turkey, Belarus / Belarusian)."""
    head = latin_skeletons([name])[0][:4]
    return any(word.startswith(head) for word in latin_skeletons(_WORD.findall(text)))


def is_country(word: str, src_lang: str, tgt_lang: str) -> bool:
    """Whether ``word`` names a country whose name in ``tgt_lang`` is known (CLDR)."""
    key = name_key(latin_skeletons([word])[0])
    return _country(word, key, _country_names(src_lang, tgt_lang)) is not None


def _country(word: str, key: str, countries: list[tuple[str, str]]) -> str | None:
    """The target-language name of the country ``word`` names: by its source-language name
    (Беларуси: Belarus) or as a transliteration of the target-language one, key for key
    (Кыргызстана, ``krgzstn``: Kyrgyzstan)."""
    lowered = word.lower()
    for stem, name in countries:  # longest stems first
        if lowered.startswith(stem) and len(lowered) <= len(stem) + 3:
            return name
    if len(key) >= 5:  # the same consonants, five or more (not Англии / Angola)
        for name, name_key_ in _country_keys(tuple(name for _, name in countries)):
            if key == name_key_:
                return name
    return None


@lru_cache(maxsize=32)
def _country_keys(names: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(name, name_key(skeleton))
            for name, skeleton in zip(sorted(set(names)), latin_skeletons(sorted(set(names))))]


@lru_cache(maxsize=32)
def _country_names(src_lang: str, tgt_lang: str) -> list[tuple[str, str]]:
    """``(stem of the source-language name, target-language name)`` of every country with
    a one-word name in both languages, from CLDR through Babel (none without Babel or
    without data for either language). The stem drops a final vowel or soft sign, so that
    case forms meet (Беларусь → беларус: Беларуси; Литва → литв: Литве)."""
    try:
        from babel import Locale

        source = Locale.parse(src_lang.replace("-", "_")).territories
        target = Locale.parse(tgt_lang.replace("-", "_")).territories
    except Exception:  # Babel absent, or no CLDR data for a language: no country names
        return []
    pairs = []
    for code, name in source.items():
        other = target.get(code)
        if not (isinstance(code, str) and code.isalpha() and other) or " " in name + other:
            continue
        lowered = name.lower()
        stem = lowered[:-1] if lowered[-1] in "aeiouyаеёиоуыэюяьй" else lowered
        if len(stem) >= 4:
            pairs.append((stem, other))
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def _shown(names: list[str]) -> str:
    return ", ".join(names[:6]) + (" …" if len(names) > 6 else "")
