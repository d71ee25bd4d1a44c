"""What can be wrong with a partner file, said the way staff will read it, in their language.

A problem holds a Message (partnerships/messages.py): a key and values, worded when it is
read. `message` is the English wording, as logs and tests read it; `text(lang)` any other.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from partnerships.i18n import DEFAULT_LANGUAGE
from partnerships.messages import Message, said

Severity = Literal["error", "warning", "note"]
ERROR: Severity = "error"  # the row is left off the map
WARNING: Severity = "warning"  # shown, but probably a mistake
NOTE: Severity = "note"  # something the app did for the row, e.g. coordinates filled in


class DataFileError(Exception):
    """The file as a whole cannot be used (empty, not CSV, a required column missing)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.said = message

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.said.text(lang)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place. `row` is the Excel row (header = 1); None for the file."""

    row: int | None
    column: str | None
    said: Message
    severity: Severity = ERROR

    @property
    def message(self) -> str:
        return self.said.text()

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.said.text(lang)

    def where(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """'row 7, start_year' or 'række 7, start_year'; 'file' for the file as a whole."""
        parts = [said("at_row", row=self.row).text(lang) if self.row is not None else said("at_file").text(lang)]
        if self.column:
            parts.append(self.column)
        return ", ".join(parts)

    def line(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The problem on one line: 'row 7, start_year: 'twenty-eleven' is not a year'."""
        return f"{self.where(lang)}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.line()


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """File-level first, then by row, then by column, as a person reads the sheet."""
    return sorted(problems, key=lambda p: (p.row is not None, p.row or 0, p.column or "", p.message))
