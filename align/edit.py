"""Pure, undoable operations on an :class:`Alignment`, and the undo/redo stack over them.

The review UI and any script change an alignment only through these functions: each takes
an alignment and returns a new one (the model's constructor re-checks full, monotone
coverage), so a bad edit cannot produce a broken project. An operation that does not
apply raises :class:`EditError` with a sentence a person can act on.

Every operation is also named in :data:`OPERATIONS` and described by an :class:`Op`
(name + JSON-able arguments), so the journal can write it down and replay it after a
crash. Links a person changed get the status ``edited`` and the score
:data:`~align.model.HAND_SCORE` (the aligner's confidence no longer applies); realigned
links stay ``auto`` (the aligner made them; a person has not looked at them yet). Marks,
notes and sentence confirmations (``set_mark``, ``set_note``, ``confirm_sentence``) are
operations like any other, so they are undone and journalled alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Mapping, Sequence

from align.model import HAND_SCORE, MARKS, Alignment, AlignmentError, Document, Link, Segment
from align.annotate import carried, clean_note, with_sentence
from align.options import MAX_LINK
from align.realign import INPUTS_KEY

SIDES = ("source", "target")


class EditError(ValueError):
    """An operation does not apply here (e.g. merging the last link with the next)."""


# ---------------------------------------------------------------------------- helpers

def _link(alignment: Alignment, k: int) -> Link:
    if not 0 <= k < len(alignment.links):
        raise EditError(f"there is no link {k + 1} (the alignment has "
                        f"{len(alignment.links)} links)")
    return alignment.links[k]


def _side(side: str) -> str:
    if side not in SIDES:
        raise EditError(f"side must be 'source' or 'target', not {side!r}")
    return side


def _edited(src: Sequence[int], tgt: Sequence[int], *origins: Link) -> Link:
    """A link a person made out of ``origins``: its score says so (the aligner's no longer
    holds), and it keeps their marks and notes (a translator's comment is never dropped)."""
    return Link(tuple(src), tuple(tgt), HAND_SCORE, "edited", **carried(*origins))


def _splice(alignment: Alignment, start: int, stop: int, new: Iterable[Link]) -> Alignment:
    """Links ``start:stop`` replaced by ``new``; the model checks the result."""
    links = alignment.links
    try:
        return alignment.with_links(links[:start] + tuple(new) + links[stop:])
    except AlignmentError as error:  # a bug in an operation, never the user's doing
        raise EditError(f"the edit would break the alignment: {error}") from None


def _sides(link: Link, side: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return (link.src, link.tgt) if side == "source" else (link.tgt, link.src)


def _make(side: str, this: Sequence[int], other: Sequence[int], *origins: Link
          ) -> Link | None:
    """A link from the segments of ``side`` and the other side; None when both are empty."""
    if not this and not other:
        return None
    src, tgt = (this, other) if side == "source" else (other, this)
    return _edited(src, tgt, *origins)


# ---------------------------------------------------------------------------- link operations

def merge_next(alignment: Alignment, k: int) -> Alignment:
    """Link ``k`` and link ``k+1`` become one link (e.g. 1-1 + 0-1 → 1-2)."""
    first = _link(alignment, k)
    if k + 1 >= len(alignment.links):
        raise EditError("the last link has no next link to merge with")
    second = alignment.links[k + 1]
    merged = _edited(first.src + second.src, first.tgt + second.tgt, first, second)
    return _splice(alignment, k, k + 2, [merged])


def merge_previous(alignment: Alignment, k: int) -> Alignment:
    """Link ``k`` joins the link before it."""
    _link(alignment, k)
    if k == 0:
        raise EditError("the first link has no previous link to merge with")
    return merge_next(alignment, k - 1)


def split_link(alignment: Alignment, k: int, src_at: int, tgt_at: int) -> Alignment:
    """Link ``k`` becomes two: segments before ``src_at``/``tgt_at`` (positions inside the
    link's sides) stay in the first, the rest go to the second; neither may be empty."""
    link = _link(alignment, k)
    if not (0 <= src_at <= len(link.src) and 0 <= tgt_at <= len(link.tgt)):
        raise EditError(f"split points {src_at}/{tgt_at} are outside link {k + 1} "
                        f"({link.type})")
    first = (link.src[:src_at], link.tgt[:tgt_at])
    second = (link.src[src_at:], link.tgt[tgt_at:])
    if not any(first) or not any(second):
        raise EditError("a split must leave at least one segment on each part")
    return _splice(alignment, k, k + 1, [_edited(*first, link), _edited(*second, link)])


def pull_up(alignment: Alignment, k: int, side: str) -> Alignment:
    """The first ``side`` segment of link ``k+1`` moves up into link ``k`` (a link left
    with no segment disappears)."""
    link = _link(alignment, k)
    _side(side)
    if k + 1 >= len(alignment.links):
        raise EditError("the last link has no next link to take from")
    donor_this, donor_other = _sides(alignment.links[k + 1], side)
    if not donor_this:
        raise EditError(f"link {k + 2} has no {side} segment to move up")
    this, other = _sides(link, side)
    donor = alignment.links[k + 1]
    grown = _make(side, this + donor_this[:1], other, link)
    shrunk = _make(side, donor_this[1:], donor_other, donor)
    return _splice(alignment, k, k + 2, [x for x in (grown, shrunk) if x is not None])


def push_down(alignment: Alignment, k: int, side: str) -> Alignment:
    """The last ``side`` segment of link ``k`` moves down into link ``k+1`` (a link left
    with no segment disappears)."""
    link = _link(alignment, k)
    _side(side)
    if k + 1 >= len(alignment.links):
        raise EditError("the last link has no next link to push into")
    this, other = _sides(link, side)
    if not this:
        raise EditError(f"link {k + 1} has no {side} segment to push down")
    receiver = alignment.links[k + 1]
    r_this, r_other = _sides(receiver, side)
    shrunk = _make(side, this[:-1], other, link)
    grown = _make(side, this[-1:] + r_this, r_other, receiver)
    return _splice(alignment, k, k + 2, [x for x in (shrunk, grown) if x is not None])


def detach(alignment: Alignment, k: int, side: str, last: bool = False) -> Alignment:
    """The first (or last) ``side`` segment of link ``k`` becomes its own one-sided link,
    placed before (or after) the rest. Only an end can leave without breaking order."""
    link = _link(alignment, k)
    _side(side)
    this, other = _sides(link, side)
    if not this:
        raise EditError(f"link {k + 1} has no {side} segment")
    if len(this) == 1 and not other:
        raise EditError(f"link {k + 1} is already a one-sided link")
    alone = _make(side, this[-1:] if last else this[:1], ())
    rest = _make(side, this[:-1] if last else this[1:], other, link)
    assert alone is not None and rest is not None
    return _splice(alignment, k, k + 1, [rest, alone] if last else [alone, rest])


def confirm(alignment: Alignment, k: int) -> Alignment:
    """A person accepts link ``k``: ``auto`` → ``confirmed`` (``edited`` stays: a person
    already made it)."""
    link = _link(alignment, k)
    if link.reviewed:
        return alignment
    return _splice(alignment, k, k + 1, [replace(link, status="confirmed")])


def confirm_through(alignment: Alignment, k: int, skip: Sequence[int] = ()) -> Alignment:
    """Confirm every ``auto`` link from the first down to link ``k`` inclusive, except the
    links in ``skip`` (left for a deliberate look)."""
    _link(alignment, k)
    left = frozenset(skip)
    head = tuple(replace(link, status="confirmed") if not link.reviewed and n not in left
                 else link for n, link in enumerate(alignment.links[:k + 1]))
    if all(a is b for a, b in zip(head, alignment.links)):
        return alignment
    return _splice(alignment, 0, k + 1, head)


def realign(alignment: Alignment, first: int, last: int, max_link: int = MAX_LINK
            ) -> Alignment:
    """Run the aligner again on links ``first..last`` (inclusive), keeping every link a
    person confirmed or edited there fixed: only the runs of ``auto`` links between them
    are aligned again (:mod:`align.realign`). New links are ``auto`` with fresh
    confidences; the links around the range keep their place."""
    from align.realign import realigned_range

    if first > last:
        first, last = last, first
    _link(alignment, first)
    _link(alignment, last)
    return _splice(alignment, first, last + 1,
                   realigned_range(alignment, first, last, max_link))


def move_to_inputs(alignment: Alignment, source: Mapping[str, Any],
                   target: Mapping[str, Any], links: Sequence[Sequence[Any]],
                   inputs: Mapping[str, Any]) -> Alignment:
    """The alignment moved onto its input files as they are now: their documents (as
    :func:`document_to_json` writes them), the links :func:`align.realign.realign_inputs`
    found (confirmed ones kept, the rest aligned again) and the files' digests. The step
    carries the result rather than recomputing it, since aligning a book takes seconds
    (done in a worker) and the journal must replay it exactly and at once."""
    try:
        return Alignment(document_from_json(source), document_from_json(target),
                         tuple(link_from_json(link) for link in links),
                         {**alignment.meta, INPUTS_KEY: dict(inputs)})
    except (AlignmentError, ValueError) as error:
        raise EditError(f"the realign would break the alignment: {error}") from None


def move_op(moved: Alignment) -> Op:
    """The step that turns an alignment into ``moved`` (a realign onto changed inputs)."""
    return Op("move_to_inputs", {"source": document_to_json(moved.source),
                                 "target": document_to_json(moved.target),
                                 "links": [link_to_json(link) for link in moved.links],
                                 "inputs": dict(moved.meta.get(INPUTS_KEY) or {})})


def link_to_json(link: Link) -> list[Any]:
    """A link as JSON-able data: ``[src, tgt, score, status]``, and a fifth item with its
    mark, note and confirmed sentences when it has any (a crash replay of an undo across
    a save must give them back)."""
    from align.project import link_dict  # the project file's spelling of them

    data: list[Any] = [list(link.src), list(link.tgt), link.score, link.status]
    extras = {key: value for key, value in link_dict(link, 2).items()
              if key in ("mark", "note", "sentences")}
    return data + [extras] if extras else data


def link_from_json(data: Sequence[Any]) -> Link:
    """The link :func:`link_to_json` wrote down (journals of earlier releases too)."""
    src, tgt, score, status, *rest = data
    extras = rest[0] if rest else {}
    return Link(tuple(src), tuple(tgt), float(score), str(status),
                mark=str(extras.get("mark", "")), note=str(extras.get("note", "")),
                confirmed_sentences=tuple((tuple(a), tuple(b))
                                          for a, b in extras.get("sentences", ())))


def document_to_json(document: Document) -> dict[str, Any]:
    """A document as JSON-able data (the journal's and :func:`move_to_inputs`' form)."""
    return {"lang": document.lang, "meta": dict(document.meta),
            "segments": [[segment.text, segment.kind] for segment in document.segments]}


def document_from_json(data: Mapping[str, Any]) -> Document:
    """The document :func:`document_to_json` wrote down."""
    segments = tuple(Segment(str(text), str(kind)) for text, kind in data["segments"])
    return Document(str(data["lang"]), segments, dict(data["meta"]))


# ---------------------------------------------------------------------------- text operations

def _document(alignment: Alignment, side: str) -> Document:
    return alignment.source if _side(side) == "source" else alignment.target


def _segment(alignment: Alignment, side: str, index: int) -> Segment:
    document = _document(alignment, side)
    if not 0 <= index < len(document):
        raise EditError(f"there is no {side} segment {index + 1}")
    return document.segments[index]


def link_of(alignment: Alignment, side: str, index: int) -> int:
    """The position of the link that holds segment ``index`` of ``side``."""
    attr = "src" if _side(side) == "source" else "tgt"
    for k, link in enumerate(alignment.links):
        indices = getattr(link, attr)
        if indices and indices[0] <= index <= indices[-1]:
            return k
    raise EditError(f"no link holds {side} segment {index + 1}")


def _with_document(alignment: Alignment, side: str, document: Document,
                   links: Sequence[Link]) -> Alignment:
    source, target = ((document, alignment.target) if side == "source"
                      else (alignment.source, document))
    try:
        return Alignment(source, target, tuple(links), alignment.meta)
    except AlignmentError as error:
        raise EditError(f"the edit would break the alignment: {error}") from None


def edit_text(alignment: Alignment, side: str, index: int, text: str) -> Alignment:
    """Segment ``index`` of ``side`` gets ``text``; its link becomes ``edited``."""
    old = _segment(alignment, side, index)
    if not text.strip():
        raise EditError("a segment cannot be empty (detach it or merge instead)")
    if text == old.text:
        return alignment
    document = _document(alignment, side)
    segments = list(document.segments)
    segments[index] = replace(old, text=text)
    k = link_of(alignment, side, index)
    links = list(alignment.links)
    links[k] = replace(links[k], status="edited", score=HAND_SCORE, confirmed_sentences=())
    return _with_document(alignment, side, replace(document, segments=tuple(segments)), links)


def sentence_boundaries(text: str, lang: str) -> list[int]:
    """Offsets in ``text`` where one sentence ends and the next begins (the splitter's
    view), each a valid ``at`` for :func:`split_paragraph`."""
    from align.segment import split_sentences

    offsets, position = [], 0
    for sentence in split_sentences(text, lang):
        found = text.find(sentence, position)
        if found < 0:  # the splitter changed the text: no reliable offsets after here
            break
        if found > 0 and text[:found].strip():
            offsets.append(found)
        position = found + len(sentence)
    return offsets


def split_paragraph(alignment: Alignment, side: str, index: int, at: int) -> Alignment:
    """Segment ``index`` of ``side`` becomes two segments at character offset ``at`` (a
    sentence boundary); later segments of that side move up by one, and the link that
    held it keeps both parts and becomes ``edited``."""
    old = _segment(alignment, side, index)
    head, tail = old.text[:at].rstrip(), old.text[at:].lstrip()
    if not 0 < at < len(old.text) or not head or not tail:
        raise EditError("a paragraph splits only between two non-empty parts")
    document = _document(alignment, side)
    segments = (document.segments[:index] + (replace(old, text=head), replace(old, text=tail))
                + document.segments[index + 1:])
    k = link_of(alignment, side, index)
    attr = "src" if side == "source" else "tgt"

    def shifted(link: Link, holder: bool) -> Link:
        indices = getattr(link, attr)
        moved = tuple(i + 1 if i > index else i for i in indices)
        if holder:
            moved = tuple(sorted(set(moved) | {index + 1}))
        if holder:  # new sentences: its sentence confirmations no longer hold
            return replace(link, **{attr: moved}, status="edited", score=HAND_SCORE,
                           confirmed_sentences=())
        return replace(link, **{attr: moved})

    links = list(alignment.links[:k]) + [shifted(link, n == k) for n, link in
                                         enumerate(alignment.links[k:], start=k)]
    meta = {key: value for key, value in document.meta.items() if key != "line_groups"}
    return _with_document(alignment, side, replace(document, segments=segments, meta=meta),
                          links)


# ---------------------------------------------------------------------------- named operations

OPERATIONS: dict[str, Callable[..., Alignment]] = {
    "merge_next": merge_next,
    "merge_previous": merge_previous,
    "split_link": split_link,
    "pull_up": pull_up,
    "push_down": push_down,
    "detach": detach,
    "confirm": confirm,
    "confirm_through": confirm_through,
    "realign": realign,
    "move_to_inputs": move_to_inputs,
    "edit_text": edit_text,
    "split_paragraph": split_paragraph,
}

"""Every operation by name: what the journal writes down and replays."""


@dataclass(frozen=True)
class Op:
    """One operation with its arguments, JSON-able so that the journal can record it."""

    name: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def apply(self, alignment: Alignment) -> Alignment:
        try:
            operation = OPERATIONS[self.name]
        except KeyError:
            raise EditError(f"unknown operation {self.name!r}") from None
        return operation(alignment, **self.args)

    def to_json(self) -> dict[str, Any]:
        return {"op": self.name, **dict(self.args)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Op":
        args = dict(data)
        name = args.pop("op")
        return cls(str(name), args)


def apply_all(alignment: Alignment, ops: Iterable[Op]) -> Alignment:
    for op in ops:
        alignment = op.apply(alignment)
    return alignment


# ---------------------------------------------------------------------------- undo / redo

def _differing(old: Sequence[Segment], new: Sequence[Segment]) -> tuple[int, int] | None:
    """First and last position in ``new`` whose segment is not the one of ``old``."""
    if old is new:
        return None
    first, limit = 0, min(len(old), len(new))
    while first < limit and old[first] == new[first]:
        first += 1
    tail = 0
    while (tail < limit - first and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]):
        tail += 1
    if first == len(old) == len(new):
        return None
    return first, max(first, len(new) - 1 - tail)


def _text_links(old: Alignment, new: Alignment) -> tuple[int, int] | None:
    """The links ``[first, stop)`` of ``new`` that hold a segment whose text changed: the
    rows to redraw and the link to show after an undo, even when the links are equal."""
    found: list[int] = []
    for side, before, after in (("source", old.source, new.source),
                                ("target", old.target, new.target)):
        span = _differing(before.segments, after.segments)
        if span is not None and after.segments:
            found += [link_of(new, side, min(i, len(after) - 1)) for i in span]
    return (min(found), max(found) + 1) if found else None


@dataclass(frozen=True)
class Change:
    """What one step changed, kept small: the run of links that differ and, when the
    text changed, the two documents. Undo and redo swap ``before`` and ``after``."""

    start: int
    before: tuple[Link, ...]
    after: tuple[Link, ...]
    documents_before: tuple[Document, Document] | None = None
    documents_after: tuple[Document, Document] | None = None
    meta_before: Mapping[str, Any] | None = None
    meta_after: Mapping[str, Any] | None = None
    """The alignment's meta, when the step changed it (a realign onto changed inputs
    records their digests): an undo must put back the state before exactly."""

    @classmethod
    def between(cls, old: Alignment, new: Alignment) -> "Change":
        a, b = old.links, new.links
        same_docs = old.source is new.source and old.target is new.target
        # links that look the same (already ``edited``) may hold new text: keep them
        touched = None if same_docs else _text_links(old, new)
        start, limit = 0, min(len(a), len(b))
        if touched is not None:
            limit = min(limit, touched[0])
        while start < limit and (a[start] is b[start] or a[start] == b[start]):
            start += 1
        end_a, end_b = len(a), len(b)
        floor = start if touched is None else max(start, touched[1])
        while end_a > start and end_b > floor and (a[end_a - 1] is b[end_b - 1]
                                                   or a[end_a - 1] == b[end_b - 1]):
            end_a -= 1
            end_b -= 1
        same_meta = old.meta is new.meta or old.meta == new.meta
        return cls(start, a[start:end_a], b[start:end_b],
                   None if same_docs else (old.source, old.target),
                   None if same_docs else (new.source, new.target),
                   None if same_meta else old.meta, None if same_meta else new.meta)

    @property
    def empty(self) -> bool:
        """Nothing differs (e.g. a realign that found the same links again)."""
        return (not self.before and not self.after
                and self.documents_before == self.documents_after
                and self.meta_before == self.meta_after)

    def _swap(self, alignment: Alignment, remove: tuple[Link, ...], insert: tuple[Link, ...],
              documents: tuple[Document, Document] | None,
              meta: Mapping[str, Any] | None) -> Alignment:
        links = (alignment.links[:self.start] + insert
                 + alignment.links[self.start + len(remove):])
        source, target = documents or (alignment.source, alignment.target)
        return Alignment(source, target, links, alignment.meta if meta is None else meta)

    def undo(self, alignment: Alignment) -> Alignment:
        return self._swap(alignment, self.after, self.before, self.documents_before,
                          self.meta_before)

    def redo(self, alignment: Alignment) -> Alignment:
        return self._swap(alignment, self.before, self.after, self.documents_after,
                          self.meta_after)


@dataclass(frozen=True)
class Step:
    """One undoable step: the operations it ran (one or several, e.g. an edit of two
    segments in one modal) and the change they made."""

    ops: tuple[Op, ...]
    change: Change
    cursor: int
    """The link to show after undoing or redoing the step."""


class History:
    """The current alignment with an undo and a redo stack, both without limit.

    Each step keeps only the links it changed (and documents it replaced), so a long
    session on a 10,000-link book stays small.
    """

    def __init__(self, alignment: Alignment) -> None:
        self.alignment = alignment
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def top(self) -> Step | None:
        """The step an undo would revert (None at the opened state): marks a saved state."""
        return self._undo[-1] if self._undo else None

    @property
    def depth(self) -> int:
        """How many steps can be undone (0: the alignment as opened)."""
        return len(self._undo)

    def apply(self, *ops: Op) -> Step | None:
        """Run ``ops`` as one step; None (and nothing recorded) when they change nothing.
        An operation that does not apply raises EditError and changes nothing."""
        new = apply_all(self.alignment, ops)
        if new is self.alignment:
            return None
        change = Change.between(self.alignment, new)
        if change.empty:  # an undo step that undoes nothing would only confuse
            return None
        step = Step(tuple(ops), change, change.start)
        self.alignment = new
        self._undo.append(step)
        self._redo.clear()
        return step

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step that can be undone or redone."""
        return tuple(self._undo) + tuple(self._redo)

    def restore(self, change: Change) -> None:
        """Redo ``change``, which is none of these steps (an undo of a step made before the
        journal began, replayed from it); the stacks stay as they are."""
        self.alignment = change.redo(self.alignment)

    def undo(self) -> Step | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        self.alignment = step.change.undo(self.alignment)
        self._redo.append(step)
        return step

    def redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self.alignment = step.change.redo(self.alignment)
        self._undo.append(step)
        return step


# ---------------------------------------------------------------------------- annotations

def set_mark(alignment: Alignment, k: int, mark: str) -> Alignment:
    """Link ``k`` gets a person's ``mark`` (``bad``, ``needs-work``; ``""`` clears it); its
    status and score stay."""
    link = _link(alignment, k)
    if mark and mark not in MARKS:
        raise EditError(f"unknown mark {mark!r} (known: {', '.join(MARKS)})")
    if link.mark == mark:
        return alignment
    return _splice(alignment, k, k + 1, [replace(link, mark=mark)])


def set_note(alignment: Alignment, k: int, note: str) -> Alignment:
    """Link ``k`` gets ``note`` as typed (only blanks: no note)."""
    link = _link(alignment, k)
    note = clean_note(note)
    if link.note == note:
        return alignment
    return _splice(alignment, k, k + 1, [replace(link, note=note)])


def confirm_sentence(alignment: Alignment, k: int, src: Sequence[int], tgt: Sequence[int],
                     confirmed: bool = True) -> Alignment:
    """A person confirms (or takes back) one sentence pair inside link ``k``; positions
    count the link's sentences from 0 on each side."""
    link = _link(alignment, k)
    try:
        changed = with_sentence(link, (tuple(src), tuple(tgt)), confirmed)
    except ValueError as error:
        raise EditError(str(error)) from None
    if changed is link:
        return alignment
    return _splice(alignment, k, k + 1, [changed])


OPERATIONS.update({"set_mark": set_mark, "set_note": set_note,
                   "confirm_sentence": confirm_sentence})
