"""Bytes → str without being told the encoding.

Order of evidence: a byte-order mark; a strict UTF-8 decode (almost never succeeds by
accident); BOM-less UTF-16 recognised by its NUL pattern; then a guess among legacy code
pages. The guess matters for Russian: cp1251, KOI8-R, MacCyrillic and cp866 all decode
any byte string, and charset-normalizer confuses them on short texts. So every candidate
decoding is scored by how plausible its words look (one script per word, no case flips
inside a word, frequent Russian letters for Cyrillic, few accented letters per Latin word)
and the best one wins; charset-normalizer only adds its own guess to the candidates, so
other scripts (Greek, CJK, …) still work.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from os import PathLike

from align.errors import InputError

_CANDIDATES: dict[str, float] = {
    "cp1251": 0.0, "koi8_r": 0.0, "koi8_u": -0.01, "cp1252": 0.0, "cp866": -0.03,
    "mac_cyrillic": -0.08, "cp1250": -0.02, "iso8859_2": -0.03,
}
"""Legacy code pages tried for every non-UTF text, with a prior: rarer ones must win by
more. Order breaks exact ties (Russian first)."""
_OTHER_PRIOR = -0.1
"""Prior of charset-normalizer's guess when it is none of the above (e.g. Shift-JIS), which
turns even short KOI8-R into plausible-looking half-width katakana."""

_NEUTRAL = set("«»„“”‘’‚‹›—–…•·№°±×€£¥©®™§¶†‡‰¤¦¬µ¢¹²³¼½¾¡¿") | {"\u00a0", "\u00ad"}
"""Non-ASCII non-letters that are normal in text; they neither support nor refute a guess."""

# Russian letter frequencies in percent (a common textbook table); ukrainian letters get
# their frequency in Ukrainian so that cp1251 Ukrainian text is not penalised.
_CYRILLIC_FREQ: dict[str, float] = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73,
    "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01,
    "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97,
    "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04,
    "ё": 0.04, "і": 2.0, "ї": 0.3, "є": 0.3, "ґ": 0.05, "ў": 0.1,
}
_RARE_CYRILLIC = 0.02
_UNIFORM = 100 / 33

_WORD = re.compile(r"[^\W\d_]+")
_MAX_WORD = 30
_SAMPLE = 50_000
"""Characters of each candidate decoding that are scored: plenty to decide, bounded time."""


def decode_bytes(data: bytes, path: str | PathLike[str] = "<bytes>",
                 declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding name)``.

    ``declared`` is an encoding named by the file itself (an HTML ``<meta charset>``); it is
    used when UTF-8 fails and it decodes cleanly. Raises :class:`InputError` for binary or
    undecodable data; a leading BOM is removed from the text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _strict(data, "utf-32", path), "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16"
    if b"\x00" in data:
        guess = _bomless_utf16(data)
        if guess is None:
            raise InputError(path, "looks like a binary file, not text")
        return guess
    if _control_ratio(data) > 0.05:
        raise InputError(path, "looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _guess_legacy(data, path, declared)


def _strict(data: bytes, encoding: str, path: str | PathLike[str]) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        name = encoding.upper()
        raise InputError(path, f"cannot decode: starts with a {name} byte-order mark but is "
                               f"not valid {name}") from None
    return text.lstrip("\ufeff")


def _control_ratio(data: bytes) -> float:
    """Share of C0 control bytes (other than tab, line breaks, form feed) in the first 64 KB."""
    sample = data[:65536]
    if not sample:
        return 0.0
    controls = sum(sample.count(bytes([b])) for b in range(32) if b not in (9, 10, 11, 12, 13))
    return controls / len(sample)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: text of mostly Latin or Cyrillic letters has a NUL or a 0x04 in
    every other byte. Anything else with NUL bytes is binary (returns None)."""
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for encoding, high in (("utf-16-le", odd), ("utf-16-be", even)):
        if high.count(0) + high.count(4) >= 0.6 * len(high):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
                      and ch not in "\t\n\r\f\v")
            if bad <= 0.01 * len(text):
                return text, encoding
    return None


def _guess_legacy(data: bytes, path: str | PathLike[str],
                  declared: str | None) -> tuple[str, str]:
    candidates = dict(_CANDIDATES)
    if declared:
        declared = _codec_name(declared)
        if declared and declared not in ("utf_8", "utf_16", "utf_32"):
            candidates = {declared: 0.05, **candidates}  # the file's own word wins near ties
    extra = _charset_normalizer_guess(data)
    if extra and extra not in candidates:
        candidates[extra] = _OTHER_PRIOR
    best: tuple[float, str, str] | None = None
    for encoding, prior in candidates.items():
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = plausibility(text[:_SAMPLE]) + prior
        if best is None or score > best[0] + 1e-9:
            best = (score, encoding, text)
    if best is None or best[0] < 0.2:
        raise InputError(path, _utf8_fault(data) or "cannot decode: not UTF-8, UTF-16 or a "
                                                   "known Cyrillic/Latin code page")
    return best[2], best[1].replace("_", "-")


_FEW_FAULTS = 3


def _utf8_fault(data: bytes) -> str | None:
    """For UTF-8 text spoilt by a few stray bytes (a truncated copy, a bad join), where
    the first one is: the user can mend that byte, not the whole file. None otherwise."""
    text = data.decode("utf-8", "replace")
    faults = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    multibyte = sum(1 for char in text if char > "\x7f") - faults
    if not 0 < faults <= _FEW_FAULTS or multibyte < 10 * faults:
        return None
    from align.formats.units import plural

    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return (f"cannot decode: UTF-8 but for {plural(faults, 'invalid byte sequence')}, "
                f"the first at byte {error.start} (0x{data[error.start]:02X}); fix it or save "
                "the file as UTF-8 again")
    return None


def _codec_name(name: str) -> str | None:
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None


def _charset_normalizer_guess(data: bytes) -> str | None:
    """charset-normalizer's best guess (imported here: only needed when UTF-8 fails)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a dependency, but decoding can do without
        return None
    match = from_bytes(data[:65536]).best()
    return _codec_name(match.encoding) if match is not None else None


def plausibility(text: str) -> float:
    """How much ``text`` looks like a correct decoding, about -1 (garbage) to 1.4 (fine).

    Only non-ASCII characters count: ASCII bytes decode alike in every candidate. Each one
    scores +1 inside a plausible word, -1 inside an implausible word, -3 as a stray symbol
    or control character, 0 as ordinary typography (« » — …). Cyrillic decodings then get
    up to ±0.3 from how common their letters are in Russian (and Ukrainian) and up to
    ±0.1 from how many are lower case: KOI8-R and cp1251 swap the cases, and prose is
    mostly lower case. This separates cp1251, KOI8-R, MacCyrillic and cp866.
    """
    total = 0.0
    count = 0
    log_sum = 0.0
    cyrillic = lower = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        non_ascii = sum(1 for ch in word if not ch.isascii())
        count += non_ascii
        total += non_ascii * _word_score(word)
        for ch in word:
            if "\u0400" <= ch <= "\u04ff":
                cyrillic += 1
                lower += ch.islower()
                freq = _CYRILLIC_FREQ.get(ch.lower(), _RARE_CYRILLIC)
                log_sum += math.log(freq / _UNIFORM)
    for ch in text:
        if ch.isascii() or ch.isalpha():
            continue
        count += 1
        if ch in _NEUTRAL or ch.isspace() or unicodedata.category(ch).startswith(("M", "P")):
            continue  # ordinary typography: counted, scores 0
        total -= 3  # a stray symbol (box drawing, ¤, ‰ …) is strong evidence of a wrong table
    if count == 0:
        return 1.0
    score = total / count
    if cyrillic:
        # the mean log-ratio is about +0.35 for Russian prose, below 0 for a wrong table
        score += max(-0.3, min(0.3, log_sum / cyrillic))
        score += 0.2 * (lower / cyrillic - 0.5)
    return score


def _script(ch: str) -> str:
    if ch.isascii():
        return "Latn"
    code = ord(ch)
    if code < 0x0250 or 0x1E00 <= code < 0x1F00:
        return "Latn"
    if 0x0370 <= code < 0x0400:
        return "Grek"
    if 0x0400 <= code < 0x0530:
        return "Cyrl"
    if 0xFF61 <= code <= 0xFF9F:
        return "halfwidth"  # half-width katakana: legacy, and what KOI8-R looks like in SJIS
    if code >= 0x2E80:
        return "CJK"
    return f"other{code >> 7}"


def _word_score(word: str) -> float:
    """+1 for a word a person could have written, -1 for decoding debris, 0 for doubtful."""
    scripts = {_script(ch) for ch in word}
    if len(scripts) > 1:
        return -1.0
    script = scripts.pop()
    if script == "halfwidth":
        return -1.0
    if len(word) > _MAX_WORD and script != "CJK":
        return -1.0
    if any(a.islower() and b.isupper() for a, b in zip(word, word[1:])):
        return -1.0  # "пРЙЧЕФ": KOI8-R read as cp1251
    if script == "Latn":
        accented = sum(1 for ch in word if not ch.isascii())
        if len(word) > 2 and accented * 5 >= len(word) * 4:
            return -1.0  # "Ïðèâåò": cp1251 read as cp1252
    if any(unicodedata.category(ch) == "Lo" for ch in word) and script in ("Latn", "Cyrl"):
        return -1.0
    return 1.0
