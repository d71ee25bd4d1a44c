"""First-level regions (states, Länder, regions, voivodeships…) by any name people write them.

data/regions.tsv (made by build_regions.py, see data/SOURCE.md) holds, per country, each
region's GeoNames code, the code GeoNames gives its cities, with its ISO 3166-2 name and the
names it goes by in English and in the country's own languages: "Bayern" and "Bavaria",
"Illinois" and "State of Illinois". 3,865 regions, 250 kB, read on first use.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo.text import fold

REGIONS_FILE = Path(__file__).parent / "data" / "regions.tsv"
# Where lists write a state by its postal code, "Peoria, IL": the end of its ISO 3166-2 code.
ABBREVIATED = frozenset({"US", "CA", "AU"})


@dataclass(frozen=True, slots=True)
class Region:
    country_code: str  # ISO 3166-1 alpha-2
    code: str  # GeoNames admin1 code within the country: "IL", "02"
    name: str  # as the country writes it: "Bayern", "Illinois"
    other_names: tuple[str, ...] = field(default=(), compare=False)


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[tuple[str, str], Region], dict[tuple[str, str], tuple[Region, ...]]]:
    """(country, code) → region, and (country, folded name) → the regions called so."""
    by_code: dict[tuple[str, str], Region] = {}
    by_name: dict[tuple[str, str], list[Region]] = {}
    with REGIONS_FILE.open(encoding="utf-8", newline="") as source:
        rows = csv.reader(source, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for country, code, iso, name, others in rows:
            region = Region(country, code, name, tuple(filter(None, others.split("|"))))
            by_code[country, code] = region
            spellings = {fold(n) for n in (name, *region.other_names)}
            if country in ABBREVIATED and iso:  # "IL", also as "I.L." folds: "D.C."
                abbreviation = fold(iso.partition("-")[2])
                spellings |= {abbreviation, " ".join(abbreviation)}
            for spelling in spellings - {""}:
                by_name.setdefault((country, spelling), []).append(region)
    return by_code, {key: tuple(found) for key, found in by_name.items()}


def region_by_code(country_code: str, code: str) -> Region | None:
    return _regions()[0].get((country_code, code))


def regions_named(text: str, country_code: str) -> tuple[Region, ...]:
    """The regions of that country a text names, folded: 'bavaria', 'Bayern', 'BAYERN'."""
    return _regions()[1].get((country_code.strip().upper(), fold(text)), ())


def region_name(country_code: str, code: str) -> str:
    """The region's name for messages, or '' when GeoNames gives the place no known region."""
    region = region_by_code(country_code, code)
    return region.name if region else ""
