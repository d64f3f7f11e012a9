"""Installed dictd dictionaries: found without being named, for the languages of a pair.

Debian installs them in :data:`SYSTEM_DIR` (``apt install mueller7-dict``); a user's own
go in the folders of ``$SVERKA_DICT_PATH`` (separated like ``$PATH``), which are looked
in first. A dictionary serves a pair in either direction: English–Russian Mueller7 is
read backwards for a Russian original.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from align.dictionaries.dictd import DATA_SUFFIXES, DictdFiles
from align.dictionaries.names import languages_of
from align.language import base_language

SYSTEM_DIR = Path("/usr/share/dictd")
PATH_VARIABLE = "SVERKA_DICT_PATH"


@dataclass(frozen=True)
class Dictionary:
    """A dictd dictionary and its languages (None when its name does not tell)."""

    files: DictdFiles
    languages: tuple[str, str] | None

    @property
    def name(self) -> str:
        return self.files.name

    def reading(self, src_lang: str, tgt_lang: str) -> bool | None:
        """How it serves ``src_lang`` → ``tgt_lang``: False read as it is, True read
        backwards, None not at all."""
        return direction(self.languages, src_lang, tgt_lang)


def direction(languages: tuple[str, str] | None, src_lang: str, tgt_lang: str
              ) -> bool | None:
    """Whether a source in ``languages`` serves a pair inverted (True), as it is (False),
    or not at all (None)."""
    if languages is None:
        return None
    have = (base_language(languages[0]), base_language(languages[1]))
    want = (base_language(src_lang), base_language(tgt_lang))
    if have == want:
        return False
    if have == want[::-1]:
        return True
    return None


def search_dirs() -> list[Path]:
    """Where dictionaries are looked for: ``$SVERKA_DICT_PATH``'s folders, then Debian's."""
    extra = os.environ.get(PATH_VARIABLE, "")
    dirs = [Path(part) for part in extra.split(os.pathsep) if part]
    return dirs + [SYSTEM_DIR]


def installed(dirs: list[Path] | None = None) -> list[Dictionary]:
    """Every dictd dictionary (an index with its data) in ``dirs`` (default
    :func:`search_dirs`); a name found twice is taken from the first folder."""
    found: dict[str, Dictionary] = {}
    for folder in search_dirs() if dirs is None else dirs:
        try:
            indexes = sorted(folder.glob("*.index"))
        except OSError:
            continue
        for index in indexes:
            base = str(index)[: -len(".index")]
            data = next((Path(base + suffix) for suffix in DATA_SUFFIXES
                         if Path(base + suffix).is_file()), None)
            if data is None or not index.is_file():
                continue
            files = DictdFiles(index, data)
            if files.name not in found:
                found[files.name] = Dictionary(files, languages_of(files.name))
    return list(found.values())


def serving(src_lang: str, tgt_lang: str, dirs: list[Path] | None = None
            ) -> list[tuple[Dictionary, bool]]:
    """Installed dictionaries for ``src_lang`` → ``tgt_lang``, each with whether it is
    read backwards."""
    chosen = []
    for dictionary in installed(dirs):
        inverted = dictionary.reading(src_lang, tgt_lang)
        if inverted is not None:
            chosen.append((dictionary, inverted))
    return chosen
