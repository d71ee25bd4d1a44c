"""A checked file in one line: what will be on the map, what is left off, what the gazetteer
placed. `validate` ends with it, in the language asked for."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from partnerships.columns import COUNTRY_CODE
from partnerships.geocoding import CHOSEN, placed_how
from partnerships.loading import Dataset
from partnerships.messages import Joined, Message, said
from partnerships.problems import ERROR, WARNING


@dataclass(frozen=True)
class Counts:
    on_map: int  # rows that will be on the map
    countries: int  # their countries
    left_off: int  # rows with errors
    placed: int  # rows on the map placed by the gazetteer (a note says found or chosen)
    chosen: int  # of those, placed among several comparable namesakes
    errors: int
    warnings: int


def counts(dataset: Dataset) -> Counts:
    partners = dataset.partners
    on_map = set(partners.index)
    how = [placed_how(p) for p in dataset.problems if p.row in on_map]
    severities = Counter(p.severity for p in dataset.problems)
    return Counts(
        on_map=len(partners),
        countries=int(partners[COUNTRY_CODE].nunique()) if len(partners) else 0,
        left_off=dataset.rows_with_errors,
        placed=sum(h is not None for h in how),
        chosen=how.count(CHOSEN),
        errors=severities[ERROR],
        warnings=severities[WARNING],
    )


def summary(dataset: Dataset, path: Path | str) -> Message:
    """'partners.csv: 7 partnerships in 4 countries will be on the map, 1 row left off (errors);
    3 placed by the gazetteer (1 chosen among several); 2 errors and 1 warning'."""
    c = counts(dataset)
    left_off = said("validate_left_off", n=c.left_off) if c.left_off else said("validate_none_left_off")
    placed = said("validate_placed", n=c.placed, chosen=c.chosen) if c.placed else said("validate_none_placed")
    remarks = [said(key, n=n) for key, n in (("n_errors", c.errors), ("n_warnings", c.warnings)) if n]
    return said("validate_summary", path=str(path), partnerships=said("n_partnerships", n=c.on_map),
                countries=said("n_countries", n=c.countries), left_off=left_off, placed=placed,
                remarks=Joined(tuple(remarks), "and") if remarks else said("validate_no_problems"))
