"""Flags as a terminal table, CSV or JSON: one shape of record for every format.

Every number a person reads counts from 1, as in ``sverka pair``'s summary: the link
(``link``) and its source and target paragraphs or sentences (``src``, ``tgt``), in the
table, in CSV and JSON and in the messages. For programs, ``index`` is the link's place
in the ``.align.json`` ``links`` list (from 0), as :attr:`align.check.Flag.link` is.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any, Sequence

from align.check import CODES, SEVERITIES, Flag
from align.model import Alignment
from align.terminal import terminal_width
from align.wording import clip, plural

FORMATS: tuple[str, ...] = ("table", "csv", "json")
COLUMNS: tuple[str, ...] = ("link", "src", "tgt", "type", "severity", "code", "message",
                            "source", "target", "index")


def records(alignment: Alignment, flags: Sequence[Flag]) -> list[dict[str, Any]]:
    """One plain record per flag, with the link's place (counted from 1; ``index`` from 0)
    and texts."""
    rows = []
    for flag in flags:
        link = alignment.links[flag.link]
        rows.append({"link": flag.link + 1, "src": [i + 1 for i in link.src],
                     "tgt": [j + 1 for j in link.tgt],
                     "type": link.type, "severity": flag.severity, "code": flag.code,
                     "message": flag.message, "source": alignment.source_text(link),
                     "target": alignment.target_text(link), "index": flag.link})
    return rows


def counts_line(flags: Sequence[Flag], n_links: int) -> str:
    """``3 errors, 5 warnings, 2 info on 4 of 21 links``."""
    by = Counter(flag.severity for flag in flags)
    parts = [plural(by[s], s, "info" if s == "info" else None) for s in SEVERITIES]
    flagged = len({flag.link for flag in flags})
    return f"{', '.join(parts)} on {flagged} of {n_links} links"


def render(alignment: Alignment, flags: Sequence[Flag], fmt: str, width: int | None = None
           ) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`), ending with a newline."""
    rows = records(alignment, flags)
    if fmt == "json":
        return json.dumps({"summary": counts_line(flags, len(alignment.links)),
                           "flags": rows}, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "src": " ".join(map(str, row["src"])),
                             "tgt": " ".join(map(str, row["tgt"]))})
        return buffer.getvalue()
    if fmt == "table":
        return _table(alignment, rows, flags, terminal_width(width))
    raise ValueError(f"unknown report format {fmt!r}")


def _table(alignment: Alignment, rows: list[dict[str, Any]], flags: Sequence[Flag],
           width: int) -> str:
    what = "paragraph" if alignment.level == "paragraph" else "sentence"
    lines = [f"{alignment.source.lang} → {alignment.target.lang}: "
             f"{counts_line(flags, len(alignment.links))} "
             f"(link and {what} numbers count from 1)"]
    if rows:
        code_width = max(len(code) for code in CODES)
        head = f"{'link':>5} {'type':<4} {'severity':<8} {'code':<{code_width}} "
        lines.append(head + "message / source text")
        room = max(width - len(head), 30)
        for row in rows:
            lines.append(f"{row['link']:>5} {row['type']:<4} {row['severity']:<8} "
                         f"{row['code']:<{code_width}} {clip(row['message'], room)}")
            lines.append(" " * len(head) + clip("│ " + (row["source"] or row["target"]), room))
    return "\n".join(lines) + "\n"
