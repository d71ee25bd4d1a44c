"""Colours and marker shapes of the partnership types, in one place: the map, its legend, the
charts and the timeline all draw with these."""
from __future__ import annotations

import math
from dataclasses import dataclass

from partnerships.vocabulary import Vocabulary

# Okabe & Ito (2008), "Color Universal Design": told apart with every common colour-vision
# deficiency. Types take them in the order of the types file; a ninth type starts over.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")

# Colour is never the only sign of a type (WCAG 1.4.1): each also has its own marker shape,
# drawn on the map, in its legend and on the timeline from the outlines below.
SHAPES = ("circle", "square", "triangle", "diamond", "pentagon", "star", "hexagon", "triangle-down")

Point = tuple[float, float]


@dataclass(frozen=True)
class Outline:
    """A marker shape as points around (0, 0), y pointing down, scaled to the area of a circle of
    radius 1, so no type looks weightier than another; `reach` is the farthest point's distance."""

    points: tuple[Point, ...]
    reach: float


def _regular(corners: int, start_degrees: float) -> list[Point]:
    angles = [math.radians(start_degrees + 360 * k / corners) for k in range(corners)]
    return [(math.cos(a), math.sin(a)) for a in angles]


def _star(tips: int, inner: float) -> list[Point]:
    angles = [-math.pi / 2 + math.pi * k / tips for k in range(2 * tips)]
    return [((inner if k % 2 else 1) * math.cos(a), (inner if k % 2 else 1) * math.sin(a)) for k, a in enumerate(angles)]


def _to_circle_area(points: list[Point]) -> Outline:
    area = abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2
    scale = math.sqrt(math.pi / area)
    scaled = tuple((round(x * scale, 4), round(y * scale, 4)) for x, y in points)
    return Outline(scaled, round(max(math.hypot(x, y) for x, y in scaled), 4))


# Every shape but the circle, which is drawn as a circle.
OUTLINES: dict[str, Outline] = {name: _to_circle_area(points) for name, points in {
    "square": _regular(4, 45),
    "triangle": _regular(3, -90),
    "diamond": [(0, -1), (0.8, 0), (0, 1), (-0.8, 0)],
    "pentagon": _regular(5, -90),
    "star": _star(5, 0.5),
    "hexagon": _regular(6, 0),
    "triangle-down": _regular(3, 90),
}.items()}

OCEAN = "#d7e4ec"
LAND = "#f4f1ea"
BORDER = "#a9a397"
HOME = "#1b1b1b"
# Charts that are not about types use greys only: a palette colour always means a type.
CHART_DARK = "#2f3a45"  # what the chart is about: begun that year, places abroad
CHART_MID = "#8b95a1"  # its background: begun earlier
CHART_HOME = "#5e5a52"  # dark and warm, apart from the cool greys of the places abroad
CHART_PALE = "#d9d5cc"  # present in the file, confirmed by no source


@dataclass(frozen=True)
class TypeStyle:
    """How one partnership type looks: its colour and its marker shape."""

    color: str
    shape: str


def type_styles(vocabulary: Vocabulary) -> dict[str, TypeStyle]:
    """Each type's colour and shape, given in the order of the types file.

    Both lists have eight entries. From the ninth type on, the shape moves one place further
    each time the colours start over, so no two of the first 64 types look alike.
    """
    return {name: TypeStyle(PALETTE[i % len(PALETTE)], SHAPES[(i + i // len(PALETTE)) % len(SHAPES)])
            for i, name in enumerate(vocabulary.names)}


def type_colors(vocabulary: Vocabulary) -> dict[str, str]:
    return {name: look.color for name, look in type_styles(vocabulary).items()}
