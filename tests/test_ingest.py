"""Reading inputs: formats, encodings, clean-up, segment kinds and bad files.

Every text here is written for the tests; files live in ``tmp_path``; nothing touches
the network.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import InputError
from align.ingest import classify, decode_bytes, paragraph_blocks, read_document
from align.ingest import html as html_reader
from align.ingest.blocks import Parsed
from align.ingest.kinds import is_date_line
from align.ingest.normalize import normalize_text, signal_text

RU = ("Вчера в Москве прошёл митинг «За свободу». Полиция задержала десятки человек.\n\n"
      "Власти заявили, что акция не была согласована. Её участники с этим не согласны.\n")
RU_PLAIN = RU.replace("«", '"').replace("»", '"')
"""KOI8-R and cp866 have no «»."""
EN = ("Yesterday a rally took place in Moscow. The police detained dozens of people.\n\n"
      "The authorities said that the protest had not been approved by the city.\n")


def write(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


# ---------------------------------------------------------------------------- plain text
def test_txt_paragraphs_are_blank_line_blocks_with_lines_joined(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Первый абзац, который\nпереносится на две строки.\n"
                                    "   \n\nВторой абзац\tс табуляцией  и пробелами.\n")
    doc = read_document(path, lang="ru")
    assert doc.texts == ["Первый абзац, который переносится на две строки.",
                         "Второй абзац\tс табуляцией  и пробелами."]  # inside a line: as read
    assert doc.meta["format"] == "txt"
    assert doc.meta["encoding"] == "utf-8"
    assert doc.meta["notices"] == []
    assert doc.meta["lang_source"] == "given"


def test_txt_without_blank_lines_is_one_paragraph_per_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Первая строка текста.\nВторая строка текста.\nТретья.\n")
    doc = read_document(path, lang="ru")
    assert doc.texts == ["Первая строка текста.", "Вторая строка текста.", "Третья."]
    assert "no blank lines: one paragraph per line" in doc.meta["notices"]


def test_block_with_very_long_lines_is_one_paragraph_per_line(tmp_path: Path) -> None:
    long_line = "Это длинный абзац без переносов строк. " * 8
    path = write(tmp_path, "a.txt", f"Заголовок\n\n{long_line}\n{long_line}\n")
    doc = read_document(path, lang="ru")
    assert len(doc) == 3
    assert any("one paragraph per line" in notice for notice in doc.meta["notices"])


def test_paragraph_blocks() -> None:
    assert paragraph_blocks("a\nb\n\n\nc\n") == ["a b", "c"]
    assert paragraph_blocks("") == []


def test_lines_mode_keeps_every_non_empty_line_in_order(tmp_path: Path) -> None:
    content = ("Заголовок\n\nПервая строка первого абзаца\nвторая строка.\n \t \n"
               "Фото: Reuters\n\n\nПоследняя строка.\n")
    path = write(tmp_path, "a.txt", content)
    doc = read_document(path, lang="ru", segments="lines")
    expected = [line.strip() for line in content.splitlines() if line.strip()]
    assert doc.texts == expected
    assert doc.segments[3].kind == "caption"  # kinds are still classified
    assert doc.meta["segments"] == "lines"


def test_lines_mode_breaks_lines_only_at_line_ends(tmp_path: Path) -> None:
    content = "Первая\u2028строка.\fВсё ещё первая.\r\nВторая строка.\rТретья.\n"
    doc = read_document(write(tmp_path, "a.txt", content), lang="ru", segments="lines")
    assert doc.texts == ["Первая строка. Всё ещё первая.", "Вторая строка.", "Третья."]


def test_unknown_segments_mode_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", RU)
    with pytest.raises(ValueError):
        read_document(path, lang="ru", segments="sentences")


def test_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "article.body", RU))
    assert doc.lang == "ru" and len(doc) == 2 and doc.meta["format"] == "txt"


# ---------------------------------------------------------------------------- markdown
def test_markdown_headings_lists_and_front_matter(tmp_path: Path) -> None:
    content = ("---\ntitle: test\n---\n# Главный заголовок #\n\nПервый абзац\nв две строки.\n\n"
               "## Подзаголовок\nАбзац сразу под подзаголовком.\n\n"
               "Подчёркнутый заголовок\n======================\n\n"
               "- пункт первый\n- пункт второй\n\n> Цитата из письма.\n\n---\n\nКонец.\n")
    doc = read_document(write(tmp_path, "a.md", content), lang="ru")
    assert [(s.kind, s.text) for s in doc.segments] == [
        ("heading", "Главный заголовок"),
        ("body", "Первый абзац в две строки."),
        ("heading", "Подзаголовок"),
        ("body", "Абзац сразу под подзаголовком."),
        ("heading", "Подчёркнутый заголовок"),
        ("body", "пункт первый"),
        ("body", "пункт второй"),
        ("body", "Цитата из письма."),
        ("body", "Конец."),
    ]
    assert doc.meta["format"] == "md"
    assert any("front matter" in notice for notice in doc.meta["notices"])


def test_markdown_lines_mode_gives_each_line_as_shown(tmp_path: Path) -> None:
    content = "# Заголовок\n\nСтрока **один**.\n- пункт\n2. второй\n\n---\n"
    doc = read_document(write(tmp_path, "a.md", content), lang="ru", segments="lines")
    assert doc.texts == ["Заголовок", "Строка один.", "пункт", "2. второй", "---"]
    assert doc.segments[0].kind == "heading"
    assert doc.meta["line_groups"] == [1, 3, 1]  # nothing merged or dropped


def test_markdown_gives_the_text_a_reader_sees(tmp_path: Path) -> None:
    content = ("**Жители** эвакуированы, [подробности](https://example.org/a) в `отчёте` "
               "и&nbsp;_на сайте_.\nВторая строка абзаца.\n\n"
               "1. Первый пункт\n2. Второй пункт\n\n* маркер\n\n"
               "![фото](photo.jpg)\n\n<div>Блок <b>HTML</b><!-- скрыто --></div>\n")
    doc = read_document(write(tmp_path, "a.md", content), lang="ru")
    assert doc.texts == [
        "Жители эвакуированы, подробности в отчёте и\u00a0на сайте. Вторая строка абзаца.",
        "1. Первый пункт", "2. Второй пункт", "маркер", "Блок HTML"]


def test_markdown_table_is_one_row_a_segment(tmp_path: Path) -> None:
    content = ("Число эвакуированных жителей по годам.\n\n| Год | Жителей |\n|---|--:|\n"
               "| 2021 | 5\u00a0000 |\n| 2022 | **1 200** |\n\nКонец таблицы.\n")
    doc = read_document(write(tmp_path, "a.md", content), lang="ru")
    assert doc.texts == ["Число эвакуированных жителей по годам.", "Год\tЖителей",
                         "2021\t5\u00a0000", "2022\t1 200", "Конец таблицы."]
    assert "3 table rows read, one row a segment (cells joined by a tab)" in doc.meta["notices"]


def test_front_matter_notice_is_printed_once_naming_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from align.cli import main

    ru = write(tmp_path, "ru.md", "---\ntitle: митинг\n---\n" + RU)
    en = write(tmp_path, "en.txt", EN)
    assert main(["pair", str(ru), str(en), "-o", str(tmp_path / "a.align.json"),
                 "--no-lexicon"]) == 0
    notices = [line for line in capsys.readouterr().out.splitlines() if "front matter" in line]
    assert notices == ["notice: ru.md: Markdown front matter (--- … ---) left out"]


# ---------------------------------------------------------------------------- encodings
@pytest.mark.parametrize("encoding", [
    "utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "cp1251", "koi8-r", "mac-cyrillic",
    "cp866",
])
def test_russian_file_in_any_common_encoding_reads_back_equal(tmp_path: Path,
                                                              encoding: str) -> None:
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + RU_PLAIN.encode("utf-16-be")
    else:
        data = RU_PLAIN.encode(encoding)
    doc = read_document(write(tmp_path, "ru.txt", data))
    assert doc.lang == "ru"
    assert doc.texts == [paragraph.strip() for paragraph in RU_PLAIN.split("\n\n")]


@pytest.mark.parametrize("text", [
    "Привет, мир!", "мир дом кот", 'Он сказал: "Нет".', "ПРИВЕТ всем", "Съешь ещё этих булок.",
    "Київ - столиця України.", "Щука, ёж и эхо.",
])
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_short_cyrillic_texts_decode_without_being_told(text: str, encoding: str) -> None:
    if encoding == "koi8_r" and any(ch in text for ch in "їєіґ"):
        encoding = "koi8_u"
    decoded, name = decode_bytes(text.encode(encoding), "x.txt")
    assert decoded == text
    assert name.replace("-", "_") == encoding


@pytest.mark.parametrize("text, encoding", [
    ("Grüße aus München, über die Straße.", "cp1252"),
    ("Le café était très agréable à côté.", "cp1252"),
    ("Zażółć gęślą jaźń, powiedział człowiek.", "cp1250"),
])
def test_latin_code_pages_decode(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "x.txt")[0] == text


def test_bom_is_removed_and_bomless_utf16_is_recognised() -> None:
    assert decode_bytes("\ufeffПривет".encode("utf-8"), "x")[0] == "Привет"
    assert decode_bytes("Привет, мир".encode("utf-16-le"), "x") == ("Привет, мир", "utf-16-le")


def test_html_meta_charset_is_used_when_not_utf8(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="windows-1251"><title>Т</title></head><body>'
            '<p>Мир.</p></body></html>').encode("cp1251")
    assert html_reader.declared_charset(page) == "windows-1251"


# ---------------------------------------------------------------------------- clean-up
def test_normalisation_keeps_the_inside_of_lines_as_read() -> None:
    inside = ("Первый\u00a0абзац\u202fи\u2007цифры,  рас\u00adпере\u00adнос\tи zero\u200bwidth"
              "\ufeff.")
    raw = (f"\ufeff{inside}\u00a0\r\n\t Вторая\x00 строка\x1b — «кавычки», ё, “quotes”…\r"
           "Третья\u2028четвёртая\x0cпятая")
    assert normalize_text(raw) == (
        f"{inside}\nВторая строка — «кавычки», ё, “quotes”…\nТретья\nчетвёртая\n\nпятая")


def test_signal_text_is_what_the_old_clean_up_gave() -> None:
    raw = "\u00a0В.\u00a0В.\u202fПутин\tсказал  про 5\u2007000 рас\u00adпе\u200bре\u2060нос\ufeff. "
    assert signal_text(raw) == "В. В. Путин сказал про 5 000 расперенос."
    assert signal_text("и\u0306\nё") == "й ё"


def test_normalisation_composes_to_nfc() -> None:
    decomposed = "и\u0306 е\u0308"  # й and ё written with combining marks
    assert normalize_text(decomposed) == "й ё"


_AWKWARD = ("a", "й", "\u0306", "\u0301", " ", "\t", "\n", "\r", "\u00a0", "\u202f", "\u00ad",
            "\u200b", "\ufeff", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x00", "\x1b",
            "\x1f", "\u3000", "\u2126", "Å")
"""Characters the clean-up treats specially: combining marks, singletons NFC replaces,
every kind of space and line break, invisibles and controls."""


@given(st.lists(st.sampled_from(_AWKWARD), max_size=40).map("".join), st.booleans())
@settings(max_examples=400, deadline=None)
def test_normalisation_is_nfc_then_the_table_then_each_line_trimmed(text: str,
                                                                    keep_lines: bool) -> None:
    """The one-pass clean-up of a whole file gives what its definition says, step by step
    on the whole text."""
    from align.ingest.normalize import _EDGES, _TABLE, _TABLE_KEEP_LINES

    expected = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    expected = expected.translate(_TABLE_KEEP_LINES if keep_lines else _TABLE)
    expected = "\n".join(_EDGES.sub("", line) for line in expected.split("\n"))
    assert normalize_text(text, keep_lines) == expected


def test_classification_reads_no_more_words_than_its_rules_count() -> None:
    """A long paragraph's kind does not depend on its words past the thirtieth."""
    words = "Источник: агентство " + " ".join(["слово"] * 22)
    assert classify([words], "ru") == ["credit"]  # 24 words: a credit line
    longer = words + " " + " ".join(["слово"] * 40)
    assert classify([longer], "ru") == ["body"]


# ---------------------------------------------------------------------------- HTML
WORDPRESS_PAGE = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8">
<title>Суд над журналистом – Vot Tak</title></head>
<body class="post-template-default single">
<header id="masthead"><nav class="main-navigation"><ul>
<li><a href="/">Главная</a></li><li><a href="/news">Новости</a></li>
<li><a href="/opinion">Мнения</a></li><li><a href="/contacts">Контакты</a></li></ul></nav></header>
<main id="main"><article class="post type-post">
<header class="entry-header"><h1 class="entry-title">Суд над журналистом</h1></header>
<div class="entry-content">
<p>В Минске начался суд над журналистом, которого обвиняют в&nbsp;«разжигании вражды».
Защита настаивает, что дело политическое, и просит закрыть его.</p>
<h2>Что говорит защита</h2>
<p>Адвокат заявил, что обвинение не представило никаких доказательств. По его словам,
журналист лишь выполнял свою работу и писал о протестах в стране.</p>
<p>Фото: Reuters</p>
<p>Источник: Vot-Tak.TV</p>
</div></article>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form id="commentform" class="comment-form" action="/wp-comments-post.php" method="post">
<p class="comment-notes">Your email address will not be published.</p>
<p><textarea id="comment" name="comment"></textarea></p>
<p class="form-submit"><input type="submit" value="Post Comment"></p></form></div></div>
</main>
<footer id="colophon" class="site-footer"><p>© 2022 Vot Tak. Все права защищены.</p>
<p>Подписывайтесь на наш канал</p></footer>
</body></html>
"""


def _check_wordpress_doc(texts: list[str]) -> None:
    joined = "\n".join(texts)
    for left_out in ("Главная", "Контакты", "Leave a Reply", "email", "Post Comment",
                     "Все права защищены", "Подписывайтесь"):
        assert left_out not in joined


def test_html_keeps_article_and_headings_drops_navigation_comments_footer(
        tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "page.html", WORDPRESS_PAGE))
    assert doc.lang == "ru" and doc.meta["format"] == "html"
    _check_wordpress_doc(doc.texts)
    kinds = dict(zip(doc.texts, (s.kind for s in doc.segments)))
    assert kinds["Суд над журналистом"] == "heading"
    assert kinds["Что говорит защита"] == "heading"
    assert kinds["Фото: Reuters"] == "caption"
    assert kinds["Источник: Vot-Tak.TV"] == "credit"
    assert doc.texts[0] == "Суд над журналистом"
    body = [s.text for s in doc.segments if s.kind == "body"]
    assert len(body) == 2
    assert "в\u00a0«разжигании вражды». Защита" in body[0]  # nbsp kept, line break a space


def test_html_in_cp1251_with_meta_charset(tmp_path: Path) -> None:
    page = WORDPRESS_PAGE.replace('charset="utf-8"', 'charset="windows-1251"')
    doc = read_document(write(tmp_path, "page.htm", page, "cp1251"))
    assert doc.meta["encoding"] == "cp1251"
    assert "Что говорит защита" in doc.texts


def test_html_fallback_when_trafilatura_finds_nothing(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "_with_trafilatura", lambda html: Parsed())
    doc = read_document(write(tmp_path, "page.html", WORDPRESS_PAGE))
    assert html_reader.FALLBACK in doc.meta["notices"]
    _check_wordpress_doc(doc.texts)
    assert "Что говорит защита" in doc.texts
    assert doc.segments[doc.texts.index("Что говорит защита")].kind == "heading"


def test_html_line_breaks_are_spaces_and_a_vertical_tab_after_one_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by the fuzz test: a control character after a <br> stopped the reader (lxml
    refused the changed text); comments are skipped, the text after them is not."""
    monkeypatch.setattr(html_reader, "_with_trafilatura", lambda html: Parsed())
    page = ("<p>Мост<!-- примечание -->открыли<br>\nв понедельник<br>\x0bутром, "
            "<b>вечером</b> — праздник.</p>")
    doc = read_document(write(tmp_path, "page.html", page), lang="ru")
    assert doc.texts == ["Мостоткрыли в понедельник утром, вечером — праздник."]


def test_html_double_line_breaks_separate_paragraphs(tmp_path: Path) -> None:
    page = ("<html><head><title>Заметка</title></head><body><article><h1>Заметка</h1><p>"
            + "Первый абзац заметки, довольно длинный, чтобы его сочли текстом. " * 3
            + "<br><br>" + "Второй абзац заметки, тоже длинный и содержательный текст. " * 3
            + "</p></article></body></html>")
    doc = read_document(write(tmp_path, "note.html", page), lang="ru")
    assert len([s for s in doc.segments if s.kind == "body"]) == 2


def test_extensionless_html_is_sniffed(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "saved_page", WORDPRESS_PAGE))
    assert doc.meta["format"] == "html"


# ---------------------------------------------------------------------------- docx
def test_docx_paragraphs_and_heading_styles(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.add_heading("Суд над журналистом", level=0)  # style "Title"
    document.add_paragraph("")
    document.add_paragraph("В Минске начался суд над журналистом. Защита просит закрыть дело.")
    document.add_heading("Что говорит защита", level=1)
    localised = document.styles.add_style("Заголовок 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Локальный заголовок", style=localised)
    document.add_paragraph("Адвокат заявил,\tчто обвинение\u00a0не представило доказательств.")
    document.add_paragraph("   ")
    path = tmp_path / "article.docx"
    document.save(path)

    doc = read_document(path)
    assert doc.lang == "ru" and doc.meta["format"] == "docx"
    assert [(s.kind, s.text) for s in doc.segments] == [
        ("heading", "Суд над журналистом"),
        ("body", "В Минске начался суд над журналистом. Защита просит закрыть дело."),
        ("heading", "Что говорит защита"),
        ("heading", "Локальный заголовок"),
        ("body", "Адвокат заявил,\tчто обвинение\u00a0не представило доказательств."),
    ]


def test_docx_tables_are_read_in_place_one_row_a_segment(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Число эвакуированных жителей по районам приведено ниже.")
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate([["Район", "Жителей", ""], ["Северный", "5\u00a0000", "да"],
                                 ["", "", ""]]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    table.cell(0, 1).merge(table.cell(0, 2))  # one cell over two columns: read once
    table.cell(1, 0).paragraphs[0].add_run().add_break()
    table.cell(1, 0).paragraphs[0].add_run("район")
    document.add_paragraph("Текст после таблицы.")
    path = tmp_path / "table.docx"
    document.save(path)

    doc = read_document(path, lang="ru")
    assert doc.texts == ["Число эвакуированных жителей по районам приведено ниже.",
                         "Район\tЖителей", "Северный район\t5\u00a0000\tда",
                         "Текст после таблицы."]
    assert [segment.kind for segment in doc.segments[1:3]] == ["body", "body"]
    assert "2 table rows read, one row a segment (cells joined by a tab)" in doc.meta["notices"]


TABLE_PAGE = """<html><head><meta charset="utf-8"><title>Наводнение</title></head><body>
<article><h1>Наводнение в Приморье</h1>
<p>Из затопленных районов эвакуированы 5&nbsp;000 жителей, сообщили в штабе. Спасатели
работают круглосуточно, к вечеру вода начала спа&shy;дать.</p>
<table><tr><th>Район</th><th>Жителей</th></tr><tr><td>Северный</td><td>5&#160;000</td></tr>
<tr><td>Южный</td><td>1\u202f200</td></tr></table>
<p>Дороги в районе пока закрыты для транспорта, мост восстановят до конца лета, пообещал
глава района. Жителям выплатят компенсации.</p>
</article></body></html>"""


@pytest.mark.parametrize("reader", ["trafilatura", "fallback"])
def test_html_keeps_tables_and_typographic_spaces(tmp_path: Path, reader: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    if reader == "fallback":
        monkeypatch.setattr(html_reader, "_with_trafilatura", lambda html: Parsed())
    doc = read_document(write(tmp_path, "page.html", TABLE_PAGE), lang="ru")
    assert "Район\tЖителей" in doc.texts
    assert "Северный\t5\u00a0000" in doc.texts
    assert "Южный\t1\u202f200" in doc.texts
    assert any("5\u00a0000 жителей" in text and "спа\u00adдать" in text for text in doc.texts)
    assert "3 table rows read, one row a segment (cells joined by a tab)" in doc.meta["notices"]


def test_docx_that_is_not_a_zip_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, "fake.docx", "просто текст, а не документ Word")
    with pytest.raises(InputError, match=r"fake\.docx: is not a valid \.docx file"):
        read_document(path)


# ---------------------------------------------------------------------------- bad input
def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as info:
        read_document(tmp_path / "nope.txt")
    assert str(info.value).startswith(str(tmp_path / "nope.txt"))


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory, expected a file"):
        read_document(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is empty"):
        read_document(write(tmp_path, "empty.txt", b""))


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    bytes(range(1, 32)) * 20,
])
def test_binary_file(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError, match="looks like a binary file, not text"):
        read_document(write(tmp_path, "image.txt", data))


def test_undecodable_file(tmp_path: Path) -> None:
    data = b" ".join(bytes(range(0x80, 0xC0))[i:i + 6] for i in range(0, 64, 6)) * 5
    with pytest.raises(InputError, match="cannot decode: not UTF-8, UTF-16 or a known"):
        read_document(write(tmp_path, "garbage.txt", data))


@pytest.mark.parametrize("text", [RU, "Die Größe der Straße über dem Fluss ist schön.\n" * 5,
                                  "北京是中国的首都，也是一座历史悠久的城市。\n" * 3])
def test_utf8_spoilt_by_a_stray_byte_names_the_byte(tmp_path: Path, text: str) -> None:
    """A truncated copy or a bad join leaves UTF-8 with one bad byte: say where it is."""
    head = text[:10].encode("utf-8")
    data = head + b"\xff" + text[10:].encode("utf-8")
    with pytest.raises(InputError, match=rf"UTF-8 but for 1 invalid byte sequence, the first "
                                         rf"at byte {len(head)} \(0xFF\)"):
        read_document(write(tmp_path, "spoilt.txt", data))


def test_no_text_after_cleaning(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", " \n\t\n\u200b\u00a0\n\ufeff\n")
    with pytest.raises(InputError, match="has no text after cleaning"):
        read_document(path, lang="ru")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", RU)
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_document(path)
    finally:
        path.chmod(0o644)


def test_old_word_file_is_refused_with_advice(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.doc file; save it as \.docx"):
        read_document(write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0"))


def test_unsure_language_asks_for_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--src-lang"):
        read_document(write(tmp_path, "short.txt", "Привет"))
    assert read_document(write(tmp_path, "short2.txt", "Привет"), lang="ru").lang == "ru"


def test_language_detected_when_not_given(tmp_path: Path) -> None:
    assert read_document(write(tmp_path, "en.txt", EN)).lang == "en"
    doc = read_document(write(tmp_path, "ru.txt", RU))
    assert doc.lang == "ru" and doc.meta["lang_source"] == "detected"


# ---------------------------------------------------------------------------- kinds
BODY = ("Власти заявили, что акция не была согласована, а её участники нарушили сразу "
        "несколько законов, и теперь им грозят большие штрафы.")


def kind_of(text: str) -> str:
    """The kind of ``text`` standing between two body paragraphs."""
    return classify([BODY, text, BODY], "ru")[1]


@pytest.mark.parametrize("kind, flagged, not_flagged", [
    ("credit", "Source: Vot-Tak.TV",
     "Source code of the program was published by the developers on Monday, and experts "
     "quickly found several serious vulnerabilities in it."),
    ("credit", "Источник: Vot-Tak.TV",
     "Источник в правительстве сообщил нам, что решение было принято ещё в декабре."),
    ("credit", "Translated by Elizabeth Rushton and Ecaterina Hughes",
     "Translated books sell poorly in this country, publishers say."),
    ("credit", "Перевод: Анна Смирнова",
     "Перевод книги занял у неё почти три года напряжённой работы."),
    ("credit", "Перевела Анна Смирнова", "Перевела дух и пошла дальше по улице."),
    ("credit", "© 2022 Vot Tak", "2022 год стал для страны очень трудным."),
    ("caption", "Фото: Reuters",
     "Фотограф Reuters, который снимал протесты в центре города, был задержан полицией."),
    ("caption", "Photo: Alexander Zemlianichenko / AP", "Photographs were not allowed inside."),
    ("caption", "Алексей Навальный в суде. Фото: Reuters",
     "Он показал мне фото: на нём были видны все участники встречи у здания суда."),
    ("caption", "Photo credit: Getty Images", "The photo credit was missing, he said."),
    ("byline", "10 January 2022", "10 January 2022 was the day when the protests began."),
    ("byline", "10 января 2022", "10 января 2022 года начались протесты в Алматы."),
    ("byline", "2022-01-10", "2022-01-10 is the date written in ISO format."),
    ("byline", "10.01.2022", "10.01.2022 в 10:00 начнётся заседание суда."),
    ("note", "Leave a Reply", "Leave a reply to the letter only after reading it carefully, "
                              "because the details matter a great deal here."),
    ("note", "Оставить комментарий", "Оставить комментарий под статьёй он так и не решился."),
    ("note", "Читайте также: Суд над журналистом в Минске",
     "Читайте то, что вам нравится."),
    ("note", "Read more:", "Read more books, the teacher told us."),
    ("note", "Share this:", "Shares fell sharply on Monday."),
    ("note", "Мнение автора может не совпадать с позицией редакции.",
     "Мнение автора этой книги изменилось за десять лет."),
    ("note", "The views expressed in this article are the author's own.",
     "The view from the window was beautiful."),
])
def test_kind_rules(kind: str, flagged: str, not_flagged: str) -> None:
    assert kind_of(flagged) == kind
    assert kind_of(not_flagged) == "body"


def test_author_name_under_title_is_a_byline() -> None:
    texts = ["Казахстан — извилистая дорога в Москву", "10 января 2022",
             "Александр Подрабинек", BODY, "Иван Петров", BODY, "Анна Смирнова"]
    kinds = classify(texts, "ru")
    assert kinds[:4] == ["heading", "byline", "byline", "body"]
    assert kinds[4] != "byline"  # a name between body paragraphs is no byline
    assert kinds[6] == "byline"  # the author signing off at the end


def test_english_byline_forms() -> None:
    texts = ["Kazakhstan: the winding road to Moscow", "By Aleksandr Podrabinek", BODY]
    assert classify(texts, "en") == ["heading", "byline", "body"]
    texts = ["Kazakhstan: the winding road to Moscow", "The New Reality", BODY]
    assert classify(texts, "en")[1] == "heading"  # a subtitle, not a name


def test_inferred_heading_needs_short_unpunctuated_line_before_longer_text() -> None:
    texts = [BODY, "Цена помощи", BODY, "Это короткая фраза.", BODY, "И вот", "ещё строчка",
             "и третья", BODY, "Последняя строка без точки"]
    assert classify(texts, "ru") == ["body", "heading", "body", "body", "body", "body", "body",
                                     "body", "body", "body"]


def test_known_kinds_are_kept() -> None:
    assert classify(["Источник: ТАСС", BODY], "ru", ["heading", None]) == ["heading", "body"]


@pytest.mark.parametrize("text", ["Monday, 10 January 2022", "10 янв. 2022 г., 14:35",
                                  "Опубликовано: 10.01.2022", "January 10, 2022",
                                  "10 de enero de 2022", "10. Januar 2022", "10 janvier 2022",
                                  "2022-01-10T14:35:00+03:00"])
def test_date_lines(text: str) -> None:
    assert is_date_line(text)


@pytest.mark.parametrize("text", ["10 человек", "В мае", "2022", "May we go?",
                                  "Март 2022 года был холодным"])
def test_not_date_lines(text: str) -> None:
    assert not is_date_line(text)


@pytest.mark.parametrize("line,kind", [
    ("Editor's note: this article has been updated.", "note"),
    ("(Translator's note: sums are given in roubles.)", "note"),
    ("Correction: an earlier version misspelled the name of the region.", "note"),
    ("Нашли ошибку? Выделите текст и нажмите Ctrl+Enter", "note"),
    ("English version prepared by Daria Kim for our international desk.", "credit"),
    ("Материал подготовила Ольга Смирнова", "credit"),
    ("Подготовил доклад министр финансов.", "body"),
])
def test_editorial_lines_between_paragraphs(line: str, kind: str) -> None:
    body = ("Это длинный абзац основного текста статьи, в котором рассказывается о важных "
            "событиях, произошедших в городе на прошлой неделе, и о реакции властей.")
    assert classify([body, body, line, body], None)[2] == kind


def test_lines_mode_records_the_blank_line_groups(tmp_path: Path) -> None:
    """Pre-split sentences keep their paragraphs; an invisible-only line is no sentence."""
    path = tmp_path / "split.txt"
    path.write_text("Первая фраза.\nВторая фраза.\n\n\u200b\nТретья фраза.\n\n\nЧетвёртая.\n",
                    encoding="utf-8")
    document = read_document(path, "ru", segments="lines")
    assert document.texts == ["Первая фраза.", "Вторая фраза.", "Третья фраза.", "Четвёртая."]
    assert document.meta["line_groups"] == [2, 1, 1]
