"""Coordinates for a city and country, offline, from GeoNames: which place a name means.

Staff may leave lat/lon empty; the city and the country are enough, whatever the spelling
("Flensborg", "kobenhavn", "Hitachiōta"), but only within the stated country. A name is tried
as written first ("Halle (Saale)" is GeoNames' own name), then read as lists write names: a
region after a comma or in parentheses ("Peoria, Illinois", also the `region` column), an
overseas part ("Saint-Denis, Réunion" in France), words for a kind of unit ("Odense Kommune",
"Forchheim (district)"), a town in parentheses ("Mokotów (Warsaw)"), the towns a commune was
merged from ("Évry-Courcouronnes"). A name that is no town
may be a county's, municipality's or ward's ("Montgomery County", "Bærum", "Shinagawa,
Tokyo"): the unit is placed at its point (geo.units), and "X County" is never the town X.
Which of several places a name means is geo.namesakes' one rule.
"""
from __future__ import annotations

from geo.arcs import distance_km
from geo.countries import overseas_of, resolve_country
from geo.names import is_area_name, is_unit_word, plain_names, split_qualifiers
from geo.namesakes import Location, choose, choose_unit, sorted_names
from geo.places import Place, largest_in_region, places_named
from geo.regions import Region, regions_named
from geo.text import fold
from geo.units import units_named

__all__ = ["Location", "Place", "candidates", "find_city", "locate"]

NEAR_KM = 50  # how far a place may be from the town named in its parentheses
MERGED_KM = 15  # how close the towns of a merged commune's name lie
UNIT_NEAR_KM = 100  # and from the point of the county or département named after it


def locate(city: str, country_code: str, region: str = "") -> Location:
    """Where a city of that country (ISO alpha-2) is, reading the name as lists write it."""
    code = country_code.strip().upper()
    if not fold(city):
        return Location(None)
    if part := _overseas(region, code):
        code, region = part, ""
    asked = _regions(region, code)
    ignored = (region,) if region.strip() and not asked else ()
    first = choose(*_named(city, code), asked, ignored)
    if first.place is not None:
        return first
    base, qualifiers = split_qualifiers(city)
    anchor, anchor_text, reach = None, "", NEAR_KM
    for qualifier in qualifiers:
        if is_unit_word(qualifier) or _is_country(qualifier, code):
            continue
        if part := _overseas(qualifier, code):
            code = part
        elif found := _regions(qualifier, code):
            asked += found
        elif (near := locate_plain(qualifier, code)) is not None:
            anchor, anchor_text, reach = near, qualifier, NEAR_KM
        elif units := choose_unit(units_named(qualifier, code), asked, ()):  # "Joinville, Haute-Marne"
            anchor, anchor_text, reach = units.place, qualifier, UNIT_NEAR_KM
        else:
            ignored += (qualifier,)
    named_units = units_named(base, code, as_written=True) if plain_names(base) else ()
    for name in (base,) if is_area_name(base) else (base, *plain_names(base)):
        if name != base and named_units and all(fold(unit.town) != name for unit in named_units):
            break  # "Shinagawa-ku" is the ward, not a town Shinagawa; "Odense Kommune" is Odense
        own, other, refused = _named(name, code)
        if anchor is not None and (own or other):
            close = [tuple(p for p in group if distance_km(p.lat, p.lon, anchor.lat, anchor.lon) <= reach)
                     for group in (own, other)]
            own, other, ignored = (*close, ignored) if any(close) else (own, other, ignored + (anchor_text,))
        if own or other or refused:
            found = choose(own, other, refused, asked, ignored, read_as="" if name == base and not qualifiers else name)
            if found.place is not None:
                return found
            first = first if first.elsewhere or not (found.elsewhere or found.refused) else found
            if own or other:
                break
    if (unit := choose_unit(units_named(base, code), asked, ignored)) is not None:
        return unit
    if (merged := _merged(base, code)) is not None:
        return Location(merged, (merged,), read_as=merged.name, regions=asked, ignored=ignored)
    if first.elsewhere:
        return Location(None, regions=asked, elsewhere=first.elsewhere, ignored=ignored, refused=first.refused)
    if anchor is not None and reach == NEAR_KM:
        return Location(anchor, (anchor,), read_as=anchor.name, regions=asked, ignored=ignored)
    for name in (base, *plain_names(base)):
        for area in _regions(name, code):
            if (largest := largest_in_region(code, area.code)) is not None:
                return Location(largest, (largest,), regions=asked, ignored=ignored, region_only=area)
    return Location(None, regions=asked, ignored=ignored, refused=first.refused)


def locate_plain(name: str, country_code: str) -> Place | None:
    """The place a bare name chooses, with no region and no reading: a qualifier's town."""
    return choose(*_named(name, country_code), (), ()).place


def candidates(city: str, country_code: str, region: str = "") -> tuple[Place, ...]:
    """Every place a name could mean, the chosen one first: for staff to pick from. Within
    the regions asked for, or, where the name is in none of them, wherever it is."""
    location = locate(city, country_code, region)
    return location.fits or location.elsewhere


def find_city(city: str, country_code: str) -> Place | None:
    """The GeoNames place a city name means in that country, or None when none is called so."""
    return locate(city, country_code).place


def _merged(name: str, code: str) -> Place | None:
    """The larger part of a merged commune's name, both parts towns side by side:
    'Évry-Courcouronnes' is Évry and Courcouronnes, 'Cherbourg-Octeville' Cherbourg."""
    for at in (i for i, letter in enumerate(name) if letter == "-"):
        parts = [locate_plain(part, code) for part in (name[:at], name[at + 1:])]
        if all(parts) and distance_km(parts[0].lat, parts[0].lon, parts[1].lat, parts[1].lon) <= MERGED_KM:
            return max(parts, key=lambda place: place.population)
    return None


def _named(name: str, code: str):
    return sorted_names(name, *places_named(name, code))


def _regions(text: str, code: str) -> tuple[Region, ...]:
    return regions_named(text, code) if text.strip() else ()


def _is_country(text: str, code: str) -> bool:
    """'USA' after 'Springfield, Illinois': the row's own country, said again."""
    country = resolve_country(text)
    return country is not None and country.code == code


def _overseas(text: str, code: str) -> str | None:
    """'Réunion' in a French row: the overseas part whose own code GeoNames files its towns under."""
    country = resolve_country(text) if text.strip() else None
    return country.code if country is not None and overseas_of(country.code) == code else None
