"""``align.compare``: units, texts and scores against sacrebleu's own numbers; the
``compare`` command's outputs and its one-line refusals of bad input."""

from pathlib import Path

import polars as pl
import pytest
import sacrebleu

from align.cli import main
from align.compare import (common_units, compare_alignments, corpus_table, unit_texts,
                           weakest_table, without_credits)
from align.model import Alignment, Document, Link, Segment

TEXTS = Path(__file__).parent / "texts"

ORIGINAL = [
    "Выборы в городской совет",
    "В воскресенье, 12 марта 2023 года, жители Новосибирска выбирали городской совет. "
    "Явка составила 31 %.",
    "Больше всего голосов получила партия «Новые люди» — 27 процентов. Её лидер Анна "
    "Соколова назвала результат историческим.",
    "Наблюдатели из Москвы и Томска сообщили о 14 нарушениях на избирательных участках.",
    "Избирательная комиссия обещала проверить каждую жалобу до 20 марта.",
    "Следующие выборы пройдут в 2028 году.",
]
REFERENCE = [
    "City council election",
    "On Sunday, 12 March 2023, residents of Novosibirsk elected their city council. "
    "Turnout was 31%.",
    "The New People party won the most votes, with 27 per cent. Its leader Anna Sokolova "
    "called the result historic.",
    "Observers from Moscow and Tomsk reported 14 violations at polling stations.",
    "The election commission promised to check every complaint by 20 March.",
    "The next election will take place in 2028.",
]
RENDERING_A = [
    "Elections to the city council",
    "On Sunday, March 12, 2023, the people of Novosibirsk voted for the city council. "
    "Turnout stood at 31 %.",
    "The New People party got the most votes, 27 percent. Its leader Anna Sokolova said "
    "the result was historic.",
    "Observers from Moscow and Tomsk reported 14 violations at the polling stations.",
    "The electoral commission promised to review each complaint by March 20.",
    "The next elections will be held in 2028.",
]
RENDERING_B = [
    "City council vote",
    "Residents of Novosibirsk chose their city council on Sunday, 12 March 2023. "
    "Turnout was 31 per cent.",
    "Most votes went to the New People party, 27 per cent. Party leader Anna Sokolova "
    "called the outcome historic.",
    "Monitors from Moscow and Tomsk reported 14 violations at polling places.",
    "The election commission pledged to check all complaints by 20 March.",
    "The next vote will take place in 2028.",
]


def doc(lang: str, texts: list[str]) -> Document:
    return Document(lang, tuple(Segment(t) for t in texts))


def one_to_one(target: list[str]) -> Alignment:
    return Alignment(doc("ru", ORIGINAL), doc("en", target),
                     tuple(Link((k,), (k,), 0.9) for k in range(len(ORIGINAL))))


def write(path: Path, paragraphs: list[str]) -> Path:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ units

def test_units_follow_every_alignment_and_additions_join_the_unit_before() -> None:
    merged = Alignment(doc("ru", ORIGINAL), doc("en", REFERENCE[:2] + [REFERENCE[2] + " "
                                                                       + REFERENCE[3]]
                                                   + REFERENCE[4:] + ["Translated by X"]),
                       (Link((0,), (0,)), Link((1,), (1,)), Link((2, 3), (2,)),
                        Link((4,), (3,)), Link((5,), (4,)), Link((), (5,))))
    plain = one_to_one(RENDERING_A)
    units = common_units([merged, plain])
    assert units == [(0,), (1,), (2, 3), (4,), (5,)]
    texts = unit_texts(merged, units)
    assert texts[2] == REFERENCE[2] + " " + REFERENCE[3]
    assert texts[-1] == REFERENCE[5] + " Translated by X"
    assert unit_texts(plain, units)[2] == RENDERING_A[2] + " " + RENDERING_A[3]
    dropped = Alignment(doc("ru", ORIGINAL), doc("en", REFERENCE[:3] + REFERENCE[4:]),
                        (Link((0,), (0,)), Link((1,), (1,)), Link((2,), (2,)), Link((3,), ()),
                         Link((4,), (3,)), Link((5,), (4,))))
    assert unit_texts(dropped, common_units([dropped]))[3] == ""


# ------------------------------------------------------------------ scores

def test_scores_equal_sacrebleu_on_the_paragraph_pairing() -> None:
    comparison = compare_alignments({"a": one_to_one(RENDERING_A), "b": one_to_one(RENDERING_B)},
                                    ("ref", one_to_one(REFERENCE)))
    for name, hyps, scores in zip(("a", "b"), (RENDERING_A, RENDERING_B), comparison.corpus):
        refs = [REFERENCE]
        assert scores.bleu == pytest.approx(sacrebleu.corpus_bleu(hyps, refs).score, abs=1e-9)
        assert scores.chrf == pytest.approx(sacrebleu.corpus_chrf(hyps, refs).score, abs=1e-9)
        assert scores.ter == pytest.approx(sacrebleu.corpus_ter(hyps, refs).score, abs=1e-9)
    unit = comparison.unit_scores[0][3]
    assert unit.chrf == pytest.approx(sacrebleu.sentence_chrf(RENDERING_A[3], [REFERENCE[3]]).score)
    assert unit.ter == pytest.approx(sacrebleu.sentence_ter(RENDERING_A[3], [REFERENCE[3]]).score)
    frame = comparison.frame()
    assert frame.shape == (12, 11) and frame["reference"].to_list()[:6] == REFERENCE
    # as on the screen, units and original paragraphs count from 1; index from 0
    assert frame["unit"].to_list()[:6] == [1, 2, 3, 4, 5, 6] == frame["src_first"].to_list()[:6]
    assert frame["index"].to_list()[:6] == [0, 1, 2, 3, 4, 5]


def test_without_a_reference_each_rendering_is_scored_against_the_others() -> None:
    renderings = {"ref": one_to_one(REFERENCE), "a": one_to_one(RENDERING_A),
                  "b": one_to_one(RENDERING_B)}
    comparison = compare_alignments(renderings)
    expected = sacrebleu.corpus_bleu(RENDERING_A, [REFERENCE, RENDERING_B]).score
    assert comparison.corpus[1].bleu == pytest.approx(expected, abs=1e-9)
    expected_ter = sacrebleu.corpus_ter(RENDERING_A, [REFERENCE, RENDERING_B]).score
    assert comparison.corpus[1].ter == pytest.approx(expected_ter, abs=1e-9)
    assert comparison.reference is None and comparison.frame()["reference"].null_count() == 18


# ------------------------------------------------------------------ the command

@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    return {"original": write(tmp_path / "ru.txt", ORIGINAL),
            "reference": write(tmp_path / "ref.txt", REFERENCE),
            "a": write(tmp_path / "a.txt", RENDERING_A),
            "b": write(tmp_path / "b.txt", RENDERING_B)}


def test_compare_command_prints_scores_and_writes_csv_and_parquet(files, tmp_path, capsys) -> None:
    out = tmp_path / "scores.parquet"
    assert main(["compare", str(files["original"]), str(files["a"]), str(files["b"]),
                 "--reference", str(files["reference"]), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    row = next(line.split() for line in printed.splitlines() if line.startswith("a.txt "))
    assert row[1:] == [f"{sacrebleu.corpus_bleu(RENDERING_A, [REFERENCE]).score:.1f}",
                       f"{sacrebleu.corpus_chrf(RENDERING_A, [REFERENCE]).score:.1f}",
                       f"{sacrebleu.corpus_ter(RENDERING_A, [REFERENCE]).score:.1f}"]
    assert "weakest paragraphs" in printed and "original paragraph" in printed
    frame = pl.read_parquet(out)
    assert frame.height == 12 and set(frame["rendering"]) == {"a.txt", "b.txt"}
    csv = tmp_path / "scores.csv"
    assert main(["compare", str(files["original"]), str(files["a"]), str(files["b"]),
                 "-o", str(csv), "--weakest", "0"]) == 0
    assert pl.read_csv(csv).height == 12
    capsys.readouterr()
    # -q: nothing on the screen, the file still written; its numbers are the screen's
    assert main(["compare", str(files["original"]), str(files["a"]), str(files["b"]),
                 "-o", str(csv), "-q"]) == 0
    assert capsys.readouterr().out == ""
    weakest = pl.read_csv(csv).sort("chrf").row(0, named=True)
    assert weakest["unit"] == weakest["index"] + 1 and weakest["src_first"] >= 1


def _one_line_error(capsys, argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0]
    return err[0]


def test_a_rendering_in_the_wrong_language_is_refused(files, capsys) -> None:
    line = _one_line_error(capsys, ["compare", str(files["original"]), str(files["a"]),
                                    str(TEXTS / "de-fr.de.txt"), "--reference",
                                    str(files["reference"])])
    assert "de-fr.de.txt" in line and "is in de" in line
    line = _one_line_error(capsys, ["compare", str(files["original"]), str(files["a"]),
                                    str(TEXTS / "de-fr.de.txt"), "--tgt-lang", "en"])
    assert "de-fr.de.txt" in line and "reads as de" in line


def test_an_empty_rendering_is_refused(files, tmp_path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    line = _one_line_error(capsys, ["compare", str(files["original"]), str(empty),
                                    "--reference", str(files["reference"])])
    assert "empty.txt" in line


def test_a_reference_of_another_document_is_refused(files, capsys) -> None:
    line = _one_line_error(capsys, ["compare", str(files["original"]), str(files["a"]),
                                    str(files["b"]), "--reference", str(TEXTS / "uk-en.en.txt")])
    assert "uk-en.en.txt" in line and "another document" in line
    line = _one_line_error(capsys, ["compare", str(files["original"]), str(files["a"]),
                                    "--reference", str(TEXTS / "uk-en.en.txt")])
    assert "uk-en.en.txt" in line and "a.txt" in line


def test_one_rendering_needs_a_reference_and_outputs_need_a_known_suffix(files, tmp_path,
                                                                         capsys) -> None:
    assert "reference" in _one_line_error(capsys, ["compare", str(files["original"]),
                                                   str(files["a"])])
    assert "given twice" in _one_line_error(capsys, ["compare", str(files["original"]),
                                                     str(files["a"]), str(files["a"])])
    assert ".parquet" in _one_line_error(capsys, ["compare", str(files["original"]),
                                                  str(files["a"]), str(files["b"]), "-o",
                                                  str(tmp_path / "scores.xlsx")])


# ------------------------------------------------------------------ units without a reference

def _reference_without(paragraph: int, extra: str | None = None) -> Alignment:
    """The reference alignment with one original paragraph left out (1-0), and perhaps a
    line of its own (0-1) after the last paragraph."""
    links = []
    for k in range(len(ORIGINAL)):
        t = k - (k > paragraph)
        links.append(Link((k,), () if k == paragraph else (t,)))
    texts = REFERENCE[:paragraph] + REFERENCE[paragraph + 1:]
    if extra is not None:
        links.append(Link((), (len(texts),)))
        texts = texts + [extra]
    return Alignment(doc("ru", ORIGINAL), doc("en", texts), tuple(links))


def test_a_unit_the_reference_leaves_out_is_left_out_of_every_score() -> None:
    comparison = compare_alignments({"a": one_to_one(RENDERING_A), "b": one_to_one(RENDERING_B)},
                                    ("ref", _reference_without(3)))
    assert comparison.unscored == (3,)
    assert comparison.unit_scores[0][3] is None and comparison.unit_scores[1][3] is None
    kept = [k for k in range(len(ORIGINAL)) if k != 3]
    hyps, refs = [RENDERING_A[k] for k in kept], [[REFERENCE[k] for k in kept]]
    assert comparison.corpus[0].chrf == pytest.approx(sacrebleu.corpus_chrf(hyps, refs).score,
                                                      abs=1e-9)
    assert 3 not in [u for u, _ in comparison.weakest(len(ORIGINAL))]
    table = corpus_table(comparison)
    assert "6 units of 6 original paragraphs" in table
    assert "1 unit with no reference text left out of the scores" in table
    rows = [row for row in comparison.rows() if row["index"] == 3]
    assert all(row["chrf"] is None for row in rows) and rows[0]["text"] == RENDERING_A[3]
    frame = comparison.frame()
    assert frame.filter(pl.col("index") == 3)["chrf"].null_count() == 2


def test_a_line_the_reference_adds_is_no_reference_for_the_unit_before() -> None:
    source_line = "Source: Novosibirsk City News"
    reference = _reference_without(len(ORIGINAL), extra=source_line)  # nothing left out
    comparison = compare_alignments({"a": one_to_one(RENDERING_A), "b": one_to_one(RENDERING_B)},
                                    ("ref", reference))
    assert comparison.reference[-1] == REFERENCE[-1] and comparison.unscored == ()
    unit = comparison.unit_scores[0][-1]
    assert unit.chrf == pytest.approx(
        sacrebleu.sentence_chrf(RENDERING_A[-1], [REFERENCE[-1]]).score)
    # a rendering's own additions still count against it
    assert unit_texts(reference, comparison.units)[-1].endswith(source_line)


def test_a_credit_the_reference_glues_to_a_paragraph_is_not_scored_against() -> None:
    glued = [*REFERENCE[:-1], REFERENCE[-1] + " Source: Novosibirsk City News."]
    comparison = compare_alignments({"a": one_to_one(RENDERING_A), "b": one_to_one(RENDERING_B)},
                                    ("ref", one_to_one(glued)))
    unit = comparison.unit_scores[0][-1]
    assert unit.chrf == pytest.approx(
        sacrebleu.sentence_chrf(RENDERING_A[-1], [REFERENCE[-1]]).score)
    assert comparison.reference[-1] == glued[-1]  # shown as the reference has it
    assert "credit lines (\"Source: …\") left out of 1 unit" in corpus_table(comparison)
    # a unit that is a credit and nothing else stays what it is
    assert without_credits("Source: Novosibirsk City News.", "en") == (
        "Source: Novosibirsk City News.")


def test_at_sentence_level_the_header_counts_sentences() -> None:
    sentences = one_to_one(RENDERING_A)
    sentence_level = Alignment(sentences.source, sentences.target, sentences.links,
                               {"level": "sentence"})
    comparison = compare_alignments({"a": sentence_level, "b": one_to_one(RENDERING_B)},
                                    ("ref", one_to_one(REFERENCE)))
    assert "6 units of 6 original sentences" in corpus_table(comparison)
    assert "weakest sentences" in weakest_table(comparison, 2, width=120)
