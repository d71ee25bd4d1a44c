"""Where a picture puts things: its extent, the crowd an inset shows, names that never overlap."""
from __future__ import annotations

import numpy as np
import pytest

from partnermap.picture_layout import (
    Occupied, beside, crowded_near_home, fit_extent, nearest_copy, overlaps, place_beside, place_centred, spread,
    zoom_for,
)


@pytest.mark.parametrize(("xs", "ys", "aspect"), [
    ([0.52, 0.83], [0.30, 0.40], 16 / 9),  # Sønderborg to Baoding
    ([0.527, 0.528], [0.317, 0.318], 16 / 9),  # the Border Triangle: never narrower than a region
    ([0.05, 0.95], [0.2, 0.7], 1.0),  # the world, square
    ([0.4, 0.41], [0.1, 0.9], 2.0),  # tall data, a wide picture
])
def test_the_extent_holds_every_point_with_the_pictures_aspect(xs, ys, aspect):
    x0, x1, y0, y1 = fit_extent(xs, ys, aspect)
    assert x0 < min(xs) and max(xs) < x1 and y0 < min(ys) and max(ys) < y1
    assert (x1 - x0) / (y1 - y0) == pytest.approx(aspect)
    assert x1 - x0 >= 0.012


def test_the_zoom_of_a_picture_matches_the_maps_scale():
    # The whole world 768 points wide is 1024 CSS pixels: zoom 2, as on the map.
    assert zoom_for((0.0, 1.0, 0.0, 1.0), 768) == pytest.approx(2.0)
    assert zoom_for((0.0, 0.5, 0.0, 0.5), 768) == pytest.approx(3.0)


def test_a_longitude_moves_to_the_copy_nearest_home():
    assert nearest_copy(np.array([170.0, -170.0, 9.0]), 9.8).tolist() == [170.0, -170.0, 9.0]
    assert nearest_copy(np.array([-170.0]), 120.0).tolist() == [190.0]


@pytest.mark.parametrize(("points", "expected"), [
    ([(150, 100), (400, 100)], []),  # nothing near home
    ([(105, 100), (300, 300)], [0]),  # one too close to home
    ([(130, 100), (100, 130), (300, 300)], []),  # near, but apart from each other and home
    ([(130, 100), (134, 102)], [0, 1]),  # two near and too close to each other
])
def test_the_inset_shows_what_crowds_home(points, expected):
    assert crowded_near_home(np.array(points, dtype=float), (100, 100), near=40, apart=11) == expected


def test_no_inset_for_more_than_it_can_show():
    points = np.array([(100 + k % 10, 100 + k // 10) for k in range(60)], dtype=float)
    assert crowded_near_home(points, (100, 100), near=40, apart=11, most=40) == []


@pytest.mark.parametrize(("side", "expected"), [
    ((1, 0), (13, 95, 53, 105)), ((-1, 0), (-53, 95, -13, 105)),
    ((0, -1), (-20, 77, 20, 87)), ((0, 1), (-20, 113, 20, 123)),
])
def test_a_name_stands_on_its_side_of_the_point(side, expected):
    assert beside((0, 100), (40, 10), 13, side) == expected


def test_names_never_overlap_each_other_markers_or_leave_the_map():
    occupied = Occupied((0, 0, 200, 100))
    marker = (95, 45, 105, 55)
    occupied.add(marker)
    placed = [place_beside(occupied, (100, 50), (60, 10), 6) for _ in range(8)]
    boxes = [box for box in placed if box]
    assert len(boxes) >= 4
    for a in boxes:
        assert 0 <= a[0] and a[2] <= 200 and 0 <= a[1] and a[3] <= 100
        assert not overlaps(a, marker)
        assert not any(overlaps(a, b) for b in boxes if b is not a)


def test_a_name_is_never_nearer_another_marker_than_its_own():
    occupied = Occupied((0, 0, 400, 400))
    other = np.array([[130.0, 100.0]])  # a marker 30 points right
    box = place_beside(occupied, (100, 100), (40, 8), 5, other)
    assert box is not None and box[2] <= 100  # put on the left, not next to the other marker


def test_a_country_name_is_left_out_where_it_would_cover_something():
    occupied = Occupied((0, 0, 400, 400))
    occupied.add((90, 90, 110, 110))
    assert place_centred(occupied, (100, 100), (50, 10)) is None
    assert place_centred(occupied, (300, 300), (50, 10)) == (275, 295, 325, 305)


@pytest.mark.parametrize("points", [
    [(110, 100), (112, 104)],  # two close to each other and to home
    [(130, 130), (130, 130), (130, 130)],  # three on one spot
    [(200, 200), (300, 300)],  # apart already: unmoved
])
def test_the_inset_moves_its_crowd_apart_and_no_further(points):
    moved = spread(np.array(points, dtype=float), (100, 100), apart=14)
    everyone = np.vstack([[100, 100], moved])
    gaps = np.hypot(*(everyone[:, None, :] - everyone[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() >= 14 - 1e-6
    if np.hypot(*(np.array(points)[:, None] - np.array(points)[None, :]).transpose(2, 0, 1)).max() > 100:
        assert moved.tolist() == [list(map(float, p)) for p in points]
