"""Numbers (and dates) the translation changed, dropped or added.

The reading and normalising is the aligner's (:func:`align.signals.anchors.mentions_per_text`):
"5th"/"5-го", "1,5"/"1.5", "30 %"/"30%" and month names in any language with a table
there meet, so "10 January 2022" and "10 января 2022 года" agree.

A number written in words on one side ("Fifteen minutes", "на первом этаже", "XVII в.")
stands for the same number in digits on the other (:func:`spelled_mentions_per_text`):
it cancels a difference but never makes one, since number words are also other words
("one of them", "a second", "первый раз" for "the first time").
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from align.check import Flag
from align.model import Alignment
from align.signals.anchors import mentions_per_text, spelled_mentions_per_text

SMALL = 12
"""Whole numbers up to this are often written out as words ("two", "пять"): a difference
that involves only such numbers is a warning, not an error; and only info when they are
on one side only (nothing changed into them: "a couple" for "2", "5 stars" added to a
review), which on the untouched reviews of the dev cases' tune split was never a slip."""


def _small(key: str) -> bool:
    # length first: int() refuses a key of thousands of digits, and isdigit() passes "²"
    return key.isdecimal() and len(key) <= len(str(SMALL)) and int(key) <= SMALL


def _shown(keys: Counter[str], spelled: dict[str, str]) -> str:
    return ", ".join(spelled[key] for key in sorted(keys.elements(), key=_order))


def _order(key: str) -> tuple[float, str]:
    try:
        return (float(key), key)
    except ValueError:
        return (float("inf"), key)


def _short_years(missing: Counter[str], extra: Counter[str]
                 ) -> tuple[Counter[str], Counter[str]]:
    """Cancel a year written with two digits on one side and four on the other ("США-86" /
    "USA 1986", "70-е" / "1970s")."""
    missing, extra = Counter(missing), Counter(extra)
    for short, full in ((missing, extra), (extra, missing)):
        for key in list(short.elements()):
            if len(key) == 2 and key.isdigit():
                year = next((y for y in full if y in (f"19{key}", f"20{key}") and full[y]), None)
                if year is not None:
                    short[key] -= 1
                    full[year] -= 1
    return +missing, +extra


def number_flags(alignment: Alignment, indices: Sequence[int] | None = None) -> list[Flag]:
    """One flag per two-sided link (of ``indices``, else of all) whose numbers differ
    between the sides (as multisets)."""
    chosen = range(len(alignment.links)) if indices is None else indices
    links = [(index, alignment.links[index]) for index in chosen
             if alignment.links[index].two_sided]
    src = mentions_per_text([alignment.source_text(link) for _, link in links], scaled=True)
    tgt = mentions_per_text([alignment.target_text(link) for _, link in links], scaled=True)
    src_words = spelled_mentions_per_text([alignment.source_text(link) for _, link in links],
                                          alignment.source.lang)
    tgt_words = spelled_mentions_per_text([alignment.target_text(link) for _, link in links],
                                          alignment.target.lang)
    flags = []
    for (index, _), src_mentions, tgt_mentions, src_spelled, tgt_spelled in zip(
            links, src, tgt, src_words, tgt_words):
        src_keys = Counter(key for key, _ in src_mentions)
        tgt_keys = Counter(key for key, _ in tgt_mentions)
        missing = src_keys - tgt_keys - Counter(key for key, _ in tgt_spelled)
        extra = tgt_keys - src_keys - Counter(key for key, _ in src_spelled)
        missing, extra = _short_years(missing, extra)
        if not missing and not extra:
            continue
        parts = []
        if missing:
            parts.append(f"source has {_shown(missing, dict(reversed(src_mentions)))} "
                         "not in the target")
        if extra:
            parts.append(f"target has {_shown(extra, dict(reversed(tgt_mentions)))} "
                         "not in the source")
        all_small = all(_small(key) for key in (missing + extra))
        # a number in words left over on the other side ("three" for "2") is a change too
        words_left = (Counter(key for key, _ in tgt_spelled) - src_keys if missing else
                      Counter(key for key, _ in src_spelled) - tgt_keys)
        changed = bool(missing and extra) or bool(words_left)
        severity = "error" if not all_small else "warning" if changed else "info"
        flags.append(Flag(index, "numbers", severity, "; ".join(parts)))
    return flags
