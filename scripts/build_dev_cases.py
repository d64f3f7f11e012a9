#!/usr/bin/env python3
"""Build development cases with gold alignments from the shared data, read in place.

Why: the aligner needs test documents whose right answer is known *and* that are not all
1-1. The WMT23 ru-en test set is translated segment by segment (1-1 by construction), so
this script restructures the translation the way translators and editors do (merging,
splitting and dropping paragraphs, adding credits and captions) with a fixed seed, and
writes the resulting gold. The UDHR pair has real, unplanted differences and is used as
it is.

Usage::

    python scripts/build_dev_cases.py --out dev-cases [--seed 13] [--data ../shared/data]

Data is read from ``../shared/data`` next to the repository (never copied into it):
``wmt23-ru-en/wmttest2023.ru-en.src-ref.xml`` and ``udhr-en-ru/udhr_{rus,eng}.xml``.

Output::

    <out>/<level>/index.json             the cases and what was done to each
    <out>/<level>/<case-id>/src.txt      Russian (source), UTF-8
    <out>/<level>/<case-id>/tgt.txt      English (target)
    <out>/<level>/<case-id>/gold.json    {"links": [[[src…], [tgt…]], …]}

``<level>`` is ``paragraph`` (one paragraph per line, no blank lines) or ``sentence``
(one sentence per line, paragraphs separated by one blank line). Gold indices are
0-based positions among the non-empty lines, as ``sverka pair --segments lines`` numbers
them; a one-sided link has an empty list on the other side. Every gold alignment is
checked to cover every line of both sides exactly once, in order, before it is written.

Cases:

* ``wmt-NN`` (both levels): consecutive WMT documents, in file order, concatenated until
  a case has at least 12 paragraphs (a small "issue" of articles). Paragraph k of the
  source pairs with paragraph k of the reference; a paragraph's text is its ``<seg>``s
  joined by a space; at sentence level every ``<seg>`` is a line.
  Paragraph level, 3-4 operations per case, never on the same or adjacent paragraphs:
  merge two paragraphs of one article on the English side (2-1) or the Russian side
  (1-2); split an English paragraph at a sentence boundary (1-2); drop an English
  paragraph (1-0); insert an English credit/note line (0-1); insert a Russian caption or
  "read also" line (1-0).
  Sentence level, inside paragraphs: merge two adjacent English (2-1) or Russian (1-2)
  sentences, drop an English sentence (1-0), and now and then insert a translator's note
  sentence (0-1) or a credit/caption line as its own paragraph.
* ``udhr`` (paragraph level): the Universal Declaration of Human Rights, every
  ``<title>``, ``<para>`` and ``<listitem>`` in document order; gold by structure
  (article N <-> article N, k-th para <-> k-th para). Two real differences: the Russian
  adoption note (1-0) and the preamble, where RU "Генеральная Ассамблея," renders EN
  "Now, therefore," + "The General Assembly" (1-2).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Hashable, Iterable, Sequence

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a plain script, without an installed sverka
    sys.path.insert(0, str(REPO))

from lxml import etree  # noqa: E402

from align.fileio import write_text_atomic  # noqa: E402
from align.model import AlignmentError, Link, check_coverage, link_type  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"
WMT_FILE = Path("wmt23-ru-en") / "wmttest2023.ru-en.src-ref.xml"
UDHR_SRC = Path("udhr-en-ru") / "udhr_rus.xml"
UDHR_TGT = Path("udhr-en-ru") / "udhr_eng.xml"
UDHR_NS = "{http://efele.net/udhr}"
MIN_PARAGRAPHS = 12
LEVELS = ("paragraph", "sentence")

# Lines a translation desk adds: English credits and notes (0-1), Russian captions and
# "read also" teasers (1-0), short translator's notes inside a paragraph (0-1).
EN_CREDITS = (
    "Translated by Anna Petrova.",
    "Source: Kommersant",
    "Editor's note: this article has been updated.",
    "Translation: Michael O'Connor; editing: Lena Sokolova.",
    "Photo: Reuters / Maxim Shemetov",
    "English version prepared by Daria Kim for our international desk.",
    "This story was first published in Russian.",
    "Correction: an earlier version misspelled the name of the region.",
)
RU_CAPTIONS = (
    "Фото: РИА Новости",
    "Читайте также: Как выбрать зимние шины и не переплатить",
    "Фото: Александр Кузнецов / ТАСС",
    "Подписывайтесь на наш канал в Telegram",
    "Читайте также: В Екатеринбурге открылся новый каток",
    "Материал подготовила Ольга Смирнова",
    "Иллюстрация: Екатерина Белова",
    "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter",
)
EN_NOTES = (
    "(Translator's note: sums are given in roubles.)",
    "(The name has been changed at the speaker's request.)",
    "(Translator's note: the quotation is rendered freely.)",
    "(Editor's note: the company did not reply to our request.)",
    "(Translator's note: the term has no exact English equivalent.)",
    "(The figures are from the regional statistics office.)",
    "(Editor's note: the interview was recorded before the decision.)",
    "(Translator's note: the original wording is a pun.)",
)


class DataError(Exception):
    """The shared data is missing or not shaped as expected: one line for the user."""


def normalise(text: str) -> str:
    """Collapse whitespace runs so every segment is one clean line."""
    return " ".join(text.split())


# --- the model of a case ----------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    """One originally 1-1 item: a paragraph, or at sentence level a sentence."""

    src: str
    tgt: str
    doc: str
    par: int
    """Paragraph number within the case: sentence level keeps paragraphs together."""
    tgt_parts: tuple[str, ...] = ()
    """The target's sentences, where a paragraph may be split."""


@dataclass
class Block:
    """One gold link before numbering: its lines on each side and its paragraph."""

    src: list[str]
    tgt: list[str]
    par: Hashable
    op: dict[str, Any] | None = None


@dataclass
class Op:
    """A planned restructuring: ``at`` is a unit index, or for inserts a gap index."""

    kind: str  # merge | split | drop | insert
    side: str  # src | tgt
    at: int
    cut: int = 0
    text: str = ""
    own_par: bool = False


@dataclass
class Case:
    id: str
    level: str
    blocks: list[Block]
    info: dict[str, Any] = field(default_factory=dict)


# --- reading the data ---------------------------------------------------------------

@dataclass(frozen=True)
class WmtDoc:
    id: str
    domain: str
    paragraphs: tuple[tuple[tuple[str, str], ...], ...]
    """Non-empty paragraphs, each a tuple of (ru, en) sentence pairs."""


def _seg_texts(p: etree._Element) -> list[tuple[str, str]]:
    return [(seg.get("id", ""), normalise("".join(seg.itertext()))) for seg in p.findall("seg")]


def read_wmt(path: Path) -> list[WmtDoc]:
    """The src/ref documents of the WMT XML, checking that their structures match."""
    try:
        root = etree.parse(str(path)).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        raise DataError(f"{path}: cannot read WMT XML ({error})") from None
    docs: list[WmtDoc] = []
    for doc in root.iter("doc"):
        doc_id = doc.get("id", "?")
        src, ref = doc.find("src"), doc.find("ref")
        if src is None or ref is None:
            raise DataError(f"{path}: doc {doc_id} lacks <src> or <ref>")
        src_ps, ref_ps = src.findall("p"), ref.findall("p")
        if len(src_ps) != len(ref_ps):
            raise DataError(f"{path}: doc {doc_id} has {len(src_ps)} <p> in src, {len(ref_ps)} in ref")
        paragraphs = []
        for number, (sp, rp) in enumerate(zip(src_ps, ref_ps)):
            ss, rs = _seg_texts(sp), _seg_texts(rp)
            if [i for i, _ in ss] != [i for i, _ in rs]:
                raise DataError(f"{path}: doc {doc_id} <p> {number}: seg ids differ between src and ref")
            if not any(t for _, t in ss) and not any(t for _, t in rs):
                continue  # an empty <p> on both sides
            if not all(t for _, t in ss + rs):
                raise DataError(f"{path}: doc {doc_id} <p> {number}: a <seg> is empty on one side")
            paragraphs.append(tuple((s, r) for (_, s), (_, r) in zip(ss, rs)))
        docs.append(WmtDoc(doc_id, doc.get("domain", ""), tuple(paragraphs)))
    if not docs:
        raise DataError(f"{path}: no <doc> elements")
    return docs


def group_docs(docs: Sequence[WmtDoc], minimum: int = MIN_PARAGRAPHS) -> list[list[WmtDoc]]:
    """Consecutive documents until each group has ``minimum`` paragraphs; a short tail
    (under half the minimum) joins the previous group."""
    groups: list[list[WmtDoc]] = []
    current: list[WmtDoc] = []
    count = 0
    for doc in docs:
        if not doc.paragraphs:
            continue
        current.append(doc)
        count += len(doc.paragraphs)
        if count >= minimum:
            groups.append(current)
            current, count = [], 0
    if current:
        if groups and count < minimum // 2:
            groups[-1].extend(current)
        else:
            groups.append(current)
    return groups


# --- planning and applying operations --------------------------------------------

class Claims:
    """Units already touched by an operation, widened by one on each side, so that no
    two operations land on the same or adjacent units (the gold stays unambiguous)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.blocked: set[int] = set()

    def free(self, units: Iterable[int]) -> bool:
        return not self.blocked.intersection(units)

    def take(self, units: Iterable[int]) -> None:
        for k in units:
            self.blocked.update((k - 1, k, k + 1))


def op_units(op: Op, n: int) -> list[int]:
    """The units an operation touches (for an insert, the two around its gap)."""
    if op.kind == "merge":
        return [op.at, op.at + 1]
    if op.kind == "insert":
        return [k for k in (op.at - 1, op.at) if 0 <= k < n]
    return [op.at]


def _place(rng: random.Random, claims: Claims, candidates: list[Op]) -> Op | None:
    """Pick one candidate whose units are still free, and claim them."""
    free = [op for op in candidates if claims.free(op_units(op, claims.n))]
    if not free:
        return None
    op = rng.choice(free)
    claims.take(op_units(op, claims.n))
    return op


def _paragraph_gaps(units: Sequence[Unit]) -> list[int]:
    """Gaps (positions before unit g) that fall between paragraphs."""
    n = len(units)
    return [g for g in range(n + 1) if g in (0, n) or units[g - 1].par != units[g].par]


def _merge_side(rng: random.Random) -> str:
    return "tgt" if rng.random() < 2 / 3 else "src"


def plan_paragraph_ops(units: Sequence[Unit], rng: random.Random) -> list[Op]:
    """3-4 operations of different kinds at distinct, non-adjacent paragraphs.

    Kinds are tried in a random order until enough are placed, so a case of one-paragraph
    reviews (where no two paragraphs of one article can be merged) still gets 3-4.
    """
    n = len(units)
    claims = Claims(n)
    wanted = rng.choice((3, 4))
    ops: list[Op] = []
    for kind in rng.sample(["merge", "split", "drop", "insert_tgt", "insert_src"], 5):
        if len(ops) == wanted:
            break
        if kind == "merge":
            side = _merge_side(rng)
            candidates = [Op("merge", side, k) for k in range(n - 1)
                          if units[k].doc == units[k + 1].doc]
        elif kind == "split":
            candidates = [Op("split", "tgt", k) for k in range(n) if len(units[k].tgt_parts) >= 2]
        elif kind == "drop":
            candidates = [Op("drop", "tgt", k) for k in range(n)]
        else:
            side = kind.removeprefix("insert_")
            candidates = [Op("insert", side, g, own_par=True) for g in range(n + 1)]
        op = _place(rng, claims, candidates)
        if op is None:
            continue
        if op.kind == "split":
            op.cut = rng.randint(1, len(units[op.at].tgt_parts) - 1)
        if op.kind == "insert":
            op.text = rng.choice(EN_CREDITS if op.side == "tgt" else RU_CAPTIONS)
        ops.append(op)
    return ops


def plan_sentence_ops(units: Sequence[Unit], rng: random.Random) -> list[Op]:
    """Merges and drops inside paragraphs, now and then one inserted line."""
    n = len(units)
    claims = Claims(n)
    size = Counter(u.par for u in units)
    base = max(3, min(8, n // 12))
    ops: list[Op] = []
    for kind in rng.choices(["merge", "drop"], weights=[3, 2], k=rng.randint(base, base + 1)):
        if kind == "merge":
            side = _merge_side(rng)
            candidates = [Op("merge", side, k) for k in range(n - 1)
                          if units[k].par == units[k + 1].par]
        else:
            candidates = [Op("drop", "tgt", k) for k in range(n) if size[units[k].par] >= 2]
        op = _place(rng, claims, candidates)
        if op is not None:
            ops.append(op)
    # Now and then one inserted line; up to two when merges and drops found no room
    # (a case whose paragraphs are all one sentence long).
    inserts = max(1 if rng.random() < 0.6 else 0, 2 - len(ops))
    boundaries = _paragraph_gaps(units)
    for _ in range(inserts):
        roll = rng.random()
        if roll < 0.4:     # a translator's note at the end of or inside a paragraph
            candidates = [Op("insert", "tgt", g) for g in range(1, n + 1)]
            text = rng.choice(EN_NOTES)
        elif roll < 0.75:  # an English credit as its own paragraph
            candidates = [Op("insert", "tgt", g, own_par=True) for g in boundaries]
            text = rng.choice(EN_CREDITS)
        else:              # a Russian caption as its own paragraph
            candidates = [Op("insert", "src", g, own_par=True) for g in boundaries]
            text = rng.choice(RU_CAPTIONS)
        op = _place(rng, claims, candidates)
        if op is not None:
            op.text = text
            ops.append(op)
    return sorted(ops, key=lambda op: op.at)


def apply_ops(units: Sequence[Unit], ops: Sequence[Op]) -> list[Block]:
    """The gold blocks of ``units`` after the planned operations."""
    n = len(units)
    inserts = {op.at: op for op in ops if op.kind == "insert"}
    others = {op.at: op for op in ops if op.kind != "insert"}
    assert len(inserts) + len(others) == len(ops), "two operations at one place"
    blocks: list[Block] = []
    k = 0
    while True:
        if k in inserts:
            op = inserts.pop(k)
            par: Hashable = ("insert", k) if op.own_par else units[max(k - 1, 0)].par
            lines = [op.text]
            blocks.append(Block(lines if op.side == "src" else [],
                                lines if op.side == "tgt" else [], par,
                                _record(op, units[min(k, n - 1)].doc)))
        if k >= n:
            break
        unit = units[k]
        op = others.pop(k, None)
        if op is None:
            blocks.append(Block([unit.src], [unit.tgt], unit.par))
            k += 1
        elif op.kind == "merge":
            nxt = units[k + 1]
            assert nxt.par == unit.par or nxt.doc == unit.doc
            if op.side == "tgt":
                block = Block([unit.src, nxt.src], [f"{unit.tgt} {nxt.tgt}"], unit.par)
            else:
                block = Block([f"{unit.src} {nxt.src}"], [unit.tgt, nxt.tgt], unit.par)
            block.op = _record(op, unit.doc)
            blocks.append(block)
            k += 2
        elif op.kind == "split":
            parts = unit.tgt_parts
            halves = [" ".join(parts[:op.cut]), " ".join(parts[op.cut:])]
            blocks.append(Block([unit.src], halves, unit.par, _record(op, unit.doc)))
            k += 1
        elif op.kind == "drop":
            blocks.append(Block([unit.src], [], unit.par, _record(op, unit.doc)))
            k += 1
        else:
            raise AssertionError(f"unknown operation {op.kind}")
    assert not inserts and not others, "an operation was not applied"
    return blocks


def _record(op: Op, doc: str) -> dict[str, Any]:
    record: dict[str, Any] = {"op": op.kind, "side": op.side, "doc": doc}
    if op.kind == "split":
        record["sentences_before_cut"] = op.cut
    if op.kind == "insert":
        record["text"] = op.text
        record["own_paragraph"] = op.own_par
    return record


# --- numbering, checking and writing ---------------------------------------------

def layout(blocks: Sequence[Block], level: str) -> tuple[list[str], list[str], list[list[list[int]]]]:
    """Lines of each side and the gold links (indices among non-empty lines).

    At sentence level a blank line goes wherever a side moves to another paragraph.
    """
    sides: list[list[str]] = [[], []]
    counts = [0, 0]
    last_par: list[Hashable] = [None, None]
    gold: list[list[list[int]]] = []
    for block in blocks:
        link: list[list[int]] = [[], []]
        for side, texts in enumerate((block.src, block.tgt)):
            for text in texts:
                if level == "sentence" and counts[side] and block.par != last_par[side]:
                    sides[side].append("")
                sides[side].append(text)
                link[side].append(counts[side])
                counts[side] += 1
                last_par[side] = block.par
        gold.append(link)
        if block.op is not None:
            block.op["link"] = link
    return sides[0], sides[1], gold


def check_case(src_lines: Sequence[str], tgt_lines: Sequence[str],
               gold: Sequence[Sequence[Sequence[int]]], level: str) -> None:
    """Fail loudly unless the lines are clean and the gold covers every line once, in order."""
    for name, lines in (("src", src_lines), ("tgt", tgt_lines)):
        for number, line in enumerate(lines):
            if line != line.strip() or "\n" in line or "\r" in line:
                raise AssertionError(f"{name} line {number} is not a clean single line")
        if level == "paragraph" and any(not line for line in lines):
            raise AssertionError(f"{name}: blank line at paragraph level")
        if lines and (not lines[0] or not lines[-1]):
            raise AssertionError(f"{name}: starts or ends with a blank line")
        if any(not a and not b for a, b in zip(lines, lines[1:])):
            raise AssertionError(f"{name}: two blank lines in a row")
    links = [Link(tuple(s), tuple(t)) for s, t in gold]
    check_coverage(links, sum(1 for x in src_lines if x), sum(1 for x in tgt_lines if x))


def link_type_counts(gold: Iterable[Sequence[Sequence[int]]]) -> Counter[str]:
    return Counter(link_type(len(s), len(t)) for s, t in gold)


def _gold_json(gold: Sequence[Sequence[Sequence[int]]]) -> str:
    body = ",\n".join("  " + json.dumps(link, ensure_ascii=False) for link in gold)
    return '{"links": [\n' + body + "\n]}\n"


def _lines_text(lines: Sequence[str]) -> str:
    return "\n".join(lines) + "\n"


def write_level(out: Path, level: str, cases: Sequence[Case], header: dict[str, Any]) -> None:
    """Write every case of one level and its index.json; remove stale case folders."""
    folder = out / level
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for case in cases:
        src_lines, tgt_lines, gold = layout(case.blocks, level)
        try:
            check_case(src_lines, tgt_lines, gold, level)
        except (AssertionError, AlignmentError) as error:
            raise AssertionError(f"{level}/{case.id}: bad gold: {error}") from error
        target = folder / case.id
        target.mkdir(exist_ok=True)
        write_text_atomic(target / "src.txt", _lines_text(src_lines))
        write_text_atomic(target / "tgt.txt", _lines_text(tgt_lines))
        write_text_atomic(target / "gold.json", _gold_json(gold))
        entries.append({
            "id": case.id,
            **case.info,
            "src_lines": sum(1 for x in src_lines if x),
            "tgt_lines": sum(1 for x in tgt_lines if x),
            "link_types": dict(sorted(link_type_counts(gold).items())),
            "operations": [block.op for block in case.blocks if block.op is not None],
        })
    keep = {case.id for case in cases}
    for stale in sorted(folder.iterdir()):
        if stale.is_dir() and stale.name not in keep and (stale / "gold.json").is_file():
            shutil.rmtree(stale)
    index = {**header, "level": level, "cases": entries}
    write_text_atomic(folder / "index.json", json.dumps(index, ensure_ascii=False, indent=1) + "\n")


# --- building the cases -----------------------------------------------------------

def wmt_cases(docs: Sequence[WmtDoc], seed: int) -> dict[str, list[Case]]:
    """Paragraph- and sentence-level cases from grouped WMT documents."""
    rng = random.Random(seed)
    cases: dict[str, list[Case]] = {level: [] for level in LEVELS}
    for number, group in enumerate(group_docs(docs), start=1):
        case_id = f"wmt-{number:02d}"
        info = {"source": "wmt23-ru-en", "docs": [d.id for d in group],
                "domains": dict(sorted(Counter(d.domain for d in group).items()))}
        paragraphs = [(doc.id, p) for doc in group for p in doc.paragraphs]
        para_units = [Unit(" ".join(s for s, _ in p), " ".join(t for _, t in p), doc, k,
                           tuple(t for _, t in p))
                      for k, (doc, p) in enumerate(paragraphs)]
        sent_units = [Unit(s, t, doc, k) for k, (doc, p) in enumerate(paragraphs) for s, t in p]
        cases["paragraph"].append(Case(case_id, "paragraph",
                                       apply_ops(para_units, plan_paragraph_ops(para_units, rng)),
                                       dict(info)))
        cases["sentence"].append(Case(case_id, "sentence",
                                      apply_ops(sent_units, plan_sentence_ops(sent_units, rng)),
                                      dict(info)))
    return cases


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


def udhr_case(data: Path) -> Case:
    """The UDHR case with gold by structure; the preamble's 1-2 is found and checked."""
    ru = _udhr_items(data / UDHR_SRC)
    en = _udhr_items(data / UDHR_TGT)
    ru_pre = [k for k, _ in ru if k[0] == "preamble" and k[1] != "title"]
    en_pre = [i for i, (k, _) in enumerate(en) if k[0] == "preamble" and k[1] != "title"]
    notes: list[dict[str, Any]] = []
    if len(en_pre) == len(ru_pre) + 1:
        # EN "Now, therefore," + "The General Assembly" render one RU paragraph.
        first = next((i for i in en_pre if en[i][1].startswith("Now, therefore")), None)
        ru_text = dict(ru)
        if first is None or first + 1 not in en_pre or en[first + 1][1] != "The General Assembly":
            raise DataError(f"{data / UDHR_TGT}: preamble has an extra para but not 'Now, therefore,'")
        ordinal = en[first][0][1]
        if not ru_text.get(("preamble", ordinal), "").startswith("Генеральная Ассамблея"):
            raise DataError(f"{data / UDHR_SRC}: preamble para {ordinal} is not 'Генеральная Ассамблея,'")
        for i in en_pre:
            if i > first:
                key, text = en[i]
                en[i] = (("preamble", key[1] - 1), text)
        notes.append({"what": "preamble: RU 'Генеральная Ассамблея,' renders EN 'Now, therefore,' + "
                              "'The General Assembly'", "ru_para": ordinal})
    elif len(en_pre) != len(ru_pre):
        raise DataError(f"{data}: UDHR preamble has {len(ru_pre)} RU and {len(en_pre)} EN paras")

    def grouped(items: list[tuple[tuple[Any, ...], str]]) -> list[tuple[tuple[Any, ...], list[str]]]:
        groups: list[tuple[tuple[Any, ...], list[str]]] = []
        for key, text in items:
            if groups and groups[-1][0] == key:
                groups[-1][1].append(text)
            else:
                groups.append((key, [text]))
        return groups

    ru_groups, en_groups = grouped(ru), grouped(en)
    ru_keys, en_keys = {k for k, _ in ru_groups}, {k for k, _ in en_groups}
    blocks: list[Block] = []
    i = j = 0
    while i < len(ru_groups) or j < len(en_groups):
        if i < len(ru_groups) and j < len(en_groups) and ru_groups[i][0] == en_groups[j][0]:
            blocks.append(Block(ru_groups[i][1], en_groups[j][1], None))
            i, j = i + 1, j + 1
        elif i < len(ru_groups) and ru_groups[i][0] not in en_keys:
            blocks.append(Block(ru_groups[i][1], [], None,
                                {"op": "original", "side": "src",
                                 "what": f"RU only: {ru_groups[i][0][0]}"}))
            i += 1
        elif j < len(en_groups) and en_groups[j][0] not in ru_keys:
            blocks.append(Block([], en_groups[j][1], None,
                                {"op": "original", "side": "tgt",
                                 "what": f"EN only: {en_groups[j][0][0]}"}))
            j += 1
        else:
            raise DataError(f"{data}: UDHR items are in a different order in RU and EN")
    one_sided = [b for b in blocks if not b.src or not b.tgt]
    if [b.op["what"] for b in one_sided if b.op] != ["RU only: note"]:
        raise DataError(f"{data}: UDHR structures differ beyond the RU adoption note")
    merged = [block for block in blocks if len(block.src) != 1 or len(block.tgt) != 1]
    merged = [block for block in merged if block.src and block.tgt]
    if len(merged) != len(notes):
        raise DataError(f"{data}: unexpected non-1-1 UDHR links: {len(merged)}")
    for block, note in zip(merged, notes):
        block.op = {"op": "original", "side": "tgt", "what": note["what"]}
    articles = {k[1] for k, _ in ru if k[0] == "article"}
    return Case("udhr", "paragraph", blocks,
                {"source": "udhr-en-ru", "docs": ["udhr_rus.xml", "udhr_eng.xml"],
                 "articles": len(articles),
                 "note": "real differences, nothing planted; 'operations' lists them (op 'original')"})


def build(data: Path, out: Path, seed: int) -> dict[str, list[Case]]:
    """Read the data, build every case and write them under ``out``."""
    if not data.is_dir():
        raise DataError(f"data folder not found: {data} (expected ../shared/data next to the "
                        f"repository; pass --data)")
    for needed in (WMT_FILE, UDHR_SRC, UDHR_TGT):
        if not (data / needed).is_file():
            raise DataError(f"missing data file: {data / needed}")
    cases = wmt_cases(read_wmt(data / WMT_FILE), seed)
    cases["paragraph"].append(udhr_case(data))
    header = {"seed": seed,
              "data": [str(WMT_FILE), str(UDHR_SRC), str(UDHR_TGT)],
              "format": "src.txt/tgt.txt one segment per non-empty line; gold.json "
                        "{\"links\": [[[src...], [tgt...]], ...]} indexed over non-empty lines"}
    for level in LEVELS:
        write_level(out, level, cases[level], header)
    return cases


def _summary(cases: dict[str, list[Case]]) -> str:
    parts = []
    for level in LEVELS:
        total: Counter[str] = Counter()
        for case in cases[level]:
            total += link_type_counts(layout(case.blocks, level)[2])
        types = ", ".join(f"{t}: {c}" for t, c in sorted(total.items(), key=lambda x: -x[1]))
        parts.append(f"{level}: {len(cases[level])} cases ({types})")
    return "; ".join(parts)


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
    print(f"wrote {args.out}: {_summary(cases)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
