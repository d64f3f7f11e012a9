"""``sverka batch`` on a corpus built here: discovery, failure isolation, incremental reruns,
reviewed projects kept, the report, the combined TMX, bad input, and a Dask cluster."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from lxml import etree

from align.options import PairOptions
from align.review_policy import LOW_CONFIDENCE
from align.batch.discover import discover
from align.batch.main import BatchOptions, run_batch
from align.cli import main
from align.errors import InputError
from align.model import Link
from align.project import load, save
from xml_validation import assert_valid_tmx


BANK = [
    ("Губернатор Новосибирской области Андрей Травников посетил новый завод в Бердске.",
     "Novosibirsk Region Governor Andrei Travnikov visited a new plant in Berdsk."),
    ("Завод будет выпускать до {n} тысяч тонн удобрений в год, сообщили в пресс-службе.",
     "The plant will produce up to {n} thousand tonnes of fertiliser a year, the press "
     "service said."),
    ("Строительство обошлось инвесторам в 4,5 миллиарда рублей и заняло почти три года.",
     "Construction cost the investors 4.5 billion roubles and took almost three years."),
    ("На предприятии появятся {n}0 рабочих мест, большую часть займут местные жители.",
     "The enterprise will create {n}0 jobs, most of which will go to local residents."),
    ("Мэр Бердска Евгений Шестернин назвал открытие завода важным событием для города.",
     "Berdsk Mayor Yevgeny Shesternin called the opening of the plant an important event "
     "for the city."),
    ("Погода в выходные будет тёплой: днём до +{n} градусов, ночью без осадков.",
     "The weather at the weekend will be warm: up to {n} degrees during the day, with no "
     "rain at night."),
    ("Синоптики предупреждают, что в понедельник в регион придёт похолодание.",
     "Forecasters warn that a cold snap will reach the region on Monday."),
    ("Концерт симфонического оркестра пройдёт в филармонии {n} марта в 19:00.",
     "The symphony orchestra's concert will take place at the philharmonic on March {n} "
     "at 7 p.m."),
    ("Билеты можно купить в кассе или на сайте филармонии по цене от 500 рублей.",
     "Tickets can be bought at the box office or on the philharmonic's website from 500 "
     "roubles."),
    ("Дирижёр Томас Зандерлинг впервые выступит с новосибирскими музыкантами.",
     "Conductor Thomas Sanderling will perform with the Novosibirsk musicians for the "
     "first time."),
    ("Футбольный клуб «Сибирь» проиграл на выезде со счётом {n}:2.",
     "Sibir football club lost {n}-2 away from home."),
    ("Главный тренер команды пообещал болельщикам исправиться в следующем туре.",
     "The team's head coach promised the fans to do better in the next round."),
]
GOOD = 22


def _article(k: int) -> tuple[str, str]:
    picks = [BANK[(k + m) % len(BANK)] for m in range(3 + k % 3)]
    ru = "\n\n".join(p[0].format(n=k + 2) for p in picks)
    en = "\n\n".join(p[1].format(n=k + 2) for p in picks)
    return ru + "\n", en + "\n"


def build_corpus(root: Path, good: int = GOOD) -> Path:
    """``good`` article folders plus four broken ones and a hidden folder to ignore."""
    corpus = root / "corpus"
    for k in range(good):
        folder = corpus / f"article-{k:02d}"
        folder.mkdir(parents=True)
        ru, en = _article(k)
        (folder / "ru.txt").write_text(ru, encoding="utf-8")
        (folder / "en.txt").write_text(en, encoding="utf-8")
    one_side = corpus / "broken-one-side"
    one_side.mkdir()
    (one_side / "ru.txt").write_text(_article(1)[0], encoding="utf-8")
    empty = corpus / "broken-empty"
    empty.mkdir()
    (empty / "ru.txt").write_text(_article(2)[0], encoding="utf-8")
    (empty / "en.txt").write_text("", encoding="utf-8")
    toml = corpus / "broken-meta"
    toml.mkdir()
    (toml / "meta.toml").write_text("original = [unclosed\n", encoding="utf-8")
    pdf = corpus / "broken-pdf"
    pdf.mkdir()
    (pdf / "ru.txt").write_text(_article(3)[0], encoding="utf-8")
    (pdf / "en.pdf").write_bytes(b"%PDF-1.4\n")
    (pdf / "meta.toml").write_text('original = "ru"\ntranslation = "en"\n[files]\n'
                                   'translation = "en.pdf"\n', encoding="utf-8")
    (corpus / ".cache").mkdir()
    (corpus / "README.md").write_text("a file beside the folders is not a pair\n")
    return corpus


BROKEN = {"broken-one-side", "broken-empty", "broken-meta", "broken-pdf"}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> tuple[Path, Path, object]:
    root = tmp_path_factory.mktemp("batch")
    corpus = build_corpus(root)
    out = root / "out"
    outcome = run_batch(BatchOptions(corpus, out, jobs=2, progress=False))
    return corpus, out, outcome


def _options(corpus: Path, out: Path, **changes) -> BatchOptions:
    return replace(BatchOptions(corpus, out, jobs=1, progress=False), **changes)


def _fresh(tmp_path: Path) -> tuple[Path, Path]:
    corpus = build_corpus(tmp_path)
    out = tmp_path / "out"
    run_batch(_options(corpus, out))
    return corpus, out


# ------------------------------------------------------------------- discovery


def test_discovery_finds_every_folder_in_order_and_keeps_problems_per_pair(tmp_path) -> None:
    corpus = discover(build_corpus(tmp_path))
    ids = [item.id for item in corpus.items]
    assert ids == sorted(ids) and len(ids) == GOOD + len(BROKEN)
    assert ".cache" not in ids and "README.md" not in ids
    problems = {item.id: item.problem for item in corpus.items if item.problem}
    assert set(problems) == {"broken-one-side", "broken-meta"}  # the other two fail on reading
    assert "needs two language files" in problems["broken-one-side"]
    assert "not valid TOML" in problems["broken-meta"]
    good = corpus.items[ids.index("article-00")]
    assert (good.src_lang, good.tgt_lang) == ("ru", "en")
    assert good.original.name == "ru.txt" and good.translation.name == "en.txt"


def test_the_bundled_corpus_is_discovered() -> None:
    corpus = discover(Path(__file__).resolve().parents[1] / "corpora")
    assert [item.id for item in corpus.items] == ["podrabinek-2022-01-10"]
    assert corpus.items[0].original.name == "ru.stand-in.txt"


# ------------------------------------------------------------ isolation, outputs


def test_failures_are_isolated_and_listed(first_run) -> None:
    _, out, outcome = first_run
    status = {result.id: result.status for result in outcome.results}
    assert {pair for pair, s in status.items() if s == "failed"} == BROKEN
    assert sum(s == "aligned" for s in status.values()) == GOOD
    errors = {result.id: result.error for result in outcome.failed}
    assert "is empty" in errors["broken-empty"]
    assert "PDF" in errors["broken-pdf"]
    assert all("\n" not in error for error in errors.values())
    for pair in BROKEN:
        assert not (out / f"{pair}.align.json").exists()
    for k in range(GOOD):
        project = load(out / f"article-{k:02d}.align.json")
        assert project.meta["name"] == f"article-{k:02d}"
        assert project.meta["input_hash"].startswith("sha256:")
        assert (out / f"article-{k:02d}.tmx").is_file()


def test_cli_exit_status_and_failure_list(tmp_path, capsys) -> None:
    corpus = build_corpus(tmp_path, good=3)
    assert main(["batch", str(corpus), "-o", str(tmp_path / "out"), "-j", "1"]) == 1
    printed = capsys.readouterr().out
    assert "4 pairs failed:" in printed
    assert "broken-one-side:" in printed and "needs two language files" in printed
    assert "report.parquet" in printed and "corpus.tmx" in printed
    for pair in BROKEN:
        shutil.rmtree(corpus / pair)
    assert main(["batch", str(corpus), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert capsys.readouterr().out == ""


# ------------------------------------------------------------------- the report


def test_report_columns_and_values(first_run) -> None:
    _, out, outcome = first_run
    report = pl.read_parquet(out / "report.parquet")
    assert report.columns == [
        "id", "status", "src_lang", "tgt_lang", "src_segments", "tgt_segments", "links",
        "links_1-1", "links_1-0", "links_0-1", "links_2-1", "links_1-2", "links_2-2",
        "links_3-1", "links_1-3", "mean_confidence", "min_confidence", "flagged",
        "reviewed_links", "seconds", "error", "note"]
    assert report.height == GOOD + len(BROKEN)
    assert report["id"].to_list() == [result.id for result in outcome.results]
    for row in report.filter(pl.col("status") == "aligned").iter_rows(named=True):
        project = load(out / f"{row['id']}.align.json")
        scores = [link.score for link in project.links]
        assert (row["src_lang"], row["tgt_lang"]) == ("ru", "en")
        assert row["src_segments"] == len(project.source)
        assert row["tgt_segments"] == len(project.target)
        assert row["links"] == len(project.links)
        assert sum(row[c] for c in report.columns if c.startswith("links_")) == row["links"]
        assert row["links_1-1"] == sum(link.type == "1-1" for link in project.links)
        assert row["min_confidence"] == pytest.approx(min(scores))
        assert row["mean_confidence"] == pytest.approx(sum(scores) / len(scores), abs=1e-4)
        assert row["flagged"] == sum(link.score < LOW_CONFIDENCE for link in project.links
                                     if link.two_sided)  # sverka check's low-confidence
        assert row["reviewed_links"] == 0 and row["error"] is None and row["seconds"] >= 0
    # these articles are plain 1-1 translations: the aligner should find exactly that
    aligned = report.filter(pl.col("status") == "aligned")
    assert (aligned["links_1-1"] == aligned["src_segments"]).all()
    failed = report.filter(pl.col("status") == "failed")
    assert failed["error"].null_count() == 0 and failed["links"].null_count() == failed.height
    assert failed["links_1-1"].null_count() == failed.height
    from_csv = pl.read_csv(out / "report.csv", schema=report.schema)
    assert from_csv.drop("seconds").equals(report.drop("seconds"))


# --------------------------------------------------------------- combined TMX


def test_combined_tmx_holds_every_pair_and_validates(first_run) -> None:
    _, out, outcome = first_run
    tree = etree.parse(str(out / "corpus.tmx"),
                       etree.XMLParser(resolve_entities=False, no_network=True))
    units = tree.findall(".//tu")
    expected = sum(sum(link.two_sided for link in load(out / f"{r.id}.align.json").links)
                   for r in outcome.results if r.status != "failed")
    assert len(units) == expected > 0
    tuids = [tu.get("tuid") for tu in units]
    assert len(set(tuids)) == len(tuids)
    documents = {tu.findtext("prop[@type='x-document']") for tu in units}
    assert documents == {f"article-{k:02d}" for k in range(GOOD)}
    assert_valid_tmx(out / "corpus.tmx")
    assert_valid_tmx(out / "article-00.tmx")


# --------------------------------------------------------- incremental reruns


def test_rerun_skips_unchanged_and_redoes_changed_pairs(tmp_path) -> None:
    corpus, out = _fresh(tmp_path)
    before = (out / "article-03.align.json").read_bytes()
    (corpus / "article-05" / "en.txt").write_text(
        _article(5)[1] + "\nAn extra line the editor added.\n", encoding="utf-8")
    outcome = run_batch(_options(corpus, out))
    status = {result.id: result.status for result in outcome.results}
    assert status["article-05"] == "aligned"
    assert sum(s == "unchanged" for s in status.values()) == GOOD - 1
    assert (out / "article-03.align.json").read_bytes() == before  # not even rewritten
    assert load(out / "article-05.align.json").target.segments[-1].text.startswith("An extra")
    # other settings are another input: everything is redone
    relinked = run_batch(_options(corpus, out, pair=PairOptions(max_link=2)))
    assert {r.status for r in relinked.results if r.id.startswith("article")} == {"aligned"}
    forced = run_batch(_options(corpus, out, pair=PairOptions(max_link=2), force=True))
    assert {r.status for r in forced.results if r.id.startswith("article")} == {"aligned"}
    # the report and the combined TMX cover the skipped pairs too
    again = run_batch(_options(corpus, out, pair=PairOptions(max_link=2)))
    assert {r.status for r in again.results if r.id.startswith("article")} == {"unchanged"}
    report = pl.read_parquet(out / "report.parquet")
    assert report.filter(pl.col("status") == "unchanged")["links"].null_count() == 0
    assert len(etree.parse(str(out / "corpus.tmx")).findall(".//tu")) > 0


def test_a_missing_pair_tmx_is_written_again(tmp_path) -> None:
    corpus, out = _fresh(tmp_path)
    (out / "article-01.tmx").unlink()
    outcome = run_batch(_options(corpus, out))
    assert {r.id for r in outcome.results if r.status == "aligned"} == {"article-01"}
    assert_valid_tmx(out / "article-01.tmx")


def test_reviewed_projects_are_never_overwritten(tmp_path) -> None:
    corpus, out = _fresh(tmp_path)
    path = out / "article-02.align.json"
    project = load(path)
    first = project.links[0]
    save(project.with_links([Link(first.src, first.tgt, first.score, "confirmed"),
                             *project.links[1:]]), path)
    reviewed = path.read_bytes()
    (corpus / "article-02" / "ru.txt").write_text(_article(2)[0] + "\nНовый абзац.\n",
                                                  encoding="utf-8")
    outcome = run_batch(_options(corpus, out, force=True))
    result = next(r for r in outcome.results if r.id == "article-02")
    assert result.status == "reviewed" and result.reviewed_links == 1
    assert "changed since the review" in result.note
    assert path.read_bytes() == reviewed
    others = {r.status for r in outcome.results if r.id.startswith("article") and r.id != "article-02"}
    assert others == {"aligned"}  # --force redid the automatic ones
    units = etree.parse(str(out / "corpus.tmx")).findall(".//tu")
    statuses = {tu.findtext("prop[@type='x-status']") for tu in units
                if tu.findtext("prop[@type='x-document']") == "article-02"}
    assert "confirmed" in statuses  # the reviewed links go into the memory
    assert_valid_tmx(out / "corpus.tmx")


def test_an_unreadable_project_fails_its_pair_and_is_left_alone(tmp_path) -> None:
    corpus, out = _fresh(tmp_path)
    path = out / "article-04.align.json"
    path.write_text("{ half written", encoding="utf-8")
    outcome = run_batch(_options(corpus, out, force=True))
    result = next(r for r in outcome.results if r.id == "article-04")
    assert result.status == "failed" and "left as it is" in result.error
    assert path.read_text(encoding="utf-8") == "{ half written"


def test_a_file_that_cannot_be_put_in_place_fails_its_pairs_and_a_rerun_redoes_them(
        tmp_path, monkeypatch) -> None:
    """A task's files are put in place together at its end: one that cannot be fails the
    pairs the task aligned, with one line naming it, and leaves no temporary file."""
    corpus = build_corpus(tmp_path, good=3)
    out = tmp_path / "out"
    replace_file = os.replace

    def refuse(source, target) -> None:
        if str(target).endswith("article-01.tmx"):
            raise PermissionError(13, "Permission denied")
        replace_file(source, target)

    monkeypatch.setattr("align.fileio.os.replace", refuse)
    outcome = run_batch(_options(corpus, out))
    result = next(r for r in outcome.results if r.id == "article-01")
    assert result.status == "failed"
    assert "article-01.tmx" in result.error and "Permission denied" in result.error
    assert "\n" not in result.error
    assert {r.status for r in outcome.results if r.id in ("article-00", "article-02")} == {
        "aligned"}
    assert not list(out.glob(".*.tmp"))
    monkeypatch.setattr("align.fileio.os.replace", replace_file)
    again = run_batch(_options(corpus, out))
    assert next(r for r in again.results if r.id == "article-01").status == "aligned"
    assert (out / "article-01.tmx").is_file()


def test_the_corpus_tmx_written_during_the_run_equals_one_written_after_it(tmp_path) -> None:
    """corpus.tmx is streamed while two workers finish pairs in any order: the same units
    as the memory written from the final results."""
    from align.batch.job import JobSettings
    from align.batch.report import write_corpus_tmx

    corpus = build_corpus(tmp_path, good=12)
    out = tmp_path / "out"
    outcome = run_batch(_options(corpus, out, jobs=2))
    after = tmp_path / "after.tmx"
    summary = write_corpus_tmx(outcome.results, JobSettings(out=out), after)
    assert _tmx_units(out / "corpus.tmx") == _tmx_units(after)
    assert summary.units == len(_tmx_units(after)) > 0
    assert f"{summary.documents} pairs, {summary.describe()}" in outcome.written[-1]


def test_a_run_that_fails_leaves_no_corpus_tmx_and_no_writer_behind(tmp_path,
                                                                   monkeypatch) -> None:
    import threading

    corpus = build_corpus(tmp_path, good=2)
    out = tmp_path / "out"

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("align.batch.main.run_items", broken)
    with pytest.raises(RuntimeError):
        run_batch(_options(corpus, out))
    assert not (out / "corpus.tmx").exists() and not list(out.glob(".*.tmp"))
    assert not [thread for thread in threading.enumerate() if thread.name == "corpus.tmx"]


# --------------------------------------------------------------- manifests


def _manifest(tmp_path: Path, rows: list[str], name: str = "pairs.csv", sep: str = ",") -> Path:
    corpus = build_corpus(tmp_path, good=4)
    header = sep.join(["id", "original", "translation", "src_lang", "tgt_lang"])
    manifest = corpus.parent / name
    manifest.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return manifest


def test_manifest_csv_and_tsv(tmp_path) -> None:
    rows = [f"a{k},corpus/article-0{k}/ru.txt,corpus/article-0{k}/en.txt,ru,en" for k in range(3)]
    rows.append("missing,corpus/nowhere/ru.txt,corpus/nowhere/en.txt,ru,en")
    rows.append("same-language,corpus/article-00/en.txt,corpus/article-01/en.txt,,")
    manifest = _manifest(tmp_path, rows)
    outcome = run_batch(_options(manifest, tmp_path / "out"))
    assert [r.status for r in outcome.results] == ["aligned"] * 3 + ["failed"] * 2
    assert "no such file" in outcome.results[-2].error
    assert "same language" in outcome.results[-1].error  # detected, as the cells are empty
    tsv = manifest.with_suffix(".tsv")
    tsv.write_text(manifest.read_text().replace(",", "\t"), encoding="utf-8")
    items = discover(tsv).items
    assert [item.id for item in items] == ["a0", "a1", "a2", "missing", "same-language"]
    assert items[-1].src_lang is None and items[0].src_lang == "ru"
    assert items[0].original == (tmp_path / "corpus" / "article-00" / "ru.txt").resolve()


@pytest.mark.parametrize("rows, header, message", [
    (["a,corpus/article-00/ru.txt,corpus/article-00/en.txt,ru"], "id,original,translation,src_lang",
     "lacks the column tgt_lang"),
    (["a,../outside/ru.txt,corpus/article-00/en.txt,ru,en"], None, "is outside the corpus"),
    (["a,/etc/passwd,corpus/article-00/en.txt,ru,en"], None, "is outside the corpus"),
    (["a,corpus/article-00/ru.txt,corpus/article-00/en.txt,ru,en",
      "a,corpus/article-01/ru.txt,corpus/article-01/en.txt,ru,en"], None, "is used twice"),
    (["../x,corpus/article-00/ru.txt,corpus/article-00/en.txt,ru,en"], None, "plain name"),
    ([], None, "lists no pairs"),
])
def test_bad_manifests_are_refused_before_any_work(tmp_path, rows, header, message) -> None:
    manifest = _manifest(tmp_path, rows)
    if header:
        manifest.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(InputError, match=message):
        run_batch(_options(manifest, out))
    assert not out.exists()


# ----------------------------------------------------------------- bad input


def test_bad_corpora_give_one_line_and_exit_2(tmp_path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    corpus = build_corpus(tmp_path, good=2)
    cases = [
        ([str(tmp_path / "empty"), "-o", str(tmp_path / "o1")], "has no article folders"),
        ([str(tmp_path / "nowhere"), "-o", str(tmp_path / "o2")], "no such folder"),
        ([str(corpus), "-o", str(corpus / "out")], "is inside the corpus"),
        ([str(corpus), "-o", str(corpus)], "is inside the corpus"),
        ([str(corpus / "article-00"), "-o", str(tmp_path / "o3")], "is one article folder"),
        ([str(corpus / "README.md"), "-o", str(tmp_path / "o4")], "not a manifest"),
    ]
    for argv, message in cases:
        assert main(["batch", *argv]) == 2
        error = capsys.readouterr().err
        assert message in error and error.count("\n") == 1
    assert not (corpus / "out").exists()
    assert not any((tmp_path / name).exists() for name in ("o1", "o2", "o3", "o4"))


def test_default_output_is_beside_the_corpus(tmp_path) -> None:
    corpus = build_corpus(tmp_path, good=2)
    outcome = run_batch(BatchOptions(corpus, jobs=1, progress=False))
    assert outcome.out == tmp_path / "corpus.aligned"
    assert (tmp_path / "corpus.aligned" / "report.csv").is_file()


# ------------------------------------------------------------------- --learn


def test_learn_writes_a_lexicon_realigns_and_reuses_it(tmp_path) -> None:
    corpus = build_corpus(tmp_path)
    out = tmp_path / "out"
    outcome = run_batch(_options(corpus, out, learn=True))
    lexicon = pl.read_parquet(out / "lexicon.parquet")
    assert lexicon.columns == ["src_lang", "tgt_lang", "src", "tgt", "prob", "count"]
    assert lexicon.height > 0
    # "завод"/"plant" appears in many articles: the lexicon should know it
    plant = lexicon.filter(pl.col("src") == "завод")
    assert "plant" in plant["tgt"].to_list()
    project = load(out / "article-00.align.json")
    assert project.meta["lexicon"].startswith("sha256:")
    assert {r.status for r in outcome.results if r.id.startswith("article")} == {"aligned"}
    assert any("lexicon.parquet" in line for line in outcome.written)
    again = run_batch(_options(corpus, out, learn=True))
    assert {r.status for r in again.results if r.id.startswith("article")} == {"unchanged"}
    assert any("reused" in line for line in again.written)


# ---------------------------------------------------------------- Dask cluster


def _tmx_units(path: Path) -> list[bytes]:
    """The corpus TMX's units as written, without the dates a run stamps on them."""
    units = etree.parse(str(path)).getroot().findall("body/tu")
    for unit in units:
        for element in unit.iter():
            for key in ("creationdate", "changedate"):
                element.attrib.pop(key, None)
    return [etree.tostring(unit) for unit in units]


@pytest.mark.system_dictionaries  # the cluster's worker processes read the installed ones
def test_a_dask_cluster_gives_the_same_results(tmp_path) -> None:
    """Two worker processes, as ``dask worker`` runs them: the same projects, report and
    corpus TMX as a local run."""
    distributed = pytest.importorskip("distributed", reason="dask[distributed] not installed")
    corpus = build_corpus(tmp_path, good=8)
    local = run_batch(_options(corpus, tmp_path / "local"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  protocol="tcp", host="127.0.0.1", dashboard_address=None
                                  ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        remote = run_batch(_options(corpus, tmp_path / "dask", scheduler=address))

    def comparable(results):
        return [{**vars(r), "seconds": None} for r in results]

    assert comparable(remote.results) == comparable(local.results)
    for result in local.results:
        if result.status == "failed":
            continue
        a = json.loads((tmp_path / "local" / f"{result.id}.align.json").read_text())
        b = json.loads((tmp_path / "dask" / f"{result.id}.align.json").read_text())
        for data in (a, b):
            data["meta"].pop("created")
            data["meta"]["lexicon_sources"] = re.sub(  # how long the dictionaries took
                r"in [0-9.]+ s", "in … s", data["meta"].get("lexicon_sources") or "")
        assert a == b
    frames = [pl.read_parquet(tmp_path / side / "report.parquet").drop("seconds")
              for side in ("local", "dask")]
    assert frames[0].equals(frames[1])
    units = [_tmx_units(tmp_path / side / "corpus.tmx") for side in ("local", "dask")]
    assert units[0] and units[0] == units[1]


def test_an_unreachable_scheduler_is_one_line(tmp_path, capsys, monkeypatch) -> None:
    pytest.importorskip("distributed", reason="dask[distributed] not installed")
    monkeypatch.setattr("align.batch.run.CONNECT_TIMEOUT", "1s")
    corpus = build_corpus(tmp_path, good=1)
    code = main(["batch", str(corpus), "-o", str(tmp_path / "out"),
                 "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err


# ------------------------------------------------------------------- an output folder it cannot make


def test_an_output_folder_that_cannot_be_created_is_one_line(tmp_path, capsys) -> None:
    corpus = build_corpus(tmp_path, good=2)
    blocker = tmp_path / "somefile.txt"
    blocker.write_text("a file, not a folder\n")
    assert main(["batch", str(corpus), "-o", str(blocker / "out"), "-j", "1"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and str(blocker / "out") in error
    assert "cannot create the output folder" in error
    assert blocker.read_text() == "a file, not a folder\n"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root ignores folder permissions")
def test_an_output_folder_under_a_read_only_folder_is_one_line(tmp_path, capsys) -> None:
    corpus = build_corpus(tmp_path, good=2)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert main(["batch", str(corpus), "-o", str(locked / "new" / "out"), "-j", "1"]) == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and str(locked / "new" / "out") in error
        assert main(["batch", str(corpus), "-o", str(locked), "-j", "1"]) == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and "cannot write into the output folder" in error
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


# ------------------------------------------------------------------- Ctrl-C


def test_stray_temp_files_of_our_pattern_are_swept(tmp_path) -> None:
    from align.batch.main import remove_stray_temp_files

    stray = [".armenpress-ru.63072.align.json.ctmas2uk.tmp", ".a.tmx.x_1y2z3w.tmp",
             ".report.csv.abcdefgh.tmp", ".corpus.tmx.0123abcd.tmp"]
    kept = ["notes.tmp", ".hidden.tmp", "a.align.json", ".a.align.json.short.tmp"]
    for name in stray + kept:
        (tmp_path / name).write_text("x")
    removed = remove_stray_temp_files(tmp_path)
    assert sorted(path.name for path in removed) == sorted(stray)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(kept)


def test_an_interrupt_in_the_parent_stops_the_pool_and_still_writes_the_report(
        tmp_path, monkeypatch) -> None:
    """The parent hears Ctrl-C after the first finished task: the workers are stopped,
    the finished pairs are in the report and the corpus TMX, the rest are interrupted."""
    from align.batch.progress import ProgressBar

    corpus = build_corpus(tmp_path, good=12)

    def interrupt(self, done, failed=0):
        raise KeyboardInterrupt

    monkeypatch.setattr(ProgressBar, "advance", interrupt)
    out = tmp_path / "out"
    outcome = run_batch(_options(corpus, out, jobs=2))
    assert outcome.interrupted
    ids = [result.id for result in outcome.results]
    assert ids == [item.id for item in discover(corpus).items]
    finished = [result for result in outcome.results if result.status != "interrupted"]
    assert finished and len(finished) < len(ids)
    report = pl.read_csv(out / "report.csv")
    assert report["id"].to_list() == ids
    assert (report["status"] == "interrupted").sum() == len(ids) - len(finished)
    with_project = [r.id for r in finished if r.status in ("aligned", "unchanged", "reviewed")]
    units = etree.parse(str(out / "corpus.tmx")).getroot().findall("body/tu")
    assert (len(with_project) == 0) == (len(units) == 0)
    assert_valid_tmx(out / "corpus.tmx")  # an interrupted run's memory is complete
    assert not list(out.glob(".*.tmp"))


def _slow_corpus(root: Path, pairs: int = 40, repeat: int = 150) -> Path:
    """Three small pairs first (the first project appears soon), then long ones."""
    corpus = root / "slow"
    for k in range(pairs):
        folder = corpus / f"pair-{k:02d}"
        folder.mkdir(parents=True)
        sides = [_article(k + r) for r in range(1 if k < 3 else repeat)]
        (folder / "ru.txt").write_text("\n".join(ru for ru, _ in sides), encoding="utf-8")
        (folder / "en.txt").write_text("\n".join(en for _, en in sides), encoding="utf-8")
    return corpus


def _hear_ctrl_c() -> None:
    """A background job of a non-interactive shell starts with SIGINT ignored, and sverka
    rightly keeps it so: the test's child must hear it as a terminal's foreground job does."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs process groups (POSIX)")
def test_ctrl_c_to_the_process_group_stops_batch_with_a_report(tmp_path) -> None:
    """As a terminal does: SIGINT to the whole process group, workers included."""
    corpus = _slow_corpus(tmp_path)
    out = tmp_path / "out"
    sverka = Path(sys.executable).with_name("sverka")
    command = ([str(sverka)] if sverka.exists() else [sys.executable, "-m", "align.cli"])
    proc = subprocess.Popen([*command, "batch", str(corpus), "-o", str(out), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=_hear_ctrl_c)
    try:
        for _ in range(3000):  # until the first project is written (or the run ends)
            if proc.poll() is not None or list(out.glob("*.align.json")):
                break
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)  # a hang fails here
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, (stdout[-1500:], stderr[-1500:])
    assert "Traceback" not in stderr
    assert "interrupted" in stderr
    report = pl.read_csv(out / "report.csv")
    assert report.height == 40 and "interrupted" in report["status"].to_list()
    assert (out / "corpus.tmx").is_file()
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


# ------------------------------------------------------------------- languages checked against the text


def test_batch_refuses_pairs_whose_labels_the_text_contradicts(tmp_path) -> None:
    corpus = build_corpus(tmp_path, good=2)
    ru, en = _article(5)
    english = en * 3
    same = corpus / "broken-samelang"
    same.mkdir()
    (same / "ru.txt").write_text(english, encoding="utf-8")
    (same / "en.txt").write_text(english, encoding="utf-8")
    swapped = corpus / "broken-swapped"
    swapped.mkdir()
    (swapped / "ru.txt").write_text(en * 3, encoding="utf-8")
    (swapped / "en.txt").write_text(ru * 3, encoding="utf-8")
    outcome = run_batch(_options(corpus, tmp_path / "out"))
    by_id = {result.id: result for result in outcome.results}
    assert by_id["broken-samelang"].status == "failed"
    assert "is in the same language as" in by_id["broken-samelang"].error
    assert by_id["broken-swapped"].status == "failed"
    assert "swapped" in by_id["broken-swapped"].error
    assert "the file name ru.txt" in by_id["broken-swapped"].error
    assert by_id["article-00"].status == "aligned"
    assert not (tmp_path / "out" / "broken-samelang.align.json").exists()

    (tmp_path / "m").mkdir()
    manifest = _manifest(tmp_path / "m",
                         ["good,corpus/article-00/ru.txt,corpus/article-00/en.txt,ru,en",
                          "back,corpus/article-01/ru.txt,corpus/article-01/en.txt,en,"])
    outcome = run_batch(_options(manifest, tmp_path / "mout"))
    by_id = {result.id: result for result in outcome.results}
    assert by_id["good"].status == "aligned"
    assert by_id["back"].status == "failed"
    assert "labelled en" in by_id["back"].error and "manifest" in by_id["back"].error


# ------------------------------------------------------- unreadable folders, odd manifests


def _deny_listing(monkeypatch, denied: Path) -> None:
    """Listing ``denied`` fails as for a folder without read permission (root, who runs
    the tests in a container, can list any folder)."""
    real = Path.iterdir

    def iterdir(self):
        if self.resolve() == denied.resolve():
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)


def test_an_unreadable_corpus_folder_is_one_line(tmp_path, capsys, monkeypatch) -> None:
    corpus = build_corpus(tmp_path, good=1)
    _deny_listing(monkeypatch, corpus)
    assert main(["batch", str(corpus), "-o", str(tmp_path / "out"), "-q"]) == 2
    error = capsys.readouterr().err
    assert "cannot read the folder: Permission denied" in error and error.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_an_unreadable_article_folder_fails_only_its_pair(tmp_path, monkeypatch) -> None:
    corpus = build_corpus(tmp_path, good=2)
    _deny_listing(monkeypatch, corpus / "article-01")
    (corpus / "article-01" / "ru.txt").unlink()  # so its languages must come from a listing
    items = {item.id: item for item in discover(corpus).items}
    assert "cannot read: Permission denied" in items["article-01"].problem
    assert items["article-00"].problem is None


def test_languages_that_are_no_codes_are_refused(tmp_path) -> None:
    """A manifest or meta.toml language goes into every TMX written: ``russian`` would
    make a memory CAT tools refuse, so it is refused here, naming where it came from."""
    manifest = _manifest(tmp_path, ["a,corpus/article-00/ru.txt,corpus/article-00/en.txt,"
                                    "russian,en"])
    with pytest.raises(InputError, match="row 2, src_lang: 'russian' is not a language code"):
        discover(manifest)
    folder = tmp_path / "corpus" / "article-01"
    (folder / "meta.toml").write_text('original = "Russian"\ntranslation = "en"\n'
                                      '[files]\noriginal = "ru.txt"\n', encoding="utf-8")
    items = {item.id: item for item in discover(tmp_path / "corpus").items}
    assert "meta.toml: `original`: 'Russian' is not a language code" in items["article-01"].problem


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1251"])
def test_manifests_in_other_encodings_are_read(tmp_path, encoding) -> None:
    """Excel saves "Unicode text" as UTF-16 with a BOM, "CSV UTF-8" with a UTF-8 BOM, and
    plain CSV in the local code page; a quoted cell may hold a comma."""
    manifest = _manifest(tmp_path, [])
    rows = ['статья,"corpus/article-00/ru.txt",corpus/article-00/en.txt,ru,en',
            'b,corpus/article-01/ru.txt,corpus/article-01/en.txt,ru,en']
    manifest.write_bytes("\r\n".join([manifest.read_text().strip(), *rows]).encode(encoding))
    items = discover(manifest).items
    assert [item.id for item in items] == ["статья", "b"]
    assert items[0].original == (tmp_path / "corpus" / "article-00" / "ru.txt").resolve()


def test_manifest_rows_are_counted_as_lines_of_the_file(tmp_path) -> None:
    manifest = _manifest(tmp_path, ['a,"corpus/article-00/ru.txt",corpus/article-00/en.txt,'
                                    'ru,en', "", "b,,corpus/article-01/en.txt,ru,en"])
    with pytest.raises(InputError, match="row 4: the original cell is empty"):
        discover(manifest)


def test_a_folder_of_several_translations_is_a_pair_per_translation(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    for folder, langs in (("multi", ("en", "de", "fr")), ("nameless", ("en", "de", "fr")),
                          ("single", ("ru", "en"))):
        for lang in langs:
            (corpus / folder).mkdir(parents=True, exist_ok=True)
            (corpus / folder / f"{lang}.txt").write_text("Text.\n", encoding="utf-8")
    (corpus / "multi" / "meta.toml").write_text('original = "en"\n', encoding="utf-8")
    items = {item.id: item for item in discover(corpus).items}
    assert set(items) == {"multi.de", "multi.fr", "nameless", "single"}
    assert [items[i].original_id for i in ("multi.de", "multi.fr", "single")] == [
        "multi", "multi", None]
    assert (items["multi.de"].original.name, items["multi.de"].tgt_lang) == ("en.txt", "de")
    assert "say which is the original" in (items["nameless"].problem or "")
    # --src-lang names the original of a folder of several languages
    named = {item.id for item in discover(corpus, src_lang="de").items}
    assert {"nameless.en", "nameless.fr"} <= named
