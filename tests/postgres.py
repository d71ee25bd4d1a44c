"""A throwaway PostgreSQL for the tests: Debian's `postgresql` binaries, a cluster in a temporary
folder, reached only through a unix socket in that folder (no TCP, so the port is irrelevant).

PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user (which
Debian's package creates), else `nobody`. Where the binaries are missing the tests that need
them are skipped with a reason, except in CI (`CI` set), where .ci/run installs them first
and a missing server is a failure.
"""
from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from glob import glob
from pathlib import Path

import pytest

SUPERUSER = "partners"


def binaries() -> Path | None:
    """The newest `/usr/lib/postgresql/<version>/bin` with initdb and pg_ctl, or $PG_BIN."""
    configured = os.environ.get("PG_BIN")
    candidates = [configured] if configured else sorted(glob("/usr/lib/postgresql/*/bin"),
                                                       key=lambda p: int(Path(p).parent.name), reverse=True)
    for folder in candidates:
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def _server_user() -> pwd.struct_passwd | None:
    """Who runs the server: as root `postgres` (Debian's package makes it) or `nobody`, as
    PostgreSQL refuses root; otherwise whoever runs the tests (None)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("no user other than root to run PostgreSQL as")


class Cluster:
    """One PostgreSQL server in its own folder; `url(name)` is a database in it."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="pg-"))  # short: a socket path has ~100 characters
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._names = itertools.count(1)
        self.user = _server_user()
        if self.user is not None:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        self._pg("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                 "--no-locale", "--no-sync")

    def _pg(self, program: str, *args: str) -> None:
        as_user = ["runuser", "-u", self.user.pw_name, "--"] if self.user is not None else []
        subprocess.run([*as_user, str(self.bin_dir / program), *args], check=True, capture_output=True,
                       timeout=120, cwd=self.folder)

    def start(self, durable: bool = False) -> None:
        """Tests need no crash safety (fsync off); a benchmark of saves does (`durable`)."""
        options = f"-k {self.folder} -c listen_addresses='' -c max_connections=200"
        options += "" if durable else " -c fsync=off"
        self._pg("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.folder}"

    def new_database(self) -> str:
        """A fresh, empty database: each test gets its own, so none sees another's versions."""
        import psycopg

        name = f"test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(host=str(self.folder), user=SUPERUSER, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def remove(self) -> None:
        try:
            self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.folder, ignore_errors=True)


def started_cluster() -> Iterator[Cluster]:
    """A running cluster for as long as the caller holds it; skip (or fail in CI) without one."""
    bin_dir = binaries()
    if bin_dir is None:
        reason = "PostgreSQL is not installed (apt-get install postgresql); the database store is not tested"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    cluster = Cluster(bin_dir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    yield from started_cluster()


@pytest.fixture
def database_url(postgres: Cluster) -> Iterator[str]:
    """A new database in the session's cluster; its connection pools are closed afterwards."""
    from partnerships.stores import database

    url = postgres.new_database()
    yield url
    database.engine_for(url).dispose()


def store_of_kind(request, monkeypatch, path: Path, password: str):
    """The app's store of kind `request.param` ("file" or "database") holding the file at
    `path`, with PARTNERS_CSV and the staff password set: for suites that run on both stores."""
    from partnerships.access import PASSWORD_ENV
    from partnerships.stores import DB_URL_ENV, open_store
    from partnerships.stores.files import FileStore

    monkeypatch.setenv("PARTNERS_CSV", str(path))
    monkeypatch.setenv(PASSWORD_ENV, password)
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    if request.param == "file":
        return FileStore(path)
    url = request.getfixturevalue("database_url")
    monkeypatch.setenv(DB_URL_ENV, url)
    database = open_store(url)
    database.save(path.read_bytes(), None, "the test's setup")
    return database
