"""The timeline's rows, milestones, sentence and Altair spec, from the shipped data and small frames."""
from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from partnerships.loading import load_partners
from partnerships.style import SHAPES, type_styles
from partnerships.filtering import of_types
from partnerships.symbols import VEGA_SHAPES
from partnerships.timeline import (
    DATE, END, LABEL, MAX_ROWS, ONGOING, START, TEXT, TYPE_LABEL, WHEN, YEARS, cap_note, gantt_frame, milestones_frame,
    parse_milestone, timeline_summary, year_unknown,
)
from partnerships.timeline_chart import chart_height, gantt_chart
from tests.conftest import GOOD_ROWS, SHIPPED_CSV, csv_text
from tests.object_keys import keys_in_spec, write_object_key_files

TODAY = 2026
SHIPPED_ORDER = [  # by start year, then name
    "Aabenraa Municipality", "Klimapakt Flensburg", "City of Baoding", "WWF", "NORD-STAR",
    "Clinton Climate Positive Development Program", "Haiyan County",
]


@pytest.fixture(scope="module")
def shipped():
    return load_partners(SHIPPED_CSV)


@pytest.fixture(scope="module")
def gantt(shipped) -> pd.DataFrame:
    return gantt_frame(shipped.partners, shipped.vocabulary, "en", TODAY)


def partners(starts: list[int], ends: list[int | None] | None = None,
             milestones: list[str] | None = None) -> pd.DataFrame:
    """Friendship cities p00, p01, … with these years, typed as the loader types them."""
    ids = [f"p{i:02d}" for i in range(len(starts))]
    frame = pd.DataFrame({
        "id": ids, "name": [f"Partner {i}" for i in ids], "type": "Friendship city",
        "start_year": pd.array(starts, dtype="Int64"),
        "end_year": pd.array(ends or [None] * len(starts), dtype="Int64"),
    })
    return frame.assign(milestones=milestones) if milestones is not None else frame


# --- The rows -------------------------------------------------------------------------------

def test_one_row_per_shipped_partnership_by_start_then_name(gantt, shipped):
    assert list(gantt[LABEL]) == SHIPPED_ORDER
    assert list(gantt[START]) == [2007, 2007, 2010, 2010, 2011, 2012, 2013]
    styles = type_styles(shipped.vocabulary)
    assert list(gantt["color"]) == [styles[kind].color for kind in gantt["type"]]
    assert list(gantt["shape"]) == [styles[kind].shape for kind in gantt["type"]]


def test_unconfirmed_partnerships_run_on_faintly_to_this_year_with_no_claim_that_they_run(gantt):
    assert not gantt[ONGOING].any()  # no "still running" arrow where no source confirms it
    assert set(gantt[END]) == {TODAY}
    assert gantt.loc[0, YEARS] == "since 2007 · confirmed until 2014"


def test_one_confirmed_this_year_is_still_running(vocabulary):
    row = gantt_frame(partners([2010]).assign(confirmed=pd.array([TODAY], dtype="Int64")), vocabulary, "en",
                      TODAY).iloc[0]
    assert (row[END], row[ONGOING], row[YEARS]) == (TODAY, True, f"since 2010 · confirmed until {TODAY}")


def test_an_ended_partnership_keeps_its_end_year(write_csv, vocabulary):
    dataset = load_partners(write_csv(csv_text(*GOOD_ROWS)))  # flensburg: 2007–2015
    row = gantt_frame(dataset.partners, vocabulary, "en", TODAY).iloc[0]
    assert (row[LABEL], row[START], row[END], row[ONGOING], row[YEARS]) == ("Klimapakt Flensburg", 2007, 2015, False,
                                                                             "2007–2015")


def test_one_not_yet_begun_ends_in_its_start_year(vocabulary):
    row = gantt_frame(partners([TODAY + 2]), vocabulary, "en", TODAY).iloc[0]
    assert (row[START], row[END], row[ONGOING]) == (TODAY + 2, TODAY + 2, True)


def test_type_labels_and_years_in_danish(shipped):
    gantt = gantt_frame(shipped.partners, shipped.vocabulary, "da", TODAY)
    assert gantt.loc[0, TYPE_LABEL] == "Grænseoverskridende samarbejde"
    assert gantt.loc[0, YEARS] == "siden 2007 · bekræftet til 2014"


def test_no_partners_no_rows(vocabulary):
    assert gantt_frame(pd.DataFrame(), vocabulary, "en", TODAY).empty


def test_of_types_keeps_every_year(shipped):
    chosen = of_types(shipped.partners, ["Friendship city", "NGO partnership"])
    assert sorted(chosen["id"]) == ["baoding", "wwf"]
    assert of_types(pd.DataFrame(), ["Friendship city"]).empty


def test_every_map_shape_has_a_vega_symbol():
    assert set(VEGA_SHAPES) == set(SHAPES)


# --- The milestones -------------------------------------------------------------------------

@pytest.mark.parametrize(("entry", "parsed"), [
    # Month m of year y is y + (m - 1) / 12: the first day of the month.
    ("2010-10: Agreement signed", (2010.75, "2010-10", "Agreement signed")),
    ("2011-12: Friendship city", (2011 + 11 / 12, "2011-12", "Friendship city")),
    ("2010-1: January", (2010.0, "2010-01", "January")),
    ("2007: Benchmarking begins", (2007.0, "2007", "Benchmarking begins")),  # a year alone: its 1 January
    ("  2013-11 :  spaced out  ", (2013 + 10 / 12, "2013-11", "spaced out")),
    ("2012-02: Project no. 16: the list", (2012 + 1 / 12, "2012-02", "Project no. 16: the list")),
    ("Later integrated into C40", None),
    ("in 2010: signed", None),
    ("2010-10 signed", None),
    ("2010-13: no such month", None),
    ("2010: ", None),
    ("", None),
])
def test_parse_milestone(entry, parsed):
    result = parse_milestone(entry)
    if parsed is None:
        assert result is None
    else:
        assert result == (pytest.approx(parsed[0]), parsed[1], parsed[2])


def test_shipped_milestones_skip_the_undated(shipped):
    found = milestones_frame(shipped.partners)
    assert list(found["id"]) == ["klimapakt-flensburg", "wwf", "baoding", "baoding", "clinton-climate-positive",
                                 "haiyan"]
    assert list(found[WHEN]) == ["2007", "2010-10", "2010-10", "2011-12", "2012-02", "2013-11"]
    assert found.loc[2, DATE] == 2010.75
    assert "Later integrated into C40 Cities" not in set(found[TEXT])


@pytest.mark.parametrize("column", [None, ["", ""], [float("nan"), None], ["no date here", " | "]])
def test_no_milestones(column):
    found = milestones_frame(partners([2010, 2011], milestones=column))
    assert found.empty
    assert list(found.columns) == ["id", "name", DATE, WHEN, TEXT]


# --- The sentence ---------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("en", ("7 partnerships from 2007 to 2014; the longest: Aabenraa Municipality (since 2007 · confirmed until "
            "2014) and Klimapakt Flensburg (since 2007 · confirmed until 2014).")),
    ("da", ("7 partnerskaber fra 2007 til 2014; de længste: Aabenraa Kommune (siden 2007 · bekræftet til "
            "2014) og Klimapakt Flensburg (siden 2007 · bekræftet til 2014).")),
])
def test_summary_of_the_shipped_data(shipped, lang, text):
    assert timeline_summary(gantt_frame(shipped.partners, shipped.vocabulary, lang, TODAY), lang) == text


@pytest.mark.parametrize(("starts", "ends", "lang", "text"), [
    ([2010, 2012], [2015, 2014], "en", "2 partnerships from 2010 to 2015; the longest: Partner p00 (2010–2015)."),
    ([2010, 2012], [2015, 2014], "da", "2 partnerskaber fra 2010 til 2015; det længste: Partner p00 (2010–2015)."),
    ([2010], [None], "en", "1 partnership: Partner p00 (since 2010)."),
    ([2010], [2010], "da", "1 partnerskab: Partner p00 (2010)."),
])
def test_summary_wording(vocabulary, starts, ends, lang, text):
    assert timeline_summary(gantt_frame(partners(starts, ends), vocabulary, lang, TODAY), lang) == text


def test_summary_of_nothing(vocabulary):
    assert timeline_summary(gantt_frame(pd.DataFrame(), vocabulary, "en", TODAY), "en").startswith("No partnerships")


# --- The chart ------------------------------------------------------------------------------

def walk(spec: dict) -> Iterator[dict]:
    """Every unit spec in a (nested) layered spec."""
    for layer in spec.get("layer", []):
        yield from walk(layer)
    if "mark" in spec:
        yield spec


def mark_type(unit: dict) -> str:
    return unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]


def units(spec: dict, mark: str) -> list[dict]:
    return [unit for unit in walk(spec) if mark_type(unit) == mark]


def rows_of(spec: dict, unit: dict) -> list[dict]:
    return spec["datasets"][unit["data"]["name"]]


def drawn_ids(spec: dict, unit: dict) -> list[str]:
    """The ids of a layer's rows, top to bottom."""
    assert unit["encoding"]["y"]["field"] == "row" and unit["encoding"]["y"]["type"] == "ordinal"
    return [row["id"] for row in sorted(rows_of(spec, unit), key=lambda row: row["row"])]


@pytest.fixture(scope="module")
def spec(shipped, gantt) -> dict:
    return gantt_chart(gantt, milestones_frame(shipped.partners), 2013, "en").to_dict()


def test_bars_run_from_start_to_the_end_of_the_last_year(spec):
    bars, _ = units(spec, "bar")
    assert drawn_ids(spec, bars) == ["aabenraa", "klimapakt-flensburg", "baoding", "wwf", "nord-star",
                                     "clinton-climate-positive", "haiyan"]
    assert {(row["start"], row["until"]) for row in rows_of(spec, bars)} >= {(2007, TODAY + 1), (2013, TODAY + 1)}
    assert bars["encoding"]["x"]["field"] == "start_at" and bars["encoding"]["x2"]["field"] == "known_at"


def test_after_the_last_confirmed_year_a_bar_goes_on_faint(spec):
    """The shipped sources confirm every partnership until 2014: full colour to the end of 2014,
    faint from 2015 to today."""
    bars, faint = units(spec, "bar")
    assert faint["mark"]["opacity"] < 0.5
    assert faint["encoding"]["x"]["field"] == "known_at" and faint["encoding"]["x2"]["field"] == "until_at"
    assert {row["known_until"] for row in rows_of(spec, bars)} == {2014}
    assert faint["encoding"]["color"]["legend"] is None  # the legend's markers stay in full colour


def test_each_name_is_written_whole_above_its_bar(spec):
    """No names column that cuts "Clinton Climate Positive Development P…": each name has the
    chart's whole width, on its own line over its bar (the bars sit BAR_OFFSET below the middle)."""
    bars, _ = units(spec, "bar")
    names = next(unit for unit in units(spec, "text") if unit["encoding"]["text"]["field"] == "label")
    assert names["mark"]["baseline"] == "bottom" and names["mark"]["limit"] == {"expr": "width"}
    assert names["encoding"]["x"] == {"value": 0} and names["encoding"]["y"] == bars["encoding"]["y"]
    assert bars["mark"]["yOffset"] > 0 and "labelExpr" not in bars["encoding"]["y"]["axis"]
    assert bars["encoding"]["y"]["axis"]["labels"] is False
    assert "Clinton Climate Positive Development Program" in {row["label"] for row in rows_of(spec, names)}


def test_a_rule_marks_the_chosen_year(spec):
    (rule,) = units(spec, "rule")
    assert rows_of(spec, rule) == [{"year": 2013, "middle": 2013.5}]
    assert rule["encoding"]["x"]["field"] == "middle"


def test_ongoing_ends_in_an_arrow_and_milestones_are_diamonds(spec):
    points = units(spec, "point")
    arrows = [p for p in points if p["mark"].get("shape") == "triangle-right"]
    diamonds = [p for p in points if p["mark"].get("shape") == "diamond"]
    assert len(arrows) == 1 and arrows[0]["transform"] == [{"filter": "datum['ongoing']"}]
    assert len(diamonds) == 1 and len(rows_of(spec, diamonds[0])) == 6
    assert [t["title"] for t in diamonds[0]["encoding"]["tooltip"]] == ["Name", "Date", "Milestones"]


def test_types_by_colour_and_shape_in_one_legend(spec):
    """In the order the types began: the legend's entries come from the data, sorted by type_order."""
    starts = next(p for p in units(spec, "point") if "shape" in p["encoding"])
    color, shape = starts["encoding"]["color"], starts["encoding"]["shape"]
    assert color["sort"] == shape["sort"] == {"field": "type_order", "op": "min"}
    legend = sorted({(row["type_order"], row["type_label"]) for row in rows_of(spec, starts)})
    assert [label for _, label in legend] == [
        "Cross-border cooperation", "Friendship city", "NGO partnership", "Research partnership", "Climate network",
        "Urbanisation partnership"]
    assert [order for order, _ in legend] == list(range(6))
    assert color["title"] == shape["title"] == "Partnership type"
    assert shape["scale"]["range"][1] == "circle"


def test_text_from_the_file_stays_in_the_data(tmp_path):
    """Ids, names and type labels such as `constructor` never become part of the spec itself
    (a sort list, a domain, legend values, an expression), where Vega takes them for names of
    its own and draws nothing ("Operator not defined"); in the data they are only text."""
    dataset = load_partners(write_object_key_files(tmp_path))
    for lang in ("en", "da"):
        gantt = gantt_frame(dataset.partners, dataset.vocabulary, lang, TODAY)
        spec = gantt_chart(gantt, milestones_frame(dataset.partners), 2010, lang).to_dict()
        assert keys_in_spec(spec) == set()
        bars = units(spec, "bar")[0]
        assert drawn_ids(spec, bars) == ["constructor", "hasownproperty", "tostring", "proto", "valueof"]
        diamonds = next(p for p in units(spec, "point") if p["mark"].get("shape") == "diamond")
        assert {row["row"] for row in rows_of(spec, diamonds)} == {0, 1, 2, 3, 4}


def test_size_and_description(spec):
    assert spec["width"] == "container" and spec["height"] == chart_height(7) == 7 * 44
    assert spec["description"].startswith("7 partnerships from 2007 to 2014")


def test_titles_in_danish(shipped):
    gantt = gantt_frame(shipped.partners, shipped.vocabulary, "da", TODAY)
    spec = gantt_chart(gantt, milestones_frame(shipped.partners), 2010, "da").to_dict()
    bars = units(spec, "bar")[0]
    assert spec["title"] == "Hvert partnerskab fra start til slut"
    assert bars["encoding"]["x"]["axis"]["title"] == "År"
    assert bars["encoding"]["color"]["title"] == "Partnerskabstype"
    assert [t["title"] for t in bars["encoding"]["tooltip"]] == ["Navn", "Partnerskabstype", "År"]
    assert units(spec, "rule")[0]["encoding"]["tooltip"][0]["title"] == "Valgt år"


def test_no_rows_still_a_chart_with_the_chosen_year(vocabulary):
    spec = gantt_chart(gantt_frame(pd.DataFrame(), vocabulary, "en", TODAY), milestones_frame(pd.DataFrame()), 2010,
                       "en").to_dict()
    assert rows_of(spec, units(spec, "rule")[0]) == [{"year": 2010, "middle": 2010.5}]


def test_no_milestones_no_diamonds(vocabulary):
    gantt = gantt_frame(partners([2010, 2011]), vocabulary, "en", TODAY)
    spec = gantt_chart(gantt, milestones_frame(partners([2010, 2011])), 2010, "en").to_dict()
    assert not [p for p in units(spec, "point") if p["mark"].get("shape") == "diamond"]


@pytest.mark.parametrize(("rows", "height"), [(1, 200), (4, 200), (5, 220), (7, 308), (MAX_ROWS, 2640)])
def test_height_grows_with_the_rows(rows, height):
    assert chart_height(rows) == height


def test_more_than_sixty_rows_draws_the_first_sixty_by_start_with_a_note(vocabulary):
    many = partners(list(range(2026, 1951, -1)))  # 75, the last one the oldest
    gantt = gantt_frame(many, vocabulary, "en", TODAY)
    spec = gantt_chart(gantt, milestones_frame(many), 2000, "en").to_dict()
    bars = units(spec, "bar")[0]
    assert len(rows_of(spec, bars)) == MAX_ROWS and spec["height"] == chart_height(MAX_ROWS)
    assert drawn_ids(spec, bars)[:2] == ["p74", "p73"]
    assert cap_note(gantt, "en") == ("The first 60 of 75 partnerships by start year are drawn; "
                                     "choose fewer types to see the rest.")
    assert cap_note(gantt.head(MAX_ROWS), "en") is None
    assert timeline_summary(gantt, "en").startswith("75 partnerships from 1952 to today")


# --- Quiet years drawn short ----------------------------------------------------------------

def test_the_shipped_years_after_the_last_start_are_drawn_short(spec):
    """2014–2025: no partnership begins or ends and no milestone falls; they take one year's room."""
    (band,) = units(spec, "rect")
    assert rows_of(spec, band) == [{"start_at": 2014.0, "until_at": 2015.0, "text": (
        "2014–2025: nothing begins, ends or happens, so these years are drawn short")}]
    bars = units(spec, "bar")[0]
    drawn = {row["id"]: (row["start_at"], row["until_at"]) for row in rows_of(spec, bars)}
    assert drawn["haiyan"] == (2013.0, 2016.0)  # 2013 to the end of 2026, through one year's room
    axis = bars["encoding"]["x"]["axis"]
    assert '"2014":"…"' in axis["labelExpr"] and '"2015":"2026"' in axis["labelExpr"]
    assert bars["encoding"]["x"]["scale"]["domain"] == [2007, 2016]


def test_milestones_and_the_chosen_year_are_drawn_where_their_years_are(shipped, gantt):
    spec = gantt_chart(gantt, milestones_frame(shipped.partners), 2020, "en").to_dict()
    (rule,) = units(spec, "rule")
    assert rows_of(spec, rule) == [{"year": 2020, "middle": 2015.5}]  # 2014–2019 drawn short, then 2020
    (band, later) = rows_of(spec, units(spec, "rect")[0])
    assert (band["start_at"], later["start_at"]) == (2014, 2016)  # and 2021–2025
    diamonds = next(p for p in units(spec, "point") if p["mark"].get("shape") == "diamond")
    assert {row["date_at"] for row in rows_of(spec, diamonds)} >= {2010.75, 2013 + 10 / 12}


def test_short_gaps_and_busy_years_are_not_drawn_short(vocabulary):
    gantt = gantt_frame(partners([2010, 2013], [2012, 2015]), vocabulary, "en", TODAY)
    spec = gantt_chart(gantt, milestones_frame(partners([2010, 2013])), 2011, "en").to_dict()
    assert not units(spec, "rect")
    bars = units(spec, "bar")[0]
    assert [(row["start_at"], row["until_at"]) for row in rows_of(spec, bars)] == [(2010, 2013), (2013, 2016)]


def test_partnerships_with_no_known_start_are_listed_not_drawn(shipped):
    undated = shipped.partners.assign(start_year=shipped.partners["start_year"].mask(shipped.partners["id"] == "wwf"))
    gantt = gantt_frame(undated, shipped.vocabulary, "da", TODAY)
    assert "wwf" not in set(gantt["id"]) and len(gantt) == 6
    assert year_unknown(undated, "da") == ["WWF Verdensnaturfonden"]
