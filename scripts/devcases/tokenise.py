"""Tokenised text: punctuation spaced off the words, now and then a comma alone on a line.

Why: texts that went through an NLP pipeline (the de-fr literary text the project met)
look like this, and the aligner's length and character signals must cope. Only spaces
and line breaks change, so a link's lines still concatenate to the data's text once
whitespace is ignored.
"""

from __future__ import annotations

import random
import re

from devcases.model import Case

_PUNCTUATION = re.compile(r"\s*([,.;:!?()«»\"“”„])\s*")
_APOSTROPHE = re.compile(r"(\w['’])(?=\w)")


def tokenise(text: str) -> str:
    """``word, word.`` → ``word , word .``; French elision ``l'homme`` → ``l' homme``."""
    spaced = _APOSTROPHE.sub(r"\1 ", _PUNCTUATION.sub(r" \1 ", text))
    return " ".join(spaced.split())


def lone_comma(line: str) -> list[str] | None:
    """The line cut at an inner comma into ``before``, ``","``, ``after`` (None: no room)."""
    words = line.split(" ")
    commas = [k for k, word in enumerate(words) if word == "," and 0 < k < len(words) - 1]
    if not commas:
        return None
    k = commas[len(commas) // 2]
    return [" ".join(words[:k]), ",", " ".join(words[k + 1:])]


def tokenise_case(case: Case, side: str, rng: random.Random, lone_commas: int) -> int:
    """Tokenise one side of every block in place and put ``lone_commas`` commas on lines
    of their own (in 1-1 links nothing was planted in); returns how many were placed."""
    for block in case.blocks:
        lines = block.src if side == "src" else block.tgt
        lines[:] = [tokenise(line) for line in lines]
    candidates = [block for block in case.blocks  # plain 1-1 links: a planted change stays as it was
                  if block.op is None and len(block.src) == len(block.tgt) == 1
                  and lone_comma((block.src if side == "src" else block.tgt)[0])]
    chosen = rng.sample(candidates, min(lone_commas, len(candidates)))
    for block in chosen:
        lines = block.src if side == "src" else block.tgt
        lines[:] = lone_comma(lines[0]) or lines
    return len(chosen)
