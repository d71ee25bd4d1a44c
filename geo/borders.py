"""Whether coordinates lie in the country a row states: typos, swapped lat/lon, lost signs.

The check uses the Natural Earth shapes the basemap draws (geo/data/countries.geojson), so a
warning agrees with what staff see. At 1:50m coastlines are generalised and Sønderborg itself
lies in a strait outside every shape, so a point only counts as outside when it is farther than
a tolerance from its country. The tolerance becomes degrees at the point's latitude, erring
wide: a point within it is never flagged, but one north or south of a country may pass at up
to 1/cos(latitude) times it (1.8 × in Copenhagen). Countries with no shape are never flagged.
A point the gazetteer placed itself is GeoNames' own place in that country; small islands
(Ogasawara, San Andrés, Kumejima) are missing from the 1:50m shapes, so such a point is
allowed OWN_PLACE_KM; one in an overseas part of the row's country (Nouméa in a French row)
is never flagged.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Sequence

import numpy as np
import shapely
from shapely.geometry import shape

from geo import COUNTRIES_FILE
from geo.arcs import EARTH_RADIUS_KM

KM_PER_DEGREE = np.pi * EARTH_RADIUS_KM / 180
OWN_PLACE_KM = 800  # how far from its country's shape one of the gazetteer's own places may lie
MAX_LATITUDE = 89.0  # where longitude degrees shrink to nothing, stop widening the tolerance

# Shapes the file gives no ISO code, and the codes a row in them may state.
_UNCODED_SHAPES = {
    "Somaliland": ("SO",),
    "N. Cyprus": ("CY",),
    "Kosovo": ("XK", "RS"),
    "Indian Ocean Ter.": ("AU", "CC", "CX"),
    "Siachen Glacier": ("IN", "PK"),
}
# Land one country holds in the file and another claims, as (claimant, holder, lon/lat box):
# a row may name either, so neither is warned about.
_HELD_LAND = (
    ("UA", "RU", (32.2, 44.2, 36.7, 46.3)),  # Crimea
    ("EH", "MA", (-17.2, 20.7, -8.6, 27.667)),  # Western Sahara west of the berm
)


class _Shapes:
    """Each country's prepared shape, made when first asked for: a file names a few countries,
    and making all of them takes a second. The file is read again only for a country not asked
    for before, and what it holds is not kept (as Python lists it would take 15 MB)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # Streamlit sessions are threads: make each shape once
        self._made: dict[str, shapely.Geometry] = {}
        self._codes: frozenset[str] | None = None  # every code the file has a shape for, once read

    def of(self, codes: Iterable[str] | None = None) -> dict[str, shapely.Geometry]:
        """ISO alpha-2 → the shape, for those of `codes` (default: every country) that have one."""
        codes = None if codes is None else set(codes)
        with self._lock:
            if self._codes is None or self._wanted(codes) - self._made.keys():
                self._read(codes)
            return {code: self._made[code] for code in self._wanted(codes)}

    def _wanted(self, codes: set[str] | None) -> frozenset[str] | set[str]:
        return self._codes if codes is None else codes & self._codes

    def _read(self, codes: set[str] | None) -> None:
        """Make the shapes of `codes` (None: of every country) not made yet."""
        todo = None if codes is None else codes - self._made.keys()
        holders = {holder for claimant, holder, _ in _HELD_LAND if todo is None or claimant in todo}
        parts: dict[str, list[shapely.Geometry]] = {}
        found: set[str] = set()
        for feature in json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))["features"]:
            properties = feature["properties"]
            codes_here = (properties["iso_a2"],) if properties["iso_a2"] else _UNCODED_SHAPES.get(properties["name"], ())
            found.update(codes_here)
            if todo is None or (todo | holders) & set(codes_here):
                geometry = shapely.make_valid(shape(feature["geometry"]))  # rounding left one self-intersection
                for code in codes_here:
                    parts.setdefault(code, []).append(geometry)
        todo = (found if todo is None else todo & found) - self._made.keys()
        for claimant, holder, box in _HELD_LAND:
            if claimant in todo:
                parts[claimant].append(shapely.clip_by_rect(shapely.union_all(parts[holder]), *box))
        for code in todo:
            self._made[code] = shapely.union_all(parts[code])
            shapely.prepare(self._made[code])
        self._codes = frozenset(found)


_SHAPES = _Shapes()


def country_shapes() -> dict[str, shapely.Geometry]:
    """ISO alpha-2 → the country's prepared shape, all its features in one, for every country."""
    return _SHAPES.of()


def _reach_degrees(lats: np.ndarray, tolerance_km: float) -> np.ndarray:
    """The tolerance in degrees, measured along the parallel nearest the pole it may reach."""
    along_meridian = tolerance_km / KM_PER_DEGREE
    poleward = np.minimum(np.abs(lats) + along_meridian, MAX_LATITUDE)
    return along_meridian / np.cos(np.radians(poleward))


def _far_from(country: shapely.Geometry, lats: np.ndarray, lons: np.ndarray, tolerance_km: float) -> np.ndarray:
    far = ~shapely.contains_xy(country, lons, lats)
    candidates = np.flatnonzero(far)
    reach = _reach_degrees(lats[candidates], tolerance_km)
    x, y = lons[candidates], lats[candidates]
    near = shapely.dwithin(country, shapely.points(x, y), reach)
    wraps = ~near & (np.abs(x) + reach > 180)  # shapes are cut at ±180°; look across the seam too
    across = shapely.points(x[wraps] - np.copysign(360, x[wraps]), y[wraps])
    near[wraps] = shapely.dwithin(country, across, reach[wraps])
    far[candidates[near]] = False
    return far


def outside_country(
    codes: Sequence[str], lats: Sequence[float], lons: Sequence[float], tolerance_km: float = 25
) -> np.ndarray:
    """True where a point is farther than tolerance_km from the shape of its stated country.

    Codes are ISO alpha-2. Unknown codes, countries without a shape and missing coordinates
    are never flagged: this only warns where it can be sure.
    """
    lats, lons = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    codes = np.array([code.strip().upper() if isinstance(code, str) else "" for code in codes], dtype=str)
    if not len(codes) == len(lats) == len(lons):
        raise ValueError(f"{len(codes)} codes, {len(lats)} latitudes and {len(lons)} longitudes")
    flagged = np.zeros(len(codes), dtype=bool)
    located = np.isfinite(lats) & np.isfinite(lons)
    order = np.argsort(codes, kind="stable")
    present, starts = np.unique(codes[order], return_index=True)
    shapes = _SHAPES.of(present)
    for code, rows in zip(present, np.split(order, starts[1:])):
        country = shapes.get(code)
        rows = rows[located[rows]]
        if country is not None and len(rows):
            flagged[rows] = _far_from(country, lats[rows], lons[rows], tolerance_km)
            placed = {row: _placed_by_gazetteer(code, lats[row], lons[row]) for row in rows[flagged[rows]]}
            flagged[[row for row, where in placed.items() if where and where != code]] = False  # in Réunion
            if own := [row for row, where in placed.items() if where == code]:
                flagged[own] = _far_from(country, lats[own], lons[own], max(tolerance_km, OWN_PLACE_KM))
    return flagged


def _placed_by_gazetteer(code: str, lat: float, lon: float) -> str | None:
    """The code under which the gazetteer has a place at the point: the row's own, or one of
    its overseas parts' (a French row placed in Réunion, which GeoNames files under RE); None
    where it has none. Only asked once the gazetteer is loaded: before, it placed nothing."""
    from geo import places
    from geo.countries import overseas_parts

    if not places.is_loaded():
        return None
    return next((part for part in (code, *overseas_parts(code)) if places.is_place(part, float(lat), float(lon))),
                None)


def country_at(lat: float, lon: float, tolerance_km: float = 25) -> str | None:
    """The ISO alpha-2 code of the country whose shape holds the point, else of the nearest one
    within tolerance_km (Sønderborg lies in a strait outside every 1:50m shape), else None."""
    point = shapely.Point(lon, lat)
    reach = float(_reach_degrees(np.array([lat]), tolerance_km)[0])
    distances = {code: shape.distance(point) for code, shape in country_shapes().items()
                 if shapely.dwithin(shape, point, reach)}
    return min(distances, key=distances.get) if distances else None
