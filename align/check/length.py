"""Links whose length ratio is far from the document's own.

A translation is longer or shorter than its original by a ratio that depends on the
language pair and the translator, so the norm is the document's: total target length over
total source length of its two-sided links, lengths as the aligner counts them
(:func:`align.signals.length.text_length`). A link far off it has lost or gained text.
"""

from __future__ import annotations

from align.check import Flag
from align.model import Alignment
from align.signals.length import text_length


def length_flags(alignment: Alignment, factor: float, min_chars: int) -> list[Flag]:
    """Flag two-sided links whose target/source ratio is ``factor`` times off the norm.

    Spans shorter than ``min_chars`` on both sides (after scaling) are not judged.
    """
    pairs = [(index, text_length(alignment.source_text(link)),
              text_length(alignment.target_text(link)))
             for index, link in enumerate(alignment.links) if link.two_sided]
    total_src = sum(src for _, src, _ in pairs)
    total_tgt = sum(tgt for _, _, tgt in pairs)
    if not total_src or not total_tgt:
        return []
    norm = total_tgt / total_src
    flags = []
    for index, src, tgt in pairs:
        expected = src * norm
        if max(src, tgt / norm) < min_chars:
            continue
        off = max(tgt, 1) / max(expected, 1)
        if off >= factor or off <= 1 / factor:
            what = "longer" if off > 1 else "shorter"
            times = off if off > 1 else 1 / off
            flags.append(Flag(index, "length", "warning",
                              f"target is {times:.1f}× {what} than this document's ratio "
                              f"predicts ({tgt} characters for {src}; expected about "
                              f"{expected:.0f})"))
    return flags
