"""Translator QA: per link, what may be wrong with a rendering, why, and how badly.

Each kind of flag has its own small module (a pure function over one link, or over the
whole alignment where the document sets the norm); this package only runs them in order.
The review UI and ``sverka check`` both call :func:`check_alignment`, so a flag means the
same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from align.model import Alignment
from align.review_policy import LOW_CONFIDENCE

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
"""Most serious first: ``--fail-on`` and sorting use this order."""

CODES: tuple[str, ...] = ("not-a-translation", "omission", "addition", "numbers", "names", "untranslated",
                          "length", "low-confidence", "long-segment")
"""Every flag code, in the order flags of one link are listed."""

LINK_CODES: tuple[str, ...] = ("numbers", "untranslated", "low-confidence", "long-segment")
"""Codes whose flags on a link are read from that link and the two documents alone: after
an edit only the changed links need these checks again (the review UI relies on it); the
others weigh the link against the rest of the document."""


@dataclass(frozen=True, slots=True)
class Flag:
    """One finding on one link: ``link`` is the link's index in ``alignment.links``."""

    link: int
    code: str
    severity: str
    message: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if self.code not in CODES:
            raise ValueError(f"unknown flag code {self.code!r}")


@dataclass(frozen=True)
class CheckSettings:
    """Thresholds, in one place so that the UI and the CLI agree."""

    low_confidence: float = LOW_CONFIDENCE
    """Automatic two-sided links scoring below this are flagged (the review UI marks the
    same links at the default)."""
    length_factor: float = 2.0
    """A link's length ratio this many times above (or below) the document's is flagged."""
    length_min_chars: int = 40
    """Shorter source spans are not judged by length: short lines vary too much."""
    lexicons: tuple[str, ...] = ()
    """Dictionary files given with ``--lexicon``, for the sentence-level omission check."""
    no_lexicon: bool = False
    """``--no-lexicon``: the sentence-level omission check uses no dictionary either."""


def at_least(severity: str, threshold: str) -> bool:
    """Whether ``severity`` is ``threshold`` or more serious."""
    return SEVERITIES.index(severity) <= SEVERITIES.index(threshold)


def not_a_translation(alignment: Alignment) -> Flag | None:
    """The aligner's verdict that the two texts are not translations of each other
    (:mod:`align.translation_fit`, kept in the alignment's meta), as one error on the first
    link; None for a translation, or when the alignment carries no verdict."""
    from align.aligner import FIT_KEY

    fit = alignment.meta.get(FIT_KEY)
    if not alignment.links or not isinstance(fit, dict) or fit.get("is_translation", True):
        return None
    return Flag(0, "not-a-translation", "error",
                f"the two texts do not look like translations of each other "
                f"({fit.get('describe', 'translation fit too low')}): no link was checked")


def check_alignment(alignment: Alignment, settings: CheckSettings | None = None, *,
                    codes: Iterable[str] | None = None) -> list[Flag]:
    """All flags of ``alignment``, by link, then in :data:`CODES` order.

    ``codes`` limits the checks run (all when None).
    """
    from align.check import length, names, sentences, shape

    settings = settings or CheckSettings()
    wanted = set(CODES if codes is None else codes)
    unknown = wanted - set(CODES)
    if unknown:
        raise ValueError(f"unknown flag codes: {', '.join(sorted(unknown))}")
    verdict = not_a_translation(alignment) if "not-a-translation" in wanted else None
    if verdict is not None:
        return [verdict]  # every link would be flagged: the one finding is the pair itself
    flags: list[Flag] = []
    if "omission" in wanted:
        hidden, replaced = sentences.sentence_flags(alignment, settings.lexicons,
                                                    settings.no_lexicon)
        flags += hidden
    else:
        replaced = set()
    if wanted & {"omission", "addition"}:
        flags += [flag if flag.link not in replaced else
                  Flag(flag.link, flag.code, "info", f"{flag.message}, but sentence by "
                       "sentence it finds one: the links around it are shifted")
                  for flag in shape.one_sided(alignment)]
    if "names" in wanted:
        flags += names.name_flags(alignment)
    if "length" in wanted:
        flags += length.length_flags(alignment, settings.length_factor,
                                     settings.length_min_chars)
    flags += link_flags(alignment, None, settings, wanted & set(LINK_CODES))
    flags = [flag for flag in flags if flag.code in wanted]
    return sorted(flags, key=lambda flag: (flag.link, CODES.index(flag.code)))


def link_flags(alignment: Alignment, indices: Iterable[int] | None = None,
               settings: CheckSettings | None = None,
               codes: Iterable[str] = LINK_CODES) -> list[Flag]:
    """The :data:`LINK_CODES` flags of the links at ``indices`` (every link when None), in
    no particular order: what :func:`check_alignment` gives those links for these codes."""
    from align.check import numbers, shape, untranslated

    settings = settings or CheckSettings()
    wanted = set(codes)
    if wanted - set(LINK_CODES):
        raise ValueError(f"not link codes: {', '.join(sorted(wanted - set(LINK_CODES)))}")
    chosen = None if indices is None else sorted(set(indices))
    flags: list[Flag] = []
    if "numbers" in wanted:
        flags += numbers.number_flags(alignment, chosen)
    if "untranslated" in wanted:
        flags += untranslated.untranslated_flags(alignment, chosen)
    if "low-confidence" in wanted:
        flags += shape.low_confidence(alignment, settings.low_confidence, chosen)
    if "long-segment" in wanted:
        flags += shape.long_segments(alignment, chosen)
    return flags
