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
                       ("Harpers Ferry", "US"),  # GeoNames' old name of Athens, Ohio: not taken for it
                       ("Beaver Creek", "US")],  # another name of Beavercreek, Ohio, spelled as another place
)
def test_no_place_of_that_name_in_that_country(city, code):
    assert find_city(city, code) is None


@pytest.mark.parametrize(
    ("city", "code", "name"),
    [("Frisco", "US", "Frisco"),  # a main name beats San Francisco's nickname…
     ("Halle", "DE", "Halle (Saale)"),  # …and Halle is Halle (Saale)'s own name, shortened
     ("Newcastle", "GB", "Newcastle upon Tyne"),
     ("Baoding", "CN", "Baoding"),  # two Baodings: the city of millions
     ("Frankfurt", "DE", "Frankfurt am Main")],  # the bigger of the two Frankfurts
)
def test_among_namesakes_an_own_name_then_the_biggest(city, code, name):
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
     ("Springfield", "US", "Missouri", {"Massachusetts", "Illinois", "Oregon", "Ohio", "Virginia", "Pennsylvania",
                                        "Tennessee", "New Jersey", "Florida"}),
     ("Portsmouth", "US", "Virginia", {"New Hampshire", "Ohio", "Rhode Island"}),
     ("Pasadena", "US", "Texas", {"California", "Maryland"}),
     ("Wilmington", "US", "North Carolina", {"Delaware", "California", "Massachusetts", "Ohio"}),
     ("Portland", "US", "Oregon", {"Maine"}),
     ("Lexington", "US", "Kentucky", {"Massachusetts", "South Carolina", "North Carolina"}),
     ("Salamanca", "ES", "Comunidad de Madrid", {"Castilla y León"}),  # a Madrid district as big as the city
     ("Halle", "DE", "Sachsen-Anhalt", {"Nordrhein-Westfalen"}),  # Halle (Westf.) has 1/11 of Halle (Saale)
     ("Frankfurt", "DE", "Hessen", {"Brandenburg"}),  # Frankfurt (Oder), 57,000 people
     ("Richmond", "GB", "England", {"England"})],  # two in one region: only lat/lon tell them apart
)
def test_namesakes_of_comparable_size_make_a_name_ambiguous(city, code, chosen, rivals):
    """Another place of the name with 1/20 of the chosen one's population, or 50,000 people."""
    location = locate(city, code)
    assert location.ambiguous
    assert location.place.region == chosen and {p.region for p in location.rivals} == rivals
    assert location.fits[0] == location.place and set(location.rivals) <= set(location.fits)


@pytest.mark.parametrize(("city", "code"), [("Newcastle", "GB"), ("Portsmouth", "GB"), ("Kiel", "DE"),
                                            ("Baoding", "CN"), ("Hitachiōta", "JP")])
def test_a_much_bigger_namesake_is_no_ambiguity(city, code):
    location = locate(city, code)
    assert not location.ambiguous and len(location.fits) >= 1


@pytest.mark.parametrize(("city", "code", "region", "name"), [
    ("Waterloo", "US", "Iowa", "Waterloo"),  # not Austin, Texas, which GeoNames also calls so
    ("Crescent City", "US", "California", "Crescent City"),  # not New Orleans' nickname
    ("Hudson", "US", "Ohio", "Hudson"),  # not Jersey City
    ("Frisco", "US", "", "Frisco"),  # not San Francisco
    ("Joinville", "FR", "", "Joinville"),  # not Joinville-le-Pont, which GeoNames also calls so
    ("Saint-Étienne", "FR", "", "Saint-Étienne"),  # not Saint-Étienne-du-Rouvray
])
def test_a_places_own_name_beats_another_places_alternate_name(city, code, region, name):
    location = locate(city, code, region)
    assert location.place.name == name and not location.other_name


@pytest.mark.parametrize(("city", "code", "name"), [
    ("Göteborg", "SE", "Gothenburg"), ("København", "DK", "Copenhagen"), ("Slesvig", "DE", "Schleswig"),
    ("Prishtina", "XK", "Pristina"), ("Halle (Westf.)", "DE", "Halle"),
])
def test_an_alternate_name_places_a_row_only_where_no_place_has_it_as_its_own_and_says_so(city, code, name):
    location = locate(city, code)
    assert location.place.name == name and (location.other_name or city == "Halle (Westf.)")


@pytest.mark.parametrize(("city", "code", "refused"), [("Harpers Ferry", "US", {"Athens"}),
                                                       ("Beaver Creek", "US", {"Beavercreek", "Brush"})])
def test_another_places_alternate_name_is_reported_not_taken(city, code, refused):
    location = locate(city, code)
    assert location.place is None and {p.name for p in location.refused} == refused


@pytest.mark.parametrize(("city", "code", "name"), [
    ("Hitachiōta", "JP", "Hitachi-ota"), ("Hitachiota", "JP", "Hitachi-ota"), ("Hitachi-Ohta", "JP", "Hitachi-ota"),
    ("Yamatotakada", "JP", "Yamato-Takada"), ("Yamato Takada", "JP", "Yamato-Takada"), ("Toukyou", "JP", "Tokyo"),
])
def test_romanised_spellings_fold_together(city, code, name):
    assert find_city(city, code).name == name


@pytest.mark.parametrize(("city", "code", "region", "unit", "region_name"), [
    ("Montgomery County, Maryland", "US", "", "Montgomery County", "Maryland"),
    ("Montgomery County", "US", "MD", "Montgomery County", "Maryland"),
    ("Bærum", "NO", "", "Bærum", "Akershus"), ("Bærum kommune", "NO", "", "Bærum", "Akershus"),
    ("Shinagawa, Tokyo", "JP", "", "Shinagawa-ku", "Tokyo"), ("Shinagawa-ku", "JP", "", "Shinagawa-ku", "Tokyo"),
    ("Lunds kommun", "SE", "", "Lunds Kommun", "Skåne län"), ("Gangnam-gu, Seoul", "KR", "", "Gangnam-gu", ""),
])
def test_a_county_municipality_or_ward_is_placed_at_its_point(city, code, region, unit, region_name):
    location = locate(city, code, region)
    assert location.unit.name == unit and not location.ambiguous
    assert location.place.region == region_name or not region_name


def test_x_county_is_never_the_town_x():
    location = locate("Montgomery County", "US")
    assert location.unit is not None and location.place.name == "Montgomery County" and location.ambiguous
    assert locate("Narnia County", "US").place is None and find_city("Narnia", "US") is None


@pytest.mark.parametrize(("city", "code", "region", "name", "country"), [
    ("Saint-Denis, Réunion", "FR", "", "Saint-Denis", "RE"), ("Saint-Denis", "FR", "Réunion", "Saint-Denis", "RE"),
    ("Pointe-à-Pitre (Guadeloupe)", "FR", "", "Pointe-à-Pitre", "GP"), ("Nuuk, Greenland", "DK", "", "Nuuk", "GL"),
    ("Saint-Denis", "FR", "", "Saint-Denis", "FR"),
])
def test_an_overseas_part_in_the_name_or_the_region_column(city, code, region, name, country):
    place = locate(city, code, region).place
    assert (place.name, place.country_code) == (name, country)


def test_a_region_the_name_is_not_in_finds_nothing_and_says_where_it_is():
    location = locate("Peoria, Texas", "US")
    assert location.place is None
    assert [r.name for r in location.regions] == ["Texas"]
    assert {p.region for p in location.elsewhere} == {"Arizona", "Illinois"}


def test_a_qualifier_that_is_no_region_is_reported_and_the_name_still_placed():
    location = locate("Kiel, Holstein", "DE")  # a historical land: no region, unit or town of today
    assert location.place.name == "Kiel" and location.ignored == ("Holstein",)


def test_a_qualifier_naming_a_county_or_departement_keeps_the_namesakes_near_it():
    location = locate("Joinville, Haute-Marne", "FR")  # not Joinville-le-Pont, near Paris
    assert (location.place.name, location.place.region, location.ignored) == ("Joinville", "Grand-Est", ())


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
