"""Where things go on a picture of the map: its extent, which partners crowd home, and where a
name may stand without covering another name or a marker.

Pure geometry on the plane the map is drawn on (Web Mercator in world widths, y down, as
geo/labels.py projects) and on the picture's page in points (1/72 inch), so it is tested with
small tables and no drawing.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from geo.labels import TILE_PX

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points, y down
Extent = tuple[float, float, float, float]  # x0, x1, y0, y1 in world widths, y down
POINTS_PER_PX = 0.75  # a CSS pixel is 1/96 inch: the map's zooms count pixels, the picture points
MIN_SPAN = 0.012  # the narrowest extent, world widths: about 480 km, a region around home
MAX_SPAN = 1.0  # the whole world's width


def fit_extent(xs: Sequence[float], ys: Sequence[float], aspect: float, pad: float = 0.08) -> Extent:
    """The smallest extent of the given aspect (width / height) holding every point, with a
    margin of `pad` of its size on each side, never narrower than MIN_SPAN."""
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    width = min(max(x1 - x0, MIN_SPAN) * (1 + 2 * pad), MAX_SPAN)  # the world once, at most, for the points
    height = max(y1 - y0, MIN_SPAN / aspect) * (1 + 2 * pad)
    width, height = max(width, height * aspect), max(height, width / aspect)  # the page's shape, may show copies
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    cy = min(max(cy, height / 2), 1 - height / 2) if height < 1 else 0.5  # not past the poles' edge
    return cx - width / 2, cx + width / 2, cy - height / 2, cy + height / 2


def zoom_for(extent: Extent, width_pt: float) -> float:
    """The map's zoom with the same scale: the zoom at which the world is as wide, in CSS
    pixels, as the picture draws it."""
    world_pt = width_pt / (extent[1] - extent[0])
    return math.log2(world_pt / POINTS_PER_PX / TILE_PX)


def nearest_copy(lon: np.ndarray, home_lon: float) -> np.ndarray:
    """Each longitude moved by whole turns to within half a turn of home's, where the shortest
    arc from home ends."""
    return home_lon + (np.asarray(lon, dtype=float) - home_lon + 180) % 360 - 180


def crowded_near_home(points: np.ndarray, home: tuple[float, float], near: float, apart: float,
                      most: int = 40) -> list[int]:
    """The indices of the points within `near` of home when any two of them, or one and home,
    are closer than `apart` (points on the page, in points): those an inset shows apart. None
    when nothing crowds, or more than `most` do (a picture of that many is a map of its own)."""
    if not len(points):
        return []
    distance = np.hypot(points[:, 0] - home[0], points[:, 1] - home[1])
    close = np.flatnonzero(distance <= near)
    if not len(close) or len(close) > most:
        return []
    group = np.vstack([np.asarray(home, dtype=float)[None, :], points[close]])
    gaps = np.hypot(*(group[:, None, :] - group[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    return close.tolist() if gaps.min() < apart else []


def spread(points: np.ndarray, fixed: tuple[float, float], apart: float, rounds: int = 40) -> np.ndarray:
    """The points moved just enough that no two of them, and none and the `fixed` point (home),
    stand closer than `apart`, each pushed along the line between them (an inset draws its
    crowd so, as inset.js does on screen). Points on top of each other part in turn."""
    moved = np.array(points, dtype=float).reshape(-1, 2)
    anchor = np.asarray(fixed, dtype=float)
    for _ in range(rounds):
        calm = True
        for i in range(len(moved)):
            for j in range(-1, len(moved)):
                if j == i:
                    continue
                other = anchor if j < 0 else moved[j]
                step = moved[i] - other
                gap = float(np.hypot(*step))
                if gap >= apart - 1e-6:
                    continue
                calm = False
                angle = 2 * np.pi * (i + 1) / (len(moved) + 1)
                way = step / gap if gap > 1e-9 else np.array([np.cos(angle), np.sin(angle)])
                push = apart - gap
                if j < 0:
                    moved[i] += way * push
                else:
                    moved[i] += way * push / 2
                    moved[j] -= way * push / 2
        if calm:
            break
    return moved


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class Occupied:
    """What already stands on the page, as boxes in a coarse grid, so that asking whether a box
    is free costs a few comparisons however many partners there are."""

    def __init__(self, bounds: Box, cell: float = 24.0):
        self.bounds, self.cell = bounds, cell
        self._cells: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        for i in range(int(box[0] // self.cell), int(box[2] // self.cell) + 1):
            for j in range(int(box[1] // self.cell), int(box[3] // self.cell) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self._cells[key].append(box)

    def inside(self, box: Box) -> bool:
        x0, y0, x1, y1 = self.bounds
        return box[0] >= x0 and box[1] >= y0 and box[2] <= x1 and box[3] <= y1

    def free(self, box: Box) -> bool:
        return self.inside(box) and not any(overlaps(box, other) for key in self._keys(box)
                                            for other in self._cells.get(key, ()))


# Where a name may stand beside its point, in the order tried: right, left, above, below, then
# the corners (cartographers' order of preference for a point's name).
SIDES = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1))


def beside(point: tuple[float, float], size: tuple[float, float], gap: float, side: tuple[int, int]) -> Box:
    """The box of a text of `size` (width, height) on `side` of a point, `gap` away."""
    (x, y), (w, h), (sx, sy) = point, size, side
    left = x + gap if sx > 0 else x - gap - w if sx < 0 else x - w / 2
    top = y - h / 2 if sy == 0 else y + gap if sy > 0 else y - gap - h
    return left, top, left + w, top + h


def distance_to_box(points: np.ndarray, box: Box) -> np.ndarray:
    dx = np.maximum.reduce([box[0] - points[:, 0], np.zeros(len(points)), points[:, 0] - box[2]])
    dy = np.maximum.reduce([box[1] - points[:, 1], np.zeros(len(points)), points[:, 1] - box[3]])
    return np.hypot(dx, dy)


def place_beside(occupied: Occupied, point: tuple[float, float], size: tuple[float, float],
                 gap: float, others: np.ndarray | None = None) -> Box | None:
    """The first free place for a name beside its point, taken; None when there is none. Close
    by first, then a little further out; never nearer to one of `others` (points) than to its
    own, so that a name is read as the name of its own marker."""
    for distance in (gap, gap + 5):
        for side in SIDES:
            box = beside(point, size, distance, side)
            if not occupied.free(box):
                continue
            if others is not None and len(others):
                own = distance_to_box(np.asarray([point], dtype=float), box)[0]
                if (distance_to_box(others, box) < own).any():
                    continue
            occupied.add(box)
            return box
    return None


def place_centred(occupied: Occupied, point: tuple[float, float], size: tuple[float, float]) -> Box | None:
    """A country's name centred on its label point, taken when free; else None (left out)."""
    box = beside(point, size, 0, (0, 0))
    if occupied.free(box):
        occupied.add(box)
        return box
    return None
