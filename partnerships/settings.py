"""Where the data lives and which city is home: the few settings the app has."""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_PARTNERS_CSV = DATA_DIR / "partners.csv"
TYPES_FILE_NAME = "partnership_types.csv"
PARTNERS_CSV_ENV = "PARTNERS_CSV"

# Years outside this window are typing mistakes, not partnerships.
EARLIEST_YEAR = 1900
YEARS_AHEAD = 5


@dataclass(frozen=True)
class HomeCity:
    name: str
    lat: float
    lon: float


# Sønderborg town hall, WGS84 (OpenStreetMap).
HOME = HomeCity(name="Sønderborg", lat=54.9138, lon=9.7922)


def partners_csv_path() -> Path:
    """The data file to show: `PARTNERS_CSV` if set, else the shipped file."""
    configured = os.environ.get(PARTNERS_CSV_ENV, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_PARTNERS_CSV


def types_path_for(partners_csv: Path) -> Path:
    """The types vocabulary beside a data file, falling back to the shipped one."""
    beside = partners_csv.parent / TYPES_FILE_NAME
    return beside if beside.is_file() else DATA_DIR / TYPES_FILE_NAME


def current_year() -> int:
    return _dt.date.today().year


def latest_plausible_year() -> int:
    return current_year() + YEARS_AHEAD
