"""Countries by any name staff write: English, Danish or German names, ISO alpha-2 or alpha-3 codes.

pycountry carries the ISO 3166 names and their translations, so "Tyskland", "Deutschland",
"Germany", "DE" and "DEU" are all Germany, with no network; a country is named in any
language pycountry translates.
"""
from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from geo.text import fold

# Names people write that ISO 3166 spells differently, in English and Danish (German comes
# from pycountry's translations). Compared folded: "U.S.A." is "u s a", "Østtimor" "osttimor".
_EVERYDAY_NAMES = {
    "US": "usa|us|u s a|u s|united states of america|america|amerika|de forenede stater|forenede stater",
    "GB": "uk|u k|great britain|britain|england|scotland|wales|northern ireland|nordirland|skotland|"
          "storbritannien|england uk",
    "RU": "russia|rusland|russland", "KR": "south korea|sydkorea|republic of korea|korea south|korea republic",
    "KP": "north korea|nordkorea", "NL": "the netherlands|holland|nederlandene", "CZ": "czech republic|tjekkiet",
    "VN": "vietnam", "IR": "iran", "SY": "syria", "TW": "taiwan", "BO": "bolivia", "VE": "venezuela",
    "TZ": "tanzania", "MD": "moldova", "LA": "laos|lao pdr", "TR": "turkey|tyrkiet", "CI": "ivory coast",
    "XK": "kosovo",
    "PS": "palestine|state of palestine|palestinian territories|palestinian territory|west bank|gaza|palæstina|"
          "de palæstinensiske områder",
    "CV": "cape verde", "CD": "dr congo|drc|d r congo|democratic republic of the congo|democratic republic of congo|"
          "congo kinshasa|zaire|dr kongo|den demokratiske republik congo|den demokratiske republik kongo",
    "CG": "republic of the congo|republic of congo|congo brazzaville|republikken congo",
    "TL": "east timor|timor leste|østtimor|øst-timor", "ST": "sao tome|sao tome and principe",
    "MK": "macedonia|makedonien|fyrom", "SZ": "swaziland", "VA": "vatican|vatican city|holy see|vatikanet",
    "FM": "micronesia|mikronesien", "BA": "bosnia|bosnia herzegovina|bosnien og hercegovina|bosnien hercegovina",
    "GM": "the gambia", "BS": "the bahamas", "IE": "republic of ireland|eire", "MO": "macau",
    "CN": "pr china|p r china|prc|people s republic of china|china people s republic of|kina",
    "AE": "uae|u a e", "LC": "st lucia", "KN": "st kitts and nevis|saint kitts|st kitts",
    "VC": "st vincent and the grenadines|saint vincent", "FO": "faroe islands|faroes|færøerne",
    "GL": "greenland|grønland", "BN": "brunei", "MM": "burma", "CH": "schweiz|switzerland",
    "SJ": "svalbard|jan mayen", "AX": "aland|åland|aland islands|ålandsøerne", "RE": "la reunion",
    "GF": "guyane|guyane francaise", "NC": "nouvelle caledonie", "PF": "polynesie francaise|tahiti",
}
# Overseas parts that ISO 3166 and GeoNames list as countries of their own: "Réunion, France"
# and "Greenland, Denmark" are the part, whose towns GeoNames files under the part's code.
_OVERSEAS = {
    "FR": "RE GP MQ GF YT PM BL MF NC PF WF TF", "DK": "GL FO", "NL": "AW CW SX BQ", "NO": "SJ BV",
    "FI": "AX", "CN": "HK MO", "US": "PR GU VI AS MP UM", "AU": "CX CC NF HM", "NZ": "CK NU TK",
    "GB": "GI IM JE GG BM KY VG AI MS TC FK SH PN IO GS",
}
_OVERSEAS_OF = {part: country for country, parts in _OVERSEAS.items() for part in parts.split()}


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # English short name

    def name_in(self, language: str) -> str:
        """The name in `language` (an ISO 639-1 code), as pycountry translates ISO 3166; the
        English name where it has no translation."""
        return _name_in(self.code, language) or self.name


@lru_cache(maxsize=None)
def _translations(language: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return gettext.NullTranslations()


@lru_cache(maxsize=None)
def country_by_code(code: str) -> Country | None:
    if code == "XK":
        return Country("XK", "Kosovo")
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return None
    return Country(record.alpha_2, getattr(record, "common_name", None) or record.name)


def country_name(code: str, language: str) -> str:
    """The name of the country with ISO code `code` in `language`: country_name("DE", "da") is Tyskland."""
    country = country_by_code(code)
    return country.name_in(language) if country else code


@lru_cache(maxsize=None)
def _name_in(code: str, language: str) -> str | None:
    record = pycountry.countries.get(alpha_2=code)
    if record is None or language == "en":
        return None  # Kosovo, and English: the Country's own name
    return _translations(language).gettext(record.name)


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Every accepted spelling, folded, → alpha-2."""
    index: dict[str, str] = {}
    da, de = _translations("da"), _translations("de")
    for record in pycountry.countries:
        names = [record.name] + [getattr(record, attr, None) for attr in ("common_name", "official_name")]
        translated = (language.gettext(name) for name in filter(None, names) for language in (da, de))
        spellings = [record.alpha_2, record.alpha_3, *names, *translated]
        for spelling in filter(None, spellings):
            index.setdefault(fold(spelling), record.alpha_2)
    for code, spellings in _EVERYDAY_NAMES.items():
        for spelling in spellings.split("|"):
            index.setdefault(fold(spelling), code)
    return index


def overseas_parts(code: str) -> tuple[str, ...]:
    """The overseas parts of a country: 'FR' → ('RE', 'GP', …); () for most."""
    return tuple(_OVERSEAS.get(code, "").split())


def overseas_of(code: str) -> str | None:
    """The country an overseas part belongs to: 'RE' → 'FR', 'GL' → 'DK'; None for others."""
    return _OVERSEAS_OF.get(code)


def resolve_country(text: str) -> Country | None:
    """The country a person meant, or None when no spelling we know matches. Lists also write
    "England, United Kingdom", "Wales (UK)", "Bavaria, Germany": a country with its part."""
    code = _index().get(fold(text)) or _with_part(text)
    return country_by_code(code) if code else None


def region_in(text: str, code: str) -> str:
    """The part of a country cell that names one of the country's regions: 'Wales' of
    'Wales, United Kingdom', 'Bavaria' of 'Bavaria (Germany)'; '' where none does."""
    from geo.regions import regions_named

    parts = [part.strip() for part in re.split(r"[,()]", text) if fold(part)]
    return next((part for part in parts if len(parts) > 1 and regions_named(part, code)), "")


def _with_part(text: str) -> str | None:
    """The country of "A, B" or "A (B)" when every part names it or one of its regions, or
    the overseas part of "Réunion, France"."""
    parts = [fold(part) for part in re.split(r"[,()]", text)]
    parts = [part for part in parts if part]
    codes = {_index().get(part) for part in parts} - {None}
    if len(parts) == len(codes) == 2 and len({_OVERSEAS_OF.get(code, code) for code in codes}) == 1:
        return next(code for code in codes if code in _OVERSEAS_OF)
    if len(parts) < 2 or len(codes) != 1:
        return None
    (code,) = codes
    from geo.regions import regions_named  # the regions file is read only when a part needs it

    return code if all(_index().get(part) == code or regions_named(part, code) for part in parts) else None
