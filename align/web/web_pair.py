"""A pair given by addresses, or by a translation page alone, as two files on disk.

``sverka pair URL`` (or a saved ``page.html`` alone) is the translation; its original is
the page it names (:mod:`align.web.source_link`), fetched into the cache. ``sverka pair
URL URL`` fetches both; an address and a file mix freely. The result says which
original was taken and why, and keeps the addresses so the project can record them and
errors can name the address instead of the cache file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from align.errors import InputError
from align.web.address import is_url, slug

if TYPE_CHECKING:
    from align.model import Alignment, Document
    from align.web.fetch import Fetcher
    from align.web.source_link import Candidate

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
"""A saved page given alone is read as a translation that names its original."""


@dataclass(frozen=True)
class WebPair:
    """Both sides as files, and where they came from."""

    original: Path
    translation: Path
    original_url: str | None = None
    translation_url: str | None = None
    found_by: str | None = None
    """Why this original, when it was found through the translation page."""

    @property
    def name(self) -> str | None:
        """The pair's name from the original's address (a file keeps its own name)."""
        return slug(self.original_url) if self.original_url else None

    def taken(self) -> str | None:
        """The line that tells the user which original was taken, and why."""
        if self.found_by is None:
            return None
        return f"original: {self.original_url or self.original} ({self.found_by})"

    def named_by_address(self, error: InputError) -> InputError:
        """``error`` with each cache file named by its address: the user gave the address
        and has never seen the cache."""
        wording = str(error)
        for path, url in ((self.original, self.original_url),
                          (self.translation, self.translation_url)):
            if url:
                wording = wording.replace(str(path), url)
        path, _, problem = wording.partition(": ")
        return InputError(path, problem)

    def aligned(self, align: Callable[[], "Alignment"]) -> "Alignment":
        """What ``align`` makes of this pair's files, its sides recording their addresses;
        an :class:`InputError` it raises (a page with no text …) names the address the
        user gave, not the cache file. ``sverka pair`` and batch workers both align so."""
        try:
            alignment = align()
        except InputError as error:
            raise self.named_by_address(error) from None
        return self.with_addresses(alignment)

    def with_addresses(self, alignment: "Alignment") -> "Alignment":
        """``alignment`` whose sides record their addresses (``meta.url``) and the
        project how its original was found (``meta.original_found_by``)."""
        from align.model import Alignment

        meta = dict(alignment.meta)
        if self.found_by:
            meta["original_found_by"] = self.found_by
        return Alignment(_addressed(alignment.source, self.original_url),
                         _addressed(alignment.target, self.translation_url),
                         alignment.links, meta)


def _addressed(document: "Document", url: str | None) -> "Document":
    return replace(document, meta={**document.meta, "url": url}) if url else document


def is_web_input(first: str | os.PathLike[str], second: str | os.PathLike[str] | None) -> bool:
    """True when a side is an address, or a saved page is given alone (a translation
    that names its original), so the pair is read through :func:`web_pair`."""
    if is_url(first) or is_url(second):
        return True
    path = Path(first)
    return second is None and path.is_file() and path.suffix.lower() in PAGE_SUFFIXES


def web_pair(first: str | os.PathLike[str], second: str | os.PathLike[str] | None, *,
             cache: Path | None = None, fetcher: "Fetcher | None" = None,
             src_lang: str | None = None, tgt_lang: str | None = None) -> WebPair:
    """ORIGINAL TRANSLATION (either may be an address), or a translation page alone whose
    original is found through the page and fetched."""
    from align.web.fetch import cached_page

    if second is not None:
        sides = []
        for given in (first, second):
            if is_url(given):
                sides.append((cached_page(str(given), cache, fetcher).path, str(given).strip()))
            else:
                sides.append((Path(given), None))
        (original, original_url), (translation, translation_url) = sides
        return WebPair(original, translation, original_url, translation_url)
    if is_url(first):
        page = cached_page(str(first), cache, fetcher)
        translation, translation_url, page_url = page.path, str(first).strip(), page.final_url
    else:
        translation, translation_url, page_url = Path(first), None, None
    link = original_of(translation, translation_url or str(translation), page_url,
                       src_lang, tgt_lang)
    original = cached_page(link.url, cache, fetcher)
    return WebPair(original.path, translation, link.url, translation_url, link.why)


def original_of(page: Path, where: str, page_url: str | None, src_lang: str | None = None,
                tgt_lang: str | None = None) -> "Candidate":
    """The candidate original the page file ``page`` names (``where``: how the user gave
    the page, for errors)."""
    from align.fileio import read_bytes
    from align.ingest import MAX_BYTES, decode_bytes
    from align.ingest.html import declared_charset
    from align.web.source_link import choose, page_links

    data = read_bytes(page, MAX_BYTES)
    text, _ = decode_bytes(data, where, declared_charset(data))
    return choose(page_links(text, page_url, tgt_lang), where, src_lang)
