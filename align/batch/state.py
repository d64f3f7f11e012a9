"""What a rerun may skip: a content hash of a pair's inputs and the settings that shape it.

The hash is stored in the project's ``meta`` (``input_hash``), so the project file itself
says what it was made from: no separate state file to get out of step with the outputs.
A project with links a person confirmed or edited is never overwritten, whatever the hash.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Mapping

import align
from align.fileio import read_bytes
from align.model import Alignment

HASH_KEY = "input_hash"
"""The key in a project's ``meta`` that holds its :func:`fingerprint`."""

_HASH_VERSION = "sverka-batch-1"


def fingerprint(inputs: tuple[Path, Path], settings: Mapping[str, object]) -> str:
    """``sha256:…`` of both input files' bytes, the settings and the sverka version.

    The version is in it because a newer aligner may give other links for the same input.
    """
    digest = hashlib.sha256()
    header = {"v": _HASH_VERSION, "tool": align.__version__, "settings": dict(settings)}
    digest.update(json.dumps(header, sort_keys=True, default=str).encode("utf-8"))
    for path in inputs:
        data = read_bytes(path)
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return "sha256:" + digest.hexdigest()


def reviewed_links(alignment: Alignment) -> int:
    """Links a person confirmed or edited: their project must not be overwritten."""
    return sum(1 for link in alignment.links if link.reviewed)


def stored_fingerprint(alignment: Alignment) -> str | None:
    value = alignment.meta.get(HASH_KEY)
    return str(value) if value else None
