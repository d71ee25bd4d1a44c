"""The data contract for partner files, checked with pandera, explained per Excel row.

The reader hands over strings; this module decides what they mean. Every cell is checked
at once (pandera's lazy validation) so staff see all mistakes in one go, each with the row
number Excel shows and the column. Rows with errors are set aside; the rest are typed.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa

from geo.countries import resolve_country
from partnerships import settings
from partnerships.characters import strip_bidi_controls
from partnerships.escape import WEB_URL
from partnerships.columns import (  # noqa: F401  (re-exported: the schema names the columns)
    CITY, CONFIRMED, CONTRACT_COLUMNS, COUNTRY, COUNTRY_CODE, COUNTRY_NAME, COUNTRY_NAME_DA, DESCRIPTION,
    DESCRIPTION_DA, END_YEAR, ID, LAT, LON, MILESTONES, NAME, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, START_YEAR, TYPE,
    URL,
)
from partnerships.geocoding import explained_rows, fill_coordinates
from partnerships.problems import ERROR, DataFileError, Problem, sort_problems
from partnerships.vocabulary import Vocabulary

# Numbers are ASCII digits: `\d` would also take '２０１１' or '٢٠١١', which pandas cannot
# turn into a year, and a "valid" year would then be empty.
ID_PATTERN = r"[a-z0-9]+(?:[-_][a-z0-9]+)*"
MAX_ID_LENGTH = 64
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
_YEAR = r"[0-9]{4}(?:[.,]0+)?"


def parse_number(values: pd.Series) -> pd.Series:
    """Decimal point or Danish decimal comma → float; anything else → NaN."""
    text = values.astype(str)
    looks_numeric = text.str.fullmatch(_NUMBER.pattern)
    return pd.to_numeric(text.where(looks_numeric).str.replace(",", ".", regex=False), errors="coerce")


def parse_year(values: pd.Series) -> pd.Series:
    """'2011', '2011.0' (Excel's float), '2011,0' → 2011; anything else → <NA>."""
    text = values.astype(str)
    whole = text.str.extract(r"^([0-9]{4})(?:[.,]0+)?$", expand=False)
    return pd.to_numeric(whole, errors="coerce").astype("Int64")


def map_unique(series: pd.Series, function: Callable[[object], object]) -> pd.Series:
    """`series.map(function)`, calling it once per distinct value: files repeat themselves."""
    return series.map({value: function(value) for value in series.unique()})


def _filled(series: pd.Series) -> pd.Series:
    return series.astype(str) != ""


def _blank_or(test: Callable[[pd.Series], pd.Series]) -> Callable[[pd.Series], pd.Series]:
    """A check that only looks at filled cells; emptiness has its own check."""
    return lambda series: ~_filled(series) | test(series)


def _check(test: Callable[[pd.Series], pd.Series], error: str) -> pa.Check:
    return pa.Check(_blank_or(test), error=error, name=error)


_REQUIRED = pa.Check(_filled, error="is required but empty", name="required")


def _coordinate(limit: int) -> list[pa.Check]:
    return [
        _check(lambda s: parse_number(s).notna(), "is not a number"),
        _check(lambda s: parse_number(s).abs().le(limit) | parse_number(s).isna(), f"is outside -{limit} to {limit}"),
    ]


def _year_checks() -> list[pa.Check]:
    low, high = settings.EARLIEST_YEAR, settings.latest_plausible_year()
    return [
        _check(lambda s: s.astype(str).str.fullmatch(_YEAR), "is not a year"),
        _check(lambda s: parse_year(s).between(low, high).fillna(True).astype(bool), f"is not between {low} and {high}"),
    ]


def build_schema(vocabulary: Vocabulary) -> pa.DataFrameSchema:
    """The column checks, with the messages staff read. Cross-row rules live in `validate`."""
    known_types = ", ".join(vocabulary.names)
    columns = {
        ID: [_REQUIRED, _check(lambda s: s.astype(str).str.fullmatch(ID_PATTERN), "is not a short id (use lowercase letters, digits and hyphens, e.g. klimapakt-flensburg)"),
             _check(lambda s: s.astype(str).str.len().le(MAX_ID_LENGTH), f"is longer than {MAX_ID_LENGTH} characters; an id is short")],
        NAME: [_REQUIRED],
        TYPE: [_REQUIRED, _check(lambda s: map_unique(s, vocabulary.canonical).notna(), f"is not a partnership type (known: {known_types})")],
        CITY: [_REQUIRED],
        COUNTRY: [_REQUIRED, _check(lambda s: map_unique(s, resolve_country).notna(), "is not a country name or ISO code we know")],
        LAT: [_REQUIRED, *_coordinate(90)],
        LON: [_REQUIRED, *_coordinate(180)],
        START_YEAR: [_REQUIRED, *_year_checks()],
        END_YEAR: _year_checks(),
        CONFIRMED: _year_checks(),
        URL: [_check(lambda s: s.astype(str).str.fullmatch(WEB_URL), "is not a web address (only http:// and https:// links are allowed)")],
    }
    return pa.DataFrameSchema({name: pa.Column(checks=checks, nullable=False) for name, checks in columns.items()})


def require_columns(frame: pd.DataFrame) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        names = ", ".join(f"'{column}'" for column in missing)
        found = ", ".join(f"'{column}'" for column in frame.columns) or "none"
        plural = "s are" if len(missing) > 1 else " is"
        raise DataFileError(
            f"The column{plural} missing: {names}. The header row (row 1) must name the columns "
            f"{', '.join(REQUIRED_COLUMNS)}; this file has {found}."
        )


def _schema_problems(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> list[Problem]:
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        return [
            Problem(int(case.index), case.column, _message(case.failure_case, case.check))
            for case in cases.itertuples(index=False)
            if pd.notna(case.index)
        ]
    return []


def _message(value: object, error: str) -> str:
    return f"{str(value)!r} {error}" if value not in ("", None) else error


def _cross_row_problems(frame: pd.DataFrame) -> list[Problem]:
    problems: list[Problem] = []
    ids = frame[ID].astype(str)
    first_row = ids[ids != ""].reset_index().drop_duplicates(ID).set_index(ID)["row"]
    for row, value in ids[ids.duplicated() & (ids != "")].items():
        problems.append(Problem(int(row), ID, f"{value!r} is already used in row {first_row[value]}; ids must be unique"))
    start = parse_year(frame[START_YEAR])
    for column in (END_YEAR, CONFIRMED):
        later = parse_year(frame[column])
        for row in frame.index[(later < start).fillna(False).astype(bool)]:
            problems.append(Problem(int(row), column, f"{later[row]} is before start_year {start[row]}"))
    return problems


def validate(frame: pd.DataFrame, vocabulary: Vocabulary) -> tuple[pd.DataFrame, list[Problem]]:
    """Strings from the reader → (typed partners without the rows in error, every problem).

    Raises DataFileError when a required column is missing: then no row can be trusted.
    """
    require_columns(frame)
    frame = frame.copy()
    for column in OPTIONAL_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame, located = fill_coordinates(frame)
    explained = explained_rows(frame, located)
    problems = located + [
        p for p in _schema_problems(frame, build_schema(vocabulary)) + _cross_row_problems(frame)
        if not (p.row in explained and p.column in (LAT, LON))  # said once, on the city or the country
    ]
    bad_rows = {p.row for p in problems if p.severity == ERROR}
    return typed(frame.drop(index=list(bad_rows)), vocabulary), sort_problems(problems)


def typed(frame: pd.DataFrame, vocabulary: Vocabulary) -> pd.DataFrame:
    """Valid strings → the partner frame the app uses; unknown columns ride along as text."""
    out = strip_bidi_controls(frame)  # shown everywhere from here on: no spoofed reading order
    out = out.copy()
    out[TYPE] = map_unique(out[TYPE], vocabulary.canonical)
    out[LAT], out[LON] = parse_number(out[LAT]), parse_number(out[LON])
    for column in (START_YEAR, END_YEAR, CONFIRMED):
        out[column] = parse_year(out[column])
    for column, field in ((COUNTRY_CODE, "code"), (COUNTRY_NAME, "name"), (COUNTRY_NAME_DA, "name_da")):
        out[column] = map_unique(out[COUNTRY], lambda text, field=field: getattr(resolve_country(text), field))
    return out
