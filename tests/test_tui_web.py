"""``sverka review --web``: the review served through textual-serve, loaded in headless
Chromium (Debian's ``chromium``; the test skips without it), shows the grid.

The page draws the terminal with xterm.js on a canvas, so the app's text is read where
the page receives it: the terminal output that arrives over the page's websocket, seen
through the DevTools protocol (Chromium's own, over aiohttp, which textual-serve brings).
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tui.web import address, offline_templates, port_problem, review_command
from tui_support import sample, write_sample

CHROMIUM = shutil.which("chromium")
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_page(url: str, server: subprocess.Popen, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server ended: {server.communicate()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing served at {url}")


async def terminal_text(url: str, profile: Path, seconds: float = 60) -> str:
    """Load ``url`` in headless Chromium; the terminal text its websocket received once
    it holds the first link (or when ``seconds`` are up)."""
    import aiohttp

    browser = subprocess.Popen(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
         "--window-size=1200,800", "--remote-debugging-port=0",
         f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        active = profile / "DevToolsActivePort"
        for _ in range(300):
            if active.exists() and len(active.read_text().splitlines()) >= 2:
                break
            await asyncio.sleep(0.1)
        port = active.read_text().splitlines()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
            page = next(target for target in json.load(response) if target["type"] == "page")
        received = b""
        async with aiohttp.ClientSession() as client:
            async with client.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as cdp:
                await cdp.send_json({"id": 1, "method": "Network.enable"})
                await cdp.send_json({"id": 2, "method": "Page.navigate",
                                     "params": {"url": url}})
                deadline = time.monotonic() + seconds
                while time.monotonic() < deadline:
                    try:
                        message = await cdp.receive_json(timeout=deadline - time.monotonic())
                    except asyncio.TimeoutError:
                        break
                    if message.get("method") != "Network.webSocketFrameReceived":
                        continue
                    frame = message["params"]["response"]
                    if frame["opcode"] == 2:  # binary: the app's terminal output
                        received += base64.b64decode(frame["payloadData"])
                        text = ESCAPES.sub("", received.decode("utf-8", "ignore"))
                        if "link 1/" in text and sample().source.segments[0].text in text:
                            return text
        return ESCAPES.sub("", received.decode("utf-8", "ignore"))
    finally:
        browser.kill()
        browser.wait()


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install "
                                             "chromium; .ci/run installs it)")
def test_the_review_served_on_the_web_shows_the_grid_in_a_browser(tmp_path):
    project = write_sample(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "align.cli", "review", str(project), "--web",
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        url = address("127.0.0.1", port)
        assert "textual" in wait_for_page(url, server).lower()
        text = asyncio.run(terminal_text(url, tmp_path / "chromium"))
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    first = sample()
    assert first.source.segments[0].text in text  # the grid's first link, both sides
    assert first.target.segments[0].text in text
    assert f"served at {url}" in out  # the address, printed


def test_the_server_listens_on_this_machine_only_unless_told(tmp_path):
    from tui.command import add_arguments
    import argparse

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args([str(tmp_path / "p.align.json"), "--web"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    args = parser.parse_args(["p.align.json", "--web", "--host", "0.0.0.0", "--port", "9"])
    assert (args.host, args.port) == ("0.0.0.0", 9)


def test_a_port_in_use_is_one_line_and_status_2(tmp_path, capsys):
    from align.cli import main

    project = write_sample(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert port_problem("127.0.0.1", port) is not None
        assert main(["review", str(project), "--web", "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"port {port} is in use" in err[0]


def test_each_browser_session_opens_the_saved_project(tmp_path):
    command = review_command(tmp_path / "a b.align.json")
    assert command.startswith(sys.executable) and "'" in command  # quoted for the shell
    assert command.endswith(f"review '{tmp_path / 'a b.align.json'}'")


def test_the_page_fetches_nothing_from_the_internet(tmp_path):
    """textual-serve's page asks Google for a font; the page sverka serves does not."""
    import textual_serve

    installed = (Path(textual_serve.__file__).parent / "templates" / "app_index.html")
    assert re.search(r"https?://", installed.read_text(encoding="utf-8"))  # the test can fail
    page = (offline_templates(tmp_path) / "app_index.html").read_text(encoding="utf-8")
    assert not re.search(r"(?:href|src)=\"https?://", page)
    assert "textual.js" in page and "xterm.css" in page
