"""Alignment quality against a gold alignment: strict and lax precision, recall and F1.

The definitions follow vecalign's scorer (Thompson & Koehn 2019, ``score.py``, itself
after Sennrich & Volk's lax/strict measures), so our figures can stand beside published
ones:

* A link is a pair ``(src indices, tgt indices)``; duplicates count once per document and
  a link empty on both sides is ignored.
* **Precision** is counted over *every* predicted link, 1-0 and 0-1 included. A predicted
  link is a strict hit if it equals a gold link. Otherwise it is a lax hit if one of its
  source segments is linked in gold to one of its target segments (overlap on both sides);
  a one-sided predicted link can therefore only ever be a strict hit.
* **Recall** is the same measure with the roles swapped, after removing every one-sided
  link (insertions and deletions) from both gold and prediction: a missed 1-0 costs
  precision (the wrong link that swallowed it), never recall.
* Over several documents the hit counts are summed before dividing (micro average).
* F1 is the harmonic mean of precision and recall; any division by zero yields
  ``zero_division`` (0.0, as in vecalign).

Strict F1 is the figure to quote first (docs/architecture.md, "Measuring alignment quality").
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from os import PathLike
from typing import Any, Iterable, Mapping, Sequence

from align.errors import InputError

Pair = tuple[tuple[int, ...], tuple[int, ...]]
"""One link as plain indices: ``((src…), (tgt…))``; either side may be empty."""


@dataclass(frozen=True, slots=True)
class Scores:
    """Strict/lax precision, recall and F1, with the counts they were computed from."""

    precision_strict: float
    precision_lax: float
    recall_strict: float
    recall_lax: float
    f1_strict: float
    f1_lax: float
    n_pred: int
    """Distinct predicted links (all types): the precision denominator."""
    pred_strict: int
    pred_lax: int
    n_gold: int
    """Distinct gold links with both sides non-empty: the recall denominator."""
    gold_strict: int
    gold_lax: int
    n_docs: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)

    def table(self) -> str:
        """A small text table for reports, strict first."""
        return "\n".join([
            "             strict    lax",
            f"precision   {self.precision_strict:7.3f} {self.precision_lax:7.3f}",
            f"recall      {self.recall_strict:7.3f} {self.recall_lax:7.3f}",
            f"F1          {self.f1_strict:7.3f} {self.f1_lax:7.3f}",
        ])


def _as_pairs(links: Iterable[Sequence[Sequence[int]]]) -> set[Pair]:
    """Normalise to a set of tuples, dropping links empty on both sides."""
    pairs: set[Pair] = set()
    for src, tgt in links:
        pair = (tuple(int(i) for i in src), tuple(int(j) for j in tgt))
        if pair[0] or pair[1]:
            pairs.add(pair)
    return pairs


def _hits(reference: set[Pair], candidates: set[Pair]) -> tuple[int, int, int]:
    """How many ``candidates`` match ``reference``: (total, strict hits, lax hits).

    Lax: the candidate's target overlaps the targets that ``reference`` links to any of
    the candidate's sources. Strict hits are lax hits too.
    """
    targets_of: dict[int, set[int]] = defaultdict(set)
    for src, tgt in reference:
        for i in src:
            targets_of[i].update(tgt)
    strict = lax = 0
    for src, tgt in candidates:
        if (src, tgt) in reference:
            strict += 1
            lax += 1
            continue
        reachable: set[int] = set()
        for i in src:
            reachable |= targets_of.get(i, set())
        if reachable.intersection(tgt):
            lax += 1
    return len(candidates), strict, lax


def _ratio(numerator: float, denominator: float, zero_division: float) -> float:
    return numerator / denominator if denominator else zero_division


def _f1(precision: float, recall: float, zero_division: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else zero_division


def score(gold: Sequence[Iterable[Sequence[Sequence[int]]]],
          pred: Sequence[Iterable[Sequence[Sequence[int]]]],
          zero_division: float = 0.0) -> Scores:
    """Score predicted alignments against gold, one list of links per document.

    ``gold[d]`` and ``pred[d]`` are the links of document ``d``; counts are summed over
    documents before the ratios are taken, so long documents weigh more.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold documents but {len(pred)} predicted ones")
    n_pred = pred_strict = pred_lax = 0
    n_gold = gold_strict = gold_lax = 0
    for gold_links, pred_links in zip(gold, pred):
        gold_set = _as_pairs(gold_links)
        pred_set = _as_pairs(pred_links)
        total, strict, lax = _hits(gold_set, pred_set)
        n_pred, pred_strict, pred_lax = n_pred + total, pred_strict + strict, pred_lax + lax
        gold_two = {pair for pair in gold_set if pair[0] and pair[1]}
        pred_two = {pair for pair in pred_set if pair[0] and pair[1]}
        total, strict, lax = _hits(pred_two, gold_two)
        n_gold, gold_strict, gold_lax = n_gold + total, gold_strict + strict, gold_lax + lax

    p_strict = _ratio(pred_strict, n_pred, zero_division)
    p_lax = _ratio(pred_lax, n_pred, zero_division)
    r_strict = _ratio(gold_strict, n_gold, zero_division)
    r_lax = _ratio(gold_lax, n_gold, zero_division)
    return Scores(
        precision_strict=p_strict, precision_lax=p_lax,
        recall_strict=r_strict, recall_lax=r_lax,
        f1_strict=_f1(p_strict, r_strict, zero_division),
        f1_lax=_f1(p_lax, r_lax, zero_division),
        n_pred=n_pred, pred_strict=pred_strict, pred_lax=pred_lax,
        n_gold=n_gold, gold_strict=gold_strict, gold_lax=gold_lax,
        n_docs=len(gold),
    )


# --- reading links from files -------------------------------------------------------

def _shown(value: Any) -> str:
    """A value from the file as the file spells it (JSON), clipped to fit an error line."""
    from align.wording import clip

    return clip(json.dumps(value, ensure_ascii=False), 60)


def _index_list(value: Any, path: str | PathLike[str], where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in value):
        raise InputError(path, f"{where}: expected a list of non-negative integers, got "
                               f"{_shown(value)}")
    return tuple(value)


def _load_json(path: str | PathLike[str]) -> Any:
    from align.fileio import read_bytes

    try:
        return json.loads(read_bytes(path).decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise InputError(path, f"not valid JSON (line {error.lineno}: {error.msg})") from None


def gold_links(data: Any, path: str | PathLike[str] = "<gold>") -> list[Pair]:
    """Links of an already parsed gold dict ``{"links": [[[src…], [tgt…]], …]}``."""
    if not isinstance(data, Mapping) or not isinstance(data.get("links"), list):
        raise InputError(path, 'expected a JSON object with a "links" list')
    pairs: list[Pair] = []
    for number, link in enumerate(data["links"], start=1):  # a person reads the number
        if not isinstance(link, list) or len(link) != 2:
            raise InputError(path, f"link {number}: expected [[src…], [tgt…]], got "
                                   f"{_shown(link)}")
        pairs.append((_index_list(link[0], path, f"link {number} source"),
                      _index_list(link[1], path, f"link {number} target")))
    return pairs


def read_gold(path: str | PathLike[str]) -> list[Pair]:
    """Read a gold file ``{"links": [[[src…], [tgt…]], …]}`` (what build_dev_cases writes).
    A project file is read by :func:`read_links`, which takes either."""
    return gold_links(_load_json(path), path)


def links_of_project(data: Mapping[str, Any], path: str | PathLike[str] = "<project>") -> list[Pair]:
    """The links of a parsed ``.align.json`` project dict, as plain index pairs.

    Only the ``links[*].src`` / ``links[*].tgt`` keys of the contract are read, so the
    scorer keeps working whatever else a project file carries.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("links"), list):
        raise InputError(path, 'expected an alignment project with a "links" list')
    pairs: list[Pair] = []
    for number, link in enumerate(data["links"], start=1):  # a person reads the number
        if not isinstance(link, Mapping) or "src" not in link or "tgt" not in link:
            raise InputError(path, f'link {number}: expected an object with "src" and "tgt"')
        pairs.append((_index_list(link["src"], path, f"link {number} src"),
                      _index_list(link["tgt"], path, f"link {number} tgt")))
    return pairs


def read_links(path: str | PathLike[str]) -> list[Pair]:
    """Read links from either a gold file or a ``.align.json`` project, by its shape: a
    reviewed project is gold as good as a hand-made file, and two projects of one pair
    compare the same way (``sverka eval`` takes either on both sides)."""
    data = _load_json(path)
    links = data.get("links") if isinstance(data, Mapping) else None
    if isinstance(links, list) and links and isinstance(links[0], Mapping):
        return links_of_project(data, path)
    return gold_links(data, path)


def extent(links: Sequence[Pair]) -> tuple[int, int]:
    """How many source and target segments a list of links reaches (highest index + 1)."""
    return (max((i + 1 for src, _ in links for i in src), default=0),
            max((j + 1 for _, tgt in links for j in tgt), default=0))


def check_same_segments(gold: Sequence[Pair], predicted: Sequence[Pair],
                        gold_path: str | PathLike[str]) -> None:
    """Refuse to score links over different segmentations: the figures would mean nothing
    (a sentence-level project against paragraph gold, or gold for another text)."""
    if extent(gold) != extent(predicted):
        (gold_src, gold_tgt), (pred_src, pred_tgt) = extent(gold), extent(predicted)
        raise InputError(gold_path, f"covers {gold_src} source and {gold_tgt} target "
                         f"segments, the prediction {pred_src} and {pred_tgt}: not the same "
                         "segmentation (another text, or another --level/--segments?)")
