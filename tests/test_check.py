"""``align.check``: each flag fires on a text written to have the defect, and stays quiet on
one written without it; the ``check`` command's formats and exit statuses."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.check import CODES, Flag, at_least, check_alignment
from align.check.names import name_candidates
from align.cli import main
from align.model import Alignment, Document, Link, Segment

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "corpora" / "podrabinek-2022-01-10"
TEXTS = Path(__file__).parent / "texts"

FILLER_RU = "Об этом сообщили в пресс-службе городской администрации во вторник вечером."
FILLER_EN = "The city administration's press office said so on Tuesday evening."


def pair(*rows: tuple[str | None, str | None], src_lang: str = "ru", tgt_lang: str = "en",
         scores: tuple[float, ...] = (), statuses: tuple[str, ...] = (),
         kinds: dict[int, str] | None = None) -> Alignment:
    """An alignment of one link per row; ``None`` on a side makes it one-sided."""
    kinds = kinds or {}
    src, tgt, links = [], [], []
    for number, (s, t) in enumerate(rows):
        src_index = (len(src),) if s is not None else ()
        tgt_index = (len(tgt),) if t is not None else ()
        if s is not None:
            src.append(Segment(s, kinds.get(number, "body")))
        if t is not None:
            tgt.append(Segment(t, kinds.get(number, "body")))
        score = scores[number] if number < len(scores) else 0.9
        status = statuses[number] if number < len(statuses) else "auto"
        links.append(Link(src_index, tgt_index, score, status))
    return Alignment(Document(src_lang, tuple(src)), Document(tgt_lang, tuple(tgt)), tuple(links))


def codes_at(alignment: Alignment, link: int, code: str | None = None) -> list[Flag]:
    return [flag for flag in check_alignment(alignment)
            if flag.link == link and (code is None or flag.code == code)]


# ------------------------------------------------------------------ omission, addition

def test_omission_of_body_text_is_an_error_and_of_a_caption_only_info() -> None:
    alignment = pair((FILLER_RU, FILLER_EN), ("Президент подписал указ.", None),
                     ("Фото: пресс-служба", None), kinds={2: "caption"})
    assert [(f.code, f.severity) for f in codes_at(alignment, 1)] == [("omission", "error")]
    assert [(f.code, f.severity) for f in codes_at(alignment, 2)] == [("omission", "info")]
    assert codes_at(alignment, 0) == []


def test_addition_is_a_warning() -> None:
    alignment = pair((FILLER_RU, FILLER_EN), (None, "The minister also resigned last week."))
    assert [(f.code, f.severity) for f in codes_at(alignment, 1)] == [("addition", "warning")]
    assert codes_at(alignment, 0) == []


# ------------------------------------------------------------------ omissions inside links

NEWS_RU = ["В понедельник мэр Новосибирска Анатолий Локоть открыл новый мост через Обь. "
           "Строительство заняло 4 года и обошлось в 12 млрд рублей. По мосту каждый день "
           "будут проезжать 60 тысяч машин. Следующий мост начнут строить в 2025 году.",
           "Мост назвали в честь инженера Николая Бугрова, который в 1955 году построил первый "
           "мост через Обь.",
           "На открытие пришли около 3 тысяч жителей города. Многие из них приехали с детьми.",
           "Губернатор Андрей Травников поблагодарил строителей и вручил награды 25 рабочим.",
           "В 2024 году в городе откроют еще две станции метро."]
NEWS_EN = ["On Monday Novosibirsk mayor Anatoly Lokot opened a new bridge over the Ob. "
           "Construction took 4 years and cost 12 billion roubles. Every day 60,000 cars will "
           "cross the bridge. Construction of the next bridge will begin in 2025.",
           "The bridge was named after the engineer Nikolai Bugrov, who built the first bridge "
           "over the Ob in 1955.",
           "About 3,000 residents of the city came to the opening. Many of them came with their "
           "children.",
           "Governor Andrei Travnikov thanked the builders and gave awards to 25 workers.",
           "In 2024, two more metro stations will open in the city."]


def paragraphs(source: list[str], target: list[str], links: list[Link] | None = None,
               level: str = "paragraph") -> Alignment:
    """Paragraphs (or sentences) linked one to one at 0.99, unless ``links`` are given."""
    links = links or [Link((k,), (k,), 0.99) for k in range(len(source))]
    return Alignment(Document("ru", tuple(Segment(t) for t in source)),
                     Document("en", tuple(Segment(t) for t in target)), tuple(links),
                     {"level": level})


def omissions(alignment: Alignment) -> list[Flag]:
    return [f for f in check_alignment(alignment) if f.code == "omission"]


@pytest.mark.parametrize("dropped, quoted", [
    ("Construction took 4 years and cost 12 billion roubles.", "Строительство заняло 4 года"),
    ("Every day 60,000 cars will cross the bridge.", "По мосту каждый день"),
    ("Construction of the next bridge will begin in 2025.", "Следующий мост начнут"),
])
def test_a_sentence_dropped_inside_a_confident_paragraph_link_is_an_omission(
        dropped: str, quoted: str) -> None:
    assert omissions(paragraphs(NEWS_RU, NEWS_EN)) == []
    target = [NEWS_EN[0].replace(" " + dropped, ""), *NEWS_EN[1:]]
    flags = omissions(paragraphs(NEWS_RU, target))
    assert [(f.link, f.severity) for f in flags] == [(0, "error")], flags
    assert quoted in flags[0].message and "paragraph 1" in flags[0].message


def test_at_sentence_level_a_sentence_glued_into_a_confident_merge_is_an_omission() -> None:
    from align.segment import split_sentences

    source = [s for text in NEWS_RU for s in split_sentences(text, "ru")]
    target = [s for text in NEWS_EN for s in split_sentences(text, "en")]
    del target[1]  # "Construction took 4 years …", glued to the next sentence at 0.95
    links = [Link((0,), (0,), 0.99), Link((1, 2), (1,), 0.95),
             *[Link((k,), (k - 1,), 0.99) for k in range(3, len(source))]]
    flags = omissions(paragraphs(source, target, links, level="sentence"))
    assert [(f.link, f.severity) for f in flags] == [(1, "error")], flags
    assert "Строительство заняло 4 года" in flags[0].message
    # the same merge with a target that translates both parts is no error (a real merge
    # this much shorter than the document's ratio predicts is worth a look: a warning)
    whole = [s for text in NEWS_EN for s in split_sentences(text, "en")]
    whole[1:3] = [whole[1] + " " + whole[2]]
    assert [f.severity for f in omissions(paragraphs(source, whole, links,
                                                     level="sentence"))] in ([], ["warning"])


def test_without_a_dictionary_the_omission_stays_where_the_aligner_left_it() -> None:
    """On chrF alone sentences of one topic pair up too easily to move an omission."""
    source = ["Фоторепортаж Елены Ивановой: мосту быть!", *NEWS_RU]
    target = ["Photo report by Elena Ivanova: let there be a bridge!", *NEWS_EN[1:]]
    links = [Link((0,), (), 0.45), Link((1,), (0,), 0.45),
             *[Link((k,), (k - 1,), 0.99) for k in range(2, len(source))]]
    flags = omissions(paragraphs(source, target, links))
    assert [(f.link, f.severity) for f in flags] == [(0, "error")], flags


@pytest.mark.system_dictionaries
def test_a_shift_around_a_paragraph_dropped_after_the_title_is_undone(tmp_path,
                                                                      monkeypatch) -> None:
    """With the installed English–Russian dictionary (mueller7-dict)."""
    from align.dictionaries.discovery import SYSTEM_DIR

    if not (Path(SYSTEM_DIR) / "mueller7.index").is_file():
        pytest.skip(f"no {SYSTEM_DIR}/mueller7.index: apt-get install mueller7-dict")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = ["Фоторепортаж Елены Ивановой: мосту быть!", *NEWS_RU]
    target = ["Photo report by Elena Ivanova: let there be a bridge!", *NEWS_EN[1:]]
    # the aligner's shift: the title left unpaired, its paragraph paired with the title
    links = [Link((0,), (), 0.45), Link((1,), (0,), 0.45),
             *[Link((k,), (k - 1,), 0.99) for k in range(2, len(source))]]
    flags = omissions(paragraphs(source, target, links))
    assert [(f.link, f.severity) for f in flags] == [(0, "info"), (1, "error")], flags
    assert "source paragraph 2 has no translation" in flags[1].message
    assert "В понедельник мэр" in flags[1].message and "shifted" in flags[0].message
    # the aligner sure of its one-sided link: its flag stands
    sure = [Link((0,), (), 0.95), *links[1:]]
    assert [(f.link, f.severity) for f in omissions(paragraphs(source, target, sure))] == [
        (0, "error")]


NEWS_EN_DROPPED = [NEWS_EN[0].replace(" Every day 60,000 cars will cross the bridge.", ""),
                   *NEWS_EN[1:]]


def test_check_finds_the_sentence_links_the_aligner_finds_in_each_window() -> None:
    """``check`` searches sentence links its own, cheaper way (priced in batches, best
    path only, kept between checks): the links must be those of ``sentences_within``, in
    windows of several paragraph links too."""
    from align.aligner import sentences_within
    from align.check.sentences import _coarse, _realigner_for, _settings, _windows
    from align.segment import split_sentences

    source = ["Фоторепортаж Елены Ивановой: мосту быть!", *NEWS_RU]
    target = NEWS_EN_DROPPED
    # an unsure run (links 0 to 3, the title's left unpaired) and sure links after it
    links = [Link((0,), (), 0.45), Link((1,), (0,), 0.5), Link((2,), (1,), 0.6),
             *[Link((k,), (k - 1,), 0.99) for k in range(3, len(source))]]
    alignment = paragraphs(source, target, links)
    coarse = _coarse(alignment, _windows(alignment))
    assert len(coarse.links) < len(links)
    settings = _settings("ru", "en")
    found = _realigner_for(alignment, settings).realign(coarse)
    expected = sentences_within(coarse, [split_sentences(t, "ru") for t in source],
                                [split_sentences(t, "en") for t in target], settings)
    assert [(link.src, link.tgt) for link in found.links] == [
        (link.src, link.tgt) for link in expected.links]
    assert found.source == expected.source and found.target == expected.target
    assert any(len(link.src) > 1 for link in found.links)  # not only one-to-one paths


def test_a_recheck_after_an_edit_searches_only_the_changed_windows(monkeypatch) -> None:
    from align.check import sentences

    searched: list[int] = []
    search = sentences._Realigner._search

    def counting(self, spans):
        searched.append(len(spans))
        return search(self, spans)

    monkeypatch.setattr(sentences._Realigner, "_search", counting)
    monkeypatch.setattr(sentences, "_REALIGNER", None)
    alignment = paragraphs(NEWS_RU, NEWS_EN_DROPPED)
    flags = omissions(alignment)
    assert [(f.link, f.severity) for f in flags] == [(0, "error")]
    # a person merges links 2 and 3: only that window is searched again
    merged = Link((2, 3), (2, 3), 1.0, "edited")
    edited = alignment.with_links([*alignment.links[:2], merged, alignment.links[4]])
    again = omissions(edited)
    assert searched == [5, 1]
    # what was kept gives what a check from nothing gives
    monkeypatch.setattr(sentences, "_REALIGNER", None)
    monkeypatch.setattr(sentences, "_SCORING", None)
    assert omissions(edited) == again == flags
    # new texts are searched afresh: the sentence put back is no omission
    assert omissions(paragraphs(NEWS_RU, NEWS_EN)) == []
    assert searched[-1] == 5


@pytest.mark.parametrize("chance, warned", [(0.3, True), (0.1, False)])
def test_a_linked_sentence_the_search_often_leaves_unpaired_is_a_warning(
        monkeypatch, chance: float, warned: bool) -> None:
    """A dropped sentence the best path pairs with a neighbour's translation (every link
    after it shifted by one) shows in how often the other paths leave it out."""
    import numpy as np

    from align.check import sentences

    monkeypatch.setattr(sentences, "_REALIGNER", None)
    assert omissions(paragraphs(NEWS_RU, NEWS_EN)) == []
    unpaired_chances = sentences._Realigner.unpaired_chances

    def doubting(self, coarse):
        chances, span_of = unpaired_chances(self, coarse)
        chances = np.array(chances)
        chances[1] = chance  # "Строительство заняло 4 года…", linked
        return chances, span_of

    monkeypatch.setattr(sentences._Realigner, "unpaired_chances", doubting)
    flags = omissions(paragraphs(NEWS_RU, NEWS_EN))
    if not warned:
        assert flags == []
        return
    assert [(f.link, f.severity) for f in flags] == [(0, "warning")]
    assert "may have no translation" in flags[0].message
    assert "Строительство заняло 4 года" in flags[0].message


def test_texts_that_are_no_translation_get_one_error_not_a_flag_per_link(tmp_path, capsys
                                                                       ) -> None:
    from align.aligner import FIT_KEY
    from align.project import save

    shuffled = paragraphs(NEWS_RU, NEWS_EN[::-1])
    unrelated = Alignment(shuffled.source, shuffled.target, shuffled.links, {
        "level": "paragraph", FIT_KEY: {"score": -6.0, "is_translation": False,
                                        "judged": True, "describe": "translation fit -6.0"}})
    assert len(check_alignment(paragraphs(NEWS_RU, NEWS_EN[::-1]))) > 3
    flags = check_alignment(unrelated)
    assert [(f.link, f.code, f.severity) for f in flags] == [(0, "not-a-translation", "error")]
    assert "translation fit -6.0" in flags[0].message
    project = tmp_path / "unrelated.align.json"
    save(unrelated, project)
    assert main(["check", str(project), "--format", "json", "--fail-on", "error"]) == 1
    assert [f["code"] for f in json.loads(capsys.readouterr().out)["flags"]] == [
        "not-a-translation"]


# ------------------------------------------------------------------ numbers

@pytest.mark.parametrize("ru, en", [
    ("Встреча прошла 10 января 2022 года.", "The meeting took place on 10 January 2022."),
    ("Встреча прошла 10 января 2022 года.", "The meeting took place on January 10, 2022."),
    ("Это случилось 5-го, рост составил 1,5 пункта.", "It happened on the 5th, a rise of 1.5 points."),
    ("Явка составила 30 %.", "Turnout was 30%."),
    ("Пособие получили 11 тысяч семей.", "11,000 families received the benefit."),
    ("Бюджет составил 2,5 млн рублей.", "The budget was 2.5 million roubles."),
    ("Договор подписан 10.01.2022.", "The treaty was signed on 10 January 2022."),
    ("Стыковка прошла в 3:45 по Гринвичу.", "The docking took place at 3.45 GMT."),
])
def test_numbers_written_differently_do_not_flag(ru: str, en: str) -> None:
    assert codes_at(pair((ru, en)), 0, "numbers") == []


def test_a_changed_number_is_an_error_naming_both_spellings() -> None:
    flags = codes_at(pair(("Организация создана в 1992 году.",
                           "The organisation was founded in 1993.")), 0, "numbers")
    assert len(flags) == 1 and flags[0].severity == "error"
    assert "1992" in flags[0].message and "1993" in flags[0].message


def test_a_changed_month_and_a_dropped_amount_flag() -> None:
    assert codes_at(pair(("Это было 10 января 2022 года.", "It was on 10 February 2022.")), 0,
                    "numbers")
    assert codes_at(pair(("Пострадали 250 человек, 40 госпитализированы.",
                          "250 people were hurt.")), 0, "numbers")


def test_a_changed_small_number_is_only_a_warning() -> None:
    flags = codes_at(pair(("Он приезжал 2 раза.", "He came three times.")), 0, "numbers")
    assert [f.severity for f in flags] == ["warning"]
    flags = codes_at(pair(("Он приезжал 2 раза.", "He came 3 times.")), 0, "numbers")
    assert [f.severity for f in flags] == ["warning"]


def test_a_small_number_on_one_side_only_is_info() -> None:
    flags = codes_at(pair(("Отличный отель, всем советую.", "Great hotel, 5 stars, I recommend "
                                                           "it to everyone.")), 0, "numbers")
    assert [f.severity for f in flags] == ["info"] and "5" in flags[0].message
    flags = codes_at(pair(("Отель на 40 номеров.", "A hotel with many rooms.")), 0, "numbers")
    assert [f.severity for f in flags] == ["error"]


@pytest.mark.parametrize("ru, en", [
    # professional renderings (WMT23 references, UDHR) that write numbers differently
    ("За 15 минут до назначенного времени звонит другой мастер.",
     "Fifteen minutes before our scheduled time, a different specialist calls."),
    ("Отдыхали с мужем 10 дней в январе 2023.", "We were there for ten days in January 2023."),
    ("Магазин находится на первом этаже. Часы работы с 10-00 до 22-00.",
     "The store is on the 1st floor. It's open from 10:00 a.m. to 10:00 p.m."),
    ("Начало в 18:30.", "Beginning at 6:30 P.M."),
    ("Это случилось в 00:12.", "It happened at 12:12 A.M."),
    ("Это больше, чем годом ранее, на три тысячи семей.", "This is 3000 more families."),
    ("Есть более четырехсот улиц.", "There are more than 400 streets."),
    ("Первый этап завершится пятнадцатого февраля, второй пройдет с первого марта.",
     "The first ends on February 15, the second runs from March 1."),
    ("В начале XVII в. фамилий не было.", "At the beginning of the 17th century there were none."),
    ("Во II квартале 2022 г. решение приняли.", "In Q2 2022, the decision was made."),
    ("Двадцать первого века.", "Of the 21st century."),
    ("Бомба времен Второй мировой войны.", "A WW2-era bomb."),
    ("Бронировал двухместный столик.", "I reserved a 2 person table."),
    ("За последние сутки зарегистрировано 181 ДТП.", "181 incidents were reported in the past 24 hours."),
    ("Мисс США-86 Халле Берри.", "Miss USA 1986 Halle Berry."),
    ("Он приезжал 2 раза.", "He came twice."),
    ("Это стоило два миллиона рублей.", "It cost 2 million roubles."),
    ("It cost twenty-one thousand five hundred dollars.", "Это стоило 21 500 долларов."),
])
def test_numbers_in_words_meet_digits(ru: str, en: str) -> None:
    src_lang, tgt_lang = ("en", "ru") if ru.startswith("It cost") else ("ru", "en")
    assert codes_at(pair((ru, en), src_lang=src_lang, tgt_lang=tgt_lang), 0, "numbers") == []


@pytest.mark.parametrize("ru, en, shown", [
    ("За 15 минут до назначенного времени.", "Sixteen minutes before the scheduled time.", "15"),
    ("Отдыхали 10 дней.", "We were there for eleven days.", "10"),
    ("Часы работы с 10-00 до 22-00.", "It's open from 10:00 a.m. to 11:00 p.m.", "22-00"),
    ("Магазин находится на втором этаже.", "The store is on the 1st floor.", "1st"),
    ("Более четырехсот улиц.", "More than 500 streets.", "500"),
])
def test_numbers_in_words_do_not_hide_a_changed_number(ru: str, en: str, shown: str) -> None:
    flags = codes_at(pair((ru, en)), 0, "numbers")
    assert len(flags) == 1 and shown in flags[0].message, flags


# ------------------------------------------------------------------ names

def test_transliterated_names_are_found() -> None:
    alignment = pair(("Встреча Назарбаева с Токаевым прошла в Москве, сообщил Зеленский.",
                      "The meeting of Nazarbayev and Tokayev took place in Moscow, Zelensky said."))
    assert codes_at(alignment, 0, "names") == []


def test_a_missing_name_is_flagged_as_a_warning_when_the_target_has_it_elsewhere() -> None:
    alignment = pair(("Встречу открыл Назарбаев, затем выступил Токаев.",
                      "Nazarbayev opened the meeting, then Tokayev spoke."),
                     ("Позже Назарбаев покинул зал.", "Later the former president left the hall."))
    assert codes_at(alignment, 0, "names") == []
    flags = codes_at(alignment, 1, "names")
    assert [f.severity for f in flags] == ["warning"] and "Назарбаев" in flags[0].message


def test_a_misspelt_name_is_flagged_even_when_found_nowhere() -> None:
    alignment = pair(("Заявление сделал Пашинян.", "The statement was made by Pahsinyan."))
    flags = codes_at(alignment, 0, "names")
    assert len(flags) == 1 and flags[0].severity == "warning"
    assert "Пашинян" in flags[0].message and "Pahsinyan" in flags[0].message


@pytest.mark.parametrize("ru, en, name, wrong, right", [
    ("Вчера Орлов выступил на собрании жильцов.", "Yesterday Orlyn spoke at the residents' meeting.",
     "Орлов", "Orlyn", "Orlov"),
    ("Концерт подготовила Анна Соколова.", "The concert was prepared by Anna Sokolvaa.",
     "Соколова", "Sokolvaa", "Sokolova"),
    ("Об этом рассказала Мария Кузнецова.", "Maria Kuzmetsova said this.", "Кузнецова",
     "Kuzmetsova", "Kuznetsova"),
    ("Соглашение подписала Ирина Петрова.", "The agreement was signed by Irina Petorva.",
     "Петрова", "Petorva", "Petrova"),
])
def test_a_surname_one_or_two_edits_off_is_a_warning_showing_both_spellings(
        ru: str, en: str, name: str, wrong: str, right: str) -> None:
    flags = codes_at(pair((ru, en)), 0, "names")
    assert [f.severity for f in flags] == ["warning"], flags
    assert name in flags[0].message and wrong in flags[0].message
    assert codes_at(pair((ru, en.replace(wrong, right))), 0, "names") == []


@pytest.mark.parametrize("ru, en, name, wrong", [
    # a person's -ов is -ov: the Ukrainian -iv of places is a misspelling here
    ("Голы забили Яков Рылов и Станислав Бочаров.", "Goals came from Yakov Rylov and "
     "Stanislav Bochariv.", "Бочаров", "Bochariv"),
    ("Фильм снял режиссёр Андрей Флорин.", "The film was made by director Andrei Fliriin.",
     "Флорин", "Fliriin"),  # an ii inside a name is no -ii ending
    ("Хожу к косметологу Кузнецовой Наталье.", "I go to cosmetologist Natalya Kuznetsiva.",
     "Кузнецовой", "Kuznetsiva"),  # a woman's surname before her first name
    ("Гол забил Иван Федоров.", "The goal was scored by Ivan Fyoodrov.", "Федоров",
     "Fyoodrov"),  # one slip away from Fyodorov, the usual spelling of Федоров
    ("Ходим к Валерии Плешковой.", "We go to Valeria Pleshkovaaa.", "Плешковой",
     "Pleshkovaaa"),  # a doubled vowel is no case ending
])
def test_person_names_take_no_place_spelling_and_no_inner_double_vowel(
        ru: str, en: str, name: str, wrong: str) -> None:
    flags = codes_at(pair((ru, en)), 0, "names")
    assert [f.severity for f in flags] == ["warning"], flags
    assert name in flags[0].message and wrong in flags[0].message


def test_a_misspelling_names_the_spelling_the_target_uses_elsewhere() -> None:
    alignment = pair(("Вчера Орлов выступил на собрании.", "Yesterday Orlov spoke at the meeting."),
                     ("Затем Орлов ушел.", "Then Orlyn left."))
    flags = codes_at(alignment, 1, "names")
    assert len(flags) == 1 and "Orlyn (Orlov elsewhere)" in flags[0].message


@pytest.mark.parametrize("ru, en", [
    ("Харьков и Львов получили помощь.", "Kharkiv and Lviv received aid."),
    ("Киеве прошел концерт Федорова.", "A concert by Fedorov took place in Kyiv."),
    ("Встреча Токаева с Назарбаевым.", "A meeting of Tokayev with Nazarbayev."),
    ("Тищенков и Пашинян выступили.", "Tischenkov and Pashinyan spoke."),
])
def test_transliteration_variants_are_not_misspellings(ru: str, en: str) -> None:
    assert codes_at(pair((ru, en)), 0, "names") == []


def test_a_surname_replaced_by_another_is_an_error() -> None:
    flags = codes_at(pair(("Вчера Орлов выступил на собрании жильцов.",
                           "Yesterday Popov spoke at the residents' meeting.")), 0, "names")
    assert [f.severity for f in flags] == ["error"]
    assert "Орлов" in flags[0].message and "Popov" in flags[0].message
    # a translated word in its place is no other name
    assert [f.severity for f in codes_at(pair(("Вчера Орлов выступил на собрании.",
                                               "Yesterday the chairman spoke at the meeting.")),
                                         0, "names")] == ["info"]


@pytest.mark.parametrize("source, target, name, other", [
    # a person after the title that names them: the title is translated, not the person
    ("Заявление сделала председатель Городского Совета Ирина Савельева после заседания "
     "комиссии по бюджету.",
     "The statement was made by City Council chair Irina Kondratyeva after the budget "
     "committee meeting.", "Савельева", "Kondratyeva"),
    # a quote's attribution does not start a sentence
    ('"Мост откроют в срок, работы идут по графику", - рассказал журналистам Бугров.',
     '"The bridge will open on time, the work is on schedule," Zimin told journalists.',
     "Бугров", "Zimin"),
])
def test_a_name_replaced_after_a_title_or_a_quote_is_an_error(source: str, target: str,
                                                              name: str, other: str) -> None:
    body = ("Ирина Савельева и Николай Бугров провели совещание в мэрии города.",
            "Irina Savelyeva and Nikolai Bugrov held a meeting at the city hall.")
    flags = codes_at(pair((source, target), body), 0, "names")
    assert [f.severity for f in flags] == ["error"], flags
    assert name in flags[0].message and other in flags[0].message


def test_a_name_replaced_at_the_start_of_a_sentence_is_an_error() -> None:
    """A first word is capitalised whatever it is, so it counts as another name only where
    the missing one also opened a sentence."""
    body = ("Премьер-министр Никол Пашинян направил поздравительное послание.",
            "Prime Minister Nikol Pashinyan sent a congratulatory message.")
    flags = codes_at(pair(("Пашинян направил послание президенту страны.",
                           "Veniamin sent a message to the country's president."), body),
                     0, "names")
    assert [f.severity for f in flags] == ["error"]
    assert "Пашинян" in flags[0].message and "Veniamin" in flags[0].message
    flags = codes_at(pair(("Послание президенту страны направил Пашинян.",
                           "Veniamin wrote: a message was sent to the country's president."),
                          body), 0, "names")
    assert "error" not in [f.severity for f in flags]


def test_another_name_in_the_place_of_a_surname_is_an_error_after_other_surnames() -> None:
    """The paragraph first names a film whose translated title ends as a surname does
    ("Blue Sky"): the replaced name is the one standing where Куриленко stood."""
    ru = ("На фестивале сначала показали фильмы «Голубое небо» и «Тутси», потом со сцены "
          "выступили Анна Петрова, Мария Соколова, Елена Смирнова и, что особенно приятно, "
          "наша соотечественница Ольга Куриленко.")
    en = ("The festival first showed the films Blue Sky and Tootsie, then Anna Petrova, "
          "Maria Sokolova, Elena Smirnova and, what is especially pleasant, our compatriot "
          "Olga {} spoke from the stage.")
    flags = codes_at(pair((ru, en.format("Nikitenko"))), 0, "names")
    errors = [f for f in flags if f.severity == "error"]
    assert len(errors) == 1 and "Куриленко" in errors[0].message, flags
    assert "Nikitenko" in errors[0].message
    assert not [f for f in codes_at(pair((ru, en.format("Kurylenko"))), 0, "names")
                if f.severity == "error"]


@pytest.mark.parametrize("ru, en", [
    ("Концерт прошел в Доме культуры.", "The concert took place in the House of Culture."),
    ("Выставку открыли во Дворце спорта.", "The exhibition opened at the Sports Palace."),
    ("Об этом сообщили в Министерстве обороны.", "The Ministry of Defence said so."),
])
def test_an_institution_named_by_a_common_noun_is_no_missing_name(ru: str, en: str) -> None:
    assert codes_at(pair((ru, en)), 0, "names") == []


def test_sentence_starts_months_and_acronyms_are_not_names() -> None:
    texts = ["Однако в январе США и Россия договорились. Сначала Лавров выступил.",
             "Потом они уехали."]
    assert name_candidates(texts, "ru") == [["Россия", "Лавров"], []]
    assert name_candidates(["Der Vertrag wurde in Berlin unterschrieben."], "de") == [[]]


def test_titles_adjectives_and_common_words_are_not_missing_names() -> None:
    # UDHR: the title is translated ("the United Nations"), and the target has the
    # lower-case "organ" elsewhere, which is no evidence of a transliterated name
    alignment = pair(("Государства-члены обязались содействовать в сотрудничестве с "
                      "Организацией Объединенных Наций всеобщему уважению прав человека.",
                      "Member States have pledged themselves to achieve, in co-operation "
                      "with the United Nations, the promotion of universal respect."),
                     ("Всеобщая декларация прав человека.", "Universal Declaration of Human Rights."),
                     ("Каждый имеет право на свободу, и никакой орган не может её отнять.",
                      "Everyone has the right to liberty, and no organ may take it away."),
                     ("Кремлёвский дворец принял делегацию Транснациональной корпорации.",
                      "The Kremlin Palace hosted the delegation of the transnational corporation."),
                     ("Встречу открыл Председатель Совета директоров.",
                      "The meeting was opened by the Chairman of the Board of Directors."))
    assert [f for f in check_alignment(alignment, codes=["names"])] == []


def test_a_real_missing_name_beside_a_title_is_still_reported() -> None:
    alignment = pair(("Премьер Франции Элизабет Борн представила реформу.",
                      "French Prime Minister Elisabeth Bonre presented the reform."))
    flags = codes_at(alignment, 0, "names")
    assert len(flags) == 1 and "Борн" in flags[0].message


def test_a_name_spelt_two_ways_in_one_target_is_a_warning() -> None:
    rows = (("Президент Токаев провел встречу.", "President Tokayev held a meeting."),
            ("Затем Токаев уехал в Астану.", "Then Takayev left for Astana."),
            ("Токаева поддержали депутаты.", "Deputies supported Tokayev."))
    flags = codes_at(pair(*rows), 1, "names")
    assert [f.severity for f in flags] == ["warning"]
    assert "Takayev" in flags[0].message and "Tokayev" in flags[0].message
    consistent = pair(*rows[:1], ("Затем Токаев уехал в Астану.", "Then Tokayev left for Astana."),
                      *rows[2:])
    assert check_alignment(consistent, codes=["names"]) == []
    # two people (Олег, Ольга) are not one name spelt two ways
    people = pair(("Олег и Ольга пришли.", "Oleg and Olga came."), ("Ольга ушла.", "Olga left."))
    assert check_alignment(people, codes=["names"]) == []


def test_a_country_rendered_as_another_is_a_warning() -> None:
    for ru, en in (("Делегация Беларуси прибыла в Минск.", "The delegation of Bulgaria arrived in Minsk."),
                   ("Делегация Кыргызстана прибыла в Бишкек.", "The delegation of Kirgistan arrived in Bishkek.")):
        flags = codes_at(pair((ru, en)), 0, "names")
        assert [f.severity for f in flags] == ["warning"], flags
    for ru, en in (("Делегация Беларуси прибыла в Минск.", "The Belarusian delegation arrived in Minsk."),
                   ("Делегация Кыргызстана прибыла.", "The delegation of Kyrgyzstan arrived."),
                   ("Турция и Литва подписали договор.", "Turkey and Lithuania signed a treaty.")):
        assert codes_at(pair((ru, en)), 0, "names") == [], (ru, en)


# ------------------------------------------------------------------ untranslated

def test_source_script_words_left_in_the_target_flag() -> None:
    alignment = pair(*[(FILLER_RU, FILLER_EN)] * 3, ("Он сказал, что это полная ерунда и позор.",
                                                    "He said it was полная ерунда и позор."))
    flags = codes_at(alignment, 3, "untranslated")
    assert len(flags) == 1 and flags[0].severity == "error" and "ерунда" in flags[0].message
    assert codes_at(pair((FILLER_RU, FILLER_EN)), 0, "untranslated") == []


def test_within_one_script_a_copied_or_source_language_target_flags() -> None:
    de = "Die Regierung hat am Montag einen neuen Plan für die Schulen vorgestellt."
    fr = "Le gouvernement a présenté lundi un nouveau plan pour les écoles."
    copied = pair((de, de), src_lang="de", tgt_lang="fr")
    assert [f.code for f in codes_at(copied, 0)] == ["untranslated"]
    left_german = pair((de, "Die Regierung hat einen neuen Plan für die Schulen des Landes."),
                       src_lang="de", tgt_lang="fr")
    assert codes_at(left_german, 0, "untranslated")
    assert codes_at(pair((de, fr), src_lang="de", tgt_lang="fr"), 0, "untranslated") == []


# ------------------------------------------------------------------ length

def test_a_link_far_off_the_document_ratio_flags() -> None:
    rows = [(FILLER_RU, FILLER_EN)] * 5
    short = pair(*rows, (FILLER_RU + " " + FILLER_RU, "Said on Tuesday."))
    flags = codes_at(short, 5, "length")
    assert len(flags) == 1 and "shorter" in flags[0].message
    assert all(codes_at(short, k, "length") == [] for k in range(5))
    assert all(not f.code == "length" for f in check_alignment(pair(*rows)))


# ------------------------------------------------------------------ confidence, long segments

def test_low_confidence_flags_only_automatic_links() -> None:
    alignment = pair((FILLER_RU, FILLER_EN), (FILLER_RU, FILLER_EN), (FILLER_RU, FILLER_EN),
                     scores=(0.3, 0.3, 0.9), statuses=("auto", "confirmed", "auto"))
    assert [f.code for f in codes_at(alignment, 0)] == ["low-confidence"]
    assert codes_at(alignment, 1) == [] and codes_at(alignment, 2) == []


def test_segments_over_2000_characters_flag() -> None:
    long_ru = " ".join([FILLER_RU] * 32)  # about 2,400 characters
    long_en = " ".join([FILLER_EN] * 32)
    assert len(long_ru) > 2000 and len(long_en) > 2000
    flags = codes_at(pair((long_ru, long_en)), 0, "long-segment")
    assert {f.message.split()[0] for f in flags} == {"source", "target"}
    short = pair((" ".join([FILLER_RU] * 24), " ".join([FILLER_EN] * 24)))
    assert len(short.source.texts[0]) < 2000
    assert codes_at(short, 0, "long-segment") == []


# ------------------------------------------------------------------ API

def test_flags_are_checked_and_ordered() -> None:
    with pytest.raises(ValueError):
        Flag(0, "numbers", "fatal", "x")
    with pytest.raises(ValueError):
        Flag(0, "typo", "error", "x")
    alignment = pair(("В 1992 году Назарбаев", "In 1993 somebody"), ("Текст.", None))
    flags = check_alignment(alignment)
    assert [(f.link, f.code) for f in flags] == [(0, "numbers"), (0, "names"), (1, "omission")]
    assert [f.code for f in check_alignment(alignment, codes=["omission"])] == ["omission"]
    assert at_least("error", "warning") and not at_least("info", "warning")
    assert set(CODES) >= {f.code for f in flags}


# ------------------------------------------------------------------ the command

def _project_with_error(tmp_path: Path) -> Path:
    from align.project import save

    path = tmp_path / "bad.align.json"
    save(pair(("Организация создана в 1992 году.", "The organisation was founded in 1993.")), path)
    return path


def test_check_command_table_json_csv_and_fail_on(tmp_path, capsys) -> None:
    assert main(["check", str(BUNDLED)]) == 0
    table = capsys.readouterr().out
    assert "omission" in table and "link and paragraph numbers count from 1" in table
    project = _project_with_error(tmp_path)
    assert main(["check", str(project), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    found = [(f["link"], f["index"], f["code"], f["severity"]) for f in report["flags"]]
    assert found == [(1, 0, "numbers", "error")]
    assert main(["check", str(project), "--fail-on", "error", "--format", "csv",
                 "-o", str(tmp_path / "flags.csv")]) == 1
    rows = (tmp_path / "flags.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("link,src,tgt,type,severity,code") and len(rows) == 2
    assert rows[0].endswith(",index") and rows[1].startswith("1,1,1,1-1,") and rows[1].endswith(",0")
    assert main(["check", str(BUNDLED), "--fail-on", "error", "--format", "csv"]) == 0


def test_every_number_a_person_reads_counts_from_1(tmp_path, capsys) -> None:
    from align.project import save

    # link 3 (index 2) is an addition: target paragraph 2
    project = tmp_path / "p.align.json"
    save(pair((FILLER_RU, FILLER_EN), ("Президент подписал указ.", None),
              (None, "The minister also resigned last week.")), project)
    assert main(["check", str(project), "--format", "json"]) == 0
    flags = json.loads(capsys.readouterr().out)["flags"]
    assert [(f["link"], f["index"], f["src"], f["tgt"], f["code"]) for f in flags] == [
        (2, 1, [2], [], "omission"), (3, 2, [], [2], "addition")]
    assert "paragraph 2 has no translation" in flags[0]["message"]
    assert "target body paragraph 2 has no counterpart" in flags[1]["message"]
    assert main(["check", str(project)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in table[2::2]] == ["2", "3"]


def test_quiet_prints_nothing_and_keeps_the_exit_status(tmp_path, capsys) -> None:
    project = _project_with_error(tmp_path)
    assert main(["check", str(project), "-q", "--fail-on", "error"]) == 1
    assert capsys.readouterr().out == ""
    assert main(["check", str(project), "--quiet", "-o", str(tmp_path / "r.json"),
                 "--format", "json"]) == 0
    assert capsys.readouterr().out == "" and (tmp_path / "r.json").is_file()


def test_check_command_on_two_files(capsys) -> None:
    assert main(["check", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"),
                 "--format", "json"]) == 0
    assert "flags" in json.loads(capsys.readouterr().out)


def test_check_command_bad_input_is_one_line(tmp_path, capsys) -> None:
    assert main(["check", str(TEXTS / "ru-en.ru.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "ru-en.ru.txt" in err[0]
    # a project holds its translation: a second file is a mistake, said as one
    project = _project_with_error(tmp_path)
    assert main(["check", str(project), str(TEXTS / "ru-en.en.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "ru-en.en.txt" in err[0] and "project" in err[0]
    assert "same language" not in err[0]
    # an empty file alone: the message says it is empty, as `pair` does
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["check", str(empty)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "empty.txt" in err[0] and "is empty" in err[0]
    broken = tmp_path / "x.align.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    assert "x.align.json" in capsys.readouterr().err


# ------------------------------------------------------------------ any alignment

_WORDS = ["Москва", "Назарбаев", "года", "января", "и", "в", "1992", "5-го", "1,5", "30 %",
          "Moscow", "Nazarbayev", "the", "of", "January", "5th", "1.5", "30%", "США", ".", "—"]
_TEXT = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1-1", "1-0", "0-1"]), _TEXT, _TEXT,
                          st.floats(0, 1)), min_size=1, max_size=8))
def test_any_alignment_gets_well_formed_flags(rows) -> None:
    alignment = pair(*[(s if shape != "0-1" else None, t if shape != "1-0" else None)
                       for shape, s, t, _ in rows], scores=tuple(score for *_, score in rows))
    flags = check_alignment(alignment)
    assert all(0 <= flag.link < len(alignment.links) and flag.message for flag in flags)
    assert flags == sorted(flags, key=lambda f: (f.link, CODES.index(f.code)))
    one_sided = {k for k, link in enumerate(alignment.links) if not link.two_sided}
    flagged = {f.link for f in flags if f.code in ("omission", "addition")}
    assert one_sided <= flagged
    # a two-sided link is flagged only for a sentence it hides, which the flag quotes
    assert all("«" in f.message for f in flags
               if f.code == "omission" and alignment.links[f.link].two_sided)


def test_the_sentence_check_takes_the_dictionaries_the_user_chose(tmp_path,
                                                                   monkeypatch) -> None:
    """`check --lexicon FILE` gives the sentence re-alignment that file; `--no-lexicon`
    leaves it none, as for `pair`."""
    from align.check import sentences as module

    words = tmp_path / "mine.tsv"
    words.write_text("ru\ten\nмост\tbridge\nмэр\tmayor\n", encoding="utf-8")
    assert module._settings("ru", "en", (str(words),)).lexicon is not None
    assert module._settings("ru", "en", (str(words),), no_lexicon=True).lexicon is None
    seen = []
    monkeypatch.setattr(module, "sentence_flags",
                        lambda alignment, lexicons=(), no_lexicon=False:
                        seen.append((lexicons, no_lexicon)) or ([], set()))
    original, translation = tmp_path / "ru.txt", tmp_path / "en.txt"
    original.write_text("\n\n".join(NEWS_RU) + "\n", encoding="utf-8")
    translation.write_text("\n\n".join(NEWS_EN) + "\n", encoding="utf-8")
    for extra, expected in ((["--lexicon", str(words)], ((str(words),), False)),
                            (["--no-lexicon"], ((), True))):
        assert main(["check", str(original), str(translation), "--src-lang", "ru",
                     "--tgt-lang", "en", *extra]) == 0
        assert seen[-1] == expected


@pytest.mark.system_dictionaries
def test_an_omission_the_signals_cannot_place_names_the_sentence_beside_it_too(
        tmp_path, monkeypatch) -> None:
    """The last sentence is dropped, and with the installed English–Russian dictionary
    (mueller7-dict) its function words ("так", "что", "на") match the translation's last
    sentence as well as its neighbour's content does: the flag quotes both, so the editor
    looks at both."""
    from align.dictionaries.discovery import SYSTEM_DIR

    if not (Path(SYSTEM_DIR) / "mueller7.index").is_file():
        pytest.skip(f"no {SYSTEM_DIR}/mueller7.index: apt-get install mueller7-dict")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ru = ("Мы долго ждали мастера из сервиса. Он опоздал на два часа и не позвонил. Короче "
          "говоря, приехал толковый мастер Иван и всё починил, за что ему спасибо. Так что "
          "не верьте пустым обещаниям и не тратьте зря своё время.")
    en = ("We waited a long time for the repairman from the service. He was two hours late "
          "and did not call. In short, a smart repairman named Ivan came and fixed "
          "everything, so thank you to him for that.")
    flags = [f for f in codes_at(pair((ru, en)), 0, "omission")
             if f.severity in ("error", "warning")]
    assert len(flags) == 1 and "«Так что не верьте" in flags[0].message, flags
    whole = en + " So do not believe empty promises and do not waste your time."
    assert not [f for f in codes_at(pair((ru, whole)), 0, "omission")
                if f.severity in ("error", "warning")]
