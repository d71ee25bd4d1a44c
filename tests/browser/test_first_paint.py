"""The map's first paint (benchmarks/bench_first_paint.py measures it): one script and one
stylesheet, the world basemap fetched beside them, compressed, and the detail only once the map
is zoomed in; and the browser decodes the basemap's TopoJSON as Python does."""
from __future__ import annotations

import json
import re

import pytest

from geo.build_basemap import decode_arcs, stitch_ring
from partnermap.publish import BASEMAP_FILE, BASEMAP_WORLD_FILE, DETAIL_ZOOM, SOURCES
from tests.browser.test_map_offline import GEOJSON_FEATURES_JS, assert_offline_and_clean, open_map

BASEMAP_JS = ("() => { let found = null; PartnerMap.current().map.eachLayer((layer) => {"
              " if (layer instanceof L.GeoJSON && layer.options.pane === 'pm-basemap') found = layer; });"
              " return found; }")
COUNTRIES = ("DK", "RU", "FJ", "US", None)  # None: the first without a code, e.g. Kosovo


def _rings(topology: dict, k: int) -> list:
    arcs = decode_arcs(topology)
    geometry = topology["objects"]["countries"]["geometries"][k]
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    return [[list(p) for p in stitch_ring(ring, arcs)] for polygon in polygons for ring in polygon]


def test_the_browser_decodes_the_basemap_as_python_does(chromium_browser):
    codes = [f["properties"]["iso_a2"] for f in json.loads(BASEMAP_FILE.read_text())["features"]]
    indexes = [codes.index(code) for code in COUNTRIES] + [codes.index("AQ")]
    topology = json.loads(BASEMAP_WORLD_FILE.read_text())
    page = chromium_browser.new_page()
    try:
        page.set_content("<!doctype html><title>basemap</title>")
        for name in ("vendor/leaflet/leaflet.js", "map/shapes.js", "map/basemap.js"):
            page.add_script_tag(path=str(SOURCES[name]))
        decoded = page.evaluate("""([topology, indexes]) => {
            const features = L.PartnerMap.topoFeatures(topology).features;
            return [features.length, indexes.map((k) => { const g = features[k].geometry;
                return (g.type === "Polygon" ? [g.coordinates] : g.coordinates).flat(); })]; }""",
                                [topology, indexes])
    finally:
        page.close()
    assert decoded[0] == len(codes)
    for k, rings in zip(indexes, decoded[1]):
        expected = _rings(topology, k)
        assert [len(ring) for ring in rings] == [len(ring) for ring in expected], codes[k]
        flat = [c for ring in rings for point in ring for c in point]
        assert flat == pytest.approx([c for ring in expected for point in ring for c in point], abs=1e-9), codes[k]


def test_one_script_one_style_and_the_world_beside_them_the_detail_when_zoomed_in(offline_page, shipped_app):
    page = offline_page.page
    events: list[tuple[str, str]] = []
    encodings: dict[str, str] = {}
    page.on("request", lambda request: events.append(("asked", request.url)))
    page.on("requestfinished", lambda request: events.append(("done", request.url)))
    page.on("response", lambda response: encodings.__setitem__(response.url, response.headers.get("content-encoding")))
    frame = open_map(page, shipped_app.url)
    frame.wait_for_function(f"() => ({GEOJSON_FEATURES_JS})() > 200")

    def ours(pattern: str, kind: str = "asked") -> list[int]:
        return [i for i, (what, url) in enumerate(events) if what == kind and re.search(pattern, url.split("?")[0])]

    assert len(ours(r"/app/static/.*\.js$")) == 1 and len(ours(r"/app/static/.*\.css$")) == 1
    world, script = ours(r"/basemap-world-\w+\.json$"), ours(r"/partnermap-\w+\.js$")
    assert len(world) == 1, "the preloaded basemap was fetched again"
    assert world[0] < ours(r"/partnermap-\w+\.js$", "done")[0], "the basemap waited for the scripts"
    assert [encodings[url] for url in encodings if "/basemap-world-" in url] == ["gzip"]
    assert script and ours(r"/basemap-detail-") == [] and not frame.evaluate(f"() => ({BASEMAP_JS})().detail")

    frame.evaluate(f"() => {{ PartnerMap.current().map.setZoom({DETAIL_ZOOM + 1}, {{animate: false}}); }}")
    frame.wait_for_function(f"() => ({BASEMAP_JS})().detail === true")
    assert len(ours(r"/basemap-detail-\w+\.json$")) == 1
    assert frame.evaluate(GEOJSON_FEATURES_JS) == len(json.loads(BASEMAP_FILE.read_text())["features"])
    assert_offline_and_clean(offline_page)
