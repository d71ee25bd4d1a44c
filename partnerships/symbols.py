"""A partnership type's marker as SVG, from the outlines in partnerships/style.py: the timeline's
Vega symbols and the sidebar's type filter draw the same shapes as the map and its legend."""
from __future__ import annotations

import base64

from partnerships.style import HOME, OUTLINES, Outline, TypeStyle

ICON_SIZE = 18  # px: a little above the sidebar's 14 px text, as the map's legend draws them
EDGE_WIDTH = 0.18  # in units of the radius: the legend's 1.25 px edge at its 7 px radius
EDGE_OPACITY = 0.55


def svg_path(outline: Outline) -> str:
    """An outline as an SVG path, one unit the radius of the circle of the same area.

    Vega draws a circle of size s with radius sqrt(s) / 2 and a custom path at sqrt(s) / 2 per
    unit, so these paths are as large as its circle and no type weighs more.
    """
    return "M" + "L".join(f"{x:.3f},{y:.3f}" for x, y in outline.points) + "Z"


# The map's shapes for Vega; its circle is its own.
VEGA_SHAPES = {"circle": "circle", **{name: svg_path(outline) for name, outline in OUTLINES.items()}}


def symbol_svg(look: TypeStyle, size: int = ICON_SIZE) -> str:
    """The type's shape in its colour with a thin dark edge (light colours stay visible on white),
    `size` pixels square with room for the farthest corner."""
    outline = OUTLINES.get(look.shape)
    half = round((max(outline.reach, 1) if outline else 1) + EDGE_WIDTH, 3)
    figure = f'<path d="{svg_path(outline)}"' if outline else '<circle r="1"'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
            f'viewBox="{-half} {-half} {2 * half} {2 * half}">{figure} fill="{look.color}" stroke="{HOME}" '
            f'stroke-opacity="{EDGE_OPACITY}" stroke-width="{EDGE_WIDTH}" stroke-linejoin="round"/></svg>')


def symbol_image(look: TypeStyle, size: int = ICON_SIZE) -> str:
    """The symbol as a data: URL, for a Markdown image in a widget's label."""
    return "data:image/svg+xml;base64," + base64.b64encode(symbol_svg(look, size).encode()).decode("ascii")
