"""``sverka eval``: score a project's links against gold links."""

from __future__ import annotations

import argparse

NAME = "eval"
HELP = "strict and lax precision/recall/F1 against gold"
ORDER = 90


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("prediction", help="PRED.align.json (or links as in GOLD)")
    parser.add_argument("gold", help='GOLD.json: {"links": [[[src…],[tgt…]], …]}, or a '
                        "project (.align.json) whose links are the gold, e.g. one reviewed "
                        "by hand")


def run(args: argparse.Namespace) -> int:
    from align.evaluate import check_same_segments, read_links, score

    gold, predicted = read_links(args.gold), read_links(args.prediction)
    check_same_segments(gold, predicted, args.gold)
    result = score([gold], [predicted])
    print(result.table())
    return 0
