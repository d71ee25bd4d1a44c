"""The files the map needs in the browser, served by the app itself so it works offline.

Leaflet comes from its XStatic package, which requirements.txt installs; our own scripts and styles come from `partnermap/assets/`, the basemap from
`geo/data/`. At start-up they are published into the `static/` folder that Streamlit serves
(`server.enableStaticServing`), which is never committed: every script in one file, every
stylesheet in one, and the basemap, each named by its content, so a browser may keep it for
good and a new version is a new address. The sources stay separate files.

Streamlit gzips what it serves from `static/` (its own bundles under `/static/` it does not);
its app static route sets no Cache-Control, so a published file keeps the modification time of
its newest source: the browser's heuristic freshness (a tenth of the file's age) then lasts.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import xstatic.pkg.leaflet as xstatic_leaflet

from geo import COUNTRIES_FILE
from geo.labels import LABELS_FILE
from partnermap.labels import labels_payload
from partnerships.atomic import write_atomically
from partnerships.escape import js_json
from partnerships.settings import ROOT

HERE = Path(__file__).resolve().parent
STATIC_DIR = ROOT / "static"
LEAFLET_DIR = Path(xstatic_leaflet.BASE_DIR)
ASSETS_DIR = HERE / "assets"
BASEMAP_FILE = COUNTRIES_FILE  # the same shapes geo/borders.py checks coordinates against
# What the browser draws (geo/data/SOURCE.md): the world as it looks at world zoom, and every
# point of the borders, fetched once the map is zoomed in past DETAIL_ZOOM.
BASEMAP_WORLD_FILE = COUNTRIES_FILE.parent / "basemap-world.json"
BASEMAP_DETAIL_FILE = COUNTRIES_FILE.parent / "basemap-detail.json"
DETAIL_ZOOM = 4  # the world file is simplified to half a pixel at this zoom

# The map's own scripts, in the order they load: each uses only those before it. The rules
# and the cluster index come first and need nothing, not even Leaflet (their tests load them
# alone).
MAP_SCRIPTS = ("rules.js", "clusterindex.js", "shapes.js", "basemap.js", "controls.js", "home.js", "popups.js", "clusters.js",
               "camera.js", "reach.js", "labels.js", "layer.js", "page.js", "inset.js", "story.js")

# The scripts and stylesheets by name → source file; each kind is published as one file.
SOURCES: dict[str, Path] = {
    "vendor/leaflet/leaflet.js": LEAFLET_DIR / "leaflet.js",
    "vendor/leaflet/leaflet.css": LEAFLET_DIR / "leaflet.css",
    **{f"map/{name}": ASSETS_DIR / name for name in MAP_SCRIPTS},
    "map/partner_map.css": ASSETS_DIR / "partner_map.css",
}
SCRIPTS = ("vendor/leaflet/leaflet.js", *(f"map/{name}" for name in MAP_SCRIPTS))
STYLES = ("vendor/leaflet/leaflet.css", "map/partner_map.css")
PUBLISHED_FOLDER = "map"
# Leaflet's stylesheet names its images relative to itself (`images/…`); so does the bundle.
IMAGES = {f"{PUBLISHED_FOLDER}/images/{p.name}": p for p in sorted((LEAFLET_DIR / "images").glob("*.png"))}
PUBLISHED_VERSIONS_KEPT = 4  # of each file: pages opened before an upgrade still find theirs
DATA_FOLDER = "data"
DATA_VERSIONS_KEPT = 8  # pages opened before a save still find the version they were given
MAIN_DATA_FILE = "partners.json"
_SOURCE_MAP = re.compile(rb"^//# sourceMappingURL=.*$", re.MULTILINE)  # names a file beside the source only
_HASHED = re.compile(r"^(?P<stem>.+)-[0-9a-f]{12}(?P<suffix>\.\w+)$")


@dataclass(frozen=True)
class AssetLinks:
    """Where the browser finds the map's scripts, styles and basemap."""

    scripts: tuple[str, ...]
    styles: tuple[str, ...]
    # A URL, or {"world", "detail", "detailZoom"}: each tier a URL, or inlined in a self-contained file
    basemap: str | dict
    # The country names (partnermap/labels.py): a URL, or the names inlined; None inlines them
    labels: str | dict | None = None


@dataclass(frozen=True)
class Published:
    """One published file: its path under static/, its content, and its sources' newest time."""

    relative: str
    content: bytes
    mtime: float


def _bundle(names: tuple[str, ...], separator: bytes) -> bytes:
    """The files one after another; scripts each ended by a `;`, so none runs into the next."""
    return separator.join(_SOURCE_MAP.sub(b"", SOURCES[name].read_bytes()).rstrip() for name in names) + b"\n"


def _named(stem: str, suffix: str, content: bytes, sources: list[Path]) -> Published:
    digest = hashlib.sha256(content).hexdigest()[:12]
    return Published(f"{PUBLISHED_FOLDER}/{stem}-{digest}{suffix}", content, max(p.stat().st_mtime for p in sources))


@lru_cache(maxsize=1)
def published_files() -> dict[str, Published]:
    """The script bundle, the style bundle, the basemap's two tiers and the country names, named by content."""
    return {
        "script": _named("partnermap", ".js", _bundle(SCRIPTS, b"\n;\n"), [SOURCES[n] for n in SCRIPTS]),
        "style": _named("partnermap", ".css", _bundle(STYLES, b"\n"), [SOURCES[n] for n in STYLES]),
        "world": _named("basemap-world", ".json", BASEMAP_WORLD_FILE.read_bytes(), [BASEMAP_WORLD_FILE]),
        "detail": _named("basemap-detail", ".json", BASEMAP_DETAIL_FILE.read_bytes(), [BASEMAP_DETAIL_FILE]),
        # A file of its own, not in the base map's arguments, which a rerun sends whole: 10 kB a year change.
        "labels": _named("country-labels", ".json", js_json(labels_payload()).encode("utf-8"), [LABELS_FILE]),
    }


def _publish(target: Path, content: bytes, mtime: float | None = None) -> None:
    """Another app process may be serving the old file: replace it in one step. Not synced to
    disk: a published file is made again from its source whenever it is missing."""
    write_atomically(target, content, durable=False, mtime=mtime)


def _prune(folder: Path, current: set[Path]) -> None:
    """Drop what an earlier layout published, and all but the newest versions of each file
    (by the time they were last published: their ctime, as their mtime is their sources')."""
    versions: dict[str, list[Path]] = {}
    for path in folder.rglob("*"):
        if not path.is_file() or path in current or path.name.startswith("."):  # "." another process's, unfinished
            continue
        match = _HASHED.match(path.name)
        if match is None:
            path.unlink(missing_ok=True)
        else:
            versions.setdefault(str(path.parent / (match["stem"] + match["suffix"])), []).append(path)
    for paths in versions.values():
        for old in sorted(paths, key=lambda p: p.stat().st_ctime, reverse=True)[PUBLISHED_VERSIONS_KEPT - 1:]:
            old.unlink(missing_ok=True)


def publish(static_dir: Path = STATIC_DIR) -> dict[str, str]:
    """Publish the map's files into the served folder; cheap when they are there. Returns
    each file's path under `static_dir` by kind ("script", "style", "world", "detail", "labels")."""
    current = set()
    for item in published_files().values():
        target = static_dir / item.relative
        if target.is_file():
            os.utime(target, (item.mtime, item.mtime))  # the newest version now: kept by _prune
        else:
            _publish(target, item.content, item.mtime)
        current.add(target)
    for relative, source in IMAGES.items():
        target = static_dir / relative
        if not (target.is_file() and target.read_bytes() == source.read_bytes()):
            _publish(target, source.read_bytes(), source.stat().st_mtime)
        current.add(target)
    _prune(static_dir / PUBLISHED_FOLDER, current)
    shutil.rmtree(static_dir / "vendor", ignore_errors=True)  # an earlier layout's copies
    return {kind: item.relative for kind, item in published_files().items()}


def preload_script(urls: dict[str, str]) -> str:
    """A script, as a data: URL, that asks for the stylesheet and the world basemap at once.

    streamlit-folium loads a map's scripts one after another and only then adds its
    stylesheets and runs it; listed first, this lets both download beside the script bundle.
    A `fetch` of the same URL later takes the preloaded response.
    """
    code = ("(function(h){[" + ",".join(f"[{js_json(url)},{js_json(kind)}]" for url, kind in urls.items())
            + "].forEach(function(p){var l=document.createElement('link');l.rel='preload';l.href=p[0];"
            "l.as=p[1];if(p[1]==='fetch')l.crossOrigin='anonymous';h.appendChild(l);});})(document.head);")
    return "data:text/javascript," + quote(code, safe="(){}[];,:=.'/!")


@lru_cache(maxsize=4)
def served_links(base_url: str) -> AssetLinks:
    """Publish the assets once per process and link them under `base_url` (e.g. '/app/static/')."""
    urls = {kind: base_url + relative for kind, relative in publish().items()}
    preload = preload_script({urls["style"]: "style", urls["world"]: "fetch", urls["labels"]: "fetch"})
    basemap = {"world": urls["world"], "detail": urls["detail"], "detailZoom": DETAIL_ZOOM}
    return AssetLinks((preload, urls["script"]), (urls["style"],), basemap, urls["labels"])


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
        _publish(folder / name, content)
    _last_served = folder
    versions = sorted(folder.parent.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in versions[DATA_VERSIONS_KEPT:]:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:  # a data file of an earlier layout
            old.unlink(missing_ok=True)


_last_served: Path | None = None  # the version folder this process served last: no need to touch it
