"""The two stores keep one contract: current, history, a compare-and-swap save that refuses a
stale version with the same ConflictError, restore, and who saved every version."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from partnerships import backups, storage
from partnerships.settings import ROOT
from partnerships.stores import (
    DB_URL_ENV, UNKNOWN, ConflictError, StoreUnavailable, canonical_bytes, database_url, open_store, seed,
)
from partnerships.stores.config import StoreSettingError, secrets_file_connection
from partnerships.stores.files import LOG_KEEP, FileStore
from tests.conftest import GOOD_ROWS, csv_text

V1 = csv_text(GOOD_ROWS[0]).encode()
V2 = csv_text(*GOOD_ROWS[:2]).encode()
V3 = csv_text(*GOOD_ROWS).encode()


@pytest.fixture(params=["file", "database"])
def store(request, tmp_path):
    """An empty store of each kind."""
    if request.param == "file":
        return FileStore(tmp_path / "partners.csv")
    return open_store(request.getfixturevalue("database_url"))


@pytest.mark.parametrize(("lang", "words"), [("en", "Nothing was saved"), ("da", "Intet er gemt"),
                                             ("de", "Nichts wurde gespeichert")])
def test_the_refusal_is_worded_in_the_page_s_language_and_names_no_path(store, lang, words):
    store.save(V1, None, "a")
    loaded = store.current()
    store.save(V2, loaded, "b")
    with pytest.raises(ConflictError) as refused:
        store.save(V3, loaded, "c")
    text = refused.value.text(lang)
    assert words in text and "/" not in text  # no folder, no host: a file by its name, a database by its versions


def test_the_store_says_what_it_can_do(store):
    """The app asks rather than branching on the kind of store."""
    assert store.keeps_every_version == (store.data_path is None)
    assert store.describe().text("da") in ("Data: partnerdatabasen", "Datafil: partners.csv")
    assert store.version_name("12", lang="de") in ("Version 12", "12")


def test_a_new_store_is_empty(store):
    assert store.current() is None and store.head() == "" and store.history() == []


def test_saves_follow_each_other_and_the_history_keeps_who_saved_what(store):
    first = store.save(V1, None, "anna@sonderborg.dk", "first")
    assert store.head() and store.current().content == V1
    second = store.save(V2, store.current(), "staff password", "uploaded partners.csv")
    assert second.kept is not None and second.id != first.id
    current = store.current()
    assert (current.content, current.saved_by, current.note) == (V2, "staff password", "uploaded partners.csv")
    assert current.digest == storage.digest_of(V2)
    [earlier] = store.history()
    assert (earlier.saved_by, earlier.note, earlier.size) == ("anna@sonderborg.dk", "first", len(V1))
    assert earlier.digest == storage.digest_of(V1)
    assert store.read(earlier.id).content == V1


def test_a_save_from_a_stale_version_is_refused_with_the_same_words_and_changes_nothing(store):
    store.save(V1, None, "a")
    loaded = store.current()
    store.save(V2, loaded, "b")
    head = store.head()
    with pytest.raises(ConflictError, match="changed by someone else since you loaded it") as refused:
        store.save(V3, loaded, "c")
    assert "Nothing was saved" in str(refused.value)
    assert store.head() == head and store.current().content == V2 and len(store.history()) == 1
    with pytest.raises(ConflictError):
        store.save(V3, None, "d")  # "nothing is stored yet" is stale too


def test_saving_the_same_bytes_again_keeps_no_second_copy(store):
    store.save(V1, None, "a")
    result = store.save(V1, store.current(), "b")
    assert result.kept is None and store.history() == []


def test_restore_is_a_save_that_keeps_the_version_it_replaces(store):
    store.save(V1, None, "a")
    store.save(V2, store.current(), "b")
    [old] = store.history()
    result = store.restore(old.id, store.current(), "c")
    assert result.kept is not None
    current = store.current()
    assert current.content == V1 and current.saved_by == "c" and "restored" in current.note
    assert [store.read(v.id).content for v in store.history()] == [V2, V1]


def test_restore_from_a_stale_version_is_refused(store):
    store.save(V1, None, "a")
    stale = store.current()
    store.save(V2, stale, "b")
    [old] = store.history()
    with pytest.raises(ConflictError):
        store.restore(old.id, stale, "c")
    assert store.current().content == V2


@pytest.mark.parametrize("version_id", ["../../etc/passwd", "999", "partners.csv", "x"])
def test_an_id_the_store_does_not_have_is_a_key_error(store, version_id):
    store.save(V1, None, "a")
    with pytest.raises(KeyError):
        store.read(version_id)


def test_ten_threads_saving_from_one_version_one_wins(store):
    store.save(V1, None, "a")
    loaded = store.current()
    outcomes: list[str] = []

    def save(n: int) -> None:
        try:
            store.save(V1 + f"x{n},y\n".encode(), loaded, f"thread {n}")
        except ConflictError:
            outcomes.append("conflict")
        else:
            outcomes.append("saved")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["conflict"] * 9 + ["saved"]
    assert len(store.history()) == 1 and store.current().saved_by.startswith("thread ")


# --- the file store: today's storage and backups, plus the log of who saved -------------------

def test_the_file_store_keeps_backups_as_before_and_logs_beside_them(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_bytes(V1)  # written by hand (or Excel): nobody is recorded for it
    store = FileStore(path)
    assert store.current().saved_by == UNKNOWN
    store.save(V2, store.current(), "staff password")
    assert [b.path.read_bytes() for b in backups.versions(path)] == [V1]
    assert store.history()[0].saved_by == UNKNOWN and store.history()[0].id == backups.versions(path)[0].path.name
    assert (backups.folder_of(path) / "partners.csv.saves.jsonl").is_file()
    path.write_bytes(V3)  # Excel saves over it
    assert store.current().saved_by == UNKNOWN
    assert store.history()[0].saved_by == UNKNOWN


def test_who_saved_is_on_disk_before_the_version_is(tmp_path, monkeypatch):
    """A crash between the two can leave a name for a version never written, never a version
    whose author is lost: the log entry is written, synced, and then the file replaced."""
    store = FileStore(tmp_path / "partners.csv")
    store.save(V1, None, "first")
    seen = []
    replace = storage.write_atomically

    def watching(target, content):
        if target == store.path:
            seen.append(store.log.read_text())
        replace(target, content)

    monkeypatch.setattr(storage, "write_atomically", watching)
    store.save(V2, store.current(), "anna@sonderborg.dk")
    assert '"by": "anna@sonderborg.dk"' in seen[-1] and store.current().saved_by == "anna@sonderborg.dk"


def test_a_damaged_log_loses_names_not_versions(tmp_path):
    store = FileStore(tmp_path / "partners.csv")
    store.save(V1, None, "a")
    with store.log.open("a", encoding="utf-8") as handle:
        handle.write('{"at": "2026-01-01T00:00:00+00:00", "by": "cut off mid-wr\n[1, 2]\n')
    store.save(V2, store.current(), "b")
    assert store.current().saved_by == "b" and store.history()[0].saved_by == "a"


def test_the_log_keeps_its_newest_lines(tmp_path, monkeypatch):
    monkeypatch.setattr("partnerships.stores.files.LOG_KEEP", 10)
    store = FileStore(tmp_path / "partners.csv")
    store.save(V1, None, "first")
    for n in range(12):
        store.save(V1 + f"x{n},y\n".encode(), store.current(), f"save {n}")
    lines = store.log.read_text().splitlines()
    assert len(lines) <= 11 and '"save 11"' in lines[-1]
    assert LOG_KEEP == 1000


# --- the database store ------------------------------------------------------------------------

def test_versions_are_append_only(database_url):
    from sqlalchemy import text

    store = open_store(database_url)
    store.save(V1, None, "a")
    for statement in ("UPDATE partner_versions SET saved_by = 'x'", "DELETE FROM partner_versions",
                      "TRUNCATE partner_versions CASCADE"):
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(statement))
    assert store.current().saved_by == "a"


def test_the_schema_is_made_once_even_by_two_processes_at_once(database_url):
    code = "import sys; from partnerships.stores import open_store; print(open_store(sys.argv[1]).head() or '-')"
    children = [subprocess.Popen([sys.executable, "-c", code, database_url], cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [child.communicate(timeout=60) for child in children]
    assert [child.returncode for child in children] == [0] * 4, results
    assert open_store(database_url).history() == []


def test_an_unreachable_database_is_a_clear_message(tmp_path):
    store = open_store(f"postgresql+psycopg://nobody@/partners?host={tmp_path}")
    with pytest.raises(StoreUnavailable, match="The partner database cannot be used right now") as caught:
        store.head()
    assert "Traceback" not in str(caught.value)


def test_content_the_database_cannot_hold_is_refused_before_it_is_sent(database_url):
    store = open_store(database_url)
    for content in (b"\xff\xfe not UTF-8", b"id\x00"):
        with pytest.raises(ValueError):
            store.save(content, None, "a")


def test_seeding_an_empty_store_from_the_data_file(database_url, write_csv):
    path = write_csv(V3.decode().replace(",", ";"))
    store = open_store(database_url)
    assert seed(store, path, "first start")
    current = store.current()
    assert current.content == canonical_bytes(path.read_bytes()) and current.saved_by == "first start"
    assert seed(store, path, "second start") and store.history() == []  # already filled: nothing more


# --- configuration -----------------------------------------------------------------------------

@pytest.mark.parametrize(("environ", "connection", "expected"), [
    ({}, None, None),
    ({"PARTNERS_DB_URL": "postgres://u:p@db.example.org/partners"}, None, "postgresql+psycopg://u:p@db.example.org/partners"),
    ({"PARTNERS_DB_URL": " postgresql://u@h/d?sslmode=require "}, {"url": "ignored"}, "postgresql+psycopg://u@h/d?sslmode=require"),
    ({}, {"url": "postgresql+psycopg://u@h/d"}, "postgresql+psycopg://u@h/d"),
    ({}, {"dialect": "postgresql", "host": "db.example.org", "port": 5432, "database": "partners",
          "username": "app", "password": "s3cr:t@"}, "postgresql+psycopg://app:s3cr%3At%40@db.example.org:5432/partners"),
    ({}, {"host": "/run/postgresql", "database": "partners", "username": "app"},
     "postgresql+psycopg://app@/partners?host=%2Frun%2Fpostgresql"),
])
def test_the_database_url_from_the_environment_or_the_secrets(environ, connection, expected):
    assert database_url(environ, connection) == expected


@pytest.mark.parametrize(("connection", "message"), [
    ({"url": "sqlite:///partners.db"}, "only PostgreSQL"),
    ({"url": "mysql://u@h/d"}, "only PostgreSQL"),
    ({"host": "h"}, "needs a url"),
    ({"database": "d", "port": "fifty"}, "port must be a whole number"),
])
def test_unusable_database_settings_say_which(connection, message):
    with pytest.raises(StoreSettingError, match=message):
        database_url({}, connection)


def test_the_command_line_reads_the_secrets_file(tmp_path):
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        'admin_password = "x"\n[connections.partners]\nurl = "postgresql://u@h/d"\n')
    assert secrets_file_connection((tmp_path / "elsewhere", tmp_path)) == {"url": "postgresql://u@h/d"}
    assert secrets_file_connection((tmp_path / "elsewhere",)) is None


def test_the_app_and_the_command_line_on_the_file_store_never_import_sqlalchemy():
    code = ("import sys; from cli.main import main; from streamlit.testing.v1 import AppTest; "
            "main(['validate', 'data/partners.csv']); "
            "at = AppTest.from_file('dashboard.py', default_timeout=60).run(); assert not at.exception; "
            "sys.exit(1 if 'sqlalchemy' in sys.modules or 'psycopg' in sys.modules else 0)")
    environment = {k: v for k, v in os.environ.items() if k not in (DB_URL_ENV, "PARTNERS_CSV")}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_stores_of_one_database_share_one_pool(database_url):
    assert open_store(database_url) is open_store(database_url)


def test_a_restore_refuses_a_path_that_is_not_a_backup(tmp_path):
    store = FileStore(tmp_path / "partners.csv")
    store.save(V1, None, "a")
    (tmp_path / "secret.csv").write_bytes(b"secret")
    with pytest.raises(KeyError):
        store.restore("../secret.csv", store.current(), "a")
    assert Path(store.key).read_bytes() == V1
