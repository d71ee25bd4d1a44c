"""Countries by any name staff write."""
from __future__ import annotations

import pytest

from geo.countries import resolve_country


@pytest.mark.parametrize(
    ("text", "code"),
    [("Germany", "DE"), ("Tyskland", "DE"), ("DE", "DE"), ("deu", "DE"), (" germany ", "DE"),
     ("Kina", "CN"), ("China", "CN"), ("USA", "US"), ("United States", "US"), ("Danmark", "DK"),
     ("UK", "GB"), ("Storbritannien", "GB"), ("Sverige", "SE")],
)
def test_english_danish_and_iso_names(text, code):
    assert resolve_country(text).code == code


def test_unknown_country_is_none():
    assert resolve_country("Narnia") is None


def test_names_in_every_language():
    germany = resolve_country("DE")
    assert [germany.name_in(lang) for lang in ("en", "da", "de")] == ["Germany", "Tyskland", "Deutschland"]


@pytest.mark.parametrize(
    ("text", "code"),
    [("England, United Kingdom", "GB"), ("Scotland, United Kingdom", "GB"), ("Wales, United Kingdom", "GB"),
     ("Northern Ireland", "GB"), ("Northern Ireland, UK", "GB"), ("Wales (UK)", "GB"), ("U.K.", "GB"),
     ("Bavaria, Germany", "DE"), ("U.S.A.", "US"), ("Palestine", "PS"), ("State of Palestine", "PS"),
     ("Palæstina", "PS"), ("Cape Verde", "CV"), ("Kap Verde", "CV"), ("DR Congo", "CD"),
     ("Democratic Republic of the Congo", "CD"), ("Den Demokratiske Republik Congo", "CD"),
     ("Republic of the Congo", "CG"), ("East Timor", "TL"), ("Østtimor", "TL"), ("Timor-Leste", "TL"),
     ("Kosovo", "XK"), ("São Tomé and Príncipe", "ST"), ("Ivory Coast", "CI"), ("Elfenbenskysten", "CI"),
     ("Czech Republic", "CZ"), ("Tjekkiet", "CZ"), ("Russia", "RU"), ("Rusland", "RU"), ("South Korea", "KR"),
     ("Sydkorea", "KR"), ("Korea, South", "KR"), ("Macedonia", "MK"), ("Swaziland", "SZ"), ("Vatican", "VA"),
     ("Bosnia", "BA"), ("Republic of Ireland", "IE"), ("Grønland", "GL"), ("Færøerne", "FO"), ("Holland", "NL"),
     ("PR China", "CN"), ("UAE", "AE"), ("Deutschland", "DE"), ("Türkei", "TR"), ("Vereinigte Staaten", "US"),
     ("Vereinigtes Königreich", "GB"), ("Tschechien", "CZ")],
)
def test_countries_as_lists_write_them(text, code):
    assert resolve_country(text).code == code


@pytest.mark.parametrize("text", ["Korea", "Germany, France", "Narnia, Germany", "Bavaria, Austria", "South America"])
def test_unclear_countries_are_refused(text):
    assert resolve_country(text) is None


@pytest.mark.parametrize(("text", "code"), [
    ("Réunion, France", "RE"), ("La Réunion", "RE"), ("Guadeloupe (France)", "GP"), ("Martinique, France", "MQ"),
    ("French Guiana, France", "GF"), ("Mayotte, Frankrig", "YT"), ("Greenland, Denmark", "GL"),
    ("Færøerne, Danmark", "FO"), ("Puerto Rico, USA", "PR"), ("Åland, Finland", "AX"), ("Svalbard, Norway", "SJ"),
    ("Hong Kong, China", "HK"), ("Aruba, Netherlands", "AW"), ("Gibraltar, UK", "GI"),
])
def test_an_overseas_part_with_its_country_is_the_part(text, code):
    """GeoNames files the towns of Réunion under RE, not FR: the part is what finds them."""
    assert resolve_country(text).code == code


@pytest.mark.parametrize("text", ["Réunion, Denmark", "Greenland, France"])
def test_an_overseas_part_of_another_country_is_refused(text):
    assert resolve_country(text) is None
