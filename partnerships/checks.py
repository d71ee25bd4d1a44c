"""Checks beyond the schema: likely mistakes that do not stop a row from being shown.

Each returns warnings; the schema's errors decide what is left off the map.
"""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

from partnerships.problems import WARNING, Problem
from partnerships.schema import COUNTRY_CODE, ID, LAT, LON, NAME
from partnerships.vocabulary import Vocabulary

_NOT_WORD = re.compile(r"[\W_]+")
# Letters with no accent to strip, spelled as Danes and Germans write them without.
_SPELLED_OUT = str.maketrans({"ø": "o", "æ": "ae", "å": "aa", "ß": "ss"})


def name_key(name: str) -> str:
    """Names that differ only in case, accents, spaces or punctuation share a key."""
    plain = unicodedata.normalize("NFKD", name.casefold().translate(_SPELLED_OUT))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", plain).strip()


def near_duplicate_names(partners: pd.DataFrame) -> list[Problem]:
    """Two partnerships whose names differ only in how they are written."""
    if partners.empty:
        return []
    keys = partners[NAME].astype(str).map(name_key)
    first = keys.reset_index().drop_duplicates(NAME).set_index(NAME)["row"]
    problems = []
    for row, key in keys[keys.duplicated()].items():
        other = int(first[key])
        problems.append(Problem(int(row), NAME, f"{partners.at[row, NAME]!r} looks like "
                                f"{partners.at[other, NAME]!r} in row {other} (id {partners.at[other, ID]!r}); "
                                "is it the same partner twice?", WARNING))
    return problems


def near_duplicate_types(vocabulary: Vocabulary) -> list[Problem]:
    """'Friendship City' beside 'Friendship city' in the types file: one type meant twice."""
    seen: dict[str, str] = {}
    problems = []
    for kind in vocabulary.types:
        key = name_key(kind.name)
        if key in seen:
            problems.append(Problem(None, "type", f"the types file lists {kind.name!r} beside {seen[key]!r}; "
                                    "keep one spelling", WARNING))
        seen.setdefault(key, kind.name)
    return problems


def coordinates_outside_country(partners: pd.DataFrame) -> list[Problem]:
    """Coordinates far from the stated country: a typo, swapped lat/lon or a lost minus."""
    from geo.borders import outside_country  # shapes load on first use only

    if partners.empty:
        return []
    outside = outside_country(partners[COUNTRY_CODE].tolist(), partners[LAT].tolist(), partners[LON].tolist())
    return [
        Problem(int(row), LAT, f"{partners.at[row, LAT]}, {partners.at[row, LON]} is outside "
                f"{partners.at[row, 'country_name']}; check lat and lon (swapped, or a missing minus?)", WARNING)
        for row in partners.index[outside]
    ]


def extra_checks(partners: pd.DataFrame, vocabulary: Vocabulary) -> list[Problem]:
    return near_duplicate_names(partners) + near_duplicate_types(vocabulary) + coordinates_outside_country(partners)
