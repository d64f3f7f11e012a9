"""A memory's inline codes (TMX 1.4b) as XLIFF 1.2 inline elements.

An imported unit keeps its ``<seg>`` markup; the XLIFF export writes it as XLIFF's own
codes rather than as escaped text (``&lt;b&gt;``), so a CAT tool shows tags, not text to
translate, and an empty placeholder (``<ph x="2"/>``) is not lost. TMX → XLIFF:
``<bpt>``/``<ept>`` with a partner → ``<bpt>``/``<ept>`` (``rid`` pairs them), without one →
``<it pos="open|close">``; ``<it>`` → ``<it>``; ``<ph>`` and ``<ut>`` → ``<ph>``; ``<hi>`` →
``<mrk mtype="x-…">``; ``<sub>`` → ``<sub>``. Anything else is unwrapped into its text. The
text (native code included) stays exactly the unit's text.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

_DELIMITERS = {"bold": "bold", "italic": "italic", "ulined": "underline", "link": "link"}
"""TMX ``type`` values of paired codes that XLIFF's ``ctype`` list names (others: ``x-…``)."""
_PLACEHOLDERS = {"image": "image", "pb": "pb", "lb": "lb"}
_POSITIONS = {"begin": "open", "end": "close"}
_ASSOC = {"p": "preceding", "f": "following", "b": "both"}
_BLANKS = re.compile(r"\s+")
_NMTOKEN = re.compile(r"[\w.:-]+")
"""What XLIFF's ``rid`` may hold (an XML name token)."""


def _kind(value: str | None, known: dict[str, str]) -> str | None:
    """A TMX ``type`` as an XLIFF value: the one XLIFF names, else an ``x-`` extension
    (no blanks, as the schema wants); None for no type."""
    value = _BLANKS.sub("_", (value or "").strip())
    return (known.get(value) or f"x-{value}") if value else None


class _Converter:
    """Converts one ``<seg>``: knows its paired codes and the ids already taken."""

    def __init__(self, seg: etree._Element, qualified: str) -> None:
        self._q = qualified
        begins = Counter(el.get("i") for el in seg.iter("bpt"))
        ends = Counter(el.get("i") for el in seg.iter("ept"))
        self.paired = {i for i in begins if i is not None and begins[i] == 1 == ends[i]
                       and _NMTOKEN.fullmatch(i)}
        self.taken = {v for el in seg.iter() for v in (el.get("x"), el.get("i")) if v}
        self.next_id = 0

    def fresh_id(self) -> str:
        while True:
            self.next_id += 1
            if str(self.next_id) not in self.taken:
                self.taken.add(str(self.next_id))
                return str(self.next_id)

    def fill(self, parent: etree._Element, source: etree._Element, codes: bool) -> None:
        """Give ``parent`` the text of ``source`` and its children converted; inside a code
        (``codes`` false) only ``<sub>`` may stand, anything else is its text."""
        parent.text = source.text
        for child in source:
            if not isinstance(child.tag, str):  # a comment or processing instruction
                _append_text(parent, child.tail)
                continue
            made = self.convert(child) if codes or child.tag == "sub" else None
            if made is None:
                _append_text(parent, "".join(child.itertext(etree.Element)))
                _append_text(parent, child.tail)
                continue
            made.tail = child.tail
            parent.append(made)

    def convert(self, element: etree._Element) -> etree._Element | None:
        """The XLIFF element for a TMX one, or None to unwrap it into its text."""
        tag, q = element.tag, self._q
        delimiter = _kind(element.get("type"), _DELIMITERS)
        if tag in ("bpt", "ept") and element.get("i") in self.paired:
            made = etree.Element(q + tag, id=element.get("i"), rid=element.get("i"))
            if tag == "bpt" and delimiter:
                made.set("ctype", delimiter)
        elif tag in ("bpt", "ept", "it"):
            position = ("open" if tag == "bpt" else "close" if tag == "ept"
                        else _POSITIONS.get(element.get("pos", ""), "open"))
            made = etree.Element(q + "it", id=element.get("x") or self.fresh_id(),
                                 pos=position)
            if delimiter:
                made.set("ctype", delimiter)
        elif tag in ("ph", "ut"):
            made = etree.Element(q + "ph", id=element.get("x") or self.fresh_id())
            placeholder = _kind(element.get("type"), _PLACEHOLDERS)
            if placeholder:
                made.set("ctype", placeholder)
            if element.get("assoc") in _ASSOC:
                made.set("assoc", _ASSOC[element.get("assoc")])
        elif tag == "hi":
            made = etree.Element(q + "mrk", mtype=_kind(element.get("type"), {}) or "x-hi")
            self.fill(made, element, codes=True)
            return made
        elif tag == "sub":
            made = etree.Element(q + "sub")
            self.fill(made, element, codes=True)
            return made
        else:
            return None
        self.fill(made, element, codes=False)
        return made


def _append_text(parent: etree._Element, text: str | None) -> None:
    """Add ``text`` at the end of ``parent``'s content (after its last child, if any)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def fill_xliff(element: etree._Element, seg: etree._Element, namespace: str) -> None:
    """Give an XLIFF ``<source>``/``<target>`` the content of a TMX ``<seg>``, its inline
    codes as XLIFF 1.2 inline elements in ``namespace``."""
    _Converter(seg, f"{{{namespace}}}").fill(element, seg, codes=True)
