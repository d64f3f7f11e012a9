"""``sverka import``: open a TMX memory (any tool's) as a project to review."""

from __future__ import annotations

import argparse

from align.commands import language_code

NAME = "import"
HELP = "turn a TMX memory into a project (.align.json) to review"
ORDER = 40


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tmx", metavar="FILE.tmx", help="the memory (TMX 1.4, UTF-8 or UTF-16)")
    parser.add_argument("-o", "--output", metavar="OUT.align.json",
                        help="project file to write (default: NAME.align.json here)")
    parser.add_argument("--src-lang", type=language_code, metavar="LANG",
                        help="source language (default: the header's srclang)")
    parser.add_argument("--tgt-lang", type=language_code, metavar="LANG",
                        help="target language (default: the other language of the units); "
                             "of a multilingual memory, the pair to import is chosen with "
                             "these two, and units without it are skipped and counted")
    parser.add_argument("--status", choices=("confirmed", "auto"), default="confirmed",
                        help="status of units that carry none (default: confirmed, as a "
                             "memory holds committed translations)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from align.fileio import check_outputs
    from align.formats.tmx_import import ImportSummary, alignment_from_tmx, memory_name
    from align.wording import plural
    from align.project import save

    output = Path(args.output or f"{memory_name(args.tmx)}.align.json")
    check_outputs((output,), (args.tmx,))
    summary = ImportSummary()
    alignment = alignment_from_tmx(args.tmx, src_lang=args.src_lang, tgt_lang=args.tgt_lang,
                                   status=args.status, summary=summary)
    save(alignment, output)
    parts = [plural(summary.pairs, "pair"),
             f"{alignment.source.lang} → {alignment.target.lang}", f"{alignment.level} level",
             *(f"warning: {text}" for text in summary.warnings())]
    print(f"wrote {output}: {', '.join(parts)}")
    return 0
