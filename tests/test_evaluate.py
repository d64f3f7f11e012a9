"""The scorer on small hand-made cases whose counts are worked out in the comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from align.errors import InputError
from align.evaluate import (Scores, gold_links, links_of_project, read_gold, read_links,
                            score)

ONE_TO_ONE = [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]

# Gold has a Russian caption (src 1) with no counterpart; the prediction glues it onto
# the first paragraph as a 2-1.
GOLD_DELETION = [((0,), (0,)), ((1,), ()), ((2,), (1,))]
PRED_GLUED = [((0, 1), (0,)), ((2,), (1,))]


def test_exact_one_to_one_is_perfect() -> None:
    s = score([ONE_TO_ONE], [ONE_TO_ONE])
    assert (s.n_pred, s.pred_strict, s.pred_lax) == (3, 3, 3)
    assert (s.n_gold, s.gold_strict, s.gold_lax) == (3, 3, 3)
    assert s.precision_strict == s.recall_strict == s.f1_strict == 1.0
    assert s.precision_lax == s.recall_lax == s.f1_lax == 1.0


def test_wrong_merges_are_lax_but_not_strict_hits() -> None:
    gold = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    pred = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3))]
    s = score([gold], [pred])
    # Precision over 3 predicted links: (0)-(0) strict; (1,2)-(1) overlaps gold 1-1;
    # (3)-(2,3) overlaps gold 3-3. Strict 1/3, lax 3/3.
    assert (s.n_pred, s.pred_strict, s.pred_lax) == (3, 1, 3)
    # Recall over 4 gold links against the prediction: 0-0 strict; 1-1 inside (1,2)-(1);
    # 2-2: source 2 is predicted with target 1 only -> missed; 3-3 inside (3)-(2,3).
    assert (s.n_gold, s.gold_strict, s.gold_lax) == (4, 1, 3)
    assert s.precision_strict == pytest.approx(1 / 3)
    assert s.recall_strict == pytest.approx(1 / 4)
    assert s.f1_strict == pytest.approx(2 / 7)
    assert s.precision_lax == 1.0
    assert s.recall_lax == pytest.approx(3 / 4)
    assert s.f1_lax == pytest.approx(6 / 7)


def test_one_sided_prediction_is_never_a_lax_hit() -> None:
    gold = ONE_TO_ONE
    pred = [((0,), (0,)), ((1, 2), (1,)), ((), (2,))]
    s = score([gold], [pred])
    # (1,2)-(1) is lax-correct, the orphan 0-1 (target 2) has no source to overlap with.
    assert (s.n_pred, s.pred_strict, s.pred_lax) == (3, 1, 2)
    # Recall: 0-0 strict, 1-1 lax, 2-2 missed (the 0-1 was removed before recall).
    assert (s.n_gold, s.gold_strict, s.gold_lax) == (3, 1, 2)
    assert s.f1_strict == pytest.approx(1 / 3)
    assert s.f1_lax == pytest.approx(2 / 3)


def test_missed_deletion_costs_precision_not_recall() -> None:
    s = score([GOLD_DELETION], [PRED_GLUED])
    # Precision: (0,1)-(0) overlaps gold 0-0 -> lax only; 2-1 strict.
    assert (s.n_pred, s.pred_strict, s.pred_lax) == (2, 1, 2)
    # Recall ignores the gold 1-0: 0-0 sits inside (0,1)-(0) -> lax; 2-1 strict.
    assert (s.n_gold, s.gold_strict, s.gold_lax) == (2, 1, 2)
    assert s.precision_strict == s.recall_strict == s.f1_strict == 0.5
    assert s.precision_lax == s.recall_lax == s.f1_lax == 1.0


def test_found_deletion_counts_in_precision_only() -> None:
    s = score([GOLD_DELETION], [GOLD_DELETION])
    assert (s.n_pred, s.pred_strict, s.pred_lax) == (3, 3, 3)
    assert (s.n_gold, s.gold_strict, s.gold_lax) == (2, 2, 2)
    assert s.f1_strict == 1.0


def test_empty_prediction_uses_the_zero_division_value() -> None:
    s = score([ONE_TO_ONE], [[]])
    assert (s.n_pred, s.pred_strict, s.n_gold, s.gold_strict) == (0, 0, 3, 0)
    assert s.precision_strict == s.recall_strict == s.f1_strict == 0.0
    assert s.precision_lax == s.recall_lax == s.f1_lax == 0.0
    lenient = score([ONE_TO_ONE], [[]], zero_division=1.0)
    assert lenient.precision_strict == 1.0  # 0/0
    assert lenient.recall_strict == 0.0     # 0/3
    assert lenient.f1_strict == 0.0         # 2*1*0/(1+0)
    nothing = score([[]], [[]])
    assert nothing.f1_strict == nothing.f1_lax == 0.0


def test_documents_are_summed_not_averaged() -> None:
    s = score([ONE_TO_ONE, GOLD_DELETION], [ONE_TO_ONE, PRED_GLUED])
    # Counts: precision 3+1 strict of 3+2 links; recall 3+1 strict of 3+2 gold links.
    assert (s.n_pred, s.pred_strict, s.pred_lax) == (5, 4, 5)
    assert (s.n_gold, s.gold_strict, s.gold_lax) == (5, 4, 5)
    assert s.n_docs == 2
    assert s.precision_strict == pytest.approx(0.8)  # a mean of ratios would give 0.75
    assert s.recall_strict == pytest.approx(0.8)
    assert s.f1_strict == pytest.approx(0.8)


def test_duplicates_and_empty_links_are_ignored_and_lists_accepted() -> None:
    pred = [[[0], [0]], [[0], [0]], [[], []], [[1], [1]], [[2], [2]]]
    s = score([ONE_TO_ONE], [pred])
    assert s.n_pred == 3 and s.f1_strict == 1.0


def test_document_counts_must_match() -> None:
    with pytest.raises(ValueError):
        score([ONE_TO_ONE], [])


def test_table_lists_strict_first() -> None:
    table = score([ONE_TO_ONE], [ONE_TO_ONE]).table()
    assert table.splitlines()[0].split() == ["strict", "lax"]
    assert isinstance(score([[]], [[]]), Scores)


links_strategy = st.lists(
    st.tuples(st.lists(st.integers(0, 6), max_size=2).map(lambda v: tuple(sorted(set(v)))),
              st.lists(st.integers(0, 6), max_size=2).map(lambda v: tuple(sorted(set(v))))),
    max_size=6)


@given(links_strategy, links_strategy)
def test_lax_never_below_strict_and_identity_is_perfect(gold: list, pred: list) -> None:
    s = score([gold], [pred])
    for value in (s.precision_strict, s.recall_strict, s.f1_strict,
                  s.precision_lax, s.recall_lax, s.f1_lax):
        assert 0.0 <= value <= 1.0
    assert s.pred_strict <= s.pred_lax <= s.n_pred
    assert s.gold_strict <= s.gold_lax <= s.n_gold
    same = score([gold], [gold])
    assert same.pred_strict == same.n_pred and same.gold_strict == same.n_gold


# --- readers ----------------------------------------------------------------------

def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_read_gold(tmp_path: Path) -> None:
    path = _write(tmp_path / "gold.json", {"links": [[[0], [0, 1]], [[1], []], [[], [2]]]})
    assert read_gold(path) == [((0,), (0, 1)), ((1,), ()), ((), (2,))]
    assert read_links(path) == read_gold(path)


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not valid JSON"),
    ({"pairs": []}, '"links" list'),
    ({"links": [[[0]]]}, "link 1:"),
    ({"links": [[[0], ["a"]]]}, "link 1 target"),
    ({"links": [[[0], [-1]]]}, "non-negative"),
    ([1, 2], '"links" list'),
])
def test_read_gold_rejects_bad_files(tmp_path: Path, content: object, problem: str) -> None:
    path = _write(tmp_path / "gold.json", content)
    with pytest.raises(InputError) as caught:
        read_gold(path)
    assert caught.value.path == str(path)
    assert problem in caught.value.problem


def test_read_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_gold(tmp_path / "absent.json")


def test_links_of_project_reads_the_contract_keys(tmp_path: Path) -> None:
    project = {
        "format": "sverka-alignment", "version": 1,
        "source": {"lang": "ru", "segments": [], "meta": {}},
        "target": {"lang": "en", "segments": [], "meta": {}},
        "links": [{"src": [0], "tgt": [0, 1], "score": 0.9, "status": "auto"},
                  {"src": [1], "tgt": [], "score": 0.5, "status": "confirmed"}],
        "meta": {"level": "paragraph"},
    }
    assert links_of_project(project) == [((0,), (0, 1)), ((1,), ())]
    path = _write(tmp_path / "x.align.json", project)
    assert read_links(path) == [((0,), (0, 1)), ((1,), ())]
    with pytest.raises(InputError, match="src"):
        links_of_project({"links": [{"tgt": [0]}]}, path)
    with pytest.raises(InputError):
        links_of_project({"links": [{"src": [0], "tgt": "0"}]})
    with pytest.raises(InputError):
        links_of_project({})
    assert gold_links({"links": []}) == []
