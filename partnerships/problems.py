"""What can be wrong with a partner file, said the way staff will read it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "note"]
ERROR: Severity = "error"  # the row is left off the map
WARNING: Severity = "warning"  # shown, but probably a mistake
NOTE: Severity = "note"  # something the app did for the row, e.g. coordinates filled in


class DataFileError(Exception):
    """The file as a whole cannot be used (empty, not CSV, a required column missing)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place. `row` is the Excel row (header = 1); None for the file."""

    row: int | None
    column: str | None
    message: str
    severity: Severity = ERROR

    @property
    def where(self) -> str:
        parts = [f"row {self.row}" if self.row is not None else "file"]
        if self.column:
            parts.append(self.column)
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """File-level first, then by row, then by column, as a person reads the sheet."""
    return sorted(problems, key=lambda p: (p.row is not None, p.row or 0, p.column or "", p.message))
