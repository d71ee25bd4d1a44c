"""Where the data lives and which city is home: the few settings the app has."""
from __future__ import annotations

import datetime as _dt
import os
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from geo.countries import resolve_country
from partnerships.i18n import DEFAULT_LANGUAGE
from partnerships.messages import Message, said

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

# How large a partner file may be before nothing of it is read. The defaults take 50,000 real
# partnerships (about 17 MB, 14 columns) comfortably and keep a hostile file from costing
# gigabytes of memory or minutes of CPU. Streamlit's own upload limit (server.maxUploadSize in
# .streamlit/config.toml) matches the default size; raise both together.
MAX_FILE_MB_ENV, MAX_ROWS_ENV, MAX_COLUMNS_ENV = "PARTNERS_MAX_FILE_MB", "PARTNERS_MAX_ROWS", "PARTNERS_MAX_COLUMNS"
DEFAULT_MAX_FILE_MB, DEFAULT_MAX_ROWS, DEFAULT_MAX_COLUMNS = 50, 100_000, 100


@dataclass(frozen=True)
class Limits:
    """The largest partner file that is read: bytes, rows below the header, columns."""

    max_bytes: int = DEFAULT_MAX_FILE_MB * 1_000_000
    max_rows: int = DEFAULT_MAX_ROWS
    max_columns: int = DEFAULT_MAX_COLUMNS

    @property
    def max_megabytes(self) -> float:
        return self.max_bytes / 1_000_000


def positive_int_from_env(name: str, default: int) -> int:
    """A whole number above zero from the environment; the default when unset or not one (a
    typo in a limit must neither stop the app nor lift the limit)."""
    try:
        value = _whole_number(name, default)
    except SettingError:
        return default
    return value if value > 0 else default


def limits() -> Limits:
    """The limits in force: `PARTNERS_MAX_FILE_MB`, `PARTNERS_MAX_ROWS`, `PARTNERS_MAX_COLUMNS`."""
    return Limits(positive_int_from_env(MAX_FILE_MB_ENV, DEFAULT_MAX_FILE_MB) * 1_000_000,
                  positive_int_from_env(MAX_ROWS_ENV, DEFAULT_MAX_ROWS),
                  positive_int_from_env(MAX_COLUMNS_ENV, DEFAULT_MAX_COLUMNS))


@dataclass(frozen=True)
class HomeCity:
    """Where every arc starts, and the app's title and subtitle in each language."""

    name: str
    lat: float
    lon: float
    titles: tuple[tuple[str, str], ...] = ()
    subtitles: tuple[tuple[str, str], ...] = ()
    country: str = ""  # ISO alpha-2; home.toml may name it, else the coordinates decide

    @cached_property
    def country_code(self) -> str | None:
        """The home country: partners there are at home, the others international."""
        from geo.borders import country_at  # every country's shape: only the charts ask

        return self.country or country_at(self.lat, self.lon)

    def title(self, lang: str) -> str:
        return _in_language(self.titles, lang) or self.name

    def subtitle(self, lang: str) -> str:
        return _in_language(self.subtitles, lang)


def _in_language(texts: tuple[tuple[str, str], ...], lang: str) -> str:
    found = dict(texts)
    return found.get(lang) or found.get(DEFAULT_LANGUAGE, "")


class HomeFileError(ValueError):
    """The home city file cannot be used; `message` names the file and the reason, in any language."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text())
        self.message = message


def _home_value(data: dict, key: str, path: Path, kind: type | tuple[type, ...]) -> object:
    """`data[key]` when it is of `kind` (a bool is no number); HomeFileError otherwise."""
    if key not in data:
        raise HomeFileError(said("home_missing", path=str(path), field=key))
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        wanted = {str: "home_kind_text", dict: "home_kind_table"}.get(kind, "home_kind_number")
        raise HomeFileError(said("home_wrong_kind", path=str(path), field=key, kind=said(wanted), value=repr(value)[:40]))
    return value


def _texts(data: dict, key: str, path: Path) -> tuple[tuple[str, str], ...]:
    """A table of texts by language (`[title]`: en = "…", da = "…"), empty when not given."""
    table = _home_value(data, key, path, dict) if key in data else {}
    for lang in table:
        _home_value(table, lang, path, str)
    return tuple(table.items())


def load_home(path: Path) -> HomeCity:
    """The home city file, or HomeFileError saying what is wrong with it."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as err:
        raise HomeFileError(said("home_unreadable", path=str(path), reason=err.strerror or str(err))) from None
    except tomllib.TOMLDecodeError as err:
        raise HomeFileError(said("home_not_toml", path=str(path), reason=str(err))) from None
    name = str(_home_value(data, "name", path, str)).strip()
    lat, lon = (float(_home_value(data, key, path, (int, float))) for key in ("lat", "lon"))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise HomeFileError(said("home_not_wgs84", path=str(path), lat=lat, lon=lon))
    named = str(_home_value(data, "country", path, str)).strip() if "country" in data else ""
    country = resolve_country(named) if named else None
    if named and country is None:
        raise HomeFileError(said("home_bad_country", path=str(path), country=named))
    return HomeCity(name, lat, lon, _texts(data, "title", path), _texts(data, "subtitle", path),
                    country.code if country else "")


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


BACKUPS_KEEP_ENV = "PARTNERS_BACKUPS_KEEP"
BACKUPS_DAYS_ENV = "PARTNERS_BACKUPS_DAYS"
DEFAULT_BACKUPS_KEEP = 20
DEFAULT_BACKUPS_DAYS = 90


class SettingError(ValueError):
    """An environment variable holds a value the app cannot use; the message names it."""


def backups_keep() -> int:
    """How many of the newest backups are always kept: `PARTNERS_BACKUPS_KEEP`, else 20."""
    return _whole_number(BACKUPS_KEEP_ENV, DEFAULT_BACKUPS_KEEP)


def backups_days() -> int:
    """For how many days one backup a day is kept: `PARTNERS_BACKUPS_DAYS`, else 90."""
    return _whole_number(BACKUPS_DAYS_ENV, DEFAULT_BACKUPS_DAYS)


def _whole_number(name: str, default: int) -> int:
    """The variable as a whole number, 0 or more; unset or blank means the default. Anything
    else is a SettingError rather than a guess, since a guess here decides what is deleted."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isascii() or not text.isdigit():
        raise SettingError(f"{name} must be a whole number, 0 or more, not {text!r}.")
    return int(text)


EDIT_IDLE_ENV = "PARTNERS_EDIT_IDLE_MINUTES"
DEFAULT_EDIT_IDLE_MINUTES = 30


def edit_idle_minutes() -> int:
    """Whole minutes without a run of Manage data after which an unlocked session locks itself:
    `PARTNERS_EDIT_IDLE_MINUTES`, else 30. A value that is not a positive whole number falls back to
    the default: a typo in the environment must neither leave editing open for ever nor stop the page."""
    return positive_int_from_env(EDIT_IDLE_ENV, DEFAULT_EDIT_IDLE_MINUTES)
