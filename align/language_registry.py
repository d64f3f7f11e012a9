"""The IANA Language Subtag Registry, as the pinned ``langcodes`` package ships it.

Every language code a user gives ends up in TMX and XLIFF files, where a CAT tool refuses
an unknown language, so :func:`align.language.parse_language_code` checks each subtag
against the registry. The registry and the three-letter ISO 639 codes of languages that
have a two-letter one (``rus`` → ``ru``) are langcodes' data, read here on first use: a
run that reads no code, or only codes sverka knows itself (``ru``, ``en``), never loads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

KINDS = ("language", "extlang", "script", "region", "variant")


@dataclass(frozen=True)
class Registry:
    """The subtags a code may be built from, by kind, and the codes BCP 47 writes another
    way (``rus`` → ``ru``, ``iw`` → ``he``)."""

    languages: frozenset[str]
    extlangs: frozenset[str]
    scripts: frozenset[str]
    regions: frozenset[str]
    variants: frozenset[str]
    aliases: dict[str, str]


def registry_records(text: str) -> list[dict[str, str]]:
    """The registry file's records as field → first value (continuation lines joined)."""
    records = []
    for block in text.split("\n%%\n")[1:]:
        record: dict[str, str] = {}
        field = ""
        for line in block.splitlines():
            if line.startswith("  ") and field:
                record[field] += " " + line.strip()
            elif ": " in line:
                field, value = line.split(": ", 1)
                record.setdefault(field, value)
        records.append(record)
    return records


def expand(subtag: str) -> list[str]:
    """A range such as ``qaa..qtz`` or ``QM..QZ`` as its subtags (the last letters vary)."""
    if ".." not in subtag:
        return [subtag]
    first, last = subtag.split("..")
    prefix = first[:-2]
    small = first[-1].islower()
    out = []
    for high in range(ord(first[-2]), ord(last[-2]) + 1):
        for low in range(ord("a" if small else "A"), ord("z" if small else "Z") + 1):
            code = prefix + chr(high) + chr(low)
            if first <= code <= last:
                out.append(code)
    return out


def build_registry(text: str, replacements: dict[str, str]) -> Registry:
    """The :class:`Registry` of a registry file's ``text`` and langcodes' language
    replacements (where the three-letter codes of two-letter languages are)."""
    subtags: dict[str, set[str]] = {kind: set() for kind in KINDS}
    aliases: dict[str, str] = {}
    for record in registry_records(text):
        kind = record.get("Type")
        if kind not in subtags:
            continue  # grandfathered and redundant whole tags are not taken
        preferred = record.get("Preferred-Value", "")
        for subtag in expand(record["Subtag"]):
            subtags[kind].add(subtag)
            if (kind in ("language", "extlang") and re.fullmatch("[a-z]{2,3}", preferred)
                    and preferred != subtag):
                aliases[subtag.lower()] = preferred
    for code, replacement in replacements.items():
        if (re.fullmatch("[a-z]{3}", code) and re.fullmatch("[a-z]{2}", replacement)
                and code not in subtags["language"]):
            aliases[code] = replacement
    return Registry(*(frozenset(subtags[kind]) for kind in KINDS), aliases=aliases)


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry langcodes ships (read once, on the first code sverka does not know)."""
    from importlib import resources

    from langcodes.data_dicts import LANGUAGE_REPLACEMENTS

    text = (resources.files("langcodes") / "data" / "language-subtag-registry.txt"
            ).read_text(encoding="utf-8")
    return build_registry(text, LANGUAGE_REPLACEMENTS)
