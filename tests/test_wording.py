"""How a partnership reads: its years and milestones, the same on every page."""
from __future__ import annotations

import pandas as pd
import pytest

from partnerships.wording import localised, localised_value, milestone_entries, years_text


@pytest.mark.parametrize(("start", "end", "lang", "text"), [
    (2010, None, "en", "since 2010"),
    (2010, pd.NA, "da", "siden 2010"),
    (2007, 2015, "en", "2007–2015"),
    (2012, 2012, "da", "2012"),
    (pd.NA, pd.NA, "en", "start year unknown"),
    (None, 2015, "da", "startår ukendt (–2015)"),
])
def test_years_text(start, end, lang, text):
    assert years_text(start, end, lang) == text


@pytest.mark.parametrize(("cell", "entries"), [
    ("2010-10: Agreement signed | 2011-12: Friendship city", ["2010-10: Agreement signed", "2011-12: Friendship city"]),
    (" | 2011: One |", ["2011: One"]),
    ("", []),
    (None, []),
    (float("nan"), []),
    (pd.NA, []),
])
def test_milestone_entries(cell, entries):
    assert milestone_entries(cell) == entries


def test_danish_columns_are_used_in_danish_where_filled():
    partners = pd.DataFrame({"name": ["City of Baoding", "WWF"], "name_da": ["Baoding", ""],
                             "city": ["Copenhagen", "Baoding"]})
    assert list(localised(partners, "name", "da")) == ["Baoding", "WWF"]
    assert list(localised(partners, "name", "en")) == ["City of Baoding", "WWF"]
    assert list(localised(partners, "city", "da")) == ["Copenhagen", "Baoding"]  # no city_da column: English
    assert localised_value(partners.iloc[0], "name", "da") == "Baoding"
    assert localised_value(partners.iloc[1], "name", "da") == "WWF"
