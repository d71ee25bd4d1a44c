"""Coordinates for rows that give only a city and a country, found offline, never silently.

Every row placed by the gazetteer gets a note that starts with FOUND (one place has that name)
or CHOSEN (several comparable places do: then also a warning naming them, and how to choose);
a row placed by another name of a place says so in the note, and a county, municipality or
ward says where it is shown. A name the gazetteer cannot place is an error on `city`; a stated
region that does not fit one too. Each distinct (city, country, region) is looked up once: lists repeat themselves.
"""
from __future__ import annotations

import pandas as pd

from geo.countries import region_in, resolve_country
from geo.text import fold
from partnerships.columns import CITY, COUNTRY, LAT, LON, REGION
from partnerships.messages import Joined, Local, Message, said
from partnerships.problems import ERROR, NOTE, WARNING, Problem

FOUND = "found"  # the note of a row placed where its name has one place starts so (in English)
CHOSEN = "chosen among"  # the note of a row placed among comparable namesakes starts so (in English)
FOUND_KEYS = ("geo_found", "geo_found_region_town", "geo_found_unit")  # those notes' message keys, in any language
CHOSEN_KEY = "geo_chosen"
AMBIGUOUS_KEY = "geo_ambiguous"  # the warning naming the candidates
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
        region = region or region_in(country_text, country.code)  # "Wales, United Kingdom"
        key = (city, country.code, region)
        if key not in seen:
            seen[key] = locate(city, country.code, region)
        location = seen[key]
        problems += [Problem(int(row), column, message, severity)
                     for column, message, severity in _said(location, city, Local.named(country.name_in),
                                                            region)]
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
    from geo.gazetteer import candidates  # the gazetteer loads on first use only

    found = resolve_country(country)
    return [] if found is None else [(where(p), p.lat, p.lon) for p in candidates(city, found.code, region)]


def placed_how(problem: Problem) -> str | None:
    """FOUND or CHOSEN for the note of a row the gazetteer placed, else None."""
    if problem.said.key in FOUND_KEYS:
        return FOUND
    return CHOSEN if problem.said.key == CHOSEN_KEY else None


def ambiguous_rows(problems: list[Problem]) -> list[int]:
    """The rows placed among namesakes, whose warning asks staff to choose."""
    return sorted({p.row for p in problems if p.said.key == AMBIGUOUS_KEY and p.row is not None})


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


def _said(location, city: str, country: Local, region: str) -> list[tuple[str, Message, str]]:
    """(column, message, severity) for one looked-up name."""
    place, told = location.place, []
    for ignored in location.ignored:
        column = REGION if ignored == region else CITY
        told.append((column, said("geo_ignored", ignored=ignored, country=country), WARNING))
    if place is None:
        if location.refused and not location.elsewhere:
            told.append((CITY, said("geo_not_found_other_name", city=city, country=country,
                                    places=_listed(location.refused)), ERROR))
        elif location.elsewhere:
            asked = Joined(tuple(r.name for r in location.regions))
            told.append((CITY, said("geo_not_in_region", city=city, asked=asked, known=_listed(location.elsewhere)),
                         ERROR))
        else:
            told.append((CITY, said("geo_not_found", city=city, country=country), ERROR))
        return told
    read = said("geo_read_as", city=city, name=place.name) if location.read_as else ""
    read = said("geo_other_name", city=city, name=place.name) if location.other_name else read
    unit = location.unit
    if unit is not None and unit.in_city:
        told.append((CITY, said("geo_unit_in_city", city=city, town=unit.town), WARNING))
    if location.region_only is not None:
        told.append((CITY, said("geo_region_only", city=city, region=location.region_only.name, place=where(place)),
                     WARNING))
        told.append((LAT, said("geo_found_region_town", place=where(place)), NOTE))
    elif location.ambiguous:
        told.append((CITY, _ambiguity(location), WARNING))
        told.append((LAT, said(CHOSEN_KEY, count=len(location.rivals) + 1, name=place.name, place=where(place),
                               read=read), NOTE))
    elif unit is not None:
        told.append((LAT, said("geo_found_unit", place=where(place), town=unit.town, read=read), NOTE))
    else:
        smaller = len(location.fits) - 1
        others = said("geo_smaller", n=smaller) if smaller else ""
        told.append((LAT, said("geo_found", place=where(place), read=read, others=others), NOTE))
    return told


def _ambiguity(location) -> Message:
    """'Peoria: Arizona or Illinois? …' naming the candidates and how to choose one."""
    place, rivals = location.place, location.rivals
    everyone = (place, *rivals)
    regions = [p.region for p in everyone]
    tell_apart = all(regions) and len(set(regions)) == len(regions)
    if tell_apart:
        shown: list = [p.region if p.name == place.name else f"{p.name}, {p.region}" for p in everyone[:MAX_LISTED]]
        how = said("geo_how_region", name=place.name, region=rivals[0].region)
    else:
        shown = [where(p) for p in everyone[:MAX_LISTED]]
        how = said("geo_how_coordinates")
    more = len(everyone) - MAX_LISTED
    shown += [said("geo_more", n=more)] if more > 0 else []
    return said(AMBIGUOUS_KEY, name=place.name, choices=Joined(tuple(shown)), place=where(place), how=how)


def _listed(places) -> str | Message:
    shown = ", ".join(where(p) for p in places[:MAX_LISTED])
    more = len(places) - MAX_LISTED
    return said("geo_places_more", places=shown, n=more) if more > 0 else shown


def with_places(table: pd.DataFrame, picks: dict[int, tuple[float, float]]) -> pd.DataFrame:
    """The partner table (strings, by Excel row) with the picked rows' lat and lon written in,
    which settles them: given coordinates are never looked up again."""
    out = table.assign(**{c: "" for c in (LAT, LON) if c not in table})
    if picks:
        rows = list(picks)
        out.loc[rows, LAT] = [repr(float(lat)) for lat, _ in picks.values()]
        out.loc[rows, LON] = [repr(float(lon)) for _, lon in picks.values()]
    return out
