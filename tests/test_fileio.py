"""Writing never harms what is already there: links stay links, devices and pipes are
refused, a command never writes over its own inputs, a reviewed project needs --force."""

import json
import os
from pathlib import Path

import pytest

from align.cli import main
from align.errors import InputError
from align.fileio import check_outputs, grouped_writes, write_text_atomic

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "corpora" / "podrabinek-2022-01-10"


def test_writing_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "out.txt"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_a_dangling_symlink_as_output_names_the_folder_it_points_into(tmp_path: Path) -> None:
    link = tmp_path / "out.tmx"
    link.symlink_to(tmp_path / "gone" / "out.tmx")
    with pytest.raises(InputError) as caught:
        write_text_atomic(link, "new")
    assert caught.value.path == str(link)
    assert f"folder {tmp_path / 'gone'} (where the link points) does not exist" in str(caught.value)
    assert link.is_symlink() and not (tmp_path / "gone").exists()


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.tsv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_text_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_or_device_is_refused_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match="not a regular file"):
        write_text_atomic(pipe, "x")
    assert pipe.is_fifo()
    with pytest.raises(InputError, match="not a regular file"):
        check_outputs(["/dev/null"])


def test_outputs_must_differ_from_inputs_and_each_other(tmp_path: Path) -> None:
    source = tmp_path / "ru.txt"
    source.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is also an input"):
        check_outputs([tmp_path / "p.json", source], [source])
    alias = tmp_path / "alias.txt"
    alias.symlink_to(source)
    with pytest.raises(InputError, match="is also an input"):
        check_outputs([alias], [source])
    with pytest.raises(InputError, match="named for two outputs"):
        check_outputs([tmp_path / "a", tmp_path / "." / "a"])


def _pair_texts(tmp_path: Path) -> tuple[Path, Path]:
    ru, en = tmp_path / "ru.txt", tmp_path / "en.txt"
    ru.write_text("Первый абзац о Москве.\n\nВторой абзац о 2022 годе.\n", encoding="utf-8")
    en.write_text("The first paragraph about Moscow.\n\nThe second one about 2022.\n",
                  encoding="utf-8")
    return ru, en


@pytest.mark.parametrize("flag", ["-o", "--tsv", "--tmx"])
def test_pair_refuses_to_write_over_its_inputs(tmp_path: Path, capsys, flag: str) -> None:
    ru, en = _pair_texts(tmp_path)
    before = en.read_bytes()
    argv = ["pair", str(ru), str(en), "-q", flag, str(en)]
    if flag != "-o":
        argv += ["-o", str(tmp_path / "p.align.json")]
    assert main(argv) == 2
    assert "is also an input" in capsys.readouterr().err
    assert en.read_bytes() == before and not (tmp_path / "p.align.json").exists()


def test_export_refuses_to_write_over_the_project(tmp_path: Path, capsys) -> None:
    project = tmp_path / "p.align.json"
    assert main(["pair", str(BUNDLED), "-o", str(project), "-q"]) == 0
    before = project.read_bytes()
    assert main(["export", str(project), "--tmx", str(project)]) == 2
    assert "is also an input" in capsys.readouterr().err
    assert project.read_bytes() == before


def test_pair_keeps_a_reviewed_project_unless_forced(tmp_path: Path, capsys) -> None:
    project = tmp_path / "p.align.json"
    assert main(["pair", str(BUNDLED), "-o", str(project), "-q"]) == 0
    data = json.loads(project.read_text(encoding="utf-8"))
    for link in data["links"][:3]:
        link["status"] = "confirmed"
    project.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    reviewed = project.read_bytes()
    assert main(["pair", str(BUNDLED), "-o", str(project), "-q"]) == 2
    error = capsys.readouterr().err
    assert "holds 3 reviewed link(s)" in error and "--force" in error
    assert project.read_bytes() == reviewed
    assert main(["pair", str(BUNDLED), "-o", str(project), "-q", "--force"]) == 0
    statuses = {link["status"] for link in json.loads(project.read_text(encoding="utf-8"))["links"]}
    assert statuses == {"auto"}


def test_eval_refuses_links_over_another_segmentation(tmp_path: Path, capsys) -> None:
    project = tmp_path / "s.align.json"
    assert main(["pair", str(BUNDLED), "-o", str(project), "-q", "--level", "sentence"]) == 0
    assert main(["eval", str(project), str(BUNDLED / "gold.json")]) == 2
    assert "not the same segmentation" in capsys.readouterr().err
    gold = tmp_path / "gold.json"
    gold.write_text('{"links": [[[0], [0]], [[99], [99]]]}', encoding="utf-8")
    assert main(["eval", str(project), str(gold)]) == 2


def test_a_write_that_fails_midway_is_one_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    import errno

    from align.fileio import atomic_writer

    target = tmp_path / "out.tmx"
    target.write_text("before", encoding="utf-8")
    with pytest.raises(InputError, match="out.tmx: cannot write: No space left"):
        with atomic_writer(target) as handle:
            handle.write("partial")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_text(encoding="utf-8") == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tmx"]


def test_grouped_writes_appear_together_when_the_block_ends(tmp_path: Path) -> None:
    old = tmp_path / "a.txt"
    old.write_text("old", encoding="utf-8")
    old.chmod(0o600)
    with grouped_writes():
        write_text_atomic(old, "new a")
        write_text_atomic(tmp_path / "b.txt", "new b")
        assert old.read_text(encoding="utf-8") == "old"  # not yet in place
        assert not (tmp_path / "b.txt").exists()
    assert old.read_text(encoding="utf-8") == "new a" and old.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "new b"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    write_text_atomic(tmp_path / "c.txt", "after")  # outside a block: in place at once
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == "after"


def test_a_failed_block_puts_nothing_in_place_and_leaves_no_temporary_file(
        tmp_path: Path) -> None:
    old = tmp_path / "a.txt"
    old.write_text("old", encoding="utf-8")
    with pytest.raises(KeyError):
        with grouped_writes():
            write_text_atomic(old, "new")
            write_text_atomic(tmp_path / "b.txt", "new")
            raise KeyError("stop")
    assert old.read_text(encoding="utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt"]


def test_a_project_with_an_enormous_number_is_one_clear_error(tmp_path: Path, capsys) -> None:
    project = tmp_path / "p.align.json"
    assert main(["pair", str(BUNDLED), "-o", str(project), "-q"]) == 0
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace('"score": ', '"score": 1' + "0" * 400 + ", \"x\": ", 1),
                       encoding="utf-8")
    assert main(["export", str(project), "--tsv", str(tmp_path / "p.tsv")]) == 2
    assert "p.align.json: holds a number too large" in capsys.readouterr().err


def test_meta_toml_languages_must_be_codes(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "article"
    folder.mkdir()
    (folder / "ru.txt").write_text("Первый абзац о Москве и её жителях.\n", encoding="utf-8")
    (folder / "en.txt").write_text("The first paragraph about Moscow.\n", encoding="utf-8")
    (folder / "meta.toml").write_text('original = "russian"\ntranslation = "en"\n',
                                      encoding="utf-8")
    assert main(["pair", str(folder), "-o", str(tmp_path / "p.align.json"), "-q"]) == 2
    error = capsys.readouterr().err
    assert "meta.toml" in error and "'russian' is not a language code" in error
