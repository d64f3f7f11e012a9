"""Segment kinds: the boilerplate of news and help pages, and lines that only look like it.

Each boilerplate line is classified between two body paragraphs, as it stands in an
article; each has an ordinary sentence beside it that starts the same way and must stay
body, so that the phrase lists never swallow real text.
"""

from __future__ import annotations

import pytest

from align.ingest import classify
from align.ingest.kinds import _ADMONITION_LABELS, holds_a_box, line_kind

BODY = ("Власти заявили, что акция не была согласована, а её участники нарушили сразу "
        "несколько законов, и теперь им грозят большие штрафы.")


def kind_of(text: str) -> str:
    """The kind of ``text`` standing between two body paragraphs."""
    return classify([BODY, text, BODY], None)[1]


# ---------------------------------------------------------------------------- boilerplate
@pytest.mark.parametrize("kind, line", [
    # "read on" links
    ("note", "Читать далее"), ("note", "Читать далее →"), ("note", "Читать полностью"),
    ("note", "Продовження читайте на сайті видання"), ("note", "Читати далі"),
    ("note", "Continue reading"), ("note", "Continue reading →"),
    ("note", "Continue reading the main story"), ("note", "Continue reading: the full report"),
    ("note", "Weiterlesen"), ("note", "Weiterlesen: Der ganze Bericht"),
    ("note", "Lire la suite"), ("note", "Lire la suite »"),
    ("note", "Lire la suite : le rapport complet"),
    # editors' and translators' notes
    ("note", "Editor's note: the names have been changed."),
    ("note", "Примечание редакции: имена изменены."),
    ("note", "Примітка редакції: імена змінено."), ("note", "Від редакції"),
    ("note", "Anmerkung der Redaktion: Die Namen wurden geändert."),
    ("note", "Anm. d. Red.: Die Namen wurden geändert."),
    ("note", "Note de la rédaction : les noms ont été modifiés."),
    ("note", "Note du traducteur : les sommes sont en roubles."),
    ("note", "NDLR : les noms ont été modifiés."),
    # sharing, subscribing, advertising, page furniture
    ("note", "Share"), ("note", "Поделиться"), ("note", "Поділитися"), ("note", "Teilen"),
    ("note", "Partager"), ("note", "Subscribe"), ("note", "Subscribe now"),
    ("note", "Подписаться"), ("note", "Підписатися"), ("note", "Abonnieren"),
    ("note", "S'abonner"), ("note", "Advertisement"), ("note", "Реклама"), ("note", "Anzeige"),
    ("note", "Publicité"), ("note", "Sponsored"), ("note", "Back to top"), ("note", "Наверх"),
    ("note", "Nach oben"), ("note", "Retour en haut de la page"),
    # help pages
    ("note", "Was this article helpful?"), ("note", "Была ли эта статья полезной?"),
    ("note", "Чи була ця стаття корисною?"), ("note", "War dieser Artikel hilfreich?"),
    ("note", "Cet article vous a-t-il été utile ?"), ("note", "Still need help? Contact us"),
    # translators
    ("credit", "Translated by Elizabeth Rushton"), ("credit", "Übersetzt von Anna Müller"),
    ("credit", "Traduit par Marie Dupont"), ("credit", "Переклад Олени Шевченко"),
    ("credit", "Переклад: Олена Шевченко"), ("credit", "Перевод Анны Ивановой"),
    ("credit", "Перевод с английского Анны Ивановой"), ("credit", "Перевод с английского"),
    ("credit", "Translated from the Russian"), ("credit", "Aus dem Russischen"),
    ("credit", "Traduit de l'anglais"),
    # sources
    ("credit", "Source: Vot-Tak.TV"), ("credit", "Quelle: dpa"), ("credit", "Источник: ТАСС"),
    ("credit", "Джерело: Укрінформ"), ("credit", "Source : AFP"),
    # photo credits
    ("caption", "Photo: Reuters"), ("caption", "Foto: dpa"), ("caption", "Фото: Reuters"),
    ("caption", "Фото Reuters"), ("caption", "Фото автора"),
    ("caption", "Photo editor Yulia Lemeshevskaya"), ("caption", "Фото пресс-службы Кремля"),
    ("caption", "Світлина: Укрінформ"),
    ("caption", "Crédit photo : AFP"), ("caption", "Bildquelle: dpa"),
    ("caption", "Photo caption: the square before the ceremony."),
    ("caption", "Автор фото: Sky Revolutions"),
    ("caption", "Подпись к фото: Взрыв случился вопреки планам саперов"),
    ("caption", "Caption to the photo: The explosion occurred contrary to the plans"),
    # "read on" links that point down the page, translators' notes, translation credits
    ("note", "Continue reading below"), ("note", "Lire la suite ci-dessous"),
    ("note", "Прим. перев.: в русской локали вывод команд может отличаться."),
    ("note", "Прим. перекл.: у вашій системі вивід може відрізнятися."),
    ("note", "Перевод этого раздела обновлён для выпуска Stretch."),
    ("note", "The translation of this section was updated for the new release."),
    ("credit", "Перевод выполнен по изданию 1998 года."),
    ("credit", "Переклад виконано за виданням 1998 року."),
    # admonitions and sidebar boxes of help pages and manuals
    ("note", "NOTE This section applies to the stable release only."),
    ("note", "TIP Reading a list on the Web"), ("note", "CAUTION Back up your files first."),
    ("note", "BACK TO BASICS Daemon"), ("note", "СОВЕТ Чтение списков рассылки в интернете"),
    ("note", "ПРИМІТКА Цей розділ стосується лише стабільного випуску."),
    ("note", "HINWEIS Dieser Abschnitt gilt nur für die stabile Version."),
    ("note", "ASTUCE Lire une liste sur le Web"), ("note", "К ОСНОВАМ Обозначения страниц man"),
])
def test_boilerplate_lines(kind: str, line: str) -> None:
    assert kind_of(line) == kind


@pytest.mark.parametrize("line", [
    "Фото на стене висело криво.",
    "Фото на стене висело…",
    "Photo albums lay everywhere.",
    "Continue reading the report carefully, she said, and you will see why it matters.",
    "Читать далее было невозможно: слёзы мешали.",
    "Lire la suite de ce roman m'a pris deux jours entiers.",
    "Weiterlesen wollte er nicht mehr, denn das Buch war langweilig.",
    "Share prices rose sharply on Monday morning in Frankfurt.",
    "Поделиться радостью с друзьями она не могла.",
    "Реклама на телевидении стала дороже в этом году.",
    "Anzeige gegen den Bürgermeister wurde am Montag erstattet.",
    "Переклад Біблії тривав роками.",
    "Перевод Библии занял у него почти десять лет.",
    "Source of the problem was found quickly by the engineers.",
    "Джерело води було чистим і холодним.",
    "Quelle surprise, nous avons gagné le match hier soir.",
    "Subscribers complained about the price.",
    "Note de frais et autres dépenses ont été remboursées.",
    # admonition labels only count in capitals, and acronyms are no labels
    "Tip the waiter well, she said.", "Culture matters more than strategy here.",
    "NASA launched the probe on Monday.",
    "Перевод выполнить не удалось: текст был утерян.",
])
def test_ordinary_sentences_starting_like_boilerplate_stay_body(line: str) -> None:
    assert kind_of(line) == "body"


@pytest.mark.parametrize("line", ["Translation Studies", "Перевод Библии",
                                  "Photo Albums", "Фото на память", "RFC Request For Comments"])
def test_headings_starting_like_boilerplate_are_no_boilerplate(line: str) -> None:
    assert line_kind(line) is None


def test_a_long_paragraph_is_body_whatever_it_starts_with() -> None:
    long = "Anmerkung der Redaktion: " + "Die Namen wurden geändert. " * 12
    assert line_kind(long) is None


def test_a_long_paragraph_under_an_admonition_label_is_body() -> None:
    long = "CULTURE " + "The OpenSSL library had a serious flaw in its generator. " * 4
    assert line_kind(long) is None


# ---------------------------------------------------------------------------- tokenised text
def test_tokenised_name_line_with_a_lone_comma_is_classified() -> None:
    """Tokenised text puts the comma between spaces: "Michel Piola , Vernier" once ended
    ``sverka pair`` in an IndexError (an empty word given to the name test)."""
    texts = ["Escalade", "Michel Piola , Vernier",
             "La voie a été ouverte en 1985 par Michel Piola et ses amis de Genève ."]
    kinds = classify(texts, "fr")
    assert kinds[1] != "byline" and kinds[2] == "body"  # a name and a place: no author
    assert classify(["Die Route", "Michel Piola , Anna Vernier"], "de")[1] == "byline"


@pytest.mark.parametrize("texts", [[",", ", 0"], ["Titel", ","], ["Titel", ", ,"],
                                   ["Titel", "Michel ,"], ["By ,"]])
def test_lines_of_lone_commas_get_a_kind(texts: list[str]) -> None:
    assert len(classify(texts, None)) == len(texts)


@pytest.mark.parametrize(("text", "holds"), [
    ("Сейчас они устарели, хотя всё ещё есть в Debian. СЛОВАРЬ Аутентификация, шифрование",
     True),
    ("iface eth0 inet6 auto privext 2 TIP Programs that support IPv6", True),
    ("GOING FURTHER Other types of unit files", True),
    ("Tip the waiter before you leave.", False),
    ("He wrote a NOTE to himself.", False),  # a label in capitals, but no title after it
    ("The CULTURE of the project matters.", False),
    ("«Готово». ИНСТРУМЕНТ fakeroot", True),
    ("An ANOTE Programs here.", False),  # a label inside a word is no label
])
def test_a_box_label_is_found_inside_a_paragraph_it_was_glued_to(text: str, holds: bool) -> None:
    assert holds_a_box(text) is holds


@pytest.mark.parametrize("label", _ADMONITION_LABELS)
def test_every_box_label_is_found_after_a_sentence(label: str) -> None:
    """The quick rejection of texts without a label must let every label through."""
    assert holds_a_box(f"The paragraph ends here. {label} Its title")
    assert holds_a_box(f"{label} Its title")
