"""Bilingual dictionaries as lexicon sources: dictd dictionaries (as Debian installs them),
TSV word lists and learned lexicons, turned into the lexicon signal's tables.

One module per job: :mod:`.dictd` reads the files, :mod:`.entries` finds the
translations in an entry, :mod:`.pairs` turns them into stemmed word pairs,
:mod:`.tsv` reads word lists, :mod:`.names` tells a dictionary's languages from its
name, :mod:`.discovery` finds installed dictionaries, :mod:`.cache` keeps parsed
dictionaries, :mod:`.memory` learns a lexicon from TMX memories, and :mod:`.sources` is
the one call a command makes (:func:`~align.dictionaries.sources.choose_lexicon`).
"""
