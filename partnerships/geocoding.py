"""Coordinates for rows that give only a city and a country, found offline, never silently.

Every row placed by the gazetteer gets a note that starts with FOUND (one place has that name)
or CHOSEN (several comparable places do: then also a warning naming them, and how to choose).
A name the gazetteer cannot place is an error on `city`; a stated region that does not fit
one too. Each distinct (city, country, region) is looked up once: lists repeat themselves.
"""
from __future__ import annotations

import pandas as pd

from geo.countries import resolve_country
from geo.text import fold
from partnerships.columns import CITY, COUNTRY, LAT, LON, REGION
from partnerships.problems import ERROR, NOTE, WARNING, Problem

FOUND = "found"  # the note of a row placed where its name has one place
CHOSEN = "chosen among"  # the note of a row placed among comparable namesakes
MAX_LISTED = 4  # namesakes named in a message; the rest are counted


def fill_coordinates(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Rows with both lat and lon empty get them from the offline gazetteer, with a note
    saying from what; a city it does not know is a row error on `city`."""
    if LAT not in frame or LON not in frame:
        frame = frame.assign(**{c: "" for c in (LAT, LON) if c not in frame})
    wanted = (frame[LAT] == "") & (frame[LON] == "") & (frame[CITY] != "")
    if not wanted.any():
        return frame, []
    from geo.gazetteer import locate  # the gazetteer loads on first use only

    regions = frame.loc[wanted, REGION].astype(str) if REGION in frame else pd.Series("", index=frame.index[wanted])
    countries = {text: resolve_country(text) for text in frame.loc[wanted, COUNTRY].unique()}
    problems, seen, placed = [], {}, {}
    for row, city, country_text, region in zip(frame.index[wanted], frame.loc[wanted, CITY],
                                               frame.loc[wanted, COUNTRY], regions):
        country = countries[country_text]
        if country is None:
            continue  # the schema says what is wrong with the country, once
        key = (city, country.code, region)
        if key not in seen:
            seen[key] = locate(city, country.code, region)
        location = seen[key]
        problems += [Problem(int(row), column, message, severity)
                     for column, message, severity in _said(location, city, country.name, region)]
        if location.place is not None:
            placed[row] = location.place
    out = frame.copy()
    if placed:  # one assignment per column: cell by cell, pandas costs more than the lookups
        rows = list(placed)
        out.loc[rows, LAT] = [repr(place.lat) for place in placed.values()]
        out.loc[rows, LON] = [repr(place.lon) for place in placed.values()]
    return out, problems


def choices(city: str, country: str, region: str = "") -> list[tuple[str, float, float]]:
    """What a row's name could mean, for staff to pick one on Manage data: (label, lat, lon),
    the map's choice first. Writing the pick into `lat` and `lon` settles the row."""
    from geo.gazetteer import candidates

    found = resolve_country(country)
    return [] if found is None else [(where(p), p.lat, p.lon) for p in candidates(city, found.code, region)]


def explained_rows(frame: pd.DataFrame, located: list[Problem]) -> set[int]:
    """Rows whose empty lat and lon are already explained by another error: the city is not
    found or empty, or the country is not one we know. Their "lat is required" says nothing new."""
    empty = frame.index[(frame[LAT] == "") & (frame[LON] == "")]
    refused = {text for text in frame.loc[empty, COUNTRY].unique() if resolve_country(text) is None}
    return ({p.row for p in located if p.severity == ERROR}
            | {int(row) for row in empty if frame.at[row, COUNTRY] in refused or frame.at[row, CITY] == ""})


def where(place) -> str:
    """'Peoria, Illinois (33.5806, -112.2374)': a place as staff can check it."""
    same = fold(place.region) in ("", fold(place.name))  # "Praia, Praia" says it once
    named = place.name if same else f"{place.name}, {place.region}"
    return f"{named} ({place.lat:.4f}, {place.lon:.4f})"


def _said(location, city: str, country: str, region: str) -> list[tuple[str, str, str]]:
    """(column, message, severity) for one looked-up name."""
    place, said = location.place, []
    for ignored in location.ignored:
        column = REGION if ignored == region else CITY
        message = (f"{ignored!r} is neither a first-level region of {country} (a state, Land or region) "
                   f"nor a place near the city in the gazetteer; the city was placed by its name alone")
        said.append((column, message, WARNING))
    if place is None:
        if location.elsewhere:
            asked = " or ".join(r.name for r in location.regions)
            message = (f"{city!r} is not in {asked} in the offline gazetteer; it knows "
                       f"{_listed(location.elsewhere)}: correct the region or add lat and lon")
            said.append((CITY, message, ERROR))
        else:
            said.append((CITY, f"{city!r} is not in the offline gazetteer for {country}; add lat and lon", ERROR))
        return said
    read = f" (read {city!r} as {place.name})" if location.read_as else ""
    if location.region_only is not None:
        message = (f"{city!r} is a region ({location.region_only.name}), not a town: placed at its largest "
                   f"town, {where(place)}; give lat and lon to place it elsewhere")
        said.append((CITY, message, WARNING))
        said.append((LAT, f"{FOUND} the region's largest town in GeoNames: {where(place)}", NOTE))
    elif location.ambiguous:
        count = len(location.rivals) + 1
        said.append((CITY, _ambiguity(location), WARNING))
        said.append((LAT, f"{CHOSEN} {count} places called {place.name}: {where(place)}, the largest{read}", NOTE))
    else:
        smaller = len(location.fits) - 1
        others = f"; {smaller} smaller place{'s' if smaller > 1 else ''} of that name" if smaller else ""
        said.append((LAT, f"{FOUND} in GeoNames: {where(place)}{read}{others}", NOTE))
    return said


def _ambiguity(location) -> str:
    """'Peoria: Arizona or Illinois? …' naming the candidates and how to choose one."""
    place, rivals = location.place, location.rivals
    everyone = (place, *rivals)
    regions = [p.region for p in everyone]
    tell_apart = all(regions) and len(set(regions)) == len(regions)
    if tell_apart:
        shown = [p.region if p.name == place.name else f"{p.name}, {p.region}" for p in everyone[:MAX_LISTED]]
        how = f"write '{place.name}, {rivals[0].region}' (or use the region column) or give lat and lon"
    else:
        shown = [where(p) for p in everyone[:MAX_LISTED]]
        how = "the region does not tell them apart: give lat and lon"
    more = len(everyone) - MAX_LISTED
    shown += [f"{more} more"] if more > 0 else []
    choices = f"{', '.join(shown[:-1])} or {shown[-1]}"
    return f"{place.name}: {choices}? The map shows {where(place)}, the largest; to choose another, {how}"


def _listed(places) -> str:
    shown = ", ".join(where(p) for p in places[:MAX_LISTED])
    more = len(places) - MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")
