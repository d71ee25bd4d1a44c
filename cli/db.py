"""`python -m partnerships db import FILE | db export OUT.csv | db history`: the database store from
the command line, configured as the app is (`PARTNERS_DB_URL`, else `[connections.partners]` in
`.streamlit/secrets.toml`). Every failure is one line and exit status 1, never a traceback.
The file is validated (as `validate` does) by the command line before `import_file` runs.
"""
from __future__ import annotations

import argparse
import getpass
import os
from datetime import datetime
from pathlib import Path

from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES
from partnerships.messages import said
from partnerships.opening import read_limited
from partnerships.problems import DataFileError
from partnerships.stores import (
    ConflictError, Store, StoreUnavailable, VersionInfo, canonical_bytes, digest_of, open_store,
)
from partnerships.stores.config import StoreSettingError, database_url, secrets_file_connection
from partnerships.terminal import echo

NOT_CONFIGURED = ("No database is configured: set PARTNERS_DB_URL (postgresql+psycopg://user:password@host/db) "
                  "or [connections.partners] in .streamlit/secrets.toml.")


def add_commands(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="the database store: import a file, export a version, list versions")
    actions = db.add_subparsers(dest="db_command", required=True)
    load = actions.add_parser("import", help="validate a partner file (.csv or .xlsx) and make it the current version")
    load.add_argument("file", type=Path)
    load.add_argument("--note", default="", help="why, for the history (default: the file's name)")
    load.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="the language of the file's checks")
    export = actions.add_parser("export", help="write the current version (or --version ID) as a CSV file")
    export.add_argument("out", type=Path)
    export.add_argument("--version", help="a version id from `db history`")
    actions.add_parser("history", help="every version, newest first: id, when, who, size, note")


def saved_by() -> str:
    """Who saves from the command line: the account running it, as far as it can be told."""
    try:
        return f"command line ({getpass.getuser()})"
    except (KeyError, OSError):
        return "command line"


def run(args: argparse.Namespace) -> int:
    try:
        url = database_url(os.environ, secrets_file_connection())
    except StoreSettingError as err:
        echo(err)
        return 1
    if url is None:
        echo(NOT_CONFIGURED)
        return 1
    commands = {"import": import_file, "export": export_version, "history": list_history}
    try:
        return commands[args.db_command](open_store(url), args)
    except StoreUnavailable as err:
        echo(err)
        return 1


def import_file(store: Store, args: argparse.Namespace) -> int:
    """The file, written as the app writes it, becomes the current version; the one it replaces
    stays in the history. Refused (ConflictError) only if someone saved during the import."""
    try:
        content = canonical_bytes(read_limited(args.file), args.file.name)
    except OSError as err:
        echo(f"{args.file}: {err.strerror}")
        return 1
    except DataFileError as err:
        echo(f"{args.file}: {err.text(args.lang)}")
        return 1
    current = store.current()
    if current is not None and current.digest == digest_of(content):
        echo(said("db_same_version", file=str(args.file), version=current.id).text(args.lang))
        return 0
    try:
        result = store.save(content, current, saved_by(), args.note or f"imported {args.file.name}")
    except ConflictError as err:
        echo(err.text(args.lang))
        return 1
    kept = {"kept": store.version_name(result.kept, lang=args.lang)} if result.kept else {}
    key = "db_imported_kept" if result.kept else "db_imported"
    echo(said(key, file=str(args.file), version=result.id, **kept).text(args.lang))
    return 0


def export_version(store: Store, args: argparse.Namespace) -> int:
    try:
        version = store.read(args.version) if args.version else store.current()
    except KeyError:
        echo(f"There is no version {args.version}; `python -m partnerships db history` lists them.")
        return 1
    if version is None:
        echo("The database holds no version yet; `python -m partnerships db import FILE` puts one in.")
        return 1
    try:
        args.out.write_bytes(version.content)
    except OSError as err:
        echo(f"{args.out}: {err.strerror}")
        return 1
    echo(f"{args.out}: version {version.id}, {_when(version.saved_at)} by {version.saved_by}, "
          f"{len(version.content):,} bytes")
    return 0


def list_history(store: Store, args: argparse.Namespace) -> int:
    current = store.current()
    if current is None:
        echo("The database holds no version yet.")
        return 0
    newest = VersionInfo(current.id, current.digest, len(current.content), current.saved_at, current.saved_by,
                         current.note)
    for info in [newest, *store.history()]:
        mark = "  (current)" if info is newest else ""
        echo(f"{info.id:>6}  {_when(info.saved_at)}  {info.saved_by}  {info.size / 1000:,.1f} kB  {info.note}{mark}")
    return 0


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S %Z}".strip() if moment else "—"
