"""Second-level units (counties, municipalities, wards) by any name lists write them.

data/units.tsv (made by build_units.py, see data/SOURCE.md) holds GeoNames' admin2 units of
every country with a point: their town of the same name, else their largest town, or for a
ward of a city GeoNames gives no town, the city. "Montgomery County", "Bærum kommune",
"Shinagawa-ku", "Lunds kommun" and "Lund Municipality" are found by their names as written
and without the word for the unit ("Bærum", "Shinagawa"). 34,000 units, 2.3 MB, read on the
first name the towns do not know.
"""
from __future__ import annotations

import csv
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.names import plain_names
from geo.regions import region_name
from geo.text import fold

UNITS_FILE = Path(__file__).parent / "data" / "units.tsv"
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Unit:
    name: str  # GeoNames' name: "Montgomery County", "Bærum", "Shinagawa-ku"
    country_code: str
    admin1: str  # the first-level region it lies in, as GeoNames codes it
    lat: float
    lon: float
    population: int  # of its towns together: its size among namesakes
    town: str  # where its point is: "Germantown"; for a ward, the city
    in_city: bool  # a ward with no town of its own, placed at its city
    row: int  # its line in units.tsv: a stable order among equals

    @property
    def region(self) -> str:
        return region_name(self.country_code, self.admin1)


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, tuple[Unit, ...]], dict[str, tuple[Unit, ...]]]:
    """'CC:folded name' → the units called so, as written; and without the unit's kind."""
    written: dict[str, list[Unit]] = {}
    plain: dict[str, list[Unit]] = {}
    with UNITS_FILE.open(encoding="utf-8", newline="") as source:
        rows = csv.reader(source, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for row, (country, admin1, name, others, lat, lon, population, town, in_city) in enumerate(rows, 2):
            unit = Unit(name, country, admin1, float(lat), float(lon), int(population), town, in_city == "1", row)
            spellings = {fold(n) for n in (name, *others.split("|")) if n} - {""}
            for spelling in spellings:
                written.setdefault(f"{country}:{spelling}", []).append(unit)
            for spelling in {p for s in spellings for p in plain_names(s)} - spellings:
                plain.setdefault(f"{country}:{spelling}", []).append(unit)
    return ({key: tuple(found) for key, found in written.items()},
            {key: tuple(found) for key, found in plain.items()})


def units_named(name: str, country_code: str, as_written: bool = False) -> tuple[Unit, ...]:
    """The units of a country called `name`, by a name as written or, failing that (unless
    `as_written`), without the word for its kind ('Bærum' for Bærum kommune, 'Shinagawa' for
    Shinagawa-ku)."""
    key = f"{country_code.strip().upper()}:{fold(name)}"
    with _LOCK:
        written, plain = _load()
    return written.get(key) or (() if as_written else plain.get(key, ()))
