"""The files the map needs in the browser, served by the app itself so it works offline.

Leaflet comes from the XStatic-Leaflet package that requirements.txt installs; our own
script, styles and the basemap come from `geo/`. At start-up they are copied into the
`static/` folder that Streamlit serves (`server.enableStaticServing`), which is never
committed. Each link carries a content hash so a browser never keeps a stale copy.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet

from partnerships.settings import ROOT

HERE = Path(__file__).resolve().parent
STATIC_DIR = ROOT / "static"
LEAFLET_DIR = Path(xstatic_leaflet.BASE_DIR)
BASEMAP_FILE = HERE / "data" / "countries.geojson"

# Published path under static/ → source file.
SOURCES: dict[str, Path] = {
    "vendor/leaflet/leaflet.js": LEAFLET_DIR / "leaflet.js",
    "vendor/leaflet/leaflet.css": LEAFLET_DIR / "leaflet.css",
    **{f"vendor/leaflet/images/{p.name}": p for p in sorted((LEAFLET_DIR / "images").glob("*.png"))},
    "map/partner_map.js": HERE / "assets" / "partner_map.js",
    "map/story.js": HERE / "assets" / "story.js",
    "map/partner_map.css": HERE / "assets" / "partner_map.css",
    "map/countries.geojson": BASEMAP_FILE,
}
SCRIPTS = ("vendor/leaflet/leaflet.js", "map/partner_map.js", "map/story.js")
STYLES = ("vendor/leaflet/leaflet.css", "map/partner_map.css")
BASEMAP = "map/countries.geojson"
DATA_FOLDER = "data"
DATA_VERSIONS_KEPT = 8  # pages opened before a save still find the version they were given


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
class DataFile:
    """A partner payload published as a static file named by its content, so browsers may
    cache it for good and a new version of the data is a new address."""

    relative: str
    content: bytes

    def url(self, base_url: str) -> str:
        return f"{base_url}{self.relative}"


def data_file(payload_json: str) -> DataFile:
    content = payload_json.encode("utf-8")
    return DataFile(f"{DATA_FOLDER}/partners-{hashlib.sha256(content).hexdigest()[:16]}.json", content)


def publish_data(data: DataFile, static_dir: Path = STATIC_DIR) -> None:
    """Make sure the payload is served; keep the few newest versions for open pages."""
    target = static_dir / data.relative
    if target.is_file():
        return
    _write_atomically(target, data.content)
    versions = sorted(target.parent.glob("partners-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in versions[DATA_VERSIONS_KEPT:]:
        old.unlink(missing_ok=True)
