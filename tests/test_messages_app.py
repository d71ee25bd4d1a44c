"""AppTest: the Danish pages say every problem of the file in Danish, the staff page's report too."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from app.namesakes import namesake_key
from partnerships.access import PASSWORD_ENV
from partnerships.settings import ROOT
from tests.conftest import GOOD_ROWS, PASSWORD, csv_text
from tests.test_manage_app import open_page, unlock, upload

BAD_YEAR = GOOD_ROWS[1].replace("2013", "twenty-thirteen")  # row 3
PEORIA = "peoria,Peoria,Friendship city,Peoria,USA,,,2001,,,"  # row 4: placed among namesakes


def danish(at: AppTest) -> AppTest:
    at.radio(key="lang").set_value("da").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture
def problem_file(monkeypatch, write_csv):
    path = write_csv(csv_text(GOOD_ROWS[0], BAD_YEAR, PEORIA))
    monkeypatch.setenv("PARTNERS_CSV", str(path))
    return path


def test_the_danish_map_page_lists_the_problems_in_danish(problem_file):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "da"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "1 række(r) i partnerfilen har fejl" in at.expander[0].label
    table = at.expander[0].table[0].value
    assert list(table.columns) == ["række", "alvor", "kolonne", "problem"]
    assert "'twenty\\-thirteen' er ikke et årstal" in table["problem"].tolist()  # Markdown-escaped, as every cell
    rows = {(row, column.replace("\\", "")): text.replace("\\", "")
            for row, column, text in zip(table["række"], table["kolonne"], table["problem"])}
    assert rows[3, "start_year"] == "'twenty-thirteen' er ikke et årstal"
    assert rows[4, "city"].startswith("Peoria: Arizona eller Illinois? Kortet viser Peoria, Arizona")
    assert rows[4, "lat"].startswith("valgt blandt 2 steder ved navn Peoria")
    assert set(table["alvor"]) == {"fejl", "advarsel", "note"}


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "Filen er tom: den skal have en overskriftsrække"),
    (b"id,name\nx,y\n", "Kolonnerne mangler: 'type', 'city', 'country', 'start_year'"),
])
def test_a_file_that_cannot_be_shown_says_why_in_danish(monkeypatch, write_csv, content, expected):
    monkeypatch.setenv("PARTNERS_CSV", str(write_csv(content)))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "da"
    at.run()
    assert len(at.error) == 1 and "Partnerfilen kan ikke vises" in at.error[0].value
    assert expected in at.error[0].value.replace("\\", "")


def test_the_staff_report_upload_and_picker_speak_danish(problem_file, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    at = danish(unlock(open_page()))
    grid = at.tabs[0].dataframe[0].value
    assert "'twenty-thirteen' er ikke et årstal" in grid["problem"].tolist()
    assert at.selectbox(key=namesake_key(4)).label == "Række 4: Peoria (Peoria)"
    at = upload(at, b"PK\x03\x04zip")
    assert any("Dette er en Excel-projektmappe (.xlsx)" in e.value.replace("\\", "") for e in at.error)
