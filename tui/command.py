"""``sverka review``: open a project (or align a pair first) in the review UI.

Registered under the ``sverka.commands`` entry point so that the engine's CLI finds it
without importing ``tui``. Everything that can fail on bad input (a missing or corrupt
project, a bad keymap) fails here, before the terminal is taken over, as one line.
"""

from __future__ import annotations

import argparse
import sys

from align.commands.pair_input import FORCE_UNRELATED, add_pair_arguments

NAME = "review"
HELP = "review and fix an alignment in the terminal"
ORDER = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PROJECT|ORIGINAL",
                        help="an .align.json project, an original text (with TRANSLATION), "
                             "or an article folder such as corpora/podrabinek-2022-01-10")
    parser.add_argument("translation", nargs="?", help="the translation, when the first "
                        "argument is an original")
    parser.add_argument("-o", "--output", metavar="OUT.align.json",
                        help="where a freshly aligned pair is kept (default: "
                             "NAME.align.json here; opened instead of realigned if present)")
    add_pair_arguments(parser, force_help=FORCE_UNRELATED)
    from tui.web import DEFAULT_PORT, LOCAL_HOST

    web = parser.add_argument_group("in a browser")
    web.add_argument("--web", action="store_true",
                     help="serve the review as a web page (through textual-serve) instead "
                          "of taking over this terminal")
    web.add_argument("--port", type=_port, default=DEFAULT_PORT,
                     help=f"the web page's port (default: {DEFAULT_PORT})")
    web.add_argument("--host", default=LOCAL_HOST,
                     help=f"the address to listen on (default: {LOCAL_HOST}, this machine "
                          "only; reach it from another through an SSH tunnel)")


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r} (1 to 65535)")
    return port


def run(args: argparse.Namespace) -> int:
    from align.errors import EXIT_USAGE
    from align.commands.pair_input import open_or_align
    from tui.keymap import load_keymap

    keymap = load_keymap()
    alignment, path, note = open_or_align(args.project, args.translation, args, args.output)
    if not alignment.links:
        print(f"sverka: {path}: the alignment has no links: nothing to review",
              file=sys.stderr)
        return EXIT_USAGE
    if args.web:
        from tui.web import port_problem, serve

        problem = port_problem(args.host, args.port)
        if problem:
            print(f"sverka: review --web: {problem}", file=sys.stderr)
            return EXIT_USAGE
        serve(path, args.host, args.port)
        return 0
    from tui.app import ReviewApp
    from tui.session import Session

    session = Session(alignment, path)
    session.prepare()
    app = ReviewApp(session, keymap)
    if note:
        app.call_later(app.notify, note, timeout=4)
    app.run()
    return 0
