"""TMX, XLIFF, TSV and XLSX exports: validity (DTD, strict schema), escaping, summaries,
round trips, atomicity."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import align
from align.errors import InputError
from align.formats import format_score
from align.formats.tmx import write_tmx
from align.formats.tmx_reader import read_tmx_pairs
from align.formats.tsv import read_tsv, write_tsv
from align.formats.tmx import LONG_SEGMENT
from align.formats.tsv import TSV_HEADER
from align.model import LINK_STATUSES, Alignment, Document, Link, Segment
from xml_validation import assert_valid_tmx, assert_valid_xliff

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TMX_DATE = re.compile(r"^\d{8}T\d{6}Z$")
# What XML 1.0 forbids, spelled independently of the writer.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


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
    path = tmp_path / "out.tmx"
    write_tmx(sample(), path)
    assert_valid_tmx(path)
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
    assert tuids == ["Новость_42-1", "Новость_42-4"]  # link numbers, from 1


def test_tmx_dtd_rejects_a_broken_file(tmp_path: Path) -> None:
    """The validation in these tests has teeth: a header without segtype fails."""
    path = tmp_path / "out.tmx"
    write_tmx(sample(), path)
    assert_valid_tmx(path)
    tree = etree.parse(str(path), SAFE_PARSER)
    del tree.getroot().find("header").attrib["segtype"]
    tree.write(str(path))
    with pytest.raises(AssertionError, match="segtype"):
        assert_valid_tmx(path)


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
    assert_valid_tmx(path)
    assert [(s, t) for s, t, _ in read_tmx_pairs(path)] == [
        (text, text + text), (f"x{text}x", text)]


def test_tmx_drops_forbidden_characters_and_counts_them(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    summary = write_tmx(make(["a\x00b\x01\x0bc\x7f", "\ufffe\uffff\ud800z"],
                             ["\x1fd\te\nf\rg", "ok"], [(1, 1), (1, 1)],
                             meta={"name": "doc\x02name"}), path)
    assert summary.dropped_chars == 3 + 3 + 1 + 1  # 7f (DEL) is allowed in XML 1.0
    assert_valid_tmx(path)
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
    assert_valid_tmx(path)


def test_tmx_overrides(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    a = make(["a"], ["b"], [(1, 1)], meta={"level": "sentence"})
    write_tmx(a, path)
    assert parse(path).find("header").get("segtype") == "sentence"
    write_tmx(a, path, segtype="paragraph", src_lang="ru", tgt_lang="en", doc_name="my doc")
    root = parse(path)
    assert root.find("header").get("segtype") == "paragraph"
    assert root.find("header").get("srclang") == "ru"
    assert root.find("body/tu").get("tuid") == "my_doc-1"
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
    assert parse(path).find("body/tu").get("tuid") == "статья_7.ru-1"


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
    assert_valid_tmx(path)
    units = parse(path).findall("body/tu")
    tuids = [tu.get("tuid") for tu in units]
    assert len(set(tuids)) == 5
    # Source languages differ (ru, de): the header says *all* (TMX 1.4b), each unit its own.
    assert parse(path).find("header").get("srclang") == "*all*"
    assert [tu.get("srclang") for tu in units] == ["ru"] * 4 + ["de"]
    assert [s for s, _, _ in read_tmx_pairs(path)] == [f"s{n} t" for n in range(5)]


def test_tmx_many_documents_of_one_language_keep_it_in_the_header(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx(iter([sample(), sample()]), path)
    assert_valid_tmx(path)
    assert parse(path).find("header").get("srclang") == "ru"
    assert read_tmx_pairs(path) == read_tmx_pairs(path)[:2] * 2


def test_tmx_empty_memory_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "empty.tmx"
    summary = write_tmx([], path)
    assert summary.units == 0
    assert_valid_tmx(path)
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
    (b"", "is empty"),
    (b"<xliff/>", "not a TMX file"),
    (b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</seg>'
     b"</tuv></tu></body></tmx>", "none of its 1 <tu> has two <tuv>"),
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


def test_read_tmx_refuses_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    path = tmp_path / "evil.tmx"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<tmx version="1.4"><header srclang="en"/><body><tu>'
        '<tuv xml:lang="de"><seg>x&xxe;y</seg></tuv><tuv xml:lang="en"><seg>&b;</seg></tuv>'
        "</tu></body></tmx>", encoding="utf-8")
    with pytest.raises(InputError, match="declares XML entities") as caught:
        read_tmx_pairs(path)
    assert "SECRET" not in str(caught.value)


def test_read_tmx_keeps_native_code_text(tmp_path: Path) -> None:
    path = tmp_path / "coded.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="EN-us"/><body><tu><tuv xml:lang="en-US">'
        '<seg>a <bpt i="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;</ept> <hi>hi</hi>!</seg>'
        '</tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert read_tmx_pairs(path) == [("a <b>bold</b> hi!", "б", {})]


# ---------------------------------------------------------------- TSV

def test_tsv_rows_and_escaping(tmp_path: Path) -> None:
    path = tmp_path / "out.tsv"
    a = make(["a\tb", "c\\nd", "e\r\nf"], ["x\\", "y"], [(1, 1), (1, 0), (1, 1)],
             scores=[0.12345, 1.0, 0.0])
    assert write_tsv(a, path).units == 3
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0] == TSV_HEADER == "link\ttype\tscore\tstatus\tsource\ttarget"
    # The link column counts from 1, as the review and every summary do.
    assert lines[1:] == ["1\t1-1\t0.1235\tauto\ta\\tb\tx\\\\", "2\t1-0\t1.0\tauto\tc\\\\nd\t",
                         "3\t1-1\t0.0\tauto\te\\r\\nf\ty", ""]
    rows = read_tsv(path)
    assert [(r.source, r.target) for r in rows] == [("a\tb", "x\\"), ("c\\nd", ""),
                                                    ("e\r\nf", "y")]
    assert write_tsv(a, path, include_one_sided=False).units == 2
    assert [line.split("\t")[0] for line in path.read_text().splitlines()[1:]] == ["1", "3"]
    assert [r.link for r in read_tsv(path)] == [0, 2]  # read back as the links' indices


@pytest.mark.parametrize("content, expected", [
    ("link\tscore\n", "line 1: expected the header"),
    (TSV_HEADER + "\n1\t1-1\t0.5\tauto\ta\n", "line 2: expected 6 columns, found 5"),
    (TSV_HEADER + "\n1\t1-1\tx\tauto\ta\tb\n", "line 2: could not convert"),
    (TSV_HEADER + "\n1\t1-1\t0.5\tauto\ta\\q\tb\n", "line 2: unknown escape \\q"),
    (TSV_HEADER + "\n1\t1-1\t0.5\tauto\ta\tb\\\n", "line 2: a lone backslash"),
    (TSV_HEADER + "\n0\t1-1\t0.5\tauto\ta\tb\n", "line 2: link number 0 (they count from 1)"),
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
    assert_valid_tmx(path)
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
                 FORBIDDEN.sub("", a.source_text(l)), FORBIDDEN.sub("", a.target_text(l)),
                 None, None, None, None)  # no context, no mark or note columns
                for n, l in enumerate(a.links) if one_sided or l.two_sided]
    assert [tuple(r) for r in read_tsv(path)] == expected
    assert path.read_text(encoding="utf-8").count("\n") == len(expected) + 1


# ---------------------------------------------------------------- options shared by writers

def expected_units(a: Alignment, *, context: bool = False, min_score: float = 0.0,
                   name: str | None = None) -> list[tuple[str, str, dict[str, str]]]:
    """What any writer should write for ``a``, derived here without the writers' code."""
    doc = FORBIDDEN.sub("", str(a.meta.get("name") or "")) if name is None else name
    units = []
    for link in a.links:
        if not (link.src and link.tgt) or round(link.score, 4) < min_score:
            continue
        props = {"x-confidence": format_score(link.score), "x-status": link.status,
                 "x-link-type": f"{len(link.src)}-{len(link.tgt)}", "x-document": doc or "doc"}
        if context:
            if link.src[0] > 0:
                props["x-context-pre"] = FORBIDDEN.sub("", a.source.segments[link.src[0] - 1].text)
            if link.src[-1] + 1 < len(a.source.segments):
                props["x-context-post"] = FORBIDDEN.sub("",
                                                        a.source.segments[link.src[-1] + 1].text)
        units.append((FORBIDDEN.sub("", " ".join(a.source.segments[i].text for i in link.src)),
                      FORBIDDEN.sub("", " ".join(a.target.segments[j].text for j in link.tgt)),
                      props))
    return units


def test_tmx_context_langs_and_filter(tmp_path: Path) -> None:
    path = tmp_path / "ctx.tmx"
    a = sample()
    summary = write_tmx(a, path, src_lang="ru-RU", tgt_lang="en-GB", context=True,
                        select=lambda link: link.score >= 0.9)
    assert_valid_tmx(path)
    assert summary.units == 1 and summary.filtered_out == 1 and summary.one_sided_skipped == 2
    [(source, target, props)] = read_tmx_pairs(path)
    assert props["x-context-post"] == "Фото: ТАСС" and "x-context-pre" not in props
    assert [t.get(XML_LANG) for t in parse(path).iter("tuv")] == ["ru-RU", "en-GB"]
    summary = write_tmx(a, path, context=True, select=lambda link: link.score >= 0.95)
    assert summary.units == 0 and summary.filtered_out == 2
    assert "2 links left out by the filter" in summary.describe()


def test_summary_flags_long_segments_and_dropped_characters(tmp_path: Path) -> None:
    a = make(["я" * (LONG_SEGMENT + 1), "a\x01b"], ["short", "c"], [(1, 1), (1, 1)])
    line = write_tmx(a, tmp_path / "x.tmx").describe()
    assert line.startswith("2 units, ")
    assert "1 segment over 2000 characters" in line and "not cut" in line
    assert "warning: 1 control character dropped" in line
    assert read_tmx_pairs(tmp_path / "x.tmx")[0][0] == "я" * (LONG_SEGMENT + 1)


# ---------------------------------------------------------------- XLIFF and XLSX

def test_xliff_structure_states_and_props(tmp_path: Path) -> None:
    from align.formats.xliff import XLIFF_NS, read_xliff_pairs, write_xliff

    a = make(["один", "два"], ["one", "two"], [(1, 1), (1, 1)], scores=[0.5, 0.25])
    a = a.with_links([a.links[0], Link((1,), (1,), 0.25, "confirmed")])
    summary = write_xliff(a, tmp_path / "o.xlf", src_lang="ru-RU", context=True)
    assert summary.units == 2
    root = parse(tmp_path / "o.xlf")
    q = f"{{{XLIFF_NS}}}"
    assert root.tag == q + "xliff" and root.get("version") == "1.2"
    file = root.find(q + "file")
    assert (file.get("source-language"), file.get("target-language")) == ("ru-RU", "en")
    units = file.findall(f"{q}body/{q}trans-unit")
    assert [u.find(q + "target").get("state") for u in units] == [
        "needs-review-translation", "signed-off"]
    assert [u.get("approved") for u in units] == [None, "yes"]
    # Unit ids are the links' numbers as a person reads them (from 1).
    assert [u.get("id") for u in units] == ["1", "2"]
    assert not any(el.prefix for el in root.iter())  # no ns0: prefixes
    assert_valid_xliff(tmp_path / "o.xlf")
    assert read_xliff_pairs(tmp_path / "o.xlf") == expected_units(a, context=True)


def test_xlsx_rows_keep_formulas_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from align.formats.xlsx import read_xlsx, write_xlsx

    a = make(["=1+1", "@cmd", "x"], ["=SUM(A1:A2)", "", "y"], [(1, 1), (1, 1), (1, 1)])
    path = tmp_path / "o.xlsx"
    assert write_xlsx(a, path, context=True).units == 3
    rows = read_xlsx(path)
    assert [(r.source, r.target, r.context_pre, r.context_post) for r in rows] == [
        ("=1+1", "=SUM(A1:A2)", "", "@cmd"), ("@cmd", "", "=1+1", "x"), ("x", "y", "@cmd", "")]
    sheet = load_workbook(path)["alignment"]
    assert sheet["E2"].data_type == "s" and sheet["F2"].data_type == "s"


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=alignments(texts(XML_HOSTILE)), context=st.booleans(),
       min_score=st.sampled_from([0.0, 0.5]))
def test_property_xliff_round_trip(tmp_path: Path, a: Alignment, context: bool,
                                   min_score: float) -> None:
    from align.formats.xliff import read_xliff_pairs, write_xliff

    path = tmp_path / "p.xlf"
    summary = write_xliff(a, path, context=context,
                          select=lambda link: round(link.score, 4) >= min_score)
    expected = expected_units(a, context=context, min_score=min_score)
    assert_valid_xliff(path)
    assert read_xliff_pairs(path) == expected
    assert summary.units == len(expected)


@settings_
@given(a=alignments(texts(XML_HOSTILE)), context=st.booleans(),
       min_score=st.sampled_from([0.0, 0.5]))
def test_property_tmx_round_trip_with_options(tmp_path: Path, a: Alignment, context: bool,
                                              min_score: float) -> None:
    path = tmp_path / "p.tmx"
    write_tmx(a, path, context=context, src_lang="ru-RU", tgt_lang="en-GB",
              select=lambda link: round(link.score, 4) >= min_score)
    assert_valid_tmx(path)
    assert read_tmx_pairs(path) == expected_units(a, context=context, min_score=min_score)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=alignments(texts(XML_HOSTILE)), context=st.booleans())
def test_property_xlsx_round_trip(tmp_path: Path, a: Alignment, context: bool) -> None:
    from align.formats.xlsx import read_xlsx, write_xlsx

    path = tmp_path / "p.xlsx"
    write_xlsx(a, path, context=context, include_one_sided=False)
    rows = read_xlsx(path)
    expected = expected_units(a, context=context)
    assert [(r.source, r.target) for r in rows] == [(s, t) for s, t, _ in expected]
    assert [(format_score(r.score), r.status, r.type) for r in rows] == [
        (p["x-confidence"], p["x-status"], p["x-link-type"]) for _, _, p in expected]
    if context:
        assert [(r.context_pre, r.context_post) for r in rows] == [
            (p.get("x-context-pre", ""), p.get("x-context-post", "")) for _, _, p in expected]


# ---------------------------------------------------------------- an independent reader

def _tt_tmx_pairs(path: Path) -> list[tuple[str, str]]:
    from translate.storage import tmx

    store = tmx.tmxfile.parsefile(str(path))
    return [(unit.source, unit.target) for unit in store.units]


def _tt_xliff_units(path: Path) -> list[tuple[str, str, dict[str, str]]]:
    from translate.storage import xliff

    store = xliff.xlifffile.parsefile(str(path))
    return [(unit.source, unit.target,
             dict(pair for group in unit.getcontextgroups(f"sverka-{unit.xmlelement.get('id')}")
                  for pair in group))
            for unit in store.units if unit.istranslatable()]


def test_translate_toolkit_reads_our_tmx_and_xliff(tmp_path: Path) -> None:
    pytest.importorskip("translate.storage.tmx", reason="translate-toolkit (test extra) "
                        "is not installed")
    from align.formats.xliff import write_xliff

    a = make(TRICKY, TRICKY[::-1], [(1, 1)] * len(TRICKY))
    write_tmx(a, tmp_path / "t.tmx", context=True)
    write_xliff(a, tmp_path / "t.xlf", context=True)
    assert_valid_tmx(tmp_path / "t.tmx")
    assert_valid_xliff(tmp_path / "t.xlf")
    ours = expected_units(a, context=True)
    assert _tt_tmx_pairs(tmp_path / "t.tmx") == [(s, t) for s, t, _ in ours]
    assert _tt_xliff_units(tmp_path / "t.xlf") == ours


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=alignments(texts(XML_HOSTILE)))
def test_property_translate_toolkit_sees_the_same_pairs(tmp_path: Path, a: Alignment) -> None:
    pytest.importorskip("translate.storage.tmx", reason="translate-toolkit (test extra) "
                        "is not installed")
    from align.formats.xliff import write_xliff

    write_tmx(a, tmp_path / "t.tmx")
    write_xliff(a, tmp_path / "t.xlf")
    assert_valid_xliff(tmp_path / "t.xlf")
    ours = expected_units(a)
    assert _tt_tmx_pairs(tmp_path / "t.tmx") == [(s, t) for s, t, _ in ours]
    assert _tt_xliff_units(tmp_path / "t.xlf") == ours


def test_tmx_header_becomes_all_even_after_a_long_language_code(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    first = make(["一"], ["one"], [(1, 1)], src_lang="zh-Hant-TW")
    write_tmx(iter([first, sample()]), path)
    assert_valid_tmx(path)
    assert parse(path).find("header").get("srclang") == "*all*"
    assert [tu.get("srclang") for tu in parse(path).iter("tu")] == ["zh-Hant-TW", "ru", "ru"]


# ---------------------------------------------------------------------------- notes and marks

def annotated_pair() -> Alignment:
    a = make(["один", "два", "три"], ["one", "two", "three"], [(1, 1), (1, 1), (1, 1)])
    return a.with_links([Link((0,), (0,), 0.9, note="a <note> & «quotes»\nline two"),
                         Link((1,), (1,), 0.9, mark="needs-work"),
                         Link((2,), (2,), 0.9, mark="bad")])


def test_xliff_with_notes_is_valid_against_the_strict_schema(tmp_path: Path) -> None:
    from align.formats.xliff import XLIFF_NS, write_xliff

    summary = write_xliff(annotated_pair(), tmp_path / "n.xlf", context=True, include_bad=True)
    assert (summary.units, summary.bad_left_out) == (3, 0)
    assert_valid_xliff(tmp_path / "n.xlf")
    tree = etree.parse(str(tmp_path / "n.xlf"), SAFE_PARSER)
    notes = [n.text for n in tree.iter(f"{{{XLIFF_NS}}}note")]
    assert notes == ["a <note> & «quotes»\nline two"]
    marks = [c.text for c in tree.iter(f"{{{XLIFF_NS}}}context")
             if c.get("context-type") == "x-mark"]
    assert marks == ["needs-work", "bad"]


def test_xliff_validation_has_teeth(tmp_path: Path) -> None:
    """A context group name used twice in a <file> (what sverka once wrote) fails."""
    from align.formats.xliff import XLIFF_NS, write_xliff

    path = tmp_path / "n.xlf"
    write_xliff(annotated_pair(), path)
    assert_valid_xliff(path)
    tree = etree.parse(str(path), SAFE_PARSER)
    for group in tree.iter(f"{{{XLIFF_NS}}}context-group"):
        group.set("name", "sverka")
    tree.write(str(path))
    with pytest.raises(AssertionError, match="context-group_name"):
        assert_valid_xliff(path)


def test_tmx_note_and_mark_prop_are_valid(tmp_path: Path) -> None:
    summary = write_tmx(annotated_pair(), tmp_path / "n.tmx", include_bad=True)
    assert (summary.units, summary.bad_left_out) == (3, 0)
    assert_valid_tmx(tmp_path / "n.tmx")
    pairs = read_tmx_pairs(tmp_path / "n.tmx")
    assert [p.get("x-mark") for _, _, p in pairs] == [None, "needs-work", "bad"]
    assert [n.text for n in parse(tmp_path / "n.tmx").iter("note")] == [
        "a <note> & «quotes»\nline two"]


def test_tsv_mark_and_note_columns_round_trip(tmp_path: Path) -> None:
    summary = write_tsv(annotated_pair(), tmp_path / "n.tsv", context=True)
    assert (summary.units, summary.bad_left_out) == (2, 1)
    header = (tmp_path / "n.tsv").read_text().splitlines()[0].split("\t")
    assert header[-4:] == ["context_pre", "context_post", "mark", "note"]
    rows = read_tsv(tmp_path / "n.tsv")
    assert [(r.context_post, r.mark, r.note) for r in rows] == [
        ("два", "", "a <note> & «quotes»\nline two"), ("три", "needs-work", "")]
