"""The one place that decides what a command was given: a project, a pair, or a folder."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from align.commands.pair_input import (add_pair_arguments, default_output, given_project,
                                       load_or_align, open_or_align, options_from,
                                       request_from)
from align.errors import InputError
from align.options import MAX_LINK, PairOptions

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "corpora" / "podrabinek-2022-01-10"


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_pair_arguments(parser)
    return parser.parse_args(list(argv))


def test_defaults_of_the_arguments_are_the_options_defaults() -> None:
    assert options_from(_args()) == PairOptions()
    assert PairOptions().max_link == MAX_LINK
    given = options_from(_args("--src-lang", "de", "--level", "sentence", "--max-link", "2"))
    assert given == PairOptions(src_lang="de", level="sentence", max_link=2)


def test_an_article_folder_fills_in_files_languages_and_name() -> None:
    request = request_from(BUNDLED, None, _args())
    assert request.original.parent == BUNDLED and request.translation.name == "en.txt"
    assert (request.options.src_lang, request.options.tgt_lang) == ("ru", "en")
    assert request.src_origin is not None  # the label came from the folder, not an option
    assert default_output(request) == Path("podrabinek-2022-01-10.align.json")


def test_a_language_option_overrides_the_folder_and_is_named_as_its_origin() -> None:
    request = request_from(BUNDLED, None, _args("--tgt-lang", "en-GB"))
    assert request.options.tgt_lang == "en-GB" and request.tgt_origin is None


def test_a_pair_of_files_is_named_after_both_files(tmp_path) -> None:
    from align.pairing import pair_requests

    request = request_from(tmp_path / "a" / "ru.txt", tmp_path / "a" / "en.txt", _args())
    assert default_output(request) == Path("ru-en.align.json")
    request = request_from(tmp_path / "story.ru.txt", tmp_path / "story.en.txt", _args())
    assert default_output(request) == Path("story.align.json")  # their shared name
    several = pair_requests(tmp_path / "story.en.txt",
                            [tmp_path / "story.de.txt", tmp_path / "story.fr.txt"])
    assert [default_output(r) for r in several] == [Path("story.de.align.json"),
                                                    Path("story.fr.align.json")]


def test_files_named_after_languages_are_labelled_by_their_names(tmp_path) -> None:
    request = request_from(tmp_path / "ru.txt", tmp_path / "en.html", _args())
    assert (request.options.src_lang, request.options.tgt_lang) == ("ru", "en")
    assert request.src_origin == "the file name ru.txt"
    given = request_from(tmp_path / "ru.txt", tmp_path / "en.txt", _args("--tgt-lang", "en-GB"))
    assert given.options.tgt_lang == "en-GB" and given.tgt_origin is None
    # one name that is no language, or a word that is no language sverka knows: no labels
    for pair in (("ru.txt", "story.txt"), ("zz.txt", "en.txt")):
        request = request_from(tmp_path / pair[0], tmp_path / pair[1], _args())
        assert request.options.src_lang is None and request.options.tgt_lang is None


def test_a_folder_of_several_translations_is_a_request_per_translation(tmp_path) -> None:
    from align.pairing import pair_requests

    folder = tmp_path / "udhr"
    folder.mkdir()
    for lang in ("en", "de", "fr"):
        (folder / f"{lang}.txt").write_text("Text.\n", encoding="utf-8")
    (folder / "meta.toml").write_text('original = "en"\n', encoding="utf-8")
    requests = pair_requests(folder, [], PairOptions())
    assert [(r.original.name, r.translation.name, r.name) for r in requests] == [
        ("en.txt", "de.txt", "udhr.de"), ("en.txt", "fr.txt", "udhr.fr")]
    assert [default_output(r) for r in requests] == [Path("udhr.de.align.json"),
                                                     Path("udhr.fr.align.json")]
    with pytest.raises(InputError, match=r"holds 2 translations \(de, fr\); name one"):
        request_from(folder, None, _args())
    only = request_from(folder, None, _args("--tgt-lang", "fr"))
    assert only.translation.name == "fr.txt" and only.name == "udhr.fr"


def test_what_was_given(tmp_path) -> None:
    project = tmp_path / "a.align.json"
    assert given_project(project, None) == project
    assert given_project(BUNDLED, None) is None
    assert given_project(tmp_path / "ru.txt", tmp_path / "en.txt") is None
    with pytest.raises(InputError, match="not needed: a.align.json is a project"):
        given_project(project, tmp_path / "en.txt")
    lone = tmp_path / "ru.txt"
    lone.write_text("Текст.\n", encoding="utf-8")
    with pytest.raises(InputError, match="give the translation beside it"):
        given_project(lone, None)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="is empty"):
        given_project(empty, None)


def test_load_or_align_reads_a_project_and_aligns_a_pair(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    aligned, path, note = open_or_align(BUNDLED, None, _args(), None)
    assert path == Path("podrabinek-2022-01-10.align.json") and "aligned" in (note or "")
    assert load_or_align(path, None, _args()).links == aligned.links
    assert load_or_align(BUNDLED, None, _args()).links == aligned.links
    assert not Path("podrabinek-2022-01-10.align.json.journal").exists()


def test_open_or_align_opens_an_existing_project_instead_of_aligning(tmp_path) -> None:
    output = tmp_path / "mine.align.json"
    first, path, _ = open_or_align(BUNDLED, None, _args(), output)
    assert path == output
    stamp = output.stat().st_mtime_ns
    again, path, note = open_or_align(BUNDLED, None, _args("--max-link", "2"), output)
    assert "existing" in (note or "") and output.stat().st_mtime_ns == stamp
    assert again.links == first.links  # not realigned with the new options
