"""``sverka batch``: align every article pair of a corpus, with reports and one TMX."""

from __future__ import annotations

import argparse

from align.commands import whole_number
from align.commands.pair_input import add_pair_arguments, add_web_arguments

NAME = "batch"
HELP = "align every article pair of a corpus folder or manifest, in parallel"
ORDER = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", help="a folder with one sub-folder per article pair (ru.* "
                        "and en.*, or meta.toml), or a manifest .csv/.tsv with columns id, "
                        "original, translation, src_lang, tgt_lang")
    parser.add_argument("-o", "--output", metavar="OUT", help="output folder (default: "
                        "CORPUS.aligned beside the corpus); must not be inside the corpus")
    parser.add_argument("-j", "--jobs", type=whole_number(1), default=0, metavar="N",
                        help="worker processes (default: one per core)")
    parser.add_argument("--force", action="store_true", help="realign pairs whose inputs "
                        "did not change (projects a person reviewed are still kept)")
    parser.add_argument("--learn", action="store_true", help="learn a bilingual lexicon from "
                        "the confident links of the whole corpus and realign with it")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on a Dask "
                        "cluster (pip install 'sverka[dask]'); workers must see the corpus "
                        "and the output folder at the same paths")
    add_pair_arguments(parser)
    add_web_arguments(parser)
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar and no summary (failures are still listed)")


def run(args: argparse.Namespace) -> int:
    import sys
    from dataclasses import replace
    from pathlib import Path

    from align.batch.main import BatchOptions, run_batch
    from align.batch.report import print_summary
    from align.errors import EXIT_INTERRUPTED
    from align.commands.pair_input import cache_of, fetcher_of, options_from
    from align.wording import plural

    options = BatchOptions(
        corpus=Path(args.corpus), out=Path(args.output) if args.output else None,
        jobs=args.jobs, scheduler=args.scheduler, force=args.force, learn=args.learn,
        pair=replace(options_from(args), accept_unrelated=False),  # --force: realign
        progress=False if args.quiet else None, cache=cache_of(args),
        fetcher=fetcher_of(args))
    outcome = run_batch(options)
    if not args.quiet:
        print_summary(outcome.results, outcome.written)
    elif outcome.failed:
        for result in outcome.failed:
            print(f"{result.id}: {result.error}", file=sys.stderr)
    if outcome.interrupted:
        unfinished = sum(result.status == "interrupted" for result in outcome.results)
        print(f"sverka: interrupted; {plural(unfinished, 'pair')} not finished, the report in "
              f"{outcome.out} covers the finished ones; rerun to finish", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 1 if outcome.failed else 0
