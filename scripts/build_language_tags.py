"""Write ``align/language_tags.py``: the subtags a BCP 47 language code may be built from.

sverka checks every language code a user gives (``--src-lang``, manifests, ``meta.toml``,
word lists, ``--langs``) against the IANA Language Subtag Registry, so ``xx`` or ``zz-ZZ``
is refused where it is typed instead of ending up in a memory that CAT tools reject. The
registry is read from the langcodes package, pinned so that a rerun writes the same table:

    .venv/bin/pip install langcodes==3.5.1
    .venv/bin/python scripts/build_language_tags.py

langcodes is not a dependency of sverka: importing it costs about 0.3 s (its tables are
Python source), while the generated module is a few strings read on first use. Besides the
registry's subtags, the table keeps ISO 639-2/-3 three-letter codes of languages that have
a two-letter code (``rus`` → ``ru``: BCP 47 allows only the shorter one) from langcodes'
replacement data, and the registry's preferred values of deprecated codes (``iw`` → ``he``).
"""

from __future__ import annotations

import re
import sys
import textwrap
from importlib import metadata, resources
from pathlib import Path

PINNED = "3.5.1"
OUTPUT = Path(__file__).resolve().parent.parent / "align" / "language_tags.py"
KINDS = ("language", "extlang", "script", "region", "variant")


def registry_records(text: str) -> list[dict[str, str]]:
    """The registry's records as field → value (continuation lines joined)."""
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
    out = []
    for high in range(ord(first[-2]), ord(last[-2]) + 1):
        for low in range(ord("a" if first[-1].islower() else "A"),
                         ord("z" if first[-1].islower() else "Z") + 1):
            code = prefix + chr(high) + chr(low)
            if first <= code <= last:
                out.append(code)
    return out


def build() -> str:
    try:
        version = metadata.version("langcodes")
    except metadata.PackageNotFoundError:
        version = "not installed"
    if version != PINNED:
        sys.exit(f"build_language_tags: langcodes is {version}; install {PINNED} "
                 f"(pip install langcodes=={PINNED}) so the table is reproducible")
    from langcodes.data_dicts import LANGUAGE_REPLACEMENTS

    text = (resources.files("langcodes") / "data" / "language-subtag-registry.txt"
            ).read_text(encoding="utf-8")
    date = re.search(r"File-Date: (\S+)", text).group(1)
    subtags: dict[str, set[str]] = {kind: set() for kind in KINDS}
    aliases: dict[str, str] = {}
    for record in registry_records(text):
        kind = record.get("Type")
        if kind not in subtags:
            continue  # grandfathered and redundant whole tags are not taken
        for subtag in expand(record["Subtag"]):
            subtags[kind].add(subtag)
            preferred = record.get("Preferred-Value", "")
            if kind in ("language", "extlang") and re.fullmatch("[a-z]{2,3}", preferred) \
                    and preferred != subtag:
                aliases[subtag.lower()] = preferred
    for code, replacement in LANGUAGE_REPLACEMENTS.items():
        if re.fullmatch("[a-z]{3}", code) and re.fullmatch("[a-z]{2}", replacement) \
                and code not in subtags["language"]:
            aliases[code] = replacement

    def words(items) -> str:
        return "\n".join(textwrap.wrap(" ".join(sorted(items)), 92))

    parts = [f'"""The subtags of BCP 47 language codes, from the IANA Language Subtag Registry '
             f'(File-Date\n{date}) as langcodes {PINNED} ships it, and three-letter ISO 639 codes '
             'of languages that\nhave a two-letter one. Written by '
             'scripts/build_language_tags.py: do not edit by hand."""',
             "", f'REGISTRY_DATE = "{date}"', ""]
    for kind in KINDS:
        parts += [f'{kind.upper()}S = """', words(subtags[kind]), '"""', ""]
    parts += ['ALIASES = """', words(f"{code}={to}" for code, to in aliases.items()),
              '"""', '"""A code → the code BCP 47 writes for it (``rus=ru``, ``iw=he``)."""', ""]
    return "\n".join(parts)


def main() -> int:
    temporary = OUTPUT.with_name(f".{OUTPUT.name}.tmp")
    temporary.write_text(build(), encoding="utf-8")
    temporary.replace(OUTPUT)  # a failed run leaves the old table whole
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
