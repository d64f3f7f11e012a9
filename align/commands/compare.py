"""``sverka compare``: several renderings of one original, scored with sacrebleu."""

from __future__ import annotations

import argparse

from align.commands import whole_number
from align.commands.pair_input import add_pair_arguments

NAME = "compare"
HELP = "score renderings of one original paragraph by paragraph (BLEU, chrF, TER)"
ORDER = 50

OUTPUT_SUFFIXES = (".csv", ".parquet")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from align.ingest import FORMAT_NAMES

    parser.add_argument("original", help=f"the original text ({FORMAT_NAMES})")
    parser.add_argument("renderings", nargs="+", metavar="RENDERING",
                        help="translations of the original to score")
    parser.add_argument("--reference", metavar="REF", help="a reference translation; "
                        "without one, each rendering is scored against the others")
    parser.add_argument("-o", "--output", metavar="OUT.csv|OUT.parquet",
                        help="write per-paragraph scores (one row per unit and rendering; "
                        "`unit` and the original paragraphs `src_first`-`src_last` count "
                        "from 1, as on the screen; `index` is the unit's 0-based place, for "
                        "programs)")
    parser.add_argument("--weakest", type=whole_number(0), default=5, metavar="N",
                        help="show the N weakest paragraphs side by side (default 5; 0: none)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print nothing on success (use with -o)")
    add_pair_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from align.compare import compare_files, corpus_table, weakest_table
    from align.errors import InputError
    from align.wording import plural
    from align.commands.pair_input import options_from

    output = Path(args.output) if args.output else None
    if output is not None:
        from align.fileio import check_outputs

        if output.suffix.lower() not in OUTPUT_SUFFIXES:
            raise InputError(output, "must end in .csv or .parquet")
        check_outputs((output,), (args.original, args.reference, *args.renderings))
    original = Path(args.original)
    comparison = compare_files(original, [Path(path) for path in args.renderings],
                               Path(args.reference) if args.reference else None,
                               options_from(args))
    if not args.quiet:
        print(f"{comparison.source.lang}: {plural(len(comparison.names), 'rendering')} of "
              f"{original}")
        print(corpus_table(comparison))
        if args.weakest > 0:
            print()
            print(weakest_table(comparison, args.weakest))
    if output is not None:
        from align.fileio import atomic_writer

        frame = comparison.frame()
        if output.suffix.lower() == ".parquet":
            with atomic_writer(output, "wb") as handle:
                frame.write_parquet(handle)
        else:
            with atomic_writer(output, "w") as handle:
                handle.write(frame.write_csv())
        if not args.quiet:
            print(f"wrote {output}")
    return 0
