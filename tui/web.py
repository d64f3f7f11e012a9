"""``sverka review --web``: the same review app in a browser, served by textual-serve.

textual-serve starts the command it is given once per browser session and carries the
terminal over a websocket to xterm.js in the page, so the browser shows exactly the app
the terminal shows. The project is opened (or the pair aligned and saved) before
serving, so a bad file fails here as one line and every session opens the saved project
instead of aligning again. The server listens on 127.0.0.1 unless told otherwise: the
app can write files, and anyone who reaches the port can drive it.
"""

from __future__ import annotations

import errno
import re
import shlex
import socket
import sys
import tempfile
from pathlib import Path

LOCAL_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def address(host: str, port: int) -> str:
    """The page's address as a browser takes it (an IPv6 host in brackets)."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def review_command(project: Path) -> str:
    """The shell command textual-serve runs per browser session: this Python, this
    project."""
    return shlex.join([sys.executable, "-m", "align.cli", "review", str(project.resolve())])


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port`` (in use, no such address), or
    None: found before serving, so that it can be said in one line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except socket.gaierror as error:
        return f"no such address {host!r} ({error.strerror})"
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return f"port {port} is in use (give another with --port)"
        return f"cannot listen on {host}:{port}: {error.strerror or error}"
    return None


_REMOTE_STYLESHEET = re.compile(r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>\s*")
"""A stylesheet the page would fetch from the internet (textual-serve's page asks Google
for a font): sverka uses no network at run time, and the page falls back to the
browser's monospace font."""


def offline_templates(into: Path) -> Path:
    """textual-serve's page templates, written into ``into`` without the stylesheets
    they would fetch from the internet; the folder to serve them from."""
    import textual_serve

    installed = Path(textual_serve.__file__).parent / "templates"
    for template in installed.iterdir():
        if template.is_file():
            text = template.read_text(encoding="utf-8")
            (into / template.name).write_text(_REMOTE_STYLESHEET.sub("", text),
                                              encoding="utf-8")
    return into


def serve(project: Path, host: str, port: int) -> None:
    """Serve the review of ``project`` until ctrl+c (prints the address first)."""
    from textual_serve.server import Server

    print(f"sverka review: {project.name} is served at {address(host, port)} "
          f"(open it in a browser; ctrl+c stops)", flush=True)
    with tempfile.TemporaryDirectory(prefix="sverka-web-") as folder:
        Server(review_command(project), host=host, port=port,
               title=f"sverka review: {project.name}",
               templates_path=offline_templates(Path(folder))).serve()
