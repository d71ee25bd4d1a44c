"""Workbooks for the tests, built with openpyxl as Excel would save them, and hostile ones
built part by part."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from typing import IO

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.conftest import GOOD_ROWS, HEADER

SHEET = "xl/worksheets/sheet1.xml"


def typed(cell: str) -> object:
    """A CSV cell as Excel would hold it after typing: numbers as numbers, the rest as text."""
    if re.fullmatch(r"-?[0-9]+", cell) and not cell.startswith("0"):
        return int(cell)
    if re.fullmatch(r"-?[0-9]+\.[0-9]+", cell):
        return float(cell)
    return cell or None


def book(rows: Iterable[str] = GOOD_ROWS, header: str = HEADER, title: str = "Partners",
         before: Iterable[list] = (), sheets: Iterable[str] = (),
         change: Callable[[Worksheet], None] | None = None) -> bytes:
    """A workbook whose sheet `title` holds `before` (a title, empty rows), the header and the rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for name in sheets:
        workbook.create_sheet(name)
    for line in before:
        sheet.append(line)
    sheet.append(header.split(","))
    for row in rows:
        sheet.append([typed(cell) for cell in row.split(",")])
    if change:
        change(sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rezip(raw: bytes, parts: dict[str, bytes | None]) -> bytes:
    """The workbook with parts replaced, added or (None) left out."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name not in parts:
                target.writestr(name, source.read(name))
        for name, content in parts.items():
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def with_saved_values(raw: bytes, values: dict[str, str]) -> bytes:
    """Formulas with the values Excel would have saved with them (openpyxl saves none)."""
    xml = zipfile.ZipFile(io.BytesIO(raw)).read(SHEET).decode()
    for cell, value in values.items():
        xml, count = re.subn(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)<v\s*/>', rf"\1\2<v>{value}</v>", xml)
        assert count == 1, cell
    return rezip(raw, {SHEET: xml.encode()})


def sheet_part(raw: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(raw)).read(SHEET).decode()


def streamed_sheet(write_rows: Callable[[IO[bytes]], None], dimension: str | None = None) -> bytes:
    """The test workbook with its sheet's rows written by `write_rows` straight into the zip,
    so a sheet of a million rows or of a hundred megabytes never sits in memory whole."""
    raw = book()
    head, tail = sheet_part(raw).split("<sheetData>", 1)
    tail = tail.split("</sheetData>", 1)[1]
    if dimension:
        head = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>', head)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name != SHEET:
                target.writestr(name, source.read(name))
        with target.open(SHEET, "w", force_zip64=True) as part:
            part.write((head + "<sheetData>").encode())
            write_rows(part)
            part.write(("</sheetData>" + tail).encode())
    return out.getvalue()


def bomb(unpacked: int, chunk: int = 1 << 20) -> bytes:
    """A workbook whose sheet unpacks to `unpacked` bytes (spaces; deflate shrinks them ~1000 times)."""
    def spaces(part: IO[bytes]) -> None:
        for _ in range(0, unpacked, chunk):
            part.write(b" " * chunk)

    return streamed_sheet(spaces)


def huge_sheet(rows: int, columns: int = 1, dimension: str | None = None) -> bytes:
    """A workbook whose sheet has `rows` rows of `columns` numbers, streamed into the zip."""
    letters = [_letters(column) for column in range(1, columns + 1)]

    def numbers(part: IO[bytes]) -> None:
        for row in range(1, rows + 1):
            cells = "".join(f'<c r="{letter}{row}"><v>1</v></c>' for letter in letters)
            part.write(f'<row r="{row}">{cells}</row>'.encode())

    return streamed_sheet(numbers, dimension)


def _letters(column: int) -> str:
    name = ""
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def encrypted() -> bytes:
    """What Excel writes for a workbook with a password: an OLE container with EncryptionInfo
    and EncryptedPackage streams (the directory's names are UTF-16)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "".join(name.ljust(32, "\x00") for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    return header + directory.encode("utf-16-le") + b"\x00" * 1024
