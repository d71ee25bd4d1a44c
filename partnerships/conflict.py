"""The one refusal every store gives when a save starts from a version that is no longer current."""
from __future__ import annotations

from pathlib import Path

from partnerships.messages import Message, said


class ConflictError(Exception):
    """The stored version is not the one the editor loaded: writing would overwrite someone
    else's work, so nothing was written. Every store raises this one, with the same words in
    any language; `reason` says what happened in that store's terms (a file: Excel, a deletion;
    the database: which version got in first), never a path or a host."""

    def __init__(self, reason: Message) -> None:
        self.message = said("conflict", reason=reason)
        super().__init__(self.message.text())

    def text(self, lang: str) -> str:
        return self.message.text(lang)

    @classmethod
    def of_file(cls, path: Path, expected_digest: str | None, current_digest: str | None) -> ConflictError:
        """The file store's refusal: the file is gone, new, or not the bytes the editor loaded."""
        if current_digest is None:
            return cls(said("conflict_file_gone", name=path.name))
        if expected_digest is None:
            return cls(said("conflict_file_new", name=path.name))
        return cls(said("conflict_file_changed", name=path.name))
