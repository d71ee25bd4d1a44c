"""Build the offline world basemap from world-atlas TopoJSON.

Input: ``countries-50m.json`` from the npm package world-atlas 2.0.2
(``npm pack world-atlas@2.0.2``), i.e. Natural Earth 1:50m Admin 0 countries
(public domain). Two kinds of output:

- ``geojson``: a GeoJSON FeatureCollection with one feature per country and properties
  ``name``, ``iso_n3`` and ``iso_a2`` (via pycountry): the shapes geo/borders.py checks
  coordinates against;
- ``topojson``: what the browser draws, TopoJSON with no properties, the borders two
  countries share stored once. ``--simplify Z`` thins every arc (Douglas-Peucker in Web
  Mercator, ends kept so neighbours still meet) until no point moves more than half a
  pixel at zoom Z: the same borders at world zoom in a fraction of the bytes.

world-atlas stores spherical polygons whose antimeridian cuts were removed
(Russia, Fiji, Antarctica). Planar renderers such as Leaflet would draw them as
streaks across the map, so such rings are cut again at +/-180 degrees, and rings
around a pole (Antarctica) are closed along the pole.

Usage: python geo/build_basemap.py PATH/countries-50m.json geo/data/countries.geojson
       python geo/build_basemap.py PATH/countries-50m.json OUT.json --format topojson [--simplify 5]
"""
from __future__ import annotations

import argparse
import json
import math
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

import pycountry

Point = tuple[float, float]
Ring = list[Point]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Turn the (quantized, delta-encoded) TopoJSON arcs into lon/lat points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        xs, ys = accumulate(d[0] for d in arc), accumulate(d[1] for d in arc)
        arcs.append([(tx + sx * x, ty + sy * y) for x, y in zip(xs, ys, strict=True)])
    return arcs


def stitch_ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """Join arcs into a ring; index ~i means arc i reversed. Shared endpoints appear once."""
    ring: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def unwrap(ring: Ring) -> tuple[Ring, bool]:
    """Make longitudes continuous (jumps > 180 degrees become +/-360 shifts).

    Returns the ring and whether it goes around a pole (it then no longer closes).
    """
    out, shift = [ring[0]], 0.0
    for (x0, _), (x1, y1) in pairwise(ring):
        shift += 360.0 if x1 - x0 < -180 else -360.0 if x1 - x0 > 180 else 0.0
        out.append((x1 + shift, y1))
    if shift == 0:
        return out, False
    pole = -90.0 if sum(y for _, y in ring) < 0 else 90.0  # close the ring along the pole
    return out + [(out[-1][0], pole), (out[0][0], pole), out[0]], True


def clip(ring: Ring, x: float, keep_east: bool) -> Ring:
    """Sutherland-Hodgman: keep the part of a closed ring east (or west) of meridian x."""
    def inside(p: Point) -> bool:
        return p[0] >= x if keep_east else p[0] <= x

    out: Ring = []
    for a, b in pairwise(ring):
        if inside(a) != inside(b):
            out.append((x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])))
        if inside(b):
            out.append(b)
    return out + out[:1]


def clean_ring(ring: Ring, digits: int) -> list[list[float]] | None:
    """Round, drop consecutive duplicates and re-close; None if under 4 points remain."""
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, digits), round(y, digits)]
        if not out or p != out[-1]:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def planar_polygons(rings: list[Ring], digits: int) -> list[list[list[list[float]]]]:
    """Convert one spherical polygon into planar polygons inside lon -180..180."""
    unwrapped = [unwrap(r) for r in rings]
    # A polar ring hugging the pole (|lat| ~ 90) is an artifact of stitching: drop it.
    kept = [r for r, polar in unwrapped if not (polar and min(abs(y) for _, y in r) > 89.99)]
    if not kept:
        return []
    xs = [x for r in kept for x, _ in r]
    shifts = [0.0] if min(xs) >= -180 and max(xs) <= 180 else [-360.0, 0.0, 360.0]
    polygons = []
    for s in shifts:
        parts = []
        for ring in kept:
            moved = [(x + s, y) for x, y in ring]
            if len(shifts) > 1:
                moved = clip(clip(moved, -180.0, True), 180.0, False)
            parts.append(clean_ring(moved, digits))
        if parts[0] is not None:  # exterior survived this window; keep surviving holes
            polygons.append([p for p in parts if p is not None])
    return polygons


def to_feature(geometry: dict[str, Any], arcs: list[Ring], digits: int) -> dict[str, Any]:
    """Build one GeoJSON country feature from a TopoJSON Polygon/MultiPolygon."""
    polys = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    coords = [p for poly in polys for p in planar_polygons([stitch_ring(r, arcs) for r in poly], digits)]
    iso_n3 = geometry.get("id")
    country = pycountry.countries.get(numeric=iso_n3) if iso_n3 else None
    props = {"name": geometry["properties"]["name"], "iso_n3": iso_n3,
             "iso_a2": country.alpha_2 if country else None}
    shape = {"type": "Polygon", "coordinates": coords[0]} if len(coords) == 1 else \
        {"type": "MultiPolygon", "coordinates": coords}
    return {"type": "Feature", "properties": props, "geometry": shape}


def build(topology: dict[str, Any], digits: int = 3) -> dict[str, Any]:
    """Decode the ``countries`` object of a world-atlas topology into a FeatureCollection."""
    arcs = decode_arcs(topology)
    features = [to_feature(g, arcs, digits) for g in topology["objects"]["countries"]["geometries"]]
    return {"type": "FeatureCollection", "features": [f for f in features if f["geometry"]["coordinates"]]}


TILE_PX = 256  # a Web Mercator map is 256 * 2**zoom pixels around
MERCATOR_LIMIT = 85.0  # degrees of latitude; Leaflet's Web Mercator ends at about 85.05


def mercator(point: Point) -> Point:
    """Web Mercator, in degrees of longitude (the poles clamped where the projection ends)."""
    lat = max(-MERCATOR_LIMIT, min(MERCATOR_LIMIT, point[1]))
    return point[0], math.degrees(math.log(math.tan(math.radians(45.0 + lat / 2.0))))


def _distance(p: Point, a: Point, b: Point) -> float:
    """From p to the segment a-b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def simplify(arc: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker in Web Mercator: the fewest points within `tolerance` (degrees of
    longitude) of the arc. Its ends stay, and a closed arc (an island) keeps its farthest
    point as well, so it stays a ring. Points beyond Mercator's reach (Antarctica's outline
    along the pole) all stay: flattened there, it would no longer go around the pole."""
    if len(arc) < 3:
        return arc
    projected = [mercator(p) for p in arc]
    keep = [k in (0, len(arc) - 1) or abs(y) > MERCATOR_LIMIT for k, (_, y) in enumerate(arc)]
    kept = [k for k, flag in enumerate(keep) if flag]
    spans = list(pairwise(kept))
    if arc[0] == arc[-1] and len(kept) == 2:
        far = max(range(1, len(arc) - 1), key=lambda k: math.dist(projected[0], projected[k]))
        keep[far] = True
        spans = [(0, far), (far, len(arc) - 1)]
    while spans:
        i, j = spans.pop()
        if j - i < 2:
            continue
        k = max(range(i + 1, j), key=lambda m: _distance(projected[m], projected[i], projected[j]))
        if _distance(projected[k], projected[i], projected[j]) > tolerance:
            keep[k] = True
            spans += [(i, k), (k, j)]
    return [p for p, flag in zip(arc, keep) if flag]


def _crosses_antimeridian(rings: list[Ring]) -> bool:
    for ring in rings:
        unwrapped, polar = unwrap(ring)
        if polar or min(x for x, _ in unwrapped) < -180 or max(x for x, _ in unwrapped) > 180:
            return True
    return False


def topology(source: dict[str, Any], simplify_zoom: float | None = None) -> dict[str, Any]:
    """The browser's basemap: TopoJSON with no properties, quantized as the source is (or,
    simplified, on a coarser grid of at most a sixth of a pixel at `simplify_zoom`).

    Polygons across the antimeridian (Russia, Fiji, Antarctica) are cut as `build` cuts them,
    each cut ring an arc of its own; arcs no country uses any more are left out.
    """
    arcs = decode_arcs(source)
    (sx, sy), translate = source["transform"]["scale"], source["transform"]["translate"]
    if simplify_zoom is not None:
        pixel = 360.0 / (TILE_PX * 2 ** simplify_zoom)  # degrees of longitude
        arcs = [simplify(arc, pixel / 2) for arc in arcs]
        coarser = 1
        while sx * coarser * 2 <= pixel / 6:  # a grid of at most a sixth of a pixel
            coarser *= 2
        # The same extent in fewer steps, so its edges (the antimeridian) stay on the grid.
        spans = [max(p[axis] for arc in arcs for p in arc) - translate[axis] for axis in (0, 1)]
        sx, sy = (span / math.ceil(round(span / step) / coarser) for span, step in zip(spans, (sx, sy)))
    geometries = []
    for geometry in source["objects"]["countries"]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        out = []
        for polygon in polygons:
            rings = [stitch_ring(r, arcs) for r in polygon]
            if not _crosses_antimeridian(rings):
                out.append([list(ring) for ring in polygon])
                continue
            for planar in planar_polygons(rings, digits=6):
                out.append([[len(arcs) + k] for k in range(len(planar))])
                arcs.extend([[(x, y) for x, y in ring] for ring in planar])
        if out:
            geometries.append({"type": "Polygon", "arcs": out[0]} if len(out) == 1 else
                              {"type": "MultiPolygon", "arcs": out})
    return _encode(geometries, arcs, (sx, sy), translate)


def _encode(geometries: list[dict[str, Any]], arcs: list[Ring], scale: Point, translate: Point) -> dict[str, Any]:
    """Quantize and delta-encode the arcs the geometries use, renumbered in first use."""
    (sx, sy), (tx, ty) = scale, translate
    numbers: dict[int, int] = {}

    def renumber(i: int) -> int:
        new = numbers.setdefault(i if i >= 0 else ~i, len(numbers))
        return new if i >= 0 else ~new

    for geometry in geometries:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        for polygon in polygons:
            for k, ring in enumerate(polygon):
                polygon[k] = [renumber(i) for i in ring]
    encoded = []
    for old in sorted(numbers, key=numbers.get):
        points = [(round((x - tx) / sx), round((y - ty) / sy)) for x, y in arcs[old]]
        points = [p for k, p in enumerate(points) if k == 0 or p != points[k - 1]] or points[:1]
        points += points[-1:] * (2 - len(points))  # an arc has two points, even if they meet
        encoded.append([list(points[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in pairwise(points)])
    return {"type": "Topology", "transform": {"scale": [sx, sy], "translate": [tx, ty]},
            "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}}, "arcs": encoded}


def main() -> None:
    """Command line: read the TopoJSON file, write the GeoJSON or TopoJSON file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-*.json")
    parser.add_argument("output", type=Path, help="file to write")
    parser.add_argument("--format", choices=("geojson", "topojson"), default="geojson")
    parser.add_argument("--digits", type=int, default=3, help="GeoJSON: coordinate decimals (default 3)")
    parser.add_argument("--simplify", type=float, metavar="ZOOM",
                        help="TopoJSON: thin the arcs to half a pixel at this zoom (default: keep every point)")
    args = parser.parse_args()
    source = json.loads(args.topojson.read_text(encoding="utf-8"))
    if args.format == "geojson":
        result = build(source, args.digits)
    else:
        result = topology(source, args.simplify)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    count = len(result["features"] if "features" in result else result["objects"]["countries"]["geometries"])
    print(f"{count} countries -> {args.output} ({args.output.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
