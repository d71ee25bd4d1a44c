"""The database store: the partner data and its history in PostgreSQL, through SQLAlchemy 2 and
psycopg 3, for deployments without a lasting disk (Community Cloud) or with several replicas.

Two tables, created on first use (no Alembic: two tables that only ever gain rows do not need
migrations yet). `partner_versions` is append-only (a trigger refuses UPDATE, DELETE and
TRUNCATE): every save inserts the canonical CSV text with its digest, who saved it and a note.
`partner_head` has exactly one row naming the current version, which is always the newest.

A save is a compare-and-swap in one transaction: `SELECT … FROM partner_head FOR UPDATE`
queues concurrent saves on that one row, and once a save holds it, it inserts its version
only if the head is still the version the editor loaded. A save that waited re-reads the
row after the other commits (READ COMMITTED re-checks a locked row), so it sees the new head
and is refused with the same ConflictError as the file store. Locking the newest row of
`partner_versions` instead would not do: the waiter would be handed the row it waited for,
not the one inserted meanwhile, and both saves would pass.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, exc, text

from partnerships.i18n import DEFAULT_LANGUAGE
from partnerships.messages import Message, said
from partnerships.storage import digest_of
from partnerships.stores.base import ConflictError, Saved, StoreUnavailable, Version, VersionInfo

T = TypeVar("T")
CONNECT_TIMEOUT_SECONDS = 5
LOCK_TIMEOUT = "10s"  # a save waits this long for another save's transaction, then gives up
_SCHEMA_LOCK = 0x70617274  # pg_advisory_xact_lock key: two processes creating the schema at once
SCHEMA = (
    """CREATE TABLE IF NOT EXISTS partner_versions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        saved_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        saved_by text NOT NULL,
        content text NOT NULL,
        digest char(64) NOT NULL,
        note text NOT NULL DEFAULT '')""",
    """CREATE TABLE IF NOT EXISTS partner_head (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        version_id bigint REFERENCES partner_versions (id))""",
    "INSERT INTO partner_head (only_row, version_id) VALUES (true, NULL) ON CONFLICT DO NOTHING",
    """CREATE OR REPLACE FUNCTION partner_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'partner_versions is append-only: versions are never changed or deleted'; END $$""",
    """CREATE OR REPLACE TRIGGER partner_versions_append_only
        BEFORE UPDATE OR DELETE OR TRUNCATE ON partner_versions
        FOR EACH STATEMENT EXECUTE FUNCTION partner_versions_append_only()""",
)
_COLUMNS = "id, saved_at, saved_by, digest, note"


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One pool per process and URL. No pre-ping (it would double the one query a rerun
    makes): a connection found dead is retried once instead (`DatabaseStore._run`). No
    server-side prepared statements, so a transaction-mode pooler in front (PgBouncer, as
    hosted databases offer) can hand each transaction another server connection."""
    return create_engine(url, pool_size=5, max_overflow=5, pool_timeout=10, pool_recycle=1800,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS, "prepare_threshold": None})


class DatabaseStore:
    """The partner data in PostgreSQL; a version's id is its row id, as text."""

    name = "partners"
    data_path = None
    keeps_every_version = True

    def __init__(self, url: str) -> None:
        try:
            self.engine = engine_for(url)
        except (exc.ArgumentError, ImportError, ValueError) as err:
            raise StoreUnavailable(f"The database URL cannot be used: {err}") from None
        self.key = self.engine.url.render_as_string(hide_password=True)
        self._ready = False
        self._schema_lock = threading.Lock()

    def describe(self) -> Message:
        return said("data_database")

    def version_name(self, version_id: str, current: bool = False, lang: str = DEFAULT_LANGUAGE) -> str:
        return said("version_numbered", version=version_id).text(lang)

    def head(self) -> str:
        found = self._run(lambda c: c.execute(text("SELECT version_id FROM partner_head")).scalar())
        return "" if found is None else str(found)

    def current(self) -> Version | None:
        row = self._run(lambda c: c.execute(text(
            f"SELECT {_COLUMNS}, content FROM partner_versions WHERE id = (SELECT version_id FROM partner_head)"
        )).one_or_none())
        return None if row is None else _version(row)

    def read(self, version_id: str) -> Version:
        number = _number(version_id)
        row = self._run(lambda c: c.execute(text(f"SELECT {_COLUMNS}, content FROM partner_versions WHERE id = :id"),
                                            {"id": number}).one_or_none())
        if row is None:
            raise KeyError(version_id)
        return _version(row)

    def history(self) -> list[VersionInfo]:
        rows = self._run(lambda c: c.execute(text(
            f"SELECT {_COLUMNS}, octet_length(content) AS size FROM partner_versions "
            "WHERE id IS DISTINCT FROM (SELECT version_id FROM partner_head) ORDER BY id DESC")).all())
        return [VersionInfo(str(r.id), r.digest, r.size, r.saved_at, r.saved_by, r.note) for r in rows]

    def save(self, content: bytes, expected: Version | None, saved_by: str, note: str = "") -> Saved:
        try:
            csv_text = content.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("The database keeps UTF-8 text; this content is not.") from None
        if "\x00" in csv_text:
            raise ValueError("The database cannot keep a NUL character.")
        digest = digest_of(content)
        expected_id = None if expected is None else _number(expected.id)

        def swap(conn: Connection) -> Saved:
            conn.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
            head = conn.execute(text("SELECT version_id FROM partner_head FOR UPDATE")).scalar()
            if head != expected_id:
                raise _conflict(conn, expected_id, head)
            if head is not None and conn.execute(text("SELECT digest FROM partner_versions WHERE id = :id"),
                                                 {"id": head}).scalar() == digest:
                return Saved(str(head), None)  # the same bytes again: nothing to keep twice
            new_id = conn.execute(text(
                "INSERT INTO partner_versions (saved_by, content, digest, note) "
                "VALUES (:by, :content, :digest, :note) RETURNING id"),
                {"by": saved_by, "content": csv_text, "digest": digest, "note": note}).scalar_one()
            conn.execute(text("UPDATE partner_head SET version_id = :id"), {"id": new_id})
            return Saved(str(new_id), None if head is None else str(head))

        return self._run(swap)

    def restore(self, version_id: str, expected: Version | None, saved_by: str) -> Saved:
        return self.save(self.read(version_id).content, expected, saved_by, note=f"restored version {version_id}")

    def _run(self, work: Callable[[Connection], T]) -> T:
        """`work` in one transaction. A pooled connection the server dropped (a restart, an idle
        timeout) is retried once on a fresh one; any other database failure becomes
        StoreUnavailable, so the app says so instead of showing a traceback."""
        self._ensure_schema()
        try:
            try:
                with self.engine.begin() as conn:
                    return work(conn)
            except exc.DBAPIError as err:
                if not err.connection_invalidated:
                    raise
            with self.engine.begin() as conn:  # the pool has let go of the connections it had then
                return work(conn)
        except exc.SQLAlchemyError as err:
            raise StoreUnavailable(_reason(err)) from err

    def _ensure_schema(self) -> None:
        """Create the tables on first use, once per process; skipped when they exist, so an
        account without CREATE rights works on a schema made by someone who has them."""
        if self._ready:
            return
        with self._schema_lock:
            if self._ready:
                return
            try:
                with self.engine.begin() as conn:
                    if conn.execute(text("SELECT to_regclass('partner_head')")).scalar() is None:
                        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
                        for statement in SCHEMA:
                            conn.execute(text(statement))
                        _prefer_lz4(conn)
            except exc.SQLAlchemyError as err:
                raise StoreUnavailable(_reason(err)) from err
            self._ready = True


def _prefer_lz4(conn: Connection) -> None:
    """Compress versions with lz4 where the server has it: a 17 MB version saves in about half
    the time of the default pglz, and takes a fifth less room. A server without it keeps pglz."""
    try:
        with conn.begin_nested():
            conn.execute(text("ALTER TABLE partner_versions ALTER COLUMN content SET COMPRESSION lz4"))
    except exc.DBAPIError:
        pass


def _number(version_id: str) -> int:
    try:
        return int(version_id)
    except (TypeError, ValueError):
        raise KeyError(version_id) from None


def _version(row) -> Version:
    content = row.content.encode("utf-8")
    return Version(str(row.id), content, row.digest, row.saved_at, row.saved_by, row.note)


def _conflict(conn: Connection, expected_id: int | None, head: int | None) -> ConflictError:
    """The file store's refusal, saying which version got in first, when and by whom."""
    found = conn.execute(text("SELECT saved_by, saved_at FROM partner_versions WHERE id = :id"),
                         {"id": head}).one_or_none() if head is not None else None
    started = said("conflict_started", version=expected_id) if expected_id is not None else said("conflict_empty")
    if found is None:
        return ConflictError(said("conflict_database_gone", started=started))
    return ConflictError(said("conflict_database_newer", version=head, by=found.saved_by,
                              at=f"{found.saved_at:%Y-%m-%d %H:%M:%S %Z}", started=started))


def _reason(err: exc.SQLAlchemyError) -> str:
    """The first line of what the driver said (never the URL, so never a password)."""
    original = getattr(err, "orig", None) or err
    first = (str(original).strip().splitlines() or [type(original).__name__])[0]
    return f"The partner database cannot be used right now: {first}"
