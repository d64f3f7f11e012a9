"""Fetching pages from a site served in this process: the cache (a rerun works with the
site gone), the polite rate (checked through an injected clock), the User-Agent, and
every way a fetch fails, each one line naming the address."""

from __future__ import annotations

import json

import pytest

from align.errors import InputError
from align.web.fetch import USER_AGENT, Fetcher, PageCache, cached_page, default_cache, local_copy
from web_support import site  # noqa: F401 - the fixture

HTML = "<html><body><p>Привет, мир.</p></body></html>"


def _quick() -> Fetcher:
    return Fetcher(wait=0, timeout=5)


def test_a_page_is_fetched_once_and_read_from_the_cache_after(site, tmp_path) -> None:
    url = site.add("/page", HTML)
    cache = tmp_path / "cache"
    first = cached_page(url, cache, _quick())
    assert first.path.read_bytes() == HTML.encode("utf-8") and first.path.suffix == ".html"
    assert first.content_type == "text/html" and first.final_url == url
    assert site.requests == [("/page", USER_AGENT)]
    assert USER_AGENT.startswith("sverka/")
    site.stop()  # a rerun is offline
    again = cached_page(url, cache, _quick())
    assert again == first and len(site.requests) == 1
    assert local_copy(url, cache) == first.path


def test_a_cache_entry_without_its_record_or_bytes_is_fetched_again(site, tmp_path) -> None:
    url = site.add("/page", HTML)
    cache = tmp_path / "cache"
    page = cached_page(url, cache, _quick())
    page.path.unlink()
    assert cached_page(url, cache, _quick()).path.is_file() and len(site.requests) == 2
    record = next(cache.glob("*.json"))
    record.write_text("{ half", encoding="utf-8")
    assert PageCache(cache).get(url) is None
    cached_page(url, cache, _quick())
    assert len(site.requests) == 3 and json.loads(record.read_text())["url"] == url


def test_a_redirect_is_followed_and_its_final_address_kept(site, tmp_path) -> None:
    target = site.add("/new-home", HTML)
    url = site.add("/old-home", "", status=301, headers={"Location": "/new-home"})
    page = cached_page(url, tmp_path, _quick())
    assert page.url == url and page.final_url == target
    assert page.path.read_bytes() == HTML.encode("utf-8")


def test_a_page_in_the_encoding_its_server_names_is_read_in_it(site, tmp_path) -> None:
    from align.ingest import read_document

    text = ('<html><head><meta charset="koi8-r"></head>'  # wrong: the server's header wins
            "<body><p>Выборы в городской совет прошли спокойно.</p></body></html>")
    url = site.add("/cp1251", text.encode("cp1251"),
                   content_type="text/html; charset=windows-1251")
    page = cached_page(url, tmp_path, _quick())
    assert page.path.read_bytes() == b"\xef\xbb\xbf" + text.encode("utf-8")  # as the header says
    document = read_document(page.path, "ru")
    assert document.texts == ["Выборы в городской совет прошли спокойно."]
    same = site.add("/utf8", text, content_type="text/html; charset=utf-8")
    assert cached_page(same, tmp_path, _quick()).path.read_bytes() == text.encode("utf-8")


def test_plain_text_is_kept_as_a_text_file(site, tmp_path) -> None:
    url = site.add("/notes", "Первая строка.\n", content_type="text/plain; charset=utf-8")
    assert cached_page(url, tmp_path, _quick()).path.suffix == ".txt"


@pytest.mark.parametrize("path, page, problem", [
    ("/gone", None, "HTTP error 404 Not Found"),
    ("/broken", dict(body="oops", status=500), "HTTP error 500 Internal Server Error"),
    ("/photo", dict(body=b"\x89PNG\r\n", content_type="image/png"),
     r"is not a web page \(content type image/png\)"),
    ("/empty", dict(body=""), "is an empty page"),
    ("/slow", dict(body=HTML, stall=True), r"timed out after 0\.3 s"),
])
def test_every_failure_is_one_line_naming_the_address(site, tmp_path, path, page,
                                                      problem) -> None:
    if page is not None:
        site.add(path, **page)
    url = site.url(path)
    with pytest.raises(InputError, match=problem) as caught:
        cached_page(url, tmp_path / "cache", Fetcher(wait=0, timeout=0.3))
    assert caught.value.path == url and "\n" not in str(caught.value)
    assert not list((tmp_path / "cache").glob("*.json"))  # nothing cached for a rerun to trust


def test_an_unreachable_host_and_a_bad_address(site, tmp_path) -> None:
    url = site.url("/page")
    site.stop()
    with pytest.raises(InputError, match=r"^http://127\.0\.0\.1:\d+/page: cannot fetch: "):
        cached_page(url, tmp_path, _quick())
    with pytest.raises(InputError, match="ftp://example.org/x: is not an http"):
        cached_page("ftp://example.org/x", tmp_path, _quick())


class _Clock:
    """Time that moves only when the fetcher sleeps (or the test says so)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_requests_to_one_host_wait_their_turn(site, tmp_path) -> None:
    for name in ("a", "b", "c"):
        site.add(f"/{name}", HTML)
    clock = _Clock()
    fetcher = Fetcher(wait=1.0, timeout=5, clock=clock, sleep=clock.sleep)
    fetcher.fetch(site.url("/a"))
    assert clock.slept == []  # the first request to a host goes at once
    fetcher.fetch(site.url("/b"))
    assert clock.slept == [1.0]
    clock.now += 0.25  # some work between two requests counts towards the wait
    fetcher.fetch(site.url("/c"))
    assert clock.slept == [1.0, 0.75]
    clock.now += 5
    fetcher.fetch(site.url("/a"))
    assert clock.slept == [1.0, 0.75]
    other_host = site.url("/a").replace("127.0.0.1", "localhost")
    fetcher.fetch(other_host)  # another host has its own turn
    assert clock.slept == [1.0, 0.75]
    slower = Fetcher(wait=2.5, timeout=5, clock=clock, sleep=clock.sleep)
    slower.fetch(site.url("/a"))
    slower.fetch(site.url("/b"))
    assert clock.slept[-1] == 2.5


def test_a_cached_page_costs_no_turn(site, tmp_path) -> None:
    url = site.add("/a", HTML)
    clock = _Clock()
    fetcher = Fetcher(wait=1.0, timeout=5, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        cached_page(url, tmp_path, fetcher)
    assert clock.slept == [] and len(site.requests) == 1


def test_the_default_cache_is_under_the_user_cache_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache() == tmp_path / "sverka" / "pages"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache() == tmp_path / "home" / ".cache" / "sverka" / "pages"


def test_a_cache_folder_that_cannot_be_made_is_one_line(site, tmp_path) -> None:
    url = site.add("/a", HTML)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="cannot create the page cache folder"):
        cached_page(url, blocker / "cache", _quick())
