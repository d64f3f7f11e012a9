"""Every test sees the same dictionaries whatever this machine has installed: none, unless
it is marked ``system_dictionaries`` (the tests of the real Debian dictionaries)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "system_dictionaries: the test reads the dictionaries "
                            "installed on this machine (/usr/share/dictd)")


@pytest.fixture(autouse=True)
def _no_installed_dictionaries(request, tmp_path_factory, monkeypatch):
    from align.dictionaries import discovery
    from align.dictionaries.sources import lexicon_for
    from align.pairing import _joined

    if request.node.get_closest_marker("system_dictionaries") is None:
        monkeypatch.setattr(discovery, "SYSTEM_DIR",
                            tmp_path_factory.getbasetemp() / "no-system-dictionaries")
        monkeypatch.delenv(discovery.PATH_VARIABLE, raising=False)
    lexicon_for.cache_clear()
    _joined.cache_clear()
    yield
    lexicon_for.cache_clear()
    _joined.cache_clear()
