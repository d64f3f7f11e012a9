"""Subtitles (.srt, .vtt) → one segment a cue.

A cue's lines are broken for the width of a screen, not for meaning, so they are joined
with one space ("- Hi.\\n- Hello." becomes "- Hi. - Hello."). Styling tags (``<i>``,
``<font>``, WebVTT's ``<v Speaker>`` and ``<c.class>``, inline timestamps, SSA ``{\\an8}``)
are markup, not text, and are removed; WebVTT's character references are unescaped.
The timing is checked (a cue whose timing line cannot be read, or that ends before it
starts, makes the file refused) but not kept: a segment has no place for it in the model.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from align.errors import InputError
from align.ingest.blocks import Block, Parsed
from align.ingest.decode import decode_bytes
from align.ingest.normalize import clean_inline, normalize_text

_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})"
_TIMING = re.compile(rf"^{_TIME}\s*-->\s*{_TIME}(?:\s+.*)?$")
_MARKUP = re.compile(r"<[^<>\n]*>|\{\\[^{}\n]*\}")
"""Tags (<i>, </font>, <v Roger>, <00:01.500>) and SSA override blocks ({\\an8})."""
_BLANK_LINES = re.compile(r"\n{2,}")
_VTT_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")
_SHOWN_CHARACTERS = 60


def read_srt(path: str | Path) -> Parsed:
    """The cues of a SubRip (.srt) file, one block each, in file order."""
    file = Path(path)
    return _cues(_blocks_of(file), file, webvtt=False)


def read_vtt(path: str | Path) -> Parsed:
    """The cues of a WebVTT (.vtt) file, one block each; its header, notes, styles and
    regions are not cues."""
    file = Path(path)
    blocks = _blocks_of(file)
    if not blocks or not re.match(r"WEBVTT(?:$|[ \t])", blocks[0][0]):
        raise InputError(file, "is not a WebVTT file: it does not start with WEBVTT")
    cues = [block for block in blocks[1:] if not block[0].startswith(_VTT_SKIPPED_BLOCKS)]
    return _cues(cues, file, webvtt=True)


def _blocks_of(file: Path) -> list[list[str]]:
    """The file's blank-line separated blocks of lines (decoded and normalised)."""
    from align.fileio import read_bytes

    text, _ = decode_bytes(read_bytes(file), file)
    text = normalize_text(text).strip("\n")  # every line stripped: blank lines are empty
    return [block.split("\n") for block in _BLANK_LINES.split(text) if block]


def _cues(blocks: list[list[str]], file: Path, webvtt: bool) -> Parsed:
    parsed = Parsed()
    texts: list[str] = []
    for number, block in enumerate(blocks, 1):
        timing_at = _timing_line(block)
        if timing_at is None:
            if texts and not block[0].isdigit():  # a blank line inside the previous cue
                texts[-1] += " " + _cue_text(block, webvtt)
                continue
            raise InputError(file, f"cue {number} has no timing line "
                                   f"(HH:MM:SS,mmm --> HH:MM:SS,mmm) near {_shown(block[0])}")
        start, end = _times(block[timing_at], number, file)
        if end < start:
            raise InputError(file, f"cue {number} ends before it starts "
                                   f"({_shown(block[timing_at])})")
        texts.append(_cue_text(block[timing_at + 1:], webvtt))
    parsed.blocks = [Block(text) for text in map(clean_inline, texts) if text]
    return parsed


def _cue_text(lines: list[str], webvtt: bool) -> str:
    """A cue's lines joined by a space, its markup removed."""
    text = " ".join(_MARKUP.sub("", line) for line in lines)
    return html.unescape(text) if webvtt else text


def _timing_line(block: list[str]) -> int | None:
    """Where the cue's timing line is: first, or after a cue number or identifier."""
    for at in range(min(2, len(block))):
        if "-->" in block[at]:
            return at
    return None


def _times(line: str, number: int, file: Path) -> tuple[float, float]:
    """Start and end of a cue in seconds; an unreadable timing line is an InputError."""
    match = _TIMING.match(line)
    values = [int(value) if value else 0 for value in match.groups()] if match else []
    start, end = values[:4], values[4:]
    if not values or any(part[1] > 59 or part[2] > 59 for part in (start, end)):
        raise InputError(file, f"cue {number} has a bad timing line {_shown(line)}")
    return _seconds(start), _seconds(end)


def _seconds(parts: list[int]) -> float:
    hours, minutes, seconds, millis = parts
    return hours * 3600 + minutes * 60 + seconds + millis / 1000


def _shown(line: str) -> str:
    """A line quoted for an error message, cut to keep the message on one short line."""
    return repr(line if len(line) <= _SHOWN_CHARACTERS else line[:_SHOWN_CHARACTERS] + "…")
