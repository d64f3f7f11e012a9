"""A saved web page → the article's paragraphs and headings.

trafilatura finds the main text (navigation, comment forms, sidebars and footers left out)
and returns it as XML, which is parsed here, without entities, DTDs or network, to keep
``<head>`` (heading) apart from ``<p>``. When trafilatura finds nothing, every paragraph
and heading of the page outside navigation, forms and footers is taken instead, with a
notice. A table row is one block, its cells joined by a tab, and a notice counts the rows.
trafilatura and lxml are imported inside the functions: ``sverka`` starts fast.

trafilatura collapses every space with ``str.split`` and drops what is not printable, so
a page's no-break spaces, soft hyphens and zero-width characters would be lost before
the text reaches us. They are masked with placeholders trafilatura keeps (letters from a
script no page here uses) and restored in its output: the text stays as the page has it.
"""

from __future__ import annotations

import html as html_entities
import re
import unicodedata

from align.ingest.blocks import Block, Parsed
from align.ingest.normalize import clean_inline

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_DOUBLE_BREAK = re.compile(r"(?:<br\s*/?>\s*(?:&nbsp;|\xa0)?\s*){2,}", re.IGNORECASE)

FALLBACK = "no main text found by trafilatura: took every paragraph and heading of the page"

_TEXT_TAGS = {"p", "item", "quote", "cell"}
_KEPT_SPACES = "\u00a0\u202f\u2007"
"""Spaces that HTML does not collapse and trafilatura would: no-break, narrow, figure."""
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_PLACEHOLDERS = range(0x10080, 0x100FB)
"""Linear B ideograms: printable letters trafilatura keeps and no article of ours uses."""
_SKIP_TAGS = {"script", "style", "noscript", "nav", "form", "aside", "template", "svg",
              "button", "select", "textarea", "iframe"}
_PAGE_PARTS = {"header", "footer"}
"""Skipped unless inside an <article>: there they hold the title or the article's credits."""
_BOILERPLATE_NAMES = {
    "comment", "comments", "respond", "reply", "sidebar", "widget", "share", "sharing",
    "social", "related", "menu", "nav", "navigation", "navbar", "footer", "cookie", "cookies",
    "breadcrumb", "breadcrumbs", "subscribe", "newsletter", "advert", "ads", "banner", "popup",
}
"""Words in a class or id that mark page furniture (split on - and _)."""
_NAME_SPLIT = re.compile(r"[-_\s]+")
_FALLBACK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "figcaption",
                  "tr"}


def declared_charset(data: bytes) -> str | None:
    """The encoding a page names in ``<meta charset>`` (first 4 KB), if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def looks_like_html(text: str) -> bool:
    """True for text that starts like an HTML document (for files without an extension)."""
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def read_html(html: str) -> Parsed:
    """Main text of a page: trafilatura first, a plain paragraph scan if it finds nothing."""
    # Paragraphs written as text<br><br>text would otherwise reach trafilatura as one <p>.
    html = _DOUBLE_BREAK.sub("</p><p>", html)
    parsed = _with_trafilatura(html)
    if not parsed.blocks:
        parsed = _fallback(html)
        parsed.notices.append(FALLBACK)
    return parsed


def _masks(html: str) -> tuple[str, dict[int, str]]:
    """``html`` with the characters trafilatura loses (kept spaces, invisible format
    characters; also written as entities) replaced by placeholders, and the way back."""
    decoded = set(html) | {html_entities.unescape(entity) for entity in set(_ENTITY.findall(html))}
    lost = sorted(char for char in decoded
                  if len(char) == 1 and (char in _KEPT_SPACES or unicodedata.category(char) == "Cf"))
    free = (chr(code) for code in _PLACEHOLDERS if chr(code) not in html)
    mask = dict(zip(lost, free))
    if not mask:
        return html, {}

    def entity(match: re.Match[str]) -> str:
        char = html_entities.unescape(match.group())
        return mask.get(char, match.group())

    masked = _ENTITY.sub(entity, html.translate({ord(c): p for c, p in mask.items()}))
    return masked, {ord(placeholder): char for char, placeholder in mask.items()}


def _with_trafilatura(html: str) -> Parsed:
    import trafilatura
    from lxml import etree

    masked, unmask = _masks(html)
    xml = trafilatura.extract(
        masked, output_format="xml", include_formatting=True, include_comments=False,
        include_tables=True, include_images=False, include_links=False, with_metadata=True,
        deduplicate=False)
    parsed = Parsed()
    if not xml:
        return parsed
    xml = xml.translate(unmask)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=True)
    try:
        root = etree.fromstring(xml.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return parsed
    if root is None:
        return parsed
    title = clean_inline(root.get("title") or "")
    parsed.title = title or None
    main = root.find("main")
    if main is None:
        return parsed
    for element in main.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag != "row" and any(parent.tag == "row" for parent in element.iterancestors()):
            continue  # read with its row
        if tag == "row":
            parsed.add_row([_text_of(cell) for cell in element.iter("cell")])
        elif tag == "head":
            _append(parsed, _text_of(element), "heading")
        elif tag in _TEXT_TAGS and not _has_text_children(element):
            _append(parsed, _text_of(element), None)
    if parsed.blocks and title and not _title_present(title, parsed.blocks):
        parsed.blocks.insert(0, Block(title, "heading"))
    return parsed


def _has_text_children(element) -> bool:
    """A <quote> or <item> wrapping <p>s is read through its children, not twice."""
    return any(isinstance(child.tag, str) and child.tag in _TEXT_TAGS | {"head", "list"}
               for child in element.iterdescendants())


def _text_of(element, line_break: str = "lb") -> str:
    """The element's text; inline markup joins without spaces, a line break becomes one;
    comments and processing instructions are skipped, not what follows them. Read without
    changing the tree: a page's text may hold characters (a vertical tab) that lxml
    refuses to be given back."""
    parts = [element.text or ""]
    stack = [(iter(element), None)]  # children still to read, and whose they are
    while stack:
        children, owner = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if owner is not None:
                parts.append(owner.tail or "")
        elif isinstance(child.tag, str):
            parts.append(" " if child.tag == line_break else "")
            parts.append(child.text or "")
            stack.append((iter(child), child))
        else:
            parts.append(child.tail or "")
    return clean_inline("".join(parts))


def _append(parsed: Parsed, text: str, kind: str | None) -> None:
    if text:
        parsed.blocks.append(Block(text, kind))


def _title_present(title: str, blocks: list[Block]) -> bool:
    """The metadata title is already the page's first heading (or inside one)."""
    wanted = title.casefold()
    for block in blocks[:3]:
        have = block.text.casefold()
        if have == wanted or (block.kind == "heading" and (have in wanted or wanted in have)):
            return True
    return False


def _is_furniture(element) -> bool:
    """Navigation, forms, comment areas, sidebars, page header and footer."""
    if not isinstance(element.tag, str):
        return True  # comments and processing instructions
    tag = element.tag.lower()
    if tag in _SKIP_TAGS:
        return True
    if tag in _PAGE_PARTS and not any(parent.tag == "article"
                                      for parent in element.iterancestors()):
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return not _BOILERPLATE_NAMES.isdisjoint(_NAME_SPLIT.split(names))


def _fallback(html: str) -> Parsed:
    """Every heading and paragraph outside navigation, forms, headers and footers."""
    from lxml import etree, html as lxml_html

    parsed = Parsed()
    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return parsed
    for element in list(root.iter()):
        if element.getparent() is not None and _is_furniture(element):
            element.drop_tree()
    title = root.findtext(".//title")
    parsed.title = clean_inline(title) if title else None
    for element in root.iter():
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag not in _FALLBACK_TAGS:
            continue
        if any(isinstance(parent.tag, str) and parent.tag.lower() == "tr"
               for parent in element.iterancestors()):
            continue  # read with its row
        if tag == "tr":
            parsed.add_row([_text_of(cell, "br") for cell in element.xpath("./td | ./th")])
            continue
        if any(isinstance(child.tag, str) and child.tag.lower() in _FALLBACK_TAGS
               for child in element.iterdescendants()):
            continue  # read through its children
        kind = "heading" if tag.startswith("h") else None
        _append(parsed, _text_of(element, "br"), kind)
    if parsed.blocks and parsed.title and not _title_present(parsed.title, parsed.blocks):
        parsed.blocks.insert(0, Block(parsed.title, "heading"))
    return parsed
