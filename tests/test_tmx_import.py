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
from test_formats import assert_valid, leftovers, sample
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
     "no <tuv> in the source language de (found ru, en)"),
    ('<header srclang="ru"/><body><tu><tuv xml:lang="ru"><seg>а</seg></tuv>'
     '<tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="de"><seg>a</seg></tuv></tu></body>',
     {}, "several target languages (en, de); give --tgt-lang"),
    ('<header srclang="ru"/><body><tu><tuv xml:lang="ru"><seg>а</seg></tuv>'
     '<tuv xml:lang="en"><seg>a</seg></tuv></tu><tu><tuv xml:lang="ru"><seg>б</seg></tuv>'
     '<tuv xml:lang="fr"><seg>b</seg></tuv></tu></body>', {},
     "<tu> 2: no <tuv> in the target language en"),
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
    assert_valid(tmp_path / "all.tmx")
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
    assert_valid(tmp_path / "all.tmx")


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
    assert_valid(tmp_path / "all.tmx")


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
    assert_valid(tmp_path / "all.tmx")
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
    assert_valid(tmp_path / "out.tmx")
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
    assert_valid(out)
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
    assert_valid(tmp_path / "out.tmx")
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
    assert_valid(out)


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
