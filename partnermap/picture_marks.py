"""What the picture draws at each place: each type's marker in its colour and shape (the
outlines of partnerships/style.py, as the map draws them), hollow where no source confirms the
partnership, home's ring, and a name with a halo that keeps it legible over land, sea and arcs.
"""
from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib import patheffects
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path as MplPath

from partnerships import style

MARKER_RADIUS = 4.2  # points: a circle's; every other shape has the same area
EDGE = 0.8  # points, the white edge around a filled marker
HOLLOW_EDGE = 1.3  # points, the coloured dashed edge of a hollow one
HOME_RADIUS = 5.5
HOME_EDGE = 2.4
HALO = [patheffects.withStroke(linewidth=2.6, foreground="white")]


@cache
def marker(shape: str) -> tuple[MarkerStyle | str, float]:
    """A type's marker for matplotlib and its size (points squared) for the area of a circle of
    MARKER_RADIUS. Matplotlib scales a custom marker to its farthest point, so the size comes
    from the shape's `reach`; its y points up, the outline's down."""
    outline = style.OUTLINES.get(shape)
    if outline is None:
        return "o", (2 * MARKER_RADIUS) ** 2
    points = np.array(outline.points, dtype=float) * (1, -1)
    path = MplPath(np.vstack([points, points[:1]]), closed=True)
    return MarkerStyle(path), (2 * MARKER_RADIUS * outline.reach) ** 2


def reach(shape: str) -> float:
    """How far from its centre a marker of `shape` reaches, in points."""
    outline = style.OUTLINES.get(shape)
    return MARKER_RADIUS * (outline.reach if outline is not None else 1.0)


def draw_markers(ax, xs, ys, look: style.TypeStyle, hollow: np.ndarray, zorder: float = 4, scale: float = 1.0) -> None:
    """One type's markers: filled, or hollow and dashed where `hollow`."""
    kind, size = marker(look.shape)
    xs, ys, hollow = np.asarray(xs), np.asarray(ys), np.asarray(hollow, dtype=bool)
    if (~hollow).any():
        ax.scatter(xs[~hollow], ys[~hollow], s=size * scale ** 2, marker=kind, c=look.color, edgecolors="white",
                   linewidths=EDGE * scale, zorder=zorder)
    if hollow.any():
        ax.scatter(xs[hollow], ys[hollow], s=size * scale ** 2, marker=kind, facecolors="white",
                   edgecolors=look.color, linewidths=HOLLOW_EDGE * scale, linestyles=(0, (2, 1.2)), zorder=zorder + 0.1)


def draw_home(ax, x: float, y: float, zorder: float = 6) -> None:
    ax.scatter([x], [y], s=(2 * HOME_RADIUS) ** 2, marker="o", facecolors="white", edgecolors=style.HOME,
               linewidths=HOME_EDGE, zorder=zorder)
