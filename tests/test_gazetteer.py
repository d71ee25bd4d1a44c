"""Which place a city name means, offline: as written, as lists write it, and among namesakes."""
from __future__ import annotations

import subprocess
import sys

import pytest

from geo.arcs import distance_km
from geo.gazetteer import Place, candidates, find_city, locate
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
    ("city", "code"), [("Narnia", "DK"), ("Flensburg", "DK"), ("Baoding", "DE"), ("", "DK"), ("Baoding", "ZZ"),
                       ("Bærum kommune", "NO")],  # a Norwegian municipality that is no town in GeoNames
)
def test_no_place_of_that_name_in_that_country(city, code):
    assert find_city(city, code) is None


@pytest.mark.parametrize(
    ("city", "code", "name"),
    [("Frisco", "US", "Frisco"),  # a main name beats San Francisco's nickname…
     ("Halle", "DE", "Halle (Saale)"),  # …unless the other is over ten times bigger
     ("Newcastle", "GB", "Newcastle upon Tyne"),
     ("Baoding", "CN", "Baoding"),  # two Baodings: the city of millions
     ("Frankfurt", "DE", "Frankfurt am Main")],  # the bigger of the two Frankfurts
)
def test_among_namesakes_a_main_name_then_the_biggest(city, code, name):
    assert find_city(city, code).name == name


# city as written, country, the region column → the place's name and region, how it was read
READINGS = [
    ("Peoria, Illinois", "US", "", "Peoria", "Illinois"),
    ("Peoria (Illinois)", "US", "", "Peoria", "Illinois"),
    ("Peoria, IL", "US", "", "Peoria", "Illinois"),
    ("Peoria", "US", "Illinois", "Peoria", "Illinois"),
    ("Peoria", "US", "arizona", "Peoria", "Arizona"),
    ("Springfield, Illinois, USA", "US", "", "Springfield", "Illinois"),
    ("Portsmouth, New Hampshire", "US", "", "Portsmouth", "New Hampshire"),
    ("Halle (Saale)", "DE", "", "Halle (Saale)", "Sachsen-Anhalt"),
    ("Halle (Westf.)", "DE", "", "Halle", "Nordrhein-Westfalen"),
    ("Halle", "DE", "Nordrhein-Westfalen", "Halle", "Nordrhein-Westfalen"),
    ("Halle, North Rhine-Westphalia", "DE", "", "Halle", "Nordrhein-Westfalen"),
    ("Frankfurt (Oder)", "DE", "", "Frankfurt (Oder)", "Brandenburg"),
    ("Salamanca, Castilla y León", "ES", "", "Salamanca", "Castilla y León"),
    ("Salamanca", "ES", "Castile and León", "Salamanca", "Castilla y León"),
    ("Forchheim", "DE", "Bavaria", "Forchheim", "Bayern"),
    ("Forchheim", "DE", "Bayern", "Forchheim", "Bayern"),
    ("Forchheim (district)", "DE", "", "Forchheim", "Bayern"),
    ("Landkreis Forchheim", "DE", "", "Forchheim", "Bayern"),
    ("Odense Kommune", "DK", "", "Odense", "Syddanmark"),
    ("Odense Municipality", "DK", "", "Odense", "Syddanmark"),
    ("City of Baoding", "CN", "", "Baoding", "Hebei Sheng"),
    ("Mokotów (Warsaw)", "PL", "", "Mokotów", "Mazowieckie"),
    ("Kadıköy (Istanbul)", "TR", "", "Kadıköy", "İstanbul"),
    ("Newport", "GB", "Wales", "Newport", "Wales"),
    ("Washington, D.C.", "US", "", "Washington", "District of Columbia"),
]


@pytest.mark.parametrize(("city", "code", "region", "name", "region_name"), READINGS)
def test_names_as_lists_write_them(city, code, region, name, region_name):
    location = locate(city, code, region)
    assert (location.place.name, location.place.region) == (name, region_name)
    assert not location.ambiguous and not location.ignored


@pytest.mark.parametrize(
    ("city", "code", "chosen", "rivals"),
    [("Peoria", "US", "Arizona", {"Illinois"}),
     ("Springfield", "US", "Missouri", {"Massachusetts", "Illinois", "Oregon", "Ohio"}),
     ("Portsmouth", "US", "Virginia", {"New Hampshire", "Ohio"}),
     ("Pasadena", "US", "Texas", {"California"}),
     ("Wilmington", "US", "North Carolina", {"Delaware", "California"}),
     ("Salamanca", "ES", "Comunidad de Madrid", {"Castilla y León"}),  # a Madrid district as big as the city
     ("Joinville", "FR", "Grand-Est", {"Île-de-France"}),  # and Joinville-le-Pont
     ("Richmond", "GB", "England", {"England"})],  # two in one region: only lat/lon tell them apart
)
def test_namesakes_of_comparable_size_make_a_name_ambiguous(city, code, chosen, rivals):
    location = locate(city, code)
    assert location.ambiguous
    assert location.place.region == chosen and {p.region for p in location.rivals} == rivals
    assert location.fits[0] == location.place and set(location.rivals) <= set(location.fits)


@pytest.mark.parametrize(("city", "code"), [("Halle", "DE"), ("Frankfurt", "DE"), ("Newcastle", "GB"),
                                            ("Portsmouth", "GB"), ("Kiel", "DE"), ("Baoding", "CN")])
def test_a_much_bigger_namesake_is_no_ambiguity(city, code):
    location = locate(city, code)
    assert not location.ambiguous and len(location.fits) >= 1


def test_a_region_the_name_is_not_in_finds_nothing_and_says_where_it_is():
    location = locate("Peoria, Texas", "US")
    assert location.place is None
    assert [r.name for r in location.regions] == ["Texas"]
    assert {p.region for p in location.elsewhere} == {"Arizona", "Illinois"}


def test_a_qualifier_that_is_no_region_is_reported_and_the_name_still_placed():
    location = locate("Joinville, Haute-Marne", "FR")  # a département: second level, not in the regions
    assert location.place.name == "Joinville" and location.ignored == ("Haute-Marne",)


def test_an_unknown_region_column_is_reported():
    location = locate("Peoria", "US", "Narnia")
    assert location.ignored == ("Narnia",) and location.ambiguous


@pytest.mark.parametrize(("city", "code", "region", "town"),
                         [("Sermersooq", "GL", "Kommuneqarfik Sermersooq", "Nuuk"),
                          ("Kommuneqarfik Sermersooq", "GL", "Kommuneqarfik Sermersooq", "Nuuk"),
                          ("Kommune Kujalleq", "GL", "Kommune Kujalleq", "Qaqortoq")])
def test_a_region_given_as_a_city_is_placed_at_its_largest_town_and_said(city, code, region, town):
    location = locate(city, code)
    assert location.region_only.name == region and location.place.name == town


def test_a_borough_not_in_the_gazetteer_is_placed_at_the_town_in_parentheses():
    location = locate("Narniaville (Warsaw)", "PL")
    assert location.place.name == "Warsaw" and location.read_as == "Warsaw"


def test_candidates_for_a_picker_have_regions_and_coordinates():
    found = candidates("Peoria", "US")
    assert [(p.name, p.region) for p in found] == [("Peoria", "Arizona"), ("Peoria", "Illinois")]
    assert all(isinstance(p, Place) and p.lat and p.lon for p in found)
    assert [p.region for p in candidates("Peoria", "US", "Illinois")] == ["Illinois"]
    assert {p.region for p in candidates("Peoria", "US", "Texas")} == {"Arizona", "Illinois"}
    assert candidates("Narnia", "US") == ()


def test_importing_reads_no_data():
    code = "import geo.gazetteer, geo.places as p; print(p.is_loaded())"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_town_in_parentheses_far_from_every_namesake_is_reported():
    location = locate("Forchheim (Kiel)", "DE")  # no Forchheim near Kiel (Hamburg would be a Land)
    assert location.place.name == "Forchheim" and location.ignored == ("Kiel",)
