"""Segment kinds: lines the classifier must survive and classify sensibly."""

from __future__ import annotations

import pytest

from align.ingest import classify


# ---------------------------------------------------------------------------- tokenised text
def test_tokenised_name_line_with_a_lone_comma_is_classified() -> None:
    """Tokenised text puts the comma between spaces: "Michel Piola , Vernier" once ended
    ``sverka pair`` in an IndexError (an empty word given to the name test)."""
    texts = ["Escalade", "Michel Piola , Vernier",
             "La voie a été ouverte en 1985 par Michel Piola et ses amis de Genève ."]
    kinds = classify(texts, "fr")
    assert kinds[1] != "byline" and kinds[2] == "body"  # a name and a place: no author
    assert classify(["Die Route", "Michel Piola , Anna Vernier"], "de")[1] == "byline"


@pytest.mark.parametrize("texts", [[",", ", 0"], ["Titel", ","], ["Titel", ", ,"],
                                   ["Titel", "Michel ,"], ["By ,"]])
def test_lines_of_lone_commas_get_a_kind(texts: list[str]) -> None:
    assert len(classify(texts, None)) == len(texts)
