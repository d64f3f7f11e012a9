"""What a link can be split or detached into: the options the choice dialogs list.

Each option is a readable label and the :class:`~align.edit.Op` it stands for, built
from one link of the alignment; the dialog only shows them and returns the chosen op.
"""

from __future__ import annotations

from align.edit import Op, sentence_boundaries
from align.model import Alignment

Choice = tuple[str, Op]


def excerpt(text: str, words: int = 6, tail: bool = False) -> str:
    """The first (or last) few words of ``text``, with an ellipsis for the rest."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return ("… " + " ".join(parts[-words:])) if tail else (" ".join(parts[:words]) + " …")


def span(indices: tuple[int, ...]) -> str:
    """Segment numbers as people count them: ¶3, ¶3–4, or — for none."""
    if not indices:
        return "—"
    first, last = indices[0] + 1, indices[-1] + 1
    return f"¶{first}" if first == last else f"¶{first}–{last}"


def opening(alignment: Alignment, side: str, indices: tuple[int, ...], words: int = 3) -> str:
    """``¶3 “Первый абзац о …”``: a part's segments and the first words of its first one."""
    if not indices:
        return "—"
    document = alignment.source if side == "source" else alignment.target
    return f"{span(indices)} “{excerpt(document.segments[indices[0]].text, words)}”"


def split_link_choices(alignment: Alignment, k: int) -> list[Choice]:
    """Every way to cut link ``k`` in two, each part keeping at least one segment; each
    option shows both parts' segments and first words (two lines)."""
    link = alignment.links[k]
    choices = []
    for src_at in range(len(link.src) + 1):
        for tgt_at in range(len(link.tgt) + 1):
            first = (link.src[:src_at], link.tgt[:tgt_at])
            second = (link.src[src_at:], link.tgt[tgt_at:])
            if not any(first) or not any(second):
                continue
            label = "\n".join(
                f"{which}: {opening(alignment, 'source', part[0])} ↔ "
                f"{opening(alignment, 'target', part[1])}"
                for which, part in (("1st", first), ("2nd", second)))
            choices.append((label, Op("split_link", {"k": k, "src_at": src_at,
                                                     "tgt_at": tgt_at})))
    return choices


def diagonal_split(alignment: Alignment, k: int, choices: list[Choice]) -> int:
    """The choice that cuts both sides of link ``k`` in the middle (a 2-2 link into two
    1-1 links): the likeliest fix for a merge too many, so the dialog starts on it. A
    link with one segment on a side has no diagonal: the first choice."""
    link = alignment.links[k]
    if len(link.src) < 2 or len(link.tgt) < 2:
        return 0
    middle = ((len(link.src) + 1) // 2, (len(link.tgt) + 1) // 2)
    for n, (_, op) in enumerate(choices):
        if (op.args.get("src_at"), op.args.get("tgt_at")) == middle:
            return n
    return 0


def detach_choices(alignment: Alignment, k: int) -> list[Choice]:
    """The end segments of link ``k`` that can become one-sided links of their own."""
    link = alignment.links[k]
    choices = []
    for side, this, other, document in (("source", link.src, link.tgt, alignment.source),
                                        ("target", link.tgt, link.src, alignment.target)):
        if not this or (len(this) == 1 and not other):
            continue
        choices.append((f"{side} ¶{this[0] + 1} on its own, before: "
                        f"{excerpt(document.segments[this[0]].text)}",
                        Op("detach", {"k": k, "side": side, "last": False})))
        if len(this) > 1:
            choices.append((f"{side} ¶{this[-1] + 1} on its own, after: "
                            f"{excerpt(document.segments[this[-1]].text)}",
                            Op("detach", {"k": k, "side": side, "last": True})))
    return choices


def split_paragraph_choices(alignment: Alignment, k: int) -> list[Choice]:
    """Every sentence boundary inside the paragraphs of link ``k``, on both sides."""
    link = alignment.links[k]
    choices = []
    for side, indices, document in (("source", link.src, alignment.source),
                                    ("target", link.tgt, alignment.target)):
        for i in indices:
            text = document.segments[i].text
            for at in sentence_boundaries(text, document.lang):
                label = (f"{side} ¶{i + 1}: {excerpt(text[:at], 4, tail=True)} ‖ "
                         f"{excerpt(text[at:], 4)}")
                choices.append((label, Op("split_paragraph",
                                          {"side": side, "index": i, "at": at})))
    return choices
