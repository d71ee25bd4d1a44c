"""Where the data lives and which city is home: the few settings the app has."""
from __future__ import annotations

import datetime as _dt
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_PARTNERS_CSV = DATA_DIR / "partners.csv"
TYPES_FILE_NAME = "partnership_types.csv"
PARTNERS_CSV_ENV = "PARTNERS_CSV"

# Years outside this window are typing mistakes, not partnerships.
EARLIEST_YEAR = 1900
YEARS_AHEAD = 5


HOME_FILE_NAME = "home.toml"


@dataclass(frozen=True)
class HomeCity:
    """Where every arc starts, and the app's title and subtitle in each language."""

    name: str
    lat: float
    lon: float
    titles: tuple[tuple[str, str], ...] = ()
    subtitles: tuple[tuple[str, str], ...] = ()

    def title(self, lang: str) -> str:
        return _in_language(self.titles, lang) or self.name

    def subtitle(self, lang: str) -> str:
        return _in_language(self.subtitles, lang)


def _in_language(texts: tuple[tuple[str, str], ...], lang: str) -> str:
    found = dict(texts)
    return found.get(lang) or found.get("en", "")


def load_home(path: Path) -> HomeCity:
    """The home city file; a file that cannot be used stops the app with its reason."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    lat, lon = float(data["lat"]), float(data["lon"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"{path}: lat {lat}, lon {lon} are not WGS84 coordinates")
    return HomeCity(str(data["name"]), lat, lon, tuple(data.get("title", {}).items()),
                    tuple(data.get("subtitle", {}).items()))


def home_path_for(partners_csv: Path) -> Path:
    beside = partners_csv.parent / HOME_FILE_NAME
    return beside if beside.is_file() else DATA_DIR / HOME_FILE_NAME


@lru_cache(maxsize=8)
def _home_cached(path: Path, modified_ns: int) -> HomeCity:
    return load_home(path)


def home() -> HomeCity:
    """The home city for the data file in use; read again when its file changes."""
    path = home_path_for(partners_csv_path())
    return _home_cached(path, path.stat().st_mtime_ns)


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
