"""Exports open in Danish Excel and cannot run formulas."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from partnerships.exports import excel_csv, neutralise, xlsx
from partnerships.reading import read_table
from partnerships.writing import canonical_table, to_csv_bytes
from tests.conftest import GOOD_ROWS, HEADER, csv_text

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
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("Baoding", "Baoding"),
    ("-74.006", "'-74.006"),  # text, whatever it looks like: numbers are kept out by their column
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


# Ids, names and a column the app does not know that look like numbers or dates, and must not become them.
TYPED = csv_text(*(row + "," for row in GOOD_ROWS),
                 "0012,1.5,Friendship city,Åbenrå,Danmark,55.0444,9.4181,2011,,1-2,,007", header=HEADER + ",note")
# Text a spreadsheet would run: the CSV adds an apostrophe, the workbook keeps it exactly, as text.
FORMULA_LIKE = "-5,=SUM(A1),Friendship city,+45,@x,,,2012,2014,-2+3,,1e5\n"


def typed_table(raw: bytes) -> pd.DataFrame:
    """The table the Manage data page downloads: the file's strings, numbers canonical."""
    return canonical_table(read_table(raw)[0])


def test_ids_and_text_stay_text_and_only_numeric_columns_hold_numbers():
    table = typed_table(TYPED.encode())
    row = excel_csv(table).decode("utf-8-sig").split("\r\n")[4].split(";")
    assert row == ["0012", "1.5", "Friendship city", "Åbenrå", "Danmark", "55,0444", "9,4181", "2011", "", "1-2", "",
                   "007"]
    cells = load_workbook(io.BytesIO(xlsx(table))).active[5]
    assert [c.value for c in cells] == ["0012", "1.5", "Friendship city", "Åbenrå", "Danmark", 55.0444, 9.4181, 2011,
                                        None, "1-2", None, "007"]
    assert type(cells[7].value) is int and all(c.data_type == "s" for c in cells if isinstance(c.value, str))


def test_a_translated_header_is_numeric_only_by_its_dtype():
    """The partners table is headed in the reader's language: a number column keeps its dtype."""
    frame = pd.DataFrame({"Navn": ["0012"], "År": ["2010"], "Antal": pd.array([3], dtype="Int64"), "Andel": [0.5],
                          "Aktiv": [True]})
    assert excel_csv(frame).decode("utf-8-sig").split("\r\n")[1] == "0012;2010;3;0,5;True"
    assert [c.value for c in load_workbook(io.BytesIO(xlsx(frame))).active[2]] == ["0012", "2010", 3, 0.5, "True"]


def saved_by_danish_excel(workbook: bytes) -> bytes:
    """The workbook as Danish Excel's "CSV (semikolon)" saves it: Windows-1252, `;`, CRLF,
    numbers as shown (decimal comma), text as it is."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in load_workbook(io.BytesIO(workbook)).active.iter_rows(values_only=True):
        writer.writerow(["" if value is None else value if isinstance(value, str) else f"{value:.15g}".replace(".", ",")
                         for value in row])
    return out.getvalue().encode("cp1252")


@pytest.mark.parametrize(("original", "to_excel_and_back"), [
    # The CSV is taken back as written: Excel opening it would itself read 0012 as 12, which
    # no honest CSV prevents; the workbook is the lossless route, formula-like text included.
    (TYPED, excel_csv),
    (TYPED + FORMULA_LIKE, lambda table: saved_by_danish_excel(xlsx(table))),
], ids=["csv", "xlsx"])
def test_a_file_taken_to_excel_and_back_is_the_same_file(original, to_excel_and_back):
    table = typed_table(original.encode())
    assert to_csv_bytes(table) == original.encode()  # the original is a canonical file
    assert to_csv_bytes(typed_table(to_excel_and_back(table))) == original.encode()


def test_a_control_character_cannot_break_the_workbook_and_stays_in_the_csv():
    frame = pd.DataFrame({"id": ["a"], "name": ["Bad\x0bName"]})
    sheet = load_workbook(io.BytesIO(xlsx(frame))).active
    assert sheet["B2"].value == "Bad\ufffdName"
    assert "Bad\x0bName" in excel_csv(frame).decode("utf-8-sig")
