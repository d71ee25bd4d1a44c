"""Build the offline world basemap: world-atlas TopoJSON -> country GeoJSON.

Input: ``countries-50m.json`` from the npm package world-atlas 2.0.2
(``npm pack world-atlas@2.0.2``), i.e. Natural Earth 1:50m Admin 0 countries
(public domain). Output: a compact GeoJSON FeatureCollection with one feature
per country and properties ``name``, ``iso_n3`` and ``iso_a2`` (via pycountry).

world-atlas stores spherical polygons whose antimeridian cuts were removed
(Russia, Fiji, Antarctica). Planar renderers such as Leaflet would draw them as
streaks across the map, so such rings are cut again at +/-180 degrees, and rings
around a pole (Antarctica) are closed along the pole.

Usage: python geo/build_basemap.py PATH/countries-50m.json geo/data/countries.geojson
"""
from __future__ import annotations

import argparse
import json
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


def main() -> None:
    """Command line: read the TopoJSON file, write the GeoJSON file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-*.json")
    parser.add_argument("output", type=Path, help="GeoJSON file to write")
    parser.add_argument("--digits", type=int, default=3, help="coordinate decimals (default 3)")
    args = parser.parse_args()
    collection = build(json.loads(args.topojson.read_text(encoding="utf-8")), args.digits)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(f"{len(collection['features'])} features -> {args.output} ({args.output.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
