"""``sverka pair``: align an original with its translation and write the project."""

from __future__ import annotations

import argparse

from align.commands import add_pair_arguments

NAME = "pair"
HELP = "align an original with its translation"
ORDER = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("original", help="the original text (txt, md, html, docx), or an "
                        "article folder such as corpora/podrabinek-2022-01-10")
    parser.add_argument("translation", nargs="?", help="the translation (left out when "
                        "ORIGINAL is an article folder)")
    parser.add_argument("-o", "--output", metavar="OUT.align.json",
                        help="project file to write (default: NAME.align.json here)")
    parser.add_argument("--tmx", metavar="OUT.tmx", help="also write a TMX 1.4b memory")
    parser.add_argument("--tsv", metavar="OUT.tsv", help="also write a TSV of the links")
    add_pair_arguments(parser)
    parser.add_argument("--force", action="store_true", help="align afresh even over a "
                        "project with links a person confirmed or edited")
    parser.add_argument("-q", "--quiet", action="store_true", help="print no summary")


def run(args: argparse.Namespace) -> int:
    from align.pairing import run_pair

    return run_pair(args)
