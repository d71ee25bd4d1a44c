"""Place names taken apart as lists write them: qualifiers and words for a kind of unit."""
from __future__ import annotations

import pytest

from geo.names import is_area_name, is_unit_word, plain_names, split_qualifiers


@pytest.mark.parametrize(("text", "base", "qualifiers"), [
    ("Peoria, Illinois", "Peoria", ("Illinois",)),
    ("Halle (Saale)", "Halle", ("Saale",)),
    ("Mokotów (Warsaw)", "Mokotów", ("Warsaw",)),
    ("Springfield (Illinois), USA", "Springfield", ("Illinois", "USA")),
    ("Forchheim (district)", "Forchheim", ("district",)),
    ("Joinville, Haute-Marne", "Joinville", ("Haute-Marne",)),
    ("Sønderborg", "Sønderborg", ()),
    ("Odense ( ) ,", "Odense", ()),
])
def test_split_qualifiers(text, base, qualifiers):
    assert split_qualifiers(text) == (base, qualifiers)


@pytest.mark.parametrize(("text", "plain"), [
    ("Odense Kommune", ["odense"]), ("Odense Municipality", ["odense"]), ("Lund kommun", ["lund"]),
    ("Porvoo kunta", ["porvoo"]), ("Gemeinde Harrislee", ["harrislee"]), ("Landkreis Forchheim", ["forchheim"]),
    ("Kreis Plön", ["plon"]), ("City of Baoding", ["baoding"]), ("Haiyan County", ["haiyan"]),
    ("St Mary Parish", ["st mary"]), ("Viimsi vald", ["viimsi"]), ("Gmina Kłodzko", ["klodzko"]),
    ("Powiat Kłodzki", ["klodzki"]), ("Stadt Flensburg", ["flensburg"]), ("Hansestadt Rostock", ["rostock"]),
    ("Aarhus Municipal Council", ["aarhus"]), ("City of Westminster Council", ["westminster council", "westminster"]),
    ("Sønderborg", []), ("Kommune", []), ("", []),
])
def test_plain_names_without_unit_words(text, plain):
    assert plain_names(text) == plain


@pytest.mark.parametrize(("text", "unit"), [
    ("district", True), ("Landkreis", True), (" Kommune ", True), ("city", True), ("Municipal council", True),
    ("Saale", False), ("Oder", False), ("Warsaw", False), ("", False),
])
def test_unit_words(text, unit):
    assert is_unit_word(text) is unit


@pytest.mark.parametrize(("text", "area"), [
    ("Montgomery County", True), ("County of Kent", True), ("Yangpyeong-gun", True), ("Skåne län", True),
    ("Odense Kommune", False), ("Montgomery", False), ("County", False), ("Shinagawa-ku", False),
])
def test_area_names_are_never_their_towns(text, area):
    assert is_area_name(text) is area
