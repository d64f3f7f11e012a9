"""Light modules stay light: reading a project or checking a link's shape must not pull
in the XML library or the aligner's numeric stack (each costs a noticeable start-up)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return set(result.stdout.split())


@pytest.mark.parametrize("statement, heavy", [
    ("import align.project", {"lxml", "align.formats.tmx", "numpy"}),
    ("import align.formats", {"lxml"}),
    ("import align.cli; align.cli.build_parser()", {"lxml", "numpy", "scipy", "polars",
                                                    "textual"}),
])
def test_light_imports_do_not_load_heavy_modules(statement, heavy) -> None:
    assert not heavy & _loaded_after(statement)
