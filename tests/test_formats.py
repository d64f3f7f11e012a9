"""TMX 1.4b and TSV exports: DTD validity, escaping, summaries, round trips, atomicity."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import align
from align.errors import InputError
from align.formats import format_score, read_tmx_pairs, read_tsv, write_tmx, write_tsv
from align.formats.tmx import LONG_SEGMENT
from align.formats.tsv import TSV_HEADER
from align.model import LINK_STATUSES, Alignment, Document, Link, Segment

DTD_PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "tmx" / "tmx14.dtd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TMX_DATE = re.compile(r"^\d{8}T\d{6}Z$")
# What XML 1.0 forbids, spelled independently of the writer.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@lru_cache(maxsize=1)
def tmx_dtd() -> etree.DTD | None:
    return etree.DTD(str(DTD_PATH)) if DTD_PATH.is_file() else None


def assert_valid(path: Path) -> None:
    """Validate against the TMX 1.4 DTD (when the shared copy is there)."""
    dtd = tmx_dtd()
    if dtd is None:
        return
    tree = etree.parse(str(path), SAFE_PARSER)
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()


def parse(path: Path) -> etree._Element:
    return etree.parse(str(path), SAFE_PARSER).getroot()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def make(src: list[str], tgt: list[str], shape: list[tuple[int, int]], *,
         src_lang: str = "ru", tgt_lang: str = "en", meta: dict | None = None,
         scores: list[float] | None = None) -> Alignment:
    """An alignment from texts and link shapes ``(n_src, n_tgt)``."""
    links, i, j = [], 0, 0
    for number, (n, m) in enumerate(shape):
        score = scores[number] if scores else 0.5
        links.append(Link(tuple(range(i, i + n)), tuple(range(j, j + m)), score, "auto"))
        i, j = i + n, j + m
    return Alignment(Document(src_lang, tuple(Segment(t) for t in src)),
                     Document(tgt_lang, tuple(Segment(t) for t in tgt)),
                     tuple(links), meta if meta is not None else {"name": "test"})


TRICKY = ["&", "<", ">", '"', "'", "]]>", "&amp;", "<seg>", "  double  ", " lead", "trail ",
          "Ёжик в тумане", "😀👍🏽", "\t", "\n", "\r\n", "\\n", "\\", "\u00a0", "\u200b",
          "\U0001f600", "text"]


def sample() -> Alignment:
    return make(
        ["Первый «абзац» & <тег>", "второй", "Фото: ТАСС", "Конец ]]> 'цитаты'"],
        ["First \"paragraph\" & <tag>", "Read more", "The  end   ]]>  "],
        [(2, 1), (1, 0), (0, 1), (1, 1)],
        meta={"name": "Новость 42", "level": "paragraph"},
        scores=[0.93, 0.2, 0.3, 0.876543])


# ---------------------------------------------------------------- TMX structure

def test_tmx_is_valid_and_has_the_header(tmp_path: Path) -> None:
    if tmx_dtd() is None:
        pytest.skip(f"TMX 1.4 DTD not found at {DTD_PATH}")
    path = tmp_path / "out.tmx"
    write_tmx(sample(), path)
    assert_valid(path)
    raw = path.read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n'
                          b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">')
    root = parse(path)
    header = root.find("header")
    assert header.attrib == {
        "creationtool": "sverka", "creationtoolversion": align.__version__,
        "segtype": "paragraph", "o-tmf": "sverka", "adminlang": "en", "srclang": "ru",
        "datatype": "plaintext", "creationdate": header.get("creationdate")}
    assert TMX_DATE.match(header.get("creationdate"))
    units = root.findall("body/tu")
    assert len(units) == 2
    for tu in units:
        assert TMX_DATE.match(tu.get("creationdate"))
        tuvs = tu.findall("tuv")
        assert [t.get(XML_LANG) for t in tuvs] == ["ru", "en"]
        assert tuvs[0].get(XML_LANG) == header.get("srclang")
        assert [p.get("type") for p in tu.findall("prop")] == [
            "x-confidence", "x-status", "x-link-type", "x-document"]
    tuids = [tu.get("tuid") for tu in units]
    assert len(set(tuids)) == len(tuids) and not any(" " in t for t in tuids)
    assert tuids == ["Новость_42-0", "Новость_42-3"]


def test_tmx_dtd_rejects_a_broken_file(tmp_path: Path) -> None:
    """The validation in these tests has teeth: a header without segtype fails."""
    if tmx_dtd() is None:
        pytest.skip(f"TMX 1.4 DTD not found at {DTD_PATH}")
    path = tmp_path / "out.tmx"
    write_tmx(sample(), path)
    tree = etree.parse(str(path), SAFE_PARSER)
    del tree.getroot().find("header").attrib["segtype"]
    assert not tmx_dtd().validate(tree)


def test_tmx_summary_and_props(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    summary = write_tmx(sample(), path)
    assert summary.units == 2
    assert summary.one_sided_skipped == 2
    assert summary.link_types == {"0-1": 1, "1-0": 1, "1-1": 1, "2-1": 1}
    assert summary.dropped_chars == 0 and summary.long_segments == 0
    assert summary.documents == 1
    pairs = read_tmx_pairs(path)
    assert pairs == [
        ("Первый «абзац» & <тег> второй", 'First "paragraph" & <tag>',
         {"x-confidence": "0.93", "x-status": "auto", "x-link-type": "2-1",
          "x-document": "Новость 42"}),
        ("Конец ]]> 'цитаты'", "The  end   ]]>  ",
         {"x-confidence": "0.8765", "x-status": "auto", "x-link-type": "1-1",
          "x-document": "Новость 42"}),
    ]


@pytest.mark.parametrize("text", TRICKY)
def test_tmx_escaping_round_trips(tmp_path: Path, text: str) -> None:
    path = tmp_path / "out.tmx"
    write_tmx(make([text, f"x{text}x"], [f"{text}{text}", text], [(1, 1), (1, 1)]), path)
    assert_valid(path)
    assert [(s, t) for s, t, _ in read_tmx_pairs(path)] == [
        (text, text + text), (f"x{text}x", text)]


def test_tmx_drops_forbidden_characters_and_counts_them(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    summary = write_tmx(make(["a\x00b\x01\x0bc\x7f", "\ufffe\uffff\ud800z"],
                             ["\x1fd\te\nf\rg", "ok"], [(1, 1), (1, 1)],
                             meta={"name": "doc\x02name"}), path)
    assert summary.dropped_chars == 3 + 3 + 1 + 1  # 7f (DEL) is allowed in XML 1.0
    assert_valid(path)
    assert [(s, t) for s, t, _ in read_tmx_pairs(path)] == [
        ("abc\x7f", "d\te\nf\rg"), ("z", "ok")]
    raw = path.read_bytes()
    assert b"\x00" not in raw and b"&#0;" not in raw and b"&#1;" not in raw


def test_tmx_counts_long_segments_and_keeps_lang_codes(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    long = "я" * (LONG_SEGMENT + 1)
    summary = write_tmx(make([long, "short"], [long[:LONG_SEGMENT], long], [(1, 1), (1, 1)],
                             src_lang="ru-RU", tgt_lang="en-GB"), path)
    assert summary.long_segments == 2
    root = parse(path)
    assert root.find("header").get("srclang") == "ru-RU"
    assert [t.get(XML_LANG) for t in root.iter("tuv")] == ["ru-RU", "en-GB"] * 2
    assert_valid(path)


def test_tmx_overrides(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    a = make(["a"], ["b"], [(1, 1)], meta={"level": "sentence"})
    write_tmx(a, path)
    assert parse(path).find("header").get("segtype") == "sentence"
    write_tmx(a, path, segtype="paragraph", src_lang="ru", tgt_lang="en", doc_name="my doc")
    root = parse(path)
    assert root.find("header").get("segtype") == "paragraph"
    assert root.find("header").get("srclang") == "ru"
    assert root.find("body/tu").get("tuid") == "my_doc-0"
    assert read_tmx_pairs(path)[0][2]["x-document"] == "my doc"
    with pytest.raises(ValueError, match="segtype"):
        write_tmx(a, path, segtype="word")


def test_tmx_document_name_from_source_path(tmp_path: Path) -> None:
    a = make(["a"], ["b"], [(1, 1)], meta={})
    a = Alignment(Document("ru", a.source.segments, {"path": "/x/статья 7.ru.txt"}),
                  a.target, a.links, {})
    path = tmp_path / "out.tmx"
    write_tmx(a, path)
    assert read_tmx_pairs(path)[0][2]["x-document"] == "статья 7.ru"
    assert parse(path).find("body/tu").get("tuid") == "статья_7.ru-0"


def test_tmx_many_documents_stream_with_unique_tuids(tmp_path: Path) -> None:
    consumed = []

    def pairs() -> Iterator[Alignment]:
        for n in range(5):
            consumed.append(n)
            lang = "de" if n == 4 else "ru"
            yield make([f"s{n}", "t"], [f"u{n}"], [(2, 1)], src_lang=lang,
                       meta={"name": "same name"})

    path = tmp_path / "memory.tmx"
    summary = write_tmx(pairs(), path)
    assert consumed == [0, 1, 2, 3, 4]
    assert summary.units == 5 and summary.documents == 5
    assert_valid(path)
    units = parse(path).findall("body/tu")
    tuids = [tu.get("tuid") for tu in units]
    assert len(set(tuids)) == 5
    # A unit whose source language differs from the header says so itself.
    assert [tu.get("srclang") for tu in units] == [None] * 4 + ["de"]
    assert [s for s, _, _ in read_tmx_pairs(path)] == [f"s{n} t" for n in range(5)]


def test_tmx_empty_memory_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "empty.tmx"
    summary = write_tmx([], path)
    assert summary.units == 0
    assert_valid(path)
    assert read_tmx_pairs(path) == []


def test_tmx_failure_midway_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text("previous", encoding="utf-8")

    def pairs() -> Iterator[Alignment]:
        yield sample()
        raise RuntimeError("aligner crashed")

    with pytest.raises(RuntimeError):
        write_tmx(pairs(), path)
    assert path.read_text(encoding="utf-8") == "previous"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", ["tmx", "tsv"])
def test_unwritable_paths_are_input_errors(tmp_path: Path, writer: str) -> None:
    write = {"tmx": write_tmx, "tsv": write_tsv}[writer]
    with pytest.raises(InputError, match="does not exist"):
        write(sample(), tmp_path / "missing" / f"out.{writer}")
    with pytest.raises(InputError, match="is a directory"):
        write(sample(), tmp_path)
    assert leftovers(tmp_path) == []
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- the safe TMX reader

@pytest.mark.parametrize("content, expected", [
    (b'<?xml version="1.0"?>\n<tmx version="1.4">\n<header/>\n<body><tu>', "line 4"),
    (b"", "not well-formed"),
    (b"<xliff/>", "not a TMX file"),
    (b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</seg>'
     b"</tuv></tu></body></tmx>", "needs two <tuv>"),
    (b'<tmx version="1.4"><header srclang="en"/><body><tu tuid="7"><tuv><seg>a</seg></tuv>'
     b'<tuv xml:lang="de"><seg>b</seg></tuv></tu></body></tmx>', "(tuid 7)"),
])
def test_read_tmx_rejects_malformed_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.tmx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(expected)):
        read_tmx_pairs(path)
    with pytest.raises(InputError, match="cannot read"):
        read_tmx_pairs(tmp_path / "absent.tmx")


def test_read_tmx_resolves_no_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    path = tmp_path / "evil.tmx"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<tmx version="1.4"><header srclang="en"/><body><tu>'
        '<tuv xml:lang="de"><seg>x&xxe;y</seg></tuv><tuv xml:lang="en"><seg>&b;</seg></tuv>'
        "</tu></body></tmx>", encoding="utf-8")
    [(source, target, _)] = read_tmx_pairs(path)
    assert source == "" and target == "xy"  # srclang picks the English tuv as the source
    assert "SECRET" not in source + target


def test_read_tmx_skips_native_codes(tmp_path: Path) -> None:
    path = tmp_path / "coded.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="EN-us"/><body><tu><tuv xml:lang="en-US">'
        '<seg>a <bpt i="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;</ept> <hi>hi</hi>!</seg>'
        '</tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert read_tmx_pairs(path) == [("a bold hi!", "б", {})]


# ---------------------------------------------------------------- TSV

def test_tsv_rows_and_escaping(tmp_path: Path) -> None:
    path = tmp_path / "out.tsv"
    a = make(["a\tb", "c\\nd", "e\r\nf"], ["x\\", "y"], [(1, 1), (1, 0), (1, 1)],
             scores=[0.12345, 1.0, 0.0])
    assert write_tsv(a, path) == 3
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0] == TSV_HEADER == "link\ttype\tscore\tstatus\tsource\ttarget"
    assert lines[1:] == ["0\t1-1\t0.1235\tauto\ta\\tb\tx\\\\", "1\t1-0\t1.0\tauto\tc\\\\nd\t",
                         "2\t1-1\t0.0\tauto\te\\r\\nf\ty", ""]
    rows = read_tsv(path)
    assert [(r.source, r.target) for r in rows] == [("a\tb", "x\\"), ("c\\nd", ""),
                                                    ("e\r\nf", "y")]
    assert write_tsv(a, path, include_one_sided=False) == 2
    assert [r.link for r in read_tsv(path)] == [0, 2]


@pytest.mark.parametrize("content, expected", [
    ("link\tscore\n", "line 1: expected the header"),
    (TSV_HEADER + "\n0\t1-1\t0.5\tauto\ta\n", "line 2: expected 6 columns, found 5"),
    (TSV_HEADER + "\n0\t1-1\tx\tauto\ta\tb\n", "line 2: could not convert"),
    (TSV_HEADER + "\n0\t1-1\t0.5\tauto\ta\\q\tb\n", "line 2: unknown escape \\q"),
    (TSV_HEADER + "\n0\t1-1\t0.5\tauto\ta\tb\\\n", "line 2: a lone backslash"),
])
def test_read_tsv_rejects_bad_files(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(expected)):
        read_tsv(path)


# ---------------------------------------------------------------- properties

SCORES = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
PLAIN = st.characters(blacklist_categories=("Cs",))


def texts(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(TRICKY), alphabet), max_size=6).map("".join)


@st.composite
def alignments(draw: st.DrawFn, text: st.SearchStrategy[str]) -> Alignment:
    shape = draw(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3))
                          .filter(lambda t: t != (0, 0)), max_size=7))
    n_src, n_tgt = sum(n for n, _ in shape), sum(m for _, m in shape)
    links, i, j = [], 0, 0
    for n, m in shape:
        links.append(Link(tuple(range(i, i + n)), tuple(range(j, j + m)),
                          draw(SCORES), draw(st.sampled_from(LINK_STATUSES))))
        i, j = i + n, j + m
    src = tuple(Segment(draw(text)) for _ in range(n_src))
    tgt = tuple(Segment(draw(text)) for _ in range(n_tgt))
    name = draw(st.text(st.sampled_from("ab cЖ-_.😀/"), min_size=0, max_size=8))
    level = draw(st.sampled_from(["paragraph", "sentence"]))
    return Alignment(Document("ru", src), Document("en-US", tgt), tuple(links),
                     {"name": name, "level": level})


XML_HOSTILE = st.one_of(PLAIN, st.sampled_from(["\x00", "\x0b", "\x1f", "\ufffe", "\uffff",
                                                "\ud800", "\udfff"]))
settings_ = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings_
@given(a=alignments(texts(XML_HOSTILE)))
def test_property_tmx_round_trip(tmp_path: Path, a: Alignment) -> None:
    path = tmp_path / "p.tmx"
    summary = write_tmx(a, path)
    assert_valid(path)
    expected, dropped = [], len(FORBIDDEN.findall(str(a.meta["name"])))
    for link in a.links:
        if not link.two_sided:
            continue
        s, t = a.source_text(link), a.target_text(link)
        dropped += len(FORBIDDEN.findall(s)) + len(FORBIDDEN.findall(t))
        expected.append((FORBIDDEN.sub("", s), FORBIDDEN.sub("", t),
                         {"x-confidence": format_score(link.score), "x-status": link.status,
                          "x-link-type": link.type,
                          "x-document": FORBIDDEN.sub("", str(a.meta["name"])) or "doc"}))
    assert read_tmx_pairs(path) == expected
    assert summary.units == len(expected)
    assert summary.one_sided_skipped == sum(not l.two_sided for l in a.links)
    assert summary.dropped_chars == dropped
    assert sum(summary.link_types.values()) == len(a.links)
    root = parse(path)
    assert root.find("header").get("segtype") == a.level
    tuids = [tu.get("tuid") for tu in root.iter("tu")]
    assert len(set(tuids)) == len(tuids) and all(" " not in t for t in tuids)


@settings_
@given(a=alignments(texts(PLAIN)), one_sided=st.booleans())
def test_property_tsv_round_trip(tmp_path: Path, a: Alignment, one_sided: bool) -> None:
    path = tmp_path / "p.tsv"
    write_tsv(a, path, include_one_sided=one_sided)
    expected = [(n, l.type, float(format_score(l.score)), l.status,
                 a.source_text(l), a.target_text(l))
                for n, l in enumerate(a.links) if one_sided or l.two_sided]
    assert [tuple(r) for r in read_tsv(path)] == expected
    assert path.read_text(encoding="utf-8").count("\n") == len(expected) + 1
