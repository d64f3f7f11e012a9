"""How to read and align a pair: the one set of options that ``pair``, ``review``, ``check``,
``compare`` and ``batch`` share.

One value, so that a new option is added once and every command, the batch workers and
the batch fingerprint see it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from align.model import LEVELS

SEGMENTATIONS: tuple[str, ...] = ("paragraphs", "lines")
"""How input text becomes segments: blocks between blank lines, or one per line."""

MAX_LINK = 4
"""The largest n+m of a link by default: 2-2, 3-1 and 1-3 are the largest links."""


@dataclass(frozen=True)
class PairOptions:
    """Languages (None: detected), level, how the input is segmented, the largest link."""

    src_lang: str | None = None
    tgt_lang: str | None = None
    level: str = "paragraph"
    """``paragraph``, or ``sentence``: sentences inside aligned paragraphs."""
    segments: str = "paragraphs"
    """``paragraphs`` (blocks between blank lines), or ``lines``: pre-split input."""
    max_link: int = MAX_LINK
    lexicons: tuple[str, ...] = ()
    """Dictionaries (dictd), word-pair TSVs or learned lexicons given with ``--lexicon``,
    used beside the installed dictionaries for the pair's languages."""
    no_lexicon: bool = False
    """``--no-lexicon``: no lexicon at all, not even the installed dictionaries."""
    accept_unrelated: bool = False
    """``--force``: align a pair even when the target does not look like a translation of
    the source (:mod:`align.translation_fit`); otherwise such a pair is refused."""
