"""The one check every test uses on a TMX or XLIFF file sverka wrote.

TMX is held to the TMX 1.4 DTD, XLIFF to the OASIS XLIFF 1.2 *strict* schema: what CAT
tools' readers are held to. Both are read in place from ``../shared/data`` (never copied
into the repository); without them a test that needs them skips and says why.

Usage: ``from xml_validation import assert_valid_tmx, assert_valid_xliff``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TMX_DTD = SHARED_DATA / "tmx" / "tmx14.dtd"
XLIFF_SCHEMA = SHARED_DATA / "xliff" / "xliff-core-1.2-strict.local.xsd"
"""The strict schema with its ``xml.xsd`` import pointed at the local copy (no network)."""

# What is validated is read like any untrusted file: no entities, no DTD loading, no network.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@lru_cache(maxsize=1)
def _tmx_dtd() -> etree.DTD:
    if not TMX_DTD.is_file():
        pytest.skip(f"the TMX 1.4 DTD is not at {TMX_DTD} (shared data absent)")
    return etree.DTD(str(TMX_DTD))


@lru_cache(maxsize=1)
def _xliff_schema() -> etree.XMLSchema:
    if not XLIFF_SCHEMA.is_file():
        pytest.skip(f"the XLIFF 1.2 strict schema is not at {XLIFF_SCHEMA} "
                    "(shared data absent)")
    return etree.XMLSchema(file=str(XLIFF_SCHEMA))


def _parse(path: str | os.PathLike[str]) -> etree._ElementTree:
    return etree.parse(os.fspath(path), _PARSER)


def assert_valid_tmx(path: str | os.PathLike[str]) -> None:
    """Fail unless the file at ``path`` is valid TMX 1.4 (skip without the DTD)."""
    dtd = _tmx_dtd()
    assert dtd.validate(_parse(path)), f"{path}: {dtd.error_log.filter_from_errors()}"


def assert_valid_xliff(path: str | os.PathLike[str]) -> None:
    """Fail unless the file at ``path`` is valid XLIFF 1.2 strict (skip without the schema)."""
    schema = _xliff_schema()
    assert schema.validate(_parse(path)), f"{path}: {schema.error_log.filter_from_errors()}"
