"""`python -m partnerships validate`: a summary or one line per problem, never a traceback."""
from __future__ import annotations

import subprocess
import sys

import pytest

from cli.main import main
from partnerships.settings import ROOT
from tests.conftest import csv_text, GOOD_ROWS, SHIPPED_CSV


def test_valid_file_exits_0_with_one_summary_line(capsys):
    assert main(["validate", str(SHIPPED_CSV)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [(f"{SHIPPED_CSV}: 7 partnerships in 4 countries will be on the map, none left off; "
                    "none placed by the gazetteer; no problems")]


def test_problems_exit_1_one_line_each_and_the_summary_last(write_csv, capsys):
    path = write_csv(csv_text(GOOD_ROWS[0], GOOD_ROWS[0].replace("2010", "twenty-eleven")))
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        "row 3, id: 'baoding' is already used in row 2; ids must be unique",
        "row 3, start_year: 'twenty-eleven' is not a year",
        (f"{path}: 1 partnership in 1 country will be on the map, 1 row left off (errors); none placed by the "
         "gazetteer; 2 errors"),
    ]


# Rows placed by the gazetteer, one among namesakes (Peoria), one with an error (left off), one warning.
GAZETTEER_ROWS = [
    "kiel,Kiel,Friendship city,Kiel,Tyskland,,,2001,,,",
    "peoria,Peoria,Friendship city,Peoria,USA,,,2001,,,",
    "flensburg,Flensburg,Friendship city,Flensburg,DE,,,twenty-eleven,,,",
    GOOD_ROWS[0],
]
SUMMARIES = {
    "en": "{path}: 3 partnerships in 3 countries will be on the map, 1 row left off (errors); 2 placed by the "
          "gazetteer (1 chosen among several); 1 error and 1 warning",
    "da": "{path}: 3 partnerskaber i 3 lande kommer på kortet, 1 række udeladt (fejl); 2 placeret af "
          "stednavneregistret (1 valgt blandt flere); 1 fejl og 1 advarsel",
}


@pytest.mark.parametrize(("lang", "error", "warning"), [
    ("en", "row 4, start_year: 'twenty-eleven' is not a year",
     ("row 3, city: Peoria: Arizona or Illinois? The map shows Peoria, Arizona (33.5806, -112.2374), the largest; to "
      "choose another, write 'Peoria, Illinois' (or use the region column) or give lat and lon (warning)")),
    ("da", "række 4, start_year: 'twenty-eleven' er ikke et årstal",
     ("række 3, city: Peoria: Arizona eller Illinois? Kortet viser Peoria, Arizona (33.5806, -112.2374), den største; "
      "vælg en anden: skriv 'Peoria, Illinois' (eller brug kolonnen region), eller angiv lat og lon (advarsel)")),
])
def test_every_line_in_the_language_asked_for_and_the_summary_counts_the_gazetteer(write_csv, capsys, lang, error,
                                                                                   warning):
    path = write_csv(csv_text(*GAZETTEER_ROWS))
    assert main(["validate", str(path), "--lang", lang]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [error, SUMMARIES[lang].format(path=path)]
    assert warning in captured.err.splitlines()
    assert len(captured.err.splitlines()) == 4  # the warning and three notes: Kiel, Peoria, Flensburg


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["{path}: The file is empty: it needs a header row (id, name, type, …) and one row per partnership.",
            "{path}: nothing will be on the map"]),
    ("da", ["{path}: Filen er tom: den skal have en overskriftsrække (id, name, type, …) og én række pr. partnerskab.",
            "{path}: intet kommer på kortet"]),
])
def test_a_file_that_cannot_be_used_says_why_in_the_language_asked_for(write_csv, capsys, lang, expected):
    path = write_csv(b"")
    assert main(["validate", str(path), "--lang", lang]) == 1
    assert capsys.readouterr().out.splitlines() == [line.format(path=path) for line in expected]


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
    assert captured.out.strip().splitlines() == [
        (f"{path}: 2 partnerships in 1 country will be on the map, none left off; none placed by the gazetteer; "
         "1 warning")]
    assert "looks like 'City of Baoding'" in captured.err


def test_a_file_past_the_size_limit_is_refused_without_reading_it(write_csv, monkeypatch, capsys):
    path = write_csv(csv_text(*GOOD_ROWS) + "x" * 1_100_000)
    monkeypatch.setenv("PARTNERS_MAX_FILE_MB", "1")
    assert main(["validate", str(path)]) == 1
    assert "more than the 1 MB a partner file may be" in capsys.readouterr().out


@pytest.mark.parametrize(("home", "lang", "first_line"), [
    ("not = [toml", "en", "is not valid TOML"),
    ('lat = 1\nlon = 2\n', "en", "needs name (name, lat and lon are required)"),
    ('name = "X"\nlat = "north"\nlon = 1\n', "en", "lat must be a number (decimal point, no quotes), not 'north'"),
    ('name = "X"\nlat = true\nlon = 1\n', "da", "lat skal være et tal (decimalpunktum, uden anførselstegn), ikke True"),
    ('name = ""\nlat = 1\nlon = 1\n', "en", "name must be a text in quotes, not ''"),
    ('name = "X"\nlat = 1\nlon = 2\ntitle = "plain"\n', "en", "title must be a table of texts by language"),
    ('name = "X"\nlat = 1\nlon = 2\n[title]\nen = 3\n', "en", "en must be a text in quotes, not 3"),
    ('name = "X"\nlat = 95\nlon = 2\n', "da", "lat 95.0, lon 2.0 er ikke WGS84-koordinater"),
    ('name = "X"\nlat = 1\nlon = 2\ncountry = "Atlantis"\n', "en", "'Atlantis' is not a country name or ISO code"),
])
def test_validate_checks_the_home_file_beside_the_data_and_says_what_is_wrong(write_csv, capsys, home, lang,
                                                                             first_line):
    path = write_csv(csv_text(*GOOD_ROWS))
    (path.parent / "home.toml").write_text(home, encoding="utf-8")
    assert main(["validate", str(path), "--lang", lang]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert first_line in lines[0] and str(path.parent / "home.toml") in lines[0]
    assert len(lines) == 2 and lines[1].startswith(str(path))


def test_the_data_the_app_ships_validates():
    """Whatever staff have put in data/partners.csv (the tests count on their own copy)."""
    from partnerships.settings import DEFAULT_PARTNERS_CSV

    assert main(["validate", str(DEFAULT_PARTNERS_CSV)]) == 0


@pytest.mark.parametrize(("encoding", "said"), [
    ("cp1252", "The file is not UTF-8: it was read as Windows-1252. (note)"),
    ("utf-8", None),
])
def test_the_encoding_decided_is_said_when_it_is_not_utf8(write_csv, capsys, encoding, said):
    path = write_csv(csv_text(*GOOD_ROWS).replace("Tyskland", "Østrig").replace("Germany", "Østrig"),
                     encoding=encoding)
    main(["validate", str(path)])
    err = capsys.readouterr().err.splitlines()
    assert (f"{path}: {said}" in err) if said else not any("UTF-8" in line for line in err)
