"""Only regular files are read, and never past the size limit, whatever size the file reports;
the command line prints nothing a terminal would run."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main
from partnerships.opening import read_limited
from partnerships.problems import DataFileError
from partnerships.settings import ROOT, Limits
from partnerships.terminal import printable
from tests.conftest import GOOD_ROWS, csv_text

CLI_MEMORY = 1 << 30  # bytes: a run that reads /dev/zero into memory fails here instead of taking the machine


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CLI_MEMORY, CLI_MEMORY))


def validate(path: Path | str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "partnerships", "validate", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, preexec_fn=_capped)


def special(kind: str, tmp_path: Path) -> Path:
    if kind == "folder":
        return tmp_path
    if kind == "named pipe":
        os.mkfifo(tmp_path / "pipe.csv")
        return tmp_path / "pipe.csv"
    return Path("/dev/zero")


@pytest.mark.parametrize("kind", ["folder", "named pipe", "device"])
def test_only_regular_files_are_read(tmp_path, kind):
    """A folder, a pipe with no writer (which would wait for ever) and /dev/zero (which never
    ends and reports no size) are each one clear line, at once."""
    result = validate(special(kind, tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert f"This is a {kind}, not a file. Give the path of a CSV file." in result.stdout


def test_the_size_limit_holds_while_reading_a_file_that_reports_less(tmp_path):
    """Files in /proc report a size of 0 and hold more; the reader stops one byte past the limit."""
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(DataFileError, match="more than the 1e-05 MB"):
        read_limited(Path("/proc/self/maps"), Limits(max_bytes=10))
    path = tmp_path / "ten.csv"
    path.write_bytes(b"0123456789")
    assert read_limited(path, Limits(max_bytes=10)) == b"0123456789"


ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[31m"


def test_header_names_with_terminal_escapes_are_printed_inert(write_csv, capsys):
    """An escape sequence in a header name is an error naming it, printed as text: the terminal
    is neither cleared, recoloured nor retitled."""
    path = write_csv(csv_text(*GOOD_ROWS, header=f"id,name,type,city,country,lat,lon,start_year,end_year,"
                                                  f"description,url,{ESCAPES}note"))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert out.splitlines()[0] == ("row 1, \\x1b]0;owned\\x07\\x1b[2J\\x1b[31mnote: holds an invisible control "
                                   "character (U+001B); remove it")
    assert out.splitlines()[-1].endswith("3 partnerships in 2 countries will be on the map, none left off; none "
                                         "placed by the gazetteer; 1 error")


@pytest.mark.parametrize(("text", "shown"), [
    ("plain, æøå 東京", "plain, æøå 東京"), ("a\tb", "a\tb"), ("\x1b[2J", "\\x1b[2J"), ("x\ry", "x\\x0dy"),
    ("\u202egnp.exe", "\\u202egnp.exe"), ("\x9b31m", "\\x9b31m"), ("nul\x00", "nul\\x00"),
])
def test_printable(text, shown):
    assert printable(text) == shown
