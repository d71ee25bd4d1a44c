"""The data contract for partner files, checked with pandera, explained per Excel row.

The reader hands over strings; this module decides what they mean. Every cell is checked
at once (pandera's lazy validation) so staff see all mistakes in one go, each with the row
number Excel shows and the column. Rows with errors are set aside; the rest are typed.
A file that keeps every rule is found so by the rules alone: pandera, half a second to
import, is only asked where a cell breaks one, to say which.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from geo.countries import country_name, resolve_country
from partnerships import settings
from partnerships.characters import strip_unseen
from partnerships.escape import WEB_URL
from partnerships.columns import (  # noqa: F401  (re-exported: the schema names the columns)
    CITY, CONFIRMED, CONTRACT_COLUMNS, COUNTRY, COUNTRY_CODE, COUNTRY_NAME, DESCRIPTION, END_YEAR, ID, LAT, LON,
    MILESTONES, NAME, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, START_YEAR, TYPE, URL, country_name_column,
)
from partnerships.i18n import LANGUAGES
from partnerships.geocoding import explained_rows, fill_coordinates
from partnerships.messages import Local, Message, said
from partnerships.problems import ERROR, DataFileError, Problem, sort_problems
from partnerships.vocabulary import Vocabulary

if TYPE_CHECKING:
    import pandera.pandas as pa

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


Rule = tuple[Callable[[pd.Series], pd.Series], Message]  # a test of a column's cells, and what a failure says


def _check(test: Callable[[pd.Series], pd.Series], rule: Message) -> Rule:
    """A rule for filled cells; emptiness has its own (_REQUIRED)."""
    return _blank_or(test), rule


_REQUIRED: Rule = (_filled, said("required"))


def _coordinate(limit: int) -> list[Rule]:
    return [
        _check(lambda s: parse_number(s).notna(), said("not_a_number")),
        _check(lambda s: parse_number(s).abs().le(limit) | parse_number(s).isna(), said("outside_range", limit=limit)),
    ]


def _zero(series: pd.Series) -> pd.Series:
    """'0', '0000', '0,0': a placeholder some lists use for a year nobody knows."""
    return series.astype(str).str.fullmatch(r"0+(?:[.,]0+)?")


def _year_checks() -> list[Rule]:
    """A year is four ASCII digits in range. A zero gets its own hint: an unknown year is left
    empty (the app then says 'start year unknown'), never invented."""
    low, high = settings.EARLIEST_YEAR, settings.latest_plausible_year()
    return [
        _check(lambda s: ~_zero(s), said("year_zero")),
        _check(lambda s: s.astype(str).str.fullmatch(_YEAR) | _zero(s), said("not_a_year")),
        _check(lambda s: parse_year(s).between(low, high).fillna(True).astype(bool) | _zero(s),
               said("year_range", low=low, high=high)),
    ]


def column_rules(vocabulary: Vocabulary) -> dict[str, list[Rule]]:
    """Each column's rules, with the message staff read when a cell breaks one. Cross-row rules
    live in `validate`."""
    known_types = Local.named(lambda lang: ", ".join(kind.label(lang) for kind in vocabulary.types))
    return {
        ID: [_REQUIRED, _check(lambda s: s.astype(str).str.fullmatch(ID_PATTERN), said("bad_id")),
             _check(lambda s: s.astype(str).str.len().le(MAX_ID_LENGTH), said("id_too_long", limit=MAX_ID_LENGTH))],
        NAME: [_REQUIRED],
        TYPE: [_REQUIRED, _check(lambda s: map_unique(s, vocabulary.canonical).notna(),
                                 said("unknown_type", known=known_types))],
        CITY: [_REQUIRED],
        COUNTRY: [_REQUIRED, _check(lambda s: map_unique(s, resolve_country).notna(), said("unknown_country"))],
        LAT: [_REQUIRED, *_coordinate(90)],
        LON: [_REQUIRED, *_coordinate(180)],
        START_YEAR: _year_checks(),  # the column is required; an empty cell means the year is unknown
        END_YEAR: _year_checks(),
        CONFIRMED: _year_checks(),
        URL: [_check(lambda s: s.astype(str).str.fullmatch(WEB_URL), said("bad_url"))],
    }


def build_schema(vocabulary: Vocabulary) -> pa.DataFrameSchema:
    """The column rules as a pandera schema; a check is named by its message's key."""
    import pandera.pandas as pa  # only where a file breaks a rule (see _keeps_every_rule)

    return pa.DataFrameSchema({
        name: pa.Column(checks=[pa.Check(test, error=rule.key, name=rule.key) for test, rule in rules], nullable=False)
        for name, rules in column_rules(vocabulary).items()})


def require_columns(frame: pd.DataFrame) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        names = ", ".join(f"'{column}'" for column in missing)
        found = ", ".join(f"'{column}'" for column in frame.columns) or said("no_columns")
        raise DataFileError(said("columns_missing", n=len(missing), names=names, required=", ".join(REQUIRED_COLUMNS),
                                 found=found))


def _keeps_every_rule(frame: pd.DataFrame, rules: dict[str, list[Rule]]) -> bool:
    """True when the schema would find nothing: every column there, no cell missing, every
    rule true of every cell. Anything else (a rule that fails or raises, a result pandera
    might read otherwise) is left to pandera."""
    for column, checks in rules.items():
        series = frame[column] if column in frame.columns else None
        if not isinstance(series, pd.Series) or series.isna().any():
            return False
        for test, _ in checks:
            try:
                result = test(series)
            except Exception:  # pandera says what went wrong
                return False
            if not (isinstance(result, pd.Series) and result.dtype == bool and result.all()):
                return False
    return True


def _schema_problems(frame: pd.DataFrame, vocabulary: Vocabulary) -> list[Problem]:
    rules = column_rules(vocabulary)
    if _keeps_every_rule(frame, rules):
        return []
    import pandera.pandas as pa  # as in build_schema: only for a file that breaks a rule

    try:
        build_schema(vocabulary).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        said_by = {(column, rule.key): rule for column, checks in rules.items() for _, rule in checks}
        return [
            Problem(int(case.index), case.column, _message(case.failure_case, said_by[case.column, case.check]))
            for case in errors.failure_cases.itertuples(index=False)
            if pd.notna(case.index)
        ]
    return []


def _message(value: object, rule: Message) -> Message:
    return said("cell_value", value=str(value), rule=rule) if value not in ("", None) else rule


def _cross_row_problems(frame: pd.DataFrame) -> list[Problem]:
    problems: list[Problem] = []
    ids = frame[ID].astype(str)
    first_row = ids[ids != ""].reset_index().drop_duplicates(ID).set_index(ID)["row"]
    for row, value in ids[ids.duplicated() & (ids != "")].items():
        problems.append(Problem(int(row), ID, said("id_twice", value=value, first=int(first_row[value]))))
    start = parse_year(frame[START_YEAR])
    for column in (END_YEAR, CONFIRMED):
        later = parse_year(frame[column])
        for row in frame.index[(later < start).fillna(False).astype(bool)]:
            problems.append(Problem(int(row), column, said("before_start", year=int(later[row]), start=int(start[row]))))
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
        p for p in _schema_problems(frame, vocabulary) + _cross_row_problems(frame)
        if not (p.row in explained and p.column in (LAT, LON))  # said once, on the city or the country
    ]
    bad_rows = {p.row for p in problems if p.severity == ERROR}
    return typed(frame.drop(index=list(bad_rows)), vocabulary), sort_problems(problems)


def typed(frame: pd.DataFrame, vocabulary: Vocabulary) -> pd.DataFrame:
    """Valid strings → the partner frame the app uses; unknown columns ride along as text."""
    out = strip_unseen(frame)  # shown everywhere from here on: no spoofed reading order, no hidden characters
    out = out.copy()
    out[TYPE] = map_unique(out[TYPE], vocabulary.canonical)
    out[LAT], out[LON] = parse_number(out[LAT]), parse_number(out[LON])
    for column in (START_YEAR, END_YEAR, CONFIRMED):
        out[column] = parse_year(out[column])
    out[COUNTRY_CODE] = map_unique(out[COUNTRY], lambda text: resolve_country(text).code)
    for lang in LANGUAGES:
        out[country_name_column(lang)] = map_unique(out[COUNTRY_CODE], lambda code, lang=lang: country_name(code, lang))
    return out
