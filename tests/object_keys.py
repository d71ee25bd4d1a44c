"""A partner file whose every text is a name JavaScript objects already have (`constructor`,
`__proto__`, `toString`, `hasOwnProperty`): as ids, names, types and their labels, places,
milestones and extra column headers. Shared by the pure, AppTest and browser tests.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from partnerships.settings import TYPES_FILE_NAME

KEYS = ("constructor", "__proto__", "toString", "hasOwnProperty", "valueOf")
HEADER = ["id", "name", "type", "city", "country", "lat", "lon", "start_year", "end_year", "confirmed",
          "description", "milestones", "name_da", "constructor", "__proto__"]
TYPES = [("constructor", "__proto__"), ("__proto__", "constructor"), ("toString", "hasOwnProperty"),
         ("hasOwnProperty", "toString"), ("valueOf", "valueOf"), ("isPrototypeOf", "isPrototypeOf")]
UNUSED_TYPE = "isPrototypeOf"  # in the types file, no partner's: the map's legend leaves it out
PLACES = [("Germany", "54.7819", "9.4367"), ("Denmark", "55.0443", "9.4174"), ("China", "38.874", "115.4646"),
          ("Brazil", "-22.9068", "-43.1729"), ("Canada", "49.2827", "-123.1207")]
IDS = ["constructor", "hasownproperty", "tostring", "proto", "valueof"]  # ids are lowercase slugs


def rows() -> Iterator[list[str]]:
    for i, (key, (country, lat, lon)) in enumerate(zip(KEYS, PLACES)):
        other = KEYS[(i + 1) % len(KEYS)]
        yield [IDS[i], key, TYPES[i][0], key, country, lat, lon, str(2007 + i), "2012" if i == 1 else "",
               "2010" if i == 2 else "", other, f"{2008 + i}: {other} | {2009 + i}-03: {key}", other, key, other]


def write_object_key_files(folder: Path) -> Path:
    """partners.csv and its types file in `folder`; the partner file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / TYPES_FILE_NAME, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([("type", "label_da"), *TYPES])
    path = folder / "partners.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows()])
    return path


def spec_strings(spec: object, skip: frozenset[str] = frozenset({"datasets", "data", "description"})) -> Iterator[str]:
    """Every string of a Vega-Lite spec outside its data (and every key): what Vega reads as
    expressions, names, domains and legend values."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            yield key
            if key not in skip:
                yield from spec_strings(value, skip)
    elif isinstance(spec, list):
        for value in spec:
            yield from spec_strings(value, skip)
    elif isinstance(spec, str):
        yield spec


def keys_in_spec(spec: dict) -> set[str]:
    """The object-key names found in the spec outside its data, whole or inside an expression."""
    return {key for key in KEYS for text in spec_strings(spec) if key in text}
