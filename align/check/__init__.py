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

CODES: tuple[str, ...] = ("omission", "addition", "numbers", "names", "untranslated",
                          "length", "low-confidence", "long-segment")
"""Every flag code, in the order flags of one link are listed."""


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


def at_least(severity: str, threshold: str) -> bool:
    """Whether ``severity`` is ``threshold`` or more serious."""
    return SEVERITIES.index(severity) <= SEVERITIES.index(threshold)


def check_alignment(alignment: Alignment, settings: CheckSettings | None = None, *,
                    codes: Iterable[str] | None = None) -> list[Flag]:
    """All flags of ``alignment``, by link, then in :data:`CODES` order.

    ``codes`` limits the checks run (all when None).
    """
    from align.check import length, names, numbers, shape, untranslated

    settings = settings or CheckSettings()
    wanted = set(CODES if codes is None else codes)
    unknown = wanted - set(CODES)
    if unknown:
        raise ValueError(f"unknown flag codes: {', '.join(sorted(unknown))}")
    flags: list[Flag] = []
    if wanted & {"omission", "addition"}:
        flags += shape.one_sided(alignment)
    if "numbers" in wanted:
        flags += numbers.number_flags(alignment)
    if "names" in wanted:
        flags += names.name_flags(alignment)
    if "untranslated" in wanted:
        flags += untranslated.untranslated_flags(alignment)
    if "length" in wanted:
        flags += length.length_flags(alignment, settings.length_factor,
                                     settings.length_min_chars)
    if "low-confidence" in wanted:
        flags += shape.low_confidence(alignment, settings.low_confidence)
    if "long-segment" in wanted:
        flags += shape.long_segments(alignment)
    flags = [flag for flag in flags if flag.code in wanted]
    return sorted(flags, key=lambda flag: (flag.link, CODES.index(flag.code)))
