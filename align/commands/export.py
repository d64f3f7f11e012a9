"""``sverka export``: write a project's pairs as TMX, TSV, XLIFF or XLSX, or join the
projects of one original into a multilingual TMX (``--multi``)."""

from __future__ import annotations

import argparse

from align.commands import language_code, probability
from align.model import LEVELS

NAME = "export"
HELP = "export a project's aligned pairs as TMX, TSV, XLIFF or XLSX"
ORDER = 30


def _langs(value: str) -> tuple[str, str]:
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 2:
        raise argparse.ArgumentTypeError(f"{value!r}: give two codes, e.g. ru-RU,en-GB")
    return language_code(parts[0]), language_code(parts[1])


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PROJECT.align.json", help="the project to export")
    parser.add_argument("more", nargs="*", metavar="PROJECT.align.json",
                        help="with --multi: more projects of the same original, one per "
                        "translation language")
    parser.add_argument("--multi", action="store_true",
                        help="join the projects of one original into one multilingual TMX "
                        "(--tmx): a unit per original segment, a variant per language")
    for fmt, example, what in (
            ("tmx", "OUT.tmx", "a TMX 1.4b memory (for OmegaT, Trados, memoQ, Phrase)"),
            ("tsv", "OUT.tsv", "a TSV table, one row per pair"),
            ("xliff", "OUT.xlf", "an XLIFF 1.2 file"),
            ("xlsx", "OUT.xlsx", "an Excel workbook, one row per pair")):
        parser.add_argument(f"--{fmt}", metavar=example, help=f"write {what}")
    parser.add_argument("--level", choices=LEVELS,
                        help="unit size (default: the project's); sentence pairs are made "
                             "inside confirmed or confident paragraph links")
    parser.add_argument("--min-score", type=probability, metavar="X",
                        help="leave out links scored below X (0..1)")
    parser.add_argument("--only-confirmed", action="store_true",
                        help="keep only links a person confirmed or edited")
    parser.add_argument("--langs", type=_langs, metavar="SRC,TGT",
                        help="language codes written into TMX and XLIFF, e.g. ru-RU,en-GB "
                             "(default: the project's)")
    parser.add_argument("--include-bad", action="store_true",
                        help="write links a person marked bad in the review too (left out "
                             "by default)")
    parser.add_argument("--context", action="store_true",
                        help="add the previous/next source segment to each unit "
                             "(x-context-pre/x-context-post)")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from align.errors import InputError
    from align.export import (FORMATS, LABELLED_FORMATS, ExportOptions, check_project_langs,
                              export)
    from align.fileio import check_outputs
    from align.project import load

    if args.multi or args.more:
        return _run_multi(args)
    outputs = [(fmt, Path(getattr(args, fmt))) for fmt in FORMATS if getattr(args, fmt)]
    if not outputs:
        raise InputError(args.project, "say what to write: --tmx, --tsv, --xliff or --xlsx")
    for fmt, path in outputs:
        if str(path) == "-":
            raise InputError(f"--{fmt} -", f"sverka writes files, not standard output; "
                                           f"give a file name (e.g. --{fmt} out.{fmt})")
    check_outputs((path for _, path in outputs), (args.project,))
    alignment = load(args.project)
    if args.langs is None and any(fmt in LABELLED_FORMATS for fmt, _ in outputs):
        check_project_langs(alignment, args.project)  # before any file is written
    options = ExportOptions(level=args.level, min_score=args.min_score,
                            only_confirmed=args.only_confirmed, langs=args.langs,
                            context=args.context, include_bad=args.include_bad)
    for fmt, path in outputs:
        print(export(alignment, path, fmt, options, project=args.project,
                     warn=lambda text: print(text, file=sys.stderr)))
    return 0


def _run_multi(args: argparse.Namespace) -> int:
    """``export A.align.json B.align.json … --multi --tmx OUT.tmx``: one memory in which
    each unit holds the original and every translation that renders it."""
    from align.errors import InputError
    from align.export import ExportOptions
    from align.fileio import check_outputs
    from align.formats.tmx import write_multilingual_tmx
    from align.multi import check_one_original, original_name
    from align.project import load

    projects = [args.project, *args.more]
    if not args.multi:
        raise InputError(args.more[0], "is a second project; give --multi to join projects "
                         "of one original into a multilingual TMX")
    if not args.tmx:
        raise InputError(args.project, "--multi writes a multilingual TMX: give --tmx OUT.tmx")
    for option, given in (("--tsv", args.tsv), ("--xliff", args.xliff), ("--xlsx", args.xlsx),
                          ("--langs", args.langs), ("--context", args.context)):
        if given:
            raise InputError(args.tmx, f"{option} does not go with --multi (a multilingual "
                             "TMX at the projects' own level); export the pairs one by one "
                             "for it")
    check_outputs((args.tmx,), projects)
    alignments = [load(project) for project in projects]
    if args.level and args.level != alignments[0].level:
        raise InputError(projects[0], f"is aligned at {alignments[0].level} level; --multi "
                         "writes the projects' own level (export each pair for another)")
    check_one_original(alignments, projects)
    keeps = ExportOptions(min_score=args.min_score, only_confirmed=args.only_confirmed).keeps
    summary = write_multilingual_tmx([(original_name(alignments), alignments)], args.tmx,
                                     select=keeps, include_bad=args.include_bad)
    print(f"wrote {args.tmx} (TMX, {alignments[0].level} level, "
          f"{len(alignments) + 1} languages): {summary.describe()}")
    return 0
