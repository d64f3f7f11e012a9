"""Script and language detection: short texts written for these tests, no model."""

from __future__ import annotations

import pytest

from align.language import (LanguageCodeError, detect_language, language_code_problem,
                            parse_language_code, script_of)

SENTENCES = {
    "ru": "Вчера в Москве прошёл митинг. Полиция задержала десятки человек, которые вышли "
          "на улицы, и это вызвало возмущение.",
    "uk": "Вчора в Києві відбувся мітинг. Поліція затримала десятки людей, які вийшли на "
          "вулиці, і це викликало обурення.",
    "be": "Учора ў Мінску адбыўся мітынг. Міліцыя затрымала дзясяткі людзей, якія выйшлі "
          "на вуліцы.",
    "bg": "Вчера в София се проведе митинг. Полицията задържа десетки хора, които излязоха "
          "по улиците, и това предизвика възмущение.",
    "sr": "Јуче је у Београду одржан митинг. Полиција је ухапсила десетине људи који су "
          "изашли на улице.",
    "mk": "Вчера во Скопје се одржа митинг. Полицијата уапси десетици луѓе кои излегоа на "
          "улиците.",
    "en": "Yesterday a rally took place in Moscow. The police detained dozens of people who "
          "came out onto the streets, and this caused outrage.",
    "de": "Gestern fand in Moskau eine Kundgebung statt. Die Polizei nahm Dutzende Menschen "
          "fest, die auf die Straße gegangen waren.",
    "fr": "Hier, un rassemblement a eu lieu à Moscou. La police a arrêté des dizaines de "
          "personnes qui étaient descendues dans la rue.",
    "es": "Ayer se celebró una manifestación en Moscú. La policía detuvo a decenas de "
          "personas que salieron a las calles.",
    "it": "Ieri si è svolta una manifestazione a Mosca. La polizia ha arrestato decine di "
          "persone che erano scese in piazza.",
    "pl": "Wczoraj w Moskwie odbył się wiec. Policja zatrzymała dziesiątki osób, które "
          "wyszły na ulice.",
    "cs": "Včera se v Moskvě konalo shromáždění. Policie zadržela desítky lidí, kteří vyšli "
          "do ulic.",
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_detects_language(lang: str) -> None:
    assert detect_language(SENTENCES[lang]) == lang


def test_russian_with_ukrainian_place_names_stays_russian() -> None:
    text = ("Жители Київа и Запоріжжя рассказали, что в городе снова отключили свет. "
            "Власти обещают, что это ненадолго, но им никто не верит.")
    assert detect_language(text) == "ru"


@pytest.mark.parametrize("text", ["", "Привет", "Hello world", "12 345 678", "Да, нет"])
def test_too_little_text_is_unsure(text: str) -> None:
    assert detect_language(text) is None


def test_latin_words_of_no_known_language_are_unsure() -> None:
    assert detect_language("Xylo quarp zint blomf") is None


@pytest.mark.parametrize("text, lang", [
    ("Χθες πραγματοποιήθηκε συγκέντρωση στη Μόσχα.", "el"),
    ("Երեկ Մոսկվայում հանրահավաք է տեղի ունեցել։", "hy"),
    ("გუშინ მოსკოვში მიტინგი გაიმართა.", "ka"),
    ("昨日モスクワで集会が開かれました。", "ja"),
    ("昨天在莫斯科举行了集会。", "zh"),
    ("어제 모스크바에서 집회가 열렸습니다.", "ko"),
    ("אתמול התקיימה הפגנה במוסקבה הגדולה.", "he"),
])
def test_script_decides_for_single_language_scripts(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text, script", [
    ("Привет, мир", "Cyrl"),
    ("Hello, world", "Latn"),
    ("Grüße, Zürich", "Latn"),
    ("Москва (Moscow) — столица", "Cyrl"),
    ("Αθήνα", "Grek"),
    ("東京です", "Jpan"),
    ("北京", "Hani"),
    ("서울", "Hang"),
    ("123 — 456!", "Zyyy"),
])
def test_script_of(text: str, script: str) -> None:
    assert script_of(text) == script


def test_a_text_half_in_another_script_is_no_confident_language() -> None:
    """A "translation" that left half its paragraphs in the original (real in WMT23) is
    not plainly Russian: a person's label for it must stand."""
    from align.language import detect_language_confidently

    russian = ("Врач рассказала о продуктах питания и привычках, которые мешают здоровому "
               "сну, и о том, почему их лучше избегать вечером перед сном. ") * 3
    english = ("The doctor spoke about the foods and habits that stand in the way of "
               "healthy sleep, and why they are best avoided in the evening. ") * 3
    assert detect_language_confidently(russian) == "ru"
    assert detect_language_confidently(russian + english) is None


# ---------------------------------------------------------------------------- reading a code
@pytest.mark.parametrize("given, code", [
    ("ru", "ru"), ("EN", "en"), ("ru_RU", "ru-RU"), ("en-gb", "en-GB"), ("sr-latn", "sr-Latn"),
    ("zh_Hant_TW", "zh-Hant-TW"), ("es-419", "es-419"), ("de-CH-1996", "de-CH-1996"),
    ("rus", "ru"), ("GER", "de"), ("iw", "he"), ("zh-yue", "yue"), ("kpv", "kpv"),
    ("en-US-u-ca-gregory", "en-US-u-ca-gregory"), ("ru-RU-x-Site", "ru-RU-x-site"),
    (" uk ", "uk"),
])
def test_codes_are_read_in_their_bcp47_spelling(given: str, code: str) -> None:
    assert parse_language_code(given) == code


@pytest.mark.parametrize("given, named", [
    ("xx", "'xx' is no known language"), ("zz-ZZ", "'zz' is no known language"),
    ("russian", "not a language code"), ("", "not a language code"),
    ("ru RU", "not a language code"), ("рус", "not a language code"),
    ("ru-", "not a language code"), ("ru-Abcd", "'Abcd' is no known script"),
    ("ru-123", "'123' is no known region"), ("en-GB-nosuchv", "'nosuchv' is no known subtag"),
    ("en-x", "'x' must be followed"), ("zh-qqq", "'qqq' is no known language"),
])
def test_bad_codes_are_refused_in_one_line_naming_the_part(given: str, named: str) -> None:
    with pytest.raises(LanguageCodeError) as caught:
        parse_language_code(given)
    message = str(caught.value)
    assert named in message and "\n" not in message
    assert language_code_problem(given) == message


def test_a_reader_that_keeps_the_code_as_written_is_told_the_spelling_to_write() -> None:
    assert language_code_problem("ru-RU") is None and language_code_problem("RU") is None
    assert "written ru-RU" in language_code_problem("ru_RU")
    assert "written ru" in language_code_problem("rus")


def test_the_languages_sverka_knows_itself_are_all_registered() -> None:
    """A bare code of a language sverka detects is accepted without reading the registry:
    that shortcut must accept nothing the registry would refuse or spell otherwise."""
    from align import language, language_registry

    registry = language_registry.registry()
    known = sorted(language._SCRIPTS_OF)
    assert len(known) > 50
    assert [code for code in known if code not in registry.languages
            or code in registry.aliases] == []


def test_the_registry_reader_expands_ranges_and_keeps_preferred_values() -> None:
    from align.language_registry import build_registry

    text = ("File-Date: 2024-01-01\n%%\nType: language\nSubtag: qaa..qab\nDescription: "
            "Private use\n%%\nType: language\nSubtag: iw\nDescription: Hebrew\n"
            "Preferred-Value: he\n%%\nType: region\nSubtag: RU\nDescription: Russian\n"
            "  Federation\n")
    registry = build_registry(text, {"rus": "ru", "deu": "de"})
    assert {"qaa", "qab", "iw"} <= registry.languages and "qac" not in registry.languages
    assert registry.regions == {"RU"}
    assert registry.aliases == {"iw": "he", "rus": "ru", "deu": "de"}
