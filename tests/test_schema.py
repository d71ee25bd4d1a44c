"""Validation: every mistake found at once, named by Excel row and column; good rows kept."""
from __future__ import annotations

import pandas as pd
import pytest

from partnerships.loading import load_bytes, load_partners
from tests.conftest import csv_text, GOOD_ROWS, HEADER, SHIPPED_CSV

GOOD = "ok,Good Partner,Climate network,Oslo,Norway,59.91,10.75,2012,,Fine.,https://example.org"


def _row_with(**changes: str) -> str:
    cells = dict(zip(HEADER.split(","), GOOD.split(",")))
    cells.update(changes)
    return ",".join(cells.values())


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"lat": "95"}, "lat", "'95' is outside -90 to 90"),
        ({"lon": "200"}, "lon", "'200' is outside -180 to 180"),
        ({"lat": "north"}, "lat", "'north' is not a number"),
        ({"lat": ""}, "lat", "is required but empty"),
        ({"start_year": "twenty-eleven"}, "start_year", "'twenty-eleven' is not a year"),
        ({"start_year": "1066"}, "start_year", "'1066' is not between 1900 and"),
        ({"end_year": "2009"}, "end_year", "2009 is before start_year 2012"),
        ({"name": ""}, "name", "is required but empty"),
        ({"type": "Pen pals"}, "type", "'Pen pals' is not a partnership type (known: Friendship city"),
        ({"country": "Narnia"}, "country", "'Narnia' is not a country name or ISO code"),
        ({"id": "Good Partner"}, "id", "'Good Partner' is not a short id"),
        ({"url": "javascript:alert(1)"}, "url", "only http:// and https:// links"),
        ({"url": "www.example.org"}, "url", "is not a web address"),
        ({"start_year": "２０１１"}, "start_year", "'２０１１' is not a year"),
        ({"end_year": "٢٠١٥"}, "end_year", "'٢٠١٥' is not a year"),
        ({"lat": "５９.９"}, "lat", "'５９.９' is not a number"),
        ({"id": "x" * 65}, "id", "is longer than 64 characters"),
    ],
)
def test_each_bad_cell_gives_one_message_with_row_and_column(vocabulary, changes, column, message):
    dataset = load_bytes(csv_text(GOOD_ROWS[0], _row_with(**changes)).encode(), vocabulary)
    problems = [p for p in dataset.problems if p.row == 3]
    assert [(p.column, p.severity) for p in problems] == [(column, "error")]
    assert message in problems[0].message
    assert str(problems[0]).startswith(f"row 3, {column}: ")
    assert dataset.partners["id"].tolist() == ["baoding"]  # the good row stays on the map


def test_duplicate_id_points_at_the_first_use(vocabulary):
    dataset = load_bytes(csv_text(GOOD, GOOD_ROWS[0], GOOD).encode(), vocabulary)
    assert [str(p) for p in dataset.problems] == ["row 4, id: 'ok' is already used in row 2; ids must be unique"]
    assert sorted(dataset.partners["id"]) == ["baoding", "ok"]


def test_all_problems_of_a_row_are_listed_together(vocabulary):
    dataset = load_bytes(csv_text(_row_with(lat="95", lon="200", name="", start_year="x")).encode(), vocabulary)
    assert {p.column for p in dataset.problems} == {"lat", "lon", "name", "start_year"}
    assert dataset.rows_with_errors == 1
    assert dataset.partners.empty


def test_danish_excel_export_is_valid_and_typed(vocabulary):
    raw = (
        "\ufeffid;name;type;city;country;lat;lon;start_year;end_year;description;url;;\r\n"
        "baoding;City of Baoding;friendship city;Baoding;Kina;38,874;115,4646;2010;;Venskabsby;;;\r\n"
        "\r\n"
        "flensburg;Klimapakt Flensburg;Cross-border cooperation;Flensborg;DE;54,7819;9,4367;2007,0;2015;;;;\r\n"
    ).encode("utf-8")
    dataset = load_bytes(raw, vocabulary)
    assert dataset.problems == []
    partners = dataset.partners
    assert partners.index.tolist() == [2, 4]
    assert partners.loc[2, "lat"] == pytest.approx(38.874)
    assert partners.loc[2, "type"] == "Friendship city"
    assert partners.loc[2, "country_code"] == "CN"
    assert partners.loc[4, "start_year"] == 2007
    assert pd.isna(partners.loc[2, "end_year"])


def test_windows_1252_file_with_danish_letters(vocabulary):
    raw = csv_text(_row_with(name="Ærø Kommune", city="Ærøskøbing", country="Danmark", lat="54.89", lon="10.41")).encode("cp1252")
    dataset = load_bytes(raw, vocabulary)
    assert dataset.problems == []
    assert dataset.partners.iloc[0]["name"] == "Ærø Kommune"


def test_missing_required_column_is_fatal_and_names_it(vocabulary):
    header = HEADER.replace(",type", "")
    dataset = load_bytes(csv_text("a,A,Oslo,NO,1,1,2012,,,", header=header).encode(), vocabulary)
    assert dataset.fatal is not None and "'type'" in str(dataset.fatal)
    assert dataset.partners.empty


def test_missing_coordinates_are_filled_offline_from_city_and_country(vocabulary):
    header = "id,name,type,city,country,start_year"
    rows = ["a,A,Climate network,Oslo,NO,2012", "b,B,Climate network,Flensborg,Tyskland,2012",
            "c,C,Climate network,Atlantis,GR,2012"]
    dataset = load_bytes(csv_text(*rows, header=header).encode(), vocabulary)
    assert dataset.fatal is None
    partners = dataset.partners.set_index("id")
    assert partners.loc["a", "lat"] == pytest.approx(59.91, abs=0.1)
    assert partners.loc["b", "lon"] == pytest.approx(9.43, abs=0.1)
    notes = [p for p in dataset.problems if p.severity == "note"]
    assert [p.row for p in notes] == [2, 3] and "Flensburg" in notes[1].message
    assert [str(p) for p in dataset.errors] == [
        "row 4, city: 'Atlantis' is not in the offline gazetteer for Greece; add lat and lon"]


def test_half_given_coordinates_are_not_guessed(vocabulary):
    dataset = load_bytes(csv_text(GOOD.replace("59.91,10.75", "59.91,")).encode(), vocabulary)
    assert [str(p) for p in dataset.errors] == ["row 2, lon: is required but empty"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text")],
)
def test_empty_and_binary_files_are_fatal_with_a_message(vocabulary, raw, expected):
    dataset = load_bytes(raw, vocabulary)
    assert expected in str(dataset.fatal)


def test_header_only_file_says_there_are_no_partnerships(vocabulary):
    dataset = load_bytes((HEADER + "\n").encode(), vocabulary)
    assert dataset.fatal is None
    assert [p.message for p in dataset.errors] == ["the file has a header row but no partnerships below it"]


def test_html_and_script_in_text_is_kept_verbatim_as_data(vocabulary):
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    dataset = load_bytes(csv_text(_row_with(name=f'"{hostile.replace(chr(34), chr(34) * 2)}"')).encode(), vocabulary)
    assert dataset.problems == []
    assert dataset.partners.iloc[0]["name"] == hostile


def test_unknown_columns_ride_along(vocabulary):
    dataset = load_bytes(csv_text(GOOD + ",Borgmesterkontoret", header=HEADER + ",kontakt").encode(), vocabulary)
    assert dataset.partners.iloc[0]["kontakt"] == "Borgmesterkontoret"


def test_shipped_data_is_valid_and_holds_every_seed_partnership():
    dataset = load_partners(SHIPPED_CSV)
    assert dataset.fatal is None and dataset.problems == []
    ids = set(dataset.partners["id"])
    assert {"klimapakt-flensburg", "aabenraa", "baoding", "nord-star", "clinton-climate-positive", "haiyan", "wwf"} <= ids
    years = dict(zip(dataset.partners["id"], dataset.partners["start_year"]))
    assert years["klimapakt-flensburg"] == 2007 and years["baoding"] == 2010
    assert years["nord-star"] == 2011 and years["clinton-climate-positive"] == 2012 and years["haiyan"] == 2013


def test_missing_file_is_a_message(tmp_path):
    dataset = load_partners(tmp_path / "nope.csv")
    assert "does not exist" in str(dataset.fatal)


def test_an_id_of_64_characters_is_still_short_enough(vocabulary):
    dataset = load_bytes(csv_text(_row_with(id="x" * 64)).encode(), vocabulary)
    assert dataset.problems == [] and len(dataset.partners) == 1


def test_rows_the_reader_finds_unreadable_are_left_off_but_listed(vocabulary):
    raw = csv_text(GOOD_ROWS[0], GOOD_ROWS[1].replace("Haiyan County", "Haiyan\x00County")).encode()
    dataset = load_bytes(raw, vocabulary)
    assert list(dataset.partners["id"]) == ["baoding"]
    assert [str(p) for p in dataset.errors] == ["row 3, name: holds an invisible control character (U+0000); remove it"]


def test_right_to_left_overrides_are_warned_about_and_taken_out_of_what_is_shown(vocabulary):
    spoofed = "Klimapakt \u202egrubsnelF"
    dataset = load_bytes(csv_text(GOOD_ROWS[2].replace("Klimapakt Flensburg", spoofed)).encode(), vocabulary)
    assert [(p.row, p.column, p.severity) for p in dataset.problems] == [(2, "name", "warning")]
    assert dataset.partners.loc[2, "name"] == "Klimapakt grubsnelF"


@pytest.mark.parametrize(("confirmed", "message"), [
    ("2009", "row 2, confirmed: 2009 is before start_year 2012"), ("soon", "row 2, confirmed: 'soon' is not a year"),
])
def test_a_confirmed_year_is_a_year_not_before_the_start(vocabulary, confirmed, message):
    raw = csv_text(GOOD + "," + confirmed, header=HEADER + ",confirmed").encode()
    assert [str(p) for p in load_bytes(raw, vocabulary).errors] == [message]


@pytest.mark.parametrize("label", ["Venskabsby", " venskabsby ", "VENSKABSBY"])
def test_danish_type_labels_are_accepted_like_danish_country_names(vocabulary, label):
    dataset = load_bytes(csv_text(_row_with(type=label, country="Norge")).encode(), vocabulary)
    assert dataset.problems == [] and list(dataset.partners["type"]) == ["Friendship city"]


@pytest.mark.parametrize("year", ["0", "0000", "0.0"])
def test_a_year_zero_is_an_error_that_says_to_leave_it_empty(vocabulary, year):
    problems = load_bytes(csv_text(_row_with(start_year=year)).encode(), vocabulary).errors
    assert [str(p) for p in problems] == [
        f"row 2, start_year: {year!r} is not a year; leave the cell empty if the year is unknown"]


def test_an_empty_start_year_means_unknown_and_the_row_is_shown(vocabulary):
    dataset = load_bytes(csv_text(_row_with(start_year="")).encode(), vocabulary)
    assert dataset.problems == [] and dataset.partners["start_year"].isna().all()
