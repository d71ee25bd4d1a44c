"""The canonical file: what is read back is what was written, formatted the same way."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from partnerships.reading import read_table
from partnerships.writing import canonical_table, cell_text, to_csv_bytes
from tests.conftest import SHIPPED_CSV


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), (np.nan, ""), (pd.NA, ""), (2011, "2011"), (2011.0, "2011"), (54.7819, "54.7819"),
    (-74.006000001, "-74.006000001"), (1e-07, "0.0000001"), ("  Baoding ", "Baoding"),
    ("Æ, Ø; Å \"quoted\"", "Æ, Ø; Å \"quoted\""),
])
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_shipped_file_round_trips_byte_for_byte():
    raw = SHIPPED_CSV.read_bytes()
    table, _ = read_table(raw)
    assert to_csv_bytes(table) == raw


def test_danish_excel_export_becomes_the_canonical_file():
    table, _ = read_table("\ufeffid;name;lat\r\nsonder;Sønderborg, DK;54,9\r\n".encode("utf-8"))
    assert to_csv_bytes(canonical_table(table)) == 'id,name,lat\nsonder,"Sønderborg, DK",54.9\n'.encode("utf-8")


@pytest.mark.parametrize("cell", ["a\rb", "a\r\nb", "a\nb", ";\r;"])
def test_a_line_break_in_a_cell_never_splits_the_row(cell):
    frame = pd.DataFrame({"id": ["x"], "description": [cell], "url": [""]})
    back, _ = read_table(to_csv_bytes(frame))
    assert back.loc[2].tolist() == ["x", "a\nb" if "a" in cell else ";\n;", ""]


def test_a_file_is_saved_as_given_other_headers_and_every_digit_kept():
    """Known columns are found however they are written ('Start Year'); any other column keeps
    its header exactly, and coordinates every digit a GPS or a map gave, in either decimal mark."""
    raw = ("ID;Name;Start Year;Contact Person;lat;lon\r\n"
           "sonder;Sønderborg;2011;Anna Holm;54,9091234567;9,79200000\r\n"
           "baoding;Baoding;2010;Li;+.5;-115.46461234567891\r\n").encode("utf-8")
    table, _ = read_table(raw)
    assert to_csv_bytes(canonical_table(table)).decode() == (
        "id,name,start_year,Contact Person,lat,lon\n"
        "sonder,Sønderborg,2011,Anna Holm,54.9091234567,9.792\n"
        "baoding,Baoding,2010,Li,0.5,-115.46461234567891\n")
