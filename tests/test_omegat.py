"""A real CAT tool takes our TMX as it is: OmegaT (Debian's package) pre-translates the
bundled Russian original from sverka's memory in ``tm/auto``, in console mode.

What OmegaT does with the header's segtype (asserted below): a ``paragraph`` memory in a
project that segments by sentence is re-segmented by OmegaT itself (it logs
TMXR_WARNING_UPGRADE_SENTSEG) and its units still match sentence by sentence; a
``sentence`` memory is used as it is. Either way every paragraph with a counterpart comes
out in English; the lines the translation left out (a photo caption, a disclaimer) stay
Russian, which shows the English came from our memory and nowhere else.

A Russian file typeset with no-break spaces ("2022 г.", "5 000", "В. В. Путин") is
pre-translated from our memory in full: the memory carries those spaces as the file has
them, so OmegaT's 100 % matches find every segment (issue 13). OmegaT ends a sentence at
any full stop before a space (its default rules know no initials), but not before a
no-break space, so its sentences of this file are ours; the English spells the name out,
so that a paragraph unit re-segmented by OmegaT has as many sentences on both sides.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from align.cli import main
from align.project import load
from xml_validation import assert_valid_tmx

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "corpora" / "podrabinek-2022-01-10"
ORIGINAL = BUNDLED / "ru.stand-in.txt"
JAR = Path("/usr/share/omegat/OmegaT.jar")
CYRILLIC = re.compile("[\u0400-\u04ff]")

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>ru</source_lang>
    <target_lang>en</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneRussianTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def omegat_command() -> list[str]:
    java = shutil.which("java")
    if not JAR.is_file() or java is None:
        pytest.skip("OmegaT is not installed (Debian: apt-get install omegat; .ci/run "
                    "installs it when apt-get is available)")
    return [java, "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-jar", str(JAR)]


@pytest.fixture(scope="module")
def project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sverka") / "article.align.json"
    assert main(["pair", str(BUNDLED), "-o", str(out), "-q"]) == 0
    return out


def run_omegat(folder: Path, tmx: Path, original: Path = ORIGINAL,
               settings: str = PROJECT) -> tuple[str, str]:
    """Make an OmegaT project (``settings``: ru→en unless told) around ``tmx`` and
    pre-translate ``original``; (the translated document, OmegaT's log)."""
    command = omegat_command()
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (folder / sub).mkdir(parents=True)
    shutil.copy(original, folder / "source" / original.name)
    shutil.copy(tmx, folder / "tm" / "auto" / tmx.name)
    (folder / "omegat.project").write_text(settings, encoding="utf-8")
    env = dict(os.environ, HOME=str(folder / "home"), LANG="C.UTF-8")
    done = subprocess.run([*command, str(folder), "--mode=console-translate"],
                          capture_output=True, text=True, env=env, timeout=300)
    log = done.stdout + done.stderr
    translated = folder / "target" / original.name
    assert done.returncode == 0 and translated.is_file(), log[-3000:]
    return translated.read_text(encoding="utf-8"), log


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_omegat_pretranslates_the_original_from_our_tmx(tmp_path: Path, project_file: Path,
                                                        level: str) -> None:
    tmx = tmp_path / f"sverka-{level}.tmx"
    assert main(["export", str(project_file), "--tmx", str(tmx), "--level", level]) == 0
    assert_valid_tmx(tmx)
    document, log = run_omegat(tmp_path / "omegat", tmx)

    assert f"Segmentation method: {level}" in log
    resegmented = "TMXR_WARNING_UPGRADE_SENTSEG" in log
    assert resegmented == (level == "paragraph"), log[-3000:]

    alignment = load(project_file)  # paragraph level: what the article's paragraphs are
    paragraphs = [p.strip() for p in document.split("\n\n") if p.strip()]
    assert len(paragraphs) == len(alignment.source)
    for link in alignment.links:
        if not link.tgt:  # no English counterpart: OmegaT has nothing, leaves it Russian
            assert all(CYRILLIC.search(paragraphs[i]) for i in link.src)
            continue
        if not link.src:
            continue
        assert not any(CYRILLIC.search(paragraphs[i]) for i in link.src), \
            [paragraphs[i] for i in link.src]
        english = alignment.target_text(link)
        if link.type == "1-1":
            assert paragraphs[link.src[0]] == english
        else:  # merged paragraphs: OmegaT places sentences, so compare the words
            produced = " ".join(paragraphs[i] for i in link.src)
            assert produced.split() == english.split()


NBSP = "\u00a0"
TYPESET_RU = [
    f"Наводнение в Приморье: эвакуированы 5{NBSP}000 человек",
    f"Президент В.{NBSP}В.{NBSP}Путин поручил правительству выделить помощь пострадавшим "
    f"районам. Указ подписан 3{NBSP}августа 2022{NBSP}г.",
    f"Из затопленных сёл вывезли 5{NBSP}000 жителей, ещё 1{NBSP}200 человек остаются в "
    "пунктах временного размещения. Спасатели работают круглосуточно.",
    "Вода начала спадать к вечеру. Дороги в районе пока закрыты для транспорта.",
]
TYPESET_EN = [
    "Flood in Primorye: 5,000 people evacuated",
    "President Vladimir Putin instructed the government to allocate aid to the affected "
    "districts. The decree was signed on 3 August 2022.",
    "5,000 residents were taken out of the flooded villages, and another 1,200 people "
    "remain in temporary shelters. Rescuers are working around the clock.",
    "The water began to recede by the evening. The roads in the district are still closed "
    "to traffic.",
]


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_omegat_fills_every_segment_of_an_nbsp_file_from_our_tmx(tmp_path: Path,
                                                                  level: str) -> None:
    omegat_command()  # skip before aligning when OmegaT is not installed
    original = tmp_path / "ru.txt"
    original.write_text("\n\n".join(TYPESET_RU) + "\n", encoding="utf-8")
    translation = tmp_path / "en.txt"
    translation.write_text("\n\n".join(TYPESET_EN) + "\n", encoding="utf-8")
    project, tmx = tmp_path / "nbsp.align.json", tmp_path / f"nbsp-{level}.tmx"
    assert main(["pair", str(original), str(translation), "-o", str(project), "-q"]) == 0
    assert load(project).source.texts == TYPESET_RU  # the no-break spaces are kept
    assert main(["export", str(project), "--tmx", str(tmx), "--level", level]) == 0
    document, log = run_omegat(tmp_path / "omegat", tmx, original)

    paragraphs = [p.strip() for p in document.split("\n\n") if p.strip()]
    assert paragraphs == TYPESET_EN, log[-3000:]
