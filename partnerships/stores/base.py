"""What every store is and says: its versions, its refusals, and what it can do.

The store modules (files.py, database.py) and the package that chooses between them import
this module, never each other.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from partnerships.conflict import ConflictError
from partnerships.messages import Message

__all__ = ["UNKNOWN", "ConflictError", "Saved", "Store", "StoreUnavailable", "Version", "VersionInfo"]

# Who saved a version nobody recorded: Excel writing the file, a backup older than the log.
UNKNOWN = "unknown"


class StoreUnavailable(Exception):
    """The store cannot be reached or used right now (a database outage, a wrong URL); the
    message says why in words staff can pass on, and never holds a password."""


@dataclass(frozen=True)
class VersionInfo:
    """One saved version as the history lists it, without its content. `digest` is empty
    where the store cannot tell it without reading the content (an old backup)."""

    id: str
    digest: str
    size: int
    saved_at: datetime | None
    saved_by: str
    note: str = ""


@dataclass(frozen=True)
class Version:
    """A version with its content: what an editor loads, and later hands back to `save` as
    the version its edit starts from."""

    id: str
    content: bytes
    digest: str
    saved_at: datetime | None
    saved_by: str
    note: str = ""


@dataclass(frozen=True)
class Saved:
    """The id of the version now current, and the id of the one it replaced, now kept (a
    backup's file name, a row id: `Store.version_name` words it); None when nothing was replaced."""

    id: str
    kept: str | None


class Store(Protocol):
    """What the app needs of a place that keeps the partner data and its history, and what it
    can do, asked rather than told apart by kind."""

    key: str  # names the store in caches; never holds a password
    name: str  # the stem of downloaded files
    data_path: Path | None  # the file it keeps, which Excel may change beside the app; None: a database
    keeps_every_version: bool  # True: nothing is ever pruned (History says so)

    def describe(self) -> Message:
        """Where the data comes from, for a visitor: the file by its name, or 'the partner database'."""

    def version_name(self, version_id: str, current: bool = False, lang: str = "") -> str:
        """A version as staff read it in `lang`: 'version 12', or a backup's (or, `current`, the
        data file's) name."""

    def head(self) -> str:
        """A cheap token of the current version ('' when there is none), asked on every rerun."""

    def current(self) -> Version | None:
        """The current version with its content; None when the store holds nothing yet."""

    def read(self, version_id: str) -> Version:
        """One version by id (KeyError for an id this store does not have)."""

    def history(self) -> list[VersionInfo]:
        """The earlier versions, newest first, not counting the current one."""

    def save(self, content: bytes, expected: Version | None, saved_by: str, note: str = "") -> Saved:
        """Make `content` current if `expected` is still current (None: nothing may be stored
        yet); otherwise raise ConflictError and change nothing."""

    def restore(self, version_id: str, expected: Version | None, saved_by: str) -> Saved:
        """Make an earlier version current again: a save, so the replaced version is kept too."""


