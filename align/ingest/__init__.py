"""Files → :class:`~align.model.Document`: decode, read the format, clean, classify.

The one entry point is :func:`read_document`. Every problem with an input file is an
:class:`~align.errors.InputError` naming the file ("PATH: problem"), never a traceback.
Heavy libraries (trafilatura, python-docx, charset-normalizer) are imported only when a
file needs them, so importing this package keeps ``sverka`` start-up fast.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from align.errors import InputError
from align.ingest.blocks import Parsed, table_rows_notice
from align.ingest.decode import decode_bytes
from align.ingest.html import declared_charset, looks_like_html, read_html
from align.ingest.kinds import classify
from align.ingest.markdown import read_markdown
from align.ingest.normalize import normalize_text, signal_texts
from align.ingest.text import paragraph_blocks, read_plain
from align.language import detect_language
from align.model import Document, Segment
from align.options import SEGMENTATIONS

__all__ = ["read_document", "paragraph_blocks", "decode_bytes", "classify", "FORMATS",
           "SEGMENTATIONS", "MAX_BYTES"]

FORMATS: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
    ".htm": "html", ".xhtml": "html", ".docx": "docx",
}
"""Known extensions; any other extension is read as plain text (or HTML if it looks so)."""

_UNSUPPORTED: dict[str, str] = {
    ".doc": "is an old Word .doc file; save it as .docx, .txt or .html",
    ".pdf": "is a PDF; save or export it as .txt, .docx or .html",
    ".odt": "is an OpenDocument file; save it as .docx, .txt or .html",
    ".rtf": "is an RTF file; save it as .docx, .txt or .html",
    ".epub": "is an EPUB book; export its text as .txt or .html",
}

MAX_BYTES = 100 * 1024 * 1024
"""Larger files are refused: no article or book needs more, and reading must stay bounded."""

LANGUAGE_UNSURE = ("cannot tell the language of this text; give it with --src-lang or "
                   "--tgt-lang")


def read_document(path: str | os.PathLike[str], lang: str | None = None,
                  segments: str = "paragraphs") -> Document:
    """Read ``path`` (.txt, .md, .html, .docx, other text) into a :class:`Document`.

    ``lang`` is an ISO 639 code; None detects it (an :class:`InputError` asks for it when
    detection is unsure). ``segments="lines"`` makes every non-empty line of a text file a
    segment, in order, so outside tools can address segments by line; nothing is merged or
    dropped then. ``meta`` records path, format, encoding, language source and notices.
    """
    if segments not in SEGMENTATIONS:
        raise ValueError(f"segments must be one of {SEGMENTATIONS}, not {segments!r}")
    file = Path(path)
    _check_file(file)
    fmt = _format_of(file)
    lines = segments == "lines"
    encoding: str | None = None
    if fmt == "docx":
        from align.ingest.docx import read_docx

        parsed = read_docx(file)
    else:
        data = _read_bytes(file)
        declared = declared_charset(data) if fmt == "html" else None
        text, encoding = decode_bytes(data, file, declared)
        if fmt == "txt" and file.suffix.lower() not in FORMATS and looks_like_html(text):
            fmt = "html"
        parsed = _parse_text(text, fmt, lines, file.name)
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


def _format_of(file: Path) -> str:
    return FORMATS.get(file.suffix.lower(), "txt")


def _read_bytes(file: Path) -> bytes:
    from align.fileio import read_bytes

    data = read_bytes(file, MAX_BYTES)
    if not data:
        raise InputError(file, "is empty")
    return data


def _parse_text(text: str, fmt: str, lines: bool, name: str) -> Parsed:
    if fmt == "html":
        parsed = read_html(text)
        if lines:
            parsed.notices.append("an HTML page has no lines to keep: its paragraphs are "
                                  "the segments")
        return parsed
    text = normalize_text(text, keep_lines=lines)
    if fmt == "md":
        return read_markdown(text, lines, name)
    return read_plain(text, lines)
