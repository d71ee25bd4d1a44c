"""Turn the bytes of a partner file into a table of strings, whatever wrote it.

One reader for every variant staff produce: UTF-8 with or without BOM, Windows-1252 (older
Danish Excel), `,` or `;` separators, CRLF, stray spaces, blank lines and empty trailing
columns. Nothing is interpreted here beyond text: the schema decides what the strings mean.
The frame's index is the row number a person sees in Excel (the header is row 1).

Hostile or broken files get a message, never a crash: sizes past the limits (settings.Limits)
are refused before parsing, quotes are parsed strictly, and characters nobody can see are
reported per row (see characters.py).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator

import pandas as pd

from partnerships import characters, settings
from partnerships.columns import CONTRACT_COLUMNS
from partnerships.decoding import SAVE_AS_CSV, Decoded, decode
from partnerships.messages import Message, said
from partnerships.problems import WARNING, DataFileError, Problem
from partnerships.settings import Limits

SEPARATORS = (",", ";", "\t")
_MOST_EXTRA_CELLS_NAMED = 5
HEADER_ROW = "header_row"  # in the frame's attrs: the Excel row of the header, whose problems leave no row off
ENCODING = "encoding"  # in the frame's attrs: the encoding the file was read in (decoding.py)


def check_size(size: int, limits: Limits) -> None:
    """Refuse a file over the size limit before a byte of it is parsed."""
    if size > limits.max_bytes:
        raise DataFileError(said("file_too_big", size=size / 1e6, limit=limits.max_megabytes,
                                 setting=settings.MAX_FILE_MB_ENV))


def sniff_separator(header_line: str) -> str:
    """The separator is whichever of `,` `;` tab splits the header into the most columns."""
    counts = {sep: header_line.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def normalise_header(name: str) -> str:
    """Known columns are matched case- and space-insensitively: ' Start Year ' is start_year."""
    return "_".join(name.strip().lower().split())


def header_name(cell: str, known: Collection[str]) -> str:
    """A known column by its own name ('Start Year' is start_year); any other exactly as written,
    so 'Contact Person' is saved as 'Contact Person'."""
    name = normalise_header(cell)
    return name if name in known else cell.strip()


def parse_table(text: str | Decoded, limits: Limits | None = None,
                known: Collection[str] = CONTRACT_COLUMNS) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse CSV text into strings indexed by Excel row number, blank rows dropped.

    Parsing is strict: a quote that is never closed, or text after a closing quote, stops the
    read with a message naming the row, rather than swallowing the rows after it. Cells are
    stripped. Columns with no name are dropped when empty (Excel's trailing `;;;`) and reported
    when they hold values; so are cells beyond the header's width. The `known` columns are named
    by their own names, the others as written (header_name).
    """
    decoded = text if isinstance(text, Decoded) else Decoded(text)
    limits = limits or settings.limits()
    if not decoded.text.strip():
        raise DataFileError(said("file_empty"))
    first_line = next(line for line in decoded.text.splitlines() if line.strip())
    separator = sniff_separator(first_line)
    if first_line.count(separator) >= limits.max_columns:
        raise _too_many_columns(first_line.count(separator) + 1, limits)
    # One scan of the whole text decides whether any cell needs a closer look.
    check_characters = bool(decoded.foreign_lines) or characters.suspicious(decoded.text)
    header: list[str] | None = None
    rows: list[list[str]] = []
    excel_rows: list[int] = []
    problems: list[Problem] = list(decoded.problems)
    for number, lines, record in _records(decoded.text, separator, limits):
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if header is None:
            header, header_row = _header(cells, known), number
            if check_characters:  # a header name is shown too, and a database cannot keep a NUL
                problems += [found for name, cell in zip(header, cells) for found in cell_problems(number, name, cell)]
            continue
        if len(rows) == limits.max_rows:
            raise DataFileError(said("too_many_rows", limit=limits.max_rows, setting=settings.MAX_ROWS_ENV))
        if len(cells) > len(header) and any(cells[len(header):]):
            problems.append(_extra_cells(number, cells[len(header):]))
        cells = (cells + [""] * len(header))[: len(header)]
        if check_characters:
            problems += _row_character_problems(decoded, number, lines, header, cells)
        if len(lines) > 1:
            problems += _swallowed_rows(number, header, cells, separator)
        rows.append(cells)
        excel_rows.append(number)
    if header is None:
        raise DataFileError(said("no_header"))
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(excel_rows, name="row"), dtype="str")
    frame.attrs[HEADER_ROW] = header_row
    frame.attrs[ENCODING] = decoded.encoding
    return drop_unnamed_columns(frame, problems), problems


def _records(text: str, separator: str, limits: Limits) -> Iterator[tuple[int, range, list[str]]]:
    """(Excel row, the physical lines it spans, its cells) for every record, strictly parsed."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    number, line_before = 0, 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise DataFileError(_csv_error(str(err), number + 1, _line(text, line_before + 1))) from None
        number += 1
        if len(record) > limits.max_columns:
            raise _too_many_columns(len(record), limits, number)
        yield number, range(line_before + 1, reader.line_num + 1), record
        line_before = reader.line_num


def _line(text: str, number: int) -> str:
    """Physical line `number` (from 1), as the csv reader counts lines."""
    lines = io.StringIO(text, newline="")
    return next((line for count, line in enumerate(lines, start=1) if count == number), "").rstrip("\r\n")


def _csv_error(error: str, row: int, line: str) -> Message:
    quoted = line[line.find('"'):] if '"' in line else line
    snippet = quoted if len(quoted) <= 40 else quoted[:40] + "…"
    if "unexpected end of data" in error or "newline inside string" in error:
        return said("quote_never_closed", row=row, snippet=snippet)
    if "expected after" in error:
        return said("text_after_quote", row=row, snippet=snippet)
    if "field larger than field limit" in error:
        return said("cell_too_long", row=row, limit=csv.field_size_limit())
    return said("csv_unreadable", row=row, error=error, save_as=SAVE_AS_CSV)


def _too_many_columns(count: int, limits: Limits, row: int = 1) -> DataFileError:
    return DataFileError(said("too_many_columns", row=row, count=count, limit=limits.max_columns,
                              setting=settings.MAX_COLUMNS_ENV))


def _extra_cells(row: int, extra: list[str]) -> Problem:
    filled = [repr(cell) for cell in extra if cell]
    named = ", ".join(filled[:_MOST_EXTRA_CELLS_NAMED]) + (", …" if len(filled) > _MOST_EXTRA_CELLS_NAMED else "")
    return Problem(row, None, said("extra_cells", cells=named), WARNING)


def _swallowed_rows(row: int, header: list[str], cells: list[str], separator: str) -> list[Problem]:
    """A cell over several lines, some of which hold a whole row's separators: a quote that
    opened the cell was meant to close on its first line, and the rows after it are hidden."""
    needed = max(1, len(header) - 1)
    problems = []
    for column, cell in zip(header, cells):
        inner = cell.splitlines()[1:]
        hidden = sum(line.count(separator) >= needed for line in inner)
        if hidden:
            problems.append(Problem(row, column or None, said("swallowed_rows", lines=len(inner) + 1, hidden=hidden)))
    return problems


def _row_character_problems(decoded: Decoded, row: int, lines: range, header: list[str],
                            cells: list[str]) -> list[Problem]:
    """What a row holds that a person cannot see: a line in the file's other encoding, and the
    invisible or garbled characters of its cells."""
    problems = []
    if decoded.foreign_lines.intersection(lines):
        problems.append(Problem(row, None, said("mixed_encoding", foreign=decoded.foreign_encoding,
                                                encoding=decoded.encoding)))
    for column, cell in zip(header, cells):
        problems += cell_problems(row, column or None, cell)
    return problems


def cell_problems(row: int, column: str | None, cell: str) -> list[Problem]:
    """The invisible or garbled characters of one cell."""
    problems = []
    control = characters.control_character(cell)
    if control:
        problems.append(Problem(row, column, said("control_character", character=control)))
    if characters.has_bidi_controls(cell):
        problems.append(Problem(row, column, said("bidi_controls"), WARNING))
    invisible = characters.invisible_character(cell)
    if invisible:
        problems.append(Problem(row, column, said("invisible_character", character=invisible), WARNING))
    repaired = characters.ungarbled(cell)
    if repaired:
        problems.append(Problem(row, column, said("garbled", cell=cell, repaired=repaired), WARNING))
    return problems


def drop_unnamed_columns(frame: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """Columns with no name are dropped; one holding values is reported (CSV and workbooks alike)."""
    named = [bool(name) for name in frame.columns]
    for position, is_named in enumerate(named):
        if not is_named and frame.iloc[:, position].astype(bool).any():
            problems.append(Problem(None, None, said("unnamed_column", position=position + 1), WARNING))
    return frame.loc[:, named]


def _header(cells: list[str], known: Collection[str]) -> list[str]:
    """Known names normalised, the others as written; trailing empty names dropped later;
    duplicates refused."""
    names = [header_name(cell, known) for cell in cells]
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise DataFileError(said("column_twice", name=name))
        seen.add(name)
    return names


def read_table(raw: bytes, limits: Limits | None = None,
               known: Collection[str] = CONTRACT_COLUMNS, file_name: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Bytes of any accepted variant → a frame of stripped strings indexed by Excel row, and
    the problems of the file's shape and characters (not of its values). Files over the limits
    are refused before they are parsed. A workbook is read by workbook.py (its sheet chosen by
    `file_name`, the data file's or the upload's)."""
    limits = limits or settings.limits()
    check_size(len(raw), limits)
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        from partnerships.workbook import read_workbook  # it builds on this module
        return read_workbook(raw, limits, file_name, known)
    return parse_table(decode(raw), limits, known)
