"""The ``.align.json`` project file: what ``sverka pair`` writes and ``review``/``export`` read.

Other tools rely on its keys (docs/architecture.md, "The project file"), so the reader checks
everything and says what is wrong and where; a file from a newer sverka is refused rather
than half understood. Each schema version has its own reader in :data:`READERS`, so a
later version keeps reading the old files.
"""

from __future__ import annotations

import json
import math
import os
from datetime import datetime, timezone
from typing import Any, Callable, Mapping

import align
from align.errors import InputError
from align.fileio import atomic_writer, read_bytes
from align.formats import round_score
from align.model import (HAND_SCORE, LEVELS, MARKS, Alignment, AlignmentError, Document,
                         Link, Segment, SentencePair)

FORMAT = "sverka-alignment"
VERSION = 2
"""The newest schema version this sverka writes and reads.

Version 2 adds, per link, a person's ``mark`` and ``note``, the sentence pairs confirmed
inside it (``sentences``) and ``"score": null`` for a link a person made. A project that
uses none of these is still written as version 1, which older sverkas and scripts read:
the version says which contract a file needs, not which program wrote it."""

PathLike = str | os.PathLike[str]


def now_iso() -> str:
    """The current time in UTC, ISO 8601 to the second (``2025-05-01T12:00:00Z``)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------- writing

def _document_dict(document: Document) -> dict[str, Any]:
    return {
        "lang": document.lang,
        "segments": [{"text": s.text, "kind": s.kind} for s in document.segments],
        "meta": dict(document.meta),
    }


def needs_version_2(link: Link) -> bool:
    """Whether a link holds something only version 2 can say."""
    return bool(link.hand_made or link.mark or link.note or link.confirmed_sentences)


def link_dict(link: Link, version: int = VERSION) -> dict[str, Any]:
    """One link as the file writes it; version 2 keys appear only when they say something."""
    hand = version >= 2 and link.hand_made
    item: dict[str, Any] = {"src": list(link.src), "tgt": list(link.tgt),
                            "score": None if hand else round_score(link.score),
                            "status": link.status}
    if version >= 2:
        if link.mark:
            item["mark"] = link.mark
        if link.note:
            item["note"] = link.note
        if link.confirmed_sentences:
            item["sentences"] = [[list(src), list(tgt)]
                                 for src, tgt in link.confirmed_sentences]
    return item


def to_dict(alignment: Alignment) -> dict[str, Any]:
    """The alignment as the contract (pure: adds no time stamp; see :func:`save`): version
    1 when no link needs version 2 (:func:`needs_version_2`), else version 2."""
    meta = dict(alignment.meta)
    meta.setdefault("level", alignment.level)
    version = 2 if any(map(needs_version_2, alignment.links)) else 1
    return {
        "format": FORMAT,
        "version": version,
        "source": _document_dict(alignment.source),
        "target": _document_dict(alignment.target),
        "links": [link_dict(link, version) for link in alignment.links],
        "meta": meta,
    }


def dumps(alignment: Alignment) -> str:
    """The file's text: stamped (created and the input files' digests when absent, tool),
    indented, trailing newline."""
    data = to_dict(alignment)
    data["meta"].setdefault("created", now_iso())
    from align.realign import INPUTS_KEY, input_digests

    if INPUTS_KEY not in data["meta"]:  # the first save: the input files as aligned
        digests = input_digests(alignment)
        if digests:
            data["meta"][INPUTS_KEY] = digests
    data["meta"]["tool"] = f"sverka {align.__version__}"
    return _pretty(data, "") + "\n"


def _scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list, tuple))


def _flat(value: Any) -> bool:
    """A scalar, or lists (nested as deep as they like) of scalars: no object inside."""
    return _scalar(value) or isinstance(value, (list, tuple)) and all(map(_flat, value))


def _leafy(value: Any) -> bool:
    """A container of scalars or of lists of them (a link with its confirmed sentence
    pairs): short enough for one line."""
    items = value.values() if isinstance(value, dict) else value
    return all(map(_flat, items))


def _one_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def _pretty(value: Any, indent: str) -> str:
    """JSON for people and diffs: one segment or link per line, the structure indented."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        body = ",\n".join(f"{inner}{_one_line(str(key))}: {_pretty(item, inner)}"
                          for key, item in value.items())
        return "{\n" + body + "\n" + indent + "}"
    if isinstance(value, (list, tuple)) and value and not all(map(_scalar, value)):
        body = ",\n".join(inner + (_one_line(item) if _leafy(item) else _pretty(item, inner))
                          for item in value)
        return "[\n" + body + "\n" + indent + "]"
    return _one_line(value)


def save(alignment: Alignment, path: PathLike) -> None:
    """Write ``alignment`` to ``path`` atomically (UTF-8, readable diffs).

    The text is built completely before the file is touched, and then written to a
    temporary file renamed over ``path``: a failure leaves the previous file intact.
    """
    text = dumps(alignment)
    with atomic_writer(path, "w") as handle:
        handle.write(text)


# ---------------------------------------------------------------------------- reading

def load(path: PathLike) -> Alignment:
    """Read and check an ``.align.json`` file; any problem is an :class:`InputError`."""
    if os.path.isdir(path):
        raise InputError(path, "is a directory, expected an .align.json file")
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if _is_tmx(raw):
            raise InputError(path, _TMX_HINT) from None
        raise InputError(path, f"not UTF-8 text (byte {error.start})") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        if _is_tmx(raw):
            raise InputError(path, _TMX_HINT) from None
        raise InputError(path, f"invalid JSON at line {error.lineno}, column {error.colno}: "
                               f"{error.msg}") from None
    except ValueError as error:
        raise InputError(path, f"invalid JSON: {error}") from None
    try:
        return from_dict(data, path)
    except OverflowError:
        raise InputError(path, "holds a number too large for a score or an index") from None


_TMX_HINT = ("is a TMX memory, not a project (.align.json): turn it into one with "
             "`sverka import FILE.tmx -o PROJECT.align.json`")


def _is_tmx(raw: bytes) -> bool:
    """Whether a file that is not a project starts like a TMX memory (UTF-8 or UTF-16)."""
    head = raw[:4096]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return "<tmx" in head[2:].decode(codec, "ignore").lower()
    return b"<tmx" in head.lower()


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def from_dict(data: Any, path: PathLike = "<data>") -> Alignment:
    """Check ``data`` (parsed JSON) against the contract and build the alignment.

    ``path`` only names the source in error messages.
    """
    if not isinstance(data, dict):
        raise InputError(path, f"not a sverka alignment: expected a JSON object, "
                               f"found {_json_type(data)}")
    if "format" not in data:
        raise InputError(path, f"not a sverka alignment: no \"format\": \"{FORMAT}\" key")
    if data["format"] != FORMAT:
        raise InputError(path, f"not a sverka alignment: \"format\" is "
                               f"{_show(data['format'])}, "
                               f"expected \"{FORMAT}\"")
    if "version" not in data:
        raise InputError(path, "missing key \"version\"")
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise InputError(path, f"\"version\" must be a whole number, found "
                               f"{_show(version)}")
    if version > VERSION:
        raise InputError(path, f"written by a newer sverka (file version {version}; this "
                               f"sverka {align.__version__} reads up to version {VERSION}): "
                               f"upgrade sverka to open it")
    reader = READERS.get(version)
    if reader is None:
        raise InputError(path, f"unknown file version {version}")
    return reader(data, path)


class _Problem(Exception):
    """A contract violation at a JSON location; turned into an InputError at the top."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)


def _show(value: Any) -> str:
    """A value as it would look in the file, for error messages."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _get(obj: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...],
         default: Any = ...) -> Any:
    """``obj[key]`` checked for its JSON type; missing and no default → a problem."""
    here = f"{where}.{key}" if where else key
    if key not in obj:
        if default is ...:
            raise _Problem(where, f"missing key \"{key}\"")
        return default
    value = obj[key]
    expected = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in expected or not isinstance(value, expected):
        names = {str: "a string", list: "a list", dict: "an object", int: "a whole number",
                 float: "a number"}
        want = ("a number" if float in expected
                else " or ".join(names.get(k, k.__name__) for k in expected))
        raise _Problem(here, f"expected {want}, found {_json_type(value)}")
    return value


def _document_v1(data: Mapping[str, Any], side: str) -> Document:
    obj = _get(data, side, "", dict)
    lang = _get(obj, "lang", side, str)
    if not lang.strip():
        raise _Problem(f"{side}.lang", "is empty")
    segments: list[Segment] = []
    for number, item in enumerate(_get(obj, "segments", side, list)):
        where = f"{side}.segments[{number}]"
        if not isinstance(item, dict):
            raise _Problem(where, f"expected an object, found {_json_type(item)}")
        text = _get(item, "text", where, str)
        kind = _get(item, "kind", where, str, "body")
        try:
            segments.append(Segment(text, kind))
        except ValueError as error:
            raise _Problem(f"{where}.kind", str(error)) from None
    meta = _get(obj, "meta", side, dict, {})
    return Document(lang, tuple(segments), meta)


def _indices(link: Mapping[str, Any], key: str, where: str, size: int,
             side: str) -> tuple[int, ...]:
    values = _get(link, key, where, list)
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Problem(f"{where}.{key}", f"expected whole numbers, found {_show(value)}")
        if not 0 <= value < size:
            raise _Problem(f"{where}.{key}", f"index {value} is out of range: the {side} has "
                                             f"{size} segments")
    return tuple(values)


def _score(item: Mapping[str, Any], where: str, status: str, version: int) -> float:
    """A link's score; from version 2 on, null says a person made the link."""
    if version >= 2 and item.get("score", 0.0) is None:
        if status != "edited":
            raise _Problem(f"{where}.score", "is null (made by hand), which only a link with "
                                             "status \"edited\" can be")
        return HAND_SCORE
    score = float(_get(item, "score", where, (int, float), 0.0))
    if not math.isfinite(score):
        raise _Problem(f"{where}.score", "is not a finite number")
    return score


def _sentence_side(value: Any, where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or any(isinstance(i, bool) or not isinstance(i, int)
                                          or i < 0 for i in value):
        raise _Problem(where, f"expected a list of sentence positions, found {_show(value)}")
    if any(b != a + 1 for a, b in zip(value, value[1:])):
        raise _Problem(where, f"sentence positions {_show(value)} are not a run")
    return tuple(value)


def _sentences(item: Mapping[str, Any], where: str) -> tuple[SentencePair, ...]:
    pairs: list[SentencePair] = []
    for number, pair in enumerate(_get(item, "sentences", where, list, [])):
        here = f"{where}.sentences[{number}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise _Problem(here, f"expected [source positions, target positions], found "
                                 f"{_show(pair)}")
        src, tgt = _sentence_side(pair[0], here), _sentence_side(pair[1], here)
        if not src and not tgt:
            raise _Problem(here, "names no sentence")
        pairs.append((src, tgt))
    return tuple(pairs)


def _link_extras(item: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The version 2 keys of a link (mark, note, sentences), checked."""
    mark = _get(item, "mark", where, str, "")
    if mark and mark not in MARKS:
        raise _Problem(f"{where}.mark", f"{_show(mark)} is not one of {', '.join(MARKS)}")
    return {"mark": mark, "note": _get(item, "note", where, str, ""),
            "confirmed_sentences": _sentences(item, where)}


def _from_v1(data: Mapping[str, Any], path: PathLike) -> Alignment:
    """Reader for version 1: no marks, notes or sentence confirmations; every score a
    number (an edited link's is kept as read)."""
    return _read(data, path, 1)


def _from_v2(data: Mapping[str, Any], path: PathLike) -> Alignment:
    """Reader for version 2 (the current contract)."""
    return _read(data, path, 2)


def _read(data: Mapping[str, Any], path: PathLike, version: int) -> Alignment:
    try:
        source = _document_v1(data, "source")
        target = _document_v1(data, "target")
        links: list[Link] = []
        for number, item in enumerate(_get(data, "links", "", list)):
            where = f"links[{number}]"
            if not isinstance(item, dict):
                raise _Problem(where, f"expected an object, found {_json_type(item)}")
            src = _indices(item, "src", where, len(source), "source")
            tgt = _indices(item, "tgt", where, len(target), "target")
            status = _get(item, "status", where, str, "auto")
            score = _score(item, where, status, version)
            extras = _link_extras(item, where) if version >= 2 else {}
            try:
                links.append(Link(src, tgt, score, status, **extras))
            except AlignmentError as error:
                raise _Problem(where, str(error)) from None
        meta = dict(_get(data, "meta", "", dict, {}))
        level = meta.get("level", "paragraph")
        if level not in LEVELS:
            raise _Problem("meta.level", f"{_show(level)} is not one of "
                                         f"{', '.join(LEVELS)}")
        try:
            return Alignment(source, target, tuple(links), meta)
        except AlignmentError as error:
            raise _Problem("links", f"do not cover every segment once, in order: {error}") \
                from None
    except _Problem as problem:
        raise InputError(path, str(problem)) from None


READERS: dict[int, Callable[[Mapping[str, Any], PathLike], Alignment]] = {1: _from_v1,
                                                                           2: _from_v2}
"""One reader per file version; a new version adds its reader and keeps the old ones."""
