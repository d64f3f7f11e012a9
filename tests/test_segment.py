"""Sentence splitting: the Moses rules, and the breaks informal text makes."""

from __future__ import annotations

import pytest

from align.segment import split_sentences


@pytest.mark.parametrize("text, lang, expected", [
    ("Отличный салон!👍 Мастер Нахида сделала стрижку.", "ru",
     ["Отличный салон!👍", "Мастер Нахида сделала стрижку."]),
    ("А ещё привезут чистенького) вообще сказка 🥰 Благодарим за заботу.", "ru",
     ["А ещё привезут чистенького)", "вообще сказка 🥰", "Благодарим за заботу."]),
    ("Работает сомелье. он помог с выбором вина.", "ru",
     ["Работает сомелье.", "он помог с выбором вина."]),
    ("у них доставка ))) когда сказала что откажусь", "ru",
     ["у них доставка )))", "когда сказала что откажусь"]),
    ("типа и так сойдёт ! грузить отказались совсем", "ru",
     ["типа и так сойдёт !", "грузить отказались совсем"]),
    ("she's doing great :) We go to Valeria every week.", "en",
     ["she's doing great :)", "We go to Valeria every week."]),
])
def test_informal_text_is_split_where_its_sentences_end(text: str, lang: str,
                                                        expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("Это стоит 5 млрд. долларов, по данным (см. выше) Минфина.", "ru"),  # no vowel; opened
    ("Он сказал (и это важно) что всё кончено.", "ru"),  # the bracket closes one opened
    ("Пункты: 1) первый пункт 2) второй пункт.", "ru"),  # a number's bracket
    ("Love it 👍 lovely place to stay.", "en"),  # an emoji before a lower-case word
    ("Он крикнул «Стой!» и побежал.", "ru"),
])
def test_abbreviations_brackets_and_lists_are_not_sentence_ends(text: str, lang: str) -> None:
    assert split_sentences(text, lang) == [text]


def test_the_text_is_kept_as_written() -> None:
    text = "Отличный салон!👍  Мастер\u00a0Нахида сделала стрижку."
    assert " ".join(split_sentences(text, "ru")) == text.replace("!👍  ", "!👍 ")


@pytest.mark.parametrize("text, expected", [
    ("Глава г.о.\u00a0Серпухов совершил объезд. Затем он уехал.",
     ["Глава г.о.\u00a0Серпухов совершил объезд.", "Затем он уехал."]),
    ("Жители с.п. Ивановское довольны.", ["Жители с.п. Ивановское довольны."]),
    ("Мы купили хлеб и т.д. Потом пошли домой.",  # "т.д." does end a sentence
     ["Мы купили хлеб и т.д.", "Потом пошли домой."]),
])
def test_a_letter_abbreviation_before_a_name_is_not_a_sentence_end(
        text: str, expected: list[str]) -> None:
    assert split_sentences(text, "ru") == expected


def test_a_full_stop_with_no_space_after_it_ends_a_sentence_but_not_a_name() -> None:
    assert split_sentences("Всем советую, не ошибетесь в выборе.Самое лучшее заведение.",
                           "ru") == ["Всем советую, не ошибетесь в выборе.",
                                     "Самое лучшее заведение."]
    for name in ("Заказ через Яндекс.Такси удобен всем нам.",
                 "Новости читаю на lenta.ru каждый день."):
        assert split_sentences(name, "ru") == [name]
