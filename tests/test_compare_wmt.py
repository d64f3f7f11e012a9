"""``compare`` and ``check`` on real renderings: WMT23 ru-en documents with their human
reference and machine renderings (read in place from ../shared/data; skipped without it).

The known pairing is the data's own: paragraph k of every rendering is the segments whose
ids are those of the original's paragraph k. When sverka's alignment is that pairing, its
corpus scores must be sacrebleu's; and defects built into the reference (a paragraph
dropped, a number changed, a name misspelt) must each be flagged where they were made.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import sacrebleu
from lxml import etree

from align.check.names import name_candidates, name_key
from align.cli import main
from align.compare import compare_files
from align.options import PairOptions
from align.pairing import PairRequest
from align.signals.translit import latin_skeletons

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
WMT = DATA / "wmt23-ru-en" / "wmttest2023.ru-en.all.xml"
DOCS = ("altapress.ru.37320", "armenpress-ru.63072", "bbc-russian.10085", "interfax.56858",
        "rfi-russian.5562")
SYSTEMS = ("GPT4-5shot", "ONLINE-W", "NLLB_Greedy")

pytestmark = pytest.mark.skipif(not WMT.is_file(), reason=f"shared WMT23 data not found at {WMT}")


@dataclass(frozen=True)
class WmtDoc:
    id: str
    original: list[str]
    renderings: dict[str, list[str]]
    """"ref" and each system: paragraph k holds the segments of original paragraph k."""


def _text(seg: etree._Element) -> str:
    return " ".join("".join(seg.itertext()).split())


def read_wmt(path: Path, ids: tuple[str, ...]) -> dict[str, WmtDoc]:
    """The listed documents, every rendering regrouped by the original's paragraphs (the
    system outputs keep the segment ids but not always the paragraphs)."""
    docs = {}
    for doc in etree.parse(str(path)).getroot().iter("doc"):
        if doc.get("id") not in ids:
            continue
        paragraphs = [[(seg.get("id"), _text(seg)) for seg in p.findall("seg")]
                      for p in doc.find("src").findall("p")]
        paragraphs = [p for p in paragraphs if any(text for _, text in p)]
        renderings = {}
        for element in [doc.find("ref"), *doc.findall("hyp")]:
            name = "ref" if element.tag == "ref" else element.get("system")
            segs = {seg.get("id"): _text(seg) for seg in element.iter("seg")}
            renderings[name] = [" ".join(segs[i] for i, _ in p) for p in paragraphs]
        docs[doc.get("id")] = WmtDoc(doc.get("id"), [" ".join(t for _, t in p) for p in paragraphs],
                                     renderings)
    return docs


@pytest.fixture(scope="module")
def wmt() -> dict[str, WmtDoc]:
    docs = read_wmt(WMT, DOCS)
    assert set(docs) == set(DOCS)
    return docs


def write(path: Path, paragraphs: list[str]) -> Path:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ compare = sacrebleu

def test_compare_reports_sacrebleu_scores_when_the_alignment_is_right(wmt, tmp_path) -> None:
    options = PairOptions("ru", "en")
    for doc in wmt.values():
        folder = tmp_path / doc.id
        folder.mkdir()
        original = write(folder / "ru.txt", doc.original)
        reference = write(folder / "ref.txt", doc.renderings["ref"])
        paths = [write(folder / f"{system}.txt", doc.renderings[system]) for system in SYSTEMS]
        comparison = compare_files(original, paths, reference, options)
        # the alignment is right: one unit per paragraph, each text the known paragraph
        assert comparison.units == tuple((k,) for k in range(len(doc.original))), doc.id
        assert list(comparison.reference) == doc.renderings["ref"], doc.id
        for system, texts, scores in zip(SYSTEMS, comparison.texts, comparison.corpus):
            hyps, refs = doc.renderings[system], [doc.renderings["ref"]]
            assert list(texts) == hyps, (doc.id, system)
            assert scores.bleu == pytest.approx(sacrebleu.corpus_bleu(hyps, refs).score, abs=1e-9)
            assert scores.chrf == pytest.approx(sacrebleu.corpus_chrf(hyps, refs).score, abs=1e-9)


def test_compare_command_prints_the_same_scores(wmt, tmp_path, capsys) -> None:
    doc = wmt["bbc-russian.10085"]
    original = write(tmp_path / "ru.txt", doc.original)
    reference = write(tmp_path / "ref.txt", doc.renderings["ref"])
    system = write(tmp_path / "GPT4-5shot.txt", doc.renderings["GPT4-5shot"])
    other = write(tmp_path / "ONLINE-W.txt", doc.renderings["ONLINE-W"])
    assert main(["compare", str(original), str(system), str(other), "--reference",
                 str(reference)]) == 0
    row = next(line.split() for line in capsys.readouterr().out.splitlines()
               if line.startswith("GPT4-5shot.txt "))
    hyps, refs = doc.renderings["GPT4-5shot"], [doc.renderings["ref"]]
    assert row[1:3] == [f"{sacrebleu.corpus_bleu(hyps, refs).score:.1f}",
                        f"{sacrebleu.corpus_chrf(hyps, refs).score:.1f}"]


def test_a_reference_of_another_document_is_refused(wmt, tmp_path, capsys) -> None:
    doc, other = wmt["interfax.56858"], wmt["rfi-russian.5562"]
    original = write(tmp_path / "ru.txt", doc.original)
    wrong = write(tmp_path / "other-ref.txt", other.renderings["ref"])
    paths = [write(tmp_path / f"{s}.txt", doc.renderings[s]) for s in SYSTEMS[:2]]
    assert main(["compare", str(original), *map(str, paths), "--reference", str(wrong)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "other-ref.txt" in err[0] and "another document" in err[0]


# ------------------------------------------------------------------ check finds built defects

def _flags(capsys, original: Path, rendering: Path) -> list[dict]:
    assert main(["check", str(original), str(rendering), "--src-lang", "ru", "--tgt-lang",
                 "en", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)["flags"]


def _at(flags: list[dict], code: str, src: int) -> list[dict]:
    """Flags of ``code`` on original paragraph ``src`` (from 0; the report counts from 1)."""
    return [f for f in flags if f["code"] == code and src + 1 in f["src"]]


_NUMBER = re.compile(r"(?<![\d.,])\d{2,}(?![\d.,]\d)")


def _changed_number(doc: WmtDoc) -> tuple[int, str] | None:
    """A paragraph whose reference repeats a number (13 or more) of the original, with
    that number changed by one."""
    for k, (ru, en) in enumerate(zip(doc.original, doc.renderings["ref"])):
        for match in _NUMBER.finditer(en):
            if int(match.group()) > 12 and re.search(rf"(?<!\d){match.group()}(?!\d)", ru):
                changed = str(int(match.group()) + 1)
                return k, en[:match.start()] + changed + en[match.end():]
    return None


_CONSONANTS = set("bcdfghjklmnpqrstvwxz")


def _transposed(word: str) -> str:
    """A typo: the first two adjacent consonants after the first letter swapped
    (Nazarbayev → Nazabrayev), else the first two consonants after it."""
    letters = list(word)
    places = [i for i in range(1, len(letters)) if letters[i].lower() in _CONSONANTS]
    pairs = list(zip(places, places[1:]))
    pairs = [(a, b) for a, b in pairs if b == a + 1] or pairs
    a, b = pairs[0]
    letters[a], letters[b] = letters[b], letters[a]
    return "".join(letters)


def _misspelt_name(doc: WmtDoc) -> tuple[int, str, str] | None:
    """A paragraph whose reference spells a name of the original, every occurrence of that
    spelling there misspelt by a transposition."""
    candidates = name_candidates(doc.original, "ru")
    for k, (names, en) in enumerate(zip(candidates, doc.renderings["ref"])):
        words = re.findall(r"\b[A-Z][a-z]{4,}\b", en)
        keys = [name_key(s) for s in latin_skeletons(words)]
        for name, skeleton in zip(names, latin_skeletons(names)):
            key = name_key(skeleton)
            for word, word_key in zip(words, keys):
                if word_key == key and _transposed(word) != word:
                    return k, name, re.sub(rf"\b{word}\b", _transposed(word), en)
    return None


def test_check_finds_a_dropped_paragraph_a_changed_number_and_a_misspelt_name(
        wmt, tmp_path, capsys) -> None:
    found = {"omission": 0, "omission exact": 0, "numbers": 0, "names": 0}
    log: list[str] = []
    for doc in wmt.values():
        folder = tmp_path / doc.id
        folder.mkdir()
        original = write(folder / "ru.txt", doc.original)
        ref = doc.renderings["ref"]
        clean = _flags(capsys, original, write(folder / "ref.txt", ref))

        dropped = len(ref) // 2
        flags = _flags(capsys, original, write(folder / "dropped.txt",
                                               ref[:dropped] + ref[dropped + 1:]))
        assert not [f for f in clean if f["code"] == "omission"], doc.id
        omitted = [[i - 1 for i in f["src"]] for f in flags if f["code"] == "omission"]
        log.append(f"{doc.id}: paragraph {dropped} dropped, omission flagged at {omitted}")
        assert len(omitted) == 1 and abs(omitted[0][0] - dropped) <= 1, (doc.id, omitted)
        found["omission"] += 1
        found["omission exact"] += omitted[0] == [dropped]

        number = _changed_number(doc)
        if number is not None:
            k, text = number
            assert not _at(clean, "numbers", k), doc.id
            flags = _flags(capsys, original, write(folder / "number.txt",
                                                   ref[:k] + [text] + ref[k + 1:]))
            assert _at(flags, "numbers", k), (doc.id, text)
            log.append(f"{doc.id}: number changed in {k}: {_at(flags, 'numbers', k)[0]['message']}")
            found["numbers"] += 1

        name = _misspelt_name(doc)
        if name is not None:
            k, source_name, text = name
            assert not [f for f in _at(clean, "names", k) if source_name in f["message"]]
            flags = _flags(capsys, original, write(folder / "name.txt",
                                                   ref[:k] + [text] + ref[k + 1:]))
            assert [f for f in _at(flags, "names", k) if source_name in f["message"]], \
                (doc.id, source_name, text)
            log.append(f"{doc.id}: name misspelt in {k}: "
                       f"{[f['message'] for f in _at(flags, 'names', k)]}")
            found["names"] += 1
    # every kind of defect was built in several documents (and found, asserted above)
    assert found["omission"] == len(DOCS) and found["numbers"] >= 3 and found["names"] >= 3, found
    # the omission lands on the dropped paragraph itself in 4 of the 5 documents; in
    # altapress the aligner pairs the paragraph after it instead (flagged one link later)
    assert found["omission exact"] >= len(DOCS) - 1, log


# ------------------------------------------------------------------ few false alarms on human work

def _known_pairing(original: list[str], rendering: list[str]):
    from align.model import Alignment, Document, Link, Segment

    rows = [(s, t) for s, t in zip(original, rendering) if s.strip() and t.strip()]
    return Alignment(Document("ru", tuple(Segment(s) for s, _ in rows)),
                     Document("en", tuple(Segment(t) for _, t in rows)),
                     tuple(Link((k,), (k,), 1.0, "confirmed") for k in range(len(rows))))


def test_human_references_raise_few_number_and_name_flags() -> None:
    """Every WMT23 ru-en document against its human reference, on the known pairing (558
    paragraph links). Before numbers in words, clock times and the name rules (titles,
    adjectives, lower-case forms, countries): 22 number errors, 19 number warnings, 7 name
    warnings, 168 name info. The errors left are the reference's own slips (a dropped
    "25,3 млрд", 16 тысяч → 26,000, "39.6 min") and the original's typos. Surnames spelt
    one or two edits off are counted apart: the two found are the reference's own slips
    (Alishicheva for Алешичева, Gorbchenko for Горобченко), not false alarms."""
    from collections import Counter

    from align.check import check_alignment

    spelt = re.compile(r"(\w+) spelt (\w+) \([^)]*\)(?:, )?")
    ids = tuple(doc.get("id") for doc in etree.parse(str(WMT)).getroot().iter("doc"))
    counts: Counter[tuple[str, str]] = Counter()
    misspelt: list[tuple[str, str]] = []
    links = 0
    for doc in read_wmt(WMT, ids).values():
        alignment = _known_pairing(doc.original, doc.renderings["ref"])
        links += len(alignment.links)
        for flag in check_alignment(alignment, codes=["numbers", "names"]):
            misspelt += [(m.group(1), m.group(2)) for m in spelt.finditer(flag.message)]
            if spelt.sub("", flag.message).rstrip().endswith(":"):
                continue  # nothing but misspellings
            counts[flag.code, flag.severity] += 1
    assert links == 558
    assert counts["numbers", "error"] <= 8 and counts["numbers", "warning"] <= 8, counts
    assert counts["names", "warning"] <= 2 and counts["names", "info"] <= 130, counts
    assert counts["names", "error"] == 0, counts
    assert sorted(misspelt) == [("Алешичева", "Alishicheva"), ("Горобченко", "Gorbchenko")]


UDHR = DATA / "udhr-en-ru"


@pytest.mark.skipif(not (UDHR / "udhr_rus.xml").is_file(), reason="no UDHR data")
def test_the_udhr_in_russian_and_english_raises_no_warning(tmp_path) -> None:
    """The UDHR's Russian and English texts, aligned by sverka: the United Nations, the
    General Assembly and the Universal Declaration are translated titles, not missing names."""
    from align.check import at_least, check_alignment
    from align.pairing import align_request

    def paragraphs(path: Path) -> list[str]:
        return [_text(e) for e in etree.parse(str(path)).getroot().iter()
                if etree.QName(e).localname in ("title", "para")]

    ru = write(tmp_path / "ru.txt", paragraphs(UDHR / "udhr_rus.xml"))
    en = write(tmp_path / "en.txt", paragraphs(UDHR / "udhr_eng.xml"))
    alignment = align_request(PairRequest(ru, en, PairOptions("ru", "en")))
    flags = check_alignment(alignment, codes=["numbers", "names"])
    assert not [f for f in flags if at_least(f.severity, "warning")], flags
    assert len(flags) <= 3, flags  # was 2 warnings (Организацией, Организации) and 10 info
