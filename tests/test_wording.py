"""Counts and clipped text, as every summary and report words them."""

from align.wording import clip, clip_name, plural


def test_plural() -> None:
    assert plural(1, "unit") == "1 unit"
    assert plural(0, "unit") == "0 units"
    assert plural(2, "entry", "entries") == "2 entries"
    assert plural(3, "<tu>", "<tu>") == "3 <tu>"


def test_clip_keeps_short_text_on_one_line_and_cuts_long_text() -> None:
    assert clip("a  b\nc", 10) == "a b c"
    assert clip("abcdefghij", 10) == "abcdefghij"
    assert clip("abcdefghijk", 10) == "abcdefghi…"
    assert len(clip("x" * 100, 7)) == 7


def test_clip_name_keeps_the_end_that_tells_one_site_s_addresses_apart() -> None:
    first = clip_name("http://127.0.0.1:8765/en/en-01.html", 16)
    second = clip_name("http://127.0.0.1:8765/en/en-02.html", 16)
    assert len(first) == 16 and first.startswith("…") and first != second
    assert first.endswith("en-01.html")
    assert clip_name("short.txt", 16) == "short.txt"
