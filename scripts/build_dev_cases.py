#!/usr/bin/env python3
"""Build development cases with gold alignments from the shared data, read in place.

Why: the aligner needs test documents whose right answer is known, that are not all
1-1, and that are as hard as real translations: credits, captions, notes, key tables,
code, omissions at the start, tokenised text, and pairs that are not translations at
all. The project's held-out figures (paragraph F1 0.949) were well below what the first,
easy dev set said (0.987); these cases are meant to close that gap.

Usage::

    python scripts/build_dev_cases.py --out dev-cases [--seed 13] [--data ../shared/data]

Data is read from ``../shared/data`` next to the repository (never copied into it):
``wmt23-ru-en/``, ``udhr-en-ru/``, ``udhr-multi/`` and ``debian-handbook-ru/``.

Output::

    <out>/<level>/index.json             the cases, what was done to each, provenance
    <out>/<level>/<case-id>/src.txt      the source (its language in case.json), UTF-8
    <out>/<level>/<case-id>/tgt.txt      the target
    <out>/<level>/<case-id>/gold.json    {"links": [[[src…], [tgt…]], …]}
    <out>/<level>/<case-id>/case.json    family, split (tune|report), doc, src_lang, tgt_lang
    <out>/unrelated/<case-id>/…          two different documents: src.txt, tgt.txt,
                                         case.json and the marker file UNRELATED (no gold)

``<level>`` is ``paragraph`` (one paragraph per line, no blank lines) or ``sentence``
(one sentence per line, paragraphs separated by one blank line). Gold indices are
0-based positions among the non-empty lines, as ``sverka pair --segments lines`` numbers
them; a one-sided link has an empty list on the other side. Every gold alignment is
checked to cover every line of both sides exactly once, in order, before it is written.
index.json's ``provenance`` names, per gold link, the data units each side was made of
(``+`` for lines the builder added), so a test can trace every link back to the data.

The split: every case is in ``tune`` or ``report`` by its document (a hash of the WMT
group's first document; Debian chapters in hash order to the smaller part; the UDHR's
first half tunes, its second reports), so no document's variants land in both. Unrelated
pairs join two documents of one part (the UDHR's, alternately). Quote ``report``.

Families (``family`` in case.json):

* ``wmt`` (both levels, ru-en): consecutive WMT documents concatenated until a case has
  at least 12 paragraphs; 3-4 planted operations a case, never on the same or adjacent
  units (merge 2-1/1-2, split 1-2, drop 1-0, an English credit 0-1, a Russian caption
  1-0; at sentence level merges, drops, notes), as in the first dev set, but without
  the one document whose English reference is the Russian text (infox.ru.36099).
* ``wmt-r10``, ``wmt-r25``, ``wmt-r40`` (paragraph) and ``wmt-r15`` (sentence): the same
  groups planted at about that share of units, with credits, captions, editor's notes
  and "continue reading" lines; every third group also lacks its start in English (the
  title and its paragraph, or the first paragraph's sentences).
* ``debian`` (paragraph, en-ru): Debian Handbook sections of about 45 PO entries
  (titles, one-line list items, code, notes), now and then a key table of one-word rows
  and a code block or two, planted at 10/25/40 % with Russian-only translator's notes.
* ``udhr`` (paragraph): the declaration's halves as they are (real differences only)
  for ru-en, de-fr, de-en, uk-en, fr-en; ``udhr-r25`` (paragraph) and ``udhr-r15``
  (sentence; sentences cut where both versions have as many) planted, the second half
  lacking its start in the translation.
* ``tok-wmt``, ``tok-udhr``: copies of some planted cases whose target is tokenised
  (punctuation spaced off, two commas alone on a line).
* ``unrelated-*`` (folder ``unrelated``): one document's source beside another's target.

The first UDHR half keeps the two real differences of the ru-en pair: the Russian
adoption note (1-0) and the preamble, where RU "Генеральная Ассамблея," renders EN
"Now, therefore," + "The General Assembly" (1-2). Free renderings are not planted: the
data has one reference per WMT document.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Sequence

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO, REPO / "scripts"):  # run as a plain script, without an installed sverka
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from devcases import debian, udhr, wmt  # noqa: E402
from devcases.layout import (check_case, layout, link_type_counts,  # noqa: E402,F401
                             write_level)
from devcases.model import Block, Case, DataError, Op, Unit, normalise  # noqa: E402,F401
from devcases.plan import (apply_ops, op_units, plan_paragraph_ops,  # noqa: E402,F401
                           plan_rate_ops, plan_sentence_ops)
from devcases.texts import inserted_texts  # noqa: E402,F401
from devcases.tokenise import tokenise_case  # noqa: E402
from devcases.unrelated import across_halves, unrelated_pairs  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"
LEVELS = ("paragraph", "sentence")
UNRELATED = "unrelated"
LONE_COMMAS = 2


def _tokenised(cases: Sequence[Case], family: str, rng: random.Random) -> list[Case]:
    """Copies of ``cases`` with the target tokenised and a few commas alone on a line."""
    out = []
    for case in cases:
        twin = Case(f"tok-{case.id}", case.level, copy.deepcopy(case.blocks),
                    {**case.info, "family": family, "tokenised": "tgt"})
        twin.info["lone_commas"] = tokenise_case(twin, "tgt", rng, LONE_COMMAS)
        out.append(twin)
    return out


def all_cases(data: Path, seed: int) -> dict[str, list[Case]]:
    """Every case by folder (the two levels and the unrelated pairs)."""
    if not data.is_dir():
        raise DataError(f"data folder not found: {data} (expected ../shared/data next to the "
                        f"repository; pass --data)")
    needed = [wmt.WMT_FILE, *udhr.FILES.values(), debian.PO_DIR]
    for path in needed:
        if not (data / path).exists():
            raise DataError(f"missing data file: {data / path}")
    cases = wmt.wmt_cases(wmt.read_wmt(data / wmt.WMT_FILE), seed)
    from_udhr = udhr.udhr_cases(data, seed)
    rng = random.Random(f"{seed}:tokenised")
    for level in LEVELS:
        rated = [c for c in cases[level] if c.info["family"] in ("wmt-r10", "wmt-r15")]
        cases[level] += from_udhr[level]
        cases[level] += _tokenised(rated[4::5], "tok-wmt", rng)
        cases[level] += _tokenised([c for c in from_udhr[level] if c.info["family"] != "udhr"
                                    and (c.info["src_lang"], c.info["tgt_lang"]) in udhr.TOKENISED],
                                   "tok-udhr", rng)
    from_debian = debian.debian_cases(data, seed)
    cases["paragraph"] += from_debian
    cases[UNRELATED] = (
        unrelated_pairs([c for c in cases["paragraph"] if c.info["family"] == "wmt"],
                        "unrelated-wmt", 20)
        # restructured: credits, notes and key tables inserted alike on both sides, as two
        # articles of one site share their furniture
        + unrelated_pairs([c for c in cases["paragraph"] if c.info["family"] == "wmt-r25"],
                          "unrelated-wmt-r25", 10)
        + unrelated_pairs(from_debian, "unrelated-debian", 20)
        + across_halves([c for c in from_udhr["paragraph"] if c.info["family"] == "udhr"],
                        "unrelated-udhr"))
    return cases


def unit_bank(data: Path) -> dict[str, tuple[str, str]]:
    """Every data unit's (source, target) text by its provenance key."""
    bank = wmt.wmt_bank(wmt.read_wmt(data / wmt.WMT_FILE))
    bank.update(udhr.udhr_bank(data))
    bank.update(debian.debian_bank(data))
    return bank


def build(data: Path, out: Path, seed: int) -> dict[str, list[Case]]:
    """Read the data, build every case and write them under ``out``."""
    cases = all_cases(data, seed)
    header = {"seed": seed,
              "data": [str(wmt.WMT_FILE), *map(str, udhr.FILES.values()), str(debian.PO_DIR)],
              "format": "src.txt/tgt.txt one segment per non-empty line; gold.json "
                        "{\"links\": [[[src...], [tgt...]], ...]} indexed over non-empty lines; "
                        "case.json names the languages and the split"}
    for level in LEVELS:
        write_level(out, level, cases[level], header)
    write_level(out, "paragraph", cases[UNRELATED], header, folder_name=UNRELATED)
    return cases


def _summary(cases: dict[str, list[Case]]) -> str:
    parts = []
    for level in LEVELS:
        total: Counter[str] = Counter()
        for case in cases[level]:
            total += link_type_counts(layout(case.blocks, level)[2])
        types = ", ".join(f"{t}: {c}" for t, c in sorted(total.items(), key=lambda x: -x[1]))
        families = Counter(case.info["family"] for case in cases[level])
        parts.append(f"{level}: {len(cases[level])} cases ({types}; "
                     + ", ".join(f"{f} {n}" for f, n in sorted(families.items())) + ")")
    parts.append(f"{UNRELATED}: {len(cases[UNRELATED])} pairs")
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_dev_cases.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="output folder (e.g. dev-cases)")
    parser.add_argument("--seed", type=int, default=13, help="seed of the restructuring (default 13)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"shared data folder, read in place (default {DEFAULT_DATA})")
    args = parser.parse_args(argv)
    try:
        cases = build(args.data, args.out, args.seed)
    except DataError as error:
        print(f"build_dev_cases: {error}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}:\n{_summary(cases)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
