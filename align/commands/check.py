"""``sverka check``: translator QA flags for a project, a pair of files or an article folder."""

from __future__ import annotations

import argparse

from align.commands import probability
from align.commands.pair_input import FORCE_UNRELATED, add_pair_arguments
from align.review_policy import LOW_CONFIDENCE

NAME = "check"
HELP = "flag omissions, changed numbers, missing names, untranslated text and more"
ORDER = 40

EXIT_FLAGGED = 1
"""``--fail-on`` met: distinct from 2, which is a usage or input error."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("original", help="PROJECT.align.json, the original text, or an "
                        "article folder such as corpora/podrabinek-2022-01-10")
    parser.add_argument("translation", nargs="?", help="the translation, when ORIGINAL is "
                        "a text file")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="report format (default: a table for the terminal). Links and "
                        "paragraphs (or sentences) count from 1 in every format, as in "
                        "`sverka pair`; CSV and JSON also give each link's 0-based `index` "
                        "in the project's links, for programs")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report to FILE instead of the terminal")
    parser.add_argument("--fail-on", choices=("error", "warning"),
                        help=f"exit with status {EXIT_FLAGGED} if any flag is this serious "
                        "or more (for scripts and CI)")
    parser.add_argument("--low-confidence", type=probability, default=LOW_CONFIDENCE,
                        metavar="P", help="flag automatic links below this confidence "
                        f"(default {LOW_CONFIDENCE})")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print no report (with -o, still write it): for scripts that "
                        "read the exit status of --fail-on")
    add_pair_arguments(parser, force_help=FORCE_UNRELATED)


def run(args: argparse.Namespace) -> int:
    import sys

    from align.check import CheckSettings, at_least, check_alignment
    from align.check.report import render
    from align.commands.pair_input import load_or_align

    if args.output:
        from align.fileio import check_outputs

        check_outputs((args.output,), (args.original, args.translation))
    alignment = load_or_align(args.original, args.translation, args)
    flags = check_alignment(alignment, CheckSettings(
        low_confidence=args.low_confidence, lexicons=tuple(args.lexicon),
        no_lexicon=args.no_lexicon))
    text = render(alignment, flags, args.format)
    if args.output:
        from align.fileio import write_text_atomic

        write_text_atomic(args.output, text)
    elif not args.quiet:
        sys.stdout.write(text)
    if args.fail_on and any(at_least(flag.severity, args.fail_on) for flag in flags):
        return EXIT_FLAGGED
    return 0
