"""Article folders: which file is the original, which the translation, in which languages.

A folder holds one article pair: ``ru.*`` and ``en.*`` (or the two languages that
``meta.toml`` names as ``original`` and ``translation``). A real original (``ru.txt``,
``ru.html`` …) always wins over a labelled stand-in (``ru.stand-in.txt``), so a user who
drops the real text in gets it used by the same commands.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.language import language_code_problem

READABLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx")


@dataclass(frozen=True)
class ArticlePair:
    name: str
    original: Path
    translation: Path
    src_lang: str | None
    tgt_lang: str | None
    gold: Path | None
    stand_in: bool
    src_origin: str | None = None
    """Where ``src_lang`` came from (``meta.toml`` or ``the file name ru.txt``), so a label
    the text contradicts can be traced to what to fix."""
    tgt_origin: str | None = None


def _meta(folder: Path) -> dict:
    path = folder / "meta.toml"
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(path, f"is not valid TOML: {error}") from None


def _pick(folder: Path, lang: str, named: str | None) -> tuple[Path, bool] | None:
    """The real file for ``lang`` if there is one, else the named or stand-in file."""
    for suffix in READABLE_SUFFIXES:
        candidate = folder / f"{lang}{suffix}"
        if candidate.is_file():
            return candidate, False
    if named and (folder / named).is_file():
        return folder / named, ".stand-in." in named
    stand_ins = sorted(folder.glob(f"{lang}.stand-in.*"))
    return (stand_ins[0], True) if stand_ins else None


def _languages_by_files(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in READABLE_SUFFIXES:
            lang = path.name.split(".")[0]
            if 2 <= len(lang) <= 3 and lang.isalpha() and lang not in found:
                found.append(lang)
    return found


def article_pair(folder: str | Path) -> ArticlePair:
    """Resolve an article folder into its original and translation files."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "is not a folder")
    meta = _meta(folder)
    files = meta.get("files", {}) if isinstance(meta.get("files"), dict) else {}
    src_lang, tgt_lang = meta.get("original"), meta.get("translation")
    for key, code in (("original", src_lang), ("translation", tgt_lang)):
        problem = language_code_problem(str(code)) if code else None
        if problem:
            raise InputError(folder / "meta.toml", f"`{key}`: {problem}")
    if not (src_lang and tgt_lang):
        languages = _languages_by_files(folder)
        if len(languages) != 2:
            raise InputError(folder, "needs two language files (e.g. ru.txt and en.txt) "
                             "or a meta.toml naming `original` and `translation`")
        src_lang = src_lang or ("ru" if "ru" in languages else languages[0])
        tgt_lang = tgt_lang or next(lang for lang in languages if lang != src_lang)
    original = _pick(folder, src_lang, files.get("original"))
    translation = _pick(folder, tgt_lang, files.get("translation"))
    if original is None:
        raise InputError(folder, f"has no original text ({src_lang}.txt, {src_lang}.html …)")
    if translation is None:
        raise InputError(folder, f"has no translation ({tgt_lang}.txt, {tgt_lang}.html …)")
    gold = folder / str(files.get("gold", "gold.json"))
    # a gold file describes the files it was made for: not a real original dropped in later
    usable_gold = gold if gold.is_file() and (original[1] or not files.get("stand_in")) else None
    return ArticlePair(folder.name, original[0], translation[0], src_lang, tgt_lang,
                       usable_gold, original[1],
                       _origin(meta.get("original"), original[0]),
                       _origin(meta.get("translation"), translation[0]))


def _origin(from_meta: object, path: Path) -> str:
    return "meta.toml" if from_meta else f"the file name {path.name}"
