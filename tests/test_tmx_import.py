"""``sverka import`` and ``sverka merge``: TMX memories in, projects and memories out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from align.cli import main
from align.errors import InputError
from align.formats.tmx import write_tmx
from align.formats.tmx_reader import TmxReader, read_tmx_pairs
from align.formats.tmx_import import alignment_from_tmx
from align.formats.tmx_merge import merge_tmx
from align.project import load
from test_formats import leftovers, sample
from xml_validation import assert_valid_tmx, assert_valid_xliff
from test_tmx_reader import FOREIGN, write


def memory(tmp_path: Path, name: str, units: list[tuple[str, str, str]], *,
           srclang: str = "ru", segtype: str = "sentence") -> Path:
    """A small foreign-looking TMX: (source, target, changedate) per unit."""
    body = "".join(
        f'<tu tuid="1"{f" changedate={date!r}" if date else ""}><tuv xml:lang="{srclang}">'
        f'<seg>{s}</seg></tuv><tuv xml:lang="en"><seg>{t}</seg></tuv></tu>'
        for s, t, date in units)
    return write(tmp_path, f'<tmx version="1.4"><header srclang="{srclang}" segtype='
                           f'"{segtype}" creationtool="x" creationtoolversion="1" '
                           f'datatype="plaintext" o-tmf="x" adminlang="en"/><body>{body}'
                           "</body></tmx>", name=name)


# ---------------------------------------------------------------- import

def test_import_a_foreign_memory(tmp_path: Path) -> None:
    path = write(tmp_path, FOREIGN.format(encoding="UTF-16"), encoding="utf-16-le",
                 bom=b"\xff\xfe")
    a = alignment_from_tmx(path, src_lang="en", tgt_lang="ru")
    assert (a.source.lang, a.target.lang) == ("en", "ru")
    assert a.source.texts == ["Press <b>Start</b> now<br/>!", 'A & B <c> "d" ]]>']
    assert a.target.texts == ["Нажмите «Пуск» сейчас<i>!", "А & Б"]
    assert [(l.src, l.tgt, l.score, l.status) for l in a.links] == [
        ((0,), (0,), 1.0, "confirmed"), ((1,), (1,), 1.0, "confirmed")]
    assert a.level == "sentence"
    # Without languages: the header's srclang, and the codes as the file spells them.
    b = alignment_from_tmx(path, status="auto")
    assert (b.source.lang, b.target.lang) == ("EN-US", "RU-RU")
    assert {link.status for link in b.links} == {"auto"}


def test_import_round_trips_a_sverka_memory(tmp_path: Path) -> None:
    a = sample()
    write_tmx(a, tmp_path / "s.tmx")
    b = alignment_from_tmx(tmp_path / "s.tmx")
    pairs = [(a.source_text(l), a.target_text(l), l.score, l.status)
             for l in a.links if l.two_sided]
    assert [(b.source_text(l), b.target_text(l), l.score, l.status)
            for l in b.links] == [(s, t, round(x, 4), st) for s, t, x, st in pairs]


@pytest.mark.parametrize("content, options, expected", [
    ('<header srclang="*all*"/><body><tu><tuv xml:lang="ru"><seg>а</seg></tuv>'
     '<tuv xml:lang="en"><seg>a</seg></tuv></tu></body>', {}, "give --src-lang"),
    ('<header srclang="ru"/><body><tu><tuv xml:lang="ru"><seg>а</seg></tuv>'
     '<tuv xml:lang="en"><seg>a</seg></tuv></tu></body>', {"src_lang": "de"},
     "no <tu> holds de (found ru, en); give --src-lang and --tgt-lang"),
    ('<header srclang="ru"/><body><tu><tuv xml:lang="ru"><seg>а</seg></tuv>'
     '<tuv xml:lang="en"><seg>a</seg></tuv></tu></body>', {"src_lang": "de", "tgt_lang": "fr"},
     "no <tu> holds both de and fr (found ru, en)"),
    ('<header srclang="ru"/><body><tu><tuv xml:lang="ru"><seg>а</seg></tuv>'
     '<tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="de"><seg>a</seg></tuv></tu></body>',
     {}, "several target languages (en, de); give --tgt-lang"),
    ('<header srclang="ru"/><body><tu><tuv xml:lang="ru"><seg>а</seg></tuv>'
     '<tuv xml:lang="ru-RU"><seg>a</seg></tuv></tu></body>', {}, "both ru"),
    ('<header srclang="ru"/><body/>', {}, "has no <tu> units"),
])
def test_import_rejects_unusable_languages(tmp_path: Path, content: str, options: dict,
                                           expected: str) -> None:
    path = write(tmp_path, f'<tmx version="1.4">{content}</tmx>')
    with pytest.raises(InputError, match=re.escape(expected)):
        alignment_from_tmx(path, **options)


def _error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err and not captured.out
    return lines[0]


def test_import_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = memory(tmp_path, "m.tmx", [("один", "one", ""), ("два", "two", "")])
    out = tmp_path / "m.align.json"
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert "2 pairs, ru → en" in capsys.readouterr().out
    project = json.loads(out.read_text(encoding="utf-8"))
    assert project["format"] == "sverka-alignment"
    assert load(out).source.texts == ["один", "два"]


@pytest.mark.parametrize("case", ["truncated", "no body", "only one tuv", "unknown language",
                                  "html", "empty"])
def test_import_command_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  case: str) -> None:
    from test_tmx_reader import BAD

    path = write(tmp_path, BAD[case][0], name="bad.tmx")
    out = tmp_path / "out.align.json"
    line = _error(capsys, ["import", str(path), "-o", str(out)])
    assert "bad.tmx" in line and BAD[case][1] in line
    assert not out.exists() and leftovers(tmp_path) == []


# ---------------------------------------------------------------- merge

def test_merge_keeps_units_markup_and_dates_and_validates(tmp_path: Path) -> None:
    write_tmx(sample(), tmp_path / "a.tmx")
    foreign = write(tmp_path, FOREIGN.format(encoding="UTF-8"), name="b.tmx")
    summary = merge_tmx([tmp_path / "a.tmx", foreign], tmp_path / "all.tmx")
    assert (summary.read, summary.written, summary.files) == (4, 4, 2)
    assert_valid_tmx(tmp_path / "all.tmx")
    units = list(TmxReader(tmp_path / "all.tmx", keep_markup=True))
    assert [u.tuid for u in units][2:] == ["1", "2"]
    assert units[2].attrs["changedate"] == "20240506T070809Z"
    assert [el.tag for el in units[2].tuvs[0].seg.iter()] == ["seg", "bpt", "ept", "ph"]
    assert ("x-Origin", "TM") in units[2].props and units[2].notes == ["checked"]
    # ru→en and en→ru memories: the header says *all* (TMX 1.4b), each unit its own.
    root = etree.parse(str(tmp_path / "all.tmx")).getroot()
    assert root.find("header").get("srclang") == "*all*"
    assert [tu.get("srclang") for tu in root.iter("tu")] == ["ru", "ru", "EN-US", "RU-RU"]
    assert read_tmx_pairs(tmp_path / "all.tmx")[:2] == read_tmx_pairs(tmp_path / "a.tmx")


def test_merge_makes_tuids_unique(tmp_path: Path) -> None:
    a = memory(tmp_path, "a.tmx", [("один", "one", ""), ("два", "two", "")])
    merge_tmx([a, a], tmp_path / "all.tmx")  # same file twice: identical units once
    assert len(read_tmx_pairs(tmp_path / "all.tmx")) == 2
    b = memory(tmp_path, "b.tmx", [("три", "three", "")])
    merge_tmx([a, b], tmp_path / "all.tmx")
    tuids = [u.tuid for u in TmxReader(tmp_path / "all.tmx")]
    assert len(set(tuids)) == 3 and not any(" " in t for t in tuids)
    assert_valid_tmx(tmp_path / "all.tmx")


@pytest.mark.parametrize("mode, expected", [
    ("keep", [("один", "one"), ("два", "two"), ("один", "one!"), ("три", "three")]),
    ("newest", [("два", "two"), ("один", "one!"), ("три", "three")]),
    ("drop", [("два", "two"), ("три", "three")]),
])
def test_merge_duplicates(tmp_path: Path, mode: str, expected: list[tuple[str, str]]) -> None:
    a = memory(tmp_path, "a.tmx", [("один", "one", "20240101T000000Z"),
                                   ("два", "two", "20240101T000000Z")])
    b = memory(tmp_path, "b.tmx", [("один", "one!", "20250101T000000Z"),
                                   ("два", "two", "20230101T000000Z"),
                                   ("три", "three", "")])
    summary = merge_tmx([a, b], tmp_path / "all.tmx", duplicates=mode)
    assert [(s, t) for s, t, _ in read_tmx_pairs(tmp_path / "all.tmx")] == expected
    assert summary.read == 5 and summary.written == len(expected) and summary.conflicts == 1
    assert_valid_tmx(tmp_path / "all.tmx")


def test_merge_newest_prefers_the_newer_unit_in_an_earlier_file(tmp_path: Path) -> None:
    a = memory(tmp_path, "a.tmx", [("один", "one (new)", "20260101T000000Z")])
    b = memory(tmp_path, "b.tmx", [("один", "one (old)", "20200101T000000Z")])
    merge_tmx([a, b], tmp_path / "all.tmx", duplicates="newest")
    assert [t for _, t, _ in read_tmx_pairs(tmp_path / "all.tmx")] == ["one (new)"]


def test_merge_command_and_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                     ) -> None:
    a = memory(tmp_path, "a.tmx", [("один", "one", "")])
    b = memory(tmp_path, "b.tmx", [("один", "one", "")])
    out = tmp_path / "all.tmx"
    assert main(["merge", str(a), str(b), "-o", str(out), "--duplicates", "drop"]) == 0
    assert capsys.readouterr().out.endswith(
        ": 1 unit from 2 in 2 files, 1 identical repeat written once\n")
    out.write_text("previous", encoding="utf-8")
    broken = write(tmp_path, '<tmx version="1.4"><header srclang="ru"/><body><tu>',
                   name="broken.tmx")
    line = _error(capsys, ["merge", str(a), str(broken), "-o", str(out)])
    assert "broken.tmx" in line and "cut short" in line
    assert out.read_text(encoding="utf-8") == "previous" and leftovers(tmp_path) == []
    assert "is also an input of this command" in _error(capsys, ["merge", str(a), "-o", str(a)])
    html = write(tmp_path, "<!DOCTYPE html><html><body>x</body></html>", name="page.tmx")
    assert "page.tmx: is an HTML page" in _error(capsys, ["merge", str(html), "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "previous"


# ---------------------------------------------------------------- merge, as a property

PAIRS = st.lists(st.tuples(st.sampled_from(["а", "б", "в & <г>"]),
                           st.sampled_from(["a", "b", "c ]]>"])), max_size=8)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=PAIRS, second=PAIRS, mode=st.sampled_from(["keep", "newest", "drop"]))
def test_property_merge(tmp_path: Path, first: list[tuple[str, str]],
                        second: list[tuple[str, str]], mode: str) -> None:
    from xml.sax.saxutils import escape

    files = []
    for number, pairs in enumerate((first, second)):
        files.append(memory(tmp_path, f"m{number}.tmx", [
            (escape(s), escape(t), f"2024010{number + 1}T00000{k}Z")
            for k, (s, t) in enumerate(pairs)]))
    merge_tmx(files, tmp_path / "all.tmx", duplicates=mode)
    assert_valid_tmx(tmp_path / "all.tmx")
    got = [(s, t) for s, t, _ in read_tmx_pairs(tmp_path / "all.tmx")]
    everything = first + second
    distinct = list(dict.fromkeys(everything))
    if mode == "keep":
        assert got == distinct
    elif mode == "drop":
        translations = {s: {t for x, t in distinct if x == s} for s, _ in distinct}
        assert got == [(s, t) for s, t in distinct if len(translations[s]) == 1]
    else:  # the newest date wins; dates grow through a file, the second file is newer
        last = {s: t for s, t in everything}
        assert sorted(got) == sorted(last.items())


# ---------------------------------------------------------------- what a user found

def _tmx(tmp_path: Path, body: str, name: str = "cat.tmx", srclang: str = "ru") -> Path:
    return write(tmp_path, f'<tmx version="1.4"><header srclang="{srclang}" segtype="sentence" '
                           'creationtool="x" creationtoolversion="1" datatype="plaintext" '
                           f'o-tmf="x" adminlang="en"/><body>{body}</body></tmx>', name=name)


CODED = ('<tu tuid="price" creationdate="20200101T000000Z" changedate="20210202T020202Z" '
         'creationid="anna"><prop type="x-document">shop.po</prop><prop type="client">ACME'
         '</prop><note>checked</note>'
         '<tuv xml:lang="ru"><seg>Цена: <ph x="1">{0}</ph> рублей.</seg></tuv>'
         '<tuv xml:lang="en"><seg>Price: <ph x="1">{0}</ph> <bpt i="1">&lt;b&gt;</bpt>roubles'
         '<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu>'
         '<tu tuid="plain" changedate="20190101T000000Z"><tuv xml:lang="ru"><seg>Да.</seg></tuv>'
         '<tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>'
         '<tu tuid="more" changedate="20190101T000000Z"><tuv xml:lang="ru"><seg>Нет.</seg>'
         '</tuv><tuv xml:lang="en"><seg>No.</seg></tuv></tu>')


def test_import_keeps_placeholders_and_inline_codes(tmp_path: Path) -> None:
    a = alignment_from_tmx(_tmx(tmp_path, CODED))
    # The native code is text the reviewer sees: nothing visible is lost.
    assert a.source.texts[0] == "Цена: {0} рублей."
    assert a.target.texts[0] == "Price: {0} <b>roubles</b>."
    # ... and an unchanged unit is exported with its inline markup as it was.
    write_tmx(a, tmp_path / "out.tmx")
    assert_valid_tmx(tmp_path / "out.tmx")
    [first, *_] = TmxReader(tmp_path / "out.tmx", keep_markup=True)
    assert [el.tag for el in first.tuvs[0].seg.iter()] == ["seg", "ph"]
    assert [el.tag for el in first.tuvs[1].seg.iter()] == ["seg", "ph", "bpt", "ept"]
    assert first.tuvs[1].seg.find("ph").get("x") == "1"
    assert (first.tuvs[0].text, first.tuvs[1].text) == (a.source.texts[0], a.target.texts[0])


def test_import_export_keeps_tuid_dates_and_document(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    from align.edit import edit_text

    project = tmp_path / "cat.align.json"
    assert main(["import", str(_tmx(tmp_path, CODED)), "-o", str(project)]) == 0
    a = load(project)  # kept through the project file
    # A person retypes the second target: that unit is new; the others keep their data.
    edited = edit_text(a, "target", 1, "Yes!")
    save_to = tmp_path / "edited.align.json"
    from align.project import save
    save(edited, save_to)
    out = tmp_path / "out.tmx"
    assert main(["export", str(save_to), "--tmx", str(out)]) == 0
    capsys.readouterr()
    assert_valid_tmx(out)
    units = list(TmxReader(out))
    assert [u.tuid for u in units][0::2] == ["price", "more"]
    assert units[1].tuid not in ("plain", "price", "more")
    assert units[0].attrs == {"creationdate": "20200101T000000Z",
                              "changedate": "20210202T020202Z", "creationid": "anna"}
    assert units[2].attrs["changedate"] == "20190101T000000Z"
    assert units[1].attrs["creationdate"] > "2025" and "changedate" not in units[1].attrs
    props = dict(units[0].props)
    assert props["x-document"] == "shop.po" and props["x-client"] == "ACME"
    assert props["x-status"] == "confirmed" and units[0].notes == ["checked"]
    assert dict(units[1].props)["x-document"] == "cat"  # a new unit: the project's name
    # So merge --duplicates newest sees the memory's own dates, not the export's.
    old = _tmx(tmp_path, '<tu changedate="20200601T000000Z"><tuv xml:lang="ru"><seg>Нет.'
                         '</seg></tuv><tuv xml:lang="en"><seg>Nope.</seg></tuv></tu>',
               name="old.tmx")
    merge_tmx([out, old], tmp_path / "all.tmx", duplicates="newest")
    assert ("Нет.", "Nope.") in [(s, t) for s, t, _ in read_tmx_pairs(tmp_path / "all.tmx")]


def test_merged_links_drop_their_stale_unit_data(tmp_path: Path) -> None:
    from align.edit import merge_next

    a = merge_next(alignment_from_tmx(_tmx(tmp_path, CODED)), 0)
    write_tmx(a, tmp_path / "out.tmx")
    assert_valid_tmx(tmp_path / "out.tmx")
    units = list(TmxReader(tmp_path / "out.tmx", keep_markup=True))
    assert [u.tuid for u in units][1] == "more" and units[0].tuid != "price"
    assert units[0].tuvs[0].text == "Цена: {0} рублей. Да."
    assert len(units[0].tuvs[0].seg) == 0  # written as text: its markup was another unit's
    assert "changedate" not in units[0].attrs


def test_import_skips_what_is_not_a_pair_and_says_so(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    path = _tmx(tmp_path, '<tu><tuv xml:lang="ru"><seg>один</seg></tuv>'
                          '<tuv xml:lang="en"><seg>one</seg></tuv></tu>'
                          '<tu><tuv xml:lang="ru"><seg>без перевода</seg></tuv></tu>'
                          '<tu><tuv xml:lang="ru"><seg>пусто</seg></tuv>'
                          '<tuv xml:lang="en"><seg></seg></tuv></tu>'
                          '<tu><tuv xml:lang="ru"><seg>два</seg></tuv><tuv xml:lang="en">'
                          '<seg>two</seg></tuv><tuv xml:lang="de-DE"><seg>zwei</seg></tuv></tu>')
    out = tmp_path / "cat.align.json"
    assert main(["import", str(path), "-o", str(out)]) == 0
    line = capsys.readouterr().out
    assert "2 pairs, ru → en" in line
    assert "warning: 1 unit with one language skipped" in line
    assert "warning: 1 unit with an empty source or target skipped" in line
    assert "warning: 1 variant in other languages (de-DE) not imported" in line
    assert load(out).target.texts == ["one", "two"]
    # A memory with nothing usable is still an error.
    bad = _tmx(tmp_path, '<tu><tuv xml:lang="ru"><seg>а</seg></tuv></tu><tu><tuv xml:lang="ru">'
                         '<seg>б</seg></tuv><tuv xml:lang="en"><seg> </seg></tuv></tu>',
               name="bad.tmx")
    line = _error(capsys, ["import", str(bad), "-o", str(tmp_path / "bad.align.json")])
    assert "bad.tmx: none of its 2 <tu> is a usable pair" in line
    assert "1 unit with one language skipped" in line


# ---------------------------------------------------------------- merge and languages

def test_merge_compares_languages_not_their_spelling(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    m1 = memory(tmp_path, "m1.tmx", [("один", "one", "20240101T000000Z"),
                                     ("два", "two", "20240101T000000Z")])
    m2 = write(tmp_path, '<tmx version="1.4"><header srclang="ru-RU"/><body>'
                         '<tu changedate="20250101T000000Z"><tuv xml:lang="ru-RU"><seg>один'
                         '</seg></tuv><tuv xml:lang="en-us"><seg>one!</seg></tuv></tu>'
                         '<tu><tuv xml:lang="ru-RU"><seg>два</seg></tuv><tuv xml:lang="EN-US">'
                         '<seg>two</seg></tuv></tu></body></tmx>', name="m2.tmx")
    out = tmp_path / "all.tmx"
    assert main(["merge", str(m1), str(m2), "-o", str(out), "--duplicates", "drop"]) == 0
    line = capsys.readouterr().out
    assert [(s, t) for s, t, _ in read_tmx_pairs(out)] == [("два", "two")]
    assert "1 identical repeat written once" in line and "1 source with different" in line
    assert "warning: language codes are mixed (EN-US, en, en-us; ru, ru-RU)" in line
    root = etree.parse(str(out)).getroot()
    assert root.find("header").get("srclang") == "ru"  # ru and ru-RU: one source language
    merge_tmx([m1, m2], out, duplicates="newest")
    assert [(s, t) for s, t, _ in read_tmx_pairs(out)] == [("два", "two"), ("один", "one!")]
    assert_valid_tmx(out)


def test_merge_refuses_memories_of_another_language_pair(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    m1 = memory(tmp_path, "m1.tmx", [("один", "one", "")])
    m2 = write(tmp_path, '<tmx version="1.4"><header srclang="de"/><body><tu><tuv xml:lang="de">'
                         '<seg>eins</seg></tuv><tuv xml:lang="fr"><seg>un</seg></tuv></tu>'
                         '</body></tmx>', name="m2.tmx")
    out = tmp_path / "all.tmx"
    for mode in ("keep", "drop"):
        line = _error(capsys, ["merge", str(m1), str(m2), "-o", str(out), "--duplicates", mode])
        assert "m2.tmx: <tu> 1 is de-fr, but the memories merged are ru-en" in line
        assert "one language pair" in line and not out.exists()


def test_merge_leaves_out_units_with_one_language(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    m1 = _tmx(tmp_path, '<tu><tuv xml:lang="ru"><seg>а</seg></tuv></tu><tu><tuv xml:lang="ru">'
                        '<seg>б</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>')
    assert main(["merge", str(m1), "-o", str(tmp_path / "all.tmx")]) == 0
    line = capsys.readouterr().out
    assert "1 unit from 2 in 1 file" in line and "warning: 1 unit with one language" in line


def test_a_memory_named_with_a_leading_dot_is_no_hidden_project(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``.tmx`` or ``.backup.tmx`` would give the project ``.align.json``, a hidden file
    a user would not find; the memory's name falls back to ``memory`` everywhere."""
    source = memory(tmp_path, ".backup.tmx", [("один", "one", "")])
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(source)]) == 0
    assert load(tmp_path / "memory.align.json").meta["name"] == "memory"


# ---------------------------------------------------------------- multilingual memories

# One <tu> per sentence with a <tuv> per language; the second unit has no Russian.
MULTI = ('<tu tuid="a"><tuv xml:lang="en"><seg>Open the file.</seg></tuv>'
         '<tuv xml:lang="de"><seg>Öffne die Datei.</seg></tuv>'
         '<tuv xml:lang="ru"><seg>Откройте файл.</seg></tuv>'
         '<tuv xml:lang="uk"><seg>Відкрийте файл.</seg></tuv></tu>'
         '<tu tuid="b"><tuv xml:lang="en"><seg>Save it.</seg></tuv>'
         '<tuv xml:lang="de"><seg>Speichere sie.</seg></tuv></tu>'
         '<tu tuid="c"><tuv xml:lang="en"><seg>Close it.</seg></tuv>'
         '<tuv xml:lang="uk"><seg>Закрийте його.</seg></tuv>'
         '<tuv xml:lang="ru"><seg>Закройте его.</seg></tuv></tu>')


def test_import_chooses_a_pair_of_a_multilingual_memory(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    path = _tmx(tmp_path, MULTI, name="multi.tmx", srclang="en")
    out = tmp_path / "multi.align.json"
    line = _error(capsys, ["import", str(path), "-o", str(out)])
    assert "several target languages (de, ru, uk); give --tgt-lang" in line
    assert main(["import", str(path), "-o", str(out), "--tgt-lang", "ru"]) == 0
    line = capsys.readouterr().out
    assert "2 pairs, en → ru" in line
    assert "warning: 1 unit without en and ru skipped" in line
    assert "warning: 3 variants in other languages (de, uk) not imported" in line
    a = load(out)
    assert (a.source.texts, a.target.texts) == (["Open the file.", "Close it."],
                                                ["Откройте файл.", "Закройте его."])
    # --src-lang picks the source among the variants too.
    b = alignment_from_tmx(path, src_lang="uk", tgt_lang="en")
    assert b.source.texts == ["Відкрийте файл.", "Закрийте його."]


def test_import_skips_units_without_the_pair_and_counts_them(tmp_path: Path) -> None:
    from align.formats.tmx_import import ImportSummary

    path = _tmx(tmp_path, '<tu><tuv xml:lang="ru"><seg>а</seg></tuv><tuv xml:lang="en">'
                          '<seg>a</seg></tuv></tu><tu><tuv xml:lang="ru"><seg>б</seg></tuv>'
                          '<tuv xml:lang="fr"><seg>b</seg></tuv></tu>'
                          '<tu><tuv xml:lang="de"><seg>c</seg></tuv><tuv xml:lang="en">'
                          '<seg>c</seg></tuv></tu>')
    summary = ImportSummary()
    a = alignment_from_tmx(path, summary=summary)
    assert a.source.texts == ["а"] and (summary.read, summary.pairs) == (3, 1)
    assert summary.without_pair == 2
    assert summary.warnings() == ["2 units without ru and en skipped"]


def test_merge_keeps_every_language_of_a_multilingual_memory(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    multi = _tmx(tmp_path, MULTI, name="multi.tmx", srclang="en")
    pair = _tmx(tmp_path, '<tu><tuv xml:lang="en"><seg>Print it.</seg></tuv>'
                          '<tuv xml:lang="ru"><seg>Напечатайте его.</seg></tuv></tu>',
                name="pair.tmx", srclang="en")
    out = tmp_path / "all.tmx"
    assert main(["merge", str(multi), str(pair), "-o", str(out),
                 "--src-lang", "en", "--tgt-lang", "ru"]) == 0
    line = capsys.readouterr().out
    assert "3 units from 4 in 2 files" in line
    assert "warning: 1 unit without en and ru left out" in line
    assert_valid_tmx(out)
    assert [[tuv.lang for tuv in unit.tuvs] for unit in TmxReader(out)] == [
        ["en", "de", "ru", "uk"], ["en", "uk", "ru"], ["en", "ru"]]
    # Without the languages, the first unit's pair (en-de) is the merge's.
    summary = merge_tmx([multi], out)
    assert (summary.written, summary.without_pair, summary.pair) == (2, 1, ("en", "de"))


def test_merge_refuses_a_memory_with_no_unit_in_the_pair(tmp_path: Path) -> None:
    multi = _tmx(tmp_path, MULTI, name="multi.tmx", srclang="en")
    other = _tmx(tmp_path, '<tu><tuv xml:lang="fr"><seg>un</seg></tuv><tuv xml:lang="it">'
                           '<seg>uno</seg></tuv></tu>', name="other.tmx", srclang="fr")
    with pytest.raises(InputError, match=re.escape(
            "other.tmx: <tu> 1 is fr-it, but the memories merged are en-ru")):
        merge_tmx([multi, other], tmp_path / "all.tmx", src_lang="en", tgt_lang="ru")
    assert not (tmp_path / "all.tmx").exists()


# ---------------------------------------------------------------- variants' own attributes

DATED = ('<tu tuid="old" changedate="20200101T000000Z"><tuv xml:lang="ru"><seg>Да.</seg></tuv>'
         '<tuv xml:lang="en" changedate="20250301T101010Z" changeid="olga" creationid="ivan" '
         'creationdate="2019-05-01T00:00:00Z" usagecount="3"><seg>Yes!</seg></tuv></tu>')


def test_tuv_attributes_are_read_kept_and_dated(tmp_path: Path) -> None:
    """A tool that changes one variant dates that <tuv>: merge --duplicates newest must see
    it, and the unit must keep it."""
    first = _tmx(tmp_path, DATED, name="first.tmx")
    second = memory(tmp_path, "second.tmx", [("Да.", "Yes.", "20240101T000000Z")])
    [unit] = TmxReader(first)
    assert unit.tuvs[1].attrs == {"changedate": "20250301T101010Z", "changeid": "olga",
                                  "creationid": "ivan", "creationdate": "20190501T000000Z",
                                  "usagecount": "3"}
    assert unit.date == "20250301T101010Z"
    for order in ([first, second], [second, first]):
        summary = merge_tmx(order, tmp_path / "all.tmx", duplicates="newest")
        assert [t for _, t, _ in read_tmx_pairs(tmp_path / "all.tmx")] == ["Yes!"]
        assert summary.left_out == 1
    assert_valid_tmx(tmp_path / "all.tmx")
    [merged] = TmxReader(tmp_path / "all.tmx")
    assert merged.tuvs[1].attrs == unit.tuvs[1].attrs
    assert merged.attrs == {"changedate": "20200101T000000Z"}  # no creationdate invented


def test_merge_prints_every_count_it_left_out(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    a = memory(tmp_path, "a.tmx", [("один", "one", "20240101T000000Z"),
                                   ("два", "two", "20240101T000000Z")])
    b = _tmx(tmp_path, '<tu changedate="20250101T000000Z"><tuv xml:lang="ru"><seg>один</seg>'
                       '</tuv><tuv xml:lang="en"><seg>one!</seg></tuv></tu>'
                       '<tu><tuv xml:lang="ru"><seg>два</seg></tuv><tuv xml:lang="en"><seg>two'
                       '</seg></tuv></tu><tu><tuv xml:lang="ru"><seg>три</seg></tuv></tu>'
                       '<tu><tuv xml:lang="ru"><seg>четыре</seg></tuv><tuv xml:lang="de">'
                       '<seg>vier</seg></tuv></tu>', name="b.tmx")
    out = tmp_path / "all.tmx"
    assert main(["merge", str(a), str(b), "-o", str(out), "--duplicates", "newest"]) == 0
    assert capsys.readouterr().out.endswith(
        ": 2 units from 6 in 2 files, 1 identical repeat written once, 1 source with "
        "different translations (newest kept), 1 unit left out by --duplicates newest, "
        "warning: 1 unit without ru and en left out, warning: 1 unit with one language "
        "left out\n")
    assert_valid_tmx(out)


# ---------------------------------------------------------------- export, import, export

def test_an_unedited_unit_leaves_as_it_came_in(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """export --context → import → export: the 2-1 unit stays 2-1 and keeps its context
    props, in TMX and in XLIFF, with or without --context on the second export."""
    from align.formats.xliff import read_xliff_pairs
    from align.project import save

    project, memory_path = tmp_path / "p.align.json", tmp_path / "s.tmx"
    save(sample(), project)
    assert main(["export", str(project), "--context", "--tmx", str(memory_path),
                 "--xliff", str(tmp_path / "s.xlf")]) == 0
    imported = tmp_path / "s.align.json"
    assert main(["import", str(memory_path), "-o", str(imported)]) == 0
    for context in ([], ["--context"]):
        again = tmp_path / "again.tmx"
        assert main(["export", str(imported), *context, "--tmx", str(again),
                     "--xliff", str(tmp_path / "again.xlf")]) == 0
        assert_valid_tmx(again)
        assert_valid_xliff(tmp_path / "again.xlf")
        first = etree.parse(str(memory_path)).getroot().findall("body/tu")
        second = etree.parse(str(again)).getroot().findall("body/tu")
        assert [etree.tostring(tu) for tu in second] == [etree.tostring(tu) for tu in first]
        assert read_xliff_pairs(tmp_path / "again.xlf") == read_xliff_pairs(tmp_path / "s.xlf")
    capsys.readouterr()
    [props, _] = [p for _, _, p in read_tmx_pairs(memory_path)]
    assert props["x-link-type"] == "2-1" and props["x-context-post"] == "Фото: ТАСС"


# ---------------------------------------------------------------- XLIFF of an imported memory

def test_xliff_writes_a_memorys_inline_codes_as_inline_elements(tmp_path: Path) -> None:
    from align.formats.xliff import XLIFF_NS, read_xliff_pairs, write_xliff

    path = write(tmp_path, FOREIGN.format(encoding="UTF-8"))
    a = alignment_from_tmx(path, src_lang="en", tgt_lang="ru")
    out = tmp_path / "out.xlf"
    write_xliff(a, out)
    assert_valid_xliff(out)
    q = f"{{{XLIFF_NS}}}"
    unit = etree.parse(str(out)).getroot().find(f"{q}file/{q}body/{q}trans-unit")
    source, target = unit.find(q + "source"), unit.find(q + "target")
    assert [(etree.QName(el).localname, el.get("id"), el.get("rid"), el.text)
            for el in source] == [("bpt", "1", "1", "<b>"), ("ept", "1", "1", "</b>"),
                                  ("ph", "2", None, "<br/>")]
    assert source[0].get("ctype") == "bold"
    assert [(etree.QName(el).localname, el.get("mtype") or el.get("pos"))
            for el in target] == [("mrk", "x-bold"), ("it", "open")]
    # Outside the codes, only text: no code flattened into it.
    plain = [source.text, *(el.tail for el in source)]
    assert "<" not in "".join(filter(None, plain))
    assert [(s, t) for s, t, _ in read_xliff_pairs(out)] == list(zip(a.source.texts,
                                                                     a.target.texts))
    assert [n.text for n in unit.iter(q + "note")] == ["checked"]


def test_xliff_keeps_an_empty_placeholder(tmp_path: Path) -> None:
    from align.formats.xliff import XLIFF_NS, write_xliff

    body = ('<tu><tuv xml:lang="ru"><seg>Шаг<ph x="2"/> 1</seg></tuv>'
            '<tuv xml:lang="en"><seg>Step<ph x="2"/> 1 <bpt i="4">[</bpt>open</seg></tuv></tu>')
    a = alignment_from_tmx(_tmx(tmp_path, body))
    assert a.source.texts == ["Шаг 1"]
    write_xliff(a, tmp_path / "out.xlf")
    assert_valid_xliff(tmp_path / "out.xlf")
    q = f"{{{XLIFF_NS}}}"
    unit = etree.parse(str(tmp_path / "out.xlf")).getroot().find(f"{q}file/{q}body/{q}trans-unit")
    assert [(el.tag, el.attrib) for el in unit.find(q + "source")] == [(q + "ph", {"id": "2"})]
    # A <bpt> without its <ept> is an isolated code in XLIFF.
    assert [(etree.QName(el).localname, dict(el.attrib)) for el in unit.find(q + "target")] == [
        ("ph", {"id": "2"}), ("it", {"id": "1", "pos": "open"})]


def test_merge_compares_multilingual_units_in_the_pair(tmp_path: Path) -> None:
    """A bilingual unit with the same en-ru pair as a multilingual one is no different
    translation of it: ``drop`` keeps both, ``newest`` keeps one per source."""
    multi = _tmx(tmp_path, MULTI, name="multi.tmx", srclang="en")
    same = _tmx(tmp_path, '<tu changedate="20300101T000000Z"><tuv xml:lang="en"><seg>Open the '
                          'file.</seg></tuv><tuv xml:lang="ru"><seg>Откройте файл.</seg></tuv>'
                          '</tu>', name="same.tmx", srclang="en")
    out = tmp_path / "all.tmx"
    for mode, written in (("keep", 3), ("drop", 3), ("newest", 2)):
        summary = merge_tmx([multi, same], out, duplicates=mode, src_lang="en", tgt_lang="ru")
        assert (summary.written, summary.conflicts, summary.repeats) == (written, 0, 0)
        assert_valid_tmx(out)
    # The newer bilingual unit won: one unit per source, as --duplicates newest says.
    assert [len(unit.tuvs) for unit in TmxReader(out)] == [3, 2]
    again = merge_tmx([multi, multi], out, src_lang="en", tgt_lang="ru")
    assert (again.written, again.repeats) == (2, 2)


# Pieces of a <seg> as CAT tools write them, well formed or not quite (a <bpt> without its
# <ept>, an <i> used twice, a type with a blank, an element TMX does not know).
SEG_PIECES = st.sampled_from([
    "text ", "&lt;b&gt;", '<bpt i="1">&lt;b&gt;</bpt>', '<ept i="1">&lt;/b&gt;</ept>',
    '<bpt i="2" type="bold">[</bpt>', '<ept i="2">]</ept>', '<bpt i="x y">{</bpt>',
    '<ph x="2"/>', '<ph x="3" type="image" assoc="p">&lt;img/&gt;</ph>', "<ph>{0}</ph>",
    '<it pos="begin">&lt;i&gt;</it>', '<it pos="end" type="my type">&lt;/i&gt;</it>',
    '<hi type="term">слово</hi>', "<hi>a<ph>{1}</ph>b</hi>", "<ut>\\par</ut>",
    '<ph x="4">&lt;a href="<sub>link text</sub>"&gt;</ph>', "<x-unknown>kept text</x-unknown>"])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.lists(SEG_PIECES, min_size=1, max_size=6),
       target=st.lists(SEG_PIECES, min_size=1, max_size=6))
def test_property_any_memorys_codes_make_a_valid_xliff_with_the_same_text(
        tmp_path: Path, source: list[str], target: list[str]) -> None:
    from align.formats.xliff import read_xliff_pairs, write_xliff

    body = (f'<tu><tuv xml:lang="ru"><seg>а {"".join(source)}</seg></tuv>'
            f'<tuv xml:lang="en"><seg>a {"".join(target)}</seg></tuv></tu>')
    a = alignment_from_tmx(_tmx(tmp_path, body))
    write_xliff(a, tmp_path / "out.xlf")
    assert_valid_xliff(tmp_path / "out.xlf")
    assert [(s, t) for s, t, _ in read_xliff_pairs(tmp_path / "out.xlf")] == [
        (a.source.texts[0], a.target.texts[0])]
    write_tmx(a, tmp_path / "out.tmx")
    assert_valid_tmx(tmp_path / "out.tmx")


def test_import_takes_back_a_sverka_memorys_marks(tmp_path: Path) -> None:
    from test_formats import annotated_pair

    write_tmx(annotated_pair(), tmp_path / "m.tmx", include_bad=True)
    a = alignment_from_tmx(tmp_path / "m.tmx")
    assert [link.mark for link in a.links] == ["", "needs-work", "bad"]
    # A bad unit is left out of the next export unless asked, as in any project.
    assert write_tmx(a, tmp_path / "again.tmx").bad_left_out == 1
    assert_valid_tmx(tmp_path / "again.tmx")
