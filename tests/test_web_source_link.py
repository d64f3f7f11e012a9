"""Finding a translation's original in the page itself: pages of several shapes, the
ranking between the ways a page names its original, and the pages that name none."""

from __future__ import annotations

import pytest

from align.errors import InputError
from align.web.source_link import ALTERNATE, CANONICAL, SOURCE_LINE, choose, page_links

PAGE = "https://example.org/en/news/elections"
TEXT = ("<p>On Sunday the people of Novosibirsk elected a new city council, and the turnout "
        "was lower than five years ago.</p>")


def _page(body: str, head: str = "", lang: str = "en") -> str:
    return (f'<html lang="{lang}"><head><title>Elections</title>{head}</head>'
            f"<body><article>{body}{TEXT}</article></body></html>")


def _taken(html: str, page_url: str | None = PAGE, **kwargs):
    return choose(page_links(html, page_url), page_url or "page.html", **kwargs)


@pytest.mark.parametrize("line, said", [
    ('<p>Source: <a href="https://vot-tak.tv/ru/article">Vot-Tak.TV</a></p>', '"Source:"'),
    ('<p><strong>Источник:</strong> <a href="https://vot-tak.tv/ru/article">Вот Так</a></p>',
     '"Источник:"'),
    ('<p>Original: Vot-Tak.TV, 10 January 2022, '
     '<a href="https://vot-tak.tv/ru/article">read it here</a></p>', '"Original:"'),
    ('<div>Quelle: <a href="https://vot-tak.tv/ru/article">vot-tak.tv</a></div>', '"Quelle:"'),
    ('<p><a href="https://vot-tak.tv/ru/article">Source: Vot-Tak.TV</a></p>',
     '"Source: Vot-Tak.TV"'),
    ('<p>Translated from Russian. <a href="https://vot-tak.tv/ru/article">Original article</a>'
     "</p>", '"Original article"'),
    ('<p>This piece was originally published in <a href="https://vot-tak.tv/ru/article">'
     "Vot-Tak.TV</a>.</p>", '"originally published in"'),
])
def test_a_labelled_line_names_the_original(line, said) -> None:
    taken = _taken(_page(line))
    assert taken.url == "https://vot-tak.tv/ru/article"
    assert taken.rank == SOURCE_LINE and said in taken.why


def test_a_relative_source_link_is_read_against_the_page_address() -> None:
    taken = _taken(_page('<p>Источник: <a href="../../ru/news/vybory#top">здесь</a></p>'))
    assert taken.url == "https://example.org/ru/news/vybory"


def test_a_saved_page_reads_relative_links_against_its_base_or_canonical() -> None:
    relative = '<p>Source: <a href="/ru/vybory">Vot-Tak.TV</a></p>'
    with_base = _page(relative, '<base href="https://vot-tak.tv/en/">')
    assert _taken(with_base, None).url == "https://vot-tak.tv/ru/vybory"
    with_canonical = _page(relative, '<link rel="canonical" href="https://mirror.example/en/x">')
    assert _taken(with_canonical, None).url == "https://mirror.example/ru/vybory"
    with pytest.raises(InputError, match=r'page\.html: its source link "/ru/vybory" is '
                       "relative and the saved page does not say its own address"):
        _taken(_page(relative), None)


def test_an_alternate_language_link_names_the_original() -> None:
    head = ('<link rel="alternate" hreflang="en" href="https://example.org/en/news/elections">'
            '<link rel="alternate" hreflang="ru" href="https://example.org/ru/news/vybory">'
            '<link rel="alternate" hreflang="x-default" href="https://example.org/">')
    taken = _taken(_page("", head))
    assert (taken.url, taken.rank, taken.lang) == ("https://example.org/ru/news/vybory",
                                                   ALTERNATE, "ru")
    assert 'hreflang="ru"' in taken.why


def test_alternates_in_several_languages_need_the_source_language() -> None:
    head = ('<link rel="alternate" hreflang="ru" href="https://example.org/ru/vybory">'
            '<link rel="alternate" hreflang="de" href="https://example.org/de/wahlen">')
    with pytest.raises(InputError, match=r"versions in 2 languages \(de, ru\).*--src-lang"):
        _taken(_page("", head))
    assert _taken(_page("", head), src_lang="de").url == "https://example.org/de/wahlen"
    with pytest.raises(InputError, match="names no original in fr"):
        _taken(_page("", head), src_lang="fr")


def test_a_canonical_link_counts_only_when_it_is_another_language() -> None:
    other = '<link rel="canonical" href="https://example.org/ru/news/vybory">'
    taken = _taken(_page("", other))
    assert (taken.url, taken.rank, taken.lang) == ("https://example.org/ru/news/vybory",
                                                   CANONICAL, "ru")
    itself = f'<link rel="canonical" href="{PAGE}/">'
    same_language = '<link rel="canonical" href="https://example.org/en/elections-2023">'
    for head in (itself, same_language):
        with pytest.raises(InputError, match="names no original"):
            _taken(_page("", head))


def test_a_source_line_outranks_an_alternate_and_a_page_naming_one_twice_says_both() -> None:
    head = '<link rel="alternate" hreflang="ru" href="https://example.org/ru/other">'
    line = '<p>Source: <a href="https://vot-tak.tv/ru/article">Vot-Tak.TV</a></p>'
    links = page_links(_page(line, head), PAGE)
    assert [c.rank for c in links.candidates] == [SOURCE_LINE, ALTERNATE]
    assert choose(links, PAGE).url == "https://vot-tak.tv/ru/article"
    both = '<link rel="alternate" hreflang="ru" href="https://vot-tak.tv/ru/article">'
    taken = _taken(_page(line, both))
    assert taken.rank == SOURCE_LINE and "Source:" in taken.why and "hreflang" in taken.why
    assert taken.lang == "ru"


def test_two_source_lines_take_the_first_and_say_so() -> None:
    lines = ('<p>Source: <a href="https://a.example/one">A</a></p>'
             '<p>Source: <a href="https://b.example/two">B</a></p>')
    taken = _taken(_page(lines))
    assert taken.url == "https://a.example/one" and "the first of 2" in taken.why


@pytest.mark.parametrize("body", [
    "",  # no link at all
    '<p>Read more on <a href="https://other.example/story">our partner\'s site</a>.</p>',
    '<figure><img src="x.jpg"><figcaption>Source: <a href="https://photos.example/p/1">'
    "Reuters</a></figcaption></figure>",  # a picture's credit
    '<p>Source: <a href="https://vot-tak.tv/photo.jpg">photo</a></p>',  # not a page
    '<p>Source: <a href="mailto:editor@example.org">the editor</a></p>',
    f'<p>Source: <a href="{PAGE}#top">this page</a></p>',  # the page itself
])
def test_pages_that_name_no_original(body) -> None:
    with pytest.raises(InputError, match=r"^https://example\.org/en/news/elections: names no "
                       "original"):
        _taken(_page(body))


def test_the_page_language_comes_from_the_page_or_the_user() -> None:
    assert page_links(_page("", lang="en-GB"), PAGE).lang == "en"
    assert page_links(_page("", lang="en"), PAGE, page_lang="de").lang == "de"
    undeclared = _page("").replace(' lang="en"', "")
    assert page_links(undeclared, PAGE).lang == "en"  # detected from the text
    assert page_links("", PAGE).candidates == []
