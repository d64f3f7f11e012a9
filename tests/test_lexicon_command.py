"""``sverka lexicon list`` and ``sverka lexicon learn``, and their bad input (exit 2, one
line naming the file)."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest

from align.cli import main
from align.lexicon import load
from align.stemming import stems
from test_dictionaries import FREEDICT, MUELLER, write_dictd

PAIRS = [
    ("Кошка спит на диване.", "The cat sleeps on the sofa."),
    ("Собака спит во дворе.", "The dog sleeps in the yard."),
    ("Кошка ест рыбу.", "The cat eats fish."),
    ("Собака ест мясо.", "The dog eats meat."),
    ("Кошки и собаки играют.", "The cats and the dogs play."),
    ("Дети играют во дворе.", "The children play in the yard."),
    ("Дети едят рыбу.", "The children eat fish."),
    ("Мама спит.", "Mum sleeps."),
]


def write_tmx(path, pairs, src="ru", tgt="en") -> None:
    units = "".join(f'<tu><tuv xml:lang="{src}"><seg>{escape(a)}</seg></tuv>'
                    f'<tuv xml:lang="{tgt}"><seg>{escape(b)}</seg></tuv></tu>\n'
                    for a, b in pairs)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                    f'srclang="{src}" datatype="plaintext" segtype="sentence" o-tmf="x" '
                    'adminlang="en" creationtool="t" creationtoolversion="1"/>'
                    f"<body>\n{units}</body></tmx>\n", encoding="utf-8")


@pytest.fixture(autouse=True)
def _only_test_dictionaries(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("align.dictionaries.discovery.SYSTEM_DIR", tmp_path / "no-system")
    monkeypatch.delenv("SVERKA_DICT_PATH", raising=False)


def _error(capsys, argv) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    return lines[0]


def test_list_shows_what_is_found_with_languages(tmp_path, monkeypatch, capsys) -> None:
    write_dictd(tmp_path / "dicts", "mueller7", MUELLER, dz=True)
    write_dictd(tmp_path / "dicts", "freedict-deu-fra", FREEDICT)
    monkeypatch.setenv("SVERKA_DICT_PATH", str(tmp_path / "dicts"))
    assert main(["lexicon", "list"]) == 0
    out = capsys.readouterr().out
    assert "mueller7\ten→ru" in out and "freedict-deu-fra\tde→fr" in out
    assert "2 found" in out
    assert main(["lexicon", "list", "--src-lang", "ru", "--tgt-lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "mueller7\ten→ru (read backwards)" in out and "freedict" not in out


def test_list_with_nothing_installed_says_where_it_looked(tmp_path, capsys) -> None:
    assert main(["lexicon", "list"]) == 0
    assert "no dictd dictionaries found in" in capsys.readouterr().out


def test_list_needs_both_languages_or_neither(capsys) -> None:
    assert "both" in _error(capsys, ["lexicon", "list", "--src-lang", "ru"])


def test_learn_writes_a_lexicon_of_stems_from_a_memory(tmp_path, capsys) -> None:
    memory = tmp_path / "memory.tmx"
    write_tmx(memory, PAIRS * 3)
    out = tmp_path / "lex.parquet"
    assert main(["lexicon", "learn", str(memory), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out}" in printed and "ru→en from 24 units" in printed
    lexicon = load(out)
    assert lexicon.links == len(PAIRS) * 3
    best = {}
    for src_lang, tgt_lang, src, tgt, prob, _ in lexicon.entries:
        assert (src_lang, tgt_lang) == ("ru", "en")
        if prob > best.get(src, ("", 0.0))[1]:
            best[src] = (tgt, prob)
    assert best[stems("кошками", "ru")[0]][0] == stems("cats", "en")[0]
    assert best[stems("собаку", "ru")[0]][0] == "dog"


def test_learn_keeps_only_the_languages_asked_for(tmp_path, capsys) -> None:
    ru, de = tmp_path / "ru.tmx", tmp_path / "de.tmx"
    write_tmx(ru, PAIRS)
    write_tmx(de, [("Die Katze schläft.", "The cat sleeps."), ("Der Hund schläft.",
                   "The dog sleeps."), ("Die Katze isst.", "The cat eats.")] * 3, src="de")
    out = tmp_path / "lex.parquet"
    assert main(["lexicon", "learn", str(ru), str(de), "-o", str(out),
                 "--src-lang", "de", "--tgt-lang", "en"]) == 0
    assert {entry[:2] for entry in load(out).entries} == {("de", "en")}
    assert main(["lexicon", "learn", str(ru), str(de), "-o", str(out)]) == 0
    assert {entry[:2] for entry in load(out).entries} == {("de", "en"), ("ru", "en")}


def test_learn_from_a_missing_memory_is_one_line(tmp_path, capsys) -> None:
    line = _error(capsys, ["lexicon", "learn", str(tmp_path / "nope.tmx"), "-o",
                           str(tmp_path / "lex.parquet")])
    assert "nope.tmx" in line
    assert not (tmp_path / "lex.parquet").exists()


def test_learn_from_a_memory_without_the_languages_is_one_line(tmp_path, capsys) -> None:
    memory = tmp_path / "memory.tmx"
    write_tmx(memory, PAIRS)
    line = _error(capsys, ["lexicon", "learn", str(memory), "-o", str(tmp_path / "x.parquet"),
                           "--src-lang", "fr", "--tgt-lang", "de"])
    assert "memory.tmx" in line and "nothing to learn" in line


def test_learn_from_a_file_that_is_not_tmx_is_one_line(tmp_path, capsys) -> None:
    memory = tmp_path / "memory.tmx"
    memory.write_text("<html><body>Not found</body></html>", encoding="utf-8")
    assert "memory.tmx" in _error(capsys, ["lexicon", "learn", str(memory), "-o",
                                           str(tmp_path / "x.parquet")])


def test_learn_never_writes_over_its_input(tmp_path, capsys) -> None:
    memory = tmp_path / "memory.tmx"
    write_tmx(memory, PAIRS)
    before = memory.read_bytes()
    assert "input" in _error(capsys, ["lexicon", "learn", str(memory), "-o", str(memory)])
    assert memory.read_bytes() == before
