"""An Excel workbook (.xlsx) as the same table of strings a CSV file gives, row numbers as Excel
shows them.

Cells are read as Excel keeps them: a year typed as a number (2011.0) is 2011, a date in a year
column gives its year (with a warning), a formula gives the value Excel saved with it (with a
warning; none saved is an error naming the cell). Merged cells and hidden rows and columns are
read like the others, with a note; empty rows and columns around the table are ignored, and a
title or empty rows above the header are skipped. The package is checked first
(workbook_package.py), the sheet's XML scanned as a stream (workbook_sheet.py); the values come
from openpyxl's read-only mode, so memory stays flat whatever the sheet's size.
"""
from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Collection, Iterator
from itertools import repeat

import pandas as pd
from openpyxl import load_workbook

from partnerships import characters, settings
from partnerships.columns import CONFIRMED, CONTRACT_COLUMNS, END_YEAR, REQUIRED_COLUMNS, START_YEAR
from partnerships.messages import said
from partnerships.problems import ERROR, NOTE, WARNING, DataFileError, Problem
from partnerships.reading import cell_problems, drop_unnamed_columns, header_name
from partnerships.settings import Limits
from partnerships.workbook_package import is_workbook, open_package
from partnerships.workbook_sheet import HEADER_SEARCH, Scan, Sheet, choose, column_letters, scan, sheets

__all__ = ["is_workbook", "read_workbook"]
YEAR_COLUMNS = (START_YEAR, END_YEAR, CONFIRMED)
_MOST_NAMED = 8
_FORMULA = "f"
_SAVED_TEXT = "str"  # a formula whose saved value is text, possibly empty


def read_workbook(raw: bytes, limits: Limits, file_name: str | None = None,
                  known: Collection[str] = CONTRACT_COLUMNS) -> tuple[pd.DataFrame, list[Problem]]:
    """The chosen sheet's table and what reading it noticed; DataFileError when nothing can be read."""
    package = open_package(raw, limits)
    found = sheets(package)
    sheet = choose(found, file_name)
    if sheet is None:
        raise DataFileError(said("workbook_no_sheet"))
    scanned = scan(package, sheet, limits)
    if not scanned.value_rows:
        raise DataFileError(said("sheet_pictures_only" if scanned.drawings else "sheet_empty", sheet=sheet.name))
    problems = _sheet_notes(found, sheet, scanned)
    # With formulas, both passes give cells: the saved values' types tell an empty text saved
    # (t="str") from no value saved at all.
    values = _rows(raw, sheet, scanned, data_only=True, cells=scanned.formulas)
    formulas = _rows(raw, sheet, scanned, data_only=False, cells=True) if scanned.formulas else repeat(None)
    header: list[str] | None = None
    skipped: list[int] = []
    rows: list[list[str]] = []
    excel_rows: list[int] = []
    for (number, saved), formula_cells in zip(values, formulas):
        cells = tuple(cell.value for cell in saved) if scanned.formulas else saved
        names = header or []
        texts = [_text(value, names[i] if i < len(names) else "", number, problems) for i, value in enumerate(cells)]
        if not any(texts):
            continue
        if header is None:
            header, skipped = _header(texts, number, skipped, sheet, known)
            continue
        if len(rows) == limits.max_rows:
            raise DataFileError(said("too_many_rows", limit=limits.max_rows, setting=settings.MAX_ROWS_ENV))
        if formula_cells is not None:
            problems += _formula_problems(number, header, saved, formula_cells[1])
        if len(texts) > len(header) and any(texts[len(header):]):
            problems.append(Problem(number, None, said("extra_cells", cells=", ".join(
                repr(text) for text in texts[len(header):] if text)), WARNING))
        texts = (texts + [""] * len(header))[: len(header)]
        if characters.suspicious("\n".join(texts)):  # one scan a row; the cells only when it finds something
            for column, text in zip(header, texts):
                problems += cell_problems(number, column or None, text)
        rows.append(texts)
        excel_rows.append(number)
    if header is None:
        raise DataFileError(said("sheet_no_header", sheet=sheet.name, rows=HEADER_SEARCH,
                                 columns=", ".join(REQUIRED_COLUMNS)))
    if skipped:
        problems.append(Problem(None, None, said("sheet_title_rows", rows=_listed(skipped)), NOTE))
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(excel_rows, name="row"), dtype="str")
    return drop_unnamed_columns(frame, problems), problems


def _rows(raw: bytes, sheet: Sheet, scanned: Scan, data_only: bool, cells: bool) -> Iterator[tuple[int, tuple]]:
    """(Excel row, its values or `cells`) for every row up to the last with a value: with
    `data_only` a formula's saved value, else its text."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of extensions it does not read
        try:
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only, keep_links=False)
        except Exception:  # anything openpyxl cannot make sense of is a damaged file
            raise DataFileError(said("zip_unreadable")) from None
    try:
        rows = book[sheet.name].iter_rows(min_row=1, max_row=scanned.last_row, min_col=1,
                                          max_col=scanned.last_column, values_only=not cells)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a date out of range: openpyxl warns and gives "#VALUE!"
            yield from enumerate(rows, start=1)
    except (DataFileError, GeneratorExit):
        raise
    except Exception:  # a cell openpyxl cannot read (a shared string that is not there, a bad number)
        raise DataFileError(said("zip_unreadable")) from None
    finally:
        book.close()


def _text(value: object, column: str, row: int, problems: list[Problem]) -> str:
    """A cell as the text a CSV file would hold for it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date)):
        day = value.date() if isinstance(value, dt.datetime) and value.time() == dt.time() else value
        if column in YEAR_COLUMNS:
            problems.append(Problem(row, column, said("cell_date_year", date=day.isoformat(), year=value.year),
                                    WARNING))
            return str(value.year)
        return day.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value).strip()


def _header(texts: list[str], row: int, skipped: list[int], sheet: Sheet,
            known: Collection[str]) -> tuple[list[str] | None, list[int]]:
    """The header is the first row naming the required columns; a row of one cell (a title)
    before it is skipped; any other row is the header (the columns' check says what is missing).
    Known columns by their own names, any other exactly as written (reading.header_name)."""
    names = [header_name(text, known) for text in texts]
    if not set(REQUIRED_COLUMNS) <= set(names) and sum(map(bool, names)) <= 1:
        if len(skipped) == HEADER_SEARCH:
            raise DataFileError(said("sheet_no_header", sheet=sheet.name, rows=HEADER_SEARCH,
                                     columns=", ".join(REQUIRED_COLUMNS)))
        return None, [*skipped, row]
    while names and not names[-1]:
        names.pop()
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise DataFileError(said("column_twice", name=name))
        seen.add(name)
    return names, skipped


def _formula_problems(row: int, header: list[str], saved: tuple, cells: tuple) -> list[Problem]:
    """Each formula's saved value is read, with a warning; one with none saved is an error."""
    problems = []
    for column, value, cell in zip(header, saved, cells):
        if getattr(cell, "data_type", None) != _FORMULA:
            continue
        formula = str(getattr(cell.value, "text", cell.value))
        if value.value is None and value.data_type != _SAVED_TEXT:
            problems.append(Problem(row, column or None, said("formula_not_saved", formula=formula), ERROR))
        else:
            problems.append(Problem(row, column or None, said("formula_value", formula=formula,
                                                              value=_text(value.value, "", row, [])), WARNING))
    return problems


def _sheet_notes(found: list[Sheet], sheet: Sheet, scanned: Scan) -> list[Problem]:
    """Which sheet was read, and what Excel shows otherwise than a plain table."""
    notes = []
    if len(found) > 1:
        names = ", ".join(f"'{other.name}'" for other in found)
        notes.append(said("sheet_chosen", sheet=sheet.name, n=len(found), sheets=names))
    if scanned.merged:
        notes.append(said("sheet_merged", cells=_listed(scanned.merged)))
    if scanned.hidden_rows:
        notes.append(said("sheet_hidden_rows", rows=_listed(scanned.hidden_rows)))
    if scanned.hidden_columns:
        notes.append(said("sheet_hidden_columns", columns=_listed(column_letters(scanned.hidden_columns))))
    return [Problem(None, None, note, NOTE) for note in notes]


def _listed(items: list) -> str:
    shown = ", ".join(str(item) for item in items[:_MOST_NAMED])
    return shown + (", …" if len(items) > _MOST_NAMED else "")


UPLOAD_SUFFIXES = (".csv", ".txt", ".xlsx")
_EXPLAINED_SUFFIXES = (".xls", ".xlsm", ".xlsb")  # refused by the reader, with what to do instead


def readable_name(file_name: str) -> bool:
    """Whether a file of this name is given to the reader: a partner file's suffix, or an Excel
    format the reader refuses with its own explanation."""
    return file_name.lower().endswith(UPLOAD_SUFFIXES + _EXPLAINED_SUFFIXES)
