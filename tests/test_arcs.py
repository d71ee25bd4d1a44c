"""Great-circle arcs: exact ends, the right path, as many points as the length needs."""
from __future__ import annotations

import numpy as np
import pytest

from geo.arcs import MAX_POINTS, distance_km, great_circle, points_for

SONDERBORG = (54.9138, 9.7922)


def test_distance_matches_known_values():
    assert distance_km(*SONDERBORG, 54.7819, 9.4367) == pytest.approx(26.5, abs=1.0)
    assert distance_km(*SONDERBORG, 38.874, 115.4646) == pytest.approx(7437, rel=0.01)
    assert distance_km(0, 0, 0, 180) == pytest.approx(np.pi * 6371.0088)


def test_arc_ends_exactly_at_both_places():
    path = great_circle(*SONDERBORG, 38.874, 115.4646)
    assert path[0].tolist() == list(SONDERBORG)
    assert path[-1].tolist() == [38.874, 115.4646]


def test_arc_along_the_equator_stays_on_it_and_is_evenly_spaced():
    path = great_circle(0, 0, 0, 90, n=4)
    np.testing.assert_allclose(path, [[0, 0], [0, 30], [0, 60], [0, 90]], atol=1e-9)


def test_great_circle_bends_poleward_between_northern_cities():
    path = great_circle(*SONDERBORG, 38.874, 115.4646)
    assert path[:, 0].max() > 60  # over Siberia, not along a straight line on the map


def test_arc_over_the_antimeridian_does_not_jump():
    path = great_circle(*SONDERBORG, -21.1, -175.2)
    assert np.abs(np.diff(path[:, 1])).max() < 30
    assert path[-1, 1] == pytest.approx(-175.2 + 360)


@pytest.mark.parametrize(("km", "points"), [(0, 2), (26, 2), (1000, 5), (7400, 31), (20000, MAX_POINTS)])
def test_points_grow_with_distance(km, points):
    assert points_for(np.array(km / 6371.0088)) == points
