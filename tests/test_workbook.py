"""Excel workbooks read as CSV files are: the same table of strings, Excel's row numbers, cells
as Excel keeps them; what a person would not expect (formulas, dates, merged and hidden cells,
a title above the header) said in the report."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from partnerships.loading import load_bytes
from partnerships.problems import ERROR, NOTE, WARNING, DataFileError
from partnerships.reading import read_table
from partnerships.stores import canonical_bytes
from partnerships.writing import canonical_table, to_csv_bytes
from tests.conftest import GOOD_ROWS, HEADER, csv_text
from tests.workbooks import SHEET, book, rezip, sheet_part, with_saved_values


def lines(problems, severity=None) -> list[str]:
    return [p.line() for p in problems if severity is None or p.severity == severity]


def test_a_plain_workbook_reads_as_the_same_csv_would():
    table, problems = read_table(book())
    expected, _ = read_table(csv_text(*GOOD_ROWS).encode())
    assert table.equals(expected) and list(table.index) == [2, 3, 4]
    assert problems == []
    assert to_csv_bytes(canonical_table(table)) == to_csv_bytes(canonical_table(expected))


def test_years_typed_as_numbers_are_years_and_numbers_keep_their_digits():
    table, _ = read_table(book(change=lambda s: (s.__setitem__("H2", 2010.0), s.__setitem__("F2", 38.874),
                                                 s.__setitem__("A3", 12))))
    assert table.loc[2, "start_year"] == "2010" and table.loc[2, "lat"] == "38.874" and table.loc[3, "id"] == "12"


def test_a_date_in_a_year_cell_gives_its_year_with_a_warning():
    table, problems = read_table(book(change=lambda s: s.__setitem__("H3", dt.datetime(2013, 3, 1))))
    assert table.loc[3, "start_year"] == "2013"
    assert lines(problems, WARNING) == ["row 3, start_year: a date (2013-03-01) in a year cell: the year 2013 is read"]


def test_a_formula_gives_its_saved_value_with_a_warning_and_one_without_is_an_error():
    def formulas(sheet):
        sheet["H2"], sheet["H3"], sheet["B4"] = "=2000+10", "=H2+3", '=UPPER("x")'
    raw = with_saved_values(book(change=formulas), {"H2": "2010", "H3": "2013"})
    table, problems = read_table(raw)
    assert table.loc[2, "start_year"] == "2010" and table.loc[3, "start_year"] == "2013" and table.loc[4, "name"] == ""
    assert lines(problems) == [
        "row 2, start_year: the formula =2000+10: the value Excel saved with it, 2010, is read",
        "row 3, start_year: the formula =H2+3: the value Excel saved with it, 2013, is read",
        "row 4, name: the formula =UPPER(\"x\") has no saved value; open the file in Excel and save it",
    ]
    assert [p.severity for p in problems] == [WARNING, WARNING, ERROR]


def test_a_formula_without_a_saved_value_keeps_its_row_off_the_map(vocabulary):
    raw = book(change=lambda s: s.__setitem__("H3", "=2000+13"))
    dataset = load_bytes(raw, vocabulary)
    assert "row 3, start_year: the formula =2000+13 has no saved value; open the file in Excel and save it" in [
        p.line() for p in dataset.errors]
    assert "haiyan" not in set(dataset.partners["id"])


def test_a_title_and_empty_rows_above_the_header_are_skipped_and_rows_keep_excel_s_numbers():
    def merge_title(sheet):
        sheet.merge_cells("A1:K1")
    table, problems = read_table(book(before=[["Sønderborg's partnerships, 2026"], [], []], change=merge_title))
    assert list(table.index) == [5, 6, 7] and table.loc[5, "id"] == "baoding"
    assert lines(problems, NOTE) == [
        "file: merged cells A1:K1: each keeps its value in its first cell, and it is read there",
        "file: read as a title above the header and left out: row 1",
    ]


def test_a_sheet_whose_first_rows_are_neither_title_nor_header_says_which_columns_are_missing(vocabulary):
    dataset = load_bytes(book(before=[["Partners", "2026"]]), vocabulary)
    assert dataset.fatal and "missing" in dataset.fatal.text()


def test_a_sheet_of_titles_only_says_no_header_was_found():
    with pytest.raises(DataFileError, match="No header row was found in the first 10 rows of the sheet 'Partners'"):
        read_table(book(rows=[], header="Title", before=[[f"note {n}"] for n in range(12)]))


def test_hidden_rows_and_columns_and_trailing_empty_cells_are_read_with_a_note():
    def hide(sheet):
        sheet.row_dimensions[3].hidden = True
        sheet.column_dimensions["J"].hidden = True
        sheet["Z40"].number_format = "0.00"  # a formatted cell far out, empty
    table, problems = read_table(book(change=hide))
    assert list(table.index) == [2, 3, 4] and list(table.columns) == HEADER.split(",")
    assert lines(problems, NOTE) == ["file: hidden rows 3 are read like the others",
                                     "file: hidden columns J are read like the others"]


@pytest.mark.parametrize(("title", "others", "file_name", "read"), [
    ("Data", ["Notes"], None, "Data"),
    ("Partners", ["Notes"], None, "Partners"),
    ("PARTNERS", ["Notes"], "anything.xlsx", "PARTNERS"),
    ("Liste", ["Notes"], "Liste.xlsx", "Liste"),
])
def test_the_sheet_read_is_the_one_named_like_the_file_or_partners_else_the_first(title, others, file_name, read):
    table, problems = read_table(book(title=title, sheets=others), file_name=file_name)
    assert len(table) == 3
    assert f"the sheet '{read}' was read, of the workbook's 2 sheets" in lines(problems, NOTE)[0]


def test_a_named_sheet_wins_over_the_first():
    raw = book(title="Oversigt", sheets=["partners"])
    with pytest.raises(DataFileError, match="The sheet 'partners' is empty"):
        read_table(raw)


def test_text_cells_keep_ids_danish_letters_and_long_texts():
    long = "Æblegrød og ø-samarbejde " * 200
    rows = [GOOD_ROWS[0].replace("baoding,", "0012,").replace("Friendship city since 2011.", long.strip())]
    table, _ = read_table(book(rows=rows))
    assert table.loc[2, "id"] == "0012" and table.loc[2, "description"] == long.strip()


def test_characters_nobody_can_see_are_reported_as_in_a_csv_file():
    _, problems = read_table(book(change=lambda s: s.__setitem__("B2", "Bao\u202eding")))
    assert [(p.row, p.column, p.severity) for p in problems] == [(2, "name", WARNING)]


def test_a_column_named_twice_is_refused():
    with pytest.raises(DataFileError, match="appears twice"):
        read_table(book(header=HEADER.replace("url", "id")))


def test_db_import_saves_a_workbook_as_the_same_canonical_csv():
    assert canonical_bytes(book(), "partners.xlsx") == canonical_bytes(csv_text(*GOOD_ROWS).encode())


def test_a_workbook_of_chart_sheets_only_says_so():
    workbook = Workbook()
    workbook.create_chartsheet("Chart")
    workbook.remove(workbook.active)
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(DataFileError, match="no worksheet with cells, only chart sheets"):
        read_table(out.getvalue())


def test_the_first_sheet_excel_shows_is_read_before_a_hidden_one():
    def hide_first(sheet):
        sheet.parent.create_sheet("Liste", 0).sheet_state = "hidden"
    table, problems = read_table(book(title="Ark1", change=hide_first))
    assert len(table) == 3 and "the sheet 'Ark1' was read" in problems[0].line()


def test_a_formula_that_saved_an_empty_text_has_its_value():
    raw = book(change=lambda sheet: sheet.__setitem__("J3", '=IF(1,"","x")'))
    xml = sheet_part(raw).replace('<c r="J3"><f>IF(1,"","x")</f><v /></c>',
                                  '<c r="J3" t="str"><f>IF(1,"","x")</f><v></v></c>')
    table, problems = read_table(rezip(raw, {SHEET: xml.encode()}))
    assert table.loc[3, "description"] == ""
    assert [p.severity for p in problems] == [WARNING], lines(problems)
