"""Coordinates for a city and country, offline, from GeoNames: which place a name means.

Staff may leave lat/lon empty; the city and the country are enough, whatever the spelling
("Flensborg", "kobenhavn"), but only within the stated country. A name is tried as written
first ("Halle (Saale)" is GeoNames' own name), then read as lists write names: a region after
a comma or in parentheses ("Peoria, Illinois", also the `region` column), words for a kind of
unit ("Odense Kommune", "Forchheim (district)"), a town in parentheses ("Mokotów (Warsaw)").

Among namesakes the one chosen is the most populous place called so by its main name, unless
a place known by that name as another of its names is over ten times bigger ("Halle" is Halle
(Saale), "Newcastle" Newcastle upon Tyne, but "Frisco" is Frisco, Texas). Namesakes of
comparable size (at least a fifth of the chosen one's population, and farther than 25 km from
it) make the name ambiguous: the Location says so and lists them, and nothing is silent. A
place that has the name only as one of its other names (an old name, a nickname: Korolyov was
Kaliningrad) rivals a main name only when it is bigger.
"""
from __future__ import annotations

from dataclasses import dataclass

from geo.arcs import distance_km
from geo.countries import resolve_country
from geo.names import is_unit_word, plain_names, split_qualifiers
from geo.places import Place, largest_in_region, places_named
from geo.regions import Region, regions_named
from geo.text import fold

__all__ = ["Location", "Place", "candidates", "find_city", "locate"]

MAIN_NAME_WEIGHT = 10  # another name's place must be this much bigger to beat a main name
COMPARABLE = 1 / 5  # a namesake with this share of the chosen one's population is a rival
SAME_PLACE_KM = 25  # namesakes this close are one place listed twice (a town and its centre)
NEAR_KM = 50  # how far a place may be from the town named in its parentheses


@dataclass(frozen=True)
class Location:
    """What a city name means in a country: the place chosen and why, or why there is none."""

    place: Place | None  # where the row goes on the map; None: not found
    fits: tuple[Place, ...] = ()  # every place the name fits, chosen first, then by population
    rivals: tuple[Place, ...] = ()  # namesakes of comparable size: the name is ambiguous
    read_as: str = ""  # how the name was read when not as written: "Odense", "Warsaw"
    regions: tuple[Region, ...] = ()  # the region(s) asked for, by the region column or in the name
    elsewhere: tuple[Place, ...] = ()  # places of that name outside the regions asked for
    ignored: tuple[str, ...] = ()  # qualifiers that are neither a region, a unit word nor a place
    region_only: Region | None = None  # the name is a region's: placed at its largest place

    @property
    def ambiguous(self) -> bool:
        return bool(self.rivals)


def locate(city: str, country_code: str, region: str = "") -> Location:
    """Where a city of that country (ISO alpha-2) is, reading the name as lists write it."""
    code = country_code.strip().upper()
    if not fold(city):
        return Location(None)
    asked = _regions(region, code)
    ignored = (region,) if region.strip() and not asked else ()
    location = _fitting(places_named(city, code), asked, ignored)
    if location.place is not None or location.elsewhere:
        return location
    base, qualifiers = split_qualifiers(city)
    anchor, anchor_text = None, ""
    for qualifier in qualifiers:
        if is_unit_word(qualifier) or _is_country(qualifier, code):
            continue
        if found := _regions(qualifier, code):
            asked += found
        elif (near := locate_plain(qualifier, code)) is not None:
            anchor, anchor_text = near, qualifier
        else:
            ignored += (qualifier,)
    for name in (base, *plain_names(base)):
        fits = places_named(name, code)
        if anchor is not None and any(fits):
            close = tuple(tuple(p for p in group if distance_km(p.lat, p.lon, anchor.lat, anchor.lon) <= NEAR_KM)
                          for group in fits)
            fits, ignored = (close, ignored) if any(close) else (fits, ignored + (anchor_text,))
        if any(fits):
            return _fitting(fits, asked, ignored, read_as="" if name == base and not qualifiers else name)
    if anchor is not None:
        return Location(anchor, (anchor,), read_as=anchor.name, regions=asked, ignored=ignored)
    for name in (base, *plain_names(base)):
        for area in _regions(name, code):
            if (largest := largest_in_region(code, area.code)) is not None:
                return Location(largest, (largest,), regions=asked, ignored=ignored, region_only=area)
    return Location(None, regions=asked, ignored=ignored)


def locate_plain(name: str, country_code: str) -> Place | None:
    """The place a bare name chooses, with no region and no reading: a qualifier's town."""
    return _fitting(places_named(name, country_code), (), ()).place


def candidates(city: str, country_code: str, region: str = "") -> tuple[Place, ...]:
    """Every place a name could mean, the chosen one first: for staff to pick from. Within
    the regions asked for, or, where the name is in none of them, wherever it is."""
    location = locate(city, country_code, region)
    return location.fits or location.elsewhere


def find_city(city: str, country_code: str) -> Place | None:
    """The GeoNames place a city name means in that country, or None when none is called so."""
    return locate(city, country_code).place


def _regions(text: str, code: str) -> tuple[Region, ...]:
    return regions_named(text, code) if text.strip() else ()


def _is_country(text: str, code: str) -> bool:
    """'USA' after 'Springfield, Illinois': the row's own country, said again."""
    country = resolve_country(text)
    return country is not None and country.code == code


def _fitting(fits: tuple[tuple[Place, ...], tuple[Place, ...]], asked: tuple[Region, ...],
             ignored: tuple[str, ...], read_as: str = "") -> Location:
    """Choose among the places a name fits (by main name, by another name), within the regions
    asked for; rivals are the namesakes too big to rule out."""
    by_main, by_other = fits
    if asked:
        wanted = {(region.country_code, region.code) for region in asked}
        outside = by_main + by_other
        by_main, by_other = ([p for p in group if (p.country_code, p.admin1) in wanted] for group in fits)
        if not by_main and not by_other:
            return Location(None, regions=asked, elsewhere=_by_size(outside), ignored=ignored, read_as=read_as)
    if not by_main and not by_other:
        return Location(None, regions=asked, ignored=ignored, read_as=read_as)
    main = max(by_main, key=_size, default=None)
    other = max(by_other, key=_size, default=None)
    chosen = other if main is None or (other and other.population > MAIN_NAME_WEIGHT * main.population) else main
    rest = [p for p in _by_size((*by_main, *by_other)) if p.geonameid != chosen.geonameid]
    main_ids = {p.geonameid for p in by_main}
    rivals = tuple(p for p in rest if distance_km(p.lat, p.lon, chosen.lat, chosen.lon) > SAME_PLACE_KM
                   and p.population >= (COMPARABLE if p.geonameid in main_ids or chosen.geonameid not in main_ids
                                        else 1) * chosen.population)
    return Location(chosen, (chosen, *rest), rivals, read_as, asked, ignored=ignored)


def _size(place: Place) -> tuple[int, int]:
    return place.population, -place.geonameid  # ties: the older GeoNames entry, for a stable order


def _by_size(places) -> tuple[Place, ...]:
    unique = {place.geonameid: place for place in places}
    return tuple(sorted(unique.values(), key=_size, reverse=True))
