"""The real dictionaries Debian installs (``apt install mueller7-dict
dict-freedict-deu-fra``; ``.ci/run`` does): read, parsed and served backwards. Each test
skips with its reason when the dictionary is absent."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from align.dictionaries.dictd import dictd_files, read_entries
from align.dictionaries.entries import translations
from align.dictionaries.sources import choose_lexicon
from align.stemming import stems

DICTD = Path("/usr/share/dictd")
pytestmark = pytest.mark.system_dictionaries


def _needs(name: str, package: str) -> Path:
    index = DICTD / f"{name}.index"
    if not index.is_file():
        pytest.skip(f"{index} absent: apt-get install {package}")
    return index


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _entry(index: Path, word: str) -> str:
    return _entries(index)[word]


@lru_cache(maxsize=None)
def _entries(index: Path) -> dict[str, str]:
    """Each dictionary read once for the module (the first entry of a headword)."""
    entries: dict[str, str] = {}
    for headword, entry in read_entries(dictd_files(index)):
        entries.setdefault(headword, entry)
    return entries


def test_mueller7_entries_give_russian_translations() -> None:
    index = _needs("mueller7", "mueller7-dict")
    cat = translations(_entry(index, "cat"))
    assert cat[:2] == ["кот", "кошка"]
    assert all("cat" not in phrase for phrase in cat)
    assert len(_entries(index)) > 40_000
    water = translations(_entry(index, "water"))
    assert water[0] == "вода" and "поливать" in water


def test_freedict_deu_fra_entries_give_french_not_german_glosses() -> None:
    index = _needs("freedict-deu-fra", "dict-freedict-deu-fra")
    katze = translations(_entry(index, "katze"))
    assert katze[0] == "chat" and "chatte" in katze
    assert not any("Haustier" in phrase for phrase in katze)


def test_mueller7_serves_russian_to_english() -> None:
    _needs("mueller7", "mueller7-dict")
    choice = choose_lexicon([("ru", "en")], dirs=[DICTD])
    assert "mueller7" in choice.used
    table = choice.signal.tables[("ru", "en")]
    assert len(table.src_words) > 20_000
    house = table.tgt_words[stems("house", "en")[0]]
    assert table.probabilities[table.src_words[stems("домом", "ru")[0]], house] > 0
