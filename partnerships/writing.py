"""Write a partner table back as the canonical file: UTF-8, commas, one line per partnership.

Stable formatting keeps the diffs of a saved file small: the column order stays as it was,
text is written as it was typed, numbers without trailing zeros, quotes only where needed.
"""
from __future__ import annotations

import csv
import io
import math
import re

import numpy as np
import pandas as pd

from partnerships.schema import END_YEAR, LAT, LON, START_YEAR, parse_number, parse_year

# A line break inside a cell is written as Excel writes one (Alt+Enter): '\n'. A lone '\r'
# would not even be quoted by the csv module with '\n' line ends, and would split the row.
_LINE_BREAKS = re.compile(r"\r\n?")


def cell_text(value: object) -> str:
    """One cell as the file holds it: '' for missing, 2011 not 2011.0, a number with every digit
    it has (54.12345678, never rounded) and no exponent, line breaks as '\n'."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else np.format_float_positional(value, trim="-")
    return _LINE_BREAKS.sub("\n", str(value).strip())


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The canonical partner file for a table whose columns are the file's columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([str(column) for column in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([cell_text(value) for value in row])
    return out.getvalue().encode("utf-8")


def decimal_text(text: str) -> str:
    """A number as written, with a decimal point and every significant digit given: '54,78' →
    '54.78', '+.5' → '0.5', '54.781900' → '54.7819' (as Excel's fixed decimals write it). A
    float would round what a GPS gave to the millimetre."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text.removeprefix("+"))
    digits = digits.replace(",", ".")
    digits = digits.rstrip("0").removesuffix(".") if "." in digits else digits
    return sign + ("0" + digits if digits.startswith(".") else digits)


def canonical_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as the canonical file writes them: '54,78' → '54.78', '2011.0' → '2011'.

    Only cells that parse are rewritten; anything else stays as typed, for staff to see.
    """
    out = frame.copy()
    for column in (LAT, LON):
        if column in out:
            text = out[column].astype(str).str.strip()
            out[column] = out[column].where(parse_number(text).isna(), text.map(decimal_text))
    for column in (START_YEAR, END_YEAR):
        if column in out:
            parsed = parse_year(out[column].astype(str))
            out[column] = out[column].where(parsed.isna(), parsed.map(cell_text))
    return out
