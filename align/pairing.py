"""Read a pair (two files or an article folder), check its languages, align it.

The library under every command that aligns a pair first (``pair``, ``review``, ``check``,
``compare``, the batch workers): one value in (:class:`PairRequest`), an
:class:`~align.model.Alignment` out. Arguments, printing and writing belong to
``align.commands``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from align.errors import InputError
from align.model import Alignment, Document
from align.options import PairOptions

if TYPE_CHECKING:
    from align.aligner import Settings
    from align.signals.lexicon import LexiconSignal


@dataclass(frozen=True)
class PairRequest:
    """What to align and how."""

    original: Path
    translation: Path
    options: PairOptions = field(default_factory=PairOptions)
    name: str | None = None
    """The pair's name (its article folder, a manifest id, the files' names); None: from
    the files' names (:func:`files_pair_name`)."""
    src_origin: str | None = None
    """Where ``options.src_lang`` came from, for error messages: ``--src-lang`` (the
    default), ``meta.toml``, ``the file name ru.txt``, ``the manifest`` …"""
    tgt_origin: str | None = None


def pair_request(original: Path, translation: Path | None,
                 options: PairOptions = PairOptions()) -> PairRequest:
    """The request for ORIGINAL TRANSLATION, or for an article folder of one translation
    given alone (its files and labels fill in what ``options`` leaves open)."""
    requests = pair_requests(original, [translation] if translation else [], options)
    if len(requests) > 1:
        raise InputError(original, f"holds {len(requests)} translations "
                         f"({', '.join(r.options.tgt_lang or '?' for r in requests)}); "
                         "name one with --tgt-lang")
    return requests[0]


def pair_requests(original: Path, translations: Sequence[Path],
                  options: PairOptions = PairOptions()) -> list[PairRequest]:
    """One request per translation of ``original``: the files given, or every translation
    in an article folder given alone (``--src-lang`` may name its original, ``--tgt-lang``
    one translation). Files named after their languages (``ru.txt`` and ``en.txt``) are
    labelled by their names, as in an article folder, so swapped contents are caught."""
    if translations:
        several = len(translations) > 1
        return [_files_request(original, translation, options, several)
                for translation in translations]
    if not original.exists():
        raise InputError(original, "no such file or folder")
    if not original.is_dir():
        raise InputError(original, "needs a translation file beside it, or must be an "
                         "article folder (e.g. corpora/podrabinek-2022-01-10)")
    from align.corpus import article_pairs

    requests = []
    for pair in article_pairs(original, options.src_lang, options.tgt_lang):
        src_origin = None if options.src_lang else pair.src_origin  # None: the option said it
        tgt_origin = None if options.tgt_lang else pair.tgt_origin
        given = replace(options, src_lang=options.src_lang or pair.src_lang,
                        tgt_lang=options.tgt_lang or pair.tgt_lang)
        requests.append(PairRequest(pair.original, pair.translation, given, pair.name,
                                    src_origin, tgt_origin))
    return requests


def _files_request(original: Path, translation: Path, options: PairOptions,
                   several: bool = False) -> PairRequest:
    """A pair of files, named by :func:`files_pair_name`; when both are named after a
    language (``ru.txt``, ``en.html``, ``ru.stand-in.txt``), those names label them
    unless an option does."""
    from align.corpus import file_language

    name = files_pair_name(original, translation, several)
    src_label, tgt_label = file_language(original), file_language(translation)
    if not (src_label and tgt_label):
        return PairRequest(original, translation, options, name)
    src_origin = None if options.src_lang else f"the file name {original.name}"
    tgt_origin = None if options.tgt_lang else f"the file name {translation.name}"
    return PairRequest(original, translation,
                       replace(options, src_lang=options.src_lang or src_label,
                               tgt_lang=options.tgt_lang or tgt_label),
                       name, src_origin, tgt_origin)


def _group(document: Document) -> tuple[Document, list[list[str]]]:
    """Paragraphs made of pre-split sentence lines (blank lines between paragraphs, as the
    reader recorded them): the paragraph document and each paragraph's sentences."""
    from align.model import Segment

    sizes = list(document.meta.get("line_groups") or [1] * len(document))
    groups, start = [], 0
    for size in sizes:
        groups.append(document.segments[start:start + size])
        start += size
    paragraphs = tuple(Segment(" ".join(s.text for s in group), group[0].kind) for group in groups)
    return (Document(document.lang, paragraphs, dict(document.meta)),
            [[s.text for s in group] for group in groups])


def read_pair(request: PairRequest) -> tuple[Document, Document]:
    """Both sides, with languages known and checked to differ.

    A language given by a file name, meta.toml, a manifest or the command line is checked
    against the text (:func:`check_labels`): a pair whose texts are in one language, or a
    label the text plainly contradicts, is refused before anything is aligned."""
    from align.ingest import read_document
    from align.language import base_language

    if request.original.resolve() == request.translation.resolve():
        raise InputError(request.translation, "is the original itself; give the translation")
    options = request.options
    source = read_document(request.original, options.src_lang, options.segments)
    target = read_document(request.translation, options.tgt_lang, options.segments)
    check_labels(request, source, target)
    if base_language(source.lang) == base_language(target.lang):
        hint = ("give --src-lang/--tgt-lang if detection is wrong"
                if not (_given(source) and _given(target))
                else "label each side with its own language")
        raise InputError(request.translation, f"is in the same language as {request.original} "
                         f"({source.lang}); {hint}")
    return source, target


def _given(document: Document) -> bool:
    return document.meta.get("lang_source") == "given"


def check_labels(request: PairRequest, source: Document, target: Document) -> None:
    """Refuse labels the texts plainly contradict; keep them when the evidence is weak.

    - both texts confidently read as one language → "is in the same language";
    - both labels contradicted, each by the other's language → "look swapped";
    - one label contradicted (another script, or a confident detection) → names the file,
      the label and where it came from, what the text reads as, and how to fix it.
    Close languages the detector cannot tell apart with confidence keep their labels."""
    from align.language import base_language, detect_language_confidently, label_contradiction

    if not (_given(source) or _given(target)):
        return  # both detected, and found to differ
    src_text, tgt_text = "\n".join(source.texts), "\n".join(target.texts)
    src_sure, tgt_sure = detect_language_confidently(src_text), detect_language_confidently(tgt_text)
    if src_sure is not None and src_sure == tgt_sure:
        raise InputError(request.translation, f"is in the same language as {request.original} "
                         f"(both texts read as {src_sure}, though labelled {source.lang} and "
                         f"{target.lang}); one of them should be the other's translation: "
                         "check the files")
    src_is = label_contradiction(src_text, source.lang) if _given(source) else None
    tgt_is = label_contradiction(tgt_text, target.lang) if _given(target) else None
    src_from = request.src_origin or "--src-lang"
    tgt_from = request.tgt_origin or "--tgt-lang"
    if (src_is and tgt_is and base_language(src_is) == base_language(target.lang)
            and base_language(tgt_is) == base_language(source.lang)):
        raise InputError(request.original, f"is labelled {source.lang} (by {src_from}) and "
                         f"{request.translation} {target.lang} (by {tgt_from}), but the texts "
                         f"read the other way round ({src_is} and {tgt_is}): the labels look "
                         f"swapped; {_swap_fix(src_from)}")
    for path, doc, found, origin, side in ((request.original, source, src_is, src_from, "src"),
                                           (request.translation, target, tgt_is, tgt_from,
                                            "tgt")):
        if found:
            raise InputError(path, f"is labelled {doc.lang} (by {origin}) but its text reads "
                             f"as {found}; {_fix(origin, side, found)}")


def _swap_fix(origin: str) -> str:
    if origin.startswith("--"):
        return "swap --src-lang and --tgt-lang (or leave them out to detect the languages)"
    if origin == "meta.toml":
        return "swap `original` and `translation` in meta.toml"
    if origin.startswith("the file name"):
        return ("rename each file after the language it is in, or name the languages in "
                "meta.toml")
    if origin.startswith("the manifest"):
        return "swap the src_lang and tgt_lang cells of its row"
    return "swap the two languages"


def _fix(origin: str, side: str, found: str) -> str:
    """How to correct a wrong label, said for where it came from."""
    lang = found if " " not in found else "CODE"
    option = f"--{side}-lang"
    if origin.startswith("--"):
        return f"give {option} {lang} (or leave it out to detect the language)"
    if origin == "meta.toml":
        key = "original" if side == "src" else "translation"
        return f"correct `{key}` in meta.toml (or give {option} {lang})"
    if origin.startswith("the file name"):
        return (f"rename the file after its language (e.g. {lang}.txt), or name the languages "
                f"in meta.toml (or give {option} {lang})")
    if origin.startswith("the manifest"):
        column = "src_lang" if side == "src" else "tgt_lang"
        return f"correct the {column} cell of its row (or leave it empty to detect it)"
    return f"give {option} {lang}"


def align_request(request: PairRequest, settings: "Settings | None" = None) -> Alignment:
    """The whole job of ``sverka pair`` except writing: read, choose the lexicon (the
    installed dictionaries, ``--lexicon`` files, and any lexicon ``settings`` carry), align,
    refuse a pair that is no translation, name."""
    from align.aligner import Settings, align_documents, align_sentences
    from align.dictionaries.sources import lexicon_for
    from align.language import base_language
    from align.segment import split_sentences

    source, target = read_pair(request)
    options = request.options
    settings = settings or Settings(max_link=options.max_link)
    choice = lexicon_for(base_language(source.lang), base_language(target.lang),
                         options.lexicons, options.no_lexicon)
    if choice.signal is not None:
        settings = replace(settings, lexicon=_joined(choice.signal, settings.lexicon))
    if options.level == "sentence":
        if options.segments == "lines":
            source, src_sentences = _group(source)
            target, tgt_sentences = _group(target)
        else:
            src_sentences = [split_sentences(t, source.lang) for t in source.texts]
            tgt_sentences = [split_sentences(t, target.lang) for t in target.texts]
        alignment = align_sentences(source, target, src_sentences, tgt_sentences, settings)
    else:
        alignment = align_documents(source, target, settings)
    refuse_unrelated(request, alignment)
    meta = dict(alignment.meta)
    meta.update(name=pair_name(request), segments=options.segments, max_link=options.max_link,
                lexicon_sources=choice.summary)
    return Alignment(alignment.source, alignment.target, alignment.links, meta)


def refuse_unrelated(request: PairRequest, alignment: Alignment) -> None:
    """Two texts that are not translations of each other are one clear error, unless the
    user said ``--force`` (``PairOptions.accept_unrelated``)."""
    from align.aligner import FIT_KEY

    fit = alignment.meta.get(FIT_KEY)
    if request.options.accept_unrelated or not fit or fit.get("is_translation", True):
        return
    raise InputError(request.translation, f"does not look like a translation of "
                     f"{request.original} ({fit['describe']}); give --force to align "
                     "them anyway")


@functools.lru_cache(maxsize=4)
def _joined(dictionaries: "LexiconSignal", other: "LexiconSignal | None") -> "LexiconSignal":
    """The installed and given dictionaries with a learned lexicon, joined once per batch
    worker rather than once per pair."""
    return dictionaries.joined(other)


def pair_name(request: PairRequest) -> str:
    """The pair's name: its article folder (``FOLDER.LANG`` for one of several
    translations), manifest id or original's address, else :func:`files_pair_name`."""
    return request.name or files_pair_name(request.original, request.translation)


def files_pair_name(original: Path, translation: Path, several: bool = False) -> str:
    """A pair of files named after both, so that pairs from two folders, or two
    translations of one original, get projects of their own: ``ORIGINAL-TRANSLATION``
    from the names before their first dot (``ru.txt en.txt``: ``ru-en``). Files that
    share that part (``story.ru.txt story.en.txt``) are named by it, ``story``, as an
    article folder is; and, for one of several translations, ``story.en``, as a folder's
    ``FOLDER.LANG``."""
    base, other = original.name.split(".")[0], translation.name.split(".")[0]
    if base != other:
        return f"{base}-{other}"
    rest = translation.stem[len(base) + 1:]
    return f"{base}.{rest}" if several and rest else base
