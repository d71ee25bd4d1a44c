"""`python -m partnerships db import | export | history`: validated imports, one line per failure,
never a traceback, configured like the app."""
from __future__ import annotations

import subprocess
import sys

import pytest

from cli.main import main
from partnerships.settings import ROOT
from partnerships.stores import DB_URL_ENV, canonical_bytes, open_store
from tests.conftest import GOOD_ROWS, csv_text


@pytest.fixture
def db(monkeypatch, database_url) -> str:
    monkeypatch.setenv(DB_URL_ENV, database_url)
    return database_url


def test_import_export_and_history(db, write_csv, tmp_path, capsys):
    path = write_csv(csv_text(*GOOD_ROWS).replace(",", ";"), encoding="cp1252")
    assert main(["db", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 partnerships in 2 countries" in out and "imported as version 1" in out
    assert main(["db", "import", str(path)]) == 0
    assert "the same as version 1; nothing imported" in capsys.readouterr().out
    second = write_csv(csv_text(*GOOD_ROWS[:2]), name="fewer.csv")
    assert main(["db", "import", str(second), "--note", "Flensburg ended"]) == 0
    assert "imported as version 2; the previous version is kept as version 1" in capsys.readouterr().out

    assert main(["db", "history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].split()[0] == "2" and lines[0].endswith("Flensburg ended  (current)")
    assert "command line" in lines[1] and "imported " + path.name in lines[1]

    out_file = tmp_path / "out.csv"
    assert main(["db", "export", str(out_file)]) == 0
    assert out_file.read_bytes() == canonical_bytes(second.read_bytes())
    assert main(["db", "export", str(out_file), "--version", "1"]) == 0
    assert out_file.read_bytes() == canonical_bytes(path.read_bytes())
    assert "version 1" in capsys.readouterr().out.splitlines()[-1]


@pytest.mark.parametrize(("lang", "problem", "refused"), [
    ("en", "row 3, start_year: 'twenty-thirteen' is not a year", "not imported; nothing in the database was changed"),
    ("da", "række 3, start_year: 'twenty-thirteen' er ikke et årstal", "ikke importeret; intet i databasen er ændret"),
])
def test_a_file_with_errors_is_refused_with_its_problems(db, write_csv, capsys, lang, problem, refused):
    path = write_csv(csv_text(GOOD_ROWS[0], GOOD_ROWS[1].replace("2013", "twenty-thirteen")))
    assert main(["db", "import", str(path), "--lang", lang]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == problem and lines[-1] == f"{path}: {refused}"
    assert open_store(db).current() is None


def test_an_import_says_so_in_danish(db, write_csv, capsys):
    path = write_csv(csv_text(*GOOD_ROWS))
    assert main(["db", "import", str(path), "--lang", "da"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}: 3 partnerskaber i 2 lande kommer på kortet")
    assert out[-1] == f"{path}: importeret som version 1"


@pytest.mark.parametrize(("args", "expected"), [
    (["db", "export", "OUT"], "holds no version yet"),
    (["db", "export", "OUT", "--version", "7"], "There is no version 7"),
    (["db", "history"], "holds no version yet"),
])
def test_an_empty_database_says_so(db, tmp_path, capsys, args, expected):
    args = [str(tmp_path / "out.csv") if arg == "OUT" else arg for arg in args]
    main(args)
    assert expected in capsys.readouterr().out
    assert not (tmp_path / "out.csv").exists()


def test_without_a_database_the_commands_say_how_to_configure_one(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert main(["db", "history"]) == 1
    assert "PARTNERS_DB_URL" in capsys.readouterr().out


def test_the_secrets_file_names_the_database(monkeypatch, tmp_path, database_url, capsys):
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(f'[connections.partners]\nurl = "{database_url}"\n')
    monkeypatch.chdir(tmp_path)
    open_store(database_url).save(csv_text(GOOD_ROWS[0]).encode(), None, "set up")
    assert main(["db", "history"]) == 0
    assert "set up" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["db", "history"], ["db", "export", "out.csv"]])
def test_an_unreachable_database_is_one_line_and_exit_1(tmp_path, args):
    env = {"PATH": "/usr/bin:/bin", DB_URL_ENV: f"postgresql+psycopg://nobody@/partners?host={tmp_path}",
           "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "partnerships", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith("The partner database cannot be used right now")


def test_what_the_database_cannot_keep_is_refused_by_validation(db, write_csv, capsys):
    """PostgreSQL text holds no NUL: a header name with one is an error of the file, before the import."""
    path = write_csv(csv_text(*GOOD_ROWS, header="id,name,type,city,country,lat,lon,start_year,end_year,description,"
                                                 "url,no\x00te"))
    assert main(["db", "import", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "row 1, no\\x00te: holds an invisible control character (U+0000); remove it"
    assert lines[-1] == f"{path}: not imported; nothing in the database was changed"
    assert open_store(db).current() is None
