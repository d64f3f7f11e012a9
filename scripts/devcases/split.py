"""Which part of the dev cases a document belongs to: ``tune`` or ``report``.

Why: figures tuned on the cases they are reported on flatter the aligner. The part is a
function of the document alone (never of the seed or the variant), so every variant of
one document lands in the same part.
"""

from __future__ import annotations

import hashlib

PARTS = ("tune", "report")


def split_of(document: str) -> str:
    """The part of a document, from a stable hash of its key (about half each)."""
    digest = hashlib.sha256(document.encode("utf-8")).digest()
    return PARTS[digest[0] % 2]


def balanced_parts(sizes: dict[str, int]) -> dict[str, str]:
    """Parts for a few large documents (the Debian chapters): in the order of their
    hashes, each goes to the part with fewer units so far, so the parts stay about the
    same size where a plain hash of twenty documents could leave one twice the other."""
    totals = dict.fromkeys(PARTS, 0)
    parts: dict[str, str] = {}
    for document in sorted(sizes, key=lambda d: hashlib.sha256(d.encode("utf-8")).hexdigest()):
        part = min(PARTS, key=lambda p: (totals[p], PARTS.index(p)))
        parts[document] = part
        totals[part] += sizes[document]
    return parts
