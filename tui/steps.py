"""What an undoable step did, in the words the translator used: ``merge links 12–13``.

Undo and redo say what they undid, so a translator who pressed ``u`` one time too many
knows what came back. Built from the step's operations and their arguments (positions
as people count them, from 1); an operation this table does not know is named as the
journal names it.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from align.edit import Op, Step


def _number(args: Mapping[str, Any], key: str = "k") -> int:
    return int(args.get(key, 0)) + 1


def _paragraph(args: Mapping[str, Any]) -> str:
    return f"{args.get('side', 'source')} ¶{_number(args, 'index')}"


WORDING: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "merge_next": lambda a: f"merge links {_number(a)}–{_number(a) + 1}",
    "merge_previous": lambda a: f"merge links {_number(a) - 1}–{_number(a)}",
    "split_link": lambda a: f"split link {_number(a)}",
    "pull_up": lambda a: f"{a.get('side', 'source')}: pull into link {_number(a)}",
    "push_down": lambda a: f"{a.get('side', 'source')}: push from link {_number(a)}",
    "detach": lambda a: f"detach a {a.get('side', 'source')} segment of link {_number(a)}",
    "confirm": lambda a: f"confirm link {_number(a)}",
    "confirm_through": lambda a: f"confirm links down to {_number(a)}",
    "realign": lambda a: f"realign links {_number(a, 'first')}–{_number(a, 'last')}",
    "edit_text": lambda a: f"edit the text of {_paragraph(a)}",
    "split_paragraph": lambda a: f"split {_paragraph(a)} at a sentence",
}


def describe_op(op: Op) -> str:
    wording = WORDING.get(op.name)
    try:
        return wording(op.args) if wording else op.name.replace("_", " ")
    except (TypeError, ValueError):  # arguments of another shape: the name still says it
        return op.name.replace("_", " ")


def describe_step(step: Step) -> str:
    """The step's operations, in order; a run of the same operation is counted
    (``edit the text of 3 segments`` reads better than three clauses)."""
    names = {op.name for op in step.ops}
    if len(step.ops) > 1 and names == {"edit_text"}:
        return f"edit the text of {len(step.ops)} segments"
    return ", ".join(describe_op(op) for op in step.ops)
