"""The matcher on a small collection built here: right matches, a translation whose
original is absent, one original with translations into two languages, a near
duplicate of an original, an original without a translation; and the parts it is made
of (the greedy decision, the leads, the manifest's ids and paths)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from align.errors import InputError
from align.matching.collection import read_collection
from align.matching.decide import NO_CANDIDATE, TAKEN, TOO_WEAK, Choice, assign
from align.matching.features import fingerprint
from align.matching.manifest import check_location, manifest_text
from align.matching.matcher import MatchSettings, match
from align.matching.score import CAP, margins
from align.matching.verify import rescore, sentence_fit, uncertainty
from web_support import site  # noqa: F401 - the fixture

PEOPLE = [  # (ru, en, de)
    ("Андрей Травников", "Andrei Travnikov", "Andrei Trawnikow"),
    ("Евгений Шестернин", "Yevgeny Shesternin", "Jewgeni Schesternin"),
    ("Владимир Городецкий", "Vladimir Gorodetsky", "Wladimir Gorodezki"),
    ("Анатолий Локоть", "Anatoly Lokot", "Anatoli Lokot"),
    ("Сергей Цивилёв", "Sergei Tsivilev", "Sergei Ziwiljow"),
    ("Виктор Толоконский", "Viktor Tolokonsky", "Viktor Tolokonski"),
    ("Игорь Кобзев", "Igor Kobzev", "Igor Kobsew"),
]
CITIES = [
    ("Бердске", "Berdsk", "Berdsk"), ("Томске", "Tomsk", "Tomsk"),
    ("Барнауле", "Barnaul", "Barnaul"), ("Кемерово", "Kemerovo", "Kemerowo"),
    ("Иркутске", "Irkutsk", "Irkutsk"), ("Красноярске", "Krasnoyarsk", "Krasnojarsk"),
    ("Омске", "Omsk", "Omsk"),
]
SENTENCES = [  # (ru, en, de) with {person} {city} {a} {b}
    ("{person} посетил новый завод в {city} и осмотрел цеха.",
     "{person} visited a new plant in {city} and toured its workshops.",
     "{person} besuchte ein neues Werk in {city} und besichtigte die Hallen."),
    ("Завод будет выпускать до {a} тысяч тонн продукции в год, сообщили в пресс-службе.",
     "The plant will produce up to {a} thousand tonnes a year, the press service said.",
     "Das Werk wird bis zu {a} tausend Tonnen im Jahr herstellen, teilte die Pressestelle mit."),
    ("Строительство обошлось инвесторам в {b} миллионов рублей и заняло почти три года.",
     "Construction cost the investors {b} million roubles and took almost three years.",
     "Der Bau kostete die Investoren {b} Millionen Rubel und dauerte fast drei Jahre."),
    ("На предприятии появятся {c} рабочих мест, большую часть займут жители города.",
     "The enterprise will create {c} jobs, most of which will go to the city's residents.",
     "In dem Betrieb entstehen {c} Arbeitsplätze, die meisten für die Bewohner der Stadt."),
    ("Открытие назначено на {d} сентября, на церемонию приглашены {e} гостей.",
     "The opening is set for September {d}, and {e} guests have been invited.",
     "Die Eröffnung ist für den {d}. September geplant, und {e} Gäste sind eingeladen."),
    ("Футбольный клуб из города {city} проиграл на выезде со счётом {d}:2.",
     "The football club from {city} lost {d}-2 away from home.",
     "Der Fußballverein aus {city} verlor auswärts mit {d}:2."),
    ("Главный тренер {person} пообещал болельщикам исправиться в следующем туре.",
     "Head coach {person} promised the fans to do better in the next round.",
     "Cheftrainer {person} versprach den Fans, es in der nächsten Runde besser zu machen."),
    ("Билеты на следующий матч можно купить в кассе стадиона по цене от {a} рублей.",
     "Tickets for the next match can be bought at the stadium box office from {a} roubles.",
     "Karten für das nächste Spiel gibt es an der Stadionkasse ab {a} Rubel."),
    ("В прошлом сезоне команда набрала {c} очков и заняла {d} место.",
     "Last season the team scored {c} points and finished in place {d}.",
     "In der letzten Saison holte die Mannschaft {c} Punkte und belegte Platz {d}."),
    ("Стадион вмещает {e} зрителей, его реконструкция стоила {b} миллионов рублей.",
     "The stadium holds {e} spectators; its renovation cost {b} million roubles.",
     "Das Stadion fasst {e} Zuschauer, sein Umbau kostete {b} Millionen Rubel."),
    ("Синоптики обещают, что в выходные в городе {city} будет до {d} градусов тепла.",
     "Forecasters say it will be up to {d} degrees in {city} at the weekend.",
     "Meteorologen sagen für {city} am Wochenende bis zu {d} Grad voraus."),
    ("По словам метеоролога {person}, осадков не ожидается до {e} апреля.",
     "According to meteorologist {person}, no rain is expected until April {e}.",
     "Laut dem Meteorologen {person} wird bis zum {e}. April kein Regen erwartet."),
    ("Уровень воды в реке поднялся на {c} сантиметров за сутки.",
     "The river rose by {c} centimetres in a day.",
     "Der Fluss stieg an einem Tag um {c} Zentimeter."),
]
TOPICS = {0: range(0, 5), 1: range(5, 10), 5: range(10, 13)}
"""Stories about a plant (even stories), a football club (odd ones) or the weather (story
5, the translation whose original is absent): it must share no sentences with the
originals, or the aligner would read them as translations of each other sentence by
sentence, as it would not two real news items."""
LANGS = {"ru": 0, "en": 1, "de": 2}


def story(k: int, lang: str, drop: int | None = None, bump: bool = False) -> str:
    """Story ``k`` in ``lang``: its own person, city and numbers; ``drop`` leaves a
    sentence out and ``bump`` changes a number (a lightly edited copy)."""
    side = LANGS[lang]
    fill = {"person": PEOPLE[k][side], "city": CITIES[k][side], "a": 110 + 37 * k,
            "b": 2300 + 411 * k + (1 if bump else 0), "c": 75 + 13 * k, "d": 3 + k,
            "e": 260 + 29 * k}
    topic = [SENTENCES[n] for n in TOPICS.get(k, TOPICS[k % 2])]
    lines = [sentence[side].format(**fill) for n, sentence in enumerate(topic) if n != drop]
    return "\n\n".join(lines) + "\n"


def build(root: Path) -> tuple[Path, Path]:
    """Originals (ru): stories 0-4, an edited copy of story 1, story 6 with no translation.
    Translations: stories 0-4 in English, story 2 also in German, story 5 in English
    (its original is absent)."""
    originals, translations = root / "originals", root / "translations"
    originals.mkdir(parents=True)
    translations.mkdir(parents=True)
    for k in range(5):
        (originals / f"story-{k}.txt").write_text(story(k, "ru"), encoding="utf-8")
        (translations / f"story-{k}-en.txt").write_text(story(k, "en"), encoding="utf-8")
    (originals / "story-1-edited.txt").write_text(story(1, "ru", drop=3, bump=True),
                                                  encoding="utf-8")
    (originals / "story-6.txt").write_text(story(6, "ru"), encoding="utf-8")
    (translations / "story-2-de.txt").write_text(story(2, "de"), encoding="utf-8")
    (translations / "story-5-en.txt").write_text(story(5, "en"), encoding="utf-8")
    return originals, translations


@pytest.fixture
def collection(tmp_path):
    return build(tmp_path)


def _chosen(result) -> dict[str, str | None]:
    return {result.translations[d.translation].name:
            result.originals[d.original].name if d.original is not None else None
            for d in result.decisions}


def test_each_translation_finds_its_original(collection) -> None:
    originals, translations = collection
    result = match(read_collection(originals), read_collection(translations))
    chosen = _chosen(result)
    assert chosen == {**{f"story-{k}-en.txt": f"story-{k}.txt" for k in range(5)},
                      "story-2-de.txt": "story-2.txt", "story-5-en.txt": None}
    by_name = {result.translations[d.translation].name: d for d in result.decisions}
    # the edited copy is the runner-up of its original's translation, and a close one
    near = by_name["story-1-en.txt"]
    assert result.originals[near.runner_up.original].name == "story-1-edited.txt"
    assert near.runner_up.score < near.score
    assert {d.unmatched for d in result.decisions if d.original is None} <= {TOO_WEAK,
                                                                             NO_CANDIDATE}
    langs = {item.name: item.lang for item in result.translations}
    assert langs["story-2-de.txt"] == "de" and langs["story-2-en.txt"] == "en"


def test_min_score_leaves_weak_matches_unmatched(collection) -> None:
    originals, translations = collection
    result = match(read_collection(originals), read_collection(translations),
                   MatchSettings(min_score=1.0))
    assert all(d.original is None for d in result.decisions)
    assert any(d.unmatched == TOO_WEAK and d.best is not None for d in result.decisions)


def test_same_language_documents_are_never_matched(collection) -> None:
    originals, _ = collection
    result = match(read_collection(originals), read_collection(originals))
    assert all(d.original is None and d.unmatched == NO_CANDIDATE for d in result.decisions)


def test_forced_language_and_lists_of_files(collection, tmp_path) -> None:
    originals, translations = collection
    listing = tmp_path / "translations.tsv"
    listing.write_text("path\tlang\ntranslations/story-3-en.txt\ten\n"
                       "translations/story-2-de.txt\tde\n", encoding="utf-8")
    items = read_collection(listing)
    assert [(item.name, item.lang) for item in items] == [
        ("translations/story-3-en.txt", "en"), ("translations/story-2-de.txt", "de")]
    plain = tmp_path / "originals.txt"
    plain.write_text("# the originals\noriginals/story-3.txt\n\noriginals/story-2.txt\n",
                     encoding="utf-8")
    forced = read_collection(plain, "uk")
    assert [item.lang for item in forced] == ["uk", "uk"]
    assert _chosen(match(read_collection(plain), items)) == {
        "translations/story-3-en.txt": "originals/story-3.txt",
        "translations/story-2-de.txt": "originals/story-2.txt"}


def test_reading_in_worker_processes_gives_the_same_fingerprints(collection) -> None:
    originals, _ = collection
    alone = read_collection(originals, workers=1)
    pooled = read_collection(originals, workers=2)
    assert [item.fingerprint for item in alone] == [item.fingerprint for item in pooled]


@pytest.mark.parametrize("make, message", [
    (lambda root: root / "nowhere", "no such folder"),
    (lambda root: (root / "empty").mkdir() or root / "empty", "has no documents"),
    (lambda root: _write(root / "bad" / "a.txt", ""), "is empty"),
    (lambda root: _write(root / "list.txt", "missing.txt\n"), "line 1: 'missing.txt': no such"),
    (lambda root: _write(root / "list.csv", "file\nx.txt\n"), "lacks the column path"),
])
def test_bad_collections_are_one_line(tmp_path, make, message) -> None:
    location = make(tmp_path)
    if location.name == "a.txt":
        location = location.parent
    with pytest.raises(InputError, match=message):
        read_collection(location)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_features_are_what_survives_translation() -> None:
    ru = fingerprint("Губернатор Андрей Травников открыл завод keratin в 2021 году.", "ru")
    en = fingerprint("Governor Andrei Travnikov opened the keratin plant in 2021.", "en")
    assert set(ru.numbers) & set(en.numbers) == {"2021"}
    assert {"andr", "trav"} <= set(ru.names) & set(en.names)
    assert set(ru.words) & set(en.words) == {"keratin"}  # names are not words
    assert ru.stems and ru.length == len("Губернатор Андрей Травников открыл завод keratin "
                                         "в 2021 году.")


def test_assign_takes_the_best_pairs_first_and_one_original_per_language() -> None:
    choices = [[Choice(0, 0.9), Choice(1, 0.5)],   # t0 takes o0
               [Choice(0, 0.8), Choice(2, 0.1)],   # t1 wanted o0 too (same language)
               [Choice(0, 0.7)],                   # t2 is in another language: o0 again
               [Choice(1, 0.2)],                   # t3 is too weak
               []]                                 # t4 has nothing
    decisions = assign(choices, ["en", "en", "de", "en", "en"], min_score=0.3)
    assert [d.original for d in decisions] == [0, None, 0, None, None]
    assert decisions[0].runner_up == Choice(1, 0.5)
    assert (decisions[1].unmatched, decisions[1].taken_by) == (TAKEN, 0)
    assert decisions[3].unmatched == TOO_WEAK and decisions[3].best == Choice(1, 0.2)
    assert decisions[4].unmatched == NO_CANDIDATE


def test_near_duplicates_split_the_score_but_not_the_presence() -> None:
    # an original and its near duplicate: neither reaches 0.35, together they do
    split = [[Choice(0, 0.3), Choice(1, 0.2)], [Choice(2, 0.2), Choice(3, 0.1)]]
    decisions = assign(split, ["en", "en"], min_score=0.35)
    assert [d.original for d in decisions] == [0, None]
    assert decisions[0].runner_up == Choice(1, 0.2) and decisions[1].unmatched == TOO_WEAK


def test_the_aligner_checks_uncertain_calls(collection) -> None:
    originals, translations = collection
    fits = {name: sentence_fit((str(originals / "story-3.txt"), "ru",
                                str(translations / name), "en"))
            for name in ("story-3-en.txt", "story-4-en.txt")}
    assert fits["story-3-en.txt"] > 0 > fits["story-4-en.txt"]
    assert rescore(0.3, fits["story-3-en.txt"]) > rescore(0.3, fits["story-4-en.txt"])
    assert uncertainty([Choice(0, 0.99), Choice(1, 0.01)]) is None  # clear: not checked
    assert uncertainty([Choice(0, 0.5)]) is not None
    assert uncertainty([Choice(0, 0.95), Choice(1, 0.9)]) is not None  # a close runner-up


def test_margins_are_leads_over_the_best_rival() -> None:
    leads = margins(np.array([1.0, 3.0, 2.0, 5.0, -1.0]), np.array([0, 0, 0, 1, 2]))
    assert leads.tolist() == [-2.0, 1.0, -1.0, CAP, CAP]


def test_manifest_paths_are_relative_to_its_folder(collection, tmp_path) -> None:
    originals, translations = collection
    result = match(read_collection(originals), read_collection(translations))
    lines = manifest_text(result, tmp_path / "pairs.csv").splitlines()
    assert lines[0] == "id,original,translation,src_lang,tgt_lang,score"
    rows = [line.split(",") for line in lines[1:]]
    assert len(rows) == 6 and len({row[0] for row in rows}) == 6
    assert ["story-2.de", "originals/story-2.txt", "translations/story-2-de.txt", "ru",
            "de"] in [row[:5] for row in rows]
    assert all(0.25 <= float(row[5]) <= 1 for row in rows)
    tsv = manifest_text(result, tmp_path / "pairs.tsv").splitlines()
    assert tsv[0].split("\t")[-1] == "score"
    with pytest.raises(InputError, match="reads only paths inside the manifest's folder"):
        manifest_text(result, originals / "pairs.csv")
    with pytest.raises(InputError, match="must end in .csv or .tsv"):
        check_location(tmp_path / "pairs.txt", [originals])


def test_urls_in_a_list_are_fetched_into_the_cache_and_kept_in_the_manifest(
        collection, tmp_path, site) -> None:
    """A page served in this process; the second read comes from the cache alone."""
    from align.web.fetch import Fetcher

    originals, translations = collection
    text = (translations / "story-3-en.txt").read_text(encoding="utf-8")
    page = "".join(f"<p>{block}</p>" for block in text.split("\n\n") if block.strip())
    url = site.add("/news/story-3-en.html", f"<html lang='en'><body><article>{page}"
                   "</article></body></html>")
    listing = tmp_path / "pages.txt"
    listing.write_text(f"{url}\n", encoding="utf-8")
    pages = {"cache": tmp_path / "cache", "fetcher": Fetcher(wait=0)}
    items = read_collection(listing, **pages)
    assert items[0].url == url and items[0].name == url
    assert items[0].path.is_relative_to(tmp_path / "cache")
    result = match(read_collection(originals), items)
    rows = manifest_text(result, tmp_path / "pairs.csv").splitlines()[1:]
    assert [row.split(",")[1:3] for row in rows] == [["originals/story-3.txt", url]]
    site.stop()
    assert read_collection(listing, **pages)[0].path == items[0].path  # offline rerun


def test_a_close_call_carried_by_its_runner_up_says_so(collection) -> None:
    from align.matching.report import rows

    originals, translations = collection
    result = match(read_collection(originals), read_collection(translations))
    closest = max((d for d in result.decisions if d.original is not None and d.runner_up),
                  key=lambda d: d.runner_up.score)
    assert result.translations[closest.translation].name == "story-1-en.txt"  # its copy
    # a minimum between the choice's score and its sum with the runner-up's
    minimum = closest.score + closest.runner_up.score / 2
    note = rows(result, minimum)[closest.translation].note
    assert note.startswith("close call") and f"{minimum:.2f}" in note
    assert rows(result, closest.score)[closest.translation].note == ""
