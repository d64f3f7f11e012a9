"""The UDHR family: one declaration in English, Russian, German, French and Ukrainian,
paired by structure (article N <-> article N, k-th para <-> k-th para), halved into two
documents and restructured.

Why: these are real translations with real differences (the adoption note some
versions carry, the English preamble's "Now, therefore," + "The General Assembly" that
other versions render as one paragraph), and the only non-ru-en pairs we have. The two
halves (title, note, preamble and articles 1-15; articles 16-30) are the documents the
tune/report split goes by, so no text is tuned on and reported on.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

from lxml import etree

from align.segment import split_sentences
from devcases.model import Block, Case, DataError, Unit, normalise
from devcases.plan import apply_ops, plan_rate_ops

UDHR_NS = "{http://efele.net/udhr}"
FILES = {
    "ru": Path("udhr-en-ru") / "udhr_rus.xml",
    "en": Path("udhr-en-ru") / "udhr_eng.xml",
    "de": Path("udhr-multi") / "udhr_deu_1996.xml",
    "fr": Path("udhr-multi") / "udhr_fra.xml",
    "uk": Path("udhr-multi") / "udhr_ukr.xml",
}
PAIRS = (("ru", "en"), ("de", "fr"), ("de", "en"), ("uk", "en"), ("fr", "en"))
"""(source, target) language pairs; ru-en was the first, the others are new."""
HALVES = {"a": "tune", "b": "report"}
"""Each half is one document; the first is tuned on, the second reported."""
TOKENISED = (("de", "fr"), ("fr", "en"))
"""Pairs that also get a tokenised target."""
Key = tuple[Any, ...]


def _udhr_items(path: Path) -> list[tuple[tuple[Any, ...], str]]:
    """(structural key, text) for every title, para and listitem, in document order.

    The key names the container (document, note, preamble, article N) and the item's
    place in it: ``"title"`` or the ordinal of the para/listitem.
    """
    try:
        root = etree.parse(str(path)).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        raise DataError(f"{path}: cannot read UDHR XML ({error})") from None
    if root.tag != f"{UDHR_NS}udhr":
        raise DataError(f"{path}: root is {root.tag}, expected {UDHR_NS}udhr")
    items: list[tuple[tuple[Any, ...], str]] = []
    ordinals: Counter[tuple[Any, ...]] = Counter()
    for element in root.iter(f"{UDHR_NS}title", f"{UDHR_NS}para", f"{UDHR_NS}listitem"):
        parent = element.getparent()
        if element.tag == f"{UDHR_NS}para" and parent.tag == f"{UDHR_NS}listitem":
            continue  # the listitem stands for its para
        container = next(a for a in element.iterancestors()
                         if a.tag in {f"{UDHR_NS}{t}" for t in ("udhr", "note", "preamble", "article")})
        name = container.tag.removeprefix(UDHR_NS)
        where = (name, container.get("number")) if name == "article" else (name,)
        if element.tag == f"{UDHR_NS}title":
            key = (*where, "title")
        else:
            key = (*where, ordinals[where])
            ordinals[where] += 1
        text = normalise("".join(element.itertext()))
        if not text:
            raise DataError(f"{path}: empty {element.tag.removeprefix(UDHR_NS)} in {where}")
        items.append((key, text))
    return items


def _items(data: Path, lang: str) -> list[tuple[Key, str]]:
    """A language's items; English's extra preamble paragraph ("Now, therefore," +
    "The General Assembly" for what other versions say in one) shares one key."""
    path = data / FILES[lang]
    items = _udhr_items(path)
    if lang != "en":
        return items
    at = next((i for i, (k, t) in enumerate(items)
               if k[0] == "preamble" and t.startswith("Now, therefore")), None)
    if at is None or items[at + 1] != (("preamble", items[at][0][1] + 1), "The General Assembly"):
        raise DataError(f"{path}: preamble lacks 'Now, therefore,' + 'The General Assembly'")
    return [((k[0], k[1] - 1), t) if k[0] == "preamble" and i > at and k[1] != "title" else (k, t)
            for i, (k, t) in enumerate(items)]


def _grouped(items: list[tuple[Key, str]]) -> list[tuple[Key, list[str]]]:
    groups: list[tuple[Key, list[str]]] = []
    for key, text in items:
        if groups and groups[-1][0] == key:
            groups[-1][1].append(text)
        else:
            groups.append((key, [text]))
    return groups


def pair_groups(data: Path, src: str, tgt: str) -> list[tuple[Key, list[str], list[str]]]:
    """(key, source lines, target lines) in document order; one side empty where only
    one version has the item (the adoption note)."""
    src_groups, tgt_groups = _grouped(_items(data, src)), _grouped(_items(data, tgt))
    src_keys, tgt_keys = {k for k, _ in src_groups}, {k for k, _ in tgt_groups}
    out: list[tuple[Key, list[str], list[str]]] = []
    i = j = 0
    while i < len(src_groups) or j < len(tgt_groups):
        if i < len(src_groups) and j < len(tgt_groups) and src_groups[i][0] == tgt_groups[j][0]:
            out.append((src_groups[i][0], src_groups[i][1], tgt_groups[j][1]))
            i, j = i + 1, j + 1
        elif i < len(src_groups) and src_groups[i][0] not in tgt_keys:
            out.append((src_groups[i][0], src_groups[i][1], []))
            i += 1
        elif j < len(tgt_groups) and tgt_groups[j][0] not in src_keys:
            out.append((tgt_groups[j][0], [], tgt_groups[j][1]))
            j += 1
        else:
            raise DataError(f"{data}: UDHR items are in a different order in {src} and {tgt}")
    strays = {k[0] for k, s, t in out if not s or not t}
    if strays - {"note"}:
        raise DataError(f"{data}: UDHR {src}-{tgt} structures differ beyond the adoption note")
    return out


def half_of(key: Key) -> str:
    return "a" if key[0] != "article" or int(key[1]) <= 15 else "b"


def _container(key: Key) -> str:
    return "/".join(str(part) for part in key[:-1]) or str(key[0])


def units(data: Path, src: str, tgt: str, half: str, level: str) -> list[Unit]:
    """Units of one half. A group that is not 1-1 (the note, the English preamble pair)
    is one unit whose lines are joined by a newline: the planner leaves it alone and
    :func:`expand` restores its lines. At sentence level a paragraph is cut into
    sentences where both versions have as many; otherwise it stays whole."""
    out: list[Unit] = []
    groups = [g for g in pair_groups(data, src, tgt) if half_of(g[0]) == half]
    for par, (key, src_lines, tgt_lines) in enumerate(groups):
        name = f"udhr:{src}-{tgt}:" + "/".join(str(part) for part in key)
        doc = _container(key)
        if len(src_lines) != 1 or len(tgt_lines) != 1:
            out.append(Unit("\n".join(src_lines), "\n".join(tgt_lines), doc, par, (), name))
            continue
        src_parts = split_sentences(src_lines[0], src)
        tgt_parts = split_sentences(tgt_lines[0], tgt)
        whole = " ".join(tgt_parts) == tgt_lines[0] and " ".join(src_parts) == src_lines[0]
        if level == "sentence" and whole and len(src_parts) == len(tgt_parts) > 1:
            out.extend(Unit(s, t, doc, par, (), f"{name}.s{m}")
                       for m, (s, t) in enumerate(zip(src_parts, tgt_parts)))
        else:
            out.append(Unit(src_lines[0], tgt_lines[0], doc, par,
                            tuple(tgt_parts) if whole else (), name))
    return out


def expand(blocks: list[Block]) -> list[Block]:
    """Restore the lines of not-1-1 groups (see :func:`units`), drop empty sides, and
    record those groups as the data's own differences (op ``original``)."""
    for block in blocks:
        joined = block.op is None and (len(block.src) != 1 or len(block.tgt) != 1
                                       or "\n" in block.src[0] + block.tgt[0]
                                       or not block.src[0] or not block.tgt[0])
        block.src = [line for text in block.src for line in text.split("\n") if line]
        block.tgt = [line for text in block.tgt for line in text.split("\n") if line]
        if not block.src:
            block.src_keys = []
        if not block.tgt:
            block.tgt_keys = []
        if joined:
            key = (block.src_keys or block.tgt_keys)[0]
            block.op = {"op": "original", "what": key.rsplit(":", 1)[-1],
                        "type": f"{len(block.src)}-{len(block.tgt)}"}
    return blocks


def udhr_cases(data: Path, seed: int) -> dict[str, list[Case]]:
    """Per pair and half: the original (paragraph level, nothing planted), a restructured
    paragraph case and a restructured sentence case."""
    rng = random.Random(f"{seed}:udhr")
    cases: dict[str, list[Case]] = {"paragraph": [], "sentence": []}
    for src, tgt in PAIRS:
        for half, part in HALVES.items():
            base = {"split": part, "doc": f"udhr-{half}", "src_lang": src, "tgt_lang": tgt,
                    "source": "udhr", "docs": [FILES[src].name, FILES[tgt].name]}
            name = f"udhr-{src}-{tgt}-{half}"
            para = units(data, src, tgt, half, "paragraph")
            cases["paragraph"].append(Case(name, "paragraph", expand(apply_ops(para, [])),
                                           {**base, "family": "udhr"}))
            omit = half == "b"
            for level, rate in (("paragraph", 0.25), ("sentence", 0.15)):
                level_units = para if level == "paragraph" else units(data, src, tgt, half, level)
                ops = plan_rate_ops(level_units, rng, rate, level, src, tgt, omit)
                cases[level].append(Case(f"{name}-r{round(rate * 100)}", level,
                                         expand(apply_ops(level_units, ops)),
                                         {**base, "family": f"udhr-r{round(rate * 100)}",
                                          "rate": rate, "omit_start": omit}))
    return cases


def udhr_bank(data: Path) -> dict[str, tuple[str, str]]:
    """Every unit's texts by key, for tracing gold links back to the data."""
    bank: dict[str, tuple[str, str]] = {}
    for src, tgt in PAIRS:
        for half in HALVES:
            for level in ("paragraph", "sentence"):
                bank.update((u.key, (u.src, u.tgt)) for u in units(data, src, tgt, half, level))
    return bank
