"""Where the basemap names each country, from which zoom, and by what name in each language.

The points are facts computed once from the basemap's own shapes (data/countries.geojson) and
committed as data/country_labels.tsv (see data/SOURCE.md): for each country, the pole of
inaccessibility of its largest polygon, the point farthest inside it, found on the Web
Mercator plane the map is drawn on. That distance, the radius of the largest circle inside the
polygon, says from which zoom a name fits: from the zoom at which the circle is LABEL_RADIUS_PX
pixels wide, so at the world view only the largest countries are named. The file lists them
largest first, the order in which a crowded view keeps them.

The names come from pycountry at run time (geo/countries.py), short where ISO's are long or
inverted (`Russian Federation`, `Korea, Republikken`): the names people and atlases use.
Shapes without an ISO code are named when geo/countries.py reads their basemap name (Kosovo);
the others (Somaliland, N. Cyprus, Siachen Glacier, Indian Ocean Ter.) get no label.

Rebuild: python -m geo.labels geo/data/countries.geojson geo/data/country_labels.tsv
"""
from __future__ import annotations

import csv
import json
import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

from geo.countries import country_by_code, resolve_country

LABELS_FILE = Path(__file__).resolve().parent / "data" / "country_labels.tsv"
HEADER = ("iso_a2", "lon", "lat", "min_zoom", "feature")
TILE_PX = 256  # the world's width in pixels at zoom 0 (Leaflet's Web Mercator)
MAX_LATITUDE = 85.0511287798  # where Web Mercator ends, as in Leaflet
LABEL_RADIUS_PX = 12  # a name shows from the zoom at which its country's inner circle is this wide
MIN_ZOOM, MAX_ZOOM = 0.0, 12.0
DECIMALS = 3  # the basemap's own grid (about 100 m)

# Short names where ISO's are long, official or inverted (`Russian Federation`), by language:
# facts of usage, as atlases write them (data/short_names.tsv); the rest is pycountry's.
SHORT_NAMES_FILE = LABELS_FILE.with_name("short_names.tsv")


@lru_cache(maxsize=1)
def short_names() -> dict[tuple[str, str], str]:
    """(language, ISO code) → the name atlases use."""
    with SHORT_NAMES_FILE.open(encoding="utf-8", newline="") as source:
        return {(row["language"], row["iso_a2"]): row["name"]
                for row in csv.DictReader(source, delimiter="\t", quoting=csv.QUOTE_NONE)}


@dataclass(frozen=True)
class CountryLabel:
    code: str  # ISO 3166-1 alpha-2 (XK for Kosovo)
    lon: float
    lat: float
    min_zoom: float  # the map's zoom from which the name is shown

    def name(self, language: str) -> str:
        return label_name(self.code, language)


def label_name(code: str, language: str) -> str:
    """A country's name on the map in `language` (ISO 639-1)."""
    country = country_by_code(code)
    if country is None:
        raise ValueError(f"no country with the code {code!r}")
    return short_names().get((language, code)) or country.name_in(language)


@lru_cache(maxsize=1)
def country_labels(path: Path = LABELS_FILE) -> tuple[CountryLabel, ...]:
    """Every label in the file's order (largest country first), with its names."""
    with path.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source, delimiter="\t", quoting=csv.QUOTE_NONE))
    labels = tuple(CountryLabel(row["iso_a2"], float(row["lon"]), float(row["lat"]), float(row["min_zoom"]))
                   for row in rows)
    for label in labels:
        label_name(label.code, "en")  # every code a country: a wrong file fails here, not on the map
    return labels


# --- Building the file from the shapes ---------------------------------------------------------

def to_mercator(lon, lat):
    """Lon/lat (arrays) → Web Mercator x, y in world widths (0 to 1), y down, as Leaflet projects."""
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_LATITUDE, MAX_LATITUDE)
    y = (1 - np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) / np.pi) / 2
    return (np.asarray(lon, dtype=float) + 180) / 360, y


def from_mercator(x: float, y: float) -> tuple[float, float]:
    return x * 360 - 180, math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y))) - math.pi / 2)


def min_zoom(radius: float) -> float:
    """The zoom (one decimal, rounded up) at which a circle of `radius` world widths is
    LABEL_RADIUS_PX pixels wide."""
    if radius <= 0:
        return MAX_ZOOM
    zoom = math.log2(LABEL_RADIUS_PX / (radius * TILE_PX))
    return min(max(math.ceil(zoom * 10 - 1e-9) / 10, MIN_ZOOM), MAX_ZOOM)


def _polygons(geom) -> list:
    """The polygons of a shape, made valid."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    return [part for part in shapely.get_parts(geom) if part.geom_type == "Polygon" and not part.is_empty]


def _feature_code(properties: dict) -> str | None:
    if properties.get("iso_a2"):
        return properties["iso_a2"]
    country = resolve_country(properties.get("name") or "")
    return country.code if country else None


def build_rows(world: dict) -> list[tuple[str, str, str, str, str]]:
    """One row per country code: the label point of its largest polygon, largest first."""
    best: dict[str, tuple[float, object, str]] = {}  # code → (area, Mercator polygon, feature name)
    for feature in world["features"]:
        code = _feature_code(feature["properties"])
        if code is None:
            continue
        for polygon in _polygons(shape(feature["geometry"])):
            # Clamped at Mercator's edge, Antarctica's ring folds onto itself: keep its largest part.
            flat = max(_polygons(shapely.transform(polygon, lambda xy: np.column_stack(to_mercator(*xy.T)))),
                       key=lambda part: part.area, default=None)
            if flat is None:  # wholly past Mercator's edge
                continue
            if code not in best or flat.area > best[code][0]:
                best[code] = (flat.area, flat, feature["properties"]["name"])
    rows = []
    for code, (_area, flat, name) in best.items():
        point = polylabel(flat, tolerance=math.sqrt(flat.area) / 1000)
        radius = flat.boundary.distance(point)
        lon, lat = from_mercator(point.x, point.y)
        rows.append((radius, code, lon, lat, name))
    rows.sort(key=lambda row: (-row[0], row[1]))
    return [(code, f"{lon:.{DECIMALS}f}", f"{lat:.{DECIMALS}f}", f"{min_zoom(radius):.1f}", name)
            for radius, code, lon, lat, name in rows]


def main(countries: str, out: str) -> None:
    world = json.loads(Path(countries).read_text(encoding="utf-8"))
    with open(out, "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(build_rows(world))


if __name__ == "__main__":
    main(*sys.argv[1:3])
