"""Which script and which language a text is in, without a model.

``sverka`` must start fast, so there is no language-identification library here (py3langid
alone takes 0.7 s to load). The script is read off Unicode ranges. Inside Cyrillic and
Latin, each candidate language is scored by the share of words that are among its most
frequent function words, plus its marker letters (ы э for Russian, ї є ґ for Ukrainian,
ß for German, ł for Polish …), minus the letters its alphabet does not have. When the text
is too short or two languages score alike, the answer is None: the caller then asks the
user for the language instead of guessing.

Language codes a person gives are read here too, by one reader
(:func:`parse_language_code`), whatever command or file they come in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from align import language_registry

# ---------------------------------------------------------------------------- scripts
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"), (0x0061, 0x007A, "Latn"), (0x00C0, 0x024F, "Latn"),
    (0x0370, 0x03FF, "Grek"), (0x0400, 0x052F, "Cyrl"), (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"), (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"),
    (0x08A0, 0x08FF, "Arab"), (0x0900, 0x097F, "Deva"), (0x0980, 0x09FF, "Beng"),
    (0x0A00, 0x0A7F, "Guru"), (0x0A80, 0x0AFF, "Gujr"), (0x0B00, 0x0B7F, "Orya"),
    (0x0B80, 0x0BFF, "Taml"), (0x0C00, 0x0C7F, "Telu"), (0x0C80, 0x0CFF, "Knda"),
    (0x0D00, 0x0D7F, "Mlym"), (0x0D80, 0x0DFF, "Sinh"), (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Laoo"), (0x0F00, 0x0FFF, "Tibt"), (0x1000, 0x109F, "Mymr"),
    (0x10A0, 0x10FF, "Geor"), (0x1100, 0x11FF, "Hang"), (0x1200, 0x139F, "Ethi"),
    (0x1780, 0x17FF, "Khmr"), (0x1C80, 0x1C8F, "Cyrl"), (0x1C90, 0x1CBF, "Geor"),
    (0x1E00, 0x1EFF, "Latn"), (0x1F00, 0x1FFF, "Grek"), (0x2D00, 0x2D2F, "Geor"),
    (0x2DE0, 0x2DFF, "Cyrl"), (0x3040, 0x309F, "Hira"), (0x30A0, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hang"), (0x31F0, 0x31FF, "Kana"), (0x3400, 0x4DBF, "Hani"),
    (0x4E00, 0x9FFF, "Hani"), (0xA640, 0xA69F, "Cyrl"), (0xAC00, 0xD7AF, "Hang"),
    (0xF900, 0xFAFF, "Hani"), (0xFB1D, 0xFB4F, "Hebr"), (0xFB50, 0xFDFF, "Arab"),
    (0xFE70, 0xFEFF, "Arab"), (0x20000, 0x3FFFF, "Hani"),
)
_STARTS = [start for start, _, _ in _RANGES]

_SCRIPT_LANGUAGE = {
    "Grek": "el", "Armn": "hy", "Hebr": "he", "Deva": "hi", "Beng": "bn", "Guru": "pa",
    "Gujr": "gu", "Orya": "or", "Taml": "ta", "Telu": "te", "Knda": "kn", "Mlym": "ml",
    "Sinh": "si", "Thai": "th", "Laoo": "lo", "Tibt": "bo", "Mymr": "my", "Geor": "ka",
    "Hang": "ko", "Ethi": "am", "Khmr": "km", "Jpan": "ja", "Hani": "zh",
}
"""Scripts used by (nearly) one language in news text: the script decides."""

_SAMPLE = 20_000
"""Characters read for detection: an article's first pages are enough and stay fast."""


def _char_script(ch: str) -> str | None:
    code = ord(ch)
    index = bisect_right(_STARTS, code) - 1
    if index >= 0:
        start, end, script = _RANGES[index]
        if start <= code <= end and ch.isalpha():
            return script
    return None


def _script_counts(text: str) -> Counter[str]:
    """Letters per script in the sample: each distinct character is looked up once."""
    counts: Counter[str] = Counter()
    for char, count in Counter(text[:_SAMPLE]).items():
        script = _char_script(char)
        if script:
            counts[script] += count
    return counts


def script_of(text: str) -> str:
    """The ISO 15924 code of the script most letters of ``text`` are in ("Cyrl", "Latn", …).

    Japanese (kana with or without kanji) is "Jpan"; text without letters is "Zyyy".
    """
    counts = _script_counts(text)
    if not counts:
        return "Zyyy"
    kana = counts.pop("Hira", 0) + counts.pop("Kana", 0)
    if kana:
        counts["Jpan"] = kana + counts.pop("Hani", 0)
    return counts.most_common(1)[0][0]


# ---------------------------------------------------------------------------- profiles
class _Profile:
    """A language: alphabet, marker letters (or a regex) and most frequent words."""

    __slots__ = ("alphabet", "markers", "words")

    def __init__(self, alphabet: str, markers: str, words: str) -> None:
        self.alphabet = frozenset(alphabet)
        pattern = markers if markers.startswith("(") else f"[{markers}]"
        self.markers = re.compile(pattern) if markers else None
        self.words = frozenset(words.split())


def _words_with(pattern: re.Pattern[str] | None, listed: str) -> list[str]:
    """The words of ``listed`` (distinct words, one a line) in which ``pattern`` is found:
    one scan of the list rather than a search per word (no pattern here matches a line
    end, so a match stays inside its word)."""
    found: list[str] = []
    end = -1
    for match in pattern.finditer(listed) if pattern is not None else ():
        at = match.start()
        if at < end:
            continue  # another match in a word already found
        start = listed.rfind("\n", 0, at) + 1
        end = listed.find("\n", at)
        end = len(listed) if end < 0 else end
        found.append(listed[start:end])
    return found


_LATIN = "abcdefghijklmnopqrstuvwxyz"
_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"

_CYRILLIC: dict[str, _Profile] = {
    "ru": _Profile(_RU, "(?:[ыэё]|ъ(?=[еёюя]))",
                   "и в не на что с по это как он к но из у за от то все так его она для же "
                   "был бы который уже или только также было году их до о об при мы вы я "
                   "мне после когда во со ли ни чем чтобы этого этом"),
    "uk": _Profile("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’ʼ", "іїєґ",
                   "і та що не на з у в до це як від для його але він вона був які який "
                   "також щоб було їх році із"),
    "be": _Profile("абвгдеёжзійклмнопрстуўфхцчшыьэюя'’", "ў",
                   "і у на не з што да гэта як ад для яго але ён яна быў таксама пра"),
    "bg": _Profile("абвгдежзийклмнопрстуфхцчшщъьюяѝ", "(?:ъ(?![еёюя])|ѝ)",
                   "и на за се от да в е не са че това като по с ще които който към му тя "
                   "със във през след но бъде още години"),
    "sr": _Profile("абвгдђежзијклљмнњопрстћуфхцчџш", "ђћ",
                   "и у на је да се за од не са што као су али из који која био ће"),
    "mk": _Profile("абвгдѓежзѕијклљмнњопрстќуфхцчџш", "ѓќѕ",
                   "и на во да се за од не со што како е ќе кој која но тоа беше"),
    "kk": _Profile(_RU + "әғқңөұүһі", "әғқұ",
                   "және мен бұл бен да де деп үшін бір осы ол сол оның жылы"),
}

_LATIN_PROFILES: dict[str, _Profile] = {
    "en": _Profile(_LATIN, "", "the a and of to in is that for it was on with as are be by this "
                               "have from at not but they which you he she his her will has "
                               "had were their been would"),
    "de": _Profile(_LATIN + "äöüß", "äöüß",
                   "der die das und in ist nicht ein eine zu den von mit sich des auf für im dem "
                   "auch es an als wird sind war nach bei aus wie oder sie wir ich er hat "
                   "einen einer noch nur aber über vom zum zur"),
    "fr": _Profile(_LATIN + "àâçéèêëîïôûùüÿœæ", "èêçœàù",
                   "le la les de des et est un une du en que qui dans pour pas sur au avec "
                   "ce il elle ne se sont plus par mais nous vous ont été aux cette"),
    "es": _Profile(_LATIN + "áéíóúüñ¿¡", "ñ¿¡",
                   "el la los las de del y que en es un una por con para no se lo al su más "
                   "como pero fue está son sus muy también ha hay"),
    "it": _Profile(_LATIN + "àèéìíòóù", "òìè",
                   "il la di che e è un una per non con del della sono si le gli da nel alla "
                   "ma più anche come questo ha lo"),
    "pt": _Profile(_LATIN + "áâãàçéêíóôõú", "ãõç",
                   "o a os as de do da que e é um uma para com não em no na se por mais dos "
                   "das ao foi são também está mas"),
    "ca": _Profile(_LATIN + "àçéèíïòóúü·", "çò·",
                   "el la els les de del i que en és un una per amb no es al als més com "
                   "però també"),
    "nl": _Profile(_LATIN + "éëï", "",
                   "de het een en van is dat niet in op te zijn voor met die er ook aan als "
                   "maar bij wordt door naar wij ik hij"),
    "pl": _Profile(_LATIN + "ąćęłńóśźż", "ąćęłńśźż",
                   "i w nie na się z że do to jest jak o co ale od po tak przez dla są jego "
                   "już był czy tylko może"),
    "cs": _Profile(_LATIN + "áčďéěíňóřšťúůýž", "ěřů",
                   "a v se na je že to s z do o jak ale jsou by k pro od po jeho byl už "
                   "které který také tak"),
    "sk": _Profile(_LATIN + "áäčďéíĺľňóôŕšťúýž", "ľĺŕôä",
                   "a v sa na je že to s z do o ako ale sú by k pre od po jeho bol už ktoré "
                   "ktorý aj tak"),
    "sl": _Profile(_LATIN + "čšž", "",
                   "in je v na da se za so ki z ne pa tudi kot po iz bi ali to"),
    "hr": _Profile(_LATIN + "čćđšž", "ćđ",
                   "i je u na da se za od su što kao ali iz koji bio će sa to nije"),
    "sv": _Profile(_LATIN + "åäöé", "åäö",
                   "och i att det som en på är av för med till den inte har de om ett var jag "
                   "men han hon från"),
    "da": _Profile(_LATIN + "æøåé", "æø",
                   "og i at det som en på er af for med til den ikke har de om et var jeg men "
                   "han hun fra efter nu mig hvad"),
    "nb": _Profile(_LATIN + "æøåé", "æø",
                   "og i at det som en på er av for med til den ikke har de om et var jeg men "
                   "han hun fra etter nå meg hva"),
    "fi": _Profile(_LATIN + "äöå", "äö",
                   "ja on ei se että hän oli ovat mutta kun tai myös niin kuin mitä joka sen "
                   "tämä ole olla"),
    "et": _Profile(_LATIN + "äöõüšž", "õ",
                   "ja on et ei see oli ka kui aga mis ta nii või siis"),
    "lt": _Profile(_LATIN + "ąčęėįšųūž", "ėįų",
                   "ir yra kad į su iš ar tai bet nuo buvo jo kaip dėl per apie taip"),
    "lv": _Profile(_LATIN + "āčēģīķļņšūž", "āēīķļņģ",
                   "un ir ka uz ar no par bet tas kas arī bija viņš to lai vai"),
    "hu": _Profile(_LATIN + "áéíóöőúüű", "őű",
                   "a az és hogy nem is egy van meg de ez el már csak volt mint kell vagy"),
    "ro": _Profile(_LATIN + "ăâîșțşţ", "ășțşţ",
                   "și de la în a cu pe nu o un este că care mai pentru din sau se sunt au "
                   "fost"),
    "tr": _Profile(_LATIN + "çğıöşüâî", "ğış",
                   "ve bir bu da de için ile çok ne o gibi daha olan var ama en kadar sonra "
                   "ise değil"),
    "id": _Profile(_LATIN, "", "yang dan di ini itu dengan untuk tidak dari dalam akan pada "
                               "juga ke ada"),
}

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?")
_MIN_WORDS = 3
_MIN_SCORE = 0.12
_MIN_MARGIN = 0.03


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language of ``text``, or None when unsure."""
    sample = text[:_SAMPLE]
    script = script_of(sample)
    if script in ("Hani", "Jpan", "Hang"):  # no spaces between words: count characters
        return _SCRIPT_LANGUAGE[script] if sum(_script_counts(sample).values()) >= 4 else None
    words = _WORD.findall(sample)
    if len(words) < _MIN_WORDS:
        return None
    if script == "Arab":
        return _arabic(sample)
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    if script == "Cyrl":
        return _best(words, _CYRILLIC, "Cyrl")
    if script == "Latn":
        return _best(words, _LATIN_PROFILES, "Latn")
    return None


def _arabic(text: str) -> str:
    """Persian and Urdu write extra letters on top of the Arabic alphabet."""
    if any(ch in text for ch in "ٹڈڑںےھ"):
        return "ur"
    if any(ch in text for ch in "پچژگک"):
        return "fa"
    return "ar"


def _best(tokens: list[str], profiles: dict[str, _Profile], script: str) -> str | None:
    """The profile with the best score, or None when the best is weak or not clearly ahead.

    Letter evidence comes from lower-case words only: capitalised words are often names
    (Київ in a Russian text), which say little about the language around them.
    """
    ranked = _ranked(tokens, profiles, script)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < _MIN_SCORE or top - second < _MIN_MARGIN:
        return None
    return best


def _any_of(letters: set[str]) -> re.Pattern[str]:
    """An expression for any one of ``letters`` (``re`` keeps the few a text needs)."""
    return re.compile("[" + "".join(re.escape(char) for char in sorted(letters)) + "]")


def _ranked(tokens: list[str], profiles: dict[str, _Profile], script: str
            ) -> list[tuple[str, float]]:
    """Every profile's score, best first (see :func:`_best`)."""
    words = Counter(token.lower() for token in tokens)
    common = Counter(token for token in tokens if token[0].islower()) or words
    n_words, n_common = len(tokens), sum(common.values())
    letters = {char for char in set().union(*common) if _char_script(char) == script}
    listed = "\n".join(common)
    scores: dict[str, float] = {}
    for lang, profile in profiles.items():  # each distinct word once, weighted by its count
        hits = sum(words[word] for word in profile.words.intersection(words)) / n_words
        marked = sum(common[word] for word in _words_with(profile.markers, listed)) / n_common
        # words with a letter of this script that the language's alphabet lacks
        foreign_letters = letters - profile.alphabet
        foreign = (sum(common[word] for word in _words_with(_any_of(foreign_letters), listed))
                   / n_common if foreign_letters else 0.0)
        scores[lang] = hits + min(0.3, 1.5 * marked) - min(0.6, 3 * foreign)
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)


# ---------------------------------------------------------------------------- checking a label
SCRIPT_NAMES = {
    "Latn": "Latin", "Cyrl": "Cyrillic", "Grek": "Greek", "Armn": "Armenian",
    "Hebr": "Hebrew", "Arab": "Arabic", "Deva": "Devanagari", "Beng": "Bengali",
    "Geor": "Georgian", "Hang": "Hangul", "Hani": "Chinese characters", "Jpan": "Japanese",
    "Thai": "Thai",
}

_OTHER_CYRILLIC = "mn tg ky tt ba cv os ab ce av"
_OTHER_LATIN = ("gl eu ms af sq is ga cy mt lb fy eo la vi tl sw so ha yo ig zu xh nn no "
                "oc rm fo gd br co wa")
_TWO_SCRIPTS = {  # written in both (the text decides which, either is fine)
    "sr": "Cyrl Latn", "bs": "Latn Cyrl", "kk": "Cyrl Latn", "uz": "Latn Cyrl",
    "az": "Latn Cyrl", "tk": "Latn Cyrl", "ku": "Latn Arab", "ug": "Arab Cyrl Latn",
    "ja": "Jpan Hani Hira Kana", "ko": "Hang Hani", "zh": "Hani", "yi": "Hebr",
    "mr": "Deva", "ne": "Deva", "sa": "Deva", "as": "Beng", "ps": "Arab", "sd": "Arab",
}


def _language_scripts() -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for lang in [*_CYRILLIC, *_OTHER_CYRILLIC.split()]:
        table[lang] = frozenset({"Cyrl"})
    for lang in [*_LATIN_PROFILES, *_OTHER_LATIN.split()]:
        table[lang] = frozenset({"Latn"})
    for script, lang in _SCRIPT_LANGUAGE.items():
        table[lang] = frozenset({script})
    for lang in ("ar", "fa", "ur"):
        table[lang] = frozenset({"Arab"})
    for lang, scripts in _TWO_SCRIPTS.items():
        table[lang] = frozenset(scripts.split())
    return table


_SCRIPTS_OF = _language_scripts()
_SCRIPT_SUBTAG = re.compile(r"[A-Za-z]{4}")

_MIN_LETTERS = 10
"""Fewer letters than this say nothing about a text's script."""
_FOREIGN_SHARE = 0.2
"""A label contradicts a text when fewer of its letters than this are in the label's scripts
(a Russian article quoting English names is still mostly Cyrillic)."""
_SURE_WORDS = 20
_SURE_SCORE = 0.2
_SURE_MARGIN = 0.15
_SURE_SCRIPT_SHARE = 0.8
"""Stricter than :func:`detect_language`: what it takes to overrule a label given by a
person (measured: real articles lead the next language by 0.24–0.6)."""


def base_language(lang: str) -> str:
    """The primary language of a code, case-blind: ``ru-RU``, ``RU``, ``ru_RU`` are ``ru``.

    Memories, projects and options spell one language several ways; sverka compares
    languages (TMX variants, merged memories, ``--langs``, word tables) with this."""
    return lang.replace("_", "-").split("-")[0].strip().lower()


def language_scripts(lang: str) -> frozenset[str] | None:
    """The scripts ``lang`` (an ISO 639 code, maybe with subtags) is written in, or None
    for a language this module does not know (then nothing is checked)."""
    parts = lang.replace("_", "-").split("-")
    for part in parts[1:]:
        if _SCRIPT_SUBTAG.fullmatch(part):
            script = part.title()
            return frozenset({"Jpan", "Hani", "Hira", "Kana"} if script == "Jpan" else {script})
    return _SCRIPTS_OF.get(base_language(lang))


@lru_cache(maxsize=8)  # a pair's check asks about the same two texts several times
def detect_language_confidently(text: str) -> str | None:
    """Like :func:`detect_language`, but only when the evidence is strong enough to overrule
    a label a person gave: enough words and a clear lead over every other language (close
    languages such as uk/ru/be or da/nb rarely pass, and are then left to the label)."""
    sample = text[:_SAMPLE]
    script = script_of(sample)
    if script in ("Cyrl", "Latn"):
        counts = _script_counts(sample)
        if counts[script] < _SURE_SCRIPT_SHARE * sum(counts.values()):
            return None  # a text half in another script is plainly no one language
        words = _WORD.findall(sample)
        if len(words) < _SURE_WORDS:
            return None
        profiles = _CYRILLIC if script == "Cyrl" else _LATIN_PROFILES
        ranked = _ranked(words, profiles, script)
        (best, top), (_, second) = ranked[0], ranked[1]
        return best if top >= _SURE_SCORE and top - second >= _SURE_MARGIN else None
    counts = _script_counts(sample)
    if sum(counts.values()) < _MIN_LETTERS * 2:
        return None
    return detect_language(sample)


def label_contradiction(text: str, declared: str) -> str | None:
    """When ``text`` plainly is not in the language ``declared``, what it is instead (a
    language code, or a script name when the language cannot be told); else None.

    Plainly means: its letters are in a script the declared language is not written in
    (Cyrillic text labelled ``en``), or :func:`detect_language_confidently` names another
    language of the same script that has a profile here. A language unknown to this module
    is never contradicted, nor is a label among close languages the detector cannot
    separate with confidence."""
    scripts = language_scripts(declared)
    if scripts is None:
        return None
    counts = _script_counts(text)
    letters = sum(counts.values())
    if letters >= _MIN_LETTERS and sum(counts[s] for s in scripts) < _FOREIGN_SHARE * letters:
        found = script_of(text)
        return detect_language(text) or f"{SCRIPT_NAMES.get(found, found)} script"
    base = base_language(declared)
    sure = detect_language_confidently(text)
    if sure is None or sure == base:
        return None
    profiled = {**_CYRILLIC, **_LATIN_PROFILES}
    if base in profiled and language_scripts(sure) == language_scripts(base):
        return sure
    return None


# ---------------------------------------------------------------------------- reading a code
_EXAMPLES = "such as ru, en or ru-RU"


class LanguageCodeError(ValueError):
    """A language code that is not one: the message is one line naming it and why."""


def parse_language_code(text: str) -> str:
    """The BCP 47 spelling of the language code ``text``, or a :class:`LanguageCodeError`.

    Every code a user gives (options, manifests, ``meta.toml``, lists of files) is read
    here, because it ends up in TMX and XLIFF files, where a CAT tool refuses an unknown
    language. Accepted: a registered language (ISO 639) with optional registered script,
    region and variants, extensions and a private-use part, in any case and with ``_`` for
    ``-`` (``ru_RU`` → ``ru-RU``, ``EN-gb`` → ``en-GB``); a three-letter code of a language
    that has a two-letter one, or a deprecated code, becomes the code BCP 47 writes
    (``rus`` → ``ru``, ``iw`` → ``he``). Refused: unknown languages (``xx``, ``zz-ZZ``),
    scripts (``ru-Abcd``), regions (``ru-123``) or variants, and what is no code at all
    (``russian``)."""
    parts = text.strip().replace("_", "-").split("-")
    language = parts[0].lower()
    if not (all(part.isascii() and part.isalnum() and len(part) <= 8 for part in parts)
            and language.isalpha() and 2 <= len(language) <= 3):
        raise LanguageCodeError(f"{text!r} is not a language code {_EXAMPLES}")
    rest = parts[1:]
    if not rest and language in _SCRIPTS_OF:
        return language  # a language sverka knows itself: no need to read the registry
    registry = language_registry.registry()
    if rest and rest[0].isalpha() and len(rest[0]) == 3:  # an extended language: zh-yue
        extlang = rest.pop(0).lower()
        if extlang not in registry.extlangs:
            raise LanguageCodeError(f"{text!r}: {extlang!r} is no known language (ISO 639) "
                                    f"after {language!r}")
        language = extlang
    language = registry.aliases.get(language, language)
    if language not in registry.languages:
        where = "" if parts[0] == text.strip() else f"{text!r}: "
        raise LanguageCodeError(f"{where}{parts[0]!r} is no known language (ISO 639); give "
                                f"a code {_EXAMPLES}")
    return "-".join([language, *_subtags_after_language(text, rest, registry)])


def _subtags_after_language(text: str, parts: list[str], registry: language_registry.Registry) -> list[str]:
    """Script, region, variants (in that order, each optional), then extensions and a
    private-use part, checked and in BCP 47's case (``Latn``, ``RU``, ``1996``)."""
    out: list[str] = []
    can_be = {"script", "region"}
    for at, part in enumerate(parts):
        lower = part.lower()
        if len(part) == 1:  # an extension (u-…, t-…) or private use (x-…): kept as given
            following = parts[at + 1:]
            if not following or (lower != "x" and len(following[0]) < 2):
                raise LanguageCodeError(f"{text!r}: {part!r} must be followed by its "
                                        "subtags")
            return [*out, lower, *(p.lower() for p in following)]
        if "script" in can_be and len(part) == 4 and part.isalpha():
            can_be.discard("script")
            if part.title() not in registry.scripts:
                raise LanguageCodeError(f"{text!r}: {part!r} is no known script (ISO 15924)")
            out.append(part.title())
        elif "region" in can_be and (len(part) == 2 and part.isalpha()
                                     or len(part) == 3 and part.isdigit()):
            can_be.clear()
            if part.upper() not in registry.regions:
                raise LanguageCodeError(f"{text!r}: {part!r} is no known region (ISO 3166 "
                                        "or UN M.49)")
            out.append(part.upper())
        else:
            can_be.clear()
            if lower not in registry.variants:
                raise LanguageCodeError(f"{text!r}: {part!r} is no known subtag (a script "
                                        "such as Latn, a region such as RU or 419, or a "
                                        "registered variant)")
            out.append(lower)
    return out


def language_code_problem(code: str) -> str | None:
    """Why ``code`` is not a language code CAT tools take, or None: the check of
    :func:`parse_language_code` for readers that keep the code as it is written, so a
    spelling that must change to be written (``ru_RU``, ``rus``) is a problem here, named
    with the code to write instead."""
    try:
        parsed = parse_language_code(code)
    except LanguageCodeError as error:
        return str(error)
    if parsed.lower() != code.lower():
        return f"{code!r} is written {parsed} in language codes"
    return None
