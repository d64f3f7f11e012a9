#!/usr/bin/env python3
"""Build dev collections for ``sverka match`` from the shared data, read in place.

Why: matching must be measured where it is hard: originals with no translation beside
the ones that have one, translations whose original is not in the collection, near
duplicates (an original and a lightly edited copy of it, sections of one chapter), and
one original with translations into several languages. Files get opaque names (o-0001,
t-0001), so nothing but their text tells them apart.

Usage::

    python scripts/build_match_cases.py --out /work/match-cases [--seed 7] [--data ../shared/data]

Output, per family (``wmt``: WMT23 ru→en documents; ``debian``: Debian Handbook sections,
en→ru; ``udhr``: the declaration in three-article parts, en→ru/de/fr/uk/pl/es) and split
(``tune``/``report``, by document: nothing is tuned on and reported on)::

    <out>/<family>/<split>/originals/o-NNNN.txt
    <out>/<family>/<split>/translations/t-NNNN.txt
    <out>/<family>/<split>/gold.json   {"translations": {"t-0001.txt": "o-0007.txt" | null},
                                        "roles": {...}}

Roles (``roles`` in gold.json): ``pair`` (original and translation), ``distractor`` (an
original alone), ``orphan`` (a translation alone: it must be left unmatched),
``edited`` (a lightly edited copy of a pair's original: one sentence dropped, one number
changed; the translation must still choose the unedited original).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO, REPO / "scripts"):  # run as a plain script, without an installed sverka
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from devcases.debian import sections  # noqa: E402
from devcases.model import DataError  # noqa: E402
from devcases.split import balanced_parts, split_of  # noqa: E402
from devcases.udhr import _udhr_items  # noqa: E402
from devcases.wmt import WMT_FILE, read_wmt, untranslated  # noqa: E402

SHARES = {"distractor": 0.15, "orphan": 0.15}
"""Share of documents that lose their translation or their original; the rest are pairs."""
EDITED_SHARE = 0.2
"""Share of pairs whose original also comes as a lightly edited copy."""
MIN_CHARS = 200
"""WMT documents shorter than this (one-line reviews) are left out: nothing to match on."""
UDHR_FILES = {
    "en": "udhr-en-ru/udhr_eng.xml", "ru": "udhr-en-ru/udhr_rus.xml",
    "de": "udhr-multi/udhr_deu_1996.xml", "fr": "udhr-multi/udhr_fra.xml",
    "uk": "udhr-multi/udhr_ukr.xml", "pl": "udhr-multi/udhr_pol.xml",
    "es": "udhr-multi/udhr_spa.xml",
}
UDHR_PART = 3
"""Articles per UDHR document."""

Doc = tuple[str, str, dict[str, str]]
"""(document key, original text, {translation language: text})."""


def wmt_docs(data: Path) -> list[tuple[str, Doc]]:
    docs = []
    for doc in read_wmt(data / WMT_FILE):
        if untranslated(doc):
            continue
        ru = "\n\n".join(" ".join(s for s, _ in p) for p in doc.paragraphs)
        en = "\n\n".join(" ".join(t for _, t in p) for p in doc.paragraphs)
        if len(ru) >= MIN_CHARS:
            docs.append((split_of(doc.id), (doc.id, ru, {"en": en})))
    return docs


def debian_docs(data: Path) -> list[tuple[str, Doc]]:
    found = sections(data)
    sizes: dict[str, int] = {}
    for name, _, units in found:
        sizes[name] = sizes.get(name, 0) + len(units)
    parts = balanced_parts(sizes)
    return [(parts[name], (f"{name}#{number}", "\n\n".join(unit.src for unit in units),
                           {"ru": "\n\n".join(unit.tgt for unit in units)}))
            for name, number, units in found]


def udhr_docs(data: Path) -> list[tuple[str, Doc]]:
    """Three-article parts (the preamble its own); articles 1-15 tune, 16-30 report."""
    texts: dict[str, dict[str, list[str]]] = {}
    for lang, file in UDHR_FILES.items():
        for key, text in _udhr_items(data / file):
            if key[0] == "article":
                part = f"articles-{(int(key[1]) - 1) // UDHR_PART * UDHR_PART + 1:02d}"
            elif key[0] == "preamble":
                part = "preamble"
            else:
                continue  # the title and the adoption note only some versions carry
            texts.setdefault(part, {}).setdefault(lang, []).append(text)
    docs = []
    for part, by_lang in sorted(texts.items()):
        split = "report" if part.startswith("articles-") and int(part[-2:]) > 15 else "tune"
        docs.append((split, (f"udhr:{part}", "\n\n".join(by_lang["en"]),
                             {lang: "\n\n".join(lines) for lang, lines in by_lang.items()
                              if lang != "en"})))
    return docs


def edited(text: str, rng: random.Random) -> str:
    """A lightly edited copy: one sentence of the longest paragraph dropped, one number
    changed (what a second version of an article on the same event looks like)."""
    paragraphs = text.split("\n\n")
    longest = max(range(len(paragraphs)), key=lambda k: len(paragraphs[k]))
    sentences = re.split(r"(?<=[.!?])\s+", paragraphs[longest])
    if len(sentences) > 2:
        del sentences[rng.randrange(len(sentences))]
        paragraphs[longest] = " ".join(sentences)
    elif len(paragraphs) > 2:
        del paragraphs[rng.randrange(len(paragraphs))]
    copy = "\n\n".join(paragraphs)
    numbers = list(re.finditer(r"\d+", copy))
    if numbers:
        number = rng.choice(numbers)
        copy = copy[:number.start()] + str(int(number.group()) + 1) + copy[number.end():]
    return copy


def build(out: Path, family: str, docs: list[tuple[str, Doc]], seed: int,
          roles_allowed: tuple[str, ...]) -> dict[str, dict[str, int]]:
    summary = {}
    for split in ("tune", "report"):
        rng = random.Random(f"{seed}:{family}:{split}")
        chosen = sorted((doc for part, doc in docs if part == split), key=lambda d: d[0])
        rng.shuffle(chosen)
        folder = out / family / split
        (folder / "originals").mkdir(parents=True, exist_ok=True)
        (folder / "translations").mkdir(parents=True, exist_ok=True)
        originals: list[tuple[str, str]] = []  # (text, role)
        translations: list[tuple[str, int | None]] = []  # (text, index into originals)
        cut = {role: round(share * len(chosen)) if role in roles_allowed else 0
               for role, share in SHARES.items()}
        for position, (key, original, renderings) in enumerate(chosen):
            if position < cut["distractor"]:
                originals.append((original, "distractor"))
                continue
            if position < cut["distractor"] + cut["orphan"]:
                translations.extend((text, None) for _, text in sorted(renderings.items()))
                continue
            originals.append((original, "pair"))
            at = len(originals) - 1
            translations.extend((text, at) for _, text in sorted(renderings.items()))
            if "edited" in roles_allowed and rng.random() < EDITED_SHARE:
                originals.append((edited(original, rng), "edited"))
        o_order = list(range(len(originals)))
        t_order = list(range(len(translations)))
        rng.shuffle(o_order)
        rng.shuffle(t_order)
        o_name = {index: f"o-{rank + 1:04d}.txt" for rank, index in enumerate(o_order)}
        t_name = {index: f"t-{rank + 1:04d}.txt" for rank, index in enumerate(t_order)}
        for index, (text, _) in enumerate(originals):
            (folder / "originals" / o_name[index]).write_text(text + "\n", encoding="utf-8")
        gold: dict[str, str | None] = {}
        for index, (text, original) in enumerate(translations):
            (folder / "translations" / t_name[index]).write_text(text + "\n", encoding="utf-8")
            gold[t_name[index]] = o_name[original] if original is not None else None
        roles = {o_name[index]: role for index, (_, role) in enumerate(originals)}
        roles |= {t_name[index]: "pair" if original is not None else "orphan"
                  for index, (_, original) in enumerate(translations)}
        (folder / "gold.json").write_text(json.dumps(
            {"translations": dict(sorted(gold.items())), "roles": dict(sorted(roles.items()))},
            ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        summary[split] = {"originals": len(originals), "translations": len(translations),
                          "orphans": sum(1 for _, o in translations if o is None),
                          "edited": sum(1 for _, r in originals if r == "edited")}
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.out.resolve().is_relative_to(REPO):
        print(f"--out {args.out} is inside the repository; build the cases outside it",
              file=sys.stderr)
        return 2
    try:
        families = {"wmt": (wmt_docs(args.data), ("distractor", "orphan", "edited")),
                    "debian": (debian_docs(args.data), ("distractor", "orphan", "edited")),
                    "udhr": (udhr_docs(args.data), ("orphan",))}
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    summary = {family: build(args.out, family, docs, args.seed, roles)
               for family, (docs, roles) in families.items()}
    (args.out / "index.json").write_text(json.dumps(
        {"seed": args.seed, "families": summary}, indent=1) + "\n", encoding="utf-8")
    for family, splits in summary.items():
        for split, counts in splits.items():
            print(f"{family:7} {split:7} " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
