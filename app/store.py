"""Which store this app keeps its data in: the one place that reads the database settings
from Streamlit's secrets (`[connections.partners]`) beside `PARTNERS_DB_URL`."""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping

import streamlit as st

from partnerships import settings
from partnerships.i18n import t
from partnerships.stores import Store, StoreUnavailable, open_store
from partnerships.stores.config import CONNECTION_NAME, StoreSettingError, database_url

log = logging.getLogger("partnerships.store")
OUTAGE_LOG_SECONDS = 60
_LOGGED: dict[str, float] = {}  # the outage last logged, and when (time.monotonic)


def _connection_secrets() -> Mapping[str, object] | None:
    try:
        return dict(st.secrets["connections"][CONNECTION_NAME])
    except Exception:  # no secrets file, or no such section: the usual case, not an error
        return None


def current_store() -> Store:
    """The database when one is configured, else the data file. Cheap enough for every rerun:
    a database store is made once per process and URL. Raises StoreSettingError for settings
    that name no usable database, whose message says which."""
    return open_store(database_url(os.environ, _connection_secrets()), settings.partners_csv_path())


def store_or_message() -> tuple[Store | None, str | None]:
    """The store, or None and why the settings cannot be used."""
    try:
        return current_store(), None
    except StoreUnavailable as err:
        return None, unreachable(err, "en")
    except StoreSettingError as err:
        return None, str(err)


def unreachable(err: StoreUnavailable, lang: str) -> str:
    """What a visitor is told of a database outage: that it is one, never what the driver said
    (a host, a socket's path, a user name); that goes to the server's log, once a minute at most
    for the same words, however many visitors click meanwhile."""
    now, said_before = time.monotonic(), _LOGGED.get(str(err))
    if said_before is None or now - said_before >= OUTAGE_LOG_SECONDS:
        _LOGGED.clear()
        _LOGGED[str(err)] = now
        log.warning("%s", err)
    return t("store_unreachable", lang)
