"""``--lexicon`` and ``--no-lexicon`` reach the aligner from every command that aligns,
and a bad lexicon is one line before any work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.cli import main

ROOT = Path(__file__).resolve().parents[1]
TEXTS = Path(__file__).parent / "texts"
RU, EN = TEXTS / "ru-en.ru.txt", TEXTS / "ru-en.en.txt"


def _word_list(tmp_path: Path) -> Path:
    """A few word pairs of the sample text, as a translator's own TSV."""
    path = tmp_path / "mine.tsv"
    path.write_text("ru\ten\nнаблюдатель\tobserver\nнарушение\tviolation\n"
                    "комиссия\tcommission\nжалоба\tcomplaint\n", encoding="utf-8")
    return path


def _project(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_given_word_list_is_used_and_named(tmp_path, capsys) -> None:
    out = tmp_path / "p.align.json"
    assert main(["pair", str(RU), str(EN), "-o", str(out), "--lexicon",
                 str(_word_list(tmp_path))]) == 0
    printed = capsys.readouterr().out
    assert "lexicon: ru→en from mine.tsv" in printed
    assert "mine.tsv" in _project(out)["meta"]["lexicon_sources"]


def test_no_lexicon_switches_every_source_off(tmp_path) -> None:
    out = tmp_path / "p.align.json"
    assert main(["pair", str(RU), str(EN), "-o", str(out), "-q", "--no-lexicon",
                 "--lexicon", str(_word_list(tmp_path))]) == 0
    assert "off" in _project(out)["meta"]["lexicon_sources"]


def test_installed_dictionaries_are_found_through_the_search_path(tmp_path, monkeypatch):
    from test_dictionaries import write_dictd  # a small dictd, as dictfmt writes one

    folder = tmp_path / "dicts"
    write_dictd(folder, "freedict-rus-eng", {"наблюдатель": "наблюдатель\nobserver\n",
                                              "жалоба": "жалоба\ncomplaint\n"})
    monkeypatch.setenv("SVERKA_DICT_PATH", str(folder))
    out = tmp_path / "p.align.json"
    assert main(["pair", str(RU), str(EN), "-o", str(out), "-q"]) == 0
    assert "freedict-rus-eng" in _project(out)["meta"]["lexicon_sources"]


@pytest.mark.parametrize("command", ["pair", "check", "batch"])
def test_a_missing_lexicon_is_one_line_and_nothing_is_written(command, tmp_path, capsys):
    missing = tmp_path / "nowhere.tsv"
    out = tmp_path / "out"
    argv = {"pair": ["pair", str(RU), str(EN), "-o", str(out)],
            "check": ["check", str(RU), str(EN), "-o", str(out)],
            "batch": ["batch", str(ROOT / "corpora"), "-o", str(out), "-q"]}[command]
    assert main([*argv, "--lexicon", str(missing)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and f"{missing}: no such file" in error
    assert not out.exists()
