"""``align.export`` and ``sverka export``: levels, filters, languages, context, summaries."""

from __future__ import annotations

from pathlib import Path

import pytest
from align.cli import main
from align.errors import InputError
from align.export import CONFIDENT, ExportOptions, export, sentence_alignment
from align.formats.tmx import XML_LANG
from align.formats.tmx_reader import read_tmx_pairs
from align.formats.tmx_import import alignment_from_tmx
from align.formats.tsv import read_tsv
from align.formats.xliff import read_xliff_pairs
from align.formats.xlsx import read_xlsx
from align.model import Alignment, Document, Link, Segment
from align.project import save
from test_formats import LONG_SEGMENT, leftovers, parse
from xml_validation import assert_valid_tmx, assert_valid_xliff

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "corpora" / "podrabinek-2022-01-10"


def article() -> Alignment:
    """Three paragraph links: confident, unsure (auto, low), unsure but confirmed."""
    src = ["Первая фраза. Вторая фраза о Москве в 2022 году.", "Непонятный абзац.",
           "Третий абзац. Ещё одна фраза.", "Фото: ТАСС"]
    tgt = ["The first sentence. The second one about Moscow in 2022.", "An odd paragraph.",
           "The third paragraph. One more sentence."]
    links = (Link((0,), (0,), 0.95, "auto"), Link((1,), (1,), 0.3, "auto"),
             Link((2,), (2,), 0.2, "confirmed"), Link((3,), (), 0.9, "auto"))
    return Alignment(Document("ru", tuple(Segment(t) for t in src)),
                     Document("en", tuple(Segment(t) for t in tgt)), links,
                     {"name": "статья", "level": "paragraph"})


@pytest.mark.parametrize("values, expected", [
    ({"level": "word"}, "level"), ({"min_score": 1.5}, "outside"),
    ({"langs": ("ru",)}, "two codes"), ({"langs": ("ru RU", "en")}, "not a language code")])
def test_options_say_what_is_wrong(values: dict, expected: str) -> None:
    with pytest.raises(ValueError, match=expected):
        ExportOptions(**values)


def test_paragraph_export_filters(tmp_path: Path) -> None:
    a = article()
    line = export(a, tmp_path / "a.tmx", "tmx")
    assert line == (f"wrote {tmp_path / 'a.tmx'} (TMX, paragraph level): 3 units, "
                    "1 one-sided link left out")
    line = export(a, tmp_path / "b.tmx", "tmx", ExportOptions(min_score=0.5))
    assert [s for s, _, _ in read_tmx_pairs(tmp_path / "b.tmx")] == [a.source.texts[0]]
    assert line.endswith("1 unit, 1 one-sided link left out, 2 links left out by the filter")
    export(a, tmp_path / "c.tmx", "tmx", ExportOptions(only_confirmed=True))
    assert [p["x-status"] for _, _, p in read_tmx_pairs(tmp_path / "c.tmx")] == ["confirmed"]
    assert parse(tmp_path / "c.tmx").find("header").get("segtype") == "paragraph"
    for name in ("a", "b", "c"):
        assert_valid_tmx(tmp_path / f"{name}.tmx")


def test_sentence_export_only_inside_trusted_paragraphs(tmp_path: Path) -> None:
    a = article()
    assert a.links[0].score >= CONFIDENT > a.links[1].score
    line = export(a, tmp_path / "s.tmx", "tmx", ExportOptions(level="sentence"))
    assert_valid_tmx(tmp_path / "s.tmx")
    assert parse(tmp_path / "s.tmx").find("header").get("segtype") == "sentence"
    pairs = [(s, t) for s, t, _ in read_tmx_pairs(tmp_path / "s.tmx")]
    assert pairs == [("Первая фраза.", "The first sentence."),
                     ("Вторая фраза о Москве в 2022 году.", "The second one about Moscow in 2022."),
                     ("Третий абзац.", "The third paragraph."),
                     ("Ещё одна фраза.", "One more sentence.")]
    assert "4 units" in line and "1 link left out by the filter" in line
    # The sentence alignment still covers every sentence, so context is the true neighbour.
    export(a, tmp_path / "c.tmx", "tmx", ExportOptions(level="sentence", context=True))
    props = [p for _, _, p in read_tmx_pairs(tmp_path / "c.tmx")]
    assert props[2]["x-context-pre"] == "Непонятный абзац."
    assert props[3]["x-context-post"] == "Фото: ТАСС"
    # --min-score replaces the confidence threshold; --only-confirmed keeps one paragraph.
    export(a, tmp_path / "m.tmx", "tmx", ExportOptions(level="sentence", min_score=0.25))
    assert [t for _, t, _ in read_tmx_pairs(tmp_path / "m.tmx")][1:] == [
        "The second one about Moscow in 2022.", "An odd paragraph."]
    export(a, tmp_path / "o.tmx", "tmx", ExportOptions(level="sentence", only_confirmed=True))
    assert [s for s, _, _ in read_tmx_pairs(tmp_path / "o.tmx")] == ["Третий абзац.",
                                                                     "Ещё одна фраза."]
    for name in ("c", "m", "o"):
        assert_valid_tmx(tmp_path / f"{name}.tmx")


def test_sentence_alignment_is_a_valid_alignment() -> None:
    a = article()
    sentences, keep = sentence_alignment(a, ExportOptions())
    assert sentences.level == "sentence"
    assert len(sentences.source) == 6 and len(sentences.target) == 5
    assert [keep(link) for link in sentences.links if link.two_sided] == [
        True, True, False, True, True]


def test_sentence_links_stay_inside_the_paragraph_links_they_are_given() -> None:
    """A person's paragraph links are kept even where the aligner, left to itself, would
    pair the paragraphs differently: sentence links never cross their borders."""
    from align.aligner import sentences_within

    src = [["Первая фраза о Москве.", "Вторая фраза о 2022 годе."],
           ["Третья фраза о Путине и 1999 годе."], ["Фото: ТАСС"]]
    tgt = [["The first sentence about Moscow."],
           ["The second one about 2022.", "A third sentence about Putin and 1999."],
           ["Lorem ipsum dolor sit amet, consectetur adipiscing elit."]]
    paragraphs = Alignment(
        Document("ru", tuple(Segment(" ".join(p)) for p in src)),
        Document("en", tuple(Segment(" ".join(p)) for p in tgt)),
        (Link((0,), (0,), 1.0, "confirmed"), Link((1,), (1,), 1.0, "confirmed"),
         Link((2,), (2,), 1.0, "confirmed")))
    cut = sentences_within(paragraphs, src, tgt)
    # left alone, "Вторая фраза о 2022 годе." would pair with "The second one about 2022."
    assert not any(1 in link.src and 1 in link.tgt for link in cut.links)
    assert (cut.level, len(cut.source), len(cut.target)) == ("sentence", 4, 4)
    src_paragraph = [0, 0, 1, 2]
    tgt_paragraph = [0, 1, 1, 2]
    for link in cut.links:
        assert len({src_paragraph[i] for i in link.src} | {tgt_paragraph[j] for j in link.tgt}) == 1


def test_sentence_level_project_cannot_go_back_to_paragraphs(tmp_path: Path) -> None:
    a = article()
    a = Alignment(a.source, a.target, a.links, {"level": "sentence"})
    with pytest.raises(InputError, match="cannot be exported at paragraph level"):
        export(a, tmp_path / "x.tmx", "tmx", ExportOptions(level="paragraph"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "tsv", "xlsx"])
def test_every_format_gets_the_same_units(tmp_path: Path, fmt: str) -> None:
    a = article()
    options = ExportOptions(level="sentence", context=True, langs=("ru-RU", "en-GB"))
    path = tmp_path / f"out.{fmt}"
    line = export(a, path, fmt, options)
    assert line.startswith(f"wrote {path} ({fmt.upper()}, sentence level): 4 units")
    export(a, tmp_path / "ref.tmx", "tmx", options)
    reference = read_tmx_pairs(tmp_path / "ref.tmx")
    assert_valid_tmx(tmp_path / "ref.tmx")
    if fmt in ("tmx", "xliff"):
        (assert_valid_tmx if fmt == "tmx" else assert_valid_xliff)(path)
        got = (read_tmx_pairs if fmt == "tmx" else read_xliff_pairs)(path)
        assert got == reference
    else:
        rows = (read_tsv if fmt == "tsv" else read_xlsx)(path)
        assert [(r.source, r.target, r.context_pre, r.context_post) for r in rows] == [
            (s, t, p.get("x-context-pre", ""), p.get("x-context-post", ""))
            for s, t, p in reference]


def test_langs_are_written_and_long_segments_flagged(tmp_path: Path) -> None:
    long = "Очень длинно. " * (LONG_SEGMENT // 10)
    a = Alignment(Document("ru", (Segment(long),)), Document("en", (Segment("Short."),)),
                  (Link((0,), (0,), 0.9, "auto"),), {"name": "x"})
    line = export(a, tmp_path / "l.tmx", "tmx", ExportOptions(langs=("ru-RU", "en-GB")))
    assert "1 segment over 2000 characters (Trados Cloud's limit; not cut)" in line
    root = parse(tmp_path / "l.tmx")
    assert root.find("header").get("srclang") == "ru-RU"
    assert [tuv.get(XML_LANG) for tuv in root.iter("tuv")] == ["ru-RU", "en-GB"]
    assert read_tmx_pairs(tmp_path / "l.tmx")[0][0] == long
    assert_valid_tmx(tmp_path / "l.tmx")


def test_export_import_round_trip_keeps_reviewed_links(tmp_path: Path) -> None:
    a = article()
    export(a, tmp_path / "a.tmx", "tmx")
    assert_valid_tmx(tmp_path / "a.tmx")
    b = alignment_from_tmx(tmp_path / "a.tmx")
    assert [(l.score, l.status) for l in b.links] == [(0.95, "auto"), (0.3, "auto"),
                                                      (0.2, "confirmed")]


# ---------------------------------------------------------------- the command

@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("project") / "p.align.json"
    assert main(["pair", str(BUNDLED), "-o", str(out), "-q"]) == 0
    return out


def test_export_command_writes_every_format(project: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    outs = {fmt: tmp_path / f"p.{fmt}" for fmt in ("tmx", "tsv", "xliff", "xlsx")}
    argv = ["export", str(project), "--level", "sentence", "--context", "--min-score", "0.5",
            "--langs", "ru-RU,en-GB"]
    for fmt, path in outs.items():
        argv += [f"--{fmt}", str(path)]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and all("sentence level" in line for line in lines)
    assert_valid_tmx(outs["tmx"])
    assert_valid_xliff(outs["xliff"])
    tmx_pairs = read_tmx_pairs(outs["tmx"])
    assert len(tmx_pairs) > 30
    assert read_xliff_pairs(outs["xliff"]) == tmx_pairs
    assert [(r.source, r.target) for r in read_xlsx(outs["xlsx"])] == [
        (s, t) for s, t, _ in tmx_pairs]


def _error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    return lines[0].removeprefix("sverka: error: ")


def test_export_command_bad_input(project: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.tmx"
    assert "say what to write" in _error(capsys, ["export", str(project)])
    assert "nope.align.json" in _error(capsys, ["export", str(tmp_path / "nope.align.json"),
                                                "--tmx", str(out)])
    broken = tmp_path / "broken.align.json"
    broken.write_text("{", encoding="utf-8")
    assert "broken.align.json: invalid JSON" in _error(capsys, ["export", str(broken),
                                                                "--tmx", str(out)])
    assert "does not exist" in _error(capsys, ["export", str(project), "--tmx",
                                               str(tmp_path / "missing" / "o.tmx")])
    assert "two outputs" in _error(capsys, ["export", str(project), "--tmx", str(out),
                                            "--tsv", str(out)])
    sentence = tmp_path / "s.align.json"
    a = article()
    save(Alignment(a.source, a.target, a.links, {"level": "sentence"}), sentence)
    assert "paragraph level" in _error(capsys, ["export", str(sentence), "--level",
                                                "paragraph", "--tmx", str(out)])
    assert not out.exists() and leftovers(tmp_path) == []
    with pytest.raises(SystemExit):
        main(["export", str(project), "--tmx", str(out), "--langs", "ru RU,en"])
    with pytest.raises(SystemExit):
        main(["export", str(project), "--tmx", str(out), "--min-score", "2"])


# ---------------------------------------------------------------- what a user found

def test_a_tmx_given_as_the_project_points_to_import(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    from align.formats.tmx import write_tmx

    memory = tmp_path / "cat8.tmx"
    write_tmx(article(), memory)
    for path, data in ((memory, memory.read_bytes()),
                       (tmp_path / "u16.tmx", b"\xff\xfe" + memory.read_text(
                           encoding="utf-8").replace('"UTF-8"', '"UTF-16"').encode("utf-16-le"))):
        path.write_bytes(data)
        line = _error(capsys, ["export", str(path), "--tsv", str(tmp_path / "x.tsv")])
        assert line.startswith(f"{path}: is a TMX memory, not a project")
        assert "sverka import" in line and "JSON" not in line and "UTF-8" not in line


def test_a_project_problem_names_the_project(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    sentence = tmp_path / "sent.align.json"
    a = article()
    save(Alignment(a.source, a.target, a.links, {"level": "sentence"}), sentence)
    line = _error(capsys, ["export", str(sentence), "--level", "paragraph",
                           "--tmx", str(tmp_path / "x.tmx")])
    assert line.startswith(f"{sentence}: the project is aligned at sentence level")
    assert "x.tmx" not in line and not (tmp_path / "x.tmx").exists()


def test_only_confirmed_on_an_unreviewed_project_warns(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    a = article()
    unreviewed = tmp_path / "new.align.json"
    save(a.with_links(Link(l.src, l.tgt, l.score, "auto") for l in a.links), unreviewed)
    out = tmp_path / "x.tmx"
    assert main(["export", str(unreviewed), "--only-confirmed", "--tmx", str(out)]) == 0
    captured = capsys.readouterr()
    assert "0 units" in captured.out and "3 links left out by the filter" in captured.out
    assert captured.err.strip() == (f"{out}: warning: no unit written: no link is confirmed "
                                    "or edited yet (--only-confirmed); review the project "
                                    "first")
    assert_valid_tmx(out)  # an empty memory is still written: a script may run before review
    # Without a CLI to warn through (the review UI), the warning ends the summary line.
    line = export(a, tmp_path / "y.tmx", "tmx", ExportOptions(min_score=0.99))
    assert line.endswith("warning: no unit written: every link is below --min-score 0.99")
    assert_valid_tmx(tmp_path / "y.tmx")
    # With units written, no warning.
    assert main(["export", str(unreviewed), "--tmx", str(out)]) == 0
    assert capsys.readouterr().err == ""


def test_stdout_is_refused_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "p.align.json"
    save(article(), project)
    monkeypatch.chdir(tmp_path)
    line = _error(capsys, ["export", str(project), "--tsv", "-"])
    assert line.startswith("--tsv -: sverka writes files, not standard output")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("langs, ok", [("ru-RU,en-GB", True), ("RU,en-us", True),
                                       ("en-US,ru-RU", False), ("ru,de", False)])
def test_langs_must_name_the_projects_languages(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                langs: str, ok: bool) -> None:
    project = tmp_path / "p.align.json"
    save(article(), project)
    out = tmp_path / "x.tmx"
    argv = ["export", str(project), "--langs", langs, "--tmx", str(out)]
    if ok:
        assert main(argv) == 0
        assert parse(out).find("header").get("srclang").lower() == langs.split(",")[0].lower()
        assert_valid_tmx(out)
        return
    line = _error(capsys, argv)
    assert line.startswith(f"{project}: --langs {langs} does not match the project: its "
                           "source (first code) is ru and its target (second code) is en")
    assert ("swapped" in line) == langs.startswith("en") and not out.exists()


def test_a_project_language_that_is_no_code_is_refused_before_any_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A project labelled ``russian`` (edited by hand, or from another tool) would write
    ``xml:lang="russian"``, which CAT tools refuse: the export says so before writing any
    file, and ``--langs`` gives the codes to write instead."""
    alignment = article()
    labelled = Alignment(Document("russian", alignment.source.segments),
                         alignment.target, alignment.links, alignment.meta)
    project = tmp_path / "p.align.json"
    save(labelled, project)
    outs = [tmp_path / "p.tsv", tmp_path / "p.tmx"]
    line = _error(capsys, ["export", str(project), "--tsv", str(outs[0]),
                           "--tmx", str(outs[1])])
    assert line == (f"{project}: the project's source language: 'russian' is not a language "
                    "code such as ru, en or ru-RU; give the codes to write with --langs, "
                    "e.g. --langs ru,en")
    assert not any(path.exists() for path in outs)
    assert main(["export", str(project), "--tsv", str(outs[0])]) == 0  # no codes in a TSV
    assert main(["export", str(project), "--tmx", str(outs[1]), "--langs", "ru,en"]) == 0
    assert parse(outs[1]).find("header").get("srclang") == "ru"
    assert_valid_tmx(outs[1])


# ---------------------------------------------------------------- marks, notes, sentences

def annotated() -> Alignment:
    """The article with its confident first link marked bad and a note on the third."""
    from dataclasses import replace

    a = article()
    links = list(a.links)
    links[0] = replace(links[0], mark="bad")
    links[2] = replace(links[2], note="Проверить «фразу» <later> & again")
    return a.with_links(links)


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "tsv", "xlsx"])
def test_bad_links_are_left_out_unless_asked_and_counted(tmp_path: Path, fmt: str) -> None:
    a = annotated()
    line = export(a, tmp_path / f"a.{fmt}", fmt, ExportOptions(langs=("ru", "en")))
    assert line.endswith("2 units, 1 one-sided link left out, 1 link marked bad left out")
    line = export(a, tmp_path / f"b.{fmt}", fmt, ExportOptions(langs=("ru", "en"),
                                                               include_bad=True))
    assert line.endswith("3 units, 1 one-sided link left out")
    validate = {"tmx": assert_valid_tmx, "xliff": assert_valid_xliff}.get(fmt)
    for name in ("a", "b") if validate else ():
        validate(tmp_path / f"{name}.{fmt}")


def test_notes_travel_into_every_format(tmp_path: Path) -> None:
    a = annotated()
    note = a.links[2].note
    export(a, tmp_path / "a.tmx", "tmx")
    assert_valid_tmx(tmp_path / "a.tmx")
    tus = parse(tmp_path / "a.tmx").iter("tu")
    assert [[n.text for n in tu.iter("note")] for tu in tus] == [[], [note]]
    export(a, tmp_path / "a.xlf", "xliff")
    assert_valid_xliff(tmp_path / "a.xlf")
    from align.formats.xliff import XLIFF_NS
    units = parse(tmp_path / "a.xlf").iter(f"{{{XLIFF_NS}}}trans-unit")
    assert [[n.text for n in u.iter(f"{{{XLIFF_NS}}}note")] for u in units] == [[], [note]]
    for fmt, reader in (("tsv", read_tsv), ("xlsx", read_xlsx)):
        export(a, tmp_path / f"a.{fmt}", fmt, ExportOptions(include_bad=True))
        rows = reader(tmp_path / f"a.{fmt}")
        assert [(r.mark, r.note) for r in rows] == [("bad", ""), ("", ""), ("", note)]


def test_tables_without_marks_or_notes_keep_their_columns(tmp_path: Path) -> None:
    export(article(), tmp_path / "a.tsv", "tsv")
    assert (tmp_path / "a.tsv").read_text().splitlines()[0].split("\t")[-1] == "target"


def test_sentence_export_honours_confirmed_sentence_pairs(tmp_path: Path) -> None:
    """The unsure paragraph (0.3, auto) writes nothing at sentence level, unless a person
    confirmed a sentence pair inside it in the sentence view; a bad paragraph's sentences
    are left out, and a paragraph's note rides on its sentence units."""
    from dataclasses import replace

    from align.export import paragraph_sentences, relative, sentence_cut

    a = article()
    src = ["Одна фраза. Другая фраза.", "Третий абзац. Ещё одна фраза."]
    tgt = ["One sentence. Another sentence.", "The third paragraph. One more sentence."]
    a = Alignment(Document("ru", tuple(map(Segment, src))),
                  Document("en", tuple(map(Segment, tgt))),
                  (Link((0,), (0,), 0.3), Link((1,), (1,), 0.9, mark="bad")))
    cut = sentence_cut(a)
    inside = paragraph_sentences(cut, 0, a.links[0])
    assert [cut.alignment.source_text(l) for l in inside] == ["Одна фраза.", "Другая фраза."]
    second = relative(inside[1], cut.firsts[0])
    assert second == ((1,), (1,))
    links = list(a.links)
    links[0] = replace(links[0], confirmed_sentences=(second,), note="n")
    a = a.with_links(links)
    line = export(a, tmp_path / "s.tmx", "tmx", ExportOptions(level="sentence"))
    assert_valid_tmx(tmp_path / "s.tmx")
    units = read_tmx_pairs(tmp_path / "s.tmx")
    assert [(s, t, p["x-status"]) for s, t, p in units] == [
        ("Другая фраза.", "Another sentence.", "confirmed")]
    assert [n.text for n in parse(tmp_path / "s.tmx").iter("note")] == ["n"]
    assert "1 unit" in line and "2 links marked bad left out" in line
    assert "1 link left out by the filter" in line  # the unconfirmed first sentence


def test_one_links_sentence_cut_is_the_whole_documents_for_that_link() -> None:
    """The sentence view aligns inside one link only; it must show the export's pairs."""
    from align.export import link_sentence_cut, paragraph_sentences, sentence_cut

    a = article()
    whole = sentence_cut(a)
    for k, link in enumerate(a.links):
        alone, at = link_sentence_cut(a, k)
        assert paragraph_sentences(alone, at, link) == paragraph_sentences(whole, k, link)
        assert alone.firsts[at] == whole.firsts[k]
