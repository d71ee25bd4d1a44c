"""A timeline's years with its quiet stretches drawn short.

Eleven years in which nothing begins, ends or happens take the room of one, so the years that
matter keep theirs (the shipped partnerships would otherwise spend half the width on
2015–2025). Plain Python: a position is where the chart draws, a year what people read; the
two are the same until the first quiet stretch.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

MIN_QUIET = 4  # quiet years in a row before they are drawn short: a gap of two or three reads as it is
QUIET_WIDTH = 1  # the room a quiet stretch keeps, in years: positions of the other years stay whole
QUIET_LABEL = "…"  # the stretch's label on the year axis


@dataclass(frozen=True)
class YearScale:
    """Years as spans from `first` to the end of `last - 1`; `quiet` holds the stretches [a, b)
    drawn QUIET_WIDTH wide."""

    first: int
    last: int
    quiet: tuple[tuple[int, int], ...] = ()

    @classmethod
    def around(cls, first: int, last: int, matter: Iterable[int]) -> YearScale:
        """The scale from `first` to `last` (exclusive) in which every run of MIN_QUIET or more
        years with none of `matter` in it is quiet."""
        kept = {int(year) for year in matter}
        stretches, run = [], None
        for year in range(first, last + 1):
            if year in kept or year == last:
                if run is not None and year - run >= MIN_QUIET:
                    stretches.append((run, year))
                run = None
            elif run is None:
                run = year
        return cls(first, last, tuple(stretches))

    def _knots(self) -> tuple[np.ndarray, np.ndarray]:
        years, positions, shift = [self.first], [self.first], 0
        for start, end in self.quiet:
            years += [start, end]
            positions += [start - shift, start - shift + QUIET_WIDTH]
            shift += end - start - QUIET_WIDTH
        return np.array([*years, self.last], dtype=float), np.array([*positions, self.last - shift], dtype=float)

    def at(self, years: object) -> np.ndarray:
        """Where years (fractions for months) are drawn: straight through a quiet stretch, shortened."""
        return np.interp(np.asarray(years, dtype=float), *self._knots())

    @property
    def span(self) -> tuple[int, int]:
        """The first and the last position, for the chart's domain."""
        return int(self.at(self.first)), int(self.at(self.last))

    def is_quiet(self, year: int) -> bool:
        return any(start <= year < end for start, end in self.quiet)

    def ticks(self, step: int) -> list[int]:
        """Where a year begins, for every `step`-th year that is not quiet, and where each quiet
        stretch begins."""
        years = [y for y in range(self.first, self.last) if y % step == 0 and not self.is_quiet(y)]
        return sorted(int(p) for p in self.at([*years, *(start for start, _ in self.quiet)]))

    def labels(self) -> dict[str, str]:
        """Position → what its tick says: the year, or QUIET_LABEL for a quiet stretch."""
        years = {str(int(self.at(y))): str(y) for y in range(self.first, self.last) if not self.is_quiet(y)}
        return years | {str(int(self.at(start))): QUIET_LABEL for start, _ in self.quiet}
