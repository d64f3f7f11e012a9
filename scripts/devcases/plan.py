"""Planting restructurings into a list of 1-1 units: where operations go and the gold
blocks they leave.

Why: real translations merge, split, drop and add paragraphs; planting those at known
places on an originally 1-1 text gives hard cases whose right answer is known.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any, Hashable, Iterable, Sequence

from devcases.model import INSERTED, Block, Op, Unit
from devcases.texts import EN_CREDITS, EN_NOTES, NOTES, OWN_LINES, RU_CAPTIONS

class Claims:
    """Units already touched by an operation, widened by one on each side, so that no
    two operations land on the same or adjacent units (the gold stays unambiguous)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.blocked: set[int] = set()

    def free(self, units: Iterable[int]) -> bool:
        return not self.blocked.intersection(units)

    def take(self, units: Iterable[int]) -> None:
        for k in units:
            self.blocked.update((k - 1, k, k + 1))


def op_units(op: Op, n: int) -> list[int]:
    """The units an operation touches (for an insert, the two around its gap)."""
    if op.kind == "merge":
        return [op.at, op.at + 1]
    if op.kind == "insert":
        return [k for k in (op.at - 1, op.at) if 0 <= k < n]
    return [op.at]


def _place(rng: random.Random, claims: Claims, candidates: list[Op]) -> Op | None:
    """Pick one candidate whose units are still free, and claim them."""
    free = [op for op in candidates if claims.free(op_units(op, claims.n))]
    if not free:
        return None
    op = rng.choice(free)
    claims.take(op_units(op, claims.n))
    return op


def _paragraph_gaps(units: Sequence[Unit]) -> list[int]:
    """Gaps (positions before unit g) that fall between paragraphs."""
    n = len(units)
    return [g for g in range(n + 1) if g in (0, n) or units[g - 1].par != units[g].par]


def _merge_side(rng: random.Random) -> str:
    return "tgt" if rng.random() < 2 / 3 else "src"


def plan_paragraph_ops(units: Sequence[Unit], rng: random.Random) -> list[Op]:
    """3-4 operations of different kinds at distinct, non-adjacent paragraphs.

    Kinds are tried in a random order until enough are placed, so a case of one-paragraph
    reviews (where no two paragraphs of one article can be merged) still gets 3-4.
    """
    n = len(units)
    claims = Claims(n)
    wanted = rng.choice((3, 4))
    ops: list[Op] = []
    for kind in rng.sample(["merge", "split", "drop", "insert_tgt", "insert_src"], 5):
        if len(ops) == wanted:
            break
        if kind == "merge":
            side = _merge_side(rng)
            candidates = [Op("merge", side, k) for k in range(n - 1)
                          if units[k].doc == units[k + 1].doc]
        elif kind == "split":
            candidates = [Op("split", "tgt", k) for k in range(n) if len(units[k].tgt_parts) >= 2]
        elif kind == "drop":
            candidates = [Op("drop", "tgt", k) for k in range(n)]
        else:
            side = kind.removeprefix("insert_")
            candidates = [Op("insert", side, g, own_par=True) for g in range(n + 1)]
        op = _place(rng, claims, candidates)
        if op is None:
            continue
        if op.kind == "split":
            op.cut = rng.randint(1, len(units[op.at].tgt_parts) - 1)
        if op.kind == "insert":
            op.text = rng.choice(EN_CREDITS if op.side == "tgt" else RU_CAPTIONS)
        ops.append(op)
    return ops


def plan_sentence_ops(units: Sequence[Unit], rng: random.Random) -> list[Op]:
    """Merges and drops inside paragraphs, now and then one inserted line."""
    n = len(units)
    claims = Claims(n)
    size = Counter(u.par for u in units)
    base = max(3, min(8, n // 12))
    ops: list[Op] = []
    for kind in rng.choices(["merge", "drop"], weights=[3, 2], k=rng.randint(base, base + 1)):
        if kind == "merge":
            side = _merge_side(rng)
            candidates = [Op("merge", side, k) for k in range(n - 1)
                          if units[k].par == units[k + 1].par]
        else:
            candidates = [Op("drop", "tgt", k) for k in range(n) if size[units[k].par] >= 2]
        op = _place(rng, claims, candidates)
        if op is not None:
            ops.append(op)
    # Now and then one inserted line; up to two when merges and drops found no room
    # (a case whose paragraphs are all one sentence long).
    inserts = max(1 if rng.random() < 0.6 else 0, 2 - len(ops))
    boundaries = _paragraph_gaps(units)
    for _ in range(inserts):
        roll = rng.random()
        if roll < 0.4:     # a translator's note at the end of or inside a paragraph
            candidates = [Op("insert", "tgt", g) for g in range(1, n + 1)]
            text = rng.choice(EN_NOTES)
        elif roll < 0.75:  # an English credit as its own paragraph
            candidates = [Op("insert", "tgt", g, own_par=True) for g in boundaries]
            text = rng.choice(EN_CREDITS)
        else:              # a Russian caption as its own paragraph
            candidates = [Op("insert", "src", g, own_par=True) for g in boundaries]
            text = rng.choice(RU_CAPTIONS)
        op = _place(rng, claims, candidates)
        if op is not None:
            op.text = text
            ops.append(op)
    return sorted(ops, key=lambda op: op.at)


def apply_ops(units: Sequence[Unit], ops: Sequence[Op]) -> list[Block]:
    """The gold blocks of ``units`` after the planned operations."""
    n = len(units)
    inserts = {op.at: op for op in ops if op.kind == "insert"}
    others = {op.at: op for op in ops if op.kind != "insert"}
    assert len(inserts) + len(others) == len(ops), "two operations at one place"
    blocks: list[Block] = []
    k = 0
    while True:
        if k in inserts:
            op = inserts.pop(k)
            par: Hashable = ("insert", k) if op.own_par else units[max(k - 1, 0)].par
            lines = [op.text]
            blocks.append(Block(lines if op.side == "src" else [],
                                lines if op.side == "tgt" else [], par,
                                _record(op, units[min(k, n - 1)].doc),
                                [INSERTED] if op.side == "src" else [],
                                [INSERTED] if op.side == "tgt" else []))
        if k >= n:
            break
        unit = units[k]
        op = others.pop(k, None)
        if op is None:
            blocks.append(Block([unit.src], [unit.tgt], unit.par, None, [unit.key], [unit.key]))
            k += 1
        elif op.kind == "merge":
            nxt = units[k + 1]
            assert nxt.par == unit.par or nxt.doc == unit.doc
            if op.side == "tgt":
                block = Block([unit.src, nxt.src], [f"{unit.tgt} {nxt.tgt}"], unit.par)
            else:
                block = Block([f"{unit.src} {nxt.src}"], [unit.tgt, nxt.tgt], unit.par)
            block.op = _record(op, unit.doc)
            block.src_keys = block.tgt_keys = [unit.key, nxt.key]
            blocks.append(block)
            k += 2
        elif op.kind == "split":
            parts = unit.tgt_parts
            halves = [" ".join(parts[:op.cut]), " ".join(parts[op.cut:])]
            blocks.append(Block([unit.src], halves, unit.par, _record(op, unit.doc),
                                [unit.key], [unit.key]))
            k += 1
        elif op.kind == "drop":
            blocks.append(Block([unit.src], [], unit.par, _record(op, unit.doc), [unit.key], []))
            k += 1
        else:
            raise AssertionError(f"unknown operation {op.kind}")
    assert not inserts and not others, "an operation was not applied"
    return blocks


def _record(op: Op, doc: str) -> dict[str, Any]:
    record: dict[str, Any] = {"op": op.kind, "side": op.side, "doc": doc}
    if op.kind == "split":
        record["sentences_before_cut"] = op.cut
    if op.kind == "insert":
        record["text"] = op.text
        record["own_paragraph"] = op.own_par
    return record


def touchable(unit: Unit) -> bool:
    """Added material (key tables, code) and groups that are not 1-1 in the data (one
    side empty, or several lines joined by a newline) are left as they are."""
    return (unit.key != INSERTED and bool(unit.src) and bool(unit.tgt)
            and "\n" not in unit.src + unit.tgt)


def plan_rate_ops(units: Sequence[Unit], rng: random.Random, rate: float, level: str,
                  src_lang: str, tgt_lang: str, omit_start: bool = False,
                  tgt_own_lines: Sequence[str] | None = None,
                  src_own_lines: Sequence[str] | None = None) -> list[Op]:
    """About ``rate`` × units operations of every kind, still never on the same or
    adjacent units; with ``omit_start`` the translation lacks the start (the title and
    its paragraph; at sentence level every sentence of the first two paragraphs).

    Kinds: merges on either side, a split target paragraph, dropped target units, lines
    one side adds as a paragraph of their own (credits, captions, "continue reading"),
    and at sentence level notes inside a paragraph. Nothing goes inside added material
    (a key table stays whole)."""
    n = len(units)
    claims = Claims(n)
    ops: list[Op] = []
    if omit_start and n > 4:
        opening = sorted({u.par for u in units}, key=[u.par for u in units].index)[:2]
        first = [k for k in range(n) if units[k].par in opening] if level == "sentence" else [0, 1]
        first = [k for k in first if units[k].key != INSERTED]  # a key table stays whole
        for k in first:
            ops.append(Op("drop", "tgt", k))
        claims.take(first)
    wanted = max(1, round(rate * n))
    size = Counter(u.par for u in units)
    boundaries = _paragraph_gaps(units)
    tgt_pool = tuple(tgt_own_lines or OWN_LINES[tgt_lang])
    src_pool = tuple(src_own_lines or OWN_LINES[src_lang])
    kinds = ["merge", "drop", "insert_tgt", "insert_src"]
    kinds += ["note"] if level == "sentence" else ["split"]
    weights = [3, 2, 2, 1, 1.5]
    attempts = 0
    while len(ops) < wanted and attempts < 6 * wanted:
        attempts += 1
        kind = rng.choices(kinds, weights=weights)[0]
        text = ""
        if kind == "merge":
            same = ((lambda a, b: a.par == b.par) if level == "sentence"
                    else (lambda a, b: a.doc == b.doc))
            side = _merge_side(rng)
            candidates = [Op("merge", side, k) for k in range(n - 1)
                          if touchable(units[k]) and touchable(units[k + 1])
                          and same(units[k], units[k + 1])]
        elif kind == "split":
            candidates = [Op("split", "tgt", k) for k in range(n)
                          if touchable(units[k]) and len(units[k].tgt_parts) >= 2]
        elif kind == "drop":
            candidates = [Op("drop", "tgt", k) for k in range(n) if touchable(units[k])
                          and (level == "paragraph" or size[units[k].par] >= 2)]
        elif kind == "note":
            candidates = [Op("insert", "tgt", g) for g in range(1, n + 1)
                          if touchable(units[g - 1])]
            text = rng.choice(NOTES[tgt_lang])
        else:
            side = kind.removeprefix("insert_")
            candidates = [Op("insert", side, g, own_par=True) for g in boundaries
                          if g in (0, n) or touchable(units[g - 1]) or touchable(units[g])]
            text = rng.choice(tgt_pool if side == "tgt" else src_pool)
        op = _place(rng, claims, candidates)
        if op is None:
            continue
        if op.kind == "split":
            op.cut = rng.randint(1, len(units[op.at].tgt_parts) - 1)
        op.text = text
        ops.append(op)
    return sorted(ops, key=lambda op: (op.at, op.kind != "insert"))
