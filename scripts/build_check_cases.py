#!/usr/bin/env python3
"""Build cases for ``sverka check``: real WMT23 ru-en translations with one planted defect
each, beside the same translations untouched.

Why: a QA check is only as good as what it catches on real text and what it leaves alone
there. Each WMT23 document's human reference is a careful translation; planting one
defect a careful editor would catch, where we know it was planted, measures detection,
and the untouched reference measures false alarms.

Usage::

    python scripts/build_check_cases.py /work/check-cases [--data ../shared/data] [--seed 7]

The data is read in place (``wmt23-ru-en/wmttest2023.ru-en.src-ref.xml``), never copied
into the repository. Output::

    <out>/index.json                 every case: id, doc, split, kind, paragraph, detail
    <out>/<case-id>/ru.txt, en.txt   the original and the (changed) reference, one
                                     paragraph a block, blank lines between

Kinds (``kind``; ``paragraph`` is the 0-based original paragraph the defect is in):

* ``clean``: the reference as it is.
* ``number``: a number of 13 or more that the original also has, changed by one digit.
* ``drop-paragraph``: a paragraph after the second left out of the reference.
* ``drop-start``: the reference without its first or second paragraph (the title's
  paragraph: where shifts hide omissions), alternating by document.
* ``drop-sentence``: one sentence (a WMT segment of 20 characters or more) left out of a
  paragraph of two sentences or more.
* ``misspelt-name``: a surname of the original, as the reference spells it, changed by
  one or two edits (a letter changed, dropped, doubled or two swapped).
* ``replaced-name``: that surname replaced by another document's surname (one with an
  English surname's ending, that renders no word of the paragraph's original).

The split (``tune`` or ``report``) is the document's, as for the aligner's dev cases
(``scripts/devcases/split.py``), so no document's variants land in both. Everything is
deterministic for one seed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from align.check.names import is_adjective, is_country, name_candidates  # noqa: E402
from align.check.spelling import is_surname, misspelling  # noqa: E402
from align.fileio import write_text_atomic  # noqa: E402
from align.language import script_of  # noqa: E402
from align.signals.translit import latin_skeletons  # noqa: E402
from devcases.split import split_of  # noqa: E402

WMT_FILE = Path("wmt23-ru-en") / "wmttest2023.ru-en.src-ref.xml"
KINDS = ("clean", "number", "drop-paragraph", "drop-start", "drop-sentence", "misspelt-name",
         "replaced-name")
MIN_SENTENCE = 20
"""Shorter segments (a dateline, "Да.") are not planted as dropped sentences."""
_NUMBER = re.compile(r"(?<![\d.,])\d{2,}(?![\d.,]?\d)")
_CONSONANTS = "bcdfghklmnprstvz"
_VOWELS = "aeiou"


@dataclass(frozen=True)
class Doc:
    id: str
    paragraphs: tuple[tuple[tuple[str, str], ...], ...]
    """Non-empty paragraphs, each its (ru, en) segment pairs."""

    def texts(self, side: int) -> list[str]:
        return [" ".join(pair[side] for pair in p) for p in self.paragraphs]


@dataclass(frozen=True)
class Case:
    id: str
    doc: str
    split: str
    kind: str
    paragraph: int | None
    detail: dict[str, str]


def read_docs(path: Path) -> list[Doc]:
    """The WMT documents, as paragraphs of segment pairs (empty paragraphs dropped), but
    for a reference not in Latin script (one WMT23 "reference" is the Russian text)."""
    from lxml import etree

    def text(seg: etree._Element) -> str:
        return " ".join("".join(seg.itertext()).split())

    docs = []
    for doc in etree.parse(str(path)).getroot().iter("doc"):
        src, ref = doc.find("src"), doc.find("ref")
        if src is None or ref is None:
            continue
        paragraphs = []
        for sp, rp in zip(src.findall("p"), ref.findall("p")):
            pairs = tuple((text(a), text(b)) for a, b in zip(sp.findall("seg"), rp.findall("seg")))
            pairs = tuple(pair for pair in pairs if pair[0] and pair[1])
            if pairs:
                paragraphs.append(pairs)
        reference = " ".join(b for p in paragraphs for _, b in p)
        if paragraphs and script_of(reference) == "Latn":  # not infox.ru.36099, in Russian
            docs.append(Doc(doc.get("id", "?"), tuple(paragraphs)))
    return docs


def changed_number(doc: Doc, rng: random.Random) -> tuple[int, str, dict[str, str]] | None:
    """A paragraph whose reference repeats a number (13 or more) of the original, with
    one digit of that number changed."""
    options = []
    for k, (ru, en) in enumerate(zip(doc.texts(0), doc.texts(1))):
        for match in _NUMBER.finditer(en):
            if int(match.group()) > 12 and re.search(rf"(?<!\d){match.group()}(?!\d)", ru):
                options.append((k, match))
    if not options:
        return None
    k, match = rng.choice(options)
    digits = list(match.group())
    place = rng.randrange(len(digits))
    digits[place] = rng.choice([d for d in "0123456789" if d != digits[place]
                                and not (place == 0 and d == "0")])
    changed = "".join(digits)
    en = doc.texts(1)[k]
    return k, en[:match.start()] + changed + en[match.end():], {"from": match.group(),
                                                                 "to": changed}


def surnames(doc: Doc) -> list[tuple[int, str, str]]:
    """(paragraph, source surname, the reference's spelling of it), where the reference
    spells it exactly once in that paragraph."""
    found = []
    candidates = name_candidates(doc.texts(0), "ru")
    for k, (names, en) in enumerate(zip(candidates, doc.texts(1))):
        words = re.findall(r"\b[A-Z][a-z]{3,}\b", en)
        for name, skeleton in zip(names, latin_skeletons(names)):
            if (not is_surname(name, "ru") or is_adjective(name, "ru")
                    or is_country(name, "ru", "en")):
                continue
            for word, word_skeleton in zip(words, latin_skeletons(words)):
                if misspelling(skeleton, word_skeleton) is False and words.count(word) == 1:
                    found.append((k, name, word))
                    break
    return found


def misspelt(word: str, rng: random.Random) -> str:
    """``word`` with one or two random edits: a letter changed, dropped or doubled, or two
    neighbours swapped; never the first letter, and never the word itself."""
    for _ in range(100):
        letters = list(word)
        for _ in range(rng.choice((1, 2))):
            place = rng.randrange(1, len(letters))
            edit = rng.choice(("change", "drop", "double", "swap"))
            if edit == "change":
                pool = _VOWELS if letters[place] in _VOWELS else _CONSONANTS
                letters[place] = rng.choice([c for c in pool if c != letters[place]])
            elif edit == "drop" and len(letters) > 4:
                del letters[place]
            elif edit == "double":
                letters.insert(place, letters[place])
            elif edit == "swap" and place + 1 < len(letters):
                letters[place], letters[place + 1] = letters[place + 1], letters[place]
        result = "".join(letters)
        if result.lower() != word.lower():
            return result
    raise RuntimeError(f"cannot misspell {word}")


def build(docs: list[Doc], seed: int) -> list[tuple[Case, list[str], list[str]]]:
    """Every case with its original and reference paragraphs."""
    pool = sorted({word for doc in docs for _, _, word in surnames(doc)})
    cases = []
    for number, doc in enumerate(docs):
        rng = random.Random(f"{seed}:{doc.id}")
        split = split_of(doc.id)
        ru, en = doc.texts(0), doc.texts(1)

        def case(kind: str, paragraph: int | None, target: list[str],
                 detail: dict[str, str] | None = None) -> None:
            cases.append((Case(f"{doc.id}--{kind}", doc.id, split, kind, paragraph,
                               detail or {}), ru, target))

        case("clean", None, en)
        planted = changed_number(doc, rng)
        if planted is not None:
            k, text, detail = planted
            case("number", k, en[:k] + [text] + en[k + 1:], detail)
        if len(en) >= 4:
            k = rng.randrange(2, len(en))
            case("drop-paragraph", k, en[:k] + en[k + 1:], {"text": ru[k][:80]})
        if len(en) >= 3:
            k = number % 2
            case("drop-start", k, en[:k] + en[k + 1:], {"text": ru[k][:80]})
        options = [(k, s) for k, p in enumerate(doc.paragraphs) if len(p) >= 2
                   for s, (a, b) in enumerate(p) if len(a) >= MIN_SENTENCE]
        if options:
            k, s = rng.choice(options)
            kept = [b for t, (_, b) in enumerate(doc.paragraphs[k]) if t != s]
            case("drop-sentence", k, en[:k] + [" ".join(kept)] + en[k + 1:],
                 {"sentence": doc.paragraphs[k][s][0]})
        names = surnames(doc)
        if names:
            k, name, word = rng.choice(names)
            wrong = misspelt(word, rng)
            changed = re.sub(rf"\b{word}\b", wrong, en[k])
            case("misspelt-name", k, en[:k] + [changed] + en[k + 1:],
                 {"name": name, "from": word, "to": wrong})
            # another surname (as English writes surnames) that renders no word of this
            # paragraph's original
            source_words = latin_skeletons(re.findall(r"\w{4,}", ru[k]))
            others = [w for w in pool if w[-1] == word[-1] and is_surname(w, "en")
                      and all(misspelling(s, latin_skeletons([w])[0]) is None
                              for s in source_words)]
            if others:
                other = rng.choice(others)
                changed = re.sub(rf"\b{word}\b", other, en[k])
                case("replaced-name", k, en[:k] + [changed] + en[k + 1:],
                     {"name": name, "from": word, "to": other})
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the cases (created)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                        help="the shared data folder (default ../shared/data)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    source = args.data / WMT_FILE
    if not source.is_file():
        print(f"{source}: not found (give --data)", file=sys.stderr)
        return 2
    cases = build(read_docs(source), args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for case, ru, en in cases:
        folder = args.out / case.id
        folder.mkdir(exist_ok=True)
        write_text_atomic(folder / "ru.txt", "\n\n".join(ru) + "\n")
        write_text_atomic(folder / "en.txt", "\n\n".join(en) + "\n")
    write_text_atomic(args.out / "index.json", json.dumps(
        [asdict(case) for case, _, _ in cases], ensure_ascii=False, indent=1) + "\n")
    counts: dict[tuple[str, str], int] = {}
    for case, _, _ in cases:
        counts[case.split, case.kind] = counts.get((case.split, case.kind), 0) + 1
    for split in ("tune", "report"):
        print(f"{split}: " + ", ".join(f"{kind} {counts.get((split, kind), 0)}"
                                       for kind in KINDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
