"""Bilingual dictionaries as lexicon sources: the dictd reader (plain and dictzip), the two
entry layouts, stemmed word pairs, TSV word lists, discovery, the cache, and the one call
that builds the lexicon signal. Every dictionary here is written by the test."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from align.dictionaries import cache
from align.dictionaries.built import built_path
from align.dictionaries.dictd import decode_number, dictd_files, read_entries
from align.dictionaries.discovery import installed, search_dirs, serving
from align.dictionaries.entries import (freedict_translations, is_mueller,
                                        mueller_translations, translations)
from align.dictionaries.names import languages_of
from align.dictionaries.pairs import PairBuilder, WordPairs
from align.dictionaries.sources import choose_lexicon
from align.dictionaries.tsv import read_tsv
from align.errors import InputError
from align.lexicon import Lexicon, save
from align.stemming import stems

_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

MUELLER_CAT = """cat
   _I  [kæt]
      1. _n.
         1) кот; кошка; tom cat кот; pussy cat кошка, кошечка
         2) _зоол. животное семейства кошачьих
         3) (о человеке) сварливая женщина {см. тж. cattish}
      2. _v. бить плетью
"""
MUELLER_HOUSE = """house
   1. _n. [haʊs]
      1) дом; жилище; здание; to keep house вести хозяйство
      2) семья, род; кого-л. династия
"""
MUELLER_DOG = """dog
   [dɒg] _n. собака; пёс
"""
FREEDICT_KATZE = """Katze /ˈkat͡sə/ <n, fem>
1. chat 2.
in zahlreichen Rassen gezüchtetes, dem Menschen verbundenes Haustier
 3.
ein Tier
2. chatte, chat (Französisch)
weibliches Exemplar des unter [1] beschriebenen Haustieres
"""
FREEDICT_HEIM = """Waisenhaus /ˈvaɪ̯zn̩ˌhaʊ̯s/ <n, neut>
orphelinat
Heim für elternlose Kinder
"""
FREEDICT_RANGE = """range /ɹˈeɪndʒ/
Operationsradius <masc> [mil.]
   Synonym: {operation radius}

 see: {establishment}
"""


def _number(value: int) -> str:
    digits = ""
    while True:
        digits = _DIGITS[value % 64] + digits
        value //= 64
        if not value:
            return digits


def write_dictd(folder: Path, name: str, entries: dict[str, str], *, dz: bool = False,
                metadata: bool = True) -> Path:
    """A dictd dictionary ``name`` in ``folder``: ``NAME.index`` and ``NAME.dict`` (or
    ``.dict.dz``), as dictfmt writes them. Returns the index."""
    data = bytearray()
    lines = []
    items = list(entries.items())
    if metadata:
        items.insert(0, ("00databaseshort", f"{name}\n"))
    for headword, text in items:
        body = text.encode("utf-8")
        lines.append(f"{headword.lower()}\t{_number(len(data))}\t{_number(len(body))}")
        data += body
    folder.mkdir(parents=True, exist_ok=True)
    index = folder / f"{name}.index"
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if dz:
        (folder / f"{name}.dict.dz").write_bytes(gzip.compress(bytes(data)))
    else:
        (folder / f"{name}.dict").write_bytes(bytes(data))
    return index


MUELLER = {"cat": MUELLER_CAT, "house": MUELLER_HOUSE, "dog": MUELLER_DOG}
FREEDICT = {"Katze": FREEDICT_KATZE, "Waisenhaus": FREEDICT_HEIM}


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Each test caches in its own folder, and no real dictionary is found unless named."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("align.dictionaries.discovery.SYSTEM_DIR", tmp_path / "no-system")
    monkeypatch.delenv("SVERKA_DICT_PATH", raising=False)


def _one_line(error: pytest.ExceptionInfo, name: str) -> str:
    message = str(error.value)
    assert name in message and "\n" not in message
    return message


# ---------------------------------------------------------------- reader
def test_dictd_numbers_are_base64_most_significant_first() -> None:
    assert decode_number("C+m") == 2 * 64 * 64 + 62 * 64 + 38
    assert decode_number("A") == 0
    assert all(decode_number(_number(n)) == n for n in (0, 63, 64, 9_303_472))


@pytest.mark.parametrize("dz", [False, True])
def test_the_reader_gives_every_entry_of_plain_and_dictzip_files(tmp_path, dz) -> None:
    index = write_dictd(tmp_path, "mueller7", MUELLER, dz=dz)
    files = dictd_files(index)
    assert files.data.name == ("mueller7.dict.dz" if dz else "mueller7.dict")
    entries = dict(read_entries(files))
    assert entries == MUELLER  # the metadata entry is not a word


def test_any_of_the_three_names_finds_the_dictionary(tmp_path) -> None:
    index = write_dictd(tmp_path, "freedict-deu-fra", FREEDICT, dz=True)
    for named in (index, tmp_path / "freedict-deu-fra.dict.dz", tmp_path / "freedict-deu-fra"):
        assert dictd_files(named).index == index


def test_a_missing_dictionary_or_half_of_one_is_one_line(tmp_path) -> None:
    with pytest.raises(InputError) as error:
        dictd_files(tmp_path / "nope.index")
    _one_line(error, "nope.index")
    index = write_dictd(tmp_path, "lonely", MUELLER)
    (tmp_path / "lonely.dict").unlink()
    with pytest.raises(InputError) as error:
        dictd_files(index)
    assert "no lonely.dict or .dict.dz" in _one_line(error, "lonely.index")


def test_a_truncated_index_is_one_line(tmp_path) -> None:
    index = write_dictd(tmp_path, "mueller7", MUELLER)
    text = index.read_text(encoding="utf-8")
    index.write_text(text[: text.rindex("\t")], encoding="utf-8")  # last line cut short
    with pytest.raises(InputError) as error:
        list(read_entries(dictd_files(index)))
    assert "line 4" in _one_line(error, "mueller7.index")


def test_an_index_pointing_past_the_data_is_one_line(tmp_path) -> None:
    index = write_dictd(tmp_path, "mueller7", MUELLER)
    data = tmp_path / "mueller7.dict"
    data.write_bytes(data.read_bytes()[:-10])
    with pytest.raises(InputError) as error:
        list(read_entries(dictd_files(index)))
    assert "past the end" in _one_line(error, "mueller7.index")


def test_a_cut_short_dictzip_is_one_line(tmp_path) -> None:
    index = write_dictd(tmp_path, "mueller7", MUELLER, dz=True)
    data = tmp_path / "mueller7.dict.dz"
    data.write_bytes(data.read_bytes()[:-30])
    with pytest.raises(InputError) as error:
        list(read_entries(dictd_files(index)))
    assert "cut short" in _one_line(error, "mueller7.dict.dz")


@pytest.mark.parametrize("index_bytes, problem", [
    (b"", "empty"),
    (b"<html><body>Not found</body></html>\n", "not a dictd index"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
    (b"00databaseshort\tA\tB\n", "no entries"),
])
def test_a_foreign_or_empty_index_is_one_line(tmp_path, index_bytes, problem) -> None:
    (tmp_path / "odd.index").write_bytes(index_bytes)
    (tmp_path / "odd.dict").write_bytes(b"odd\n")
    with pytest.raises(InputError) as error:
        list(read_entries(dictd_files(tmp_path / "odd.index")))
    assert problem in _one_line(error, "odd.")


def test_a_dz_that_is_not_gzip_is_one_line(tmp_path) -> None:
    index = write_dictd(tmp_path, "mueller7", MUELLER)
    (tmp_path / "mueller7.dict").rename(tmp_path / "mueller7.dict.dz")
    with pytest.raises(InputError) as error:
        list(read_entries(dictd_files(index)))
    assert "not dictzip" in _one_line(error, "mueller7.dict.dz")


# ---------------------------------------------------------------- entries
def test_mueller_entries_keep_translations_not_examples_labels_or_notes() -> None:
    assert is_mueller(MUELLER_CAT)
    assert mueller_translations(MUELLER_CAT) == [
        "кот", "кошка", "животное семейства кошачьих", "сварливая женщина", "бить плетью"]
    assert mueller_translations(MUELLER_HOUSE) == ["дом", "жилище", "здание", "семья",
                                                   "род", "династия"]
    assert mueller_translations(MUELLER_DOG) == ["собака", "пёс"]


def test_freedict_entries_keep_sense_lines_not_glosses_or_synonyms() -> None:
    assert not is_mueller(FREEDICT_KATZE)
    assert freedict_translations(FREEDICT_KATZE) == ["chat", "chatte", "chat"]
    assert freedict_translations(FREEDICT_HEIM) == ["orphelinat"]
    assert translations(FREEDICT_RANGE) == ["Operationsradius"]


# ---------------------------------------------------------------- pairs
def test_pairs_are_stemmed_as_text_will_be_and_phrases_share_their_weight() -> None:
    builder = PairBuilder("en", "ru")
    builder.add("Cats", ["кошка", "животное семейства кошачьих", "tom cat"])
    weights = builder.pairs.weights
    cat, kosh = stems("cats", "en")[0], stems("кошкой", "ru")[0]
    assert weights[(cat, kosh)] == 1.0
    assert weights[(cat, stems("животное", "ru")[0])] == pytest.approx(1 / 3)
    assert not any(tgt.startswith("tom") for _, tgt in weights)  # not Russian


def test_a_headword_of_several_words_teaches_nothing() -> None:
    builder = PairBuilder("en", "ru")
    builder.add("first of all", ["сначала"])
    assert len(builder.pairs) == 0


def test_inverting_swaps_languages_and_words_and_keeps_weights() -> None:
    builder = PairBuilder("en", "ru")
    builder.add("cat", ["кошка", "животное семейства"])
    back = builder.pairs.inverted()
    assert (back.src_lang, back.tgt_lang) == ("ru", "en")
    assert back.weights == {(t, s): w for (s, t), w in builder.pairs.weights.items()}


def test_a_stem_in_the_translations_of_too_many_headwords_is_dropped() -> None:
    pairs = WordPairs("en", "ru")
    for n in range(4):
        pairs.add(f"word{'x' * n}", "в", 1 / 3)  # "в" translates every headword: a hub
        pairs.add(f"word{'x' * n}", f"слово{'ы' * n}", 1.0)
    kept = pairs.without_hubs(limit=3)
    assert set(kept.weights) == {(f"word{'x' * n}", f"слово{'ы' * n}") for n in range(4)}
    assert pairs.without_hubs(limit=4).weights == pairs.weights


def test_language_codes_come_from_freedict_names_and_known_names() -> None:
    assert languages_of("freedict-deu-fra") == ("de", "fr")
    assert languages_of("freedict-eng-rus") == ("en", "ru")
    assert languages_of("mueller7") == ("en", "ru")
    assert languages_of("jargon") is None


# ---------------------------------------------------------------- TSV
def test_a_tsv_with_a_header_says_its_direction(tmp_path) -> None:
    tsv = tmp_path / "terms.tsv"
    tsv.write_text("en\tru\n# a comment\ncat\tкошка, кот\ndog\tсобака\t0.5\n", encoding="utf-8")
    pairs = read_tsv(tsv, "ru", "en")
    assert (pairs.src_lang, pairs.tgt_lang) == ("en", "ru")
    assert pairs.weights[("cat", stems("кот", "ru")[0])] == 1.0
    assert pairs.weights[("dog", stems("собака", "ru")[0])] == 0.5


def test_a_tsv_without_a_header_follows_the_pair(tmp_path) -> None:
    tsv = tmp_path / "terms.tsv"
    tsv.write_text("кошка\tcat\n", encoding="utf-8")
    pairs = read_tsv(tsv, "ru", "en")
    assert pairs.weights == {(stems("кошка", "ru")[0], "cat"): 1.0}


@pytest.mark.parametrize("content, problem", [
    ("cat\n", "line 1"),
    ("cat\tкошка\t2.5\n", "weight"),
    ("# only a comment\n", "no word pairs"),
    ("\ufffd\x00\x01binary", "binary"),
])
def test_a_bad_tsv_is_one_line(tmp_path, content, problem) -> None:
    tsv = tmp_path / "terms.tsv"
    tsv.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_tsv(tsv, "en", "ru")
    assert problem in _one_line(error, "terms.tsv")


def test_a_tsv_that_is_not_utf8_is_one_line(tmp_path) -> None:
    tsv = tmp_path / "terms.tsv"
    tsv.write_bytes("кошка\tcat\n".encode("cp1251"))
    with pytest.raises(InputError) as error:
        read_tsv(tsv, "ru", "en")
    assert "UTF-8" in _one_line(error, "terms.tsv")


# ---------------------------------------------------------------- discovery
def test_dictionaries_in_sverka_dict_path_are_found_for_either_direction(
        tmp_path, monkeypatch) -> None:
    mine = tmp_path / "mine"
    write_dictd(mine, "mueller7", MUELLER, dz=True)
    write_dictd(mine, "freedict-deu-fra", FREEDICT)
    write_dictd(mine, "jargon", {"hack": "hack\n   a clever trick\n"})
    (mine / "orphan.index").write_text("x\tA\tB\n", encoding="utf-8")  # no data beside it
    monkeypatch.setenv("SVERKA_DICT_PATH", f"{tmp_path / 'absent'}{os.pathsep}{mine}")
    assert search_dirs()[:2] == [tmp_path / "absent", mine]
    found = {d.name: d.languages for d in installed()}
    assert found == {"mueller7": ("en", "ru"), "freedict-deu-fra": ("de", "fr"),
                     "jargon": None}
    assert [(d.name, backwards) for d, backwards in serving("ru", "en")] == [("mueller7", True)]
    assert [(d.name, backwards) for d, backwards in serving("en-GB", "ru")] == [
        ("mueller7", False)]
    assert serving("ru", "de") == []


# ---------------------------------------------------------------- the signal
def _table(choice, pair):
    return choice.signal.tables[pair]


def test_an_installed_dictionary_serves_the_pair_backwards(tmp_path) -> None:
    write_dictd(tmp_path / "d", "mueller7", MUELLER, dz=True)
    choice = choose_lexicon([("ru", "en")], dirs=[tmp_path / "d"])
    assert choice.used == ("mueller7",)
    assert "ru→en from mueller7" in choice.summary and "read backwards" in choice.summary
    table = _table(choice, ("ru", "en"))
    kosh, cat = table.src_words[stems("кошкой", "ru")[0]], table.tgt_words[stems("cat", "en")[0]]
    assert table.probabilities[kosh, cat] == 1.0
    assert stems("tom", "en")[0] not in table.tgt_words or \
        table.probabilities[kosh, table.tgt_words["tom"]] == 0


def test_no_lexicon_switches_everything_off(tmp_path) -> None:
    write_dictd(tmp_path / "d", "mueller7", MUELLER)
    choice = choose_lexicon([("ru", "en")], [tmp_path / "d" / "mueller7.index"],
                            no_lexicon=True, dirs=[tmp_path / "d"])
    assert choice.signal is None and "off" in choice.summary


def test_nothing_found_says_so(tmp_path) -> None:
    choice = choose_lexicon([("ru", "en")], dirs=[tmp_path])
    assert choice.signal is None and "none for ru→en" in choice.summary


def test_sources_for_one_pair_are_merged_at_their_highest_weight(tmp_path) -> None:
    write_dictd(tmp_path / "d", "mueller7", MUELLER)
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("кошка\tcat\t0.5\nкошка\tkitty\n", encoding="utf-8")
    choice = choose_lexicon([("ru", "en")], [tsv], dirs=[tmp_path / "d"])
    assert choice.used == ("mine.tsv", "mueller7")
    table = _table(choice, ("ru", "en"))
    kosh = table.src_words[stems("кошка", "ru")[0]]
    assert table.probabilities[kosh, table.tgt_words["cat"]] == 1.0  # mueller7's, not 0.5
    assert table.probabilities[kosh, table.tgt_words["kitti"]] == 1.0


def test_a_learned_lexicon_serves_either_direction(tmp_path) -> None:
    learned = tmp_path / "learned.parquet"
    save(Lexicon((("en", "ru", "cat", "кошк", 0.8, 3.0),), links=3), learned)
    choice = choose_lexicon([("ru-RU", "en")], [learned], dirs=[tmp_path])
    table = _table(choice, ("ru", "en"))
    assert table.probabilities[table.src_words["кошк"], table.tgt_words["cat"]] == \
        pytest.approx(0.8)


def test_an_installed_dictionary_serving_two_pairs_is_read_once(tmp_path) -> None:
    write_dictd(tmp_path / "d", "freedict-deu-fra", FREEDICT)
    choice = choose_lexicon([("de", "fr"), ("fr", "de")], dirs=[tmp_path / "d"])
    assert set(choice.signal.tables) == {("de", "fr"), ("fr", "de")}
    assert choice.used == ("freedict-deu-fra",)


@pytest.mark.parametrize("name, problem", [
    ("missing.tsv", "no such file"),
    ("missing.index", "no such file"),
])
def test_a_missing_lexicon_is_one_line(tmp_path, name, problem) -> None:
    with pytest.raises(InputError) as error:
        choose_lexicon([("ru", "en")], [tmp_path / name], dirs=[tmp_path])
    assert problem in _one_line(error, name)


def test_a_named_dictionary_for_other_languages_is_one_line(tmp_path) -> None:
    index = write_dictd(tmp_path, "freedict-deu-fra", FREEDICT)
    with pytest.raises(InputError) as error:
        choose_lexicon([("ru", "en")], [index], dirs=[tmp_path / "none"])
    assert "serves de–fr, not ru→en" in _one_line(error, "freedict-deu-fra.index")


def test_a_tsv_whose_header_names_other_languages_is_one_line(tmp_path) -> None:
    tsv = tmp_path / "terms.tsv"
    tsv.write_text("de\tfr\nKatze\tchat\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        choose_lexicon([("ru", "en")], [tsv], dirs=[tmp_path / "none"])
    assert "serves de–fr, not ru→en" in _one_line(error, "terms.tsv")


def test_a_named_dictionary_of_unknown_languages_is_one_line(tmp_path) -> None:
    index = write_dictd(tmp_path, "jargon", {"hack": "hack\n   a clever trick\n"})
    with pytest.raises(InputError) as error:
        choose_lexicon([("ru", "en")], [index], dirs=[tmp_path / "none"])
    assert "languages" in _one_line(error, "jargon")


def test_a_parquet_that_is_not_a_lexicon_is_one_line(tmp_path) -> None:
    bogus = tmp_path / "bogus.parquet"
    bogus.write_bytes(b"PAR1 this is not parquet at all")
    with pytest.raises(InputError) as error:
        choose_lexicon([("ru", "en")], [bogus], dirs=[tmp_path / "none"])
    _one_line(error, "bogus.parquet")


# ---------------------------------------------------------------- cache
def test_a_parsed_dictionary_is_cached_until_it_changes(tmp_path) -> None:
    index = write_dictd(tmp_path / "d", "mueller7", MUELLER)
    first = choose_lexicon([("en", "ru")], dirs=[tmp_path / "d"])
    assert "read in" in first.summary
    assert any(cache.cache_dir().glob("mueller7-*.parquet"))
    second = choose_lexicon([("en", "ru")], dirs=[tmp_path / "d"])
    assert "cached in" in second.summary
    assert (_table(second, ("en", "ru")).probabilities != _table(first, ("en", "ru"))
            .probabilities).nnz == 0
    write_dictd(tmp_path / "d", "mueller7", {**MUELLER, "dog": "dog\n   пёс; шавка\n"})
    os.utime(index, ns=(1, 1))  # a different stamp even within the clock's resolution
    third = choose_lexicon([("en", "ru")], dirs=[tmp_path / "d"])
    assert "read in" in third.summary
    assert stems("шавка", "ru")[0] in _table(third, ("en", "ru")).tgt_words


def test_the_built_signal_is_cached_and_read_without_the_dictionaries_pairs(
        tmp_path, monkeypatch) -> None:
    """The signal built from the installed dictionaries loads whole from the cache: the
    same tables, no word pair read again, until a dictionary changes."""
    from align.dictionaries import sources

    index = write_dictd(tmp_path / "d", "mueller7", MUELLER)
    first = choose_lexicon([("ru", "en")], dirs=[tmp_path / "d"])
    assert built_path([("ru", "en")]).is_file()

    def no_reading(*args, **kwargs):
        raise AssertionError("the word pairs were read again")

    monkeypatch.setattr(sources, "load_dictd", no_reading)
    second = choose_lexicon([("ru", "en")], dirs=[tmp_path / "d"])
    assert second.used == first.used == ("mueller7",)
    assert "ru→en from mueller7" in second.summary and "cached in" in second.summary
    a, b = _table(first, ("ru", "en")), _table(second, ("ru", "en"))
    assert a.src_words == b.src_words and a.tgt_words == b.tgt_words
    assert list(a.src_words) == list(b.src_words)  # the same column of every word
    assert (a.probabilities != b.probabilities).nnz == 0
    os.utime(index, ns=(1, 1))  # the dictionary changed: its pairs are read again
    with pytest.raises(AssertionError, match="read again"):
        choose_lexicon([("ru", "en")], dirs=[tmp_path / "d"])


def test_an_unwritable_or_damaged_cache_only_means_parsing_again(tmp_path, monkeypatch
                                                                 ) -> None:
    index = write_dictd(tmp_path / "d", "mueller7", MUELLER)
    first = choose_lexicon([("en", "ru")], dirs=[tmp_path / "d"])
    cache.cache_path(dictd_files(index)).write_bytes(b"damaged")
    built_path([("en", "ru")]).write_bytes(b"damaged too")
    again = choose_lexicon([("en", "ru")], dirs=[tmp_path / "d"])
    assert "read in" in again.summary
    assert _table(again, ("en", "ru")).src_words == _table(first, ("en", "ru")).src_words
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    choice = choose_lexicon([("en", "ru")], dirs=[tmp_path / "d"])
    assert choice.signal is not None and "read in" in choice.summary
