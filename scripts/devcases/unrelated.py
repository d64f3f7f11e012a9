"""Unrelated pairs: the source of one document beside the target of another, same
language pair, for the "not a translation" check (kept in their own folder).

Why: an aligner that pairs anything with anything gives confident links on two texts
that have nothing to do with each other; a document-level refusal needs such pairs to
be fitted and measured on.
"""

from __future__ import annotations

from typing import Sequence

from devcases.layout import layout
from devcases.model import Block, Case


def _lines(case: Case, side: int) -> list[str]:
    return layout(case.blocks, "paragraph")[side]


def unrelated_pairs(cases: Sequence[Case], family: str, limit: int) -> list[Case]:
    """Up to ``limit`` pairs per part: case k's source with the target of the next case
    of the same part, language pair and not the same document."""
    out: list[Case] = []
    for part in ("tune", "report"):
        pool = [c for c in cases if c.info["split"] == part]
        made = 0
        for k, first in enumerate(pool):
            other = next((c for c in pool[k + 1:] + pool[:k]
                          if c.info["doc"] != first.info["doc"]
                          and (c.info["src_lang"], c.info["tgt_lang"])
                          == (first.info["src_lang"], first.info["tgt_lang"])), None)
            if other is None or made == limit:
                continue
            made += 1
            info = {"family": family, "split": part, "unrelated": True,
                    "doc": f"{first.info['doc']} | {other.info['doc']}",
                    "src_lang": first.info["src_lang"], "tgt_lang": first.info["tgt_lang"],
                    "src_from": first.id, "tgt_from": other.id}
            blocks = [Block(_lines(first, 0), [], None), Block([], _lines(other, 1), None)]
            out.append(Case(f"unrelated-{first.id}-vs-{other.id}", "paragraph", blocks, info))
    return out


def across_halves(cases: Sequence[Case], family: str) -> list[Case]:
    """For one-document families split in halves (the UDHR): each language pair's first
    half source beside its second half target. The pairs alternate between the parts,
    since either half belongs to one."""
    out: list[Case] = []
    by_pair: dict[tuple[str, str], list[Case]] = {}
    for case in cases:
        by_pair.setdefault((case.info["src_lang"], case.info["tgt_lang"]), []).append(case)
    for number, ((src, tgt), halves) in enumerate(sorted(by_pair.items())):
        first, second = sorted(halves, key=lambda c: c.info["doc"])[:2]
        info = {"family": family, "split": ("tune", "report")[number % 2], "unrelated": True,
                "doc": f"{first.info['doc']} | {second.info['doc']}",
                "src_lang": src, "tgt_lang": tgt, "src_from": first.id, "tgt_from": second.id}
        blocks = [Block(_lines(first, 0), [], None), Block([], _lines(second, 1), None)]
        out.append(Case(f"unrelated-{first.id}-vs-{second.id}", "paragraph", blocks, info))
    return out
