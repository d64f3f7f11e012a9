"""The WMT23 ru-en family: news, reviews and manuals translated segment by segment,
grouped into small "issues" and restructured.

Why: the test set is 1-1 by construction, so every non-1-1 link is planted; the base
cases (``wmt-NN``) keep the original planting, the ``wmt-rNN`` variants plant at several
rates, with omissions at the very start in some of them.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from lxml import etree

from devcases.model import Case, DataError, Unit, normalise
from devcases.plan import apply_ops, plan_paragraph_ops, plan_rate_ops, plan_sentence_ops
from devcases.split import split_of

WMT_FILE = Path("wmt23-ru-en") / "wmttest2023.ru-en.src-ref.xml"
MIN_PARAGRAPHS = 12
RATES = {"paragraph": (0.10, 0.25, 0.40), "sentence": (0.15,)}
"""The share of units an operation touches in the rate variants, per level."""


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


def untranslated(doc: WmtDoc) -> bool:
    """A document whose reference is the Russian text itself (infox.ru.36099 in the
    2023 set): a fault of the data, not a translation, so it is left out."""
    text = " ".join(t for p in doc.paragraphs for _, t in p)
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff") > 0.5 * len(letters)


def translated_groups(docs: Sequence[WmtDoc]) -> list[list[WmtDoc]]:
    return group_docs([doc for doc in docs if not untranslated(doc)])


def group_key(group: Sequence[WmtDoc]) -> str:
    """The document key of a case: its first WMT document (groups never overlap)."""
    return f"wmt:{group[0].id}"


def _units(group: Sequence[WmtDoc]) -> tuple[list[Unit], list[Unit]]:
    """Paragraph units and sentence units of one group, keyed by their place in the data."""
    paragraphs = [(doc.id, j, p) for doc in group for j, p in enumerate(doc.paragraphs)]
    para_units = [Unit(" ".join(s for s, _ in p), " ".join(t for _, t in p), doc, k,
                       tuple(t for _, t in p), f"wmt:{doc}#p{j}")
                  for k, (doc, j, p) in enumerate(paragraphs)]
    sent_units = [Unit(s, t, doc, k, (), f"wmt:{doc}#p{j}.s{m}")
                  for k, (doc, j, p) in enumerate(paragraphs) for m, (s, t) in enumerate(p)]
    return para_units, sent_units


def _info(group: Sequence[WmtDoc], family: str) -> dict[str, Any]:
    return {"family": family, "split": split_of(group_key(group)), "doc": group_key(group),
            "src_lang": "ru", "tgt_lang": "en", "source": "wmt23-ru-en",
            "docs": [d.id for d in group],
            "domains": dict(sorted(Counter(d.domain for d in group).items()))}


def wmt_cases(docs: Sequence[WmtDoc], seed: int) -> dict[str, list[Case]]:
    """Paragraph- and sentence-level cases from grouped WMT documents: the base planting
    (3-4 operations a case) and the rate variants."""
    rng = random.Random(seed)
    cases: dict[str, list[Case]] = {"paragraph": [], "sentence": []}
    groups = translated_groups(docs)
    for number, group in enumerate(groups, start=1):
        case_id = f"wmt-{number:02d}"
        para_units, sent_units = _units(group)
        cases["paragraph"].append(Case(case_id, "paragraph",
                                       apply_ops(para_units, plan_paragraph_ops(para_units, rng)),
                                       _info(group, "wmt")))
        cases["sentence"].append(Case(case_id, "sentence",
                                      apply_ops(sent_units, plan_sentence_ops(sent_units, rng)),
                                      _info(group, "wmt")))
    # the rate variants draw from their own generator: the base cases stay as they were
    rng = random.Random(f"{seed}:wmt-rates")
    for number, group in enumerate(groups, start=1):
        units = dict(zip(("paragraph", "sentence"), _units(group)))
        for level, rates in RATES.items():
            for rate in rates:
                omit_start = number % 3 == 0
                ops = plan_rate_ops(units[level], rng, rate, level, "ru", "en", omit_start)
                label = f"r{round(rate * 100):02d}"
                info = {**_info(group, f"wmt-{label}"), "rate": rate, "omit_start": omit_start}
                cases[level].append(Case(f"wmt-{label}-{number:02d}", level,
                                         apply_ops(units[level], ops), info))
    return cases


def wmt_bank(docs: Sequence[WmtDoc]) -> dict[str, tuple[str, str]]:
    """Every unit's texts by key, for tracing gold links back to the data."""
    bank: dict[str, tuple[str, str]] = {}
    for group in translated_groups(docs):
        for unit in (u for units in _units(group) for u in units):
            bank[unit.key] = (unit.src, unit.tgt)
    return bank
