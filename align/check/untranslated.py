"""Text of the original left untranslated in the target.

Across scripts (ru → en, uk → en, en → ru) it is plain: words in the source's script
(:func:`align.language.script_of`) inside the target. Within one script (de → fr) a
target that repeats its source, or reads as the source language
(:func:`align.language.detect_language`), is untranslated.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from align.check import Flag
from align.language import base_language, detect_language, script_of
from align.model import Alignment

_WORD = re.compile(r"[^\W\d_]{3,}")
MOSTLY = 0.3
"""Share of target words in the source's script from which the link is an error."""
MIN_WORDS_TO_DETECT = 8
"""Within one script, the language of shorter targets is not guessed."""
WORDS_KEPT = 200_000
"""Words whose script is remembered: a book's vocabulary, so a re-check after an edit
looks up no word twice."""

_word_script = lru_cache(maxsize=WORDS_KEPT)(script_of)


def untranslated_flags(alignment: Alignment, indices: Sequence[int] | None = None
                       ) -> list[Flag]:
    """One flag per two-sided link (of ``indices``, else of all) whose target keeps
    source text."""
    source_script = script_of(" ".join(alignment.source.texts))
    target_script = script_of(" ".join(alignment.target.texts))
    flags = []
    for index in range(len(alignment.links)) if indices is None else indices:
        link = alignment.links[index]
        if not link.two_sided:
            continue
        target = alignment.target_text(link)
        if source_script != target_script and source_script != "Zyyy":
            flag = _foreign_script(index, target, source_script)
        else:
            flag = _same_script(index, alignment.source_text(link), target,
                                base_language(alignment.source.lang), base_language(alignment.target.lang))
        if flag is not None:
            flags.append(flag)
    return flags


def _foreign_script(index: int, target: str, source_script: str) -> Flag | None:
    words = _WORD.findall(target)
    left = [word for word in words if _word_script(word) == source_script]
    if not left:
        return None
    share = len(left) / len(words)
    shown = ", ".join(dict.fromkeys(left[:6])) + (" …" if len(left) > 6 else "")
    return Flag(index, "untranslated", "error" if share >= MOSTLY else "warning",
                f"{len(left)} of {len(words)} target words are in the source's script "
                f"({source_script}): {shown}")


def _same_script(index: int, source: str, target: str, source_lang: str,
                 target_lang: str) -> Flag | None:
    if source_lang == target_lang:
        return None
    words = _WORD.findall(target)
    same = " ".join(source.split()).casefold() == " ".join(target.split()).casefold()
    if len(words) >= 3 and same:
        return Flag(index, "untranslated", "error", "the target repeats the source text")
    if len(words) >= MIN_WORDS_TO_DETECT and detect_language(target) == source_lang:
        return Flag(index, "untranslated", "error",
                    f"the target reads as {source_lang}, the source's language")
    return None
