"""``sverka pair``: align an original with its translation and write the project.

Everything is computed before anything is written, and every file is written atomically,
so a failure never leaves a half-written output behind.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from align.commands.pair_input import FORCE_UNRELATED, add_pair_arguments, add_web_arguments

if TYPE_CHECKING:
    from align.model import Alignment

NAME = "pair"
HELP = "align an original with its translation"
ORDER = 10

LOWEST_SHOWN = 5
"""Links listed in the summary, lowest confidence first."""
SUMMARY_TEXT_WIDTH = 34


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("original", help="the original text (txt, md, html, docx) or its web "
                        "address, or an article folder such as corpora/podrabinek-2022-01-10; "
                        "given alone, a web address or a saved .html page is the translation, "
                        "and its original is the page it names (a \"Source:\" link, an "
                        "alternate-language or canonical link)")
    parser.add_argument("translation", nargs="?", help="the translation, a file or a web "
                        "address (left out for an article folder or a translation page)")
    parser.add_argument("-o", "--output", metavar="OUT.align.json",
                        help="project file to write (default: NAME.align.json here)")
    parser.add_argument("--tmx", metavar="OUT.tmx", help="also write a TMX 1.4b memory")
    parser.add_argument("--tsv", metavar="OUT.tsv", help="also write a TSV of the links")
    add_pair_arguments(parser, force_help=f"{FORCE_UNRELATED}, and align afresh over a "
                       "project with links a person confirmed or edited")
    add_web_arguments(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="print no summary")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from align.commands.pair_input import (align_given, default_output, given_pair,
                                           refuse_to_replace_review)
    from align.fileio import check_outputs
    from align.project import save

    request, web = given_pair(args.original, args.translation, args)
    taken = web.taken() if web is not None else None
    if taken and not args.quiet:
        print(taken, flush=True)  # before the aligning, which takes a while
    output = Path(args.output) if args.output else default_output(request)
    check_outputs((output, args.tmx, args.tsv), (request.original, request.translation))
    if not args.force:
        refuse_to_replace_review(output)
    alignment = align_given(request, web)
    save(alignment, output)
    written = [f"wrote {output}"]
    if args.tmx:
        from align.formats.tmx import write_tmx

        tmx_summary = write_tmx(alignment, args.tmx)
        written.append(f"wrote {args.tmx}: {tmx_summary.describe()}")
    if args.tsv:
        from align.formats.tsv import write_tsv

        write_tsv(alignment, args.tsv)
        written.append(f"wrote {args.tsv}")
    if not args.quiet:
        print(summary(alignment, written))
    return 0


def summary(alignment: "Alignment", written: list[str]) -> str:
    """A few lines a translator reads: sizes, link types, the links worth a look first."""
    from collections import Counter

    from align.wording import clip

    types = Counter(link.type for link in alignment.links)
    one_sided = sum(1 for link in alignment.links if not link.two_sided)
    lines = [
        f"{alignment.source.lang} → {alignment.target.lang}, {alignment.level} level: "
        f"{len(alignment.source)} source and {len(alignment.target)} target segments, "
        f"{len(alignment.links)} links ({one_sided} one-sided)",
        "links by type: " + ", ".join(f"{kind} {count}" for kind, count in
                                     sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
    ]
    if alignment.meta.get("lexicon_sources"):
        lines.append(str(alignment.meta["lexicon_sources"]))
    for notice in [*alignment.source.meta.get("notices", ()),
                   *alignment.target.meta.get("notices", ())]:
        lines.append(f"notice: {notice}")
    lowest = sorted(enumerate(alignment.links), key=lambda item: item[1].score)[:LOWEST_SHOWN]
    if lowest:
        width = SUMMARY_TEXT_WIDTH
        lines.append("lowest confidence (link numbers count from 1):")
        lines.append(f"  {'link':>5} {'type':<4} {'conf':>4}  {'source':<{width}}  │ target")
        for number, link in lowest:
            src = clip(alignment.source_text(link), width) or "—"
            tgt = clip(alignment.target_text(link), width) or "—"
            lines.append(f"  {number + 1:>5} {link.type:<4} {link.score:4.2f}  "
                         f"{src:<{width}}  │ {tgt}")
    lines.extend(written)
    return "\n".join(lines)
