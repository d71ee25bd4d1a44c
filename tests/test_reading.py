"""Reading every file variant staff produce, with Excel's row numbers kept."""
from __future__ import annotations

import tomllib

import pytest

from partnerships import settings
from partnerships.problems import DataFileError
from partnerships.reading import decode, parse_table, read_table, sniff_separator
from partnerships.settings import Limits


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
        (b";;;\r\n;;;\r\n", "no header row"),
        (b",,\n\n,\n", "no header row"),
        ("id,name\r\n".encode("utf-16"), "UTF-16"),
        (b'id,name\na,"never closed\nb,B\n', "Row 2 opens a quote"),
        (b'id,name\na,A\nb,"B" Kommune\n', "Row 3 has text after a closing quote"),
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


def test_a_line_in_windows_1252_inside_a_utf8_file_is_named_not_garbled():
    raw = "id;name\nsonderborg;Sønderborg\n".encode() + "aarhus;Århus\n".encode("cp1252") + "x;Æble\n".encode()
    frame, problems = read_table(raw)
    assert list(frame["name"]) == ["Sønderborg", "Århus", "Æble"]
    assert [(p.row, p.severity) for p in problems] == [(3, "error")]
    assert "Windows-1252, the rest of the file in UTF-8" in problems[0].message


def test_a_utf8_line_inside_a_windows_1252_file_is_the_odd_one():
    raw = "id;name\na;Sønderborg\nb;Ærø\n".encode("cp1252") + "c;Åbenrå\n".encode()
    frame, problems = read_table(raw)
    assert list(frame["name"]) == ["Sønderborg", "Ærø", "Åbenrå"]
    assert [(p.row, p.message.split(",")[0]) for p in problems] == [(4, "is written in UTF-8")]


def test_a_whole_windows_1252_file_has_no_encoding_problem():
    _, problems = read_table("id;name\na;Sønderborg\nb;Ærø\n".encode("cp1252"))
    assert problems == []


def test_text_garbled_by_a_wrong_encoding_once_is_pointed_out():
    _, problems = read_table("id,name\na,SÃ¸nderborg\nb,Sønderborg\n".encode())
    assert [(p.row, p.column, p.severity) for p in problems] == [(2, "name", "warning")]
    assert "probably means 'Sønderborg'" in problems[0].message


def test_a_nul_byte_far_into_the_file_is_an_error_on_its_row():
    filler = "".join(f"r{n},Partner {n}\n" for n in range(8000))
    raw = f"id,name\n{filler}late,Bad\x00Name\n".encode()
    assert len(raw) > 65536
    frame, problems = read_table(raw)
    assert [(p.row, p.column, p.severity) for p in problems] == [(8002, "name", "error")]
    assert frame.loc[8002, "name"] == "Bad\x00Name"  # kept, for staff to see and fix


@pytest.mark.parametrize("character", ["\x1b", "\x7f", "\x85", "\x0c"])
def test_control_characters_are_errors_naming_row_and_column(character):
    _, problems = read_table(f"id,name\na,A{character}B\n".encode())
    assert [(p.row, p.column, p.severity) for p in problems] == [(2, "name", "error")]


def test_line_breaks_and_tabs_in_a_cell_are_not_control_characters():
    _, problems = read_table(b'id,description\na,"one\r\ntwo\tthree"\n')
    assert problems == []


def test_a_quote_that_closes_rows_later_is_an_error_naming_the_row():
    frame, problems = read_table(b'id,name,city\na,"Aabenraa,X\nb,Baoding,Y\nc,Haiyan,Z"\nd,D,W\n')
    assert list(frame.index) == [2, 3]
    assert [(p.row, p.column) for p in problems] == [(2, "name")]
    assert "2 of them look like rows of their own" in problems[0].message


def test_extra_cells_are_named_a_few_at_a_time():
    _, problems = read_table(("id,name\na,A," + ",".join(f"x{n}" for n in range(50)) + "\n").encode())
    assert problems[0].message.count("'x") == 5 and "…" in problems[0].message


@pytest.mark.parametrize(
    ("raw", "limits", "expected"),
    [
        (b"id,name\n" + b"a,A\n" * 11, Limits(max_rows=10), "more than 10 partnerships"),
        (b",".join(b"c%d" % n for n in range(10_000)) + b"\na\n", Limits(), "Row 1 has 10,000 columns"),
        (b"id,name\na,A\nb," + b",".join(b"x" for _ in range(200)) + b"\n", Limits(), "Row 3 has 201 columns"),
        (b"id,name\n" + b"a,A\n" * 300, Limits(max_bytes=1000), "more than the 0.001 MB"),
    ],
    ids=["rows", "columns in the header", "cells in a row", "bytes"],
)
def test_files_past_the_limits_are_refused_before_they_are_parsed(raw, limits, expected):
    with pytest.raises(DataFileError, match=expected):
        read_table(raw, limits)


def test_the_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("PARTNERS_MAX_ROWS", "2")
    monkeypatch.setenv("PARTNERS_MAX_COLUMNS", "not a number")
    assert settings.limits() == Limits(max_rows=2)
    with pytest.raises(DataFileError, match="PARTNERS_MAX_ROWS"):
        read_table(b"id\na\nb\nc\n")


def test_the_default_limits_take_fifty_thousand_rows_and_match_the_upload_limit():
    limits = Limits()
    assert limits.max_rows >= 50_000 and limits.max_columns >= 30
    config = tomllib.loads((settings.ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == limits.max_megabytes


JAPANESE = "id,name,city\ntokyo,Tokyo 東京都,Tokyo\nosaka,大阪市,大阪\n"


def test_a_shift_jis_file_is_read_right_and_said_to_be_unusual():
    """Its bytes also decode as Windows-1252 ('Tokyo “Œ‹ž“s'); that reading is mojibake, and the
    one clean reading is taken, with a warning naming it and showing the text as read."""
    frame, problems = read_table(JAPANESE.encode("shift_jis"))
    assert list(frame["name"]) == ["Tokyo 東京都", "大阪市"]
    assert [(p.row, p.severity) for p in problems] == [(None, "warning")]
    assert "read as Shift-JIS, which is unusual for a partner file" in problems[0].message
    assert "東京都" in problems[0].message
    for danish in ("»Ø« og «Æ»", "„Klimapakt“ – 5 € ½–¾", "»…« Café “Øst”"):  # typography, not mojibake
        frame, problems = read_table(f"id;name\na;{danish}\n".encode("cp1252"))
        assert frame.loc[2, "name"] == danish and problems == []


@pytest.mark.parametrize("encoding", ["gbk", "euc_kr"])
def test_text_in_an_encoding_no_single_reading_settles_is_refused_not_garbled(encoding):
    """A few Chinese or Korean characters decode cleanly in several encodings: none is guessed."""
    raw = "id,name\nb,保定市\n".encode(encoding) if encoding == "gbk" else "id,name\ns,서울특별시\n".encode(encoding)
    with pytest.raises(DataFileError, match="looks garbled|look garbled"):
        read_table(raw)
