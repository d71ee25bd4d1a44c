"""The partnership types, kept in a small CSV beside the partners so staff can add one."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from geo.text import fold
from partnerships.characters import shown
from partnerships.i18n import LANGUAGES
from partnerships.messages import said
from partnerships.opening import read_limited
from partnerships.problems import DataFileError, Problem
from partnerships.reading import read_table

TYPE_COLUMN = "type"
LABEL_COLUMN = "label"  # label_da, label_de, …: the type's name in that language


@dataclass(frozen=True)
class PartnershipType:
    name: str  # in the default language, as files and links name it
    labels: tuple[tuple[str, str], ...] = ()  # (language, label) where the types file gives one

    def label(self, lang: str) -> str:
        return dict(self.labels).get(lang) or self.name


@dataclass(frozen=True)
class Vocabulary:
    """The types in the file's order; that order also fixes each type's colour."""

    types: tuple[PartnershipType, ...]
    problems: tuple[Problem, ...] = field(default=(), compare=False)  # the file's characters (companion_problems)

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.types]

    def canonical(self, text: str) -> str | None:
        """The type's own name for its name or its label in any language, however cased and
        spaced ('venskabsby ' is 'Friendship city'), else None."""
        return self._folded().get(fold(text))

    def get(self, name: str) -> PartnershipType:
        return self.types[self.names.index(name)]

    def _folded(self) -> dict[str, str]:
        """Folded labels first, so a name always wins over another type's label."""
        by_label = {fold(label): t.name for t in self.types for _, label in t.labels}
        return by_label | {fold(t.name): t.name for t in self.types}


def companion_problems(problems: list[Problem], path: Path) -> tuple[Problem, ...]:
    """A companion file's problems (the types file, the tour) among the partner file's: each says
    its file, row and column, and counts for the file as a whole."""
    return tuple(Problem(None, None, said("companion_problem", file=path.name, row=p.row, column=p.column or "",
                                          problem=p.said), p.severity) for p in problems)


def load_vocabulary(path: Path) -> Vocabulary:
    """The types, named and labelled as shown: invisible characters are reported, not shown."""
    try:
        frame, problems = read_table(read_limited(path), known=(TYPE_COLUMN, *(f"{LABEL_COLUMN}_{lang}" for lang in LANGUAGES)))
    except OSError as err:
        raise DataFileError(said("types_unreadable", path=path.name, reason=err.strerror)) from None
    except DataFileError as err:
        raise DataFileError(said("types_file_error", path=path.name, error=err.said)) from None
    if TYPE_COLUMN not in frame.columns:
        raise DataFileError(said("types_need_column", path=path.name, column=TYPE_COLUMN))
    columns = [(lang, f"{LABEL_COLUMN}_{lang}") for lang in LANGUAGES if f"{LABEL_COLUMN}_{lang}" in frame.columns]
    types = tuple(PartnershipType(shown(name), tuple((lang, shown(frame.at[row, column])) for lang, column in columns
                                                     if shown(frame.at[row, column])))
                  for row, name in zip(frame.index, frame[TYPE_COLUMN]) if shown(name))
    if not types:
        raise DataFileError(said("types_file_empty", path=path.name))
    return Vocabulary(types, companion_problems(problems, path))
