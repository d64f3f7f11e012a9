"""Words as the lexicon knows them: a Snowball stemmer per language, the letter cut
without one, and the normalising that lets dictionaries and texts meet."""

from __future__ import annotations

import pytest

from align.stemming import CUT, has_stemmer, normal_words, stems


def test_russian_case_endings_meet_in_one_stem() -> None:
    forms = stems("кошка кошки кошкой кошке", "ru")
    assert len(set(forms)) == 1
    assert stems("Дома домами", "ru") == ["дом", "дом"]


def test_english_german_and_french_are_stemmed_by_their_own_rules() -> None:
    assert stems("houses running", "en") == ["hous", "run"]
    assert stems("Häuser Hauses", "de")[0] == stems("Häuser Hauses", "de")[1]
    assert stems("maisons maison", "fr") == ["maison", "maison"]


def test_a_region_code_uses_the_language_s_stemmer() -> None:
    assert stems("running cats", "en-GB") == stems("running cats", "en")


def test_stress_marks_and_yo_do_not_keep_words_apart() -> None:
    assert stems("разложи́ться", "ru") == stems("разложиться", "ru")
    assert stems("ёлка", "ru") == stems("елка", "ru")


def test_accented_letters_of_other_languages_stay() -> None:
    assert normal_words("Été ѓавол й") == ["été", "ѓавол", "й"]


def test_a_language_without_a_stemmer_is_cut_to_its_first_letters() -> None:
    assert not has_stemmer("uk")
    assert has_stemmer("ru")
    assert stems("Кішками, кішка", "uk") == ["кішка", "кішка"]
    assert all(len(stem) <= CUT for stem in stems("незалежності держава", "uk"))


@pytest.mark.parametrize("lang", [None, "xx"])
def test_an_unknown_or_missing_language_falls_back_to_the_cut(lang) -> None:
    assert stems("Elephants", lang) == ["eleph"]


def test_numbers_and_punctuation_are_not_words() -> None:
    assert stems("В 2022 году — 5%!", "ru") == ["в", "год"]
    assert stems("", "ru") == []


@pytest.mark.parametrize("lang", ["ru", "uk", None])
def test_stems_of_many_texts_are_each_texts_stems(lang) -> None:
    """Stemmed a distinct word form at a time over the joined texts, as :func:`stems`
    stems each text: also a text with a line break of its own, an empty one, and a final
    sigma at a text's end."""
    from align.stemming import stems_of_texts

    texts = ["Кошки и кошка, КОШКОЙ.", "", "Разложи́ться ёлка\nи ель", "ΟΔΟΣ", "123 — 4",
             "кошки"]
    for given in (texts, [text.replace("\n", " ") for text in texts], [], [""]):
        distinct, words, lengths = stems_of_texts(given, lang)
        assert len(distinct) == len(set(distinct))
        found, at = [], 0
        for length in lengths:
            found.append([distinct[k] for k in words[at:at + length]])
            at += length
        assert found == [stems(text, lang) for text in given]
