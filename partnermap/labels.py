"""The country names the basemap shows (assets/labels.js), as one compact payload.

Every language travels at once, so a change of language on the page renames the labels with no
new base map: parallel arrays in the order the browser keeps them when they crowd (largest
country first, geo/labels.py), coordinates to the basemap's grid.
"""
from __future__ import annotations

from functools import lru_cache

from geo.labels import DECIMALS, LABEL_RADIUS_PX, country_labels
from partnerships.i18n import LANGUAGES


@lru_cache(maxsize=1)
def labels_payload() -> dict:
    """{lat, lon, zoom, radius, names: {lang: [...]}}: one entry per country, largest first;
    at its zoom, the circle inside a country is `radius` pixels (twice that a zoom closer)."""
    labels = country_labels()
    return {
        "lat": [round(label.lat, DECIMALS) for label in labels],
        "lon": [round(label.lon, DECIMALS) for label in labels],
        "zoom": [label.min_zoom for label in labels],
        "radius": LABEL_RADIUS_PX,
        "names": {lang: [label.name(lang) for label in labels] for lang in LANGUAGES},
    }
