"""Load a partner file end to end: read, validate, and say what was wrong."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from partnerships import settings
from partnerships.checks import extra_checks
from partnerships.decoding import UTF8
from partnerships.filtering import KnownYears, types_in_use
from partnerships.messages import Message, said
from partnerships.opening import read_limited
from partnerships.problems import ERROR, DataFileError, Problem, sort_problems
from partnerships.reading import ENCODING, HEADER_ROW, read_table
from partnerships.schema import validate
from partnerships.vocabulary import Vocabulary, load_vocabulary


@dataclass(frozen=True)
class Dataset:
    """What the app shows: the good partners, every problem, or one fatal message."""

    partners: pd.DataFrame
    vocabulary: Vocabulary | None
    problems: list[Problem] = field(default_factory=list)
    fatal: Message | None = None  # why nothing of the file can be shown
    header_row: int | None = None  # problems there (a name with a control character) leave no row off
    encoding: str = UTF8  # what the file was read as; anything but UTF-8 is said (encoding_note)

    @cached_property
    def known_years(self) -> KnownYears:
        """The years the data says anything of (the slider's bounds, the first view), once."""
        return KnownYears.of(self.partners)

    @cached_property
    def types_used(self) -> list[str]:
        """The types some partner has, in the types file's order (the type filters offer these)."""
        return types_in_use(self.partners, self.vocabulary.names) if self.vocabulary else []

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def rows_with_errors(self) -> int:
        return len({p.row for p in self.errors if p.row is not None and p.row != self.header_row})


def encoding_note(encoding: str) -> Message | None:
    """What is said of the encoding a file was read in: nothing for UTF-8."""
    return None if encoding == UTF8 else said("read_encoding", encoding=encoding)


def load_bytes(raw: bytes, vocabulary: Vocabulary, file_name: str | None = None) -> Dataset:
    """Validate a partner file's bytes (a workbook's sheet chosen by `file_name`); never raises
    for anything in the file."""
    try:
        table, shape_problems = read_table(raw, file_name=file_name)
    except DataFileError as err:
        return Dataset(pd.DataFrame(), vocabulary, fatal=err.said)
    return load_table(table, shape_problems, vocabulary)


def load_table(table: pd.DataFrame, shape_problems: list[Problem], vocabulary: Vocabulary) -> Dataset:
    """Validate a table as `read_table` gave it, with the problems reading it found."""
    try:
        partners, problems = validate(table, vocabulary)
        # The reader's errors (a control character, a line in another encoding) leave the row
        # off the map like the schema's; the table keeps it, for staff to fix.
        unreadable = {p.row for p in shape_problems if p.severity == ERROR}
        partners = partners.drop(index=list(unreadable & set(partners.index)))
        problems += extra_checks(partners, vocabulary) + list(vocabulary.problems)
    except DataFileError as err:
        return Dataset(pd.DataFrame(), vocabulary, fatal=err.said)
    if table.empty:
        shape_problems = [*shape_problems, Problem(None, None, said("no_partnerships"))]
    return Dataset(partners, vocabulary, sort_problems(shape_problems + problems),
                   header_row=table.attrs.get(HEADER_ROW), encoding=table.attrs.get(ENCODING, UTF8))


def load_partners(path: Path | None = None) -> Dataset:
    """The partner file at `path` (default: PARTNERS_CSV or the shipped file) and its types."""
    path = path or settings.partners_csv_path()
    try:
        vocabulary = load_vocabulary(settings.types_path_for(path))
    except DataFileError as err:
        return Dataset(pd.DataFrame(), None, fatal=err.said)
    try:
        raw = read_limited(path)
    except DataFileError as err:
        return Dataset(pd.DataFrame(), vocabulary, fatal=err.said)
    except FileNotFoundError:
        return Dataset(pd.DataFrame(), vocabulary, fatal=said("data_file_missing", path=path.name))
    except OSError as err:
        return Dataset(pd.DataFrame(), vocabulary, fatal=said("data_file_unreadable", path=path.name,
                                                                    reason=err.strerror))
    return load_bytes(raw, vocabulary, path.name)
