"""Where the partner data is kept: a file (the default) or a PostgreSQL database.

Both stores answer the same few questions (which version is current, what did it hold, what
came before) and save the same way: a compare-and-swap against the version the editor loaded,
refused with the same `ConflictError` when someone saved in between. The staff page, the data
cache and the command line talk to a `Store` and never to a file or a database directly.

Nothing here imports SQLAlchemy: the database module is imported only when a database is
configured, so the file store (and the README's two commands) need no database at all.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from partnerships import settings
from partnerships.loading import Dataset, load_bytes, load_partners
from partnerships.opening import read_limited
from partnerships.problems import DataFileError
from partnerships.reading import check_size, read_table
from partnerships.storage import digest_of
from partnerships.stores.base import UNKNOWN, ConflictError, Saved, Store, StoreUnavailable, Version, VersionInfo
from partnerships.stores.config import DB_URL_ENV, database_url, secrets_file_connection
from partnerships.vocabulary import load_vocabulary
from partnerships.writing import canonical_table, to_csv_bytes

__all__ = ["DB_URL_ENV", "ConflictError", "Saved", "Store", "StoreUnavailable", "UNKNOWN", "Version",
           "VersionInfo", "canonical_bytes", "database_url", "digest_of", "load_version", "open_store",
           "secrets_file_connection", "seed"]

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
        content = canonical_bytes(read_limited(data_path))
        store.save(content, None, saved_by, note=f"first version, from {data_path.name}")
    except ConflictError:
        pass
    return True
