"""Numbering a case's blocks into lines and gold, checking the gold, writing a case.

Why: one place decides the on-disk format that the evaluator and ``sverka eval`` read.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any, Hashable, Iterable, Sequence

from align.fileio import write_text_atomic
from align.model import AlignmentError, Link, check_coverage, link_type
from devcases.model import Block, Case

UNRELATED_MARKER = "UNRELATED"
"""The file that marks a pair of two different documents (no gold: nothing aligns)."""
CASE_FIELDS = ("family", "split", "doc", "src_lang", "tgt_lang")
"""What case.json holds: the evaluator reads languages and the split from there."""


def layout(blocks: Sequence[Block], level: str) -> tuple[list[str], list[str], list[list[list[int]]]]:
    """Lines of each side and the gold links (indices among non-empty lines).

    At sentence level a blank line goes wherever a side moves to another paragraph.
    """
    sides: list[list[str]] = [[], []]
    counts = [0, 0]
    last_par: list[Hashable] = [None, None]
    gold: list[list[list[int]]] = []
    for block in blocks:
        link: list[list[int]] = [[], []]
        for side, texts in enumerate((block.src, block.tgt)):
            for text in texts:
                if level == "sentence" and counts[side] and block.par != last_par[side]:
                    sides[side].append("")
                sides[side].append(text)
                link[side].append(counts[side])
                counts[side] += 1
                last_par[side] = block.par
        gold.append(link)
        if block.op is not None:
            block.op["link"] = link
    return sides[0], sides[1], gold


def check_case(src_lines: Sequence[str], tgt_lines: Sequence[str],
               gold: Sequence[Sequence[Sequence[int]]], level: str) -> None:
    """Fail loudly unless the lines are clean and the gold covers every line once, in order."""
    for name, lines in (("src", src_lines), ("tgt", tgt_lines)):
        for number, line in enumerate(lines):
            if line != line.strip() or "\n" in line or "\r" in line:
                raise AssertionError(f"{name} line {number} is not a clean single line")
        if level == "paragraph" and any(not line for line in lines):
            raise AssertionError(f"{name}: blank line at paragraph level")
        if lines and (not lines[0] or not lines[-1]):
            raise AssertionError(f"{name}: starts or ends with a blank line")
        if any(not a and not b for a, b in zip(lines, lines[1:])):
            raise AssertionError(f"{name}: two blank lines in a row")
    links = [Link(tuple(s), tuple(t)) for s, t in gold]
    check_coverage(links, sum(1 for x in src_lines if x), sum(1 for x in tgt_lines if x))


def link_type_counts(gold: Iterable[Sequence[Sequence[int]]]) -> Counter[str]:
    return Counter(link_type(len(s), len(t)) for s, t in gold)


def _gold_json(gold: Sequence[Sequence[Sequence[int]]]) -> str:
    body = ",\n".join("  " + json.dumps(link, ensure_ascii=False) for link in gold)
    return '{"links": [\n' + body + "\n]}\n"


def _lines_text(lines: Sequence[str]) -> str:
    return "\n".join(lines) + "\n"


def provenance(blocks: Sequence[Block]) -> list[list[list[str]]]:
    """Per gold link, the data units its source and target lines were made of."""
    return [[list(block.src_keys), list(block.tgt_keys)] for block in blocks]


def _case_json(case: Case, level: str) -> str:
    fields = {name: case.info[name] for name in CASE_FIELDS}
    return json.dumps({"id": case.id, "level": level, **fields,
                       "unrelated": bool(case.info.get("unrelated"))},
                      ensure_ascii=False, indent=1) + "\n"


def write_level(out: Path, level: str, cases: Sequence[Case], header: dict[str, Any],
                folder_name: str | None = None) -> None:
    """Write every case of one level and its index.json; remove stale case folders.

    Unrelated pairs (``info["unrelated"]``) get the marker file instead of a gold."""
    folder = out / (folder_name or level)
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for case in cases:
        missing = [name for name in CASE_FIELDS if name not in case.info]
        assert not missing, f"{case.id}: case info lacks {missing}"
        src_lines, tgt_lines, gold = layout(case.blocks, level)
        try:
            check_case(src_lines, tgt_lines, gold, level)
        except (AssertionError, AlignmentError) as error:
            raise AssertionError(f"{level}/{case.id}: bad gold: {error}") from error
        target = folder / case.id
        target.mkdir(exist_ok=True)
        write_text_atomic(target / "src.txt", _lines_text(src_lines))
        write_text_atomic(target / "tgt.txt", _lines_text(tgt_lines))
        write_text_atomic(target / "case.json", _case_json(case, level))
        entry: dict[str, Any] = {"id": case.id, **case.info,
                                 "src_lines": sum(1 for x in src_lines if x),
                                 "tgt_lines": sum(1 for x in tgt_lines if x)}
        if case.info.get("unrelated"):
            write_text_atomic(target / UNRELATED_MARKER,
                              "two different documents: not a translation of each other\n")
        else:
            write_text_atomic(target / "gold.json", _gold_json(gold))
            entry.update({
                "link_types": dict(sorted(link_type_counts(gold).items())),
                "operations": [block.op for block in case.blocks if block.op is not None],
                "provenance": provenance(case.blocks),
            })
        entries.append(entry)
    keep = {case.id for case in cases}
    for stale in sorted(folder.iterdir()):
        if stale.is_dir() and stale.name not in keep and (
                (stale / "gold.json").is_file() or (stale / UNRELATED_MARKER).is_file()):
            shutil.rmtree(stale)
    index = {**header, "level": level, "cases": entries}
    write_text_atomic(folder / "index.json", json.dumps(index, ensure_ascii=False, indent=1) + "\n")
