"""Turn the bytes of a partner file into a table of strings, whatever wrote it.

One reader for every variant staff produce: UTF-8 with or without BOM, Windows-1252 (older
Danish Excel), `,` or `;` separators, CRLF, stray spaces, blank lines and empty trailing
columns. Nothing is interpreted here beyond text: the schema decides what the strings mean.
The frame's index is the row number a person sees in Excel (the header is row 1).
"""
from __future__ import annotations

import csv
import io

import pandas as pd

from partnerships.problems import WARNING, DataFileError, Problem

SEPARATORS = (",", ";", "\t")
_BINARY_SIGNATURES = {
    b"PK\x03\x04": "an Excel workbook (.xlsx) or another zip file",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)",
    b"%PDF": "a PDF document",
}
_SAVE_AS_CSV = "Save it from Excel with 'Save as' → 'CSV UTF-8 (comma delimited)'."


def decode(raw: bytes) -> str:
    """Decode as UTF-8 (BOM or not), else Windows-1252; refuse what is not text."""
    for signature, what in _BINARY_SIGNATURES.items():
        if raw.startswith(signature):
            raise DataFileError(f"This is {what}, not a CSV file. {_SAVE_AS_CSV}")
    if b"\x00" in raw[:65536]:
        raise DataFileError(f"This file is not text (it holds binary data), so it is not a CSV file. {_SAVE_AS_CSV}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as err:
        raise DataFileError(
            f"This file is neither UTF-8 nor Windows-1252 text (byte {err.start + 1} cannot be read). {_SAVE_AS_CSV}"
        ) from None


def sniff_separator(header_line: str) -> str:
    """The separator is whichever of `,` `;` tab splits the header into the most columns."""
    counts = {sep: header_line.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def normalise_header(name: str) -> str:
    """Known columns are matched case- and space-insensitively: ' Start Year ' is start_year."""
    return "_".join(name.strip().lower().split())


def parse_table(text: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse CSV text into strings indexed by Excel row number, blank rows dropped.

    Cells are stripped. Columns with no name are dropped when empty (Excel's trailing `;;;`)
    and reported when they hold values; so are cells beyond the header's width.
    """
    if not text.strip():
        raise DataFileError("The file is empty: it needs a header row (id, name, type, …) and one row per partnership.")
    first_line = next(line for line in text.splitlines() if line.strip())
    records = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(first_line))
    header: list[str] | None = None
    rows: list[list[str]] = []
    excel_rows: list[int] = []
    problems: list[Problem] = []
    try:
        for number, record in enumerate(records, start=1):
            cells = [cell.strip() for cell in record]
            if not any(cells):
                continue
            if header is None:
                header = _header(cells)
                continue
            if len(cells) > len(header) and any(cells[len(header):]):
                extra = ", ".join(repr(cell) for cell in cells[len(header):] if cell)
                problems.append(Problem(number, None, f"has more cells than the header has columns ({extra}); they are ignored", WARNING))
            rows.append((cells + [""] * len(header))[: len(header)])
            excel_rows.append(number)
    except csv.Error as err:
        raise DataFileError(f"The file cannot be read as CSV: {err}. {_SAVE_AS_CSV}") from None
    assert header is not None
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(excel_rows, name="row"), dtype="str")
    return _drop_unnamed_columns(frame, problems), problems


def _drop_unnamed_columns(frame: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    named = [bool(name) for name in frame.columns]
    for position, is_named in enumerate(named):
        if not is_named and frame.iloc[:, position].astype(bool).any():
            problems.append(Problem(None, None, f"column {position + 1} has values but no name in the header row; it is ignored", WARNING))
    return frame.loc[:, named]


def _header(cells: list[str]) -> list[str]:
    """Normalised names; trailing empty names dropped later; duplicates refused."""
    names = [normalise_header(cell) for cell in cells]
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise DataFileError(f"The column '{name}' appears twice in the header row. Keep one of them.")
        seen.add(name)
    return names


def read_table(raw: bytes) -> tuple[pd.DataFrame, list[Problem]]:
    """Bytes of any accepted variant → a frame of stripped strings indexed by Excel row, and
    the problems of the file's shape (not of its values)."""
    return parse_table(decode(raw))
