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
    (-74.006000001, "-74.006"), ("  Baoding ", "Baoding"), ("Æ, Ø; Å \"quoted\"", "Æ, Ø; Å \"quoted\""),
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
