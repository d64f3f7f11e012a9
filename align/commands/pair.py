"""``sverka pair``: align an original with its translation (or each of several) and write
the projects (and a bilingual or multilingual TMX).

Everything is computed before anything is written, and every file is written atomically,
so a failure never leaves a half-written output behind.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from align.commands.pair_input import FORCE_UNRELATED, add_pair_arguments, add_web_arguments

if TYPE_CHECKING:
    from align.model import Alignment

NAME = "pair"
HELP = "align an original with its translation (or several translations)"
ORDER = 10

LOWEST_SHOWN = 5
"""Links listed in the summary, lowest confidence first."""
SUMMARY_TEXT_WIDTH = 34


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from align.ingest import FORMAT_NAMES

    parser.add_argument("original", help=f"the original text ({FORMAT_NAMES}) or its web "
                        "address, or an article folder such as corpora/podrabinek-2022-01-10; "
                        "given alone, a web address or a saved .html page is the translation, "
                        "and its original is the page it names (a \"Source:\" link, an "
                        "alternate-language or canonical link)")
    parser.add_argument("translations", nargs="*", metavar="TRANSLATION",
                        help="the translation, a file or a web address (left out for an "
                        "article folder or a translation page); several translations of "
                        "the original make a project each")
    parser.add_argument("-o", "--output", metavar="OUT.align.json",
                        help="project file to write, for one translation (default: "
                        "ORIGINAL-TRANSLATION.align.json here, e.g. ru-en.align.json; "
                        "an article folder's name, FOLDER.LANG with several translations)")
    parser.add_argument("--tmx", metavar="OUT.tmx", help="also write a TMX 1.4b memory "
                        "(with several translations, one multilingual memory: a unit per "
                        "original segment, a variant per language)")
    parser.add_argument("--tsv", metavar="OUT.tsv", help="also write a TSV of the links "
                        "(one translation only)")
    add_pair_arguments(parser, force_help=f"{FORCE_UNRELATED}, and align afresh over a "
                       "project with links a person confirmed or edited, or one made from "
                       "other files")
    add_web_arguments(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="print no summary")


def run(args: argparse.Namespace) -> int:
    from align.commands.pair_input import (align_given, default_output, given_pairs,
                                           refuse_to_replace)
    from align.errors import InputError
    from align.fileio import check_outputs
    from align.project import save

    pairs = given_pairs(args.original, args.translations, args)
    several = len(pairs) > 1
    for option, value in (("-o", args.output), ("--tsv", args.tsv)):
        if several and value:
            raise InputError(value, f"{option} writes one pair, and {len(pairs)} translations "
                             f"were given; leave it out (projects are named after each pair) "
                             "and export a pair with `sverka export`")
    outputs = [Path(args.output) if args.output else default_output(request)
               for request, _ in pairs]
    for number, output in enumerate(outputs):
        if output in outputs[:number]:
            twin = pairs[outputs.index(output)][0].translation
            raise InputError(pairs[number][0].translation, f"would be saved as {output}, as "
                             f"{twin} is; align them one at a time, each with its own -o")
    check_outputs((*outputs, args.tmx, args.tsv),
                  [side for request, _ in pairs for side in (request.original,
                                                            request.translation)])
    if not args.force:
        for (request, _), output in zip(pairs, outputs):
            refuse_to_replace(output, request)
    alignments = []
    for request, web in pairs:
        taken = web.taken() if web is not None else None
        if taken and not args.quiet:
            print(taken, flush=True)  # before the aligning, which takes a while
        alignments.append(align_given(request, web))
    if several:
        from align.multi import check_one_original

        check_one_original(alignments, [str(request.translation) for request, _ in pairs])
    written: list[list[str]] = []
    for alignment, output in zip(alignments, outputs):
        save(alignment, output)
        written.append([f"wrote {output}"])
    if args.tmx:
        written[-1].append(f"wrote {args.tmx}: {_write_tmx(alignments, args.tmx)}")
    if args.tsv:
        from align.formats.tsv import write_tsv

        write_tsv(alignments[0], args.tsv)
        written[-1].append(f"wrote {args.tsv}")
    if not args.quiet:
        print("\n\n".join(summary(alignment, lines)
                           for alignment, lines in zip(alignments, written)))
    return 0


def _write_tmx(alignments: list["Alignment"], path: str) -> str:
    """A bilingual memory for one pair, a multilingual one for several; its summary."""
    if len(alignments) == 1:
        from align.formats.tmx import write_tmx

        return write_tmx(alignments[0], path).describe()
    from align.formats.tmx import write_multilingual_tmx
    from align.multi import original_name

    return write_multilingual_tmx([(original_name(alignments), alignments)], path).describe()


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
    for document in (alignment.source, alignment.target):
        name = Path(str(document.meta.get("path", ""))).name
        where = f"{name}: " if name else ""
        lines.extend(f"notice: {where}{notice}" for notice in document.meta.get("notices", ()))
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
