"""``sverka match``: which translation in one collection renders which original in another."""

from __future__ import annotations

import argparse

from align.commands import probability
from align.commands.pair_input import (add_language_arguments, add_lexicon_arguments,
                                      add_web_arguments)

NAME = "match"
HELP = ("match a folder of translations to a folder of originals and write the pairs "
        "manifest `sverka batch` reads")
ORDER = 55


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from align.matching.decide import DEFAULT_MIN_SCORE
    from align.matching.report import FORMATS

    parser.add_argument("originals", help="a folder of originals (any format sverka reads; "
                        "sub-folders included) or a list of files: one path or URL a line, "
                        "or a CSV/TSV with a `path` column")
    parser.add_argument("translations", help="a folder or list of translations, the same way")
    parser.add_argument("-o", "--output", metavar="PAIRS.csv|PAIRS.tsv",
                        help="write the matched pairs as a manifest for `sverka batch` "
                        "(columns id, original, translation, src_lang, tgt_lang, score); it "
                        "must be in a folder that holds both collections, as batch reads "
                        "only paths inside the manifest's folder")
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="report format (default: a table for the terminal)")
    parser.add_argument("--min-score", type=probability, default=DEFAULT_MIN_SCORE,
                        metavar="P", help="leave matches scoring less unmatched (a "
                        f"probability; default {DEFAULT_MIN_SCORE})")
    add_language_arguments(
        parser, src_help="the language of every original (default: detected per document)",
        tgt_help="the language of every translation (default: detected per document)")
    add_lexicon_arguments(
        parser, lexicon_help="a dictionary or learned lexicon to match dictionary words "
        "with (besides the installed dictionaries); may be repeated",
        no_lexicon_help="match on numbers, names, rare words and length only")
    add_web_arguments(parser)
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print no report (with -o, still write the manifest)")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from align.commands.pair_input import cache_of, fetcher_of
    from align.matching.collection import read_collection
    from align.matching.matcher import MatchSettings, match
    from align.matching.report import render
    from align.terminal import terminal_width

    output = Path(args.output) if args.output else None
    if output is not None:
        from align.fileio import check_outputs
        from align.matching.manifest import check_location

        check_outputs((output,), (args.originals, args.translations))
        check_location(output, [Path(args.originals), Path(args.translations)])
    if args.lexicon:
        from align.dictionaries.sources import check_lexicon_files

        check_lexicon_files(args.lexicon)
    cache, fetcher = cache_of(args), fetcher_of(args)
    originals = read_collection(args.originals, args.src_lang, cache=cache, fetcher=fetcher)
    translations = read_collection(args.translations, args.tgt_lang, cache=cache,
                                   fetcher=fetcher)
    result = match(originals, translations, MatchSettings(
        min_score=args.min_score, lexicon_paths=tuple(args.lexicon), no_lexicon=args.no_lexicon))
    if output is not None:
        from align.matching.manifest import write_manifest

        write_manifest(result, output)
    if not args.quiet:
        sys.stdout.write(render(result, args.min_score, args.format, terminal_width()))
        if output is not None and args.format == "table":
            matched = sum(decision.original is not None for decision in result.decisions)
            print(f"wrote {output} ({matched} pairs for `sverka batch {output}`)")
    return 0
