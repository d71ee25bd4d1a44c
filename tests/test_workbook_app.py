"""Workbooks on Manage data and on the command line: uploaded, previewed with Excel's row numbers
and what reading them noticed, saved as the data file; validated by `validate`; a download
edited in Excel and uploaded again changes only what was edited."""
from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from partnerships import backups
from partnerships.exports import xlsx
from partnerships.reading import read_table
from partnerships.settings import ROOT
from partnerships.writing import canonical_table
from tests.conftest import GOOD_ROWS, HEADER, csv_text
from tests.test_manage_app import open_page, unlock, upload
from tests.workbooks import book, with_saved_values

ORIGINAL = csv_text(*GOOD_ROWS[:2])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def formulas_and_dates(sheet) -> None:
    """Below a title and the header: row 5 (flensburg), an end year computed by a formula; row 4
    (haiyan), a date in the year cell."""
    sheet["I5"] = "=H5+8"
    sheet["H4"] = dt.datetime(2013, 5, 1)


def excel_book() -> bytes:
    raw = book(rows=GOOD_ROWS, before=[["Sønderborg Kommune: internationale partnerskaber"]],
               change=formulas_and_dates)
    return with_saved_values(raw, {"I5": "2015"})


def report(at):
    return at.tabs[2].dataframe[0].value


def test_a_workbook_from_excel_uploads_previews_with_excel_rows_and_saves(data_path):
    at = upload(unlock(open_page()), excel_book(), name="partners.xlsx")
    shown = report(at)[["row", "column", "severity"]].astype(str).values.tolist()
    assert ["4", "start_year", "warning"] in shown and ["5", "end_year", "warning"] in shown, shown
    assert any("1 added, 0 changed, 0 removed" in m.value for m in at.markdown)
    at.button(key="upload_save").click().run()
    assert not at.exception
    saved = data_path.read_text()
    assert saved.startswith(HEADER) and "flensburg" in saved and ",2007,2015," in saved and ",2013," in saved
    assert backups.versions(data_path)[0].path.read_text() == ORIGINAL


def test_a_formula_without_a_saved_value_is_an_error_at_its_cell_and_blocks_the_save(data_path):
    raw = book(rows=GOOD_ROWS, change=lambda sheet: sheet.__setitem__("H4", "=2000+7"))
    at = upload(unlock(open_page()), raw, name="partners.xlsx")
    errors = report(at)[report(at)["severity"] == "error"]
    assert errors[["row", "column"]].values.tolist() == [[4, "start_year"]]
    assert "the formula =2000+7 has no saved value" in errors.iloc[0]["problem"]
    assert at.button(key="upload_save").disabled
    assert data_path.read_text() == ORIGINAL


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("report.pdf", b"%PDF-1.7", "report.pdf cannot be read here: a partner file is one of .csv, .txt, .xlsx."),
    ("partners.xlsm", b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "old Excel workbook (.xls)"),
    ("partners.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "old Excel workbook (.xls)"),
])
def test_a_wrong_file_is_said_on_the_page(data_path, name, content, expected):
    at = upload(unlock(open_page()), content, name=name)
    assert any(expected in e.value.replace("\\", "") for e in at.error), [e.value for e in at.error]
    assert data_path.read_text() == ORIGINAL


def test_a_wrong_file_is_said_in_the_page_s_language(data_path):
    at = unlock(open_page())
    at.radio(key="lang").set_value("da").run()
    at = upload(at, b"PK", name="kort.png")
    assert any("kort.png kan ikke læses her: en partnerfil er en af .csv, .txt, .xlsx." in e.value.replace("\\", "")
               for e in at.error), [e.value for e in at.error]


def round_trip_rows() -> list[str]:
    long = "Samarbejde om klima og energi og grøn omstilling i grænseregionen; " * 20
    return [
        GOOD_ROWS[0].replace("baoding,", "0012,").replace("Friendship city since 2011.", long.strip()),
        GOOD_ROWS[1].replace(",2013,", ",,"),  # no start year
        GOOD_ROWS[2].replace("Klimapakt Flensburg", "Klimapakt Flensborg – Sønderjylland (Æ Ø Å)"),
    ]


def edited_in_excel(raw: bytes, cell: str, value: object) -> bytes:
    """What Excel does to a download someone edits: load, change one cell, save."""
    workbook = load_workbook(io.BytesIO(raw))
    workbook.active[cell] = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_download_edited_in_excel_reads_back_with_only_that_change():
    table = canonical_table(read_table(csv_text(*round_trip_rows()).encode())[0])
    again, problems = read_table(edited_in_excel(xlsx(table), "I3", 2020))
    assert problems == []
    changed = (again != table).stack()
    assert list(changed[changed].index) == [(3, "end_year")] and again.loc[3, "end_year"] == "2020"
    assert again.loc[2, "id"] == "0012" and again.loc[3, "start_year"] == ""
    assert again.loc[4, "name"] == "Klimapakt Flensborg – Sønderjylland (Æ Ø Å)"


def test_the_download_uploaded_after_an_edit_in_excel_changes_one_field(data_path):
    data_path.write_text(csv_text(*round_trip_rows()), encoding="utf-8")
    at = unlock(open_page())
    table = canonical_table(read_table(data_path.read_bytes())[0])
    at = upload(at, edited_in_excel(xlsx(table), "J4", "Grænsetrekanten"), name="partners.xlsx")
    assert any("0 added, 1 changed, 0 removed" in m.value for m in at.markdown)
    at.button(key="upload_save").click().run()
    saved = read_table(data_path.read_bytes())[0]
    assert saved.loc[4, "description"] == "Grænsetrekanten"
    assert saved.drop(columns="description").equals(table.drop(columns="description"))


@pytest.mark.parametrize(("raw", "code", "last"), [
    (book(), 0, "3 partnerships in 2 countries will be on the map, none left off"),
    (book(change=lambda sheet: sheet.__setitem__("H3", "=2000+13")), 1, "1 row left off (errors)"),
], ids=["valid", "a formula with no saved value"])
def test_validate_reads_a_workbook(write_csv, raw, code, last):
    path = write_csv(raw, name="partners.xlsx")
    result = subprocess.run([sys.executable, "-m", "partnerships", "validate", str(path), "--lang", "en"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == code, result.stdout + result.stderr
    assert last in result.stdout.splitlines()[-1]
    if code:
        assert ("row 3, start_year: the formula =2000+13 has no saved value; open the file in Excel and save it"
                in result.stdout)


def test_validate_refuses_a_hostile_workbook_in_danish(write_csv):
    path = write_csv(b"\xd0\xcf\x11\xe0" + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 600, name="partners.xlsx")
    result = subprocess.run([sys.executable, "-m", "partnerships", "validate", str(path), "--lang", "da"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "beskyttet med en adgangskode" in result.stdout
