"""What a person reads after a match: each translation, its original and score, the
runner-up and its score beside it (so a close call shows), and why the unmatched are.

Three renderings of one list of rows: a table for the terminal, CSV and JSON for
programs. Names are the documents' paths inside their collections, as given.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from align.language import base_language
from align.matching.decide import NO_CANDIDATE, TAKEN, TOO_WEAK, Decision
from align.wording import clip, clip_name, plural

if TYPE_CHECKING:  # the matcher needs numpy; --help reads FORMATS from here
    from align.matching.matcher import MatchResult

FORMATS = ("table", "csv", "json")
COLUMNS = ("translation", "tgt_lang", "original", "src_lang", "score", "runner_up",
           "runner_up_score", "status", "note")


@dataclass(frozen=True)
class Row:
    translation: str
    tgt_lang: str
    original: str | None
    src_lang: str | None
    score: float | None
    runner_up: str | None
    runner_up_score: float | None
    status: str
    """``matched`` or ``unmatched``."""
    note: str
    """Why a translation is unmatched; for a match, empty or a word on a close call."""


def rows(result: "MatchResult", min_score: float) -> list[Row]:
    """One row per translation, in the collection's order."""
    return [_row(result, decision, min_score) for decision in result.decisions]


def _row(result: "MatchResult", decision: Decision, min_score: float) -> Row:
    translation = result.translations[decision.translation]
    original = result.originals[decision.original] if decision.original is not None else None
    runner = decision.runner_up
    return Row(translation.name, translation.lang, original.name if original else None,
               original.lang if original else None,
               decision.score, result.originals[runner.original].name if runner else None,
               runner.score if runner else None,
               "matched" if original else "unmatched", _why(result, decision, min_score))


def _why(result: "MatchResult", decision: Decision, min_score: float) -> str:
    """The reason a translation is unmatched, in words (for a match, a word on a call
    that only its runner-up's score carried over the minimum)."""
    if decision.unmatched is None:
        runner = decision.runner_up
        if decision.score is not None and decision.score < min_score and runner is not None:
            return (f"close call: alone under {min_score:.2f}, with the runner-up "
                    f"{decision.score + runner.score:.2f} (near duplicates?)")
        return ""
    lang = base_language(result.translations[decision.translation].lang)
    best = decision.best
    if decision.unmatched == NO_CANDIDATE:
        if all(base_language(item.lang) == lang for item in result.originals):
            return f"every original is in its language ({lang}); none can be its original"
        return "no original in another language shares a number, name or word with it"
    assert best is not None
    name = result.originals[best.original].name
    if decision.unmatched == TOO_WEAK:
        return (f"its best candidate, {name}, scores {best.score:.2f} (under "
                f"{min_score:.2f}): its original is likely not among the originals")
    if decision.unmatched == TAKEN and decision.taken_by is not None:
        other = result.translations[decision.taken_by].name
        return f"its best candidate, {name} ({best.score:.2f}), matches {other} better"
    return decision.unmatched


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def render(result: "MatchResult", min_score: float, fmt: str, width: int = 120) -> str:
    """The report as text in ``fmt`` (``table``, ``csv`` or ``json``)."""
    found = rows(result, min_score)
    if fmt == "json":
        return json.dumps({"lexicon": result.lexicon, "min_score": min_score,
                           "matched": sum(row.status == "matched" for row in found),
                           "unmatched": sum(row.status == "unmatched" for row in found),
                           "translations": [row.__dict__ for row in found]},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in found:
            writer.writerow([row.translation, row.tgt_lang, row.original or "",
                             row.src_lang or "", _score(row.score), row.runner_up or "",
                             _score(row.runner_up_score), row.status, row.note])
        return buffer.getvalue()
    return _table(found, result, width)


def _table(found: list[Row], result: "MatchResult", width: int) -> str:
    """Matched translations first as columns, then each unmatched one with its reason."""
    matched = [row for row in found if row.status == "matched"]
    unmatched = [row for row in found if row.status == "unmatched"]
    name_width = max(12, (width - 30) // 3)
    lines = [f"{plural(len(found), 'translation')}: {len(matched)} matched, "
             f"{len(unmatched)} unmatched", clip(result.lexicon, width)]
    if matched:
        lines.append("")
        lines.append(f"{'translation':{name_width}} lang {'original':{name_width}} score  "
                     f"{'runner-up':{name_width}} score")
        for row in matched:
            lines.append(f"{clip_name(row.translation, name_width):{name_width}} "
                         f"{clip(row.tgt_lang, 4):4} "
                         f"{clip_name(row.original or '', name_width):{name_width}} "
                         f"{_score(row.score):>5}  "
                         f"{clip_name(row.runner_up or '-', name_width):{name_width}} "
                         f"{_score(row.runner_up_score):>5}"
                         + (f"  {row.note}" if row.note else ""))
    if unmatched:
        lines.append("")
        lines.append("unmatched:")
        for row in unmatched:
            lines.append(clip(f"  {row.translation}: {row.note}", width))
    return "\n".join(lines) + "\n"
