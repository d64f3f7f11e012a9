"""``sverka match`` on the command line: the report in each format, --min-score, the
manifest and its round trip into ``sverka batch``, and bad input as one line, exit 2."""

from __future__ import annotations

import csv
import json

import pytest

from align.cli import main
from align.project import load

from test_match import build


@pytest.fixture
def collection(tmp_path):
    return build(tmp_path)


def test_table_shows_matches_runner_ups_and_unmatched(collection, capsys) -> None:
    originals, translations = collection
    assert main(["match", str(originals), str(translations)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("7 translations: 6 matched, 1 unmatched\n")
    row = next(line for line in out.splitlines() if line.startswith("story-1-en.txt"))
    assert row.split()[:3] == ["story-1-en.txt", "en", "story-1.txt"]
    assert "story-1-edited.txt" in row  # the near duplicate, as the runner-up
    assert "unmatched:" in out and "story-5-en.txt: " in out


def test_csv_and_json_reports(collection, capsys) -> None:
    originals, translations = collection
    assert main(["match", str(originals), str(translations), "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [row["translation"] for row in rows][:2] == ["story-0-en.txt", "story-1-en.txt"]
    second = rows[1]
    assert (second["original"], second["runner_up"], second["status"]) == (
        "story-1.txt", "story-1-edited.txt", "matched")
    assert float(second["score"]) > float(second["runner_up_score"])
    assert main(["match", str(originals), str(translations), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["matched"], report["unmatched"]) == (6, 1)
    orphan = next(t for t in report["translations"] if t["translation"] == "story-5-en.txt")
    assert orphan["status"] == "unmatched" and orphan["original"] is None and orphan["note"]


def test_min_score_on_the_command_line(collection, capsys) -> None:
    originals, translations = collection
    assert main(["match", str(originals), str(translations), "--min-score", "1",
                 "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["matched"] == 0 and report["min_score"] == 1.0
    assert "under 1.00" in report["translations"][0]["note"]


def test_manifest_round_trip_into_batch(collection, tmp_path, capsys) -> None:
    originals, translations = collection
    manifest = tmp_path / "pairs.csv"
    assert main(["match", str(originals), str(translations), "-o", str(manifest), "-q"]) == 0
    assert capsys.readouterr().out == ""
    rows = list(csv.DictReader(manifest.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 6 and all(row["score"] for row in rows)
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "-o", str(out), "-j", "1", "-q"]) == 0
    for row in rows:
        project = load(out / f"{row['id']}.align.json")
        original = (tmp_path / row["original"]).read_text(encoding="utf-8")
        translation = (tmp_path / row["translation"]).read_text(encoding="utf-8")
        assert [s.text for s in project.source.segments] == original.strip().split("\n\n")
        assert [s.text for s in project.target.segments] == translation.strip().split("\n\n")
        assert (project.source.lang, project.target.lang) == (row["src_lang"], row["tgt_lang"])


@pytest.mark.parametrize("arguments, message", [
    (["{root}/nowhere", "{root}/translations"], "nowhere: no such folder"),
    (["{root}/empty", "{root}/translations"], "empty: has no documents"),
    (["{root}/originals", "{root}/broken"], "broken/story.txt: is empty"),
    (["{root}/originals", "{root}/translations", "-o", "{root}/originals/pairs.csv"],
     "reads only paths inside the manifest's folder"),
    (["{root}/originals", "{root}/translations", "-o", "{root}/pairs.xlsx"],
     "must end in .csv or .tsv"),
])
def test_bad_input_is_one_line_and_exit_2(collection, tmp_path, capsys, arguments,
                                          message) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "story.txt").write_text("", encoding="utf-8")
    argv = ["match", *(a.format(root=tmp_path) for a in arguments)]
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sverka: error: ") and message in lines[0]
    assert not (tmp_path / "pairs.xlsx").exists()


PAIR_READERS = {"pair": ["a", "b"], "match": ["a", "b"], "batch": ["a"], "check": ["a", "b"],
                "compare": ["a", "b"], "review": ["a", "b"]}
"""The commands that take the languages and lexicons of a pair (or of collections), with
inputs enough to parse."""


@pytest.mark.parametrize("command", PAIR_READERS)
def test_languages_and_lexicons_read_alike_in_every_command(command) -> None:
    from align.cli import build_parser

    parser, _ = build_parser()
    args = parser.parse_args([command, *PAIR_READERS[command], "--src-lang", "ru-RU",
                              "--tgt-lang", "sr-Latn", "--lexicon", "one.tsv",
                              "--lexicon", "two.index", "--no-lexicon"])
    assert (args.src_lang, args.tgt_lang) == ("ru-RU", "sr-Latn")
    assert (args.lexicon, args.no_lexicon) == (["one.tsv", "two.index"], True)
    plain = parser.parse_args([command, *PAIR_READERS[command]])
    assert (plain.src_lang, plain.tgt_lang, plain.lexicon, plain.no_lexicon) == (
        None, None, [], False)


@pytest.mark.parametrize("command", PAIR_READERS)
def test_a_language_that_is_no_code_is_refused_alike_in_every_command(command,
                                                                      capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([command, *PAIR_READERS[command], "--tgt-lang", "English"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith(f"sverka {command}: error: argument --tgt-lang: 'English' is "
                            "not a language code")
