"""Among the places a name fits, which one a row means, and when the name is ambiguous.

One rule. A place's own name (its main name, or the main name's first words before a
qualifier: "Halle" of Halle (Saale), "Frankfurt" of Frankfurt am Main) beats another place's
alternate name; among the places called so, the most populous is chosen. A place that has the
name only as an alternate name is chosen only where no place is called so by its own name,
and the note says so; and only where the alternate name is its own name spelled otherwise
("Flensborg", "Prishtina") or the place is big enough to be named in other languages
("Göteborg", "Åbo"): an old name or a neighbour's name of a small town (Athens, Ohio was
"Harpers Ferry" to GeoNames) places nothing, and the row is reported. The name is ambiguous when
the country has another place of that name farther than 25 km away with at least 1/20 of
the chosen one's population or 50,000 people; the region column or "City, Region" settles it.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from geo.arcs import distance_km
from geo.places import Place
from geo.regions import Region
from geo.text import fold
from geo.units import Unit

RIVAL_SHARE = 1 / 20  # a namesake with this share of the chosen one's population is a rival…
RIVAL_PEOPLE = 50_000  # …and so is any namesake this big
SAME_PLACE_KM = 25  # namesakes this close are one place listed twice (a town and its centre)
KNOWN_ABROAD = 100_000  # a place this big may be named otherwise in other languages
SPELLED_OTHERWISE = 0.6  # how alike (difflib's ratio) two spellings of one name are at least
# What joins a name to the qualifier that tells it from its namesakes: Frankfurt am Main,
# Newcastle upon Tyne, Brandenburg an der Havel. Not the French "-de-", "-en-", "-sur-": there
# Saint-Étienne-du-Rouvray and Joinville-le-Pont are other towns than Saint-Étienne and Joinville.
_LINKING_WORDS = frozenset("am an der upon on under im in bei ob pri nad na".split())


@dataclass(frozen=True)
class Location:
    """What a city name means in a country: the place chosen and why, or why there is none."""

    place: Place | None  # where the row goes on the map; None: not found
    fits: tuple[Place, ...] = ()  # every place the name fits, chosen first, then by population
    rivals: tuple[Place, ...] = ()  # namesakes too big to rule out: the name is ambiguous
    read_as: str = ""  # how the name was read when not as written: "Odense", "Warsaw"
    regions: tuple[Region, ...] = ()  # the region(s) asked for, by the region column or in the name
    elsewhere: tuple[Place, ...] = ()  # places of that name outside the regions asked for
    ignored: tuple[str, ...] = ()  # qualifiers that are neither a region, a unit word nor a place
    region_only: Region | None = None  # the name is a region's: placed at its largest place
    other_name: bool = False  # placed by an alternate name of the place, said in the note
    refused: tuple[Place, ...] = ()  # places that have the name only as an alternate name not taken
    unit: Unit | None = None  # the name is a county's, municipality's or ward's: placed at its point

    @property
    def ambiguous(self) -> bool:
        return bool(self.rivals)


def sorted_names(name: str, by_main: tuple[Place, ...], by_other: tuple[Place, ...]):
    """(own, other, refused): the places called `name` by their own name, those by an alternate
    name that may stand for them, and those whose alternate name may not."""
    key = fold(name)
    own = by_main + tuple(p for p in by_other if _shortened(key, p.name))
    rest = [p for p in by_other if p not in own]
    other = tuple(p for p in rest if _spelled_otherwise(key, fold(p.name)) or p.population >= KNOWN_ABROAD)
    return own, other, tuple(p for p in rest if p not in other)


def _shortened(key: str, main: str) -> bool:
    """'halle' of 'Halle (Saale)', 'frankfurt' of 'Frankfurt am Main'; not 'springfield' of
    'Springfield Gardens' nor 'joinville' of 'Joinville-le-Pont', other places."""
    folded = fold(main)
    if not folded.startswith(key + " "):
        return False
    return "(" in main or folded[len(key) + 1:].split()[0] in _LINKING_WORDS


def _spelled_otherwise(name: str, main: str) -> bool:
    """'flensborg' for 'flensburg', 'halle westf' for 'halle', 'chalons' for 'chalons en
    champagne'; not 'beaver creek' for
    'beavercreek' (two words, one place each) nor 'harpers ferry' for 'athens'."""
    if name.startswith(main + " ") or main.startswith(name + " "):
        return True
    return name.count(" ") == main.count(" ") and SequenceMatcher(None, name, main).ratio() >= SPELLED_OTHERWISE


def choose(own: tuple[Place, ...], other: tuple[Place, ...], refused: tuple[Place, ...],
           asked: tuple[Region, ...], ignored: tuple[str, ...], read_as: str = "") -> Location:
    """Choose by the rule above, within the regions asked for."""
    if asked:
        wanted = {(region.country_code, region.code) for region in asked}
        outside = own + other
        own, other, refused = (tuple(p for p in group if (p.country_code, p.admin1) in wanted)
                               for group in (own, other, refused))
        if not own and not other:
            return Location(None, regions=asked, elsewhere=by_size(outside), ignored=ignored, read_as=read_as,
                            refused=by_size(refused))
    group = own or other
    if not group:
        return Location(None, regions=asked, ignored=ignored, read_as=read_as, refused=by_size(refused))
    chosen = max(group, key=_size)
    rivals = tuple(p for p in by_size(group) if p.geonameid != chosen.geonameid
                   and distance_km(p.lat, p.lon, chosen.lat, chosen.lon) > SAME_PLACE_KM
                   and (p.population >= RIVAL_SHARE * chosen.population or p.population >= RIVAL_PEOPLE))
    rest = tuple(p for p in by_size(own + other) if p.geonameid != chosen.geonameid)
    return Location(chosen, (chosen, *rest), rivals, read_as, asked, ignored=ignored, other_name=not own)


def choose_unit(units: tuple[Unit, ...], asked: tuple[Region, ...], ignored: tuple[str, ...]) -> Location | None:
    """The same rule for counties, municipalities and wards, each placed at its point."""
    if asked:
        wanted = {(region.country_code, region.code) for region in asked}
        units = tuple(u for u in units if (u.country_code, u.admin1) in wanted)
    if not units:
        return None
    places = {_as_place(unit): unit for unit in units}
    location = choose(tuple(places), (), (), (), ignored)
    return Location(location.place, location.fits, location.rivals, regions=asked, ignored=ignored,
                    unit=places[location.place])


def _as_place(unit: Unit) -> Place:
    return Place(unit.name, unit.country_code, unit.lat, unit.lon, unit.population, unit.row,
                 unit.admin1, unit.region)


def _size(place: Place) -> tuple[int, int]:
    return place.population, -place.geonameid  # ties: the older GeoNames entry, for a stable order


def by_size(places) -> tuple[Place, ...]:
    unique = {place.geonameid: place for place in places}
    return tuple(sorted(unique.values(), key=_size, reverse=True))
