"""Article folders: which file is the original, which the translation, in which languages.

A folder holds one article and its translations: ``ru.*`` and ``en.*`` (or the two
languages that ``meta.toml`` names as ``original`` and ``translation``), or an original
and several translations (``en.*``, ``de.*``, ``fr.*`` …, the original named in
``meta.toml`` or by ``--src-lang`` unless it is ``ru``), one pair per translation. A
real original (``ru.txt``, ``ru.html`` …) always wins over a labelled stand-in
(``ru.stand-in.txt``), so a user who drops the real text in gets it used by the same
commands.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.ingest import FORMATS
from align.language import base_language, language_code_problem

READABLE_SUFFIXES = tuple(FORMATS)
"""File endings an article folder's texts may have, in the order a language's file is
looked for (``ru.txt`` before ``ru.pdf``)."""


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


def _name_label(path: Path) -> str | None:
    """The language code a file is named after (``ru`` of ``ru.txt``, ``ru.stand-in.txt``)."""
    lang = path.name.split(".")[0]
    return lang if 2 <= len(lang) <= 3 and lang.isalpha() else None


def _languages_by_files(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in READABLE_SUFFIXES:
            lang = _name_label(path)
            if lang and lang not in found:
                found.append(lang)
    return found


def file_language(path: Path) -> str | None:
    """The language a file outside an article folder is named after, if the name is a
    language whose script sverka knows (``de.txt``, ``ru.stand-in.txt``): it labels a pair
    of files both named so, as an article folder's files are."""
    from align.language import language_scripts

    lang = _name_label(path)
    return lang if lang and language_scripts(lang) is not None else None


def article_pairs(folder: str | Path, src_lang: str | None = None,
                  tgt_lang: str | None = None) -> list[ArticlePair]:
    """Resolve an article folder into its original and each of its translations.

    The original is meta.toml's ``original``, else the file in the language ``src_lang``
    names (``--src-lang``), else ``ru``; a folder of two languages needs none of these.
    The translations are meta.toml's ``translation`` (one code, or a list), else every
    other language file; of these, ``tgt_lang`` (``--tgt-lang``) keeps the one it names.
    A folder of one translation names its pair after itself; with several, each pair is
    ``FOLDER.LANG`` (``udhr.de``), also when ``tgt_lang`` keeps one."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "is not a folder")
    meta = _meta(folder)
    files = meta.get("files", {}) if isinstance(meta.get("files"), dict) else {}
    named_src, named_tgt = meta.get("original"), meta.get("translation")
    named_tgts = [named_tgt] if isinstance(named_tgt, str) else named_tgt or []
    if not isinstance(named_tgts, list):
        raise InputError(folder / "meta.toml", "`translation`: give a language code, or a "
                         "list of codes such as [\"en\", \"de\"]")
    for key, code in (("original", named_src), *(("translation", c) for c in named_tgts)):
        problem = language_code_problem(str(code)) if code else None
        if problem:
            raise InputError(folder / "meta.toml", f"`{key}`: {problem}")
    languages = _languages_by_files(folder) if not (named_src and named_tgts) else []
    if not (named_src and named_tgts) and len(languages) < 2:
        raise InputError(folder, "needs two language files (e.g. ru.txt and en.txt) "
                         "or a meta.toml naming `original` and `translation`")
    original_lang = str(named_src) if named_src else _original_language(folder, languages,
                                                                          src_lang)
    if named_tgts:
        targets = [str(code) for code in named_tgts]
    else:
        targets = [lang for lang in languages if lang != original_lang]
    single = len(targets) == 1  # the names stay the same when --tgt-lang picks one
    chosen = [lang for lang in targets if tgt_lang and _same(lang, tgt_lang)]
    targets = chosen or targets
    original = _pick(folder, original_lang, files.get("original"))
    if original is None:
        raise InputError(folder, f"has no original text ({original_lang}.txt, "
                         f"{original_lang}.html …)")
    pairs = []
    for target_lang in targets:
        translation = _pick(folder, target_lang, files.get("translation") if single else None)
        if translation is None:
            raise InputError(folder, f"has no translation ({target_lang}.txt, "
                             f"{target_lang}.html …)")
        gold = folder / str(files.get("gold", "gold.json"))
        # a gold file describes the files it was made for: not a real original dropped in
        # later, and only for a folder of one pair
        usable_gold = gold if single and gold.is_file() and (
            original[1] or not files.get("stand_in")) else None
        pairs.append(ArticlePair(folder.name if single else f"{folder.name}.{target_lang}",
                                 original[0], translation[0], original_lang, target_lang,
                                 usable_gold, original[1], _origin(named_src, original[0]),
                                 _origin(named_tgts, translation[0])))
    return pairs


def _same(label: str, lang: str) -> bool:
    return base_language(label) == base_language(lang)


def _original_language(folder: Path, languages: list[str], src_lang: str | None) -> str:
    """Which language file is the original when meta.toml does not say."""
    given = [lang for lang in languages if src_lang and _same(lang, src_lang)]
    if given and len(languages) > 2:
        return given[0]
    if "ru" in languages:
        return "ru"
    if len(languages) == 2:
        return languages[0]
    raise InputError(folder, f"has texts in {len(languages)} languages "
                     f"({', '.join(languages)}): say which is the original, with "
                     f"`original = \"{languages[0]}\"` in meta.toml or --src-lang")


def article_pair(folder: str | Path) -> ArticlePair:
    """Resolve an article folder of one translation into its original and translation."""
    pairs = article_pairs(folder)
    if len(pairs) != 1:
        raise InputError(folder, f"holds {len(pairs)} translations "
                         f"({', '.join(pair.tgt_lang or '?' for pair in pairs)}); this "
                         "command takes one pair")
    return pairs[0]


def _origin(from_meta: object, path: Path) -> str:
    return "meta.toml" if from_meta else f"the file name {path.name}"
