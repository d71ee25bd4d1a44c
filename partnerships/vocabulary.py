"""The partnership types, kept in a small CSV beside the partners so staff can add one."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geo.text import fold
from partnerships.i18n import LANGUAGES
from partnerships.messages import said
from partnerships.problems import DataFileError
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


def load_vocabulary(path: Path) -> Vocabulary:
    try:
        frame, _ = read_table(path.read_bytes())
    except OSError as err:
        raise DataFileError(said("types_unreadable", path=str(path), reason=err.strerror)) from None
    except DataFileError as err:
        raise DataFileError(said("types_file_error", path=str(path), error=err.said)) from None
    if TYPE_COLUMN not in frame.columns:
        raise DataFileError(said("types_need_column", path=str(path), column=TYPE_COLUMN))
    columns = [(lang, f"{LABEL_COLUMN}_{lang}") for lang in LANGUAGES if f"{LABEL_COLUMN}_{lang}" in frame.columns]
    types = tuple(PartnershipType(name, tuple((lang, frame.at[row, column]) for lang, column in columns
                                              if frame.at[row, column]))
                  for row, name in zip(frame.index, frame[TYPE_COLUMN]) if name)
    if not types:
        raise DataFileError(said("types_file_empty", path=str(path)))
    return Vocabulary(types)
