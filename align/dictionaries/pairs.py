"""Word pairs: a dictionary's headwords and translations as stems the lexicon signal meets.

Both sides are stemmed by :mod:`align.stemming` for their language, exactly as the
signal stems text, so ``кошкой`` in a text finds the dictionary's ``кошка``. A
translation phrase of several words (``животное семейства кошачьих``) pairs each of its
words with the headword at a share of the weight (1/3 each), so a long explanation
weighs no more than a one-word translation; longer phrases are definitions, not
translations, and are left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from align.language import base_language, language_scripts, script_of
from align.stemming import letter_runs, normalise, stemmer_for

MAX_PHRASE_WORDS = 3
HUB_PARTNERS = 200
"""A stem paired with more distinct stems than this is a hub (``в``, ``быть``, ``make``):
it is in the translations of hundreds of headwords, so it would match nearly any text.
Measured on WMT23 ru–en sentences with Mueller7: dropping hubs raises the AUC of true
against shuffled pairs from 0.90 to 0.95 and halves the shuffled pairs that score at all."""
MAX_TRANSLATIONS = 40
"""Stems kept per headword, first senses first: a word with a hundred senses (``run``,
``go``) would otherwise predict half the vocabulary of any text."""


@dataclass
class WordPairs:
    """Stemmed (source, target) pairs with a weight in (0, 1], for one language pair."""

    src_lang: str
    tgt_lang: str
    weights: dict[tuple[str, str], float] = field(default_factory=dict)

    def add(self, src: str, tgt: str, weight: float) -> None:
        """Keep the pair at the highest weight it is given."""
        key = (src, tgt)
        if weight > self.weights.get(key, 0.0):
            self.weights[key] = weight

    def inverted(self) -> "WordPairs":
        """The same pairs read the other way (an en→ru dictionary serves ru→en)."""
        return WordPairs(self.tgt_lang, self.src_lang,
                         {(tgt, src): weight for (src, tgt), weight in self.weights.items()})

    def merge(self, other: "WordPairs") -> None:
        """Add another source's pairs of the same language pair (highest weight wins)."""
        weights = self.weights  # add()'s rule inlined: a dictionary has 100,000 pairs
        for key, weight in other.weights.items():
            if weight > weights.get(key, 0.0):
                weights[key] = weight

    def without_hubs(self, limit: int = HUB_PARTNERS) -> "WordPairs":
        """The pairs whose stems both have at most ``limit`` partners (see
        :data:`HUB_PARTNERS`)."""
        partners: Counter[tuple[int, str]] = Counter()
        for src, tgt in self.weights:
            partners[0, src] += 1
            partners[1, tgt] += 1
        return WordPairs(self.src_lang, self.tgt_lang, {
            (src, tgt): weight for (src, tgt), weight in self.weights.items()
            if partners[0, src] <= limit and partners[1, tgt] <= limit})

    def __len__(self) -> int:
        return len(self.weights)


class PairBuilder:
    """Turns (headword, translation phrases) into stemmed :class:`WordPairs`."""

    def __init__(self, src_lang: str, tgt_lang: str) -> None:
        self.pairs = WordPairs(base_language(src_lang), base_language(tgt_lang))
        self._src_stem = stemmer_for(src_lang)
        self._tgt_stem = stemmer_for(tgt_lang)
        self._tgt_scripts = language_scripts(tgt_lang)
        self._letter_in_script: dict[str, bool] = {}
        self._word_in_script: dict[str, bool] = {}  # words and letters repeat: looked up once

    def _is_target(self, word: str) -> bool:
        known = self._word_in_script.get(word)
        if known is None:
            letters = self._letter_in_script
            for letter in set(word).difference(letters):
                letters[letter] = script_of(letter) in self._tgt_scripts
            known = self._word_in_script[word] = all(letters[letter] for letter in word)
        return known

    def _target_words(self, phrase: str) -> list[str]:
        """The words of a normalised phrase if it is a translation: all its letters in
        the target language's script (a Latin word in a Russian translation is an
        example), and no more than :data:`MAX_PHRASE_WORDS` words."""
        words = letter_runs(phrase)
        if len(words) > MAX_PHRASE_WORDS:
            return []
        if self._tgt_scripts is not None and not all(map(self._is_target, words)):
            return []
        return words

    def add(self, headword: str, phrases: Iterable[str], weight: float = 1.0) -> None:
        """Pair a one-word headword with the words of its translations (``weight``: how
        much the source trusts them, 1 for a dictionary)."""
        head = letter_runs(normalise(headword))
        if len(head) != 1:
            return  # phrases and empty headwords say nothing about one word
        src = self._src_stem(head)[0]
        # one normalising and one stemmer call per entry, not per phrase: 46,000 entries
        translations = [words for phrase in normalise("\n".join(phrases)).split("\n")
                        if (words := self._target_words(phrase))]
        stemmed = self._tgt_stem([word for words in translations for word in words])
        kept: set[str] = set()
        start = 0
        for words in translations:
            share = weight / len(words)
            for tgt in stemmed[start:start + len(words)]:
                if tgt in kept or len(kept) < MAX_TRANSLATIONS:
                    kept.add(tgt)
                    self.pairs.add(src, tgt, share)
            start += len(words)
