"""What a view shows: by type, by year, active or begun, and what it adds up to."""
from __future__ import annotations

import pandas as pd
import pytest

from partnerships.filtering import (
    View, YearMode, count, default_year, filter_partners, partner_at, status_unknown, types_in_use, unknown_after,
    year_range,
)

ALL = ("Friendship city", "Climate network", "Cross-border cooperation")


@pytest.fixture
def partners() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["a", "b", "c", "d"],
        "name": ["A", "B", "C", "C"],
        "type": ["Friendship city", "Climate network", "Cross-border cooperation", "Climate network"],
        "country_code": ["CN", "US", "DE", "DK"],
        "lat": [38.9, 40.7, 54.8, 55.7],
        "lon": [115.5, -74.0, 9.4, 12.6],
        "start_year": pd.array([2010, 2012, 2007, 2013], dtype="Int64"),
        "end_year": pd.array([None, 2014, None, 2013], dtype="Int64"),
    })


@pytest.mark.parametrize(
    ("year", "mode", "types", "expected"),
    [
        (2006, YearMode.ACTIVE, ALL, []),
        (2011, YearMode.ACTIVE, ALL, ["a", "c"]),
        (2013, YearMode.ACTIVE, ALL, ["a", "b", "c", "d"]),
        (2014, YearMode.ACTIVE, ALL, ["a", "b", "c"]),  # the end year is still active
        (2015, YearMode.ACTIVE, ALL, ["a", "c"]),
        (2015, YearMode.BEGUN, ALL, ["a", "b", "c", "d"]),
        (2015, YearMode.BEGUN, ("Climate network",), ["b", "d"]),
        (2015, YearMode.BEGUN, (), []),
    ],
)
def test_filter_by_year_mode_and_type(partners, year, mode, types, expected):
    assert filter_partners(partners, View(types, year, mode))["id"].tolist() == expected


def test_counts_partnerships_countries_and_beginnings(partners):
    counts = count(filter_partners(partners, View(ALL, 2013, YearMode.ACTIVE)), 2013)
    assert (counts.partnerships, counts.countries, counts.begun_this_year) == (4, 4, 1)
    assert count(partners.iloc[0:0], 2013).partnerships == 0


def test_year_range_runs_from_the_first_start_to_the_latest(partners):
    assert year_range(partners, 2026) == (2007, 2026)


@pytest.mark.parametrize(("starts", "latest", "expected"), [
    ([None, None, None, None], 2026, (2025, 2026)),  # no year known: two years, so a slider can move
    ([2026, None, None, None], 2026, (2025, 2026)),
    ([2019, 2019, 2019, 2019], 2026, (2019, 2026)),
    ([2010, 2029, None, None], 2026, (2010, 2029)),  # a start planned ahead stays reachable
])
def test_year_range_holds_two_years_whatever_is_known(partners, starts, latest, expected):
    assert year_range(partners.assign(start_year=pd.array(starts, dtype="Int64")), latest) == expected
    assert year_range(partners.iloc[0:0], latest) == (latest - 1, latest)


def test_click_is_matched_by_name_and_nearest_position(partners):
    assert partner_at(partners, "C", 55.0, 9.5) == "c"
    assert partner_at(partners, "C", 55.6, 12.5) == "d"
    assert partner_at(partners, "Nobody", 0, 0) is None


@pytest.fixture
def confirmed(partners) -> pd.DataFrame:
    """a: confirmed until 2014, no end; b: ended 2014; c: no confirmation given; d: ended 2013."""
    return partners.assign(confirmed=pd.array([2014, 2013, None, 2013], dtype="Int64"))


@pytest.mark.parametrize(("year", "unknown"), [(2014, []), (2015, ["a"]), (2030, ["a"])])
def test_status_is_unknown_after_the_last_confirmed_year_unless_an_end_is_given(confirmed, year, unknown):
    assert list(confirmed[status_unknown(confirmed, year)]["id"]) == unknown


def test_unknown_status_is_a_part_of_what_is_counted_never_taken_from_it(confirmed):
    shown = filter_partners(confirmed, View(ALL, 2016))
    counts = count(shown, 2016)
    assert len(shown) == 2
    assert (counts.partnerships, counts.countries, counts.unknown, counts.unknown_countries) == (2, 2, 1, 1)
    assert counts.known == 1
    assert unknown_after(shown, 2016) == (2014, 2014)


def test_begun_by_counts_everything_that_began(confirmed):
    shown = filter_partners(confirmed, View(ALL, 2026, YearMode.BEGUN))
    assert count(shown, 2026).partnerships == len(confirmed)


def test_without_a_confirmed_column_nothing_is_unknown(partners):
    assert not status_unknown(partners, 2030).any()
    assert count(filter_partners(partners, View(ALL, 2030)), 2030).unknown == 0


@pytest.mark.parametrize(("starts", "years", "latest", "expected"), [
    ([2010, 2012, 2007, 2013], [2014, 2013, None, 2013], 2026, 2014),
    ([2010, 2012, 2007, 2013], [None, None, None, None], 2026, 2013),  # the latest start
    ([2010, 2012, 2015, 2013], [2014, 2013, None, 2013], 2026, 2015),  # a start after the last confirmation
    ([2010, 2012, 2007, 2013], [2030, None, None, None], 2026, 2026),  # never in the future
    ([None, None, None, None], [None, None, None, None], 2026, 2026),  # nothing known: this year
])
def test_the_first_view_opens_on_the_latest_year_something_is_known_for(partners, starts, years, latest, expected):
    dated = partners.assign(start_year=pd.array(starts, dtype="Int64"), confirmed=pd.array(years, dtype="Int64"))
    assert default_year(dated, latest) == expected


def test_a_click_on_a_danish_name_finds_its_partner(partners):
    named = partners.assign(name_da=["Å", "", "", ""])
    assert partner_at(named, "Å", 38.9, 115.5) == "a"


def test_an_unknown_start_year_is_shown_in_every_year_and_counted_apart(partners):
    undated = partners.assign(start_year=pd.array([None, 2012, 2007, 2013], dtype="Int64"))
    for year, mode in ((1950, YearMode.ACTIVE), (2026, YearMode.BEGUN)):
        assert "a" in set(filter_partners(undated, View(ALL, year, mode))["id"])
    counts = count(filter_partners(undated, View(ALL, 2011)), 2011)
    assert (counts.partnerships, counts.year_unknown, counts.known) == (2, 1, 1)


@pytest.mark.parametrize(("rows", "expected"), [
    (slice(None), ["Friendship city", "Climate network", "Cross-border cooperation"]),
    (slice(1, 2), ["Climate network"]),
    (slice(0, 0), list(ALL)),  # no partner yet: every type stays on offer
])
def test_the_types_in_use_keep_the_types_files_order(partners, rows, expected):
    assert types_in_use(partners.iloc[rows], list(ALL)) == expected


def test_the_known_years_are_found_once_and_answer_as_the_table_does(partners):
    from partnerships.filtering import KnownYears

    dated = partners.assign(confirmed=pd.array([2014, None, None, None], dtype="Int64"))
    known = KnownYears.of(dated)
    assert known == KnownYears(2007, 2013, 2014)
    assert year_range(known, 2026) == year_range(dated, 2026) and default_year(known, 2026) == default_year(dated, 2026)
    assert KnownYears.of(partners.iloc[0:0]) == KnownYears()
