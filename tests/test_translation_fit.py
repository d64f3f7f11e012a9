"""Two texts that are not translations of each other are refused in one line; real
translations, restructured ones included, are not."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from align.cli import main
from align.search import Step
from align.translation_fit import MIN_SEGMENTS, MODELS, translation_fit
from xml_validation import assert_valid_tmx

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "corpora" / "podrabinek-2022-01-10"
TEXTS = Path(__file__).parent / "texts"
UNRELATED = (BUNDLED / "ru.stand-in.txt", TEXTS / "ru-en.en.txt")


def _body_words(n: int, words: int = 12) -> np.ndarray:
    """Word counts of ``n`` segments of body length."""
    return np.full(n, words)


def _diagonal_cost(scale: float):
    """1-1 links on the diagonal cost 0, every other pairing ``scale``."""
    def cost(a, b, i, j):
        return np.where(np.asarray(i) == np.asarray(j), 0.0, scale)
    return cost


def test_a_diagonal_that_beats_every_random_pairing_is_a_translation() -> None:
    steps = [Step(k, k, 1, 1, 0.0) for k in range(20)]
    fit = translation_fit(_diagonal_cost(5.0), steps, np.full(20, 0.98), _body_words(20),
                          _body_words(20))
    assert fit.judged and fit.top == 1.0 and fit.rank == 0.0
    assert fit.is_translation and fit.score > MODELS[False].threshold


def test_links_no_better_than_random_pairings_are_not() -> None:
    """As the search leaves unrelated texts: a few 1-1 links no better than chance
    between runs of one-sided segments."""
    steps = []
    for k in range(10):
        steps += [Step(2 * k, 2 * k, 1, 1, 0.0), Step(2 * k + 1, 2 * k + 1, 1, 0, 0.0),
                  Step(2 * k + 2, 2 * k + 1, 0, 1, 0.0)]
    flat = lambda a, b, i, j: np.random.default_rng(1).uniform(0, 1, len(i))  # noqa: E731
    fit = translation_fit(flat, steps, np.full(len(steps), 0.6), _body_words(20), _body_words(20))
    assert fit.judged and fit.rank > 0.3 and not fit.is_translation


def test_short_links_that_match_do_not_vouch_for_unrelated_bodies() -> None:
    """Two articles of one site share a key table: its rows link perfectly, the bodies'
    links are no better than random pairings; the fit reads the bodies."""
    n, rows = 30, 12
    steps = [Step(k, k, 1, 1, 0.0) for k in range(n)]
    rng = np.random.default_rng(3)

    def cost(a, b, i, j):
        i, j = np.asarray(i), np.asarray(j)
        return np.where((i == j) & (i < rows), 0.0, rng.uniform(0, 1, len(i)))

    words = np.array([2] * rows + [15] * (n - rows))
    body = translation_fit(cost, steps, np.full(n, 0.8), words, words)
    as_if_all_long = translation_fit(cost, steps, np.full(n, 0.8), _body_words(n), _body_words(n))
    assert body.rank > as_if_all_long.rank and body.top < as_if_all_long.top


def test_a_pair_too_short_to_judge_is_never_refused() -> None:
    n = MIN_SEGMENTS - 1
    steps = [Step(k, k, 1, 1, 0.0) for k in range(n)]
    flat = lambda a, b, i, j: np.zeros(len(i))  # noqa: E731
    words = _body_words(n)
    assert translation_fit(flat, steps, np.full(n, 0.3), words, words).is_translation


def test_pair_refuses_unrelated_texts_in_one_line_and_force_aligns_them(tmp_path, capsys):
    out = tmp_path / "u.align.json"
    argv = ["pair", *map(str, UNRELATED), "--src-lang", "ru", "--tgt-lang", "en", "-o",
            str(out), "--no-lexicon", "-q"]
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "does not look like a translation of" in error
    assert str(UNRELATED[0]) in error and str(UNRELATED[1]) in error and "--force" in error
    assert not out.exists()
    assert main([*argv, "--force"]) == 0
    fit = json.loads(out.read_text(encoding="utf-8"))["meta"]["translation_fit"]
    assert fit["is_translation"] is False and fit["score"] < MODELS[False].threshold


@pytest.mark.parametrize("command", ["check"])
def test_check_refuses_unrelated_texts_too(command, capsys) -> None:
    assert main([command, *map(str, UNRELATED), "--src-lang", "ru", "--tgt-lang", "en",
                 "--no-lexicon"]) == 2
    assert "does not look like a translation" in capsys.readouterr().err


def test_real_translations_are_kept_with_their_fit(tmp_path) -> None:
    for number, (original, translation) in enumerate((
            (BUNDLED, None), (TEXTS / "ru-en.ru.txt", TEXTS / "ru-en.en.txt"),
            (TEXTS / "de-fr.de.txt", TEXTS / "de-fr.fr.txt"),
            (TEXTS / "uk-en.uk.txt", TEXTS / "uk-en.en.txt"))):
        out = tmp_path / f"{number}.align.json"
        args = [str(original)] + ([str(translation)] if translation else [])
        assert main(["pair", *args, "-o", str(out), "-q", "--no-lexicon"]) == 0, original
        fit = json.loads(out.read_text(encoding="utf-8"))["meta"]["translation_fit"]
        assert fit["is_translation"] is True, (original, fit)


def test_batch_reports_an_unrelated_pair_as_failed_and_keeps_it_out_of_the_memory(tmp_path):
    from align.batch.main import BatchOptions, run_batch

    corpus = tmp_path / "corpus"
    for name, (ru, en) in {"real": (BUNDLED / "ru.stand-in.txt", BUNDLED / "en.txt"),
                           "unrelated": UNRELATED}.items():
        folder = corpus / name
        folder.mkdir(parents=True)
        (folder / "ru.txt").write_bytes(ru.read_bytes())
        (folder / "en.txt").write_bytes(en.read_bytes())
    outcome = run_batch(BatchOptions(corpus, tmp_path / "out", jobs=1, progress=False))
    status = {result.id: result for result in outcome.results}
    assert status["real"].status == "aligned"
    assert status["unrelated"].status == "failed"
    assert "does not look like a translation" in (status["unrelated"].error or "")
    assert_valid_tmx(tmp_path / "out" / "corpus.tmx")
    tmx = (tmp_path / "out" / "corpus.tmx").read_text(encoding="utf-8")
    assert 'x-document">real<' in tmx.replace("'", '"') and "unrelated" not in tmx
