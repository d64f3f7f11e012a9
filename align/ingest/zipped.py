"""Zip packages (EPUB, ODT): open one and read its members, every failure an InputError.

Both formats are a zip of XML files. Members are read with a size cap, so that a small
archive that unpacks to gigabytes (a zip bomb) is refused instead of filling memory, and
XML is parsed with entities, DTDs and network access off.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from align.errors import InputError
from align.ingest.reasons import reason

MAX_MEMBER_BYTES = 200 * 1024 * 1024
"""No chapter or content.xml of a real book unpacks to more than this."""


def open_package(path: Path, kind: str) -> zipfile.ZipFile:
    """The zip archive at ``path``; ``kind`` ("an EPUB book") names what it should be."""
    try:
        return zipfile.ZipFile(path)
    except OSError as error:
        from align.fileio import read_error

        raise read_error(path, error) from None
    except Exception:  # a damaged archive: BadZipFile, NotImplementedError, ValueError…
        raise InputError(path, f"is not {kind}: not a valid zip archive") from None


def read_member(package: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """The bytes of member ``name``; missing, damaged or oversized is an InputError."""
    try:
        info = package.getinfo(name)
    except KeyError:
        raise InputError(path, f"has no {name} inside") from None
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError(path, f"{name} inside is too large "
                               f"({info.file_size // (1024 * 1024)} MB unpacked)")
    try:
        with package.open(info) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)
    except Exception as error:  # a bad CRC, an encrypted member, an unknown compression…
        raise InputError(path, f"{name} inside cannot be unpacked ({reason(error)})") from None
    if len(data) > MAX_MEMBER_BYTES:
        raise InputError(path, f"{name} inside is too large (over "
                               f"{MAX_MEMBER_BYTES // (1024 * 1024)} MB unpacked)")
    return data


def parse_xml(data: bytes, path: Path, name: str):
    """``name``'s XML tree (lxml), read without entities, DTDs or network."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise InputError(path, f"{name} inside is not valid XML ({reason(error)})") from None
    if root is None:
        raise InputError(path, f"{name} inside is empty")
    return root
