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
    assert a.source.texts == ["Press Start now!", 'A & B <c> "d" ]]>']
    assert a.target.texts == ["Нажмите «Пуск» сейчас!", "А & Б"]
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


@pytest.mark.parametrize("case", ["truncated", "no body", "one tuv", "unknown language",
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
    root = etree.parse(str(tmp_path / "all.tmx")).getroot()
    assert root.find("header").get("srclang") == "ru"
    assert [tu.get("srclang") for tu in root.iter("tu")] == [None, None, "EN-US", "RU-RU"]
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
    assert "1 units from 2 in 2 files, 1 identical repeats" in capsys.readouterr().out
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
