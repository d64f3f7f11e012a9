"""The ``sverka`` command end to end: outputs, summary, and one clear line for bad input."""

import json
from pathlib import Path

import pytest
from lxml import etree

from align.cli import main
from xml_validation import assert_valid_tmx

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "corpora" / "podrabinek-2022-01-10"
TEXTS = Path(__file__).parent / "texts"


def test_pair_on_the_bundled_folder_writes_project_tmx_tsv(tmp_path, capsys) -> None:
    out = tmp_path / "p.align.json"
    assert main(["pair", str(BUNDLED), "-o", str(out), "--tmx", str(tmp_path / "p.tmx"),
                 "--tsv", str(tmp_path / "p.tsv")]) == 0
    printed = capsys.readouterr().out
    assert "19 source and 20 target segments" in printed and "lowest confidence" in printed
    project = json.loads(out.read_text(encoding="utf-8"))
    assert project["format"] == "sverka-alignment" and project["version"] == 1
    assert project["source"]["lang"] == "ru" and project["target"]["lang"] == "en"
    assert main(["eval", str(out), str(BUNDLED / "gold.json")]) == 0
    table = capsys.readouterr().out
    assert "1.000" in table.splitlines()[-1]  # F1 row, strict first
    tmx = etree.parse(str(tmp_path / "p.tmx"))
    assert len(tmx.findall(".//tu")) == 16  # 21 links, 5 one-sided left out
    assert_valid_tmx(tmp_path / "p.tmx")
    rows = (tmp_path / "p.tsv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 22


def test_sentence_level_with_pre_split_lines(tmp_path) -> None:
    src = tmp_path / "src.txt"
    tgt = tmp_path / "tgt.txt"
    src.write_text("Первая фраза о Москве.\nВторая фраза о 2022 годе.\n\nТретья фраза.\n",
                   encoding="utf-8")
    tgt.write_text("The first sentence about Moscow.\nThe second one about 2022.\n\n"
                   "A third sentence.\n", encoding="utf-8")
    out = tmp_path / "s.align.json"
    assert main(["pair", str(src), str(tgt), "-o", str(out), "--level", "sentence",
                 "--segments", "lines", "--src-lang", "ru", "--tgt-lang", "en", "-q"]) == 0
    links = [(l["src"], l["tgt"]) for l in json.loads(out.read_text())["links"]]
    assert links == [([0], [0]), ([1], [1]), ([2], [2])]


def _error(capsys, argv) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    return lines[0]


def test_missing_file(tmp_path, capsys) -> None:
    line = _error(capsys, ["pair", str(tmp_path / "nope.txt"), str(TEXTS / "ru-en.en.txt"),
                           "-o", str(tmp_path / "o.json")])
    assert "nope.txt" in line
    assert not (tmp_path / "o.json").exists()


def test_empty_file(tmp_path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert "empty.txt" in _error(capsys, ["pair", str(empty), str(TEXTS / "ru-en.en.txt")])


def test_binary_file(tmp_path, capsys) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    assert "photo.txt" in _error(capsys, ["pair", str(TEXTS / "ru-en.ru.txt"), str(binary)])


def test_undecodable_file(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b" ".join(bytes(range(0x80, 0xC0))[i:i + 6] for i in range(0, 64, 6)) * 5)
    assert "bad.txt" in _error(capsys, ["pair", str(bad), str(TEXTS / "ru-en.en.txt")])


def test_both_sides_in_the_same_language(tmp_path, capsys) -> None:
    line = _error(capsys, ["pair", str(TEXTS / "ru-en.en.txt"), str(TEXTS / "uk-en.en.txt"),
                           "-o", str(tmp_path / "o.json")])
    assert "same language" in line and "uk-en.en.txt" in line
    assert not (tmp_path / "o.json").exists()


def test_no_text_after_cleaning(tmp_path, capsys) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_text("\u00a0\u00ad \n\u200b\n\n \t\n", encoding="utf-8")
    assert "blank.txt" in _error(capsys, ["pair", str(TEXTS / "ru-en.ru.txt"), str(blank)])


def test_directory_instead_of_file(tmp_path, capsys) -> None:
    assert str(tmp_path) in _error(capsys, ["pair", str(TEXTS / "ru-en.ru.txt"), str(tmp_path)])


def test_unwritable_output_keeps_the_old_file(tmp_path, capsys) -> None:
    line = _error(capsys, ["pair", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"),
                           "-o", str(tmp_path / "no-such-folder" / "o.json")])
    assert "no-such-folder" in line
    existing = tmp_path / "keep.align.json"
    existing.write_text("precious")
    line = _error(capsys, ["pair", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"),
                           "-o", str(existing), "--tmx", str(tmp_path)])
    assert str(tmp_path) in line
    assert existing.read_text() == "precious"  # checked before anything was written
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("argv", [["pair"], ["eval", "x"]])
def test_usage_errors_exit_2(argv) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2


def test_one_path_for_two_outputs_is_refused(tmp_path, capsys) -> None:
    same = tmp_path / "same.json"
    line = _error(capsys, ["pair", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"),
                           "-o", str(same), "--tmx", str(same)])
    assert "same.json" in line and not same.exists()


@pytest.mark.parametrize("option", [["--max-link", "1"], ["--src-lang", "russian"]])
def test_bad_option_values_are_refused(option) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["pair", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"), *option])
    assert stop.value.code == 2


# ------------------------------------------------ languages from names or options vs the text


def test_a_folder_with_one_language_under_two_names_is_refused(tmp_path, capsys) -> None:
    folder = tmp_path / "broken-samelang"
    folder.mkdir()
    english = (TEXTS / "ru-en.en.txt").read_text(encoding="utf-8")
    (folder / "ru.txt").write_text(english, encoding="utf-8")
    (folder / "en.txt").write_text(english, encoding="utf-8")
    line = _error(capsys, ["pair", str(folder), "-o", str(tmp_path / "o.json")])
    assert "is in the same language as" in line and "en" in line
    assert not (tmp_path / "o.json").exists()


def test_swapped_language_options_are_refused(tmp_path, capsys) -> None:
    line = _error(capsys, ["pair", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"),
                           "--src-lang", "en", "--tgt-lang", "ru",
                           "-o", str(tmp_path / "o.json")])
    assert "ru-en.ru.txt" in line and "swapped" in line and "--src-lang" in line
    assert not (tmp_path / "o.json").exists()


def test_a_language_option_the_script_contradicts_names_file_label_and_fix(tmp_path,
                                                                           capsys) -> None:
    line = _error(capsys, ["pair", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"),
                           "--src-lang", "en", "-o", str(tmp_path / "o.json")])
    assert "ru-en.ru.txt" in line and "labelled en" in line and "reads as ru" in line
    assert "--src-lang ru" in line
    line = _error(capsys, ["pair", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"),
                           "--tgt-lang", "de", "-o", str(tmp_path / "o.json")])
    assert "ru-en.en.txt" in line and "labelled de" in line and "reads as en" in line


def test_a_file_name_or_meta_toml_the_text_contradicts_says_what_to_fix(tmp_path,
                                                                        capsys) -> None:
    named = tmp_path / "named"
    named.mkdir()
    (named / "ru.txt").write_text((TEXTS / "ru-en.ru.txt").read_text(encoding="utf-8"))
    (named / "de.txt").write_text((TEXTS / "ru-en.ru.txt").read_text(encoding="utf-8"))
    line = _error(capsys, ["pair", str(named), "-o", str(tmp_path / "o.json")])
    assert "same language" in line  # both read as Russian, whatever the names say
    (named / "de.txt").write_text("Ein Text auf Deutsch. " * 3, encoding="utf-8")
    (named / "ru.txt").write_text((TEXTS / "ru-en.en.txt").read_text(encoding="utf-8"))
    line = _error(capsys, ["pair", str(named), "-o", str(tmp_path / "o.json")])
    assert "ru.txt" in line and "labelled ru (by the file name ru.txt)" in line
    assert "rename" in line
    meta = tmp_path / "meta"
    meta.mkdir()
    (meta / "a.txt").write_text((TEXTS / "ru-en.ru.txt").read_text(encoding="utf-8"))
    (meta / "b.txt").write_text((TEXTS / "ru-en.en.txt").read_text(encoding="utf-8"))
    (meta / "meta.toml").write_text('original = "fr"\ntranslation = "en"\n[files]\n'
                                    'original = "a.txt"\ntranslation = "b.txt"\n')
    line = _error(capsys, ["pair", str(meta), "-o", str(tmp_path / "o.json")])
    assert "a.txt" in line and "labelled fr (by meta.toml)" in line and "meta.toml" in line


def test_labels_are_kept_when_the_evidence_is_weak(tmp_path) -> None:
    """A short text, or a language the detector has no profile for: the label stands."""
    ru, en = tmp_path / "a.txt", tmp_path / "b.txt"
    ru.write_text("Мэр города открыл новый мост.\n\nДвижение начнётся завтра.\n",
                  encoding="utf-8")
    en.write_text("The mayor opened a new bridge.\n\nTraffic starts tomorrow.\n",
                  encoding="utf-8")
    out = tmp_path / "o.json"
    assert main(["pair", str(ru), str(en), "--src-lang", "uk", "-o", str(out), "-q"]) == 0
    assert json.loads(out.read_text())["source"]["lang"] == "uk"
    out = tmp_path / "tt.json"
    assert main(["pair", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"),
                 "--src-lang", "tt", "--tgt-lang", "en-GB", "-o", str(out), "-q"]) == 0
    data = json.loads(out.read_text())
    assert (data["source"]["lang"], data["target"]["lang"]) == ("tt", "en-GB")


@pytest.mark.parametrize("text, label, verdict", [
    ("ru-en.ru.txt", "ru", None), ("ru-en.ru.txt", "en", "ru"), ("ru-en.en.txt", "ru", "en"),
    ("uk-en.uk.txt", "uk", None), ("uk-en.uk.txt", "ru", "uk"), ("de-fr.de.txt", "de", None),
    ("de-fr.fr.txt", "en", "fr"), ("ru-en.ru.txt", "sr", None), ("ru-en.en.txt", "xx", None),
    ("ru-en.ru.txt", "ru-Latn", "ru"), ("ru-en.en.txt", "en-US", None),
])
def test_label_contradiction(text, label, verdict) -> None:
    from align.language import label_contradiction

    assert label_contradiction((TEXTS / text).read_text(encoding="utf-8"), label) == verdict


# ------------------------------------------------ language codes, options a project ignores, eval


@pytest.mark.parametrize("code, named", [("xx", "'xx' is no known language"),
                                         ("zz-ZZ", "'zz' is no known language"),
                                         ("russian", "'russian' is not a language code")])
def test_a_bad_language_code_is_one_line_not_the_usage_block(capsys, code, named) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["pair", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"),
              "--src-lang", code])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "usage:" not in err
    assert err.startswith("sverka pair: error: argument --src-lang:") and named in err


def test_a_code_with_an_underscore_is_read_as_bcp47(tmp_path) -> None:
    out = tmp_path / "p.align.json"
    assert main(["pair", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"), "-o",
                 str(out), "--src-lang", "ru_RU", "--tgt-lang", "EN-gb", "-q"]) == 0
    project = json.loads(out.read_text(encoding="utf-8"))
    assert (project["source"]["lang"], project["target"]["lang"]) == ("ru-RU", "en-GB")


def test_options_a_saved_project_ignores_are_named_on_stderr(tmp_path, capsys) -> None:
    project = tmp_path / "p.align.json"
    assert main(["pair", str(BUNDLED), "-o", str(project), "-q"]) == 0
    assert main(["check", str(project), "--level", "sentence", "--src-lang", "de", "-q"]) == 0
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 2 and all(line.startswith(f"sverka: warning: {project}: ")
                                      for line in warnings)
    assert "--src-lang de does not apply" in warnings[0] and "(ru → en)" in warnings[0]
    assert "--level sentence does not apply" in warnings[1] and "paragraph level" in warnings[1]
    assert main(["check", str(project), "-q"]) == 0  # nothing given, nothing said
    assert capsys.readouterr().err == ""


def test_eval_takes_a_project_as_gold(tmp_path, capsys) -> None:
    project = tmp_path / "p.align.json"
    assert main(["pair", str(BUNDLED), "-o", str(project), "-q"]) == 0
    assert main(["eval", str(project), str(project)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split() == ["F1", "1.000", "1.000"]
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"links": [[[0], [0]], {"src": "б"}]}, ensure_ascii=False),
                    encoding="utf-8")
    line = _error(capsys, ["eval", str(project), str(gold)])
    assert line.endswith('gold.json: link 2: expected [[src…], [tgt…]], got {"src": "б"}')


def test_a_pair_that_opens_its_saved_project_names_the_options_it_ignores(tmp_path,
                                                                           capsys) -> None:
    from align.cli import build_parser
    from align.commands.pair_input import open_or_align

    parser, _ = build_parser()
    out = tmp_path / "p.align.json"
    args = parser.parse_args(["review", str(BUNDLED), "-o", str(out), "--max-link", "3"])
    open_or_align(args.project, args.translation, args, args.output)  # aligned and saved
    assert capsys.readouterr().err == ""
    args = parser.parse_args(["review", str(BUNDLED), "-o", str(out), "--segments", "lines"])
    _, path, note = open_or_align(args.project, args.translation, args, args.output)
    assert path == out and "opened the existing" in note
    err = capsys.readouterr().err
    assert err == (f"sverka: warning: {out}: --segments lines does not apply: the saved "
                   "project's segments are fixed (read as paragraphs); align the pair again "
                   "to change it\n")


@pytest.mark.parametrize("name", ["pair", "export", "import", "review", "nosuch"])
def test_a_named_command_parses_and_helps_as_among_all_commands(name) -> None:
    """The parser built for one named built-in command (start-up: the other commands'
    modules stay unimported) parses and words help as the full one does; a name that is
    no built-in module gets every command."""
    from align.cli import build_parser

    full, _ = build_parser()
    named, commands = build_parser(name)
    assert set(commands) == ({name} if name in ("pair", "export") else set(build_parser()[1]))
    if name == "nosuch":
        return
    assert (named._subparsers._group_actions[0].choices[name].format_help()
            == full._subparsers._group_actions[0].choices[name].format_help())
