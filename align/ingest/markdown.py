"""Markdown → the paragraphs a reader sees.

markdown-it-py parses the file (CommonMark, plus GFM tables and strikethrough), so that
segments and exports carry what the rendered page shows: ``**Жители** эвакуированы.``
becomes "Жители эвакуированы.", ``[текст](url)`` its text, ```код``` its code,
``&nbsp;`` a no-break space. Headings are heading blocks; each list item, quoted
paragraph and table row is a block of its own; an ordered item keeps its number ("1. "),
which the page shows too and which anchors both sides; a bullet's marker goes. Images
show no text and are left out; raw HTML gives its text. A ``---`` front-matter block is
metadata and is left out with a notice naming the file.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

from align.ingest.blocks import Block, Parsed
from align.ingest.normalize import clean_inline, one_line
from align.ingest.text import LONG_LINE, LONG_LINES, NO_BLANK_LINES, line_groups, lines_of

if TYPE_CHECKING:
    from markdown_it.token import Token


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt  # imported on first use: start-up time

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def read_markdown(text: str, lines: bool = False) -> Parsed:
    """Blocks of normalised Markdown ``text``; ``lines`` keeps one block per line (the
    line's visible text, or the line as written when it shows none)."""
    if lines:
        return lines_of(line_groups(text), _line_block)
    parsed = Parsed()
    text = _drop_front_matter(text, parsed.notices)
    groups = line_groups(text)
    if len(groups) == 1 and len(groups[0]) > 1:
        parsed.notices.append(NO_BLANK_LINES)
        parsed.blocks = [_line_block(line) for line in groups[0]]
        return parsed
    _Walk(parsed).read(_parser().parse(text))
    return parsed


class _Walk:
    """One pass over markdown-it's block tokens, appending blocks to ``parsed``."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.number: str | None = None  # an ordered item's "1. " until its first paragraph
        self.cells: list[str] | None = None

    def read(self, tokens: Sequence[Token]) -> None:
        for position, token in enumerate(tokens):
            kind = token.type
            if kind == "list_item_open":
                self.number = f"{token.info}{token.markup} " if token.info else None
            elif kind == "tr_open":
                self.cells = []
            elif kind == "tr_close" and self.cells is not None:
                self.parsed.add_row(self.cells)
                self.cells = None
            elif kind == "inline":
                self._inline(token, tokens[position - 1].type)
            elif kind in ("fence", "code_block"):
                for group in line_groups(token.content):
                    self._append(one_line("\n".join(group)), None)
            elif kind == "html_block":
                self._append(_html_text(token.content), None)

    def _inline(self, token: Token, opened_by: str) -> None:
        if opened_by in ("th_open", "td_open") and self.cells is not None:
            self.cells.append(visible_text(token.children or []))
        elif opened_by == "heading_open":
            self._append(visible_text(token.children or []), "heading")
        elif len(lines := token.content.split("\n")) > 1 and max(map(len, lines)) > LONG_LINE:
            # lines this long were not hard-wrapped: one paragraph per line
            if LONG_LINES not in self.parsed.notices:
                self.parsed.notices.append(LONG_LINES)
            for line in lines:
                self._paragraph(visible_text(_parser().parseInline(line)[0].children or []))
        else:
            self._paragraph(visible_text(token.children or []))

    def _paragraph(self, text: str) -> None:
        if text and self.number:
            text = self.number + text
        self.number = None
        self._append(text, None)

    def _append(self, text: str, kind: str | None) -> None:
        if text:
            self.parsed.blocks.append(Block(text, kind))


def visible_text(children: Sequence[Token]) -> str:
    """The text markdown-it's inline tokens show: markers, link targets, images and tags
    gone; a line break inside the paragraph a space."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "html_inline" and child.content.lower().startswith("<br"):
            parts.append("\n")
    return one_line("".join(parts))


def _line_block(line: str) -> Block:
    """One line read on its own (lines mode, or a file without blank lines): its visible
    text, a heading marked; the line as written when it shows nothing ("---")."""
    parsed = Parsed()
    _Walk(parsed).read(_parser().parse(line))
    return parsed.blocks[0] if parsed.blocks else Block(line)


def _html_text(html: str) -> str:
    """What a raw HTML block shows (comments and tags gone)."""
    from lxml import etree, html as lxml_html

    try:
        fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for hidden in fragment.xpath(".//script | .//style"):
        hidden.drop_tree()
    return clean_inline(fragment.text_content())


def _drop_front_matter(text: str, notices: list[str]) -> str:
    """A leading ``---`` … ``---`` block is YAML metadata, not text to translate."""
    if not text.startswith("---\n"):
        return text
    end = text.find("\n---\n", 3)
    if end == -1 and text.endswith("\n---"):
        end = len(text) - 4
    if end == -1:
        return text
    notices.append("Markdown front matter (--- … ---) left out")
    return text[end + 5:]
