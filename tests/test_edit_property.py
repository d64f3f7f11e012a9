"""Property: any sequence of edit operations, then undo of everything, restores the
original alignment exactly; and redo of everything comes back to the edited one."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from align.edit import EditError, History, Op, sentence_boundaries
from align.model import Alignment, Document, Link, Segment

SIDE = st.sampled_from(["source", "target"])


@st.composite
def alignments(draw: st.DrawFn) -> Alignment:
    shapes = draw(st.lists(st.sampled_from([(1, 1), (1, 1), (2, 1), (1, 2), (1, 0), (0, 1),
                                            (2, 2)]), min_size=1, max_size=8))
    links, i, j = [], 0, 0
    for a, b in shapes:
        status = draw(st.sampled_from(["auto", "auto", "confirmed", "edited"]))
        score = draw(st.floats(0, 1))
        links.append(Link(tuple(range(i, i + a)), tuple(range(j, j + b)), score, status))
        i, j = i + a, j + b
    source = Document("ru", tuple(Segment(f"Первое {n}. Второе {n}.") for n in range(i)))
    target = Document("en", tuple(Segment(f"First {n}. Second {n}.") for n in range(j)))
    return Alignment(source, target, tuple(links), {"level": "paragraph"})


def op_strategy(alignment: Alignment) -> st.SearchStrategy[Op]:
    """Ops with arguments in a plausible range (some will not apply: that is tested too)."""
    n = len(alignment.links)
    k = st.integers(0, max(n - 1, 0))
    n_src, n_tgt = len(alignment.source), len(alignment.target)
    return st.one_of(
        st.builds(lambda k: Op("merge_next", {"k": k}), k),
        st.builds(lambda k: Op("merge_previous", {"k": k}), k),
        st.builds(lambda k, s, t: Op("split_link", {"k": k, "src_at": s, "tgt_at": t}),
                  k, st.integers(0, 2), st.integers(0, 2)),
        st.builds(lambda k, s: Op("pull_up", {"k": k, "side": s}), k, SIDE),
        st.builds(lambda k, s: Op("push_down", {"k": k, "side": s}), k, SIDE),
        st.builds(lambda k, s, last: Op("detach", {"k": k, "side": s, "last": last}),
                  k, SIDE, st.booleans()),
        st.builds(lambda k: Op("confirm", {"k": k}), k),
        st.builds(lambda k: Op("confirm_through", {"k": k}), k),
        st.builds(lambda a, b: Op("realign", {"first": a, "last": b}), k, k),
        st.builds(lambda s, i, t: Op("edit_text", {"side": s, "index": i, "text": t}),
                  SIDE, st.integers(0, max(n_src, n_tgt)), st.text(min_size=1, max_size=8)),
        st.builds(lambda s, i: Op("split_paragraph", {"side": s, "index": i, "at": -1}),
                  SIDE, st.integers(0, max(n_src, n_tgt))),
    )


def _concrete(op: Op, alignment: Alignment) -> Op:
    """split_paragraph needs a real sentence boundary of the current text."""
    if op.name != "split_paragraph":
        return op
    document = alignment.source if op.args["side"] == "source" else alignment.target
    index = op.args["index"]
    if index >= len(document):
        return op
    cuts = sentence_boundaries(document.segments[index].text, document.lang)
    return Op(op.name, {**op.args, "at": cuts[0] if cuts else -1})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_undo_all_restores_the_original_exactly(data: st.DataObject) -> None:
    original = data.draw(alignments())
    history = History(original)
    applied = 0
    states = [original]
    for _ in range(data.draw(st.integers(1, 12))):
        op = _concrete(data.draw(op_strategy(history.alignment)), history.alignment)
        try:
            if history.apply(op) is not None:
                applied += 1
                states.append(history.alignment)
        except EditError:
            assert history.alignment is states[-1]  # a refused op changes nothing
    edited = history.alignment
    assert history.depth == applied
    for expected in reversed(states[:-1]):
        history.undo()
        assert history.alignment == expected
    assert history.alignment == original
    assert not history.can_undo
    while history.redo():
        pass
    assert history.alignment == edited
