"""``sverka pair``: read two files, align them, write the project and exports, summarise.

Everything is computed before anything is written, and every file is written atomically,
so a failure never leaves a half-written output behind.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.model import Alignment, Document

LOWEST_SHOWN = 5


@dataclass(frozen=True)
class PairRequest:
    """What to align and how: the library-level form of the ``pair`` arguments."""

    original: Path
    translation: Path
    src_lang: str | None = None
    tgt_lang: str | None = None
    level: str = "paragraph"
    segments: str = "paragraphs"
    max_link: int = 4
    name: str | None = None


def request_from_args(args: argparse.Namespace) -> PairRequest:
    """The request of any command that takes ORIGINAL [TRANSLATION] (or an article folder)
    with the pair options of :func:`align.commands.add_pair_arguments`."""
    original = Path(args.original)
    if args.translation is None:
        if not original.exists():
            raise InputError(original, "no such file or folder")
        if not original.is_dir():
            raise InputError(original, "needs a translation file beside it, or must be an "
                             "article folder (e.g. corpora/podrabinek-2022-01-10)")
        from align.corpus import article_pair

        pair = article_pair(original)
        return PairRequest(pair.original, pair.translation, args.src_lang or pair.src_lang,
                           args.tgt_lang or pair.tgt_lang, args.level, args.segments,
                           args.max_link, pair.name)
    return PairRequest(original, Path(args.translation), args.src_lang, args.tgt_lang,
                       args.level, args.segments, args.max_link, None)


def _group(document: Document) -> tuple[Document, list[list[str]]]:
    """Paragraphs made of pre-split sentence lines (blank lines between paragraphs, as the
    reader recorded them): the paragraph document and each paragraph's sentences."""
    from align.model import Segment

    sizes = list(document.meta.get("line_groups") or [1] * len(document))
    groups, start = [], 0
    for size in sizes:
        groups.append(document.segments[start:start + size])
        start += size
    paragraphs = tuple(Segment(" ".join(s.text for s in group), group[0].kind) for group in groups)
    return (Document(document.lang, paragraphs, dict(document.meta)),
            [[s.text for s in group] for group in groups])


def read_pair(request: PairRequest) -> tuple[Document, Document]:
    """Both sides, with languages known and checked to differ."""
    from align.ingest import read_document

    if request.original.resolve() == request.translation.resolve():
        raise InputError(request.translation, "is the original itself; give the translation")
    source = read_document(request.original, request.src_lang, request.segments)
    target = read_document(request.translation, request.tgt_lang, request.segments)
    if source.lang.split("-")[0].lower() == target.lang.split("-")[0].lower():
        raise InputError(request.translation, f"is in the same language as {request.original} "
                         f"({source.lang}); give --src-lang/--tgt-lang if detection is wrong")
    return source, target


def align_request(request: PairRequest, settings: "Settings | None" = None) -> Alignment:
    """The whole job of ``sverka pair`` except writing: read, align, name."""
    from align.aligner import Settings, align_documents, align_sentences
    from align.segment import split_sentences

    source, target = read_pair(request)
    settings = settings or Settings(max_link=request.max_link)
    if request.level == "sentence":
        if request.segments == "lines":
            source, src_sentences = _group(source)
            target, tgt_sentences = _group(target)
        else:
            src_sentences = [split_sentences(t, source.lang) for t in source.texts]
            tgt_sentences = [split_sentences(t, target.lang) for t in target.texts]
        alignment = align_sentences(source, target, src_sentences, tgt_sentences, settings)
    else:
        alignment = align_documents(source, target, settings)
    meta = dict(alignment.meta)
    meta.update(name=pair_name(request), segments=request.segments, max_link=request.max_link)
    return Alignment(alignment.source, alignment.target, alignment.links, meta)


def pair_name(request: PairRequest) -> str:
    """The pair's name: its article folder, else the original's file name without suffixes."""
    return request.name or request.original.name.split(".")[0]


def summary(alignment: Alignment, written: list[str]) -> str:
    """A few lines a translator reads: sizes, link types, the links worth a look first."""
    from collections import Counter

    types = Counter(link.type for link in alignment.links)
    one_sided = sum(1 for link in alignment.links if not link.two_sided)
    lines = [
        f"{alignment.source.lang} → {alignment.target.lang}, {alignment.level} level: "
        f"{len(alignment.source)} source and {len(alignment.target)} target segments, "
        f"{len(alignment.links)} links ({one_sided} one-sided)",
        "links by type: " + ", ".join(f"{kind} {count}" for kind, count in
                                     sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
    ]
    for notice in [*alignment.source.meta.get("notices", ()), *alignment.target.meta.get("notices", ())]:
        lines.append(f"notice: {notice}")
    lowest = sorted(enumerate(alignment.links), key=lambda item: item[1].score)[:LOWEST_SHOWN]
    if lowest:
        lines.append("lowest confidence (link numbers count from 1):")
        lines.append(f"  {'link':>5} {'type':<4} {'conf':>4}  {'source':<34}  │ target")
        for number, link in lowest:
            src = _clip(alignment.source_text(link)) or "—"
            tgt = _clip(alignment.target_text(link)) or "—"
            lines.append(f"  {number + 1:>5} {link.type:<4} {link.score:4.2f}  {src:<34}  │ {tgt}")
    lines.extend(written)
    return "\n".join(lines)


def _clip(text: str, width: int = 34) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def refuse_to_replace_review(output: Path) -> None:
    """A project with links a person confirmed or edited is their work: aligning afresh
    over it needs ``--force``. An unreadable file there is left to the writer's checks."""
    if not output.is_file():
        return
    from align.project import load

    try:
        reviewed = sum(1 for link in load(output).links if link.reviewed)
    except InputError:
        return
    if reviewed:
        raise InputError(output, f"holds {reviewed} reviewed link(s); open it with "
                                 f"`sverka review`, or give --force to align afresh over it")


def run_pair(args: argparse.Namespace) -> int:
    from align.fileio import check_outputs

    request = request_from_args(args)
    output = Path(args.output) if args.output else Path(f"{pair_name(request)}.align.json")
    check_outputs((output, args.tmx, args.tsv), (request.original, request.translation))
    if not getattr(args, "force", False):
        refuse_to_replace_review(output)
    alignment = align_request(request)
    written = []
    from align.project import save

    save(alignment, output)
    written.append(f"wrote {output}")
    if args.tmx:
        from align.formats.tmx import write_tmx

        tmx_summary = write_tmx(alignment, args.tmx)
        written.append(f"wrote {args.tmx}: {tmx_summary.describe()}")
    if args.tsv:
        from align.formats.tsv import write_tsv

        write_tsv(alignment, args.tsv)
        written.append(f"wrote {args.tsv}")
    if not args.quiet:
        print(summary(alignment, written), file=sys.stdout)
    return 0
