"""The Debian Handbook family: software documentation (English original, Russian
translation) from the translators' PO files, cut into sections and restructured.

Why: help pages and manuals are what the held-out figures were worst on: short titles,
one-word table rows, code that both sides carry unchanged, notes one side adds. Every
translated, non-fuzzy msgid/msgstr pair is a gold paragraph pair; a chapter is one
document for the tune/report split, cut into sections of about ``SECTION`` entries.
"""

from __future__ import annotations

import ast
import html
import random
import re
from pathlib import Path

from align.segment import split_sentences
from devcases.model import Case, DataError, Unit, normalise
from devcases.plan import apply_ops, plan_rate_ops
from devcases.split import balanced_parts
from devcases.texts import CODE_BLOCKS, DOC_NOTES, KEY_TABLE

PO_DIR = Path("debian-handbook-ru") / "ru-RU"
CHAPTER = re.compile(r"\d\d_[a-z-]+\.po")
"""Chapters of prose; the front matter (authors, book info, revision history) is not."""
SECTION = 45
RATES = (0.10, 0.25, 0.40)
_TAG = re.compile(r"<[^>]+>")


def read_po(path: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) of every translated, non-fuzzy, non-obsolete entry, in file order.

    A small reader of our own: the Publican headers' ISO dates trip Babel's."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"{path}: cannot read PO file ({error})") from None
    pairs: list[tuple[str, str]] = []
    for number, entry in enumerate(text.split("\n\n")):
        lines = [line for line in entry.strip().split("\n") if line]
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            continue
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgid", "msgstr", "msgctxt", "msgid_plural"):
                current = keyword
                line = rest
            if current is None or not line.startswith('"'):
                raise DataError(f"{path}: entry {number}: cannot read line {line[:40]!r}")
            fields[current] = fields.get(current, "") + ast.literal_eval(line)
        if fields.get("msgid") and fields.get("msgstr"):
            pairs.append((fields["msgid"], fields["msgstr"]))
    return pairs


def plain(markup: str) -> str:
    """DocBook inline markup to the text a reader sees, on one line."""
    return normalise(html.unescape(_TAG.sub("", markup)))


def chapters(data: Path) -> dict[str, list[tuple[str, str]]]:
    folder = data / PO_DIR
    found = {path.stem: [(plain(i), plain(s)) for i, s in read_po(path)]
             for path in sorted(folder.glob("*.po")) if CHAPTER.fullmatch(path.name)}
    found = {name: [(i, s) for i, s in pairs if i and s] for name, pairs in found.items()}
    if not any(found.values()):
        raise DataError(f"{folder}: no translated PO entries")
    return {name: pairs for name, pairs in found.items() if len(pairs) >= 12}


def _parts(text: str) -> tuple[str, ...]:
    parts = split_sentences(text, "ru")
    return tuple(parts) if " ".join(parts) == text and len(parts) > 1 else ()


def sections(data: Path) -> list[tuple[str, int, list[Unit]]]:
    """(chapter, section number, units) with units keyed ``debian:chapter#entry``."""
    out = []
    for name, pairs in chapters(data).items():
        count = max(1, round(len(pairs) / SECTION))
        size = -(-len(pairs) // count)
        for number in range(count):
            chunk = range(number * size, min(len(pairs), (number + 1) * size))
            units = [Unit(pairs[e][0], pairs[e][1], name, k, _parts(pairs[e][1]),
                          f"debian:{name}#{e}") for k, e in enumerate(chunk)]
            out.append((name, number + 1, units))
    return out


def with_extras(units: list[Unit], rng: random.Random) -> list[Unit]:
    """Add what help pages have and PO banks lack: now and then a key table whose rows
    are one word a line, and a code block or two that both sides carry unchanged."""
    out = list(units)
    for code in rng.sample(CODE_BLOCKS, rng.randint(1, 2)):
        at = rng.randint(1, len(out))
        out.insert(at, Unit(code, code, "+code", -1))
    if rng.random() < 0.5:  # after the code, so that no code lands inside the table
        at = rng.randint(1, len(out))
        rows = [Unit(en, ru, "+table", -1) for en_row, ru_row in zip(KEY_TABLE["en"], KEY_TABLE["ru"])
                for en, ru in zip(en_row, ru_row)]
        out[at:at] = rows
    return [Unit(u.src, u.tgt, u.doc, k, u.tgt_parts, u.key) for k, u in enumerate(out)]


def debian_cases(data: Path, seed: int) -> list[Case]:
    """One restructured paragraph-level case per section, the rate cycling 10/25/40 %."""
    rng = random.Random(f"{seed}:debian")
    cases = []
    found = sections(data)
    sizes: dict[str, int] = {}
    for chapter, _, units in found:
        sizes[f"debian:{chapter}"] = sizes.get(f"debian:{chapter}", 0) + len(units)
    parts = balanced_parts(sizes)
    for number, (chapter, section, units) in enumerate(found):
        rate = RATES[number % len(RATES)]
        units = with_extras(units, rng)
        omit_start = number % 4 == 3
        ops = plan_rate_ops(units, rng, rate, "paragraph", "en", "ru", omit_start,
                            tgt_own_lines=DOC_NOTES["ru"], src_own_lines=DOC_NOTES["en"])
        info = {"family": "debian", "split": parts[f"debian:{chapter}"],
                "doc": f"debian:{chapter}", "src_lang": "en", "tgt_lang": "ru",
                "source": "debian-handbook-ru", "docs": [f"{chapter}.po"], "section": section,
                "rate": rate, "omit_start": omit_start}
        cases.append(Case(f"debian-{chapter[:2]}-{section}", "paragraph", apply_ops(units, ops), info))
    return cases


def debian_bank(data: Path) -> dict[str, tuple[str, str]]:
    """Every unit's texts by key, for tracing gold links back to the data."""
    return {u.key: (u.src, u.tgt) for _, _, units in sections(data) for u in units}
