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
