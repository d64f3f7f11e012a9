"""Files → :class:`~align.model.Document`: decode, read the format, clean, classify.

The one entry point is :func:`read_document`. Every problem with an input file is an
:class:`~align.errors.InputError` naming the file ("PATH: problem"), never a traceback.
Each format has one reader module, listed in :data:`FORMATS`. Heavy libraries
(trafilatura, python-docx, pdfminer.six, lxml, charset-normalizer) are imported only when a
file needs them, so importing this package keeps ``sverka`` start-up fast.
"""

from __future__ import annotations

import importlib
import itertools
import os
from pathlib import Path
from typing import Callable, Literal, NamedTuple

from align.errors import InputError
from align.ingest.blocks import Parsed, table_rows_notice
from align.ingest.decode import decode_bytes
from align.ingest.html import declared_charset, looks_like_html
from align.ingest.kinds import classify
from align.ingest.normalize import normalize_text, signal_texts
from align.ingest.text import paragraph_blocks
from align.language import detect_language
from align.model import Document, Segment
from align.options import SEGMENTATIONS

__all__ = ["read_document", "paragraph_blocks", "decode_bytes", "classify", "FORMATS",
           "FORMAT_NAMES", "SEGMENTATIONS", "MAX_BYTES", "Reader"]


class Reader(NamedTuple):
    """How one input format is read."""

    format: str
    """The format's name, kept in a document's meta."""
    module: str
    """The module that reads it, imported only when a file of this format is read."""
    function: str
    """Its reading function; what it is given depends on :attr:`takes`."""
    takes: Literal["file", "text", "page"]
    """``"file"``: ``function(path)`` reads the file itself (a zip package, a PDF);
    ``"text"``: ``function(text, lines)`` gets the decoded, normalised text;
    ``"page"``: ``function(text)`` gets the decoded markup and cleans its own text."""
    noun: str
    """What a file of the format is, for the notice that it has no lines to keep."""


_PLAIN = Reader("txt", "align.ingest.text", "read_plain", "text", "a text file")
_MARKDOWN = Reader("md", "align.ingest.markdown", "read_markdown", "text", "a Markdown file")
_HTML = Reader("html", "align.ingest.html", "read_html", "page", "an HTML page")

FORMATS: dict[str, Reader] = {
    ".txt": _PLAIN, ".text": _PLAIN, ".md": _MARKDOWN, ".markdown": _MARKDOWN,
    ".html": _HTML, ".htm": _HTML, ".xhtml": _HTML,
    ".docx": Reader("docx", "align.ingest.docx", "read_docx", "file", "a Word document"),
    ".odt": Reader("odt", "align.ingest.odt", "read_odt", "file", "an OpenDocument text"),
    ".epub": Reader("epub", "align.ingest.epub", "read_epub", "file", "an EPUB book"),
    ".pdf": Reader("pdf", "align.ingest.pdf", "read_pdf", "file", "a PDF"),
    ".srt": Reader("srt", "align.ingest.subtitles", "read_srt", "file", "a subtitle file"),
    ".vtt": Reader("vtt", "align.ingest.subtitles", "read_vtt", "file", "a subtitle file"),
}
"""The one table of input formats: extension → reader. Any other extension is read as
plain text (or HTML if it looks so)."""

FORMAT_NAMES = ", ".join(dict.fromkeys(reader.format for reader in FORMATS.values()))
"""The formats read, for help texts and messages ("txt, md, html, docx, …")."""

_UNSUPPORTED: dict[str, str] = {
    ".doc": "is an old Word .doc file; save it as .docx, .odt, .txt or .html",
    ".rtf": "is an RTF file; save it as .docx, .odt, .txt or .html",
}

MAX_BYTES = 100 * 1024 * 1024
"""Larger files are refused: no article or book needs more, and reading must stay bounded."""

LANGUAGE_UNSURE = ("cannot tell the language of this text; give it with --src-lang or "
                   "--tgt-lang")


def read_document(path: str | os.PathLike[str], lang: str | None = None,
                  segments: str = "paragraphs") -> Document:
    """Read ``path`` (any format of :data:`FORMATS`, other text) into a :class:`Document`.

    ``lang`` is an ISO 639 code; None detects it (an :class:`InputError` asks for it when
    detection is unsure). ``segments="lines"`` makes every non-empty line of a text file a
    segment, in order, so outside tools can address segments by line; nothing is merged or
    dropped then (a format without lines, such as a PDF, keeps its paragraphs, with a
    notice). ``meta`` records path, format, encoding, language source and notices.
    """
    if segments not in SEGMENTATIONS:
        raise ValueError(f"segments must be one of {SEGMENTATIONS}, not {segments!r}")
    file = Path(path)
    _check_file(file)
    parsed, fmt, encoding = _parse(file, segments == "lines")
    if parsed.table_rows:
        parsed.notices.append(table_rows_notice(parsed.table_rows))
    kept = [number for number, block in enumerate(parsed.blocks) if block.text]
    blocks = [parsed.blocks[number] for number in kept]
    if not blocks:
        raise InputError(file, "has no text after cleaning")
    texts = [block.text for block in blocks]
    plain = signal_texts(texts)  # what detection and the kind rules read
    lang_source = "given"
    lang = lang.strip() if lang else None
    if not lang:
        lang = detect_language("\n".join(plain))
        lang_source = "detected"
        if lang is None:
            raise InputError(file, LANGUAGE_UNSURE)
    kinds = classify(plain, lang, [block.kind for block in blocks])
    meta: dict[str, object] = {
        "path": str(file), "format": fmt, "encoding": encoding, "segments": segments,
        "lang_source": lang_source, "notices": list(parsed.notices),
    }
    if parsed.title:
        meta["title"] = parsed.title
    if parsed.group_of_block is not None:
        # lines per blank-line group, so pre-split sentences keep their paragraphs
        groups = [parsed.group_of_block[number] for number in kept]
        meta["line_groups"] = [len(list(run)) for _, run in itertools.groupby(groups)]
    return Document(lang, tuple(Segment(t, k) for t, k in zip(texts, kinds)), meta)


def _check_file(file: Path) -> None:
    """Raise an :class:`InputError` if ``file`` cannot be an input (checked before reading)."""
    from align.fileio import read_error

    try:
        info = file.stat()
    except OSError as error:
        raise read_error(file, error) from None
    if file.is_dir():
        raise InputError(file, "is a directory, expected a file")
    problem = _UNSUPPORTED.get(file.suffix.lower())
    if problem:
        raise InputError(file, problem)
    if info.st_size == 0:
        raise InputError(file, "is empty")
    if info.st_size > MAX_BYTES:
        raise InputError(file, f"is too large ({info.st_size // (1024 * 1024)} MB; "
                               f"the limit is {MAX_BYTES // (1024 * 1024)} MB)")


def _parse(file: Path, lines: bool) -> tuple[Parsed, str, str | None]:
    """The file read by its format's reader: blocks, the format's name, the encoding
    (None for a format that is not decoded as text)."""
    reader = FORMATS.get(file.suffix.lower(), _PLAIN)
    encoding: str | None = None
    if reader.takes == "file":
        parsed = _function(reader)(file)
    else:
        data = _read_bytes(file)
        text, encoding = decode_bytes(data, file,
                                      declared_charset(data) if reader is _HTML else None)
        if reader is _PLAIN and file.suffix.lower() not in FORMATS and looks_like_html(text):
            reader = _HTML
        if reader.takes == "page":
            parsed = _function(reader)(text)
        else:
            parsed = _function(reader)(normalize_text(text, keep_lines=lines), lines)
    if lines and reader.takes != "text":
        parsed.notices.append(f"{reader.noun} has no lines to keep: its paragraphs are the "
                              "segments")
    return parsed, reader.format, encoding


def _function(reader: Reader) -> Callable[..., Parsed]:
    """The reader's function, its module imported now (heavy libraries load late)."""
    return getattr(importlib.import_module(reader.module), reader.function)


def _read_bytes(file: Path) -> bytes:
    from align.fileio import read_bytes

    data = read_bytes(file, MAX_BYTES)
    if not data:
        raise InputError(file, "is empty")
    return data
