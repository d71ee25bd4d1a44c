"""Exports open in Danish Excel and cannot run formulas."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from partnerships.exports import excel_csv, neutralise, xlsx
from partnerships.reading import read_table

HOSTILE = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "fine"]


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["a", "b", "c", "d", "e", "f", "g"],
        "name": HOSTILE,
        "lon": [-74.006, 9.4367, 10.0, -0.5, 1.25, 2.0, 3.0],
        "start_year": pd.array([2010, 2011, None, 2013, 2014, 2015, 2016], dtype="Int64"),
        "city": ["Sønderborg", "Æbeltoft", "Åbenrå", "x", "y", "z", "w"],
    })


@pytest.mark.parametrize(("text", "expected"), [
    ("=1+1", "'=1+1"), ("+45 12345678", "'+45 12345678"), ("-x", "'-x"), ("@A1", "'@A1"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-74.006", "-74.006"), ("-74,006", "-74,006"), ("Baoding", "Baoding"),
])
def test_neutralise(text, expected):
    assert neutralise(text) == expected


def test_danish_excel_csv_has_bom_semicolons_decimal_commas_and_no_formulas(frame):
    raw = excel_csv(frame)
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "id;name;lon;start_year;city"
    assert lines[1].split(";")[2] == "-74,006" and lines[1].split(";")[3] == "2010"
    table, _ = read_table(raw)  # our own reader takes it back, text intact but neutralised
    assert all(not name.startswith(("=", "+", "-", "@")) for name in table["name"])
    assert table.loc[4, "start_year"] == "" and table.loc[2, "city"] == "Sønderborg"


def test_xlsx_keeps_numbers_as_numbers_and_text_as_text(frame):
    sheet = load_workbook(io.BytesIO(xlsx(frame))).active
    assert [c.value for c in sheet[1]] == ["id", "name", "lon", "start_year", "city"]
    assert sheet["C2"].value == -74.006 and sheet["D2"].value == 2010
    for row in range(2, 9):
        cell = sheet.cell(row=row, column=2)
        assert cell.data_type == "s", f"{cell.value!r} became a formula"
        assert cell.value == HOSTILE[row - 2].replace("\r", "\n")  # XML keeps no bare CR
