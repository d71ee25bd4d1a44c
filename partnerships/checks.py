"""Checks beyond the schema: likely mistakes that do not stop a row from being shown.

Each returns warnings; the schema's errors decide what is left off the map.
"""
from __future__ import annotations

import pandas as pd

from geo.borders import outside_country
from geo.countries import country_name
from geo.text import fold
from partnerships.messages import Local, said
from partnerships.problems import WARNING, Problem
from partnerships.schema import COUNTRY_CODE, ID, LAT, LON, NAME, map_unique
from partnerships.vocabulary import Vocabulary


def near_duplicate_names(partners: pd.DataFrame) -> list[Problem]:
    """Two partnerships whose names differ only in how they are written."""
    if partners.empty:
        return []
    keys = map_unique(partners[NAME].astype(str), fold)
    repeated = keys.duplicated()
    if not repeated.any():
        return []
    first = pd.Series(keys.index, index=keys).groupby(level=0).first()
    others = first.loc[keys[repeated]].to_numpy()
    return [
        Problem(int(row), NAME, said("near_duplicate_name", name=name, first=first_name, row=int(other), id=first_id),
                WARNING)
        for row, name, other, first_name, first_id in zip(
            keys.index[repeated], partners[NAME][repeated], others,
            partners.loc[others, NAME], partners.loc[others, ID])
    ]


def near_duplicate_types(vocabulary: Vocabulary) -> list[Problem]:
    """'Friendship City' beside 'Friendship city' in the types file: one type meant twice."""
    seen: dict[str, str] = {}
    problems = []
    for kind in vocabulary.types:
        key = fold(kind.name)
        if key in seen:
            problems.append(Problem(None, "type", said("duplicate_type", name=kind.name, first=seen[key]), WARNING))
        seen.setdefault(key, kind.name)
    return problems


def coordinates_outside_country(partners: pd.DataFrame) -> list[Problem]:
    """Coordinates far from the stated country: a typo, swapped lat/lon or a lost minus."""
    if partners.empty:
        return []
    outside = outside_country(partners[COUNTRY_CODE].tolist(), partners[LAT].tolist(), partners[LON].tolist())
    flagged = partners[outside]
    return [
        Problem(int(row), LAT, said("outside_country", lat=float(lat), lon=float(lon),
                                    country=Local.named(lambda lang, code=code: country_name(code, lang))), WARNING)
        for row, lat, lon, code in zip(flagged.index, flagged[LAT], flagged[LON], flagged[COUNTRY_CODE])
    ]


def extra_checks(partners: pd.DataFrame, vocabulary: Vocabulary) -> list[Problem]:
    return near_duplicate_names(partners) + near_duplicate_types(vocabulary) + coordinates_outside_country(partners)
