"""A TMX memory (any tool's) opened as an alignment, so a person can review it.

Each ``<tu>`` becomes one 1-1 link between a source and a target segment. A unit carries
no alignment history, so its link is ``confirmed`` with score 1.0 by default: a unit in
a memory is a pair someone committed (a CAT tool writes a unit when a translator confirms
a segment), and calling it ``auto`` would make ``export --only-confirmed`` lose the whole
memory. A sverka TMX keeps its own ``x-status``/``x-confidence``, which win.
"""

from __future__ import annotations

import os
from pathlib import Path

from align.errors import InputError
from align.formats.tmx import TmxUnit, find_tuv
from align.formats.tmx_reader import TmxReader
from align.model import LINK_STATUSES, Alignment, Document, Link, Segment

DEFAULT_STATUS = "confirmed"


def _link(unit: TmxUnit, index: int, status: str) -> Link:
    """The unit's 1-1 link, with a sverka TMX's own status and score when it has them."""
    props = dict(unit.props)
    if props.get("x-status") in LINK_STATUSES:
        status = props["x-status"]
    try:
        score = float(props.get("x-confidence", "1"))
    except ValueError:
        score = 1.0
    if not 0.0 <= score <= 1.0:
        score = 1.0
    return Link((index,), (index,), score, status)


def alignment_from_tmx(path: str | os.PathLike[str], *, src_lang: str | None = None,
                       tgt_lang: str | None = None,
                       status: str = DEFAULT_STATUS) -> Alignment:
    """Read ``path`` and build the alignment; any problem is an :class:`InputError`.

    The source language is ``src_lang``, else the unit's or header's ``srclang``; the
    target is ``tgt_lang``, else the other language of the first unit. ``ru`` finds
    ``ru-RU`` variants; the documents keep the codes as the file (or the user) spells them.
    """
    if status not in LINK_STATUSES:
        raise ValueError(f"unknown link status {status!r}")
    reader = TmxReader(path)
    sources: list[Segment] = []
    targets: list[Segment] = []
    links: list[Link] = []
    langs: tuple[str, str] | None = None
    for unit in reader:
        where = f"<tu> {reader.units_read}" + (f" (tuid {unit.tuid})" if unit.tuid else "")
        found = [tuv.lang for tuv in unit.tuvs]
        # One direction for the whole project: a unit's own srclang only starts it.
        lang = src_lang or (langs[0] if langs else unit.srclang)
        if not lang or lang.lower() == "*all*":
            raise InputError(path, f"the source language is not known (header srclang is "
                                   f"{lang or 'missing'!s}); give --src-lang")
        source = find_tuv(unit.tuvs, lang)
        if source is None:
            raise InputError(path, f"{where}: no <tuv> in the source language {lang} "
                                   f"(found {', '.join(found)}); give --src-lang")
        others = [tuv for tuv in unit.tuvs if tuv is not source]
        wanted = tgt_lang or (langs[1] if langs else None)
        if wanted is None:
            if len({tuv.lang.lower() for tuv in others}) > 1:
                raise InputError(path, f"{where}: several target languages "
                                       f"({', '.join(t.lang for t in others)}); "
                                       f"give --tgt-lang")
            wanted = others[0].lang
        target = find_tuv(others, wanted)
        if target is None:
            raise InputError(path, f"{where}: no <tuv> in the target language {wanted} "
                                   f"(found {', '.join(found)})")
        if langs is None:
            langs = (src_lang or source.lang, tgt_lang or target.lang)
            if langs[0].lower().split("-")[0] == langs[1].lower().split("-")[0]:
                raise InputError(path, f"source and target are both {langs[0]}; "
                                       f"give --src-lang and --tgt-lang")
        links.append(_link(unit, len(links), status))
        sources.append(Segment(source.text))
        targets.append(Segment(target.text))
    if langs is None:
        raise InputError(path, "has no <tu> units: nothing to review")
    segtype = reader.header.get("segtype")
    name = Path(path).name.split(".")[0] or "memory"
    meta = {"name": name, "level": "sentence" if segtype == "sentence" else "paragraph",
            "imported_from": str(path)}
    return Alignment(Document(langs[0], tuple(sources), {"path": str(path)}),
                     Document(langs[1], tuple(targets), {"path": str(path)}),
                     tuple(links), meta)
