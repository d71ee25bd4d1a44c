"""AppTest of the staff page: the lock (waits, Log out, idle), uploads good and bad, save, conflict, restore."""
from __future__ import annotations

import logging


import pytest
from streamlit.testing.v1 import AppTest

from app import staff
from partnerships import access, backups, storage
from partnerships.access import PASSWORD_ENV
from partnerships.settings import ROOT
from tests.conftest import GOOD_ROWS, HEADER, PASSWORD, SHIPPED, SHIPPED_CSV, csv_text

ORIGINAL = csv_text(*GOOD_ROWS[:2])


def open_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("views/manage.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def unlock(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input[0].input(password)
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def upload(at: AppTest, content: bytes, name: str = "partners.csv") -> AppTest:
    at.file_uploader(key="manage_upload").set_value((name, content, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def save_button(at: AppTest):
    return at.button(key="upload_save")


def test_without_a_password_editing_is_off(monkeypatch, data_path):
    monkeypatch.delenv(PASSWORD_ENV)
    at = open_page()
    assert "Editing is off" in at.info[0].value and "PARTNERS_ADMIN_PASSWORD" in at.info[0].value
    assert not at.tabs and not at.text_input


def test_a_wrong_password_keeps_it_locked(data_path):
    at = unlock(open_page(), "wrong")
    assert at.error[0].value == "That password is not right."
    assert not at.tabs


def test_the_right_password_opens_the_report(data_path):
    at = unlock(open_page())
    assert [tab.label for tab in at.tabs] == ["Check", "Edit", "Upload", "History", "Download"]
    assert "2 partnerships, no problems." in at.success[0].value


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "The file is empty"),
    (b"\x00\x01garbage", "not text"),
    (b"id,name\nx,y\n", "missing"),
    (b";;;\r\n;;;\r\n", "no header row"),
    (b'id,name\nx,"y\n', "Row 2 opens a quote"),
])
def test_unusable_uploads_are_refused_with_a_message(data_path, content, expected):
    at = upload(unlock(open_page()), content)
    assert any(expected in e.value for e in at.error)
    assert data_path.read_text() == ORIGINAL


def test_upload_with_mistakes_lists_them_and_cannot_be_saved(data_path):
    bad = csv_text(GOOD_ROWS[0], GOOD_ROWS[1].replace("2013", "twenty-thirteen")).replace(",", ";")
    at = upload(unlock(open_page()), bad.encode("utf-8-sig"))
    assert any("1 error(s) in 1 row(s)" in w.value for w in at.warning)
    report = at.tabs[2].dataframe[0].value
    assert report.iloc[0]["row"] == 3 and report.iloc[0]["column"] == "start_year"
    assert save_button(at).disabled
    assert data_path.read_text() == ORIGINAL


def test_danish_excel_upload_previews_saves_and_keeps_a_backup(data_path):
    new = csv_text(GOOD_ROWS[0], GOOD_ROWS[2]).replace(",", ";").replace("38.874", "38,874")
    at = upload(unlock(open_page()), new.encode("cp1252", errors="replace"))
    assert any("1 added, 0 changed, 1 removed" in m.value for m in at.markdown)
    save_button(at).click().run()
    assert not at.exception
    assert "flensburg" in data_path.read_text() and "haiyan" not in data_path.read_text()
    assert "38.874" in data_path.read_text()  # written back in the canonical form
    versions = backups.versions(data_path)
    assert len(versions) == 1 and versions[0].path.read_text() == ORIGINAL
    assert any("Saved." in s.value for s in at.success)


def test_a_save_is_logged_with_who_and_shown_at_the_servers_default_level(data_path, caplog):
    caplog.set_level(logging.INFO, logger="partnerships")
    at = upload(unlock(open_page()), csv_text(GOOD_ROWS[0]).encode())
    save_button(at).click().run()
    saved = [r for r in caplog.records if r.name == "partnerships.store" and r.getMessage().startswith("Saved")]
    assert len(saved) == 1 and saved[0].levelno == logging.INFO
    message = saved[0].getMessage()
    assert message.startswith("Saved partners as version ") and "by staff password" in message
    ours = logging.getLogger("partnerships")  # as a fresh server has it: Python's default, warnings only
    for handler in [h for h in ours.handlers if getattr(h, "ours", False)]:
        ours.removeHandler(handler)
    ours.setLevel(logging.NOTSET)
    AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert ours.getEffectiveLevel() == logging.INFO and any(getattr(h, "ours", False) for h in ours.handlers)


def test_a_large_preview_shows_the_counts_the_first_changes_and_a_table_of_the_rest(data_path):
    rows = [f"p{i:03d},Partner {i},Friendship city,Baoding,China,38.874,115.4646,2010,,," for i in range(160)]
    data_path.write_text(csv_text(*rows))
    at = upload(unlock(open_page()), csv_text(*(row.replace(",2010,,,", ",2010,,New.,") for row in rows)).encode())
    assert any("0 added, 160 changed, 0 removed" in m.value for m in at.markdown)
    changes = [e for e in at.tabs[2].expander if e.label.startswith("Changed")]
    assert len(changes) == 20 and any("and 140 more" in m.value for m in at.markdown)
    page = at.number_input(key="upload_changes_page")
    assert page.max == 2 and at.tabs[2].dataframe[-1].value.iloc[0, 1] == "p020"
    page.set_value(2).run()
    table = at.tabs[2].dataframe[-1].value
    assert len(table) == 40 and list(table.iloc[-1])[1:] == ["p159", "Partner 159", "description", "", "New."]
    assert not save_button(at).disabled


def test_an_upload_says_which_encoding_it_was_read_in(data_path):
    at = upload(unlock(open_page()), csv_text(*GOOD_ROWS).replace("Tyskland", "Østrig").encode("cp1252"))
    assert any(c.value == "The file is not UTF\\-8\\: it was read as Windows\\-1252\\." for c in at.tabs[2].caption)


def test_a_file_changed_meanwhile_is_not_overwritten(data_path):
    at = unlock(open_page())
    data_path.write_text(csv_text(GOOD_ROWS[1]))  # someone saves from Excel after the page loaded
    upload(at, csv_text(*GOOD_ROWS).encode())
    save_button(at).click().run()
    assert any("changed by someone else" in e.value for e in at.error)
    assert data_path.read_text() == csv_text(GOOD_ROWS[1])
    assert backups.versions(data_path) == []
    at.button(key="reload_saved").click().run()
    assert "1 partnerships, no problems." in at.success[0].value


def test_restore_brings_back_an_earlier_version_and_keeps_the_replaced_one(data_path):
    at = upload(unlock(open_page()), csv_text(*GOOD_ROWS).encode())
    save_button(at).click().run()
    saved = data_path.read_text()
    at.button(key="manage_restore").click().run()
    assert not at.exception
    assert data_path.read_text() == ORIGINAL
    assert [b.path.read_text() for b in backups.versions(data_path)] == [saved, ORIGINAL]


def _second_row(**changes: str) -> bytes:
    cells = dict(zip(HEADER.split(","), GOOD_ROWS[1].split(",")))
    cells.update(changes)
    return csv_text(GOOD_ROWS[0], ",".join(cells.values())).encode()


@pytest.mark.parametrize(("content", "column", "message"), [
    (_second_row(lat="95"), "lat", "outside -90 to 90"),
    (_second_row(lon="200"), "lon", "outside -180 to 180"),
    (_second_row(start_year="twenty-thirteen"), "start_year", "is not a year"),
    (_second_row(end_year="2001"), "end_year", "before start_year"),
    (_second_row(id="baoding"), "id", "already used in row 2"),
    (_second_row(name=""), "name", "required but empty"),
    (_second_row(type="Pen pals"), "type", "is not a partnership type"),
    (_second_row(url="javascript:alert(1)"), "url", "only http:// and https://"),
])
def test_every_bad_row_is_named_by_row_and_column_and_blocks_the_save(data_path, content, column, message):
    at = upload(unlock(open_page()), content)
    report = at.tabs[2].dataframe[0].value
    errors = report[report["severity"] == "error"]
    assert errors[["row", "column"]].values.tolist() == [[3, column]]
    assert message in errors.iloc[0]["problem"]
    assert save_button(at).disabled
    assert data_path.read_text() == ORIGINAL


@pytest.mark.parametrize("content", [
    csv_text(*GOOD_ROWS).replace(",", " ;  ").encode("utf-8-sig"),  # ragged whitespace, Danish Excel
    csv_text(*GOOD_ROWS).replace("Flensburg,Tyskland", "Flensborg,Tyskland").encode("cp1252"),  # Windows-1252
    csv_text(GOOD_ROWS[0], GOOD_ROWS[1].replace("Haiyan County", '"<script>alert(1)</script>"')).encode(),
])
def test_good_files_in_any_variant_can_be_saved(data_path, content):
    at = upload(unlock(open_page()), content)
    assert not at.tabs[2].warning, [w.value for w in at.tabs[2].warning]
    assert not save_button(at).disabled


def test_header_only_upload_is_refused(data_path):
    at = upload(unlock(open_page()), (HEADER + "\n").encode())
    assert "no partnerships below it" in at.tabs[2].dataframe[0].value.iloc[0]["problem"]
    assert save_button(at).disabled


def test_a_broken_data_file_can_still_be_replaced_by_an_upload(data_path):
    data_path.write_bytes(b"PK\x03\x04 an Excel workbook saved under the wrong name")
    at = unlock(open_page())
    assert [tab.label for tab in at.tabs] == ["Check", "Upload", "History"]
    upload(at, csv_text(*GOOD_ROWS).encode())
    save_button(at).click().run()
    assert not at.exception
    assert "flensburg" in data_path.read_text()
    assert backups.versions(data_path)[0].path.read_bytes().startswith(b"PK")


def test_an_untouched_excel_file_shows_no_changes(data_path):
    data_path.write_text(ORIGINAL.replace("38.874", "38.8740").replace(",", ";"), encoding="utf-8-sig")
    at = unlock(open_page())
    assert any("No changes to save." in i.value for i in at.tabs[1].info)


@pytest.mark.parametrize(("lang", "environment", "expected"), [
    ("en", {}, "The newest 20 versions are kept, and one a day for 90 days; 1 version kept, {size} kB."),
    ("da", {}, "De nyeste 20 versioner gemmes, og én om dagen i 90 dage; 1 version gemt, {size} kB."),
    ("en", {"PARTNERS_BACKUPS_KEEP": "5", "PARTNERS_BACKUPS_DAYS": "30"},
     "The newest 5 versions are kept, and one a day for 30 days; 1 version kept, {size} kB."),
])
def test_history_says_which_versions_are_kept(monkeypatch, data_path, lang, environment, expected):
    monkeypatch.delenv("PARTNERS_BACKUPS_KEEP", raising=False)
    monkeypatch.delenv("PARTNERS_BACKUPS_DAYS", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    storage.save(data_path, csv_text(*GOOD_ROWS).encode(), storage.snapshot(data_path).digest)
    at = unlock(open_page())
    at.radio(key="lang").set_value(lang).run()
    size = f"{len(ORIGINAL.encode()) / 1000:.1f}"
    size = size.replace(".", ",") if lang == "da" else size
    assert [caption.value for caption in at.tabs[3].caption] == [expected.format(size=size)]


def test_a_mistyped_backup_setting_is_named_in_history(monkeypatch, data_path):
    monkeypatch.setenv("PARTNERS_BACKUPS_DAYS", "a quarter")
    at = unlock(open_page())
    warning = at.tabs[3].warning[0].value.replace("\\", "")
    assert "PARTNERS_BACKUPS_DAYS must be a whole number" in warning and "no version is deleted" in warning


# --- waits after wrong passwords, Log out, the idle lock ---------------------------------------

@pytest.fixture(autouse=True)
def fresh_throttle():
    """The process-wide count of wrong passwords is module state: every test starts and ends clean."""
    access.THROTTLE.reset()
    yield
    access.THROTTLE.reset()


@pytest.fixture
def clock(monkeypatch) -> list[float]:
    """The staff lock's clock, moved by hand (`clock[0] += seconds`), so no test sleeps."""
    now = [1000.0]
    monkeypatch.setattr(access.THROTTLE, "clock", lambda: now[0])
    return now


def test_wrong_passwords_past_the_free_tries_wait_and_a_password_meanwhile_is_not_checked(data_path, clock):
    at = open_page()
    for _ in range(3):
        unlock(at, "wrong")
    assert at.error[0].value == "That password is not right."
    assert at.warning[0].value == "Too many wrong passwords. Try again in 1 second."
    unlock(at)
    assert at.error[0].value == ("Too many wrong passwords. Try again in 1 second. "
                                 "The password you gave was not checked.")
    assert not at.tabs
    clock[0] += 1
    unlock(at, "wrong again")
    assert at.warning[0].value == "Too many wrong passwords. Try again in 2 seconds."
    clock[0] += 2
    assert [tab.label for tab in unlock(at).tabs][:2] == ["Check", "Edit"]


def test_parallel_sessions_share_the_wait(data_path, clock):
    for _ in range(access.PROCESS_BACKOFF.free_tries):
        unlock(open_page(), "wrong")  # a fresh browser session for every guess
    at = unlock(open_page())
    assert "Try again in 1 second. The password you gave was not checked." in at.error[0].value
    assert not at.tabs


def test_log_out_locks_the_page_and_ends_the_editing(data_path):
    at = upload(unlock(open_page()), csv_text(*GOOD_ROWS).encode())
    at.button(key="manage_log_out").click().run()
    assert not at.exception
    assert not at.tabs and at.text_input
    assert at.info[0].value == "Logged out: editing is locked."
    assert not [key for key in staff.EDITING_KEYS if key in at.session_state]
    assert [tab.label for tab in unlock(at).tabs][:2] == ["Check", "Edit"]
    assert data_path.read_text() == ORIGINAL


@pytest.mark.parametrize(("setting", "minutes", "message"), [
    (None, 30, "Locked after 30 minutes without activity."),
    ("1", 1, "Locked after 1 minute without activity."),
    ("soon", 30, "Locked after 30 minutes without activity."),
])
def test_an_idle_session_locks_itself(monkeypatch, data_path, clock, setting, minutes, message):
    if setting is not None:
        monkeypatch.setenv("PARTNERS_EDIT_IDLE_MINUTES", setting)
    at = unlock(open_page())
    for _ in range(3):  # every run of the page counts as activity
        clock[0] += minutes * 60 - 1
        at.run()
        assert at.tabs
    clock[0] += minutes * 60
    at.run()
    assert not at.tabs and at.text_input
    assert at.info[0].value == message
    assert staff.UNLOCKED_KEY not in at.session_state


def test_the_editor_shows_no_none_in_empty_year_or_coordinate_cells():
    """A number column with an empty cell would read "None" in the grid: such a column stays
    text (bounded by a pattern), and a full one is a number column the editor bounds."""
    from app.manage import column_config, editable_table
    from partnerships.reading import read_table
    from partnerships.settings import TYPES_FILE_NAME
    from partnerships.vocabulary import load_vocabulary

    table = editable_table(read_table(SHIPPED_CSV.read_bytes())[0])
    assert table["end_year"].tolist() == [""] * 7  # blank, never None
    assert str(table["start_year"].dtype) == "Int64" and str(table["confirmed"].dtype) == "Int64"
    config = column_config(table, load_vocabulary(SHIPPED / TYPES_FILE_NAME), "en")
    assert config["end_year"]["type_config"]["type"] == "text"
    assert config["end_year"]["type_config"]["validate"] == "^([0-9]{4})?$"
    assert config["start_year"]["type_config"]["type"] == "number"
