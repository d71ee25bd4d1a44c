"""The Manage data flows on both stores (AppTest): check, upload, save, conflict, history,
restore; and, with the database, what every viewer sees: a save from elsewhere on the next
interaction, the settings from Streamlit's secrets, an outage without a traceback."""
from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest

from partnerships.access import PASSWORD_ENV
from partnerships.settings import ROOT
from partnerships.stores import DB_URL_ENV, Store, StoreUnavailable, canonical_bytes, open_store
from tests.conftest import GOOD_ROWS, csv_text
from tests.postgres import started_cluster, store_of_kind

PASSWORD = "grænse-2007"
ORIGINAL = csv_text(*GOOD_ROWS[:2]).encode()
ALL_THREE = csv_text(*GOOD_ROWS).encode()


@pytest.fixture(params=["file", "database"])
def store(request, monkeypatch, write_csv) -> Store:
    """The app's store of each kind, holding ORIGINAL, with editing on."""
    return store_of_kind(request, monkeypatch, write_csv(ORIGINAL), PASSWORD)


def open_manage(unlock: bool = True) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("views/manage.py").run()
    if unlock:
        at.text_input[0].input(PASSWORD)
        at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def upload(at: AppTest, content: bytes) -> AppTest:
    at.file_uploader(key="manage_upload").set_value(("partners.csv", content, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def kept(store: Store) -> list[bytes]:
    return [store.read(version.id).content for version in store.history()]


def test_check_reports_the_current_version_and_who_saved_it(store):
    at = open_manage()
    assert [tab.label for tab in at.tabs] == ["Check", "Edit", "Upload", "History", "Download"]
    assert "2 partnerships, no problems." in at.success[0].value
    expected = "the test's setup" if store.data_path is None else "unknown"
    assert any(expected in caption.value for caption in at.caption)


def test_an_upload_previews_and_saves_and_keeps_the_replaced_version(store):
    at = upload(open_manage(), ALL_THREE.decode().replace(",", ";").encode("utf-8-sig"))
    assert any("1 added, 0 changed, 0 removed" in m.value for m in at.markdown)
    at.button(key="upload_save").click().run()
    assert not at.exception
    assert any("Saved. The previous version is kept as" in s.value for s in at.success)
    current = store.current()
    assert current.content == canonical_bytes(ALL_THREE)
    assert (current.saved_by, current.note) == ("staff password", "uploaded partners.csv")
    assert kept(store) == [ORIGINAL]


def test_an_edit_in_the_browser_is_saved(store):
    at = open_manage()
    at.data_editor(key="manage_editor")  # the table is there to edit
    at.session_state["manage_editor"] = {"edited_rows": {0: {"name": "Baoding City"}}, "added_rows": [],
                                         "deleted_rows": []}
    at.run()
    assert any("0 added, 1 changed, 0 removed" in m.value for m in at.markdown)
    at.button(key="edit_save").click().run()
    assert b"Baoding City" in store.current().content and store.current().note == "edited on Manage data"


def test_a_save_by_someone_else_meanwhile_is_not_overwritten(store):
    at = open_manage()
    theirs = csv_text(GOOD_ROWS[1]).encode()
    store.save(theirs, store.current(), "someone else")  # another session, replica or Excel
    upload(at, ALL_THREE).button(key="upload_save").click().run()
    assert any("changed by someone else" in e.value for e in at.error)
    assert store.current().content == theirs and kept(store) == [ORIGINAL]
    assert at.get("download_button")  # the unsaved version can still be taken away
    at.button(key="reload_saved").click().run()
    assert "1 partnerships, no problems." in at.success[0].value


def test_history_lists_who_saved_and_restore_brings_a_version_back(store):
    at = upload(open_manage(), ALL_THREE)
    at.button(key="upload_save").click().run()
    [option] = at.selectbox(key="manage_backup").options
    assert ("the test's setup" if store.data_path is None else "unknown") in option
    assert any("1 added, 0 changed, 0 removed" in m.value for m in at.tabs[3].markdown)  # from it to now
    at.button(key="manage_restore").click().run()
    assert not at.exception
    assert any("Restored." in s.value for s in at.success)
    assert store.current().content == ORIGINAL and store.current().saved_by == "staff password"
    assert kept(store) == [canonical_bytes(ALL_THREE), ORIGINAL]


def test_the_history_says_what_is_kept(store):
    store.save(ALL_THREE, store.current(), "someone")
    at = open_manage()
    caption = at.tabs[3].caption[0].value
    if store.data_path is None:
        assert caption.startswith("The database keeps every version; 1 earlier version")
    else:
        assert caption.startswith("The newest 20 versions are kept")


def test_every_page_shows_a_save_made_elsewhere_on_the_next_interaction(store):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert at.slider(key="year").min == 2010
    store.save(ALL_THREE, store.current(), "another replica")
    at.slider(key="year").set_value(at.slider(key="year").value).run()
    assert not at.exception
    assert at.slider(key="year").min == 2007  # Flensburg, 2007, is new


# --- the database only ------------------------------------------------------------------------

def test_an_empty_database_starts_with_the_data_file(monkeypatch, write_csv, database_url):
    monkeypatch.setenv("PARTNERS_CSV", str(write_csv(ALL_THREE)))
    monkeypatch.setenv(DB_URL_ENV, database_url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception and at.slider(key="year").min == 2007
    current = open_store(database_url).current()
    assert current.saved_by == "the app's first start" and current.note == "first version, from partners.csv"


def test_a_rerun_asks_the_database_one_cheap_query(monkeypatch, write_csv, database_url):
    from sqlalchemy import event

    monkeypatch.setenv("PARTNERS_CSV", str(write_csv(ORIGINAL)))
    monkeypatch.setenv(DB_URL_ENV, database_url)
    open_store(database_url).save(ALL_THREE, None, "set up")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    engine = open_store(database_url).engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        at.slider(key="year").set_value(at.slider(key="year").value - 1).run()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert not at.exception
    assert statements == ["SELECT version_id FROM partner_head"]


def test_the_database_can_be_named_in_streamlit_secrets(monkeypatch, write_csv, database_url):
    monkeypatch.setenv("PARTNERS_CSV", str(write_csv(ORIGINAL)))
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    open_store(database_url).save(ALL_THREE, None, "set up")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["connections"] = {"partners": {"url": database_url}}
    at.run()
    assert not at.exception
    assert at.slider(key="year").min == 2007  # the database's three partners, not the file's two


def test_unusable_database_settings_are_one_message_on_every_page(monkeypatch, write_csv):
    monkeypatch.setenv("PARTNERS_CSV", str(write_csv(ORIGINAL)))
    monkeypatch.setenv(DB_URL_ENV, "sqlite:///partners.db")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert any("only PostgreSQL" in e.value for e in at.error)


@pytest.fixture
def own_cluster():
    """A cluster of this test's own, to stop and start without disturbing the others."""
    yield from started_cluster()


def test_an_outage_shows_the_last_version_loaded_and_a_message(monkeypatch, write_csv, own_cluster):
    url = own_cluster.new_database()
    monkeypatch.setenv("PARTNERS_CSV", str(write_csv(ORIGINAL)))
    monkeypatch.setenv(DB_URL_ENV, url)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    open_store(url).save(ALL_THREE, None, "set up")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert at.slider(key="year").min == 2007  # the database's three partners: Flensburg began in 2007
    own_cluster.stop()
    at.slider(key="year").set_value(at.slider(key="year").value).run()
    assert not at.exception
    assert any("The partner database cannot be reached right now" in w.value and "last version" in w.value
               for w in at.warning)
    shown = " ".join(element.value for element in [*at.warning, *at.error, *at.markdown, *at.caption])
    assert str(own_cluster.folder) not in shown and "socket" not in shown  # the driver's words go to the log
    assert at.slider(key="year").min == 2007 and at.get("component_instance")  # the map is still drawn
    at.switch_page("views/manage.py").run()
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and any("cannot be reached right now" in e.value for e in at.error)
    assert not any(str(own_cluster.folder) in e.value for e in at.error)
    own_cluster.start()
    at.switch_page("views/home.py").run()
    assert not at.exception and not at.warning


def test_an_outage_is_logged_once_a_minute_however_many_visitors_click(caplog, monkeypatch):
    from app import store as app_store

    caplog.set_level(logging.WARNING, logger="partnerships.store")
    clock = [1000.0]
    monkeypatch.setattr(app_store.time, "monotonic", lambda: clock[0])
    down = StoreUnavailable('The partner database cannot be used right now: connection to server on socket '
                            '"/tmp/pg-x/.s.PGSQL.5432" failed')
    said = {app_store.unreachable(down, "da") for _ in range(50)}
    clock[0] += 61
    app_store.unreachable(down, "en")
    assert said == {"Partnerdatabasen kan ikke nås lige nu"}
    assert [r.getMessage() for r in caplog.records if r.name == "partnerships.store"] == [str(down)] * 2
