"""Downloads that open straight in Danish Excel, keep every value as typed, and cannot run anything.

A value is a number only in a column that holds numbers: lat, lon and the years of the data
contract, or a column of a numeric dtype. Everything else (an id `0012`, a name `1.5`) is text
and written as it is, so a file taken to Excel and back gives the same ids and tour references.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to a
spreadsheet, and a partner file comes from many hands: in the CSV such text gets an apostrophe
(OWASP's "CSV injection"); the workbook types it as text, which never runs.

A CSV cannot say "this is text": Excel opening it still reads `0012` as 12 and `1-2` as a
date. Marking such cells (`="0012"`, a leading apostrophe) would change the value or be a
formula itself, so the workbook is the lossless way to Excel and back.
"""
from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from partnerships.columns import END_YEAR, LAT, LON, START_YEAR
from partnerships.schema import parse_number, parse_year
from partnerships.writing import cell_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The contract's numeric columns, each with the parser the schema reads it with.
NUMERIC_COLUMNS: dict[str, Callable[[pd.Series], pd.Series]] = {
    LAT: parse_number, LON: parse_number, START_YEAR: parse_year, END_YEAR: parse_year,
}
YEAR_COLUMNS = (START_YEAR, END_YEAR)

Cell = str | int | float | None


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula, prefixed with an apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def has_numbers(values: pd.Series, name: object) -> bool:
    """Numeric by the data contract's name, or by a numeric dtype (a translated header keeps
    its dtype); never by what a string looks like."""
    return name in NUMERIC_COLUMNS or (is_numeric_dtype(values.dtype) and not is_bool_dtype(values.dtype))


def column_cells(values: pd.Series, name: object) -> list[Cell]:
    """One column's cells: None when empty; a number when the column holds numbers and the
    cell is one (years as ints); otherwise the text exactly as it is."""
    filled = values.notna() & (values.astype(str) != "")
    if not has_numbers(values, name):
        return [str(value) if full else None for value, full in zip(values, filled)]
    numbers = values if is_numeric_dtype(values.dtype) else NUMERIC_COLUMNS[name](values.astype(str))
    whole = name in YEAR_COLUMNS
    return [None if not full else _number(number, whole) if _is_finite(number) else str(value)
            for value, number, full in zip(values, numbers, filled)]


def typed_rows(frame: pd.DataFrame) -> list[list[Cell]]:
    """Header and rows, typed once for both downloads."""
    columns = [column_cells(frame.iloc[:, position], name) for position, name in enumerate(frame.columns)]
    return [[str(name) for name in frame.columns], *map(list, zip(*columns))]


def excel_csv(frame: pd.DataFrame) -> bytes:
    """`;`-separated UTF-8 with BOM and CRLF, decimal commas in numbers: Danish Excel opens it
    in columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in typed_rows(frame):
        writer.writerow([_csv_cell(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx(frame: pd.DataFrame, sheet: str = "Partners") -> bytes:
    """An Excel workbook: numbers as numbers, text always as text, never as a formula."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in typed_rows(frame):
        ws.append([_workbook_text(cell) if isinstance(cell, str) else cell for cell in row])
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # openpyxl would take "=…" for a formula
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _workbook_text(text: str) -> str:
    """A workbook cannot hold control characters (the check reports them as errors); each is
    shown as '�' there, while the CSV download keeps the text exactly."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def _csv_cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return neutralise(cell)
    return cell_text(cell).replace(".", ",")


def _is_finite(number: object) -> bool:
    return not pd.isna(number) and math.isfinite(number)


def _number(number: object, whole: bool) -> int | float:
    """A plain Python number for openpyxl and the CSV; a year 2011.0 is 2011."""
    plain = number.item() if isinstance(number, np.generic) else number
    return int(plain) if whole and float(plain).is_integer() else plain
