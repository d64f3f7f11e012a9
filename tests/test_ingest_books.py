"""Reading books and subtitles: EPUB, PDF, ODT, SRT and WebVTT.

Every file is made here, in ``tmp_path``: EPUB and ODT as zips of XML written by hand,
PDFs with fpdf2 (a test-only dependency) at exact positions, so the page geometry that
the PDF reader rebuilds paragraphs from is known. The texts are written for these tests,
except the UDHR's, read in place from ``shared/data`` (that test skips without it).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from align.errors import InputError
from align.ingest import FORMATS, read_document
from align.ingest.pdf_layout import (Line, join_lines, paragraphs, reading_order,
                                     remove_furniture)

EN_CHAPTERS = (
    ("The Lighthouse", ["The keeper climbed the stairs every evening before the sun went "
                        "down over the grey water.", "He lit the lamp and wrote the hour "
                        "in a small book that nobody ever read."]),
    ("The Storm", ["In October a storm broke the windows of the lower room.",
                   "The keeper waited for morning with his back against the door."]),
)


def assert_refused(path: Path, lang: str, problem: str) -> None:
    """Reading ``path`` fails with one line: the file, then a problem matching ``problem``."""
    with pytest.raises(InputError, match=problem) as caught:
        read_document(path, lang)
    assert str(caught.value).startswith(f"{path}: ") and "\n" not in str(caught.value)


def zip_of(path: Path, members: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as package:
        for name, text in members.items():
            package.writestr(name, text)


# ---------------------------------------------------------------------------- EPUB
def xhtml(heading: str, paragraphs_: list[str], extra: str = "") -> str:
    body = "".join(f"<p>{text}</p>" for text in paragraphs_)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/'
            'xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>x</title></head>'
            f"<body><section><h1>{heading}</h1>{body}{extra}</section></body></html>")


def make_epub(path: Path, chapters: list[str], *, title: str = "A Book",
              spine_order: list[int] | None = None, linear_no: set[int] = frozenset(),
              spine: bool = True, encrypted: bool = False) -> Path:
    """An EPUB 3 with ``chapters`` (XHTML texts) as chap0.xhtml…; the spine lists them in
    ``spine_order`` (default: as given)."""
    order = list(range(len(chapters))) if spine_order is None else spine_order
    items = "".join(f'<item id="c{n}" href="text/chap{n}.xhtml" '
                    'media-type="application/xhtml+xml"/>' for n in range(len(chapters)))
    refs = "".join(f'<itemref idref="c{n}" linear="{"no" if n in linear_no else "yes"}"/>'
                   for n in order)
    opf = ('<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
           '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
           f"<dc:title>{title}</dc:title><dc:language>en</dc:language></metadata>"
           f"<manifest>{items}</manifest>" + (f"<spine>{refs}</spine>" if spine else "")
           + "</package>")
    container = ('<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:'
                 'opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/'
                 'content.opf" media-type="application/oebps-package+xml"/></rootfiles>'
                 "</container>")
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        package.writestr("META-INF/container.xml", container)
        package.writestr("OEBPS/content.opf", opf)
        for n, chapter in enumerate(chapters):
            package.writestr(f"OEBPS/text/chap{n}.xhtml", chapter)
        if encrypted:
            package.writestr("META-INF/encryption.xml", (
                '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                '<enc:CipherData><enc:CipherReference URI="OEBPS/text/chap0.xhtml"/>'
                "</enc:CipherData></enc:EncryptedData></encryption>"))
    return path


def test_epub_chapters_in_spine_order_with_headings(tmp_path: Path) -> None:
    chapters = [xhtml(heading, texts) for heading, texts in EN_CHAPTERS]
    path = make_epub(tmp_path / "book.epub", chapters, title="Keeper", spine_order=[1, 0])
    doc = read_document(path, "en")
    storm, lighthouse = EN_CHAPTERS[1], EN_CHAPTERS[0]
    assert doc.texts == [storm[0], *storm[1], lighthouse[0], *lighthouse[1]]
    assert [segment.kind for segment in doc.segments] == ["heading", "body", "body"] * 2
    assert doc.meta["format"] == "epub" and doc.meta["title"] == "Keeper"


def test_epub_inline_markup_joins_and_navigation_is_left_out(tmp_path: Path) -> None:
    chapter = ('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" '
               'xmlns:epub="http://www.idpf.org/2007/ops"><body>'
               '<nav epub:type="toc"><ol><li>The Lighthouse</li></ol></nav>'
               "<h2>The <em>Last</em> Night</h2>"
               "<div>Loose text before a paragraph<p>The lamp went <b>out</b> at "
               'nine,<br/>and the sea<span epub:type="pagebreak" title="7">7</span> was '
               "calm.</p>after it</div></body></html>")
    doc = read_document(make_epub(tmp_path / "b.epub", [chapter]), "en")
    assert doc.texts == ["The Last Night", "Loose text before a paragraph",
                         "The lamp went out at nine, and the sea was calm.", "after it"]
    assert doc.segments[0].kind == "heading"


def test_epub_html_entities_without_dtd_still_read(tmp_path: Path) -> None:
    """Many books use &nbsp; or &mdash; in XHTML: not well-formed XML without the DTD."""
    chapter = ("<html><head><title/></head><body><p>The keeper&nbsp;slept &mdash; the "
               "lamp burned on until the morning came over the water.</p></body></html>")
    doc = read_document(make_epub(tmp_path / "e.epub", [chapter]), "en")
    assert [text.replace("\u00a0", " ") for text in doc.texts] == [
        "The keeper slept — the lamp burned on until the morning came over the water."]


def test_epub_non_linear_items_are_left_out_with_a_notice(tmp_path: Path) -> None:
    chapters = [xhtml(heading, texts) for heading, texts in EN_CHAPTERS]
    doc = read_document(make_epub(tmp_path / "n.epub", chapters, linear_no={1}), "en")
    assert doc.texts[0] == "The Lighthouse" and "The Storm" not in doc.texts
    assert any("non-linear" in notice for notice in doc.meta["notices"])


def test_a_chapter_that_unpacks_too_large_is_refused(tmp_path: Path, monkeypatch) -> None:
    """A zip bomb: the size a member claims, and the bytes it really gives, are capped."""
    from align.ingest import zipped

    monkeypatch.setattr(zipped, "MAX_MEMBER_BYTES", 2000)
    chapter = xhtml("The Lighthouse", ["The keeper climbed the stairs. " * 100])
    path = make_epub(tmp_path / "big.epub", [chapter])
    with pytest.raises(InputError, match=r"big\.epub: OEBPS/text/chap0\.xhtml inside is too "
                                         r"large"):
        read_document(path, "en")


# ---------------------------------------------------------------------------- ODT
ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')


def make_odt(path: Path, body: str, *, encrypted: bool = False) -> Path:
    content = (f'<?xml version="1.0"?><office:document-content {ODT_NS}><office:body>'
               f"<office:text>{body}</office:text></office:body></office:document-content>")
    manifest = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml">'
                + ('<manifest:encryption-data manifest:checksum="x"/>' if encrypted else "")
                + "</manifest:file-entry></manifest:manifest>")
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
        package.writestr("META-INF/manifest.xml", manifest)
    return path


def test_odt_headings_paragraphs_tables_and_lists_without_notes(tmp_path: Path) -> None:
    body = ('<text:h text:outline-level="1">Маяк</text:h>'
            "<text:p>Смотритель<text:s text:c=\"2\"/>поднимался по лестнице"
            '<text:note><text:note-body><text:p>сноска</text:p></text:note-body></text:note>'
            ' каждый <text:span>вечер</text:span>.<text:line-break/>Потом зажигал лампу.</text:p>'
            "<table:table><table:table-row><table:table-cell><text:p>ячейка</text:p>"
            "</table:table-cell></table:table-row></table:table>"
            "<text:list><text:list-item><text:p>Первый пункт списка.</text:p></text:list-item>"
            "</text:list><text:p/>")
    doc = read_document(make_odt(tmp_path / "a.odt", body), "ru")
    assert doc.texts == ["Маяк", "Смотритель поднимался по лестнице каждый вечер. Потом "
                                 "зажигал лампу.", "ячейка", "Первый пункт списка."]
    assert doc.segments[0].kind == "heading" and doc.meta["format"] == "odt"
    assert any("1 table row read" in notice for notice in doc.meta["notices"])


def test_odt_table_one_row_a_segment_merged_cell_once_nested_table_left_out(
        tmp_path: Path) -> None:
    def cell(text: str) -> str:
        return f"<table:table-cell><text:p>{text}</text:p></table:table-cell>"

    nested = ("<table:table-cell><text:p>Итого</text:p><table:table><table:table-row>"
              + cell("вложенная") + "</table:table-row></table:table></table:table-cell>")
    body = ("<table:table><table:table-header-rows><table:table-row>" + cell("Год")
            + cell("Число") + "</table:table-row></table:table-header-rows>"
            "<table:table-row>" + cell("2022") + cell("5 000") + "</table:table-row>"
            '<table:table-row><table:table-cell table:number-columns-spanned="2">'
            "<text:list><text:list-item><text:p>Данные</text:p></text:list-item></text:list>"
            "<text:p>за год</text:p></table:table-cell><table:covered-table-cell/>"
            "</table:table-row><table:table-row>" + nested + cell("") + "</table:table-row>"
            "<table:table-row>" + cell("") + cell("") + "</table:table-row></table:table>")
    doc = read_document(make_odt(tmp_path / "t.odt", body), "ru")
    assert doc.texts == ["Год\tЧисло", "2022\t5\u00a0000", "Данные за год", "Итого\t"]
    assert any("4 table rows read" in notice for notice in doc.meta["notices"])


def test_odt_entities_are_not_expanded(tmp_path: Path) -> None:
    """An entity naming a local file must not pull the file's text into the document."""
    secret = tmp_path / "secret.txt"
    secret.write_text("the keeper's password", encoding="utf-8")
    content = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY leak SYSTEM "file://{secret}">]>'
               f"<office:document-content {ODT_NS}><office:body><office:text><text:p>Смотритель"
               " поднимался по лестнице каждый вечер &leak;.</text:p></office:text></office:body>"
               "</office:document-content>")
    path = tmp_path / "x.odt"
    zip_of(path, {"content.xml": content})
    doc = read_document(path, "ru")
    assert "password" not in " ".join(doc.texts) and doc.texts[0].startswith("Смотритель")


# ---------------------------------------------------------------------------- subtitles
SRT = ("1\n00:00:01,000 --> 00:00:03,500\n<i>Where is the keeper?</i>\n\n"
       "2\n00:00:04,000 --> 00:00:06,000\n- Upstairs.\n- With the lamp.\n\n"
       "3\n00:00:06,500 --> 00:00:09,000\n{\\an8}The storm is coming.\n\nBring the lamp.\n")
"""The third cue has a blank line inside (some editors write them): it stays one cue."""


def test_srt_one_cue_a_segment_lines_joined_markup_removed(tmp_path: Path) -> None:
    path = tmp_path / "film.srt"
    path.write_text(SRT, encoding="utf-8")
    doc = read_document(path, "en")
    assert doc.texts == ["Where is the keeper?", "- Upstairs. - With the lamp.",
                         "The storm is coming. Bring the lamp."]
    assert doc.meta["format"] == "srt"


def test_vtt_header_notes_and_voice_tags(tmp_path: Path) -> None:
    path = tmp_path / "film.vtt"
    path.write_text("WEBVTT - a film\n\nNOTE written for a test\n\nintro\n00:01.000 --> "
                    "00:03.000 align:start\n<v Anna>Where is the keeper &amp; his dog?</v>\n\n"
                    "00:04.000 --> 00:06.000\nUpstairs,\n<c.loud>with the lamp.</c>\n",
                    encoding="utf-8")
    doc = read_document(path, "en", segments="lines")
    assert doc.texts == ["Where is the keeper & his dog?", "Upstairs, with the lamp."]
    assert any("no lines to keep" in notice for notice in doc.meta["notices"])


@pytest.mark.parametrize("name, text, problem", [
    ("a.srt", "1\n00:00:01,000 --> 00:00:0x,000\nHello there.\n", "cue 1 has a bad timing"),
    ("b.srt", "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\nNo timing here.\n",
     "cue 2 has no timing line"),
    ("c.srt", "1\n00:00:05,000 --> 00:00:02,000\nBackwards.\n", "cue 1 ends before it"),
    ("d.srt", "1\n00:00:01,000 --> 00:00:61,000\nSixty-one seconds.\n", "bad timing"),
    ("e.vtt", "00:01.000 --> 00:02.000\nNo header.\n", "does not start with WEBVTT"),
])
def test_bad_subtitles_are_one_line_errors(tmp_path: Path, name: str, text: str,
                                           problem: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert_refused(path, "en", problem)


# ---------------------------------------------------------------------------- PDF geometry
def line(text: str, page: int, top: float, x0: float = 72.0, x1: float = 520.0,
         size: float = 11.0) -> Line:
    return Line(text, page, x0, x1, top - size, top, size)


def test_hyphenated_words_join_only_before_lower_case() -> None:
    assert join_lines(["the informa-", "tion desk"]) == "the information desk"
    assert join_lines(["Jean-", "Paul came"]) == "Jean- Paul came"
    assert join_lines(["a dash -", "then"]) == "a dash - then"
    assert join_lines(["soft\u00ad", "Hyphen"]) == "softHyphen"
    assert join_lines(["plain", "lines"]) == "plain lines"


BODY_LINES = ("The keeper climbed the stairs", "every evening before the sun",
              "went down over the grey water", "and lit the lamp once more.")


def test_running_headers_footers_and_page_numbers_are_removed() -> None:
    pages = []
    for page in range(4):
        pages.append([line("The Book of the Keeper", page, 800, x0=200, x1=390),
                      line(BODY_LINES[page], page, 760),
                      line(f"Chapter {page + 1} — {page + 41}", page, 40, x0=72, x1=200),
                      line(str(page + 41), page, 20, x0=290, x1=300)])
    kept, removed = remove_furniture(pages)
    assert removed == 12
    assert [[item.text for item in page] for page in kept] == [
        [text] for text in BODY_LINES]


def test_a_line_on_few_pages_is_not_furniture() -> None:
    pages = [[line("Article 1", 0, 800), line("Text one.", 0, 780)],
             [line("Article 2", 1, 800), line("Text two.", 1, 780)],
             [line("Text three goes on", 2, 800), line("to the end.", 2, 780)],
             [line("Text four goes on", 3, 800), line("to the end.", 3, 780)]]
    kept, removed = remove_furniture(pages)
    assert removed == 0 and kept == pages


def test_paragraphs_from_gaps_indents_short_lines_and_type_size() -> None:
    lines_ = [line("The Keeper", 0, 800, x0=250, x1=345, size=18),
              line("The keeper climbed the stairs every evening before", 0, 770),
              line("the sun went down over the grey water.", 0, 756, x1=380),
              line("He lit the lamp and wrote the hour in a small book", 0, 742, x0=90),
              line("that nobody ever read, not even the inspector who", 0, 728),
              line("came in May", 0, 714),
              line("with a new lamp, and the", 0, 690),
              line("story goes on without a gap or an indent on the", 1, 800),
              line("next page, as a paragraph runs over a page.", 1, 786)]
    blocks = paragraphs([[item for item in lines_ if item.page == 0],
                         [item for item in lines_ if item.page == 1]])
    assert [(block.text, block.kind) for block in blocks] == [
        ("The Keeper", "heading"),
        ("The keeper climbed the stairs every evening before the sun went down over the "
         "grey water.", None),
        ("He lit the lamp and wrote the hour in a small book that nobody ever read, not "
         "even the inspector who came in May", None),
        ("with a new lamp, and the story goes on without a gap or an indent on the next "
         "page, as a paragraph runs over a page.", None)]


def test_list_items_start_paragraphs_and_keep_their_hanging_indent() -> None:
    lines_ = [line("• The keeper climbs the stairs and lights", 0, 800),
              line("the lamp before the sun goes down", 0, 786, x0=84),
              line("• He writes the hour in a small book", 0, 772),
              line("that nobody ever reads", 0, 758, x0=84, x1=300)]
    assert [block.text for block in paragraphs([lines_])] == [
        "• The keeper climbs the stairs and lights the lamp before the sun goes down",
        "• He writes the hour in a small book that nobody ever reads"]


LEFT_COLUMN = ["The keeper climbed the stairs", "every evening before the sun",
               "went down over the water and", "lit the lamp, and then he", "wrote the hour."]
RIGHT_COLUMN = ["In October a storm broke", "the windows of the lower room",
                "and the keeper waited for", "the morning with his back", "against the door."]


def test_a_page_in_two_columns_is_read_left_column_first() -> None:
    pieces = [line("THE KEEPER: A STORY IN TWO COLUMNS", 0, 810, x0=150, x1=440)]
    for row, (left, right) in enumerate(zip(LEFT_COLUMN, RIGHT_COLUMN)):
        last = row == len(LEFT_COLUMN) - 1  # each column ends its paragraph short
        pieces += [line(left, 0, 780 - 14 * row, x1=200 if last else 290),
                   line(right, 0, 780 - 14 * row, x0=310, x1=400 if last else 520)]
    ordered, in_columns = reading_order(pieces[::-1])
    assert in_columns
    assert [item.text for item in ordered] == [pieces[0].text, *LEFT_COLUMN, *RIGHT_COLUMN]
    assert [block.text for block in paragraphs([ordered])] == [
        pieces[0].text, " ".join(LEFT_COLUMN), " ".join(RIGHT_COLUMN)]


def test_one_column_with_short_lines_is_not_two_columns() -> None:
    pieces = [line(text, 0, 780 - 14 * row, x1=520 if row % 3 else 200)
              for row, text in enumerate(LEFT_COLUMN + RIGHT_COLUMN)]
    pieces.append(line("— 7 —", 0, 40, x0=290, x1=320))
    ordered, in_columns = reading_order(pieces)
    assert not in_columns and [item.text for item in ordered] == [item.text for item in pieces]


# ---------------------------------------------------------------------------- PDF files
def make_pdf(path: Path, pages: list[list[tuple[float, float, str, float]]]) -> Path:
    """A PDF whose pages hold (x, y from the top in mm, text, font size) lines."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for page in pages:
        pdf.add_page()
        for x, y, text, size in page:
            pdf.set_font("Helvetica", size=size)
            pdf.text(x, y, text)
    pdf.output(str(path))
    return path


BODY = [(25, "The keeper climbed the stairs every evening before the"),
        (25, "sun went down, and he wrote the hour of the informa-"),
        (25, "tion in a small book that nobody in the town ever read at all."),
        (25, "      In October a storm broke the windows of the lower"),
        (25, "room, and the keeper waited for the morning to come.")]
"""(x in mm, text): the fourth line is a paragraph's first line, indented with spaces as
some programs do (the spaces are drawn, so only the letters show the indent); the line
before it is the longest, so the indent alone tells the paragraphs apart."""


def test_pdf_paragraphs_without_furniture(tmp_path: Path) -> None:
    pages = []
    for number in range(3):
        lines_ = [(80, 15, "THE KEEPER", 9), (25, 30, f"Chapter {number + 1}", 16)]
        # the text starts lower on each page: body lines never recur at one height
        lines_ += [(x, 45 + 9 * number + 6 * k, text, 11) for k, (x, text) in enumerate(BODY)]
        lines_.append((100, 285, str(number + 1), 9))
        pages.append(lines_)
    doc = read_document(make_pdf(tmp_path / "book.pdf", pages), "en")
    first = ("The keeper climbed the stairs every evening before the sun went down, and he "
             "wrote the hour of the information in a small book that nobody in the town ever "
             "read at all.")
    second = ("In October a storm broke the windows of the lower room, and the keeper waited "
              "for the morning to come.")
    assert doc.texts == ["Chapter 1", first, second, "Chapter 2", first, second,
                         "Chapter 3", first, second]
    assert doc.segments[0].kind == "heading" and doc.meta["format"] == "pdf"
    assert any("removed 6 header, footer and page-number" in notice
               for notice in doc.meta["notices"])


def test_pdf_without_text_is_one_line_saying_so(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")  # a scanned page: a picture, no text layer
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError, match=r"scan\.pdf: has no text layer \(a scanned PDF\?\)"):
        read_document(path, "en")


def test_pdf_with_a_password_is_one_line_saying_so(tmp_path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret",
                       encryption_method=EncryptionMethod.RC4)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 20, "A secret keeper.")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError, match=r"locked\.pdf: is encrypted with a password"):
        read_document(path, "en")


def pdf_without_unicode_map() -> bytes:
    """A PDF written by hand whose one line is in a CID font with no map to Unicode (as
    some PDF printers leave them): the glyphs show, their letters cannot be read."""
    content = "BT /F1 12 Tf 72 770 Td <0011002200330044005500660077> Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /Keeper /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Keeper /CIDSystemInfo "
        "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
    ]
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    table = "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    return data + (f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n{table}trailer\n"
                   f"<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{len(data)}\n"
                   "%%EOF\n").encode("ascii")


def test_pdf_in_fonts_without_a_unicode_map_is_one_line_saying_so(tmp_path: Path) -> None:
    path = tmp_path / "glyphs.pdf"
    path.write_bytes(pdf_without_unicode_map())
    with pytest.raises(InputError, match=r"glyphs\.pdf: has text in fonts without a "
                                         r"Unicode map"):
        read_document(path, "en")


@pytest.mark.parametrize("name, build, problem", [
    ("a.epub", lambda path: path.write_bytes(b"PK\x03\x04 not a zip"), "not a valid zip"),
    ("b.epub", lambda path: make_epub(path, [xhtml("A", ["b"])], spine=False), "has no spine"),
    ("c.epub", lambda path: make_epub(path, [xhtml("A", ["b"])], encrypted=True),
     "is DRM-protected"),
    ("d.epub", lambda path: zip_of(path, {"mimetype": "application/epub+zip"}),
     "has no META-INF/container.xml inside"),
    ("e.odt", lambda path: path.write_bytes(b"not a zip at all"), "not a valid zip"),
    ("f.odt", lambda path: make_odt(path, "<text:p>тайна</text:p>", encrypted=True),
     "is password-protected"),
    ("g.odt", lambda path: zip_of(path, {"content.xml": "<broken"}),
     "content.xml inside is not valid XML"),
    ("h.pdf", lambda path: path.write_bytes(b"%PDF-1.4\n"), "is not a readable PDF"),
    ("i.pdf", lambda path: path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog"),
     "is not a readable PDF"),
    ("j.pdf", lambda path: path.write_bytes(b"\x00" * 64), "is not a readable PDF"),
])
def test_bad_books_are_one_line_errors(tmp_path: Path, name: str, build, problem: str) -> None:
    path = tmp_path / name
    build(path)
    assert_refused(path, "en", problem)


# ---------------------------------------------------------------------------- real text
UDHR = Path(__file__).resolve().parents[2] / "shared" / "data" / "udhr-en-ru" / "udhr_eng.xml"
UDHR_NS = "{http://efele.net/udhr}"


def udhr_chapters() -> list[list[tuple[str, str]]]:
    """The English UDHR as chapters (preamble, then each article) of (kind, text) items."""
    from lxml import etree

    root = etree.parse(str(UDHR)).getroot()
    chapters = []
    for part in [root.find(f"{UDHR_NS}preamble"), *root.iter(f"{UDHR_NS}article")]:
        items = [("heading", part.findtext(f"{UDHR_NS}title"))]
        items += [("body", " ".join("".join(para.itertext()).split()))
                  for para in part.iter(f"{UDHR_NS}para")]
        chapters.append(items)
    return chapters


def udhr_pdf(path: Path, chapters: list[list[tuple[str, str]]]) -> None:
    """A book-like PDF: justified text, first-line indents, no gaps between paragraphs,
    centred headings, a running header from page 2 and a page number on every page."""
    from fpdf import FPDF

    class Book(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("Helvetica", size=8)
                self.cell(0, 4, "Universal Declaration of Human Rights", align="C")
                self.set_y(20)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(0, 4, str(self.page_no()), align="C")

    pdf = Book(format=(148, 210))  # A5
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    for chapter in chapters:
        for kind, text in chapter:
            if kind == "heading":
                pdf.set_font("Helvetica", size=12)
                pdf.ln(4)
                pdf.multi_cell(0, 6, text, align="C", new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.set_font("Helvetica", size=10)
                pdf.multi_cell(0, 4.6, "    " + text, align="J", new_x="LMARGIN",
                               new_y="NEXT")  # spaces: the first line's indent
    pdf.output(str(path))


@pytest.mark.skipif(not UDHR.is_file(), reason=f"no UDHR data at {UDHR}")
def test_udhr_reads_back_paragraph_for_paragraph_from_epub_and_pdf(tmp_path: Path) -> None:
    chapters = [[(kind, text.replace("\u2010", "-")) for kind, text in chapter]
                for chapter in udhr_chapters()]  # Helvetica in a PDF has no U+2010
    written = [item for chapter in chapters for item in chapter]
    bodies = [xhtml(chapter[0][1], [text for _, text in chapter[1:]]) for chapter in chapters]
    headings = [number for number, (kind, _) in enumerate(written) if kind == "heading"]
    udhr_pdf(tmp_path / "udhr.pdf", chapters)
    for document in (read_document(make_epub(tmp_path / "udhr.epub", bodies), "en"),
                     read_document(tmp_path / "udhr.pdf", "en")):
        assert document.texts == [text for _, text in written]
        assert all(document.segments[number].kind == "heading" for number in headings)


# ---------------------------------------------------------------------------- registry
def test_every_registered_reader_can_be_loaded() -> None:
    import importlib

    for extension, reader in FORMATS.items():
        assert extension.startswith(".") and reader.takes in ("file", "text", "page")
        assert callable(getattr(importlib.import_module(reader.module), reader.function))


def test_the_registry_imports_no_reader_library() -> None:
    """Readers load their libraries when a file needs them: ``sverka`` starts fast."""
    import subprocess
    import sys

    code = "import sys, align.ingest; print(' '.join(sys.modules))"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True).stdout.split())
    assert not loaded & {"pdfminer", "lxml", "align.ingest.pdf", "align.ingest.epub",
                         "align.ingest.odt", "align.ingest.subtitles"}


def test_still_unsupported_formats_say_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "old.rtf"
    path.write_text("{\\rtf1 text}", encoding="ascii")
    with pytest.raises(InputError, match=r"old\.rtf: is an RTF file; save it as"):
        read_document(path, "en")
