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
transliteration and is not flagged.
"""

from __future__ import annotations

import re
from typing import Sequence

from align.check import Flag
from align.model import Alignment
from align.signals.anchors import capitalised_words, month_of
from align.signals.translit import latin_skeletons

NOUNS_CAPITALISED = frozenset({"de", "lb"})
"""Languages that capitalise every noun: capitals say nothing about names there."""

NOT_NAMES: dict[str, frozenset[str]] = {
    "en": frozenset("monday tuesday wednesday thursday friday saturday sunday".split()),
}
"""Per language, capitalised words that are not names (months come from the anchors)."""

_SENTENCE_END = set(".!?…:;\"'«»“”„‘’([{—–-•*")
_WORD = re.compile(r"[^\W\d_]{2,}")
_VOWELS = set("aeiouy")
_KEY_RULES = (("tsch", "ch"), ("tch", "ch"), ("sch", "sh"), ("dzh", "J"), ("dj", "J"),
              ("chr", "kr"), ("ck", "k"), ("ph", "f"), ("th", "t"), ("rh", "r"), ("gh", "g"),
              ("kh", "h"), ("ts", "c"), ("tz", "c"), ("x", "ks"), ("w", "v"), ("q", "k"))
"""Spelling variants made equal, in order (Klitschko / Klichko, Schmidt / Shmidt …)."""


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in _SENTENCE_END


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


def name_candidates(texts: Sequence[str], lang: str) -> list[list[str]]:
    """Per text, the words that look like proper names, in order (see the module text).

    A capitalised word at a sentence start counts only if the document also has it (its
    first five letters) capitalised inside a sentence and never in lower case.
    """
    base = lang.split("-")[0].lower()
    if base in NOUNS_CAPITALISED:
        return [[] for _ in texts]
    not_names = NOT_NAMES.get(base, frozenset())
    lower = {word.lower() for text in texts for word in _WORD.findall(text)
             if word[0].islower()}
    found: list[list[tuple[str, bool]]] = []
    inside: set[str] = set()
    for text in texts:
        words = []
        for match in capitalised_words(text):
            word = match.group()
            if word.isupper() or word.lower() in lower or word.lower() in not_names:
                continue
            if month_of(word) is not None:
                continue
            initial = _starts_sentence(text, match.start())
            if not initial:
                inside.add(word.lower()[:5])
            words.append((word, initial))
        found.append(words)
    return [[word for word, initial in words if not initial or word.lower()[:5] in inside]
            for words in found]


def _strong(a: str, b: str) -> bool:
    """Keys that agree over at least four letters: a proof, not a hint, of the same name."""
    return keys_meet(a, b) and min(len(a), len(b)) >= 4 or a == b


def name_flags(alignment: Alignment) -> list[Flag]:
    """One flag per two-sided link naming the source names the target lacks.

    A warning when the target spells the name elsewhere (the translator transliterates it,
    so here it is missing or misspelt); only info when the target has it nowhere, as it
    may be translated rather than transliterated (Литва → Lithuania, Исламской → Islamic).
    """
    links = [(index, link) for index, link in enumerate(alignment.links) if link.two_sided]
    source_texts = [alignment.source_text(link) for _, link in links]
    candidates = name_candidates(source_texts, alignment.source.lang)
    link_keys = [{name_key(s) for s in latin_skeletons(_WORD.findall(alignment.target_text(link)))}
                 for _, link in links]
    document_keys = set().union(*link_keys) if link_keys else set()
    flags = []
    for (index, _), names, target_keys in zip(links, candidates, link_keys):
        elsewhere: list[str] = []
        nowhere: list[str] = []
        for name, skeleton in zip(names, latin_skeletons(names)):
            key = name_key(skeleton)
            if name in elsewhere or name in nowhere or any(keys_meet(key, other)
                                                           for other in target_keys):
                continue
            strong = len(key) >= 3 and any(_strong(key, other) for other in document_keys)
            (elsewhere if strong else nowhere).append(name)
        if elsewhere:
            flags.append(Flag(index, "names", "warning",
                              f"not found in the target here, though it has them elsewhere: "
                              f"{_shown(elsewhere)}"))
        if nowhere:
            flags.append(Flag(index, "names", "info",
                              f"not found in the target (translated rather than "
                              f"transliterated?): {_shown(nowhere)}"))
    return flags


def _shown(names: list[str]) -> str:
    return ", ".join(names[:6]) + (" …" if len(names) > 6 else "")
