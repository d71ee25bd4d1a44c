"""Which database, if any: `PARTNERS_DB_URL`, else `[connections.partners]` in Streamlit's secrets.

The secrets section follows `st.connection(..., type="sql")`: a `url`, or `dialect`, `driver`,
`host`, `port`, `database`, `username`, `password` (and `query`). The app hands over the
section it read from `st.secrets`; the command line reads the same TOML file itself. Only
PostgreSQL through psycopg 3 is supported, so `postgres://` and `postgresql://` URLs, as hosted
databases hand them out, are given the psycopg driver.
"""
from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

DB_URL_ENV = "PARTNERS_DB_URL"
CONNECTION_NAME = "partners"
DRIVER = "postgresql+psycopg"
_BARE_SCHEMES = ("postgres://", "postgresql://")


class StoreSettingError(ValueError):
    """The database settings cannot be used; the message names the setting."""


def database_url(environ: Mapping[str, str], connection: Mapping[str, object] | None) -> str | None:
    """The SQLAlchemy URL of the partner database, or None for the file store."""
    url = environ.get(DB_URL_ENV, "").strip()
    if url:
        return _with_driver(url, DB_URL_ENV)
    if not connection:
        return None
    where = f"[connections.{CONNECTION_NAME}]"
    if connection.get("url"):
        return _with_driver(str(connection["url"]).strip(), f"{where} url")
    if not connection.get("database"):
        raise StoreSettingError(f"{where} needs a url, or at least a database (with host, username, password).")
    from sqlalchemy.engine import URL

    host = str(connection.get("host") or "") or None
    query = {str(k): str(v) for k, v in dict(connection.get("query") or {}).items()}
    if host and host.startswith("/"):  # a unix socket folder goes to psycopg as a parameter
        query, host = {**query, "host": host}, None
    try:
        port = int(connection["port"]) if connection.get("port") else None
    except (TypeError, ValueError):
        raise StoreSettingError(f"{where} port must be a whole number, not {connection['port']!r}.") from None
    built = URL.create(f"{connection.get('dialect', 'postgresql')}+{connection.get('driver', 'psycopg')}",
                       username=connection.get("username"), password=connection.get("password"), host=host,
                       port=port, database=str(connection["database"]), query=query)
    return _with_driver(built.render_as_string(hide_password=False), where)


def _with_driver(url: str, where: str) -> str:
    for bare in _BARE_SCHEMES:
        if url.startswith(bare):
            return DRIVER + "://" + url[len(bare):]
    if not url.startswith(DRIVER + "://"):
        scheme = url.split("://", 1)[0] if "://" in url else url[:20]
        raise StoreSettingError(f"{where}: only PostgreSQL through psycopg 3 is supported "
                                f"(postgresql+psycopg://…), not {scheme!r}.")
    return url


def secrets_file_connection(folders: tuple[Path, ...] = ()) -> Mapping[str, object] | None:
    """`[connections.partners]` from the first `.streamlit/secrets.toml` that has it (the
    current folder's, then the user's), for the command line, which has no `st.secrets`."""
    for folder in folders or (Path.cwd(), Path.home()):
        path = folder / ".streamlit" / "secrets.toml"
        try:
            with path.open("rb") as handle:
                found = tomllib.load(handle).get("connections", {}).get(CONNECTION_NAME)
        except (OSError, tomllib.TOMLDecodeError, AttributeError):
            continue
        if isinstance(found, Mapping):
            return found
    return None
