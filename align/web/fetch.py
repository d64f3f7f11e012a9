"""Web pages fetched once into a cache folder, politely, so a rerun works offline.

A page is kept as two files named after a hash of the address asked for: the bytes
(``KEY.html`` or ``KEY.txt``, so the readers of ``align.ingest`` know the format from the
suffix) and ``KEY.json`` with the address, the final address after redirects and the
content type. The bytes are written first and the record last, each atomically: a page
without its record is not in the cache, and a crash never leaves half a page that a rerun
would trust.

Every failure (a timeout, an HTTP error, a refused connection, a page that is not HTML or
text) is an :class:`~align.errors.InputError` naming the address: one line, exit 2.
urllib is imported inside the functions, so ``sverka --help`` does not pay for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from align import __version__
from align.errors import InputError
from align.web import DEFAULT_TIMEOUT, DEFAULT_WAIT
from align.web.address import host_of, is_url

USER_AGENT = (f"sverka/{__version__} (+a translation-alignment tool: fetches an article and "
              "its original once, caches them, and waits between requests)")
MAX_PAGE_BYTES = 100 * 1024 * 1024
"""As for files (``align.ingest.MAX_BYTES``): no article needs more."""

PAGE_TYPES: dict[str, str] = {
    "text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt",
}
"""Content types sverka reads, and the suffix that tells ``read_document`` the format."""


@dataclass(frozen=True)
class CachedPage:
    """A page on disk: where its bytes are, and what the server said about them."""

    url: str
    """The address asked for (the cache's key)."""
    final_url: str
    """The address after redirects: relative links on the page are read against it."""
    content_type: str
    path: Path


@dataclass(frozen=True)
class _Record:
    url: str
    final_url: str
    content_type: str
    file: str
    fetched: str


class PageCache:
    """Fetched pages in one folder, keyed by the address asked for."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def _key(self, url: str) -> str:
        return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:32]

    def _record_path(self, url: str) -> Path:
        return self.folder / f"{self._key(url)}.json"

    def get(self, url: str) -> CachedPage | None:
        """The page kept for ``url``, or None (never fetched, or its record is unreadable
        or its bytes gone: then it is fetched again)."""
        try:
            record = json.loads(self._record_path(url).read_text(encoding="utf-8"))
            page = CachedPage(record["url"], record["final_url"], record["content_type"],
                              self.folder / record["file"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return page if page.url == url.strip() and page.path.is_file() else None

    def put(self, url: str, final_url: str, content_type: str, body: bytes) -> CachedPage:
        """Keep a fetched page: the bytes first, then the record that makes them count."""
        from datetime import datetime, timezone

        from align.fileio import atomic_writer, write_text_atomic

        self._make_folder()
        body_path = self.folder / f"{self._key(url)}{PAGE_TYPES.get(content_type, '.html')}"
        with atomic_writer(body_path, "wb") as handle:
            handle.write(body)
        record = _Record(url.strip(), final_url, content_type, body_path.name,
                         datetime.now(timezone.utc).isoformat(timespec="seconds"))
        write_text_atomic(self._record_path(url), json.dumps(asdict(record), indent=1) + "\n")
        return CachedPage(record.url, final_url, content_type, body_path)

    def _make_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(self.folder, "cannot create the page cache folder: "
                             f"{error.strerror or error}") from None


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/sverka/pages`` (``~/.cache/sverka/pages`` when it is not set)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sverka" / "pages"


@dataclass(frozen=True)
class Fetched:
    final_url: str
    content_type: str
    body: bytes


@dataclass
class Fetcher:
    """Fetches pages over HTTP(S) at a polite rate: at most one request per ``wait``
    seconds to a host. ``clock`` and ``sleep`` are injectable, so a test can check the
    waiting without spending the time."""

    wait: float = DEFAULT_WAIT
    timeout: float = DEFAULT_TIMEOUT
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict, init=False, repr=False)

    def fetch(self, url: str) -> Fetched:
        """The page at ``url``, or an :class:`InputError` naming ``url`` and the problem."""
        if not is_url(url):
            raise InputError(url, "is not an http(s) address sverka can fetch")
        self._wait_turn(host_of(url))
        try:
            return self._get(url)
        except InputError:
            raise
        except Exception as error:  # noqa: BLE001 - the network fails in many ways: one line each
            raise InputError(url, _failure(error, self.timeout)) from None

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            left = last + self.wait - self.clock()
            if left > 0:
                self.sleep(left)
        self._last[host] = self.clock()

    def _get(self, url: str) -> Fetched:
        from urllib.request import Request, urlopen

        request = Request(url.strip(), headers={
            "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain"})
        with urlopen(request, timeout=self.timeout) as response:
            final_url = response.geturl()
            content_type = response.headers.get_content_type()
            if content_type not in PAGE_TYPES:
                raise InputError(url, f"is not a web page (content type {content_type}); "
                                 "sverka reads HTML and plain text")
            charset = response.headers.get_content_charset()
            body = response.read(MAX_PAGE_BYTES + 1)
        if len(body) > MAX_PAGE_BYTES:
            raise InputError(url, f"is too large (over {MAX_PAGE_BYTES // (1024 * 1024)} MB)")
        if not body:
            raise InputError(url, "is an empty page")
        return Fetched(final_url, content_type, _as_utf8(body, charset))


def _as_utf8(body: bytes, charset: str | None) -> bytes:
    """A page in the encoding its server named, as UTF-8 with a byte-order mark.

    The readers of ``align.ingest`` see only the file, not the HTTP header; the mark tells
    them the encoding for sure (it outranks a page's own ``<meta charset>``, as the header
    does in a browser). The text itself is unchanged. Bytes the named encoding cannot
    decode are kept as they came, for the readers' own detection."""
    import codecs

    if not charset or body.startswith(codecs.BOM_UTF8):
        return body
    try:
        if codecs.lookup(charset).name == "utf-8":
            return body
        text = body.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return body
    return codecs.BOM_UTF8 + text.encode("utf-8")


def _failure(error: Exception, timeout: float) -> str:
    """The problem of a failed request, worded for the user."""
    from urllib.error import HTTPError, URLError

    if isinstance(error, HTTPError):
        return f"HTTP error {error.code} {error.reason}".rstrip()
    reason = error.reason if isinstance(error, URLError) else error
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot fetch: {reason.strerror}"
    return f"cannot fetch: {str(reason) or type(reason).__name__}"


_shared: Fetcher | None = None


def shared_fetcher() -> Fetcher:
    """The process's fetcher at the default rate: every page fetched in one run, by any
    command, counts towards the same per-host waits."""
    global _shared
    if _shared is None:
        _shared = Fetcher()
    return _shared


def cached_page(url: str, cache: str | os.PathLike[str] | None = None,
                fetcher: Fetcher | None = None) -> CachedPage:
    """The page at ``url`` from the cache (``cache``, or :func:`default_cache`), fetched
    first if it is not there yet."""
    if not is_url(url):
        raise InputError(url, "is not an http(s) address sverka can fetch")
    pages = PageCache(cache if cache is not None else default_cache())
    kept = pages.get(url)
    if kept is not None:
        return kept
    fetched = (fetcher or shared_fetcher()).fetch(url)
    return pages.put(url, fetched.final_url, fetched.content_type, fetched.body)


def local_copy(url: str, cache: Path | None, fetcher: Fetcher | None = None) -> Path:
    """A file holding the page at ``url`` (fetched into the cache if absent): what batch
    manifests and ``sverka match`` hand to the readers in place of an address."""
    return cached_page(url, cache, fetcher).path
