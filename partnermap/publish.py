"""The files the map needs in the browser, served by the app itself so it works offline.

Leaflet and Leaflet.markercluster come from their XStatic packages, which requirements.txt
installs; our own scripts and styles come from `partnermap/assets/`, the basemap from
`geo/data/`. At start-up they are copied into the `static/` folder that Streamlit serves
(`server.enableStaticServing`), which is never committed. Each link carries a content hash so
a browser never keeps a stale copy.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet
import xstatic.pkg.leaflet_markercluster as xstatic_markercluster

from geo import COUNTRIES_FILE
from partnerships.escape import js_json
from partnerships.settings import ROOT

HERE = Path(__file__).resolve().parent
STATIC_DIR = ROOT / "static"
LEAFLET_DIR = Path(xstatic_leaflet.BASE_DIR)
MARKERCLUSTER_DIR = Path(xstatic_markercluster.BASE_DIR)
ASSETS_DIR = HERE / "assets"
BASEMAP_FILE = COUNTRIES_FILE  # the same shapes geo/borders.py checks coordinates against

# The map's own scripts, in the order they load: each uses only those before it. The rules
# come first and need nothing, not even Leaflet (the parity tests load them alone).
MAP_SCRIPTS = ("rules.js", "shapes.js", "controls.js", "popups.js", "clusters.js", "layer.js", "story.js")

# Published path under static/ → source file.
SOURCES: dict[str, Path] = {
    "vendor/leaflet/leaflet.js": LEAFLET_DIR / "leaflet.js",
    "vendor/leaflet/leaflet.css": LEAFLET_DIR / "leaflet.css",
    **{f"vendor/leaflet/images/{p.name}": p for p in sorted((LEAFLET_DIR / "images").glob("*.png"))},
    "vendor/leaflet.markercluster/leaflet.markercluster.js": MARKERCLUSTER_DIR / "leaflet.markercluster.js",
    "vendor/leaflet.markercluster/MarkerCluster.css": MARKERCLUSTER_DIR / "MarkerCluster.css",
    **{f"map/{name}": ASSETS_DIR / name for name in MAP_SCRIPTS},
    "map/partner_map.css": ASSETS_DIR / "partner_map.css",
    "map/countries.geojson": BASEMAP_FILE,
}
SCRIPTS = ("vendor/leaflet/leaflet.js", "vendor/leaflet.markercluster/leaflet.markercluster.js",
           *(f"map/{name}" for name in MAP_SCRIPTS))
STYLES = ("vendor/leaflet/leaflet.css", "vendor/leaflet.markercluster/MarkerCluster.css", "map/partner_map.css")
BASEMAP = "map/countries.geojson"
DATA_FOLDER = "data"
DATA_VERSIONS_KEPT = 8  # pages opened before a save still find the version they were given
MAIN_DATA_FILE = "partners.json"


@dataclass(frozen=True)
class AssetLinks:
    """Where the browser finds the map's scripts, styles and basemap."""

    scripts: tuple[str, ...]
    styles: tuple[str, ...]
    basemap: str | dict  # a URL, or the GeoJSON itself in a self-contained file


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _write_atomically(target: Path, content: bytes) -> None:
    """Another app process may be serving the old file: replace it in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, prefix=f".{target.name}.") as tmp:
        tmp.write(content)
    os.chmod(tmp.name, 0o644)  # served files are public; tempfile makes them private
    os.replace(tmp.name, target)


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.is_file() and target.stat().st_size == source.stat().st_size and target.read_bytes() == source.read_bytes():
        return
    _write_atomically(target, source.read_bytes())


def publish(static_dir: Path = STATIC_DIR) -> None:
    """Copy every asset into the served folder; cheap when nothing changed."""
    for relative, source in SOURCES.items():
        _copy_if_changed(source, static_dir / relative)


@lru_cache(maxsize=4)
def served_links(base_url: str) -> AssetLinks:
    """Publish the assets once per process and link them under `base_url` (e.g. '/app/static/')."""
    publish()

    def link(relative: str) -> str:
        return f"{base_url}{relative}?v={_digest(SOURCES[relative])}"

    return AssetLinks(tuple(map(link, SCRIPTS)), tuple(map(link, STYLES)), link(BASEMAP))


@dataclass(frozen=True)
class DataFiles:
    """A partner payload published as static files in a folder named by their content, so
    browsers may cache them for good and a new version of the data is a new address: the
    main file (`partners.json`, what the map draws with) and the details slices it names
    relative to itself (fetched when a popup first needs them)."""

    folder: str
    files: tuple[tuple[str, bytes], ...]  # (name, content), the main file first

    def url(self, base_url: str) -> str:
        return f"{base_url}{self.folder}/{MAIN_DATA_FILE}"

    @property
    def size(self) -> int:
        return sum(len(content) for _, content in self.files)


def data_files(payload: dict) -> DataFiles:
    """Split a payload (`partnermap.mapbuilder.partner_payload`) into its published files."""
    slices = payload["details"]["slices"]
    details = [(f"details-{k}.json", js_json(part).encode("utf-8")) for k, part in enumerate(slices)]
    main = {**payload, "details": {**payload["details"], "slices": [name for name, _ in details]}}
    files = ((MAIN_DATA_FILE, js_json(main).encode("utf-8")), *details)
    digest = hashlib.sha256()
    for name, content in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return DataFiles(f"{DATA_FOLDER}/{digest.hexdigest()[:16]}", files)


def publish_data(data: DataFiles, static_dir: Path = STATIC_DIR) -> None:
    """Make sure the payload is served; keep the few newest versions for open pages.

    The main file is written last: when it is there, so is everything it names. A version
    served again (a restored file) becomes the newest, so it is not pruned as old.
    """
    global _last_served
    folder = static_dir / data.folder
    if (folder / MAIN_DATA_FILE).is_file():
        if folder != _last_served:
            os.utime(folder)
            _last_served = folder
        return
    for name, content in reversed(data.files):
        _write_atomically(folder / name, content)
    _last_served = folder
    versions = sorted(folder.parent.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in versions[DATA_VERSIONS_KEPT:]:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:  # a data file of an earlier layout
            old.unlink(missing_ok=True)


_last_served: Path | None = None  # the version folder this process served last: no need to touch it
