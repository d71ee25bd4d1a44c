"""Every file the map needs is published locally, and links change when files do."""
from __future__ import annotations

import json
import os
from pathlib import Path

from partnermap import publish


def test_publish_copies_every_asset_and_is_idempotent(tmp_path):
    publish.publish(tmp_path)
    for relative, source in publish.SOURCES.items():
        assert (tmp_path / relative).read_bytes() == source.read_bytes()
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    publish.publish(tmp_path)
    assert before == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}


def test_links_are_local_and_versioned():
    links = publish.served_links("/app/static/")
    for link in (*links.scripts, *links.styles, links.basemap):
        assert link.startswith("/app/static/") and "?v=" in link
    assert links.scripts[0].split("?")[0].endswith("leaflet.js")  # Leaflet before the code that uses it


def test_basemap_is_a_world_of_countries():
    world = json.loads(publish.BASEMAP_FILE.read_text())
    codes = {feature["properties"]["iso_a2"] for feature in world["features"]}
    assert len(world["features"]) > 200 and {"DK", "DE", "CN", "US"} <= codes


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
    real = publish._write_atomically
    monkeypatch.setattr(publish, "_write_atomically", lambda target, content: (written.append(target.name),
                                                                             real(target, content)))
    data = publish.data_files(_payload(1))
    publish.publish_data(data, tmp_path)
    assert written[-1] == "partners.json" and len(written) == 3
    publish.publish_data(data, tmp_path)  # already there: nothing written
    assert len(written) == 3
