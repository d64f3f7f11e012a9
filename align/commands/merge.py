"""``sverka merge``: several TMX memories into one, with duplicate handling."""

from __future__ import annotations

import argparse

NAME = "merge"
HELP = "merge TMX memories into one"
ORDER = 50


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="IN.tmx", help="memories to merge")
    parser.add_argument("-o", "--output", required=True, metavar="ALL.tmx",
                        help="the merged memory to write")
    parser.add_argument("--duplicates", choices=("keep", "newest", "drop"), default="keep",
                        help="same source seen again: keep every translation (identical "
                             "units once), keep the newest, or drop sources translated "
                             "differently (default: keep)")


def run(args: argparse.Namespace) -> int:
    from align.fileio import check_outputs
    from align.formats.tmx_merge import merge_tmx

    check_outputs((args.output,), args.inputs)
    summary = merge_tmx(args.inputs, args.output, duplicates=args.duplicates)
    print(f"wrote {args.output}: {summary.describe(args.duplicates)}")
    return 0
