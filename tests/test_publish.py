"""Every file the map needs is published locally, one script and one stylesheet, named by content."""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from geo import build_basemap
from partnermap import publish


def _served(path: str) -> str:
    return path.split("/app/static/", 1)[1]


def test_each_kind_is_one_file_named_by_its_content_and_publishing_again_changes_nothing(tmp_path):
    publish.published_files.cache_clear()  # made once per process: the sources as they are now
    published = publish.publish(tmp_path)
    assert set(published) == {"script", "style", "world", "detail", "labels"}
    for kind, relative in published.items():
        content = (tmp_path / relative).read_bytes()
        assert hashlib.sha256(content).hexdigest()[:12] in relative, kind
    script = (tmp_path / published["script"]).read_text(encoding="utf-8")
    starts = [script.index(publish.SOURCES[name].read_text(encoding="utf-8")[:200]) for name in publish.SCRIPTS]
    assert starts == sorted(starts), "a script comes before one it needs"
    assert "sourceMappingURL" not in script  # it would name a file that is not published
    style = (tmp_path / published["style"]).read_text(encoding="utf-8")
    assert all(publish.SOURCES[name].read_text(encoding="utf-8")[:200] in style for name in publish.STYLES)
    for image in re.findall(r"url\((images/[^)]+)\)", style):  # Leaflet's, relative to the bundle
        assert (tmp_path / publish.PUBLISHED_FOLDER / image).is_file()
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    assert publish.publish(tmp_path) == published
    assert before == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}


def test_a_published_file_keeps_its_newest_sources_time_for_the_browsers_heuristic_cache(tmp_path):
    published = publish.publish(tmp_path)
    newest = max(publish.SOURCES[name].stat().st_mtime for name in publish.SCRIPTS)
    assert (tmp_path / published["script"]).stat().st_mtime == pytest.approx(newest)


def test_an_earlier_layout_goes_and_only_the_newest_versions_stay(tmp_path):
    folder = tmp_path / publish.PUBLISHED_FOLDER
    old = [folder / f"partnermap-{n:012x}.js" for n in range(publish.PUBLISHED_VERSIONS_KEPT + 2)]
    for path in [*old, tmp_path / "vendor/leaflet/leaflet.js", folder / "countries.geojson"]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("old")
        time.sleep(0.01)  # ctime: the order they were published in
    in_the_making = folder / ".partnermap-0123.js.tmp"
    in_the_making.write_text("another process's")
    published = publish.publish(tmp_path)
    scripts = sorted(p.name for p in folder.glob("partnermap-*.js"))
    kept = [p.name for p in old[-(publish.PUBLISHED_VERSIONS_KEPT - 1):]]
    assert scripts == sorted([Path(published["script"]).name, *kept])
    assert not (tmp_path / "vendor").exists() and not (folder / "countries.geojson").exists()
    assert in_the_making.exists()


def test_links_are_local_and_the_preload_asks_for_the_style_and_the_world_at_once():
    links = publish.served_links("/app/static/")
    preload, script = links.scripts
    assert [_served(script)] == [publish.publish()["script"]]
    assert [_served(style) for style in links.styles] == [publish.publish()["style"]]
    assert links.basemap == {"world": "/app/static/" + publish.publish()["world"],
                             "detail": "/app/static/" + publish.publish()["detail"], "detailZoom": publish.DETAIL_ZOOM}
    code = unquote(preload.removeprefix("data:text/javascript,"))
    assert preload.startswith("data:text/javascript,") and "</" not in code
    assert f'["{links.styles[0]}","style"]' in code and f'["{links.basemap["world"]}","fetch"]' in code


@pytest.mark.parametrize("path", [publish.BASEMAP_WORLD_FILE, publish.BASEMAP_DETAIL_FILE], ids=lambda p: p.name)
def test_the_published_basemap_draws_every_country_the_borders_check_knows(path):
    """Every country of countries.geojson (geo/borders.py), decoded as the browser decodes it."""
    topology = json.loads(path.read_text())
    assert topology["type"] == "Topology"
    world = json.loads(publish.BASEMAP_FILE.read_text())
    assert len(topology["objects"]["countries"]["geometries"]) == len(world["features"]) > 200
    arcs = build_basemap.decode_arcs(topology)
    lons = [x for arc in arcs for x, _ in arc]
    assert -180.0001 <= min(lons) and max(lons) <= 180.0001  # cut at the antimeridian, as the GeoJSON is


def test_the_detail_has_the_geojsons_borders_within_the_sources_grid():
    """Denmark, decoded from the detail file, is the GeoJSON's Denmark to the source's precision."""
    topology = json.loads(publish.BASEMAP_DETAIL_FILE.read_text())
    world = json.loads(publish.BASEMAP_FILE.read_text())
    k = [f["properties"]["iso_a2"] for f in world["features"]].index("DK")
    arcs = build_basemap.decode_arcs(topology)
    geometry = topology["objects"]["countries"]["geometries"][k]
    rings = [build_basemap.stitch_ring(ring, arcs) for polygon in geometry["arcs"] for ring in polygon]
    expected = [ring for polygon in world["features"][k]["geometry"]["coordinates"] for ring in polygon]
    assert len(rings) == len(expected)
    step = max(topology["transform"]["scale"])
    for ring, want in zip(rings, expected):
        assert len(ring) >= len(want)  # the GeoJSON dropped points that rounding made equal
        assert max(min(math.dist(p, q) for q in ring) for p in want[:: max(1, len(want) // 20)]) < step


def test_the_world_is_simplified_but_not_beyond_half_a_pixel_at_its_zoom():
    world = json.loads(publish.BASEMAP_WORLD_FILE.read_text())
    detail = json.loads(publish.BASEMAP_DETAIL_FILE.read_text())
    assert len(publish.BASEMAP_WORLD_FILE.read_bytes()) < 0.5 * len(publish.BASEMAP_DETAIL_FILE.read_bytes())
    assert sum(map(len, world["arcs"])) < 0.5 * sum(map(len, detail["arcs"]))
    pixel = 360 / (build_basemap.TILE_PX * 2 ** publish.DETAIL_ZOOM)
    assert max(world["transform"]["scale"]) <= pixel / 6


@pytest.mark.parametrize("arc, kept", [
    ([(0, 0), (1, 0.0001), (2, 0), (3, 5), (4, 0)], [(0, 0), (2, 0), (3, 5), (4, 0)]),  # the bump stays
    ([(0, 0), (1, 0), (1, 1), (0, 0)], [(0, 0), (1, 0), (1, 1), (0, 0)]),  # an island stays a ring
    ([(-180, -89.999), (0, -89.999), (180, -89.999)], [(-180, -89.999), (0, -89.999), (180, -89.999)]),  # the pole
])
def test_simplify_keeps_what_shows(arc, kept):
    assert build_basemap.simplify(arc, 0.01) == kept


def _payload(version: int, slices: int = 2) -> dict:
    return {"version": version, "details": {"size": 1, "slices": [{"desc": [f"</script> {version}.{k}"]}
                                                                  for k in range(slices)]}}


def test_details_slices_become_files_the_main_file_names_relative_to_itself():
    data = publish.data_files(_payload(1))
    names = [name for name, _ in data.files]
    assert names == ["partners.json", "details-0.json", "details-1.json"]
    main = json.loads(data.files[0][1])
    assert main["details"] == {"size": 1, "slices": ["details-0.json", "details-1.json"]}
    assert json.loads(data.files[2][1]) == {"desc": ["</script> 1.1"]}
    assert b"</script>" not in data.files[2][1]  # the same escaping as everywhere
    assert data.url("/app/static/") == f"/app/static/{data.folder}/partners.json"
    assert data.size == sum(len(content) for _, content in data.files)


def test_the_folder_changes_with_any_file():
    first, second = _payload(1), _payload(1)
    second["details"]["slices"][1]["desc"] = ["changed"]
    assert publish.data_files(first).folder == publish.data_files(_payload(1)).folder
    assert publish.data_files(first).folder != publish.data_files(second).folder


def test_data_is_published_under_its_content_and_old_versions_are_pruned(tmp_path):
    versions = [publish.data_files(_payload(n)) for n in range(publish.DATA_VERSIONS_KEPT + 3)]
    for n, data in enumerate(versions):
        publish.publish_data(data, tmp_path)
        os.utime(tmp_path / data.folder, (n, n))  # publishing order, whatever the clock's resolution
    newest = tmp_path / versions[-1].folder
    assert {p.name: p.read_bytes() for p in newest.iterdir()} == dict(versions[-1].files)
    kept = sorted(p.name for p in (tmp_path / publish.DATA_FOLDER).iterdir())
    assert kept == sorted(Path(v.folder).name for v in versions[-publish.DATA_VERSIONS_KEPT:])


def test_a_version_served_again_is_kept_and_files_of_the_old_layout_go(tmp_path):
    legacy = tmp_path / publish.DATA_FOLDER / "partners-0123456789abcdef.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text("{}")
    os.utime(legacy, (0, 0))
    restored = publish.data_files(_payload(0))
    publish.publish_data(restored, tmp_path)
    os.utime(tmp_path / restored.folder, (1, 1))
    for n in range(1, publish.DATA_VERSIONS_KEPT):
        data = publish.data_files(_payload(n))
        publish.publish_data(data, tmp_path)
        os.utime(tmp_path / data.folder, (n + 1, n + 1))
    publish.publish_data(restored, tmp_path)  # the old version is the current one again
    publish.publish_data(publish.data_files(_payload(99)), tmp_path)
    kept = {p.name for p in (tmp_path / publish.DATA_FOLDER).iterdir()}
    assert Path(restored.folder).name in kept and legacy.name not in kept
    assert len(kept) == publish.DATA_VERSIONS_KEPT


def test_a_version_is_written_main_file_last(tmp_path, monkeypatch):
    written = []
    real = publish._publish
    monkeypatch.setattr(publish, "_publish", lambda target, content, mtime=None: (written.append(target.name),
                                                                                real(target, content, mtime)))
    data = publish.data_files(_payload(1))
    publish.publish_data(data, tmp_path)
    assert written[-1] == "partners.json" and len(written) == 3
    publish.publish_data(data, tmp_path)  # already there: nothing written
    assert len(written) == 3
