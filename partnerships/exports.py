"""Downloads that open straight in Danish Excel, and cannot run anything when they do.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to a
spreadsheet, and a partner file comes from many hands; such text is neutralised (OWASP's
"CSV injection"). Numbers stay numbers: a longitude of -74.006 is not a formula.
"""
from __future__ import annotations

import csv
import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) or bool(
        isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value))


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula, prefixed with an apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) and not is_number(text) else text


def _cells(frame: pd.DataFrame) -> list[list[object]]:
    """Header and rows, with missing values as empty cells."""
    rows = frame.astype(object).where(frame.notna(), "").values.tolist()
    return [list(map(str, frame.columns)), *rows]


def excel_csv(frame: pd.DataFrame) -> bytes:
    """`;`-separated UTF-8 with BOM and CRLF, decimal commas: Danish Excel opens it in columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in _cells(frame):
        writer.writerow([str(v).replace(".", ",") if is_number(v) and not isinstance(v, int) else
                         neutralise(str(v)) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx(frame: pd.DataFrame, sheet: str = "Partners") -> bytes:
    """An Excel workbook: numbers as numbers, text always as text, never as a formula."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in _cells(frame):
        ws.append([_number(v) if is_number(v) else str(v) for v in row])
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # openpyxl would take "=…" for a formula
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number(value: object) -> int | float:
    if isinstance(value, (int, float)):
        return value
    text = str(value).replace(",", ".")
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
