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
TOUR_FILE_NAME = "tour.csv"


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


class HomeFileError(ValueError):
    """The home city file cannot be used; the message names the file and the reason."""


def load_home(path: Path) -> HomeCity:
    """The home city file, or HomeFileError saying what is wrong with it."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        lat, lon = float(data["lat"]), float(data["lon"])
        home = HomeCity(str(data["name"]), lat, lon, tuple(dict(data.get("title", {})).items()),
                        tuple(dict(data.get("subtitle", {})).items()))
    except OSError as err:
        raise HomeFileError(f"The home city file {path} cannot be read: {err.strerror}.") from None
    except tomllib.TOMLDecodeError as err:
        raise HomeFileError(f"The home city file {path} is not valid TOML: {err}.") from None
    except KeyError as err:
        raise HomeFileError(f"The home city file {path} needs {err} (name, lat and lon).") from None
    except (TypeError, ValueError) as err:
        raise HomeFileError(f"The home city file {path} has a value of the wrong kind: {err}.") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise HomeFileError(f"The home city file {path}: lat {lat}, lon {lon} are not WGS84 coordinates.")
    return home


def home_path_for(partners_csv: Path) -> Path:
    beside = partners_csv.parent / HOME_FILE_NAME
    return beside if beside.is_file() else DATA_DIR / HOME_FILE_NAME


@lru_cache(maxsize=8)
def _home_cached(path: Path, modified_ns: int) -> HomeCity:
    return load_home(path)


def home() -> HomeCity:
    """The home city for the data file in use; read again when its file changes."""
    path = home_path_for(partners_csv_path())
    try:
        modified = path.stat().st_mtime_ns
    except OSError as err:
        raise HomeFileError(f"The home city file {path} cannot be read: {err.strerror}.") from None
    return _home_cached(path, modified)


def tour_path_for(partners_csv: Path) -> Path:
    """The tour beside the data file; none is shipped for another city's data."""
    return partners_csv.parent / TOUR_FILE_NAME


def companion_files(partners_csv: Path) -> tuple[Path, ...]:
    """The files whose versions together make a version of what the app shows."""
    return (partners_csv, types_path_for(partners_csv), home_path_for(partners_csv), tour_path_for(partners_csv))


def versions(partners_csv: Path) -> tuple[tuple[int, int], ...]:
    """(mtime, size) of each companion file, (0, 0) for one that is absent: the cache key."""
    found = []
    for path in companion_files(partners_csv):
        try:
            stat = path.stat()
            found.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            found.append((0, 0))
    return tuple(found)


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
