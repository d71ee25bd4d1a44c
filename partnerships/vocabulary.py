"""The partnership types, kept in a small CSV beside the partners so staff can add one."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from geo.text import fold
from partnerships.characters import shown
from partnerships.messages import said
from partnerships.opening import read_limited
from partnerships.problems import DataFileError, Problem
from partnerships.reading import read_table

TYPE_COLUMN = "type"
LABEL_DA_COLUMN = "label_da"


@dataclass(frozen=True)
class PartnershipType:
    name: str
    label_da: str

    def label(self, lang: str) -> str:
        return self.label_da if lang == "da" and self.label_da else self.name


@dataclass(frozen=True)
class Vocabulary:
    """The types in the file's order; that order also fixes each type's colour."""

    types: tuple[PartnershipType, ...]
    problems: tuple[Problem, ...] = field(default=(), compare=False)  # the file's characters (companion_problems)

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.types]

    def canonical(self, text: str) -> str | None:
        """The type's own name for its name or its Danish label, however cased and spaced
        ('venskabsby ' is 'Friendship city'), else None."""
        return self._folded().get(fold(text))

    def get(self, name: str) -> PartnershipType:
        return self.types[self.names.index(name)]

    def _folded(self) -> dict[str, str]:
        """Folded labels first, so a name always wins over another type's label."""
        by_label = {fold(t.label_da): t.name for t in self.types if t.label_da}
        return by_label | {fold(t.name): t.name for t in self.types}


def companion_problems(problems: list[Problem], path: Path) -> tuple[Problem, ...]:
    """A companion file's problems (the types file, the tour) among the partner file's: each says
    its file, row and column, and counts for the file as a whole."""
    return tuple(Problem(None, None, said("companion_problem", file=path.name, row=p.row, column=p.column or "",
                                          problem=p.said), p.severity) for p in problems)


def load_vocabulary(path: Path) -> Vocabulary:
    """The types, named and labelled as shown: invisible characters are reported, not shown."""
    try:
        frame, problems = read_table(read_limited(path), known=(TYPE_COLUMN, LABEL_DA_COLUMN))
    except OSError as err:
        raise DataFileError(said("types_unreadable", path=path.name, reason=err.strerror)) from None
    except DataFileError as err:
        raise DataFileError(said("types_file_error", path=path.name, error=err.said)) from None
    if TYPE_COLUMN not in frame.columns:
        raise DataFileError(said("types_need_column", path=path.name, column=TYPE_COLUMN))
    labels = frame[LABEL_DA_COLUMN] if LABEL_DA_COLUMN in frame.columns else [""] * len(frame)
    types = tuple(PartnershipType(shown(name), shown(label)) for name, label in zip(frame[TYPE_COLUMN], labels)
                  if shown(name))
    if not types:
        raise DataFileError(said("types_file_empty", path=path.name))
    return Vocabulary(types, companion_problems(problems, path))
