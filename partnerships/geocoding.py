"""Coordinates for rows that give only a city and a country, found offline."""
from __future__ import annotations

import pandas as pd

from geo.countries import resolve_country
from partnerships.columns import CITY, COUNTRY, LAT, LON
from partnerships.problems import NOTE, Problem


def fill_coordinates(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Rows with both lat and lon empty get them from the offline gazetteer, with a note
    saying from what; a city it does not know is a row error on `city`."""
    if LAT not in frame or LON not in frame:
        frame = frame.assign(**{c: "" for c in (LAT, LON) if c not in frame})
    wanted = (frame[LAT] == "") & (frame[LON] == "") & (frame[CITY] != "")
    if not wanted.any():
        return frame, []
    from geo.gazetteer import fill_message, find_city  # the gazetteer loads on first use only

    out, problems = frame.copy(), []
    for row in frame.index[wanted]:
        country = resolve_country(frame.at[row, COUNTRY])
        if country is None:
            continue  # the schema says what is wrong with the country
        place = find_city(frame.at[row, CITY], country.code)
        if place is None:
            problems.append(Problem(int(row), CITY, f"{frame.at[row, CITY]!r} is not in the offline gazetteer for "
                                    f"{country.name}; add lat and lon"))
        else:
            out.at[row, LAT], out.at[row, LON] = repr(place.lat), repr(place.lon)
            problems.append(Problem(int(row), LAT, fill_message(place), NOTE))
    return out, problems
