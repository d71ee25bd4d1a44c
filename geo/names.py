"""Place names as partner lists write them, taken apart: qualifiers and designation words.

Lists copy names from letterheads and encyclopaedias: "Odense Kommune", "City of Baoding",
"Landkreis Forchheim", "Peoria, Illinois", "Mokotów (Warsaw)", "Forchheim (district)". The
gazetteer first tries a name as written (GeoNames itself says "Halle (Saale)" and "Quezon
City"); only when that fails are these read: the qualifiers (after a comma, in parentheses)
and the name without its designation words. Everything here works on folded text (geo.text).
"""
from __future__ import annotations

import re

from geo.text import fold

# Words for an administrative unit, folded, in the languages of the lists we meet: written
# before or after the name. A qualifier that is only such words says nothing about where.
_UNIT_WORDS = """
municipality municipal council city town village borough county district parish township region
province prefecture metropolitan urban rural
kommune kommunia kommuneqarfik kommun kommuna kunta kaupunki stad sogn herred amt
gemeinde landkreis kreis stadtkreis kreisfreie stadt hansestadt landeshauptstadt kreisstadt markt
gmina miasto powiat miejska wiejska vald linn maakond novads pagasts savivaldybe rajono miesto
obec mesto statutarni opcina opstina obcina mestna grad varos kozseg megye
municipio comune commune ville gemeente municipiul orasul comuna dimos belediyesi buyuksehir
shi ku gun si
"""
# The same, as phrases to strip whole: "Aarhus Municipal Council", "Powiat Forchheim".
_UNIT_PHRASES = """
municipal district|municipal council|city council|metropolitan borough|urban district|rural district|
metropolitan city|royal borough|kreisfreie stadt|gmina miejska|gmina wiejska|rajono savivaldybe|
miesto savivaldybe|statutarni mesto|mestna obcina|buyuksehir belediyesi
"""
# Written before the name with a linking word: "City of Baoding", "Comune di Parma".
_LINKED_PREFIXES = """
city of|town of|municipality of|borough of|county of|district of|parish of|village of|township of|
royal borough of|metropolitan borough of|the city of|the town of|comune di|citta di|commune de|
ville de|la ville de|municipio de|ayuntamiento de|concello de|ajuntament de|gemeente|landkreis|kreis|
stadt|hansestadt|landeshauptstadt|kreisstadt|gemeinde|markt|gmina|miasto|powiat|kommune|
kommuneqarfik|municipiul|orasul|comuna|grad|mesto|statutarni mesto|obec|opcina|opstina|obcina|
mestna obcina|dimos|municipality|municipio
"""


# Words for a unit that is an area around many towns, never named for how far its town reaches:
# "Montgomery County" is not the town of Montgomery, nor "Yangpyeong-gun" the town Yangpyeong.
_AREA_WORDS = frozenset({"county", "gun", "lan", "megye"})


def _words(block: str) -> tuple[str, ...]:
    return tuple(sorted({" ".join(w.split()) for w in block.replace("\n", " ").split("|") if w.strip()},
                        key=len, reverse=True))


_SUFFIXES = tuple(sorted(set(_UNIT_WORDS.split()) | set(_words(_UNIT_PHRASES)), key=len, reverse=True))
_PREFIXES = _words(_LINKED_PREFIXES)
_PREFIX = re.compile("^(?:" + "|".join(map(re.escape, _PREFIXES)) + ") ")  # longest first, as listed
_SUFFIX = re.compile(" (?:" + "|".join(map(re.escape, _SUFFIXES)) + ")$")
_QUALIFIER = re.compile(r"\(([^()]*)\)|,([^,()]*)")


def split_qualifiers(text: str) -> tuple[str, tuple[str, ...]]:
    """'Peoria, Illinois' → ('Peoria', ('Illinois',)); 'Mokotów (Warsaw)' → ('Mokotów',
    ('Warsaw',)); 'Springfield (Illinois), USA' → ('Springfield', ('Illinois', 'USA'))."""
    qualifiers = tuple(q for q in ((a or b).strip() for a, b in _QUALIFIER.findall(text)) if q)
    base = " ".join(_QUALIFIER.sub(" ", text).split())
    return base, qualifiers


def is_unit_word(text: str) -> bool:
    """'district', '(Landkreis)', 'Kommune': a qualifier that names a kind of unit, not a place."""
    folded = fold(text)
    return bool(folded) and all(word in _SUFFIXES for word in folded.split())


def is_area_name(text: str) -> bool:
    """'Montgomery County', 'County of Kent', 'Skåne län': a name never read as its town's."""
    words = fold(text).split()
    return len(words) > 1 and not _AREA_WORDS.isdisjoint(words)


def plain_names(text: str) -> list[str]:
    """The folded name without the designation words around it, shortest change first:
    'Odense Kommune' → ['odense']; 'City of Baoding' → ['baoding']; 'Kreis Forchheim' →
    ['forchheim']. Empty when there is nothing to strip, or nothing would be left."""
    name, found = fold(text), []
    while True:
        shorter = _strip_once(name)
        if not shorter or shorter == name:
            return found
        found.append(shorter)
        name = shorter


def _strip_once(name: str) -> str:
    if found := _PREFIX.match(name):
        return name[found.end():]
    if found := _SUFFIX.search(name):
        return name[:found.start()]
    return name
