"""Anchored realign: the aligner runs only between the links a person confirmed or edited.

A realign that turned reviewed links back into automatic ones would undo a translator's
work without a word. Here every reviewed link stays fixed (an anchor) and each run of
automatic links between anchors (a gap) is aligned on its own, so nothing a person
decided moves. The same anchoring serves a project whose input files changed since it
was aligned: reviewed links whose text is still in the files are kept, the rest is
aligned afresh between them.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from align.model import Alignment, Document, Link, Segment
from align.options import MAX_LINK
from align.wording import plural

INPUTS_KEY = "inputs"
"""The project meta key holding each input file's SHA-256 as it was aligned."""


# ---------------------------------------------------------------------------- gaps

def gaps(links: Sequence[Link], first: int, last: int) -> list[tuple[int, int]]:
    """The runs ``[start, stop)`` of automatic links inside links ``first..last``: what an
    anchored realign aligns again (an empty list: every link there is reviewed)."""
    runs: list[tuple[int, int]] = []
    start = None
    for k in range(first, last + 1):
        if links[k].reviewed:
            if start is not None:
                runs.append((start, k))
            start = None
        elif start is None:
            start = k
    if start is not None:
        runs.append((start, last + 1))
    return runs


def align_segments(source: Document, target: Document, src: Sequence[int],
                   tgt: Sequence[int], max_link: int = MAX_LINK) -> list[Link]:
    """Automatic links over the contiguous segments ``src`` and ``tgt`` (either may be
    empty), numbered as in the whole documents."""
    from align.aligner import Settings, align_documents

    sub_source = Document(source.lang, tuple(source.segments[i] for i in src))
    sub_target = Document(target.lang, tuple(target.segments[j] for j in tgt))
    local = align_documents(sub_source, sub_target, Settings(max_link=max_link))
    src_offset, tgt_offset = (src[0] if src else 0), (tgt[0] if tgt else 0)
    return [Link(tuple(i + src_offset for i in link.src),
                 tuple(j + tgt_offset for j in link.tgt), link.score, "auto")
            for link in local.links]


Stretch = tuple[range, range]
"""The source and target segments of one gap (either may be empty)."""

FEW_GAPS = 8
"""Up to this many gaps each is aligned on its own; more are cut from one pass over the
whole span, since every call of the aligner costs a fixed ~0.2 s (a book with a
confirmed link every ten took minutes gap by gap)."""


def align_stretches(source: Document, target: Document, stretches: Sequence[Stretch],
                    max_link: int = MAX_LINK) -> list[list[Link]]:
    """Automatic links for each stretch. With many stretches the aligner runs once over
    the span that holds them all, and a stretch takes that pass's links when they cover
    it exactly; a stretch the pass's path crosses (it disagrees with an anchor there) is
    aligned on its own."""
    if len(stretches) <= FEW_GAPS:
        return [align_segments(source, target, src, tgt, max_link) for src, tgt in stretches]
    src_span = range(min(s.start for s, _ in stretches), max(s.stop for s, _ in stretches))
    tgt_span = range(min(t.start for _, t in stretches), max(t.stop for _, t in stretches))
    whole = align_segments(source, target, src_span, tgt_span, max_link)
    of_src = {i: k for k, link in enumerate(whole) for i in link.src}
    of_tgt = {j: k for k, link in enumerate(whole) for j in link.tgt}
    result = []
    for src, tgt in stretches:
        found = sorted({*(of_src[i] for i in src), *(of_tgt[j] for j in tgt)})
        inside = all(all(i in src for i in whole[k].src) and all(j in tgt for j in whole[k].tgt)
                     for k in found)
        result.append([whole[k] for k in found] if inside
                      else align_segments(source, target, src, tgt, max_link))
    return result


def realigned_range(alignment: Alignment, first: int, last: int,
                    max_link: int = MAX_LINK) -> list[Link]:
    """The links that replace ``first..last``: reviewed ones as they are, each gap between
    them aligned again on its own segments."""
    links = alignment.links
    runs = gaps(links, first, last)
    stretches = [(_span(link.src for link in links[start:stop]),
                  _span(link.tgt for link in links[start:stop])) for start, stop in runs]
    aligned = align_stretches(alignment.source, alignment.target, stretches, max_link)
    result: list[Link] = []
    position = first
    for (start, stop), fresh in zip(runs, aligned):
        result.extend(links[position:start])
        result.extend(fresh)
        position = stop
    result.extend(links[position:last + 1])
    return result


def _span(sides: Iterable[tuple[int, ...]]) -> range:
    """The contiguous segments that a run of links' sides hold."""
    indices = [i for side in sides for i in side]
    return range(indices[0], indices[-1] + 1) if indices else range(0)


def changed_links(before: Sequence[Link], after: Sequence[Link]) -> int:
    """How many links of ``after`` pair segments that no link of ``before`` paired (a link
    found again with a fresh confidence is not a change a person needs to look at)."""
    old = {(link.src, link.tgt) for link in before}
    return sum(1 for link in after if (link.src, link.tgt) not in old)


@dataclass(frozen=True)
class RealignPlan:
    """What realigning links ``first..last`` would do, said before and after doing it."""

    first: int
    last: int
    gaps: tuple[tuple[int, int], ...]
    kept: int
    """Reviewed links in the range, which stay as they are."""

    @classmethod
    def of(cls, alignment: Alignment, first: int, last: int) -> "RealignPlan":
        first, last = sorted((first, last))
        links = alignment.links
        return cls(first, last, tuple(gaps(links, first, last)),
                   sum(1 for link in links[first:last + 1] if link.reviewed))

    def nothing_to_do(self) -> str:
        """Why a realign of a range with no gap changes nothing."""
        return (f"nothing to realign: links {self.first + 1}–{self.last + 1} are all "
                f"confirmed or edited")

    def report(self, changed: int) -> str:
        """``realigned 3 gaps: 12 links changed, 40 confirmed kept``."""
        return (f"realigned {plural(len(self.gaps), 'gap')}: "
                f"{plural(changed, 'link')} changed, {self.kept} confirmed kept")


# ---------------------------------------------------------------------------- changed inputs

def input_path(document: Document, project: str | os.PathLike[str] | None) -> Path | None:
    """The file ``document`` was read from, as recorded in its meta: taken as given (the
    folder ``sverka pair`` ran in), else beside the project; None when neither exists."""
    recorded = document.meta.get("path")
    if not isinstance(recorded, str) or not recorded:
        return None
    candidates = [Path(recorded)]
    if project is not None and not Path(recorded).is_absolute():
        candidates.append(Path(project).parent / recorded)
    return next((path for path in candidates if path.is_file()), None)


def _sides(alignment: Alignment) -> tuple[tuple[str, Document], tuple[str, Document]]:
    return (("source", alignment.source), ("target", alignment.target))


def input_digests(alignment: Alignment, project: str | os.PathLike[str] | None = None
                  ) -> dict[str, str]:
    """SHA-256 of each input file found (by side): recorded when a project is first
    saved, so that opening it later can tell that a file changed since."""
    from align.fileio import file_digest

    digests = {}
    for side, document in _sides(alignment):
        path = input_path(document, project)
        if path is not None:
            digests[side] = file_digest(path)
    return digests


@dataclass(frozen=True)
class InputChange:
    """One input file that differs from the text the project was aligned on."""

    side: str
    path: Path
    digest: str
    document: Document
    """The file as read now, segmented as the project's side is."""
    added: int
    removed: int
    changed: int
    unit: str = "segment"
    """What a segment of this project is: paragraph, sentence or line."""

    def describe(self) -> str:
        """``en.txt (the translation) changed since it was aligned: 1 paragraph added``."""
        role = "the original" if self.side == "source" else "the translation"
        parts = [f"{plural(count, self.unit)} {what}" for count, what in
                 ((self.added, "added"), (self.removed, "removed"), (self.changed, "changed"))
                 if count]
        how = ", ".join(parts) or "the same segments, other bytes (spacing or encoding)"
        return f"{self.path.name} ({role}) changed since it was aligned: {how}"


def _reread(document: Document, path: Path, level: str) -> Document:
    """``path`` read again as ``document`` was: same language and segmentation (split
    into sentences again for a sentence-level project)."""
    from align.ingest import read_document

    segments = str(document.meta.get("segments") or "paragraphs")
    fresh = read_document(path, document.lang, segments=segments)
    meta = {**fresh.meta, "path": document.meta["path"]}  # found the same way next time
    if level != "sentence" or segments == "lines":
        return Document(fresh.lang, fresh.segments, meta)
    from align.segment import split_sentences

    return Document(fresh.lang, tuple(Segment(text, segment.kind)
                                      for segment in fresh.segments
                                      for text in split_sentences(segment.text, fresh.lang)),
                    meta)


def _counts(old: Sequence[str], new: Sequence[str]) -> tuple[int, int, int]:
    """Segments added, removed and changed from ``old`` to ``new``."""
    added = removed = changed = 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        changed += common
        removed += (i2 - i1) - common
        added += (j2 - j1) - common
    return added, removed, changed


def changed_inputs(alignment: Alignment, project: str | os.PathLike[str] | None
                   ) -> list[InputChange]:
    """The input files whose bytes differ from the digests recorded in the project's meta
    (a file that is gone, or a project that recorded none, is not reported: there is
    nothing to compare)."""
    recorded = alignment.meta.get(INPUTS_KEY)
    if not isinstance(recorded, Mapping):
        return []
    found = []
    current = input_digests(alignment, project)
    for side, document in _sides(alignment):
        if side not in recorded or side not in current or recorded[side] == current[side]:
            continue
        path = input_path(document, project)
        assert path is not None
        fresh = _reread(document, path, alignment.level)
        found.append(InputChange(side, path, current[side], fresh,
                                 *_counts(document.texts, fresh.texts),
                                 unit=_unit(document, alignment.level)))
    return found


def _unit(document: Document, level: str) -> str:
    """What one segment of ``document`` is, in the words a translator uses."""
    if document.meta.get("segments") == "lines":
        return "line"
    return "sentence" if level == "sentence" else "paragraph"


def documents_after(alignment: Alignment, changes: Sequence[InputChange]
                    ) -> tuple[Document, Document]:
    """The source and target as the input files hold them now (a side whose file did not
    change stays as the project has it, hand edits included)."""
    by_side = {change.side: change.document for change in changes}
    return (by_side.get("source", alignment.source), by_side.get("target", alignment.target))


def digests_after(alignment: Alignment, changes: Sequence[InputChange]) -> dict[str, str]:
    """The digests to record once the project is moved onto the changed files."""
    recorded = alignment.meta.get(INPUTS_KEY)
    return {**(dict(recorded) if isinstance(recorded, Mapping) else {}),
            **{change.side: change.digest for change in changes}}


def _positions(old: Sequence[str], new: Sequence[str]) -> dict[int, int]:
    """Old segment → new segment, for the segments whose text is unchanged."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return {i + offset: j + offset for i, j, size in matcher.get_matching_blocks()
            for offset in range(size)}


def _moved(indices: Sequence[int], positions: Mapping[int, int]) -> tuple[int, ...] | None:
    """``indices`` in the new document, or None when one is gone or they are no longer
    next to each other (a paragraph was inserted inside the link)."""
    moved = [positions.get(i) for i in indices]
    if any(i is None for i in moved):
        return None
    result = tuple(i for i in moved if i is not None)
    if any(b != a + 1 for a, b in zip(result, result[1:])):
        return None
    return result


def anchors_in(alignment: Alignment, source: Document, target: Document) -> list[Link]:
    """The reviewed links of ``alignment`` whose segments are all unchanged in the new
    ``source`` and ``target``, renumbered for them, in order. A one-sided link fixes no
    place on its empty side, so it is kept only right after a kept link (or at the start)
    and next to it: there it can only be where the person confirmed it."""
    src_map = _positions(alignment.source.texts, source.texts)
    tgt_map = _positions(alignment.target.texts, target.texts)
    anchors: list[Link] = []
    end_src = end_tgt = -1  # the last segment of each side the anchors so far hold
    attached = True  # the link before was kept (or there is none): a one-sided one may follow
    for link in alignment.links:
        kept = _kept(link, src_map, tgt_map, end_src, end_tgt, attached)
        if kept is not None:
            anchors.append(kept)
            end_src = kept.src[-1] if kept.src else end_src
            end_tgt = kept.tgt[-1] if kept.tgt else end_tgt
        attached = kept is not None
    return anchors


def _kept(link: Link, src_map: Mapping[int, int], tgt_map: Mapping[int, int], end_src: int,
          end_tgt: int, attached: bool) -> Link | None:
    """``link`` renumbered for the new documents when it stays an anchor, else None."""
    if not link.reviewed:
        return None
    src, tgt = _moved(link.src, src_map), _moved(link.tgt, tgt_map)
    if src is None or tgt is None:
        return None
    if link.two_sided:
        fits = src[0] > end_src and tgt[0] > end_tgt
    else:
        fits = attached and (not src or src[0] == end_src + 1) and (
            not tgt or tgt[0] == end_tgt + 1)
    return Link(src, tgt, link.score, link.status) if fits else None


def realign_around(source: Document, target: Document, anchors: Sequence[Link],
                   max_link: int = MAX_LINK) -> list[Link]:
    """Links covering ``source`` and ``target``: the ``anchors`` as they are (in order on
    both sides; a one-sided one right after the one before, as :func:`anchors_in` keeps
    them), and the aligner's links for each stretch between two."""
    stretches: list[Stretch] = []
    before: list[int] = []  # how many anchors come before each stretch
    next_src = next_tgt = 0
    for number, anchor in enumerate((*anchors, None)):
        stop_src = len(source) if anchor is None else (anchor.src or (next_src,))[0]
        stop_tgt = len(target) if anchor is None else (anchor.tgt or (next_tgt,))[0]
        if stop_src > next_src or stop_tgt > next_tgt:
            stretches.append((range(next_src, stop_src), range(next_tgt, stop_tgt)))
            before.append(number)
        if anchor is not None:
            next_src = anchor.src[-1] + 1 if anchor.src else next_src
            next_tgt = anchor.tgt[-1] + 1 if anchor.tgt else next_tgt
    aligned = dict(zip(before, align_stretches(source, target, stretches, max_link)))
    links: list[Link] = []
    for number, anchor in enumerate((*anchors, None)):
        links.extend(aligned.get(number, ()))
        if anchor is not None:
            links.append(anchor)
    return links


def realign_inputs(alignment: Alignment, source: Document, target: Document,
                   inputs: Mapping[str, Any], max_link: int = MAX_LINK) -> Alignment:
    """``alignment`` moved onto the input files as they are now (``source``, ``target``):
    reviewed links whose text is unchanged are kept, the rest aligned again between
    them, and ``inputs`` becomes the recorded digests."""
    anchors = anchors_in(alignment, source, target)
    links = realign_around(source, target, anchors, max_link)
    meta = {**alignment.meta, INPUTS_KEY: dict(inputs)}
    return Alignment(source, target, tuple(links), meta)
