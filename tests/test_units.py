"""Second-level units by the names lists write them, each with a point."""
from __future__ import annotations

import pytest

from geo.arcs import distance_km
from geo.units import UNITS_FILE, units_named


@pytest.mark.parametrize(("text", "code", "admin1", "name", "lat", "lon"), [
    ("Bærum kommune", "NO", "01", "Bærum", 59.89, 10.52),  # Sandvika, its seat
    ("Baerum", "NO", "01", "Bærum", 59.89, 10.52),
    ("Shinagawa-ku", "JP", "40", "Shinagawa-ku", 35.609, 139.730),
    ("Shinagawa", "JP", "40", "Shinagawa-ku", 35.609, 139.730),
    ("Lunds kommun", "SE", "27", "Lunds Kommun", 55.705, 13.191),
    ("Lund Municipality", "SE", "27", "Lunds Kommun", 55.705, 13.191),
    ("Gangnam-gu", "KR", "11", "Gangnam-gu", 37.517, 127.047),  # placed at Seoul, 10 km away
    ("North Tyneside", "GB", "ENG", "North Tyneside", 55.01, -1.45),
])
def test_units_by_their_names_with_a_point_in_them(text, code, admin1, name, lat, lon):
    (unit,) = [u for u in units_named(text, code) if u.admin1 == admin1]
    assert unit.name == name and distance_km(unit.lat, unit.lon, lat, lon) < 15


def test_every_montgomery_county_and_its_state():
    found = {u.admin1: u for u in units_named("Montgomery County", "US")}
    assert len(found) == 18 and found["MD"].region == "Maryland"
    assert distance_km(found["MD"].lat, found["MD"].lon, 39.084, -77.153) < 30  # Rockville, its seat


def test_a_ward_with_no_town_says_it_is_placed_at_its_city():
    (ward,) = units_named("Mapo-gu", "KR")
    assert ward.in_city and ward.town == "Seoul"


@pytest.mark.parametrize(("text", "code"), [("Narnia County", "US"), ("Bærum", "SE"), ("", "NO")])
def test_no_such_unit(text, code):
    assert units_named(text, code) == ()


def test_the_units_file_names_its_columns():
    assert UNITS_FILE.read_text(encoding="utf-8").partition("\n")[0].split("\t") == [
        "country", "admin1", "name", "other_names", "lat", "lon", "population", "town", "in_city"]
