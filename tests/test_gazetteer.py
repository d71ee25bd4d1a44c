"""Coordinates for a city and country, offline."""
from __future__ import annotations

import subprocess
import sys

import pytest

from geo.arcs import distance_km
from geo.gazetteer import Place, fill_message, find_city
from partnerships.settings import ROOT


@pytest.mark.parametrize(
    ("city", "code", "name", "lat", "lon"),
    [("Flensburg", "DE", "Flensburg", 54.7833, 9.4333), ("Flensborg", "DE", "Flensburg", 54.7833, 9.4333),
     ("København", "DK", "Copenhagen", 55.6761, 12.5683), ("Copenhagen", "DK", "Copenhagen", 55.6761, 12.5683),
     ("kobenhavn", "DK", "Copenhagen", 55.6761, 12.5683), ("Sonderborg", "DK", "Sønderborg", 54.9138, 9.7922),
     ("Baoding", "CN", "Baoding", 38.874, 115.4646), ("Aabenraa", "DK", "Aabenraa", 55.0443, 9.4174),
     ("Åbenrå", "DK", "Aabenraa", 55.0443, 9.4174), ("New York", "US", "New York City", 40.7128, -74.006),
     (" Flensburg ", "DE", "Flensburg", 54.7833, 9.4333), ("Augustenborg", "DK", "Augustenborg", 54.9513, 9.8728)],
)
def test_finds_the_city_whatever_the_spelling(city, code, name, lat, lon):
    place = find_city(city, code)
    assert (place.name, place.country_code) == (name, code)
    assert distance_km(place.lat, place.lon, lat, lon) < 5


@pytest.mark.parametrize(
    ("city", "code"), [("Narnia", "DK"), ("Flensburg", "DK"), ("Baoding", "DE"), ("", "DK"), ("Baoding", "ZZ")]
)
def test_no_place_of_that_name_in_that_country(city, code):
    assert find_city(city, code) is None


@pytest.mark.parametrize(
    ("city", "code", "name"),
    [("Frisco", "US", "Frisco"),  # a main name beats San Francisco's nickname
     ("Baoding", "CN", "Baoding"),  # two Baodings: the city of millions
     ("Frankfurt", "DE", "Frankfurt am Main"),  # the bigger of the two Frankfurts
     ("Newcastle", "GB", "Newcastle upon Tyne")],  # a city before a small town's own name
)
def test_among_namesakes_a_main_name_then_the_biggest(city, code, name):
    assert find_city(city, code).name == name


def test_fill_message_says_what_was_used():
    place = Place("Flensburg", "DE", 54.78333, 9.43333, 85838, 2926271)
    assert fill_message(place) == "filled from GeoNames: Flensburg, DE (54.7833, 9.4333)"


def test_importing_reads_no_data():
    code = "import geo.gazetteer as g; print(g._cities_by_country.cache_info().currsize)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0"
