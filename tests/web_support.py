"""A web site served from a thread of the test process: pages of every shape the web
tests need, and a record of the requests it was sent. Nothing leaves the machine."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TEXTS = Path(__file__).resolve().parent / "texts"


@dataclass
class Page:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    stall: bool = False
    """Answer only once the site stops: for a client's timeout to run out."""


@dataclass
class Site:
    server: ThreadingHTTPServer
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    """(path, User-Agent) of each request, in order."""
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def add(self, path: str, body: str | bytes, **how) -> str:
        self.pages[path] = Page(body.encode("utf-8") if isinstance(body, str) else body, **how)
        return self.url(path)

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def start_site() -> Site:
    site: Site

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            page = site.pages.get(self.path) or Page(b"<html><body>nothing here</body></html>",
                                                     404)
            if page.stall:
                site.release.wait(10)
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
            for name, value in page.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(page.body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site = Site(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site


@pytest.fixture
def site():
    served = start_site()
    yield served
    served.stop()


def paragraphs(name: str) -> list[str]:
    """The paragraphs of one of ``tests/texts``."""
    text = (TEXTS / name).read_text(encoding="utf-8")
    return [block.strip() for block in text.split("\n\n") if block.strip()]


def article(lang: str, paragraphs_: list[str], head: str = "", before: str = "",
            after: str = "") -> str:
    """A news page: navigation, the article (``before`` and ``after`` its paragraphs),
    a footer; ``head`` goes into <head>."""
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs_[1:])
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{paragraphs_[0]}</title>{head}</head><body>"
            '<nav><a href="/">Home</a> <a href="/about">About</a></nav>'
            f"<article><h1>{paragraphs_[0]}</h1>{before}{body}{after}</article>"
            "<footer>© The Site</footer></body></html>")
