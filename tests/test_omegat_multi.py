"""A CAT tool takes our multilingual memory for any of its pairs: OmegaT (Debian's package)
pre-translates the English UDHR into German, then into French, from one TMX that holds the
English original with its German, French and Ukrainian translations.

Each English paragraph the memory renders in the project's target language comes out in
that language, the paragraph a translation left without a variant stays English, and the
other languages in the memory do not leak into the document.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from align.cli import main
from align.formats.tmx import XML_LANG
from test_multi import udhr_text
from xml_validation import assert_valid_tmx
from test_omegat import PROJECT, omegat_command, run_omegat

TOKENIZERS = {"en": "LuceneEnglishTokenizer", "de": "LuceneGermanTokenizer",
              "fr": "LuceneFrenchTokenizer"}


@pytest.fixture(scope="module")
def memory(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The English original and the multilingual TMX ``sverka pair`` wrote for it."""
    omegat_command()  # skip before aligning when OmegaT is missing
    folder = tmp_path_factory.mktemp("udhr")
    original = udhr_text("en", folder)
    translations = [str(udhr_text(lang, folder)) for lang in ("de", "fr", "uk")]
    tmx = folder / "udhr.tmx"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        assert main(["pair", str(original), *translations, "--tmx", str(tmx), "-q"]) == 0
    assert_valid_tmx(tmx)
    return original, tmx


def en_project(target: str) -> str:
    """OmegaT's project settings for English into ``target``."""
    settings = (PROJECT
                .replace("<source_lang>ru</", "<source_lang>en</")
                .replace("<target_lang>en</", f"<target_lang>{target}</")
                .replace("LuceneRussianTokenizer", TOKENIZERS["en"])
                .replace("LuceneEnglishTokenizer</target_tok>",
                         f"{TOKENIZERS[target]}</target_tok>"))
    assert f"<target_lang>{target}</target_lang>" in settings
    return settings


def _variants(tmx: Path, lang: str) -> dict[str, str]:
    """English unit text → its variant in ``lang``, for the units that have one."""
    found = {}
    for tu in etree.parse(str(tmx)).iter("tu"):
        texts = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.iter("tuv")}
        if lang in texts:
            found[texts["en"]] = texts[lang]
    return found


@pytest.mark.parametrize("target", ["de", "fr"])
def test_omegat_pretranslates_from_the_multilingual_memory(tmp_path: Path, memory,
                                                           target: str) -> None:
    original, tmx = memory
    document, log = run_omegat(tmp_path / "omegat", tmx, original, en_project(target))
    english = [p.strip() for p in original.read_text(encoding="utf-8").split("\n\n")
               if p.strip()]
    produced = [p.strip() for p in document.split("\n\n") if p.strip()]
    assert len(produced) == len(english)
    variants = _variants(tmx, target)
    others = {text for lang in ("de", "fr", "uk") if lang != target
              for text in _variants(tmx, lang).values()}
    rendered = 0
    for source, out in zip(english, produced):
        assert out not in others or out in variants.values(), out  # no other language leaks in
        if source in variants:
            assert out.split() == variants[source].split(), (source, out)
            rendered += 1
        else:
            assert out == source  # no variant in this language: OmegaT had nothing
    assert rendered >= 85, log[-3000:]  # of 92 English paragraphs
