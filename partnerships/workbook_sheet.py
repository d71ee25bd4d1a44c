"""Which sheet of a workbook holds the partners, and what it holds besides values.

The sheet is the only one, or the one named like the data file or "partners" (any case), else
the first. Its XML is read once as a stream, before any value is, for what read-only openpyxl
does not tell: the size it declares (`<dimension>`) and the size it really has (reading stops
at the limits), merged cells, hidden rows and columns, formulas, and pictures or charts. It is
read by expat itself, with handlers and no tree, so a million rows cost no memory; a document
type declaration (the only door to entities) is refused here too, besides the package check.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.parsers import expat

from openpyxl.utils.cell import column_index_from_string, get_column_letter

from partnerships import settings
from partnerships.messages import said
from partnerships.problems import DataFileError
from partnerships.settings import Limits
from partnerships.workbook_package import read_part

DATA_SHEET = "partners"
HEADER_SEARCH = 10  # rows above the header (a title, empty rows) that are looked through
_CELL = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
_TRUE = ("1", "true")
_VALUES = ("v", "f", "is")  # what makes a cell more than a styled empty one
_DRAWINGS = ("drawing", "legacyDrawing", "picture")
_CHUNK = 1 << 20
_WORKSHEET = "/worksheet"


@dataclass(frozen=True)
class Sheet:
    name: str
    path: str  # the part inside the zip
    worksheet: bool  # False for a chart sheet
    hidden: bool = False


@dataclass
class Scan:
    """What the sheet's XML says beyond its values."""

    last_row: int = 0  # the last row holding a value
    value_rows: int = 0
    formulas: bool = False
    drawings: bool = False
    merged: list[str] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: set[int] = field(default_factory=set)
    last_column: int = 0


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute(element, name: str) -> str | None:
    """An attribute by its local name, whatever its namespace (r:id)."""
    return next((value for key, value in element.attrib.items() if _local(key) == name), None)


def sheets(package: zipfile.ZipFile) -> list[Sheet]:
    """The workbook's sheets in their order, from the workbook part and its relations."""
    workbook_path = "xl/workbook.xml"
    root_rels = read_part(package, "_rels/.rels")
    for relation in root_rels if root_rels is not None else ():
        if relation.get("Type", "").endswith("/officeDocument"):
            workbook_path = relation.get("Target", workbook_path).lstrip("/")
    workbook = read_part(package, workbook_path)
    folder = PurePosixPath(workbook_path).parent
    rels = read_part(package, str(folder / "_rels" / (PurePosixPath(workbook_path).name + ".rels")))
    targets = {relation.get("Id"): relation for relation in (rels if rels is not None else ())}
    found = []
    for element in workbook.iter() if workbook is not None else ():
        relation = targets.get(_attribute(element, "id")) if _local(element.tag) == "sheet" else None
        if relation is not None:
            target = relation.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else str(folder / target)
            found.append(Sheet(element.get("name", ""), path, relation.get("Type", "").endswith(_WORKSHEET),
                               element.get("state", "visible") != "visible"))
    return found


def choose(found: list[Sheet], file_name: str | None) -> Sheet | None:
    """The only worksheet, the one named like the file or "partners", else the first (the first
    one Excel shows, where there is one)."""
    worksheets = sorted((sheet for sheet in found if sheet.worksheet), key=lambda sheet: sheet.hidden)
    wanted = {DATA_SHEET}
    if file_name:
        wanted.add(PurePosixPath(file_name.replace("\\", "/")).stem.casefold())
    named = [sheet for sheet in worksheets if sheet.name.strip().casefold() in wanted]
    return (named or worksheets or [None])[0]


def scan(package: zipfile.ZipFile, sheet: Sheet, limits: Limits) -> Scan:
    """One streaming pass over the sheet's XML with expat (no tree is built); DataFileError past
    the limits, as soon as they are passed."""
    scanner = _Scanner(limits)
    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = scanner.start, scanner.end
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _refuse_doctype
    try:
        with package.open(sheet.path) as source:
            while chunk := source.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Doctype:
        raise DataFileError(said("workbook_doctype", part=sheet.path)) from None
    except (KeyError, ValueError, expat.ExpatError, zipfile.BadZipFile):
        raise DataFileError(said("zip_unreadable")) from None
    found = scanner.found
    found.hidden_columns = {c for c in found.hidden_columns if c <= found.last_column}
    return found


class _Doctype(Exception):
    pass


def _refuse_doctype(*_: object) -> None:
    raise _Doctype


class _Scanner:
    """expat's handlers: rows, cells holding something, and what Excel shows besides."""

    def __init__(self, limits: Limits) -> None:
        self.limits, self.found = limits, Scan()
        self.row = self.column = 0
        self.row_has_value = self.row_hidden = self.in_cell = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.rpartition(":")[2]
        if tag in _VALUES:
            if self.in_cell:
                self.row_has_value = True
                self.found.last_column = max(self.found.last_column, self.column)
                self.found.formulas = self.found.formulas or tag == "f"
        elif tag == "c":
            self.column = _column(attributes.get("r"), self.column)
            self.in_cell = True
        elif tag == "row":
            self.row = int(attributes.get("r") or self.row + 1)
            self.column, self.row_has_value = 0, False
            self.row_hidden = attributes.get("hidden", "").lower() in _TRUE
        elif tag == "dimension":
            _check_dimension(attributes.get("ref", ""), self.limits)
        elif tag == "col" and attributes.get("hidden", "").lower() in _TRUE:
            low, high = int(attributes.get("min", 1)), int(attributes.get("max", 1))
            self.found.hidden_columns.update(range(low, min(high, self.limits.max_columns) + 1))
        elif tag == "mergeCell":
            self.found.merged.append(attributes.get("ref", ""))
        elif tag in _DRAWINGS:
            self.found.drawings = True

    def end(self, name: str) -> None:
        tag = name.rpartition(":")[2]
        if tag == "c":
            self.in_cell = False
        elif tag == "row":
            found, limits = self.found, self.limits
            if found.last_column > limits.max_columns:  # the whole row counted, then refused
                raise _too_many_columns(self.row, found.last_column, limits)
            if self.row_has_value:
                found.value_rows += 1
                found.last_row = self.row
                if self.row_hidden:
                    found.hidden_rows.append(self.row)
                if found.value_rows > limits.max_rows + HEADER_SEARCH + 1:
                    raise _too_many_rows(limits)


def _column(reference: str | None, previous: int) -> int:
    match = _CELL.match(reference or "")
    return column_index_from_string(match.group(1)) if match else previous + 1


def _check_dimension(reference: str, limits: Limits) -> None:
    """The size the sheet declares, refused before a row of it is read."""
    match = _CELL.match(reference.split(":")[-1].replace("$", ""))
    if not match:
        return
    rows, columns = int(match.group(2)), column_index_from_string(match.group(1))
    if columns > limits.max_columns:
        raise _too_many_columns(1, columns, limits)
    if rows > limits.max_rows + HEADER_SEARCH + 1:
        raise _too_many_rows(limits)


def _too_many_columns(row: int, count: int, limits: Limits) -> DataFileError:
    return DataFileError(said("too_many_columns", row=row, count=count, limit=limits.max_columns,
                              setting=settings.MAX_COLUMNS_ENV))


def _too_many_rows(limits: Limits) -> DataFileError:
    return DataFileError(said("too_many_rows", limit=limits.max_rows, setting=settings.MAX_ROWS_ENV))


def column_letters(columns) -> list[str]:
    return [get_column_letter(column) for column in sorted(columns)]
