"""The development-case builder: every gold alignment is valid and traces back to the
data, the UDHR golds have their known real differences, planted changes are recorded,
no document is in both the tune and the report part, and a seed gives the same bytes
twice. Also the evaluator's calibration figures, on made-up links."""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from align.evaluate import read_gold

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "build_dev_cases.py"
DATA = REPO.parent / "shared" / "data"
LEVELS = ("paragraph", "sentence")

needs_data = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"shared data not found at {DATA} (the builder reads it in place)")


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_dev_cases", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


builder = _load_script()
texts = importlib.import_module("devcases.texts")  # the builder put scripts/ on the path


def _run(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), *extra],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not DATA.is_dir():
        pytest.skip(f"shared data not found at {DATA} (the builder reads it in place)")
    out = tmp_path_factory.mktemp("dev") / "dev-cases"
    result = _run(out, "--seed", "13")
    assert result.returncode == 0, result.stderr
    assert "paragraph:" in result.stdout and "sentence:" in result.stdout
    return out


def _index(out: Path, level: str) -> dict:
    return json.loads((out / level / "index.json").read_text(encoding="utf-8"))


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n"), path
    return text[:-1].split("\n")


def _case(out: Path, level: str, case_id: str) -> tuple[list[str], list[str], list]:
    folder = out / level / case_id
    return _lines(folder / "src.txt"), _lines(folder / "tgt.txt"), read_gold(folder / "gold.json")


def _segments(lines: list[str]) -> list[str]:
    return [line for line in lines if line]


def _all_cases(out: Path):
    for level in LEVELS:
        for entry in _index(out, level)["cases"]:
            yield level, entry, *_case(out, level, entry["id"])


# --- with the real data -----------------------------------------------------------

def _entries(out: Path, level: str, *families: str) -> list[dict]:
    return [c for c in _index(out, level)["cases"] if not families or c["family"] in families]


@needs_data
def test_case_counts_and_index_lists_every_folder(built: Path) -> None:
    wmt = [c["id"] for c in _entries(built, "paragraph", "wmt")]
    assert 30 <= len(wmt) <= 50 and all(i.startswith("wmt-") for i in wmt)
    assert [c["id"] for c in _entries(built, "sentence", "wmt")] == wmt
    families = {level: {c["family"] for c in _entries(built, level)} for level in LEVELS}
    assert families["paragraph"] == {"wmt", "wmt-r10", "wmt-r25", "wmt-r40", "debian", "udhr",
                                     "udhr-r25", "tok-wmt", "tok-udhr"}
    assert families["sentence"] == {"wmt", "wmt-r15", "udhr-r15", "tok-wmt", "tok-udhr"}
    for level in (*LEVELS, "unrelated"):
        listed = {c["id"] for c in _index(built, level)["cases"]}
        on_disk = {p.name for p in (built / level).iterdir() if p.is_dir()}
        assert listed == on_disk
        assert _index(built, level)["seed"] == 13


@needs_data
def test_every_case_names_its_languages_and_part(built: Path) -> None:
    pairs = set()
    for level in (*LEVELS, "unrelated"):
        for entry in _index(built, level)["cases"]:
            meta = json.loads((built / level / entry["id"] / "case.json").read_text("utf-8"))
            assert meta["split"] in ("tune", "report")
            assert meta["unrelated"] == (level == "unrelated")
            assert (built / level / entry["id"] / "UNRELATED").is_file() == meta["unrelated"]
            assert (built / level / entry["id"] / "gold.json").is_file() != meta["unrelated"]
            for field in ("family", "split", "doc", "src_lang", "tgt_lang"):
                assert meta[field] == entry[field]
            pairs.add((meta["src_lang"], meta["tgt_lang"]))
            cyrillic = {"ru", "uk"}
            for side, lang in (("src", meta["src_lang"]), ("tgt", meta["tgt_lang"])):
                text = (built / level / entry["id"] / f"{side}.txt").read_text("utf-8")
                letters = [ch for ch in text if ch.isalpha()]
                share = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff") / len(letters)
                assert (share > 0.5) == (lang in cyrillic), (entry["id"], side)
    assert pairs == {("ru", "en"), ("en", "ru"), ("de", "fr"), ("de", "en"), ("uk", "en"),
                     ("fr", "en")}


@needs_data
def test_no_document_lands_in_both_parts(built: Path) -> None:
    part_of: dict[str, set[str]] = {}
    for level in LEVELS:
        for entry in _index(built, level)["cases"]:
            part_of.setdefault(entry["doc"], set()).add(entry["split"])
    assert all(len(parts) == 1 for parts in part_of.values()), part_of
    for level in LEVELS:  # every family is tuned and reported on
        for family in {c["family"] for c in _entries(built, level)}:
            assert {c["split"] for c in _entries(built, level, family)} == {"tune", "report"}, family
    # an unrelated pair joins two documents of one part, never two halves of one case
    for entry in _index(built, "unrelated")["cases"]:
        first, second = entry["doc"].split(" | ")
        assert first != second
        if not first.startswith("udhr"):
            assert part_of[first] == part_of[second] == {entry["split"]}


@needs_data
def test_unrelated_pairs_are_two_real_sides_of_different_cases(built: Path) -> None:
    entries = _index(built, "unrelated")["cases"]
    assert {e["family"] for e in entries} == {"unrelated-wmt", "unrelated-wmt-r25",
                                              "unrelated-debian", "unrelated-udhr"}
    for entry in entries:
        src, tgt = _lines(built / "unrelated" / entry["id"] / "src.txt"), \
            _lines(built / "unrelated" / entry["id"] / "tgt.txt")
        assert src == _lines(built / "paragraph" / entry["src_from"] / "src.txt")
        assert tgt == _lines(built / "paragraph" / entry["tgt_from"] / "tgt.txt")
        assert entry["src_from"] != entry["tgt_from"]


@needs_data
def test_every_gold_covers_every_line_once_in_order(built: Path) -> None:
    for level, entry, src, tgt, gold in _all_cases(built):
        where = f"{level}/{entry['id']}"
        n_src, n_tgt = len(_segments(src)), len(_segments(tgt))
        assert gold, where
        flat_src = [i for s, _ in gold for i in s]
        flat_tgt = [j for _, t in gold for j in t]
        assert flat_src == list(range(n_src)), where
        assert flat_tgt == list(range(n_tgt)), where
        assert all(s or t for s, t in gold), where
        assert (entry["src_lines"], entry["tgt_lines"]) == (n_src, n_tgt), where
        types: dict[str, int] = {}
        for s, t in gold:
            types[f"{len(s)}-{len(t)}"] = types.get(f"{len(s)}-{len(t)}", 0) + 1
        assert types == entry["link_types"], where


def _squeezed(text: str) -> str:
    return "".join(text.split())


@needs_data
def test_every_gold_link_concatenates_to_the_data_it_names(built: Path) -> None:
    """Each side of a link, whitespace aside (tokenising only moves spaces and line
    breaks), is the data units its provenance names, joined; added lines are the
    builder's own."""
    bank = builder.unit_bank(DATA)
    added = builder.inserted_texts()
    checked = 0
    for level, entry, src, tgt, gold in _all_cases(built):
        sides = (_segments(src), _segments(tgt))
        assert len(entry["provenance"]) == len(gold), entry["id"]
        for link, keys in zip(gold, entry["provenance"]):
            for side in (0, 1):
                lines = [sides[side][i] for i in link[side]]
                if keys[side] == ["+"]:
                    assert all(_squeezed(line) in {_squeezed(a) for a in added} for line in lines)
                    continue
                expected = " ".join(bank[key][side] for key in keys[side])
                assert _squeezed(" ".join(lines)) == _squeezed(expected), (entry["id"], link)
                checked += 1
    assert checked > 10_000


@needs_data
def test_files_follow_the_line_format(built: Path) -> None:
    for level, entry, src, tgt, _ in _all_cases(built):
        for lines in (src, tgt):
            assert all(line == line.strip() for line in lines)
            assert lines[0] and lines[-1]
            if level == "paragraph":
                assert all(lines), f"blank line in {entry['id']}"
            else:
                assert not any(not a and not b for a, b in zip(lines, lines[1:]))


@needs_data
def test_sentence_cases_keep_paragraphs_apart_from_inserted_lines(built: Path) -> None:
    for entry in _index(built, "sentence")["cases"]:
        src, tgt, gold = _case(built, "sentence", entry["id"])
        if entry["family"] == "wmt":
            own = {side: sum(1 for op in entry["operations"]
                             if op["op"] == "insert" and op["own_paragraph"] and op["side"] == side)
                   for side in ("src", "tgt")}
            src_pars = src.count("") + 1 - own["src"]
            tgt_pars = tgt.count("") + 1 - own["tgt"]
            assert src_pars == tgt_pars, entry["id"]
        # no gold link crosses a paragraph boundary on either side
        par_of_src = _paragraph_numbers(src)
        par_of_tgt = _paragraph_numbers(tgt)
        for s, t in gold:
            assert len({par_of_src[i] for i in s}) <= 1, entry["id"]
            assert len({par_of_tgt[j] for j in t}) <= 1, entry["id"]


def _paragraph_numbers(lines: list[str]) -> list[int]:
    numbers, par = [], 0
    for line in lines:
        if line:
            numbers.append(par)
        else:
            par += 1
    return numbers


EXPECTED_TYPE = {("merge", "tgt"): "2-1", ("merge", "src"): "1-2", ("split", "tgt"): "1-2",
                 ("drop", "tgt"): "1-0", ("insert", "tgt"): "0-1", ("insert", "src"): "1-0"}


@needs_data
def test_every_non_one_to_one_link_is_a_recorded_operation(built: Path) -> None:
    for level, entry, src, tgt, gold in _all_cases(built):
        where = f"{level}/{entry['id']}"
        ops = entry["operations"]
        if entry["family"] == "wmt":
            assert any(len(s) != 1 or len(t) != 1 for s, t in gold), where
            if level == "paragraph":
                assert 3 <= len(ops) <= 4, where
        positions = []
        for op in ops:
            s, t = op["link"]
            kind = f"{len(s)}-{len(t)}"
            assert kind == (op["type"] if op["op"] == "original"
                            else EXPECTED_TYPE[(op["op"], op["side"])]), where
            assert (tuple(s), tuple(t)) in gold
            positions.append(gold.index((tuple(s), tuple(t))))
            if op["op"] == "insert":
                lines = _segments(src if op["side"] == "src" else tgt)
                assert _squeezed(lines[(s or t)[0]]) == _squeezed(op["text"])
        non_one = [k for k, (s, t) in enumerate(gold) if len(s) != 1 or len(t) != 1]
        if entry["family"].startswith("tok-"):  # commas alone on a line: 1-3, unrecorded
            lone = [k for k in non_one if k not in positions]
            assert len(lone) == entry["lone_commas"] == 2, where
            assert all(len(gold[k][0]) == 1 and len(gold[k][1]) == 3 for k in lone), where
            assert all(_segments(tgt)[gold[k][1][1]] == "," for k in lone), where
            continue
        assert sorted(positions) == non_one, f"{where}: unrecorded changes"
        if entry["family"] == "wmt":
            # never two operations on the same or adjacent units: a 1-1 link between any two
            assert all(b - a >= 2 for a, b in zip(non_one, non_one[1:])), where


@needs_data
def test_rate_variants_plant_more_and_omit_the_start_where_they_say(built: Path) -> None:
    share = {}
    for family in ("wmt-r10", "wmt-r25", "wmt-r40"):
        entries = _entries(built, "paragraph", family)
        planted = sum(len(e["operations"]) for e in entries)
        share[family] = planted / sum(e["src_lines"] for e in entries)
        for entry in entries:
            gold = read_gold(built / "paragraph" / entry["id"] / "gold.json")
            starts_dropped = gold[0] == ((0,), ()) and gold[1] == ((1,), ())
            assert starts_dropped == entry["omit_start"], entry["id"]
    assert 0.05 < share["wmt-r10"] < share["wmt-r25"] < share["wmt-r40"]


@needs_data
def test_both_levels_hold_the_same_russian_text(built: Path) -> None:
    for entry in _entries(built, "paragraph", "wmt"):
        texts = []
        for level in LEVELS:
            index = {c["id"]: c for c in _index(built, level)["cases"]}
            inserted = {op["text"] for op in index[entry["id"]]["operations"]
                        if op["op"] == "insert" and op["side"] == "src"}
            src = _segments(_case(built, level, entry["id"])[0])
            texts.append(" ".join(line for line in src if line not in inserted))
        assert texts[0] == texts[1], entry["id"]


@needs_data
def test_udhr_gold_has_the_note_and_the_preamble_merge(built: Path) -> None:
    src, tgt, gold = _case(built, "paragraph", "udhr-ru-en-a")
    ru, en = _segments(src), _segments(tgt)
    one_zero = [(s, t) for s, t in gold if not t]
    assert len(one_zero) == 1 and ru[one_zero[0][0][0]].startswith("Принята и провозглашена")
    assert not any(not s for s, _ in gold)
    one_two = [(s, t) for s, t in gold if len(s) == 1 and len(t) == 2]
    assert len(one_two) == 1
    (i,), (j, k) = one_two[0]
    assert ru[i] == "Генеральная Ассамблея,"
    assert (en[j], en[k]) == ("Now, therefore,", "The General Assembly")
    assert sum(1 for s, t in gold if len(s) == len(t) == 1) == len(gold) - 2
    pairs = {ru[s[0]]: en[t[0]] for s, t in gold if len(s) == len(t) == 1}
    assert pairs["Статья 15"] == "Article 15"
    assert pairs["ПРЕАМБУЛА"] == "Preamble"
    src, tgt, gold = _case(built, "paragraph", "udhr-ru-en-b")
    assert all(len(s) == len(t) == 1 for s, t in gold)
    pairs = {src[s[0]]: tgt[t[0]] for s, t in gold}
    assert pairs["Статья 16"] == "Article 16"
    assert pairs[src[-1]].startswith("Nothing in this Declaration")
    assert len(src) + len(_segments(_case(built, "paragraph", "udhr-ru-en-a")[0])) == 92


@needs_data
def test_new_udhr_pairs_differ_only_where_the_versions_do(built: Path) -> None:
    """German and Russian carry the adoption note; English alone splits the preamble's
    last paragraph in two; every article pairs k-th paragraph with k-th paragraph."""
    for src_lang, tgt_lang in (("de", "fr"), ("de", "en"), ("uk", "en"), ("fr", "en")):
        src, tgt, gold = _case(built, "paragraph", f"udhr-{src_lang}-{tgt_lang}-a")
        types = sorted(f"{len(s)}-{len(t)}" for s, t in gold if len(s) != 1 or len(t) != 1)
        expected = (["1-0"] if src_lang == "de" else []) + (["1-2"] if tgt_lang == "en" else [])
        assert types == sorted(expected), (src_lang, tgt_lang)
        titles = [(src[s[0]], tgt[t[0]]) for s, t in gold
                  if len(s) == len(t) == 1 and tgt[t[0]].startswith("Article ")]
        assert len(titles) == 15
        numbered = [(a, b) for a, b in titles if re.search(r"\d", a) and re.search(r"\d", b)]
        assert len(numbered) >= 14  # French says "Article premier"
        assert all(re.sub(r"\D", "", a) == re.sub(r"\D", "", b) for a, b in numbered)


@needs_data
def test_tokenised_cases_space_their_punctuation(built: Path) -> None:
    for level in LEVELS:
        for entry in _entries(built, level, "tok-wmt", "tok-udhr"):
            tgt = _segments(_case(built, level, entry["id"])[1])
            text = " ".join(tgt)
            assert " , " in text and " ." in text
            assert not any(ch in ",.;:!?" and prev.isalpha() for prev, ch in zip(text, text[1:]))
            original = _segments(_case(built, level, entry["id"].removeprefix("tok-"))[1])
            assert _squeezed("".join(tgt)) == _squeezed("".join(original))


@needs_data
def test_debian_cases_hold_code_key_tables_and_notes(built: Path) -> None:
    entries = _entries(built, "paragraph", "debian")
    assert len(entries) >= 60
    code = tables = notes = 0
    for entry in entries:
        src, tgt, _ = _case(built, "paragraph", entry["id"])
        code += sum(1 for line in src if line in texts.CODE_BLOCKS and line in tgt)
        if "Ctrl+C" in src:  # a key table, whole on both sides: one-word rows, 1-1
            tables += 1
            for side, lang in ((src, "en"), (tgt, "ru")):
                cells = [cell for row in texts.KEY_TABLE[lang] for cell in row]
                start = side.index(cells[0])
                assert side[start:start + len(cells)] == cells, entry["id"]
        notes += sum(1 for op in entry["operations"] if op["op"] == "insert" and op["side"] == "tgt")
    assert code >= len(entries) and tables >= len(entries) // 4 and notes >= 10
    # DocBook markup is gone, entities are decoded
    text = (built / "paragraph" / entries[0]["id"] / "src.txt").read_text("utf-8")
    assert "<emphasis>" not in text and "&gt;" not in text


@needs_data
def test_the_seed_makes_it_deterministic(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert _run(again, "--seed", "13").returncode == 0
    files = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (built / name).read_bytes() == (again / name).read_bytes(), name
    other = tmp_path / "other"
    assert _run(other, "--seed", "14").returncode == 0
    for family in ("wmt-r25", "debian", "udhr-r25"):
        ids = [e["id"] for e in _entries(built, "paragraph", family)]
        assert any((built / "paragraph" / i / "gold.json").read_bytes()
                   != (other / "paragraph" / i / "gold.json").read_bytes() for i in ids), family
    # the split is the documents', not the seed's
    for level in LEVELS:
        assert ({e["id"]: e["split"] for e in _index(built, level)["cases"]}
                == {e["id"]: e["split"] for e in _index(other, level)["cases"]})


def test_missing_data_is_one_clear_line(tmp_path: Path) -> None:
    result = _run(tmp_path / "out", "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "data folder not found" in result.stderr
    assert not (tmp_path / "out").exists()


# --- the planting machinery on a tiny made-up document --------------------------------

def _units(paragraphs: list[list[str]], doc: str = "d") -> list:
    return [builder.Unit(" ".join(f"ru{s}" for s in p), " ".join(f"en{s}" for s in p), doc, k,
                         tuple(f"en{s}" for s in p), f"{doc}#{k}")
            for k, p in enumerate(paragraphs)]


def test_operations_give_the_expected_gold_at_paragraph_level() -> None:
    # units 0..12: a b c d e (f g) h i j k l m n; operations two or more units apart
    units = _units([["a"], ["b"], ["c"], ["d"], ["e"], ["f", "g"], ["h"], ["i"], ["j"],
                    ["k"], ["l"], ["m"], ["n"]])
    Op = builder.Op
    ops = [Op("insert", "src", 0, text="Фото: X", own_par=True),
           Op("merge", "tgt", 2),            # c + d -> one English paragraph: 2-1
           Op("split", "tgt", 5, cut=1),     # f g -> "f" / "g": 1-2
           Op("drop", "tgt", 7),             # i has no English: 1-0
           Op("merge", "src", 9),            # k + l -> one Russian paragraph: 1-2
           Op("insert", "tgt", 13, text="Source: Y", own_par=True)]
    src, tgt, gold = builder.layout(builder.apply_ops(units, ops), "paragraph")
    assert src == ["Фото: X", "rua", "rub", "ruc", "rud", "rue", "ruf rug", "ruh", "rui",
                   "ruj", "ruk rul", "rum", "run"]
    assert tgt == ["ena", "enb", "enc end", "ene", "enf", "eng", "enh", "enj", "enk", "enl",
                   "enm", "enn", "Source: Y"]
    assert gold == [[[0], []], [[1], [0]], [[2], [1]], [[3, 4], [2]], [[5], [3]],
                    [[6], [4, 5]], [[7], [6]], [[8], []], [[9], [7]], [[10], [8, 9]],
                    [[11], [10]], [[12], [11]], [[], [12]]]
    builder.check_case(src, tgt, gold, "paragraph")


def test_sentence_layout_puts_blank_lines_between_paragraphs() -> None:
    units = [builder.Unit(f"ru{k}", f"en{k}", "d", par) for k, par in
             enumerate([0, 0, 0, 0, 1, 1, 1, 2, 2])]
    Op = builder.Op
    ops = [Op("merge", "tgt", 0),                              # en0 + en1
           Op("insert", "tgt", 4, text="Note.", own_par=True),  # its own paragraph
           Op("drop", "tgt", 6),                               # en6 gone
           Op("insert", "tgt", 9, text="(n.)")]                # end of the last paragraph
    src, tgt, gold = builder.layout(builder.apply_ops(units, ops), "sentence")
    assert src == ["ru0", "ru1", "ru2", "ru3", "", "ru4", "ru5", "ru6", "", "ru7", "ru8"]
    assert tgt == ["en0 en1", "en2", "en3", "", "Note.", "", "en4", "en5", "", "en7", "en8",
                   "(n.)"]
    assert gold == [[[0, 1], [0]], [[2], [1]], [[3], [2]], [[], [3]], [[4], [4]],
                    [[5], [5]], [[6], []], [[7], [6]], [[8], [7]], [[], [8]]]
    builder.check_case(src, tgt, gold, "sentence")


def test_planner_never_touches_adjacent_units() -> None:
    import random
    units = _units([["a", "b", "c"]] * 14)
    for seed in range(50):
        rng = random.Random(seed)
        ops = builder.plan_paragraph_ops(units, rng)
        assert 3 <= len(ops) <= 4
        _assert_apart_and_valid(units, ops)


def _assert_apart_and_valid(units: list, ops: list) -> None:
    """No two operations on the same or adjacent units, and the gold they give is valid."""
    claimed = [builder.op_units(op, len(units)) for op in ops]
    for a in range(len(claimed)):
        for b in range(a + 1, len(claimed)):
            assert min(abs(x - y) for x in claimed[a] for y in claimed[b]) >= 2
    src, tgt, gold = builder.layout(builder.apply_ops(units, ops), "paragraph")
    builder.check_case(src, tgt, gold, "paragraph")


def test_check_case_rejects_bad_gold() -> None:
    from align.model import AlignmentError
    with pytest.raises(AlignmentError):
        builder.check_case(["a", "b"], ["x", "y"], [[[0], [0]]], "paragraph")
    with pytest.raises(AlignmentError):
        builder.check_case(["a", "b"], ["x", "y"], [[[1], [0]], [[0], [1]]], "paragraph")
    with pytest.raises(AssertionError):
        builder.check_case(["a", "", "b"], ["x", "y"], [[[0], [0]], [[1], [1]]], "paragraph")


def test_rate_planner_plants_about_the_rate_apart_and_can_omit_the_start() -> None:
    import random
    units = _units([["a", "b", "c"]] * 40)
    for seed in range(20):
        counts = []
        for rate in (0.1, 0.25):
            ops = builder.plan_rate_ops(units, random.Random(seed), rate, "paragraph", "ru", "en")
            counts.append(len(ops))
            _assert_apart_and_valid(units, ops)
        assert counts[0] == 4 and counts[1] >= 8
        ops = builder.plan_rate_ops(units, random.Random(seed), 0.1, "paragraph", "ru", "en",
                                    omit_start=True)
        _, _, gold = builder.layout(builder.apply_ops(units, ops), "paragraph")
        assert gold[:2] == [[[0], []], [[1], []]] or gold[1:3] == [[[0], []], [[1], []]]


def test_rate_planner_leaves_added_and_not_one_to_one_units_alone() -> None:
    import random
    units = [builder.Unit(f"ru{k}", f"en{k}", "d", k, ("x", "y"), f"d#{k}") for k in range(30)]
    units[5] = builder.Unit("ru5", "", "d", 5, (), "d#5")            # one-sided in the data
    units[9] = builder.Unit("ru9\nru9b", "en9", "d", 9, (), "d#9")   # two lines on one side
    units[14] = builder.Unit("F1", "F1", "+table", 14)               # added by the builder
    for seed in range(30):
        ops = builder.plan_rate_ops(units, random.Random(seed), 0.4, "paragraph", "ru", "en")
        assert not any(op.at in (5, 9, 14) for op in ops if op.kind != "insert")
        assert not any(op.kind == "merge" and op.at + 1 in (5, 9, 14) for op in ops)


def test_tokenise_spaces_punctuation_and_puts_a_comma_alone() -> None:
    tokenise = importlib.import_module("devcases.tokenise")
    assert tokenise.tokenise("Il dit : « l'homme, enfin. »") == "Il dit : « l' homme , enfin . »"
    assert tokenise.lone_comma("a b , c d , e") == ["a b , c d", ",", "e"]
    assert tokenise.lone_comma("a b ,") is None
    blocks = [builder.Block(["один, два."], ["one, two."], 0, None, ["k"], ["k"]),
              builder.Block(["три"], ["three, four"], 1, {"op": "merge"}, ["k2"], ["k2"])]
    case = builder.Case("c", "paragraph", blocks)
    import random
    assert tokenise.tokenise_case(case, "tgt", random.Random(1), 2) == 1
    assert blocks[0].tgt == ["one", ",", "two ."] and blocks[0].src == ["один, два."]
    assert blocks[1].tgt == ["three , four"]  # a planted link keeps its shape


def test_po_reader_keeps_translated_entries_and_joins_continued_strings(tmp_path: Path) -> None:
    debian = importlib.import_module("devcases.debian")
    po = tmp_path / "01_x.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'
                  'msgid "Use <command>apt</command> &gt; dpkg"\nmsgstr "Используйте apt"\n\n'
                  '#, fuzzy\nmsgid "Fuzzy"\nmsgstr "Нечётко"\n\n'
                  'msgid "Untranslated"\nmsgstr ""\n\n'
                  'msgid ""\n"two "\n"lines"\nmsgstr ""\n"две "\n"строки"\n\n'
                  '#~ msgid "Old"\n#~ msgstr "Старое"\n', encoding="utf-8")
    pairs = debian.read_po(po)
    assert pairs == [("Use <command>apt</command> &gt; dpkg", "Используйте apt"),
                     ("two lines", "две строки")]
    assert debian.plain(pairs[0][0]) == "Use apt > dpkg"
    po.write_text('msgid "a"\nmsgstr broken\n', encoding="utf-8")
    with pytest.raises(builder.DataError, match="01_x.po"):
        debian.read_po(po)


def test_parts_go_by_document_and_stay_balanced() -> None:
    split = importlib.import_module("devcases.split")
    assert split.split_of("wmt:doc-1") == split.split_of("wmt:doc-1")
    parts = {split.split_of(f"wmt:doc-{k}") for k in range(20)}
    assert parts == {"tune", "report"}
    sizes = {f"chapter-{k}": size for k, size in enumerate([400, 30, 250, 60, 90, 500, 45, 120])}
    chosen = split.balanced_parts(sizes)
    assert chosen == split.balanced_parts(dict(reversed(list(sizes.items()))))
    totals = {part: sum(sizes[d] for d, p in chosen.items() if p == part) for part in split.PARTS}
    assert abs(totals["tune"] - totals["report"]) <= max(sizes.values())


# --- the evaluator's figures, on made-up links ------------------------------------------

def _load_evaluator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate_dev", REPO / "scripts" / "evaluate_dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


evaluator = _load_evaluator()


def test_calibration_counts_the_wrong_links_the_lowest_confidence_holds() -> None:
    # 20 links: 4 wrong, at confidence 0.05, 0.15, 0.55 and 0.95
    confidence = [(0.05, False), (0.15, False), (0.55, False), (0.95, False)]
    confidence += [(c / 100, True) for c in (61, 63, 65, 67, 69, 71, 73, 75, 77, 79,
                                             81, 83, 85, 87, 91, 93)]
    figures = evaluator.calibration(confidence)
    assert figures["links"] == 20 and figures["wrong"] == 4
    assert figures["lowest10_links"] == 2 and figures["lowest10_wrong"] == 2
    assert figures["lowest10_wrong_share"] == 0.5
    assert figures["wrong_high"] == 1 and figures["wrong_high_share"] == 0.25
    # three wrong links are below all 16 right ones, the fourth (0.95) above them all
    assert figures["auc"] == (3 * 16) / (4 * 16)
    rows = figures["reliability"]
    assert [r["links"] for r in rows] == [1, 1, 0, 0, 0, 1, 5, 5, 4, 3]
    assert rows[0]["correct"] == 0.0 and rows[2]["correct"] is None and rows[6]["correct"] == 1.0


def test_auc_is_one_half_when_confidence_says_nothing() -> None:
    confidence = [(0.8, False), (0.8, True), (0.8, True), (0.8, False)]
    assert evaluator.calibration(confidence)["auc"] == 0.5
    assert evaluator.calibration([(0.9, True)])["auc"] is None


def test_a_case_without_case_json_is_read_as_the_first_dev_sets_ru_en(tmp_path: Path) -> None:
    folder = tmp_path / "sentence" / "wmt-07"
    folder.mkdir(parents=True)
    for name in ("src.txt", "tgt.txt", "gold.json"):
        (folder / name).write_text("x\n", encoding="utf-8")
    case = evaluator.read_case(folder, "sentence")
    assert (case.src_lang, case.tgt_lang, case.family, case.split) == ("ru", "en", "wmt", "report")
    (folder / "case.json").write_text(json.dumps({"src_lang": "de", "tgt_lang": "fr",
                                                  "family": "udhr-r15", "split": "tune"}))
    case = evaluator.read_case(folder, "sentence")
    assert (case.src_lang, case.tgt_lang, case.family, case.split) == ("de", "fr", "udhr-r15", "tune")
    assert evaluator.find_cases(tmp_path, "sentence", "sentence", ("udhr",), ("tune",)) == [case]
    assert evaluator.find_cases(tmp_path, "sentence", "sentence", ("wmt",)) == []


def test_evaluator_scores_a_small_case_end_to_end(tmp_path: Path) -> None:
    folder = tmp_path / "paragraph" / "mini-1"
    folder.mkdir(parents=True)
    (folder / "src.txt").write_text(
        "Москва принимает гостей со всего мира в 2023 году.\n"
        "Фото: РИА Новости\n"
        "В городе открылись 12 новых станций метро и 3 парка.\n", encoding="utf-8")
    (folder / "tgt.txt").write_text(
        "Moscow welcomes guests from all over the world in 2023.\n"
        "The city opened 12 new metro stations and 3 parks.\n", encoding="utf-8")
    (folder / "gold.json").write_text('{"links": [[[0], [0]], [[1], []], [[2], [1]]]}')
    (folder / "case.json").write_text(json.dumps({"src_lang": "ru", "tgt_lang": "en",
                                                  "family": "mini", "split": "report"}))
    (case,) = evaluator.find_cases(tmp_path, "paragraph", "paragraph")
    outcome = evaluator.run_case(case, evaluator.Settings())
    assert outcome.error is None and len(outcome.confidence) == len(outcome.pred)
    table = evaluator.by_family([outcome])
    assert set(table) == {"report"} and set(table["report"]) == {"mini", "all"}
    assert table["report"]["mini"]["scores"]["n_docs"] == 1
    assert 0 <= table["report"]["mini"]["mean_confidence"] <= 1
