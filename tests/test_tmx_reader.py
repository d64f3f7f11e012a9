"""The safe streaming TMX reader: other tools' files, encodings, inline codes, hostile and
broken files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from align.errors import InputError
from align.formats.tmx_reader import TmxReader, read_tmx_pairs

# A memory shaped like Trados/memoQ exports: upper-case codes, notes and props, dates,
# inline codes of every kind, a TMX 1.1 style `lang` attribute, a tu-level srclang.
FOREIGN = """<?xml version="1.0" encoding="{encoding}"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.0" o-tmf="SDL TM8"
          datatype="xml" segtype="sentence" adminlang="EN-US" srclang="EN-US">
    <prop type="x-Recognizers">RecognizeAll</prop>
  </header>
  <body>
    <!-- a comment between units -->
    <tu tuid="1" creationdate="20240102T030405Z" changedate="2024-05-06T07:08:09Z">
      <note>checked</note>
      <prop type="x-Origin">TM</prop>
      <tuv xml:lang="EN-US"><seg>Press <bpt i="1" type="bold">&lt;b&gt;</bpt>Start<ept i="1">&lt;/b&gt;</ept> now<ph x="2">&lt;br/&gt;</ph>!</seg></tuv>
      <tuv xml:lang="RU-RU"><seg>Нажмите <hi type="bold">«Пуск»</hi> сейчас<it pos="begin">&lt;i&gt;</it>!</seg></tuv>
    </tu>
    <tu tuid="2" srclang="RU-RU">
      <tuv lang="EN-US"><seg>A &amp; B &lt;c&gt; "d" ]]&gt;</seg></tuv>
      <tuv lang="RU-RU"><seg>А &amp; Б</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def write(tmp_path: Path, text: str, *, encoding: str = "utf-8", bom: bytes = b"",
          name: str = "in.tmx") -> Path:
    path = tmp_path / name
    path.write_bytes(bom + text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                                           ("utf-16-le", b"\xff\xfe"),
                                           ("utf-16-be", b"\xfe\xff")])
def test_reads_other_tools_memories_in_any_unicode_encoding(tmp_path: Path, encoding: str,
                                                            bom: bytes) -> None:
    label = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
    path = write(tmp_path, FOREIGN.format(encoding=label), encoding=encoding, bom=bom)
    assert read_tmx_pairs(path) == [
        # Native codes are text a reviewer must see (a placeholder, a tag), not dropped.
        ("Press <b>Start</b> now<br/>!", "Нажмите «Пуск» сейчас<i>!", {"x-Origin": "TM"}),
        ("А & Б", 'A & B <c> "d" ]]>', {}),  # the unit's own srclang wins
    ]
    reader = TmxReader(path)
    units = list(reader)
    assert reader.header["srclang"] == "EN-US" and reader.header["segtype"] == "sentence"
    assert units[0].notes == ["checked"]
    assert units[0].attrs == {"creationdate": "20240102T030405Z",
                              "changedate": "20240506T070809Z"}
    assert [t.lang for t in units[1].tuvs] == ["EN-US", "RU-RU"]


def test_keep_markup_keeps_inline_codes(tmp_path: Path) -> None:
    path = write(tmp_path, FOREIGN.format(encoding="UTF-8"))
    [first, _] = list(TmxReader(path, keep_markup=True))
    assert [el.tag for el in first.tuvs[0].seg.iter()] == ["seg", "bpt", "ept", "ph"]
    assert first.tuvs[0].text == "Press <b>Start</b> now<br/>!"


def test_units_with_one_variant_are_skipped_and_counted(tmp_path: Path) -> None:
    path = write(tmp_path, '<tmx version="1.4"><header srclang="en"/><body>'
                           '<tu tuid="1"><tuv xml:lang="en"><seg>alone</seg></tuv></tu>'
                           '<tu tuid="2"><tuv xml:lang="en"><seg>a</seg></tuv>'
                           '<tuv xml:lang="de"><seg>b</seg></tuv></tu></body></tmx>')
    reader = TmxReader(path)
    assert [unit.tuid for unit in reader] == ["2"]
    assert (reader.units_read, reader.one_language) == (2, 1)
    assert read_tmx_pairs(path) == [("a", "b", {})]


def test_reading_streams(tmp_path: Path) -> None:
    """Units come out before the end of the file is parsed: a memory truncated after 50
    units gives its first units, then the error (so nothing holds the whole tree)."""
    units = "".join(f'<tu><tuv xml:lang="en"><seg>s{n}</seg></tuv><tuv xml:lang="de">'
                    f"<seg>t{n}</seg></tuv></tu>" for n in range(50))
    path = write(tmp_path, f'<tmx version="1.4"><header srclang="en"/><body>{units}<tu><tu')
    seen = []
    with pytest.raises(InputError, match="not well-formed"):
        for unit in TmxReader(path):
            seen.append(unit.tuvs[0].text)
    assert seen == [f"s{n}" for n in range(50)]


# ---------------------------------------------------------------- hostile files

def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10))
    path = write(tmp_path, f'<?xml version="1.0"?>\n<!DOCTYPE tmx [{entities}]>\n'
                           '<tmx version="1.4"><header srclang="en"/><body><tu>'
                           '<tuv xml:lang="en"><seg>&lol9;</seg></tuv><tuv xml:lang="de">'
                           "<seg>x</seg></tuv></tu></body></tmx>")
    with pytest.raises(InputError, match="declares XML entities.*refused"):
        read_tmx_pairs(path)


def test_billion_laughs_in_an_attribute_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10))
    path = write(tmp_path, f'<?xml version="1.0"?>\n<!DOCTYPE tmx [{entities}]>\n'
                           '<tmx version="1.4"><header srclang="en" x="&lol9;"/><body>'
                           "</body></tmx>")
    with pytest.raises(InputError, match="declares XML entities"):
        read_tmx_pairs(path)


@pytest.mark.parametrize("declaration", [
    '<!ENTITY xxe SYSTEM "file://{secret}">',
    '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;',
])
def test_external_entities_are_refused_and_never_read(tmp_path: Path,
                                                      declaration: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    doctype = "<!DOCTYPE tmx [" + declaration.format(secret=secret) + "]>"
    body = '<tu><tuv xml:lang="en"><seg>a&xxe;b</seg></tuv><tuv xml:lang="de"><seg>c</seg>' \
           "</tuv></tu>" if "xxe" in declaration else ""
    path = write(tmp_path, f'<?xml version="1.0"?>\n{doctype}\n<tmx version="1.4">'
                           f'<header srclang="en"/><body>{body}</body></tmx>')
    with pytest.raises(InputError) as caught:
        read_tmx_pairs(path)
    message = str(caught.value)
    assert "SECRET" not in message and "\n" not in message
    assert "entit" in message


# ---------------------------------------------------------------- broken files

BAD = {
    "truncated": ('<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
                  "<seg>a</seg></tuv><tuv", "not well-formed XML (line 1)"),
    "no body": ('<tmx version="1.4"><header srclang="en"/></tmx>', "no <body>"),
    # A unit with one <tuv> is skipped; a file of nothing else has nothing to pair.
    "only one tuv": ('<tmx version="1.4"><header srclang="en"/><body><tu tuid="u1">'
                     '<tuv xml:lang="en"><seg>a</seg></tuv></tu></body></tmx>',
                     "none of its 1 <tu> has two <tuv> (source and translation)"),
    "unknown language": ('<tmx version="1.4"><header srclang="en"/><body><tu>'
                         '<tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="??">'
                         "<seg>b</seg></tuv></tu></body></tmx>", "unknown language '??'"),
    "html": ("<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>404</title></head>"
             "<body><p>Not found<br></body></html>", "is an HTML page, not a TMX file"),
    "xhtml": ('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
              "is an HTML page, not a TMX file"),
    "not tmx": ('<xliff version="1.2"/>', "not a TMX file (root element <xliff>)"),
    "empty": ("", "is empty, not a TMX file"),
    "text": ("just some words", "not well-formed XML (line 1)"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_broken_files_give_one_clear_line(tmp_path: Path, case: str) -> None:
    content, expected = BAD[case]
    path = write(tmp_path, content)
    with pytest.raises(InputError, match=re.escape(expected)) as caught:
        read_tmx_pairs(path)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_tmx_pairs(tmp_path / "absent.tmx")
    with pytest.raises(InputError, match="is a directory"):
        read_tmx_pairs(tmp_path)


# ---------------------------------------------------------------- files that cannot be read

def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> list:
    """``open`` refuses ``denied`` (as for a file without read permission, which root
    cannot test with chmod); every other file opened is recorded."""
    import builtins

    real_open = builtins.open
    opened: list = []

    def fake_open(file, *args, **kwargs):
        if isinstance(file, (str, Path)) and Path(file).resolve() == denied.resolve():
            raise PermissionError(13, "Permission denied", str(file))
        handle = real_open(file, *args, **kwargs)
        opened.append(handle)
        return handle

    monkeypatch.setattr(builtins, "open", fake_open)
    return opened


def test_an_unreadable_memory_is_one_line_not_a_traceback(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    from align.formats.tmx_import import alignment_from_tmx
    from align.formats.tmx_merge import merge_tmx
    from align.formats.xliff import read_xliff_pairs

    path = write(tmp_path, FOREIGN.format(encoding="UTF-8"))
    xliff = tmp_path / "in.xlf"
    xliff.write_text("<xliff/>", encoding="utf-8")
    _deny(monkeypatch, path)
    for read in (read_tmx_pairs, alignment_from_tmx,
                 lambda p: merge_tmx([p], tmp_path / "all.tmx")):
        with pytest.raises(InputError, match="permission denied") as caught:
            read(path)
        assert caught.value.path == str(path)
    assert not (tmp_path / "all.tmx").exists()
    _deny(monkeypatch, xliff)
    with pytest.raises(InputError, match="permission denied"):
        read_xliff_pairs(xliff)


def test_a_reader_left_early_closes_its_file(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """``merge`` reads only the header of each memory and stops: the file must be closed
    then, not when the garbage collector gets to it."""
    from align.formats.tmx_merge import _header

    path = write(tmp_path, FOREIGN.format(encoding="UTF-8"))
    opened = _deny(monkeypatch, tmp_path / "none")
    units = iter(TmxReader(path))
    next(units)
    units.close()
    assert _header(path)["srclang"] == "EN-US"
    assert opened and all(handle.closed for handle in opened)


MINIMAL = ('<tmx version="1.4"><header srclang="ru"/><body><tu><tuv xml:lang="ru"><seg>а</seg>'
           '</tuv><tuv xml:lang="en"><seg>a</seg></tuv></tu></body></tmx>')


@pytest.mark.parametrize("data, expected", [
    # A tool wrote UTF-8 but kept a UTF-16 declaration (no BOM to overrule it).
    (('<?xml version="1.0" encoding="UTF-16"?>\n' + MINIMAL).encode("utf-8"),
     "declares encoding UTF-16 but is 8-bit text without a byte-order mark"),
    # A UTF-16 BOM glued onto UTF-8 text, and a UTF-8 BOM onto UTF-16 text.
    (b"\xff\xfe" + ('<?xml version="1.0" encoding="UTF-8"?>\n' + MINIMAL).encode("utf-8"),
     "starts with a UTF-16 byte-order mark, but the text after it is not UTF-16"),
    (b"\xef\xbb\xbf" + ('<?xml version="1.0" encoding="UTF-16"?>\n' + MINIMAL).encode(
        "utf-16-le"), "starts with a UTF-8 byte-order mark, but the text after it is not UTF-8"),
    (MINIMAL.encode("utf-32"), "is UTF-32"),  # the codec writes the BOM
])
def test_an_encoding_the_file_contradicts_is_named(tmp_path: Path, data: bytes,
                                                   expected: str) -> None:
    path = tmp_path / "in.tmx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=re.escape(expected)) as caught:
        read_tmx_pairs(path)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf" + ('<?xml version="1.0" encoding="UTF-16"?>\n' + MINIMAL).encode("utf-8"),
    ('<?xml version="1.0" encoding="UTF-8"?>\n' + MINIMAL).encode("utf-16"),
    b"\xef\xbb\xbf" + ('<?xml version="1.0" encoding="windows-1251"?>\n' + MINIMAL).encode(),
])
def test_a_byte_order_mark_overrules_the_declaration(tmp_path: Path, data: bytes) -> None:
    """As XML says (and CAT tools do): the BOM decides, a stale declaration is ignored."""
    path = tmp_path / "in.tmx"
    path.write_bytes(data)
    assert read_tmx_pairs(path) == [("а", "a", {})]
