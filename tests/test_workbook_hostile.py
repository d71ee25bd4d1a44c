"""Workbooks that could cost memory or time or run something: each is refused with one clear
message, in well under a second, before a cell of it is read."""
from __future__ import annotations

import io
import random
import re
import time
import tracemalloc
import zipfile

import pytest

from partnerships.problems import DataFileError
from partnerships.reading import read_table
from partnerships.settings import Limits
from tests.workbooks import SHEET, book, bomb, encrypted, huge_sheet, rezip, sheet_part

MB = 1_000_000
SMALL = Limits(max_bytes=5 * MB, max_rows=1_000, max_columns=100)
CONTENT_TYPES = "[Content_Types].xml"
MACROS = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
BINARY = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
PLAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EBCDIC = '<?xml version="1.0" encoding="cp037"?><!DOCTYPE x><x/>'.encode("cp037")
DRAWING = '<drawing r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
ENTITIES = b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'


def _types(raw: bytes, kind: str) -> bytes:
    text = zipfile.ZipFile(io.BytesIO(raw)).read(CONTENT_TYPES).decode().replace(PLAIN, kind)
    return rezip(raw, {CONTENT_TYPES: text.encode()})


def _doctype_in_sheet(raw: bytes) -> bytes:
    xml = sheet_part(raw).split("?>", 1)[-1]
    return rezip(raw, {SHEET: ENTITIES + xml.replace("Baoding", "&lol2;", 1).encode()})


def _pictures_only() -> bytes:
    """A sheet with no cells and a drawing (a picture or a chart)."""
    head, rest = sheet_part(book()).split("<sheetData>", 1)
    tail = rest.split("</sheetData>", 1)[1].replace("</worksheet>", DRAWING + "</worksheet>")
    return rezip(book(), {SHEET: (head + "<sheetData/>" + tail).encode()})


HOSTILE = {
    "old .xls": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048, "old Excel workbook (.xls)"),
    "password": (encrypted, "protected by a password"),
    ".xlsm": (lambda: _types(book(), MACROS), "macro-enabled workbook (.xlsm)"),
    "vbaProject.bin": (lambda: rezip(book(), {"xl/vbaProject.bin": b"\x00" * 64}), "macro-enabled"),
    ".xlsb": (lambda: _types(book(), BINARY), "binary Excel workbook (.xlsb)"),
    "a zip, no workbook": (lambda: rezip(book(), {CONTENT_TYPES: None}), "not an Excel workbook"),
    "a .docx": (lambda: _types(book(), WORD), "not an Excel workbook"),
    "cut short": (lambda: book()[:-200], "cannot be opened"),
    "entities in the sheet": (lambda: _doctype_in_sheet(book()), "document type declaration"),
    "DOCTYPE in the styles": (lambda: rezip(book(), {"xl/styles.xml": b'<!DOCTYPE x SYSTEM "http://x/">\n<x/>'}),
                              "xl/styles.xml"),
    "DOCTYPE in UTF-16": (lambda: rezip(book(), {"xl/styles.xml": '<!DOCTYPE x><x/>'.encode("utf-16")}),
                          "document type declaration"),
    "DOCTYPE in EBCDIC": (lambda: rezip(book(), {"xl/styles.xml": EBCDIC}), "not XML as Excel writes it"),
    "expands to 20 MB": (lambda: bomb(20 * MB), "unpacks to"),
    "too many rows": (lambda: huge_sheet(5_000), "more than 1,000 partnerships"),
    "declares 1,048,576 rows": (lambda: huge_sheet(3, dimension="A1:A1048576"), "more than 1,000 partnerships"),
    "declares 16,384 columns": (lambda: huge_sheet(3, dimension="A1:XFD3"), "16,384 columns"),
    "too many columns": (lambda: huge_sheet(2, columns=150), "150 columns"),
    "pictures only": (_pictures_only, "no cells with values, only pictures or charts"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_workbook_is_refused_quickly_with_one_message_and_bounded_memory(case):
    make, expected = HOSTILE[case]
    raw = make()
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(DataFileError) as refused:
        read_table(raw, SMALL)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert expected in refused.value.text(), refused.value.text()
    assert refused.value.text("da") != refused.value.text()
    assert elapsed < 1.0, elapsed
    assert peak < 20 * MB, peak


def _declare(raw: bytes, part: str, size: int) -> bytes:
    """The zip with `part`'s uncompressed size given as `size` in its local header and in the
    central directory (offsets 22 and 24 of each record; names at 30 and 46)."""
    patched = bytearray(raw)
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = patched.find(signature)
        while at >= 0:
            if patched[at + name_at: at + name_at + len(part)] == part.encode():
                patched[at + size_at: at + size_at + 4] = size.to_bytes(4, "little")
            at = patched.find(signature, at + 4)
    return bytes(patched)


def test_a_zip_that_unpacks_to_more_than_it_declares_is_refused():
    """The sheet's headers say 1,000 bytes; it unpacks to 20 MB."""
    xml = sheet_part(book()).replace("<sheetData>", "<sheetData>" + " " * (20 * MB))
    raw = _declare(rezip(book(), {SHEET: xml.encode()}), SHEET, 1000)
    started = time.perf_counter()
    with pytest.raises(DataFileError, match="cannot be opened"):
        read_table(raw, SMALL)
    assert time.perf_counter() - started < 1.0


def test_under_the_limits_the_same_kinds_of_workbook_are_read():
    rows = [f"p{n},Partner {n},Friendship city,Flensburg,DE,54.78,9.43,2010,," for n in range(900)]
    header = "id,name,type,city,country,lat,lon,start_year,end_year,description"
    table, problems = read_table(book(rows=rows, header=header), SMALL)
    assert len(table) == 900 and table.index[-1] == 901 and problems == []


@pytest.mark.parametrize("cell", [
    '<c r="A2" t="s"><v>999</v></c>',  # a shared string that is not there
    '<c r="A2"><v>twelve</v></c>',  # a number that is none
    '<c r="!!"><v>1</v></c>',  # a reference that is none
    '<c r="A2" t="d"><v>not a date</v></c>',
    '<c r="A2" s="999"><v>1</v></c>',  # a style that is not there
])
def test_a_broken_cell_is_one_message_and_never_a_traceback(cell):
    xml = re.sub(r'<c r="A2"[^>]*>.*?</c>', cell, sheet_part(book()), count=1)
    try:
        read_table(rezip(book(), {SHEET: xml.encode()}), SMALL)
    except DataFileError as err:
        assert "cannot be opened" in err.text()


def test_random_damage_to_a_workbook_s_bytes_or_xml_is_one_message_and_never_a_traceback():
    """Bytes flipped in the zip, and characters changed in its XML parts: 100 of each."""
    rng = random.Random(26)
    base = book(change=lambda sheet: (sheet.__setitem__("H3", "=2000+1"), sheet.merge_cells("A6:C6")))
    parts = {name: part.decode() for name, part in _parts(base).items() if name.endswith((".xml", ".rels"))}
    damaged = []
    for _ in range(100):
        raw = bytearray(base)
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        damaged.append(bytes(raw))
        name = rng.choice(sorted(parts))
        text = list(parts[name])
        for _ in range(rng.randint(1, 4)):
            text[rng.randrange(len(text))] = rng.choice('<>/="\' rvcsfA1:&;!-?0')
        damaged.append(rezip(base, {name: "".join(text).encode()}))
    for raw in damaged:
        try:
            read_table(raw, SMALL)
        except DataFileError:
            pass


def _parts(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        return {name: package.read(name) for name in package.namelist()}
