"""``sverka pair`` and ``sverka batch`` with web pages, from a site served in this process:
a translation page alone (by address or saved), two addresses, the project recording the
addresses, a rerun with the site gone, and every failure one line naming the address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import align.web.fetch as fetch
from align.batch.main import BatchOptions, run_batch
from align.cli import main
from web_support import article, paragraphs, site  # noqa: F401 - the fixture

RU = paragraphs("ru-en.ru.txt")
EN = paragraphs("ru-en.en.txt")


def _publish(site, source_line: str = '<p>Источник: <a href="/ru/vybory">Вот Так</a></p>'
             ) -> tuple[str, str]:
    """The Russian original and its English translation, which names it."""
    original = site.add("/ru/vybory", article("ru", RU))
    translation = site.add("/en/elections", article("en", EN, before=source_line))
    return original, translation


def _pair(tmp_path: Path, *given: str) -> list[str]:
    return ["pair", *given, "--cache", str(tmp_path / "cache"), "--wait", "0",
            "-o", str(tmp_path / "out.align.json")]


def test_a_translation_address_alone_finds_fetches_and_aligns_its_original(
        site, tmp_path, capsys) -> None:
    original, translation = _publish(site)
    assert main(_pair(tmp_path, translation)) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == f'original: {original} (the page\'s "Источник:" link)'
    project = json.loads((tmp_path / "out.align.json").read_text(encoding="utf-8"))
    assert project["source"]["meta"]["url"] == original
    assert project["target"]["meta"]["url"] == translation
    assert project["meta"]["original_found_by"] == 'the page\'s "Источник:" link'
    assert (project["source"]["lang"], project["target"]["lang"]) == ("ru", "en")
    assert project["source"]["segments"][0]["text"] == RU[0]
    assert [path for path, _ in site.requests] == ["/en/elections", "/ru/vybory"]

    site.stop()  # the rerun reads the cache only
    (tmp_path / "out.align.json").unlink()
    assert main(_pair(tmp_path, translation)) == 0
    assert json.loads((tmp_path / "out.align.json").read_text(encoding="utf-8")) \
        ["source"]["meta"]["url"] == original


def test_two_addresses_are_both_fetched_and_the_project_named_after_the_original(
        site, tmp_path, monkeypatch, capsys) -> None:
    original, translation = _publish(site, source_line="")
    monkeypatch.chdir(tmp_path)
    given = ["pair", original, translation, "--cache", str(tmp_path / "cache"), "--wait", "0"]
    assert main(given) == 0
    out = capsys.readouterr().out
    assert "original:" not in out  # the user named it: nothing was chosen
    project = json.loads((tmp_path / "vybory.align.json").read_text(encoding="utf-8"))
    assert project["target"]["meta"]["url"] == translation
    assert "original_found_by" not in project["meta"]


def test_a_saved_translation_page_alone_finds_its_original(site, tmp_path, capsys) -> None:
    original, _ = _publish(site)
    saved = tmp_path / "elections.html"
    saved.write_text(article("en", EN, head=f'<base href="{site.url("/en/")}">',
                             before='<p>Source: <a href="../ru/vybory">Вот Так</a></p>'),
                     encoding="utf-8")
    assert main(_pair(tmp_path, str(saved))) == 0
    assert capsys.readouterr().out.startswith(f"original: {original} (the page's \"Source:\"")
    project = json.loads((tmp_path / "out.align.json").read_text(encoding="utf-8"))
    assert project["source"]["meta"]["url"] == original
    assert "url" not in project["target"]["meta"]  # the user's own file: its path says it
    assert project["target"]["meta"]["path"] == str(saved)


def test_an_original_address_with_a_translation_file(site, tmp_path) -> None:
    original, _ = _publish(site)
    translation = tmp_path / "en.txt"
    translation.write_text("\n\n".join(EN) + "\n", encoding="utf-8")
    assert main(_pair(tmp_path, original, str(translation))) == 0
    project = json.loads((tmp_path / "out.align.json").read_text(encoding="utf-8"))
    assert project["source"]["meta"]["url"] == original


def test_files_still_pair_as_before(tmp_path, monkeypatch) -> None:
    texts = Path(__file__).resolve().parent / "texts"
    monkeypatch.chdir(tmp_path)
    assert main(["pair", str(texts / "ru-en.ru.txt"), str(texts / "ru-en.en.txt"), "-q"]) == 0
    project = json.loads((tmp_path / "ru-en.align.json").read_text(encoding="utf-8"))
    assert "url" not in project["source"]["meta"] and "original_found_by" not in project["meta"]


@pytest.mark.parametrize("shape, problem", [
    ("no source link", "{translation}: names no original"),
    ("original missing", "{original}: HTTP error 404 Not Found"),
    ("original broken", "{original}: HTTP error 500 Internal Server Error"),
    ("original without text", "{original}: has no text after cleaning"),
    ("translation missing", "{translation}: HTTP error 404 Not Found"),
    ("translation is a picture", "{translation}: is not a web page (content type image/png)"),
])
def test_every_failure_is_one_line_naming_the_address_exit_2(site, tmp_path, capsys, shape,
                                                             problem) -> None:
    original, translation = _publish(site)
    if shape == "no source link":
        site.add("/en/elections", article("en", EN))
    elif shape == "original missing":
        del site.pages["/ru/vybory"]
    elif shape == "original broken":
        site.add("/ru/vybory", "oops", status=500)
    elif shape == "original without text":
        site.add("/ru/vybory", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    elif shape == "translation missing":
        del site.pages["/en/elections"]
    else:
        site.add("/en/elections", b"\x89PNG\r\n", content_type="image/png")
    assert main(_pair(tmp_path, translation)) == 2
    captured = capsys.readouterr()
    error = captured.err.strip()
    assert error.startswith("sverka: error: " + problem.format(original=original,
                                                               translation=translation))
    assert "\n" not in error and "Traceback" not in captured.err
    assert str(tmp_path / "cache") not in error  # the address, never the cache file
    assert not (tmp_path / "out.align.json").exists()


def test_a_slow_page_times_out_as_told(site, tmp_path, capsys) -> None:
    _, translation = _publish(site)
    site.pages["/en/elections"].stall = True
    assert main([*_pair(tmp_path, translation), "--timeout", "0.3"]) == 2
    assert capsys.readouterr().err.strip() == (f"sverka: error: {translation}: timed out "
                                               "after 0.3 s")


@pytest.mark.parametrize("option, value", [("--wait", "-1"), ("--timeout", "soon"),
                                           ("--wait", "nan")])
def test_a_rate_or_timeout_that_is_no_number_of_seconds_is_refused(option, value,
                                                                    capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["pair", "https://example.org/en/a", option, value])
    assert stopped.value.code == 2
    assert f"{value!r} is not a number of seconds" in capsys.readouterr().err


def test_a_redirected_translation_reads_its_relative_link_from_where_it_landed(
        site, tmp_path, capsys) -> None:
    original, _ = _publish(site, source_line='<p>Source: <a href="../ru/vybory">here</a></p>')
    moved = site.add("/old/elections", "", status=302, headers={"Location": "/en/elections"})
    assert main(_pair(tmp_path, moved)) == 0
    assert capsys.readouterr().out.startswith(f"original: {original} ")


@pytest.fixture
def default_cache_site(site, tmp_path, monkeypatch):
    """The default cache under this test's folder, and no waiting between requests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(fetch, "_shared", fetch.Fetcher(wait=0, timeout=5))
    return site


def test_commands_that_open_a_pair_take_a_translation_page_alone(default_cache_site,
                                                                   tmp_path) -> None:
    """``check`` and ``review`` read a pair through the same door, with the default cache."""
    import argparse

    from align.commands.pair_input import add_pair_arguments, given_project, load_or_align

    original, translation = _publish(default_cache_site)
    saved = tmp_path / "page.html"
    saved.write_text(article("en", EN), encoding="utf-8")
    assert given_project(saved, None) is None  # a page alone is a pair, not a mistake
    parser = argparse.ArgumentParser()
    add_pair_arguments(parser, force_help="")
    alignment = load_or_align(translation, None, parser.parse_args([]))
    assert alignment.source.meta["url"] == original
    assert alignment.target.meta["url"] == translation
    assert list((tmp_path / "user-cache" / "sverka" / "pages").glob("*.json"))


# ------------------------------------------------------------------------ batch


def test_a_manifest_with_addresses_and_an_extra_column(default_cache_site, tmp_path) -> None:
    site = default_cache_site
    original, translation = _publish(site)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.txt").write_text("\n\n".join(EN) + "\n", encoding="utf-8")
    manifest = corpus / "pairs.csv"
    manifest.write_text(
        "id,score,original,translation,src_lang,tgt_lang\n"
        f"web,0.97,{original},{translation},ru,en\n"
        f"mixed,0.5,{original},en.txt,,\n"
        f"gone,0.1,{site.url('/ru/gone')},{translation},ru,en\n", encoding="utf-8")
    outcome = run_batch(BatchOptions(manifest, tmp_path / "out", jobs=1, progress=False))
    by_id = {result.id: result for result in outcome.results}
    assert by_id["web"].status == "aligned" and by_id["mixed"].status == "aligned"
    assert by_id["gone"].status == "failed"
    assert by_id["gone"].error == f"{site.url('/ru/gone')}: HTTP error 404 Not Found"
    assert list((tmp_path / "user-cache" / "sverka" / "pages").glob("*.html"))
    fetched = len(site.requests)
    assert fetched == 3  # each page once, whatever the number of rows naming it

    site.stop()  # a rerun reads the cache: the pairs are unchanged, the failure stays
    again = run_batch(BatchOptions(manifest, tmp_path / "out", jobs=1, progress=False))
    assert [r.status for r in again.results] == ["unchanged", "unchanged", "failed"]
    assert "cannot fetch" in again.results[2].error


def test_batch_fetches_into_its_cache_records_the_addresses_and_names_them_in_errors(
        site, tmp_path, monkeypatch, capsys) -> None:
    """``sverka batch --cache --wait``: the pages go where told; each project records the
    addresses the manifest gave; a page fetched fine but with no text fails its pair with
    the address, never the cache file the user has not seen."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    original, translation = _publish(site)
    empty = site.add("/ru/empty", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    manifest = corpus / "pairs.csv"
    manifest.write_text("id,original,translation,src_lang,tgt_lang\n"
                        f"web,{original},{translation},ru,en\n"
                        f"blank,{empty},{translation},ru,en\n", encoding="utf-8")
    cache = tmp_path / "pages"
    assert main(["batch", str(manifest), "-o", str(tmp_path / "out"), "-j", "1", "-q",
                 "--cache", str(cache), "--wait", "0"]) == 1  # one pair failed
    failure = capsys.readouterr().err.strip()
    assert failure == f"blank: {empty}: has no text after cleaning"
    assert str(cache) not in failure
    assert list(cache.glob("*.html")) and not (tmp_path / "user-cache").exists()
    project = json.loads((tmp_path / "out" / "web.align.json").read_text(encoding="utf-8"))
    assert project["source"]["meta"]["url"] == original
    assert project["target"]["meta"]["url"] == translation
    assert project["source"]["segments"][0]["text"] == RU[0]


def test_batch_fetches_at_the_timeout_it_was_given(site, tmp_path, capsys) -> None:
    original, translation = _publish(site)
    site.pages["/ru/vybory"].stall = True
    manifest = tmp_path / "pairs.csv"
    manifest.write_text("id,original,translation,src_lang,tgt_lang\n"
                        f"slow,{original},{translation},,\n", encoding="utf-8")
    assert main(["batch", str(manifest), "-o", str(tmp_path / "out"), "-j", "1", "-q",
                 "--cache", str(tmp_path / "pages"), "--wait", "0", "--timeout", "0.3"]) == 1
    assert capsys.readouterr().err.strip() == f"slow: {original}: timed out after 0.3 s"


def test_a_batch_rate_that_is_no_number_of_seconds_is_refused(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["batch", str(tmp_path), "--wait", "-1"])
    assert stopped.value.code == 2
    assert "'-1' is not a number of seconds" in capsys.readouterr().err
