"""Fixtures shared by every layer of tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from partnerships.settings import PARTNERS_CSV_ENV, TYPES_FILE_NAME
from partnerships.vocabulary import Vocabulary, load_vocabulary
from tests.postgres import database_url, postgres  # noqa: F401  (fixtures: a throwaway PostgreSQL)

# The tests' own copy of the shipped data (tests/data/sonderborg/README.md): a staff edit of
# data/partners.csv never breaks a test. Every app a test opens reads it unless told otherwise.
SHIPPED = Path(__file__).resolve().parent / "data" / "sonderborg"
SHIPPED_CSV = SHIPPED / "partners.csv"
os.environ[PARTNERS_CSV_ENV] = str(SHIPPED_CSV)

HEADER = "id,name,type,city,country,lat,lon,start_year,end_year,description,url"
GOOD_ROWS = [
    "baoding,City of Baoding,Friendship city,Baoding,China,38.874,115.4646,2010,,Friendship city since 2011.,",
    "haiyan,Haiyan County,Urbanisation partnership,Haiyan,CN,30.5263,120.946,2013,,,https://example.org/haiyan",
    "flensburg,Klimapakt Flensburg,Cross-border cooperation,Flensburg,Tyskland,54.7819,9.4367,2007,2015,,",
]


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return load_vocabulary(SHIPPED / TYPES_FILE_NAME)


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write text (or bytes) as a partner file beside a copy of the shipped types file."""

    def write(content: str | bytes, name: str = "partners.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        (tmp_path / TYPES_FILE_NAME).write_bytes((SHIPPED / TYPES_FILE_NAME).read_bytes())
        return path

    return write


# The staff password the staff-page tests unlock with, and a two-partner file behind it.
PASSWORD = "grænse-2007"


@pytest.fixture
def data_path(monkeypatch, write_csv) -> Path:
    """Two partners as PARTNERS_CSV, editing on with PASSWORD."""
    from partnerships.access import PASSWORD_ENV

    path = write_csv(csv_text(*GOOD_ROWS[:2]))
    monkeypatch.setenv(PARTNERS_CSV_ENV, str(path))
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    return path


def open_app(**params: str):
    """The whole app (dashboard.py) as AppTest opens it from a link with these parameters."""
    from streamlit.testing.v1 import AppTest

    from partnerships.settings import ROOT

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at
