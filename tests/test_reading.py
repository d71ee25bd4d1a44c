"""Reading every file variant staff produce, with Excel's row numbers kept."""
from __future__ import annotations

import pytest

from partnerships.problems import DataFileError
from partnerships.reading import decode, parse_table, read_table, sniff_separator


def test_danish_excel_export_semicolons_bom_crlf():
    raw = "\ufeffid;name;lat\r\nbaoding;Baoding;38,874\r\n".encode("utf-8")
    frame, problems = read_table(raw)
    assert list(frame.columns) == ["id", "name", "lat"]
    assert frame.loc[2, "lat"] == "38,874"
    assert problems == []


def test_windows_1252_is_read_as_danish_text():
    raw = "id;name\r\nsonderborg;Sønderborg Æ Å\r\n".encode("cp1252")
    frame, _ = read_table(raw)
    assert frame.loc[2, "name"] == "Sønderborg Æ Å"


def test_blank_lines_are_skipped_but_rows_keep_their_excel_numbers():
    frame, _ = read_table(b"\nid,name\n\na,A\n,\n\nb,B\n")
    assert list(frame.index) == [4, 7]
    assert list(frame["id"]) == ["a", "b"]


def test_ragged_whitespace_and_header_case_are_forgiven():
    frame, _ = read_table(b"  ID , Name ,Start Year\n  a  ,\tAnne  , 2011 \n")
    assert list(frame.columns) == ["id", "name", "start_year"]
    assert frame.loc[2].tolist() == ["a", "Anne", "2011"]


def test_empty_trailing_columns_are_dropped_silently():
    frame, problems = read_table(b"id;name;;;\r\na;A;;;\r\n")
    assert list(frame.columns) == ["id", "name"]
    assert problems == []


def test_cells_beyond_the_header_are_reported_not_lost_silently():
    _, problems = read_table(b"id,name\na,A,surprise\n")
    assert [(p.row, p.severity) for p in problems] == [(2, "warning")]
    assert "surprise" in problems[0].message


def test_quoted_commas_and_newlines_stay_in_one_cell():
    frame, _ = read_table(b'id,description\na,"One, two\nthree"\nb,x\n')
    assert frame.loc[2, "description"] == "One, two\nthree"
    assert list(frame.index) == [2, 3]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "empty"),
        (b"  \r\n\r\n", "empty"),
        (b"\x00\x01\x02\xff\xfe binary", "not text"),
        (b"PK\x03\x04\x14\x00rest-of-a-workbook", "Excel workbook"),
        (b"\xd0\xcf\x11\xe0old-xls", "old Excel workbook"),
        (b"%PDF-1.7", "PDF"),
        (b"id,id\na,b\n", "appears twice"),
    ],
)
def test_files_that_are_not_usable_csv_raise_one_clear_message(raw, expected):
    with pytest.raises(DataFileError, match=expected):
        read_table(raw)


def test_undecodable_bytes_are_refused():
    with pytest.raises(DataFileError, match="neither UTF-8 nor Windows-1252"):
        decode(b"id\n\x81\x8d\x8f\x90\x9d")


@pytest.mark.parametrize(
    ("line", "separator"),
    [("id,name,type", ","), ("id;name;type", ";"), ("id\tname", "\t"), ("id", ",")],
)
def test_separator_is_the_one_that_splits_the_header(line, separator):
    assert sniff_separator(line) == separator


def test_unnamed_column_with_values_is_reported():
    _, problems = parse_table("id,,name\na,lost?,A\n")
    assert any("column 2" in p.message for p in problems)
