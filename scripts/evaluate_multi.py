#!/usr/bin/env python3
"""How right a multilingual memory is: the UDHR's English original with its German, French,
Ukrainian and Russian translations (``../shared/data/udhr-multi``, ``udhr-en-ru``), aligned
by ``sverka pair ORIGINAL TRANSLATION…``, scored against the structure of the XML (article N
<-> article N, the k-th paragraph <-> the k-th; English says in two paragraphs, "Now,
therefore," + "The General Assembly", what the others say in one).

Prints, per translation, its links right by structure, and for the multilingual units:
how many there are, how many carry every language, and how many variants are right (the
variant renders exactly the unit's original paragraphs). Run:

    .venv/bin/python scripts/evaluate_multi.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
NS = "{http://efele.net/udhr}"
FILES = {"en": "udhr-en-ru/udhr_eng.xml", "de": "udhr-multi/udhr_deu_1996.xml",
         "fr": "udhr-multi/udhr_fra.xml", "uk": "udhr-multi/udhr_ukr.xml",
         "ru": "udhr-en-ru/udhr_rus.xml"}


def items(path: Path, lang: str) -> list[tuple[tuple, str]]:
    """(structural key, text) per title, paragraph and list item, in order."""
    root = etree.parse(str(path)).getroot()
    found: list[tuple[tuple, str]] = []
    ordinals: Counter[tuple] = Counter()
    containers = {f"{NS}{name}" for name in ("udhr", "note", "preamble", "article")}
    for element in root.iter(f"{NS}title", f"{NS}para", f"{NS}listitem"):
        if element.tag == f"{NS}para" and element.getparent().tag == f"{NS}listitem":
            continue
        container = next(a for a in element.iterancestors() if a.tag in containers)
        where = (container.tag.removeprefix(NS), container.get("number"))
        text = " ".join("".join(element.itertext()).split())
        if element.tag == f"{NS}title":
            key = (*where, "title")
        else:
            if lang == "en" and where[0] == "preamble" and text == "The General Assembly":
                ordinals[where] -= 1  # one paragraph elsewhere: share the key before
            key = (*where, ordinals[where])
            ordinals[where] += 1
        if text:
            found.append((key, text))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    from align.cli import main as sverka
    from align.multi import MultiSummary, multi_units, unit_spans
    from align.project import load

    keys: dict[str, list[tuple]] = {}
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for lang, name in FILES.items():
            found = items(args.data / name, lang)
            keys[lang] = [key for key, _ in found]
            (folder / f"{lang}.txt").write_text("\n\n".join(t for _, t in found) + "\n",
                                                encoding="utf-8")
        here = Path.cwd()
        os.chdir(folder)  # the projects are written where `pair` runs
        try:
            langs = [lang for lang in FILES if lang != "en"]
            code = sverka(["pair", "en.txt", *(f"{lang}.txt" for lang in langs), "-q",
                           "--tmx", "udhr.tmx"])
            if code:
                return code
            alignments = [load(folder / f"en-{lang}.align.json") for lang in langs]
        finally:
            os.chdir(here)
    print(f"{'pair':<6} {'links':>5} {'right':>5}")
    for lang, alignment in zip(langs, alignments):
        right = sum(_right(keys["en"], keys[lang], link.src, link.tgt)
                    for link in alignment.links if link.two_sided)
        two = sum(link.two_sided for link in alignment.links)
        print(f"en-{lang:<3} {two:>5} {right:>5}")
    summary = MultiSummary()
    units = list(multi_units(alignments, summary))
    starts = [{link.src[0]: link for link in a.links if link.src} for a in alignments]
    variants = right_variants = 0
    for span in unit_spans(alignments):
        for lang, alignment, links in zip(langs, alignments, starts):
            chosen = [links[i] for i in span if i in links]
            if not chosen or not all(link.two_sided for link in chosen):
                continue
            variants += 1
            target = tuple(j for link in chosen for j in link.tgt)
            right_variants += _right(keys["en"], keys[lang], span, target)
    full = sum(len(unit.variants) == len(langs) for unit in units)
    print(f"multilingual: {len(units)} units ({summary.joined} joining original paragraphs), "
          f"{full} in all {len(langs) + 1} languages, {right_variants} of {variants} "
          f"variants right by structure")
    return 0


def _right(src_keys: list[tuple], tgt_keys: list[tuple], src: tuple[int, ...],
           tgt: tuple[int, ...]) -> bool:
    return {src_keys[i] for i in src} == {tgt_keys[j] for j in tgt}


if __name__ == "__main__":
    sys.exit(main())
