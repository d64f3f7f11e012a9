"""The ``sverka`` command: a thin layer over the library.

Heavy libraries are imported inside the commands, not at start-up, so that
``sverka pair`` on an article answers in well under a second.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from align import __version__
from align.errors import SverkaError

EXIT_USAGE = 2


def _add_pair_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("original", help="the original text (txt, md, html, docx), or an "
                        "article folder such as corpora/podrabinek-2022-01-10")
    parser.add_argument("translation", nargs="?", help="the translation (left out when "
                        "ORIGINAL is an article folder)")
    parser.add_argument("-o", "--output", metavar="OUT.align.json",
                        help="project file to write (default: NAME.align.json here)")
    parser.add_argument("--tmx", metavar="OUT.tmx", help="also write a TMX 1.4b memory")
    parser.add_argument("--tsv", metavar="OUT.tsv", help="also write a TSV of the links")
    parser.add_argument("--src-lang", type=_language_code, metavar="LANG",
                        help="language of the original, e.g. ru (detected when left out)")
    parser.add_argument("--tgt-lang", type=_language_code, metavar="LANG",
                        help="language of the translation, e.g. en (detected when left out)")
    parser.add_argument("--level", choices=("paragraph", "sentence"), default="paragraph",
                        help="align paragraphs, or sentences inside aligned paragraphs")
    parser.add_argument("--segments", choices=("paragraphs", "lines"), default="paragraphs",
                        help="lines: every non-empty line is one segment (pre-split input)")
    parser.add_argument("--max-link", type=_max_link, default=4, metavar="N",
                        help="largest n+m of a link (2 allows only 1-1, 1-0, 0-1; default 4)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print no summary")


def _max_link(value: str) -> int:
    number = int(value)
    if number < 2:
        raise argparse.ArgumentTypeError("must be at least 2 (1-1, 1-0 and 0-1 links)")
    return number


def _language_code(value: str) -> str:
    """A BCP 47 style code (ru, en, ru-RU, sr-Latn): CAT tools reject anything else."""
    import re

    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a language code such as ru, en or ru-RU")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sverka", description="Align an original with its translation, paragraph by "
        "paragraph; export TMX; score alignments.")
    parser.add_argument("--version", action="version", version=f"sverka {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    pair = commands.add_parser("pair", help="align an original with its translation")
    _add_pair_arguments(pair)
    evaluate = commands.add_parser("eval", help="strict and lax precision/recall/F1 against gold")
    evaluate.add_argument("prediction", help="PRED.align.json")
    evaluate.add_argument("gold", help='GOLD.json: {"links": [[[src…],[tgt…]], …]}')
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "pair":
            from align.pairing import run_pair

            return run_pair(args)
        if args.command == "eval":
            return _run_eval(args)
    except SverkaError as error:
        print(f"sverka: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `sverka pair … | head`: the reader has gone
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("sverka: interrupted", file=sys.stderr)
        return 130
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


def _run_eval(args: argparse.Namespace) -> int:
    from align.evaluate import read_gold, read_links, score

    result = score([read_gold(args.gold)], [read_links(args.prediction)])
    print(result.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
