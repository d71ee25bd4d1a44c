"""The picture's basemap: the countries the map draws (geo/data/countries.geojson, Natural Earth)
on the plane the map is drawn on, in the map's colours, with the names the map shows at the
same scale.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D

from geo import COUNTRIES_FILE
from geo.labels import CountryLabel, country_labels, to_mercator
from partnermap.picture_layout import Extent
from partnerships import style

BORDER_WIDTH = 0.4  # points


def _rings(geometry: dict) -> list[list]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


@lru_cache(maxsize=1)
def country_paths() -> tuple[tuple[MplPath, tuple[float, float, float, float]], ...]:
    """Each country as one path (its polygons and holes) in world widths, y down, with its
    bounds: projected once per process."""
    world = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    paths = []
    for feature in world["features"]:
        rings = []
        for ring in _rings(feature["geometry"]):
            lonlat = np.asarray(ring, dtype=float)
            x, y = to_mercator(lonlat[:, 0], lonlat[:, 1])
            rings.append(MplPath(np.column_stack([x, y]), closed=True))
        path = MplPath.make_compound_path(*rings)
        x0, y0 = path.vertices.min(axis=0)
        x1, y1 = path.vertices.max(axis=0)
        paths.append((path, (x0, y0, x1, y1)))
    return tuple(paths)


def world_copies(extent: Extent) -> range:
    """The whole-turn shifts of the world an extent reaches (it may pass the antimeridian)."""
    return range(math.floor(extent[0]), math.floor(extent[1]) + 1)


def draw_countries(ax, extent: Extent) -> None:
    """The land of every country in view, borders between them, over the ocean."""
    ax.set_facecolor(style.OCEAN)
    for shift in world_copies(extent):
        seen = [path for path, (x0, y0, x1, y1) in country_paths()
                if x1 + shift >= extent[0] and x0 + shift <= extent[1] and y1 >= extent[2] and y0 <= extent[3]]
        collection = PathCollection(seen, facecolors=style.LAND, edgecolors=style.BORDER, linewidths=BORDER_WIDTH,
                                    transform=Affine2D().translate(shift, 0) + ax.transData, zorder=1)
        ax.add_collection(collection, autolim=False)


def labels_in_view(extent: Extent, zoom: float) -> list[tuple[CountryLabel, float, float]]:
    """The country labels the map shows at `zoom` whose point lies in the extent (any copy of
    the world), largest country first: (label, x, y) in world widths."""
    found = []
    for label in country_labels():
        if label.min_zoom > zoom:
            continue
        x, y = (float(v) for v in to_mercator(label.lon, label.lat))
        for shift in world_copies(extent):
            if extent[0] <= x + shift <= extent[1] and extent[2] <= y <= extent[3]:
                found.append((label, x + shift, y))
    return found
