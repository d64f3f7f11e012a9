"""Light modules stay light: reading a project or checking a link's shape must not pull
in the XML library or the aligner's numeric stack (each costs a noticeable start-up)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TEXTS = Path(__file__).parent / "texts"


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


_CLI = """
import sys
from pathlib import Path
import align.dictionaries.discovery as discovery
discovery.SYSTEM_DIR = Path(sys.argv[1])  # no installed dictionaries, as in every test
from align.cli import main
try:
    main(sys.argv[2:])
except SystemExit:
    pass
print("--- modules ---")
print("\\n".join(sorted(sys.modules)))
"""


def _loaded_by_cli(tmp_path, *args: str, dictionaries: Path | None = None) -> set[str]:
    """The modules ``sverka ARGS`` has imported when it is done, in a fresh process (with
    the dictd dictionaries in ``dictionaries`` installed, caching in ``tmp_path``)."""
    env = {key: value for key, value in os.environ.items() if key != "SVERKA_DICT_PATH"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    result = subprocess.run([sys.executable, "-c", _CLI,
                             str(dictionaries or tmp_path / "no-dictionaries"), *args],
                            capture_output=True, text=True, check=True, env=env)
    return set(result.stdout.split("--- modules ---")[1].split())


def _top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_sverka_help_imports_no_numeric_stack(tmp_path) -> None:
    loaded = _top_level(_loaded_by_cli(tmp_path, "--help"))
    assert not {"numpy", "scipy", "polars", "lxml", "textual", "trafilatura"} & loaded


def test_sverka_pair_of_two_text_files_imports_only_numpy(tmp_path) -> None:
    """A short pair of .txt files is aligned with numpy alone: scipy, the dataframes, the
    web reader and the UI each cost more start-up than the whole alignment."""
    loaded = _loaded_by_cli(tmp_path, "pair", str(TEXTS / "ru-en.ru.txt"),
                            str(TEXTS / "ru-en.en.txt"), "-q", "-o",
                            str(tmp_path / "out.align.json"))
    assert (tmp_path / "out.align.json").exists()
    assert "numpy" in loaded and "align.aligner" in loaded
    heavy = {"scipy", "polars", "textual", "trafilatura", "lxml", "rich", "sacrebleu",
             "babel", "langcodes", "dask", "pandas", "numba"}  # numba: long texts only
    assert not heavy & _top_level(loaded)
    assert "numpy.ma" not in loaded  # np.median, np.quantile, np.unique pull it in


def test_sverka_pair_with_an_installed_dictionary_does_not_import_scipy(tmp_path) -> None:
    """The lexicon's tables and sums are numpy arrays: scipy.sparse alone cost more
    start-up (0.25 s) than aligning the pair. Once the dictionary is cached (the first
    run parses it), a pair priced with it imports scipy no more than one without."""
    import json

    from test_dictionaries import MUELLER, write_dictd

    system = tmp_path / "dict"
    write_dictd(system, "mueller7", MUELLER)
    out = tmp_path / "out.align.json"
    args = ("pair", str(TEXTS / "ru-en.ru.txt"), str(TEXTS / "ru-en.en.txt"), "-q", "-o",
            str(out), "--force")
    _loaded_by_cli(tmp_path, *args, dictionaries=system)  # parses and caches it
    loaded = _loaded_by_cli(tmp_path, *args, dictionaries=system)
    assert "mueller7" in json.loads(out.read_text())["meta"]["lexicon_sources"]
    assert "align.signals.lexicon" in loaded
    assert not {"scipy", "polars", "numba"} & _top_level(loaded)
    assert "numpy.ma" not in loaded
