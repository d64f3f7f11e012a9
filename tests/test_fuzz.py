"""Real text never crashes: odd input through reading, aligning, checking and the CLI.

Hypothesis writes files of random Unicode, tokenised text with spaced punctuation,
punctuation-only and one-character lines, name-shaped lines, mixed scripts, right-to-left
text, combining marks, zero-width characters, Markdown and HTML fragments, long digit runs,
BOMs, CRLF or CR line ends and invalid bytes; EPUB, ODT and PDF files cut short or with
bytes overwritten; subtitles with broken cue timing. Each either aligns (or reads) or is
refused with one line naming the file (exit status 2); anything else is a bug. Examples
are bounded so that the file stays fast (``SVERKA_FUZZ_SCALE=N`` multiplies them for a
long hunt); everything runs offline in a temporary folder.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.check import check_alignment
from align.cli import main
from align.errors import SverkaError
from align.ingest import classify, read_document
from align.model import SEGMENT_KINDS
from align.options import PairOptions
from align.pairing import PairRequest, align_request
from xml_validation import assert_valid_tmx

SCALE = int(os.environ.get("SVERKA_FUZZ_SCALE", "1"))
"""Examples per test are multiplied by this: ``SVERKA_FUZZ_SCALE=50`` for a long hunt."""
FUZZ = settings(max_examples=60 * SCALE, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS: dict[str, tuple[str, ...]] = {
    "de": ("Die", "Route", "wurde", "von", "Michel", "Piola", "Vernier", "erstmals", "begangen",
           "und", "der", "Fels", "ist", "schön", "Größe", "über", "Straße"),
    "fr": ("La", "voie", "a", "été", "ouverte", "par", "Michel", "Piola", "Vernier", "et", "le",
           "rocher", "est", "très", "beau", "l'escalade", "où", "ça"),
    "ru": ("Фото", "на", "стене", "висело", "Источник", "Читать", "далее", "Москва", "и",
           "Подрабинек", "Александр", "ещё", "съёмка"),
    "uk": ("Продовження", "читайте", "Джерело", "Київ", "їжа", "і", "ґанок", "Переклад"),
    "en": ("Translated", "by", "Continue", "reading", "Source", "Photo", "the", "and", "Share"),
    "ar": ("مرحبا", "بالعالم", "في", "القاهرة", "كتاب", "الترجمة"),
    "he": ("שלום", "עולם", "ספר", "תרגום", "ירושלים"),
    "zh": ("你好", "世界", "翻译", "北京"),
}
PUNCTUATION = tuple(",.;:!?«»„“”‚‘’()[]{}—–-…'\"/\\|·•*#>~_=+&%$€№©")
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f",
             "\u202a", "\u202b", "\u202e", "\u2066", "\u2069", "\u00a0", "\u2028", "\u2029",
             "\x0b", "\x0c", "\x85")
COMBINING = ("\u0301", "\u0308", "\u0327", "\u0300", "\u0336", "\u20dd", "\u05b4", "\u064e")
INVALID_BYTES = (b"\xff", b"\xfe", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80")

any_character = st.characters(blacklist_categories=("Cs",))
"""Lone surrogates cannot be written as UTF-8; invalid bytes are added separately."""


@st.composite
def words(draw, lang: str | None = None) -> str:
    """A word of ``lang`` (or any language), maybe with a combining mark or an invisible
    character inside."""
    lang = lang or draw(st.sampled_from(sorted(WORDS)))
    word = draw(st.sampled_from(WORDS[lang]))
    garnish = draw(st.sampled_from(("",) * 6 + COMBINING + INVISIBLE))
    at = draw(st.integers(0, len(word)))
    return word[:at] + garnish + word[at:]


def tokenised(lang: str | None = None) -> st.SearchStrategy[str]:
    """Tokenised text: punctuation standing alone between spaces ("Michel Piola , Vernier"),
    mostly in ``lang`` with a foreign word now and then."""
    token = st.one_of(words(lang), words(lang), words(lang), words(),
                      st.sampled_from(PUNCTUATION))
    return st.lists(token, min_size=1, max_size=14).map(" ".join)


NAME_WORDS = ("Michel", "Piola", "Vernier", "Анна", "Іван", "Müller", "O'Neil", "A.", "de",
              "von", "и", "and", "&")
NAME_GLUE = (" ", " ", " ", " , ", ",", " ; ", " - ", " . ", " — ", " ( ", " ) ", " / ")


@st.composite
def names(draw) -> str:
    """Name-shaped lines, where bylines are looked for: "Michel Piola , Vernier"."""
    parts = draw(st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=5))
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(NAME_GLUE)) + part
    return text + draw(st.sampled_from(("", "", " ,", " .", ",")))


MARKUP = ("#", "# ", "###### x", "---", "***", "```", "~~~", "> ", ">", "- ", "1. ", "===",
          "<p>", "</p>", "<h1>", "</h1>", "<br>", "<!DOCTYPE html>", "<html><body>",
          "<meta charset=\"koi8-r\">", "<meta charset=\"nonsense\">", "<script>", "<!--",
          "&amp;", "&#0;", "&#xD800;", "&#x110000;", "&nbsp;", "<title></title>", "<table><tr><td>")
"""Markdown and HTML fragments, so that the format readers see broken structure too."""
markup = st.lists(st.one_of(st.sampled_from(MARKUP), tokenised()), min_size=1,
                  max_size=4).map("".join)
digit_runs = st.builds(lambda digit, count, unit: digit * count + unit,
                       st.sampled_from("0957٣"), st.integers(1, 6000),
                       st.sampled_from(("", "th", "-го", ",5", " 000", "%")))
"""Numbers of every length, past the 4,300 digits that ``int()`` refuses to read."""
punctuation_only = st.text(st.sampled_from((*PUNCTUATION, " ")), min_size=1, max_size=8)
one_character = any_character.map(str)
random_unicode = st.text(any_character, max_size=40)


def lines(lang: str | None = None) -> st.SearchStrategy[str]:
    return st.one_of(tokenised(lang), tokenised(lang), tokenised(lang), names(), names(),
                     markup, digit_runs, punctuation_only, one_character, random_unicode,
                     st.sampled_from(INVISIBLE))


@st.composite
def files(draw, lang: str | None = None) -> bytes:
    """A text file's bytes: some lines, LF, CRLF or CR, blank lines or none, maybe a BOM or
    an invalid byte sequence somewhere."""
    chosen = draw(st.lists(lines(lang), min_size=1, max_size=10))
    separator = draw(st.sampled_from(("\n", "\n\n", "\r\n", "\r\n\r\n", "\r")))
    data = separator.join(chosen).encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 9)) == 0:  # rarely: a file that cannot be decoded is refused
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(INVALID_BYTES)) + data[at:]
    return data


@st.composite
def pairs(draw) -> tuple[bytes, bytes, str | None, str | None]:
    """An original and a translation in two languages, usually labelled (a label is left
    out one time in eight, so detection runs too)."""
    src_lang, tgt_lang = draw(st.lists(st.sampled_from(sorted(WORDS)), min_size=2,
                                       max_size=2, unique=True))
    labels = [lang if draw(st.integers(0, 7)) else None for lang in (src_lang, tgt_lang)]
    return draw(files(src_lang)), draw(files(tgt_lang)), labels[0], labels[1]


languages = st.sampled_from((None, "de", "fr", "ru", "uk", "en", "ar", "he", "zh"))
suffixes = st.sampled_from((".txt", ".md", ".html", ".text"))
segmentations = st.sampled_from(("paragraphs", "lines"))
levels = st.sampled_from(("paragraph", "sentence"))


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def run_cli(argv: list[str]) -> tuple[int, str]:
    """``sverka ARGV`` in-process: its exit status and what it wrote to stderr."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = main(argv)
    return status, stderr.getvalue()


def assert_one_line_error(error: SverkaError, *paths: Path) -> None:
    """A refusal is one line that starts with the file it is about."""
    message = str(error)
    assert "\n" not in message and "Traceback" not in message
    assert any(message.startswith(f"{path}: ") for path in paths), message


# ---------------------------------------------------------------------------- library
@settings(max_examples=300 * SCALE, deadline=None)
@given(st.lists(lines(), min_size=1, max_size=8))
def test_any_lines_get_a_kind(texts: list[str]) -> None:
    """The kind classifier sees every paragraph, whatever it holds."""
    texts = [text for text in (" ".join(text.split()) for text in texts) if text]
    kinds = classify(texts, None)
    assert len(kinds) == len(texts) and set(kinds) <= set(SEGMENT_KINDS)


@FUZZ
@given(data=files(), suffix=suffixes, lang=languages, segments=segmentations)
def test_any_file_reads_into_segments_or_one_clear_error(data: bytes, suffix: str,
                                                         lang: str | None,
                                                         segments: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), "input" + suffix, data)
        try:
            document = read_document(path, lang, segments)
        except SverkaError as error:
            assert_one_line_error(error, path)
            return
    assert len(document) >= 1
    for segment in document.segments:
        assert segment.text and segment.text == segment.text.strip()
        assert segment.kind in SEGMENT_KINDS
        assert "\n" not in segment.text


@FUZZ
@given(pair=pairs(), level=levels, segments=segmentations)
def test_any_pair_aligns_and_checks_or_is_refused(pair: tuple[bytes, bytes, str | None,
                                                              str | None],
                                                  level: str, segments: str) -> None:
    source, target, src_lang, tgt_lang = pair
    with tempfile.TemporaryDirectory() as folder:
        request = PairRequest(write(Path(folder), "a.txt", source),
                              write(Path(folder), "b.txt", target),
                              PairOptions(src_lang, tgt_lang, level, segments))
        try:
            alignment = align_request(request)
        except SverkaError as error:
            assert_one_line_error(error, request.original, request.translation)
            return
        if level == "paragraph":  # the segments are the text as read, unchanged
            assert alignment.source.texts == read_document(request.original, src_lang,
                                                           segments).texts
    for flag in check_alignment(alignment):
        assert 0 <= flag.link < len(alignment.links) and flag.message


# ---------------------------------------------------------------------------- CLI
@FUZZ
@given(pair=pairs(), level=levels, segments=segmentations, suffix=suffixes)
def test_cli_pair_then_check_exits_0_or_2(pair: tuple[bytes, bytes, str | None, str | None],
                                          level: str, segments: str, suffix: str) -> None:
    source, target, src_lang, tgt_lang = pair
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        original = write(folder, "original" + suffix, source)
        translation = write(folder, "translation" + suffix, target)
        project = folder / "pair.align.json"
        argv = ["pair", str(original), str(translation), "-o", str(project),
                "--tmx", str(folder / "pair.tmx"), "--tsv", str(folder / "pair.tsv"),
                "--level", level, "--segments", segments]
        for option, lang in (("--src-lang", src_lang), ("--tgt-lang", tgt_lang)):
            if lang:
                argv += [option, lang]
        status, errors = run_cli(argv)
        assert status in (0, 2)
        if status == 2:
            assert errors.startswith("sverka: error: ") and errors.count("\n") == 1
            assert not project.exists()
            return
        assert project.is_file()
        assert_valid_tmx(folder / "pair.tmx")
        status, errors = run_cli(["check", str(project), "--format", "json", "-q"])
        assert (status, errors) == (0, "")


# ---------------------------------------------------------------------------- long lines
HUNDRED_KB = 100 * 1024


@settings(max_examples=3 * SCALE, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pattern=st.lists(st.one_of(words("de"), st.sampled_from(PUNCTUATION)), min_size=1,
                        max_size=6), rtl=st.booleans())
def test_hundred_kilobyte_lines_align(pattern: list[str], rtl: bool) -> None:
    """A 100 kB line (a paragraph with no line breaks, or a minified page) is text too."""
    unit = " ".join(pattern) + " "
    line = unit * (HUNDRED_KB // len(unit.encode("utf-8")) + 1)
    other, lang = (("שלום עולם ספר תרגום ירושלים ", "he") if rtl
                   else ("La voie a été ouverte par Michel Piola , ", "fr"))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        original = write(folder, "de.txt", f"{line}\n\nKurz .\n\n{line}\n".encode("utf-8"))
        translation = write(folder, "fr.txt", (other * 4000 + "\n\nCourt .\n").encode("utf-8"))
        project = folder / "long.align.json"
        status, errors = run_cli(["pair", str(original), str(translation), "-q", "-o",
                                  str(project), "--src-lang", "de", "--tgt-lang", lang])
        if status == 2 and "its text reads as" in errors:  # random letters read as another
            assert errors.count("\n") == 1 and errors.startswith(f"sverka: error: {original}: ")
            return                                       # language: refused in one line
        assert (status, errors) == (0, "")
        assert run_cli(["check", str(project), "-q"]) == (0, "")


# ---------------------------------------------------------------------------- books, subtitles
def zipped(members: dict[str, str], compression: int) -> bytes:
    """A zip archive (an EPUB or ODT package) made in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as package:
        for name, text in members.items():
            package.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def epub(text: str, compression: int) -> bytes:
    return zipped({
        "mimetype": "application/epub+zip",
        "META-INF/container.xml": '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:'
        'container"><rootfiles><rootfile full-path="book.opf"/></rootfiles></container>',
        "book.opf": '<package xmlns="http://www.idpf.org/2007/opf"><manifest><item id="a" '
        'href="a.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref '
        'idref="a"/></spine></package>',
        "a.xhtml": f'<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>{escape(text)}</h1>'
        f"<p>{escape(text)}</p></body></html>"}, compression)


def odt(text: str, compression: int) -> bytes:
    return zipped({"content.xml": (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
        'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        f"<office:text><text:h>{escape(text)}</text:h><text:p>{escape(text)}</text:p>"
        "</office:text></office:body></office:document-content>")}, compression)


@functools.cache
def pdf() -> bytes:
    """A two-page PDF with a running header, page numbers and a hyphenated line."""
    from fpdf import FPDF

    document = FPDF()
    for page in (1, 2):
        document.add_page()
        document.set_font("Helvetica", size=11)
        for row, line in enumerate(("Translated by Michel Piola , Vernier", "The route was "
                                    "first climbed in 1985 and the rock is informa-",
                                    "tion of the finest kind .", str(page))):
            document.text(20, 15 + 10 * row + (250 if row == 3 else 0), line)
    return bytes(document.output())


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """``data`` cut short, with bytes overwritten, or as it is."""
    how = draw(st.sampled_from(("cut", "overwrite", "overwrite", "keep")))
    if how == "cut":
        return data[:draw(st.integers(0, len(data)))]
    if how == "overwrite":
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at + 1:]
    return data


books = st.one_of(
    st.builds(lambda text, compression: ("book.epub", epub(text, compression)),
              tokenised("en"), st.sampled_from((zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED))),
    st.builds(lambda text, compression: ("book.odt", odt(text, compression)),
              tokenised("en"), st.sampled_from((zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED))),
    st.just(("book.pdf", b"")))
"""(file name, bytes) of a book; the PDF's bytes are made once, when first drawn."""


@FUZZ
@given(book=books, data=st.data(), segments=segmentations)
def test_damaged_books_read_or_are_refused_in_one_line(book: tuple[str, bytes], data,
                                                       segments: str) -> None:
    """An EPUB, ODT or PDF cut short or with bytes overwritten: read, or one clear line."""
    name, content = book
    content = data.draw(damaged(content or pdf()))
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), name, content)
        try:
            document = read_document(path, "en", segments)
        except SverkaError as error:
            assert_one_line_error(error, path)
            return
    assert all(segment.text and "\n" not in segment.text for segment in document.segments)


timings = st.one_of(
    st.builds("{:02d}:{:02d}:{:02d},{:03d} --> {:02d}:{:02d}:{:02d},{:03d}".format,
              *[st.integers(0, 99)] * 3, st.integers(0, 999), *[st.integers(0, 99)] * 3,
              st.integers(0, 999)),
    st.builds("{:02d}:{:02d}.{:03d} --> {:02d}:{:02d}.{:03d}".format, *[st.integers(0, 70)] * 2,
              st.integers(0, 999), *[st.integers(0, 70)] * 2, st.integers(0, 999)),
    st.text(st.sampled_from("0123456789:,.-> \t"), max_size=30), tokenised())
"""Cue timing lines: SRT-like, WebVTT-like (valid or out of range) and garbage."""


@FUZZ
@given(cues=st.lists(st.tuples(st.sampled_from(("", "7\n", "intro\n")), timings,
                               st.lists(lines(), min_size=0, max_size=3)), min_size=1,
                     max_size=6),
       header=st.sampled_from(("", "WEBVTT\n\n", "WEBVTT - film\nKind: captions\n\n")),
       suffix=st.sampled_from((".srt", ".vtt")))
def test_any_subtitles_read_into_cues_or_one_clear_error(cues, header: str,
                                                         suffix: str) -> None:
    text = header + "\n\n".join(f"{name}{timing}\n" + "\n".join(body)
                                 for name, timing, body in cues)
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), "film" + suffix, text.encode("utf-8"))
        try:
            document = read_document(path, "en")
        except SverkaError as error:
            assert_one_line_error(error, path)
            return
    assert 1 <= len(document) <= len(cues)
    assert all(segment.text == segment.text.strip() for segment in document.segments)


# ---------------------------------------------------------------------------- regressions
GERMAN = ("Die Route wurde von Michel Piola , Vernier und anderen im Jahr 1985 erstmals "
          "begangen .\n\nMichel Piola , Vernier\n\nDie Kletterei ist schwer , aber die "
          "Felsqualität ist ausgezeichnet und der Zustieg kurz .\n")
FRENCH = ("La voie a été ouverte par Michel Piola , Vernier et d'autres en 1985 pour la "
          "première fois .\n\nMichel Piola , Vernier\n\nL'escalade est difficile , mais la "
          "qualité du rocher est excellente et l'approche est courte .\n")


def test_tokenised_pair_with_lone_commas_pairs(tmp_path: Path) -> None:
    """The reported crash: ``sverka pair`` on tokenised German and French ended in an
    IndexError from the byline test."""
    original = write(tmp_path, "de.txt", GERMAN.encode("utf-8"))
    translation = write(tmp_path, "fr.txt", FRENCH.encode("utf-8"))
    project = tmp_path / "route.align.json"
    assert run_cli(["pair", str(original), str(translation), "-o", str(project), "-q"]) == (0, "")
    alignment = align_request(PairRequest(original, translation))
    assert alignment.source.texts[1] == "Michel Piola , Vernier"  # kept exactly as written
    assert [link.type for link in alignment.links] == ["1-1", "1-1", "1-1"]


def test_a_number_key_of_thousands_of_digits_is_not_small() -> None:
    """The numbers check asks whether a number is small enough to be spelt out; int() of
    a 5000-digit key raised ValueError (Python's limit on int-from-text)."""
    from align.check.numbers import _small

    assert not _small("9" * 5000)
    assert not _small("²") and _small("12") and not _small("13")


def test_a_number_of_thousands_of_digits_aligns(tmp_path: Path) -> None:
    """A run of 5000 digits (a checksum, a corrupt table) is text like any other."""
    digits = "9" * 5000
    original = write(tmp_path, "de.txt", GERMAN.replace("1985", digits).encode("utf-8"))
    translation = write(tmp_path, "fr.txt", FRENCH.replace("1985", digits).encode("utf-8"))
    alignment = align_request(PairRequest(original, translation))
    assert len(alignment.links) == 3
