"""The view in the URL, both ways, forgiving what people type."""
from __future__ import annotations

import pytest

from partnerships.filtering import View, YearMode
from partnerships.urlstate import language_from_locale, params_for, view_from_params

YEARS = (2007, 2026)


@pytest.mark.parametrize(("params", "expected"), [
    ({"year": "2013"}, {"year": 2013}),
    ({"year": "1999"}, {"year": 2007}),
    ({"year": "3000"}, {"year": 2026}),
    ({"year": "soon"}, {}),
    ({"types": "Friendship city,climate NETWORK"}, {"types": ["Friendship city", "Climate network"]}),
    ({"types": "Venskabsby,Pen pals"}, {"types": ["Friendship city"]}),
    ({"types": "Pen pals"}, {"types": ["Friendship city", "Cross-border cooperation", "Climate network",
                                      "Research partnership", "Urbanisation partnership", "NGO partnership"]}),
    ({"year": "²"}, {}),
    ({"types": ""}, {"types": []}),
    ({"lang": "da"}, {"lang": "da"}),
    ({"lang": "fr"}, {}),
    ({"show": "begun"}, {"show": "begun"}),
    ({"show": "sometimes"}, {}),
    ({"partner": " baoding "}, {"partner": "baoding"}),
])
def test_view_from_params(vocabulary, params, expected):
    assert view_from_params(params, vocabulary, YEARS) == expected


def test_round_trip(vocabulary):
    view = View(("Friendship city", "Urbanisation partnership"), 2013, YearMode.BEGUN)
    params = params_for(view, "da", "haiyan", vocabulary)
    assert params == {"year": "2013", "lang": "da", "types": "Friendship city,Urbanisation partnership",
                      "show": "begun", "partner": "haiyan"}
    assert view_from_params(params, vocabulary, YEARS) == {
        "year": 2013, "types": list(view.types), "lang": "da", "show": "begun", "partner": "haiyan"}


def test_defaults_stay_out_of_the_link(vocabulary):
    assert params_for(View(tuple(vocabulary.names), 2026), "en", None, vocabulary) == {"year": "2026", "lang": "en"}


@pytest.mark.parametrize(("locale", "lang"), [("da-DK", "da"), ("da", "da"), ("en-GB", "en"), ("de-DE", "de"), ("fr-FR", None), (None, None)])
def test_language_from_locale(locale, lang):
    assert language_from_locale(locale) == lang
