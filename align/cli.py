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
    parser.add_argument("--src-lang", help="language of the original (detected when left out)")
    parser.add_argument("--tgt-lang", help="language of the translation (detected when left out)")
    parser.add_argument("--level", choices=("paragraph", "sentence"), default="paragraph")
    parser.add_argument("--segments", choices=("paragraphs", "lines"), default="paragraphs",
                        help="lines: every non-empty line is one segment (pre-split input)")
    parser.add_argument("--max-link", type=int, default=4, metavar="N",
                        help="largest n+m of a link (2 allows only 1-1, 1-0, 0-1; default 4)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print no summary")


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
