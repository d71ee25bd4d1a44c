"""Where the partner data is kept: a file (the default) or a PostgreSQL database.

Both stores answer the same few questions (which version is current, what did it hold, what
came before) and save the same way: a compare-and-swap against the version the editor loaded,
refused with the same `ConflictError` when someone saved in between. The staff page, the data
cache and the command line talk to a `Store` and never to a file or a database directly.

Nothing here imports SQLAlchemy: the database module is imported only when a database is
configured, so the file store (and the README's two commands) need no database at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import pandas as pd

from partnerships import settings
from partnerships.loading import Dataset, load_bytes, load_partners
from partnerships.problems import DataFileError
from partnerships.reading import check_size, read_table
from partnerships.storage import ConflictError, digest_of
from partnerships.stores.config import DB_URL_ENV, database_url, secrets_file_connection
from partnerships.vocabulary import load_vocabulary
from partnerships.writing import canonical_table, to_csv_bytes

__all__ = ["DB_URL_ENV", "ConflictError", "Saved", "Store", "StoreUnavailable", "UNKNOWN", "Version",
           "VersionInfo", "canonical_bytes", "database_url", "digest_of", "load_version", "open_store",
           "secrets_file_connection", "seed"]

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
    """The id of the version now current, and where the one it replaced is kept, in the words
    staff read (a backup's file name, 'version 12'); None when nothing was replaced."""

    id: str
    kept: str | None


class Store(Protocol):
    """What the app needs of a place that keeps the partner data and its history."""

    kind: str  # "file" or "database": what the history tab says about keeping versions
    key: str  # names the store in caches and messages; never holds a password
    name: str  # the stem of downloaded files

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


@lru_cache(maxsize=8)
def _database_store(url: str) -> Store:
    from partnerships.stores.database import DatabaseStore

    return DatabaseStore(url)


def open_store(url: str | None, data_path: Path | None = None) -> Store:
    """The database store for `url` (one per process and URL, sharing its connection pool),
    else the file store of `data_path` (default: PARTNERS_CSV or the shipped file)."""
    if url:
        return _database_store(url)
    from partnerships.stores.files import FileStore

    return FileStore(data_path or settings.partners_csv_path())


def canonical_bytes(raw: bytes, file_name: str | None = None) -> bytes:
    """A partner file (CSV or workbook) as the app saves it (UTF-8, commas, stable numbers);
    DataFileError when it cannot be read as a table at all."""
    return to_csv_bytes(canonical_table(read_table(raw, file_name=file_name)[0]))


def load_version(content: bytes, data_path: Path) -> Dataset:
    """A stored version validated like a file, against the types file beside `data_path`."""
    try:
        vocabulary = load_vocabulary(settings.types_path_for(data_path))
    except DataFileError as err:
        return Dataset(pd.DataFrame(), None, fatal=err.said)
    try:
        check_size(len(content), settings.limits())
    except DataFileError as err:
        return Dataset(pd.DataFrame(), vocabulary, fatal=err.said)
    return load_bytes(content, vocabulary)


def seed(store: Store, data_path: Path, saved_by: str) -> bool:
    """Give an empty store its first version from the data file, so a new database starts with
    the partners the repository ships. False when the file cannot be used; a seed that loses
    the race to another process's seed (ConflictError) still counts, as the store is filled."""
    dataset = load_partners(data_path)
    if dataset.fatal:
        return False
    try:
        content = canonical_bytes(data_path.read_bytes())
        store.save(content, None, saved_by, note=f"first version, from {data_path.name}")
    except ConflictError:
        pass
    return True
