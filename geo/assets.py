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
    "map/partner_map.css": HERE / "assets" / "partner_map.css",
    "map/countries.geojson": BASEMAP_FILE,
}
SCRIPTS = ("vendor/leaflet/leaflet.js", "map/partner_map.js")
STYLES = ("vendor/leaflet/leaflet.css", "map/partner_map.css")
BASEMAP = "map/countries.geojson"


@dataclass(frozen=True)
class AssetLinks:
    """Where the browser finds the map's scripts, styles and basemap."""

    scripts: tuple[str, ...]
    styles: tuple[str, ...]
    basemap: str


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.is_file() and target.stat().st_size == source.stat().st_size and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    # Another app process may be serving the old copy: replace it in one step.
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, prefix=f".{target.name}.") as tmp:
        tmp.write(source.read_bytes())
    os.replace(tmp.name, target)


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

