"""The translations in a dictd entry: the target-language words a headword stands for.

Two entry layouts are in use:

* Mueller7 (English–Russian): the headword alone on the first line, then an indented
  body of transcription (``[kæt]``), labels (``_n.``, ``_разг.``), numbered senses
  (``1)``, ``а)``), notes in parentheses and braces, and examples (``tom cat кот``).
  The translations are the clauses (between ``;``) with no source-language word in
  them; examples, whose translations are idioms rather than the headword's
  meaning, are left out whole.
* FreeDict (TEI-derived): ``headword /ipa/ <pos>`` on the first line; each sense is
  a line of translations (``1. chat, félin``, or one unnumbered line) followed by a
  gloss in the source language, and indented ``Synonym:``/``see:``/``Note:`` lines.
  Only the translation lines count.

An entry is told by its shape: every body line indented is Mueller7's. What comes out
is a list of phrases (``кот``, ``животное семейства кошачьих``); :mod:`.pairs` keeps
those in the target language's script and stems them.
"""

from __future__ import annotations

import re

_BRACKETED = re.compile(r"\[[^\[\]]*\]|\{[^{}]*\}|<[^<>]*>")
_PARENTHESES = re.compile(r"\([^()]*\)")
_LABEL = re.compile(r"(?<!\w)_[^\s;,]+")
_SENSE = re.compile(r"\s(?:\d+\s*[.)]|[а-яa-z]\))")
"""A sense number (``1.``, ``10)``, ``а)``) after a space: the body is joined with spaces."""
_ABBREVIATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*\.")
"""``тж.``, ``кого-л.``, ``т.п.``: a word ending in a full stop is an abbreviation in
dictionary text (grammar notes, "someone"), never a translation."""
_LATIN = re.compile(r"[A-Za-z]")
_FREEDICT_SENSE = re.compile(r"\d+\.\s*(.*)")
_TRAILING_SENSE = re.compile(r"\s+\d+\.$")
"""``maison 2.``: FreeDict's converter leaves the next sense number on a line."""


def _without_notes(text: str) -> str:
    """``text`` without bracketed transcriptions, braces, angle labels and parentheses
    (nested ones too)."""
    text = _BRACKETED.sub(" ", text)
    while "(" in text:
        stripped = _PARENTHESES.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    return text


def _phrases(clause: str) -> list[str]:
    """The comma-separated phrases of a clause, without abbreviations, non-empty."""
    if "." in clause:
        clause = _ABBREVIATED.sub(" ", clause)
    phrases = (" ".join(part.split()) for part in clause.split(","))
    return [phrase for phrase in phrases if phrase]


def is_mueller(entry: str) -> bool:
    """Whether ``entry`` has Mueller7's layout (a headword line, then only indented lines)."""
    body = [line for line in entry.split("\n")[1:] if line.strip()]
    return bool(body) and all(line[0].isspace() for line in body)


def mueller_translations(entry: str, source_is_latin: bool = True) -> list[str]:
    """The translation phrases of a Mueller7 entry; with ``source_is_latin``, a clause
    with a Latin letter is an example (or a cross-reference) and is left out."""
    body = " " + " ".join(entry.split("\n")[1:])
    body = _LABEL.sub(" ", _without_notes(body))
    phrases = []
    for clause in re.split(r"[;:]", _SENSE.sub(" ;", body)):
        if source_is_latin and _LATIN.search(clause):
            continue
        phrases.extend(_phrases(clause))
    return phrases


def freedict_translations(entry: str) -> list[str]:
    """The translation phrases of a FreeDict entry (its sense lines, not the glosses)."""
    lines = entry.split("\n")[1:]
    phrases: list[str] = []
    numbered = any(_FREEDICT_SENSE.match(line) for line in lines)
    first = True
    for line in lines:
        if not line.strip() or line[0].isspace():
            continue  # Synonym:, see:, Note:, and empty sense numbers
        sense = _FREEDICT_SENSE.match(line)
        if sense:
            text = sense.group(1)
        elif first and not numbered:
            text = line  # the one unnumbered translation line; later lines are glosses
        else:
            first = False
            continue
        first = False
        text = _TRAILING_SENSE.sub("", text.strip())
        for clause in _without_notes(text).split(";"):
            phrases.extend(_phrases(clause))
    return phrases


def translations(entry: str, source_is_latin: bool = True) -> list[str]:
    """The translation phrases of a dictd entry in either layout."""
    if is_mueller(entry):
        return mueller_translations(entry, source_is_latin)
    return freedict_translations(entry)
