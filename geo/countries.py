"""Countries by any name staff write: English or Danish names, ISO alpha-2 or alpha-3 codes.

pycountry carries the ISO 3166 names and their Danish translations, so "Tyskland", "Germany",
"DE" and "DEU" are all Germany, with no network.
"""
from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from geo.text import fold

# Names people write that ISO 3166 spells differently.
_EVERYDAY_NAMES = {
    "usa": "US", "us": "US", "united states of america": "US", "america": "US",
    "uk": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "storbritannien": "GB", "england (uk)": "GB", "russia": "RU", "rusland": "RU",
    "south korea": "KR", "sydkorea": "KR", "north korea": "KP", "nordkorea": "KP",
    "the netherlands": "NL", "holland": "NL", "czech republic": "CZ", "tjekkiet": "CZ",
    "vietnam": "VN", "iran": "IR", "syria": "SY", "taiwan": "TW", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "laos": "LA", "turkey": "TR",
    "tyrkiet": "TR", "ivory coast": "CI", "kosovo": "XK",
}


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # English short name
    name_da: str


@lru_cache(maxsize=1)
def _translations() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["da"])
    except OSError:
        return gettext.NullTranslations()


@lru_cache(maxsize=None)
def country_by_code(code: str) -> Country | None:
    if code == "XK":
        return Country("XK", "Kosovo", "Kosovo")
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return None
    name = getattr(record, "common_name", None) or record.name
    return Country(record.alpha_2, name, _translations().gettext(record.name))


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Every accepted spelling, folded, → alpha-2."""
    index: dict[str, str] = {}
    da = _translations()
    for record in pycountry.countries:
        spellings = [record.alpha_2, record.alpha_3, record.name, da.gettext(record.name)]
        spellings += [getattr(record, attr, None) for attr in ("common_name", "official_name")]
        for spelling in filter(None, spellings):
            index.setdefault(fold(spelling), record.alpha_2)
    for spelling, code in _EVERYDAY_NAMES.items():
        index.setdefault(fold(spelling), code)
    return index


def resolve_country(text: str) -> Country | None:
    """The country a person meant, or None when no spelling we know matches."""
    code = _index().get(fold(text))
    return country_by_code(code) if code else None
