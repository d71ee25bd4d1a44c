"""Searching and showing the partners table."""
from __future__ import annotations

import pytest

from partnerships.loading import load_partners
from partnerships.table import display_table, search
from tests.conftest import SHIPPED_CSV


@pytest.fixture(scope="module")
def shipped():
    return load_partners(SHIPPED_CSV)


@pytest.mark.parametrize(("query", "ids"), [
    ("", None),
    ("baoding", {"baoding", "wwf"}),  # WWF's description names Baoding
    ("Kina", {"baoding", "haiyan", "wwf"}),  # the Danish country name, and WWF's Danish description
    ("ÅBENRÅ", {"aabenraa", "klimapakt-flensburg"}),
    ("new york", {"clinton-climate-positive"}),
    ("grænsetrekanten", {"aabenraa", "klimapakt-flensburg"}),
    ("no such partner", set()),
])
def test_search_covers_name_city_country_and_description_in_both_languages(shipped, query, ids):
    found = search(shipped.partners, query)
    assert set(found["id"]) == (ids if ids is not None else set(shipped.partners["id"]))


def test_display_table_in_danish(shipped):
    table = display_table(shipped.partners, shipped.vocabulary, "da")
    assert list(table.columns) == ["Navn", "Type", "By", "Land", "År", "Link"]
    assert table.loc["baoding"].tolist()[:5] == ["Baoding", "Venskabsby", "Baoding", "Kina", "siden 2010 · bekræftet til 2014"]
    assert table.loc["klimapakt-flensburg", "By"] == "Flensborg"
    assert table.loc["baoding", "Link"] == ""  # blank, never "None"
    assert table.loc["klimapakt-flensburg", "Link"] == "https://www.klimapakt-flensburg.de"
    assert list(table["Navn"]) == sorted(table["Navn"], key=str.casefold)
