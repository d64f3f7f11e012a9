"""Exact text (issue 13): what the user's file holds inside a paragraph — no-break and
narrow spaces, soft hyphens, zero-width spaces, tabs — is what the project and every
export carry, while the alignment is the one the plain-space text gets.

The texts are written for these tests; files live in ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from align.cli import main
from align.formats.tmx_reader import read_tmx_pairs
from align.formats.tsv import read_tsv
from align.formats.xliff import read_xliff_pairs
from align.formats.xlsx import read_xlsx
from align.ingest.normalize import original_pieces, signal_text
from align.project import load
from align.segment import split_sentences

NBSP, NARROW, SOFT, ZWSP, TAB = "\u00a0", "\u202f", "\u00ad", "\u200b", "\t"
KEPT = (NBSP, NARROW, SOFT, ZWSP, TAB)

RU = [
    f"Президент В.{NBSP}В.{NBSP}Путин подписал закон о{NBSP}помощи пострадавшим 1{NBSP}марта "
    f"2022{NBSP}г. Документ опубликован на{NBSP}официальном портале.",
    f"Из затопленных районов эвакуированы 5{NBSP}000 жителей, ещё 1{NARROW}200 человек "
    f"ждут помощи. Спасатели ра{SOFT}бо{SOFT}тают круглосуточно.",
    f"Погибших нет.{TAB}Вода начала спадать к вечеру, сообщили в{ZWSP}штабе. Дороги "
    "в районе пока закрыты для транспорта.",
    "Глава района пообещал восстановить мост до конца лета. Жителям выплатят компенсации.",
]
EN = [
    "President V. V. Putin signed the law on aid to the victims on 1 March 2022. The "
    "document was published on the official portal.",
    f"5{NBSP}000 residents were evacuated from the flooded districts, and another 1,200 "
    "people are waiting for help. Rescuers are working around the clock.",
    f"Nobody died.{TAB}The water began to recede by the evening, the headquarters said. The "
    "roads in the district are still closed to traffic.",
    "The head of the district promised to rebuild the bridge by the end of summer. The "
    "residents will be paid compensation.",
]


def _plain(text: str) -> str:
    """The same text with plain spaces and without invisible characters."""
    return signal_text(text)


def _write(path: Path, paragraphs: list[str]) -> Path:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exact")
    ru, en = _write(folder / "ru.txt", RU), _write(folder / "en.txt", EN)
    files = {name: folder / f"out.{name}" for name in ("tmx", "tsv", "xlf", "xlsx")}
    files["project"] = folder / "out.align.json"
    assert main(["pair", str(ru), str(en), "-o", str(files["project"]), "--no-lexicon",
                 "-q"]) == 0
    assert main(["export", str(files["project"]), "--tmx", str(files["tmx"]),
                 "--tsv", str(files["tsv"]), "--xliff", str(files["xlf"]),
                 "--xlsx", str(files["xlsx"])]) == 0
    return files


def test_the_project_keeps_every_paragraph_as_written(exported: dict[str, Path]) -> None:
    alignment = load(exported["project"])
    assert alignment.source.texts == RU
    assert alignment.target.texts == EN
    assert [(link.src, link.tgt) for link in alignment.links] == [((i,), (i,)) for i in range(4)]


@pytest.mark.parametrize("name", ["tmx", "xlf", "tsv", "xlsx"])
def test_every_export_carries_the_characters_as_written(exported: dict[str, Path],
                                                        name: str) -> None:
    path = exported[name]
    if name == "tmx":
        pairs = [(source, target) for source, target, _ in read_tmx_pairs(path)]
    elif name == "xlf":
        pairs = [(source, target) for source, target, _ in read_xliff_pairs(path)]
    else:
        rows = read_tsv(path) if name == "tsv" else read_xlsx(path)
        pairs = [(row.source, row.target) for row in rows]
    assert pairs == list(zip(RU, EN))
    written = "".join(source + target for source, target in pairs)
    assert all(char in written for char in KEPT)


def test_sentence_exports_are_exact_pieces_of_the_paragraphs(exported: dict[str, Path],
                                                             tmp_path: Path) -> None:
    tmx = tmp_path / "sentences.tmx"
    assert main(["export", str(exported["project"]), "--tmx", str(tmx),
                 "--level", "sentence"]) == 0
    pairs = [(source, target) for source, target, _ in read_tmx_pairs(tmx)]
    assert len(pairs) >= 6
    for source, target in pairs:
        assert any(source in paragraph for paragraph in RU), source
        assert any(target in paragraph for paragraph in EN), target
    sources = [source for source, _ in pairs]
    assert f"Президент В.{NBSP}В.{NBSP}Путин" in sources[0]  # initials do not end it
    assert f"ра{SOFT}бо{SOFT}тают" in " ".join(sources)


def test_sentences_are_substrings_and_split_as_the_plain_text_splits() -> None:
    for paragraph in RU:
        sentences = split_sentences(paragraph, "ru")
        assert all(sentence in paragraph for sentence in sentences)
        assert [_plain(sentence) for sentence in sentences] == split_sentences(
            _plain(paragraph), "ru")


def test_original_pieces_maps_normalised_pieces_back() -> None:
    text = f" Один{NBSP}два. Три{SOFT}четыре\tпять. "
    assert original_pieces(text, ["Один два.", "Тричетыре пять."]) == [
        f"Один{NBSP}два.", f"Три{SOFT}четыре\tпять."]
    assert original_pieces(text, ["Один три."]) is None  # not a piece of this text


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_alignment_of_the_nbsp_text_equals_that_of_plain_spaces(tmp_path: Path,
                                                                level: str) -> None:
    """A longer pair where every kept character appears, against its plain twin."""
    corpus = Path(__file__).resolve().parents[1] / "corpora" / "podrabinek-2022-01-10"
    ru_plain = (corpus / "ru.stand-in.txt").read_text(encoding="utf-8")
    en_plain = (corpus / "en.txt").read_text(encoding="utf-8")
    ru_typeset = (ru_plain.replace(" г.", f"{NBSP}г.").replace(" — ", f"{NBSP}— ")
                  .replace("ОДКБ", f"ОД{SOFT}КБ").replace(", ", f",{TAB}", 3)
                  .replace("Казахстан", f"Казах{ZWSP}стан"))
    en_typeset = en_plain.replace("CSTO", f"CS{SOFT}TO").replace(" – ", f"{NARROW}– ")
    assert ru_typeset != ru_plain and en_typeset != en_plain

    def align(ru: str, en: str, name: str):
        out = tmp_path / f"{name}.align.json"
        assert main(["pair", str(_write_raw(tmp_path / f"{name}-ru.txt", ru)),
                     str(_write_raw(tmp_path / f"{name}-en.txt", en)), "-o", str(out),
                     "--level", level, "--no-lexicon", "-q"]) == 0
        return load(out)

    plain, typeset = align(ru_plain, en_plain, "plain"), align(ru_typeset, en_typeset, "typeset")
    assert [_plain(text) for text in typeset.source.texts] == plain.source.texts
    assert [_plain(text) for text in typeset.target.texts] == plain.target.texts
    assert [(link.src, link.tgt, link.score) for link in typeset.links] == [
        (link.src, link.tgt, link.score) for link in plain.links]
    assert [segment.kind for segment in typeset.source.segments] == [
        segment.kind for segment in plain.source.segments]
    assert any(NBSP in text for text in typeset.source.texts)


def _write_raw(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
