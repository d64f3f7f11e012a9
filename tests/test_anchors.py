from hypothesis import given, settings
from hypothesis import strategies as st

from align.signals.anchors import names_of, numbers_of


def test_number_spellings_meet() -> None:
    assert numbers_of("5th January") == numbers_of("5-го января") == ["5", "1"]
    assert numbers_of("1,5 млн") == numbers_of("1.5 million") == ["1.5"]
    assert numbers_of("1 000 человек") == numbers_of("1,000 people") == ["1000"]
    assert numbers_of("30 %") == numbers_of("30%") == ["30"]
    assert sorted(numbers_of("10.01.2022")) == sorted(numbers_of("10 January 2022"))


def test_month_words_count_only_next_to_numbers() -> None:
    assert numbers_of("You may go") == []
    assert numbers_of("7 Maybe") == ["7"] and sorted(numbers_of("May 7")) == ["5", "7"]
    assert sorted(numbers_of("в мае 1968 года")) == ["1968", "5"]


def test_names_meet_through_transliteration() -> None:
    assert set(names_of("Токаев и Назарбаев")) == set(names_of("Tokayev and Nazarbayev"))
    assert names_of("это было давно") == []


def test_mentions_keep_the_spelling_beside_the_key() -> None:
    from align.signals.anchors import number_mentions

    assert number_mentions("10 января 2022, 1,5") == [("10", "10"), ("1", "января"),
                                                      ("2022", "2022"), ("1.5", "1,5")]
    assert [key for key, _ in number_mentions("10.01.2022")] == ["10", "1", "2022"]


def test_scaled_reading_meets_multipliers_and_clock_times() -> None:
    from align.signals.anchors import number_mentions

    def keys(text: str) -> list[str]:
        return [key for key, _ in number_mentions(text, scaled=True)]

    assert keys("11 тысяч семей") == keys("11,000 families") == keys("11 thousand") == ["11000"]
    assert keys("2,5 млн рублей") == keys("2.5 million") == ["2500000"]
    assert keys("5 млрд") == keys("5bn") == ["5000000000"]
    assert keys("в 3:45") == keys("в 3.45") == ["3.45"]
    assert keys("с 10-00") == keys("at 10:00") == ["10"]
    assert keys("с 10.00 до 21.00") == keys("from 10 a.m. to 9:00 p.m.") == ["10", "21"]
    assert keys("1,50") == ["1.5"] and keys("15-17 февраля") == ["15", "17", "2"]
    # the plain reading, which the aligner uses, is unchanged
    assert numbers_of("11 тысяч") == ["11"] and numbers_of("10.00") == ["10.00"]


def test_month_words_and_name_candidates_are_shared() -> None:
    from align.signals.anchors import capitalised_words, month_of

    assert month_of("января") == month_of("January") == 1 and month_of("мая") == 5
    assert month_of("мало") is None and month_of("Maybe") is None
    assert [m.group() for m in capitalised_words("В Москве Назарбаев и США, но не он")] == \
        ["Москве", "Назарбаев"]


def test_numbers_in_words_per_language() -> None:
    from align.signals.anchors import spelled_mentions

    def keys(text: str, lang: str) -> list[str]:
        return [key for key, _ in spelled_mentions(text, lang)]

    assert keys("Fifteen minutes, twenty-one, two hundred and fifty, a thousand", "en") == \
        ["15", "21", "250", "1000"]
    assert keys("the first floor, the 21st, twice", "en") == ["1", "2"]
    assert keys("на первом этаже, двадцать пять, двести пятьдесят, три тысячи", "ru") == \
        ["1", "25", "250", "3000"]
    assert keys("четырехсот, двадцать первого века, двухместный, дважды", "ru") == \
        ["400", "21", "2", "2"]
    assert keys("пятнадцатого февраля", "ru") == ["15", "2"]  # a month beside it
    assert keys("XVII в., ХХ век, World War II", "ru") == ["17", "20", "2"]  # Roman, any language
    # not numbers: plural scales, words that start like one, a scale after digits
    assert keys("тысячи людей, семинар, однако, столица, 2 тысячи", "ru") == []
    assert keys("cinq minutes", "fr") == []  # no table: words are ignored


def test_scaled_reading_of_times_and_grouped_numbers() -> None:
    from align.signals.anchors import number_mentions

    def keys(text: str) -> list[str]:
        return [key for key, _ in number_mentions(text, scaled=True)]

    assert keys("с 10-00 до 22-00.") == keys("from 10:00 a.m. to 10:00 p.m.") == ["10", "22"]
    assert keys("Начало в 18:30.") == keys("at 6:30 P.M.") == ["18.3"]
    assert keys("в 00:12") == keys("at 12:12 A.M.") == ["0.12"]
    assert keys("In Q2 2022, the") == ["2", "2022"] and keys("1 000 человек") == ["1000"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123459:-.,a \n", max_size=40))
def test_clock_times_are_read_as_one_substitution_reads_them(text: str) -> None:
    """The quick reader of clock times skips to hours' last digits; it must find what a
    plain substitution of the clock pattern finds, overlaps and edges included."""
    from align.signals.anchors import _CLOCK, _clock_times_read

    expected = _CLOCK.sub(lambda m: f"{m.group(1)}.{m.group(2) or m.group(3)}", text)
    assert _clock_times_read(text) == expected


def test_clock_times_are_read_where_they_stand() -> None:
    from align.signals.anchors import _clock_times_read

    assert _clock_times_read("с 10-00 до 22:30 и в 9:05.") == "с 10.00 до 22.30 и в 9.05."
    assert _clock_times_read("1:30:45 и 10-00-00 и 24:00 и 3:75") == "1:30:45 и 10.00-00 и 24:00 и 3:75"
