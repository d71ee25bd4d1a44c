"""Which partnerships a view shows, and what the view adds up to."""
from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import Enum

import pandas as pd

from partnerships.columns import CONFIRMED, COUNTRY_CODE, END_YEAR, ID, LAT, LON, NAME, START_YEAR, TYPE, in_language
from partnerships.i18n import LANGUAGES


class YearMode(str, Enum):
    ACTIVE = "active"  # running in the chosen year
    BEGUN = "begun"  # begun in or before the chosen year, ended or not


@dataclass(frozen=True)
class View:
    types: tuple[str, ...]
    year: int
    mode: YearMode = YearMode.ACTIVE


@dataclass(frozen=True)
class Counts:
    """A view in numbers, by one rule: what the map shows is what is counted. Those whose status
    nobody confirms that late (`unknown`, see `status_unknown`) and those nobody knows the start
    of (`year_unknown`) are parts of `partnerships`, never subtracted from it."""

    partnerships: int
    countries: int
    begun_this_year: int
    unknown: int = 0
    unknown_countries: int = 0
    year_unknown: int = 0

    @property
    def known(self) -> int:
        """The part with a known start year and a status the sources confirm in the year."""
        return self.partnerships - self.unknown - self.year_unknown


def in_view(partners: pd.DataFrame, view: View) -> pd.Series:
    """A boolean mask over `partners` for the view. A partnership whose start year nobody knows
    is shown in every year (marked, and counted apart: see `count`)."""
    begun = partners[START_YEAR].isna() | (partners[START_YEAR] <= view.year)
    if view.mode is YearMode.ACTIVE:
        begun &= partners[END_YEAR].isna() | (partners[END_YEAR] >= view.year)
    return (begun & partners[TYPE].isin(view.types)).fillna(False).astype(bool)


def of_types(partners: pd.DataFrame, types: Collection[str]) -> pd.DataFrame:
    """The partners of the chosen types, of every year (the table and the timeline show them all)."""
    return partners[partners[TYPE].isin(list(types))] if len(partners) else partners


def types_in_use(partners: pd.DataFrame, names: Sequence[str]) -> list[str]:
    """The types some partner has, in the types file's order (which also colours them); all of
    them when no partner has any, so an empty file still offers every type."""
    used = set(partners[TYPE].dropna().unique()) if len(partners) else set()  # unique first: 50,000 rows, six types
    return [name for name in names if name in used] or list(names)


def filter_partners(partners: pd.DataFrame, view: View) -> pd.DataFrame:
    return partners[in_view(partners, view)] if len(partners) else partners


def status_unknown(partners: pd.DataFrame, year: int) -> pd.Series:
    """A boolean mask: partners with no end year whose last confirmed year (`confirmed`) lies
    before `year`. Nobody says they ended, nobody says they go on: the app says neither."""
    if CONFIRMED not in partners or partners.empty:
        return pd.Series(False, index=partners.index)
    return (partners[CONFIRMED].notna() & partners[END_YEAR].isna() & (partners[CONFIRMED] < year)).fillna(False)


def count(shown: pd.DataFrame, year: int) -> Counts:
    """The counts of what the map shows in `year` (see `Counts`)."""
    if shown.empty:
        return Counts(0, 0, 0)
    no_year = shown[START_YEAR].isna()
    unknown = status_unknown(shown, year).astype(bool) & ~no_year
    return Counts(len(shown), shown[COUNTRY_CODE].nunique(), int((shown[START_YEAR] == year).sum()),
                  int(unknown.sum()), shown.loc[unknown, COUNTRY_CODE].nunique(), int(no_year.sum()))


def unknown_after(shown: pd.DataFrame, year: int) -> tuple[int, int] | None:
    """The first and last of the confirmed years of the partners whose status is unknown in `year`."""
    confirmed = shown.loc[status_unknown(shown, year).astype(bool), CONFIRMED] if len(shown) else []
    return (int(confirmed.min()), int(confirmed.max())) if len(confirmed) else None


@dataclass(frozen=True)
class KnownYears:
    """The years a list says anything of: its first and last known start, its last
    confirmation (None where no row gives one). Found once per version of the data
    (loading.Dataset.known_years): every rerun asks for the slider's bounds several times."""

    first_start: int | None = None
    last_start: int | None = None
    last_confirmed: int | None = None

    @classmethod
    def of(cls, partners: pd.DataFrame) -> KnownYears:
        def year(column: str, reduce: str) -> int | None:
            found = getattr(partners[column], reduce)() if column in partners and len(partners) else None
            return None if found is None or pd.isna(found) else int(found)

        return cls(year(START_YEAR, "min"), year(START_YEAR, "max"), year(CONFIRMED, "max"))


def _known(years: KnownYears | pd.DataFrame) -> KnownYears:
    return years if isinstance(years, KnownYears) else KnownYears.of(years)


def default_year(years: KnownYears | pd.DataFrame, latest: int) -> int:
    """Where the first view opens: the latest year something is known for, a start or a
    confirmation (so it shows what the sources say, not a present they say nothing about),
    else `latest`."""
    known = [year for year in (_known(years).last_start, _known(years).last_confirmed) if year is not None]
    return min(max(known), latest) if known else latest


def year_range(years: KnownYears | pd.DataFrame, latest: int) -> tuple[int, int]:
    """The years a slider offers: the earliest known start year to `latest`, or to a later
    start year planned beyond it. Always two years at least, so a slider can move, also when
    no start year is known at all."""
    known = _known(years)
    low = latest if known.first_start is None else min(known.first_start, latest)
    high = latest if known.last_start is None else max(known.last_start, latest)
    return (low, high) if low < high else (high - 1, high)


def partner_at(shown: pd.DataFrame, name: str, lat: float, lon: float) -> str | None:
    """The id of the partner called `name` nearest to a clicked point, if one is in view.

    The map reports a click as the marker's tooltip (the name, in any language) and where
    the pointer was; the nearest same-named partner settles the rare case of two partners with
    one name.
    """
    named = shown[NAME] == name
    for companion in (in_language(NAME, lang) for lang in LANGUAGES):
        if companion != NAME and companion in shown:
            named |= shown[companion] == name
    same_name = shown[named]
    if same_name.empty:
        return None
    distance = (same_name[LAT] - lat) ** 2 + ((same_name[LON] - lon + 180) % 360 - 180) ** 2
    return str(same_name.loc[distance.idxmin(), ID])
