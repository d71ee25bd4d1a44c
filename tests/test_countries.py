"""Countries by any name staff write."""
from __future__ import annotations

import pytest

from geo.countries import resolve_country


@pytest.mark.parametrize(
    ("text", "code"),
    [("Germany", "DE"), ("Tyskland", "DE"), ("DE", "DE"), ("deu", "DE"), (" germany ", "DE"),
     ("Kina", "CN"), ("China", "CN"), ("USA", "US"), ("United States", "US"), ("Danmark", "DK"),
     ("UK", "GB"), ("Storbritannien", "GB"), ("Sverige", "SE")],
)
def test_english_danish_and_iso_names(text, code):
    assert resolve_country(text).code == code


def test_unknown_country_is_none():
    assert resolve_country("Narnia") is None


def test_names_in_both_languages():
    germany = resolve_country("DE")
    assert (germany.name, germany.name_da) == ("Germany", "Tyskland")
