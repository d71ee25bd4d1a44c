"""Great circles and distances on the sphere.

The map draws its arcs in the browser (`greatCircle` in assets/partner_map.js, tested
against `great_circle` here): a 40 km hop to Flensburg is a straight segment, a flight to
Baoding gets dozens of points.
"""
from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0088
KM_PER_POINT = 250.0
MAX_POINTS = 64


def central_angle(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Angular distance in radians between points given in degrees (haversine, stable)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def distance_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    return EARTH_RADIUS_KM * central_angle(lat1, lon1, lat2, lon2)


def points_for(angle: np.ndarray) -> np.ndarray:
    """How many points an arc of this angular length needs: 2 (a straight segment) to 64."""
    km = EARTH_RADIUS_KM * np.asarray(angle)
    return np.clip(np.ceil(km / KM_PER_POINT).astype(int) + 1, 2, MAX_POINTS)


def _unit_vectors(lat, lon) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=-1)


def great_circle(lat1: float, lon1: float, lat2: float, lon2: float, n: int | None = None) -> np.ndarray:
    """The shortest path on the sphere as an (n, 2) array of [lat, lon] in degrees.

    Longitudes are unwrapped (they may pass ±180) so the line never jumps across the map;
    the first and last points are exactly the inputs.
    """
    angle = float(central_angle(lat1, lon1, lat2, lon2))
    n = int(points_for(angle)) if n is None else max(2, n)
    a, b = _unit_vectors(lat1, lon1), _unit_vectors(lat2, lon2)
    t = np.linspace(0.0, 1.0, n)[:, None]
    if angle < 1e-9:
        return np.array([[lat1, lon1], [lat2, lon2]], dtype=float)
    s = np.sin(angle)
    v = (np.sin((1 - t) * angle) * a + np.sin(t * angle) * b) / s
    lat = np.degrees(np.arctan2(v[:, 2], np.hypot(v[:, 0], v[:, 1])))
    lon = np.degrees(np.unwrap(np.arctan2(v[:, 1], v[:, 0])))
    lon += lon1 - lon[0]
    path = np.column_stack([lat, lon])
    path[0], path[-1] = (lat1, lon1), (lat2, lon2 + (lon[-1] - lon2 + 180) // 360 * 360)
    return path
