"""``sverka review``: open a project (or align a pair first) in the review UI.

Registered under the ``sverka.commands`` entry point so that the engine's CLI finds it
without importing ``tui``. Everything that can fail on bad input (a missing or corrupt
project, a bad keymap) fails here, before the terminal is taken over, as one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from align.commands import add_pair_arguments

if TYPE_CHECKING:
    from align.model import Alignment

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
    add_pair_arguments(parser)


def _is_project(path: Path) -> bool:
    return path.name.endswith(".json")


def open_project(args: argparse.Namespace) -> tuple["Alignment", Path, str | None]:
    """The alignment to review, where it is saved, and a note for the user (or None)."""
    from align.errors import InputError
    from align.project import load, save

    first = Path(args.project)
    if args.translation is None and _is_project(first):
        return load(first), first, None
    if args.translation is None and not first.exists():
        raise InputError(first, "no such file or folder")
    from align.pairing import pair_name, request_from_args, align_request

    request = request_from_args(argparse.Namespace(**{**vars(args), "original": args.project}))
    output = Path(args.output) if args.output else Path(f"{pair_name(request)}.align.json")
    if output.exists():
        return load(output), output, (f"opened the existing {output} (delete it or give "
                                      f"-o to align afresh)")
    from align.fileio import check_outputs

    check_outputs((output,), (request.original, request.translation))
    alignment = align_request(request)
    save(alignment, output)  # the journal needs a saved base to extend
    return alignment, output, f"aligned and saved {output}"


def run(args: argparse.Namespace) -> int:
    from tui.keymap import load_keymap

    keymap = load_keymap()
    alignment, path, note = open_project(args)
    if not alignment.links:
        print(f"sverka: {path}: the alignment has no links: nothing to review",
              file=sys.stderr)
        return 2
    from tui.app import ReviewApp
    from tui.session import Session

    session = Session(alignment, path)
    session.prepare()
    app = ReviewApp(session, keymap)
    if note:
        app.call_later(app.notify, note, timeout=4)
    app.run()
    return 0
