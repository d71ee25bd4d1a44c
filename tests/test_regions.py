"""First-level regions by the names people write them: English, local, postal codes."""
from __future__ import annotations

import pytest

from geo.regions import REGIONS_FILE, region_name, regions_named


@pytest.mark.parametrize(("text", "code", "name"), [
    ("Bavaria", "DE", "Bayern"), ("Bayern", "DE", "Bayern"), ("BAYERN", "de", "Bayern"),
    ("Saxony-Anhalt", "DE", "Sachsen-Anhalt"), ("North Rhine-Westphalia", "DE", "Nordrhein-Westfalen"),
    ("Illinois", "US", "Illinois"), ("IL", "US", "Illinois"), ("D.C.", "US", "District of Columbia"),
    ("Ontario", "CA", "Ontario"), ("NSW", "AU", "New South Wales"),
    ("Madrid", "ES", "Comunidad de Madrid"), ("Castile and León", "ES", "Castilla y León"),
    ("Wales", "GB", "Wales"), ("Cymru", "GB", "Wales"), ("South Denmark", "DK", "Syddanmark"),
    ("Region Syddanmark", "DK", "Syddanmark"), ("Sermersooq", "GL", "Kommuneqarfik Sermersooq"),
    ("Skåne", "SE", "Skåne län"), ("Masovian Voivodeship", "PL", "Mazowieckie"),
])
def test_regions_by_english_and_local_names(text, code, name):
    assert [region.name for region in regions_named(text, code)] == [name]


@pytest.mark.parametrize(("text", "code"), [
    ("Bavaria", "AT"), ("Haute-Marne", "FR"), ("BY", "DE"), ("", "DE"), ("Narnia", "US"),
])
def test_not_a_first_level_region_of_that_country(text, code):
    assert regions_named(text, code) == ()


def test_region_names_for_messages():
    assert (region_name("US", "IL"), region_name("DE", "02"), region_name("DE", "99")) == ("Illinois", "Bayern", "")


def test_the_regions_file_names_its_columns():
    assert REGIONS_FILE.read_text(encoding="utf-8").splitlines()[0].split("\t") == [
        "country", "admin1", "iso", "name", "other_names"]
