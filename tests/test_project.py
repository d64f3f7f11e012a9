"""The .align.json project file: round trip, the reader's checks, atomic saves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import align
import align.fileio
from align import project
from align.errors import InputError
from align.model import HAND_SCORE, Alignment, Document, Link, Segment


def sample() -> Alignment:
    source = Document("ru", (
        Segment("Заголовок «статьи»", "heading"),
        Segment('Он сказал: "да" — и ушёл.\nВторая строка.'),
        Segment("Фото: ТАСС", "credit"),
        Segment("Последний абзац\tс табуляцией."),
    ), {"path": "статья.txt"})
    target = Document("en", (
        Segment("The article's “title”", "heading"),
        Segment('He said "yes"'),
        Segment("and left."),
        Segment("A note the original lacks.", "note"),
        Segment("The last paragraph."),
    ))
    links = (
        Link((0,), (0,), 0.91, "confirmed"),
        Link((1,), (1, 2), 0.123456789, "auto"),
        Link((2,), (), 0.5, "auto"),
        Link((), (3,), 0.25, "edited"),
        Link((3,), (4,), 1.0, "auto"),
    )
    return Alignment(source, target, links, {"name": "Статья 1", "level": "paragraph"})


def good_dict() -> dict:
    return {
        "format": "sverka-alignment", "version": 1,
        "source": {"lang": "ru", "segments": [{"text": "а", "kind": "body"},
                                              {"text": "б", "kind": "body"}], "meta": {}},
        "target": {"lang": "en", "segments": [{"text": "a", "kind": "body"}], "meta": {}},
        "links": [{"src": [0, 1], "tgt": [0], "score": 0.9, "status": "auto"}],
        "meta": {"created": "2025-01-01T00:00:00Z", "tool": "sverka 0.1.0",
                 "level": "paragraph"},
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ---------------------------------------------------------------- round trip and format

def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    original = sample()
    path = tmp_path / "pair.align.json"
    project.save(original, path)
    loaded = project.load(path)
    assert loaded.source == original.source
    assert loaded.target == original.target
    assert [l.src for l in loaded.links] == [l.src for l in original.links]
    assert [l.tgt for l in loaded.links] == [l.tgt for l in original.links]
    assert [l.status for l in loaded.links] == [l.status for l in original.links]
    # the edited link was made by a person: the file says so, not its old 0.25
    assert [l.score for l in loaded.links] == [0.91, 0.1235, 0.5, HAND_SCORE, 1.0]
    assert loaded.meta["name"] == "Статья 1"
    assert loaded.meta["level"] == "paragraph"
    assert loaded.meta["tool"] == f"sverka {align.__version__}"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", loaded.meta["created"])
    # Saving what was loaded gives the same file: created is kept, nothing drifts.
    again = tmp_path / "again.align.json"
    project.save(loaded, again)
    assert again.read_bytes() == path.read_bytes()


def test_file_is_the_contract_and_diffable(tmp_path: Path) -> None:
    path = tmp_path / "pair.align.json"
    project.save(sample(), path)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    assert "Заголовок" in text  # ensure_ascii=False: a person can read it
    assert text.endswith("}\n")
    data = json.loads(text)
    assert list(data) == ["format", "version", "source", "target", "links", "meta"]
    assert data["format"] == "sverka-alignment" and data["version"] == 2  # a hand-made link
    assert data["links"][3] == {"src": [], "tgt": [3], "score": None, "status": "edited"}
    assert set(data["source"]) == {"lang", "segments", "meta"}
    assert data["source"]["segments"][0] == {"text": "Заголовок «статьи»", "kind": "heading"}
    assert data["links"][1] == {"src": [1], "tgt": [1, 2], "score": 0.1235, "status": "auto"}
    assert data["links"][2]["tgt"] == []
    assert {"created", "tool", "level"} <= set(data["meta"])
    # One link per line, so an edit shows up as a one-line diff.
    link_lines = [line for line in text.splitlines() if '"src": ' in line]
    assert len(link_lines) == 5
    assert data == project.to_dict(project.load(path))


def test_to_dict_is_pure_and_adds_level() -> None:
    a = sample()
    a = Alignment(a.source, a.target, a.links, {})
    data = project.to_dict(a)
    assert data["meta"] == {"level": "paragraph"}
    assert project.to_dict(a) == data
    assert project.from_dict(json.loads(json.dumps(data))).links == tuple(
        Link(l.src, l.tgt, HAND_SCORE if l.hand_made else round(l.score, 4), l.status)
        for l in a.links)


def test_created_kept_tool_updated(tmp_path: Path) -> None:
    a = sample()
    a = Alignment(a.source, a.target, a.links,
                  {"created": "2020-02-02T02:02:02Z", "tool": "sverka 0.0.1"})
    path = tmp_path / "x.align.json"
    project.save(a, path)
    meta = json.loads(path.read_text(encoding="utf-8"))["meta"]
    assert meta["created"] == "2020-02-02T02:02:02Z"
    assert meta["tool"] == f"sverka {align.__version__}"


def test_optional_keys_take_defaults() -> None:
    data = good_dict()
    del data["source"]["segments"][0]["kind"], data["source"]["meta"]
    del data["links"][0]["score"], data["links"][0]["status"], data["meta"]
    a = project.from_dict(data)
    assert a.source.segments[0].kind == "body"
    assert a.links[0].score == 0.0 and a.links[0].status == "auto"
    assert a.level == "paragraph"


def test_load_accepts_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.align.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(good_dict()).encode())
    assert len(project.load(path).links) == 1


def test_readers_dispatch_by_version(monkeypatch: pytest.MonkeyPatch) -> None:
    assert 1 in project.READERS and project.VERSION == max(project.READERS)
    seen = []
    monkeypatch.setitem(project.READERS, 1, lambda data, path: seen.append(path) or "ok")
    assert project.from_dict(good_dict(), "f.json") == "ok"
    assert seen == ["f.json"]


# ---------------------------------------------------------------- the reader's checks

def _edit(change):
    def make() -> dict:
        data = good_dict()
        change(data)
        return data
    return make


def _v2(change):
    return _edit(lambda d: d.update(version=2) or change(d))


BAD_DICTS = {
    "not an object": (lambda: [1, 2], "expected a JSON object"),
    "wrong format": (_edit(lambda d: d.update(format="tmx")), '"format" is "tmx"'),
    "no format": (_edit(lambda d: d.pop("format")), 'no "format"'),
    "newer version": (_edit(lambda d: d.update(version=3)), "written by a newer sverka"),
    "version as text": (_edit(lambda d: d.update(version="1")), '"version" must be a whole'),
    "no version": (_edit(lambda d: d.pop("version")), 'missing key "version"'),
    "version zero": (_edit(lambda d: d.update(version=0)), "unknown file version 0"),
    "no source": (_edit(lambda d: d.pop("source")), 'missing key "source"'),
    "no links": (_edit(lambda d: d.pop("links")), 'missing key "links"'),
    "no lang": (_edit(lambda d: d["target"].pop("lang")), 'target: missing key "lang"'),
    "empty lang": (_edit(lambda d: d["target"].update(lang=" ")), "target.lang: is empty"),
    "no segments": (_edit(lambda d: d["source"].pop("segments")), 'missing key "segments"'),
    "segments not a list": (_edit(lambda d: d["source"].update(segments={})),
                            "source.segments: expected a list"),
    "no text": (_edit(lambda d: d["source"]["segments"][1].pop("text")),
                'source.segments[1]: missing key "text"'),
    "text not a string": (_edit(lambda d: d["source"]["segments"][1].update(text=5)),
                          "source.segments[1].text: expected a string, found a number"),
    "bad kind": (_edit(lambda d: d["source"]["segments"][0].update(kind="poem")),
                 "unknown segment kind"),
    "no src": (_edit(lambda d: d["links"][0].pop("src")), 'links[0]: missing key "src"'),
    "index out of range": (_edit(lambda d: d["links"][0].update(tgt=[0, 1])),
                           "links[0].tgt: index 1 is out of range"),
    "negative index": (_edit(lambda d: d["links"][0].update(src=[-1, 0])),
                       "index -1 is out of range"),
    "index not a number": (_edit(lambda d: d["links"][0].update(src=[True, 1])),
                           "links[0].src: expected whole numbers"),
    "segment left out": (_edit(lambda d: d["links"][0].update(src=[0])),
                         "do not cover every segment"),
    "links out of order": (_edit(lambda d: d.update(links=[
        {"src": [1], "tgt": [], "score": 0.5, "status": "auto"},
        {"src": [0], "tgt": [0], "score": 0.5, "status": "auto"}])),
        "do not cover every segment"),
    "not contiguous": (_edit(lambda d: d["source"]["segments"].append({"text": "в"}) or
                             d["links"][0].update(src=[0, 2])), "not contiguous"),
    "empty link": (_edit(lambda d: d["links"].append({"src": [], "tgt": []})),
                   "at least one segment"),
    "score too high": (_edit(lambda d: d["links"][0].update(score=1.5)), "outside [0, 1]"),
    "score as text": (_edit(lambda d: d["links"][0].update(score="0.9")),
                      "links[0].score: expected a number, found a string"),
    "bad status": (_edit(lambda d: d["links"][0].update(status="ok")), "unknown link status"),
    "link not an object": (_edit(lambda d: d["links"].append([0])), "links[1]: expected an"),
    "bad level": (_edit(lambda d: d["meta"].update(level="word")), "meta.level"),
    "meta not an object": (_edit(lambda d: d.update(meta=[])), "meta: expected an object"),
    "bad mark": (_v2(lambda d: d["links"][0].update(mark="awful")),
                 'links[0].mark: "awful" is not one of bad, needs-work'),
    "note not text": (_v2(lambda d: d["links"][0].update(note=["a"])),
                      "links[0].note: expected a string, found a list"),
    "null score on an aligner's link": (_v2(lambda d: d["links"][0].update(score=None)),
                                        'only a link with status "edited"'),
    "sentence pair not a pair": (_v2(lambda d: d["links"][0].update(sentences=[[[0]]])),
                                 "links[0].sentences[0]: expected [source positions"),
    "sentence positions not a run": (
        _v2(lambda d: d["links"][0].update(sentences=[[[0, 2], [0]]])), "are not a run"),
    "empty sentence pair": (_v2(lambda d: d["links"][0].update(sentences=[[[], []]])),
                            "names no sentence"),
}


@pytest.mark.parametrize("name", list(BAD_DICTS))
def test_bad_files_are_input_errors(tmp_path: Path, name: str) -> None:
    make, expected = BAD_DICTS[name]
    path = tmp_path / "bad.align.json"
    path.write_text(json.dumps(make(), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as info:
        project.load(path)
    assert info.value.path == str(path)
    assert expected in info.value.problem
    assert str(info.value).startswith(f"{path}: ")


@pytest.mark.parametrize("content, expected", [
    (b'{\n  "format": "sverka-alignment",\n  "version": 1,,\n}', "invalid JSON at line 3"),
    (b"", "invalid JSON at line 1"),
    (b'{"format": "sverka-alignment", "version": 1, "x": NaN}', "invalid JSON"),
    (b'{"format": "\xff"}', "not UTF-8"),
])
def test_bad_bytes_are_input_errors(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.align.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(expected)):
        project.load(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        project.load(tmp_path / "absent.align.json")
    with pytest.raises(InputError, match="is a directory"):
        project.load(tmp_path)


# ---------------------------------------------------------------- atomic saves

def test_unserialisable_save_leaves_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "pair.align.json"
    project.save(sample(), path)
    before = path.read_bytes()
    a = sample()
    broken = Alignment(a.source, a.target, a.links, {"oops": object()})
    with pytest.raises(TypeError):
        project.save(broken, path)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_failure_during_write_leaves_previous_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pair.align.json"
    project.save(sample(), path)
    before = path.read_bytes()

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(align.fileio.os, "replace", crash)
    a = sample()
    with pytest.raises(InputError, match="cannot write: No space left on device"):
        project.save(a.with_links(a.links[::1]), path)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_unwritable_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        project.save(sample(), tmp_path / "missing" / "x.align.json")
    with pytest.raises(InputError, match="is a directory"):
        project.save(sample(), tmp_path)
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------- version 2

def test_version_2_round_trips_marks_notes_and_sentences(tmp_path: Path) -> None:
    from dataclasses import replace

    a = sample()
    links = list(a.links)
    links[1] = replace(links[1], mark="needs-work", note="«так»\n  exactly as typed ",
                       confirmed_sentences=(((0,), (0,)), ((1,), (1, 2))))
    links[2] = replace(links[2], mark="bad")
    marked = a.with_links(links)
    path = tmp_path / "v2.align.json"
    project.save(marked, path)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 2
    assert data["links"][1]["sentences"] == [[[0], [0]], [[1], [1, 2]]]
    assert data["links"][1]["note"] == "«так»\n  exactly as typed "
    assert "mark" not in data["links"][0] and "note" not in data["links"][0]
    assert len([line for line in text.splitlines() if '"src": ' in line]) == 5
    loaded = project.load(path)
    assert [(l.mark, l.note, l.confirmed_sentences) for l in loaded.links] == [
        (l.mark, l.note, l.confirmed_sentences) for l in links]


def test_a_project_without_version_2_keys_is_written_as_version_1() -> None:
    a = sample()
    links = [Link(l.src, l.tgt, l.score, "confirmed" if l.hand_made else l.status)
             for l in a.links]
    assert project.to_dict(a.with_links(links))["version"] == 1


def test_version_1_files_read_unchanged() -> None:
    data = good_dict()
    data["links"][0].update(status="edited", score=0.42, mark="bad", note="ignored in v1")
    link = project.from_dict(data).links[0]
    assert (link.score, link.status, link.mark, link.note) == (0.42, "edited", "", "")
