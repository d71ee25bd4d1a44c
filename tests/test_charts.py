"""The charts page's numbers, sentences and Altair specs, from a small set of partners."""
from __future__ import annotations

import itertools
from collections.abc import Iterator

import altair as alt
import pandas as pd
import pytest

from geo.continents import CONTINENTS, continent_of
from partnerships.charts import (
    HOME_COLOR, OTHER_COLOR, PLACE_COLOR, Grouping, by_place, by_type, by_year, continent_name, place_chart,
    place_summary, type_chart, type_summary, year_chart, year_summary,
)
from partnerships.filtering import View, YearMode
from partnerships.i18n import LANGUAGES, catalog
from partnerships.style import PALETTE

CROSS_BORDER = "Cross-border cooperation"


@pytest.fixture
def partners() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["baoding", "flensburg", "aabenraa", "clinton", "wwf"],
        "type": ["Friendship city", CROSS_BORDER, CROSS_BORDER, "Climate network", "NGO partnership"],
        "country_code": ["CN", "DE", "DK", "US", "DK"],
        "country_name": ["China", "Germany", "Denmark", "United States", "Denmark"],
        "country_name_da": ["Kina", "Tyskland", "Danmark", "USA", "Danmark"],
        "start_year": pd.array([2010, 2007, 2007, 2012, 2010], dtype="Int64"),
        "end_year": pd.array([None, None, 2012, None, None], dtype="Int64"),  # aabenraa ended in 2012
    })


@pytest.fixture
def many_countries() -> pd.DataFrame:
    """Twenty countries: Aland with three partnerships, nineteen others with one each."""
    names = ["Aland"] * 3 + [f"Country {i:02d}" for i in range(19)]
    return pd.DataFrame({"country_code": ["XX"] * len(names), "country_name": names, "country_name_da": names})


def test_by_type_counts_every_chosen_type_in_the_files_order_with_its_colour(partners, vocabulary):
    types = by_type(partners, vocabulary, vocabulary.names, "en")
    assert types["label"].tolist() == vocabulary.names
    assert types["count"].tolist() == [1, 2, 1, 0, 0, 1]
    assert types["color"].tolist() == list(PALETTE[:6])


def test_by_type_keeps_the_files_order_and_colours_for_some_types_in_danish(partners, vocabulary):
    types = by_type(partners, vocabulary, ("NGO partnership", "Friendship city"), "da")
    assert types.to_dict("list") == {"label": ["Venskabsby", "NGO-partnerskab"], "count": [1, 1],
                                     "color": [PALETTE[0], PALETTE[5]]}


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [("DK", "en", "Europe"), ("CN", "en", "Asia"), ("US", "en", "North America"),
     ("DK", "da", "Europa"), ("CN", "da", "Asien"), ("US", "da", "Nordamerika"), ("XK", "en", "Europe"),
     ("??", "en", None)],
)
def test_continent_of_a_country(code, lang, expected):
    assert continent_name(code, lang) == expected


def test_every_continent_and_grouping_has_its_words():
    keys = [f"continent_{code}" for code in CONTINENTS]
    keys += [f"chart_{g.value}{suffix}" for g in Grouping for suffix in ("", "_title")]
    assert set(keys) <= {key for lang in LANGUAGES for key in catalog(lang).wordings}
    assert continent_of("dk") == "EU"


@pytest.mark.parametrize(
    ("grouping", "lang", "expected"),
    [
        (Grouping.COUNTRY, "en", [("Denmark", 2), ("China", 1), ("Germany", 1), ("United States", 1)]),
        (Grouping.COUNTRY, "da", [("Danmark", 2), ("Kina", 1), ("Tyskland", 1), ("USA", 1)]),
        (Grouping.CONTINENT, "en", [("Europe", 3), ("Asia", 1), ("North America", 1)]),
        (Grouping.CONTINENT, "da", [("Europa", 3), ("Asien", 1), ("Nordamerika", 1)]),
    ],
)
def test_by_place_most_first_then_by_name(partners, grouping, lang, expected):
    places = by_place(partners, grouping, lang)
    assert list(zip(places["label"], places["count"])) == expected


def test_by_place_shows_the_top_fifteen_and_the_rest_as_other(many_countries):
    places = by_place(many_countries, Grouping.COUNTRY, "da")
    assert len(places) == 16
    assert places["label"].tolist()[:3] == ["Aland", "Country 00", "Country 01"]
    assert places.iloc[-1].to_dict() == {"label": "Andre", "count": 5, "color": OTHER_COLOR}
    assert places["count"].sum() == len(many_countries)


def test_by_place_of_nothing_is_empty(partners):
    assert by_place(partners.iloc[0:0], Grouping.CONTINENT, "en").empty


def test_by_year_counts_active_and_begun_up_to_the_chosen_year(partners, vocabulary):
    years = by_year(partners, View(tuple(vocabulary.names), 2014))
    assert years["year"].tolist() == list(range(2007, 2015))
    assert years["active"].tolist() == [2, 2, 2, 4, 4, 5, 4, 4]  # aabenraa is active in 2012, its end year
    assert years["begun"].tolist() == [2, 0, 0, 2, 0, 1, 0, 0]


@pytest.mark.parametrize(
    ("types", "mode", "active", "begun"),
    [
        ((CROSS_BORDER,), YearMode.ACTIVE, [2, 2, 2, 2, 2, 2, 1], [2, 0, 0, 0, 0, 0, 0]),
        ((CROSS_BORDER,), YearMode.BEGUN, [2, 2, 2, 2, 2, 2, 1], [2, 0, 0, 0, 0, 0, 0]),  # the mode does not apply
        (("Climate network",), YearMode.ACTIVE, [0, 0, 0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 1, 0]),  # still from 2007
    ],
)
def test_by_year_follows_the_types_but_not_the_mode(partners, types, mode, active, begun):
    years = by_year(partners, View(types, 2013, mode))
    assert years["year"].tolist() == list(range(2007, 2014))
    assert (years["active"].tolist(), years["begun"].tolist()) == (active, begun)


@pytest.mark.parametrize(("types", "year"), [((), 2014), ((CROSS_BORDER,), 2006), (("Climate network",), 2011)])
def test_by_year_is_empty_when_nothing_of_those_types_had_begun(partners, types, year):
    assert by_year(partners, View(types, year)).empty


@pytest.mark.parametrize(
    ("types", "lang", "expected"),
    [
        (None, "en", "The most common type is Cross-border cooperation (2 of 5)."),
        (None, "da", "Den hyppigste type er Grænseoverskridende samarbejde (2 af 5)."),
        (("Friendship city", "Climate network"), "en",
         "The most common types are Friendship city and Climate network (1 each of 2)."),
        (("Research partnership",), "en", "No partnerships in view."),
    ],
)
def test_type_summary(partners, vocabulary, types, lang, expected):
    chosen = vocabulary.names if types is None else types
    shown = partners[partners["type"].isin(chosen)]
    assert type_summary(by_type(shown, vocabulary, chosen, lang), lang) == expected


@pytest.mark.parametrize(
    ("grouping", "lang", "expected"),
    [
        (Grouping.COUNTRY, "en", "The most partnerships are in Denmark (2 of 5)."),
        (Grouping.CONTINENT, "da", "Flest partnerskaber er i Europa (3 af 5)."),
    ],
)
def test_place_summary(partners, grouping, lang, expected):
    assert place_summary(partners, grouping, lang) == expected


def test_place_summary_names_the_leader_even_when_other_adds_up_to_more(many_countries):
    assert place_summary(many_countries, Grouping.COUNTRY, "en") == "The most partnerships are in Aland (3 of 22)."


def test_place_summary_of_nothing(partners):
    assert place_summary(partners.iloc[0:0], Grouping.COUNTRY, "da") == "Ingen partnerskaber i visningen."


@pytest.mark.parametrize(
    ("types", "lang", "expected"),
    [
        (None, "en", "Partnerships active in 2014: 4; the most began in 2007 and 2010 (2 each)."),
        (None, "da", "Aktive partnerskaber i 2014: 4; flest begyndte i 2007 og 2010 (2 hvert år)."),
        (("Climate network",), "en", "Partnerships active in 2014: 1; the most began in 2012 (1)."),
        ((), "en", "No partnerships in view."),
    ],
)
def test_year_summary(partners, vocabulary, types, lang, expected):
    view = View(tuple(vocabulary.names) if types is None else types, 2014)
    assert year_summary(by_year(partners, view), lang) == expected


# --- The Altair specs -----------------------------------------------------------------------

def _dicts(node: object) -> Iterator[dict]:
    """Every mapping in a spec, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _dicts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _dicts(value)


def _channels(spec: dict) -> list[dict]:
    """Every encoding channel of every layer, tooltips included."""
    channels = []
    for encoding in (d["encoding"] for d in _dicts(spec) if "encoding" in d):
        for definition in encoding.values():
            channels += definition if isinstance(definition, list) else [definition]
    return channels


def _spec(kind: str, partners: pd.DataFrame, vocabulary, lang: str) -> dict:
    """One chart of the fixture, in `lang`, as Vega-Lite JSON."""
    if kind == "type":
        chart = type_chart(by_type(partners, vocabulary, vocabulary.names, lang), lang)
    elif kind == "place":
        chart = place_chart(by_place(partners, Grouping.CONTINENT, lang), Grouping.CONTINENT, lang)
    else:
        chart = year_chart(by_year(partners, View(tuple(vocabulary.names), 2014)), 2014, lang)
    assert isinstance(chart, alt.TopLevelMixin)
    return chart.to_dict()


@pytest.mark.parametrize(
    ("kind", "fields", "title", "titles"),
    [
        ("type", {"label", "count", "color"}, "Partnerskaber efter type", {"Type", "Partnerskaber"}),
        ("place", {"label", "count", "color"}, "Partnerskaber efter verdensdel", {"Verdensdel", "Partnerskaber"}),
        ("year", {"year", "active", "begun", "series", "count", "order"}, "Partnerskaber år for år",
         {"År", "Partnerskaber", "Aktive det år", "Begyndt det år", "Valgt år"}),
    ],
)
def test_charts_use_the_tidy_columns_and_speak_danish(partners, vocabulary, kind, fields, title, titles):
    spec = _spec(kind, partners, vocabulary, "da")
    channels = _channels(spec)
    assert {c["field"] for c in channels if "field" in c} == fields
    assert {c["title"] for c in channels if c.get("title")} == titles
    assert spec["title"] == spec["description"] == title  # the description is the chart's accessible name
    assert spec["width"] == "container"
    assert any("tooltip" in d for d in _dicts(spec))
    assert spec["config"]["axis"]["labelFontSize"] >= 13


@pytest.mark.parametrize("kind", ["type", "place"])
def test_bars_carry_their_count_as_text_and_their_colour_from_the_data(partners, vocabulary, kind):
    spec = _spec(kind, partners, vocabulary, "en")
    layers = {layer["mark"]["type"]: layer["encoding"] for layer in spec["layer"]}
    assert layers["text"]["text"]["field"] == "count"
    assert layers["bar"]["color"] == {"field": "color", "scale": None, "type": "nominal"}
    assert layers["bar"]["y"]["sort"] is None  # the frame's order: the types file's, or most first


def test_year_chart_marks_the_chosen_year(partners, vocabulary):
    spec = _spec("year", partners, vocabulary, "en")
    rows = list(itertools.chain.from_iterable(spec["datasets"].values()))
    assert {"year": 2014} in rows  # the rule and its label
    assert max(row.get("year", 0) for row in rows) == 2014
    assert {d["mark"]["type"] if isinstance(d["mark"], dict) else d["mark"] for d in _dicts(spec) if "mark" in d} == {
        "bar", "rule", "text"}


# --- One axis, legends like their marks -----------------------------------------------------

def test_the_year_chart_has_one_y_axis_and_square_legend_symbols_for_its_bars(partners, vocabulary):
    """A bar of 2 must reach the 2 line: every mark shares the one count scale."""
    spec = _spec("year", partners, vocabulary, "en")
    (bars,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "bar"]
    ys = [layer["encoding"].get("y", {}) for layer in spec["layer"]]
    quantitative_y = [y for y in ys if y.get("type") == "quantitative"]
    assert quantitative_y == [bars["encoding"]["y"]] and bars["encoding"]["y"]["stack"] == "zero"
    assert "resolve" not in spec
    assert bars["encoding"]["color"]["legend"]["symbolType"] == "square"
    assert bars["encoding"]["color"]["scale"]["domain"] == ["Begun that year", "Begun earlier"]  # no unknown: no entry


def test_the_year_bars_stack_begun_on_begun_earlier_to_the_years_total(partners, vocabulary):
    spec = _spec("year", partners, vocabulary, "en")
    (bars,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "bar"]
    parts = spec["datasets"][bars["data"]["name"]]
    in_2010 = {row["series"]: row["count"] for row in parts if row["year"] == 2010}
    assert in_2010 == {"Begun earlier": 2, "Begun that year": 2}  # 4 active in 2010


# --- Status unknown after the last confirmed year -------------------------------------------

@pytest.fixture
def confirmed(partners) -> pd.DataFrame:
    """Everyone confirmed until 2012, Baoding until 2014."""
    return partners.assign(confirmed=pd.array([2014, 2012, 2012, 2012, 2012], dtype="Int64"))


def test_by_year_counts_apart_what_no_source_confirms(confirmed, vocabulary):
    years = by_year(confirmed, View(tuple(vocabulary.names), 2014))
    assert years["active"].tolist() == [2, 2, 2, 4, 4, 5, 1, 1]  # 2013, 2014: Baoding alone is confirmed
    assert years["unknown"].tolist() == [0, 0, 0, 0, 0, 0, 3, 3]  # Flensburg, Clinton, WWF; Aabenraa ended in 2012


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Partnerships a source confirms as active in 2014: 1; status unknown: 3; "
           "the most began in 2007 and 2010 (2 each)."),
    ("da", "Partnerskaber, som en kilde bekræfter som aktive i 2014: 1; status ukendt: 3; "
           "flest begyndte i 2007 og 2010 (2 hvert år)."),
])
def test_year_summary_does_not_call_unconfirmed_partnerships_active(confirmed, vocabulary, lang, expected):
    assert year_summary(by_year(confirmed, View(tuple(vocabulary.names), 2014)), lang) == expected


def test_the_year_chart_draws_unknown_status_pale_between_the_others(confirmed, vocabulary):
    chart = year_chart(by_year(confirmed, View(tuple(vocabulary.names), 2014)), 2014, "en").to_dict()
    (bars,) = [layer for layer in chart["layer"] if layer["mark"]["type"] == "bar"]
    scale = bars["encoding"]["color"]["scale"]
    assert scale["domain"] == ["Begun that year", "Begun earlier", "Status unknown"]
    orders = {row["series"]: row["order"] for row in chart["datasets"][bars["data"]["name"]]}
    assert orders == {"Begun earlier": 0, "Status unknown": 1, "Begun that year": 2}  # from the bottom up
    tooltip = next(layer for layer in chart["layer"] if layer["mark"]["type"] == "rule")["encoding"]["tooltip"]
    assert [t["title"] for t in tooltip] == ["Year", "Active that year", "Begun that year", "Status unknown"]


# --- At home and international --------------------------------------------------------------

@pytest.mark.parametrize(("grouping", "lang", "expected"), [
    (Grouping.COUNTRY, "en", [("Denmark (home)", 2, HOME_COLOR), ("China", 1, PLACE_COLOR), ("Germany", 1, PLACE_COLOR),
                              ("United States", 1, PLACE_COLOR)]),
    (Grouping.CONTINENT, "da", [("Danmark (hjemme)", 2, HOME_COLOR), ("Asien", 1, PLACE_COLOR),
                                ("Europa", 1, PLACE_COLOR), ("Nordamerika", 1, PLACE_COLOR)]),
])
def test_by_place_puts_the_home_country_first_in_its_own_colour(partners, grouping, lang, expected):
    """Europe counts Germany only: Denmark, at home, is a bar of its own."""
    places = by_place(partners, grouping, lang, home="DK")
    assert list(zip(places["label"], places["count"], places["color"])) == expected


def test_by_place_ranks_only_the_international_places_for_the_top_and_other(many_countries):
    places = by_place(many_countries.assign(country_code=["DK"] * 3 + ["XX"] * 19), Grouping.COUNTRY, "en",
                      home="DK", top=2)
    assert places.to_dict("list") == {"label": ["Aland (home)", "Country 00", "Country 01", "Other"],
                                      "count": [3, 1, 1, 17], "color": [HOME_COLOR, PLACE_COLOR, PLACE_COLOR,
                                                                        OTHER_COLOR]}


@pytest.mark.parametrize(("home", "grouping", "lang", "expected"), [
    ("DK", Grouping.COUNTRY, "en",
     "International: 3 of 5 partnerships, the most in China, Germany and United States (1 each). "
     "At home in Denmark: 2."),
    ("DK", Grouping.CONTINENT, "da",
     "Internationale: 3 af 5 partnerskaber, flest i Asien, Europa og Nordamerika (1 hver). Hjemme i Danmark: 2."),
    ("CN", Grouping.COUNTRY, "en", "International: 4 of 5 partnerships, the most in Denmark (2). At home in China: 1."),
    ("SE", Grouping.COUNTRY, "en", "The most partnerships are in Denmark (2 of 5)."),  # none at home: as before
    (None, Grouping.COUNTRY, "en", "The most partnerships are in Denmark (2 of 5)."),
])
def test_place_summary_tells_home_from_international(partners, home, grouping, lang, expected):
    assert place_summary(partners, grouping, lang, home) == expected


@pytest.mark.parametrize(("count", "lang", "expected"), [
    (1, "en", "The partnership is at home in Denmark."),
    (2, "da", "Alle 2 partnerskaber er hjemme i Danmark."),
])
def test_place_summary_when_all_are_at_home(partners, count, lang, expected):
    shown = partners[partners["country_code"] == "DK"].head(count)
    assert place_summary(shown, Grouping.COUNTRY, lang, "DK") == expected


def test_colours_that_mean_a_type_are_used_only_for_types():
    from partnerships import charts
    from partnerships.style import PALETTE

    places = [charts.PLACE_COLOR, charts.HOME_COLOR, charts.OTHER_COLOR]
    years = [charts.ACTIVE_COLOR, charts.BEGUN_COLOR, charts.UNKNOWN_COLOR]
    assert not {color.lower() for color in places + years} & {color.lower() for color in PALETTE}
    assert len(set(places)) == len(set(years)) == 3  # no two series of one chart share one
