"""One original, several translations: the multilingual units, the TMX they make, and
``pair``/``export --multi``/``batch`` on them (the UDHR in English, German, French and
Ukrainian from ``../shared/data``), plus the default project names and what ``--force``
guards."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from align.cli import main
from align.errors import InputError
from align.formats.tmx import XML_LANG, write_multilingual_tmx
from align.model import Alignment, Document, Link, Segment
from align.multi import MultiSummary, check_one_original, multi_units, unit_spans
from align.project import load
from xml_validation import assert_valid_tmx

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "corpora" / "podrabinek-2022-01-10"
DATA = ROOT.parent / "shared" / "data"
UDHR_NS = "{http://efele.net/udhr}"
UDHR = {"en": DATA / "udhr-en-ru" / "udhr_eng.xml", "ru": DATA / "udhr-en-ru" / "udhr_rus.xml",
        "de": DATA / "udhr-multi" / "udhr_deu_1996.xml", "fr": DATA / "udhr-multi" / "udhr_fra.xml",
        "uk": DATA / "udhr-multi" / "udhr_ukr.xml"}


def udhr_text(lang: str, folder: Path, name: str | None = None) -> Path:
    """The UDHR in ``lang`` as a text file (a paragraph per title, para and list item),
    written into ``folder``; skips when the data is absent."""
    source = UDHR[lang]
    if not source.is_file():
        pytest.skip(f"the UDHR data is not at {source.parent}")
    root = etree.parse(str(source)).getroot()
    paragraphs = []
    for element in root.iter(f"{UDHR_NS}title", f"{UDHR_NS}para", f"{UDHR_NS}listitem"):
        if element.tag == f"{UDHR_NS}para" and element.getparent().tag == f"{UDHR_NS}listitem":
            continue  # the list item stands for its paragraph
        paragraphs.append(" ".join("".join(element.itertext()).split()))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{lang}.txt")
    path.write_text("\n\n".join(p for p in paragraphs if p) + "\n", encoding="utf-8")
    return path


def documents_of(path: Path) -> set[str]:
    """The ``x-document`` names of a memory's units."""
    return {prop.text for prop in etree.parse(str(path)).iter("prop")
            if prop.get("type") == "x-document"}


def units_of(path: Path) -> list[dict[str, str]]:
    """Each ``<tu>`` as {language: text}, in order (the original first)."""
    tree = etree.parse(str(path))
    return [{tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.iter("tuv")}
            for tu in tree.iter("tu")]


# ---------------------------------------------------------------------------- units

def _doc(lang: str, *texts: str) -> Document:
    return Document(lang, tuple(Segment(text) for text in texts))


ORIGINAL = _doc("en", "One.", "Two.", "Three.", "Four.")


def _alignment(lang: str, texts: tuple[str, ...], links: list[Link]) -> Alignment:
    return Alignment(ORIGINAL, _doc(lang, *texts), tuple(links), {"name": f"t-{lang}"})


def _joined_and_omitting() -> tuple[Alignment, Alignment]:
    """de joins Two+Three (2-1); fr renders each but leaves Four out (1-0)."""
    de = _alignment("de", ("Eins.", "Zwei und drei.", "Vier."),
                    [Link((0,), (0,), 0.9), Link((1, 2), (1,), 0.7), Link((3,), (2,), 0.8)])
    fr = _alignment("fr", ("Un.", "Deux.", "Trois.", "Ajout."),
                    [Link((0,), (0,), 0.9), Link((1,), (1,), 0.6), Link((2,), (2,), 0.9),
                     Link((3,), (), 0.5), Link((), (3,), 0.5)])
    return de, fr


def test_a_joined_pair_of_original_segments_is_one_unit_for_every_language() -> None:
    de, fr = _joined_and_omitting()
    assert unit_spans([de, fr]) == [(0,), (1, 2), (3,)]
    summary = MultiSummary()
    units = list(multi_units([de, fr], summary))
    joined = units[1]
    assert joined.source == "Two. Three."
    assert {v.lang: v.text for v in joined.variants} == {"de": "Zwei und drei.",
                                                          "fr": "Deux. Trois."}
    fr_props = next(v.props for v in joined.variants if v.lang == "fr")
    assert fr_props["x-link-type"] == "2-2" and fr_props["x-confidence"] == "0.6"
    # Four: fr left it untranslated, so only de renders it; fr's addition is in no unit
    assert [v.lang for v in units[2].variants] == ["de"]
    assert summary.variants == {"de": 3, "fr": 2} and summary.joined == 1
    assert summary.export.one_sided_skipped == 2 and summary.export.units == 3


def test_a_bad_or_filtered_link_leaves_out_its_language_only() -> None:
    de, fr = _joined_and_omitting()
    marked = de.with_links([Link((0,), (0,), 0.9, mark="bad"), *de.links[1:]])
    first = next(multi_units([marked, fr], MultiSummary()))
    assert [v.lang for v in first.variants] == ["fr"]
    kept = next(multi_units([marked, fr], MultiSummary(), include_bad=True))
    assert [v.lang for v in kept.variants] == ["de", "fr"]
    summary = MultiSummary()
    confident = list(multi_units([de, fr], summary, select=lambda link: link.score >= 0.8))
    assert [[v.lang for v in u.variants] for u in confident] == [["de", "fr"], ["de"]]
    assert summary.untranslated == 2  # Two+Three: de's 0.7 and fr's 0.6 both filtered out


def test_only_projects_of_one_original_and_distinct_languages_join() -> None:
    de, fr = _joined_and_omitting()
    other = Alignment(_doc("en", "One.", "Two!", "Three.", "Four."), de.target, de.links)
    with pytest.raises(InputError, match=r"b.align.json: has another original .*segment 2"):
        check_one_original([de, other], ["a.align.json", "b.align.json"])
    with pytest.raises(InputError, match="translates into de, as a.align.json does"):
        check_one_original([de, de], ["a.align.json", "b.align.json"])


def test_the_multilingual_tmx_is_valid_and_holds_each_language_once(tmp_path) -> None:
    de, fr = _joined_and_omitting()
    path = tmp_path / "m.tmx"
    summary = write_multilingual_tmx([("story", [de, fr])], path)
    assert_valid_tmx(path)
    assert units_of(path) == [{"en": "One.", "de": "Eins.", "fr": "Un."},
                              {"en": "Two. Three.", "de": "Zwei und drei.",
                               "fr": "Deux. Trois."},
                              {"en": "Four.", "de": "Vier."}]
    tree = etree.parse(str(path))
    assert tree.find("header").get("srclang") == "en"
    assert [tu.get("tuid") for tu in tree.iter("tu")] == ["story-1", "story-2", "story-4"]
    assert {p.text for p in tree.iter("prop") if p.get("type") == "x-document"} == {"story"}
    assert "3 units (de 3, fr 2)" in summary.describe()


# ---------------------------------------------------------------------------- the UDHR

@pytest.fixture(scope="module")
def udhr(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An article folder: the English original and its German, French and Ukrainian
    translations (meta.toml names the original)."""
    folder = tmp_path_factory.mktemp("corpus") / "udhr"
    for lang in ("en", "de", "fr", "uk"):
        udhr_text(lang, folder)
    (folder / "meta.toml").write_text('original = "en"\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def udhr_aligned(udhr: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``sverka pair`` on the folder, with a multilingual TMX; the folder it ran in."""
    here = tmp_path_factory.mktemp("run")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(here)
        assert main(["pair", str(udhr), "--tmx", "udhr.tmx", "-q"]) == 0
    return here


def test_pair_on_a_folder_of_translations_writes_a_project_per_language(udhr_aligned) -> None:
    projects = sorted(path.name for path in udhr_aligned.glob("*.align.json"))
    assert projects == ["udhr.de.align.json", "udhr.fr.align.json", "udhr.uk.align.json"]
    for lang in ("de", "fr", "uk"):
        alignment = load(udhr_aligned / f"udhr.{lang}.align.json")
        assert (alignment.source.lang, alignment.target.lang) == ("en", lang)


def test_the_udhr_memory_puts_each_article_in_four_languages(udhr_aligned) -> None:
    path = udhr_aligned / "udhr.tmx"
    assert_valid_tmx(path)
    units = units_of(path)
    article = next(u for u in units if u["en"] == "Article 1")
    assert article == {"en": "Article 1", "de": "Artikel 1", "fr": "Article premier",
                       "uk": "Стаття 1."}
    first = next(u for u in units if u["en"].startswith("All human beings are born free"))
    assert first["de"].startswith("Alle Menschen sind frei")
    assert first["fr"].startswith("Tous les êtres humains naissent libres")
    assert first["uk"].startswith("Всі люди народжуються вільними")
    last = units[-1]
    assert set(last) == {"en", "de", "fr", "uk"} and "Artikel 30" not in last["de"]
    assert sum(len(u) == 4 for u in units) >= 85  # of 92 English paragraphs
    assert documents_of(path) == {"udhr"}  # the article, not one of its pairs


def test_export_multi_joins_the_projects_and_refuses_another_original(udhr_aligned, tmp_path,
                                                                      capsys) -> None:
    projects = [str(udhr_aligned / f"udhr.{lang}.align.json") for lang in ("de", "uk")]
    out = tmp_path / "de-uk.tmx"
    assert main(["export", *projects, "--multi", "--tmx", str(out)]) == 0
    assert_valid_tmx(out)
    assert {lang for unit in units_of(out) for lang in unit} == {"en", "de", "uk"}
    assert documents_of(out) == {"udhr"}
    ru = udhr_text("ru", tmp_path / "ru")
    en = udhr_text("en", tmp_path / "en")
    other = tmp_path / "ru-en.align.json"
    assert main(["pair", str(ru), str(en), "-o", str(other), "-q"]) == 0
    capsys.readouterr()
    assert main(["export", projects[0], str(other), "--multi", "--tmx",
                 str(tmp_path / "x.tmx")]) == 2
    assert "has another original" in capsys.readouterr().err
    assert not (tmp_path / "x.tmx").exists()
    assert main(["export", *projects, "--tmx", str(tmp_path / "y.tmx")]) == 2
    assert "give --multi" in capsys.readouterr().err
    assert main(["export", *projects, "--multi", "--tmx", str(tmp_path / "z.tmx"),
                 "--level", "sentence"]) == 2
    assert "--multi writes the projects' own level" in capsys.readouterr().err
    assert main(["export", *projects, "--multi", "--tmx", str(tmp_path / "z.tmx"),
                 "--xliff", str(tmp_path / "z.xlf")]) == 2
    assert "--xliff does not go with --multi" in capsys.readouterr().err
    assert not (tmp_path / "z.tmx").exists()


def test_pair_with_several_translation_files(udhr, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    files = [str(udhr / f"{lang}.txt") for lang in ("en", "de", "fr")]
    assert main(["pair", *files, "-o", "x.align.json"]) == 2
    assert "-o writes one pair" in capsys.readouterr().err
    twin = tmp_path / "twin" / "de.txt"
    twin.parent.mkdir()
    shutil.copy(files[1], twin)
    assert main(["pair", *files, str(twin), "-q"]) == 2
    assert "would be saved as en-de.align.json, as" in capsys.readouterr().err
    assert main(["pair", *files, "--tmx", "three.tmx", "-q"]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.align.json")) == ["en-de.align.json",
                                                                     "en-fr.align.json"]
    assert_valid_tmx(tmp_path / "three.tmx")
    assert {"en", "de", "fr"} == {lang for unit in units_of(tmp_path / "three.tmx")
                                  for lang in unit}
    assert documents_of(tmp_path / "three.tmx") == {"en"}  # the original's file name


def test_batch_writes_a_multilingual_corpus_tmx(udhr, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(udhr, corpus / "udhr")
    shutil.copytree(BUNDLED, corpus / "podrabinek")
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "-o", str(out), "-q", "-j", "1"]) == 0
    ids = {path.name for path in out.glob("*.align.json")}
    assert ids == {"udhr.de.align.json", "udhr.fr.align.json", "udhr.uk.align.json",
                   "podrabinek.align.json"}
    tmx = out / "corpus.tmx"
    assert_valid_tmx(tmx)
    units = units_of(tmx)
    assert {"en": "Article 1", "de": "Artikel 1", "fr": "Article premier",
            "uk": "Стаття 1."} in units
    assert any(set(unit) == {"ru", "en"} for unit in units)  # the one-translation article
    assert documents_of(tmx) == {"udhr", "podrabinek"}
    assert etree.parse(str(tmx)).find("header").get("srclang") == "*all*"


# ---------------------------------------------------------------------------- names and inputs

def test_a_folder_of_several_languages_must_name_its_original(udhr, tmp_path, capsys) -> None:
    folder = tmp_path / "article"
    shutil.copytree(udhr, folder, ignore=shutil.ignore_patterns("meta.toml"))
    assert main(["pair", str(folder), "-q"]) == 2
    error = capsys.readouterr().err
    assert "has texts in 4 languages (de, en, fr, uk)" in error and "--src-lang" in error
    assert main(["pair", str(folder), "--src-lang", "en", "--tgt-lang", "fr", "-q",
                 "-o", str(tmp_path / "one.align.json")]) == 0
    alignment = load(tmp_path / "one.align.json")
    assert (alignment.source.lang, alignment.target.lang) == ("en", "fr")


def _bundled_copy(folder: Path, drop_last: bool = False) -> tuple[Path, Path]:
    folder.mkdir(parents=True)
    original, translation = folder / "ru.txt", folder / "en.txt"
    shutil.copy(BUNDLED / "ru.stand-in.txt", original)
    text = (BUNDLED / "en.txt").read_text(encoding="utf-8")
    if drop_last:
        text = text.rstrip().rsplit("\n\n", 1)[0] + "\n"
    translation.write_text(text, encoding="utf-8")
    return original, translation


def test_a_project_made_from_other_files_is_not_replaced_without_force(tmp_path, monkeypatch,
                                                                       capsys) -> None:
    monkeypatch.chdir(tmp_path)
    first = _bundled_copy(tmp_path / "a")
    second = _bundled_copy(tmp_path / "b", drop_last=True)
    assert main(["pair", *map(str, first), "-q"]) == 0
    project = tmp_path / "ru-en.align.json"
    before = project.read_bytes()
    assert main(["pair", *map(str, second), "-q"]) == 2
    error = capsys.readouterr().err
    assert "ru-en.align.json: was made from" in error and "--force" in error
    assert project.read_bytes() == before
    # the same files, one edited since: the same pair, realigned without --force
    first[1].write_text(first[1].read_text(encoding="utf-8") + "\nA closing line.\n",
                        encoding="utf-8")
    assert main(["pair", *map(str, first), "-q"]) == 0
    assert main(["pair", *map(str, second), "-q", "--force"]) == 0
    assert load(project).target.meta["path"] == str(second[1])
    # a project named with -o is not another pair's to replace either
    named = tmp_path / "mine.align.json"
    assert main(["pair", *map(str, first), "-o", str(named), "-q"]) == 0
    kept = named.read_bytes()
    assert main(["pair", *map(str, second), "-o", str(named), "-q"]) == 2
    assert "mine.align.json: was made from" in capsys.readouterr().err
    assert named.read_bytes() == kept
    assert main(["pair", *map(str, second), "-o", str(named), "-q", "--force"]) == 0
    assert load(named).target.meta["path"] == str(second[1])


def test_review_does_not_open_another_pairs_project(tmp_path, monkeypatch) -> None:
    import argparse

    from align.commands.pair_input import open_or_align

    monkeypatch.chdir(tmp_path)
    first = _bundled_copy(tmp_path / "a")
    second = _bundled_copy(tmp_path / "b", drop_last=True)
    args = argparse.Namespace(src_lang=None, tgt_lang=None, level="paragraph",
                              segments="paragraphs", max_link=4, lexicon=[], no_lexicon=False)
    _, path, _ = open_or_align(first[0], first[1], args, None)
    assert path == Path("ru-en.align.json")
    with pytest.raises(InputError, match="was made from .* give -o"):
        open_or_align(second[0], second[1], args, None)


def test_file_names_label_a_pair_of_files_and_catch_swapped_contents(tmp_path, capsys) -> None:
    original, translation = _bundled_copy(tmp_path / "lab")
    swapped_ru, swapped_en = tmp_path / "swap" / "ru.txt", tmp_path / "swap" / "en.txt"
    swapped_ru.parent.mkdir()
    shutil.copy(translation, swapped_ru)  # English text named ru.txt
    shutil.copy(original, swapped_en)
    assert main(["pair", str(swapped_ru), str(swapped_en), "-q",
                 "-o", str(tmp_path / "x.align.json")]) == 2
    error = capsys.readouterr().err
    assert "look swapped" in error and "the file name ru.txt" in error
    assert not (tmp_path / "x.align.json").exists()
    # an option still overrides the name
    assert main(["pair", str(swapped_ru), str(swapped_en), "-q", "--src-lang", "en",
                 "--tgt-lang", "ru", "-o", str(tmp_path / "y.align.json")]) == 0


def test_a_sentence_level_memory_says_so(tmp_path) -> None:
    de, fr = (Alignment(a.source, a.target, a.links, {"level": "sentence"})
              for a in _joined_and_omitting())
    path = tmp_path / "s.tmx"
    write_multilingual_tmx([("story", [de, fr])], path)
    assert_valid_tmx(path)
    assert etree.parse(str(path)).find("header").get("segtype") == "sentence"
    with pytest.raises(InputError, match="is aligned at paragraph level"):
        check_one_original([de, _joined_and_omitting()[1]], ["de.json", "fr.json"])
