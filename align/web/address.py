"""What counts as a web address, and the short name a page's address gives a pair."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

_SCHEMES = ("http", "https")
_UNSAFE = re.compile(r"[^\w.-]+")


def is_url(value: object) -> bool:
    """An http(s) address with a host: the only addresses sverka fetches."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _SCHEMES and bool(parts.hostname)


def host_of(url: str) -> str:
    """The host (with its port) that a polite rate is counted for."""
    return urlsplit(url).netloc.lower()


def same_page(first: str, second: str) -> bool:
    """Two addresses of one page: the fragment, the scheme's case, the host's case and a
    trailing slash aside."""
    return _comparable(first) == _comparable(second)


def _comparable(url: str) -> str:
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def slug(url: str) -> str:
    """A file-name-safe name for the pair of a page: its last path part without an
    extension (``kazakhstan-road`` for ``…/kazakhstan-road.html``), else its host."""
    parts = urlsplit(url)
    last = next((part for part in reversed(parts.path.split("/")) if part), "")
    stem = last.rsplit(".", 1)[0] if "." in last else last
    name = _UNSAFE.sub("-", stem).strip("-.")
    return name or _UNSAFE.sub("-", parts.hostname or "page").strip("-.") or "page"
