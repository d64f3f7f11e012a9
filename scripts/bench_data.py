"""Real parallel paragraphs for benchmarks, read in place from ../shared/data.

WMT23 ru-en paragraphs and the Debian Handbook's Russian PO entries (msgstr ↔ msgid),
cycled and lightly restructured to any length, so a benchmark runs on real text shapes.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def wmt_paragraphs(data: Path = DATA) -> list[tuple[str, str]]:
    root = ET.parse(data / "wmt23-ru-en" / "wmttest2023.ru-en.src-ref.xml").getroot()
    pairs = []
    for doc in root.iter("doc"):
        src, ref = doc.find("src"), doc.find("ref")
        for p_src, p_ref in zip(src.findall("p"), ref.findall("p")):
            ru = " ".join((seg.text or "").strip() for seg in p_src.findall("seg")).strip()
            en = " ".join((seg.text or "").strip() for seg in p_ref.findall("seg")).strip()
            if ru and en:
                pairs.append((ru, en))
    return pairs


_PO_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _po_text(lines: list[str]) -> str:
    raw = "".join(_PO_STRING.findall(" ".join(lines)))
    text = raw.replace('\\"', '"').replace("\\n", " ").replace("\\t", " ").replace("\\\\", "\\")
    return " ".join(re.sub(r"<[^>]+>", "", text).split())


def handbook_paragraphs(data: Path = DATA) -> list[tuple[str, str]]:
    """(ru, en) from the PO files: translated, not fuzzy, not obsolete, markup stripped."""
    pairs = []
    for path in sorted((data / "debian-handbook-ru" / "ru-RU").glob("*.po")):
        for entry in path.read_text(encoding="utf-8").split("\n\n"):
            lines = entry.strip().split("\n")
            if any(line.startswith("#~") for line in lines):
                continue
            if any(line.startswith("#,") and "fuzzy" in line for line in lines):
                continue
            msgid, msgstr, current = [], [], None
            for line in lines:
                if line.startswith("msgid "):
                    current = msgid
                elif line.startswith("msgstr "):
                    current = msgstr
                elif not line.startswith('"'):
                    current = None if not line.startswith('"') else current
                    continue
                if current is not None:
                    current.append(line)
            en, ru = _po_text(msgid), _po_text(msgstr)
            if en and ru and len(en) > 20:
                pairs.append((ru, en))
    return pairs


def book(n_paragraphs: int, seed: int = 5, data: Path = DATA
         ) -> tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """A long pair of about ``n_paragraphs`` per side and its gold links: real pairs in a
    cycle, with about one paragraph in 100 dropped from the translation and one in 100
    merged by the translator with the paragraph before it."""
    bank = handbook_paragraphs(data) + wmt_paragraphs(data)
    rng = random.Random(seed)
    src: list[str] = []
    tgt: list[str] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    k = 0
    while len(src) < n_paragraphs:
        ru, en = bank[k % len(bank)]
        k += 1
        roll = rng.random()
        if roll < 0.01:
            gold.append(((len(src),), ()))  # dropped in translation
            src.append(ru)
        elif roll < 0.02 and gold and gold[-1][1] and len(gold[-1][0]) == 1:
            previous_src, previous_tgt = gold[-1]
            gold[-1] = (previous_src + (len(src),), previous_tgt)  # merged by the translator
            src.append(ru)
            tgt[-1] = tgt[-1] + " " + en
        else:
            gold.append(((len(src),), (len(tgt),)))
            src.append(ru)
            tgt.append(en)
    return src, tgt, gold
