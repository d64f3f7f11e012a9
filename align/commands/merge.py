"""``sverka merge``: several TMX memories into one, with duplicate handling."""

from __future__ import annotations

import argparse

from align.commands import language_code

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
    parser.add_argument("--src-lang", type=language_code, metavar="LANG",
                        help="source language of the pair merged (default: the first "
                             "unit's); units without the pair's languages are left out")
    parser.add_argument("--tgt-lang", type=language_code, metavar="LANG",
                        help="target language of the pair merged (default: the first "
                             "unit's other language); a multilingual memory keeps all of "
                             "its languages")


def run(args: argparse.Namespace) -> int:
    from align.fileio import check_outputs
    from align.formats.tmx_merge import merge_tmx

    check_outputs((args.output,), args.inputs)
    summary = merge_tmx(args.inputs, args.output, duplicates=args.duplicates,
                        src_lang=args.src_lang, tgt_lang=args.tgt_lang)
    print(f"wrote {args.output}: {summary.describe(args.duplicates)}")
    return 0
