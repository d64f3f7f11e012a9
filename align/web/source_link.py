"""Where a translation page says its original is: the candidates, ranked, and why.

A translated article names its original in one of three ways, read here in order of how
plainly they say it:

1. a line such as "Source: <a>Vot-Tak.TV</a>", "Источник:", "Original:", "Quelle:" with a
   link (or a link whose own text says so, "Original article");
2. ``<link rel="alternate" hreflang="ru">`` (or such an ``<a>``): the same page in another
   language;
3. ``<link rel="canonical">`` to a page in another language (known from an alternate with
   the same address, or a language code in the address such as ``/ru/``).

The page is parsed with lxml's HTML parser (no network, comments and processing
instructions dropped); nothing is fetched here. Links to images and files, to the page
itself and in figure captions (they credit pictures) are not candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urljoin, urlsplit

from align.errors import InputError
from align.web.address import is_url, same_page

SOURCE_LINE, ALTERNATE, CANONICAL = 0, 1, 2
"""Ranks of the ways a page names its original: lower is plainer."""

LABELS = (
    "source", "original", "original article", "original text", "original version",
    "источник", "первоисточник", "оригинал", "оригинал статьи", "джерело", "оригінал",
    "quelle", "originalartikel", "original", "fuente", "texto original", "źródło",
    "oryginał", "fonte", "originale", "bron", "lähde", "kilde", "källa", "zdroj", "izvor",
)
"""Words that introduce the original, as "Label:" before a link, in several languages."""
_LABEL = "|".join(sorted({re.escape(label) for label in LABELS}, key=len, reverse=True))
_LABEL_BEFORE = re.compile(rf"(?:^|[^\w])({_LABEL})\s*[:：]\s*[^:：]{{0,80}}$", re.IGNORECASE)
"""The text before a link ends with "Label:" and at most a few words (no other colon)."""
_PUBLISHED_BEFORE = re.compile(r"(?:^|[^\w])(originally published(?: \w+){0,2} (?:in|at|by|on)"
                               r"|впервые опубликовано(?: \w+){0,2} (?:в|на))\s*[^:]{0,40}$",
                               re.IGNORECASE)
_LABEL_TEXT = re.compile(rf"(?:(?:read|see|view|читать|смотреть)\s+(?:the\s+)?)?({_LABEL})"
                         rf"(?:\s*[:：].*|\s+\w+)?\s*[.»]?", re.IGNORECASE | re.DOTALL)
"""A link whose own text names the original: "Source: Vot-Tak.TV", "Original article"."""

_BLOCKS = {"p", "div", "li", "td", "th", "dd", "dt", "blockquote", "section", "article",
           "aside", "header", "footer", "main", "body", "h1", "h2", "h3", "h4", "h5", "h6",
           "address", "figure", "table", "ul", "ol"}
_NOT_PAGES = (".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".avif", ".pdf", ".mp3",
              ".mp4", ".zip", ".css", ".js", ".rss", ".xml")
_URL_LANG_PATH = re.compile(r"/([a-z]{2,3})(?:[-_][a-z]{2,4})?(?=/|$)", re.IGNORECASE)
_URL_LANG_HOST = re.compile(r"^([a-z]{2,3})\.", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A page the translation names as (possibly) its original."""

    url: str
    rank: int
    why: str
    """How the page names it, for the user: ``the page's "Source:" link``."""
    lang: str | None = None
    """Its language when the page says it (hreflang) or its address shows it (``/ru/``)."""


@dataclass
class PageLinks:
    """What a translation page says about itself and its original."""

    lang: str | None
    """The page's own language (given, declared by the page, or detected), base code."""
    base: str | None
    """The address relative links are read against; None for a saved page that does not
    say where it came from."""
    candidates: list[Candidate] = field(default_factory=list)
    """Best first: by rank, then in the order of the page."""
    unresolved: list[str] = field(default_factory=list)
    """Relative source links that could not be read without ``base``."""


def page_links(html: str, page_url: str | None = None, page_lang: str | None = None
               ) -> PageLinks:
    """The candidate originals of the page ``html`` (fetched from ``page_url``, if it was
    fetched; ``page_lang`` when the user gave the translation's language)."""
    from lxml import etree

    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                              encoding="utf-8")
    root = etree.fromstring(html.encode("utf-8"), parser) if html.strip() else None
    if root is None:
        return PageLinks(_base_language(page_lang), page_url)
    own = _own_address(root, page_url)
    base = _base(root, own)
    links = PageLinks(_base_language(page_lang) or _declared_language(root)
                      or _detected_language(root), base)
    alternates = _alternates(root, base)
    found: list[Candidate] = []
    for url, why in _source_lines(root, base, links.unresolved):
        found.append(Candidate(url, SOURCE_LINE, why, _language_of(url, alternates)))
    for url, lang in alternates:
        if links.lang is None or _base_language(lang) != links.lang:
            found.append(Candidate(url, ALTERNATE, f'the page\'s alternate-language link '
                                   f'(hreflang="{lang}")', lang))
    canonical = _canonical(root, base)
    if canonical:
        lang = _language_of(canonical, alternates)
        if lang and links.lang and _base_language(lang) != links.lang:
            found.append(Candidate(canonical, CANONICAL, f"the page's canonical link, to its "
                                   f"{lang} version", lang))
    links.candidates = _ranked([c for c in found if own is None or not same_page(c.url, own)])
    return links


def choose(links: PageLinks, where: str, src_lang: str | None = None) -> Candidate:
    """The original to take, or an :class:`InputError` naming the page ``where`` when it
    names none, or versions in several languages without a way to tell which is meant."""
    wanted = _base_language(src_lang)
    candidates = [c for c in links.candidates if not (
        wanted and c.rank != SOURCE_LINE and c.lang and _base_language(c.lang) != wanted)]
    if not candidates:
        raise InputError(where, _none_found(links, wanted))
    best = candidates[0]
    if best.rank == ALTERNATE:
        langs = sorted({_base_language(c.lang) for c in candidates
                        if c.rank == ALTERNATE and c.lang})
        if len(langs) > 1:
            raise InputError(where, f"links versions in {len(langs)} languages "
                             f"({', '.join(langs)}) and names no source; give --src-lang to "
                             "choose one, or the original's address beside it")
    same_rank = [c for c in candidates if c.rank == best.rank]
    if best.rank == SOURCE_LINE and len(same_rank) > 1:
        return Candidate(best.url, best.rank, f"{best.why}, the first of {len(same_rank)}",
                         best.lang)
    return best


def _none_found(links: PageLinks, wanted: str | None) -> str:
    if links.unresolved:
        return (f'its source link "{links.unresolved[0]}" is relative and the saved page does '
                "not say its own address; give the original's address beside it")
    if wanted and links.candidates:
        return (f"names no original in {wanted} (only other languages); give the original "
                "beside it")
    return ('names no original: no "Source:" (or "Источник:", "Original:" …) line with a '
            "link, no alternate-language link (hreflang), no canonical link to another "
            "language; give the original beside it")


def _ranked(found: list[Candidate]) -> list[Candidate]:
    """One candidate per page, with every way the page names it; best rank first, then in
    page order (the sort is stable)."""
    merged: dict[str, Candidate] = {}
    order: list[str] = []
    for candidate in found:
        key = next((url for url in order if same_page(url, candidate.url)), None)
        if key is None:
            merged[candidate.url] = candidate
            order.append(candidate.url)
            continue
        kept = merged[key]
        merged[key] = Candidate(kept.url, min(kept.rank, candidate.rank),
                                f"{kept.why} and {candidate.why}", kept.lang or candidate.lang)
    return sorted((merged[url] for url in order), key=lambda c: c.rank)


def _source_lines(root, base: str | None, unresolved: list[str]) -> list[tuple[str, str]]:
    """Links introduced by a "Source:"-like label, or whose text is one, in page order."""
    found = []
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith("#") or _in_caption(link):
            continue
        label = _label_of(link)
        if label is None:
            continue
        url = _resolve(href, base)
        if url is None:
            if not urlsplit(href).scheme:
                unresolved.append(href)
            continue
        if _is_page(url):
            found.append((url, label))
    return found


def _label_of(link) -> str | None:
    """How the text around a link names the original (``the page's "Source:" link``),
    or None when it does not."""
    text = _spaced(link.xpath("string()"))
    if text and _LABEL_TEXT.fullmatch(text):
        shown = text if len(text) <= 40 else text[:39] + "…"
        return f'the page\'s "{shown}" link'
    before = _text_before(link)
    match = _LABEL_BEFORE.search(before) or _PUBLISHED_BEFORE.search(before)
    if match is None:
        return None
    said = match.group(1)
    return f'the page\'s "{said}:" link' if match.re is _LABEL_BEFORE else \
        f'the page\'s "{said}" link'


def _text_before(link) -> str:
    """The text of the link's block (its paragraph, list item …) up to the link."""
    from lxml import etree

    block = next((a for a in link.iterancestors() if a.tag in _BLOCKS), None)
    if block is None:
        return ""
    parts: list[str] = []
    for event, node in etree.iterwalk(block, events=("start", "end")):
        if event == "start":
            if node is link:
                break
            if node.tag in ("script", "style"):
                continue
            parts.append(node.text or "")
        elif node is not block:
            parts.append(node.tail or "")
    return _spaced("".join(parts))[-200:]


def _in_caption(link) -> bool:
    return any(a.tag in ("figcaption", "figure") for a in link.iterancestors())


def _alternates(root, base: str | None) -> list[tuple[str, str]]:
    """(address, hreflang) of every alternate-language link, ``x-default`` left out."""
    found = []
    for element in root.iter("link", "a"):
        lang = (element.get("hreflang") or "").strip()
        if not lang or lang.lower() == "x-default" or "alternate" not in _rel(element):
            continue
        url = _resolve(element.get("href") or "", base)
        if url and _is_page(url):
            found.append((url, lang))
    return found


def _canonical(root, base: str | None) -> str | None:
    for element in root.iter("link"):
        if "canonical" in _rel(element):
            return _resolve(element.get("href") or "", base)
    return None


def _own_address(root, page_url: str | None) -> str | None:
    """Where the page lives: the address it was fetched from, else what it says
    (``og:url``) when saved from a browser."""
    if page_url:
        return page_url
    for meta in root.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and is_url(meta.get("content")):
            return meta.get("content").strip()
    return None


def _base(root, own: str | None) -> str | None:
    """What relative links are read against: ``<base href>``, else the page's address,
    else a saved page's canonical link."""
    for element in root.iter("base"):
        href = (element.get("href") or "").strip()
        if is_url(href):
            return href
        if href and own:
            return urljoin(own, href)
    if own:
        return own
    for element in root.iter("link"):
        if "canonical" in _rel(element) and is_url(element.get("href")):
            return element.get("href").strip()
    return None


def _resolve(href: str, base: str | None) -> str | None:
    href = href.strip()
    url = urljoin(base, href) if base else href
    return url.split("#", 1)[0] if is_url(url) else None


def _rel(element) -> set[str]:
    return set((element.get("rel") or "").lower().split())


def _is_page(url: str) -> bool:
    return not urlsplit(url).path.lower().endswith(_NOT_PAGES)


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _declared_language(root) -> str | None:
    """``<html lang>``, else ``Content-Language``, else ``og:locale``."""
    declared = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    for meta in root.iter("meta"):
        if declared:
            break
        if (meta.get("http-equiv") or "").lower() == "content-language" or \
                (meta.get("property") or "").lower() == "og:locale":
            declared = meta.get("content")
    return _base_language(declared)


def _detected_language(root) -> str | None:
    from align.language import detect_language

    body = root.find("body")
    if body is None:
        return None
    text = " ".join(t for t in body.itertext() if t.strip())
    return detect_language(text) if text else None


def _language_of(url: str, alternates: list[tuple[str, str]]) -> str | None:
    """The language of the page at ``url``: an alternate link's hreflang for it, else a
    language code in its address (``/ru/``, ``ru.example.org``, ``?lang=ru``)."""
    from align.language import language_scripts

    for address, lang in alternates:
        if same_page(address, url):
            return lang
    parts = urlsplit(url)
    guesses = [m.group(1) for m in _URL_LANG_PATH.finditer(parts.path)]
    host = _URL_LANG_HOST.match(parts.hostname or "")
    guesses += [host.group(1)] if host and host.group(1).lower() != "www" else []
    guesses += parse_qs(parts.query).get("lang", []) + parse_qs(parts.query).get("hl", [])
    for guess in guesses:
        if language_scripts(guess) is not None:
            return guess.lower()
    return None


def _base_language(lang: str | None) -> str | None:
    from align.language import base_language

    return base_language(lang) if lang and lang.strip() else None
