"""`python -m partnerships validate`: a summary or one line per problem, never a traceback."""
from __future__ import annotations

import subprocess
import sys

import pytest

from partnerships.__main__ import main
from partnerships.settings import DEFAULT_PARTNERS_CSV, ROOT
from tests.conftest import GOOD_ROWS, csv_text


def test_valid_file_exits_0_with_one_summary_line(capsys):
    assert main(["validate", str(DEFAULT_PARTNERS_CSV)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "7 partnerships in 4 countries" in out[0]


def test_problems_exit_1_one_line_each(write_csv, capsys):
    path = write_csv(csv_text(GOOD_ROWS[0], GOOD_ROWS[0].replace("2010", "twenty-eleven")))
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        "row 3, id: 'baoding' is already used in row 2; ids must be unique",
        "row 3, start_year: 'twenty-eleven' is not a year",
    ]


@pytest.mark.parametrize("content", [b"", b"\x00\x01garbage\xff", b"PK\x03\x04zip", b"just some words\n",
                                     b";;;\r\n;;;\r\n", b'id,name\na,"open\n'])
def test_unusable_files_exit_1_without_traceback(write_csv, content):
    path = write_csv(content)
    result = subprocess.run([sys.executable, "-m", "partnerships", "validate", str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.strip()


def test_missing_file_exits_1(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "absent.csv")]) == 1
    assert "does not exist" in capsys.readouterr().out


def test_a_valid_file_with_warnings_still_prints_one_summary_line(write_csv, capsys):
    twin = GOOD_ROWS[0].replace("baoding,City of Baoding", "baoding-2,city of baoding")
    path = write_csv(csv_text(GOOD_ROWS[0], twin))
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip().splitlines() == [f"{path}: 2 partnerships in 1 country, 1 warning"]
    assert "looks like 'City of Baoding'" in captured.err


def test_a_file_past_the_size_limit_is_refused_without_reading_it(write_csv, monkeypatch, capsys):
    path = write_csv(csv_text(*GOOD_ROWS) + "x" * 1_100_000)
    monkeypatch.setenv("PARTNERS_MAX_FILE_MB", "1")
    assert main(["validate", str(path)]) == 1
    assert "more than the 1 MB a partner file may be" in capsys.readouterr().out
