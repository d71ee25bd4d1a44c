"""Every file the map needs is published locally, and links change when files do."""
from __future__ import annotations

import os
from pathlib import Path

from geo import assets


def test_publish_copies_every_asset_and_is_idempotent(tmp_path):
    assets.publish(tmp_path)
    for relative, source in assets.SOURCES.items():
        assert (tmp_path / relative).read_bytes() == source.read_bytes()
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    assets.publish(tmp_path)
    assert before == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}


def test_links_are_local_and_versioned():
    links = assets.served_links("/app/static/")
    for link in (*links.scripts, *links.styles, links.basemap):
        assert link.startswith("/app/static/") and "?v=" in link
    assert links.scripts[0].split("?")[0].endswith("leaflet.js")  # Leaflet before the code that uses it


def test_basemap_is_a_world_of_countries():
    import json

    world = json.loads(assets.BASEMAP_FILE.read_text())
    codes = {feature["properties"]["iso_a2"] for feature in world["features"]}
    assert len(world["features"]) > 200 and {"DK", "DE", "CN", "US"} <= codes


def test_data_is_published_under_its_content_and_old_versions_are_pruned(tmp_path):
    files = [assets.data_file(f'{{"version": {n}}}') for n in range(assets.DATA_VERSIONS_KEPT + 3)]
    for n, data in enumerate(files):
        assets.publish_data(data, tmp_path)
        path = tmp_path / data.relative
        os.utime(path, (n, n))  # publishing order, whatever the clock's resolution
    assert files[0].relative != files[1].relative
    assert (tmp_path / files[-1].relative).read_bytes() == files[-1].content
    kept = sorted(p.name for p in (tmp_path / assets.DATA_FOLDER).iterdir())
    assert kept == sorted(Path(f.relative).name for f in files[-assets.DATA_VERSIONS_KEPT:])
    assert files[-1].url("/app/static/") == f"/app/static/{files[-1].relative}"
