"""An EPUB book → its chapters' paragraphs in spine (reading) order, headings kept.

An EPUB is a zip: META-INF/container.xml names the package file (OPF), whose manifest lists
the chapter files and whose spine gives their reading order. Each chapter is XHTML, read as
XML (entities, DTDs and network off) or, when a chapter is not well-formed (an HTML entity
such as ``&nbsp;`` without its DTD), with lxml's HTML parser. Spine items marked
``linear="no"`` (pop-up notes, extras outside the reading order) are left out with a notice.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote

from align.errors import InputError
from align.ingest.blocks import Block, Parsed
from align.ingest.normalize import clean_inline
from align.ingest.zipped import open_package, parse_xml, read_member

CONTAINER = "META-INF/container.xml"
ENCRYPTION = "META-INF/encryption.xml"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
ENC_NS = "http://www.w3.org/2001/04/xmlenc#"
OPS_NS = "http://www.idpf.org/2007/ops"

KIND = "an EPUB book"
CHAPTER_TYPES = {"application/xhtml+xml", "text/html", "application/x-dtbook+xml"}

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {
    "p", "div", "li", "ul", "ol", "dl", "dd", "dt", "blockquote", "figure", "figcaption",
    "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "section",
    "article", "aside", "header", "footer", "main", "body", "address", "center", "hr",
    "hgroup", "details", "summary",
}
"""Elements that start a new paragraph; everything else is inline and joins its text."""
SKIPPED = {"head", "script", "style", "nav", "svg", "math", "template", "object", "iframe"}
"""Not reading text: a <nav> is a table of contents, which repeats the headings."""
SKIPPED_TYPES = {"pagebreak", "toc", "landmarks", "page-list"}
"""``epub:type`` values of page-number markers and navigation."""


def read_epub(path: str | Path) -> Parsed:
    """Paragraphs and headings of every chapter in spine order; the book's title kept."""
    file = Path(path)
    with open_package(file, KIND) as package:
        opf_name = _package_file(package, file)
        opf = parse_xml(read_member(package, opf_name, file), file, opf_name)
        spine = opf.find(f"{{{OPF_NS}}}spine")
        itemrefs = [] if spine is None else spine.findall(f"{{{OPF_NS}}}itemref")
        if not itemrefs:
            raise InputError(file, "has no spine (the EPUB does not say its chapters' order)")
        manifest = _manifest(opf, posixpath.dirname(opf_name))
        encrypted = _encrypted(package, file)
        title = clean_inline(opf.findtext(f".//{{{DC_NS}}}title") or "")
        parsed = Parsed(title=title or None)
        members = set(package.namelist())
        missing = non_linear = 0
        for itemref in itemrefs:
            if (itemref.get("linear") or "yes").strip() == "no":
                non_linear += 1
                continue
            name, media_type = manifest.get(itemref.get("idref") or "", ("", ""))
            if name not in members:
                missing += 1
                continue
            if media_type not in CHAPTER_TYPES:
                continue  # an image or SVG page: no text to align
            if name in encrypted:
                raise InputError(file, "is DRM-protected (its chapters are encrypted); "
                                       "sverka cannot read it")
            _chapter_blocks(read_member(package, name, file), parsed)
    if non_linear:
        parsed.notices.append(f"EPUB: left out {non_linear} spine item(s) marked non-linear "
                              "(notes or extras outside the reading order)")
    if missing:
        parsed.notices.append(f"EPUB: {missing} spine item(s) name no file in the book; "
                              "they were skipped")
    return parsed


def _package_file(package, file: Path) -> str:
    """The OPF's path inside the zip, from META-INF/container.xml."""
    container = parse_xml(read_member(package, CONTAINER, file), file, CONTAINER)
    for rootfile in container.iter(f"{{{CONTAINER_NS}}}rootfile"):
        full_path = (rootfile.get("full-path") or "").strip()
        if full_path:
            return full_path
    raise InputError(file, f"{CONTAINER} inside names no package file (rootfile)")


def _manifest(opf, base: str) -> dict[str, tuple[str, str]]:
    """Manifest item id → (path inside the zip, media type)."""
    items: dict[str, tuple[str, str]] = {}
    for item in opf.iter(f"{{{OPF_NS}}}item"):
        href = unquote((item.get("href") or "").split("#", 1)[0])
        if item.get("id") and href:
            name = posixpath.normpath(posixpath.join(base, href))
            items[item.get("id")] = (name, (item.get("media-type") or "").strip().lower())
    return items


def _encrypted(package, file: Path) -> set[str]:
    """Members that META-INF/encryption.xml lists (DRM, or obfuscated fonts)."""
    if ENCRYPTION not in package.namelist():
        return set()
    root = parse_xml(read_member(package, ENCRYPTION, file), file, ENCRYPTION)
    return {unquote(reference.get("URI") or "")
            for reference in root.iter(f"{{{ENC_NS}}}CipherReference")}


def _chapter_blocks(data: bytes, parsed: Parsed) -> None:
    """Append one chapter's paragraphs and headings to ``parsed``."""
    body = _body(data)
    if body is not None:
        _walk(body, parsed)


def _body(data: bytes):
    """The chapter's <body>: parsed as XML, or as HTML when it is not well-formed."""
    from lxml import etree, html

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        try:
            root = html.document_fromstring(data)
        except (etree.ParserError, ValueError):
            return None
    if root is None:
        return None
    for element in root.iter():
        if _name(element) == "body":
            return element
    return root


def _walk(element, parsed: Parsed) -> None:
    """Each block element's own text is one paragraph; text between nested blocks too."""
    kind = "heading" if _name(element) in HEADINGS else None
    run = [element.text or ""]
    for child in element:
        if _skipped(child):
            run.append(child.tail or "")
        elif _holds_blocks(child):
            _flush(run, kind, parsed)
            _walk(child, parsed)
            run = [child.tail or ""]
        else:
            run += [_inline(child), child.tail or ""]
    _flush(run, kind, parsed)


def _flush(run: list[str], kind: str | None, parsed: Parsed) -> None:
    text = clean_inline("".join(run))
    if text:
        parsed.blocks.append(Block(text, kind))


def _inline(element) -> str:
    """Text of an inline element and its children; a line break is a space."""
    if _name(element) == "br":
        return " "
    parts = [element.text or ""]
    for child in element:
        if not _skipped(child):
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _holds_blocks(element) -> bool:
    return _name(element) in BLOCKS or any(
        _name(inner) in BLOCKS for inner in element.iterdescendants())


def _skipped(element) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments, processing instructions
    if _name(element) in SKIPPED:
        return True
    types = element.get(f"{{{OPS_NS}}}type") or element.get("epub:type") or ""
    return not SKIPPED_TYPES.isdisjoint(types.split())


def _name(element) -> str:
    """Local tag name, lower-cased: XHTML has a namespace, the HTML parser none."""
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()
