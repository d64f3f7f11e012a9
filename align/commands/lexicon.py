"""``sverka lexicon``: the dictionaries sverka finds, and lexicons learned from memories.

``sverka lexicon list`` shows the dictd dictionaries installed (Debian's
``/usr/share/dictd`` and ``$SVERKA_DICT_PATH``) with their languages;
``sverka lexicon learn MEMORY.tmx… -o LEX.parquet`` learns a lexicon from a
translator's memories, for ``--lexicon``.
"""

from __future__ import annotations

import argparse

from align.commands import language_code

NAME = "lexicon"
HELP = "list installed dictionaries, or learn a lexicon from TMX memories"
ORDER = 70


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="the dictd dictionaries found, with languages",
                                 description="The dictd dictionaries found in "
                                 "$SVERKA_DICT_PATH and /usr/share/dictd.")
    _languages(listing, "show only dictionaries for this pair (either direction)")
    learning = actions.add_parser("learn", help="learn a lexicon from TMX memories "
                                  "(IBM Model 1 on their units)",
                                  description="Learn a lexicon from TMX memories (IBM "
                                  "Model 1 on their units), for --lexicon.")
    learning.add_argument("memories", nargs="+", metavar="MEMORY.tmx", help="TMX memories")
    learning.add_argument("-o", "--output", required=True, metavar="LEX.parquet",
                          help="the lexicon to write")
    _languages(learning, "learn only this pair (default: every pair the units hold)")


def _languages(parser: argparse.ArgumentParser, why: str) -> None:
    parser.add_argument("--src-lang", type=language_code, metavar="LANG",
                        help=f"source language; {why}")
    parser.add_argument("--tgt-lang", type=language_code, metavar="LANG",
                        help="target language")


def run(args: argparse.Namespace) -> int:
    return _learn(args) if args.action == "learn" else _list(args)


def _list(args: argparse.Namespace) -> int:
    from align.dictionaries.discovery import installed, search_dirs

    dictionaries = installed()
    if args.src_lang and args.tgt_lang:
        dictionaries = [d for d in dictionaries
                        if d.reading(args.src_lang, args.tgt_lang) is not None]
    elif args.src_lang or args.tgt_lang:
        from align.errors import SverkaError

        raise SverkaError("give both --src-lang and --tgt-lang, or neither")
    folders = ", ".join(str(folder) for folder in search_dirs())
    if not dictionaries:
        print(f"no dictd dictionaries found in {folders}")
        return 0
    for dictionary in dictionaries:
        if dictionary.languages is None:
            languages = "languages unknown (not used without being named)"
        else:
            languages = f"{dictionary.languages[0]}→{dictionary.languages[1]}"
            if args.src_lang:
                backwards = dictionary.reading(args.src_lang, args.tgt_lang)
                languages += " (read backwards)" if backwards else ""
        print(f"{dictionary.name}\t{languages}\t{dictionary.files.index}")
    print(f"{len(dictionaries)} found in {folders}")
    return 0


def _learn(args: argparse.Namespace) -> int:
    from align.dictionaries.memory import learn_memories
    from align.fileio import check_outputs
    from align.formats.units import plural
    from align.lexicon import save

    check_outputs((args.output,), args.memories)
    lexicon, counts = learn_memories(args.memories, args.src_lang, args.tgt_lang)
    save(lexicon, args.output)
    pairs = ", ".join(f"{src}→{tgt} from {plural(used, 'unit')}"
                      for (src, tgt), used in sorted(counts.used.items()))
    print(f"wrote {args.output}: {plural(len(lexicon), 'word pair')} ({pairs}; "
          f"{plural(counts.units, 'unit')} read)")
    return 0
