"""What every command that reads a pair shares: its arguments, the request they make, the
project file or the pair they open, and the default project name.

``pair``, ``review``, ``check``, ``compare`` and ``batch`` take the same reading options
(``match`` their languages and lexicons);
``check`` and ``review`` also accept a saved project in place of the pair. Deciding which
of the two a user gave, and where a fresh project goes, happens here only. Either side of
a pair may be a web address, and a translation page given alone (an address, or a saved
``.html``) brings its original along (:mod:`align.web.web_pair`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from align.commands import language_code, whole_number
from align.commands.ignored_options import ignoring_pair_options
from align.errors import InputError
from align.options import LEVELS, MAX_LINK, SEGMENTATIONS, PairOptions

if TYPE_CHECKING:
    from align.model import Alignment
    from align.pairing import PairRequest
    from align.web.fetch import Fetcher
    from align.web.web_pair import WebPair

PROJECT_SUFFIX = ".align.json"

max_link = whole_number(2, " (1-1, 1-0 and 0-1 links)")
"""The largest n+m of a link; 2 still allows 1-1, 1-0 and 0-1."""


def add_pair_arguments(parser: argparse.ArgumentParser, force_help: str | None = None) -> None:
    """The reading options of :class:`~align.options.PairOptions` as arguments; with
    ``force_help``, also ``--force`` (align a pair that does not look like a translation,
    and whatever else the command lets it override)."""
    add_language_arguments(parser)
    parser.add_argument("--level", choices=LEVELS, default=PairOptions.level,
                        help="align paragraphs, or sentences inside aligned paragraphs")
    parser.add_argument("--segments", choices=SEGMENTATIONS, default=PairOptions.segments,
                        help="lines: every non-empty line is one segment (pre-split input)")
    parser.add_argument("--max-link", type=max_link, default=MAX_LINK, metavar="N",
                        help="largest n+m of a link (2 allows only 1-1, 1-0, 0-1; "
                             f"default {MAX_LINK})")
    add_lexicon_arguments(parser)
    if force_help:
        parser.add_argument("--force", action="store_true", help=force_help)


def add_language_arguments(
        parser: argparse.ArgumentParser,
        src_help: str = "language of the original, e.g. ru (detected when left out)",
        tgt_help: str = "language of the translation, e.g. en (detected when left out)",
) -> None:
    """``--src-lang`` and ``--tgt-lang``, checked as language codes; a command that reads
    collections rather than one pair words the help for them."""
    parser.add_argument("--src-lang", type=language_code, metavar="LANG", help=src_help)
    parser.add_argument("--tgt-lang", type=language_code, metavar="LANG", help=tgt_help)


def add_lexicon_arguments(
        parser: argparse.ArgumentParser,
        lexicon_help: str = ("a bilingual dictionary (dictd .index, e.g. from Debian's "
                             "dict-freedict-*), a TSV of word pairs or a learned lexicon "
                             "(.parquet) to use beside the installed dictionaries; repeatable"),
        no_lexicon_help: str = ("use no dictionary or lexicon, not even the installed ones "
                                "(`sverka lexicon list` shows them)"),
) -> None:
    """``--lexicon PATH`` (repeatable) and ``--no-lexicon``, as
    :class:`~align.options.PairOptions` reads them; the help may say what the words are
    used for by the command."""
    parser.add_argument("--lexicon", action="append", default=[], metavar="PATH",
                        help=lexicon_help)
    parser.add_argument("--no-lexicon", action="store_true", help=no_lexicon_help)


FORCE_UNRELATED = ("align even two texts that do not look like translations of each other "
                   "(refused otherwise)")


def options_from(args: argparse.Namespace) -> PairOptions:
    """The reading options a command was given."""
    return PairOptions(src_lang=args.src_lang, tgt_lang=args.tgt_lang, level=args.level,
                       segments=args.segments, max_link=args.max_link,
                       lexicons=tuple(args.lexicon), no_lexicon=args.no_lexicon,
                       accept_unrelated=getattr(args, "force", False))


def add_web_arguments(parser: argparse.ArgumentParser) -> None:
    """How pages given by address are fetched: the cache, the polite rate, the timeout."""
    from align.web import DEFAULT_TIMEOUT, DEFAULT_WAIT

    parser.add_argument("--cache", metavar="DIR", help="folder of fetched pages, so a rerun "
                        "works offline (default: ~/.cache/sverka/pages, or under "
                        "$XDG_CACHE_HOME)")
    parser.add_argument("--wait", type=seconds, default=DEFAULT_WAIT, metavar="SECONDS",
                        help=f"seconds between two requests to one host (default "
                        f"{DEFAULT_WAIT:g})")
    parser.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"give up on a page after this many seconds without an answer "
                        f"(default {DEFAULT_TIMEOUT:g})")


def seconds(value: str) -> float:
    """A number of seconds, zero or more."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number >= 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds (0 or more)")
    return number


def request_from(first: str | Path, translation: str | Path | None,
                 args: argparse.Namespace) -> "PairRequest":
    """The pair ORIGINAL TRANSLATION (or the article folder ORIGINAL) with the options;
    either side may be a web address, and a translation page alone names its original."""
    return given_pair(first, translation, args)[0]


def given_pair(first: str | Path, translation: str | Path | None, args: argparse.Namespace
               ) -> tuple["PairRequest", "WebPair | None"]:
    """The request, and where its pages came from when a side was given by address or
    found through a translation page (None for files and article folders)."""
    from align.pairing import PairRequest, pair_request
    from align.web.web_pair import is_web_input, web_pair

    options = options_from(args)
    if not is_web_input(first, translation):
        return pair_request(Path(first), Path(translation) if translation else None,
                            options), None
    web = web_pair(first, translation, cache=cache_of(args), fetcher=fetcher_of(args),
                   src_lang=options.src_lang, tgt_lang=options.tgt_lang)
    name = web.name or web.original.name.split(".")[0]  # a file original keeps its name
    return PairRequest(web.original, web.translation, options, name), web


def given_pairs(first: str | Path, translations: "Sequence[str | Path]",
                args: argparse.Namespace) -> list[tuple["PairRequest", "WebPair | None"]]:
    """Every pair of ORIGINAL TRANSLATION…: one per translation given, or one per
    translation of an article folder given alone."""
    from align.pairing import pair_requests
    from align.web.web_pair import is_web_input

    if not translations:
        if is_web_input(first, None):
            return [given_pair(first, None, args)]
        return [(request, None) for request in pair_requests(Path(first), [],
                                                             options_from(args))]
    return [given_pair(first, translation, args) for translation in translations]


def cache_of(args: argparse.Namespace) -> Path | None:
    """The page cache the command was given (None: the default one)."""
    cache = getattr(args, "cache", None)
    return Path(cache) if cache else None


def fetcher_of(args: argparse.Namespace) -> "Fetcher | None":
    """A fetcher at the rate and timeout the command was given; None (the shared one at
    the defaults) for commands without those options."""
    if not hasattr(args, "wait"):
        return None
    from align.web.fetch import Fetcher

    return Fetcher(wait=args.wait, timeout=args.timeout)


def align_given(request: "PairRequest", web: "WebPair | None") -> "Alignment":
    """The pair aligned; pages given by address keep their addresses in the project, and
    an error names the address the user gave rather than the cache file."""
    from align.pairing import align_request

    if web is None:
        return align_request(request)
    return web.aligned(lambda: align_request(request))


def is_project(path: Path) -> bool:
    """A saved project (``.align.json``; any ``.json`` is read as one)."""
    return path.name.endswith(".json")


def given_project(first: str | Path, translation: str | Path | None) -> Path | None:
    """The project file when the user gave one (alone), None when they gave a pair or an
    article folder. A project with a translation beside it, or a lone text file, is an
    :class:`InputError` that says what to give instead."""
    first = Path(first)
    if is_project(first):
        if translation is not None:
            raise InputError(translation, f"not needed: {first.name} is a project, which "
                             "holds the translation; give the project alone")
        return first
    if translation is None and first.is_file():
        from align.web.web_pair import is_web_input

        if is_web_input(first, None):
            return None  # a translation page that names its original
        if first.stat().st_size == 0:
            raise InputError(first, "is empty")
        raise InputError(first, "give the translation beside it, or an .align.json "
                         "project, or an article folder")
    return None


def default_output(request: "PairRequest") -> Path:
    """Where a pair's project goes when no ``-o`` says: NAME.align.json here, NAME being
    the pair's (:func:`align.pairing.pair_name`: ``ru-en``, ``FOLDER``, ``FOLDER.de``)."""
    from align.pairing import pair_name

    return Path(f"{pair_name(request)}{PROJECT_SUFFIX}")


def load_or_align(first: str | Path, translation: str | Path | None,
                  args: argparse.Namespace) -> "Alignment":
    """The given project, or the pair aligned afresh (nothing written)."""
    from align.project import load

    project = given_project(first, translation)
    if project is not None:
        return ignoring_pair_options(args, project, load(project))
    return align_given(*given_pair(first, translation, args))


def open_or_align(first: str | Path, translation: str | Path | None,
                  args: argparse.Namespace, output: str | Path | None
                  ) -> tuple["Alignment", Path, str | None]:
    """The project to work on, where it is saved, and a note for the user (or None).

    A given project is opened; a pair whose project already exists (at ``output``, or the
    default name) opens that project instead of aligning again; otherwise the pair is
    aligned and saved there first."""
    from align.fileio import check_outputs
    from align.project import load, save

    project = given_project(first, translation)
    if project is not None:
        return ignoring_pair_options(args, project, load(project)), project, None
    request, web = given_pair(first, translation, args)
    path = Path(output) if output else default_output(request)
    if path.exists():
        existing = load(path)
        other = other_inputs(existing, path, request)
        if other:
            raise InputError(path, f"{other}; give -o to save this pair elsewhere")
        return ignoring_pair_options(args, path, existing), path, (
            f"opened the existing {path} (delete it or give -o to align afresh)")
    check_outputs((path,), (request.original, request.translation))
    alignment = align_given(request, web)
    save(alignment, path)
    return alignment, path, f"aligned and saved {path}"


def refuse_to_replace(output: Path, request: "PairRequest") -> None:
    """What ``--force`` overrides when a project is already at ``output``: a project with
    links a person confirmed or edited is their work, and a project made from other files
    is another pair's (``pair a/ru.txt a/en.txt`` then ``pair b/ru.txt b/en.txt`` in one
    folder, or the same ``-o`` given twice). An unreadable file there is left to the
    writer's checks."""
    if not output.is_file():
        return
    from align.project import load

    try:
        existing = load(output)
    except InputError:
        return
    reviewed = sum(1 for link in existing.links if link.reviewed)
    if reviewed:
        raise InputError(output, f"holds {reviewed} reviewed link(s); open it with "
                                 f"`sverka review`, or give --force to align afresh over it")
    other = other_inputs(existing, output, request)
    if other:
        raise InputError(output, f"{other}; give -o to write this pair elsewhere, or "
                         "--force to replace it")


def other_inputs(existing: "Alignment", project: Path, request: "PairRequest") -> str | None:
    """Why the project at ``project`` is not this pair's, or None when it is (or cannot
    be told). A side is the same input when it is the same file (by its recorded path,
    taken from here or beside the project: the file may have been edited since) or has
    the same bytes (recorded in ``meta.inputs``: the file may have moved)."""
    from align.fileio import file_digest
    from align.realign import INPUTS_KEY

    digests = existing.meta.get(INPUTS_KEY)
    digests = digests if isinstance(digests, dict) else {}
    sides = (("source", existing.source, request.original),
             ("target", existing.target, request.translation))
    recorded = [document.meta.get("path") for _, document, _ in sides]
    if not all(isinstance(path, str) and path for path in recorded):
        return None  # nothing recorded to compare
    for (side, _, given), path in zip(sides, recorded):
        same_file = any(candidate.resolve() == given.resolve() for candidate in
                        (Path(path), project.parent / path))
        if not same_file and digests.get(side) != file_digest(given):
            return (f"was made from {recorded[0]} and {recorded[1]}, not from "
                    f"{request.original} and {request.translation}")
    return None
